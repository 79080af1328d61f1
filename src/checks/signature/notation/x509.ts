/**
 * X.509 rules of the Notary Project signature specification ("Certificate requirements",
 * "Signature algorithm requirements"): certificate parsing, chain structure, key sizes, algorithm
 * bindings, validity periods. Pure: no clock, no I/O.
 */
import { constants, createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto'
import { id_mgf1, id_sha256, id_sha384, id_sha512, RsaSaPssParams } from '@peculiar/asn1-rsa'
import { AsnConvert } from '@peculiar/asn1-schema'
import {
  AlgorithmIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_kp_codeSigning,
  KeyUsage
} from '@peculiar/asn1-x509'
import type { SignatureAlgorithm } from './envelope.js'

/** A certificate that breaks a rule; `message` names the certificate and the rule. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError'
}

/** Upper bound on one DER certificate; real ones are 1-2 KiB. */
export const MaxCertificateBytes = 64 * 1024

/** What the checks need from one certificate, parsed once. */
export interface CertInfo {
  der: Uint8Array
  x509: X509Certificate
  /** `C=US, ST=WA, …` in certificate order. */
  subject: string
  /** Subject attributes as (OID, value) pairs, in certificate order. */
  subjectAttributes: { oid: string; value: string }[]
  notBefore: Date
  notAfter: Date
  /** Key usage bits present, by name; undefined when the extension is absent. */
  keyUsage?: Set<string>
  basicConstraints?: { cA: boolean; pathLen?: number }
  extendedKeyUsage?: string[]
  /** Whether it names a CRL distribution point or an OCSP responder. */
  hasRevocationPointers: boolean
  /** The raw DER of tbsCertificate (what AWS Signer's revocation hashes cover). */
  tbs: Uint8Array
  signatureAlgorithmOid: string
  signatureAlgorithmParams?: Uint8Array
}

const OID = {
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  certificatePolicies: '2.5.29.32'
} as const

/** Critical extensions this verifier understands; any other critical extension rejects the certificate. */
const understoodCritical = new Set<string>([
  id_ce_keyUsage,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.subjectAltName,
  OID.certificatePolicies,
  OID.crlDistributionPoints,
  OID.authorityInfoAccess
])

/** Attribute type OIDs and the short names used to print subjects and parse trusted identities. */
export const AttributeNames: ReadonlyMap<string, string> = new Map([
  ['2.5.4.6', 'C'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.7', 'L'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.3', 'CN'],
  ['2.5.4.5', 'SERIALNUMBER'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.17', 'POSTALCODE'],
  ['2.5.4.12', 'TITLE'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.42', 'GIVENNAME'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['1.2.840.113549.1.9.1', 'E']
])

/** Signature algorithms allowed on certificates (SHA-2 only: no MD5, no SHA-1). */
const allowedCertAlgorithms = new Set([
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.10', // RSASSA-PSS (hash checked in its parameters)
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4' // ecdsa-with-SHA512
])

/** Reads one DER length at `offset`; returns [length, bytes used by the length field]. */
function derLength(der: Uint8Array, offset: number): [number, number] {
  const first = der[offset]
  if (first === undefined) throw new CertificateError('truncated DER')
  if (first < 0x80) return [first, 1]
  const count = first & 0x7f
  if (count === 0 || count > 4) throw new CertificateError('unsupported DER length')
  let length = 0
  for (let i = 1; i <= count; i++) {
    const b = der[offset + i]
    if (b === undefined) throw new CertificateError('truncated DER')
    length = length * 256 + b
  }
  return [length, 1 + count]
}

/**
 * Slices the raw tbsCertificate out of a certificate's DER: the first element of the outer
 * SEQUENCE. Slicing (rather than re-encoding a parsed structure) keeps the exact signed bytes.
 */
export function tbsBytes(der: Uint8Array): Uint8Array {
  if (der[0] !== 0x30) throw new CertificateError('certificate is not a DER SEQUENCE')
  const [, outerLenBytes] = derLength(der, 1)
  const tbsStart = 1 + outerLenBytes
  if (der[tbsStart] !== 0x30) throw new CertificateError('tbsCertificate is not a DER SEQUENCE')
  const [tbsLen, tbsLenBytes] = derLength(der, tbsStart + 1)
  const end = tbsStart + 1 + tbsLenBytes + tbsLen
  if (end > der.byteLength) throw new CertificateError('tbsCertificate overruns the certificate')
  return der.subarray(tbsStart, end)
}

/** Parses a DER certificate. Throws `CertificateError` with a readable reason. */
export function parseCertificate(der: Uint8Array): CertInfo {
  if (der.byteLength > MaxCertificateBytes)
    throw new CertificateError(`certificate is ${der.byteLength} bytes, over ${MaxCertificateBytes}`)
  let x509: X509Certificate
  let asn: Certificate
  try {
    x509 = new X509Certificate(der)
    asn = AsnConvert.parse(der, Certificate)
  } catch (error) {
    throw new CertificateError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`)
  }
  const tbs = asn.tbsCertificate
  const subjectAttributes: { oid: string; value: string }[] = []
  for (const rdn of tbs.subject) for (const atv of rdn) subjectAttributes.push({ oid: atv.type, value: atv.value.toString() })
  const info: CertInfo = {
    der,
    x509,
    subject: subjectAttributes.map((a) => `${AttributeNames.get(a.oid) ?? a.oid}=${a.value}`).join(', '),
    subjectAttributes,
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    hasRevocationPointers: false,
    tbs: tbsBytes(der),
    signatureAlgorithmOid: asn.signatureAlgorithm.algorithm
  }
  if (asn.signatureAlgorithm.parameters) info.signatureAlgorithmParams = new Uint8Array(asn.signatureAlgorithm.parameters)
  const seen = new Set<string>()
  for (const ext of tbs.extensions ?? []) {
    if (seen.has(ext.extnID)) throw new CertificateError(`extension ${ext.extnID} appears twice`)
    seen.add(ext.extnID)
    if (ext.critical && !understoodCritical.has(ext.extnID)) {
      throw new CertificateError(`unsupported critical extension ${ext.extnID}`)
    }
    try {
      if (ext.extnID === id_ce_keyUsage) {
        const ku = AsnConvert.parse(ext.extnValue, KeyUsage)
        info.keyUsage = new Set(ku.toJSON())
      } else if (ext.extnID === id_ce_basicConstraints) {
        const bc = AsnConvert.parse(ext.extnValue, BasicConstraints)
        info.basicConstraints = bc.pathLenConstraint === undefined ? { cA: bc.cA } : { cA: bc.cA, pathLen: bc.pathLenConstraint }
      } else if (ext.extnID === id_ce_extKeyUsage) {
        info.extendedKeyUsage = [...AsnConvert.parse(ext.extnValue, ExtendedKeyUsage)]
      } else if (ext.extnID === OID.crlDistributionPoints || ext.extnID === OID.authorityInfoAccess) {
        info.hasRevocationPointers = true
      }
    } catch (error) {
      throw new CertificateError(`extension ${ext.extnID} is malformed (${error instanceof Error ? error.message : String(error)})`)
    }
  }
  return info
}

/** Parses every certificate of an envelope chain, naming the position of a bad one. */
export function parseChain(ders: Uint8Array[]): CertInfo[] {
  return ders.map((der, i) => {
    try {
      return parseCertificate(der)
    } catch (error) {
      throw new CertificateError(`certificate ${i} of the chain: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
}

/** A short printable name for messages: the subject's CN, or the whole subject. */
export function certName(cert: CertInfo): string {
  const cn = cert.subjectAttributes.find((a) => a.oid === '2.5.4.3')
  return cn ? `"${cn.value}"` : `"${cert.subject}"`
}

/** The key of a certificate, described for messages and size rules. */
function keyDescription(cert: CertInfo): { type: 'rsa' | 'ec'; bits: number } {
  const key = cert.x509.publicKey
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
    return { type: 'rsa', bits: details.modulusLength ?? 0 }
  }
  if (key.asymmetricKeyType === 'ec') {
    const bits = { prime256v1: 256, secp384r1: 384, secp521r1: 521 }[details.namedCurve ?? ''] ?? 0
    if (bits === 0) throw new CertificateError(`${certName(cert)} uses unsupported curve ${details.namedCurve ?? 'unknown'}`)
    return { type: 'ec', bits }
  }
  throw new CertificateError(`${certName(cert)} has an unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`)
}

/**
 * The only JWS/COSE algorithm a leaf key may sign with (Notary Project "Signature algorithm
 * requirements"): the algorithm is bound to the key, so an envelope cannot choose a weaker one.
 */
export function algorithmForKey(cert: CertInfo): SignatureAlgorithm {
  const key = keyDescription(cert)
  if (key.type === 'rsa') {
    if (key.bits === 2048) return 'PS256'
    if (key.bits === 3072) return 'PS384'
    if (key.bits === 4096) return 'PS512'
    throw new CertificateError(`${certName(cert)} has an RSA-${key.bits} key; allowed are 2048, 3072, 4096`)
  }
  if (key.bits === 256) return 'ES256'
  if (key.bits === 384) return 'ES384'
  return 'ES512'
}

const hashOf: Record<SignatureAlgorithm, string> = {
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512'
}

const ecSignatureBytes: Partial<Record<SignatureAlgorithm, number>> = { ES256: 64, ES384: 96, ES512: 132 }

/** Verifies an envelope signature with the leaf key; false for any mismatch, never throws. */
export function verifyWithLeaf(alg: SignatureAlgorithm, leaf: CertInfo, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    const hash = hashOf[alg]
    if (alg.startsWith('ES')) {
      // JOSE and COSE carry ECDSA as fixed-size r‖s; a DER signature here is malformed.
      if (signature.byteLength !== ecSignatureBytes[alg]) return false
      return cryptoVerify(hash, data, { key: leaf.x509.publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    }
    return cryptoVerify(
      hash,
      data,
      { key: leaf.x509.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().byteLength },
      signature
    )
  } catch {
    return false
  }
}

/** The SHA-2 hashes RSASSA-PSS certificate signatures may use, with their output size in bytes. */
const pssHashBytes: ReadonlyMap<string, number> = new Map([
  [id_sha256, 32],
  [id_sha384, 48],
  [id_sha512, 64]
])

/**
 * What is wrong with a certificate signature's RSASSA-PSS-params (RFC 4055), or undefined. Every
 * field has a SHA-1 default when left out, and OpenSSL verifies with what the parameters say, so
 * they are decoded and checked field by field, as Go's crypto/x509 (and so Notation) does: a SHA-2
 * hash, MGF1 over that same hash, a salt as long as the hash, trailer field 1. Looking for a SHA-2
 * identifier anywhere in the bytes let through a hash left at its SHA-1 default beside an MGF1 over
 * SHA-256.
 */
function pssProblem(params: Uint8Array | undefined): string | undefined {
  if (params === undefined) return 'without a SHA-2 hash'
  let decoded: RsaSaPssParams
  let mgfHash: string
  try {
    decoded = AsnConvert.parse(params, RsaSaPssParams)
    mgfHash = decoded.maskGenAlgorithm.parameters
      ? AsnConvert.parse(decoded.maskGenAlgorithm.parameters, AlgorithmIdentifier).algorithm
      : ''
  } catch {
    return 'with parameters that are not valid DER'
  }
  const hashBytes = pssHashBytes.get(decoded.hashAlgorithm.algorithm)
  if (hashBytes === undefined) return 'without a SHA-2 hash'
  if (decoded.maskGenAlgorithm.algorithm !== id_mgf1 || mgfHash !== decoded.hashAlgorithm.algorithm) {
    return 'with a mask generation other than MGF1 over its own hash'
  }
  if (decoded.saltLength !== hashBytes) return `with a salt of ${decoded.saltLength} bytes; the hash's ${hashBytes} required`
  if (decoded.trailerField !== 1) return `with trailer field ${decoded.trailerField}; 1 required`
  return undefined
}

function checkAlgorithmAndKey(cert: CertInfo, role: string): void {
  if (!allowedCertAlgorithms.has(cert.signatureAlgorithmOid)) {
    throw new CertificateError(
      `${role} ${certName(cert)} is signed with algorithm ${cert.signatureAlgorithmOid}, which is not allowed (SHA-1 and MD5 are refused)`
    )
  }
  if (cert.signatureAlgorithmOid === '1.2.840.113549.1.1.10') {
    const problem = pssProblem(cert.signatureAlgorithmParams)
    if (problem !== undefined) throw new CertificateError(`${role} ${certName(cert)} uses RSASSA-PSS ${problem}`)
  }
  const key = keyDescription(cert)
  if (key.type === 'rsa' && key.bits < 2048)
    throw new CertificateError(`${role} ${certName(cert)} has an RSA key of ${key.bits} bits; at least 2048 required`)
}

function selfSigned(cert: CertInfo): boolean {
  try {
    // Not X509Certificate.checkIssued: OpenSSL's issuer check also demands keyCertSign, which a
    // self-signed signing certificate (allowed by Notation) does not have.
    return cert.x509.issuer === cert.x509.subject && cert.x509.verify(cert.x509.publicKey)
  } catch {
    return false
  }
}

/**
 * Checks the structure of a signing chain (leaf first), independent of time and trust: leaf key
 * usage, CA constraints, algorithms, key sizes, that each certificate is signed by the next, and
 * that the chain ends in a self-signed root (a lone self-signed leaf is allowed, as in Notation).
 * Throws `CertificateError`.
 */
export function validateChain(chain: CertInfo[]): void {
  const leaf = chain[0]
  if (leaf === undefined) throw new CertificateError('the certificate chain is empty')
  checkAlgorithmAndKey(leaf, 'signing certificate')
  if (leaf.basicConstraints?.cA === true) throw new CertificateError(`signing certificate ${certName(leaf)} is a CA certificate`)
  if (!leaf.keyUsage?.has('digitalSignature')) {
    throw new CertificateError(`signing certificate ${certName(leaf)} lacks the digitalSignature key usage`)
  }
  if (leaf.keyUsage.has('keyCertSign')) throw new CertificateError(`signing certificate ${certName(leaf)} has the keyCertSign key usage`)
  if (leaf.extendedKeyUsage !== undefined && !leaf.extendedKeyUsage.includes(id_kp_codeSigning)) {
    throw new CertificateError(`signing certificate ${certName(leaf)} has an extended key usage without codeSigning`)
  }
  if (chain.length === 1) {
    if (!selfSigned(leaf))
      throw new CertificateError(`the chain has only the signing certificate ${certName(leaf)}, and it is not self-signed`)
    return
  }
  for (let i = 0; i < chain.length - 1; i++) {
    const child = chain[i] as CertInfo
    const parent = chain[i + 1] as CertInfo
    const role = i + 1 === chain.length - 1 ? 'root certificate' : 'intermediate certificate'
    checkAlgorithmAndKey(parent, role)
    if (parent.basicConstraints?.cA !== true)
      throw new CertificateError(`${role} ${certName(parent)} is not a CA (basicConstraints cA is not true)`)
    if (!parent.keyUsage?.has('keyCertSign')) throw new CertificateError(`${role} ${certName(parent)} lacks the keyCertSign key usage`)
    // pathLen counts the intermediates below this CA, not the leaf.
    if (parent.basicConstraints.pathLen !== undefined && parent.basicConstraints.pathLen < i) {
      throw new CertificateError(
        `${role} ${certName(parent)} allows a path length of ${parent.basicConstraints.pathLen}, the chain needs ${i}`
      )
    }
    let issued: boolean
    try {
      issued = child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey)
    } catch {
      issued = false
    }
    if (!issued)
      throw new CertificateError(`certificate ${certName(child)} is not signed by the next certificate in the chain, ${certName(parent)}`)
  }
  const root = chain[chain.length - 1] as CertInfo
  if (!selfSigned(root)) throw new CertificateError(`the chain does not end in a self-signed root (last is ${certName(root)})`)
}

/** The first certificate not valid at `at`, and how, or undefined when all are valid. */
export function invalidAt(chain: CertInfo[], at: Date): { cert: CertInfo; kind: 'expired' | 'not-yet-valid' } | undefined {
  for (const cert of chain) {
    if (at.getTime() > cert.notAfter.getTime()) return { cert, kind: 'expired' }
    if (at.getTime() < cert.notBefore.getTime()) return { cert, kind: 'not-yet-valid' }
  }
  return undefined
}

/** True when two DER certificates are byte-for-byte equal. */
export function sameCertificate(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b))
}

/** True for a certificate that may anchor trust: a CA, or a self-signed certificate. */
export function canAnchor(cert: CertInfo): boolean {
  return cert.basicConstraints?.cA === true || selfSigned(cert)
}
