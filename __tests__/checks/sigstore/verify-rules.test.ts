/**
 * The rules of the shared Sigstore verification, one refusal or evidence field at a time: the exact
 * reasons and codes, the key hash by curve, the artifact match of message signatures and DSSE
 * statements, key vs certificate material, identity mismatches, thresholds, and the tlog and
 * timestamp evidence (including entries without a SET or without a positive integrated time).
 * Bundles are made here with node:crypto, or by emulator/cosign.mjs against a test Sigstore instance.
 */
import { createHash, createPublicKey, generateKeyPairSync, sign, X509Certificate as NodeX509, type KeyObject } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleFromJSON } from '@sigstore/bundle'
import { dsse, json } from '@sigstore/core'
import { toSignedEntity } from '@sigstore/verify'
import { createSigstoreTestPki, cosignArtifact, generateKey, keylessSigner } from '../../../emulator/cosign.mjs'
import {
  hashForKey,
  keyFingerprint,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  verifySigstoreBundle,
  type SigstoreTrust
} from '../../../src/checks/sigstore/index.js'

const V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const V01 = 'application/vnd.dev.sigstore.bundle+json;version=0.1'
const IN_TOTO = 'application/vnd.in-toto+json'
const ISSUER_V1 = '1.3.6.1.4.1.57264.1.1'
const ISSUER_V2 = '1.3.6.1.4.1.57264.1.8'
const identity = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'
const issuer = 'https://token.actions.githubusercontent.com'
const imageDigest = `sha256:${'c'.repeat(64)}`
const hex = imageDigest.slice(7)
const digest = 'a'.repeat(64)

/** What the module under test shows of an error: its message, prefixed by its code when the message lacks it. */
function described(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = (error as Error).message
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

function thrown(f: () => unknown): unknown {
  try {
    f()
  } catch (error) {
    return error
  }
  throw new Error('expected a throw')
}

const statementOf = (subject: unknown): Buffer =>
  Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject, predicateType: 'https://x.test/p', predicate: {} }))
const statement = (sha256: string): Buffer => statementOf([{ name: 'img', digest: { sha256 } }])

function dsseBundle(privateKey: KeyObject, payload: Buffer, payloadType = IN_TOTO, hash: string | undefined = 'sha256') {
  const sig = sign(hash, dsse.preAuthEncoding(payloadType, payload), privateKey)
  return {
    mediaType: V03,
    verificationMaterial: { publicKey: { hint: 'test' }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] }
  }
}

function messageBundle(privateKey: KeyObject, bytes: Buffer, algorithm: string, messageDigest: Buffer, hash = 'sha256') {
  return {
    mediaType: V03,
    verificationMaterial: { publicKey: { hint: 'test' }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } },
    messageSignature: {
      messageDigest: { algorithm, digest: messageDigest.toString('base64') },
      signature: sign(hash, bytes, privateKey).toString('base64')
    }
  }
}

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const noTlog = { trust: publicGoodTrustedRoot(), tlogThreshold: 0 }
const policy = { subjectAlternativeName: { exact: identity }, issuer: { exact: issuer } }

let pki: Awaited<ReturnType<typeof createSigstoreTestPki>>
let trust: SigstoreTrust

beforeAll(async () => {
  pki = await createSigstoreTestPki()
  trust = parseTrustedRoot(JSON.stringify(pki.trustedRoot), 'test trusted_root.json')
})

interface TlogEntryJson {
  logIndex: string
  logId: { keyId: string }
  integratedTime: string
  canonicalizedBody: string
  inclusionPromise?: { signedEntryTimestamp: string }
  inclusionProof?: unknown
}
interface BundleJson {
  mediaType: string
  verificationMaterial: { tlogEntries: TlogEntryJson[] }
  dsseEnvelope: { payload: string }
}

const bundleOf = async (o: Omit<Parameters<typeof cosignArtifact>[0], 'digest' | 'layout'>): Promise<BundleJson> =>
  JSON.parse((await cosignArtifact({ digest: imageDigest, layout: 'bundle', ...o })).layers[0]!.text ?? '')

