/**
 * Which trusted root and witness thresholds a bundle is verified with, as gh decides it from the
 * leaf issuer's organisation: the public-good instance needs a log entry, an SCT and a timestamp;
 * GitHub's instance a timestamp only; a lone custom root a timestamp (and a log entry when it lists
 * logs). A known instance never falls back to another instance's root. And the trusted-root file
 * itself: one JSON document (pretty-printed or not) or JSON Lines, errors naming the line.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseInstance, parseTrustedRoots, trustedRootEntry, type TrustedRootEntry } from '../../../src/checks/attestation/index.js'
import type { SigstoreTrust } from '../../../src/checks/sigstore/index.js'
import { vectorsDir, vectorsPresent } from '../../shared-vectors.js'

const dir = join(vectorsDir, 'github-attestations')

/** An entry as instance selection sees it (its trust material is never read here). */
function entry(origin: string, organizations: string[], hasTlogs = true): TrustedRootEntry {
  return { trust: { origin } as SigstoreTrust, origin, organizations, hasTlogs }
}

describe('chooseInstance', () => {
  const publicGood = entry('public-good root', ['sigstore.dev'])
  const github = entry('github root', ['GitHub, Inc.'], false)
  const custom = entry('custom root', ['Acme CA'], true)
  const customNoLog = entry('custom root without a log', ['Acme CA'], false)

  it('public-good: its own root, with a log entry, an SCT and a timestamp', () => {
    expect(chooseInstance('sigstore.dev', [github, publicGood])).toEqual({
      instance: 'public-good',
      root: publicGood,
      thresholds: { tlog: 1, ctlog: 1, timestamp: 1 }
    })
  })

  it("GitHub's instance: its own root, a timestamp and no log", () => {
    expect(chooseInstance('GitHub, Inc.', [publicGood, github])).toEqual({
      instance: 'github',
      root: github,
      thresholds: { tlog: 0, ctlog: 0, timestamp: 1 }
    })
  })

  it('a known instance never borrows a lone root of another instance', () => {
    expect(chooseInstance('GitHub, Inc.', [publicGood])).toBeUndefined()
    expect(chooseInstance('sigstore.dev', [github])).toBeUndefined()
    expect(chooseInstance('sigstore.dev', [custom])).toBeUndefined()
    expect(chooseInstance('sigstore.dev', [])).toBeUndefined()
  })

  it('another organisation: the root that names it, else a lone root; a timestamp, plus a log entry when the root lists logs', () => {
    expect(chooseInstance('Acme CA', [publicGood, custom])).toEqual({
      instance: 'custom',
      root: custom,
      thresholds: { tlog: 1, ctlog: 0, timestamp: 1 }
    })
    expect(chooseInstance('Other CA', [customNoLog])).toEqual({
      instance: 'custom',
      root: customNoLog,
      thresholds: { tlog: 0, ctlog: 0, timestamp: 1 }
    })
    expect(chooseInstance(undefined, [custom])).toEqual({
      instance: 'custom',
      root: custom,
      thresholds: { tlog: 1, ctlog: 0, timestamp: 1 }
    })
  })

  it('another organisation with several roots and none naming it: no root', () => {
    expect(chooseInstance('Other CA', [publicGood, custom])).toBeUndefined()
    expect(chooseInstance(undefined, [publicGood, custom])).toBeUndefined()
    expect(chooseInstance('Other CA', [])).toBeUndefined()
  })

  it('a root is matched by the whole organisation name, not a part of it', () => {
    expect(chooseInstance('sigstore', [publicGood, github])).toBeUndefined()
    expect(chooseInstance('GitHub', [publicGood, github])).toBeUndefined()
  })
})

