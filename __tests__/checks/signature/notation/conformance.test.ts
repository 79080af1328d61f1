/**
 * Conformance over real Notary Project test vectors (notation e2e OCI layouts and notation-go
 * envelopes), read at test time from `../shared/vectors` relative to the repository root. When that
 * folder is absent the suite says so in one line and is skipped, or fails when CI is set
 * (see ../../../shared-vectors.ts).
 *
 * Expected results follow what Notation answers (see each vector folder's README), with one
 * documented divergence: RFC 3161 timestamp countersignatures are not verified by this gate, so a
 * notary.x509 signature whose certificate has expired is reported `expired` even when a timestamp
 * would have vouched for it (Notation would verify those). That is the fail-closed direction.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { decode } from 'cbor2'
import { loadTrustConfig, parseTrustPolicy, verifySignature, type TrustConfig } from '../../../../src/checks/signature/notation/index.js'
import { AwsSignerGovCloudRootPem, AwsSignerRootPem } from '../../../../src/checks/signature/notation/aws-signer.js'
import type { Descriptor, FetchedSignature, SignatureResult } from '../../../../src/core/types.js'
import { vectorsDir, vectorsPresent } from '../../../shared-vectors.js'

const vectors = vectorsDir
const present = vectorsPresent(vectors)

const e2eData = join(vectors, 'notation-e2e', 'test', 'e2e', 'testdata')
const goData = join(vectors, 'notation-go')
const goTrustStore = join(goData, 'verifier', 'testdata', 'truststore')
/** A fixed verification time, so the vectors' validity periods give stable answers. */
const now = new Date('2026-06-01T00:00:00Z')
const reference = 'localhost:5000/e2e'
const noRevocation = async (): Promise<{ revokedEntities: string[] }> => ({ revokedEntities: [] })

let work: string

beforeAll(() => {
  if (present) work = mkdtempSync(join(tmpdir(), 'notation-vectors-'))
})
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

const blob = (layout: string, digest: string): Buffer => readFileSync(join(layout, 'blobs', 'sha256', digest.replace(/^sha256:/, '')))

/** Reads an OCI layout like a registry client would: the `v1` image and the signatures whose subject it is. */
function readLayout(name: string): { subject: Descriptor; signatures: FetchedSignature[] } {
  const layout = join(e2eData, 'registry', 'oci_layout', name)
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as {
    manifests: (Descriptor & { annotations?: Record<string, string> })[]
  }
  const image = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === 'v1')
  if (!image) throw new Error(`no v1 image in ${name}`)
  const subject: Descriptor = { mediaType: image.mediaType, digest: image.digest, size: image.size }
  const candidates: Descriptor[] = []
  for (const m of index.manifests) {
    if (m.mediaType === 'application/vnd.oci.image.index.v1+json') {
      const referrers = JSON.parse(blob(layout, m.digest).toString()) as { manifests: Descriptor[] }
      candidates.push(...referrers.manifests)
    } else if (m.digest !== image.digest) {
      candidates.push(m)
    }
  }
  const seen = new Set<string>()
  const signatures: FetchedSignature[] = []
  for (const c of candidates) {
    if (seen.has(c.digest)) continue
    seen.add(c.digest)
    const manifestBytes = blob(layout, c.digest)
    expect(`sha256:${createHash('sha256').update(manifestBytes).digest('hex')}`).toBe(c.digest)
    const manifest = JSON.parse(manifestBytes.toString()) as {
      artifactType?: string
      config: Descriptor
      layers: Descriptor[]
      subject?: Descriptor
    }
    const isSignature =
      manifest.artifactType === 'application/vnd.cncf.notary.signature' ||
      manifest.config.mediaType === 'application/vnd.cncf.notary.signature'
    if (!isSignature || manifest.subject?.digest !== subject.digest) continue
    const layer = manifest.layers[0] as Descriptor
    signatures.push({
      manifestDigest: c.digest,
      subject: manifest.subject,
      envelopeMediaType: layer.mediaType,
      envelope: blob(layout, layer.digest)
    })
  }
  return { subject, signatures }
}