describe('hashForKey and keyFingerprint', () => {
  it('hashes by curve for ECDSA, SHA-256 for RSA, none for EdDSA', () => {
    expect(hashForKey(generateKey('p256').publicKey)).toBe('sha256')
    expect(hashForKey(generateKey('p384').publicKey)).toBe('sha384')
    expect(hashForKey(generateKey('p521').publicKey)).toBe('sha512')
    expect(hashForKey(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey)).toBe('sha256')
    expect(hashForKey(generateKey('rsa').publicKey)).toBe('sha256')
    expect(hashForKey(generateKeyPairSync('ed25519').publicKey)).toBeUndefined()
    expect(hashForKey(generateKeyPairSync('ed448').publicKey)).toBeUndefined()
  })

  it('fingerprints the DER SubjectPublicKeyInfo', () => {
    const { publicKey } = p256()
    const spki = publicKey.export({ format: 'der', type: 'spki' })
    expect(keyFingerprint(publicKey)).toBe(`sha256:${createHash('sha256').update(spki).digest('hex')}`)
  })
})

describe('options and bundle shape', () => {
  const reason = 'a Sigstore bundle is verified with either a public key or a certificate identity; exactly one must be given'

  it('refuses options with neither a key nor an identity', () => {
    const bundle = dsseBundle(p256().privateKey, statement(digest))
    expect(verifySigstoreBundle(bundle, { sha256: digest }, noTlog)).toEqual({ ok: false, code: 'OPTIONS', reason })
  })

  it('refuses options with both a key and an identity', () => {
    const { privateKey, publicKey } = p256()
    expect(
      verifySigstoreBundle(dsseBundle(privateKey, statement(digest)), { sha256: digest }, { ...noTlog, publicKey, identity: policy })
    ).toEqual({ ok: false, code: 'OPTIONS', reason })
  })

  it('refuses a malformed bundle, naming the problem', () => {
    const error = thrown(() => bundleFromJSON({ mediaType: 'nope' }))
    expect(verifySigstoreBundle({ mediaType: 'nope' }, { sha256: digest }, { ...noTlog, publicKey: p256().publicKey })).toEqual({
      ok: false,
      code: 'BUNDLE_MALFORMED',
      reason: `the Sigstore bundle is malformed: ${described(error)}`
    })
  })

  it('refuses a public key that does not load', () => {
    const error = thrown(() => createPublicKey('not a key'))
    expect(
      verifySigstoreBundle(dsseBundle(p256().privateKey, statement(digest)), { sha256: digest }, { ...noTlog, publicKey: 'not a key' })
    ).toEqual({
      ok: false,
      code: 'OPTIONS',
      reason: `the public key does not load: ${described(error)}`
    })
  })

  it('refuses a certificate that does not parse', () => {
    const bundle = {
      mediaType: V03,
      verificationMaterial: {
        certificate: { rawBytes: Buffer.from('not a certificate').toString('base64') },
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [] }
      },
      dsseEnvelope: dsseBundle(p256().privateKey, statement(digest)).dsseEnvelope
    }
    const error = thrown(() => toSignedEntity(bundleFromJSON(bundle)))
    expect(verifySigstoreBundle(bundle, { sha256: digest }, { ...noTlog, identity: policy })).toEqual({
      ok: false,
      code: 'BUNDLE_MALFORMED',
      reason: `the Sigstore bundle cannot be read: ${described(error)}`
    })
  })

  it('names VERIFICATION_ERROR for a failure without a code', async () => {
    const signer = generateKey('p256')
    const bundle = await bundleOf({ signer, pki })
    const broken = { origin: 'broken root', material: { ...trust.material, tlogs: [{}] } } as unknown as SigstoreTrust
    const result = verifySigstoreBundle(bundle, { sha256: hex }, { trust: broken, publicKey: signer.publicKey })
    expect(result).toEqual({
      ok: false,
      code: 'VERIFICATION_ERROR',
      reason: "the signature does not verify against broken root: Cannot read properties of undefined (reading 'equals')"
    })
  })
})

