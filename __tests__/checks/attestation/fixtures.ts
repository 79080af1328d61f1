/**
 * Test certificates and bundles for the attestation check, made in memory: a leaf certificate whose
 * issuer names an organisation and whose extensions carry chosen Fulcio claims (DER strings, or any
 * raw bytes), and a v0.3 bundle with an in-toto statement around it. The Sigstore verification is a
 * stub in these tests, so the certificates need no chain; only their contents matter.
 */
import { webcrypto } from 'node:crypto'
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'

x509.cryptoProvider.set(globalThis.crypto)

export const FULCIO = '1.3.6.1.4.1.57264.1'
export const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
export const IN_TOTO = 'application/vnd.in-toto+json'
export const SLSA = 'https://slsa.dev/provenance/v1'

/** DER UTF8String (or another string tag) of `text`, in short or long length form. */
export function derText(text: string, tag = 0x0c): Uint8Array {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length < 128) return Buffer.concat([Buffer.from([tag, bytes.length]), bytes])
  if (bytes.length < 256) return Buffer.concat([Buffer.from([tag, 0x81, bytes.length]), bytes])
  return Buffer.concat([Buffer.from([tag, 0x82, bytes.length >> 8, bytes.length & 0xff]), bytes])
}

export interface LeafOptions {
  /** The issuer's `O=`; none when undefined. */
  organization?: string | undefined
  /** SAN entries, in order. */
  san?: { type: 'url' | 'email'; value: string }[]
  /** Extensions by full OID: a string is written as a DER UTF8String, bytes as they are. */
  extensions?: Record<string, string | Uint8Array>
  notBefore?: Date
  notAfter?: Date
}

let keys: Promise<webcrypto.CryptoKeyPair> | undefined

/** A DER leaf certificate with the given issuer organisation, SAN and extensions. */
export async function leaf(o: LeafOptions = {}): Promise<Uint8Array> {
  keys ??= globalThis.crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify'
  ]) as Promise<webcrypto.CryptoKeyPair>
  const pair = await keys
  const extensions: x509.Extension[] = []
  if (o.san !== undefined) extensions.push(new x509.SubjectAlternativeNameExtension(o.san, true))
  for (const [oid, value] of Object.entries(o.extensions ?? {}))
    extensions.push(new x509.Extension(oid, false, typeof value === 'string' ? derText(value) : value))
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: '01',
    subject: '',
    issuer: o.organization !== undefined ? `CN=test fulcio, O=${o.organization.replace(/,/g, '\\,')}` : 'CN=test fulcio',
    notBefore: o.notBefore ?? new Date('2026-01-01T00:00:00Z'),
    notAfter: o.notAfter ?? new Date('2026-01-01T00:10:00Z'),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    publicKey: pair.publicKey,
    signingKey: pair.privateKey,
    extensions
  })
  return new Uint8Array(cert.rawData)
}

/** The claims of a GitHub Actions build of `repo` (owner/name), by Fulcio OID suffix. */
export function buildClaims(repo = 'acme/app', over: Record<string, string> = {}): Record<string, string> {
  const [owner] = repo.split('/')
  const workflow = `https://github.com/${repo}/.github/workflows/release.yml@refs/heads/main`
  const values: Record<string, string> = {
    8: 'https://token.actions.githubusercontent.com',
    9: workflow,
    10: 'a'.repeat(40),
    11: 'github-hosted',
    12: `https://github.com/${repo}`,
    13: 'b'.repeat(40),
    14: 'refs/heads/main',
    15: '123',
    16: `https://github.com/${owner ?? ''}`,
    17: '456',
    18: workflow,
    19: 'b'.repeat(40),
    20: 'push',
    21: `https://github.com/${repo}/actions/runs/42/attempts/1`,
    22: 'public',
    ...over
  }
  return Object.fromEntries(Object.entries(values).map(([n, v]) => [`${FULCIO}.${n}`, v]))
}

/** A GitHub Actions leaf of `repo`, issued by `organization`. */
export async function buildLeaf(
  organization: string | undefined,
  repo = 'acme/app',
  over: Record<string, string> = {}
): Promise<Uint8Array> {
  const claims = buildClaims(repo, over)
  return leaf({ organization, san: [{ type: 'url', value: claims[`${FULCIO}.9`] ?? '' }], extensions: claims })
}

/** An in-toto statement naming `hex` (sha256) as its subject. */
export function statement(hex: string, over: Record<string, unknown> = {}): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'registry.example/app', digest: { sha256: hex } }],
      predicateType: SLSA,
      predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } },
      ...over
    })
  )
}

/** A v0.3 bundle holding `certificate` and `payload` (its signature is never checked: the verifier is a stub). */
export function bundle(certificate: Uint8Array, payload: Uint8Array, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mediaType: BUNDLE_V03,
    verificationMaterial: { certificate: { rawBytes: Buffer.from(certificate).toString('base64') } },
    dsseEnvelope: { payloadType: IN_TOTO, payload: Buffer.from(payload).toString('base64'), signatures: [] },
    ...over
  }
}
