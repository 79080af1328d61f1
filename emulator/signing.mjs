// Test signing kit: a throwaway PKI generated at runtime and real Notation signatures (JWS and
// COSE) over OCI descriptors, shaped like AWS Signer's. Dev/test only, never bundled into dist/.
// Plain ESM JavaScript so it runs on bare Node 20 (the emulator) as well as under vitest.
//
// No private key is ever written to disk or committed: keys live in this process only.

import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign as cryptoSign, constants } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AsnConvert, OctetString } from '@peculiar/asn1-schema'
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
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
  RelativeDistinguishedName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_cRLDistributionPoints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectKeyIdentifier,
  id_kp_codeSigning
} from '@peculiar/asn1-x509'
import { encode, Tag } from 'cbor2'

export const AWS_SIGNER_PLUGIN = 'com.amazonaws.signer.notation.plugin'
export const NOTARY_PAYLOAD_TYPE = 'application/vnd.cncf.notary.payload.v1+json'
export const NOTATION_SIGNATURE_TYPE = 'application/vnd.cncf.notary.signature'
export const DEFAULT_PROFILE_VERSION_ARN = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/ecr_deploy_gate_test/a1b2c3d4e5'
export const DEFAULT_JOB_ARN = 'arn:aws:signer:us-east-1:123456789012:/signing-jobs/00000000-0000-4000-8000-000000000000'

const DAY = 24 * 60 * 60 * 1000

const keyTypes = {
  ec256: { kind: 'ec', curve: 'P-256', alg: 'ES256', hash: 'sha256', certSig: '1.2.840.10045.4.3.2', coseAlg: -7 },
  ec384: { kind: 'ec', curve: 'P-384', alg: 'ES384', hash: 'sha384', certSig: '1.2.840.10045.4.3.3', coseAlg: -35 },
  ec521: { kind: 'ec', curve: 'P-521', alg: 'ES512', hash: 'sha512', certSig: '1.2.840.10045.4.3.4', coseAlg: -36 },
  rsa2048: { kind: 'rsa', bits: 2048, alg: 'PS256', hash: 'sha256', certSig: '1.2.840.113549.1.1.11', coseAlg: -37 },
  rsa3072: { kind: 'rsa', bits: 3072, alg: 'PS384', hash: 'sha384', certSig: '1.2.840.113549.1.1.12', coseAlg: -38 },
  rsa4096: { kind: 'rsa', bits: 4096, alg: 'PS512', hash: 'sha512', certSig: '1.2.840.113549.1.1.13', coseAlg: -39 }
}

const algToCose = { PS256: -37, PS384: -38, PS512: -39, ES256: -7, ES384: -35, ES512: -36 }

function generateKey(keyType) {
  const t = keyTypes[keyType]
  if (!t) throw new Error(`unknown keyType ${keyType}; use one of ${Object.keys(keyTypes).join(', ')}`)
  return t.kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: t.curve }) : generateKeyPairSync('rsa', { modulusLength: t.bits })
}

function makeName(attrs) {
  // attrs: [['C','US'], ['ST','WA'], ...] in certificate order
  const oids = { C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3' }
  return new Name(
    attrs.map(([type, value]) => {
      const oid = oids[type] ?? type
      const v = oid === '2.5.4.6' ? new AttributeValue({ printableString: value }) : new AttributeValue({ utf8String: value })
      return new RelativeDistinguishedName([new AttributeTypeAndValue({ type: oid, value: v })])
    })
  )
}

function ext(extnID, critical, value) {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) })
}

function keyId(publicKey) {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest()
}

/**
 * Builds and signs one X.509 v3 certificate. `issuer` is { name, privateKey, publicKey, keyType }
 * or undefined for self-signed. `sigHash: 'sha1'` produces a deliberately weak certificate.
 */
