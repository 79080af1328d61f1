// The Notation JWS envelope parser (`parseJws`) on its own: every field it produces, and every
// rejection with its exact rule (`check`) and message. The parser does not verify signatures, so most
// malformed envelopes are built as plain JSON; the happy path is signed for real with the test PKI.
import { describe, it, expect } from 'vitest'
import { sign, verify } from 'node:crypto'
import { createTestPki, type TestPki } from '../../../../emulator/signing.mjs'
import { Limits, MediaTypes } from '../../../../src/core/constants.js'
import { EnvelopeError, MaxChainLength, NotaryLabels } from '../../../../src/checks/signature/notation/envelope.js'
import { parseJws } from '../../../../src/checks/signature/notation/jws.js'
import { thrown } from '../../../thrown.js'

const cty = 'application/vnd.cncf.notary.payload.v1+json'
const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 42 }
const payloadBytes = Buffer.from(JSON.stringify({ targetArtifact: subject }))
const pki: TestPki = createTestPki({ name: 'jws-parser', keyType: 'ec256', intermediate: true })
const x5c = pki.chainDer.map((d) => d.toString('base64'))
const signingJob = 'com.amazonaws.signer.signingJob'
const jobArn = 'arn:aws:signer:us-east-1:123456789012:/signing-jobs/00000000-0000-4000-8000-000000000000'
const allowedAlgs = 'PS256, PS384, PS512, ES256, ES384, ES512'

/** The smallest protected header the parser accepts. */
const goodHeader: Record<string, unknown> = {
  alg: 'ES256',
  crit: [NotaryLabels.signingScheme],
  cty,
  [NotaryLabels.signingScheme]: 'notary.x509'
}

function b64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url')
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

/** The members of a flattened JWS whose signature (ES256, test leaf key) covers `protected.payload`. */
function members(header: Record<string, unknown> = goodHeader, unprotected: Record<string, unknown> = {}) {
  const protectedB64 = b64url(JSON.stringify(header))
  const payloadB64 = b64url(payloadBytes)
  const signature = sign('sha256', Buffer.from(`${protectedB64}.${payloadB64}`), { key: pki.leaf.privateKey, dsaEncoding: 'ieee-p1363' })
  return { payload: payloadB64, protected: protectedB64, header: { x5c, ...unprotected }, signature: signature.toString('base64url') }
}

/**
 * A serialized JWS. `unprotected` is merged into the unprotected header and `top` over the top-level
 * members; an `undefined` value drops the member (JSON.stringify leaves it out).
 */
function jws(header: Record<string, unknown> = goodHeader, unprotected: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  return Buffer.from(JSON.stringify({ ...members(header, unprotected), ...top }))
}

const rejection = (fn: () => unknown): EnvelopeError => thrown(fn, EnvelopeError)

/** The rule and exact message `parseJws` rejects `bytes` with. */
function reason(bytes: Uint8Array): { check: string; message: string } {
  const { check, message } = rejection(() => parseJws(bytes))
  return { check, message }
}

/** `value` with `!` added before or after it, enough of them that the length is 2 (mod 4), never 1. */
function garble(value: string, where: 'before' | 'after'): string {
  let bangs = '!'
  while ((value.length + bangs.length) % 4 !== 2) bangs += '!'
  return where === 'before' ? bangs + value : value + bangs
}

/** `value` with `A`s appended until its length is 1 (mod 4): valid characters, impossible length. */
function stretch(value: string): string {
  let out = `${value}A`
  while (out.length % 4 !== 1) out += 'A'
  return out
}