/** Builds a trust store directory from certificate files (or DER buffers) and loads a policy over it. */
async function trustFrom(policy: string | object, stores: Record<string, (string | Buffer)[]>): Promise<TrustConfig> {
  const dir = mkdtempSync(join(work, 'trust-'))
  for (const [ref, certs] of Object.entries(stores)) {
    const [type, name] = ref.split(':') as [string, string]
    const storeDir = join(dir, 'x509', type, name)
    mkdirSync(storeDir, { recursive: true })
    certs.forEach((cert, i) => {
      if (typeof cert === 'string') copyFileSync(cert, join(storeDir, `${i}-${cert.split('/').pop() ?? 'cert.crt'}`))
      else writeFileSync(join(storeDir, `${i}-leaf.cer`), cert)
    })
  }
  const policyPath = typeof policy === 'string' ? join(e2eData, 'config', 'trustpolicies', policy) : join(dir, 'trustpolicy.json')
  if (typeof policy !== 'string') writeFileSync(policyPath, JSON.stringify(policy))
  return loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policyPath, trustStorePath: dir, partition: 'aws' })
}

async function verify(subject: Descriptor, signatures: FetchedSignature[], trust: TrustConfig): Promise<SignatureResult> {
  return verifySignature({ subject, reference, signatures, trust, now, checkRevocation: noRevocation })
}

function expectStatus(result: SignatureResult, status: SignatureResult['status'], reasonPart?: string): void {
  expect(result.status, `${result.reason ?? ''}\n${(result.details ?? []).join('\n')}`).toBe(status)
  if (reasonPart !== undefined) expect(result.reason ?? '').toContain(reasonPart)
}

const e2eCert = join(e2eData, 'config', 'localkeys', 'e2e.crt')
const expiredE2eCert = join(e2eData, 'config', 'localkeys', 'expired_e2e.crt')

/** The leaf certificate embedded in a JWS or COSE envelope, to trust it directly. */
function embeddedLeaf(envelope: Buffer): Buffer {
  if (envelope[0] === 0x7b) {
    const jws = JSON.parse(envelope.toString()) as { header: { x5c: string[] } }
    return Buffer.from(jws.header.x5c[0] as string, 'base64')
  }
  const cose = decode(envelope) as { contents: [Uint8Array, Map<number, Uint8Array[]>] }
  return Buffer.from((cose.contents[1].get(33) as Uint8Array[])[0] as Uint8Array)
}

