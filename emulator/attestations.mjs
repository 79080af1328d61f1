// GitHub artifact attestations made at test time.
//
// Bundles are SLSA provenance statements in DSSE, signed by a test Fulcio-like CA (@sigstore/mock,
// through the cosign signing kit) whose certificates carry GitHub's Fulcio OID extensions
// (1.3.6.1.4.1.57264.1.8 to .22, DER UTF8String, as GitHub's Fulcio writes them), witnessed by the
// test Rekor log (public-good-like) or only by the test timestamp authority (GitHub's private
// instance: a signed timestamp and no log). The API that serves them is github.mjs. Dev/test only.

import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { createSigstoreTestPki } from './cosign.mjs'

const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const IN_TOTO = 'application/vnd.in-toto+json'
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
const FULCIO = '1.3.6.1.4.1.57264.1'

/** The claims of a GitHub Actions build, as Fulcio puts them in the certificate. */
export const DEFAULT_BUILD = {
  issuer: 'https://token.actions.githubusercontent.com',
  owner: 'octo-org',
  repo: 'octo-org/app',
  workflow: '.github/workflows/release.yml',
  ref: 'refs/heads/main',
  sha: 'a'.repeat(40),
  runnerEnvironment: 'github-hosted',
  runId: '4242',
  trigger: 'push',
  visibility: 'public'
}

/**
 * The Fulcio extensions of a build; `signerWorkflow` (`owner/repo/path@ref`) makes a reusable workflow.
 * @param {Partial<typeof DEFAULT_BUILD> & {signerWorkflow?: string}} b
 */
export function buildExtensions(b) {
  const build = { ...DEFAULT_BUILD, ...b }
  const server = 'https://github.com'
  const config = `${server}/${build.repo}/${build.workflow}@${build.ref}`
  const signer = build.signerWorkflow !== undefined ? `${server}/${build.signerWorkflow}` : config
  /** @type {Record<string, string>} */
  const values = {
    8: build.issuer,
    9: signer,
    10: build.sha,
    11: build.runnerEnvironment,
    12: `${server}/${build.repo}`,
    13: build.sha,
    14: build.ref,
    15: '123456',
    16: `${server}/${build.owner}`,
    17: '654321',
    18: config,
    19: build.sha,
    20: build.trigger,
    21: `${server}/${build.repo}/actions/runs/${build.runId}/attempts/1`,
    22: build.visibility
  }
  return {
    san: signer,
    extensions: [
      { oid: `${FULCIO}.1`, value: build.issuer, legacy: true },
      ...Object.entries(values).map(([n, value]) => ({ oid: `${FULCIO}.${n}`, value }))
    ]
  }
}

/** A test Sigstore instance with a trusted root (with its log) and a second root without any log (GitHub's private-instance shape). */
export async function createAttestationPki() {
  // The CA's clock a minute back: a leaf issued now is valid a little before the timestamps that
  // witness it (RFC 3161 genTime and Rekor's integratedTime have whole seconds).
  const pki = await createSigstoreTestPki({ caClock: new Date(Date.now() - 60_000) })
  // The test CA embeds SCTs, so the private-shaped root keeps its CT log; only the transparency log goes.
  const { tlogs: _tlogs, ...rest } = pki.trustedRoot
  return { ...pki, privateRoot: { ...rest, tlogs: [] } }
}

/**
 * A signed attestation bundle (v0.3, DSSE in-toto) for `digest`.
 * @param {Awaited<ReturnType<typeof createAttestationPki>>} pki
 * @param {object} o
 * @param {string} o.digest  `sha256:…` the statement's subject names
 * @param {Partial<typeof DEFAULT_BUILD> & {signerWorkflow?: string}} [o.build]
 * @param {string} [o.predicateType]
 * @param {boolean} [o.tlog]  a Rekor entry (default true)
 * @param {boolean} [o.timestamp]  an RFC 3161 timestamp (default: when there is no log entry)
 * @param {string} [o.name]  the subject name
 */
