import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate, SubjectPublicKeyInfo } from '@peculiar/asn1-x509'
import {
  createTestPki,
  DEFAULT_PROFILE_VERSION_ARN,
  signatureArtifacts,
  trustPolicyFor,
  writeTrustStore,
  type SignatureSpec,
  type TestPki
} from '../../../../emulator/signing.mjs'
import { loadTrustConfig, verifySignature, type TrustConfig } from '../../../../src/checks/signature/notation/index.js'
import type { TrustStatement } from '../../../../src/checks/signature/notation/trust-policy.js'
import type { TrustStores } from '../../../../src/checks/signature/notation/trust-store.js'
import type { Descriptor, FetchedSignature, RevocationRequest, SignatureResult } from '../../../../src/core/types.js'

// The rules of verifySignature beyond "does a good signature pass": the exact result (status,
// reason, details and evidence fields) for each way a signature fails, which failure is reported
// when several signatures or several validations fail, and how each verification level acts on
// each validation. verifySignature has no logger: `details` (one line per finding) and `reason`
// are what it records, so they are asserted in full.

const subject: Descriptor = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: `sha256:${'1'.repeat(64)}`,
  size: 1234
}
const otherImage: Descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'2'.repeat(64)}`, size: 999 }
const reference = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app'
const profileArn = DEFAULT_PROFILE_VERSION_ARN.slice(0, DEFAULT_PROFILE_VERSION_ARN.lastIndexOf('/'))
const jws = 'application/jose+json'
const cty = 'application/vnd.cncf.notary.payload.v1+json'
const DAY = 86_400_000

/** Verification time: whole seconds, as the envelopes carry times. */
const now = new Date(Math.floor(Date.now() / 1000) * 1000)
const minutesAgo = (n: number): Date => new Date(now.getTime() - n * 60_000)
const iso = (d: Date): string => d.toISOString()

const signerOf = (name: string): string => `C=US, ST=WA, L=Seattle, O=ecr-deploy-gate tests, OU=${name}, CN=${name} signer`
const gateSigner = signerOf('vr-gate')
const x509Signer = signerOf('vr-x509')
const crlEndpoints = (name: string): string =>
  `revocation status could not be checked: certificate "${name} signer" names CRL/OCSP endpoints, which this gate does not query (set signatureVerification.override.revocation to "log" or "skip" to accept)`

const oldLeafNotAfter = new Date(now.getTime() - 5 * DAY)

let dir: string
let arnTrust: TrustConfig

/** A Notation signature of `subject` as the registry layer hands it over. */
function fetched(spec: SignatureSpec, overrides: Partial<FetchedSignature> = {}): FetchedSignature {
  const a = signatureArtifacts({ pki: 'vr-gate', authenticSigningTime: iso(minutesAgo(1)), ...spec }, subject)
  return { manifestDigest: a.digest, subject: { ...subject }, envelopeMediaType: a.envelopeMediaType, envelope: a.envelope, ...overrides }
}

/** A notary.x509 signature by the `vr-x509` PKI (or `pki`), signed one minute ago. */
function x509(spec: SignatureSpec = {}, overrides: Partial<FetchedSignature> = {}): FetchedSignature {
  return fetched({ pki: 'vr-x509', scheme: 'notary.x509', signingTime: iso(minutesAgo(1)), ...spec }, overrides)
}

async function verify(
  signatures: FetchedSignature[],
  trust: TrustConfig = arnTrust,
  options: { at?: Date; revoked?: string[] } = {}
): Promise<{ result: SignatureResult; calls: RevocationRequest[] }> {
  const calls: RevocationRequest[] = []
  const result = await verifySignature({
    subject,
    reference,
    signatures,
    trust,
    now: options.at ?? now,
    checkRevocation: async (r) => {
      calls.push(r)
      return { revokedEntities: options.revoked ?? [] }
    }
  })
  return { result, calls }
}

async function policyTrust(policy: object): Promise<TrustConfig> {
  const path = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, JSON.stringify(policy))
  return loadTrustConfig({ signingProfileArns: [], trustPolicyPath: path, trustStorePath: dir, partition: 'aws' })
}

/** A trust policy over the `ca:vr-ca` store (which holds every notary.x509 test root). */
async function caTrust(options: Parameters<typeof trustPolicyFor>[0] = {}): Promise<TrustConfig> {
  return policyTrust(trustPolicyFor({ trustStores: ['ca:vr-ca'], trustedIdentities: ['*'], ...options }))
}

/** `trust` with its one statement changed as given (for statements a policy file cannot express). */
function withStatement(trust: TrustConfig, change: Partial<TrustStatement>): TrustConfig {
  const statement = trust.statements[0] as TrustStatement
  return { ...trust, statements: [{ ...statement, ...change }] }
}

/** The first `details` line of a signature: its digest and envelope media type. */
function who(sig: FetchedSignature): string {
  return `${sig.manifestDigest} (${sig.envelopeMediaType})`
}

/** A JWS envelope assembled here, for headers and payloads the signing kit does not produce. */
function customJws(options: {
  pki: TestPki
  header?: Record<string, unknown>
  payload?: string
  chain?: Uint8Array[]
  digest: string
}): FetchedSignature {
  const header = {
    alg: 'ES384',
    crit: ['io.cncf.notary.signingScheme'],
    cty,
    'io.cncf.notary.signingScheme': 'notary.x509',
    'io.cncf.notary.signingTime': iso(minutesAgo(1)).replace('.000Z', 'Z'),
    ...options.header
  }
  const payload = options.payload ?? JSON.stringify({ targetArtifact: subject })
  const protectedB64 = Buffer.from(JSON.stringify(header)).toString('base64url')
  const payloadB64 = Buffer.from(payload).toString('base64url')
  const signature = cryptoSign('sha384', Buffer.from(`${protectedB64}.${payloadB64}`, 'ascii'), {
    key: options.pki.leaf.privateKey,
    dsaEncoding: 'ieee-p1363'
  })
  const chain = options.chain ?? options.pki.chainDer
  const envelope = {
    payload: payloadB64,
    protected: protectedB64,
    header: { x5c: chain.map((d) => Buffer.from(d).toString('base64')) },
    signature: signature.toString('base64url')
  }
  return {
    manifestDigest: options.digest,
    subject: { ...subject },
    envelopeMediaType: jws,
    envelope: new Uint8Array(Buffer.from(JSON.stringify(envelope)))
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verify-rules-'))
  createTestPki({ name: 'vr-gate', keyType: 'ec384' })
  createTestPki({ name: 'vr-stranger', keyType: 'ec384', intermediate: false })
  createTestPki({ name: 'vr-x509', keyType: 'ec384', intermediate: false })
  createTestPki({ name: 'vr-other', keyType: 'ec256', intermediate: false })
  createTestPki({ name: 'vr-crl', keyType: 'ec256', intermediate: false, leafCrlUrl: 'http://crl.example.com/ca.crl' })
  createTestPki({ name: 'vr-crl-stranger', keyType: 'ec256', intermediate: false, leafCrlUrl: 'http://crl.example.com/ca.crl' })
  createTestPki({ name: 'vr-nameless', keyType: 'ec256', intermediate: false, leafSubject: [] })
  createTestPki({ name: 'vr-old-leaf', keyType: 'ec384', leafNotBefore: new Date(now.getTime() - 10 * DAY), leafNotAfter: oldLeafNotAfter })
  createTestPki({
    name: 'vr-old-x509',
    keyType: 'ec256',
    intermediate: false,
    leafNotBefore: new Date(now.getTime() - 10 * DAY),
    leafNotAfter: oldLeafNotAfter
  })
  writeTrustStore(dir, { type: 'signingAuthority', name: 'vr-sa', pkiNames: ['vr-gate', 'vr-old-leaf'] })
  writeTrustStore(dir, { type: 'ca', name: 'vr-ca', pkiNames: ['vr-x509', 'vr-crl', 'vr-nameless', 'vr-old-x509'] })
  writeTrustStore(dir, { type: 'ca', name: 'vr-other', pkiNames: ['vr-other'] })
  arnTrust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: dir, partition: 'aws' })
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('verifySignature: results before any signature is examined', () => {
  it('skips with its reason when no trust input was given', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [], partition: 'aws' })
    expect((await verify([x509()], trust)).result).toEqual({ status: 'skipped', reason: 'no signature verification input was given' })
  })

  it('skips, naming the statement and the reference, under a statement of level skip', async () => {
    const trust = await policyTrust({
      version: '1.0',
      trustPolicies: [{ name: 'app-skip', registryScopes: [reference], signatureVerification: { level: 'skip' } }]
    })
    const { result, calls } = await verify([fetched({})], trust)
    expect(result).toEqual({
      status: 'skipped',
      trustPolicy: 'app-skip',
      level: 'skip',
      reason: `trust policy statement "app-skip" has level skip for ${reference}`
    })
    expect(calls).toEqual([])
  })
})

describe('verifySignature: the result of one signature', () => {
  it('reports a verified AWS Signer signature with its evidence, one details line and no reason', async () => {
    const sig = fetched({})
    const { result, calls } = await verify([sig])
    expect(result).toEqual({
      status: 'verified',
      signatureDigest: sig.manifestDigest,
      trustPolicy: 'signing-profile-arns',
      level: 'strict',
      envelope: jws,
      signer: gateSigner,
      signingProfile: DEFAULT_PROFILE_VERSION_ARN,
      signedAt: iso(minutesAgo(1)),
      details: [`${who(sig)}: verified, signed by ${gateSigner} with ${DEFAULT_PROFILE_VERSION_ARN}`]
    })
    expect(calls).toHaveLength(1)
  })

  it('reports a verified notary.x509 signature without a signing profile', async () => {
    const sig = x509()
    const { result } = await verify([sig], await caTrust())
    expect(result).toEqual({
      status: 'verified',
      signatureDigest: sig.manifestDigest,
      trustPolicy: 'test',
      level: 'strict',
      envelope: jws,
      signer: x509Signer,
      signedAt: iso(minutesAgo(1)),
      details: [`${who(sig)}: verified, signed by ${x509Signer}`]
    })
  })

  it('names no signer in the details line when the signing certificate has an empty subject', async () => {
    const sig = x509({ pki: 'vr-nameless' })
    const { result } = await verify([sig], await caTrust())
    expect(result.status).toBe('verified')
    expect(result.signer).toBe('')
    expect(result.details).toEqual([`${who(sig)}: verified`])
  })

  it('reports a failed signature with its evidence, the check, the message and no signature count', async () => {
    const other = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/other_profile'
    const trust = await loadTrustConfig({ signingProfileArns: [other], trustStorePath: dir, partition: 'aws' })
    const sig = fetched({})
    const { result, calls } = await verify([sig], trust)
    const message = `signing profile version ${DEFAULT_PROFILE_VERSION_ARN} is not among the trusted signing profiles`
    expect(result).toEqual({
      status: 'untrusted',
      trustPolicy: 'signing-profile-arns',
      level: 'strict',
      signatureDigest: sig.manifestDigest,
      reason: `Signature ${sig.manifestDigest} failed the authenticity check: ${message}`,
      details: [`${who(sig)}: untrusted: authenticity check failed: ${message}`],
      envelope: jws,
      signer: gateSigner,
      signingProfile: DEFAULT_PROFILE_VERSION_ARN,
      signedAt: iso(minutesAgo(1))
    })
    expect(calls).toEqual([])
  })

  it('rejects a signature the registry layer marked unusable, even when its envelope is valid', async () => {
    const sig = fetched({}, { problem: 'the envelope blob could not be read' })
    const { result, calls } = await verify([sig])
    const message = 'the signature manifest is unusable: the envelope blob could not be read'
    expect(result).toEqual({
      status: 'invalid',
      trustPolicy: 'signing-profile-arns',
      level: 'strict',
      signatureDigest: sig.manifestDigest,
      reason: `Signature ${sig.manifestDigest} failed the integrity check: ${message}`,
      details: [`${sig.manifestDigest}: invalid: integrity check failed: ${message}`]
    })
    expect(calls).toEqual([])
  })

  it('reports the revocation AWS Signer returns, with the revocation label', async () => {
    const sig = fetched({})
    const { result } = await verify([sig], arnTrust, { revoked: [DEFAULT_PROFILE_VERSION_ARN] })
    const message = `AWS Signer reports revoked: ${DEFAULT_PROFILE_VERSION_ARN}`
    expect(result.status).toBe('revoked')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the revocation check: ${message}`)
    expect(result.details).toEqual([`${who(sig)}: revoked: revocation check failed: ${message}`])
  })
})