describe.skipIf(!present)('conformance: notation e2e OCI layouts', () => {
  it('parses every trust policy of the notation e2e suite', () => {
    const dir = join(e2eData, 'config', 'trustpolicies')
    for (const file of readdirSync(dir)) {
      const statements = parseTrustPolicy(readFileSync(join(dir, file), 'utf8'))
      expect(statements[0]?.name, file).toBe('e2e')
    }
  })

  it('e2e-valid-signature verifies', async () => {
    const { subject, signatures } = readLayout('e2e-valid-signature')
    expect(signatures).toHaveLength(1)
    const result = await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] }))
    expectStatus(result, 'verified')
    expect(result.signer).toBe('C=US, ST=WA, L=Seattle, O=Notary, CN=e2e')
    expect(result.signatureDigest).toBe('sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f')
    expect(result.signedAt).toBe('2023-06-27T05:30:33.000Z')
  })

  it('e2e-valid-signature verifies with a matching x509.subject identity and fails with another', async () => {
    const { subject, signatures } = readLayout('e2e-valid-signature')
    expectStatus(
      await verify(subject, signatures, await trustFrom('valid_trusted_identity_trustpolicy.json', { 'ca:e2e': [e2eCert] })),
      'verified'
    )
    const other = {
      version: '1.0',
      trustPolicies: [
        {
          name: 'e2e',
          registryScopes: ['*'],
          signatureVerification: { level: 'strict' },
          trustStores: ['ca:e2e'],
          trustedIdentities: ['x509.subject: C=US, ST=WA, O=Notary, CN=someone-else']
        }
      ]
    }
    expectStatus(await verify(subject, signatures, await trustFrom(other, { 'ca:e2e': [e2eCert] })), 'untrusted', 'trusted identities')
  })

  it('e2e-valid-signature is untrusted when the trust store holds another certificate', async () => {
    const { subject, signatures } = readLayout('e2e-valid-signature')
    expectStatus(
      await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [expiredE2eCert] })),
      'untrusted',
      'trust store ca:e2e'
    )
  })

  it('e2e-valid-multiple-signatures verifies whichever signature comes first', async () => {
    const { subject, signatures } = readLayout('e2e-valid-multiple-signatures')
    expect(signatures).toHaveLength(2)
    const trust = await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })
    for (const order of [signatures, [...signatures].reverse()]) {
      const result = await verify(subject, order, trust)
      expectStatus(result, 'verified')
      expect(result.signatureDigest).toBe('sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f')
    }
    const reversed = await verify(subject, [...signatures].reverse(), trust)
    expect(reversed.details).toHaveLength(2)
    expect(reversed.details?.[0]).toContain('sha256:c3ebe4a20b6832328fc5078a7795ddc1114b896e13fca2add38109c3866b5fbf')
    expect(reversed.details?.[0]).toContain('untrusted')
  })

  it('e2e-expired-signature is expired under strict, logged under permissive, recorded under audit', async () => {
    const { subject, signatures } = readLayout('e2e-expired-signature')
    expectStatus(
      await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })),
      'expired',
      'the signature expired at 2023-06-27T05:21:21.000Z'
    )
    const permissive = await verify(subject, signatures, await trustFrom('permissive_trustpolicy.json', { 'ca:e2e': [e2eCert] }))
    expectStatus(permissive, 'verified', 'not enforced: expiry')
    expect(permissive.level).toBe('permissive')
    const audit = await verify(subject, signatures, await trustFrom('audit_trustpolicy.json', { 'ca:e2e': [e2eCert] }))
    expectStatus(audit, 'expired')
    expect(audit.level).toBe('audit')
  })

  it('e2e-with-expired-cert fails on the certificate validity', async () => {
    const { subject, signatures } = readLayout('e2e-with-expired-cert')
    const result = await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [expiredE2eCert] }))
    expectStatus(result, 'expired', 'expired at 2023-06-27T06:10:00.000Z')
    expect(result.reason).toContain('authentic timestamp')
    expectStatus(await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })), 'untrusted')
  })

  it('e2e-invalid-signature (layer is not an envelope) is invalid', async () => {
    const { subject, signatures } = readLayout('e2e-invalid-signature')
    expect(signatures).toHaveLength(1)
    expectStatus(
      await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })),
      'invalid',
      'application/vnd.oci.image.layer.v1.tar'
    )
  })

  it('e2e-with-timestamped-signature: its signed expiry has passed', async () => {
    const { subject, signatures } = readLayout('e2e-with-timestamped-signature')
    expect(subject.digest).toBe('sha256:53b0191218aed9a3c1f7c661736ac40cfc8eb928642348fd843ba3f0483c0c20')
    const leaf = embeddedLeaf(Buffer.from((signatures[0] as FetchedSignature).envelope))
    const trust = await trustFrom('timestamp_trustpolicy.json', {
      'ca:e2e': [leaf],
      'tsa:e2e': [join(e2eData, 'config', 'timestamp', 'globalsignTSARoot.cer')]
    })
    expectStatus(await verify(subject, signatures, trust), 'expired', 'the signature expired at 2025-01-21T12:39:46.000Z')
  })

  it('e2e-with-invalid-timestamped-signature: expired certificate, timestamp not accepted as proof', async () => {
    const { subject, signatures } = readLayout('e2e-with-invalid-timestamped-signature')
    const leaf = embeddedLeaf(Buffer.from((signatures[0] as FetchedSignature).envelope))
    const trust = await trustFrom('timestamp_trustpolicy.json', {
      'ca:e2e': [leaf],
      'tsa:e2e': [join(e2eData, 'config', 'timestamp', 'globalsignTSARoot.cer')]
    })
    const result = await verify(subject, signatures, trust)
    expectStatus(result, 'expired', 'RFC 3161 timestamp')
    expect(result.reason).toContain('unsupported')
  })

  it('an image without signatures is missing', async () => {
    const { subject, signatures } = readLayout('e2e')
    expect(signatures).toHaveLength(0)
    expectStatus(await verify(subject, signatures, await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })), 'missing')
  })
})

