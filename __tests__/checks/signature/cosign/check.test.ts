/**
 * The cosign check over a fake registry (referrers, blobs and the legacy `.sig` tag) and signatures
 * made at test time by emulator/cosign.mjs, verified through the real Sigstore verification: which
 * candidate verifies and what evidence it records, the legacy fallback, each way a signature is
 * refused and the status it gets, and the failures that deny (fail closed) with their exact reasons.
 */
import { createHash, sign } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  cosignArtifact,
  createSigstoreTestPki,
  generateKey,
  hashFor,
  keylessSigner,
  publicKeyDer,
  type CosignArtifact,
  type CosignSigner,
  type SigstoreTestPki
} from '../../../../emulator/cosign.mjs'
import type { KmsPort } from '../../../../src/aws/kms.js'
import type { CheckContext } from '../../../../src/checks/check.js'
import {
  COSIGN_CHECK_ID,
  cosignCheck,
  cosignResult,
  kmsKeyResolver,
  type CosignConfig,
  type CosignEvidence,
  type CosignKey,
  type KmsKeyRef,
  type KmsKeyResolver
} from '../../../../src/checks/signature/cosign/index.js'
import {
  keyFingerprint,
  parseTrustedRoot,
  verifySigstoreBundle,
  type CertificateIdentityPolicy,
  type SigstoreResult,
  type SigstoreTrust,
  type VerifyBundleOptions
} from '../../../../src/checks/sigstore/index.js'
import type { TrustProvider, TrustUse } from '../../../../src/checks/sigstore/refresh.js'
import type { Descriptor } from '../../../../src/core/types.js'
import { RegistryError, type RegistryClient } from '../../../../src/registry/client.js'

const HEX = 'c'.repeat(64)
const DIGEST = `sha256:${HEX}`
const OTHER = `sha256:${'d'.repeat(64)}`
const TAG = `sha256-${HEX}.sig`
const REPO = 'acme/app'
const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'
const ISSUER = 'https://token.actions.githubusercontent.com'
const POLICY: CertificateIdentityPolicy = { subjectAlternativeName: { exact: IDENTITY }, issuer: { exact: ISSUER } }
const ORIGIN = 'test trusted_root.json'
const PEM_LABEL = 'keys/cosign.pub'
const KMS_ARN = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555'
const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
const IN_TOTO = 'application/vnd.in-toto+json'
const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
const MISSING = `no cosign signature of ${DIGEST} (neither a Sigstore bundle referrer nor a ${TAG} tag); sign the digest that is deployed (for a multi-arch image, the index digest) with cosign sign`

const sha = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

let pki: SigstoreTestPki
let trust: SigstoreTrust

beforeAll(async () => {
  pki = await createSigstoreTestPki()
  trust = parseTrustedRoot(JSON.stringify(pki.trustedRoot), ORIGIN)
})

/** An in-memory registry with the calls the check makes: manifests, blobs, the `.sig` tag, the referrers. */
class Registry {
  readonly manifests = new Map<string, Buffer>()
  readonly blobs = new Map<string, Buffer>()
  readonly tags = new Map<string, string>()
  readonly referrers: Descriptor[] = []
  readonly findCalls: string[] = []
  incomplete: string | undefined
  findFailure: unknown

  private layer(layer: CosignArtifact['layers'][number]): Record<string, unknown> {
    const bytes = layer.text !== undefined ? Buffer.from(layer.text) : Buffer.from(layer.base64 ?? '', 'base64')
    const digest = sha(bytes)
    this.blobs.set(digest, bytes)
    return { mediaType: layer.mediaType, digest, size: bytes.length, ...(layer.annotations ? { annotations: layer.annotations } : {}) }
  }

