/**
 * `repository-policy`: the repository policy grants nothing to the public and push to no account
 * outside the allowed ones. Judged statement by statement:
 *
 * - **Public**: an Allow to `*`, `{"AWS":"*"}`, `arn:aws:iam::*:root`, `{"CanonicalUser":"*"}`, or an
 *   Allow with `NotPrincipal`, unless a condition restricts it to fixed values of a key that names
 *   who may call (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpce`, …) — a wildcard, a
 *   policy variable or an `…IfExists` operator restricts nothing.
 * - **Push**: an Allow of a push-type action (`ecr:PutImage`, the layer upload actions,
 *   `ecr:BatchDeleteImage`, `ecr:SetRepositoryPolicy`, … or a wildcard that covers one, or
 *   `NotAction` that leaves one) to an account other than the repository's own and the allowed
 *   ones; a principal restricted by `aws:PrincipalOrgID` to the allowed organisation is inside.
 *
 * Deny statements only take away, so they are not judged. No policy is private: a pass.
 */
import { registryFlag } from './facts.js'
import { parsePolicyText, type RuleFinding } from './rules.js'
import { globMatches } from './wildcard.js'

/** Longest repository policy text ECR stores (GetRepositoryPolicy `policyText`). */
export const MAX_REPOSITORY_POLICY_CHARS = 10_240

/** Who else may push: accounts and an AWS Organizations id. */
export interface PolicyTrust {
  /** The repository's own account: always allowed. */
  ownAccount: string
  allowedAccounts: readonly string[]
  allowedOrg?: string
}

/** Actions that change what the repository holds or who may change it. */
export const PUSH_ACTIONS = [
  'ecr:PutImage',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:BatchDeleteImage',
  'ecr:SetRepositoryPolicy',
  'ecr:DeleteRepositoryPolicy',
  'ecr:DeleteRepository',
  'ecr:PutImageTagMutability',
  'ecr:PutLifecyclePolicy',
  'ecr:DeleteLifecyclePolicy',
  'ecr:BatchImportUpstreamImage',
  'ecr:ReplicateImage'
] as const

/** Condition keys that restrict who the caller is, or where from (lower case). */
const RESTRICTING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:userid'
  ].map((k) => k.toLowerCase())
)

