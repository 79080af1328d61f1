/** The vulnerability policy: severity ranking and the pure `evaluate`. */
export { severityRank, severityKey, zeroCounts, THRESHOLD_SEVERITIES } from './severity.js'
export { evaluate, findingKey, repositoryGlob } from './evaluate.js'