  private manifest(artifact: CosignArtifact): string {
    const config = Buffer.from(artifact.config.text)
    const value = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      ...(artifact.artifactType !== undefined ? { artifactType: artifact.artifactType } : {}),
      config: { mediaType: artifact.config.mediaType, digest: sha(config), size: config.length },
      layers: artifact.layers.map((l) => this.layer(l))
    }
    const bytes = Buffer.from(JSON.stringify(value))
    const digest = sha(bytes)
    this.manifests.set(digest, bytes)
    return digest
  }

  /** Stores a bundle artifact as a referrer of DIGEST; returns its manifest digest. */
  referrer(artifact: CosignArtifact): string {
    const digest = this.manifest(artifact)
    this.referrers.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: this.manifests.get(digest)!.length,
      ...(artifact.artifactType !== undefined ? { artifactType: artifact.artifactType } : {})
    })
    return digest
  }

  /** Stores a legacy artifact under the `.sig` tag; returns its manifest digest. */
  legacy(artifact: CosignArtifact): string {
    const digest = this.manifest(artifact)
    this.tags.set(TAG, digest)
    return digest
  }

  readonly client = {
    getManifest: (_repository: string, reference: string) => {
      const bytes = this.manifests.get(reference)
      if (bytes === undefined) return Promise.reject(new RegistryError(`manifest ${reference} not found`, 404))
      return Promise.resolve({ bytes: new Uint8Array(bytes), mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: reference })
    },
    findManifest: (_repository: string, tag: string) => {
      this.findCalls.push(tag)
      if (this.findFailure !== undefined) return Promise.reject(this.findFailure)
      const digest = this.tags.get(tag)
      const bytes = digest !== undefined ? this.manifests.get(digest) : undefined
      return Promise.resolve(
        bytes === undefined || digest === undefined
          ? undefined
          : { bytes: new Uint8Array(bytes), mediaType: 'application/vnd.oci.image.manifest.v1+json', digest }
      )
    },
    getBlob: (_repository: string, descriptor: Descriptor) => {
      const bytes = this.blobs.get(descriptor.digest)
      if (bytes === undefined) return Promise.reject(new RegistryError(`blob ${descriptor.digest} not found`, 404))
      return Promise.resolve(new Uint8Array(bytes))
    }
  } as unknown as RegistryClient

  artifacts(): CheckContext['artifacts'] {
    return {
      client: () => Promise.resolve(this.client),
      referrers: () => Promise.resolve([...this.referrers]),
      referrersIncomplete: () => Promise.resolve(this.incomplete)
    }
  }
}

function logger(): CheckContext['log'] & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    debug: () => undefined,
    info: (m: string) => void lines.push(m),
    warning: (m: string) => void lines.push(`warning: ${m}`),
    setSecret: () => undefined,
    group: <T>(_: string, fn: () => Promise<T>) => fn()
  }
}

function context(registry: Registry, over: Partial<CheckContext> = {}): CheckContext & { log: ReturnType<typeof logger> } {
  return {
    image: { digest: DIGEST, repository: REPO, region: 'us-east-1' } as CheckContext['image'],
    now: () => Date.parse('2026-02-01T12:00:00Z'),
    log: logger(),
    artifacts: registry.artifacts(),
    ...over
  } as CheckContext & { log: ReturnType<typeof logger> }
}

const pemKey = (signer: CosignSigner, label = PEM_LABEL): CosignKey => ({
  label,
  key: signer.publicKey,
  fingerprint: keyFingerprint(signer.publicKey)
})

function fixed(): TrustProvider & { uses: TrustUse[] } {
  const uses: TrustUse[] = []
  return Object.assign((use: TrustUse) => (uses.push(use), Promise.resolve({ ok: true as const, trust })), { uses })
}

function config(
  over: { pem?: CosignKey[]; kms?: KmsKeyRef[]; identity?: CertificateIdentityPolicy; ignoreTlog?: boolean; trust?: TrustProvider } = {}
): CosignConfig {
  return {
    settings: { keys: [], ignoreTlog: over.ignoreTlog ?? false, ...(over.identity !== undefined ? { identity: over.identity } : {}) },
    trust: over.trust ?? fixed(),
    pemKeys: over.pem ?? [],
    kmsKeys: over.kms ?? []
  }
}

const noKms: KmsKeyResolver = () => Promise.reject(new Error('no KMS in this test'))

async function run(cfg: CosignConfig, ctx: CheckContext, resolveKms: KmsKeyResolver = noKms) {
  const result = await cosignCheck(cfg, resolveKms).run(ctx)
  return { result, evidence: result.evidence as CosignEvidence }
}

const bundleOf = (artifact: CosignArtifact): Record<string, unknown> =>
  JSON.parse(artifact.layers[0]!.text ?? '') as Record<string, unknown>
const oracle = (artifact: CosignArtifact, options: Omit<VerifyBundleOptions, 'trust'>): SigstoreResult =>
  verifySigstoreBundle(bundleOf(artifact), { sha256: HEX }, { trust, ...options })
