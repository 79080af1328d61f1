/**
 * The common parsed form of a Notation signature envelope (JWS or COSE), and the checks that do not
 * depend on the envelope format: critical headers, signed attributes, payload and descriptor.
 * See the Notary Project signature specification, "Signature Envelope" and "Signed attributes".
 */
import { Limits, MediaTypes } from '../../../core/constants.js'
import type { Descriptor } from '../../../core/types.js'

/** Why an envelope was rejected before any trust decision; `check` names the failed rule. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError'
  constructor(
    readonly check: string,
    message: string
  ) {
    super(message)
  }
}

/** The signature algorithms the Notary Project allows, by their JWS names. */
export type SignatureAlgorithm = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512'

/** Only payload content type the Notary Project defines. */
export const NotaryPayloadType = 'application/vnd.cncf.notary.payload.v1+json'

/** Signing schemes of the Notary Project. */
export type SigningScheme = 'notary.x509' | 'notary.x509.signingAuthority'

/** Signed attribute labels defined by the Notary Project (same strings in JWS and COSE). */
export const NotaryLabels = {
  signingScheme: 'io.cncf.notary.signingScheme',
  signingTime: 'io.cncf.notary.signingTime',
  expiry: 'io.cncf.notary.expiry',
  authenticSigningTime: 'io.cncf.notary.authenticSigningTime',
  verificationPlugin: 'io.cncf.notary.verificationPlugin',
  verificationPluginMinVersion: 'io.cncf.notary.verificationPluginMinVersion',
  signingAgent: 'io.cncf.notary.signingAgent',
  timestampSignature: 'io.cncf.notary.timestampSignature'
} as const

/** The AWS Signer Notation plugin, which this gate implements natively. */
/**
 * Notary signed attributes with a meaning of their own; any other protected header entry (JWS member
 * or COSE string label) is an extended attribute.
 */
export const NotaryProtectedLabels: ReadonlySet<string> = new Set<string>([
  NotaryLabels.signingScheme,
  NotaryLabels.signingTime,
  NotaryLabels.expiry,
  NotaryLabels.authenticSigningTime,
  NotaryLabels.verificationPlugin,
  NotaryLabels.verificationPluginMinVersion
])

export const AwsSignerPlugin = 'com.amazonaws.signer.notation.plugin'

/** Extended signed attributes written (as critical) by AWS Signer and processed by its plugin. */
export const AwsSignerAttributes = {
  signingProfileVersion: 'com.amazonaws.signer.signingProfileVersion',
  signingJob: 'com.amazonaws.signer.signingJob',
  signingProfileAlias: 'com.amazonaws.signer.signingProfileAlias'
} as const

/**
 * Labels that may appear in `crit` whatever the plugin. `signingTime` is tolerated there because
 * marking a known attribute critical is harmless.
 */
const knownCriticalLabels: ReadonlySet<string> = new Set([
  NotaryLabels.signingScheme,
  NotaryLabels.expiry,
  NotaryLabels.authenticSigningTime,
  NotaryLabels.verificationPlugin,
  NotaryLabels.verificationPluginMinVersion,
  NotaryLabels.signingTime
])

/** Attributes that, when present, the specification requires to be listed in `crit`. */
const mustBeCritical = [
  NotaryLabels.signingScheme,
  NotaryLabels.expiry,
  NotaryLabels.authenticSigningTime,
  NotaryLabels.verificationPlugin,
  NotaryLabels.verificationPluginMinVersion
]

/** Upper bound of certificates accepted in an envelope's chain (real chains have 2 to 4). */
export const MaxChainLength = 10

/** A format-independent view of a parsed envelope. */
export interface ParsedEnvelope {
  format: 'jws' | 'cose'
  mediaType: string
  alg: SignatureAlgorithm
  /** DER certificates, leaf first. */
  certificates: Uint8Array[]
  /** The payload bytes (JSON). */
  payload: Uint8Array
  /** The exact bytes the signature covers. */
  signingInput: Uint8Array
  /** Raw signature: r‖s for ECDSA, the RSASSA-PSS octets for RSA. */
  signature: Uint8Array
  contentType: string
  /** Labels listed in `crit`, as strings (COSE integer labels are stringified). */
  critical: string[]
  /** Every protected header label present, as strings. */
  protectedLabels: string[]
  signingScheme: string
  signingTime?: Date
  authenticSigningTime?: Date
  expiry?: Date
  verificationPlugin?: string
  verificationPluginMinVersion?: string
  /** Protected attributes outside the Notary Project's own (e.g. AWS Signer's). */
  extendedAttributes: Record<string, unknown>
  /** Whether an RFC 3161 timestamp countersignature is attached (unsigned attribute). */
  hasTimestamp: boolean
}

/** Parses an envelope by its media type. Throws only `EnvelopeError`. */
export type EnvelopeParser = (bytes: Uint8Array) => ParsedEnvelope

/**
 * Refuses oversized envelopes before anything parses them (Notation's own 32 MiB bound).
 * Throws `EnvelopeError`.
 */
export function assertEnvelopeSize(bytes: Uint8Array): void {
  if (bytes.byteLength > Limits.envelopeBytes) {
    throw new EnvelopeError('size', `envelope is ${bytes.byteLength} bytes, over the ${Limits.envelopeBytes}-byte limit`)
  }
}