describe('DSSE statements', () => {
  const verify = (payload: Buffer, artifact: { sha256: string } | { bytes: Buffer }, payloadType = IN_TOTO) => {
    const { privateKey, publicKey } = p256()
    return verifySigstoreBundle(dsseBundle(privateKey, payload, payloadType), artifact, { ...noTlog, publicKey })
  }

  it('refuses a payload type that is not in-toto', () => {
    expect(verify(Buffer.from('{}'), { sha256: digest }, 'text/plain')).toEqual({
      ok: false,
      code: 'ARTIFACT_MISMATCH',
      reason: `the DSSE payload type is "text/plain", not an in-toto statement (${IN_TOTO}); it cannot be matched to the artifact`
    })
  })

  it('refuses a payload that is not JSON', () => {
    expect(verify(Buffer.from('not json'), { sha256: digest })).toEqual({
      ok: false,
      code: 'ARTIFACT_MISMATCH',
      reason: 'the DSSE payload is not a JSON in-toto statement'
    })
  })

  it.each([
    ['an empty subject list', statementOf([])],
    ['no subject', Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}')],
    ['a null statement', Buffer.from('null')]
  ])('refuses %s', (_name, payload) => {
    expect(verify(payload, { sha256: digest })).toEqual({
      ok: false,
      code: 'ARTIFACT_MISMATCH',
      reason: 'the in-toto statement has no subject'
    })
  })

  it('refuses a statement for another artifact, naming the digest', () => {
    expect(verify(statementOf([{ digest: { sha256: 'b'.repeat(64) } }, null, {}]), { sha256: digest.toUpperCase() })).toEqual({
      ok: false,
      code: 'ARTIFACT_MISMATCH',
      reason: `no subject of the in-toto statement has sha256 ${digest}: it was signed for another artifact`
    })
  })

  it('accepts a statement where one subject of several matches', () => {
    const payload = statementOf([
      { name: 'other', digest: { sha256: 'b'.repeat(64) } },
      { name: 'img', digest: { sha256: digest.toUpperCase() } }
    ])
    expect(verify(payload, { sha256: digest }).ok).toBe(true)
  })

  it('matches a subject by sha512 when given bytes', () => {
    const bytes = Buffer.from('hello')
    const sha512 = createHash('sha512').update(bytes).digest('hex')
    expect(verify(statementOf([{ digest: { sha512 } }]), { bytes }).ok).toBe(true)
    expect(verify(statementOf([{ digest: { sha512 } }]), { sha256: createHash('sha256').update(bytes).digest('hex') }).ok).toBe(false)
  })

  it('returns the DSSE evidence exactly', () => {
    const { privateKey, publicKey } = p256()
    const payload = statement(digest)
    expect(verifySigstoreBundle(dsseBundle(privateKey, payload), { sha256: digest }, { ...noTlog, publicKey })).toEqual({
      ok: true,
      mediaType: V03,
      content: 'dsse-envelope',
      keyFingerprint: keyFingerprint(publicKey),
      tlogEntries: [],
      timestamps: [],
      dsse: { payloadType: IN_TOTO, payload }
    })
  })

  it('refuses a signature that makes the key check throw (a key that cannot verify)', () => {
    const { publicKey } = generateKeyPairSync('x25519')
    const bundle = dsseBundle(p256().privateKey, statement(digest))
    expect(verifySigstoreBundle(bundle, { sha256: digest }, { ...noTlog, publicKey })).toEqual({
      ok: false,
      code: 'SIGNATURE_ERROR',
      reason: `the signature does not verify against ${noTlog.trust.origin}: SIGNATURE_ERROR: signature verification failed`
    })
  })
})

describe('message signatures', () => {
  const bytes = Buffer.from('the artifact')
  const sha = (name: string, data = bytes) => createHash(name).update(data).digest()

  it('refuses an artifact given only by digest', () => {
    const { privateKey, publicKey } = p256()
    expect(
      verifySigstoreBundle(
        messageBundle(privateKey, bytes, 'SHA2_256', sha('sha256')),
        { sha256: sha('sha256').toString('hex') },
        { ...noTlog, publicKey }
      )
    ).toEqual({
      ok: false,
      code: 'BUNDLE_MALFORMED',
      reason: 'a message-signature bundle is verified over the artifact bytes; the artifact digest alone is not enough'
    })
  })

  it('refuses an unsupported digest algorithm', () => {
    const { privateKey, publicKey } = p256()
    expect(
      verifySigstoreBundle(messageBundle(privateKey, bytes, 'SHA3_256', sha('sha3-256')), { bytes }, { ...noTlog, publicKey })
    ).toEqual({
      ok: false,
      code: 'BUNDLE_MALFORMED',
      reason: "the bundle's message digest algorithm SHA3_256 is not supported"
    })
  })

  it('refuses a message digest of another artifact, even with a valid signature over the bytes', () => {
    const { privateKey, publicKey } = p256()
    const other = sha('sha384', Buffer.from('another artifact'))
    expect(verifySigstoreBundle(messageBundle(privateKey, bytes, 'SHA2_384', other), { bytes }, { ...noTlog, publicKey })).toEqual({
      ok: false,
      code: 'ARTIFACT_MISMATCH',
      reason: "the bundle's message digest is not the sha384 of the artifact: it was signed for another artifact"
    })
  })

  it.each([
    ['SHA2_256', 'sha256'],
    ['SHA2_384', 'sha384'],
    ['SHA2_512', 'sha512']
  ])('returns the %s message digest evidence exactly', (algorithm, name) => {
    const { privateKey, publicKey } = p256()
    expect(verifySigstoreBundle(messageBundle(privateKey, bytes, algorithm, sha(name), name), { bytes }, { ...noTlog, publicKey })).toEqual(
      {
        ok: true,
        mediaType: V03,
        content: 'message-signature',
        keyFingerprint: keyFingerprint(publicKey),
        tlogEntries: [],
        timestamps: [],
        messageDigest: `${name}:${sha(name).toString('hex')}`
      }
    )
  })
})

