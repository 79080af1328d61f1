import type { KeyObject } from 'node:crypto'

export const COSIGN_SIGN_PREDICATE: string
export interface SigstoreTestPki {
  ca: unknown
  ctlog: unknown
  tlog: unknown
  tsa: unknown
  /** A trusted_root.json (object) that trusts this instance. */
  trustedRoot: Record<string, unknown>
}
export interface CosignSigner {
  privateKey: KeyObject
  publicKey: KeyObject
  /** DER Fulcio certificate (keyless). */
  certificate?: Buffer
}
export interface CosignArtifact {
  tags?: string[]
  artifactType?: string
  config: { mediaType: string; text: string }
  layers: { mediaType: string; base64?: string; text?: string; annotations?: Record<string, string> }[]
  annotations?: Record<string, string>
  subject?: string | { image: string; platform: string }
}
export function publicKeyPem(publicKey: KeyObject): string
export function publicKeyDer(publicKey: KeyObject): Buffer
export function hashFor(key: KeyObject): string
export function generateKey(type: 'p256' | 'p384' | 'p521' | 'rsa'): { privateKey: KeyObject; publicKey: KeyObject }
export function createSigstoreTestPki(options?: { caClock?: Date }): Promise<SigstoreTestPki>
export function keylessSigner(pki: SigstoreTestPki, who: { identity: string; issuer: string }): Promise<Required<CosignSigner>>
export function cosignArtifact(o: {
  digest: string
  layout: 'legacy' | 'bundle'
  signer: CosignSigner
  pki?: SigstoreTestPki
  tlog?: boolean
  timestamp?: boolean
  claimDigest?: string
  tamper?: 'payload'
  padBytes?: number
  subjectImage?: string
  subjectPlatform?: string
}): Promise<CosignArtifact>
