/**
 * Sigstore client conformance (a subset of sigstore/sigstore-conformance's `bundle-verify` cases),
 * read at test time from `../shared/vectors/sigstore-conformance` relative to the repository root;
 * the suite fails when the folder is missing. Every case runs through `verifySigstoreBundle`, the
 * function the cosign check uses, with the artifact's bytes and again with only its digest, as the
 * suite's `verify-bundle` protocol does. A folder ending in `_fail` must be refused.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  parseTrustedRoot,
  publicGoodTrustedRoot,
  verifySigstoreBundle,
  type SigstoreArtifact,
  type VerifyBundleOptions
} from '../../../src/checks/sigstore/index.js'
import { vectorsDir } from '../../shared-vectors.js'

const suite = join(vectorsDir, 'sigstore-conformance')
const casesDir = join(suite, 'bundle-verify')
const DEFAULT_IDENTITY =
  'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main'
const DEFAULT_ISSUER = 'https://token.actions.githubusercontent.com'

const cases = existsSync(casesDir)
  ? readdirSync(casesDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : []

function optional(dir: string, file: string): string | undefined {
  const path = join(dir, file)
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined
}

/** The options and artifact of one case, as the conformance protocol gives them to a client. */
function load(name: string): { bundle: unknown; bytes: Buffer; options: VerifyBundleOptions } | { unparsable: true } {
  const dir = join(casesDir, name)
  const bytes = readFileSync(existsSync(join(dir, 'artifact')) ? join(dir, 'artifact') : join(suite, 'a.txt'))
  const rootText = optional(dir, 'trusted_root.json')
  const trust = rootText !== undefined ? parseTrustedRoot(rootText, `${name}/trusted_root.json`) : publicGoodTrustedRoot()
  let bundle: unknown
  try {
    bundle = JSON.parse(readFileSync(join(dir, 'bundle.sigstore.json'), 'utf8'))
  } catch {
    return { unparsable: true }
  }
  const key = optional(dir, 'key.pub')
  const options: VerifyBundleOptions =
    key !== undefined
      ? { trust, publicKey: key }
      : {
          trust,
          identity: {
            subjectAlternativeName: { exact: (optional(dir, 'identity') ?? DEFAULT_IDENTITY).trim() },
            issuer: { exact: (optional(dir, 'issuer') ?? DEFAULT_ISSUER).trim() }
          }
        }
  return { bundle, bytes, options }
}

function verdict(name: string, mode: 'path' | 'digest'): boolean {
  const loaded = load(name)
  if ('unparsable' in loaded) return false
  const artifact: SigstoreArtifact =
    mode === 'path' ? { bytes: loaded.bytes } : { sha256: createHash('sha256').update(loaded.bytes).digest('hex') }
  return verifySigstoreBundle(loaded.bundle, artifact, loaded.options).ok
}

/** A message-signature bundle needs the artifact's bytes: in digest mode this gate refuses it (fail closed). */
function isMessageSignature(name: string): boolean {
  const loaded = load(name)
  return !('unparsable' in loaded) && typeof (loaded.bundle as { messageSignature?: unknown }).messageSignature === 'object'
}

describe('Sigstore conformance bundle-verify cases', () => {
  it('finds the vectors beside the repository', () => {
    expect(existsSync(casesDir), `Sigstore conformance vectors not found in ${casesDir}`).toBe(true)
    expect(cases.length).toBeGreaterThanOrEqual(14)
  })

  it.each(cases)('%s (artifact bytes)', (name) => {
    expect(verdict(name, 'path')).toBe(!name.endsWith('_fail'))
  })

  it.each(cases)('%s (artifact digest)', (name) => {
    const expected = !name.endsWith('_fail') && !isMessageSignature(name)
    expect(verdict(name, 'digest')).toBe(expected)
  })
})
