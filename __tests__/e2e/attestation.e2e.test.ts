/**
 * End to end: build provenance through the bundled dist/index.js against the emulator, whose
 * loopback GitHub attestations API (and ECR referrers) serve attestation bundles signed at test time
 * by a test Fulcio-like CA carrying GitHub's certificate extensions, with real sigstore-js
 * verification and real Octokit. Each case checks the exact `attestation-status` and reason.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attestationBundle, createAttestationPki, createGitHubInstancePki, registryAttestation } from '../../emulator/attestations.mjs'
import { startTufRepository, type TufRepository } from '../../emulator/tuf.mjs'
import type { GitHubState } from '../../emulator/github.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { startEmulator } from '../../emulator/server.mjs'
import { cleanImage, enhancedScenario } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
type Pki = Awaited<ReturnType<typeof createAttestationPki>>

const other = { ...cleanImage, name: 'other', tags: ['other'], layers: [777] }
const scenario = enhancedScenario([cleanImage, other])

let pki: Pki
let emu: Emulator
let registryEmu: Emulator
let denied: Emulator
let rootFile: string
let privateRootFile: string
let githubTuf: TufRepository
let githubTufRoot: string
let closedTufUrl: string
const github: GitHubState = { attestations: [] }
const deniedGithub: GitHubState = { attestations: [], status: 403 }

beforeAll(async () => {
  pki = await createAttestationPki()
  emu = await startEmulator({ scenario, port: 0, github })
  const digest = emu.images.clean!.digest
  const bundle = await attestationBundle(pki, { digest })
  // The registry source: the same kind of bundle stored as an OCI referrer of the image.
  registryEmu = await startEmulator({
    scenario: { ...scenario, artifacts: [{ repository: 'app', ...registryAttestation(bundle, 'clean') }] },
    port: 0
  })
  denied = await startEmulator({ scenario, port: 0, github: deniedGithub })
  rootFile = join(emu.dir, 'trusted_root.json')
  privateRootFile = join(emu.dir, 'private_root.json')
  await writeFile(rootFile, JSON.stringify(pki.trustedRoot))
  await writeFile(privateRootFile, JSON.stringify(pki.privateRoot))
  const add = async (owner: string, repo: string, options: Parameters<typeof attestationBundle>[1], form: 'inline' | 'url' = 'inline') =>
    github.attestations.push({ owner, repo, digest: options.digest, bundle: await attestationBundle(pki, options), form })
  github.attestations.push({ owner: 'octo-org', repo: 'app', digest, bundle, form: 'url' })
  // Listed under another repository, but built by octo-org/app.
  github.attestations.push({ owner: 'octo-org', repo: 'fork', digest, bundle })
  // Attestations of the image `other`, each breaking one rule.
  const otherDigest = emu.images.other!.digest
  await add('octo-org', 'app', { digest: otherDigest, build: { runnerEnvironment: 'self-hosted' } })
  await add('octo-org', 'app', { digest: otherDigest, predicateType: 'https://spdx.dev/Document/v2.3' })
  // A reusable workflow whose file name only starts with the pinned one.
  await add('octo-org', 'svc', {
    digest: otherDigest,
    build: { repo: 'octo-org/svc', signerWorkflow: 'octo-org/ci/.github/workflows/release.yml.evil.yml@refs/heads/main' }
  })
  // An attestation of the image `other` listed for `clean`: another digest's attestation.
  github.attestations.push({
    owner: 'octo-org',
    repo: 'mixed',
    digest,
    bundle: await attestationBundle(pki, { digest: otherDigest, build: { repo: 'octo-org/mixed' } })
  })
  // The private instance: a signed timestamp and no transparency log.
  await add('octo-org', 'private', { digest, tlog: false, build: { repo: 'octo-org/private', visibility: 'private' } })
  // GitHub's own instance (issuer "GitHub, Inc."): its root is served by a TUF repository.
  const githubPki = await createGitHubInstancePki()
  github.attestations.push({
    owner: 'octo-org',
    repo: 'internal',
    digest,
    bundle: await attestationBundle(githubPki, { digest, tlog: false, build: { repo: 'octo-org/internal', visibility: 'internal' } })
  })
  githubTuf = await startTufRepository({ trustedRoot: githubPki.trustedRoot })
  githubTufRoot = join(emu.dir, 'github-tuf-root.json')
  await writeFile(githubTufRoot, githubTuf.rootJson)
  const closed = await startTufRepository({ trustedRoot: githubPki.trustedRoot })
  closedTufUrl = closed.url
  await closed.stop()
  // Many pages (one attestation each): the good one is on the third.
  for (const ref of ['refs/heads/dev', 'refs/heads/feature'])
    await add('octo-org', 'paged', { digest, build: { repo: 'octo-org/paged', ref } })
  await add('octo-org', 'paged', { digest, build: { repo: 'octo-org/paged' } }, 'url')
})
afterAll(async () => {
  await Promise.all([emu?.stop(), registryEmu?.stop(), denied?.stop(), githubTuf?.stop()])
})

const gate = (target: Emulator, inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction({
    inputs: {
      repository: 'app',
      tag: 'clean',
      attestation: 'required',
      'attestation-trusted-root': rootFile,
      'github-token': 'ghs_testtoken123',
      ...inputs
    },
    env: { ...target.env, GITHUB_API_URL: target.url, ...env }
  })

function provenanceSection(summary: string): string {
  return summary.split('### Build provenance')[1]?.split('\n### ')[0] ?? ''
}

describe.concurrent('build provenance through dist/index.js', () => {
  it('passes an attested image (bundle_url form) and reports what built it', async () => {
    const r = await gate(emu, {
      'attestation-repo': 'octo-org/app',
      'attestation-source-ref': 'refs/heads/main',
      'attestation-signer-workflow': 'octo-org/app/.github/workflows/release.yml'
    })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'attestation-status': 'verified' })
    const section = provenanceSection(r.summary)
    expect(section).toContain('✅ **verified**')
    expect(section).toMatch(/- Built by repository: https:\S*\/\/github\.com\/octo\\?-org\/app\n/)
    expect(section).toContain('- Ref: refs/heads/main')
    expect(section).toContain('- Runner environment: github\\-hosted')
    expect(section).toContain(
      '- Run: [octo\\-org/app/actions/runs/4242/attempts/1](https://github.com/octo-org/app/actions/runs/4242/attempts/1)'
    )
    expect(r.report).toMatchObject({
      provenance: {
        status: 'verified',
        source: 'api',
        provenance: { repository: 'https://github.com/octo-org/app', commit: 'a'.repeat(40) }
      }
    })
    // The token went to the API only, masked in the log.
    const tokenLines = r.log.split('\n').filter((line) => line.includes('ghs_testtoken123'))
    expect(tokenLines.length).toBeGreaterThan(0)
    expect(tokenLines.every((line) => line === '::add-mask::ghs_testtoken123')).toBe(true)
    expect(github.requests?.some((q) => q.path.startsWith('/_github/') && q.authorization !== undefined)).toBe(false)
  })

  it.each([
    [
      'wrong owner',
      { 'attestation-owner': 'other-org' },
      'missing',
      /No build provenance attestation for sha256:[0-9a-f]{64} in other-org \(the attestations API answered 404\)/
    ],
    [
      'wrong repository',
      { 'attestation-repo': 'octo-org/fork' },
      'untrusted',
      /built from https:\/\/github\.com\/octo-org\/app, not https:\/\/github\.com\/octo-org\/fork \('attestation-repo'\)/
    ],
    [
      'wrong workflow',
      { 'attestation-repo': 'octo-org/app', 'attestation-signer-workflow': 'octo-org/app/.github/workflows/deploy.yml' },
      'untrusted',
      /signed by https:\/\/github\.com\/octo-org\/app\/\.github\/workflows\/release\.yml@refs\/heads\/main, which is not 'attestation-signer-workflow'/
    ],
    [
      'wrong ref',
      { 'attestation-repo': 'octo-org/app', 'attestation-source-ref': 'refs/tags/v1.0.0' },
      'untrusted',
      /built from the ref refs\/heads\/main, not refs\/tags\/v1\.0\.0 \('attestation-source-ref'\)/
    ],
    ['another digest', { 'attestation-repo': 'octo-org/mixed' }, 'untrusted', /this attestation is for another artifact/]
  ])('%s: attestation-status and reason', async (_name, inputs, status, reason) => {
    const r = await gate(emu, inputs)
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'attestation-status': status })
    expect(r.stdout).toMatch(reason)
  })

  it.each([
    ['self-hosted runner', {}, 'untrusted', /built on a self-hosted runner, and self-hosted runners are denied/],
    [
      'wrong predicate type',
      { 'attestation-predicate-type': 'https://example.com/predicate/v1' },
      'missing',
      /No attestation of sha256:[0-9a-f]{64} has the predicate type https:\/\/example\.com\/predicate\/v1/
    ]
  ])('%s on the image other: attestation-status and reason', async (_name, inputs, status, reason) => {
    const r = await gate(emu, { tag: 'other', 'attestation-repo': 'octo-org/app', ...inputs })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ 'attestation-status': status })
    expect(r.stdout).toMatch(reason)
  })

  it('refuses a signer workflow that only starts with the pinned one (the prefix trick)', async () => {
    const r = await gate(emu, {
      tag: 'other',
      'attestation-repo': 'octo-org/svc',
      'attestation-signer-workflow': 'octo-org/ci/.github/workflows/release.yml'
    })
    expect(r.code).toBe(1)
    expect(r.outputs['attestation-status']).toBe('untrusted')
    expect(r.stdout).toMatch(
      /signed by https:\/\/github\.com\/octo-org\/ci\/\.github\/workflows\/release\.yml\.evil\.yml@refs\/heads\/main, which is not 'attestation-signer-workflow'/
    )
  })

  it('no attestation: missing', async () => {
    const r = await gate(emu, { tag: 'other', 'attestation-repo': 'octo-org/nothing' })
    expect(r.outputs).toMatchObject({ decision: 'fail', 'attestation-status': 'missing' })
  })

  it('API 403: error naming attestations: read', async () => {
    const r = await gate(denied, { 'attestation-repo': 'octo-org/app' })
    expect(r.code).toBe(1)
    expect(r.outputs['attestation-status']).toBe('error')
    expect(r.stdout).toMatch(/HTTP 403 \(Resource not accessible by integration\).*permissions: attestations: read/)
  })

  it('follows Link pagination to the attestation that passes', async () => {
    const r = await gate(emu, { 'attestation-repo': 'octo-org/paged', 'attestation-source-ref': 'refs/heads/main' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['attestation-status']).toBe('verified')
    expect(r.report).toMatchObject({
      provenance: { rejected: [expect.stringMatching(/ref refs\/heads\/dev/), expect.stringMatching(/ref refs\/heads\/feature/)] }
    })
  })

  it('private instance: a timestamp and no log verifies against a root without logs', async () => {
    const r = await gate(emu, { 'attestation-repo': 'octo-org/private', 'attestation-trusted-root': privateRootFile })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['attestation-status']).toBe('verified')
    expect(r.report).toMatchObject({ provenance: { provenance: { visibility: 'private' } } })
    // Against a root that lists a log, the same bundle lacks its log entry.
    const withLog = await gate(emu, { 'attestation-repo': 'octo-org/private' })
    expect(withLog.outputs['attestation-status']).toBe('invalid')
  })

  it('registry source: the bundle stored as an OCI referrer, with AWS credentials only', async () => {
    const r = await gate(registryEmu, { 'attestation-repo': 'octo-org/app', 'attestation-source': 'registry', 'github-token': '' })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['attestation-status']).toBe('verified')
    expect(r.report).toMatchObject({ provenance: { source: 'registry' } })
  })

  it('bundle-file source for air-gapped runners; an unreadable file is an input error', async () => {
    const file = join(emu.dir, 'attestations.jsonl')
    const entry = github.attestations.find((a) => a.repo === 'app' && a.digest === emu.images.clean!.digest)!
    await writeFile(file, `${JSON.stringify({ mediaType: 'not a bundle' })}\n${JSON.stringify(entry.bundle)}\n`)
    const r = await gate(emu, { 'attestation-repo': 'octo-org/app', 'attestation-source': file })
    expect(r.code, r.stdout).toBe(0)
    expect(r.report).toMatchObject({
      provenance: { status: 'verified', source: 'file', rejected: [expect.stringMatching(/attestation 1: its media type/)] }
    })
    const missing = await gate(emu, { 'attestation-repo': 'octo-org/app', 'attestation-source': join(emu.dir, 'none.json') })
    expect(missing.code).toBe(1)
    expect(missing.stdout).toMatch(/Invalid input for 'attestation-source': could not read the bundle file/)
  })

  it('bad input names the input before any call', async () => {
    const r = await gate(emu, { 'attestation-owner': 'octo-org', 'attestation-repo': 'other/app' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /::error::'attestation-repo' \(other\/app\) is not a repository of 'attestation-owner' \(octo-org\): give one of them, or make them agree/
    )
    expect(r.log).not.toContain('Resolve image')
  })
})

// One run at a time: the TUF fetch has a 5 s bound, and the emulator's repository answers from this process.
describe("GitHub's instance root over TUF through dist/index.js", () => {
  it("GitHub's instance: verified against GitHub's root fetched over TUF (timestamp, no log)", async () => {
    const r = await gate(emu, {
      'attestation-repo': 'octo-org/internal',
      'attestation-trusted-root': '',
      'attestation-tuf-mirror': githubTuf.url,
      'attestation-tuf-root': githubTufRoot,
      'sigstore-tuf-mirror': 'off'
    })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['attestation-status']).toBe('verified')
    expect(r.report).toMatchObject({
      provenance: {
        provenance: {
          instance: 'github',
          visibility: 'internal',
          trustedRoot: `GitHub's Sigstore trusted root, refreshed over TUF from ${githubTuf.url} (root v1)`
        }
      }
    })
    expect(provenanceSection(r.summary)).toMatch(/Trusted root: GitHub&#39;s Sigstore trusted root, refreshed over TUF/)
  })

  it("GitHub's TUF repository unreachable: error, with what to do", async () => {
    const r = await gate(emu, {
      'attestation-repo': 'octo-org/internal',
      'attestation-trusted-root': '',
      'attestation-tuf-mirror': closedTufUrl,
      'attestation-tuf-root': githubTufRoot,
      'sigstore-tuf-mirror': 'off'
    })
    expect(r.code).toBe(1)
    expect(r.outputs['attestation-status']).toBe('error')
    expect(r.stdout).toMatch(
      /GitHub's Sigstore trusted root could not be fetched over TUF: .*could not be reached.*'attestation-trusted-root'/
    )
  })

  it("GitHub's instance without a TUF root: the reason names both options", async () => {
    const r = await gate(emu, { 'attestation-repo': 'octo-org/internal', 'attestation-trusted-root': '', 'sigstore-tuf-mirror': 'off' })
    expect(r.outputs['attestation-status']).toBe('invalid')
    expect(r.stdout).toMatch(/GitHub's own Sigstore instance.*'attestation-tuf-root'.*'attestation-trusted-root'/)
  })

  it.each([
    ['attestation-tuf-root', { 'attestation-trusted-root': '', 'attestation-tuf-root': '__NOT_ROOT__' }, /signed\._type is "root"/],
    ['attestation-tuf-mirror', { 'attestation-tuf-mirror': 'http://tuf-repo.github.com' }, /expected the https URL/],
    ['sigstore-tuf-mirror', { 'sigstore-tuf-mirror': 'tuf-repo-cdn.sigstore.dev' }, /expected the https URL/]
  ])('bad %s: input error, no AWS call', async (input, inputs, message) => {
    const target = await startEmulator({ scenario, port: 0, github })
    try {
      const resolved = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v === '__NOT_ROOT__' ? rootFile : v]))
      const r = await gate(target, { 'attestation-repo': 'octo-org/internal', ...resolved })
      expect(r.code).toBe(1)
      const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? ''
      expect(error).toContain(input)
      expect(error).toMatch(message)
      expect(target.calls).toEqual([])
    } finally {
      await target.stop()
    }
  })
})
