/**
 * `ecr-deploy-gate verify-bundle` speaks the Sigstore conformance CLI protocol: every case of the
 * shared subset of sigstore-conformance (read from `../shared/vectors/sigstore-conformance`; the
 * suite fails when it is missing) gets its expected verdict, through the CLI's argument parsing, the
 * artifact given as a path and again as `sha256:<hex>`.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { vectorsDir } from '../shared-vectors.js'
import { memoryIo } from './helpers.js'

const suite = join(vectorsDir, 'sigstore-conformance')
const casesDir = join(suite, 'bundle-verify')
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main'
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com'

const cases = existsSync(casesDir)
  ? readdirSync(casesDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : []

/** The protocol's arguments for one case, as the conformance suite builds them. */
function args(name: string, mode: 'path' | 'digest'): string[] {
  const dir = join(casesDir, name)
  const artifact = existsSync(join(dir, 'artifact')) ? join(dir, 'artifact') : join(suite, 'a.txt')
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8').trim() : undefined)
  const out = ['verify-bundle', '--bundle', join(dir, 'bundle.sigstore.json')]
  if (existsSync(join(dir, 'key.pub'))) out.push('--key', join(dir, 'key.pub'))
  else
    out.push('--certificate-identity', read('identity') ?? DEFAULT_IDENTITY, '--certificate-oidc-issuer', read('issuer') ?? DEFAULT_ISSUER)
  out.push(
    '--trusted-root',
    existsSync(join(dir, 'trusted_root.json')) ? join(dir, 'trusted_root.json') : join(suite, 'public-good-trusted_root.json')
  )
  out.push(mode === 'path' ? artifact : `sha256:${createHash('sha256').update(readFileSync(artifact)).digest('hex')}`)
  return out
}

function isMessageSignature(name: string): boolean {
  try {
    const bundle = JSON.parse(readFileSync(join(casesDir, name, 'bundle.sigstore.json'), 'utf8')) as { messageSignature?: unknown }
    return typeof bundle.messageSignature === 'object'
  } catch {
    return false
  }
}

describe('verify-bundle (Sigstore conformance protocol)', () => {
  it('finds the vectors beside the repository', () => {
    expect(existsSync(casesDir), `Sigstore conformance vectors not found in ${casesDir}`).toBe(true)
    expect(cases.length).toBeGreaterThanOrEqual(14)
  })

  it.each(cases)('%s (artifact path)', async (name) => {
    const io = memoryIo()
    const code = await main(args(name, 'path'), io)
    if (name.endsWith('_fail')) {
      expect(code, io.out()).not.toBe(0)
      expect(io.err()).toMatch(/^refused: /)
    } else expect(code, io.err()).toBe(0)
  })

  it.each(cases)('%s (artifact digest)', async (name) => {
    const io = memoryIo()
    const code = await main(args(name, 'digest'), io)
    // A message signature signs the bytes: given only a digest the gate refuses it (fail closed).
    expect(code === 0, io.err()).toBe(!name.endsWith('_fail') && !isMessageSignature(name))
  })

  it('is a usage error without a key or an identity, or with a malformed digest', async () => {
    const io = memoryIo()
    expect(await main(['verify-bundle', '--bundle', 'b.json', 'a.txt'], io)).toBe(2)
    expect(io.err()).toContain('give either --key, or --certificate-identity with --certificate-oidc-issuer')
    const io2 = memoryIo()
    expect(await main(['verify-bundle', '--bundle', 'b.json', '--key', 'k.pub', 'sha256:abc'], io2)).toBe(2)
    expect(io2.err()).toContain("invalid artifact digest 'sha256:abc'")
    const io3 = memoryIo()
    expect(await main(['verify-bundle', 'a.txt'], io3)).toBe(2)
    expect(io3.err()).toContain("required option '--bundle <file>' not specified")
  })
})
