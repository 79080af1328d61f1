import { describe, it, expect } from 'vitest'
import {
  constants,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign as cryptoSign,
  verify as cryptoVerify,
  X509Certificate,
  type KeyObject
} from 'node:crypto'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import {
  AccessDescription,
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  CertificatePolicies,
  CRLDistributionPoints,
  DistributionPoint,
  DistributionPointName,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  PolicyInformation,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  id_ad_ocsp,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_kp_codeSigning,
  id_kp_serverAuth
} from '@peculiar/asn1-x509'
import { createTestPki, tbsOf } from '../../../../emulator/signing.mjs'
import { thrown } from '../../../thrown.js'
import {
  algorithmForKey,
  AttributeNames,
  canAnchor,
  certName,
  type CertInfo,
  CertificateError,
  invalidAt,
  MaxCertificateBytes,
  parseCertificate,
  parseChain,
  sameCertificate,
  tbsBytes,
  validateChain,
  verifyWithLeaf
} from '../../../../src/checks/signature/notation/x509.js'

// The X.509 rules on their own. Certificates are built here, field by field, with the same ASN.1
// classes the test signing kit uses, so each one can break exactly one rule: names, keys (real or
// fabricated public keys: a certificate needs only its issuer's private key), signature algorithms
// and their parameters, extensions, validity. Every refusal is asserted with its full message.

// ---------------------------------------------------------------------------------------------
// Keys and signature algorithms

type Keys = { publicKey: KeyObject; privateKey: KeyObject }

const ecKeys = (namedCurve = 'P-256'): Keys => generateKeyPairSync('ec', { namedCurve })
/** The one real RSA key of the file (RSA generation is slow); every other RSA key is a public key only. */
const rsaKeys: Keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
/** A real RSA-1024 key, for a CA that signs with a key that is too small. */
const rsa1024Keys: Keys = generateKeyPairSync('rsa', { modulusLength: 1024 })

const spkiOf = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' })

/** An RSA public key of exactly `bits` bits (a random odd modulus: no private key exists, none is needed). */
function rsaSpki(bits: number): Buffer {
  const bytes = Math.ceil(bits / 8)
  const topBits = bits - 8 * (bytes - 1)
  const n = randomBytes(bytes)
  n[0] = ((n[0] as number) & ((1 << topBits) - 1)) | (1 << (topBits - 1))
  n[bytes - 1] = (n[bytes - 1] as number) | 1
  return spkiOf(createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: 'AQAB' }, format: 'jwk' }))
}

/** The same RSA key under the RSASSA-PSS key algorithm (Node reports it as `rsa-pss`). */
function rsaPssSpki(bits: number): Buffer {
  const spki = AsnConvert.parse(rsaSpki(bits), SubjectPublicKeyInfo)
  spki.algorithm = new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.10' })
  return Buffer.from(AsnConvert.serialize(spki))
}

/** A key of an algorithm nobody knows: X509Certificate loads the certificate but cannot decode its key. */
const unknownSpki = Buffer.from(
  AsnConvert.serialize(
    new SubjectPublicKeyInfo({
      algorithm: new AlgorithmIdentifier({ algorithm: '1.3.6.1.4.1.55555.99' }),
      subjectPublicKey: new Uint8Array([0, 1, 2, 3]).buffer
    })
  )
)

interface SigAlg {
  oid: string
  params?: ArrayBuffer | null
  sign: (tbs: Buffer, key: KeyObject) => Buffer
}

const ecdsa = (oid: string, hash: string): SigAlg => ({ oid, sign: (tbs, key) => cryptoSign(hash, tbs, { key, dsaEncoding: 'der' }) })
const pkcs1 = (oid: string, hash: string): SigAlg => ({
  oid,
  params: null,
  sign: (tbs, key) => cryptoSign(hash, tbs, { key, padding: constants.RSA_PKCS1_PADDING })
})

/** DER TLV with a definite length. */
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts)
  const n = body.byteLength
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff])
  return Buffer.concat([Buffer.from([tag]), len, body])
}

const hashOidHex = {
  sha1: '2b0e03021a',
  sha256: '608648016503040201',
  sha384: '608648016503040202',
  sha512: '608648016503040203'
} as const
type Hash = keyof typeof hashOidHex
const hashBytes: Record<Hash, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 }

const hashAlgorithm = (hash: Hash): Buffer => tlv(0x30, tlv(0x06, Buffer.from(hashOidHex[hash], 'hex')), Buffer.from([0x05, 0x00]))

/** RSASSA-PSS-params (RFC 4055): only the fields given are encoded (absent ones default to SHA-1). */
function pssParams(p: { hash?: Hash; mgf?: Hash; mgfOidHex?: string; salt?: number; trailer?: number }): Buffer {
  const parts: Buffer[] = []
  if (p.hash) parts.push(tlv(0xa0, hashAlgorithm(p.hash)))
  if (p.mgf) parts.push(tlv(0xa1, tlv(0x30, tlv(0x06, Buffer.from(p.mgfOidHex ?? '2a864886f70d010108', 'hex')), hashAlgorithm(p.mgf))))
  if (p.salt !== undefined) parts.push(tlv(0xa2, tlv(0x02, Buffer.from([p.salt]))))
  if (p.trailer !== undefined) parts.push(tlv(0xa3, tlv(0x02, Buffer.from([p.trailer]))))
  return tlv(0x30, ...parts)
}

const arrayBuffer = (b: Buffer): ArrayBuffer => new Uint8Array(b).buffer

/** RSASSA-PSS with the given parameters (or none), signing with `hash`, MGF1 of `hash` and a salt of its size. */
function pss(hash: Hash, params: Buffer | undefined, saltLength = hashBytes[hash]): SigAlg {
  return {
    oid: '1.2.840.113549.1.1.10',
    ...(params === undefined ? {} : { params: arrayBuffer(params) }),
    sign: (tbs, key) => cryptoSign(hash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength })
  }
}
const pssFull = (hash: Hash): SigAlg => pss(hash, pssParams({ hash, mgf: hash, salt: hashBytes[hash] }))

const alg = {
  es256: ecdsa('1.2.840.10045.4.3.2', 'sha256'),
  es384: ecdsa('1.2.840.10045.4.3.3', 'sha384'),
  es512: ecdsa('1.2.840.10045.4.3.4', 'sha512'),
  ecdsaSha1: ecdsa('1.2.840.10045.4.1', 'sha1'),
  rsa256: pkcs1('1.2.840.113549.1.1.11', 'sha256'),
  rsa384: pkcs1('1.2.840.113549.1.1.12', 'sha384'),
  rsa512: pkcs1('1.2.840.113549.1.1.13', 'sha512'),
  rsaSha1: pkcs1('1.2.840.113549.1.1.5', 'sha1'),
  rsaSha224: pkcs1('1.2.840.113549.1.1.14', 'sha224'),
  rsaMd5: pkcs1('1.2.840.113549.1.1.4', 'md5')
}

// ---------------------------------------------------------------------------------------------
// Names, extensions, certificates

const oid = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  E: '1.2.840.113549.1.9.1'
} as const

/** A Name, one attribute per RDN, in the order given; the email attribute is an IA5String as in real certificates. */
function name(...attrs: [string, string][]): Name {
  return new Name(
    attrs.map(
      ([type, value]) =>
        new RelativeDistinguishedName([
          new AttributeTypeAndValue({
            type,
            value: new AttributeValue(type === oid.E ? { ia5String: value } : { utf8String: value })
          })
        ])
    )
  )
}
const named = (cn: string): Name => name([oid.C, 'US'], [oid.O, 'acme'], [oid.CN, cn])

const ext = (extnID: string, critical: boolean, value: ArrayBuffer | Buffer): Extension =>
  new Extension({ extnID, critical, extnValue: new OctetString(value instanceof ArrayBuffer ? value : arrayBuffer(value)) })
