/**
 * Sigstore bundle verification over sigstore-js, shared by the cosign check, the GitHub
 * attestation check and the CLI's `verify-bundle`.
 */
export { compileAnchored, describeMatcher, matches, type CertificateIdentityPolicy, type Matcher } from './identity.js'
export { parseTrustedRoot, publicGoodTrustedRoot, PUBLIC_GOOD_ORIGIN, PUBLIC_GOOD_TUF_MIRROR, type SigstoreTrust } from './trusted-root.js'
export {
  hashForKey,
  IN_TOTO_PAYLOAD_TYPE,
  keyFingerprint,
  verifySigstoreBundle,
  type SignerCertificate,
  type SigstoreArtifact,
  type SigstoreRefused,
  type SigstoreResult,
  type SigstoreVerified,
  type TimestampEvidence,
  type TlogEvidence,
  type VerifyBundleOptions
} from './verify.js'