const refusal = (result: SigstoreResult): { code: string; reason: string } => {
  if (result.ok) throw new Error('expected a refusal')
  return { code: result.code, reason: result.reason }
}

/** The tlog entry of a bundle artifact (as the evidence reports it). */
function tlogOf(artifact: CosignArtifact): { logIndex: string; integratedTime: string } {
  const entry = (bundleOf(artifact) as { verificationMaterial: { tlogEntries: { logIndex: string; integratedTime: string }[] } })
    .verificationMaterial.tlogEntries[0]!
  return { logIndex: entry.logIndex, integratedTime: new Date(Number(entry.integratedTime) * 1000).toISOString() }
}

/** The in-toto statement's digest of a bundle artifact. */
function statementDigest(artifact: CosignArtifact): string {
  const payload = (bundleOf(artifact) as { dsseEnvelope: { payload: string } }).dsseEnvelope.payload
  return sha(Buffer.from(payload, 'base64'))
}

/** A key-signed DSSE bundle of `statement` with no tlog entry (as cosign --tlog-upload=false). */
function dsseBundle(signer: CosignSigner, statement: Record<string, unknown>): CosignArtifact {
  const payload = Buffer.from(JSON.stringify(statement))
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${IN_TOTO.length} ${IN_TOTO} ${payload.length} `), payload])
  const signature = sign(hashFor(signer.publicKey), pae, signer.privateKey)
  const bundle = {
    mediaType: BUNDLE_V03,
    verificationMaterial: {
      publicKey: { hint: createHash('sha256').update(publicKeyDer(signer.publicKey)).digest('base64') },
      tlogEntries: [],
      timestampVerificationData: { rfc3161Timestamps: [] }
    },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: IN_TOTO,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }]
    }
  }
  return {
    artifactType: BUNDLE_V03,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', text: '{}' },
    layers: [{ mediaType: BUNDLE_V03, text: JSON.stringify(bundle) }]
  }
}

/** A referrer whose bundle layer is not JSON (a candidate with a problem: invalid). */
const notJson: CosignArtifact = {
  artifactType: BUNDLE_V03,
  config: { mediaType: 'application/vnd.oci.empty.v1+json', text: '{}' },
  layers: [{ mediaType: BUNDLE_V03, text: 'not json' }]
}

describe('cosignCheck and cosignResult', () => {
  it('describes the check', () => {
    const check = cosignCheck(config(), noKms)
    expect({ ...check, run: undefined }).toStrictEqual({
      id: 'signature/cosign',
      kind: 'signature',
      system: 'cosign',
      title: 'Verify cosign signature',
      run: undefined
    })
    expect(COSIGN_CHECK_ID).toBe('signature/cosign')
  })

  it('passes a verified record with no reason and denies anything else, naming the status and reason', () => {
    const verified: CosignEvidence = { system: 'cosign', status: 'verified' }
    expect(cosignResult(verified)).toStrictEqual({
      id: 'signature/cosign',
      kind: 'signature',
      system: 'cosign',
      status: 'verified',
      enforced: true,
      reasons: [],
      evidence: verified
    })
    expect(cosignResult({ system: 'cosign', status: 'missing', reason: 'none here' })).toMatchObject({
      status: 'missing',
      enforced: true,
      reasons: ['cosign signature missing: none here']
    })
    expect(cosignResult({ system: 'cosign', status: 'invalid' }).reasons).toStrictEqual(['cosign signature invalid'])
  })
})

describe('a verified signature', () => {
  it('verifies a Sigstore bundle referrer with a PEM key and records its evidence', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki })
    const registry = new Registry()
    const manifest = registry.referrer(artifact)
    registry.legacy(await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki }))
    const ctx = context(registry)
    const { result, evidence } = await run(config({ pem: [pemKey(signer)] }), ctx)
    const { logIndex, integratedTime } = tlogOf(artifact)
    expect(result).toMatchObject({ id: 'signature/cosign', status: 'verified', enforced: true, reasons: [] })
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'verified',
      layout: 'sigstore-bundle',
      envelope: BUNDLE_V03,
      signatureDigest: manifest,
      signer: PEM_LABEL,
      key: PEM_LABEL,
      keyFingerprint: keyFingerprint(signer.publicKey),
      tlogIndex: logIndex,
      integratedTime,
      signedAt: integratedTime,
      payloadDigest: statementDigest(artifact),
      details: [`Sigstore bundle in ${manifest}: verified with ${PEM_LABEL}`],
      trustedRoot: ORIGIN
    })
    // A bundle verified: the legacy tag is not read.
    expect(registry.findCalls).toStrictEqual([])
    expect(ctx.log.lines).toStrictEqual([`Found 1 cosign signature(s) for ${DIGEST}`, `cosign signature: verified (${PEM_LABEL})`])
  })

  it('tries every key, and takes the first bundle that verifies without reading the legacy tag', async () => {
    const signer = generateKey('p384')
    const stranger = generateKey('p256')
    const registry = new Registry()
    const bad = registry.referrer(notJson)
    const good = registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    registry.legacy(await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki }))
    const ctx = context(registry)
    const { evidence } = await run(config({ pem: [pemKey(stranger, 'keys/other.pub'), pemKey(signer)] }), ctx)
    expect(evidence).toMatchObject({ status: 'verified', signatureDigest: good, key: PEM_LABEL })
    expect(evidence.details).toStrictEqual([
      `Sigstore bundle in ${bad}: invalid: the Sigstore bundle is not JSON`,
      `Sigstore bundle in ${good}: verified with ${PEM_LABEL}`
    ])
    expect(registry.findCalls).toStrictEqual([])
    expect(ctx.log.lines[0]).toBe(`Found 2 cosign signature(s) for ${DIGEST}`)
  })

  it('verifies a legacy .sig signature with a KMS key, read once through the KMS port in the image region', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki })
    const registry = new Registry()
    const manifest = registry.legacy(artifact)
    const regions: string[] = []
    const port: KmsPort = {
      getPublicKey: (input) =>
        Promise.resolve({
          KeyId: input.KeyId,
          KeyUsage: 'SIGN_VERIFY',
          KeySpec: 'ECC_NIST_P256',
          PublicKey: new Uint8Array(publicKeyDer(signer.publicKey)),
          $metadata: {}
        })
    }
    const resolver = kmsKeyResolver((region) => (regions.push(region), port))
    const ref: KmsKeyRef = { kind: 'kms', reference: `awskms:///${KMS_ARN}`, keyId: KMS_ARN }
    const ctx = context(registry)
    const { evidence } = await run(config({ kms: [ref] }), ctx, resolver)
    const layer = artifact.layers[0]!
    const set = JSON.parse(layer.annotations!['dev.sigstore.cosign/bundle']!) as { Payload: { logIndex: number; integratedTime: number } }
    const time = new Date(set.Payload.integratedTime * 1000).toISOString()
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'verified',
      layout: 'simple-signing',
      envelope: SIMPLE_SIGNING,
      signatureDigest: manifest,
      signer: KMS_ARN,
      key: KMS_ARN,
      keyFingerprint: keyFingerprint(signer.publicKey),
      tlogIndex: String(set.Payload.logIndex),
      integratedTime: time,
      signedAt: time,
      payloadDigest: sha(Buffer.from(layer.base64!, 'base64')),
      details: [`simple-signing layer in ${manifest}: verified with ${KMS_ARN}`],
      trustedRoot: ORIGIN
    })
    expect(regions).toStrictEqual(['us-east-1'])
    expect(registry.findCalls).toStrictEqual([TAG])
    expect(ctx.log.lines).toStrictEqual([`Found 1 cosign signature(s) for ${DIGEST}`, `cosign signature: verified (${KMS_ARN})`])
  })

  it('falls back to the legacy tag when no bundle referrer verifies', async () => {
    const signer = generateKey('p256')
    const registry = new Registry()
    const bad = registry.referrer(notJson)
    const legacy = registry.legacy(await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki }))
    const { evidence } = await run(config({ pem: [pemKey(signer)] }), context(registry))
    expect(evidence).toMatchObject({ status: 'verified', layout: 'simple-signing', signatureDigest: legacy })
    expect(evidence.details).toStrictEqual([
      `Sigstore bundle in ${bad}: invalid: the Sigstore bundle is not JSON`,
      `simple-signing layer in ${legacy}: verified with ${PEM_LABEL}`
    ])
  })

  it('verifies a keyless bundle and records the identity, issuer, and the timestamp authority time', async () => {
    const signer = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki, timestamp: true })
    const registry = new Registry()
    const manifest = registry.referrer(artifact)
    const ctx = context(registry)
    // Keys are ignored when an identity is given.
    const { evidence } = await run(config({ identity: POLICY, pem: [pemKey(generateKey('p256'))] }), ctx)
    const verified = oracle(artifact, { identity: POLICY })
    if (!verified.ok) throw new Error(verified.reason)
    const tsa = verified.timestamps.find((t) => t.source === 'timestamp-authority')!.time.toISOString()
    const { logIndex, integratedTime } = tlogOf(artifact)
    expect(tsa).not.toBe(integratedTime)
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'verified',
      layout: 'sigstore-bundle',
      envelope: BUNDLE_V03,
      signatureDigest: manifest,
      signer: IDENTITY,
      identity: IDENTITY,
      issuer: ISSUER,
      tlogIndex: logIndex,
      integratedTime,
      timestampTime: tsa,
      signedAt: integratedTime,
      payloadDigest: statementDigest(artifact),
      details: [`Sigstore bundle in ${manifest}: verified`],
      trustedRoot: ORIGIN
    })
    expect(ctx.log.lines).toStrictEqual([`Found 1 cosign signature(s) for ${DIGEST}`, `cosign signature: verified (${IDENTITY})`])
  })

  it('verifies a key bundle without a tlog entry only when the tlog is ignored', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, tlog: false })
    const registry = new Registry()
    const manifest = registry.referrer(artifact)
    const { evidence } = await run(config({ pem: [pemKey(signer)], ignoreTlog: true }), context(registry))
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'verified',
      layout: 'sigstore-bundle',
      envelope: BUNDLE_V03,
      signatureDigest: manifest,
      signer: PEM_LABEL,
      key: PEM_LABEL,
      keyFingerprint: keyFingerprint(signer.publicKey),
      payloadDigest: statementDigest(artifact),
      details: [`Sigstore bundle in ${manifest}: verified with ${PEM_LABEL}`],
      trustedRoot: ORIGIN
    })

    const required = await run(config({ pem: [pemKey(signer)] }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { publicKey: signer.publicKey }))
    expect(code).toBe('TLOG_ERROR')
    const why = `${reason}: the signature has no transparency-log entry; cosign requires one unless 'cosign-ignore-tlog' is set (insecure: only for keys signed with --tlog-upload=false)`
    expect(required.evidence).toStrictEqual({
      system: 'cosign',
      status: 'untrusted',
      reason: why,
      signatureDigest: manifest,
      details: [`Sigstore bundle in ${manifest}: untrusted: ${why}`],
      trustedRoot: ORIGIN
    })
    expect(required.result.reasons).toStrictEqual([`cosign signature untrusted: ${why}`])
  })
})

