/**
 * The one Sigstore bundle verification used by the cosign check, the attestation check, the
 * conformance test and the CLI's `verify-bundle`. Cryptography (certificate chains, SCTs, Rekor
 * SETs and inclusion proofs, RFC 3161 timestamps, signatures) is sigstore-js's; this module adds
 * what the library leaves to its caller: the artifact match for DSSE statements, the hash that
 * matches the key's curve for DSSE signatures, anchored identity matching, and a result that
 * carries the evidence a report shows.
 */
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto'
import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import { dsse, type X509Certificate } from '@sigstore/core'
import { HashAlgorithm } from '@sigstore/protobuf-specs'
import { toSignedEntity, Verifier, type SignedEntity, type TrustMaterial } from '@sigstore/verify'
import { describeMatcher, matches, type CertificateIdentityPolicy } from './identity.js'
import type { SigstoreTrust } from './trusted-root.js'

/** What was signed: its bytes, or (for DSSE statements) only its SHA-256 digest in hex. */
export type SigstoreArtifact = { readonly bytes: Buffer } | { readonly sha256: string }

/** How a bundle must be verified. Give exactly one of `publicKey` and `identity`. */
export interface VerifyBundleOptions {
  readonly trust: SigstoreTrust
  /** Key-based signature: the public key (PEM text or a KeyObject). */
  readonly publicKey?: string | KeyObject
  /** Keyless signature: the identity the Fulcio certificate must carry. */
  readonly identity?: CertificateIdentityPolicy
  /** Transparency-log entries required (default 1; 0 is cosign's `--insecure-ignore-tlog`). */
  readonly tlogThreshold?: number
  /** SCTs required in a certificate (default 1; ignored for keys). */
  readonly ctlogThreshold?: number
  /**
   * Verified timestamps required: tlog integrated times with a SET plus RFC 3161 timestamps.
   * Default 1 for certificates (at least 1 is enforced: a certificate is checked at a time), 0 for keys
   * (cosign asks no observer timestamp of a key signature).
   */
  readonly timestampThreshold?: number
}

/** The verified signer certificate, for evidence and for custom extensions (e.g. GitHub's OIDs). */
export interface SignerCertificate {
  /** DER bytes. */
  readonly der: Buffer
  readonly subjectAlternativeName?: string
  readonly issuer?: string
  readonly serialNumber: string
  readonly notBefore: Date
  readonly notAfter: Date
  /** Extension values (the bytes inside extnValue) by dotted OID. */
  readonly extensions: Readonly<Record<string, Buffer>>
}

/** One transparency-log entry of the bundle (verified: SET or inclusion proof). */
export interface TlogEvidence {
  readonly logIndex: string
  /** The log's key id, hex. */
  readonly logId: string
  /** e.g. `hashedrekord 0.0.1`. */
  readonly kind: string
  /** Absent for Rekor v2 entries, which carry none. */
  readonly integratedTime?: Date
}

/** One verified time the signature is known to have existed at. */
export interface TimestampEvidence {
  readonly source: 'transparency-log' | 'timestamp-authority'
  readonly time: Date
}

/** A verified bundle and its evidence. */
export interface SigstoreVerified {
  readonly ok: true
  readonly mediaType: string
  readonly content: 'message-signature' | 'dsse-envelope'
  /** The signer certificate of a keyless bundle. */
  readonly certificate?: SignerCertificate
  /** `sha256:<hex>` of the verifying key's SubjectPublicKeyInfo (key-based bundles). */
  readonly keyFingerprint?: string
  readonly tlogEntries: readonly TlogEvidence[]
  readonly timestamps: readonly TimestampEvidence[]
  /** For DSSE: the payload type and the payload bytes (an in-toto statement, typically). */
  readonly dsse?: { readonly payloadType: string; readonly payload: Buffer }
  /** For a message signature: the signed digest (`sha256:<hex>` etc.). */
  readonly messageDigest?: string
}

/** A refused bundle and a reason a person can act on. */
export interface SigstoreRefused {
  readonly ok: false
  readonly reason: string
}

export type SigstoreResult = SigstoreVerified | SigstoreRefused

/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'

const HASH_NAMES: Partial<Record<HashAlgorithm, string>> = {
  [HashAlgorithm.SHA2_256]: 'sha256',
  [HashAlgorithm.SHA2_384]: 'sha384',
  [HashAlgorithm.SHA2_512]: 'sha512'
}

/** The hash a key signs with in cosign and sigstore-go: by curve for ECDSA, SHA-256 for RSA, none for EdDSA. */
export function hashForKey(key: KeyObject): string | undefined {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve
    if (curve === 'secp384r1') return 'sha384'
    if (curve === 'secp521r1') return 'sha512'
    return 'sha256'
  }
  if (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448') return undefined
  return 'sha256'
}