/** Operators whose fixed values restrict (lower case; `ForAnyValue:`/`ForAllValues:` prefixes are stripped). */
const RESTRICTING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike'])

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const fixed = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && !/[*?]|\$\{/.test(v)

/** The condition keys (lower case) a statement restricts to fixed values, with those values. */
function restrictions(condition: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>()
  if (!isObject(condition)) return out
  for (const [operator, block] of Object.entries(condition)) {
    const op = operator.toLowerCase().replace(/^for(?:anyvalue|allvalues):/, '')
    if (!RESTRICTING_OPERATORS.has(op) || !isObject(block)) continue
    for (const [key, value] of Object.entries(block)) {
      const values = list(value)
      if (values.length === 0 || !values.every(fixed)) continue
      const k = key.toLowerCase()
      if (RESTRICTING_KEYS.has(k)) out.set(k, [...(out.get(k) ?? []), ...values])
    }
  }
  return out
}

/** The principals of an Allow: `public` for anyone, plus the account ids named. */
function principals(statement: Json): { public: boolean; accounts: string[]; others: string[] } {
  if (statement.NotPrincipal !== undefined) return { public: true, accounts: [], others: [] }
  const p = statement.Principal
  if (p === '*') return { public: true, accounts: [], others: [] }
  const result = { public: false, accounts: [] as string[], others: [] as string[] }
  if (!isObject(p)) return result
  for (const [type, value] of Object.entries(p)) {
    for (const v of list(value)) {
      if (typeof v !== 'string') continue
      if (type === 'AWS') {
        if (v === '*' || /^arn:aws[a-z-]*:iam::\*:/.test(v)) result.public = true
        else {
          const account = /^(\d{12})$/.exec(v)?.[1] ?? /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(v)?.[1]
          if (account !== undefined) result.accounts.push(account)
          else result.others.push(v)
        }
      } else if (type === 'CanonicalUser' && v === '*') result.public = true
      else result.others.push(`${type}:${v}`)
    }
  }
  return result
}

/** Push-type actions an Allow grants, through `Action` patterns or what `NotAction` leaves. */
function pushActionsOf(statement: Json): string[] {
  const matches = (pattern: unknown, action: string): boolean =>
    typeof pattern === 'string' && globMatches(pattern.toLowerCase(), action.toLowerCase())
  if (statement.NotAction !== undefined) {
    const excluded = list(statement.NotAction)
    return PUSH_ACTIONS.filter((a) => !excluded.some((p) => matches(p, a)))
  }
  const actions = list(statement.Action)
  return PUSH_ACTIONS.filter((a) => actions.some((p) => matches(p, a)))
}

/** Judges one repository policy text; `undefined` means the repository has none. */
export function evaluateRepositoryPolicy(text: string | undefined, repository: string, trust: PolicyTrust): RuleFinding {
  if (text === undefined) return { outcome: 'pass', reason: 'no repository policy: only the account itself has access' }
  const read = parsePolicyText(text, MAX_REPOSITORY_POLICY_CHARS, 'repository policy')
  if (!('value' in read)) return read
  const parsed = read.value
  if (!isObject(parsed) || (!Array.isArray(parsed.Statement) && !isObject(parsed.Statement))) {
    return { outcome: 'error', reason: "the repository policy has no 'Statement'" }
  }
  const statements = list(parsed.Statement)
  const allowedAccounts = new Set([trust.ownAccount, ...trust.allowedAccounts])
  const details: string[] = []
  const problems: string[] = []
  statements.forEach((raw, i) => {
    const label = `statement ${i + 1}${isObject(raw) && typeof raw.Sid === 'string' ? ` (${raw.Sid})` : ''}`
    if (!isObject(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) {
      problems.push(`${label}: not a statement the gate can read`)
      details.push(`${label}: unreadable`)
      return
    }
    if (raw.Effect === 'Deny') {
      details.push(`${label}: Deny, only takes access away`)
      return
    }
    const who = principals(raw)
    const limits = restrictions(raw.Condition)
    const push = pushActionsOf(raw)
    const orgs = limits.get('aws:principalorgid') ?? []
    const inAllowedOrg = trust.allowedOrg !== undefined && orgs.length > 0 && orgs.every((o) => o === trust.allowedOrg)
    const limitedAccounts = limits.get('aws:principalaccount')
    const inAllowedAccounts = limitedAccounts !== undefined && limitedAccounts.every((a) => allowedAccounts.has(a))
    const own: string[] = []
    if (who.public && limits.size === 0) {
      problems.push(
        `${label} allows ${raw.NotPrincipal !== undefined ? 'everyone but NotPrincipal' : 'a public principal'} with no restricting condition`
      )
      own.push('public')
    }
    if (push.length > 0 && !inAllowedOrg && !inAllowedAccounts) {
      const outside = who.public ? ['any account'] : who.accounts.filter((a) => !allowedAccounts.has(a))
      if (outside.length > 0) {
        problems.push(
          `${label} allows push-type actions (${push.slice(0, 4).join(', ')}${push.length > 4 ? ', …' : ''}) to ${outside.join(', ')}, outside the allowed accounts`
        )
        own.push('cross-account push')
      }
    }
    details.push(`${label}: ${own.length > 0 ? own.join(' and ') : 'ok'}`)
  })
  const fix = `remove or restrict the statements: aws ecr set-repository-policy --repository-name ${repository}${registryFlag(trust.ownAccount)} --policy-text file://policy.json (or aws ecr delete-repository-policy)`
  if (problems.length > 0) return { outcome: 'fail', reason: problems.join('; '), fix, details }
  return {
    outcome: 'pass',
    reason: `${statements.length} statement(s), none public or granting push outside the allowed accounts`,
    details
  }
}
