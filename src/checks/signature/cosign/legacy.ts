/**
 * cosign's legacy simple-signing layout, turned into what sigstore-js verifies: a layer (payload
 * bytes plus annotations) becomes a v0.1 Sigstore bundle, with the cosign SET as the tlog entry's
 * inclusion promise and the RFC 3161 timestamp, if any, as timestamp verification data (cosign does
 * the same in `AssembleNewBundle`). The payload's own claim is checked here: the signed image digest
 * and the signature type.
 */
import { createHash, X509Certificate } from 'node:crypto'
import { hashForKey } from '../../sigstore/index.js'
import type { KeyObject } from 'node:crypto'

/** cosign's layer annotations (cosign `pkg/oci/internal/signature/layer.go`). */
export const CosignAnnotations = {
  Signature: 'dev.cosignproject.cosign/signature',
  Certificate: 'dev.sigstore.cosign/certificate',
  Chain: 'dev.sigstore.cosign/chain',
  Bundle: 'dev.sigstore.cosign/bundle',
  Timestamp: 'dev.sigstore.cosign/rfc3161timestamp'
} as const

/** `critical.type` of a cosign image signature. */
export const SIMPLE_SIGNING_TYPE = 'cosign container image signature'

const HASH_ENUM: Record<string, string> = { sha256: 'SHA2_256', sha384: 'SHA2_384', sha512: 'SHA2_512' }

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

/** Checks a simple-signing payload's claim; returns the problem, or undefined when it names `digest`. */
export function checkSimpleSigningClaim(payload: Buffer, digest: string): string | undefined {
  let json: unknown
  try {
    json = JSON.parse(payload.toString('utf8'))
  } catch {
    return 'the simple-signing payload is not JSON'
  }
  const critical = objectOf(objectOf(json)?.['critical'])
  if (critical === undefined) return 'the simple-signing payload has no "critical" section'
  if (critical['type'] !== SIMPLE_SIGNING_TYPE) {
    return `the payload's critical.type is ${JSON.stringify(critical['type'] ?? null)}, not "${SIMPLE_SIGNING_TYPE}"`
  }
  const signed = objectOf(critical['image'])?.['docker-manifest-digest']
  if (signed !== digest) {
    return `the payload signs ${typeof signed === 'string' ? signed.slice(0, 80) : 'no digest'}, not the deployed digest ${digest}: it is a signature of another image`
  }
  return undefined
}

/** The certificate's public key, for the hash it signs with. */
function certificateKey(pem: string): KeyObject {
  return new X509Certificate(pem).publicKey
}

/** The DER of a PEM certificate, base64. */
function certificateDer(pem: string): string {
  return new X509Certificate(pem).raw.toString('base64')
}

/** A number or string field of cosign's Rekor bundle, as text; anything else is malformed. */
function scalar(value: unknown, name: string): string {
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  throw new Error(`the ${CosignAnnotations.Bundle} annotation has no ${name}`)
}

function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64')
}

/**
 * The v0.1 bundle (JSON) of a legacy layer, to verify with `verifySigstoreBundle(…, { bytes: payload })`.
 * `key` is the verifying key for key-based layers (it decides the digest algorithm, as cosign signs
 * P-384 with SHA-384); keyless layers use their certificate's key. Throws when an annotation is malformed.
 */
export function legacyBundle(payload: Buffer, annotations: Readonly<Record<string, string>>, key?: KeyObject): unknown {
  const signature = annotations[CosignAnnotations.Signature]
  if (signature === undefined || signature === '') throw new Error(`the layer has no ${CosignAnnotations.Signature} annotation`)
  const certificate = annotations[CosignAnnotations.Certificate]
  const signingKey = key ?? (certificate !== undefined ? certificateKey(certificate) : undefined)
  if (signingKey === undefined)
    throw new Error(`the layer has no ${CosignAnnotations.Certificate} annotation (a keyless signature needs one)`)
  const hash = hashForKey(signingKey) ?? 'sha256'
  const tlogEntries: unknown[] = []
  const setText = annotations[CosignAnnotations.Bundle]
  if (setText !== undefined) {
    const set = objectOf(JSON.parse(setText))
    const entry = objectOf(set?.['Payload'])
    if (set === undefined || entry === undefined || typeof set['SignedEntryTimestamp'] !== 'string' || typeof entry['body'] !== 'string') {
      throw new Error(`the ${CosignAnnotations.Bundle} annotation is not a cosign Rekor bundle`)
    }
    const body = objectOf(JSON.parse(Buffer.from(entry['body'], 'base64').toString('utf8')))
    tlogEntries.push({
      logIndex: scalar(entry['logIndex'], 'logIndex'),
      logId: { keyId: hexToBase64(scalar(entry['logID'], 'logID')) },
      kindVersion: {
        kind: typeof body?.['kind'] === 'string' ? body['kind'] : 'hashedrekord',
        version: typeof body?.['apiVersion'] === 'string' ? body['apiVersion'] : '0.0.1'
      },
      integratedTime: scalar(entry['integratedTime'], 'integratedTime'),
      inclusionPromise: { signedEntryTimestamp: set['SignedEntryTimestamp'] },
      canonicalizedBody: entry['body']
    })
  }
  const rfc3161Timestamps: unknown[] = []
  const tsaText = annotations[CosignAnnotations.Timestamp]
  if (tsaText !== undefined) {
    const tsa = objectOf(JSON.parse(tsaText))
    if (typeof tsa?.['SignedRFC3161Timestamp'] !== 'string') throw new Error(`the ${CosignAnnotations.Timestamp} annotation is malformed`)
    rfc3161Timestamps.push({ signedTimestamp: tsa['SignedRFC3161Timestamp'] })
  }
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: {
      ...(certificate !== undefined
        ? { x509CertificateChain: { certificates: [{ rawBytes: certificateDer(certificate) }] } }
        : { publicKey: { hint: '' } }),
      tlogEntries,
      timestampVerificationData: { rfc3161Timestamps }
    },
    messageSignature: {
      messageDigest: { algorithm: HASH_ENUM[hash] ?? 'SHA2_256', digest: createHash(hash).update(payload).digest('base64') },
      signature
    }
  }
}
