/**
 * Parsing a `trusted_root.json`: each refusal with its exact message naming the origin (not JSON,
 * not an object, a foreign mediaType, authorities without `validFor.start`, a root sigstore-js
 * cannot use), what a good root parses to, and the memoised public-good root. Inputs are the
 * shipped public-good root turned back into JSON, then broken one field at a time.
 */
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { describe, expect, it, vi } from 'vitest'
import { parseTrustedRoot, PUBLIC_GOOD_ORIGIN, publicGoodTrustedRoot } from '../../../src/checks/sigstore/trusted-root.js'
import { thrown } from '../../thrown.js'

type Json = Record<string, unknown>
type Entry = Record<string, Record<string, unknown>>

const origin = 'root.json'
const AUTHORITY_LISTS = ['tlogs', 'ctlogs', 'certificateAuthorities', 'timestampAuthorities'] as const

/** A fresh copy of the public-good root as JSON, for a test to break. */
function goodJson(): Json {
  return structuredClone(TrustedRoot.toJSON(publicGoodTrustedRoot().root)) as Json
}

/** The entries of one authority list of `json`. */
function entries(json: Json, key: (typeof AUTHORITY_LISTS)[number]): Entry[] {
  return json[key] as Entry[]
}

/** The `validFor` of an entry: under `publicKey` for the logs, on the entry for the CAs and TSAs. */
function validForOf(json: Json, key: (typeof AUTHORITY_LISTS)[number], index: number): Record<string, unknown> {
  const entry = entries(json, key)[index]!
  return (key === 'tlogs' || key === 'ctlogs' ? entry.publicKey!.validFor : entry.validFor) as Record<string, unknown>
}

const refusal = (json: unknown): Error => thrown(() => parseTrustedRoot(JSON.stringify(json), origin), Error)
const withoutStart = (listed: string): string =>
  `${origin}: authorities without validFor.start: ${listed}; every log, CA and timestamp authority needs a start time`