const mockSubject: Descriptor = {
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  digest: 'sha256:60043cf45eaebc4c0867fea485a039b598f52fd09fd5b07b0b2d2f88fad9d74e',
  size: 528
}
const pluginVerSubject: Descriptor = {
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  digest: 'sha256:fe7e9333395060c2f5e63cf36a38fba10176f183b4163a5794e081a480abba5f',
  size: 942
}

function goEnvelope(file: string, subject: Descriptor, mediaType = 'application/jose+json'): FetchedSignature {
  const envelope = readFileSync(join(goData, file))
  return {
    manifestDigest: `sha256:${createHash('sha256').update(envelope).digest('hex')}`,
    subject,
    envelopeMediaType: mediaType,
    envelope
  }
}

async function goTrust(store: 'ca' | 'signingAuthority', identities: string[] = ['*']): Promise<TrustConfig> {
  const dir = mkdtempSync(join(work, 'policy-'))
  const path = join(dir, 'trustpolicy.json')
  writeFileSync(
    path,
    JSON.stringify({
      version: '1.0',
      trustPolicies: [
        {
          name: 'go',
          registryScopes: ['*'],
          signatureVerification: { level: 'strict' },
          trustStores: [`${store}:valid-trust-store`],
          trustedIdentities: identities
        }
      ]
    })
  )
  return loadTrustConfig({ signingProfileArns: [], trustPolicyPath: path, trustStorePath: goTrustStore, partition: 'aws' })
}

