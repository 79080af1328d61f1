// cosign signatures made at test time, in both layouts, as scenario `artifacts`: the legacy
// simple-signing manifest under the `sha256-<hex>.sig` tag, and cosign 3's Sigstore bundle (a DSSE
// in-toto statement, predicateType https://sigstore.dev/cosign/sign/v1) as an OCI referrer.
// Key-based signatures use node:crypto keys; keyless ones a test Fulcio CA, CT log, Rekor log and
// timestamp authority from @sigstore/mock, with a trusted_root.json for them. No key is stored.

import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { initializeCA, initializeCTLog, initializeTLog, initializeTSA } from '@sigstore/mock'

const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const IN_TOTO = 'application/vnd.in-toto+json'
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
const ISSUER_V1 = '1.3.6.1.4.1.57264.1.1'
const ISSUER_V2 = '1.3.6.1.4.1.57264.1.8'
const LONG_AGO = '2000-01-01T00:00:00Z'

/** @param {Buffer|Uint8Array} der @param {string} label */
function pem(der, label) {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`
}

/** @param {import('node:crypto').KeyObject} publicKey */
export function publicKeyPem(publicKey) {
  return /** @type {string} */ (publicKey.export({ format: 'pem', type: 'spki' }))
}

/** @param {import('node:crypto').KeyObject} publicKey */
export function publicKeyDer(publicKey) {
  return /** @type {Buffer} */ (publicKey.export({ format: 'der', type: 'spki' }))
}

/** The hash cosign signs with for a key: by curve for ECDSA, SHA-256 for RSA. @param {import('node:crypto').KeyObject} key */
export function hashFor(key) {
  const curve = key.asymmetricKeyDetails?.namedCurve
  return curve === 'secp384r1' ? 'sha384' : curve === 'secp521r1' ? 'sha512' : 'sha256'
}

/** A key pair: `p256`, `p384`, `p521` or `rsa`. @param {'p256'|'p384'|'p521'|'rsa'} type */
export function generateKey(type) {
  if (type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: 2048 })
  return generateKeyPairSync('ec', { namedCurve: { p256: 'prime256v1', p384: 'secp384r1', p521: 'secp521r1' }[type] })
}

/**
 * A test Sigstore instance: Fulcio CA (clock `caClock`, default now), CT log, Rekor log, TSA, and
 * the trusted_root.json that trusts them.
 * @param {{caClock?: Date}} [options]
 */
export async function createSigstoreTestPki(options = {}) {
  const kp = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ctlog = await initializeCTLog(kp())
  const ca = await initializeCA(kp(), ctlog, options.caClock)
  const tlog = await initializeTLog('https://rekor.test', kp())
  // The TSA's clock is a whole second (a minute ahead, inside the certificates' ten minutes): DER drops
  // a GeneralizedTime fraction's trailing zeros ('.5Z'), and @sigstore/core parses only '.ddd' fractions,
  // so a genTime whose milliseconds end in 0 would fail one signing in ten with "invalid time".
  const tsa = await initializeTSA(kp(), new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000))
  const tlogId = createHash('sha256').update(tlog.publicKey).digest()
  const key = (/** @type {Uint8Array} */ der) => ({
    rawBytes: Buffer.from(der).toString('base64'),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    validFor: { start: LONG_AGO }
  })
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: 'https://rekor.test',
        hashAlgorithm: 'SHA2_256',
        publicKey: key(tlog.publicKey),
        logId: { keyId: tlogId.toString('base64') }
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'test', commonName: 'test fulcio' },
        uri: 'https://fulcio.test',
        certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate).toString('base64') }] },
        validFor: { start: LONG_AGO }
      }
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctfe.test',
        hashAlgorithm: 'SHA2_256',
        publicKey: key(ctlog.publicKey),
        logId: { keyId: Buffer.from(ctlog.logID).toString('base64') }
      }
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'test', commonName: 'test tsa' },
        uri: 'https://tsa.test',
        certChain: {
          certificates: [
            { rawBytes: Buffer.from(tsa.intCertificate).toString('base64') },
            { rawBytes: Buffer.from(tsa.rootCertificate).toString('base64') }
          ]
        },
        validFor: { start: LONG_AGO }
      }
    ]
  }
  return { ca, ctlog, tlog, tsa, trustedRoot }
}

/**
 * A Fulcio certificate for a fresh P-256 key.
 * @param {Awaited<ReturnType<typeof createSigstoreTestPki>>} pki
 * @param {{identity: string, issuer: string}} who
 */
export async function keylessSigner(pki, who) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const cert = await pki.ca.issueCertificate({
    publicKey: publicKeyDer(publicKey),
    subjectAltName: who.identity,
    extensions: [
      { oid: ISSUER_V1, value: who.issuer, legacy: true },
      { oid: ISSUER_V2, value: who.issuer }
    ]
  })
  return { privateKey, publicKey, certificate: Buffer.from(cert) }
}

/** Rekor's log entry for a proposed body. @param {any} pki @param {object} body */
async function logEntry(pki, body) {
  const entries = await pki.tlog.log(body)
  return /** @type {any} */ (Object.values(entries)[0])
}

/**
 * A cosign signature of `digest` as a scenario artifact (without `repository`).
 *
 * @param {object} o
 * @param {string} o.digest  the image digest signed (`sha256:…`)
 * @param {'legacy'|'bundle'} o.layout
 * @param {{privateKey: import('node:crypto').KeyObject, publicKey: import('node:crypto').KeyObject, certificate?: Buffer}} o.signer
 * @param {any} [o.pki]  needed for a tlog entry or a timestamp
 * @param {boolean} [o.tlog]  upload to the test Rekor (default true)
 * @param {boolean} [o.timestamp]  add an RFC 3161 timestamp (bundle layout)
 * @param {string} [o.claimDigest]  the digest the payload names (default `digest`: set another for a mismatch)
 * @param {'payload'} [o.tamper]  alter the payload after signing
 * @param {number} [o.padBytes]  pad the bundle to this many bytes (oversized)
 * @param {string} [o.subjectImage]  scenario image the referrer's subject is (bundle layout)
 * @param {string} [o.subjectPlatform]
 */
export async function cosignArtifact(o) {
  const claim = o.claimDigest ?? o.digest
  const hash = hashFor(o.signer.publicKey)
  const verifier = o.signer.certificate ? pem(o.signer.certificate, 'CERTIFICATE') : publicKeyPem(o.signer.publicKey)
  const useTlog = o.tlog ?? true
  if (o.layout === 'legacy') {
    let payload = Buffer.from(
      JSON.stringify({
        critical: {
          identity: { 'docker-reference': 'test' },
          image: { 'docker-manifest-digest': claim },
          type: 'cosign container image signature'
        },
        optional: null
      })
    )
    const signature = sign(hash, payload, o.signer.privateKey)
    /** @type {Record<string, string>} */
    const annotations = { 'dev.cosignproject.cosign/signature': signature.toString('base64') }
    if (o.signer.certificate) annotations['dev.sigstore.cosign/certificate'] = verifier
    if (useTlog) {
      const entry = await logEntry(o.pki, {
        apiVersion: '0.0.1',
        kind: 'hashedrekord',
        spec: {
          data: { hash: { algorithm: hash, value: createHash(hash).update(payload).digest('hex') } },
          signature: { content: signature.toString('base64'), publicKey: { content: Buffer.from(verifier).toString('base64') } }
        }
      })
      annotations['dev.sigstore.cosign/bundle'] = JSON.stringify({
        SignedEntryTimestamp: entry.verification.signedEntryTimestamp,
        Payload: { body: entry.body, integratedTime: entry.integratedTime, logIndex: entry.logIndex, logID: entry.logID }
      })
    }
    if (o.tamper === 'payload') payload = Buffer.from(payload.toString().replace('"optional":null', '"optional":{"evil":"yes"}'))
    return {
      tags: [`sha256-${o.digest.slice(7)}.sig`],
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', text: '{}' },
      layers: [{ mediaType: SIMPLE_SIGNING, base64: payload.toString('base64'), annotations }]
    }
  }

  let statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'test', digest: { sha256: claim.slice(7) } }],
      predicateType: COSIGN_SIGN_PREDICATE,
      predicate: {}
    })
  )
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${IN_TOTO.length} ${IN_TOTO} ${statement.length} `), statement])
  const signature = sign(hash, pae, o.signer.privateKey)
  const tlogEntries = []
  if (useTlog) {
    const entry = await logEntry(o.pki, {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(statement).digest('hex') },
        signatures: [{ signature: signature.toString('base64'), verifier: Buffer.from(verifier).toString('base64') }]
      }
    })
    const proof = entry.verification.inclusionProof
    tlogEntries.push({
      logIndex: String(entry.logIndex),
      logId: { keyId: Buffer.from(entry.logID, 'hex').toString('base64') },
      kindVersion: { kind: 'dsse', version: '0.0.1' },
      integratedTime: String(entry.integratedTime),
      inclusionPromise: { signedEntryTimestamp: entry.verification.signedEntryTimestamp },
      inclusionProof: {
        logIndex: String(proof.logIndex),
        rootHash: Buffer.from(proof.rootHash, 'hex').toString('base64'),
        treeSize: String(proof.treeSize),
        hashes: [],
        checkpoint: { envelope: proof.checkpoint }
      },
      canonicalizedBody: entry.body
    })
  }
  const rfc3161Timestamps = []
  if (o.timestamp) {
    const token = await o.pki.tsa.timestamp({
      artifactHash: createHash('sha256').update(signature).digest(),
      hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
      nonce: 1,
      policyOID: '1.3.6.1.4.1.57264.2',
      certReq: true
    })
    rfc3161Timestamps.push({ signedTimestamp: Buffer.from(token).toString('base64') })
  }
  if (o.tamper === 'payload') statement = Buffer.from(statement.toString().replace('"predicate":{}', '"predicate":{"evil":"yes"}'))
  const bundle = {
    mediaType: BUNDLE_V03,
    verificationMaterial: {
      ...(o.signer.certificate
        ? { certificate: { rawBytes: o.signer.certificate.toString('base64') } }
        : { publicKey: { hint: createHash('sha256').update(publicKeyDer(o.signer.publicKey)).digest('base64') } }),
      tlogEntries,
      timestampVerificationData: { rfc3161Timestamps }
    },
    dsseEnvelope: {
      payload: statement.toString('base64'),
      payloadType: IN_TOTO,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }]
    }
  }
  let text = JSON.stringify(bundle)
  if (o.padBytes !== undefined && o.padBytes > text.length) text = text.slice(0, -1) + `,"pad":"${'x'.repeat(o.padBytes - text.length)}"}`
  return {
    artifactType: BUNDLE_V03,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', text: '{}' },
    layers: [{ mediaType: BUNDLE_V03, text }],
    annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': COSIGN_SIGN_PREDICATE },
    ...(o.subjectImage !== undefined
      ? { subject: o.subjectPlatform !== undefined ? { image: o.subjectImage, platform: o.subjectPlatform } : o.subjectImage }
      : {})
  }
}
