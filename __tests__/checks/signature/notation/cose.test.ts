import { describe, it, expect } from 'vitest'
import { encode, Tag } from 'cbor2'
import { createTestPki, type TestPki } from '../../../../emulator/signing.mjs'
import { MediaTypes } from '../../../../src/core/constants.js'
import { parseCose } from '../../../../src/checks/signature/notation/cose.js'
import { EnvelopeError, MaxChainLength } from '../../../../src/checks/signature/notation/envelope.js'
import { thrown } from '../../../thrown.js'

// The COSE_Sign1 parser on its own: every refusal with its rule and full message, and every field
// of a well-formed envelope. The parser does not verify the signature (verify.ts does), so the
// envelopes here are assembled from parts and their signature bytes are placeholders.

const cty = 'application/vnd.cncf.notary.payload.v1+json'
const payload = new Uint8Array(Buffer.from(JSON.stringify({ targetArtifact: { digest: `sha256:${'4'.repeat(64)}` } })))
const signature = new Uint8Array(64).fill(7)
const pki: TestPki = createTestPki({ name: 'cose-parser', keyType: 'ec256', intermediate: false })
const chain = pki.chainDer.map((d) => new Uint8Array(d))

type Header = Map<unknown, unknown>

function goodHeader(extra: [unknown, unknown][] = []): Header {
  return new Map<unknown, unknown>([
    [1, -7],
    [2, ['io.cncf.notary.signingScheme']],
    [3, cty],
    ['io.cncf.notary.signingScheme', 'notary.x509'],
    ['io.cncf.notary.signingTime', new Tag(1, 1735689600)],
    ...extra
  ])
}

function goodUnprotected(extra: [unknown, unknown][] = []): Header {
  return new Map<unknown, unknown>([[33, chain], ['io.cncf.notary.signingAgent', 'test/1.0'], ...extra])
}

interface Parts {
  header?: Header
  protectedBytes?: unknown
  unprotected?: unknown
  payload?: unknown
  signature?: unknown
}

function cose(parts: Parts = {}): Uint8Array {
  const protectedBytes = 'protectedBytes' in parts ? parts.protectedBytes : encode(parts.header ?? goodHeader())
  const unprotected = 'unprotected' in parts ? parts.unprotected : goodUnprotected()
  return encode(
    new Tag(18, [
      protectedBytes,
      unprotected,
      'payload' in parts ? parts.payload : payload,
      'signature' in parts ? parts.signature : signature
    ])
  )
}

const rejection = (fn: () => unknown): EnvelopeError => thrown(fn, EnvelopeError)

function refused(bytes: Uint8Array): { check: string; message: string } {
  const error = rejection(() => parseCose(bytes))
  return { check: error.check, message: error.message }
}