describe('verifySignature: integrity', () => {
  it('turns an unexpected error inside the checks into an enforced integrity failure (never a pass)', async () => {
    const failing = new Proxy(
      {},
      {
        get() {
          throw new Error('store unavailable')
        }
      }
    ) as TrustStores
    const sig = fetched({})
    const { result, calls } = await verify([sig], { ...arnTrust, stores: failing })
    expect(result).toEqual({
      status: 'invalid',
      trustPolicy: 'signing-profile-arns',
      level: 'strict',
      signatureDigest: sig.manifestDigest,
      reason: `Signature ${sig.manifestDigest} failed the integrity check: unexpected error: store unavailable`,
      details: [`${who(sig)}: invalid: integrity check failed: unexpected error: store unavailable`],
      envelope: jws,
      signer: gateSigner,
      signingProfile: DEFAULT_PROFILE_VERSION_ARN,
      signedAt: iso(minutesAgo(1))
    })
    expect(calls).toEqual([])
  })

  it('treats an unexpected error as enforced even when every validation only logs', async () => {
    const failing = new Proxy(
      {},
      {
        get() {
          throw new Error('store unavailable')
        }
      }
    ) as TrustStores
    const audit = await caTrust({ level: 'audit' })
    const logging = withStatement(
      { ...audit, stores: failing },
      { actions: { integrity: 'log', authenticity: 'log', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' } }
    )
    const sig = x509()
    const { result } = await verify([sig], logging)
    expect(result.status).toBe('invalid')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the integrity check: unexpected error: store unavailable`)
  })

  it('checks the signed attributes: a wrong content type is refused although the signature verifies', async () => {
    const pki = createTestPki({ name: 'vr-x509' })
    const sig = customJws({ pki, header: { cty: 'application/json' }, digest: `sha256:${'a'.repeat(64)}` })
    const { result } = await verify([sig], await caTrust())
    const message = `malformed envelope (cty): content type is "application/json", expected "${cty}"`
    expect(result.status).toBe('invalid')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the integrity check: ${message}`)
    expect(result.details).toEqual([`${who(sig)}: invalid: integrity check failed: ${message}`])
  })

  it('accepts the assembled envelope when nothing is wrong with it', async () => {
    const pki = createTestPki({ name: 'vr-x509' })
    const sig = customJws({ pki, digest: `sha256:${'b'.repeat(64)}` })
    expect((await verify([sig], await caTrust())).result.status).toBe('verified')
  })

  it('refuses a validly signed payload that is not a Notary payload', async () => {
    const pki = createTestPki({ name: 'vr-x509' })
    const sig = customJws({ pki, payload: JSON.stringify({ targetArtifact: 'nope' }), digest: `sha256:${'c'.repeat(64)}` })
    const { result } = await verify([sig], await caTrust())
    expect(result.status).toBe('invalid')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the integrity check: payload has no "targetArtifact" object`)
  })

  it('refuses a signing key the Notary Project allows no algorithm for, naming the key', async () => {
    const pki = createTestPki({ name: 'vr-x509' })
    const leaf = AsnConvert.parse(pki.leaf.der, Certificate)
    const edKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' })
    leaf.tbsCertificate.subjectPublicKeyInfo = AsnConvert.parse(edKey, SubjectPublicKeyInfo)
    const edLeaf = new Uint8Array(AsnConvert.serialize(leaf))
    const sig = customJws({ pki, chain: [edLeaf, new Uint8Array(pki.root.der)], digest: `sha256:${'d'.repeat(64)}` })
    const { result } = await verify([sig], await caTrust())
    expect(result.status).toBe('invalid')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the integrity check: "vr-x509 signer" has an unsupported key type ed25519`
    )
  })
})

