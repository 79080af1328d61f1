import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createTestPki,
  DEFAULT_JOB_ARN,
  DEFAULT_PROFILE_VERSION_ARN,
  signatureArtifacts,
  trustPolicyFor,
  writeTrustStore,
  type SignatureSpec
} from '../../../../emulator/signing.mjs'
import { loadTrustConfig, verifySignature, type TrustConfig } from '../../../../src/checks/signature/notation/index.js'
import type { Descriptor, FetchedSignature, RevocationRequest } from '../../../../src/core/types.js'

const subject: Descriptor = {
  mediaType: 'application/vnd.oci.image.index.v1+json',
  digest: `sha256:${'1'.repeat(64)}`,
  size: 1234
}
const otherImage: Descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'2'.repeat(64)}`, size: 999 }
const reference = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app'
const profileArn = DEFAULT_PROFILE_VERSION_ARN.slice(0, DEFAULT_PROFILE_VERSION_ARN.lastIndexOf('/'))

let dir: string
let awsTrust: TrustConfig

function fetched(spec: SignatureSpec, overrides: Partial<FetchedSignature> = {}): FetchedSignature {
  const a = signatureArtifacts({ pki: 'gate', ...spec }, subject)
  return { manifestDigest: a.digest, subject: { ...subject }, envelopeMediaType: a.envelopeMediaType, envelope: a.envelope, ...overrides }
}

function revocationFake(revokedEntities: string[] = []): {
  calls: RevocationRequest[]
  check: (r: RevocationRequest) => Promise<{ revokedEntities: string[] }>
} {
  const calls: RevocationRequest[] = []
  return {
    calls,
    check: async (r) => {
      calls.push(r)
      return { revokedEntities }
    }
  }
}

async function run(signatures: FetchedSignature[], trust: TrustConfig = awsTrust, revoked: string[] = [], ref = reference) {
  const fake = revocationFake(revoked)
  const result = await verifySignature({ subject, reference: ref, signatures, trust, now: new Date(), checkRevocation: fake.check })
  return { result, calls: fake.calls }
}

async function policyTrust(policy: object): Promise<TrustConfig> {
  const path = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, JSON.stringify(policy))
  return loadTrustConfig({ signingProfileArns: [], trustPolicyPath: path, trustStorePath: dir, partition: 'aws' })
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sigtest-'))
  createTestPki({ name: 'gate', keyType: 'ec384' })
  createTestPki({ name: 'stranger', keyType: 'ec384' })
  createTestPki({ name: 'x509', keyType: 'rsa2048', intermediate: false })
  writeTrustStore(dir, { type: 'signingAuthority', name: 'test', pkiNames: ['gate'] })
  writeTrustStore(dir, { type: 'ca', name: 'x509', pkiNames: ['x509'] })
  awsTrust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: dir, partition: 'aws' })
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('verifySignature: AWS Signer style signatures', () => {
  it('verifies a valid JWS signature and reports who signed it', async () => {
    const sig = fetched({})
    const { result } = await run([sig])
    expect(result.status).toBe('verified')
    expect(result.signatureDigest).toBe(sig.manifestDigest)
    expect(result.envelope).toBe('application/jose+json')
    expect(result.signingProfile).toBe(DEFAULT_PROFILE_VERSION_ARN)
    expect(result.signer).toContain('CN=gate signer')
    expect(result.trustPolicy).toBe('signing-profile-arns')
    expect(result.level).toBe('strict')
    expect(result.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(result.details).toHaveLength(1)
  })

  it('sends GetRevocationStatus the plugin request with SHA-384 TBS certificate hashes', async () => {
    const pki = createTestPki({ name: 'gate' })
    const when = new Date(Date.now() - 60_000)
    when.setMilliseconds(0)
    const { calls } = await run([fetched({ authenticSigningTime: when.toISOString() })])
    expect(calls).toHaveLength(1)
    const call = calls[0] as RevocationRequest
    expect(call.platformId).toBe('Notation-OCI-SHA384-ECDSA')
    expect(call.profileVersionArn).toBe(DEFAULT_PROFILE_VERSION_ARN)
    expect(call.jobArn).toBe(DEFAULT_JOB_ARN)
    expect(call.signatureTimestamp.toISOString()).toBe(when.toISOString())
    expect(call.certificateHashes).toEqual(pki.certificateHashes)
    expect(call.certificateHashes).toHaveLength(3)
    const last = call.certificateHashes[2] as string
    expect(last).toHaveLength(192)
    expect(last.slice(0, 96)).toBe(last.slice(96))
    expect((call.certificateHashes[0] as string).slice(96)).toBe((call.certificateHashes[1] as string).slice(0, 96))
  })

  it('verifies a valid COSE signature', async () => {
    const { result } = await run([fetched({ format: 'cose' })])
    expect(result.status).toBe('verified')
    expect(result.envelope).toBe('application/cose')
  })

  it.each(['ec256', 'ec521', 'rsa2048', 'rsa3072', 'rsa4096'] as const)(
    'verifies a %s leaf signing with its bound algorithm',
    async (keyType) => {
      const name = `kt-${keyType}`
      createTestPki({ name, keyType, caKeyType: 'ec384' })
      const trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: writeStore(name), partition: 'aws' })
      for (const format of ['jws', 'cose'] as const) {
        const { result } = await run([fetched({ pki: name, format })], trust)
        expect(result.status, `${keyType} ${format}: ${result.reason ?? ''}`).toBe('verified')
      }
    }
  )

  it.each([
    ['the signing profile version', DEFAULT_PROFILE_VERSION_ARN],
    ['the signing job', DEFAULT_JOB_ARN]
  ])('reports revoked when AWS Signer revoked %s', async (_what, entity) => {
    const { result, calls } = await run([fetched({})], awsTrust, [entity])
    expect(calls).toHaveLength(1)
    expect(result.status).toBe('revoked')
    expect(result.reason).toContain('revocation')
    expect(result.reason).toContain(entity)
  })

  it('reports revoked when a certificate hash is revoked', async () => {
    const pki = createTestPki({ name: 'gate' })
    const { result } = await run([fetched({})], awsTrust, [pki.certificateHashes[0] as string])
    expect(result.status).toBe('revoked')
    expect(result.reason).toContain('certificate')
  })

  it('fails closed when the revocation check throws under strict', async () => {
    const result = await verifySignature({
      subject,
      reference,
      signatures: [fetched({})],
      trust: awsTrust,
      now: new Date(),
      checkRevocation: async () => {
        throw new Error('AccessDeniedException: signer:GetRevocationStatus')
      }
    })
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('revocation status could not be checked')
    expect(result.reason).toContain('AccessDeniedException')
  })

  it('only logs a failed revocation check under permissive', async () => {
    const trust = await policyTrust(
      trustPolicyFor({ level: 'permissive', trustStores: ['signingAuthority:test'], trustedIdentities: [profileArn] })
    )
    const result = await verifySignature({
      subject,
      reference,
      signatures: [fetched({})],
      trust,
      now: new Date(),
      checkRevocation: async () => {
        throw new Error('network down')
      }
    })
    expect(result.status).toBe('verified')
    expect(result.level).toBe('permissive')
    expect(result.details?.join('\n')).toContain('revocation status could not be checked: network down')
  })

  it('skips the revocation call when the policy overrides revocation to skip', async () => {
    const trust = await policyTrust(
      trustPolicyFor({ override: { revocation: 'skip' }, trustStores: ['signingAuthority:test'], trustedIdentities: [profileArn] })
    )
    const { result, calls } = await run([fetched({})], trust)
    expect(result.status).toBe('verified')
    expect(calls).toHaveLength(0)
  })

  it('rejects a signing profile that is not trusted', async () => {
    const trust = await loadTrustConfig({
      signingProfileArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/other_profile'],
      trustStorePath: dir,
      partition: 'aws'
    })
    const { result, calls } = await run([fetched({})], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('not among the trusted signing profiles')
    expect(calls).toHaveLength(0)
  })

  it('matches profile ARNs by prefix and profile-version ARNs exactly, case-insensitively', async () => {
    const upper = await loadTrustConfig({
      signingProfileArns: [DEFAULT_PROFILE_VERSION_ARN.replace('ecr_deploy_gate_test', 'ECR_DEPLOY_GATE_TEST')],
      trustStorePath: dir,
      partition: 'aws'
    })
    expect((await run([fetched({})], upper)).result.status).toBe('verified')
    const wrongVersion = await loadTrustConfig({ signingProfileArns: [`${profileArn}/zzzzzzzzzz`], trustStorePath: dir, partition: 'aws' })
    expect((await run([fetched({})], wrongVersion)).result.status).toBe('untrusted')
  })

  it('rejects a signature of another image (payload names another digest)', async () => {
    const { result } = await run([fetched({ subjectOverride: otherImage })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('names another artifact')
  })

  it('rejects a signature manifest whose subject is another image', async () => {
    const { result } = await run([fetched({}, { subject: otherImage })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('subject is not the image being deployed')
  })

  it('rejects a signature manifest without subject', async () => {
    const sig = fetched({})
    delete sig.subject
    const { result } = await run([sig])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('no subject')
  })

  it.each(['jws', 'cose'] as const)('rejects a tampered payload (%s)', async (format) => {
    const { result } = await run([fetched({ format, tamper: 'payload' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('does not verify')
  })

  it.each(['jws', 'cose'] as const)('rejects a tampered signature (%s)', async (format) => {
    const { result } = await run([fetched({ format, tamper: 'signature' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('does not verify')
  })

  it('rejects a chain whose root is not in the trust store', async () => {
    const { result, calls } = await run([fetched({ pki: 'stranger' })])
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('does not lead to a certificate in trust store')
    expect(calls).toHaveLength(0)
  })

  it('reports expired when the signed expiry has passed', async () => {
    const { result } = await run([fetched({ expiry: new Date(Date.now() - 1000).toISOString() })])
    expect(result.status).toBe('expired')
    expect(result.reason).toContain('expiry')
  })

  it('reports expired when the leaf was not valid at the authentic signing time', async () => {
    createTestPki({
      name: 'old-leaf',
      keyType: 'ec384',
      leafNotBefore: new Date(Date.now() - 10 * 86400_000),
      leafNotAfter: new Date(Date.now() - 5 * 86400_000)
    })
    const trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: writeStore('old-leaf'), partition: 'aws' })
    const { result } = await run([fetched({ pki: 'old-leaf' })], trust)
    expect(result.status).toBe('expired')
    expect(result.reason).toContain('authentic timestamp')
    // signingAuthority judges validity at the authentic signing time, not now.
    const { result: atSigning } = await run(
      [fetched({ pki: 'old-leaf', authenticSigningTime: new Date(Date.now() - 7 * 86400_000).toISOString() })],
      trust
    )
    expect(atSigning.status).toBe('verified')
  })

  it('reports untrusted when the signing time is before the leaf validity', async () => {
    const { result } = await run([fetched({ authenticSigningTime: new Date(Date.now() - 30 * 86400_000).toISOString() })])
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('valid only from')
  })

  it('rejects an unknown critical header', async () => {
    for (const format of ['jws', 'cose'] as const) {
      const { result } = await run([fetched({ format, crit: ['io.example.unknown'] })])
      expect(result.status).toBe('invalid')
      expect(result.reason).toContain('unknown critical header "io.example.unknown"')
    }
  })

  it('rejects an algorithm that does not match the leaf key', async () => {
    const { result } = await run([fetched({ alg: 'ES256' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('requires ES384')
    const { result: rs } = await run([fetched({ alg: 'RS256' })])
    expect(rs.status).toBe('invalid')
    expect(rs.reason).toContain('alg')
  })

  it('rejects a signature requiring another verification plugin', async () => {
    const { result } = await run([fetched({ plugin: 'com.example.plugin' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('requires plugin com.example.plugin, which this gate does not implement')
  })

  it('rejects the wildcard identity for AWS Signer signatures', async () => {
    const trust = await policyTrust(trustPolicyFor({ trustStores: ['signingAuthority:test'], trustedIdentities: ['*'] }))
    const { result } = await run([fetched({})], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('wildcard')
  })

  it('reports missing when there is no signature', async () => {
    const { result } = await run([])
    expect(result.status).toBe('missing')
    expect(result.reason).toContain(subject.digest)
  })

  it('reports skipped when no trust input was given', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [], partition: 'aws' })
    const { result } = await run([fetched({})], trust)
    expect(result.status).toBe('skipped')
  })

  it('verifies when one signature is bad and another good, listing both', async () => {
    const bad = fetched({ tamper: 'signature' })
    const good = fetched({})
    const { result } = await run([bad, good])
    expect(result.status).toBe('verified')
    expect(result.signatureDigest).toBe(good.manifestDigest)
    expect(result.details).toHaveLength(2)
    expect(result.details?.[0]).toContain(bad.manifestDigest)
    expect(result.details?.[0]).toContain('invalid')
  })

  it('reports the most specific failure among several signatures', async () => {
    const untrusted = fetched({ pki: 'stranger' })
    const expired = fetched({ expiry: new Date(Date.now() - 1000).toISOString() })
    const invalid = fetched({ tamper: 'signature' })
    const { result } = await run([invalid, untrusted, expired])
    expect(result.status).toBe('expired')
    expect(result.signatureDigest).toBe(expired.manifestDigest)
    expect(result.reason).toContain('3 signatures examined')
    expect(result.details).toHaveLength(3)
    const revoked = await run([untrusted, fetched({})], awsTrust, [DEFAULT_JOB_ARN])
    expect(revoked.result.status).toBe('revoked')
  })

  it('rejects an oversized envelope before parsing it', async () => {
    const { result } = await run([fetched({ oversizeBytes: 32 * 1024 * 1024 + 1 })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('over the 33554432-byte limit')
  })

  it('rejects a layer media type that is not a signature envelope', async () => {
    const { result } = await run([fetched({}, { envelopeMediaType: 'application/vnd.oci.image.layer.v1.tar' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('application/vnd.oci.image.layer.v1.tar')
  })

  it('rejects a JWS envelope labelled as COSE', async () => {
    const { result } = await run([fetched({}, { envelopeMediaType: 'application/cose' })])
    expect(result.status).toBe('invalid')
    expect(result.reason).toContain('malformed envelope')
  })
})

function writeStore(pkiName: string): string {
  const storeDir = mkdtempSync(join(dir, 'store-'))
  writeTrustStore(storeDir, { type: 'signingAuthority', name: pkiName, pkiNames: [pkiName] })
  return storeDir
}

describe('verifySignature: trust policy scopes, levels and identities', () => {
  const x509Spec: SignatureSpec = { pki: 'x509', scheme: 'notary.x509' }

  it('verifies notary.x509 signatures against a ca store with a matching x509.subject identity', async () => {
    const trust = await policyTrust(
      trustPolicyFor({
        trustStores: ['ca:x509'],
        trustedIdentities: ['x509.subject: C=US, ST=WA, O=ecr-deploy-gate tests, CN=x509 signer']
      })
    )
    const { result, calls } = await run([fetched(x509Spec)], trust)
    expect(result.status).toBe('verified')
    expect(result.signingProfile).toBeUndefined()
    expect(calls).toHaveLength(0)
  })

  it('rejects a notary.x509 signer whose subject does not match', async () => {
    const trust = await policyTrust(
      trustPolicyFor({ trustStores: ['ca:x509'], trustedIdentities: ['x509.subject: C=US, ST=WA, O=someone else'] })
    )
    const { result } = await run([fetched(x509Spec)], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('matches none of the trusted identities')
  })

  it('requires a ca store for notary.x509 and a signingAuthority store for signingAuthority', async () => {
    const trust = await policyTrust(trustPolicyFor({ trustStores: ['signingAuthority:test'], trustedIdentities: ['*'] }))
    const { result } = await run([fetched(x509Spec)], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('no trust store of type ca')
  })

  it('explains that ARN identities only fit AWS Signer signatures', async () => {
    const { result } = await run([fetched({ scheme: 'notary.x509.signingAuthority', plugin: '' })])
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('not made by AWS Signer')
  })

  it('uses the statement whose scope matches exactly over the global one', async () => {
    const trust = await policyTrust({
      version: '1.0',
      trustPolicies: [
        {
          name: 'global',
          registryScopes: ['*'],
          signatureVerification: { level: 'strict' },
          trustStores: ['ca:x509'],
          trustedIdentities: ['*']
        },
        { name: 'app', registryScopes: [reference], signatureVerification: { level: 'skip' } }
      ]
    })
    expect((await run([fetched(x509Spec)], trust)).result).toMatchObject({ status: 'skipped', trustPolicy: 'app', level: 'skip' })
    const other = await run([fetched(x509Spec)], trust, [], '123456789012.dkr.ecr.us-east-1.amazonaws.com/other')
    expect(other.result).toMatchObject({ status: 'verified', trustPolicy: 'global' })
  })

  it('reports untrusted when no statement applies', async () => {
    const trust = await policyTrust(
      trustPolicyFor({ registryScopes: ['registry.example.com/only/this'], trustStores: ['ca:x509'], trustedIdentities: ['*'] })
    )
    const { result } = await run([fetched(x509Spec)], trust)
    expect(result.status).toBe('untrusted')
    expect(result.reason).toContain('no trust policy statement applies')
  })

  it('logs expiry under permissive and enforces it under strict', async () => {
    const spec = { ...x509Spec, expiry: new Date(Date.now() - 1000).toISOString() }
    const permissive = await policyTrust(trustPolicyFor({ level: 'permissive', trustStores: ['ca:x509'], trustedIdentities: ['*'] }))
    const p = (await run([fetched(spec)], permissive)).result
    expect(p.status).toBe('verified')
    expect(p.reason).toContain('not enforced: expiry')
    const strict = await policyTrust(trustPolicyFor({ level: 'strict', trustStores: ['ca:x509'], trustedIdentities: ['*'] }))
    expect((await run([fetched(spec)], strict)).result.status).toBe('expired')
    const overridden = await policyTrust(
      trustPolicyFor({ level: 'strict', override: { expiry: 'log' }, trustStores: ['ca:x509'], trustedIdentities: ['*'] })
    )
    expect((await run([fetched(spec)], overridden)).result.status).toBe('verified')
  })

  it('records what was found at level audit, and still rejects integrity failures', async () => {
    const audit = await policyTrust(trustPolicyFor({ level: 'audit', trustStores: ['ca:x509'], trustedIdentities: ['*'] }))
    const untrusted = (await run([fetched({ pki: 'stranger', scheme: 'notary.x509' })], audit)).result
    expect(untrusted).toMatchObject({ status: 'untrusted', level: 'audit' })
    expect(untrusted.reason).toContain('level audit')
    const tampered = (await run([fetched({ ...x509Spec, tamper: 'signature' })], audit)).result
    expect(tampered).toMatchObject({ status: 'invalid', level: 'audit' })
    expect(tampered.reason).not.toContain('not enforced')
    const good = (await run([fetched(x509Spec)], audit)).result
    expect(good).toMatchObject({ status: 'verified', level: 'audit' })
  })

  it('fails closed on certificates naming CRL/OCSP endpoints unless revocation is relaxed', async () => {
    createTestPki({ name: 'crl', keyType: 'ec256', intermediate: false, leafCrlUrl: 'http://crl.example.com/ca.crl' })
    const storeDir = mkdtempSync(join(dir, 'crl-'))
    writeTrustStore(storeDir, { type: 'ca', name: 'crl', pkiNames: ['crl'] })
    const write = async (override?: Record<string, string>): Promise<TrustConfig> => {
      const path = join(storeDir, 'p.json')
      writeFileSync(
        path,
        JSON.stringify(trustPolicyFor({ ...(override ? { override } : {}), trustStores: ['ca:crl'], trustedIdentities: ['*'] }))
      )
      return loadTrustConfig({ signingProfileArns: [], trustPolicyPath: path, trustStorePath: storeDir, partition: 'aws' })
    }
    const strict = (await run([fetched({ pki: 'crl', scheme: 'notary.x509' })], await write())).result
    expect(strict.status).toBe('untrusted')
    expect(strict.reason).toContain('CRL/OCSP')
    const skip = (await run([fetched({ pki: 'crl', scheme: 'notary.x509' })], await write({ revocation: 'skip' }))).result
    expect(skip.status).toBe('verified')
  })
})

describe('verifySignature: certificate rules', () => {
  async function verdictFor(name: string, options: Parameters<typeof createTestPki>[0]) {
    createTestPki({ name, keyType: 'ec256', ...options })
    const trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: writeStore(name), partition: 'aws' })
    return (await run([fetched({ pki: name })], trust)).result
  }

  it('rejects a CA certificate as signing certificate', async () => {
    const r = await verdictFor('leaf-ca', { leafCa: true })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('is a CA certificate')
  })

  it('rejects a signing certificate without digitalSignature', async () => {
    const r = await verdictFor('leaf-ku', { leafKeyUsage: ['keyEncipherment'] })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('digitalSignature')
  })

  it('rejects a signing certificate without the codeSigning extended key usage', async () => {
    const r = await verdictFor('leaf-eku', { leafEku: ['1.3.6.1.5.5.7.3.1'] })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('codeSigning')
  })

  it('rejects a SHA-1 signed certificate', async () => {
    const r = await verdictFor('leaf-sha1', { leafSigHash: 'sha1' })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('not allowed')
  })

  it('rejects an intermediate without keyCertSign', async () => {
    const r = await verdictFor('int-ku', { intermediateKeyUsage: ['digitalSignature'] })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('keyCertSign')
  })

  it('rejects an intermediate that is not a CA', async () => {
    const r = await verdictFor('int-ca', { intermediateCa: false })
    expect(r.status).toBe('invalid')
    expect(r.reason).toContain('is not a CA')
  })
})