function buildCertificate({
  subject,
  publicKey,
  issuer,
  keyType,
  notBefore,
  notAfter,
  ca,
  pathLen,
  keyUsage,
  eku,
  crlUrl,
  sigHash,
  extraExtensions
}) {
  const signer = issuer ?? { name: subject, privateKey: undefined, publicKey, keyType }
  const signerType = keyTypes[signer.keyType]
  let sigOid = signerType.certSig
  let hash = signerType.hash
  if (sigHash === 'sha1') {
    sigOid = signerType.kind === 'ec' ? '1.2.840.10045.4.1' : '1.2.840.113549.1.1.5'
    hash = 'sha1'
  }
  // RSA signature algorithms carry an explicit NULL parameter; ECDSA ones carry none (RFC 5754).
  const algorithm =
    signerType.kind === 'rsa'
      ? new AlgorithmIdentifier({ algorithm: sigOid, parameters: null })
      : new AlgorithmIdentifier({ algorithm: sigOid })
  const extensions = [ext(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(publicKey)))]
  if (issuer)
    extensions.push(
      ext(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: new OctetString(keyId(issuer.publicKey)) }))
    )
  if (ca !== undefined)
    extensions.push(
      ext(id_ce_basicConstraints, true, new BasicConstraints(pathLen === undefined ? { cA: ca } : { cA: ca, pathLenConstraint: pathLen }))
    )
  if (keyUsage && keyUsage.length > 0) {
    const flags = keyUsage.reduce((acc, k) => acc | KeyUsageFlags[k === 'crlSign' ? 'cRLSign' : k], 0)
    extensions.push(ext(id_ce_keyUsage, true, new KeyUsage(flags)))
  }
  if (eku) extensions.push(ext(id_ce_extKeyUsage, false, new ExtendedKeyUsage(eku)))
  if (crlUrl) {
    extensions.push(
      ext(
        id_ce_cRLDistributionPoints,
        false,
        new CRLDistributionPoints([
          new DistributionPoint({
            distributionPoint: new DistributionPointName({ fullName: [new GeneralName({ uniformResourceIdentifier: crlUrl })] })
          })
        ])
      )
    )
  }
  for (const e of extraExtensions ?? []) extensions.push(e)
  const serial = randomBytes(16)
  serial[0] = (serial[0] & 0x7f) | 0x01
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: new Uint8Array(serial).buffer,
    signature: algorithm,
    issuer: signer.name,
    validity: new Validity({ notBefore, notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo),
    extensions: new Extensions(extensions)
  })
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs))
  const privateKey = issuer ? issuer.privateKey : signer.selfKey
  const signature = cryptoSign(
    hash,
    tbsDer,
    signerType.kind === 'ec' ? { key: privateKey, dsaEncoding: 'der' } : { key: privateKey, padding: constants.RSA_PKCS1_PADDING }
  )
  const cert = new Certificate({ tbsCertificate: tbs, signatureAlgorithm: algorithm, signatureValue: new Uint8Array(signature).buffer })
  return Buffer.from(AsnConvert.serialize(cert))
}

