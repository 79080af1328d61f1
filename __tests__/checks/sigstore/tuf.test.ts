/**
 * The TUF refresh of a Sigstore trusted root (checks/sigstore/tuf.ts, refresh.ts) against the
 * emulator's TUF repository on loopback: signed metadata, a rotated root, and each fault a mirror
 * can show. "Could not reach" falls back (public good only); metadata that fails TUF verification
 * never does.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Updater } from 'tuf-js'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSigstoreTestPki } from '../../../emulator/cosign.mjs'
import { startTufRepository, type TufRepository } from '../../../emulator/tuf.mjs'
import { githubInstanceProvider, publicGoodProvider, publicGoodSeedRoot } from '../../../src/checks/sigstore/refresh.js'
import { PUBLIC_GOOD_ORIGIN } from '../../../src/checks/sigstore/trusted-root.js'
import { readTufRoot, tufRootVersion } from '../../../src/checks/sigstore/tuf-root.js'
import { parseTufMirror, parseTufSource } from '../../../src/checks/sigstore/tuf-settings.js'
import { refreshTrustedRoot, tufCacheDir } from '../../../src/checks/sigstore/tuf.js'
import { vectorsDir, vectorsPresent } from '../../shared-vectors.js'

let trustedRoot: Record<string, unknown>
let repo: TufRepository
let rotated: TufRepository
let scratch: string
let closedUrl: string

beforeAll(async () => {
  trustedRoot = (await createSigstoreTestPki()).trustedRoot
  repo = await startTufRepository({ trustedRoot })
  rotated = await startTufRepository({ trustedRoot, rootVersions: 2 })
  const closed = await startTufRepository({ trustedRoot })
  closedUrl = closed.url
  await closed.stop()
  scratch = await mkdtemp(join(tmpdir(), 'tuf-test-'))
})
afterAll(async () => {
  await Promise.all([repo?.stop(), rotated?.stop()])
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true })
})

let n = 0
const cacheDir = () => join(scratch, `cache-${++n}`)
const refresh = (r: TufRepository, extra: Partial<Parameters<typeof refreshTrustedRoot>[0]> = {}) =>
  refreshTrustedRoot({ mirror: r.url, seedRoot: r.rootJson, label: 'the test root', cacheDir: cacheDir(), ...extra })

describe('refreshTrustedRoot', () => {
  it('fetches trusted_root.json over TUF and names where it came from', async () => {
    const outcome = await refresh(repo)
    expect(outcome).toMatchObject({ ok: true, rootVersion: 1 })
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.trust.origin).toBe(`the test root, refreshed over TUF from ${repo.url} (root v1)`)
    expect(outcome.trust.root.certificateAuthorities).toHaveLength(1)
    expect(repo.requests).toEqual(expect.arrayContaining(['/2.root.json', '/timestamp.json', '/snapshot.json', '/targets.json']))
  })

  it('follows a root rotation from the seed (root v2)', async () => {
    const outcome = await refresh(rotated)
    expect(outcome).toMatchObject({ ok: true, rootVersion: 2 })
    if (outcome.ok) expect(outcome.trust.origin).toMatch(/\(root v2\)$/)
  })

  it('unreachable (connection refused, socket destroyed): kind unreachable', async () => {
    expect(await refreshTrustedRoot({ mirror: closedUrl, seedRoot: repo.rootJson, label: 'x', cacheDir: cacheDir() })).toMatchObject({
      ok: false,
      kind: 'unreachable',
      reason: expect.stringContaining(`${closedUrl} could not be reached`)
    })
    const down = await startTufRepository({ trustedRoot, fault: 'unreachable' })
    try {
      expect(await refresh(down)).toMatchObject({ ok: false, kind: 'unreachable' })
      // At most two attempts, one request each: the root update fails first.
      expect(down.requests.length).toBeLessThanOrEqual(2)
    } finally {
      await down.stop()
    }
  })

  it('a mirror that never answers is ended by the bound', async () => {
    const slow = await startTufRepository({ trustedRoot, fault: 'slow' })
    try {
      expect(await refresh(slow, { timeoutMs: 300 })).toEqual({
        ok: false,
        kind: 'unreachable',
        reason: `${slow.url} could not be reached (no answer within 300 ms)`
      })
    } finally {
      await slow.stop()
    }
  })

  it("the run's signal ends it too", async () => {
    const slow = await startTufRepository({ trustedRoot, fault: 'slow' })
    try {
      const controller = new AbortController()
      const pending = refresh(slow, { signal: controller.signal, timeoutMs: 60_000 })
      await vi.waitFor(() => expect(slow.requests.length).toBeGreaterThan(0))
      controller.abort(new Error('run limit'))
      expect(await pending).toMatchObject({ ok: false, kind: 'unreachable', reason: expect.stringContaining('the run limit was reached') })
    } finally {
      await slow.stop()
    }
  })

  it.each([
    ['tampered-target', /LengthOrHashMismatch|hash/i],
    ['expired-timestamp', /ExpiredMetadataError|expired/i],
    ['bad-signature', /UnsignedMetadataError|signature/i]
  ] as const)('%s: refused, not unreachable', async (fault, detail) => {
    const bad = await startTufRepository({ trustedRoot, fault })
    try {
      const outcome = await refresh(bad)
      expect(outcome).toMatchObject({ ok: false, kind: 'refused', reason: expect.stringMatching(/failed verification/) })
      if (!outcome.ok) expect(outcome.reason).toMatch(detail)
    } finally {
      await bad.stop()
    }
  })

  it('rollback: a timestamp older than the cached one is refused', async () => {
    const r = await startTufRepository({ trustedRoot })
    try {
      const dir = cacheDir()
      expect(await refresh(r, { cacheDir: dir })).toMatchObject({ ok: true })
      r.setFault('rollback')
      expect(await refresh(r, { cacheDir: dir })).toMatchObject({
        ok: false,
        kind: 'refused',
        reason: expect.stringMatching(/BadVersionError|version/)
      })
    } finally {
      await r.stop()
    }
  })

  it('a seed that is not TUF root metadata is refused before any request', async () => {
    const before = repo.requests.length
    expect(await refresh(repo, { seedRoot: JSON.stringify(trustedRoot) })).toMatchObject({ ok: false, kind: 'refused' })
    expect(repo.requests.length).toBe(before)
  })

  it('a served trusted root without validFor.start is refused (parseTrustedRoot)', async () => {
    const { validFor: _dropped, ...ca } = (trustedRoot.certificateAuthorities as Record<string, unknown>[])[0]!
    const r = await startTufRepository({ trustedRoot: { ...trustedRoot, certificateAuthorities: [ca] } })
    try {
      expect(await refresh(r)).toMatchObject({ ok: false, kind: 'refused', reason: expect.stringContaining('validFor.start') })
    } finally {
      await r.stop()
    }
  })

  it('caches per mirror and seed, under RUNNER_TEMP when set', () => {
    const a = tufCacheDir('https://a.example', 'seed', { RUNNER_TEMP: '/runner/tmp' })
    expect(a.startsWith(join('/runner/tmp', 'ecr-deploy-gate-tuf'))).toBe(true)
    expect(tufCacheDir('https://b.example', 'seed', { RUNNER_TEMP: '/runner/tmp' })).not.toBe(a)
    expect(tufCacheDir('https://a.example', 'other', { RUNNER_TEMP: '/runner/tmp' })).not.toBe(a)
    expect(tufCacheDir('https://a.example', 'seed', {}).startsWith(tmpdir())).toBe(true)
  })
})

describe('publicGoodProvider and githubInstanceProvider', () => {
  const log = () => ({ info: vi.fn(), warning: vi.fn() })

  it('unreachable: the shipped public-good root, with a warning and the reason in its origin', async () => {
    const l = log()
    const outcome = await publicGoodProvider({ mirror: closedUrl, seedRoot: repo.rootJson })({ log: l })
    expect(outcome).toMatchObject({ ok: true })
    if (!outcome.ok) return
    expect(outcome.trust.origin).toMatch(new RegExp(`^${PUBLIC_GOOD_ORIGIN} \\(the TUF refresh failed: ${closedUrl} could not be reached`))
    expect(outcome.trust.root.certificateAuthorities.some((ca) => ca.subject?.organization === 'sigstore.dev')).toBe(true)
    expect(l.warning).toHaveBeenCalledWith(expect.stringMatching(/^Sigstore trusted root not refreshed: .*using the Sigstore public-good/))
  })

  it('refused metadata: no fallback, a reason that says what to do', async () => {
    const bad = await startTufRepository({ trustedRoot, fault: 'tampered-target' })
    try {
      const outcome = await publicGoodProvider({ mirror: bad.url, seedRoot: bad.rootJson })({ log: log() })
      expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/failed verification.*'sigstore-tuf-mirror: off'/) })
    } finally {
      await bad.stop()
    }
  })

  it('refreshes once per run', async () => {
    const r = await startTufRepository({ trustedRoot })
    try {
      const provider = publicGoodProvider({ mirror: r.url, seedRoot: r.rootJson })
      const [a, b] = await Promise.all([provider({}), provider({})])
      expect(a).toBe(b)
      const count = r.requests.length
      await provider({})
      expect(r.requests.length).toBe(count)
      expect(r.requests.filter((p) => p === '/timestamp.json')).toHaveLength(1)
    } finally {
      await r.stop()
    }
  })

  it("GitHub's instance: fetched over TUF; unreachable is a failure naming both ways out", async () => {
    const ok = await githubInstanceProvider({ mirror: repo.url, seedRoot: repo.rootJson, rootPath: 'root.json' })({})
    expect(ok).toMatchObject({ ok: true, trust: { origin: expect.stringMatching(/^GitHub's Sigstore trusted root, refreshed over TUF/) } })
    const down = await githubInstanceProvider({ mirror: closedUrl, seedRoot: repo.rootJson, rootPath: 'root.json' })({})
    expect(down).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/could not be fetched over TUF: .*could not be reached.*'attestation-trusted-root'/)
    })
  })
})

describe('TUF settings', () => {
  it.each([
    'https://tuf.example.com',
    'https://tuf.example.com/',
    'http://127.0.0.1:8080',
    'http://localhost:1',
    'http://[::1]:2',
    'off',
    'OFF'
  ])('accepts %s', (value) => {
    expect(() => parseTufMirror(value, 'sigstore-tuf-mirror')).not.toThrow()
  })
  it.each(['http://tuf.example.com', 'ftp://x', 'https://u:p@tuf.example.com', 'https://x/?q', 'https://x/#f', 'tuf.example.com', ''])(
    'refuses %s, naming the input',
    (value) => {
      expect(() => parseTufMirror(value, 'attestation-tuf-mirror')).toThrow(/^Invalid 'attestation-tuf-mirror': expected the https URL/)
    }
  )
  it('a TUF root with the mirror off is refused', () => {
    expect(() =>
      parseTufSource('off', 'root.json', { mirror: 'sigstore-tuf-mirror', root: 'sigstore-tuf-root' }, 'https://tuf-repo-cdn.sigstore.dev')
    ).toThrow(/^Invalid 'sigstore-tuf-root'.*off/)
  })
  it('reads a TUF root file; anything else is an error naming the setting', async () => {
    const good = join(scratch, 'seed.json')
    const notRoot = join(scratch, 'trusted_root.json')
    await writeFile(good, repo.rootJson)
    await writeFile(notRoot, JSON.stringify(trustedRoot))
    expect(await readTufRoot(good, 'attestation-tuf-root')).toBe(repo.rootJson)
    await expect(readTufRoot(notRoot, 'attestation-tuf-root')).rejects.toThrow(/^Invalid 'attestation-tuf-root': .*signed\._type is "root"/)
    await expect(readTufRoot(join(scratch, 'absent.json'), 'sigstore-tuf-root')).rejects.toThrow(
      /^Invalid 'sigstore-tuf-root': cannot read/
    )
  })
})

/** Loads `rootText` as tuf-js's trusted root: the Updater verifies the root's own signatures (threshold) on construction. */
async function loadAsTrustedRoot(rootText: string): Promise<void> {
  const dir = await mkdtemp(join(scratch, 'root-'))
  await writeFile(join(dir, 'root.json'), rootText)
  new Updater({ metadataDir: dir, metadataBaseUrl: 'https://tuf.invalid' })
}

describe('TUF roots that seed the real repositories', () => {
  it('the shipped public-good seed loads as a trusted root (v16)', async () => {
    expect(tufRootVersion(publicGoodSeedRoot())).toBe(16)
    await expect(loadAsTrustedRoot(publicGoodSeedRoot())).resolves.toBeUndefined()
  })

  describe.skipIf(!vectorsPresent(join(vectorsDir, 'github-attestations', 'github-tuf-root')))("GitHub's TUF root (vectors)", () => {
    const file = join(vectorsDir, 'github-attestations', 'github-tuf-root', 'root.json')

    it('loads as a trusted root: its signatures meet its root threshold', async () => {
      const text = await readFile(file, 'utf8')
      expect(tufRootVersion(text)).toBeGreaterThanOrEqual(1)
      await expect(loadAsTrustedRoot(text)).resolves.toBeUndefined()
    })

    it('a tampered copy is refused', async () => {
      const json = JSON.parse(await readFile(file, 'utf8')) as { signed: { expires: string } }
      json.signed.expires = '2099-01-01T00:00:00Z'
      await expect(loadAsTrustedRoot(JSON.stringify(json))).rejects.toThrow(/root was signed by 0\/\d+ keys/)
    })
  })
})