export async function attestationBundle(pki, o) {
  const { san, extensions } = buildExtensions(o.build ?? {})
  const signer = await keylessSignerWith(pki, san, extensions)
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: o.name ?? '123456789012.dkr.ecr.us-east-1.amazonaws.com/app', digest: { sha256: o.digest.slice(7) } }],
      predicateType: o.predicateType ?? SLSA_PROVENANCE_V1,
      predicate: {
        buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1', externalParameters: {}, internalParameters: {} },
        runDetails: { builder: { id: san }, metadata: {} }
      }
    })
  )
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${IN_TOTO.length} ${IN_TOTO} ${statement.length} `), statement])
  const signature = sign('sha256', pae, signer.privateKey)
  const certPem = `-----BEGIN CERTIFICATE-----\n${signer.certificate.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`
  const useTlog = o.tlog ?? true
  const tlogEntries = []
  if (useTlog) {
    const entries = await pki.tlog.log({
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(statement).digest('hex') },
        signatures: [{ signature: signature.toString('base64'), verifier: Buffer.from(certPem).toString('base64') }]
      }
    })
    const entry = /** @type {any} */ (Object.values(entries)[0])
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
  if (o.timestamp ?? !useTlog) {
    const token = await pki.tsa.timestamp({
      artifactHash: createHash('sha256').update(signature).digest(),
      hashAlgorithmOID: '2.16.840.1.101.3.4.2.1',
      nonce: 1,
      policyOID: '1.3.6.1.4.1.57264.2',
      certReq: true
    })
    rfc3161Timestamps.push({ signedTimestamp: Buffer.from(token).toString('base64') })
  }
  return {
    mediaType: BUNDLE_V03,
    verificationMaterial: {
      certificate: { rawBytes: signer.certificate.toString('base64') },
      tlogEntries,
      timestampVerificationData: { rfc3161Timestamps }
    },
    dsseEnvelope: {
      payload: statement.toString('base64'),
      payloadType: IN_TOTO,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }]
    }
  }
}

/** @param {any} pki @param {string} san @param {{oid: string, value: string, legacy?: boolean}[]} extensions */
async function keylessSignerWith(pki, san, extensions) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const cert = await pki.ca.issueCertificate({
    publicKey: /** @type {Buffer} */ (publicKey.export({ format: 'der', type: 'spki' })),
    subjectAltName: san,
    extensions
  })
  return { privateKey, publicKey, certificate: Buffer.from(cert) }
}

/**
 * A scenario artifact (for `artifacts`) that stores a bundle as an OCI referrer of `image`, as
 * `actions/attest` with `push-to-registry: true` does.
 * @param {object} bundle @param {string} image
 */
export function registryAttestation(bundle, image) {
  return {
    artifactType: BUNDLE_V03,
    config: { mediaType: 'application/vnd.oci.empty.v1+json', text: '{}' },
    layers: [{ mediaType: BUNDLE_V03, text: JSON.stringify(bundle) }],
    annotations: { 'dev.sigstore.bundle.content': 'dsse-envelope', 'dev.sigstore.bundle.predicateType': SLSA_PROVENANCE_V1 },
    subject: image
  }
}

/** DER UTF8String of a short text (what GitHub's Fulcio writes in its OID extensions). */
function derUtf8(/** @type {string} */ text) {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length > 127) return Buffer.concat([Buffer.from([0x0c, 0x81, bytes.length]), bytes])
  return Buffer.concat([Buffer.from([0x0c, bytes.length]), bytes])
}

/**
 * A test instance shaped like GitHub's own (private and internal repositories): a Fulcio-like CA
 * whose certificates name the issuer organisation "GitHub, Inc." (so the gate applies GitHub's
 * rule: a signed timestamp and no log), the test TSA, and its trusted root with no log at all. Its
 * bundles are made with `attestationBundle(pki, { tlog: false, … })`.
 */
export async function createGitHubInstancePki() {
  await import('reflect-metadata')
  const x509 = await import('@peculiar/x509')
  const crypto = globalThis.crypto
  x509.cryptoProvider.set(crypto)
  const base = await createSigstoreTestPki({ caClock: new Date(Date.now() - 60_000) })
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
  const rootKeys = /** @type {CryptoKeyPair} */ (await crypto.subtle.generateKey(alg, true, ['sign', 'verify']))
  const name = 'CN=github test fulcio, O=GitHub\\, Inc.'
  const day = 24 * 3600 * 1000
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name,
    notBefore: new Date(Date.now() - day),
    notAfter: new Date(Date.now() + 365 * day),
    signingAlgorithm: alg,
    keys: rootKeys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto)
    ]
  })
  const clock = new Date(Date.now() - 60_000)
  const ca = {
    rootCertificate: Buffer.from(root.rawData),
    /** @param {{publicKey: Buffer, subjectAltName: string, extensions: {oid: string, value: string, legacy?: boolean}[]}} opts */
    async issueCertificate(opts) {
      const key = await crypto.subtle.importKey('spki', opts.publicKey, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: randomSerial(),
        subject: '',
        issuer: root.subject,
        notBefore: clock,
        notAfter: new Date(clock.getTime() + 10 * 60_000),
        signingAlgorithm: alg,
        publicKey: key,
        signingKey: rootKeys.privateKey,
        extensions: [
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.codeSigning]),
          new x509.SubjectAlternativeNameExtension([{ type: 'url', value: opts.subjectAltName }], true),
          await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey, false, crypto),
          ...opts.extensions.map((e) => new x509.Extension(e.oid, false, e.legacy === true ? Buffer.from(e.value) : derUtf8(e.value)))
        ]
      })
      return Buffer.from(cert.rawData)
    }
  }
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [
      {
        subject: { organization: 'GitHub, Inc.', commonName: 'github test fulcio' },
        uri: 'https://fulcio.githubapp.test',
        certChain: { certificates: [{ rawBytes: ca.rootCertificate.toString('base64') }] },
        validFor: { start: '2020-01-01T00:00:00Z' }
      }
    ],
    ctlogs: [],
    timestampAuthorities: /** @type {any} */ (base.trustedRoot).timestampAuthorities
  }
  return { ca, tsa: base.tsa, tlog: base.tlog, trustedRoot }
}

function randomSerial() {
  return createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16)
}