describe('key vs certificate material', () => {
  it('refuses a key-signed bundle when an identity is expected', () => {
    expect(
      verifySigstoreBundle(dsseBundle(p256().privateKey, statement(digest)), { sha256: digest }, { ...noTlog, identity: policy })
    ).toEqual({
      ok: false,
      code: 'MATERIAL_MISMATCH',
      reason: 'the bundle is signed with a public key, but a certificate identity was expected (a keyless signature)'
    })
  })

  it('refuses a keyless bundle when a key is expected', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const bundle = await bundleOf({ signer, pki })
    expect(verifySigstoreBundle(bundle, { sha256: hex }, { trust, publicKey: signer.publicKey })).toEqual({
      ok: false,
      code: 'MATERIAL_MISMATCH',
      reason: 'the bundle carries a certificate (a keyless signature), but a public key was expected'
    })
  })
})

describe('keyless bundles', () => {
  it('returns the certificate, tlog and timestamp evidence exactly', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const bundle = await bundleOf({ signer, pki, timestamp: true })
    const result = verifySigstoreBundle(bundle, { sha256: hex }, { trust, identity: policy })
    const entry = bundle.verificationMaterial.tlogEntries[0]!
    const time = new Date(Number(entry.integratedTime) * 1000)
    const node = new NodeX509(signer.certificate)
    expect(result).toEqual({
      ok: true,
      mediaType: V03,
      content: 'dsse-envelope',
      certificate: {
        der: signer.certificate,
        subjectAlternativeName: identity,
        issuer,
        serialNumber: node.serialNumber.toLowerCase(),
        notBefore: new Date(node.validFrom),
        notAfter: new Date(node.validTo),
        extensions: expect.objectContaining({
          [ISSUER_V1]: Buffer.from(issuer),
          [ISSUER_V2]: Buffer.concat([Buffer.from([0x0c, issuer.length]), Buffer.from(issuer)])
        })
      },
      tlogEntries: [
        {
          logIndex: entry.logIndex,
          logId: Buffer.from(entry.logId.keyId, 'base64').toString('hex'),
          kind: 'dsse 0.0.1',
          integratedTime: time
        }
      ],
      timestamps: [
        { source: 'transparency-log', time },
        { source: 'timestamp-authority', time: expect.any(Date) }
      ],
      dsse: { payloadType: IN_TOTO, payload: Buffer.from(bundle.dsseEnvelope.payload, 'base64') }
    })
  })

  it('refuses another SAN with the exact reason', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const bundle = await bundleOf({ signer, pki })
    expect(
      verifySigstoreBundle(bundle, { sha256: hex }, { trust, identity: { ...policy, subjectAlternativeName: { exact: `${identity}x` } } })
    ).toEqual({
      ok: false,
      code: 'IDENTITY_MISMATCH',
      reason: `the certificate identity "${identity}" does not match the expected "${identity}x"`
    })
  })

  it('refuses another issuer with the exact reason', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const bundle = await bundleOf({ signer, pki })
    expect(
      verifySigstoreBundle(bundle, { sha256: hex }, { trust, identity: { ...policy, issuer: { regexp: 'https://other\\.test' } } })
    ).toEqual({
      ok: false,
      code: 'IDENTITY_MISMATCH',
      reason: `the certificate OIDC issuer "${issuer}" does not match the expected regexp /https://other\\.test/ (whole value)`
    })
  })

  it('refuses a certificate without an issuer, naming it empty', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
    const ca = pki.ca as { issueCertificate(o: unknown): Promise<Uint8Array> }
    const certificate = Buffer.from(
      await ca.issueCertificate({ publicKey: publicKey.export({ format: 'der', type: 'spki' }), subjectAltName: identity, extensions: [] })
    )
    const bundle = await bundleOf({ signer: { privateKey, publicKey, certificate }, pki })
    expect(verifySigstoreBundle(bundle, { sha256: hex }, { trust, identity: policy })).toEqual({
      ok: false,
      code: 'IDENTITY_MISMATCH',
      reason: `the certificate OIDC issuer "" does not match the expected "${issuer}"`
    })
  })

  it('requires at least one timestamp of a certificate, even when 0 is asked', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const bundle = await bundleOf({ signer, pki, tlog: false })
    expect(verifySigstoreBundle(bundle, { sha256: hex }, { trust, identity: policy, tlogThreshold: 0, timestampThreshold: 0 })).toEqual({
      ok: false,
      code: 'TIMESTAMP_ERROR',
      reason: 'the signature does not verify against test trusted_root.json: TIMESTAMP_ERROR: expected 1 timestamps, got 0'
    })
  })
})

