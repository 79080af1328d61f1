/** `config/`: the files a team writes its policy in. Today the allowlist file. */
export { parseAllowlist, loadAllowlist, normaliseVulnerabilityId, ALLOWLIST_MAX_BYTES } from './allowlist.js'
