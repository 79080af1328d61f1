/**
 * cosign signatures end to end: dist/index.js (on the action's Node) finds cosign signatures in the
 * emulator's registry (Sigstore bundle referrers and the legacy `.sig` tag), reads KMS public keys
 * with kms:GetPublicKey, and verifies with sigstore-js. Every signature is made at test time
 * (emulator/cosign.mjs): node:crypto keys, and a test Fulcio/Rekor/TSA with its trusted_root.json.
 */
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { buildContent, normalizeScenario } from '../../emulator/scenario.mjs'
import { createTestPki, trustPolicyFor, writeTrustStore } from '../../emulator/signing.mjs'
import {
  cosignArtifact,
  createSigstoreTestPki,
  generateKey,
  keylessSigner,
  publicKeyDer,
  publicKeyPem,
  type CosignArtifact
} from '../../emulator/cosign.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { startTufRepository, type TufRepository } from '../../emulator/tuf.mjs'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const IDENTITY = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'
const ISSUER = 'https://token.actions.githubusercontent.com'
const P384_KEY_ID = randomUUID()
const PROFILE = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/release`
const notationGood = {
  pki: 'e2e-good',
  signingProfileVersionArn: `${PROFILE}/a1b2c3d4e5`,
  signingJobArn: `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-jobs/11111111-2222-4333-8444-555555555555`
}

const TAGS = [
  'pem-legacy',
  'pem-bundle',
  'kms-p256',
  'kms-p384',
  'rsa',
  'wrong-key',
  'other-digest',
  'tampered',
  'missing',
  'keyless',
  'keyless-expired',
  'no-tlog',
  'platform-only',
  'both',
  'oversized'
] as const
type Tag = (typeof TAGS)[number]

const rawScenario = {
  accountId: ACCOUNT,
  region: REGION,
  scanType: 'ENHANCED',
  repositories: [{ name: 'signed', scanOnPush: true }],
  images: TAGS.map((name) => ({
    name,
    repository: 'signed',
    tags: [name],
    platforms:
      name === 'platform-only'
        ? [
            { os: 'linux', architecture: 'amd64' },
            { os: 'linux', architecture: 'arm64' }
          ]
        : [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
    ...(name === 'both' ? { signatures: [notationGood] } : {})
  }))
}

const keys = {
  pem: generateKey('p256'),
  other: generateKey('p256'),
  kms256: generateKey('p256'),
  kms384: generateKey('p384'),
  rsa: generateKey('rsa')
}
let emu: Emulator
let pemFile: string
let rsaFile: string
let rootFile: string
let expiredRootFile: string
let storeDir: string
let policyFile: string
let sigstorePki: Awaited<ReturnType<typeof createSigstoreTestPki>>

beforeAll(async () => {
  const content = await buildContent(
    normalizeScenario({ ...rawScenario, images: rawScenario.images.map(({ signatures: _s, ...im }) => im) })
  )
  const digestOf = (tag: Tag): string => (content.images[tag] as { digest: string }).digest
  const pki = await createSigstoreTestPki()
  sigstorePki = pki
  const expiredPki = await createSigstoreTestPki({ caClock: new Date('2020-01-01T00:00:00Z') })
  const keyless = await keylessSigner(pki, { identity: IDENTITY, issuer: ISSUER })
  const expiredSigner = await keylessSigner(expiredPki, { identity: IDENTITY, issuer: ISSUER })
  const sign = (tag: Tag, o: Omit<Parameters<typeof cosignArtifact>[0], 'digest'>): Promise<CosignArtifact> =>
    cosignArtifact({ digest: digestOf(tag), pki, ...(o.layout === 'bundle' ? { subjectImage: tag } : {}), ...o })
  const artifacts = await Promise.all([
    sign('pem-legacy', { layout: 'legacy', signer: keys.pem }),
    sign('pem-bundle', { layout: 'bundle', signer: keys.pem }),
    sign('kms-p256', { layout: 'bundle', signer: keys.kms256 }),
    sign('kms-p384', { layout: 'legacy', signer: keys.kms384 }),
    sign('rsa', { layout: 'bundle', signer: keys.rsa }),
    sign('wrong-key', { layout: 'bundle', signer: keys.other }),
    sign('other-digest', { layout: 'legacy', signer: keys.pem, claimDigest: digestOf('pem-legacy') }),
    sign('tampered', { layout: 'legacy', signer: keys.pem, tamper: 'payload' }),
    sign('keyless', { layout: 'bundle', signer: keyless, timestamp: true }),
    sign('keyless-expired', { layout: 'bundle', signer: expiredSigner, pki: expiredPki, tlog: false }),
    sign('no-tlog', { layout: 'bundle', signer: keys.pem, tlog: false }),
    cosignArtifact({
      digest: digestOf('platform-only'),
      pki,
      layout: 'bundle',
      signer: keys.pem,
      subjectImage: 'platform-only',
      subjectPlatform: 'linux/arm64'
    }),
    sign('both', { layout: 'bundle', signer: keys.pem }),
    sign('oversized', { layout: 'bundle', signer: keys.pem, padBytes: 1024 * 1024 + 10 })
  ])
  createTestPki({ name: 'e2e-good' })
  emu = await startEmulator({
    port: 0,
    scenario: { ...rawScenario, artifacts: artifacts.map((a) => ({ repository: 'signed', ...a })) },
    kms: {
      keys: [
        {
          keyId: randomUUID(),
          aliases: ['alias/cosign-p256'],
          keySpec: 'ECC_NIST_P256',
          publicKey: publicKeyDer(keys.kms256.publicKey).toString('base64')
        },
        { keyId: P384_KEY_ID, keySpec: 'ECC_NIST_P384', publicKey: publicKeyDer(keys.kms384.publicKey).toString('base64') },
        {
          keyId: randomUUID(),
          aliases: ['alias/encrypt'],
          keySpec: 'RSA_2048',
          keyUsage: 'ENCRYPT_DECRYPT',
          publicKey: publicKeyDer(keys.rsa.publicKey).toString('base64')
        },
        {
          keyId: randomUUID(),
          aliases: ['alias/disabled'],
          keySpec: 'ECC_NIST_P256',
          state: 'Disabled',
          publicKey: publicKeyDer(keys.pem.publicKey).toString('base64')
        }
      ]
    }
  })
  pemFile = path.join(emu.dir, 'cosign.pub')
  rsaFile = path.join(emu.dir, 'rsa.pub')
  rootFile = path.join(emu.dir, 'trusted_root.json')
  expiredRootFile = path.join(emu.dir, 'expired_trusted_root.json')
  await writeFile(pemFile, publicKeyPem(keys.pem.publicKey))
  await writeFile(rsaFile, publicKeyPem(keys.rsa.publicKey))
  await writeFile(rootFile, JSON.stringify(pki.trustedRoot))
  await writeFile(expiredRootFile, JSON.stringify(expiredPki.trustedRoot))
  storeDir = path.join(emu.dir, 'truststore')
  writeTrustStore(storeDir, { type: 'signingAuthority', name: 'release', pkiNames: ['e2e-good'] })
  policyFile = path.join(emu.dir, 'trustpolicy.json')
  await writeFile(
    policyFile,
    JSON.stringify(trustPolicyFor({ name: 'release', trustStores: ['signingAuthority:release'], trustedIdentities: [PROFILE] }))
  )
})
afterAll(async () => {
  await emu?.stop()
})

const run = (tag: string, inputs: Record<string, string>) =>
  runAction({ inputs: { repository: 'signed', tag, 'sigstore-trusted-root': rootFile, ...inputs }, env: emu.env })
const withKey = (tag: string, key: string = pemFile, extra: Record<string, string> = {}) => run(tag, { 'cosign-key': key, ...extra })
const keylessInputs = { 'cosign-certificate-identity': IDENTITY, 'cosign-certificate-oidc-issuer': ISSUER }
const errorLine = (stdout: string): string => stdout.split('\n').find((l) => l.startsWith('::error::')) ?? ''

describe.concurrent('cosign verification through dist/index.js', () => {
  it.each([
    ['pem-legacy', () => withKey('pem-legacy')],
    ['pem-bundle', () => withKey('pem-bundle')],
    ['kms-p256 (alias)', () => withKey('kms-p256', 'awskms:///alias/cosign-p256')],
    ['kms-p384 (key ARN)', () => withKey('kms-p384', `awskms:///arn:aws:kms:${REGION}:${ACCOUNT}:key/${P384_KEY_ID}`)],
    ['rsa', () => withKey('rsa', rsaFile)],
    ['keyless', () => run('keyless', keylessInputs)],
    [
      'keyless identity regexp',
      () =>
        run('keyless', {
          'cosign-certificate-identity-regexp': 'https://github\\.com/acme/.+@refs/heads/main',
          'cosign-certificate-oidc-issuer': ISSUER
        })
    ],
    ['no-tlog with cosign-ignore-tlog', () => withKey('no-tlog', pemFile, { 'cosign-ignore-tlog': 'true' })]
  ])('verifies %s', async (_name, go) => {
    const r = await go()
    expect(r.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
    expect(r.code).toBe(0)
  })

  it.each([
    ['wrong-key', () => withKey('wrong-key'), 'untrusted', /does not verify with .*cosign\.pub.*signed with another key/],
    ['other-digest', () => withKey('other-digest'), 'invalid', /not the deployed digest .*another image/],
    ['tampered', () => withKey('tampered'), 'invalid', /TLOG_BODY_ERROR/],
    ['missing', () => withKey('missing'), 'missing', /no cosign signature of sha256:/],
    [
      'wrong identity',
      () => run('keyless', { ...keylessInputs, 'cosign-certificate-identity': `${IDENTITY}x` }),
      'untrusted',
      /certificate identity .* does not match/
    ],
    [
      'wrong issuer',
      () => run('keyless', { ...keylessInputs, 'cosign-certificate-oidc-issuer': 'https://accounts.google.com' }),
      'untrusted',
      /OIDC issuer .* does not match/
    ],
    [
      'expired certificate',
      () =>
        runAction({
          inputs: { repository: 'signed', tag: 'keyless-expired', 'sigstore-trusted-root': expiredRootFile, ...keylessInputs },
          env: emu.env
        }),
      'expired',
      /no transparency-log entry or timestamp proves/
    ],
    ['no-tlog', () => withKey('no-tlog'), 'untrusted', /cosign-ignore-tlog/],
    ['platform-only', () => withKey('platform-only'), 'missing', /index digest/],
    ['oversized', () => withKey('oversized'), 'invalid', /over the 1048576-byte limit/],
    ['kms disabled', () => withKey('kms-p256', 'awskms:///alias/disabled'), 'invalid', /disabled/],
    ['kms encryption key', () => withKey('kms-p256', 'awskms:///alias/encrypt'), 'invalid', /not SIGN_VERIFY/]
  ])('refuses %s', async (_name, go, status, reason) => {
    const r = await go()
    expect(r.outputs).toMatchObject({ decision: 'fail', 'signature-status': status })
    expect(r.code).toBe(1)
    expect(errorLine(r.stdout)).toMatch(reason)
  })

  it('requires Notation and cosign under signatures-required: all, either under any', async () => {
    const both = { 'cosign-key': pemFile, 'trust-policy': policyFile, 'trust-store': storeDir }
    const all = await run('both', both)
    expect(all.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
    const cosignOnly = await run('pem-bundle', both)
    expect(cosignOnly.outputs).toMatchObject({ decision: 'fail', 'signature-status': 'missing' })
    expect(errorLine(cosignOnly.stdout)).toMatch(/notation is required/)
    const any = await run('pem-bundle', { ...both, 'signatures-required': 'any' })
    expect(any.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
    const neither = await run('missing', { ...both, 'signatures-required': 'any' })
    expect(neither.outputs).toMatchObject({ decision: 'fail', 'signature-status': 'missing' })
  })
})

// Alone, so that the emulator's call log holds only this run's calls.
describe('cosign request count', () => {
  it('shows the keyless evidence in the summary and the JSON report', async () => {
    const r = await run('keyless', keylessInputs)
    // Markdown-escaped: URLs carry a zero-width joiner after the scheme.
    expect(r.summary).toMatch(/cosign: verified \\\(.*identity https:\u200d\/\/github.*tlogIndex \d+/)
    const report = JSON.parse(await readFile(r.outputs['report-file'] ?? '', 'utf8'))
    expect(report.signature).toMatchObject({ status: 'verified', signer: IDENTITY })
    expect(report.signature.systems[0]).toMatchObject({
      system: 'cosign',
      status: 'verified',
      evidence: { identity: IDENTITY, issuer: ISSUER, layout: 'sigstore-bundle', payloadDigest: expect.stringMatching(/^sha256:/) }
    })
    expect(report.signature.systems[0].evidence.integratedTime).toMatch(/^\d{4}-/)
    expect(report.signature.systems[0].evidence.timestampTime).toMatch(/^\d{4}-/)
  })

  it('reads each KMS key once per run, with at most 5 registry and KMS requests for the signature', async () => {
    const before = emu.calls.length
    const r = await withKey('kms-p256', 'awskms:///alias/cosign-p256')
    expect(r.outputs['signature-status']).toBe('verified')
    const calls = emu.calls.slice(before) as { service: string; operation: string }[]
    expect(calls.filter((c) => c.operation === 'GetPublicKey')).toHaveLength(1)
    // The signature step: the referrers list, the bundle manifest and blob, and GetPublicKey.
    const signatureCalls = calls.filter((c) => c.service === 'kms' || (c.service === 'registry' && c.operation !== 'Ping'))
    expect(signatureCalls.length).toBeGreaterThanOrEqual(4)
    expect(signatureCalls.length).toBeLessThanOrEqual(5)
  })

  it.each([
    ['cosign-key', { 'cosign-key': 'awskms:///not a key' }, /Invalid input for 'cosign-key'|Invalid 'cosign-key'/],
    ['cosign-key', { 'cosign-key': '/nonexistent/cosign.pub' }, /cannot read/],
    [
      'cosign-certificate-identity-regexp',
      { 'cosign-certificate-identity-regexp': '(', 'cosign-certificate-oidc-issuer': ISSUER },
      /does not compile/
    ],
    [
      'cosign-certificate-identity',
      { 'cosign-certificate-identity': IDENTITY },
      /an issuer is required with it \('cosign-certificate-oidc-issuer'/
    ],
    ['sigstore-trusted-root', { 'cosign-key': '__PEM__', 'sigstore-trusted-root': '__PEM__' }, /not valid JSON/],
    ['sigstore-tuf-mirror', { 'cosign-key': '__PEM__', 'sigstore-tuf-mirror': 'http://tuf.example.com' }, /expected the https URL/],
    ['sigstore-tuf-root', { 'cosign-key': '__PEM__', 'sigstore-tuf-root': '__ROOT__' }, /signed\._type is "root"/]
  ])('refuses bad input for %s before any AWS call', async (input, inputs, message) => {
    const before = emu.calls.length
    const resolved = Object.fromEntries(
      Object.entries(inputs).map(([k, v]) => [k, v === '__PEM__' ? pemFile : v === '__ROOT__' ? rootFile : v])
    )
    const r = await runAction({ inputs: { repository: 'signed', tag: 'pem-bundle', ...resolved }, env: emu.env })
    expect(r.code).toBe(1)
    const error = errorLine(r.stdout)
    expect(error).toContain(input)
    expect(error).toMatch(message)
    expect(emu.calls.slice(before)).toEqual([])
  })
})

describe('cosign signatures among paginated referrers', () => {
  let paged: Emulator
  let endless: Emulator
  const key = generateKey('p256')
  let keyFile: string
  const scenarioWith = (artifacts: unknown[]) => ({
    accountId: ACCOUNT,
    region: REGION,
    scanType: 'ENHANCED',
    repositories: [{ name: 'signed', scanOnPush: true }],
    images: [
      {
        name: 'app',
        repository: 'signed',
        tags: ['app'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: { timeline: [{ status: 'COMPLETE' }], findings: [] }
      }
    ],
    artifacts
  })
  const sbom = (n: number) => ({
    repository: 'signed',
    subject: 'app',
    artifactType: 'application/spdx+json',
    layers: [{ mediaType: 'application/spdx+json', text: `{"n":${n}}` }]
  })

  beforeAll(async () => {
    const base = scenarioWith([])
    const content = await buildContent(normalizeScenario(base))
    const digest = (content.images['app'] as { digest: string }).digest
    const pki = await createSigstoreTestPki()
    const signature = await cosignArtifact({ digest, pki, layout: 'bundle', signer: key, subjectImage: 'app' })
    paged = await startEmulator({
      port: 0,
      scenario: scenarioWith([sbom(1), sbom(2), { repository: 'signed', ...signature }]),
      referrers: { pageSize: 1 }
    })
    endless = await startEmulator({ port: 0, scenario: scenarioWith([sbom(1)]), referrers: { pageSize: 1, endless: true } })
    keyFile = path.join(paged.dir, 'cosign.pub')
    await writeFile(keyFile, publicKeyPem(key.publicKey))
    await writeFile(path.join(paged.dir, 'trusted_root.json'), JSON.stringify(pki.trustedRoot))
  })
  afterAll(async () => {
    await paged?.stop()
    await endless?.stop()
  })

  it('follows the referrers pages to the signature on the last one', async () => {
    const r = await runAction({
      inputs: {
        repository: 'signed',
        tag: 'app',
        'cosign-key': keyFile,
        'sigstore-trusted-root': path.join(paged.dir, 'trusted_root.json')
      },
      env: paged.env
    })
    expect(r.outputs).toMatchObject({ decision: 'pass', 'signature-status': 'verified' })
    expect(paged.calls.filter((c: { operation: string }) => c.operation === 'ListReferrers').length).toBeGreaterThanOrEqual(3)
  })

  it('fails, never passes, when the referrers list never ends', async () => {
    const r = await runAction({
      inputs: {
        repository: 'signed',
        tag: 'app',
        'cosign-key': keyFile,
        'sigstore-trusted-root': path.join(paged.dir, 'trusted_root.json')
      },
      env: endless.env
    })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'signature-status': 'missing' })
    expect(r.stdout).toMatch(/Stopped listing referrers .* after 20 pages/)
    // The reason says the list was cut short, so "missing" is not read as "there is none".
    expect(errorLine(r.stdout)).toMatch(
      /no cosign signature of sha256:[0-9a-f]{64} .*; the referrers list is incomplete \(the registry was still paginating after 20 pages\), so a cosign signature beyond it was not examined/
    )
  })
})

/**
 * The trusted root refreshed over TUF (no 'sigstore-trusted-root'): from the emulator's TUF
 * repository, whose trusted_root.json trusts the test instance that signed 'keyless'. The fallback
 * is observable: it is the shipped public-good root, which does not trust the test instance.
 * One run at a time: the refresh has a 5 s bound, and the emulator's repository answers from this
 * process.
 */
describe('the Sigstore trusted root over TUF', () => {
  const repos: Record<'good' | 'tampered' | 'slow', TufRepository | undefined> = { good: undefined, tampered: undefined, slow: undefined }
  let seedFile: string
  let closedUrl: string
  beforeAll(async () => {
    repos.good = await startTufRepository({ trustedRoot: sigstorePki.trustedRoot })
    repos.tampered = await startTufRepository({ trustedRoot: sigstorePki.trustedRoot, fault: 'tampered-target' })
    repos.slow = await startTufRepository({ trustedRoot: sigstorePki.trustedRoot, fault: 'slow' })
    const closed = await startTufRepository({ trustedRoot: sigstorePki.trustedRoot })
    closedUrl = closed.url
    await closed.stop()
    // Every repository is signed with its own keys: each is seeded with its own root.
    seedFile = path.join(emu.dir, 'tuf-root.json')
    await writeFile(seedFile, repos.good.rootJson)
    for (const name of ['tampered', 'slow'] as const) await writeFile(path.join(emu.dir, `tuf-root-${name}.json`), repos[name]!.rootJson)
  })
  afterAll(async () => {
    await Promise.all(Object.values(repos).map((r) => r?.stop()))
  })
  const keyless = (mirror: string, root: string) =>
    runAction({
      inputs: { repository: 'signed', tag: 'keyless', ...keylessInputs, 'sigstore-tuf-mirror': mirror, 'sigstore-tuf-root': root },
      env: emu.env
    })

  it('passes keyless with the root refreshed from the mirror, and the report names it', async () => {
    const r = await keyless(repos.good!.url, seedFile)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['signature-status']).toBe('verified')
    expect(r.report).toMatchObject({
      signature: {
        systems: [{ evidence: { trustedRoot: `the Sigstore trusted root, refreshed over TUF from ${repos.good!.url} (root v1)` } }]
      }
    })
  })

  it.each([
    ['unreachable', () => closedUrl, () => seedFile, /could not be reached/],
    ['slower than the bound', () => repos.slow!.url, () => path.join(emu.dir, 'tuf-root-slow.json'), /no answer within 5000 ms/]
  ])('mirror %s: falls back to the shipped root, with a warning, and says so', async (_name, mirror, root, why) => {
    const r = await keyless(mirror(), root())
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::warning::Sigstore trusted root not refreshed: .*using the Sigstore public-good trusted root shipped with the action/
    )
    // The shipped public-good root does not trust the test instance: refused, naming the root used and why.
    expect(r.outputs['signature-status']).not.toBe('verified')
    const evidence = (r.report as { signature: { systems: { evidence: { trustedRoot: string } }[] } }).signature.systems[0]!.evidence
    expect(evidence.trustedRoot).toMatch(/^the Sigstore public-good trusted root shipped with the action \(the TUF refresh failed: /)
    expect(evidence.trustedRoot).toMatch(why)
  })

  it('tampered mirror: no fallback, the check fails saying the metadata failed verification', async () => {
    const r = await keyless(repos.tampered!.url, path.join(emu.dir, 'tuf-root-tampered.json'))
    expect(r.code).toBe(1)
    expect(r.outputs['signature-status']).toBe('invalid')
    expect(r.stdout).toMatch(/TUF metadata of http:\/\/127\.0\.0\.1:\d+ failed verification/)
    expect(r.stdout).not.toMatch(/::warning::Sigstore trusted root not refreshed/)
  })

  it("'sigstore-tuf-mirror: off' uses the shipped root, without refreshing", async () => {
    const r = await runAction({
      inputs: { repository: 'signed', tag: 'keyless', ...keylessInputs, 'sigstore-tuf-mirror': 'off' },
      env: emu.env
    })
    expect(r.outputs['signature-status']).not.toBe('verified')
    expect(r.report).toMatchObject({
      signature: { systems: [{ evidence: { trustedRoot: 'the Sigstore public-good trusted root shipped with the action' } }] }
    })
    expect(r.stdout).not.toMatch(/::warning::Sigstore trusted root/)
  })
})
