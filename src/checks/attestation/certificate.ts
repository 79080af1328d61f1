/**
 * The GitHub claims a Fulcio certificate carries (OIDs 1.3.6.1.4.1.57264.1.8 to .22, each a DER
 * string inside the extension value), parsed from the certificate itself: the library's OID matcher
 * compares raw extension bytes and never matches these values, so the gate reads them here and
 * compares parsed strings. Pure: no I/O.
 */
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate, GeneralNames, id_ce_subjectAltName } from '@peculiar/asn1-x509'

/** Upper bound on one DER certificate before it is parsed; Fulcio leaves are 1-3 KiB. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024

const FULCIO = '1.3.6.1.4.1.57264.1'

/** The Fulcio extensions of a GitHub Actions certificate, by sigstore-go's names. */
export interface GitHubClaims {
  /** The certificate's SAN URI (the workflow that signed, with its ref). */
  san?: string
  issuer?: string
  buildSignerURI?: string
  buildSignerDigest?: string
  runnerEnvironment?: string
  sourceRepositoryURI?: string
  sourceRepositoryDigest?: string
  sourceRepositoryRef?: string
  sourceRepositoryIdentifier?: string
  sourceRepositoryOwnerURI?: string
  sourceRepositoryOwnerIdentifier?: string
  buildConfigURI?: string
  buildConfigDigest?: string
  buildTrigger?: string
  runInvocationURI?: string
  sourceRepositoryVisibilityAtSigning?: string
  /** The issuer's `O=` (picks the Sigstore instance: `sigstore.dev`, `GitHub, Inc.`). */
  issuerOrganization?: string
  notBefore?: Date
  notAfter?: Date
}

/** OID suffix → claim name. .1 (the deprecated raw-string issuer) only when .8 is absent. */
const CLAIMS: Record<string, keyof GitHubClaims> = {
  '8': 'issuer',
  '9': 'buildSignerURI',
  '10': 'buildSignerDigest',
  '11': 'runnerEnvironment',
  '12': 'sourceRepositoryURI',
  '13': 'sourceRepositoryDigest',
  '14': 'sourceRepositoryRef',
  '15': 'sourceRepositoryIdentifier',
  '16': 'sourceRepositoryOwnerURI',
  '17': 'sourceRepositoryOwnerIdentifier',
  '18': 'buildConfigURI',
  '19': 'buildConfigDigest',
  '20': 'buildTrigger',
  '21': 'runInvocationURI',
  '22': 'sourceRepositoryVisibilityAtSigning'
}

/** DER string types accepted in a claim (sigstore-go accepts any; GitHub writes UTF8String). */
const STRING_TAGS = new Set([0x0c, 0x13, 0x16, 0x1a])

/** The string inside a DER string value, or undefined when it is not one DER string. */
export function derString(bytes: Uint8Array): string | undefined {
  if (bytes.length < 2 || !STRING_TAGS.has(bytes[0] as number)) return undefined
  let length = bytes[1] as number
  let offset = 2
  if (length & 0x80) {
    const n = length & 0x7f
    if (n < 1 || n > 3 || bytes.length < 2 + n) return undefined
    length = 0
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[2 + i] as number)
    offset = 2 + n
  }
  if (offset + length !== bytes.length) return undefined
  return Buffer.from(bytes.subarray(offset)).toString('utf8')
}

/** Parses a DER certificate's GitHub claims; throws when it is not a certificate or is over the bound. */
export function githubClaims(der: Uint8Array): GitHubClaims {
  if (der.length > MAX_CERTIFICATE_BYTES)
    throw new Error(`the certificate is ${der.length} bytes, over the ${MAX_CERTIFICATE_BYTES}-byte limit`)
  const cert = AsnConvert.parse(der, Certificate)
  const tbs = cert.tbsCertificate
  const claims: GitHubClaims = {
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime()
  }
  for (const rdn of tbs.issuer) {
    for (const attr of rdn) {
      if (attr.type === '2.5.4.10') claims.issuerOrganization = attr.value.toString()
    }
  }
  let legacyIssuer: string | undefined
  for (const ext of tbs.extensions ?? []) {
    const value = new Uint8Array(ext.extnValue.buffer)
    if (ext.extnID === id_ce_subjectAltName) {
      const names = AsnConvert.parse(value, GeneralNames)
      const uri = names.find((n) => n.uniformResourceIdentifier !== undefined)?.uniformResourceIdentifier
      const email = names.find((n) => n.rfc822Name !== undefined)?.rfc822Name
      const san = uri ?? email
      if (san !== undefined) claims.san = san
      continue
    }
    if (!ext.extnID.startsWith(`${FULCIO}.`)) continue
    const suffix = ext.extnID.slice(FULCIO.length + 1)
    if (suffix === '1') {
      legacyIssuer = Buffer.from(value).toString('utf8')
      continue
    }
    const name = CLAIMS[suffix]
    if (name === undefined) continue
    const text = derString(value)
    if (text !== undefined) (claims as Record<string, unknown>)[name] = text
  }
  if (claims.issuer === undefined && legacyIssuer !== undefined) claims.issuer = legacyIssuer
  return claims
}