describe('parseJws: well-formed envelopes', () => {
  it('parses every field of a flattened JWS', () => {
    const header = {
      alg: 'ES256',
      crit: [NotaryLabels.signingScheme, NotaryLabels.expiry, NotaryLabels.verificationPlugin, signingJob],
      cty,
      [NotaryLabels.signingScheme]: 'notary.x509.signingAuthority',
      [NotaryLabels.signingTime]: '2025-01-01T00:00:00Z',
      [NotaryLabels.authenticSigningTime]: '2025-02-03T04:05:06.789+01:00',
      [NotaryLabels.expiry]: '2030-06-30T12:00:00Z',
      [NotaryLabels.verificationPlugin]: 'com.amazonaws.signer.notation.plugin',
      [NotaryLabels.verificationPluginMinVersion]: '1.0.298',
      [signingJob]: jobArn,
      'x.custom': { nested: [1, 'two'] }
    }
    const m = members(header, { [NotaryLabels.signingAgent]: 'notation-go/1.3.0' })
    const env = parseJws(Buffer.from(JSON.stringify(m)))

    expect(env.format).toBe('jws')
    expect(env.mediaType).toBe(MediaTypes.Jws)
    expect(env.mediaType).toBe('application/jose+json')
    expect(env.alg).toBe('ES256')
    expect(env.contentType).toBe(cty)
    expect(env.critical).toEqual([NotaryLabels.signingScheme, NotaryLabels.expiry, NotaryLabels.verificationPlugin, signingJob])
    expect(env.protectedLabels).toEqual([
      'alg',
      'crit',
      'cty',
      'io.cncf.notary.signingScheme',
      'io.cncf.notary.signingTime',
      'io.cncf.notary.authenticSigningTime',
      'io.cncf.notary.expiry',
      'io.cncf.notary.verificationPlugin',
      'io.cncf.notary.verificationPluginMinVersion',
      signingJob,
      'x.custom'
    ])
    expect(env.signingScheme).toBe('notary.x509.signingAuthority')
    expect(env.signingTime?.toISOString()).toBe('2025-01-01T00:00:00.000Z')
    expect(env.authenticSigningTime?.toISOString()).toBe('2025-02-03T03:05:06.789Z')
    expect(env.expiry?.toISOString()).toBe('2030-06-30T12:00:00.000Z')
    expect(env.verificationPlugin).toBe('com.amazonaws.signer.notation.plugin')
    expect(env.verificationPluginMinVersion).toBe('1.0.298')
    // Only what is neither JOSE's own nor a Notary signed attribute.
    expect(env.extendedAttributes).toEqual({ [signingJob]: jobArn, 'x.custom': { nested: [1, 'two'] } })
    expect(env.hasTimestamp).toBe(false)

    expect(hex(env.payload)).toBe(payloadBytes.toString('hex'))
    expect(hex(env.signature)).toBe(Buffer.from(m.signature, 'base64url').toString('hex'))
    expect(env.signature.byteLength).toBe(64)
    expect(env.certificates.map(hex)).toEqual(pki.chainDer.map((d) => d.toString('hex')))
    expect(env.certificates).toHaveLength(3)
    expect(hex(env.signingInput)).toBe(Buffer.from(`${m.protected}.${m.payload}`, 'ascii').toString('hex'))
    // The signing input is exactly what the signature covers.
    expect(verify('sha256', env.signingInput, { key: pki.leaf.publicKey, dsaEncoding: 'ieee-p1363' }, env.signature)).toBe(true)
  })

  it('leaves the optional attributes undefined when absent', () => {
    const env = parseJws(jws())
    expect(env.signingTime).toBeUndefined()
    expect(env.authenticSigningTime).toBeUndefined()
    expect(env.expiry).toBeUndefined()
    expect(env.verificationPlugin).toBeUndefined()
    expect(env.verificationPluginMinVersion).toBeUndefined()
    expect(env.extendedAttributes).toEqual({})
    expect(env.hasTimestamp).toBe(false)
    expect(env.critical).toEqual([NotaryLabels.signingScheme])
    expect(env.protectedLabels).toEqual(['alg', 'crit', 'cty', 'io.cncf.notary.signingScheme'])
    expect(env.signingScheme).toBe('notary.x509')
  })

  it('reports a timestamp countersignature in the unprotected header', () => {
    expect(parseJws(jws(goodHeader, { [NotaryLabels.timestampSignature]: 'MIIB' })).hasTimestamp).toBe(true)
    expect(parseJws(jws(goodHeader, { [NotaryLabels.signingAgent]: 'x' })).hasTimestamp).toBe(false)
  })

  it('accepts unprotected members that are not signed attributes', () => {
    const env = parseJws(jws(goodHeader, { [NotaryLabels.signingAgent]: 'agent', [NotaryLabels.timestampSignature]: 'MIIB', kid: 'k' }))
    expect(env.certificates.map(hex)).toEqual(pki.chainDer.map((d) => d.toString('hex')))
    expect(env.extendedAttributes).toEqual({})
  })

  it.each(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'])('accepts alg %s (the parser does not verify)', (alg) => {
    expect(parseJws(jws({ ...goodHeader, alg })).alg).toBe(alg)
  })

  it('accepts an empty crit list (checkCritical, not the parser, requires entries)', () => {
    expect(parseJws(jws({ ...goodHeader, crit: [] })).critical).toEqual([])
  })

  it(`accepts a chain of exactly MaxChainLength (${MaxChainLength}) certificates`, () => {
    expect(MaxChainLength).toBe(10)
    const chain = Array.from({ length: 10 }, (_, i) => x5c[i % x5c.length] ?? '')
    const env = parseJws(jws(goodHeader, { x5c: chain }))
    expect(env.certificates).toHaveLength(10)
    expect(env.certificates.map(hex)).toEqual(chain.map((c) => Buffer.from(c, 'base64').toString('hex')))
  })

  it('decodes x5c in the standard base64 alphabet, with or without padding', () => {
    const chain = ['AZaz09+/', 'AAA=', 'AA==', 'AAAA']
    const env = parseJws(jws(goodHeader, { x5c: chain }))
    expect(env.certificates.map(hex)).toEqual(['0196b3d3dfbf', '0000', '00', '000000'])
  })

  it('decodes payload and signature in the base64url alphabet', () => {
    const env = parseJws(jws(goodHeader, {}, { payload: 'AZaz09_-', signature: 'AZaz09_-' }))
    expect(hex(env.payload)).toBe('0196b3d3dffe')
    expect(hex(env.signature)).toBe('0196b3d3dffe')
  })

  it.each([
    ['', ''],
    ['YQ', '61'],
    ['YWI', '6162'],
    ['YWJj', '616263']
  ])('decodes the unpadded base64url payload %j (length 0, 2 or 3 mod 4)', (payload, bytes) => {
    const env = parseJws(jws(goodHeader, {}, { payload }))
    expect(hex(env.payload)).toBe(bytes)
    expect(Buffer.from(env.signingInput).toString('ascii')).toBe(`${members().protected}.${payload}`)
  })
})

