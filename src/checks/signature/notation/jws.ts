/**
 * JWS envelopes (`application/jose+json`) as the Notary Project defines them: flattened JSON
 * serialization only, signed attributes in the protected header, the certificate chain in the
 * unprotected `x5c`. See signature-envelope-jws.md.
 */
import { MediaTypes } from '../../../core/constants.js'
import {
  assertEnvelopeSize,
  decodeUtf8,
  EnvelopeError,
  isRecord,
  MaxChainLength,
  NotaryLabels,
  parseRfc3339,
  NotaryProtectedLabels,
  type ParsedEnvelope,
  type SignatureAlgorithm
} from './envelope.js'

const jwsAlgorithms: ReadonlySet<string> = new Set(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'])

/** Protected header members that are not Notary signed attributes but JOSE's own. */
const joseLabels = new Set(['alg', 'crit', 'cty'])

const base64url = /^[A-Za-z0-9_-]*$/
const base64std = /^[A-Za-z0-9+/]*={0,2}$/

function fromBase64Url(value: unknown, what: string): Uint8Array {
  // JWS uses unpadded base64url (RFC 7515 §2); anything else is malformed, not "close enough".
  if (typeof value !== 'string' || !base64url.test(value) || value.length % 4 === 1) {
    throw new EnvelopeError('jws', `${what} is not base64url`)
  }
  return Buffer.from(value, 'base64url')
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeUtf8(bytes, what))
  } catch (error) {
    if (error instanceof EnvelopeError) throw error
    throw new EnvelopeError('jws', `${what} is not valid JSON`)
  }
  if (!isRecord(parsed)) throw new EnvelopeError('jws', `${what} is not a JSON object`)
  return parsed
}

/**
 * Parses a Notation JWS envelope. The bytes must already come from a size-bounded source; the bound
 * is applied again here so the parser is safe on its own. Throws only `EnvelopeError`.
 */
export function parseJws(bytes: Uint8Array): ParsedEnvelope {
  assertEnvelopeSize(bytes)
  const top = parseJsonObject(bytes, 'JWS envelope')
  if ('signatures' in top) throw new EnvelopeError('jws', 'general JWS JSON serialization is not allowed; expected flattened')
  for (const key of Object.keys(top)) {
    if (!['payload', 'protected', 'header', 'signature'].includes(key)) {
      throw new EnvelopeError('jws', `unexpected member "${key}" in the JWS envelope`)
    }
  }
  if (typeof top.payload !== 'string' || typeof top.protected !== 'string' || typeof top.signature !== 'string') {
    throw new EnvelopeError('jws', 'JWS envelope needs string "payload", "protected" and "signature"')
  }
  const payload = fromBase64Url(top.payload, 'payload')
  const protectedBytes = fromBase64Url(top.protected, 'protected header')
  const signature = fromBase64Url(top.signature, 'signature')
  if (signature.byteLength === 0) throw new EnvelopeError('jws', 'signature is empty')
  const header = parseJsonObject(protectedBytes, 'protected header')

  const alg = header.alg
  if (typeof alg !== 'string' || !jwsAlgorithms.has(alg)) {
    throw new EnvelopeError('alg', `protected header alg ${JSON.stringify(alg)} is not one of PS256, PS384, PS512, ES256, ES384, ES512`)
  }
  if (typeof header.cty !== 'string') throw new EnvelopeError('cty', 'protected header has no "cty"')
  const critRaw = header.crit
  if (!Array.isArray(critRaw) || !critRaw.every((c): c is string => typeof c === 'string')) {
    throw new EnvelopeError('crit', 'protected header "crit" must be an array of strings')
  }
  const scheme = header[NotaryLabels.signingScheme]
  if (typeof scheme !== 'string') throw new EnvelopeError('signingScheme', 'protected header has no signingScheme')

  const unprotected = top.header
  if (!isRecord(unprotected)) throw new EnvelopeError('x5c', 'JWS envelope has no unprotected "header" with x5c')
  for (const key of Object.keys(unprotected)) {
    // A signed attribute copied into the unprotected header could be mistaken for a signed one.
    if (joseLabels.has(key) || NotaryProtectedLabels.has(key)) {
      throw new EnvelopeError('jws', `"${key}" must not appear in the unprotected header`)
    }
  }
  const x5c = unprotected.x5c
  if (!Array.isArray(x5c) || x5c.length === 0) throw new EnvelopeError('x5c', 'unprotected header has no x5c certificate chain')
  if (x5c.length > MaxChainLength) throw new EnvelopeError('x5c', `x5c has ${x5c.length} certificates, more than ${MaxChainLength}`)
  const certificates = x5c.map((c, i) => {
    if (typeof c !== 'string' || c.length === 0 || !base64std.test(c)) throw new EnvelopeError('x5c', `x5c[${i}] is not base64`)
    return new Uint8Array(Buffer.from(c, 'base64'))
  })

  const extendedAttributes: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(header)) {
    if (!joseLabels.has(key) && !NotaryProtectedLabels.has(key)) extendedAttributes[key] = value
  }

  const env: ParsedEnvelope = {
    format: 'jws',
    mediaType: MediaTypes.Jws,
    alg: alg as SignatureAlgorithm,
    certificates,
    payload,
    signingInput: new Uint8Array(Buffer.from(`${top.protected}.${top.payload}`, 'ascii')),
    signature,
    contentType: header.cty,
    critical: critRaw,
    protectedLabels: Object.keys(header),
    signingScheme: scheme,
    extendedAttributes,
    hasTimestamp: unprotected[NotaryLabels.timestampSignature] !== undefined
  }
  if (header[NotaryLabels.signingTime] !== undefined) env.signingTime = parseRfc3339(header[NotaryLabels.signingTime], 'signingTime')
  if (header[NotaryLabels.authenticSigningTime] !== undefined) {
    env.authenticSigningTime = parseRfc3339(header[NotaryLabels.authenticSigningTime], 'authenticSigningTime')
  }
  if (header[NotaryLabels.expiry] !== undefined) env.expiry = parseRfc3339(header[NotaryLabels.expiry], 'expiry')
  const plugin = header[NotaryLabels.verificationPlugin]
  if (plugin !== undefined) {
    if (typeof plugin !== 'string' || plugin === '')
      throw new EnvelopeError('verificationPlugin', 'verificationPlugin is not a non-empty string')
    env.verificationPlugin = plugin
  }
  const minVersion = header[NotaryLabels.verificationPluginMinVersion]
  if (minVersion !== undefined) {
    if (typeof minVersion !== 'string' || minVersion === '') {
      throw new EnvelopeError('verificationPluginMinVersion', 'verificationPluginMinVersion is not a non-empty string')
    }
    env.verificationPluginMinVersion = minVersion
  }
  return env
}