const ku = (...flags: (keyof typeof KeyUsageFlags)[]): Extension =>
  ext(id_ce_keyUsage, true, AsnConvert.serialize(new KeyUsage(flags.reduce((acc, f) => acc | KeyUsageFlags[f], 0))))
const bc = (cA: boolean, pathLen?: number): Extension =>
  ext(
    id_ce_basicConstraints,
    true,
    AsnConvert.serialize(new BasicConstraints(pathLen === undefined ? { cA } : { cA, pathLenConstraint: pathLen }))
  )
const eku = (...oids: string[]): Extension => ext(id_ce_extKeyUsage, false, AsnConvert.serialize(new ExtendedKeyUsage(oids)))
const caExtensions = (pathLen?: number): Extension[] => [bc(true, pathLen), ku('keyCertSign', 'cRLSign')]
const leafExtensions = (): Extension[] => [ku('digitalSignature'), eku(id_kp_codeSigning)]

const crlExtension = (critical = false): Extension =>
  ext(
    '2.5.29.31',
    critical,
    AsnConvert.serialize(
      new CRLDistributionPoints([
        new DistributionPoint({
          distributionPoint: new DistributionPointName({
            fullName: [new GeneralName({ uniformResourceIdentifier: 'http://crl.example/ca.crl' })]
          })
        })
      ])
    )
  )
const aiaExtension = (critical = false): Extension =>
  ext(
    '1.3.6.1.5.5.7.1.1',
    critical,
    AsnConvert.serialize(
      new AuthorityInfoAccessSyntax([
        new AccessDescription({
          accessMethod: id_ad_ocsp,
          accessLocation: new GeneralName({ uniformResourceIdentifier: 'http://ocsp.example' })
        })
      ])
    )
  )

const defaultNotBefore = new Date('2024-01-01T00:00:00Z')
const defaultNotAfter = new Date('2034-01-01T00:00:00Z')

/** A party that can issue: its name, keys and the algorithm it signs with. */
interface Party {
  name: Name
  keys: Keys
  alg: SigAlg
  der: Buffer
}

interface CertSpec {
  subject: Name
  /** The subject key: a key pair, or a public key as SPKI DER. */
  key: Keys | Buffer
  /** Undefined: self-signed with `key`. */
  issuer?: Party
  /** Overrides the issuer name written in the certificate. */
  issuerName?: Name
  /** Overrides the key that signs. */
  signingKey?: KeyObject
  alg?: SigAlg
  extensions?: Extension[]
  notBefore?: Date
  notAfter?: Date
}

function certificate(spec: CertSpec): Buffer {
  const keys = Buffer.isBuffer(spec.key) ? undefined : spec.key
  const spki = Buffer.isBuffer(spec.key) ? spec.key : spkiOf(spec.key.publicKey)
  const sigAlg = spec.alg ?? spec.issuer?.alg ?? (keys?.privateKey.asymmetricKeyType === 'rsa' ? alg.rsa256 : alg.es256)
  const signingKey = spec.signingKey ?? spec.issuer?.keys.privateKey ?? keys?.privateKey
  if (signingKey === undefined) throw new Error('a certificate needs a signing key')
  const algorithm = new AlgorithmIdentifier(
    sigAlg.params === undefined ? { algorithm: sigAlg.oid } : { algorithm: sigAlg.oid, parameters: sigAlg.params }
  )
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: new Uint8Array([0x01, ...randomBytes(8)]).buffer,
    signature: algorithm,
    issuer: spec.issuerName ?? spec.issuer?.name ?? spec.subject,
    validity: new Validity({ notBefore: spec.notBefore ?? defaultNotBefore, notAfter: spec.notAfter ?? defaultNotAfter }),
    subject: spec.subject,
    subjectPublicKeyInfo: AsnConvert.parse(spki, SubjectPublicKeyInfo),
    ...(spec.extensions && spec.extensions.length > 0 ? { extensions: new Extensions(spec.extensions) } : {})
  })
  const signature = sigAlg.sign(Buffer.from(AsnConvert.serialize(tbs)), signingKey)
  return Buffer.from(
    AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: arrayBuffer(signature) }))
  )
}

function party(subject: Name, keys: Keys, der: Buffer, signAlg: SigAlg = alg.es256): Party {
  return { name: subject, keys, alg: signAlg, der }
}

const parse = (der: Buffer): CertInfo => parseCertificate(der)

// The standard chain: an EC P-256 root, an intermediate (pathLen 0), a code-signing leaf.
const rootKeys = ecKeys()
const rootName = named('Test Root')
const root = party(rootName, rootKeys, certificate({ subject: rootName, key: rootKeys, extensions: caExtensions() }))
const intKeys = ecKeys()
const intName = named('Test Intermediate')
const intermediate = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: root, extensions: caExtensions(0) }))
const leafKeys = ecKeys()
const leafName = named('Test Signer')
const leafDer = certificate({ subject: leafName, key: leafKeys, issuer: intermediate, extensions: leafExtensions() })
/** A leaf signed by the root directly. */
const directLeafDer = certificate({ subject: leafName, key: leafKeys, issuer: root, extensions: leafExtensions() })
const otherKeys = ecKeys()

/** An RSA-2048 root (sha256WithRSAEncryption), for the RSA certificate signature algorithms. */
const rsaRootName = named('RSA Root')
const rsaRoot = party(
  rsaRootName,
  rsaKeys,
  certificate({ subject: rsaRootName, key: rsaKeys, alg: alg.rsa256, extensions: caExtensions() }),
  alg.rsa256
)

const chainOf = (...ders: Buffer[]): CertInfo[] => ders.map(parse)

const rejection = (fn: () => unknown): CertificateError => thrown(fn, CertificateError)
const refusal = (fn: () => unknown): string => rejection(fn).message

/** The message Node (or the ASN.1 parser) gives for `fn`, to quote it exactly in the expected text. */
function errorOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
  throw new Error('expected an error')
}

// ---------------------------------------------------------------------------------------------

