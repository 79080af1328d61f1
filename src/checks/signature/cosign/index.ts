/** The cosign signature check: settings, key loading, discovery, legacy layout and the `Check`. */
export { COSIGN_CHECK_ID, COSIGN_SIGN_PREDICATE, cosignCheck, cosignResult, type CosignEvidence } from './check.js'
export { CosignMediaTypes, MAX_COSIGN_BLOB_BYTES, MAX_COSIGN_SIGNATURES, legacyTagCandidates, referrerCandidates } from './discover.js'
export { kmsKeyResolver, loadCosignConfig, type CosignConfig, type CosignKey, type KmsKeyResolver } from './keys.js'
export { CosignAnnotations, SIMPLE_SIGNING_TYPE, checkSimpleSigningClaim, legacyBundle } from './legacy.js'
export {
  parseCosignSettings,
  parseKmsReference,
  type CosignInputs,
  type CosignKeyRef,
  type CosignSettings,
  type KmsKeyRef,
  type PemKeyRef
} from './settings.js'
