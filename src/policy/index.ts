/** The vulnerability policy: severity ranking, the allowlist file and the pure `evaluate`. */
export { severityRank, severityKey, zeroCounts, THRESHOLD_SEVERITIES } from './severity.js'
export { parseAllowlist, loadAllowlist, normaliseVulnerabilityId, ALLOWLIST_MAX_BYTES } from './allowlist.js'
export { evaluate, findingKey, repositoryGlob } from './evaluate.js'
