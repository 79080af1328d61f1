/**
 * `lifecycle-policy` (Security Hub ECR.3): a lifecycle policy exists and its text is a policy the gate
 * can read (JSON with a `rules` list). A text that does not parse is an `error`, never a pass.
 */
import { registryFlag } from './facts.js'
import { parsePolicyText, type RuleFinding } from './rules.js'

/** Longest lifecycle policy text ECR stores (GetLifecyclePolicy `lifecyclePolicyText`). */
export const MAX_LIFECYCLE_POLICY_CHARS = 30_720

/** Judges the repository's lifecycle policy text; `undefined` means the repository has none. */
export function evaluateLifecyclePolicy(text: string | undefined, repository: string, registryId?: string): RuleFinding {
  const fix = `aws ecr put-lifecycle-policy --repository-name ${repository}${registryFlag(registryId)} --lifecycle-policy-text file://lifecycle-policy.json`
  if (text === undefined) return { outcome: 'fail', reason: 'the repository has no lifecycle policy', fix }
  const read = parsePolicyText(text, MAX_LIFECYCLE_POLICY_CHARS, 'lifecycle policy')
  if (!('value' in read)) return read
  const parsed = read.value
  const rules = typeof parsed === 'object' && parsed !== null ? (parsed as { rules?: unknown }).rules : undefined
  if (!Array.isArray(rules)) return { outcome: 'error', reason: "the lifecycle policy has no 'rules' list" }
  if (rules.length === 0) return { outcome: 'fail', reason: 'the lifecycle policy has no rules', fix }
  return { outcome: 'pass', reason: `a lifecycle policy with ${rules.length} rule(s) is set` }
}