describe('a key signature with a timestamp', () => {
  it('is untrusted (not expired) when its timestamp is from an authority the root does not trust', async () => {
    const signer = generateKey('p256')
    const other = await createSigstoreTestPki()
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki: other, tlog: false, timestamp: true })
    const registry = new Registry()
    registry.referrer(artifact)
    const { evidence } = await run(config({ pem: [pemKey(signer)], ignoreTlog: true }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { publicKey: signer.publicKey, tlogThreshold: 0 }))
    expect(code).toBe('TIMESTAMP_ERROR')
    expect(evidence).toMatchObject({
      status: 'untrusted',
      reason: `${reason}: no transparency-log entry or timestamp proves the certificate was valid when it signed`
    })
  })
})

describe('no signature', () => {
  it('is missing when there is neither a referrer nor a .sig tag', async () => {
    const registry = new Registry()
    const ctx = context(registry)
    const { result, evidence } = await run(config({ pem: [pemKey(generateKey('p256'))] }), ctx)
    expect(evidence).toStrictEqual({ system: 'cosign', status: 'missing', reason: MISSING, trustedRoot: ORIGIN })
    expect(result.status).toBe('missing')
    expect(registry.findCalls).toStrictEqual([TAG])
    expect(ctx.log.lines).toStrictEqual([`Found 0 cosign signature(s) for ${DIGEST}`])
  })

  it('says when the referrers list was cut short', async () => {
    const registry = new Registry()
    registry.incomplete = 'over 1000 referrers'
    const { evidence } = await run(config({ pem: [pemKey(generateKey('p256'))] }), context(registry))
    expect(evidence.reason).toBe(
      `${MISSING}; the referrers list is incomplete (over 1000 referrers), so a cosign signature beyond it was not examined: remove unused referrers of the image or check the registry`
    )
  })
})