describe('parseTrustedRoot', () => {
  it('parses a good root into its origin, root and trust material', () => {
    const json = goodJson()
    const trust = parseTrustedRoot(JSON.stringify(json), origin)
    expect(trust.origin).toBe(origin)
    expect(TrustedRoot.toJSON(trust.root)).toEqual(json)
    expect(trust.material.certificateAuthorities).toHaveLength(entries(json, 'certificateAuthorities').length)
    expect(trust.material.tlogs).toHaveLength(entries(json, 'tlogs').length)
    expect(trust.material.ctlogs).toHaveLength(entries(json, 'ctlogs').length)
    expect(trust.material.timestampAuthorities).toHaveLength(entries(json, 'timestampAuthorities').length)
  })

  it('refuses text that is not JSON, quoting the parser and keeping its error as the cause', () => {
    const parserError = thrown(() => JSON.parse('{not json'), SyntaxError)
    const error = thrown(() => parseTrustedRoot('{not json', origin), Error)
    expect(error.message).toBe(`${origin} is not valid JSON (${parserError.message}); expected a Sigstore trusted_root.json`)
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect((error.cause as Error).message).toBe(parserError.message)
  })

  it.each([
    ['an array', []],
    ['an array holding a root', [goodJson()]],
    ['null', null],
    ['a number', 42],
    ['a string', 'application/vnd.dev.sigstore.trustedroot+json;version=0.1']
  ])('refuses JSON that is %s', (_name, json) => {
    expect(refusal(json).message).toBe(`${origin} is not a Sigstore trusted_root.json: expected a JSON object`)
  })

  it.each([
    ['missing', undefined],
    ['not a string', 1],
    ['another media type', 'application/vnd.dev.sigstore.bundle+json;version=0.3'],
    ['the prefix not at the start', 'x-application/vnd.dev.sigstore.trustedroot+json;version=0.1']
  ])('refuses a mediaType that is %s', (_name, mediaType) => {
    const json = { ...goodJson(), mediaType }
    expect(refusal(json).message).toBe(
      `${origin} is not a Sigstore trusted_root.json: expected mediaType application/vnd.dev.sigstore.trustedroot+json;version=0.1 or later`
    )
  })

  it('accepts a later mediaType version', () => {
    const json = { ...goodJson(), mediaType: 'application/vnd.dev.sigstore.trustedroot.v0.2+json' }
    expect(parseTrustedRoot(JSON.stringify(json), origin).origin).toBe(origin)
  })

  it('accepts a root without any of the authority lists', () => {
    const json = goodJson()
    for (const key of AUTHORITY_LISTS) delete json[key]
    const trust = parseTrustedRoot(JSON.stringify(json), origin)
    expect(trust.material.tlogs).toEqual([])
    expect(trust.material.certificateAuthorities).toEqual([])
  })

  describe.each(AUTHORITY_LISTS)('%s', (key) => {
    it('refuses it when it is not a list', () => {
      expect(refusal({ ...goodJson(), [key]: { 0: {} } }).message).toBe(withoutStart(`${key} (not a list)`))
      expect(refusal({ ...goodJson(), [key]: 'x' }).message).toBe(withoutStart(`${key} (not a list)`))
    })

    it('accepts it absent when the other lists are good', () => {
      const json = goodJson()
      delete json[key]
      expect(parseTrustedRoot(JSON.stringify(json), origin).origin).toBe(origin)
    })

    it.each([
      ['not an object', null],
      ['an array', []],
      ['a string', 'x']
    ])('refuses an entry that is %s', (_name, entry) => {
      const json = goodJson()
      entries(json, key).push(entry as unknown as Entry)
      expect(refusal(json).message).toBe(withoutStart(`${key}[${entries(json, key).length - 1}]`))
    })

    /** Breaks entry 0: `holder` is the object carrying `validFor` (the publicKey for a log, else the entry). */
    it.each<[string, (holder: Record<string, unknown>) => void]>([
      ['no validFor', (holder) => delete holder.validFor],
      ['validFor not an object', (holder) => (holder.validFor = '2021')],
      ['validFor an array', (holder) => (holder.validFor = ['2021'])],
      ['no start', (holder) => delete (holder.validFor as Json).start],
      ['a start that is not a string', (holder) => ((holder.validFor as Json).start = 1609459200)],
      ['an empty start', (holder) => ((holder.validFor as Json).start = '')]
    ])('refuses entry 0 with %s', (_name, breakIt) => {
      const json = goodJson()
      const entry = entries(json, key)[0]!
      breakIt((key === 'tlogs' || key === 'ctlogs' ? entry.publicKey : entry) as Record<string, unknown>)
      expect(refusal(json).message).toBe(withoutStart(`${key}[0]`))
    })
  })

  it.each(['tlogs', 'ctlogs'] as const)('refuses a %s entry whose publicKey is missing or not an object', (key) => {
    const json = goodJson()
    delete entries(json, key)[0]!.publicKey
    entries(json, key)[1]!.publicKey = 'x' as unknown as Record<string, unknown>
    expect(refusal(json).message).toBe(withoutStart(`${key}[0], ${key}[1]`))
  })

  it('lists every authority without a start, in order, joined by commas', () => {
    const json = goodJson()
    delete validForOf(json, 'tlogs', 1).start
    validForOf(json, 'ctlogs', 0).start = ''
    validForOf(json, 'ctlogs', 1).start = 5
    delete entries(json, 'certificateAuthorities')[1]!.validFor
    json.timestampAuthorities = 'none'
    expect(refusal(json).message).toBe(
      `${origin}: authorities without validFor.start: tlogs[1], ctlogs[0], ctlogs[1], certificateAuthorities[1], timestampAuthorities (not a list); every log, CA and timestamp authority needs a start time`
    )
  })

  it('refuses a root sigstore-js cannot use, keeping its error as the cause', () => {
    const json = goodJson()
    const certificates = (entries(json, 'certificateAuthorities')[0]!.certChain as { certificates: Array<{ rawBytes: string }> })
      .certificates
    certificates[0]!.rawBytes = 'AAAA'
    const error = refusal(json)
    expect(error.cause).toBeInstanceOf(Error)
    const cause = (error.cause as Error).message
    expect(cause).not.toBe('')
    expect(error.message).toBe(`${origin} is not a usable Sigstore trusted root: ${cause}`)
  })

  it('refuses a log key sigstore-js cannot read', () => {
    const json = goodJson()
    entries(json, 'tlogs')[0]!.publicKey!.rawBytes = 'AAAA'
    const error = refusal(json)
    expect(error.cause).toBeInstanceOf(Error)
    expect(error.message).toBe(`${origin} is not a usable Sigstore trusted root: ${(error.cause as Error).message}`)
  })
})

describe('publicGoodTrustedRoot', () => {
  it('parses the shipped root once, naming it as the public-good root', () => {
    const first = publicGoodTrustedRoot()
    expect(publicGoodTrustedRoot()).toBe(first)
    expect(first.origin).toBe(PUBLIC_GOOD_ORIGIN)
    expect(PUBLIC_GOOD_ORIGIN).toBe('the Sigstore public-good trusted root shipped with the action')
    expect(first.material.certificateAuthorities.length).toBeGreaterThan(0)
    expect(first.material.tlogs.length).toBeGreaterThan(0)
  })

  it.each([
    ['no entry for the public-good mirror', {}],
    ['no targets', { 'https://tuf-repo-cdn.sigstore.dev': {} }],
    ['no trusted_root.json target', { 'https://tuf-repo-cdn.sigstore.dev': { targets: { 'other.json': 'e30=' } } }]
  ])('fails plainly when the shipped seeds hold %s', async (_name, seeds) => {
    vi.resetModules()
    vi.doMock('@sigstore/tuf/seeds.json', () => ({ default: seeds }))
    try {
      const fresh = await import('../../../src/checks/sigstore/trusted-root.js')
      expect(fresh.PUBLIC_GOOD_TUF_MIRROR).toBe('https://tuf-repo-cdn.sigstore.dev')
      expect(thrown(() => fresh.publicGoodTrustedRoot(), Error).message).toBe(
        'The shipped Sigstore seeds hold no public-good trusted_root.json'
      )
    } finally {
      vi.doUnmock('@sigstore/tuf/seeds.json')
      vi.resetModules()
    }
  })
})
