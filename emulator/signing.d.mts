// Types for emulator/signing.mjs (the test signing kit), so TypeScript tests can import it.
import type { KeyObject } from 'node:crypto'

export type KeyType = 'ec256' | 'ec384' | 'ec521' | 'rsa2048' | 'rsa3072' | 'rsa4096'

export interface PkiOptions {
  name?: string
  keyType?: KeyType
  caKeyType?: KeyType
  intermediate?: boolean
  selfSigned?: boolean
  leafNotBefore?: Date | string
  leafNotAfter?: Date | string
  rootNotBefore?: Date | string
  rootNotAfter?: Date | string
  leafSubject?: [string, string][]
  leafCa?: boolean
  leafKeyUsage?: string[]
  leafEku?: string[] | null
  leafCrlUrl?: string
  leafSigHash?: 'sha1'
  intermediateKeyUsage?: string[]
  intermediateCa?: boolean
}

export interface PkiCert {
  der: Buffer
  pem: string
  privateKey: KeyObject
  publicKey: KeyObject
}

export interface TestPki {
  name: string
  keyType: KeyType
  alg: string
  root: PkiCert
  intermediate?: PkiCert
  leaf: PkiCert
  rootPem: string
  chainDer: Buffer[]
  chainPem: string
  certificateHashes: string[]
}

export interface DescriptorLike {
  mediaType: string
  digest: string
  size: number
}

export interface SignatureSpec {
  format?: 'jws' | 'cose'
  pki?: string
  keyType?: KeyType
  pkiOptions?: PkiOptions
  scheme?: 'notary.x509.signingAuthority' | 'notary.x509'
  signingProfileVersionArn?: string | null
  signingJobArn?: string | null
  authenticSigningTime?: string | null
  signingTime?: string
  expiry?: string
  tamper?: 'payload' | 'signature'
  subjectOverride?: DescriptorLike
  crit?: string[]
  alg?: string
  oversizeBytes?: number
  leafValidity?: { notBefore?: string; notAfter?: string }
  plugin?: string
  envelopeMediaType?: string
  legacyForm?: boolean
}

export interface SignatureArtifacts {
  manifest: Buffer
  mediaType: string
  digest: string
  size: number
  blobs: Buffer[]
  envelope: Buffer
  envelopeMediaType: string
  descriptor: DescriptorLike & { artifactType: string }
  pki: TestPki
}

export const AWS_SIGNER_PLUGIN: string
export const NOTARY_PAYLOAD_TYPE: string
export const NOTATION_SIGNATURE_TYPE: string
export const DEFAULT_PROFILE_VERSION_ARN: string
export const DEFAULT_JOB_ARN: string
export function createTestPki(options?: PkiOptions): TestPki
export function tbsOf(der: Buffer): Buffer
export function certificateHashesOf(chainDer: Buffer[]): string[]
export function buildEnvelope(
  spec: SignatureSpec,
  subject: DescriptorLike,
  ctx?: { now?: Date | string }
): { envelope: Buffer; mediaType: string; pki: TestPki }
export function signatureArtifacts(spec: SignatureSpec, subject: DescriptorLike, ctx?: { now?: Date | string }): SignatureArtifacts
export function writeTrustStore(
  dir: string,
  options: { type?: 'signingAuthority' | 'ca' | 'tsa'; name: string; pkiNames: string[] }
): string
export function trustPolicyFor(options?: {
  name?: string
  registryScopes?: string[]
  level?: 'strict' | 'permissive' | 'audit' | 'skip'
  override?: Record<string, string>
  trustStores?: string[]
  trustedIdentities?: string[]
}): { version: string; trustPolicies: Record<string, unknown>[] }
export function randomJobArn(region?: string, account?: string): string