/** `sha256:<hex>` of a key's DER SubjectPublicKeyInfo. */
export function keyFingerprint(key: KeyObject): string {
  return `sha256:${createHash('sha256')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('hex')}`
}

function refused(reason: string): SigstoreRefused {
  return { ok: false, reason }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}

function loadKey(key: string | KeyObject): KeyObject {
  if (typeof key !== 'string') return key
  return createPublicKey(key)
}

function artifactDigest(artifact: SigstoreArtifact): string {
  return 'bytes' in artifact ? createHash('sha256').update(artifact.bytes).digest('hex') : artifact.sha256.toLowerCase()
}

/** For an in-toto statement: whether one subject has `sha256` equal to the artifact's digest. */
function checkStatementSubject(payload: Buffer, sha256: string): string | undefined {
  let statement: unknown
  try {
    statement = JSON.parse(payload.toString('utf8'))
  } catch {
    return 'the DSSE payload is not a JSON in-toto statement'
  }
  const subjects = (statement as { subject?: unknown } | null)?.subject
  if (!Array.isArray(subjects) || subjects.length === 0) return 'the in-toto statement has no subject'
  const found = subjects.some((subject: unknown) => {
    const digest = (subject as { digest?: { sha256?: unknown } } | null)?.digest?.sha256
    return typeof digest === 'string' && digest.toLowerCase() === sha256
  })
  return found ? undefined : `no subject of the in-toto statement has sha256 ${sha256}: it was signed for another artifact`
}

function certificateEvidence(certificate: X509Certificate, san: string | undefined, issuer: string | undefined): SignerCertificate {
  const extensions: Record<string, Buffer> = {}
  for (const extension of certificate.extensions) {
    const oid = extension.subs[0]?.toOID()
    const value = extension.subs[extension.subs.length - 1]?.value
    if (oid !== undefined && value !== undefined) extensions[oid] = Buffer.from(value)
  }
  return {
    der: Buffer.from(certificate.root.toDER()),
    ...(san !== undefined ? { subjectAlternativeName: san } : {}),
    ...(issuer !== undefined ? { issuer } : {}),
    serialNumber: certificate.serialNumber.toString('hex'),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    extensions
  }
}

/**
 * Replaces sigstore-js's DSSE signature check, which hashes with SHA-256 whatever the curve, by one
 * that uses the key's hash (P-384 → SHA-384, P-521 → SHA-512), as cosign signs.
 */
function verifyDsseWithKeyHash(entity: SignedEntity, envelope: { payloadType: string; payload: Buffer }): void {
  const pae = dsse.preAuthEncoding(envelope.payloadType, envelope.payload)
  const signature = entity.signature.signature
  entity.signature.verifySignature = (key: KeyObject): boolean => {
    try {
      return cryptoVerify(hashForKey(key), pae, key, signature)
    } catch {
      return false
    }
  }
}

function trustWithKey(material: TrustMaterial, key: KeyObject): TrustMaterial {
  return { ...material, publicKey: () => ({ publicKey: key, validFor: () => true }) }
}

function checkContent(bundle: Bundle, artifact: SigstoreArtifact): string | undefined {
  if (bundle.content.$case === 'dsseEnvelope') {
    const envelope = bundle.content.dsseEnvelope
    if (envelope.signatures.length !== 1) return `the DSSE envelope has ${envelope.signatures.length} signatures; expected exactly 1`
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
      return `the DSSE payload type is ${JSON.stringify(envelope.payloadType)}, not an in-toto statement (${IN_TOTO_PAYLOAD_TYPE}); it cannot be matched to the artifact`
    }
    return checkStatementSubject(envelope.payload, artifactDigest(artifact))
  }
  const { messageDigest } = bundle.content.messageSignature
  if ('sha256' in artifact) {
    return 'a message-signature bundle is verified over the artifact bytes; the artifact digest alone is not enough'
  }
  if (messageDigest !== undefined) {
    const hash = HASH_NAMES[messageDigest.algorithm]
    if (hash === undefined) return `the bundle's message digest algorithm ${HashAlgorithm[messageDigest.algorithm]} is not supported`
    if (!createHash(hash).update(artifact.bytes).digest().equals(Buffer.from(messageDigest.digest))) {
      return `the bundle's message digest is not the ${hash} of the artifact: it was signed for another artifact`
    }
  }
  return undefined
}

/**
 * Verifies a Sigstore bundle (its JSON, parsed) for an artifact. Never throws: every failure is
 * `{ ok: false, reason }`.
 */
