import { describe, it, expect } from 'vitest'
import { Limits, MediaTypes } from '../../../../src/core/constants.js'
import type { Descriptor } from '../../../../src/core/types.js'
import { thrown } from '../../../thrown.js'
import {
  assertEnvelopeSize,
  AwsSignerAttributes,
  AwsSignerPlugin,
  checkCritical,
  checkSignedAttributes,
  decodeUtf8,
  descriptorMismatch,
  EnvelopeError,
  isEnvelopeMediaType,
  isRecord,
  MaxChainLength,
  NotaryLabels,
  NotaryPayloadType,
  NotaryProtectedLabels,
  parsePayload,
  parseRfc3339,
  type ParsedEnvelope
} from '../../../../src/checks/signature/notation/envelope.js'

// The format-independent rules of envelope.ts on their own: no envelope is signed or encoded here,
// the parsed form is written out as an object literal, and every refusal is asserted with its rule
// and its full message.

const L = NotaryLabels
const cty = 'application/vnd.cncf.notary.payload.v1+json'
const signingTime = new Date('2025-01-01T00:00:00Z')

function envelope(over: Partial<ParsedEnvelope> = {}): ParsedEnvelope {
  return {
    format: 'jws',
    mediaType: 'application/jose+json',
    alg: 'ES256',
    certificates: [new Uint8Array([1])],
    payload: new Uint8Array([2]),
    signingInput: new Uint8Array([3]),
    signature: new Uint8Array([4]),
    contentType: cty,
    critical: [L.signingScheme],
    protectedLabels: ['alg', 'crit', 'cty', L.signingScheme, L.signingTime],
    signingScheme: 'notary.x509',
    signingTime,
    extendedAttributes: {},
    hasTimestamp: false,
    ...over
  }
}

const rejection = (fn: () => unknown): EnvelopeError => thrown(fn, EnvelopeError)

function refused(fn: () => unknown): { check: string; message: string } {
  const error = rejection(fn)
  return { check: error.check, message: error.message }
}

function bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'))
}

function json(value: unknown): Uint8Array {
  return bytes(JSON.stringify(value))
}

describe('EnvelopeError', () => {
  it('is an Error named EnvelopeError that carries the failed rule and the message', () => {
    const error = new EnvelopeError('crit', 'some message')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('EnvelopeError')
    expect(error.check).toBe('crit')
    expect(error.message).toBe('some message')
    expect(String(error)).toBe('EnvelopeError: some message')
  })
})

describe('exported constants', () => {
  it('name the Notary Project labels, payload type and AWS Signer attributes exactly', () => {
    expect(NotaryPayloadType).toBe(cty)
    expect(NotaryLabels).toEqual({
      signingScheme: 'io.cncf.notary.signingScheme',
      signingTime: 'io.cncf.notary.signingTime',
      expiry: 'io.cncf.notary.expiry',
      authenticSigningTime: 'io.cncf.notary.authenticSigningTime',
      verificationPlugin: 'io.cncf.notary.verificationPlugin',
      verificationPluginMinVersion: 'io.cncf.notary.verificationPluginMinVersion',
      signingAgent: 'io.cncf.notary.signingAgent',
      timestampSignature: 'io.cncf.notary.timestampSignature'
    })
    expect([...NotaryProtectedLabels].sort()).toEqual(
      [
        'io.cncf.notary.signingScheme',
        'io.cncf.notary.signingTime',
        'io.cncf.notary.expiry',
        'io.cncf.notary.authenticSigningTime',
        'io.cncf.notary.verificationPlugin',
        'io.cncf.notary.verificationPluginMinVersion'
      ].sort()
    )
    expect(AwsSignerPlugin).toBe('com.amazonaws.signer.notation.plugin')
    expect(AwsSignerAttributes).toEqual({
      signingProfileVersion: 'com.amazonaws.signer.signingProfileVersion',
      signingJob: 'com.amazonaws.signer.signingJob',
      signingProfileAlias: 'com.amazonaws.signer.signingProfileAlias'
    })
    expect(MaxChainLength).toBe(10)
  })
})

