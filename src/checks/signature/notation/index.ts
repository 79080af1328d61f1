/**
 * Notation signature verification for the gate: load trust from the action inputs once, then
 * verify the signatures of the deployed digest. Everything here is pure except reading the trust
 * files and the injected revocation port.
 */
export { loadTrustConfig, signatureRequired, type TrustConfig } from './trust-config.js'
export { verifySignature } from './verify.js'
export { EnvelopeError, type ParsedEnvelope } from './envelope.js'
export { parseJws } from './jws.js'
export { parseCose } from './cose.js'
export { parseTrustPolicy, selectStatement, type TrustStatement, type VerificationLevel } from './trust-policy.js'
export { AwsSignerRootPem, AwsSignerGovCloudRootPem, certificateHashes, profileMatches, parseSigningProfileArn } from './aws-signer.js'
export { fetchSignatures, MAX_SIGNATURES } from './fetch.js'
export { notationCheck, notationResult, type NotationEvidence } from './check.js'