describe.skipIf(!present)('conformance: notation-go envelopes', () => {
  const mock = (name: string): string => join('internal', 'mock', 'testdata', name)

  it.each([
    ['sa_valid_sig_env.json', 'signingAuthority', 'verified', undefined],
    // The *_invalid_* envelopes corrupt the payload encoding, so they fail as malformed.
    ['sa_invalid_sig_env.json', 'signingAuthority', 'invalid', 'integrity check'],
    ['sa_expired_sig_env.json', 'signingAuthority', 'expired', 'the signature expired at 2022-07-29T23:59:00.000Z'],
    ['sa_plugin_sig_env.json', 'signingAuthority', 'invalid', 'requires plugin plugin-name'],
    ['ca_valid_sig_env.json', 'ca', 'verified', undefined],
    ['ca_invalid_sig_env.json', 'ca', 'invalid', 'integrity check'],
    ['ca_expired_sig_env.json', 'ca', 'expired', 'the signature expired at 2022-07-29T23:59:00.000Z'],
    ['ca_plugin_sig_env.json', 'ca', 'invalid', 'requires plugin plugin-name']
  ] as const)('%s under %s trust → %s', async (file, store, status, reason) => {
    const result = await verify(mockSubject, [goEnvelope(mock(file), mockSubject)], await goTrust(store))
    expectStatus(result, status, reason)
  })

  it('sa_valid verifies with the leaf subject as identity, and refuses the wrong store type', async () => {
    const sig = goEnvelope(mock('sa_valid_sig_env.json'), mockSubject)
    const result = await verify(
      mockSubject,
      [sig],
      await goTrust('signingAuthority', ['x509.subject: C=US, ST=WA, L=Seattle, O=Notary, CN=Notation Test Root'])
    )
    expectStatus(result, 'verified')
    expect(result.signedAt).toBe('2020-11-09T07:00:00.000Z')
    expectStatus(await verify(mockSubject, [sig], await goTrust('ca')), 'untrusted', 'no trust store of type signingAuthority')
  })

  it('sa_valid signed for another artifact is invalid', async () => {
    const other = { ...mockSubject, size: 529 }
    expectStatus(
      await verify(other, [goEnvelope(mock('sa_valid_sig_env.json'), other)], await goTrust('signingAuthority')),
      'invalid',
      'names another artifact'
    )
  })

  it.each([
    'ca_compatible_pluginver_sig_env_0.0.9.json',
    'ca_compatible_pluginver_sig_env_1.0.0-alpha.beta.json',
    'ca_compatible_pluginver_sig_env_1.0.0-alpha.json',
    'ca_compatible_pluginver_sig_env_1.0.0.json',
    'ca_incompatible_pluginver_sig_env_1.0.1.json',
    'ca_incompatible_pluginver_sig_env_1.0.9.json',
    'ca_incompatible_pluginver_sig_env_1.1.0-alpha.json',
    'ca_incompatible_pluginver_sig_env_1.2.3.json'
  ])('%s needs a plugin this gate does not implement', async (file) => {
    const result = await verify(pluginVerSubject, [goEnvelope(mock(file), pluginVerSubject)], await goTrust('ca'))
    expectStatus(result, 'invalid', 'requires plugin io.cncf.notary.plugin.unittest.mock, which this gate does not implement')
  })

  it('sig_env_with_metadata is not anchored in the trust store', async () => {
    const subject: Descriptor = {
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      digest: 'sha256:5a07385af4e6b6af81b0ebfd435aedccdfa3507f0609c658209e1aba57159b2b',
      size: 942
    }
    expectStatus(await verify(subject, [goEnvelope(mock('sig_env_with_metadata.json'), subject)], await goTrust('ca')), 'untrusted')
  })

  it('COSE_Sign1 and JWS over the oci-layout manifest verify against their signing certificate', async () => {
    const layout = join(goData, 'internal', 'testdata', 'oci-layout')
    const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: Descriptor[] }
    const m = index.manifests[0] as Descriptor
    const subject: Descriptor = { mediaType: m.mediaType, digest: m.digest, size: m.size }
    const manifestBytes = readFileSync(join(layout, 'blobs', 'sha256', subject.digest.slice(7)))
    expect(manifestBytes.byteLength).toBe(subject.size)
    const cose = goEnvelope(join('internal', 'testdata', 'cose_signature.sig'), subject, 'application/cose')
    const jws = goEnvelope(join('internal', 'testdata', 'jws_signature.sig'), subject)
    for (const sig of [cose, jws]) {
      const trust = await trustFrom(
        {
          version: '1.0',
          trustPolicies: [
            {
              name: 'alpine',
              registryScopes: ['*'],
              signatureVerification: { level: 'strict' },
              trustStores: ['ca:alpine'],
              trustedIdentities: ['*']
            }
          ]
        },
        {
          'ca:alpine': [embeddedLeaf(Buffer.from(sig.envelope))]
        }
      )
      const result = await verify(subject, [sig], trust)
      expectStatus(result, 'verified')
      expect(result.signer).toContain('CN=alpine')
    }
    // A COSE envelope presented as JWS (or the reverse) is malformed, not verified.
    expectStatus(
      await verify(subject, [{ ...cose, envelopeMediaType: 'application/jose+json' }], await goTrust('ca')),
      'invalid',
      'malformed envelope'
    )
  })

  const tsSubject: Descriptor = {
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    digest: 'sha256:c0669ef34cdc14332c0f1ab0c2c01acb91d96014b172f1a76f3a39e63d1f0bda',
    size: 528
  }
  const ts = (name: string): string => join('verifier', 'testdata', 'timestamp', 'sigEnv', name)

  it.each([
    ['withoutTimestamp.sig', 'application/jose+json'],
    ['jwsWithTimestamp.sig', 'application/jose+json'],
    ['coseWithTimestamp.sig', 'application/cose']
  ])('%s verifies while its certificate is valid (timestamp not needed)', async (file, mediaType) => {
    const result = await verify(tsSubject, [goEnvelope(ts(file), tsSubject, mediaType)], await goTrust('ca'))
    expectStatus(result, 'verified')
  })

  it.each([
    ['jwsExpiredWithTimestamp.sig', 'application/jose+json', 'expired', 'expired at'],
    ['coseExpiredWithTimestamp.sig', 'application/cose', 'expired', 'expired at'],
    ['timestampAfterNotAfter.sig', 'application/cose', 'expired', 'expired at'],
    ['timestampBeforeNotBefore.sig', 'application/jose+json', 'untrusted', 'valid only from 2099']
  ] as const)(
    '%s: a certificate outside its validity is not rescued by an unverified timestamp',
    async (file, mediaType, status, reason) => {
      const sig = goEnvelope(ts(file), tsSubject, mediaType)
      const trust = await trustFrom(
        {
          version: '1.0',
          trustPolicies: [
            {
              name: 'ts',
              registryScopes: ['*'],
              signatureVerification: { level: 'strict' },
              trustStores: ['ca:leaf'],
              trustedIdentities: ['*']
            }
          ]
        },
        { 'ca:leaf': [embeddedLeaf(Buffer.from(sig.envelope))] }
      )
      const result = await verify(tsSubject, [sig], trust)
      expectStatus(result, status, reason)
      expect(result.reason).toContain('RFC 3161 timestamp')
    }
  )

  it('detached blob signatures (COSE and JWS) are judged like image signatures', async () => {
    const subject: Descriptor = {
      mediaType: 'application/octet-stream',
      digest: 'sha256:c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4',
      size: 11357
    }
    for (const [file, mediaType] of [
      ['blob.jws.sig', 'application/jose+json'],
      ['blob.cose.sig', 'application/cose']
    ] as const) {
      const envelope = readFileSync(join(e2eData, 'signatures', file))
      const sig: FetchedSignature = { manifestDigest: 'sha256:blob', subject, envelopeMediaType: mediaType, envelope }
      const trust = await trustFrom(
        {
          version: '1.0',
          trustPolicies: [
            {
              name: 'blob',
              registryScopes: ['*'],
              signatureVerification: { level: 'strict' },
              trustStores: ['ca:leaf'],
              trustedIdentities: ['*']
            }
          ]
        },
        { 'ca:leaf': [embeddedLeaf(envelope)] }
      )
      // The signing certificate expired on 2025-01-01; only the (unverified) timestamp could vouch for it.
      expectStatus(await verify(subject, [sig], trust), 'expired', 'RFC 3161 timestamp')
      // Integrity still holds: at level audit-like relaxed timestamp checks the signature verifies.
      const relaxed = await trustFrom(
        {
          version: '1.0',
          trustPolicies: [
            {
              name: 'blob',
              registryScopes: ['*'],
              signatureVerification: { level: 'strict', override: { authenticTimestamp: 'log' } },
              trustStores: ['ca:leaf'],
              trustedIdentities: ['*']
            }
          ]
        },
        { 'ca:leaf': [embeddedLeaf(envelope)] }
      )
      expectStatus(await verify(subject, [sig], relaxed), 'verified', 'not enforced: authentic timestamp')
    }
  })

  it('malformed.jws.sig is invalid', async () => {
    const subject: Descriptor = { mediaType: 'application/octet-stream', digest: `sha256:${'0'.repeat(64)}`, size: 1 }
    const envelope = readFileSync(join(e2eData, 'signatures', 'malformed.jws.sig'))
    const trust = await trustFrom('trustpolicy.json', { 'ca:e2e': [e2eCert] })
    expectStatus(
      await verify(subject, [{ manifestDigest: 'sha256:m', subject, envelopeMediaType: 'application/jose+json', envelope }], trust),
      'invalid',
      'malformed envelope'
    )
  })
})

describe.skipIf(!present)('conformance: AWS Signer roots', () => {
  it('bundles the published roots byte for byte', () => {
    const derived = join(vectors, 'aws-signer-roots', 'derived')
    expect(AwsSignerRootPem.trim()).toBe(readFileSync(join(derived, 'aws-signer-notation-root.pem'), 'utf8').trim())
    expect(AwsSignerGovCloudRootPem.trim()).toBe(readFileSync(join(derived, 'aws-us-gov-signer-notation-root.pem'), 'utf8').trim())
  })
})
