/**
 * Repository posture: rules over the configuration of the repository an image comes from, one rule a
 * file, each a pure function over the parsed configuration; `posture.ts` reads it and makes the checks.
 */
export {
  POSTURE_RULES,
  RECOMMENDED,
  RULE_INFO,
  parseAllowedAccounts,
  parseAllowedOrg,
  parseAllowedUpstreams,
  parseAllowedKmsKeys,
  parseHorizonDays,
  parsePostureRules,
  postureRequested,
  type PostureLevel,
  type PostureRuleId,
  type PostureRules,
  type PostureSettings,
  type RuleFinding
} from './rules.js'
export { evaluateRepositoryPolicy, PUSH_ACTIONS, type PolicyTrust } from './repository-policy.js'
export type { Fact, RegistryScanningFacts, RepositoryFacts } from './facts.js'
export { evaluateTagImmutability } from './tag-immutability.js'
export { evaluateKmsEncryption } from './kms-encryption.js'
export { evaluateLifecyclePolicy } from './lifecycle-policy.js'
export {
  applyLifecycle,
  ownerRule,
  parseLifecycleRules,
  selectsTags,
  DAY_MS,
  type LifecycleImage,
  type LifecycleRule
} from './lifecycle.js'
export { DEFAULT_HORIZON_DAYS, evaluateLifecycleExpiry, type ExpiryInput } from './lifecycle-expiry.js'
export {
  evaluateManagedSigning,
  signingProfilesFor,
  type ImageSigningFacts,
  type SigningFacts,
  type SigningRuleFacts
} from './managed-signing.js'
export { evaluateScanConfigured, effectiveScanFrequency } from './scan-configured.js'
export { globMatches, scanFilterMatches } from './wildcard.js'
export {
  MAX_IMAGE_PAGES,
  POSTURE_CHECK_PREFIX,
  deniedAction,
  evaluateRule,
  postureChecks,
  postureReader,
  postureResult,
  type PostureEvidence,
  type PostureReader
} from './posture.js'
export { cacheRuleFor, evaluatePullThroughCache, type CacheRule } from './pull-through-cache.js'
