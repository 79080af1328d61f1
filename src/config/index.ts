/** `config/`: the files a team writes its policy in: the policy file and the allowlist file. */
export { parseAllowlist, loadAllowlist, normaliseVulnerabilityId, ALLOWLIST_MAX_BYTES } from './allowlist.js'
export {
  parsePolicyFile,
  loadPolicyFile,
  layeredReader,
  layeredAllowlistEntries,
  layersFor,
  overridesFor,
  repositoryMatches,
  POLICY_FIELDS,
  POLICY_FILE_MAX_BYTES,
  POLICY_MAX_DEPTH,
  type PolicyFile,
  type PolicyLayer,
  type PolicyOverride,
  type PolicyField
} from './policy-file.js'