describe('a refused signature', () => {
  it('is untrusted when signed with another key, naming the key', async () => {
    const signer = generateKey('p256')
    const key = pemKey(generateKey('p256'))
    const registry = new Registry()
    const manifest = registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    const ctx = context(registry)
    const { evidence } = await run(config({ pem: [key] }), ctx)
    const why = `the signature does not verify with ${PEM_LABEL} (${key.fingerprint}): signed with another key, or altered after signing`
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'untrusted',
      reason: why,
      signatureDigest: manifest,
      details: [`Sigstore bundle in ${manifest}: untrusted: ${why}`],
      trustedRoot: ORIGIN
    })
    expect(registry.findCalls).toStrictEqual([TAG])
    expect(ctx.log.lines).toStrictEqual([`Found 1 cosign signature(s) for ${DIGEST}`, `cosign signature: untrusted (${why})`])
  })

  it('says how many keys were tried when none verifies', async () => {
    const signer = generateKey('p256')
    const first = pemKey(generateKey('p256'), 'keys/a.pub')
    const second = pemKey(generateKey('p256'), 'keys/b.pub')
    const registry = new Registry()
    registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    const { evidence } = await run(config({ pem: [first, second] }), context(registry))
    expect(evidence.reason).toBe(
      `the signature does not verify with keys/b.pub (${second.fingerprint}): signed with another key, or altered after signing (tried 2 keys)`
    )
  })

  it('is invalid when the bundle signs another digest (no key count: not a key problem)', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki, claimDigest: OTHER })
    const registry = new Registry()
    const manifest = registry.referrer(artifact)
    const { evidence } = await run(config({ pem: [pemKey(generateKey('p256'), 'keys/a.pub'), pemKey(signer)] }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { publicKey: signer.publicKey }))
    expect(code).toBe('ARTIFACT_MISMATCH')
    expect(evidence).toMatchObject({ status: 'invalid', reason, signatureDigest: manifest })
  })

  it('is invalid when a legacy payload names another digest', async () => {
    const signer = generateKey('p256')
    const registry = new Registry()
    const manifest = registry.legacy(await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki, claimDigest: OTHER }))
    const { evidence } = await run(config({ pem: [pemKey(signer)] }), context(registry))
    const why = `the payload signs ${OTHER}, not the deployed digest ${DIGEST}: it is a signature of another image`
    expect(evidence).toMatchObject({
      status: 'invalid',
      reason: why,
      signatureDigest: manifest,
      details: [`simple-signing layer in ${manifest}: invalid: ${why}`]
    })
  })

  it('is invalid when a legacy layer has no signature annotation', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki })
    const layer = artifact.layers[0]!
    const registry = new Registry()
    registry.legacy({ ...artifact, layers: [{ ...layer, annotations: {} }] })
    const { evidence } = await run(config({ pem: [pemKey(signer)] }), context(registry))
    expect(evidence).toMatchObject({
      status: 'invalid',
      reason: 'the signature layer is malformed: the layer has no dev.cosignproject.cosign/signature annotation'
    })
  })

  it('is invalid when a legacy payload was altered after signing', async () => {
    const signer = generateKey('p256')
    const registry = new Registry()
    registry.legacy(await cosignArtifact({ digest: DIGEST, layout: 'legacy', signer, pki, tamper: 'payload' }))
    const { evidence } = await run(config({ pem: [pemKey(signer)] }), context(registry))
    expect(evidence.status).toBe('invalid')
  })

  it('is invalid when the statement is not a cosign image signature', async () => {
    const signer = generateKey('p256')
    const subject = [{ name: 'test', digest: { sha256: HEX } }]
    const registry = new Registry()
    registry.referrer(
      dsseBundle(signer, {
        _type: 'https://in-toto.io/Statement/v1',
        subject,
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: {}
      })
    )
    const cfg = config({ pem: [pemKey(signer)], ignoreTlog: true })
    expect((await run(cfg, context(registry))).evidence.reason).toBe(
      `the statement's predicateType is "https://slsa.dev/provenance/v1", not ${SIGN_PREDICATE} (an attestation is not an image signature)`
    )
    const none = new Registry()
    none.referrer(dsseBundle(signer, { _type: 'https://in-toto.io/Statement/v1', subject, predicate: {} }))
    expect((await run(cfg, context(none))).evidence).toMatchObject({
      status: 'invalid',
      reason: `the statement's predicateType is null, not ${SIGN_PREDICATE} (an attestation is not an image signature)`
    })
    // The same statement with cosign's predicate verifies.
    const ok = new Registry()
    ok.referrer(dsseBundle(signer, { _type: 'https://in-toto.io/Statement/v1', subject, predicateType: SIGN_PREDICATE, predicate: {} }))
    expect((await run(cfg, context(ok))).evidence.status).toBe('verified')
  })

  it('is invalid when there is no key and no identity to verify with', async () => {
    const signer = generateKey('p256')
    const registry = new Registry()
    registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    const { evidence } = await run(config(), context(registry))
    expect(evidence).toMatchObject({ status: 'invalid', reason: 'no key to verify with' })
  })

  it('reports the most telling refusal: untrusted before invalid', async () => {
    const signer = generateKey('p256')
    const registry = new Registry()
    registry.referrer(notJson)
    const second = registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    const key = pemKey(generateKey('p256'))
    const ctx = context(registry)
    const { evidence } = await run(config({ pem: [key] }), ctx)
    const why = `the signature does not verify with ${PEM_LABEL} (${key.fingerprint}): signed with another key, or altered after signing`
    expect(evidence).toMatchObject({ status: 'untrusted', reason: why, signatureDigest: second })
    expect(ctx.log.lines[1]).toBe(`cosign signature: untrusted (${why})`)
  })

  it('appends the incomplete-listing clause to a refusal', async () => {
    const registry = new Registry()
    registry.referrer(notJson)
    registry.incomplete = 'paginated'
    const { evidence } = await run(config({ pem: [pemKey(generateKey('p256'))] }), context(registry))
    expect(evidence.reason).toBe(
      'the Sigstore bundle is not JSON; the referrers list is incomplete (paginated), so a cosign signature beyond it was not examined: remove unused referrers of the image or check the registry'
    )
  })
})