describe('exports', () => {
  it('CertificateError is an Error named CertificateError', () => {
    const error = new CertificateError('x')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CertificateError')
    expect(error.message).toBe('x')
  })

  it('bounds one certificate at 64 KiB', () => {
    expect(MaxCertificateBytes).toBe(65536)
  })

  it('maps every attribute type OID to its short name', () => {
    expect([...AttributeNames]).toEqual([
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
  })
})

describe('tbsBytes', () => {
  const bytes = (...b: number[]): Uint8Array => new Uint8Array(b)

  it('slices the exact tbsCertificate of a real certificate', () => {
    const tbs = tbsBytes(leafDer)
    expect(Buffer.from(tbs)).toEqual(tbsOf(leafDer))
    expect(AsnConvert.parse(tbs, TBSCertificate).subject).toEqual(leafName)
  })

  it.each<[string, number[], number[]]>([
    ['short lengths', [0x30, 0x05, 0x30, 0x01, 0xaa, 0x05, 0x00], [0x30, 0x01, 0xaa]],
    ['a tbs that ends exactly at the end of the bytes', [0x30, 0x04, 0x30, 0x02, 0xaa, 0xbb], [0x30, 0x02, 0xaa, 0xbb]],
    ['a four-byte outer length', [0x30, 0x84, 0x00, 0x00, 0x00, 0x03, 0x30, 0x01, 0xaa], [0x30, 0x01, 0xaa]],
    ['a one-byte long-form outer length', [0x30, 0x81, 0x03, 0x30, 0x01, 0xaa, 0xff], [0x30, 0x01, 0xaa]]
  ])('reads %s', (_label, input, expected) => {
    expect([...tbsBytes(bytes(...input))]).toEqual(expected)
  })

  it('reads long-form tbs lengths of one and two bytes', () => {
    const body129 = Array.from({ length: 129 }, (_, i) => i & 0xff)
    const tbs129 = [0x30, 0x81, 0x81, ...body129]
    expect([...tbsBytes(bytes(0x30, 0x81, tbs129.length, ...tbs129, 0x05, 0x00))]).toEqual(tbs129)
    const body300 = Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)
    const tbs300 = [0x30, 0x82, 0x01, 0x2c, ...body300]
    expect([...tbsBytes(bytes(0x30, 0x82, 0x01, 0x30, ...tbs300))]).toEqual(tbs300)
  })

  it.each<[string, number[], string]>([
    ['no bytes', [], 'certificate is not a DER SEQUENCE'],
    ['a SET instead of a SEQUENCE', [0x31, 0x03, 0x30, 0x01, 0x00], 'certificate is not a DER SEQUENCE'],
    ['a missing outer length', [0x30], 'truncated DER'],
    ['an indefinite outer length', [0x30, 0x80, 0x30, 0x00], 'unsupported DER length'],
    ['a five-byte outer length', [0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x30, 0x01, 0x00], 'unsupported DER length'],
    ['a truncated long-form outer length', [0x30, 0x82, 0x01], 'truncated DER'],
    ['a tbs that is not a SEQUENCE', [0x30, 0x03, 0x02, 0x01, 0x00], 'tbsCertificate is not a DER SEQUENCE'],
    ['nothing after the outer header', [0x30, 0x02], 'tbsCertificate is not a DER SEQUENCE'],
    ['a missing tbs length', [0x30, 0x02, 0x30], 'truncated DER'],
    ['a truncated long-form tbs length', [0x30, 0x05, 0x30, 0x82, 0x01], 'truncated DER'],
    ['a tbs one byte past the end', [0x30, 0x04, 0x30, 0x03, 0xaa, 0xbb], 'tbsCertificate overruns the certificate']
  ])('refuses %s', (_label, input, message) => {
    expect(refusal(() => tbsBytes(bytes(...input)))).toBe(message)
  })
})

describe('parseCertificate', () => {
  it('reads every field of a certificate', () => {
    const subject = name(
      [oid.C, 'US'],
      [oid.ST, 'WA'],
      ['2.5.4.7', 'Seattle'],
      [oid.O, 'acme, inc'],
      [oid.OU, 'builds'],
      [oid.CN, 'Jane Signer'],
      ['2.5.4.5', '42'],
      ['2.5.4.9', '1 Main St'],
      ['2.5.4.17', '98101'],
      ['2.5.4.12', 'Dr'],
      ['2.5.4.4', 'Doe'],
      ['2.5.4.42', 'Jane'],
      ['0.9.2342.19200300.100.1.25', 'example'],
      ['0.9.2342.19200300.100.1.1', 'jdoe'],
      [oid.E, 'jane@example.com'],
      ['1.3.6.1.4.1.55555.7', 'custom']
    )
    const notBefore = new Date('2025-02-03T04:05:06Z')
    const notAfter = new Date('2027-08-09T10:11:12Z')
    const der = certificate({
      subject,
      key: leafKeys,
      issuer: intermediate,
      notBefore,
      notAfter,
      extensions: [ku('digitalSignature', 'nonRepudiation'), bc(false), eku(id_kp_codeSigning, id_kp_serverAuth)]
    })
    const info = parse(der)
    expect(info.der).toBe(der)
    expect(info.x509).toBeInstanceOf(X509Certificate)
    expect(info.x509.raw).toEqual(der)
    expect(info.subject).toBe(
      'C=US, ST=WA, L=Seattle, O=acme, inc, OU=builds, CN=Jane Signer, SERIALNUMBER=42, STREET=1 Main St, POSTALCODE=98101, ' +
        'TITLE=Dr, SN=Doe, GIVENNAME=Jane, DC=example, UID=jdoe, E=jane@example.com, 1.3.6.1.4.1.55555.7=custom'
    )
    expect(info.subjectAttributes).toEqual([
      { oid: '2.5.4.6', value: 'US' },
      { oid: '2.5.4.8', value: 'WA' },
      { oid: '2.5.4.7', value: 'Seattle' },
      { oid: '2.5.4.10', value: 'acme, inc' },
      { oid: '2.5.4.11', value: 'builds' },
      { oid: '2.5.4.3', value: 'Jane Signer' },
      { oid: '2.5.4.5', value: '42' },
      { oid: '2.5.4.9', value: '1 Main St' },
      { oid: '2.5.4.17', value: '98101' },
      { oid: '2.5.4.12', value: 'Dr' },
      { oid: '2.5.4.4', value: 'Doe' },
      { oid: '2.5.4.42', value: 'Jane' },
      { oid: '0.9.2342.19200300.100.1.25', value: 'example' },
      { oid: '0.9.2342.19200300.100.1.1', value: 'jdoe' },
      { oid: '1.2.840.113549.1.9.1', value: 'jane@example.com' },
      { oid: '1.3.6.1.4.1.55555.7', value: 'custom' }
    ])
    expect(info.notBefore).toEqual(notBefore)
    expect(info.notAfter).toEqual(notAfter)
    expect(info.keyUsage).toEqual(new Set(['digitalSignature', 'nonRepudiation']))
    expect(info.basicConstraints).toStrictEqual({ cA: false })
    expect(info.extendedKeyUsage).toEqual([id_kp_codeSigning, id_kp_serverAuth])
    expect(info.hasRevocationPointers).toBe(false)
    expect(Buffer.from(info.tbs)).toEqual(tbsOf(der))
    expect(info.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2')
    expect('signatureAlgorithmParams' in info).toBe(false)
  })

  it('reads CA constraints with and without a path length, and key usages by name', () => {
    const ca = parse(intermediate.der)
    expect(ca.basicConstraints).toStrictEqual({ cA: true, pathLen: 0 })
    expect(ca.keyUsage).toEqual(new Set(['keyCertSign', 'crlSign']))
    expect(parse(root.der).basicConstraints).toStrictEqual({ cA: true })
    expect(parse(certificate({ subject: named('ca'), key: otherKeys, extensions: [bc(true, 3)] })).basicConstraints).toStrictEqual({
      cA: true,
      pathLen: 3
    })
  })

  it('leaves the optional extension fields out when the extensions are absent', () => {
    const info = parse(certificate({ subject: named('bare'), key: otherKeys }))
    expect('keyUsage' in info).toBe(false)
    expect('basicConstraints' in info).toBe(false)
    expect('extendedKeyUsage' in info).toBe(false)
    expect(info.hasRevocationPointers).toBe(false)
  })

  it('keeps the RSASSA-PSS signature algorithm parameters as encoded, and no parameters for a NULL', () => {
    const rsa = parse(rsaRoot.der)
    expect(rsa.signatureAlgorithmOid).toBe('1.2.840.113549.1.1.11')
    expect(rsa.signatureAlgorithmParams).toBeUndefined()
    const params = pssParams({ hash: 'sha384', mgf: 'sha384', salt: 48 })
    const info = parse(certificate({ subject: leafName, key: leafKeys, issuer: rsaRoot, alg: pss('sha384', params) }))
    expect(info.signatureAlgorithmOid).toBe('1.2.840.113549.1.1.10')
    expect(Buffer.from(info.signatureAlgorithmParams ?? [])).toEqual(params)
  })

  it.each<[string, Extension[], boolean]>([
    ['a CRL distribution point', [crlExtension()], true],
    ['an OCSP responder (authority information access)', [aiaExtension()], true],
    ['both', [crlExtension(), aiaExtension()], true],
    ['neither', leafExtensions(), false]
  ])('notes revocation pointers: %s', (_label, extensions, expected) => {
    expect(parse(certificate({ subject: leafName, key: leafKeys, issuer: root, extensions })).hasRevocationPointers).toBe(expected)
  })

  it('accepts every critical extension it understands', () => {
    const der = certificate({
      subject: leafName,
      key: leafKeys,
      issuer: root,
      extensions: [
        ku('digitalSignature'),
        bc(false),
        ext(id_ce_extKeyUsage, true, AsnConvert.serialize(new ExtendedKeyUsage([id_kp_codeSigning]))),
        ext('2.5.29.14', true, AsnConvert.serialize(new SubjectKeyIdentifier(new Uint8Array(20).fill(1)))),
        ext(
          '2.5.29.35',
          true,
          AsnConvert.serialize(new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(new Uint8Array(20).fill(2)) }))
        ),
        ext('2.5.29.17', true, AsnConvert.serialize(new SubjectAlternativeName([new GeneralName({ dNSName: 'signer.example' })]))),
        ext('2.5.29.32', true, AsnConvert.serialize(new CertificatePolicies([new PolicyInformation({ policyIdentifier: '2.5.29.32.0' })]))),
        crlExtension(true),
        aiaExtension(true)
      ]
    })
    const info = parse(der)
    expect(info.keyUsage).toEqual(new Set(['digitalSignature']))
    expect(info.extendedKeyUsage).toEqual([id_kp_codeSigning])
    expect(info.hasRevocationPointers).toBe(true)
  })

  it('accepts an unknown extension that is not critical, and refuses it when critical', () => {
    const unknown = (critical: boolean): Buffer =>
      certificate({
        subject: leafName,
        key: leafKeys,
        issuer: root,
        extensions: [...leafExtensions(), ext('1.3.6.1.4.1.55555.3', critical, Buffer.from([0x05, 0x00]))]
      })
    expect(parse(unknown(false)).subject).toBe('C=US, O=acme, CN=Test Signer')
    expect(refusal(() => parse(unknown(true)))).toBe('unsupported critical extension 1.3.6.1.4.1.55555.3')
  })

  it('refuses an extension that appears twice', () => {
    const der = certificate({ subject: leafName, key: leafKeys, issuer: root, extensions: [...leafExtensions(), eku(id_kp_codeSigning)] })
    expect(refusal(() => parse(der))).toBe('extension 2.5.29.37 appears twice')
  })

  it.each<[string, (value: ArrayBuffer) => unknown]>([
    [id_ce_keyUsage, (value) => AsnConvert.parse(value, KeyUsage)],
    [id_ce_basicConstraints, (value) => AsnConvert.parse(value, BasicConstraints)],
    [id_ce_extKeyUsage, (value) => AsnConvert.parse(value, ExtendedKeyUsage)]
  ])('refuses a malformed extension %s', (extnID, parseValue) => {
    const value = new Uint8Array([0x04, 0x01, 0x00]).buffer
    const inner = errorOf(() => parseValue(value))
    const der = certificate({ subject: leafName, key: leafKeys, issuer: root, extensions: [ext(extnID, false, value)] })
    expect(refusal(() => parse(der))).toBe(`extension ${extnID} is malformed (${inner})`)
  })

  it('refuses bytes that are not a certificate, quoting the parser', () => {
    const bytes = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])
    const inner = errorOf(() => new X509Certificate(bytes))
    expect(refusal(() => parseCertificate(bytes))).toBe(`not a valid X.509 certificate (${inner})`)
  })

  /** A valid certificate of exactly `size` bytes, padded with a non-critical private extension. */
  function certificateOfSize(size: number): Buffer {
    let pad = size - 700
    for (let attempt = 0; attempt < 50; attempt++) {
      const der = certificate({
        subject: leafName,
        key: leafKeys,
        issuer: root,
        extensions: [...leafExtensions(), ext('1.3.6.1.4.1.55555.9', false, Buffer.alloc(pad, 0x41))]
      })
      if (der.byteLength === size) return der
      pad += size - der.byteLength
    }
    throw new Error(`could not build a certificate of ${size} bytes`)
  }

  it('accepts a certificate of exactly 64 KiB and refuses one byte more', () => {
    const largest = certificateOfSize(MaxCertificateBytes)
    expect(largest.byteLength).toBe(65536)
    expect(parse(largest).subject).toBe('C=US, O=acme, CN=Test Signer')
    const over = certificateOfSize(MaxCertificateBytes + 1)
    expect(new X509Certificate(over).subject).toBe('C=US\nO=acme\nCN=Test Signer')
    expect(refusal(() => parse(over))).toBe('certificate is 65537 bytes, over 65536')
  })
})