export function verifySigstoreBundle(bundleJson: unknown, artifact: SigstoreArtifact, options: VerifyBundleOptions): SigstoreResult {
  if ((options.publicKey === undefined) === (options.identity === undefined)) {
    return refused('a Sigstore bundle is verified with either a public key or a certificate identity; exactly one must be given')
  }
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(bundleJson)
  } catch (error) {
    return refused(`the Sigstore bundle is malformed: ${describeError(error)}`)
  }
  const contentProblem = checkContent(bundle, artifact)
  if (contentProblem !== undefined) return refused(contentProblem)

  const material = bundle.verificationMaterial.content
  const keyBased = material.$case === 'publicKey'
  if (keyBased && options.publicKey === undefined) {
    return refused('the bundle is signed with a public key, but a certificate identity was expected (a keyless signature)')
  }
  if (!keyBased && options.publicKey !== undefined) {
    return refused('the bundle carries a certificate (a keyless signature), but a public key was expected')
  }

  let key: KeyObject | undefined
  try {
    key = options.publicKey !== undefined ? loadKey(options.publicKey) : undefined
  } catch (error) {
    return refused(`the public key does not load: ${describeError(error)}`)
  }

  let entity: SignedEntity
  try {
    entity = toSignedEntity(bundle, 'bytes' in artifact ? artifact.bytes : undefined)
  } catch (error) {
    return refused(`the Sigstore bundle cannot be read: ${describeError(error)}`)
  }
  if (bundle.content.$case === 'dsseEnvelope') verifyDsseWithKeyHash(entity, bundle.content.dsseEnvelope)

  const timestampThreshold = keyBased ? (options.timestampThreshold ?? 0) : Math.max(1, options.timestampThreshold ?? 1)
  const verifier = new Verifier(key !== undefined ? trustWithKey(options.trust.material, key) : options.trust.material, {
    tlogThreshold: options.tlogThreshold ?? 1,
    ctlogThreshold: keyBased ? 0 : (options.ctlogThreshold ?? 1),
    timestampThreshold
  })
  let signer: ReturnType<Verifier['verify']>
  try {
    signer = verifier.verify(entity)
  } catch (error) {
    return refused(`the signature does not verify against ${options.trust.origin}: ${describeError(error)}`)
  }

  let certificate: SignerCertificate | undefined
  if (entity.key.$case === 'certificate') {
    const san = signer.identity?.subjectAlternativeName
    const issuer = signer.identity?.extensions?.issuer
    const policy = options.identity
    if (policy !== undefined) {
      if (!matches(policy.subjectAlternativeName, san)) {
        return refused(
          `the certificate identity ${JSON.stringify(san ?? '')} does not match the expected ${describeMatcher(policy.subjectAlternativeName)}`
        )
      }
      if (!matches(policy.issuer, issuer)) {
        return refused(
          `the certificate OIDC issuer ${JSON.stringify(issuer ?? '')} does not match the expected ${describeMatcher(policy.issuer)}`
        )
      }
    }
    certificate = certificateEvidence(entity.key.certificate, san, issuer)
  }

  const tlogEntries: TlogEvidence[] = entity.tlogEntries.map((entry) => {
    const seconds = Number(entry.integratedTime)
    return {
      logIndex: entry.logIndex,
      logId: Buffer.from(entry.logId.keyId).toString('hex'),
      kind: `${entry.kindVersion.kind} ${entry.kindVersion.version}`,
      ...(Number.isFinite(seconds) && seconds > 0 ? { integratedTime: new Date(seconds * 1000) } : {})
    }
  })
  const timestamps: TimestampEvidence[] = entity.timestamps.flatMap((timestamp): TimestampEvidence[] => {
    if (timestamp.$case === 'timestamp-authority') return [{ source: 'timestamp-authority', time: timestamp.timestamp.signingTime }]
    const seconds = Number(timestamp.tlogEntry.integratedTime)
    return timestamp.tlogEntry.inclusionPromise !== undefined && seconds > 0
      ? [{ source: 'transparency-log', time: new Date(seconds * 1000) }]
      : []
  })

  const content = bundle.content
  return {
    ok: true,
    mediaType: bundle.mediaType,
    content: content.$case === 'dsseEnvelope' ? 'dsse-envelope' : 'message-signature',
    ...(certificate !== undefined ? { certificate } : {}),
    ...(key !== undefined ? { keyFingerprint: keyFingerprint(key) } : {}),
    tlogEntries,
    timestamps,
    ...(content.$case === 'dsseEnvelope'
      ? { dsse: { payloadType: content.dsseEnvelope.payloadType, payload: Buffer.from(content.dsseEnvelope.payload) } }
      : {}),
    ...(content.$case === 'messageSignature' && content.messageSignature.messageDigest !== undefined
      ? {
          messageDigest: `${HASH_NAMES[content.messageSignature.messageDigest.algorithm] ?? 'unknown'}:${Buffer.from(
            content.messageSignature.messageDigest.digest
          ).toString('hex')}`
        }
      : {})
  }
}