describe('trustedRootEntry', () => {
  it('lists the named organisations of its authorities, skipping unnamed ones, and whether it lists logs', () => {
    const trust = (cas: unknown[], tlogs: unknown[]): SigstoreTrust =>
      ({ origin: 'x', root: { certificateAuthorities: cas, tlogs } }) as unknown as SigstoreTrust
    const e = trustedRootEntry(
      trust(
        [{ subject: { organization: 'A' } }, { subject: { organization: '' } }, {}, { subject: {} }, { subject: { organization: 'B' } }],
        [{}]
      )
    )
    expect(e.organizations).toEqual(['A', 'B'])
    expect(e.hasTlogs).toBe(true)
    expect(e.origin).toBe('x')
    expect(trustedRootEntry(trust([], [])).hasTlogs).toBe(false)
  })
})

describe.skipIf(!vectorsPresent(dir))('parseTrustedRoots', () => {
  const text = readFileSync(join(dir, 'trusted_root.json'), 'utf8').trim()
  const json = JSON.parse(text) as { certificateAuthorities: { subject: { organization: string } }[]; tlogs: unknown[] }
  const githubRoot = JSON.stringify({
    ...json,
    tlogs: [],
    certificateAuthorities: json.certificateAuthorities.map((ca) => ({ ...ca, subject: { ...ca.subject, organization: 'GitHub, Inc.' } }))
  })

  it('reads one trusted_root.json, on one line or pretty-printed', () => {
    const [one] = parseTrustedRoots(text, 'roots.json')
    expect(parseTrustedRoots(text, 'roots.json')).toHaveLength(1)
    expect(one).toMatchObject({ origin: 'roots.json', organizations: ['sigstore.dev', 'sigstore.dev'], hasTlogs: true })
    const pretty = parseTrustedRoots(JSON.stringify(json, null, 2), 'pretty.json')
    expect(pretty).toHaveLength(1)
    expect(pretty[0]?.origin).toBe('pretty.json')
  })

  it('reads JSON Lines of several roots, naming each by its line (blank lines counted, CRLF accepted)', () => {
    const roots = parseTrustedRoots(`${text}\r\n\r\n${githubRoot}\n`, 'roots.jsonl')
    expect(roots.map((r) => r.origin)).toEqual(['line 1 of roots.jsonl', 'line 3 of roots.jsonl'])
    expect(roots.map((r) => r.organizations[0])).toEqual(['sigstore.dev', 'GitHub, Inc.'])
    expect(roots.map((r) => r.hasTlogs)).toEqual([true, false])
    // Plain LF line ends too.
    expect(parseTrustedRoots(`${text}\n${githubRoot}`, 'roots.jsonl').map((r) => r.origin)).toEqual([
      'line 1 of roots.jsonl',
      'line 2 of roots.jsonl'
    ])
    // And the instance choice finds GitHub's among them.
    expect(chooseInstance('GitHub, Inc.', roots)?.root.origin).toBe('line 3 of roots.jsonl')
  })

  it('refuses an empty file and a bad line, naming the file and the line', () => {
    expect(() => parseTrustedRoots('', 'roots.json')).toThrow(/^roots\.json is empty$/)
    expect(() => parseTrustedRoots(' \n\t\n', 'roots.json')).toThrow(/^roots\.json is empty$/)
    expect(() => parseTrustedRoots(`${text}\n{"mediaType":"x"}`, 'roots.jsonl')).toThrow(/^line 2 of roots\.jsonl /)
    expect(() => parseTrustedRoots(`${text}\nnot json`, 'roots.jsonl')).toThrow(/^line 2 of roots\.jsonl /)
    expect(() => parseTrustedRoots('{"mediaType":"x"}', 'roots.json')).toThrow(/^roots\.json /)
    // A one-line file is one document: its error names the file, not "line 1" of it.
    expect(() => parseTrustedRoots('not json', 'roots.json')).toThrow(/^roots\.json /)
    expect(() => parseTrustedRoots('  not json\n', 'roots.json')).toThrow(/^roots\.json /)
  })

  it('skips whitespace-only lines between JSON Lines, still counting them', () => {
    expect(parseTrustedRoots(`${text}\n \t \n${githubRoot}`, 'roots.jsonl').map((r) => r.origin)).toEqual([
      'line 1 of roots.jsonl',
      'line 3 of roots.jsonl'
    ])
  })
})