describe('parseChain', () => {
  it('parses every certificate, leaf first', () => {
    const chain = parseChain([leafDer, intermediate.der, root.der])
    expect(chain.map((c) => c.subject)).toEqual([
      'C=US, O=acme, CN=Test Signer',
      'C=US, O=acme, CN=Test Intermediate',
      'C=US, O=acme, CN=Test Root'
    ])
  })

  it('names the position of a bad certificate', () => {
    expect(refusal(() => parseChain([leafDer, new Uint8Array(MaxCertificateBytes + 1), root.der]))).toBe(
      'certificate 1 of the chain: certificate is 65537 bytes, over 65536'
    )
    const bad = new Uint8Array([0x30, 0x00])
    const inner = errorOf(() => new X509Certificate(bad))
    expect(refusal(() => parseChain([bad]))).toBe(`certificate 0 of the chain: not a valid X.509 certificate (${inner})`)
  })
})

describe('certName', () => {
  it('is the quoted CN wherever it sits in the subject', () => {
    expect(certName(parse(leafDer))).toBe('"Test Signer"')
    const cnFirst = certificate({ subject: name([oid.CN, 'First'], [oid.O, 'acme']), key: otherKeys })
    expect(certName(parse(cnFirst))).toBe('"First"')
  })

  it('is the quoted subject when there is no CN', () => {
    const der = certificate({ subject: name([oid.C, 'US'], [oid.O, 'acme'], [oid.OU, 'builds']), key: otherKeys })
    expect(certName(parse(der))).toBe('"C=US, O=acme, OU=builds"')
  })
})

describe('algorithmForKey', () => {
  const withKey = (key: Keys | Buffer, cn = 'Keyed'): CertInfo =>
    parse(certificate({ subject: named(cn), key, issuer: root, extensions: leafExtensions() }))

  it.each([
    ['P-256', 'ES256'],
    ['P-384', 'ES384'],
    ['P-521', 'ES512']
  ])('binds an EC %s key to %s', (curve, expected) => {
    expect(algorithmForKey(withKey(ecKeys(curve)))).toBe(expected)
  })

  it.each([
    [2048, 'PS256'],
    [3072, 'PS384'],
    [4096, 'PS512']
  ])('binds an RSA-%i key to %s, under either RSA key algorithm', (bits, expected) => {
    expect(algorithmForKey(withKey(rsaSpki(bits)))).toBe(expected)
    expect(algorithmForKey(withKey(rsaPssSpki(bits)))).toBe(expected)
  })

  it('binds a real RSA-2048 key to PS256', () => {
    expect(algorithmForKey(parse(rsaRoot.der))).toBe('PS256')
  })

  it.each([1024, 2047, 2049, 2304, 3071, 4095, 8192])('refuses an RSA-%i key', (bits) => {
    expect(refusal(() => algorithmForKey(withKey(rsaSpki(bits))))).toBe(`"Keyed" has an RSA-${bits} key; allowed are 2048, 3072, 4096`)
  })

  it('refuses an RSASSA-PSS key of another size', () => {
    expect(refusal(() => algorithmForKey(withKey(rsaPssSpki(1024))))).toBe('"Keyed" has an RSA-1024 key; allowed are 2048, 3072, 4096')
  })

  it('refuses another curve, naming it', () => {
    expect(refusal(() => algorithmForKey(withKey(ecKeys('secp256k1'))))).toBe('"Keyed" uses unsupported curve secp256k1')
  })

  it('refuses another key type, naming it', () => {
    expect(refusal(() => algorithmForKey(withKey(generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }))))).toBe(
      '"Keyed" has an unsupported key type ed25519'
    )
    expect(refusal(() => algorithmForKey(withKey(spkiOf(generateKeyPairSync('x25519').publicKey))))).toBe(
      '"Keyed" has an unsupported key type x25519'
    )
  })

  it('refuses a key type Node cannot name (SM2) as unknown', () => {
    const info = withKey(ecKeys('SM2'))
    expect(info.x509.publicKey.asymmetricKeyType).toBeUndefined()
    expect(refusal(() => algorithmForKey(info))).toBe('"Keyed" has an unsupported key type unknown')
  })
})