describe('assertEnvelopeSize', () => {
  // One allocation one byte over the limit; the limit itself is a view of it.
  const over = new Uint8Array(Limits.envelopeBytes + 1)

  it('accepts an empty envelope, a small one and one of exactly the limit', () => {
    expect(Limits.envelopeBytes).toBe(33554432)
    expect(() => assertEnvelopeSize(new Uint8Array(0))).not.toThrow()
    expect(() => assertEnvelopeSize(new Uint8Array(1024))).not.toThrow()
    const atLimit = over.subarray(0, Limits.envelopeBytes)
    expect(atLimit.byteLength).toBe(Limits.envelopeBytes)
    expect(assertEnvelopeSize(atLimit)).toBeUndefined()
  })

  it('refuses one byte over the limit, with the size and the limit in the message', () => {
    expect(refused(() => assertEnvelopeSize(over))).toEqual({
      check: 'size',
      message: 'envelope is 33554433 bytes, over the 33554432-byte limit'
    })
  })
})

describe('isEnvelopeMediaType', () => {
  it.each([
    [MediaTypes.Jws, true],
    [MediaTypes.Cose, true],
    ['application/jose+json', true],
    ['application/cose', true],
    ['', false],
    ['application/jose', false],
    ['application/cose+json', false],
    ['application/json', false],
    ['APPLICATION/JOSE+JSON', false],
    [MediaTypes.NotationSignature, false],
    [cty, false]
  ])('%j → %s', (mediaType, expected) => {
    expect(isEnvelopeMediaType(mediaType)).toBe(expected)
  })
})