describe('verifySignature: authenticity', () => {
  it('lists every trust store of the required type when the chain leads to none of them', async () => {
    const trust = await policyTrust(trustPolicyFor({ trustStores: ['ca:vr-ca', 'ca:vr-other'], trustedIdentities: ['*'] }))
    const sig = x509({ pki: 'vr-stranger' })
    const { result } = await verify([sig], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authenticity check: the certificate chain (root "vr-stranger Test Root CA") does not lead to a certificate in trust store ca:vr-ca, ca:vr-other`
    )
  })

  it('verifies when one of two x509.subject identities matches the signer', async () => {
    const trust = await caTrust({
      trustedIdentities: [
        'x509.subject: C=US, ST=WA, O=someone else',
        'x509.subject: C=US, ST=WA, O=ecr-deploy-gate tests, CN=vr-x509 signer'
      ]
    })
    const sig = x509()
    expect((await verify([sig], trust)).result.status).toBe('verified')
  })

  it('says only profiles are trusted when every identity is a signing profile ARN', async () => {
    const trust = await caTrust({ trustedIdentities: [profileArn] })
    const sig = x509()
    const { result } = await verify([sig], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authenticity check: the trusted identities are AWS Signer signing profiles, but this signature was not made by AWS Signer (signer ${x509Signer})`
    )
  })

  it('says the signer matches none of the identities when profiles and x509.subject identities are mixed', async () => {
    const trust = await caTrust({ trustedIdentities: [profileArn, 'x509.subject: C=US, ST=WA, O=someone else'] })
    const sig = x509()
    const { result } = await verify([sig], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authenticity check: signer "${x509Signer}" matches none of the trusted identities of statement "test"`
    )
  })

  it('says the signer matches none of the identities when the statement has no identity at all', async () => {
    const trust = withStatement(await caTrust(), { trustedIdentities: [] })
    const sig = x509()
    const { result } = await verify([sig], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authenticity check: signer "${x509Signer}" matches none of the trusted identities of statement "test"`
    )
  })
})