describe('verifyWithLeaf', () => {
  const data = Buffer.from('the signing input')
  const leafWith = (keys: Keys): CertInfo => parse(certificate({ subject: named('Leaf'), key: keys }))
  const p256 = ecKeys('P-256')
  const p384 = ecKeys('P-384')
  const p521 = ecKeys('P-521')
  const rsaLeaf = parse(rsaRoot.der)
  const p1363 = (hash: string, key: KeyObject, bytes: Uint8Array = data): Buffer =>
    cryptoSign(hash, bytes, { key, dsaEncoding: 'ieee-p1363' })
  const psSign = (hash: string, saltLength: number, bytes: Uint8Array = data): Buffer =>
    cryptoSign(hash, bytes, { key: rsaKeys.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength })

  it.each([
    ['ES256', p256, 'sha256', 64],
    ['ES384', p384, 'sha384', 96],
    ['ES512', p521, 'sha512', 132]
  ] as const)('verifies %s as a fixed-size r||s signature', (algorithm, keys, hash, size) => {
    const leaf = leafWith(keys)
    const signature = p1363(hash, keys.privateKey)
    expect(signature.byteLength).toBe(size)
    expect(verifyWithLeaf(algorithm, leaf, data, signature)).toBe(true)
    expect(verifyWithLeaf(algorithm, leaf, Buffer.from('other input'), signature)).toBe(false)
    const tampered = Buffer.from(signature)
    tampered[3] = (tampered[3] as number) ^ 0xff
    expect(verifyWithLeaf(algorithm, leaf, data, tampered)).toBe(false)
    // A DER-encoded ECDSA signature is malformed here.
    expect(verifyWithLeaf(algorithm, leaf, data, cryptoSign(hash, data, { key: keys.privateKey, dsaEncoding: 'der' }))).toBe(false)
  })

  it('refuses an ECDSA signature whose size does not fit the algorithm, even when it verifies', () => {
    // A P-384 key signing SHA-256 gives a valid 96-byte signature; ES256 demands 64 bytes.
    const wide = p1363('sha256', p384.privateKey)
    expect(cryptoVerify('sha256', data, { key: p384.publicKey, dsaEncoding: 'ieee-p1363' }, wide)).toBe(true)
    expect(verifyWithLeaf('ES256', leafWith(p384), data, wide)).toBe(false)
    expect(verifyWithLeaf('ES384', leafWith(p256), data, p1363('sha384', p256.privateKey))).toBe(false)
    expect(verifyWithLeaf('ES512', leafWith(p384), data, p1363('sha512', p384.privateKey))).toBe(false)
    expect(verifyWithLeaf('ES256', leafWith(p256), data, p1363('sha256', p256.privateKey).subarray(0, 63))).toBe(false)
  })

  it('uses the hash of the algorithm for ECDSA', () => {
    expect(verifyWithLeaf('ES256', leafWith(p256), data, p1363('sha384', p256.privateKey))).toBe(false)
    expect(verifyWithLeaf('ES384', leafWith(p384), data, p1363('sha256', p384.privateKey))).toBe(false)
    expect(verifyWithLeaf('ES512', leafWith(p521), data, p1363('sha384', p521.privateKey))).toBe(false)
  })

  it.each([
    ['PS256', 'sha256', 32],
    ['PS384', 'sha384', 48],
    ['PS512', 'sha512', 64]
  ] as const)('verifies %s with RSASSA-PSS and a salt of the hash size', (algorithm, hash, salt) => {
    expect(verifyWithLeaf(algorithm, rsaLeaf, data, psSign(hash, salt))).toBe(true)
    expect(verifyWithLeaf(algorithm, rsaLeaf, Buffer.from('other input'), psSign(hash, salt))).toBe(false)
    expect(verifyWithLeaf(algorithm, rsaLeaf, data, psSign(hash, 0))).toBe(false)
    expect(verifyWithLeaf(algorithm, rsaLeaf, data, psSign(hash, salt + 1))).toBe(false)
    expect(
      verifyWithLeaf(algorithm, rsaLeaf, data, cryptoSign(hash, data, { key: rsaKeys.privateKey, padding: constants.RSA_PKCS1_PADDING }))
    ).toBe(false)
  })

  it('uses the hash of the algorithm for RSASSA-PSS', () => {
    expect(verifyWithLeaf('PS256', rsaLeaf, data, psSign('sha384', 32))).toBe(false)
    expect(verifyWithLeaf('PS384', rsaLeaf, data, psSign('sha256', 48))).toBe(false)
    expect(verifyWithLeaf('PS512', rsaLeaf, data, psSign('sha384', 64))).toBe(false)
  })

  it('is false, not a throw, when verification cannot run', () => {
    const signature = psSign('sha256', 32)
    const notBytes = 42 as unknown as Uint8Array
    expect(() => cryptoVerify('sha256', notBytes, rsaLeaf.x509.publicKey, signature)).toThrow()
    expect(verifyWithLeaf('PS256', rsaLeaf, notBytes, signature)).toBe(false)
    expect(verifyWithLeaf('PS256', leafWith(p256), data, signature)).toBe(false)
    expect(verifyWithLeaf('ES256', rsaLeaf, data, new Uint8Array(64))).toBe(false)
  })
})