describe('parseJws: the top level', () => {
  it('refuses an envelope over the size limit before parsing it', () => {
    const limit = Limits.envelopeBytes
    expect(reason(new Uint8Array(limit + 1))).toEqual({
      check: 'size',
      message: `envelope is ${limit + 1} bytes, over the ${limit}-byte limit`
    })
    expect(reason(Buffer.alloc(limit, 0x20))).toEqual({ check: 'jws', message: 'JWS envelope is not valid JSON' })
  })

  it('refuses invalid UTF-8 by the UTF-8 rule', () => {
    expect(reason(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({ check: 'JWS envelope', message: 'JWS envelope is not valid UTF-8' })
  })

  it.each(['eyJhbGciOiJFUzI1NiJ9.e30.c2ln', '{', '', '{"payload":'])('refuses %j as not JSON', (text) => {
    expect(reason(Buffer.from(text))).toEqual({ check: 'jws', message: 'JWS envelope is not valid JSON' })
  })

  it.each(['[]', '[1]', 'null', '5', '"x"', 'true'])('refuses the JSON value %s as not an object', (text) => {
    expect(reason(Buffer.from(text))).toEqual({ check: 'jws', message: 'JWS envelope is not a JSON object' })
  })

  it('refuses the general JSON serialization', () => {
    const flattened = 'general JWS JSON serialization is not allowed; expected flattened'
    const { header, protected: p, signature } = members()
    expect(reason(jws(goodHeader, {}, { signatures: [{ protected: p, header, signature }] }))).toEqual({ check: 'jws', message: flattened })
    const general = { payload: members().payload, signatures: [{ protected: p, header, signature }] }
    expect(reason(Buffer.from(JSON.stringify(general)))).toEqual({ check: 'jws', message: flattened })
  })

  it.each(['extra', 'Payload', 'unprotected', 'x5c'])('refuses the unexpected top-level member %j', (key) => {
    expect(reason(jws(goodHeader, {}, { [key]: 'x' }))).toEqual({ check: 'jws', message: `unexpected member "${key}" in the JWS envelope` })
  })

  it.each([
    ['payload missing', { payload: undefined }],
    ['payload a number', { payload: 5 }],
    ['protected missing', { protected: undefined }],
    ['protected null', { protected: null }],
    ['protected an object', { protected: { alg: 'ES256' } }],
    ['signature missing', { signature: undefined }],
    ['signature an array', { signature: ['c2ln'] }]
  ])('refuses an envelope with %s', (_what, top) => {
    expect(reason(jws(goodHeader, {}, top))).toEqual({
      check: 'jws',
      message: 'JWS envelope needs string "payload", "protected" and "signature"'
    })
  })
})

describe('parseJws: base64url members', () => {
  const good = members()
  const rows = (['payload', 'protected', 'signature'] as const).flatMap((member): [string, string, string, string][] => {
    const what = member === 'protected' ? 'protected header' : member
    const value = good[member]
    return [
      [what, 'an invalid character first', member, garble(value, 'before')],
      [what, 'an invalid character last', member, garble(value, 'after')],
      [what, 'a length of 1 mod 4', member, stretch(value)],
      [what, 'padding', member, `${value.slice(0, value.length - (value.length % 4))}YQ==`],
      [what, 'the standard alphabet', member, `${value}+/`]
    ]
  })

  it.each(rows)('refuses a %s with %s', (what, _how, member, value) => {
    expect(reason(jws(goodHeader, {}, { [member]: value }))).toEqual({ check: 'jws', message: `${what} is not base64url` })
  })

  it.each([
    ['payload', 'abcde'],
    ['payload', '!YQ'],
    ['payload', 'YQ!'],
    ['signature', 'abcde'],
    ['signature', '!AZaz09'],
    ['signature', 'AZaz0!']
  ])('refuses the %s %j', (member, value) => {
    expect(reason(jws(goodHeader, {}, { [member]: value }))).toEqual({ check: 'jws', message: `${member} is not base64url` })
  })

  it('refuses an empty signature', () => {
    expect(reason(jws(goodHeader, {}, { signature: '' }))).toEqual({ check: 'jws', message: 'signature is empty' })
  })
})

describe('parseJws: the protected header', () => {
  it('refuses invalid UTF-8 by the UTF-8 rule, not as invalid JSON', () => {
    const protectedB64 = b64url(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]))
    expect(reason(jws(goodHeader, {}, { protected: protectedB64 }))).toEqual({
      check: 'protected header',
      message: 'protected header is not valid UTF-8'
    })
  })

  it.each(['{"alg":', 'not json', ''])('refuses %j as not JSON', (text) => {
    expect(reason(jws(goodHeader, {}, { protected: b64url(text) }))).toEqual({
      check: 'jws',
      message: 'protected header is not valid JSON'
    })
  })

  it.each(['[]', '["ES256"]', 'null', '5', '"ES256"'])('refuses the JSON value %s as not an object', (text) => {
    expect(reason(jws(goodHeader, {}, { protected: b64url(text) }))).toEqual({
      check: 'jws',
      message: 'protected header is not a JSON object'
    })
  })

  it.each([
    ['RS256', `protected header alg "RS256" is not one of ${allowedAlgs}`],
    ['HS256', `protected header alg "HS256" is not one of ${allowedAlgs}`],
    ['none', `protected header alg "none" is not one of ${allowedAlgs}`],
    ['es256', `protected header alg "es256" is not one of ${allowedAlgs}`],
    ['', `protected header alg "" is not one of ${allowedAlgs}`],
    [5, `protected header alg 5 is not one of ${allowedAlgs}`],
    [null, `protected header alg null is not one of ${allowedAlgs}`],
    [['ES256'], `protected header alg ["ES256"] is not one of ${allowedAlgs}`],
    [undefined, `protected header alg undefined is not one of ${allowedAlgs}`]
  ])('refuses alg %j', (alg, message) => {
    expect(reason(jws({ ...goodHeader, alg }))).toEqual({ check: 'alg', message })
  })

  it.each([undefined, 5, null, ['application/json']])('refuses cty %j', (value) => {
    expect(reason(jws({ ...goodHeader, cty: value }))).toEqual({ check: 'cty', message: 'protected header has no "cty"' })
  })

  it.each([
    ['missing', undefined],
    ['a string', NotaryLabels.signingScheme],
    ['an object', { 0: NotaryLabels.signingScheme }],
    ['a string then a number', [NotaryLabels.signingScheme, 5]],
    ['a number then a string', [5, NotaryLabels.signingScheme]],
    ['[null]', [null]]
  ])('refuses crit %s', (_what, crit) => {
    expect(reason(jws({ ...goodHeader, crit }))).toEqual({ check: 'crit', message: 'protected header "crit" must be an array of strings' })
  })

  it.each([undefined, 5, null, ['notary.x509']])('refuses signingScheme %j', (value) => {
    expect(reason(jws({ ...goodHeader, [NotaryLabels.signingScheme]: value }))).toEqual({
      check: 'signingScheme',
      message: 'protected header has no signingScheme'
    })
  })

  it.each([
    [NotaryLabels.signingTime, 'signingTime', 'Jan 1 2025', 'is not an RFC 3339 time'],
    [NotaryLabels.signingTime, 'signingTime', 1735689600, 'is not an RFC 3339 time'],
    [NotaryLabels.signingTime, 'signingTime', '2025-13-01T00:00:00Z', 'is not a valid time'],
    [NotaryLabels.authenticSigningTime, 'authenticSigningTime', '2025-01-01', 'is not an RFC 3339 time'],
    [NotaryLabels.authenticSigningTime, 'authenticSigningTime', null, 'is not an RFC 3339 time'],
    [NotaryLabels.expiry, 'expiry', '2030-01-01 00:00:00Z', 'is not an RFC 3339 time'],
    [NotaryLabels.expiry, 'expiry', '', 'is not an RFC 3339 time']
  ])('refuses %s %j', (label, check, value, problem) => {
    expect(reason(jws({ ...goodHeader, [label]: value }))).toEqual({ check, message: `"${check}" ${problem}` })
  })

  it.each([
    ['verificationPlugin', NotaryLabels.verificationPlugin, ''],
    ['verificationPlugin', NotaryLabels.verificationPlugin, 5],
    ['verificationPlugin', NotaryLabels.verificationPlugin, null],
    ['verificationPlugin', NotaryLabels.verificationPlugin, false],
    ['verificationPluginMinVersion', NotaryLabels.verificationPluginMinVersion, ''],
    ['verificationPluginMinVersion', NotaryLabels.verificationPluginMinVersion, 5],
    ['verificationPluginMinVersion', NotaryLabels.verificationPluginMinVersion, null],
    ['verificationPluginMinVersion', NotaryLabels.verificationPluginMinVersion, ['1.0.0']]
  ])('refuses %s %j', (check, label, value) => {
    expect(reason(jws({ ...goodHeader, [label]: value }))).toEqual({ check, message: `${check} is not a non-empty string` })
  })

  it('keeps verificationPlugin and verificationPluginMinVersion independently', () => {
    const plugin = parseJws(jws({ ...goodHeader, [NotaryLabels.verificationPlugin]: 'p' }))
    expect(plugin.verificationPlugin).toBe('p')
    expect(plugin.verificationPluginMinVersion).toBeUndefined()
    const minVersion = parseJws(jws({ ...goodHeader, [NotaryLabels.verificationPluginMinVersion]: '2' }))
    expect(minVersion.verificationPlugin).toBeUndefined()
    expect(minVersion.verificationPluginMinVersion).toBe('2')
  })
})

