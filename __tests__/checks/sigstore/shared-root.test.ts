/**
 * One public-good root per run: the cosign check and the build provenance check ask for the same
 * TUF mirror and seed, and the run refreshes that root once (PublicGoodRoots, wired in loadRequest).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSigstoreTestPki } from '../../../emulator/cosign.mjs'
import { startTufRepository, type TufRepository } from '../../../emulator/tuf.mjs'
import { toGateRequest } from '../../../src/action/inputs.js'
import { parseAttestationSettings } from '../../../src/checks/attestation/index.js'
import { parseCosignSettings } from '../../../src/checks/signature/cosign/settings.js'
import { PublicGoodRoots } from '../../../src/checks/sigstore/refresh.js'
import { loadRequest } from '../../../src/core/run.js'
import { baseSettings } from '../../reliability/helpers.js'

let repo: TufRepository
let other: TufRepository
let dir: string
let seedFile: string
let otherSeedFile: string

beforeAll(async () => {
  const pki = await createSigstoreTestPki()
  repo = await startTufRepository({ trustedRoot: pki.trustedRoot })
  other = await startTufRepository({ trustedRoot: pki.trustedRoot })
  dir = await mkdtemp(join(tmpdir(), 'shared-root-'))
  seedFile = join(dir, 'root.json')
  otherSeedFile = join(dir, 'other-root.json')
  await writeFile(seedFile, repo.rootJson)
  await writeFile(otherSeedFile, other.rootJson)
})
afterAll(async () => {
  await repo?.stop()
  await other?.stop()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

describe('PublicGoodRoots', () => {
  it('hands out one provider per mirror and seed root, and a new one for any other', () => {
    const roots = new PublicGoodRoots()
    const a = roots.provider({ mirror: 'https://tuf.example.com', seedRoot: '{"a":1}' })
    expect(roots.provider({ mirror: 'https://tuf.example.com', seedRoot: '{"a":1}' })).toBe(a)
    expect(roots.provider({ mirror: 'https://tuf.example.com', seedRoot: '{"a":2}' })).not.toBe(a)
    expect(roots.provider({ mirror: 'https://tuf.example.org', seedRoot: '{"a":1}' })).not.toBe(a)
    expect(roots.provider({ mirror: 'https://tuf.example.com' })).not.toBe(a)
    expect(roots.provider({ mirror: 'https://tuf.example.com', seedRoot: '{"a":1}', timeoutMs: 1000 })).not.toBe(a)
    // Another run starts from nothing.
    expect(new PublicGoodRoots().provider({ mirror: 'https://tuf.example.com', seedRoot: '{"a":1}' })).not.toBe(a)
  })

  it('two users of the same root make one refresh', async () => {
    const roots = new PublicGoodRoots()
    const before = repo.requests.filter((p) => p === '/timestamp.json').length
    const [x, y] = await Promise.all([
      roots.provider({ mirror: repo.url, seedRoot: repo.rootJson })({}),
      roots.provider({ mirror: repo.url, seedRoot: repo.rootJson })({})
    ])
    expect(x).toMatchObject({ ok: true })
    expect(y).toBe(x)
    expect(repo.requests.filter((p) => p === '/timestamp.json').length - before).toBe(1)
  })
})

describe('loadRequest: cosign and build provenance share the run’s public-good root', () => {
  const cosignInputs = (mirror: string, root: string) => ({
    key: [],
    certificateIdentity: 'https://github.com/octo-org/app/.github/workflows/release.yml@refs/heads/main',
    certificateIdentityRegexp: '',
    certificateOidcIssuer: 'https://token.actions.githubusercontent.com',
    certificateOidcIssuerRegexp: '',
    trustedRoot: '',
    ignoreTlog: false,
    tufMirror: mirror,
    tufRoot: root
  })
  const request = (cosign: { mirror: string; root: string }, attestation: { mirror: string; root: string }) => ({
    ...toGateRequest(baseSettings()),
    cosign: parseCosignSettings(cosignInputs(cosign.mirror, cosign.root))!,
    attestation: parseAttestationSettings({
      attestation: 'required',
      'attestation-repo': 'octo-org/app',
      'sigstore-tuf-mirror': attestation.mirror,
      'sigstore-tuf-root': attestation.root
    })!
  })

  it('the same mirror and seed: one provider for both checks, so one refresh', async () => {
    const loaded = await loadRequest(request({ mirror: repo.url, root: seedFile }, { mirror: repo.url, root: seedFile }))
    expect(loaded.cosign?.trust).toBeDefined()
    expect(loaded.attestation?.lazyRoots?.publicGood).toBe(loaded.cosign?.trust)
  })

  it('another mirror for one of them: each its own provider', async () => {
    const loaded = await loadRequest(request({ mirror: repo.url, root: seedFile }, { mirror: other.url, root: otherSeedFile }))
    expect(loaded.attestation?.lazyRoots?.publicGood).toBeDefined()
    expect(loaded.attestation?.lazyRoots?.publicGood).not.toBe(loaded.cosign?.trust)
  })
})