describe('validateChain', () => {
  const leaf = (extensions: Extension[], cn = 'Test Signer', issuer: Party = intermediate): Buffer =>
    certificate({ subject: named(cn), key: leafKeys, issuer, extensions })
  const valid = (...ders: Buffer[]): void => {
    expect(() => validateChain(chainOf(...ders))).not.toThrow()
  }
  const refused = (...ders: Buffer[]): string => refusal(() => validateChain(chainOf(...ders)))

  describe('accepts', () => {
    it('root, intermediate and leaf; root and leaf; the test signing kit chains', () => {
      valid(leafDer, intermediate.der, root.der)
      valid(directLeafDer, root.der)
      for (const pki of [
        createTestPki({ name: 'x509-kit', keyType: 'ec256' }),
        createTestPki({ name: 'x509-kit-direct', keyType: 'ec384', intermediate: false }),
        createTestPki({ name: 'x509-kit-self', keyType: 'ec521', selfSigned: true })
      ]) {
        valid(...pki.chainDer)
      }
    })

    it('a lone self-signed signing certificate', () => {
      valid(certificate({ subject: named('Self'), key: otherKeys, extensions: leafExtensions() }))
    })

    it('a leaf without an extended key usage, or with codeSigning among others, or with cA false', () => {
      valid(leaf([ku('digitalSignature')]), intermediate.der, root.der)
      valid(leaf([ku('digitalSignature', 'nonRepudiation'), eku(id_kp_serverAuth, id_kp_codeSigning)]), intermediate.der, root.der)
      valid(leaf([bc(false), ...leafExtensions()]), intermediate.der, root.der)
    })

    it.each<[string, SigAlg, Party]>([
      ['sha256WithRSAEncryption', alg.rsa256, rsaRoot],
      ['sha384WithRSAEncryption', alg.rsa384, rsaRoot],
      ['sha512WithRSAEncryption', alg.rsa512, rsaRoot],
      ['RSASSA-PSS with SHA-256', pssFull('sha256'), rsaRoot],
      ['RSASSA-PSS with SHA-384', pssFull('sha384'), rsaRoot],
      ['RSASSA-PSS with SHA-512', pssFull('sha512'), rsaRoot],
      [
        'RSASSA-PSS with SHA-512 and trailer field 1 given',
        pss('sha512', pssParams({ hash: 'sha512', mgf: 'sha512', salt: 64, trailer: 1 })),
        rsaRoot
      ],
      ['ecdsa-with-SHA256', alg.es256, root],
      ['ecdsa-with-SHA384', alg.es384, root],
      ['ecdsa-with-SHA512', alg.es512, root]
    ])('a leaf signed with %s', (_label, signAlg, issuer) => {
      const der = certificate({ subject: leafName, key: leafKeys, issuer, alg: signAlg, extensions: leafExtensions() })
      expect(parse(der).signatureAlgorithmOid).toBe(signAlg.oid)
      valid(der, issuer.der)
    })

    it('a self-signed RSASSA-PSS root', () => {
      const pssRootName = named('PSS Root')
      const pssRoot = party(
        pssRootName,
        rsaKeys,
        certificate({ subject: pssRootName, key: rsaKeys, alg: pssFull('sha256'), extensions: caExtensions() }),
        pssFull('sha256')
      )
      valid(certificate({ subject: leafName, key: leafKeys, issuer: pssRoot, extensions: leafExtensions() }), pssRoot.der)
    })

    it('signing keys of RSA-2048 and up, EC P-256, P-384 and P-521', () => {
      for (const key of [rsaSpki(2048), rsaSpki(2049), rsaSpki(3072), rsaPssSpki(2048), ecKeys('P-384'), ecKeys('P-521')]) {
        valid(certificate({ subject: leafName, key, issuer: root, extensions: leafExtensions() }), root.der)
      }
    })

    it('path lengths that allow the intermediates below', () => {
      const rootP1Name = named('Root pathLen 1')
      const rootP1 = party(rootP1Name, rootKeys, certificate({ subject: rootP1Name, key: rootKeys, extensions: caExtensions(1) }))
      const intP0 = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: rootP1, extensions: caExtensions(0) }))
      valid(leaf(leafExtensions(), 'Test Signer', intP0), intP0.der, rootP1.der)

      // Two intermediates: the upper one needs pathLen >= 1, the root (no pathLen) any.
      const upperName = named('Upper Intermediate')
      const upperKeys = ecKeys()
      const upper = party(
        upperName,
        upperKeys,
        certificate({ subject: upperName, key: upperKeys, issuer: root, extensions: caExtensions(1) })
      )
      const lower = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: upper, extensions: caExtensions(0) }))
      valid(leaf(leafExtensions(), 'Test Signer', lower), lower.der, upper.der, root.der)
      const rootP2Name = named('Root pathLen 2')
      const rootP2 = party(rootP2Name, rootKeys, certificate({ subject: rootP2Name, key: rootKeys, extensions: caExtensions(2) }))
      const upper2 = party(
        upperName,
        upperKeys,
        certificate({ subject: upperName, key: upperKeys, issuer: rootP2, extensions: caExtensions(1) })
      )
      valid(leaf(leafExtensions(), 'Test Signer', lower), lower.der, upper2.der, rootP2.der)
    })
  })

  describe('refuses', () => {
    it('an empty chain', () => {
      expect(refusal(() => validateChain([]))).toBe('the certificate chain is empty')
    })

    it.each<[string, SigAlg, Party]>([
      ['sha1WithRSAEncryption', alg.rsaSha1, rsaRoot],
      ['md5WithRSAEncryption', alg.rsaMd5, rsaRoot],
      ['sha224WithRSAEncryption', alg.rsaSha224, rsaRoot],
      ['ecdsa-with-SHA1', alg.ecdsaSha1, root]
    ])('a leaf signed with %s', (_label, signAlg, issuer) => {
      const der = certificate({ subject: leafName, key: leafKeys, issuer, alg: signAlg, extensions: leafExtensions() })
      expect(refused(der, issuer.der)).toBe(
        `signing certificate "Test Signer" is signed with algorithm ${signAlg.oid}, which is not allowed (SHA-1 and MD5 are refused)`
      )
    })

    const noSha2 = 'without a SHA-2 hash'
    const otherMask = 'with a mask generation other than MGF1 over its own hash'
    it.each<[string, SigAlg, string]>([
      ['without parameters', pss('sha256', undefined), noSha2],
      ['with empty parameters (all SHA-1 defaults)', pss('sha256', pssParams({})), noSha2],
      ['with a salt length only', pss('sha256', pssParams({ salt: 32 })), noSha2],
      ['with SHA-1', pss('sha1', pssParams({ hash: 'sha1', mgf: 'sha1', salt: 20 })), noSha2],
      ['with SHA-1 but MGF1 over SHA-256', pss('sha1', pssParams({ hash: 'sha1', mgf: 'sha256', salt: 20 })), noSha2],
      // The hash left out defaults to SHA-1; an MGF1 over SHA-256 beside it must not count as a SHA-2 hash.
      ['with the hash left at its SHA-1 default and MGF1 over SHA-256', pss('sha1', pssParams({ mgf: 'sha256', salt: 20 })), noSha2],
      ['with SHA-256 but MGF1 over SHA-1', pss('sha256', pssParams({ hash: 'sha256', mgf: 'sha1', salt: 32 })), otherMask],
      ['with SHA-256 but MGF1 over SHA-384', pss('sha256', pssParams({ hash: 'sha256', mgf: 'sha384', salt: 32 })), otherMask],
      ['with SHA-256 and MGF1 left at its SHA-1 default', pss('sha256', pssParams({ hash: 'sha256', salt: 32 })), otherMask],
      [
        'with SHA-256 and a mask generation that is not MGF1',
        pss('sha256', pssParams({ hash: 'sha256', mgf: 'sha256', mgfOidHex: '2a864886f70d010109', salt: 32 })),
        otherMask
      ],
      [
        'with SHA-256 and the default salt',
        pss('sha256', pssParams({ hash: 'sha256', mgf: 'sha256' }), 20),
        "with a salt of 20 bytes; the hash's 32 required"
      ],
      [
        'with SHA-384 and a 32-byte salt',
        pss('sha384', pssParams({ hash: 'sha384', mgf: 'sha384', salt: 32 }), 32),
        "with a salt of 32 bytes; the hash's 48 required"
      ],
      [
        'with trailer field 2',
        pss('sha256', pssParams({ hash: 'sha256', mgf: 'sha256', salt: 32, trailer: 2 })),
        'with trailer field 2; 1 required'
      ]
    ])('an RSASSA-PSS signature %s', (_label, signAlg, problem) => {
      const der = certificate({ subject: leafName, key: leafKeys, issuer: rsaRoot, alg: signAlg, extensions: leafExtensions() })
      expect(refused(der, rsaRoot.der)).toBe(`signing certificate "Test Signer" uses RSASSA-PSS ${problem}`)
    })

    it('an RSASSA-PSS signature whose parameters are not RSASSA-PSS-params', () => {
      const signAlg = pss('sha256', tlv(0x30, tlv(0xa0, tlv(0x02, Buffer.from([5])))))
      const der = certificate({ subject: leafName, key: leafKeys, issuer: rsaRoot, alg: signAlg, extensions: leafExtensions() })
      expect(refused(der, rsaRoot.der)).toBe('signing certificate "Test Signer" uses RSASSA-PSS with parameters that are not valid DER')
    })

    it('an RSASSA-PSS root without a SHA-2 hash', () => {
      const weakName = named('Weak PSS Root')
      const weak = party(
        weakName,
        rsaKeys,
        certificate({ subject: weakName, key: rsaKeys, alg: pss('sha256', undefined), extensions: caExtensions() })
      )
      const der = certificate({ subject: leafName, key: leafKeys, issuer: weak, alg: alg.rsa256, extensions: leafExtensions() })
      expect(refused(der, weak.der)).toBe('root certificate "Weak PSS Root" uses RSASSA-PSS without a SHA-2 hash')
    })

    it.each([1024, 2047])('an RSA-%i signing key', (bits) => {
      const der = certificate({ subject: leafName, key: rsaSpki(bits), issuer: root, extensions: leafExtensions() })
      expect(refused(der, root.der)).toBe(`signing certificate "Test Signer" has an RSA key of ${bits} bits; at least 2048 required`)
    })

    it('an RSA-1024 intermediate key', () => {
      const weakName = named('Weak Intermediate')
      const weak = party(
        weakName,
        rsa1024Keys,
        certificate({ subject: weakName, key: rsa1024Keys, issuer: root, extensions: caExtensions(0) }),
        alg.rsa256
      )
      expect(refused(leaf(leafExtensions(), 'Test Signer', weak), weak.der, root.der)).toBe(
        'intermediate certificate "Weak Intermediate" has an RSA key of 1024 bits; at least 2048 required'
      )
    })

    it('an unsupported signing key', () => {
      const der = certificate({ subject: leafName, key: ecKeys('secp256k1'), issuer: root, extensions: leafExtensions() })
      expect(refused(der, root.der)).toBe('"Test Signer" uses unsupported curve secp256k1')
      const ed = certificate({
        subject: leafName,
        key: spkiOf(generateKeyPairSync('ed25519').publicKey),
        issuer: root,
        extensions: leafExtensions()
      })
      expect(refused(ed, root.der)).toBe('"Test Signer" has an unsupported key type ed25519')
    })

    it('a root signed with SHA-1', () => {
      const weakName = named('SHA-1 Root')
      const weak = party(
        weakName,
        rootKeys,
        certificate({ subject: weakName, key: rootKeys, alg: alg.ecdsaSha1, extensions: caExtensions() })
      )
      expect(refused(leaf(leafExtensions(), 'Test Signer', weak), weak.der)).toBe(
        'root certificate "SHA-1 Root" is signed with algorithm 1.2.840.10045.4.1, which is not allowed (SHA-1 and MD5 are refused)'
      )
    })

    it('an intermediate signed with SHA-1', () => {
      const weak = party(
        intName,
        intKeys,
        certificate({ subject: intName, key: intKeys, issuer: root, alg: alg.ecdsaSha1, extensions: caExtensions(0) })
      )
      expect(refused(leafDer, weak.der, root.der)).toBe(
        'intermediate certificate "Test Intermediate" is signed with algorithm 1.2.840.10045.4.1, which is not allowed (SHA-1 and MD5 are refused)'
      )
    })

    it('a CA as the signing certificate', () => {
      expect(refused(leaf([bc(true), ...leafExtensions()]), intermediate.der, root.der)).toBe(
        'signing certificate "Test Signer" is a CA certificate'
      )
      expect(refused(root.der)).toBe('signing certificate "Test Root" is a CA certificate')
    })

    it('a signing certificate without digitalSignature', () => {
      expect(refused(leaf([eku(id_kp_codeSigning)]), intermediate.der, root.der)).toBe(
        'signing certificate "Test Signer" lacks the digitalSignature key usage'
      )
      expect(refused(leaf([ku('nonRepudiation', 'keyEncipherment'), eku(id_kp_codeSigning)]), intermediate.der, root.der)).toBe(
        'signing certificate "Test Signer" lacks the digitalSignature key usage'
      )
    })

    it('a signing certificate with keyCertSign', () => {
      expect(refused(leaf([ku('digitalSignature', 'keyCertSign'), eku(id_kp_codeSigning)]), intermediate.der, root.der)).toBe(
        'signing certificate "Test Signer" has the keyCertSign key usage'
      )
    })

    it('a signing certificate whose extended key usage lacks codeSigning', () => {
      expect(refused(leaf([ku('digitalSignature'), eku(id_kp_serverAuth)]), intermediate.der, root.der)).toBe(
        'signing certificate "Test Signer" has an extended key usage without codeSigning'
      )
      expect(
        refused(
          leaf([ku('digitalSignature'), ext(id_ce_extKeyUsage, false, AsnConvert.serialize(new ExtendedKeyUsage([])))]),
          intermediate.der,
          root.der
        )
      ).toBe('signing certificate "Test Signer" has an extended key usage without codeSigning')
    })

    it('a lone signing certificate that is not self-signed', () => {
      expect(refused(leafDer)).toBe('the chain has only the signing certificate "Test Signer", and it is not self-signed')
      // Its own name as issuer, but signed by another key.
      const foreign = certificate({ subject: leafName, key: leafKeys, signingKey: otherKeys.privateKey, extensions: leafExtensions() })
      expect(parse(foreign).x509.issuer).toBe(parse(foreign).x509.subject)
      expect(refused(foreign)).toBe('the chain has only the signing certificate "Test Signer", and it is not self-signed')
      // Signed by its own key, but naming another issuer.
      const renamed = certificate({ subject: leafName, key: leafKeys, issuerName: rootName, extensions: leafExtensions() })
      expect(parse(renamed).x509.verify(leafKeys.publicKey)).toBe(true)
      expect(refused(renamed)).toBe('the chain has only the signing certificate "Test Signer", and it is not self-signed')
    })

    it('a chain in the wrong order', () => {
      expect(refused(leafDer, root.der, intermediate.der)).toBe(
        'certificate "Test Signer" is not signed by the next certificate in the chain, "Test Root"'
      )
      expect(refused(intermediate.der, leafDer, root.der)).toBe('signing certificate "Test Intermediate" is a CA certificate')
    })

    it('a chain missing its intermediate', () => {
      expect(refused(leafDer, root.der)).toBe('certificate "Test Signer" is not signed by the next certificate in the chain, "Test Root"')
    })

    it('a chain missing its root', () => {
      expect(refused(leafDer, intermediate.der)).toBe('the chain does not end in a self-signed root (last is "Test Intermediate")')
    })

    it('a chain that ends in a CA signed by another key under its own name', () => {
      const fakeRoot = party(
        rootName,
        rootKeys,
        certificate({ subject: rootName, key: rootKeys, signingKey: otherKeys.privateKey, extensions: caExtensions() })
      )
      expect(refused(directLeafDer, fakeRoot.der)).toBe('the chain does not end in a self-signed root (last is "Test Root")')
    })

    it('a leaf naming its parent but signed by another key', () => {
      const forged = certificate({
        subject: leafName,
        key: leafKeys,
        issuer: intermediate,
        signingKey: otherKeys.privateKey,
        extensions: leafExtensions()
      })
      expect(refused(forged, intermediate.der, root.der)).toBe(
        'certificate "Test Signer" is not signed by the next certificate in the chain, "Test Intermediate"'
      )
    })

    it('a leaf signed by its parent key but naming another issuer', () => {
      const misnamed = certificate({
        subject: leafName,
        key: leafKeys,
        issuer: intermediate,
        issuerName: named('Someone Else'),
        extensions: leafExtensions()
      })
      expect(parse(misnamed).x509.verify(intKeys.publicKey)).toBe(true)
      expect(refused(misnamed, intermediate.der, root.der)).toBe(
        'certificate "Test Signer" is not signed by the next certificate in the chain, "Test Intermediate"'
      )
    })

    it('an intermediate not issued by the root', () => {
      const strayName = named('Stray Intermediate')
      const stray = party(
        strayName,
        intKeys,
        certificate({ subject: strayName, key: intKeys, issuer: root, signingKey: otherKeys.privateKey, extensions: caExtensions(0) })
      )
      expect(refused(leaf(leafExtensions(), 'Test Signer', stray), stray.der, root.der)).toBe(
        'certificate "Stray Intermediate" is not signed by the next certificate in the chain, "Test Root"'
      )
    })

    describe('a CA certificate that is not a CA, naming its role', () => {
      const noCa = (extensions: Extension[]): Party =>
        party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: root, extensions }))
      const noCaRoot = (extensions: Extension[]): Party =>
        party(rootName, rootKeys, certificate({ subject: rootName, key: rootKeys, extensions }))

      it.each<[string, Extension[]]>([
        ['without basicConstraints', [ku('keyCertSign')]],
        ['with cA false', [bc(false), ku('keyCertSign')]]
      ])('intermediate %s', (_label, extensions) => {
        const int = noCa(extensions)
        expect(refused(leaf(leafExtensions(), 'Test Signer', int), int.der, root.der)).toBe(
          'intermediate certificate "Test Intermediate" is not a CA (basicConstraints cA is not true)'
        )
      })

      it.each<[string, Extension[]]>([
        ['without basicConstraints', [ku('keyCertSign')]],
        ['with cA false', [bc(false), ku('keyCertSign')]]
      ])('root %s, above an intermediate and alone', (_label, extensions) => {
        const r = noCaRoot(extensions)
        const int = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: r, extensions: caExtensions(0) }))
        expect(refused(leaf(leafExtensions(), 'Test Signer', int), int.der, r.der)).toBe(
          'root certificate "Test Root" is not a CA (basicConstraints cA is not true)'
        )
        expect(refused(leaf(leafExtensions(), 'Test Signer', r), r.der)).toBe(
          'root certificate "Test Root" is not a CA (basicConstraints cA is not true)'
        )
      })

      it.each<[string, Extension[]]>([
        ['without a key usage extension', [bc(true)]],
        ['with key usages but not keyCertSign', [bc(true), ku('digitalSignature', 'cRLSign')]]
      ])('intermediate and root %s', (_label, extensions) => {
        const int = noCa(extensions)
        expect(refused(leaf(leafExtensions(), 'Test Signer', int), int.der, root.der)).toBe(
          'intermediate certificate "Test Intermediate" lacks the keyCertSign key usage'
        )
        const r = noCaRoot(extensions)
        expect(refused(leaf(leafExtensions(), 'Test Signer', r), r.der)).toBe(
          'root certificate "Test Root" lacks the keyCertSign key usage'
        )
      })
    })

    it('path lengths too short for the intermediates below', () => {
      const rootP0Name = named('Root pathLen 0')
      const rootP0 = party(rootP0Name, rootKeys, certificate({ subject: rootP0Name, key: rootKeys, extensions: caExtensions(0) }))
      const int = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: rootP0, extensions: caExtensions(0) }))
      expect(refused(leaf(leafExtensions(), 'Test Signer', int), int.der, rootP0.der)).toBe(
        'root certificate "Root pathLen 0" allows a path length of 0, the chain needs 1'
      )
      // Directly under the root, pathLen 0 is enough.
      valid(leaf(leafExtensions(), 'Test Signer', rootP0), rootP0.der)

      const upperName = named('Upper Intermediate')
      const upperKeys = ecKeys()
      const upper = party(
        upperName,
        upperKeys,
        certificate({ subject: upperName, key: upperKeys, issuer: root, extensions: caExtensions(0) })
      )
      const lower = party(intName, intKeys, certificate({ subject: intName, key: intKeys, issuer: upper, extensions: caExtensions(0) }))
      expect(refused(leaf(leafExtensions(), 'Test Signer', lower), lower.der, upper.der, root.der)).toBe(
        'intermediate certificate "Upper Intermediate" allows a path length of 0, the chain needs 1'
      )
      const rootP1Name = named('Root pathLen 1')
      const rootP1 = party(rootP1Name, rootKeys, certificate({ subject: rootP1Name, key: rootKeys, extensions: caExtensions(1) }))
      const upper1 = party(
        upperName,
        upperKeys,
        certificate({ subject: upperName, key: upperKeys, issuer: rootP1, extensions: caExtensions(1) })
      )
      expect(refused(leaf(leafExtensions(), 'Test Signer', lower), lower.der, upper1.der, rootP1.der)).toBe(
        'root certificate "Root pathLen 1" allows a path length of 1, the chain needs 2'
      )
    })
  })
})