describe('tlog entries without a SET (inclusion proof only)', () => {
  async function proofOnly(integratedTime: string) {
    const signer = generateKey('p256')
    const bundle = await bundleOf({ signer, pki })
    const entry = bundle.verificationMaterial.tlogEntries[0]!
    delete entry.inclusionPromise
    entry.integratedTime = integratedTime
    const result = verifySigstoreBundle(bundle, { sha256: hex }, { trust, publicKey: signer.publicKey })
    const evidence = { logIndex: entry.logIndex, logId: Buffer.from(entry.logId.keyId, 'base64').toString('hex'), kind: 'dsse 0.0.1' }
    return { result, evidence }
  }

  it('shows the integrated time of the entry but counts no timestamp', async () => {
    const { result, evidence } = await proofOnly('1700000000')
    expect(result).toMatchObject({ ok: true, timestamps: [] })
    if (result.ok) expect(result.tlogEntries).toEqual([{ ...evidence, integratedTime: new Date(1_700_000_000_000) }])
  })

  it.each(['0', '-5', 'Infinity', 'NaN'])('shows no integrated time for %s', async (integratedTime) => {
    const { result, evidence } = await proofOnly(integratedTime)
    expect(result).toMatchObject({ ok: true, timestamps: [] })
    if (result.ok) {
      expect(result.tlogEntries).toEqual([evidence])
      expect(Object.keys(result.tlogEntries[0]!)).toEqual(['logIndex', 'logId', 'kind'])
    }
  })
})

describe('tlog entries with a SET over a non-positive integrated time', () => {
  async function withSet(integratedTime: string) {
    const signer = generateKey('p256')
    const bundle = await bundleOf({ signer, pki })
    const entry = bundle.verificationMaterial.tlogEntries[0]!
    const log = p256()
    const der = log.publicKey.export({ format: 'der', type: 'spki' })
    const logId = createHash('sha256').update(der).digest()
    const root = structuredClone(pki.trustedRoot) as { tlogs: Record<string, unknown>[] }
    root.tlogs = [
      {
        baseUrl: 'https://rekor.test',
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: der.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start: '1960-01-01T00:00:00Z' } },
        logId: { keyId: logId.toString('base64') }
      }
    ]
    const payload = json.canonicalize({
      body: entry.canonicalizedBody,
      integratedTime: Number(integratedTime),
      logIndex: Number(entry.logIndex),
      logID: logId.toString('hex')
    })
    entry.logId = { keyId: logId.toString('base64') }
    entry.integratedTime = integratedTime
    entry.inclusionPromise = { signedEntryTimestamp: sign('sha256', Buffer.from(payload), log.privateKey).toString('base64') }
    delete entry.inclusionProof
    bundle.mediaType = V01
    const result = verifySigstoreBundle(
      bundle,
      { sha256: hex },
      { trust: parseTrustedRoot(JSON.stringify(root), 'own log'), publicKey: signer.publicKey }
    )
    return { result, evidence: { logIndex: entry.logIndex, logId: logId.toString('hex'), kind: 'dsse 0.0.1' } }
  }

  it('counts a positive integrated time as a transparency-log timestamp', async () => {
    const { result, evidence } = await withSet('1700000000')
    const time = new Date(1_700_000_000_000)
    expect(result).toMatchObject({ ok: true, mediaType: V01 })
    if (result.ok) {
      expect(result.tlogEntries).toEqual([{ ...evidence, integratedTime: time }])
      expect(result.timestamps).toEqual([{ source: 'transparency-log', time }])
    }
  })

  it.each(['-1', '00'])('shows neither an integrated time nor a timestamp for %s', async (integratedTime) => {
    const { result, evidence } = await withSet(integratedTime)
    expect(result).toMatchObject({ ok: true })
    if (result.ok) {
      expect(Object.keys(result.tlogEntries[0]!)).toEqual(['logIndex', 'logId', 'kind'])
      expect(result.tlogEntries).toEqual([evidence])
      expect(result.timestamps).toEqual([])
    }
  })
})