describe('checkCritical', () => {
  it('accepts the minimal envelope: crit lists the signing scheme only', () => {
    expect(checkCritical(envelope())).toBeUndefined()
  })

  it('accepts every known label marked critical when present, signingTime included', () => {
    const labels = [L.signingScheme, L.signingTime, L.expiry, L.authenticSigningTime, L.verificationPlugin, L.verificationPluginMinVersion]
    const env = envelope({
      critical: labels,
      protectedLabels: ['alg', 'crit', 'cty', ...labels],
      verificationPlugin: 'com.example.plugin',
      verificationPluginMinVersion: '1.0.0'
    })
    expect(() => checkCritical(env)).not.toThrow()
  })

  it.each([[L.signingTime], [L.expiry], [L.authenticSigningTime], [L.verificationPlugin], [L.verificationPluginMinVersion]])(
    'accepts %s alone beside the signing scheme when present and critical',
    (label) => {
      const env = envelope({ critical: [L.signingScheme, label], protectedLabels: ['alg', 'crit', 'cty', L.signingScheme, label] })
      expect(() => checkCritical(env)).not.toThrow()
    }
  )

  it('refuses an envelope without crit', () => {
    expect(refused(() => checkCritical(envelope({ critical: [] })))).toEqual({
      check: 'crit',
      message: 'protected header has no "crit" list'
    })
  })

  it('refuses an empty crit even when no attribute requires to be critical', () => {
    expect(refused(() => checkCritical(envelope({ critical: [], protectedLabels: [] })))).toEqual({
      check: 'crit',
      message: 'protected header has no "crit" list'
    })
  })

  it.each([
    [[L.signingScheme, L.signingScheme]],
    [[L.signingScheme, L.signingTime, L.signingScheme]],
    [[L.signingTime, L.signingTime, L.signingScheme]]
  ])('refuses a crit list that names a label twice: %j', (critical) => {
    expect(refused(() => checkCritical(envelope({ critical })))).toEqual({ check: 'crit', message: '"crit" lists a label twice' })
  })

  it('reports a duplicate before anything else about the labels', () => {
    const env = envelope({ critical: ['x.y', 'x.y'], protectedLabels: [L.signingScheme] })
    expect(refused(() => checkCritical(env))).toEqual({ check: 'crit', message: '"crit" lists a label twice' })
  })

  it.each([L.signingScheme, L.expiry, L.authenticSigningTime, L.verificationPlugin, L.verificationPluginMinVersion])(
    'refuses %s present but not marked critical',
    (label) => {
      const others = [L.signingScheme, L.expiry, L.authenticSigningTime, L.verificationPlugin, L.verificationPluginMinVersion].filter(
        (l) => l !== label
      )
      const env = envelope({
        critical: [...others, L.signingTime],
        protectedLabels: [
          'alg',
          'crit',
          'cty',
          L.signingScheme,
          L.signingTime,
          L.expiry,
          L.authenticSigningTime,
          L.verificationPlugin,
          L.verificationPluginMinVersion
        ],
        verificationPlugin: 'com.example.plugin',
        verificationPluginMinVersion: '1.0.0'
      })
      expect(refused(() => checkCritical(env))).toEqual({
        check: 'crit',
        message: `signed attribute "${label}" is present but not marked critical`
      })
    }
  )

  it('does not require signingTime or extended attributes to be critical', () => {
    const env = envelope({
      protectedLabels: ['alg', 'crit', 'cty', L.signingScheme, L.signingTime, L.signingAgent, 'x.y', AwsSignerAttributes.signingJob]
    })
    expect(() => checkCritical(env)).not.toThrow()
  })

  it('does not require absent attributes to be critical', () => {
    const env = envelope({ critical: [L.signingTime], protectedLabels: [L.signingTime] })
    expect(() => checkCritical(env)).not.toThrow()
  })

  it.each([L.expiry, L.signingTime, L.verificationPlugin, 'x.y', AwsSignerAttributes.signingJob])(
    'refuses crit listing %s, which the header does not contain',
    (label) => {
      const env = envelope({
        critical: [L.signingScheme, label],
        protectedLabels: ['alg', 'crit', 'cty', L.signingScheme],
        verificationPlugin: AwsSignerPlugin
      })
      expect(refused(() => checkCritical(env))).toEqual({
        check: 'crit',
        message: `"crit" lists "${label}", which the header does not contain`
      })
    }
  )

  it.each(['x.y', 'alg', 'cty', L.signingAgent, L.timestampSignature, 'com.amazonaws.signer.other'])(
    'refuses the unknown critical header %s',
    (label) => {
      const env = envelope({ critical: [L.signingScheme, label], protectedLabels: ['alg', 'crit', 'cty', L.signingScheme, label] })
      expect(refused(() => checkCritical(env))).toEqual({ check: 'crit', message: `unknown critical header "${label}"` })
    }
  )

  it('reports the first offending crit label, in crit order', () => {
    const env = envelope({ critical: [L.signingScheme, 'a.b', 'c.d'], protectedLabels: [L.signingScheme, 'a.b'] })
    expect(refused(() => checkCritical(env))).toEqual({ check: 'crit', message: 'unknown critical header "a.b"' })
    const reversed = envelope({ critical: [L.signingScheme, 'c.d', 'a.b'], protectedLabels: [L.signingScheme, 'a.b'] })
    expect(refused(() => checkCritical(reversed))).toEqual({
      check: 'crit',
      message: '"crit" lists "c.d", which the header does not contain'
    })
  })

  const awsLabels = Object.values(AwsSignerAttributes)

  function awsEnvelope(label: string, plugin: string | undefined): ParsedEnvelope {
    const critical = [L.signingScheme, label, ...(plugin === undefined ? [] : [L.verificationPlugin])]
    return envelope({
      critical,
      protectedLabels: ['alg', 'crit', 'cty', L.signingTime, ...critical],
      ...(plugin === undefined ? {} : { verificationPlugin: plugin }),
      extendedAttributes: { [label]: 'value' }
    })
  }

  it.each(awsLabels)('accepts the AWS Signer critical label %s when verificationPlugin is the AWS Signer plugin', (label) => {
    expect(() => checkCritical(awsEnvelope(label, AwsSignerPlugin))).not.toThrow()
  })

  it('accepts all three AWS Signer critical labels together under the AWS Signer plugin', () => {
    const critical = [L.signingScheme, L.verificationPlugin, ...awsLabels]
    const env = envelope({ critical, protectedLabels: ['alg', 'crit', 'cty', ...critical], verificationPlugin: AwsSignerPlugin })
    expect(() => checkCritical(env)).not.toThrow()
  })

  it.each(
    awsLabels.flatMap((label) => [undefined, 'com.example.plugin', '', 'com.amazonaws.signer.notation.plugin.v2'].map((p) => [label, p]))
  )('refuses the AWS Signer critical label %s under verificationPlugin %j', (label, plugin) => {
    expect(refused(() => checkCritical(awsEnvelope(label as string, plugin)))).toEqual({
      check: 'crit',
      message: `unknown critical header "${label}"`
    })
  })

  it('still refuses unknown critical labels under the AWS Signer plugin', () => {
    const critical = [L.signingScheme, L.verificationPlugin, 'x.y']
    const env = envelope({ critical, protectedLabels: ['alg', 'crit', 'cty', ...critical], verificationPlugin: AwsSignerPlugin })
    expect(refused(() => checkCritical(env))).toEqual({ check: 'crit', message: 'unknown critical header "x.y"' })
  })
})