describe('keyless identity', () => {
  it.each([
    ['SAN', { ...POLICY, subjectAlternativeName: { exact: `${IDENTITY}x` } }],
    ['issuer', { ...POLICY, issuer: { exact: 'https://accounts.google.com' } }]
  ] as const)('is untrusted when the %s does not match', async (_, policy) => {
    const signer = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki })
    const registry = new Registry()
    const manifest = registry.referrer(artifact)
    const { evidence } = await run(config({ identity: policy }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { identity: policy }))
    expect(code).toBe('IDENTITY_MISMATCH')
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'untrusted',
      reason,
      signatureDigest: manifest,
      details: [`Sigstore bundle in ${manifest}: untrusted: ${reason}`],
      trustedRoot: ORIGIN
    })
  })

  it('is untrusted when a key is expected but the bundle carries a certificate', async () => {
    const signer = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
    const registry = new Registry()
    registry.referrer(await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki }))
    const { evidence } = await run(config({ pem: [pemKey(signer)] }), context(registry))
    expect(evidence).toMatchObject({
      status: 'untrusted',
      reason: 'the bundle carries a certificate (a keyless signature), but a public key was expected'
    })
  })

  it('is untrusted when the certificate is from another CA', async () => {
    const other = await createSigstoreTestPki()
    const signer = await keylessSigner(other, { identity: IDENTITY, issuer: ISSUER })
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki })
    const registry = new Registry()
    registry.referrer(artifact)
    const { evidence } = await run(config({ identity: POLICY }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { identity: POLICY }))
    expect(code).toBe('CERTIFICATE_ERROR')
    expect(evidence).toMatchObject({ status: 'untrusted', reason })
  })

  it('is expired when nothing proves when the certificate signed', async () => {
    const signer = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
    const artifact = await cosignArtifact({ digest: DIGEST, layout: 'bundle', signer, pki, tlog: false })
    const registry = new Registry()
    registry.referrer(artifact)
    const { evidence } = await run(config({ identity: POLICY, ignoreTlog: true }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { identity: POLICY, tlogThreshold: 0 }))
    expect(code).toBe('TIMESTAMP_ERROR')
    expect(evidence).toMatchObject({
      status: 'expired',
      reason: `${reason}: no transparency-log entry or timestamp proves the certificate was valid when it signed`
    })
  })

  it('is invalid when a keyless signature does not match the signed content', async () => {
    const signer = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
    const artifact = await cosignArtifact({
      digest: DIGEST,
      layout: 'bundle',
      signer,
      pki,
      tlog: false,
      timestamp: true,
      tamper: 'payload'
    })
    const registry = new Registry()
    registry.referrer(artifact)
    const { evidence } = await run(config({ identity: POLICY, ignoreTlog: true }), context(registry))
    const { code, reason } = refusal(oracle(artifact, { identity: POLICY, tlogThreshold: 0 }))
    expect(code).toBe('SIGNATURE_ERROR')
    expect(evidence).toMatchObject({ status: 'invalid', reason: `${reason}: the signature does not match the signed content` })
  })
})