describe('a well-formed COSE_Sign1 envelope', () => {
  it('yields every field, with the Sig_structure built over the protected bytes as received', () => {
    const header = goodHeader([
      ['com.amazonaws.signer.signingJob', 'arn:aws:signer:us-east-1:111122223333:/signing-jobs/1'],
      [4, new Uint8Array([1, 2])]
    ])
    // A non-canonical encoding of the same map (alg as a two-byte negative integer): re-encoding it
    // would give other bytes, and the signature covers these.
    const canonical = encode(header)
    const protectedBytes = new Uint8Array([canonical[0]!, 0x01, 0x38, 0x06, ...canonical.subarray(3)])
    expect(canonical.subarray(1, 3)).toEqual(new Uint8Array([0x01, 0x26]))
    const env = parseCose(cose({ protectedBytes }))

    expect(env.format).toBe('cose')
    expect(env.mediaType).toBe(MediaTypes.Cose)
    expect(env.alg).toBe('ES256')
    expect(env.contentType).toBe(cty)
    expect(env.critical).toEqual(['io.cncf.notary.signingScheme'])
    expect(env.protectedLabels).toEqual([
      '1',
      '2',
      '3',
      'io.cncf.notary.signingScheme',
      'io.cncf.notary.signingTime',
      'com.amazonaws.signer.signingJob',
      '4'
    ])
    expect(env.signingScheme).toBe('notary.x509')
    expect(env.signingTime?.toISOString()).toBe('2025-01-01T00:00:00.000Z')
    expect(env.authenticSigningTime).toBeUndefined()
    expect(env.expiry).toBeUndefined()
    expect(env.verificationPlugin).toBeUndefined()
    expect(env.verificationPluginMinVersion).toBeUndefined()
    // Only string labels outside the Notary Project's own are extended attributes.
    expect(env.extendedAttributes).toEqual({ 'com.amazonaws.signer.signingJob': 'arn:aws:signer:us-east-1:111122223333:/signing-jobs/1' })
    expect(env.hasTimestamp).toBe(false)
    expect(env.certificates).toEqual(chain)
    expect(env.payload).toEqual(payload)
    expect(env.signature).toEqual(signature)
    expect(env.signingInput).toEqual(encode(['Signature1', protectedBytes, new Uint8Array(0), payload]))
    expect(env.signingInput).not.toEqual(encode(['Signature1', canonical, new Uint8Array(0), payload]))
  })

  it.each([
    [-37, 'PS256'],
    [-38, 'PS384'],
    [-39, 'PS512'],
    [-7, 'ES256'],
    [-35, 'ES384'],
    [-36, 'ES512']
  ])('maps COSE algorithm %i to %s', (id, alg) => {
    expect(parseCose(cose({ header: goodHeader([[1, id]]) })).alg).toBe(alg)
  })

  it('stringifies integer labels listed in crit', () => {
    expect(parseCose(cose({ header: goodHeader([[2, [1, 'io.cncf.notary.signingScheme']]]) })).critical).toEqual([
      '1',
      'io.cncf.notary.signingScheme'
    ])
  })

  it('reads the optional time attributes, the plugin attributes and the timestamp countersignature', () => {
    const env = parseCose(
      cose({
        header: goodHeader([
          ['io.cncf.notary.authenticSigningTime', new Tag(1, 1735693200)],
          ['io.cncf.notary.expiry', new Tag(1, 1767225600)],
          ['io.cncf.notary.verificationPlugin', 'com.amazonaws.signer.notation.plugin'],
          ['io.cncf.notary.verificationPluginMinVersion', '1.0.0']
        ]),
        unprotected: goodUnprotected([['io.cncf.notary.timestampSignature', new Uint8Array([0x30, 0x00])]])
      })
    )
    expect(env.authenticSigningTime?.toISOString()).toBe('2025-01-01T01:00:00.000Z')
    expect(env.expiry?.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(env.verificationPlugin).toBe('com.amazonaws.signer.notation.plugin')
    expect(env.verificationPluginMinVersion).toBe('1.0.0')
    expect(env.hasTimestamp).toBe(true)
    expect(env.extendedAttributes).toEqual({})
  })

  it('accepts a single certificate as a bare byte string (RFC 9360) and a chain of exactly the limit', () => {
    expect(parseCose(cose({ unprotected: new Map([[33, chain[0]]]) })).certificates).toEqual([chain[0]])
    const longest = Array.from({ length: MaxChainLength }, () => chain[0]!)
    expect(parseCose(cose({ unprotected: new Map([[33, longest]]) })).certificates).toHaveLength(MaxChainLength)
  })

  it('allows unprotected labels that are not signed attributes', () => {
    const env = parseCose(
      cose({
        unprotected: goodUnprotected([
          [4, new Uint8Array([9])],
          ['vendor.note', 'x']
        ])
      })
    )
    expect(env.certificates).toHaveLength(chain.length)
  })
})

describe('refusals of the envelope structure', () => {
  it('refuses bytes that are not CBOR, naming the decoder error', () => {
    const { check, message } = refused(new Uint8Array([0xd2, 0x84, 0xff]))
    expect(check).toBe('cose')
    expect(message).toMatch(/^COSE envelope is not valid CBOR: \S/)
  })

  it('refuses nesting deeper than the decoding limit', () => {
    let deep: unknown = 1
    for (let i = 0; i < 20; i++) deep = [deep]
    const { check, message } = refused(encode(new Tag(18, deep)))
    expect(check).toBe('cose')
    expect(message).toMatch(/^COSE envelope is not valid CBOR: \S/)
  })

  it('refuses an envelope over the size limit before decoding it', () => {
    const big = new Uint8Array(32 * 1024 * 1024 + 1)
    expect(refused(big)).toEqual({ check: 'size', message: `envelope is ${big.byteLength} bytes, over the 33554432-byte limit` })
  })

  it.each<[string, Uint8Array]>([
    ['untagged', encode([encode(goodHeader()), goodUnprotected(), payload, signature])],
    ['tag 17', encode(new Tag(17, [encode(goodHeader()), goodUnprotected(), payload, signature]))]
  ])('refuses an envelope that is not tag 18 (%s)', (_name, bytes) => {
    expect(refused(bytes)).toEqual({ check: 'cose', message: 'envelope is not a tagged COSE_Sign1 (CBOR tag 18)' })
  })

  it.each<[string, unknown]>([
    ['a map', new Map([[1, 2]])],
    ['three items', [encode(goodHeader()), goodUnprotected(), payload]],
    ['five items', [encode(goodHeader()), goodUnprotected(), payload, signature, signature]]
  ])('refuses COSE_Sign1 contents that are %s', (_name, contents) => {
    expect(refused(encode(new Tag(18, contents)))).toEqual({ check: 'cose', message: 'COSE_Sign1 must be an array of 4 items' })
  })

  it.each<[string, Parts, string]>([
    ['a text protected header', { protectedBytes: 'abc' }, 'protected header is not a non-empty byte string'],
    ['an empty protected header', { protectedBytes: new Uint8Array(0) }, 'protected header is not a non-empty byte string'],
    ['an unprotected array', { unprotected: [] }, 'unprotected header is not a map'],
    ['a detached payload', { payload: null }, 'payload is not an attached byte string'],
    ['a text payload', { payload: 'abc' }, 'payload is not an attached byte string'],
    ['an empty signature', { signature: new Uint8Array(0) }, 'signature is not a non-empty byte string'],
    ['a text signature', { signature: 'abc' }, 'signature is not a non-empty byte string'],
    ['a protected header that is an array', { protectedBytes: encode([1, -7]) }, 'protected header is not a map']
  ])('refuses %s', (_name, parts, message) => {
    expect(refused(cose(parts))).toEqual({ check: 'cose', message })
  })

  it('refuses a protected header that is not CBOR, or has a label twice', () => {
    const garbled = refused(cose({ protectedBytes: new Uint8Array([0xa1, 0x01]) }))
    expect(garbled.check).toBe('cose')
    expect(garbled.message).toMatch(/^protected header is not valid CBOR: \S/)
    // {1: -7, 1: -7}: a second alg could be read differently by another verifier.
    const twice = refused(cose({ protectedBytes: new Uint8Array([0xa2, 0x01, 0x26, 0x01, 0x26]) }))
    expect(twice.check).toBe('cose')
    expect(twice.message).toMatch(/^protected header is not valid CBOR: \S/)
  })

  it.each<[string, unknown]>([
    ['a fractional number', 1.5],
    ['a boolean', true],
    ['a byte string', new Uint8Array([1])]
  ])('refuses a header label that is %s', (_name, label) => {
    expect(refused(cose({ header: goodHeader([[label, 'x']]) }))).toEqual({
      check: 'cose',
      message: 'a header label is neither an integer nor a text string'
    })
  })

  it('refuses a crit entry that is neither an integer nor a text string', () => {
    expect(refused(cose({ header: goodHeader([[2, [1.5]]]) }))).toEqual({
      check: 'cose',
      message: 'a header label is neither an integer nor a text string'
    })
  })
})

describe('refusals of the protected header', () => {
  const withoutLabel = (label: unknown): Header => {
    const header = goodHeader()
    header.delete(label)
    return header
  }

  it.each<[string, unknown, string]>([
    ['missing', undefined, 'undefined'],
    ['a name instead of an identifier', 'ES256', '"ES256"'],
    ['RS256 (not allowed by the Notary Project)', -257, '-257'],
    ['EdDSA', -8, '-8']
  ])('refuses an alg that is %s', (_name, alg, shown) => {
    const header = alg === undefined ? withoutLabel(1) : goodHeader([[1, alg]])
    expect(refused(cose({ header }))).toEqual({
      check: 'alg',
      message: `protected header alg ${shown} is not one of -37, -38, -39 (PS*), -7, -35, -36 (ES*)`
    })
  })

  it('refuses a missing or non-array crit', () => {
    const expected = { check: 'crit', message: 'protected header has no crit array' }
    expect(refused(cose({ header: withoutLabel(2) }))).toEqual(expected)
    expect(refused(cose({ header: goodHeader([[2, 'io.cncf.notary.signingScheme']]) }))).toEqual(expected)
  })

  it('refuses a missing or integer content type (a CoAP content format is not the Notary payload type)', () => {
    const expected = { check: 'cty', message: 'protected header content type (label 3) is not a text string' }
    expect(refused(cose({ header: withoutLabel(3) }))).toEqual(expected)
    expect(refused(cose({ header: goodHeader([[3, 50]]) }))).toEqual(expected)
  })

  it('refuses a missing or non-text signing scheme', () => {
    const expected = { check: 'signingScheme', message: 'protected header has no signingScheme' }
    expect(refused(cose({ header: withoutLabel('io.cncf.notary.signingScheme') }))).toEqual(expected)
    expect(refused(cose({ header: goodHeader([['io.cncf.notary.signingScheme', 1]]) }))).toEqual(expected)
  })

  it.each(['signingTime', 'authenticSigningTime', 'expiry'])('refuses a %s that is not a CBOR tag 1 time', (name) => {
    const label = `io.cncf.notary.${name}`
    expect(refused(cose({ header: goodHeader([[label, '2025-01-01T00:00:00Z']]) }))).toEqual({
      check: name,
      message: `"${name}" is not a CBOR tag 1 time`
    })
    expect(refused(cose({ header: goodHeader([[label, 1735689600]]) })).check).toBe(name)
  })

  it.each(['verificationPlugin', 'verificationPluginMinVersion'])('refuses a %s that is empty or not text', (name) => {
    const expected = { check: name, message: `${name} is not a non-empty string` }
    expect(refused(cose({ header: goodHeader([[`io.cncf.notary.${name}`, '']]) }))).toEqual(expected)
    expect(refused(cose({ header: goodHeader([[`io.cncf.notary.${name}`, 1]]) }))).toEqual(expected)
  })
})

describe('refusals of the unprotected header', () => {
  it.each<[string, unknown]>([
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['io.cncf.notary.signingScheme', 'io.cncf.notary.signingScheme'],
    ['io.cncf.notary.signingTime', 'io.cncf.notary.signingTime'],
    ['io.cncf.notary.verificationPlugin', 'io.cncf.notary.verificationPlugin']
  ])('refuses the signed label %s there', (shown, label) => {
    expect(refused(cose({ unprotected: goodUnprotected([[label, 'x']]) }))).toEqual({
      check: 'cose',
      message: `label ${shown} must not appear in the unprotected header`
    })
  })

  it.each<[string, unknown]>([
    ['missing', new Map()],
    ['an empty array', new Map([[33, []]])],
    ['a text string', new Map([[33, 'MIIB']])]
  ])('refuses an x5chain that is %s', (_name, unprotected) => {
    expect(refused(cose({ unprotected }))).toEqual({ check: 'x5c', message: 'unprotected header has no x5chain (label 33)' })
  })

  it('refuses a chain longer than the limit', () => {
    const tooLong = Array.from({ length: MaxChainLength + 1 }, () => chain[0]!)
    expect(refused(cose({ unprotected: new Map([[33, tooLong]]) }))).toEqual({
      check: 'x5c',
      message: `x5chain has ${MaxChainLength + 1} certificates, more than ${MaxChainLength}`
    })
  })

  it.each<[string, unknown]>([
    ['text', 'MIIB'],
    ['empty', new Uint8Array(0)]
  ])('refuses a chain entry that is %s', (_name, entry) => {
    expect(refused(cose({ unprotected: new Map([[33, [chain[0], entry]]]) }))).toEqual({
      check: 'x5c',
      message: 'x5chain[1] is not a byte string'
    })
  })
})
