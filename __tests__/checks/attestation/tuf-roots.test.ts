/**
 * The attestation check's roots without 'attestation-trusted-root' (loadAttestation's lazy roots):
 * a bundle of GitHub's own instance (issuer "GitHub, Inc.") is verified against GitHub's root
 * fetched over TUF (from the emulator's repository, seeded by 'attestation-tuf-root'), once per
 * run and only when such a bundle is met; a fetch that fails is an `error` naming what to do.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attestationBundle, createGitHubInstancePki } from '../../../emulator/attestations.mjs'
import { startTufRepository, type TufRepository } from '../../../emulator/tuf.mjs'
import {
  attestationCheck,
  judgeBundle,
  loadAttestation,
  parseAttestationSettings,
  type AttestationInputs,
  type JudgedArtifact
} from '../../../src/checks/attestation/index.js'
import { sigstoreBundleVerifier } from '../../../src/checks/attestation/verify.js'

const DIGEST = `sha256:${'c'.repeat(64)}`
const artifact: JudgedArtifact = { digest: { algorithm: 'sha256', hex: 'c'.repeat(64) }, sigstore: { sha256: 'c'.repeat(64) } }

let repo: TufRepository
let dir: string
let seedFile: string
let bundle: unknown
let closedUrl: string

beforeAll(async () => {
  const pki = await createGitHubInstancePki()
  bundle = await attestationBundle(pki, { digest: DIGEST, tlog: false, build: { repo: 'octo-org/private', visibility: 'private' } })
  repo = await startTufRepository({ trustedRoot: pki.trustedRoot })
  const closed = await startTufRepository({ trustedRoot: pki.trustedRoot })
  closedUrl = closed.url
  await closed.stop()
  dir = await mkdtemp(join(tmpdir(), 'tuf-roots-'))
  seedFile = join(dir, 'github-root.json')
  await writeFile(seedFile, repo.rootJson)
})
afterAll(async () => {
  await repo?.stop()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

const load = (inputs: AttestationInputs) =>
  loadAttestation(parseAttestationSettings({ attestation: 'required', 'attestation-repo': 'octo-org/private', ...inputs })!)

describe("GitHub's instance root over TUF", () => {
  it('verifies a GitHub-instance bundle (timestamp, no log) against the root fetched over TUF', async () => {
    const loaded = await load({ 'attestation-tuf-mirror': repo.url, 'attestation-tuf-root': seedFile, 'sigstore-tuf-mirror': 'off' })
    const before = repo.requests.length
    const verdict = await judgeBundle(bundle, artifact, loaded, sigstoreBundleVerifier)
    expect(verdict).toMatchObject({
      provenance: {
        instance: 'github',
        visibility: 'private',
        trustedRoot: `GitHub's Sigstore trusted root, refreshed over TUF from ${repo.url} (root v1)`
      }
    })
    // Once per run: a second bundle does not fetch again.
    const after = repo.requests.length
    expect(after).toBeGreaterThan(before)
    await judgeBundle(bundle, artifact, loaded, sigstoreBundleVerifier)
    expect(repo.requests.length).toBe(after)
  })

  it('no request before a GitHub-instance bundle is met', async () => {
    const before = repo.requests.length
    await load({ 'attestation-tuf-mirror': repo.url, 'attestation-tuf-root': seedFile })
    expect(repo.requests.length).toBe(before)
  })

  it('without attestation-tuf-root: the reason names both ways to give the root', async () => {
    const loaded = await load({ 'sigstore-tuf-mirror': 'off' })
    expect(await judgeBundle(bundle, artifact, loaded, sigstoreBundleVerifier)).toMatchObject({
      reason: expect.stringMatching(/GitHub's own Sigstore instance.*'attestation-tuf-root'.*'attestation-trusted-root'/),
      kind: 'crypto'
    })
  })

  it('GitHub TUF unreachable: the check is an error with the reason', async () => {
    const file = join(dir, 'bundles.jsonl')
    await writeFile(file, `${JSON.stringify(bundle)}\n`)
    const loaded = await load({ 'attestation-tuf-mirror': closedUrl, 'attestation-tuf-root': seedFile, 'attestation-source': file })
    const check = attestationCheck(loaded, { verify: sigstoreBundleVerifier })
    const log = {
      debug: () => undefined,
      info: () => undefined,
      warning: () => undefined,
      setSecret: () => undefined,
      group: <T>(_: string, fn: () => Promise<T>) => fn()
    }
    const result = await check.run({
      image: { digest: DIGEST, repository: 'app', region: 'us-east-1' },
      log,
      artifacts: {}
    } as unknown as Parameters<typeof check.run>[0])
    expect(result.status).toBe('error')
    expect(result.reasons[0]).toMatch(
      /could not be checked.*GitHub's Sigstore trusted root could not be fetched over TUF: .*could not be reached/
    )
  })

  it('a bad attestation-tuf-root is an input error naming it', async () => {
    const notRoot = join(dir, 'not-root.json')
    await writeFile(notRoot, '{"signed":{"_type":"targets","version":1}}')
    await expect(load({ 'attestation-tuf-root': notRoot })).rejects.toThrow(/^Invalid 'attestation-tuf-root': /)
  })
})