describe('failures that deny (fail closed)', () => {
  it('is invalid when the trusted root cannot be obtained', async () => {
    const cfg = config({ trust: () => Promise.resolve({ ok: false, reason: 'the TUF mirror refused' }) })
    const { result, evidence } = await run(cfg, context(new Registry()))
    expect(evidence).toStrictEqual({ system: 'cosign', status: 'invalid', reason: 'the TUF mirror refused' })
    expect(result.reasons).toStrictEqual(['cosign signature invalid: the TUF mirror refused'])
  })

  it('hands the trusted root the run log and, when there is one, the run signal', async () => {
    const provider = fixed()
    const registry = new Registry()
    const ctx = context(registry)
    await run(config({ trust: provider }), ctx)
    const signal = new AbortController().signal
    const withSignal = context(registry, { signal })
    await run(config({ trust: provider }), withSignal)
    expect(provider.uses).toHaveLength(2)
    expect(provider.uses[0]).toStrictEqual({ log: ctx.log })
    expect(provider.uses[1]).toStrictEqual({ log: withSignal.log, signal })
  })

  it('is invalid when a KMS key cannot be read', async () => {
    const ref: KmsKeyRef = { kind: 'kms', reference: `awskms:///${KMS_ARN}`, keyId: KMS_ARN }
    const asked: [KmsKeyRef, string][] = []
    const resolver: KmsKeyResolver = (r, region) => (asked.push([r, region]), Promise.reject(new Error('AccessDenied')))
    const { evidence } = await run(config({ kms: [ref] }), context(new Registry()), resolver)
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'invalid',
      reason: 'the cosign key could not be read: AccessDenied',
      trustedRoot: ORIGIN
    })
    expect(asked).toStrictEqual([[ref, 'us-east-1']])
  })

  it.each([
    [
      'the registry client',
      (a: CheckContext['artifacts']) => ({ ...a, client: () => Promise.reject(new Error('no ECR token')) }),
      'no ECR token'
    ],
    [
      'the referrers',
      (a: CheckContext['artifacts']) => ({ ...a, referrers: () => Promise.reject(new RegistryError('referrers: HTTP 500', 500)) }),
      'referrers: HTTP 500'
    ]
  ] as const)('is invalid when %s cannot be obtained', async (_, patch, message) => {
    const registry = new Registry()
    const { result, evidence } = await run(
      config({ pem: [pemKey(generateKey('p256'))] }),
      context(registry, { artifacts: patch(registry.artifacts()) })
    )
    const why = `cosign signatures could not be fetched from the registry: ${message}`
    expect(evidence).toStrictEqual({ system: 'cosign', status: 'invalid', reason: why, trustedRoot: ORIGIN })
    expect(result).toMatchObject({ status: 'invalid', enforced: true, reasons: [`cosign signature invalid: ${why}`] })
  })

  it('is invalid when the legacy tag cannot be read', async () => {
    const registry = new Registry()
    registry.findFailure = new RegistryError('tag lookup: HTTP 503', 503)
    const { evidence } = await run(config({ pem: [pemKey(generateKey('p256'))] }), context(registry))
    expect(evidence).toStrictEqual({
      system: 'cosign',
      status: 'invalid',
      reason: 'cosign signatures could not be fetched from the registry: tag lookup: HTTP 503',
      trustedRoot: ORIGIN
    })
  })
})