describe('parseJws: the unprotected header and x5c', () => {
  it.each([
    ['missing', undefined],
    ['a string', 'x5c'],
    ['an array', [x5c]],
    ['null', null]
  ])('refuses an unprotected header that is %s', (_what, header) => {
    expect(reason(jws(goodHeader, {}, { header }))).toEqual({ check: 'x5c', message: 'JWS envelope has no unprotected "header" with x5c' })
  })

  it.each([
    'alg',
    'crit',
    'cty',
    'io.cncf.notary.signingScheme',
    'io.cncf.notary.signingTime',
    'io.cncf.notary.expiry',
    'io.cncf.notary.authenticSigningTime',
    'io.cncf.notary.verificationPlugin',
    'io.cncf.notary.verificationPluginMinVersion'
  ])('refuses the signed attribute %j in the unprotected header', (label) => {
    expect(reason(jws(goodHeader, { [label]: 'x' }))).toEqual({
      check: 'jws',
      message: `"${label}" must not appear in the unprotected header`
    })
  })

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['a string', x5c[0]],
    ['an object', { 0: x5c[0] }]
  ])('refuses an x5c that is %s', (_what, value) => {
    expect(reason(jws(goodHeader, { x5c: value }))).toEqual({ check: 'x5c', message: 'unprotected header has no x5c certificate chain' })
  })

  it('refuses a chain longer than MaxChainLength', () => {
    const chain = Array.from({ length: 11 }, () => x5c[0])
    expect(reason(jws(goodHeader, { x5c: chain }))).toEqual({ check: 'x5c', message: 'x5c has 11 certificates, more than 10' })
  })

  it.each([
    ['a number', [5], 0],
    ['null', [null], 0],
    ['an array', [['AAAA']], 0],
    ['an empty string', [x5c[0], ''], 1],
    ['an invalid character first', [x5c[0], x5c[1], '!AAAA'], 2],
    ['an invalid character last', ['AAAA!'], 0],
    ['three padding characters', ['AAAA==='], 0],
    ['padding in the middle', ['AA==AAAA'], 0],
    ['the base64url alphabet', ['ab-_'], 0]
  ])('refuses an x5c entry that is %s', (_what, chain, index) => {
    expect(reason(jws(goodHeader, { x5c: chain }))).toEqual({ check: 'x5c', message: `x5c[${index}] is not base64` })
  })
})
