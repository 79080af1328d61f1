import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { sign } from 'node:crypto'
import { encode, Tag } from 'cbor2'
import { buildEnvelope, createTestPki, type TestPki } from '../../../../emulator/signing.mjs'
import { parseCose } from '../../../../src/checks/signature/notation/cose.js'
import {
  checkCritical,
  checkSignedAttributes,
  EnvelopeError,
  parsePayload,
  type ParsedEnvelope
} from '../../../../src/checks/signature/notation/envelope.js'
import { parseJws } from '../../../../src/checks/signature/notation/jws.js'
import { verifySignature } from '../../../../src/checks/signature/notation/verify.js'
import type { TrustConfig } from '../../../../src/checks/signature/notation/trust-config.js'
import { LevelActions } from '../../../../src/checks/signature/notation/trust-policy.js'
import { thrown } from '../../../thrown.js'

const subject = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'3'.repeat(64)}`, size: 42 }
const cty = 'application/vnd.cncf.notary.payload.v1+json'
const payload = Buffer.from(JSON.stringify({ targetArtifact: subject }))
const pki: TestPki = createTestPki({ name: 'envelope', keyType: 'ec256', intermediate: false })

function jws(header: Record<string, unknown>, extra: Record<string, unknown> = {}, unprotected: Record<string, unknown> = {}): Buffer {
  const protectedB64 = Buffer.from(JSON.stringify(header)).toString('base64url')
  const payloadB64 = payload.toString('base64url')
  const signature = sign('sha256', Buffer.from(`${protectedB64}.${payloadB64}`), { key: pki.leaf.privateKey, dsaEncoding: 'ieee-p1363' })
  return Buffer.from(
    JSON.stringify({
      payload: payloadB64,
      protected: protectedB64,
      header: { x5c: pki.chainDer.map((d) => d.toString('base64')), ...unprotected },
      signature: signature.toString('base64url'),
      ...extra
    })
  )
}

const goodHeader = {
  alg: 'ES256',
  crit: ['io.cncf.notary.signingScheme'],
  cty,
  'io.cncf.notary.signingScheme': 'notary.x509',
  'io.cncf.notary.signingTime': '2025-01-01T00:00:00Z'
}

function fullCheck(bytes: Uint8Array, parse = parseJws): ParsedEnvelope {
  const env = parse(bytes)
  checkSignedAttributes(env)
  checkCritical(env)
  return env
}

const rejection = (fn: () => unknown): EnvelopeError => thrown(fn, EnvelopeError)

describe('JWS envelope rules', () => {
  it('parses a well-formed flattened JWS', () => {
    const env = fullCheck(jws(goodHeader))
    expect(env.alg).toBe('ES256')
    expect(env.signingScheme).toBe('notary.x509')
    expect(env.signingTime?.toISOString()).toBe('2025-01-01T00:00:00.000Z')
    expect(env.certificates).toHaveLength(2)
    expect(parsePayload(env.payload)).toEqual(subject)
  })

  it('refuses the general JSON serialization and compact form', () => {
    expect(rejection(() => parseJws(jws(goodHeader, { signatures: [] }))).message).toContain('flattened')
    expect(rejection(() => parseJws(Buffer.from('eyJhbGciOiJFUzI1NiJ9.e30.c2ln'))).message).toContain('not valid JSON')
  })

  it.each(['RS256', 'HS256', 'none', 'EdDSA'])('refuses alg %s', (alg) => {
    expect(rejection(() => parseJws(jws({ ...goodHeader, alg }))).check).toBe('alg')
  })

  it('refuses a wrong content type', () => {
    expect(rejection(() => fullCheck(jws({ ...goodHeader, cty: 'application/json' }))).check).toBe('cty')
  })

  it('requires crit to contain the signing scheme', () => {
    expect(rejection(() => fullCheck(jws({ ...goodHeader, crit: ['io.cncf.notary.signingTime'] }))).message).toContain(
      'not marked critical'
    )
  })

  it('requires expiry, authenticSigningTime and verificationPlugin to be critical when present', () => {
    for (const [label, value] of [
      ['io.cncf.notary.expiry', '2030-01-01T00:00:00Z'],
      ['io.cncf.notary.verificationPlugin', 'x'],
      ['io.cncf.notary.verificationPluginMinVersion', '1.0.0']
    ]) {
      const header = {
        ...goodHeader,
        'io.cncf.notary.verificationPlugin': 'x',
        crit: [...goodHeader.crit, 'io.cncf.notary.verificationPlugin'],
        [label as string]: value
      }
      if (label === 'io.cncf.notary.verificationPlugin') header.crit = goodHeader.crit
      expect(rejection(() => fullCheck(jws(header))).message, label).toContain(`"${label}" is present but not marked critical`)
    }
  })

  it('refuses crit entries that are absent from the header', () => {
    expect(rejection(() => fullCheck(jws({ ...goodHeader, crit: [...goodHeader.crit, 'io.cncf.notary.expiry'] }))).message).toContain(
      'does not contain'
    )
  })

  it('refuses unknown critical labels, and AWS Signer labels unless the plugin is AWS Signer', () => {
    expect(rejection(() => fullCheck(jws({ ...goodHeader, crit: [...goodHeader.crit, 'x.y'], 'x.y': 1 }))).message).toContain(
      'unknown critical header "x.y"'
    )
    const aws = { ...goodHeader, crit: [...goodHeader.crit, 'com.amazonaws.signer.signingJob'], 'com.amazonaws.signer.signingJob': 'arn' }
    expect(rejection(() => fullCheck(jws(aws))).message).toContain('unknown critical header')
    const withPlugin = {
      ...aws,
      crit: [...aws.crit, 'io.cncf.notary.verificationPlugin'],
      'io.cncf.notary.verificationPlugin': 'com.amazonaws.signer.notation.plugin'
    }
    expect(fullCheck(jws(withPlugin)).extendedAttributes['com.amazonaws.signer.signingJob']).toBe('arn')
  })

  it('refuses signed attributes in the unprotected header', () => {
    expect(rejection(() => parseJws(jws(goodHeader, {}, { alg: 'ES256' }))).message).toContain('unprotected')
    expect(rejection(() => parseJws(jws(goodHeader, {}, { 'io.cncf.notary.expiry': '2020-01-01T00:00:00Z' }))).message).toContain(
      'unprotected'
    )
  })

  it('requires the time attribute of the signing scheme', () => {
    const { 'io.cncf.notary.signingTime': _t, ...noTime } = goodHeader
    expect(rejection(() => fullCheck(jws(noTime))).check).toBe('signingTime')
    const sa = { ...goodHeader, 'io.cncf.notary.signingScheme': 'notary.x509.signingAuthority' }
    expect(rejection(() => fullCheck(jws(sa))).check).toBe('authenticSigningTime')
    expect(rejection(() => fullCheck(jws({ ...goodHeader, 'io.cncf.notary.signingScheme': 'notary.other' }))).check).toBe('signingScheme')
  })

  it('refuses loosely formatted times', () => {
    expect(rejection(() => parseJws(jws({ ...goodHeader, 'io.cncf.notary.signingTime': 'Jan 1 2025' }))).check).toBe('signingTime')
  })

  it('requires an x5c chain', () => {
    const bytes = JSON.parse(jws(goodHeader).toString()) as Record<string, unknown>
    bytes.header = {}
    expect(rejection(() => parseJws(Buffer.from(JSON.stringify(bytes)))).check).toBe('x5c')
  })
})

describe('COSE envelope rules', () => {
  it('parses the kit COSE envelope and keeps the protected bytes as received', () => {
    const { envelope } = buildEnvelope({ format: 'cose', pki: 'envelope', scheme: 'notary.x509' }, subject)
    const env = fullCheck(envelope, parseCose)
    expect(env.alg).toBe('ES256')
    expect(env.signingTime).toBeInstanceOf(Date)
    expect(env.critical).toEqual(['io.cncf.notary.signingScheme'])
  })

  it('refuses an untagged COSE_Sign1, a detached payload and unknown algorithms', () => {
    const header = new Map<unknown, unknown>([
      [1, -7],
      [2, ['io.cncf.notary.signingScheme']],
      [3, cty],
      ['io.cncf.notary.signingScheme', 'notary.x509']
    ])
    const protectedBytes = encode(header)
    const unprotected = new Map([[33, [new Uint8Array(pki.leaf.der)]]])
    const sig = new Uint8Array(64)
    expect(rejection(() => parseCose(encode([protectedBytes, unprotected, new Uint8Array(payload), sig]))).message).toContain('tag 18')
    expect(rejection(() => parseCose(encode(new Tag(18, [protectedBytes, unprotected, null, sig])))).message).toContain('attached')
    const badAlg = encode(new Map<unknown, unknown>([...header, [1, -257]]))
    expect(rejection(() => parseCose(encode(new Tag(18, [badAlg, unprotected, new Uint8Array(payload), sig])))).check).toBe('alg')
  })
})

describe('envelope parsers are total: random or garbled input only ever yields a typed rejection', () => {
  const jwsSample = jws(goodHeader)
  const coseSample = buildEnvelope({ format: 'cose', pki: 'envelope', scheme: 'notary.x509' }, subject).envelope

  function onlyTypedRejection(parse: (b: Uint8Array) => unknown, bytes: Uint8Array): void {
    try {
      parse(bytes)
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error
    }
  }

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        onlyTypedRejection(parseJws, bytes)
        onlyTypedRejection(parseCose, bytes)
      }),
      { numRuns: 500 }
    )
  })

  it('random JSON values for JWS', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        onlyTypedRejection(parseJws, Buffer.from(JSON.stringify(value) ?? 'null'))
      }),
      { numRuns: 300 }
    )
  })

  it('random CBOR values for COSE, tagged and untagged', () => {
    const cborValue = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.integer(),
        fc.string(),
        fc.uint8Array({ maxLength: 16 }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc
          .array(fc.tuple(fc.oneof(fc.integer({ min: -3, max: 40 }), fc.string()), tie('value')), { maxLength: 4 })
          .map((pairs) => new Map(pairs))
      )
    })).value
    fc.assert(
      fc.property(cborValue, fc.boolean(), (value, tagged) => {
        let bytes: Uint8Array
        try {
          bytes = encode(tagged ? new Tag(18, value) : value)
        } catch {
          return
        }
        onlyTypedRejection(parseCose, bytes)
      }),
      { numRuns: 300 }
    )
  })

  it('valid envelopes with random byte flips, truncations and insertions', () => {
    const mutation = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      kind: fc.constantFrom('flip', 'truncate', 'insert')
    })
    fc.assert(
      fc.property(fc.constantFrom(jwsSample, coseSample), fc.array(mutation, { minLength: 1, maxLength: 4 }), (sample, mutations) => {
        let bytes = Buffer.from(sample)
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1)
          if (m.kind === 'flip' && at < bytes.length) bytes[at] = m.byte
          else if (m.kind === 'truncate') bytes = bytes.subarray(0, at)
          else bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at)])
        }
        onlyTypedRejection(parseJws, bytes)
        onlyTypedRejection(parseCose, bytes)
      }),
      { numRuns: 400 }
    )
  })

  it('verifySignature never throws and never verifies garbage', async () => {
    const trust: TrustConfig = {
      configured: true,
      source: 'trust-policy',
      statements: [
        {
          name: 'p',
          registryScopes: ['*'],
          level: 'strict',
          actions: { ...LevelActions.strict },
          trustStores: [{ type: 'ca', name: 'x' }],
          trustedIdentities: [{ kind: 'any' }],
          verifyTimestamp: 'always'
        }
      ],
      stores: { 'ca:x': [] },
      partition: 'aws',
      signingProfileArns: []
    }
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom('application/jose+json', 'application/cose'),
        async (bytes, mediaType) => {
          const result = await verifySignature({
            subject,
            reference: 'r.example.com/a',
            signatures: [{ manifestDigest: 'sha256:x', subject, envelopeMediaType: mediaType, envelope: bytes }],
            trust,
            now: new Date(),
            checkRevocation: async () => ({ revokedEntities: [] })
          })
          expect(result.status).toBe('invalid')
        }
      ),
      { numRuns: 200 }
    )
  })
})
