/**
 * The vocabulary of the posture check: rule ids, levels, what each rule maps to in the tools people
 * already know (Security Hub, Checkov, Trivy, Prowler), and the `posture` setting's grammar
 * (`tag-immutability=fail,lifecycle-policy=warn`, `recommended`, `off`).
 */
import { SettingError } from '../../core/errors.js'
import { Setting } from '../../core/settings.js'

/** Every rule the gate knows, in report order. */
export const POSTURE_RULES = [
  'tag-immutability',
  'scan-configured',
  'lifecycle-policy',
  'kms-encryption',
  'repository-policy',
  'pull-through-cache',
  'lifecycle-expiry',
  'managed-signing'
] as const

export type PostureRuleId = (typeof POSTURE_RULES)[number]

/** `off` runs nothing; `warn` reports without denying; `fail` denies on anything but a pass. */
export type PostureLevel = 'off' | 'warn' | 'fail'

/** The levels of the rules that run (a rule absent here is off). */
export type PostureRules = Partial<Record<PostureRuleId, Exclude<PostureLevel, 'off'>>>

/**
 * What `posture: recommended` turns on: the controls Security Hub rates High/Medium for every
 * repository that deploys (scanning, immutable tags) and a public or cross-account-push policy fail;
 * lifecycle and KMS, which many teams choose deliberately, warn, as does a lifecycle policy that
 * will expire the deployed image within the horizon.
 */
export const RECOMMENDED: Readonly<PostureRules> = {
  'tag-immutability': 'fail',
  'scan-configured': 'fail',
  'lifecycle-policy': 'warn',
  'kms-encryption': 'warn',
  'repository-policy': 'fail',
  'lifecycle-expiry': 'warn'
}

/** A rule's mapping to other tools' ids, and the IAM actions it reads with. */
export interface RuleInfo {
  /** Security Hub control and peer ids, e.g. `ECR.2 · CKV_AWS_51 · AWS-0031`. */
  control: string
  /** The read-only IAM actions the rule needs. */
  actions: string[]
}

export const RULE_INFO: Readonly<Record<PostureRuleId, RuleInfo>> = {
  'tag-immutability': {
    control: 'Security Hub ECR.2 · CKV_AWS_51 · Trivy AWS-0031 · Prowler ecr_repositories_tag_immutability',
    actions: ['ecr:DescribeRepositories']
  },
  'scan-configured': {
    control: 'Security Hub ECR.1 · CKV_AWS_163 · Trivy AWS-0030 · Prowler ecr_registry_scan_images_on_push_enabled',
    actions: ['ecr:GetRegistryScanningConfiguration', 'ecr:DescribeRepositories']
  },
  'lifecycle-policy': {
    control: 'Security Hub ECR.3 · Prowler ecr_repositories_lifecycle_policy_enabled',
    actions: ['ecr:GetLifecyclePolicy']
  },
  'kms-encryption': {
    control: 'Security Hub ECR.5 · CKV_AWS_136 · Trivy AWS-0033',
    actions: ['ecr:DescribeRepositories']
  },
  'repository-policy': {
    control: 'CKV_AWS_32 · Trivy AWS-0032 · Prowler ecr_repositories_not_publicly_accessible · IAM Access Analyzer',
    actions: ['ecr:GetRepositoryPolicy']
  },
  'pull-through-cache': {
    control: 'pull-through cache provenance (no Security Hub control)',
    actions: ['ecr:DescribePullThroughCacheRules']
  },
  'lifecycle-expiry': {
    control: 'lifecycle expiry of the deployed image (no Security Hub control)',
    actions: ['ecr:GetLifecyclePolicy', 'ecr:DescribeImages', 'ecr:DescribeRepositories']
  },
  'managed-signing': {
    control: 'ECR managed signing (no Security Hub control)',
    actions: ['ecr:GetSigningConfiguration', 'ecr:DescribeImageSigningStatus', 'ecr:GetRegistryScanningConfiguration']
  }
}

/** Everything the posture check is asked: the rules that are on, and whom a repository policy may trust. */
export interface PostureSettings {
  rules: PostureRules
  /** Accounts besides the repository's own that may hold push-type grants (`posture-allowed-accounts`). */
  allowedAccounts: string[]
  /** The AWS Organizations id whose members may hold push-type grants (`posture-allowed-org`). */
  allowedOrg?: string
  /** Upstream registries (URLs such as `public.ecr.aws`, or types such as `ecr-public`) a cache may pull from (`posture-allowed-upstreams`). */
  allowedUpstreams?: string[]
  /** `lifecycle-expiry`: how many days ahead to predict (`lifecycle-horizon-days`, default 30). */
  horizonDays?: number
  /** `kms-encryption`: the KMS key ARNs a repository may be encrypted with (`posture-allowed-kms-keys`); empty means any KMS key. */
  allowedKmsKeys?: string[]
}

/**
 * What one rule concluded about the repository, before its level is applied: `pass`; `fail`; `warn`
 * (a weakness the rule itself never denies on, e.g. immutability with exclusions); `unknown` (the
 * configuration cannot be read from this account); `error` (a call failed or the text did not parse).
 */
export interface RuleFinding {
  outcome: 'pass' | 'fail' | 'warn' | 'unknown' | 'error'
  /** One sentence a person acts on. */
  reason: string
  /** How to fix it, as an `aws ecr …` command, when there is one. */
  fix?: string
  /** Statement-by-statement or filter-by-filter detail for the report. */
  details?: string[]
}