describe('verifySignature: expiry and authentic timestamp', () => {
  it('treats a signature as expired at the very instant of its expiry', async () => {
    const expiry = new Date(now.getTime() + 3_600_000)
    const sig = fetched({ expiry: iso(expiry) })
    const { result } = await verify([sig], arnTrust, { at: expiry })
    expect(result.status).toBe('expired')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the expiry check: the signature expired at ${iso(expiry)}`)
    const before = await verify([sig], arnTrust, { at: new Date(expiry.getTime() - 1) })
    expect(before.result.status).toBe('verified')
  })

  it('judges a signingAuthority chain at the authentic signing time, under the authentic timestamp label', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: dir, partition: 'aws' })
    const sig = fetched({ pki: 'vr-old-leaf' })
    const { result } = await verify([sig], trust)
    const message = `certificate "vr-old-leaf signer" expired at ${iso(oldLeafNotAfter)}, so it was not valid at the authentic signing time ${iso(minutesAgo(1))}`
    expect(result.status).toBe('expired')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the authentic timestamp check: ${message}`)
    expect(result.details).toEqual([`${who(sig)}: expired: authentic timestamp check failed: ${message}`])
  })

  it('judges a notary.x509 chain at verification time, with no note when there is no timestamp', async () => {
    const sig = x509({ pki: 'vr-old-x509' })
    const { result } = await verify([sig], await caTrust())
    expect(result.status).toBe('expired')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authentic timestamp check: certificate "vr-old-x509 signer" expired at ${iso(oldLeafNotAfter)}, so it was not valid at verification time ${iso(now)}`
    )
  })
})

describe('verifySignature: actions of the levels', () => {
  const expired = (): SignatureSpec => ({ pki: 'vr-crl', expiry: iso(minutesAgo(1)) })

  it('verifies under permissive and lists every logged failure, in the reason and in the details', async () => {
    const sig = x509(expired())
    const { result } = await verify([sig], await caTrust({ level: 'permissive' }))
    const expiry = `the signature expired at ${iso(minutesAgo(1))}`
    expect(result).toEqual({
      status: 'verified',
      signatureDigest: sig.manifestDigest,
      trustPolicy: 'test',
      level: 'permissive',
      envelope: jws,
      signer: signerOf('vr-crl'),
      signedAt: iso(minutesAgo(1)),
      reason: `verified at level permissive; not enforced: expiry: ${expiry}; revocation: ${crlEndpoints('vr-crl')}`,
      details: [
        `${who(sig)}: logged at level permissive (not enforced): expiry: ${expiry}`,
        `${who(sig)}: logged at level permissive (not enforced): revocation: ${crlEndpoints('vr-crl')}`,
        `${who(sig)}: verified, signed by ${signerOf('vr-crl')}`
      ]
    })
  })

  it('reports the most specific logged failure under audit, marked as not enforced', async () => {
    const sig = x509(expired())
    const { result } = await verify([sig], await caTrust({ level: 'audit' }))
    const expiry = `the signature expired at ${iso(minutesAgo(1))}`
    expect(result).toEqual({
      status: 'expired',
      trustPolicy: 'test',
      level: 'audit',
      signatureDigest: sig.manifestDigest,
      reason: `Signature ${sig.manifestDigest} failed the expiry check: ${expiry} [level audit: recorded, not enforced]`,
      details: [
        `${who(sig)}: logged at level audit (not enforced): expiry: ${expiry}`,
        `${who(sig)}: logged at level audit (not enforced): revocation: ${crlEndpoints('vr-crl')}`,
        `${who(sig)}: not verified at level audit`
      ],
      envelope: jws,
      signer: signerOf('vr-crl'),
      signedAt: iso(minutesAgo(1))
    })
  })

  it('prefers a later, more specific logged failure over an earlier one under audit', async () => {
    const sig = x509({ pki: 'vr-stranger', expiry: iso(minutesAgo(1)) })
    const { result } = await verify([sig], await caTrust({ level: 'audit' }))
    expect(result.status).toBe('expired')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the expiry check: the signature expired at ${iso(minutesAgo(1))} [level audit: recorded, not enforced]`
    )
    expect(result.details).toHaveLength(3)
  })

  it('keeps the first of equally specific logged failures under audit', async () => {
    const sig = x509({ pki: 'vr-crl-stranger' })
    const { result } = await verify([sig], await caTrust({ level: 'audit' }))
    const authenticity =
      'the certificate chain (root "vr-crl-stranger Test Root CA") does not lead to a certificate in trust store ca:vr-ca'
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(
      `Signature ${sig.manifestDigest} failed the authenticity check: ${authenticity} [level audit: recorded, not enforced]`
    )
    expect(result.details).toEqual([
      `${who(sig)}: logged at level audit (not enforced): authenticity: ${authenticity}`,
      `${who(sig)}: logged at level audit (not enforced): revocation: ${crlEndpoints('vr-crl-stranger')}`,
      `${who(sig)}: not verified at level audit`
    ])
  })

  it('reports the enforced failure that stopped a signature, not a more specific logged one', async () => {
    const sig = x509(expired())
    const { result } = await verify([sig], await caTrust({ override: { expiry: 'log' } }))
    const expiry = `the signature expired at ${iso(minutesAgo(1))}`
    expect(result.status).toBe('untrusted')
    expect(result.reason).toBe(`Signature ${sig.manifestDigest} failed the revocation check: ${crlEndpoints('vr-crl')}`)
    expect(result.details).toEqual([
      `${who(sig)}: logged at level strict (not enforced): expiry: ${expiry}`,
      `${who(sig)}: untrusted: revocation check failed: ${crlEndpoints('vr-crl')}`
    ])
  })

  it('records nothing for a validation whose action is skip', async () => {
    const strict = await caTrust()
    const trust = withStatement(strict, { actions: { ...(strict.statements[0] as TrustStatement).actions, expiry: 'skip' } })
    const sig = x509({ expiry: iso(minutesAgo(1)) })
    const { result } = await verify([sig], trust)
    expect(result).toEqual({
      status: 'verified',
      signatureDigest: sig.manifestDigest,
      trustPolicy: 'test',
      level: 'strict',
      envelope: jws,
      signer: x509Signer,
      signedAt: iso(minutesAgo(1)),
      details: [`${who(sig)}: verified, signed by ${x509Signer}`]
    })
  })
})