describe('checkSignedAttributes', () => {
  it('accepts notary.x509 with a signingTime', () => {
    expect(checkSignedAttributes(envelope())).toBeUndefined()
  })

  it('accepts notary.x509.signingAuthority with an authenticSigningTime and no signingTime', () => {
    const { signingTime: _t, ...rest } = envelope()
    const env: ParsedEnvelope = { ...rest, signingScheme: 'notary.x509.signingAuthority', authenticSigningTime: signingTime }
    expect(() => checkSignedAttributes(env)).not.toThrow()
  })

  it.each([
    'application/json',
    '',
    'application/vnd.cncf.notary.payload.v1+JSON',
    `${cty} `,
    'application/vnd.cncf.notary.payload.v2+json'
  ])('refuses the content type %j', (contentType) => {
    expect(refused(() => checkSignedAttributes(envelope({ contentType })))).toEqual({
      check: 'cty',
      message: `content type is "${contentType}", expected "application/vnd.cncf.notary.payload.v1+json"`
    })
  })

  it('checks the content type before the signing scheme', () => {
    expect(refused(() => checkSignedAttributes(envelope({ contentType: 'text/plain', signingScheme: 'other' })))).toEqual({
      check: 'cty',
      message: 'content type is "text/plain", expected "application/vnd.cncf.notary.payload.v1+json"'
    })
  })

  it('requires a signingTime under notary.x509, an authenticSigningTime does not do', () => {
    const { signingTime: _t, ...rest } = envelope()
    expect(refused(() => checkSignedAttributes({ ...rest }))).toEqual({
      check: 'signingTime',
      message: 'scheme notary.x509 requires a signingTime'
    })
    expect(refused(() => checkSignedAttributes({ ...rest, authenticSigningTime: signingTime }))).toEqual({
      check: 'signingTime',
      message: 'scheme notary.x509 requires a signingTime'
    })
  })

  it('requires an authenticSigningTime under notary.x509.signingAuthority, a signingTime does not do', () => {
    expect(refused(() => checkSignedAttributes(envelope({ signingScheme: 'notary.x509.signingAuthority' })))).toEqual({
      check: 'authenticSigningTime',
      message: 'scheme notary.x509.signingAuthority requires an authenticSigningTime'
    })
  })

  it.each(['notary.other', '', 'notary.x509.', 'Notary.x509', 'notary.x509.signingauthority', 'notary.x509.signingAuthority.v2', 'notary'])(
    'refuses the signing scheme %j',
    (signingScheme) => {
      expect(refused(() => checkSignedAttributes(envelope({ signingScheme, authenticSigningTime: signingTime })))).toEqual({
        check: 'signingScheme',
        message: `unsupported signing scheme "${signingScheme}"`
      })
    }
  )

  it('refuses verificationPluginMinVersion without verificationPlugin', () => {
    expect(refused(() => checkSignedAttributes(envelope({ verificationPluginMinVersion: '1.0.0' })))).toEqual({
      check: 'verificationPlugin',
      message: 'verificationPluginMinVersion is set without verificationPlugin'
    })
  })

  it('refuses verificationPluginMinVersion without verificationPlugin under notary.x509.signingAuthority too', () => {
    const env = envelope({
      signingScheme: 'notary.x509.signingAuthority',
      authenticSigningTime: signingTime,
      verificationPluginMinVersion: ''
    })
    expect(refused(() => checkSignedAttributes(env))).toEqual({
      check: 'verificationPlugin',
      message: 'verificationPluginMinVersion is set without verificationPlugin'
    })
  })

  it('checks the signing scheme before the plugin version', () => {
    expect(refused(() => checkSignedAttributes(envelope({ signingScheme: 'x', verificationPluginMinVersion: '1.0.0' })))).toEqual({
      check: 'signingScheme',
      message: 'unsupported signing scheme "x"'
    })
  })

  it('accepts a verificationPlugin with or without a minimum version', () => {
    expect(() => checkSignedAttributes(envelope({ verificationPlugin: AwsSignerPlugin }))).not.toThrow()
    expect(() => checkSignedAttributes(envelope({ verificationPlugin: 'p', verificationPluginMinVersion: '1.0.0' }))).not.toThrow()
    expect(() => checkSignedAttributes(envelope({ verificationPlugin: '', verificationPluginMinVersion: '' }))).not.toThrow()
  })
})