describe('invalidAt', () => {
  const notBefore = new Date('2025-01-01T00:00:00Z')
  const notAfter = new Date('2026-01-01T00:00:00Z')
  const leafInfo = parse(certificate({ subject: leafName, key: leafKeys, issuer: root, notBefore, notAfter, extensions: leafExtensions() }))
  const rootInfo = parse(root.der)

  it('treats both ends of the validity period as valid', () => {
    expect(invalidAt([leafInfo, rootInfo], notBefore)).toBeUndefined()
    expect(invalidAt([leafInfo, rootInfo], notAfter)).toBeUndefined()
    expect(invalidAt([leafInfo, rootInfo], new Date('2025-06-01T00:00:00Z'))).toBeUndefined()
    expect(invalidAt([], new Date(0))).toBeUndefined()
  })

  it('is expired one millisecond after notAfter and not yet valid one millisecond before notBefore', () => {
    const expired = invalidAt([leafInfo, rootInfo], new Date(notAfter.getTime() + 1))
    expect(expired?.kind).toBe('expired')
    expect(expired?.cert).toBe(leafInfo)
    const early = invalidAt([leafInfo, rootInfo], new Date(notBefore.getTime() - 1))
    expect(early?.kind).toBe('not-yet-valid')
    expect(early?.cert).toBe(leafInfo)
  })

  it('names the first certificate that is not valid, in chain order', () => {
    const at = new Date('2024-06-01T00:00:00Z')
    expect(invalidAt([rootInfo, leafInfo], at)).toEqual({ cert: leafInfo, kind: 'not-yet-valid' })
    const later = new Date('2040-01-01T00:00:00Z')
    expect(invalidAt([rootInfo, leafInfo], later)).toEqual({ cert: rootInfo, kind: 'expired' })
    expect(invalidAt([leafInfo, rootInfo], later)?.cert).toBe(leafInfo)
  })
})

