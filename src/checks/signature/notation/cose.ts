/**
 * COSE_Sign1 envelopes (`application/cose`) as the Notary Project defines them: CBOR tag 18,
 * integer labels for alg (1), crit (2) and content type (3), string labels for the Notary signed
 * attributes, the chain in unprotected label 33 (x5chain). See signature-envelope-cose.md.
 */
import { decode, encode, Tag } from 'cbor2'
import { MediaTypes } from '../../../core/constants.js'
import {
  assertEnvelopeSize,
  EnvelopeError,
  MaxChainLength,
  NotaryLabels,
  NotaryProtectedLabels,
  type ParsedEnvelope,
  type SignatureAlgorithm
} from './envelope.js'

/** COSE algorithm identifiers (IANA) of the algorithms the Notary Project allows. */
const coseAlgorithms: ReadonlyMap<number, SignatureAlgorithm> = new Map([
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512'],
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512']
])

const LabelAlg = 1
const LabelCrit = 2
const LabelContentType = 3
const LabelX5Chain = 33

/** Decoding limits: a Notation envelope is shallow; deep nesting only serves denial of service. */
const decodeOptions = { preferMap: true, rejectDuplicateKeys: true, maxDepth: 16 } as const

function decodeCbor(bytes: Uint8Array, what: string): unknown {
  try {
    return decode(bytes, decodeOptions)
  } catch (error) {
    throw new EnvelopeError('cose', `${what} is not valid CBOR: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array
}

function labelString(label: unknown): string {
  if (typeof label === 'string') return label
  if (typeof label === 'number' && Number.isInteger(label)) return String(label)
  throw new EnvelopeError('cose', 'a header label is neither an integer nor a text string')
}

function timeAttribute(value: unknown, label: string): Date {
  // Notation writes times as CBOR tag 1 (epoch seconds); cbor2 turns that tag into a Date.
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value
  throw new EnvelopeError(label, `"${label}" is not a CBOR tag 1 time`)
}

/**
 * Parses a Notation COSE_Sign1 envelope and builds the Sig_structure to verify, using the protected
 * header bytes exactly as received (re-encoding them could change what was signed). Throws only
 * `EnvelopeError`.
 */
export function parseCose(bytes: Uint8Array): ParsedEnvelope {
  assertEnvelopeSize(bytes)
  const top = decodeCbor(bytes, 'COSE envelope')
  if (!(top instanceof Tag) || Number(top.tag) !== 18) throw new EnvelopeError('cose', 'envelope is not a tagged COSE_Sign1 (CBOR tag 18)')
  const parts: unknown = top.contents
  if (!Array.isArray(parts) || parts.length !== 4) throw new EnvelopeError('cose', 'COSE_Sign1 must be an array of 4 items')
  const [protectedBytes, unprotected, payload, signature] = parts as unknown[]
  if (!isBytes(protectedBytes) || protectedBytes.byteLength === 0)
    throw new EnvelopeError('cose', 'protected header is not a non-empty byte string')
  if (!(unprotected instanceof Map)) throw new EnvelopeError('cose', 'unprotected header is not a map')
  // A detached (nil) payload is not a Notation signature: the payload is the signed descriptor.
  if (!isBytes(payload)) throw new EnvelopeError('cose', 'payload is not an attached byte string')
  if (!isBytes(signature) || signature.byteLength === 0) throw new EnvelopeError('cose', 'signature is not a non-empty byte string')

  const decoded = decodeCbor(protectedBytes, 'protected header')
  if (!(decoded instanceof Map)) throw new EnvelopeError('cose', 'protected header is not a map')
  const header = decoded as Map<unknown, unknown>
  const labels = [...header.keys()].map(labelString)

  const algId = header.get(LabelAlg)
  const alg = typeof algId === 'number' ? coseAlgorithms.get(algId) : undefined
  if (alg === undefined) {
    throw new EnvelopeError('alg', `protected header alg ${JSON.stringify(algId)} is not one of -37, -38, -39 (PS*), -7, -35, -36 (ES*)`)
  }
  const critRaw = header.get(LabelCrit)
  if (!Array.isArray(critRaw)) throw new EnvelopeError('crit', 'protected header has no crit array')
  const critical = critRaw.map(labelString)
  const contentType = header.get(LabelContentType)
  if (typeof contentType !== 'string') throw new EnvelopeError('cty', 'protected header content type (label 3) is not a text string')
  const scheme = header.get(NotaryLabels.signingScheme)
  if (typeof scheme !== 'string') throw new EnvelopeError('signingScheme', 'protected header has no signingScheme')

  for (const key of unprotected.keys()) {
    if (key === LabelAlg || key === LabelCrit || key === LabelContentType || (typeof key === 'string' && NotaryProtectedLabels.has(key))) {
      throw new EnvelopeError('cose', `label ${String(key)} must not appear in the unprotected header`)
    }
  }
  const chainRaw: unknown = unprotected.get(LabelX5Chain)
  // RFC 9360: a single certificate may be a bare byte string instead of an array.
  const chainItems: unknown[] = isBytes(chainRaw) ? [chainRaw] : Array.isArray(chainRaw) ? chainRaw : []
  if (chainItems.length === 0) throw new EnvelopeError('x5c', 'unprotected header has no x5chain (label 33)')
  if (chainItems.length > MaxChainLength)
    throw new EnvelopeError('x5c', `x5chain has ${chainItems.length} certificates, more than ${MaxChainLength}`)
  const certificates = chainItems.map((c, i) => {
    if (!isBytes(c) || c.byteLength === 0) throw new EnvelopeError('x5c', `x5chain[${i}] is not a byte string`)
    return new Uint8Array(c)
  })

  const extendedAttributes: Record<string, unknown> = {}
  for (const [key, value] of header) {
    if (typeof key === 'string' && !NotaryProtectedLabels.has(key)) extendedAttributes[key] = value
  }

  const sigStructure = encode(['Signature1', new Uint8Array(protectedBytes), new Uint8Array(0), new Uint8Array(payload)])

  const env: ParsedEnvelope = {
    format: 'cose',
    mediaType: MediaTypes.Cose,
    alg,
    certificates,
    payload: new Uint8Array(payload),
    signingInput: sigStructure,
    signature: new Uint8Array(signature),
    contentType,
    critical,
    protectedLabels: labels,
    signingScheme: scheme,
    extendedAttributes,
    hasTimestamp: unprotected.get(NotaryLabels.timestampSignature) !== undefined
  }
  if (header.has(NotaryLabels.signingTime)) env.signingTime = timeAttribute(header.get(NotaryLabels.signingTime), 'signingTime')
  if (header.has(NotaryLabels.authenticSigningTime)) {
    env.authenticSigningTime = timeAttribute(header.get(NotaryLabels.authenticSigningTime), 'authenticSigningTime')
  }
  if (header.has(NotaryLabels.expiry)) env.expiry = timeAttribute(header.get(NotaryLabels.expiry), 'expiry')
  if (header.has(NotaryLabels.verificationPlugin)) {
    const plugin: unknown = header.get(NotaryLabels.verificationPlugin)
    if (typeof plugin !== 'string' || plugin === '')
      throw new EnvelopeError('verificationPlugin', 'verificationPlugin is not a non-empty string')
    env.verificationPlugin = plugin
  }
  if (header.has(NotaryLabels.verificationPluginMinVersion)) {
    const v: unknown = header.get(NotaryLabels.verificationPluginMinVersion)
    if (typeof v !== 'string' || v === '') {
      throw new EnvelopeError('verificationPluginMinVersion', 'verificationPluginMinVersion is not a non-empty string')
    }
    env.verificationPluginMinVersion = v
  }
  return env
}