describe('parsePayload', () => {
  const digest = `sha256:${'5'.repeat(64)}`
  const mediaType = 'application/vnd.oci.image.manifest.v1+json'

  it('returns exactly the mediaType, digest and size of the targetArtifact', () => {
    const result = parsePayload(json({ targetArtifact: { mediaType, digest, size: 42 } }))
    expect(result).toStrictEqual({ mediaType, digest, size: 42 })
    expect(Object.keys(result)).toEqual(['mediaType', 'digest', 'size'])
  })

  it('drops the descriptor members it does not use and the payload members besides targetArtifact', () => {
    const result = parsePayload(
      json({
        other: 1,
        targetArtifact: { mediaType, digest, size: 7, artifactType: 'x', urls: ['u'], data: 'AA==' }
      })
    )
    expect(result).toStrictEqual({ mediaType, digest, size: 7 })
  })

  it('keeps the string annotations and drops the others', () => {
    const annotations = { a: 'b', 'org.opencontainers.image.created': '2025-01-01', n: 1, o: {}, z: null, t: true, e: '' }
    expect(parsePayload(json({ targetArtifact: { mediaType, digest, size: 1, annotations } }))).toStrictEqual({
      mediaType,
      digest,
      size: 1,
      annotations: { a: 'b', 'org.opencontainers.image.created': '2025-01-01', e: '' }
    })
  })

  it('keeps an empty annotations object, also when no annotation is a string', () => {
    expect(parsePayload(json({ targetArtifact: { mediaType, digest, size: 1, annotations: {} } }))).toStrictEqual({
      mediaType,
      digest,
      size: 1,
      annotations: {}
    })
    expect(parsePayload(json({ targetArtifact: { mediaType, digest, size: 1, annotations: { n: 2 } } }))).toStrictEqual({
      mediaType,
      digest,
      size: 1,
      annotations: {}
    })
  })

  it.each([[null], [['a', 'b']], ['a'], [3]])('ignores annotations that are not an object: %j', (annotations) => {
    const result = parsePayload(json({ targetArtifact: { mediaType, digest, size: 1, annotations } }))
    expect(result).toStrictEqual({ mediaType, digest, size: 1 })
    expect('annotations' in result).toBe(false)
  })

  it.each([0, 1, 42, 2 ** 53 - 1])('accepts the size %d', (size) => {
    expect(parsePayload(json({ targetArtifact: { mediaType, digest, size } }))).toStrictEqual({ mediaType, digest, size })
  })

  it('accepts empty strings for mediaType and digest (the descriptor comparison judges them)', () => {
    expect(parsePayload(json({ targetArtifact: { mediaType: '', digest: '', size: 0 } }))).toStrictEqual({
      mediaType: '',
      digest: '',
      size: 0
    })
  })

  it.each([
    ['-1', '-1'],
    ['1.5', '1.5'],
    ['2**53', String(2 ** 53)],
    ['-0.5', '-0.5'],
    ['1e400 (Infinity)', '1e400'],
    ['-1e400 (-Infinity)', '-1e400'],
    ['-2**53', String(-(2 ** 53))]
  ])('refuses the size %s', (_name, size) => {
    const text = `{"targetArtifact":{"mediaType":"${mediaType}","digest":"${digest}","size":${size}}}`
    expect(refused(() => parsePayload(bytes(text)))).toEqual({
      check: 'payload',
      message: 'payload targetArtifact size is not a non-negative integer'
    })
  })

  it.each([
    ['no mediaType', { digest, size: 1 }],
    ['no digest', { mediaType, size: 1 }],
    ['no size', { mediaType, digest }],
    ['a numeric mediaType', { mediaType: 1, digest, size: 1 }],
    ['a null digest', { mediaType, digest: null, size: 1 }],
    ['a string size', { mediaType, digest, size: '1' }],
    ['a null size', { mediaType, digest, size: null }],
    ['an empty object', {}]
  ])('refuses a targetArtifact with %s', (_name, targetArtifact) => {
    expect(refused(() => parsePayload(json({ targetArtifact })))).toEqual({
      check: 'payload',
      message: 'payload targetArtifact lacks mediaType, digest or size'
    })
  })

  it.each([
    'null',
    '[]',
    '"x"',
    '1',
    'true',
    '{}',
    '{"targetArtifact":null}',
    '{"targetArtifact":[]}',
    '{"targetArtifact":"x"}',
    '{"target":{}}'
  ])('refuses %s: no targetArtifact object', (text) => {
    expect(refused(() => parsePayload(bytes(text)))).toEqual({
      check: 'payload',
      message: 'payload has no "targetArtifact" object'
    })
  })

  it.each(['', '{', 'not json', '{"targetArtifact":{}', "{'a':1}"])('refuses %j: not valid JSON', (text) => {
    expect(refused(() => parsePayload(bytes(text)))).toEqual({ check: 'payload', message: 'payload is not valid JSON' })
  })

  it.each([[[0xff]], [[0x7b, 0xc3]], [[0xc0, 0x80]], [[0xed, 0xa0, 0x80]]])(
    'refuses the invalid UTF-8 %j as such, not as bad JSON',
    (raw) => {
      expect(refused(() => parsePayload(new Uint8Array(raw)))).toEqual({ check: 'payload', message: 'payload is not valid UTF-8' })
    }
  )

  it('decodes multi-byte UTF-8 in the payload', () => {
    expect(parsePayload(json({ targetArtifact: { mediaType, digest, size: 1, annotations: { note: 'é✓' } } }))).toStrictEqual({
      mediaType,
      digest,
      size: 1,
      annotations: { note: 'é✓' }
    })
  })
})