describe('sameCertificate', () => {
  it('is true for equal bytes in different buffers', () => {
    expect(sameCertificate(new Uint8Array(leafDer), Buffer.from(leafDer))).toBe(true)
    expect(sameCertificate(new Uint8Array(0), new Uint8Array(0))).toBe(true)
  })

  it('is false for a prefix, an extension, or one changed byte', () => {
    expect(sameCertificate(leafDer.subarray(0, leafDer.byteLength - 1), leafDer)).toBe(false)
    expect(sameCertificate(leafDer, Buffer.concat([leafDer, Buffer.from([0])]))).toBe(false)
    const changed = Buffer.from(leafDer)
    changed[changed.byteLength - 1] = (changed[changed.byteLength - 1] as number) ^ 1
    expect(sameCertificate(leafDer, changed)).toBe(false)
    expect(sameCertificate(leafDer, root.der)).toBe(false)
  })
})

describe('canAnchor', () => {
  it('accepts a CA, self-signed or not, and a self-signed certificate that is not a CA', () => {
    expect(canAnchor(parse(root.der))).toBe(true)
    expect(canAnchor(parse(intermediate.der))).toBe(true)
    expect(canAnchor(parse(certificate({ subject: named('Self'), key: otherKeys, extensions: leafExtensions() })))).toBe(true)
  })

  it('refuses a certificate that is neither', () => {
    expect(canAnchor(parse(leafDer))).toBe(false)
    expect(
      canAnchor(parse(certificate({ subject: leafName, key: leafKeys, issuer: root, extensions: [bc(false), ...leafExtensions()] })))
    ).toBe(false)
    // Its own name as issuer, but signed by another key.
    expect(
      canAnchor(parse(certificate({ subject: leafName, key: leafKeys, signingKey: otherKeys.privateKey, extensions: leafExtensions() })))
    ).toBe(false)
    // Signed by its own key, but naming another issuer.
    expect(canAnchor(parse(certificate({ subject: leafName, key: leafKeys, issuerName: rootName, extensions: leafExtensions() })))).toBe(
      false
    )
  })

  it('refuses a certificate whose key cannot be read', () => {
    const info = parse(certificate({ subject: named('Unknown Key'), key: unknownSpki, signingKey: otherKeys.privateKey }))
    expect(info.x509.issuer).toBe(info.x509.subject)
    expect(() => info.x509.publicKey).toThrow()
    expect(canAnchor(info)).toBe(false)
  })
})