/** True for the two envelope media types of the Notary Project. */
export function isEnvelopeMediaType(mediaType: string): boolean {
  return mediaType === MediaTypes.Jws || mediaType === MediaTypes.Cose
}

/**
 * Applies the `crit` rules: it must exist, list each attribute the specification requires to be
 * critical (when present), list only labels that are present, and contain no label this verifier
 * does not process. AWS Signer's extended attributes count as processed only when the envelope
 * names the AWS Signer plugin, because only that plugin (implemented here) understands them.
 */
export function checkCritical(env: ParsedEnvelope): void {
  const crit = env.critical
  if (crit.length === 0) throw new EnvelopeError('crit', 'protected header has no "crit" list')
  if (new Set(crit).size !== crit.length) throw new EnvelopeError('crit', '"crit" lists a label twice')
  const present = new Set(env.protectedLabels)
  for (const label of mustBeCritical) {
    if (present.has(label) && !crit.includes(label)) {
      throw new EnvelopeError('crit', `signed attribute "${label}" is present but not marked critical`)
    }
  }
  const processed = new Set(knownCriticalLabels)
  if (env.verificationPlugin === AwsSignerPlugin) {
    for (const label of Object.values(AwsSignerAttributes)) processed.add(label)
  }
  for (const label of crit) {
    if (!present.has(label)) throw new EnvelopeError('crit', `"crit" lists "${label}", which the header does not contain`)
    if (!processed.has(label)) throw new EnvelopeError('crit', `unknown critical header "${label}"`)
  }
}

/**
 * Checks the signed attributes every Notation envelope must carry: the payload content type, a
 * known signing scheme, and the time attribute that scheme requires.
 */
export function checkSignedAttributes(env: ParsedEnvelope): void {
  if (env.contentType !== NotaryPayloadType) {
    throw new EnvelopeError('cty', `content type is "${env.contentType}", expected "${NotaryPayloadType}"`)
  }
  if (env.signingScheme === 'notary.x509') {
    if (env.signingTime === undefined) throw new EnvelopeError('signingTime', 'scheme notary.x509 requires a signingTime')
  } else if (env.signingScheme === 'notary.x509.signingAuthority') {
    if (env.authenticSigningTime === undefined) {
      throw new EnvelopeError('authenticSigningTime', 'scheme notary.x509.signingAuthority requires an authenticSigningTime')
    }
  } else {
    throw new EnvelopeError('signingScheme', `unsupported signing scheme "${env.signingScheme}"`)
  }
  if (env.verificationPluginMinVersion !== undefined && env.verificationPlugin === undefined) {
    throw new EnvelopeError('verificationPlugin', 'verificationPluginMinVersion is set without verificationPlugin')
  }
}

/** The OCI descriptor the payload says was signed. */
export interface TargetArtifact {
  mediaType: string
  digest: string
  size: number
  annotations?: Record<string, string>
}

/** Parses the Notary payload `{ "targetArtifact": descriptor }`. Throws `EnvelopeError`. */
export function parsePayload(payload: Uint8Array): TargetArtifact {
  let parsed: unknown
  try {
    parsed = JSON.parse(decodeUtf8(payload, 'payload'))
  } catch (error) {
    if (error instanceof EnvelopeError) throw error
    throw new EnvelopeError('payload', 'payload is not valid JSON')
  }
  if (!isRecord(parsed) || !isRecord(parsed.targetArtifact)) {
    throw new EnvelopeError('payload', 'payload has no "targetArtifact" object')
  }
  const t = parsed.targetArtifact
  if (typeof t.mediaType !== 'string' || typeof t.digest !== 'string' || typeof t.size !== 'number') {
    throw new EnvelopeError('payload', 'payload targetArtifact lacks mediaType, digest or size')
  }
  if (!Number.isSafeInteger(t.size) || t.size < 0)
    throw new EnvelopeError('payload', 'payload targetArtifact size is not a non-negative integer')
  const target: TargetArtifact = { mediaType: t.mediaType, digest: t.digest, size: t.size }
  if (isRecord(t.annotations)) {
    const annotations: Record<string, string> = {}
    for (const [k, v] of Object.entries(t.annotations)) if (typeof v === 'string') annotations[k] = v
    target.annotations = annotations
  }
  return target
}

/** Returns why `actual` does not describe the same content as `expected`, or undefined when it does. */
export function descriptorMismatch(expected: Descriptor, actual: { mediaType: string; digest: string; size: number }): string | undefined {
  if (actual.digest !== expected.digest) return `digest ${actual.digest} instead of ${expected.digest}`
  if (actual.size !== expected.size) return `size ${actual.size} instead of ${expected.size}`
  if (actual.mediaType !== expected.mediaType) return `media type ${actual.mediaType} instead of ${expected.mediaType}`
  return undefined
}

/** Strict RFC 3339 date-time (what Notation writes into JWS headers). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/

/** Parses an RFC 3339 string, refusing anything looser (Date.parse alone accepts far too much). */
export function parseRfc3339(value: unknown, label: string): Date {
  if (typeof value !== 'string' || !rfc3339.test(value)) throw new EnvelopeError(label, `"${label}" is not an RFC 3339 time`)
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new EnvelopeError(label, `"${label}" is not a valid time`)
  return date
}

/** Decodes UTF-8, refusing invalid sequences rather than replacing them. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new EnvelopeError(what, `${what} is not valid UTF-8`)
  }
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