describe('descriptorMismatch', () => {
  const expected: Descriptor = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'a'.repeat(64)}`, size: 10 }
  const otherDigest = `sha256:${'b'.repeat(64)}`

  it('returns undefined for the same content, whatever else the expected descriptor carries', () => {
    expect(descriptorMismatch(expected, { ...expected })).toBeUndefined()
    expect(descriptorMismatch({ ...expected, artifactType: 'x', annotations: { a: 'b' } }, { ...expected })).toBeUndefined()
  })

  it('names a different digest', () => {
    expect(descriptorMismatch(expected, { ...expected, digest: otherDigest })).toBe(`digest ${otherDigest} instead of ${expected.digest}`)
  })

  it('names a different size', () => {
    expect(descriptorMismatch(expected, { ...expected, size: 11 })).toBe('size 11 instead of 10')
    expect(descriptorMismatch(expected, { ...expected, size: 0 })).toBe('size 0 instead of 10')
  })

  it('names a different media type', () => {
    expect(descriptorMismatch(expected, { ...expected, mediaType: 'application/vnd.oci.image.index.v1+json' })).toBe(
      'media type application/vnd.oci.image.index.v1+json instead of application/vnd.oci.image.manifest.v1+json'
    )
  })

  it('reports the digest first, then the size, then the media type', () => {
    expect(descriptorMismatch(expected, { mediaType: 'x', digest: otherDigest, size: 1 })).toBe(
      `digest ${otherDigest} instead of ${expected.digest}`
    )
    expect(descriptorMismatch(expected, { ...expected, mediaType: 'x', size: 1 })).toBe('size 1 instead of 10')
  })
})

describe('parseRfc3339', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01t00:00:00z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01t00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00.5Z', '2025-01-01T00:00:00.500Z'],
    ['2025-01-01T00:00:00.12Z', '2025-01-01T00:00:00.120Z'],
    ['2025-01-01T00:00:00.123Z', '2025-01-01T00:00:00.123Z'],
    ['2025-01-01T00:00:00.123456Z', '2025-01-01T00:00:00.123Z'],
    ['2025-01-01T00:00:00.123456789Z', '2025-01-01T00:00:00.123Z'],
    ['2025-01-01T05:30:00+05:30', '2025-01-01T00:00:00.000Z'],
    ['2024-12-31T19:00:00-05:00', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00.25-01:00', '2025-01-01T01:00:00.250Z'],
    ['2025-06-15T12:34:56Z', '2025-06-15T12:34:56.000Z']
  ])('accepts %s as %s', (value, iso) => {
    const date = parseRfc3339(value, 'io.cncf.notary.signingTime')
    expect(date).toBeInstanceOf(Date)
    expect(date.toISOString()).toBe(iso)
  })

  it.each([
    ['Jan 1 2025'],
    [''],
    ['2025-01-01'],
    ['2025-01-01T00:00:00'],
    ['2025-01-01 00:00:00Z'],
    ['2025-01-01T00:00Z'],
    ['2025-01-01T00:00:00+0530'],
    ['2025-01-01T00:00:00+05'],
    ['2025-01-01T00:00:00.Z'],
    ['2025-01-01T00:00:00.1234567890Z'],
    ['2025-01-01T00:00:00.abcZ'],
    ['2025-01-01T00:00:00.1aZ'],
    ['x2025-01-01T00:00:00Z'],
    [' 2025-01-01T00:00:00Z'],
    ['2025-01-01T00:00:00Z '],
    ['2025-01-01T00:00:00Zx'],
    ['2025-01-01T00:00:00Z\n'],
    ['\n2025-01-01T00:00:00Z'],
    ['12025-01-01T00:00:00Z'],
    ['2025-01-01T00:00:00ZZ'],
    ['2025-01-01T00:00:00+05:30:00'],
    ['2025-1-01T00:00:00Z'],
    ['+002025-01-01T00:00:00Z']
  ])('refuses %j as not RFC 3339', (value) => {
    expect(refused(() => parseRfc3339(value, 'io.cncf.notary.expiry'))).toEqual({
      check: 'io.cncf.notary.expiry',
      message: '"io.cncf.notary.expiry" is not an RFC 3339 time'
    })
  })

  it.each([
    ['a number', 1735689600],
    ['undefined', undefined],
    ['null', null],
    ['a Date', new Date('2025-01-01T00:00:00Z')],
    ['an array holding a valid time', ['2025-01-01T00:00:00Z']],
    ['an object whose text is a valid time', { toString: () => '2025-01-01T00:00:00Z' }]
  ])('refuses %s: only a string is a time', (_name, value) => {
    expect(refused(() => parseRfc3339(value, 'signingTime'))).toEqual({
      check: 'signingTime',
      message: '"signingTime" is not an RFC 3339 time'
    })
  })

  it.each([
    ['2025-13-01T00:00:00Z'],
    ['2025-01-32T00:00:00Z'],
    ['2025-01-01T25:00:00Z'],
    ['2025-01-01T00:60:00Z'],
    ['2025-01-01T00:00:60Z']
  ])('refuses %s: RFC 3339 in form, not a valid time', (value) => {
    expect(refused(() => parseRfc3339(value, 'io.cncf.notary.signingTime'))).toEqual({
      check: 'io.cncf.notary.signingTime',
      message: '"io.cncf.notary.signingTime" is not a valid time'
    })
  })

  it('uses the label it is given as the rule and in the message', () => {
    expect(refused(() => parseRfc3339('x', 'expiry'))).toEqual({ check: 'expiry', message: '"expiry" is not an RFC 3339 time' })
    expect(refused(() => parseRfc3339('2025-00-01T00:00:00Z', 'expiry'))).toEqual({
      check: 'expiry',
      message: '"expiry" is not a valid time'
    })
  })
})

describe('decodeUtf8', () => {
  it('decodes ASCII, multi-byte UTF-8 and empty input', () => {
    expect(decodeUtf8(bytes('hello'), 'header')).toBe('hello')
    expect(decodeUtf8(bytes('é✓😀'), 'header')).toBe('é✓😀')
    expect(decodeUtf8(new Uint8Array(0), 'header')).toBe('')
  })

  it.each([
    ['a lone continuation byte', [0x80]],
    ['0xff', [0x68, 0xff, 0x69]],
    ['a truncated two-byte sequence', [0x61, 0xc3]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]]
  ])('refuses %s rather than replacing it', (_name, raw) => {
    expect(refused(() => decodeUtf8(new Uint8Array(raw), 'protected header'))).toEqual({
      check: 'protected header',
      message: 'protected header is not valid UTF-8'
    })
  })

  it('names what it decoded in the rule and the message', () => {
    expect(refused(() => decodeUtf8(new Uint8Array([0xff]), 'x5c'))).toEqual({ check: 'x5c', message: 'x5c is not valid UTF-8' })
  })
})

describe('isRecord', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [Object.create(null) as object, true],
    [new Map(), true],
    [null, false],
    [undefined, false],
    [[], false],
    [[1, 2], false],
    ['x', false],
    ['', false],
    [0, false],
    [1, false],
    [true, false],
    [false, false],
    [() => ({}), false]
  ])('%j → %s', (value, expected) => {
    expect(isRecord(value)).toBe(expected)
  })
})