function toPem(der) {
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`
}

/** Raw DER of a certificate's tbsCertificate (first element of the outer SEQUENCE). */
export function tbsOf(der) {
  const len = (off) => {
    const first = der[off]
    if (first < 0x80) return [first, 1]
    const n = first & 0x7f
    let v = 0
    for (let i = 1; i <= n; i++) v = v * 256 + der[off + i]
    return [v, 1 + n]
  }
  const [, outer] = len(1)
  const start = 1 + outer
  const [l, lb] = len(start + 1)
  return der.subarray(start, start + 1 + lb + l)
}

/** The AWS Signer plugin's certificate hashes for a DER chain (leaf first). */
export function certificateHashesOf(chainDer) {
  const hashes = chainDer.map((der) => createHash('sha384').update(tbsOf(der)).digest('hex'))
  return hashes.map((h, i) => h + (hashes[i + 1] ?? h))
}

const pkiCache = new Map()

/**
 * Creates (or returns, per process, by name) a test PKI: root → intermediate → leaf by default,
 * like AWS Signer's chains. Options:
 *   keyType: 'ec256'|'ec384'|'ec521'|'rsa2048'|'rsa3072'|'rsa4096' (leaf key; default ec384)
 *   caKeyType: key type of root and intermediate (default: keyType)
 *   intermediate: false → root signs the leaf directly; selfSigned: true → a lone self-signed leaf
 *   leafNotBefore / leafNotAfter: Date or ISO string; rootNotBefore / rootNotAfter likewise
 *   leafSubject: [['C','US'], ...]; leafCa: true; leafKeyUsage: [...]; leafEku: [...oids] | null
 *   leafCrlUrl: string (adds a CRL distribution point); leafSigHash: 'sha1'
 *   intermediateKeyUsage: [...]; intermediateCa: boolean
 * Returns { name, keyType, alg, root, intermediate?, leaf, rootPem, chainDer, chainPem, certificateHashes }
 * where root/intermediate/leaf are { der, pem, privateKey, publicKey }.
 */
export function createTestPki(options = {}) {
  const name = options.name ?? 'default'
  const cached = pkiCache.get(name)
  if (cached) return cached
  const keyType = options.keyType ?? 'ec384'
  const caKeyType = options.caKeyType ?? keyType
  const now = Date.now()
  const date = (v, fallback) => (v === undefined ? new Date(fallback) : new Date(v))
  const rootNotBefore = date(options.rootNotBefore, now - 365 * DAY)
  const rootNotAfter = date(options.rootNotAfter, now + 3650 * DAY)
  const leafNotBefore = date(options.leafNotBefore, now - DAY)
  const leafNotAfter = date(options.leafNotAfter, now + 365 * DAY)
  const leafSubject = options.leafSubject ?? [
    ['C', 'US'],
    ['ST', 'WA'],
    ['L', 'Seattle'],
    ['O', 'ecr-deploy-gate tests'],
    ['OU', name],
    ['CN', `${name} signer`]
  ]
  const leafKeyUsage = options.leafKeyUsage ?? ['digitalSignature']
  const leafEku = options.leafEku === undefined ? [id_kp_codeSigning] : options.leafEku

  const leafKeys = generateKey(keyType)
  const pki = { name, keyType, alg: keyTypes[keyType].alg }

  if (options.selfSigned) {
    const subject = makeName(leafSubject)
    const der = buildCertificate({
      subject,
      publicKey: leafKeys.publicKey,
      issuer: { name: subject, privateKey: leafKeys.privateKey, publicKey: leafKeys.publicKey, keyType },
      keyType,
      notBefore: leafNotBefore,
      notAfter: leafNotAfter,
      ca: options.leafCa,
      keyUsage: leafKeyUsage,
      eku: leafEku ?? undefined,
      crlUrl: options.leafCrlUrl,
      sigHash: options.leafSigHash
    })
    pki.leaf = { der, pem: toPem(der), privateKey: leafKeys.privateKey, publicKey: leafKeys.publicKey }
    pki.root = pki.leaf
  } else {
    const rootKeys = generateKey(caKeyType)
    const rootName = makeName([
      ['C', 'US'],
      ['O', 'ecr-deploy-gate tests'],
      ['OU', 'Cryptography'],
      ['ST', 'WA'],
      ['CN', `${name} Test Root CA`]
    ])
    const rootIssuer = { name: rootName, privateKey: rootKeys.privateKey, publicKey: rootKeys.publicKey, keyType: caKeyType }
    const rootDer = buildCertificate({
      subject: rootName,
      publicKey: rootKeys.publicKey,
      issuer: rootIssuer,
      keyType: caKeyType,
      notBefore: rootNotBefore,
      notAfter: rootNotAfter,
      ca: true,
      keyUsage: ['digitalSignature', 'keyCertSign', 'crlSign']
    })
    pki.root = { der: rootDer, pem: toPem(rootDer), privateKey: rootKeys.privateKey, publicKey: rootKeys.publicKey }
    let leafIssuer = rootIssuer
    if (options.intermediate !== false) {
      const intKeys = generateKey(caKeyType)
      const intName = makeName([
        ['C', 'US'],
        ['O', 'ecr-deploy-gate tests'],
        ['OU', 'Cryptography'],
        ['ST', 'WA'],
        ['CN', `${name} Test Intermediate CA`]
      ])
      const intDer = buildCertificate({
        subject: intName,
        publicKey: intKeys.publicKey,
        issuer: rootIssuer,
        keyType: caKeyType,
        notBefore: rootNotBefore,
        notAfter: rootNotAfter,
        ca: options.intermediateCa ?? true,
        pathLen: 0,
        keyUsage: options.intermediateKeyUsage ?? ['digitalSignature', 'keyCertSign', 'crlSign']
      })
      pki.intermediate = { der: intDer, pem: toPem(intDer), privateKey: intKeys.privateKey, publicKey: intKeys.publicKey }
      leafIssuer = { name: intName, privateKey: intKeys.privateKey, publicKey: intKeys.publicKey, keyType: caKeyType }
    }
    const leafDer = buildCertificate({
      subject: makeName(leafSubject),
      publicKey: leafKeys.publicKey,
      issuer: leafIssuer,
      keyType,
      notBefore: leafNotBefore,
      notAfter: leafNotAfter,
      ca: options.leafCa,
      keyUsage: leafKeyUsage,
      eku: leafEku ?? undefined,
      crlUrl: options.leafCrlUrl,
      sigHash: options.leafSigHash
    })
    pki.leaf = { der: leafDer, pem: toPem(leafDer), privateKey: leafKeys.privateKey, publicKey: leafKeys.publicKey }
  }
  pki.chainDer = [pki.leaf.der, ...(pki.intermediate ? [pki.intermediate.der] : []), ...(options.selfSigned ? [] : [pki.root.der])]
  pki.chainPem = pki.chainDer.map((d) => toPem(d)).join('')
  pki.rootPem = pki.root.pem
  pki.certificateHashes = certificateHashesOf(pki.chainDer)
  pkiCache.set(name, pki)
  return pki
}

function sha256(bytes) {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

function b64url(bytes) {
  return Buffer.from(bytes).toString('base64url')
}

function signBytes(alg, privateKey, data) {
  const hash = `sha${alg.slice(2)}`
  if (alg.startsWith('ES')) return cryptoSign(hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' })
  return cryptoSign(hash, data, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(hash).digest().length })
}

function iso(value) {
  return new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * Builds a Notation envelope (bytes) for `spec` over `subject` (an OCI descriptor). See
 * `signatureArtifacts` for the spec fields. Returns { envelope: Buffer, mediaType, pki }.
 */
export function buildEnvelope(spec, subject, ctx = {}) {
  const format = spec.format ?? 'jws'
  const pki = createTestPki({
    name: spec.pki ?? 'default',
    ...(spec.pkiOptions ?? {}),
    ...(spec.keyType ? { keyType: spec.keyType } : {}),
    ...(spec.leafValidity ? { leafNotBefore: spec.leafValidity.notBefore, leafNotAfter: spec.leafValidity.notAfter } : {})
  })
  const now = ctx.now ? new Date(ctx.now) : new Date()
  const scheme = spec.scheme ?? 'notary.x509.signingAuthority'
  const plugin =
    spec.plugin === undefined ? (scheme === 'notary.x509.signingAuthority' ? AWS_SIGNER_PLUGIN : undefined) : spec.plugin || undefined
  const target = spec.subjectOverride ?? subject
  const payloadObj = { targetArtifact: { mediaType: target.mediaType, digest: target.digest, size: target.size } }
  let payload = Buffer.from(JSON.stringify(payloadObj))
  const alg = spec.alg ?? pki.alg

  // Signed attributes: [label, value, critical]
  const attrs = []
  attrs.push(['io.cncf.notary.signingScheme', scheme, true])
  if (scheme === 'notary.x509') attrs.push(['io.cncf.notary.signingTime', new Date(spec.signingTime ?? now), false])
  if (scheme === 'notary.x509.signingAuthority' && spec.authenticSigningTime !== null) {
    attrs.push(['io.cncf.notary.authenticSigningTime', new Date(spec.authenticSigningTime ?? now), true])
  }
  if (spec.expiry) attrs.push(['io.cncf.notary.expiry', new Date(spec.expiry), true])
  if (plugin) attrs.push(['io.cncf.notary.verificationPlugin', plugin, true])
  if (plugin === AWS_SIGNER_PLUGIN) {
    if (spec.signingProfileVersionArn !== null)
      attrs.push(['com.amazonaws.signer.signingProfileVersion', spec.signingProfileVersionArn ?? DEFAULT_PROFILE_VERSION_ARN, true])
    if (spec.signingJobArn !== null) attrs.push(['com.amazonaws.signer.signingJob', spec.signingJobArn ?? DEFAULT_JOB_ARN, true])
  }
  for (const label of spec.crit ?? []) attrs.push([label, 'critical-test-value', true])
  const crit = attrs.filter((a) => a[2]).map((a) => a[0])

  let envelope
  if (format === 'jws') {
    const header = { alg, crit, cty: NOTARY_PAYLOAD_TYPE }
    for (const [label, value] of attrs) header[label] = value instanceof Date ? iso(value) : value
    const protectedB64 = b64url(Buffer.from(JSON.stringify(header)))
    const signingInput = Buffer.from(`${protectedB64}.${b64url(payload)}`, 'ascii')
    let signature = signBytes(pki.alg, pki.leaf.privateKey, signingInput)
    if (spec.tamper === 'signature') signature = Buffer.from(signature.map((b, i) => (i === 5 ? b ^ 0xff : b)))
    if (spec.tamper === 'payload')
      payload = Buffer.from(JSON.stringify({ targetArtifact: { ...payloadObj.targetArtifact, size: target.size + 1 } }))
    const obj = {
      payload: b64url(payload),
      protected: protectedB64,
      header: { x5c: pki.chainDer.map((d) => d.toString('base64')), 'io.cncf.notary.signingAgent': 'ecr-deploy-gate-test/1.0' },
      signature: b64url(signature)
    }
    envelope = Buffer.from(JSON.stringify(obj))
  } else if (format === 'cose') {
    const header = new Map()
    header.set(1, algToCose[alg] ?? 0)
    header.set(2, crit)
    header.set(3, NOTARY_PAYLOAD_TYPE)
    for (const [label, value] of attrs) header.set(label, value instanceof Date ? new Tag(1, Math.floor(value.getTime() / 1000)) : value)
    const protectedBytes = encode(header)
    const sigStructure = encode(['Signature1', protectedBytes, new Uint8Array(0), new Uint8Array(payload)])
    let signature = signBytes(pki.alg, pki.leaf.privateKey, sigStructure)
    if (spec.tamper === 'signature') signature = Buffer.from(signature.map((b, i) => (i === 5 ? b ^ 0xff : b)))
    if (spec.tamper === 'payload')
      payload = Buffer.from(JSON.stringify({ targetArtifact: { ...payloadObj.targetArtifact, size: target.size + 1 } }))
    const unprotected = new Map()
    unprotected.set(
      33,
      pki.chainDer.map((d) => new Uint8Array(d))
    )
    unprotected.set('io.cncf.notary.signingAgent', 'ecr-deploy-gate-test/1.0')
    envelope = Buffer.from(encode(new Tag(18, [protectedBytes, unprotected, new Uint8Array(payload), new Uint8Array(signature)])))
  } else {
    throw new Error(`unknown format ${format}`)
  }
  if (spec.oversizeBytes && envelope.length < spec.oversizeBytes) {
    // Trailing whitespace keeps a JWS valid JSON, so only the size bound can reject it.
    envelope = Buffer.concat([envelope, Buffer.alloc(spec.oversizeBytes - envelope.length, 0x20)])
  }
  return { envelope, mediaType: spec.envelopeMediaType ?? (format === 'cose' ? 'application/cose' : 'application/jose+json'), pki }
}

/**
 * Builds the registry artifacts of one Notation signature of `subject`:
 * { manifest: Buffer, mediaType, digest, size, blobs: Buffer[] (config `{}` then envelope),
 *   envelope, envelopeMediaType, descriptor, pki }.
 *
 * spec (JSON-serialisable, as in emulator scenario files):
 *   format: 'jws'|'cose' (default jws); pki: name of the cached test PKI (default 'default');
 *   keyType / pkiOptions: options for createTestPki on first use of that name;
 *   scheme: 'notary.x509.signingAuthority' (default) | 'notary.x509';
 *   signingProfileVersionArn, signingJobArn (AWS Signer attributes; null omits);
 *   authenticSigningTime, signingTime, expiry: ISO strings; plugin: verification plugin
 *   (default AWS Signer's for signingAuthority, '' for none);
 *   tamper: 'payload'|'signature'; subjectOverride: descriptor signed instead of subject;
 *   crit: extra critical labels; alg: header algorithm override; oversizeBytes: pad the envelope;
 *   leafValidity: { notBefore, notAfter } (use with a dedicated pki name);
 *   envelopeMediaType: override the layer media type; legacyForm: config.mediaType form.
 * ctx: { now?: Date|string }
 */
export function signatureArtifacts(spec, subject, ctx = {}) {
  const { envelope, mediaType, pki } = buildEnvelope(spec, subject, ctx)
  const config = Buffer.from('{}')
  const manifestObj = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    ...(spec.legacyForm ? {} : { artifactType: NOTATION_SIGNATURE_TYPE }),
    config: {
      mediaType: spec.legacyForm ? NOTATION_SIGNATURE_TYPE : 'application/vnd.oci.empty.v1+json',
      digest: sha256(config),
      size: config.length
    },
    layers: [{ mediaType, digest: sha256(envelope), size: envelope.length }],
    subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    annotations: {
      'io.cncf.notary.x509chain.thumbprint#S256': JSON.stringify(pki.chainDer.map((d) => createHash('sha256').update(d).digest('hex'))),
      'org.opencontainers.image.created': iso(ctx.now ?? new Date())
    }
  }
  const manifest = Buffer.from(JSON.stringify(manifestObj))
  const digest = sha256(manifest)
  return {
    manifest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest,
    size: manifest.length,
    blobs: [config, envelope],
    envelope,
    envelopeMediaType: mediaType,
    descriptor: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: manifest.length,
      artifactType: NOTATION_SIGNATURE_TYPE
    },
    pki
  }
}

/**
 * Writes the root certificates of the named PKIs into a Notation trust store layout:
 * <dir>/x509/<type>/<name>/<pki>.pem. Returns the named store directory.
 */
export function writeTrustStore(dir, { type = 'signingAuthority', name, pkiNames }) {
  const storeDir = join(dir, 'x509', type, name)
  mkdirSync(storeDir, { recursive: true })
  for (const pkiName of pkiNames) writeFileSync(join(storeDir, `${pkiName}.pem`), createTestPki({ name: pkiName }).rootPem)
  return storeDir
}

/**
 * A trustpolicy.json document (object) with one statement.
 * { name='test', registryScopes=['*'], level='strict', override, trustStores, trustedIdentities=['*'] }
 */
export function trustPolicyFor({
  name = 'test',
  registryScopes = ['*'],
  level = 'strict',
  override,
  trustStores,
  trustedIdentities = ['*']
} = {}) {
  const statement = { name, registryScopes, signatureVerification: { level, ...(override ? { override } : {}) } }
  if (level !== 'skip') {
    statement.trustStores = trustStores
    statement.trustedIdentities = trustedIdentities
  }
  return { version: '1.0', trustPolicies: [statement] }
}

/** A random job ARN in the shape AWS Signer uses. */
export function randomJobArn(region = 'us-east-1', account = '123456789012') {
  return `arn:aws:signer:${region}:${account}:/signing-jobs/${randomUUID()}`
}
