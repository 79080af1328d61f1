/**
 * Signature verification end to end: dist/index.js fetches Notation signatures from the emulator's
 * registry endpoint (ECR token auth, referrers API), verifies them natively, and checks revocation
 * with signer:GetRevocationStatus. Signatures are made at test time with a generated PKI.
 */
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { createTestPki, trustPolicyFor, writeTrustStore } from '../../emulator/signing.mjs'
import { runAction } from '../../emulator/run-action.mjs'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const ACCOUNT = '123456789012'
const PROFILE = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/release`
const VERSION = `${PROFILE}/a1b2c3d4e5`
const REVOKED_VERSION = `${PROFILE}/0badc0de00`
const OTHER_PROFILE_VERSION = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/someone_else/f00f00f00f`
const JOB = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-jobs/11111111-2222-4333-8444-555555555555`
const REVOKED_JOB = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-jobs/99999999-2222-4333-8444-555555555555`
const good = { pki: 'e2e-good', signingProfileVersionArn: VERSION, signingJobArn: JOB }

/** Each image carries the signatures named here; all scans are clean and complete. */
const cases: Record<string, Record<string, unknown>[]> = {
  valid: [good],
  'valid-cose': [{ ...good, format: 'cose' }],
  'valid-legacy-form': [{ ...good, legacyForm: true }],
  missing: [],
  'revoked-profile': [{ ...good, signingProfileVersionArn: REVOKED_VERSION }],
  'revoked-job': [{ ...good, signingJobArn: REVOKED_JOB }],
  'revoked-cert': [{ ...good, pki: 'e2e-revoked-cert' }],
  'untrusted-profile': [{ ...good, signingProfileVersionArn: OTHER_PROFILE_VERSION }],
  'other-image': [
    {
      ...good,
      subjectOverride: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'ab'.repeat(32)}`, size: 1234 }
    }
  ],
  'tampered-payload': [{ ...good, tamper: 'payload' }],
  'tampered-signature': [{ ...good, tamper: 'signature' }],
  'untrusted-root': [{ ...good, pki: 'e2e-rogue' }],
  expired: [{ ...good, expiry: '2020-01-01T00:00:00Z' }],
  'not-valid-at-signing-time': [{ ...good, authenticSigningTime: '2001-01-01T00:00:00Z' }],
  'unknown-critical': [{ ...good, crit: ['io.example.mustUnderstand'] }],
  'alg-mismatch': [{ ...good, alg: 'ES256' }],
  'bad-then-good': [{ ...good, tamper: 'signature' }, good],
  oversized: [{ ...good, oversizeBytes: 33 * 1024 * 1024 }]
}

let emu: Emulator
let storeDir: string
let policyFile: string

beforeAll(async () => {
  // The revoked certificate: its hashes are known only once its PKI exists (same process as the emulator).
  const revokedCert = createTestPki({ name: 'e2e-revoked-cert' })
  emu = await startEmulator({
    port: 0,
    scenario: {
      accountId: ACCOUNT,
      region: 'us-east-1',
      scanType: 'ENHANCED',
      repositories: [{ name: 'signed', scanOnPush: true }],
      images: Object.entries(cases).map(([name, signatures]) => ({
        name,
        repository: 'signed',
        tags: [name],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
        signatures
      })),
      signer: {
        revoked: { profileVersionArns: [REVOKED_VERSION], jobArns: [REVOKED_JOB], certificateHashes: [revokedCert.certificateHashes[0]] }
      }
    }
  })
  storeDir = path.join(emu.dir, 'truststore')
  writeTrustStore(storeDir, { type: 'signingAuthority', name: 'release', pkiNames: ['e2e-good', 'e2e-revoked-cert'] })
  policyFile = path.join(emu.dir, 'trustpolicy.json')
  await writeFile(
    policyFile,
    JSON.stringify(trustPolicyFor({ name: 'release', trustStores: ['signingAuthority:release'], trustedIdentities: [PROFILE] }))
  )
})
afterAll(async () => {
  await emu?.stop()
})

const withPolicy = (tag: string, extra: Record<string, string> = {}) =>
  runAction({ inputs: { repository: 'signed', tag, 'trust-policy': policyFile, 'trust-store': storeDir, ...extra }, env: emu.env })

const expectations: [string, string, RegExp][] = [
  ['missing', 'missing', /no .*signature/i],
  ['revoked-profile', 'revoked', /revoked/i],
  ['revoked-job', 'revoked', /revoked/i],
  ['revoked-cert', 'revoked', /revoked/i],
  ['untrusted-profile', 'untrusted', /someone_else|identit/i],
  ['other-image', 'invalid', /another artifact/i],
  ['tampered-payload', 'invalid', /.+/],
  ['tampered-signature', 'invalid', /signature/i],
  ['untrusted-root', 'untrusted', /trust store|trusted/i],
  ['expired', 'expired', /expir/i],
  ['not-valid-at-signing-time', 'untrusted', /signing time|not valid|validity/i],
  ['unknown-critical', 'invalid', /io\.example\.mustUnderstand/],
  ['alg-mismatch', 'invalid', /ES256|alg/i],
  ['oversized', 'invalid', /size|large|32 MiB|bytes/i]
]

describe.concurrent('signature verification through dist/index.js', () => {
  it.each(['valid', 'valid-cose', 'valid-legacy-form', 'bad-then-good'])('verifies %s and passes', async (tag) => {
    const r = await withPolicy(tag)
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
    expect(r.summary).toContain('release')
  })

  it.each(expectations)('refuses %s as %s', async (tag, status, reason) => {
    const r = await withPolicy(tag)
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'signature-status': status })
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? ''
    expect(error).toMatch(/Signature /)
    expect(error).toMatch(reason)
  })

  it('checks revocation with signer:GetRevocationStatus for a verified signature', async () => {
    const before = emu.calls.filter((c: { operation: string }) => c.operation === 'GetRevocationStatus').length
    await withPolicy('valid')
    const after = emu.calls.filter((c: { operation: string }) => c.operation === 'GetRevocationStatus').length
    expect(after).toBeGreaterThan(before)
  })

  it('trusts signing-profile-arns with a signingAuthority trust store', async () => {
    const run = (tag: string, arns: string) =>
      runAction({ inputs: { repository: 'signed', tag, 'signing-profile-arns': arns, 'trust-store': storeDir }, env: emu.env })
    expect((await run('valid', PROFILE)).outputs['signature-status']).toBe('verified')
    expect((await run('valid', VERSION)).outputs['signature-status']).toBe('verified')
    expect((await run('valid', OTHER_PROFILE_VERSION)).outputs['signature-status']).toBe('untrusted')
  })

  it('does not enforce under trust policy level audit, but reports what it found', async () => {
    const auditPolicy = path.join(emu.dir, 'audit-policy.json')
    await writeFile(
      auditPolicy,
      JSON.stringify(
        trustPolicyFor({ name: 'audit', level: 'audit', trustStores: ['signingAuthority:release'], trustedIdentities: [PROFILE] })
      )
    )
    const r = await runAction({
      inputs: { repository: 'signed', tag: 'untrusted-profile', 'trust-policy': auditPolicy, 'trust-store': storeDir },
      env: emu.env
    })
    expect(r.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'untrusted' })
  })

  it('verifies against a Notation trust policy with your own CA (notary.x509)', async () => {
    const caStore = path.join(emu.dir, 'ca-store')
    writeTrustStore(caStore, { type: 'ca', name: 'corp', pkiNames: ['e2e-x509'] })
    const caPolicy = path.join(emu.dir, 'ca-policy.json')
    await writeFile(
      caPolicy,
      JSON.stringify(
        trustPolicyFor({
          name: 'corp',
          trustStores: ['ca:corp'],
          trustedIdentities: ['x509.subject: C=US, ST=WA, O=ecr-deploy-gate tests, CN=e2e-x509 signer']
        })
      )
    )
    // The shared scenario signs with AWS Signer's scheme; this case needs a notary.x509 signature,
    // so it starts a second emulator whose only image is signed that way.
    const second = await startEmulator({
      port: 0,
      scenario: {
        accountId: ACCOUNT,
        region: 'us-east-1',
        scanType: 'ENHANCED',
        repositories: [{ name: 'corp' }],
        images: [
          {
            name: 'x509',
            repository: 'corp',
            tags: ['v1'],
            platforms: [{ os: 'linux', architecture: 'amd64' }],
            scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
            signatures: [{ pki: 'e2e-x509', scheme: 'notary.x509', plugin: '' }]
          }
        ]
      }
    })
    try {
      const r = await runAction({
        inputs: { repository: 'corp', tag: 'v1', 'trust-policy': caPolicy, 'trust-store': caStore },
        env: second.env
      })
      expect(r.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
      expect(r.summary.replace(/\\/g, '')).toContain('CN=e2e-x509 signer')
    } finally {
      await second.stop()
    }
  })
})