/** Clips a user value echoed in an error. */
function clip(value: string): string {
  const line = value.replace(/[\r\n\t]/g, ' ')
  return line.length > 80 ? `${line.slice(0, 77)}...` : line
}

/**
 * Parses the `posture` setting: `off` (or empty), `recommended`, or a comma/newline list of
 * `rule=level` entries, where `recommended` may appear as an entry that later entries override.
 * Throws a `SettingError` naming the setting and the allowed values.
 */
export function parsePostureRules(text: string): PostureRules {
  const entries = text
    .split(/[\n,]/)
    .map((s) => s.replace(/#.*$/, '').trim())
    .filter((s) => s.length > 0)
  const rules: PostureRules = {}
  const levels = ['off', 'warn', 'fail'] as const
  for (const entry of entries) {
    const lower = entry.toLowerCase()
    if (lower === 'off') {
      if (entries.length > 1) {
        throw new SettingError(
          Setting.Posture,
          `Invalid input for '${Setting.Posture}': expected 'off' alone, or recommended and rule=level entries without 'off'`
        )
      }
      continue
    }
    if (lower === 'recommended') {
      Object.assign(rules, RECOMMENDED)
      continue
    }
    const m = /^([a-z-]+)\s*=\s*([a-z]+)$/.exec(lower)
    const id = POSTURE_RULES.find((r) => r === m?.[1])
    if (m === null || id === undefined) {
      throw new SettingError(
        Setting.Posture,
        `Invalid input for '${Setting.Posture}': expected off, recommended, or rule=level entries with a rule of ${POSTURE_RULES.join(', ')}, got '${clip(entry)}'`
      )
    }
    const level = levels.find((l) => l === m[2])
    if (level === undefined) {
      throw new SettingError(
        Setting.Posture,
        `Invalid input for '${Setting.Posture}': expected a level of off, warn or fail for '${id}', got '${clip(m[2] ?? '')}'`
      )
    }
    if (level === 'off') delete rules[id]
    else rules[id] = level
  }
  return rules
}

/** Whether any rule runs. */
export function postureRequested(settings: PostureSettings | undefined): settings is PostureSettings {
  return settings !== undefined && Object.keys(settings.rules).length > 0
}

/** Parses `posture-allowed-accounts`: 12-digit account ids. */
export function parseAllowedAccounts(entries: readonly string[]): string[] {
  for (const entry of entries) {
    if (!/^\d{12}$/.test(entry)) {
      throw new SettingError(
        Setting.PostureAllowedAccounts,
        `Invalid input for '${Setting.PostureAllowedAccounts}': expected 12-digit AWS account IDs, got '${clip(entry)}'`
      )
    }
  }
  return [...new Set(entries)]
}

/** Parses `posture-allowed-upstreams`: registry host names (optionally with a port) or upstream registry types. */
export function parseAllowedUpstreams(entries: readonly string[]): string[] {
  for (const entry of entries) {
    if (!/^[a-z0-9]([a-z0-9.-]{0,252}[a-z0-9])?(:\d{1,5})?$/i.test(entry)) {
      throw new SettingError(
        Setting.PostureAllowedUpstreams,
        `Invalid input for '${Setting.PostureAllowedUpstreams}': expected registry host names such as public.ecr.aws or upstream types such as ecr-public, got '${clip(entry)}'`
      )
    }
  }
  return [...new Set(entries.map((e) => e.toLowerCase()))]
}

/** Parses `posture-allowed-org`: an AWS Organizations id (`o-` and 10 to 32 lowercase letters or digits). */
export function parseAllowedOrg(text: string): string | undefined {
  const value = text.trim()
  if (value === '') return undefined
  if (!/^o-[a-z0-9]{10,32}$/.test(value)) {
    throw new SettingError(
      Setting.PostureAllowedOrg,
      `Invalid input for '${Setting.PostureAllowedOrg}': expected an AWS Organizations ID such as o-a1b2c3d4e5, got '${clip(value)}'`
    )
  }
  return value
}

/**
 * Parses a policy document's text (repository or lifecycle policy), bounded first: the value, or
 * the `error` finding that says why it could not be read (fail closed when the rule is `fail`).
 */
export function parsePolicyText(text: string, maxChars: number, what: string): { value: unknown } | RuleFinding {
  if (text.length > maxChars) return { outcome: 'error', reason: `the ${what} text is longer than ${maxChars} characters` }
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return { outcome: 'error', reason: `the ${what} text is not valid JSON` }
  }
}

/** Parses `lifecycle-horizon-days`: a positive whole number of days, at most 3650; empty means 30. */
export function parseHorizonDays(text: string): number {
  const value = text.trim()
  if (value === '') return 30
  const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw new SettingError(
      Setting.LifecycleHorizonDays,
      `Invalid input for '${Setting.LifecycleHorizonDays}': expected a whole number of days from 1 to 3650, got '${clip(value)}'`
    )
  }
  return n
}

/** Parses `posture-allowed-kms-keys`: KMS key ARNs (`arn:aws:kms:<region>:<account>:key/<key-id>`). */
export function parseAllowedKmsKeys(entries: readonly string[]): string[] {
  for (const entry of entries) {
    if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/.test(entry)) {
      throw new SettingError(
        Setting.PostureAllowedKmsKeys,
        `Invalid input for '${Setting.PostureAllowedKmsKeys}': expected KMS key ARNs such as arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab, got '${clip(entry)}'`
      )
    }
  }
  return [...new Set(entries)]
}