describe('verifySignature: several signatures', () => {
  it('reports the most specific failure even when a less specific one comes after it', async () => {
    const expired = fetched({ expiry: iso(minutesAgo(1)) })
    const invalid = fetched({ tamper: 'signature' })
    const { result } = await verify([expired, invalid])
    const expiry = `the signature expired at ${iso(minutesAgo(1))}`
    const integrity = 'the signature does not verify with the key of signing certificate "vr-gate signer"'
    expect(result).toEqual({
      status: 'expired',
      trustPolicy: 'signing-profile-arns',
      level: 'strict',
      signatureDigest: expired.manifestDigest,
      reason: `Signature ${expired.manifestDigest} failed the expiry check: ${expiry} (2 signatures examined, none verified)`,
      details: [
        `${who(expired)}: expired: expiry check failed: ${expiry}`,
        `${who(invalid)}: invalid: integrity check failed: ${integrity}`
      ],
      envelope: jws,
      signer: gateSigner,
      signingProfile: DEFAULT_PROFILE_VERSION_ARN,
      signedAt: iso(minutesAgo(1))
    })
  })

  it('reports the first of equally specific failures', async () => {
    const tampered = fetched({ tamper: 'signature' })
    const elsewhere = fetched({ subjectOverride: otherImage })
    const { result } = await verify([tampered, elsewhere])
    expect(result.status).toBe('invalid')
    expect(result.signatureDigest).toBe(tampered.manifestDigest)
    expect(result.reason).toBe(
      `Signature ${tampered.manifestDigest} failed the integrity check: the signature does not verify with the key of signing certificate "vr-gate signer" (2 signatures examined, none verified)`
    )
    expect(result.details).toEqual([
      `${who(tampered)}: invalid: integrity check failed: the signature does not verify with the key of signing certificate "vr-gate signer"`,
      `${who(elsewhere)}: invalid: integrity check failed: the signed payload names another artifact: digest ${otherImage.digest} instead of ${subject.digest}`
    ])
  })

  it('stops at the first signature that verifies, keeping the details of those before it', async () => {
    const invalid = fetched({ tamper: 'signature' })
    const good = fetched({})
    const never = fetched({})
    const { result, calls } = await verify([invalid, good, never])
    expect(result.status).toBe('verified')
    expect(result.signatureDigest).toBe(good.manifestDigest)
    expect(result.reason).toBeUndefined()
    expect(result.details).toEqual([
      `${who(invalid)}: invalid: integrity check failed: the signature does not verify with the key of signing certificate "vr-gate signer"`,
      `${who(good)}: verified, signed by ${gateSigner} with ${DEFAULT_PROFILE_VERSION_ARN}`
    ])
    expect(calls).toHaveLength(1)
  })
})
