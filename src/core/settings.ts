/**
 * The keys of the gate's settings: one vocabulary for everything a run can be told, whichever adapter
 * told it. Core errors (`SettingError`) and core messages name a setting by its key, in quotes
 * (`'scan-timeout'`). Each adapter maps the keys to what its users type: the Action to its inputs
 * (today the same kebab-case names, checked by a test), a command line to `--<key>` flags.
 */
export const Setting = {
  Repository: 'repository',
  Tag: 'tag',
  Digest: 'digest',
  Image: 'image',
  Images: 'images',
  RegistryId: 'registry-id',
  Region: 'region',
  SeverityThreshold: 'severity-threshold',
  IgnoreUnfixed: 'ignore-unfixed',
  MaxCritical: 'max-critical',
  MaxHigh: 'max-high',
  MaxMedium: 'max-medium',
  MaxLow: 'max-low',
  Allowlist: 'allowlist',
  MinEpss: 'min-epss',
  ExploitableOnly: 'exploitable-only',
  ScanTimeout: 'scan-timeout',
  Timeout: 'timeout',
  ScanType: 'scan-type',
  StartScan: 'start-scan',
  Mode: 'mode',
  FailFast: 'fail-fast',
  ReportFile: 'report-file',
  SarifFile: 'sarif-file',
  Summary: 'summary',
  SigningProfileArns: 'signing-profile-arns',
  TrustPolicy: 'trust-policy',
  TrustStore: 'trust-store',
  Posture: 'posture',
  PostureAllowedAccounts: 'posture-allowed-accounts',
  PostureAllowedOrg: 'posture-allowed-org',
  PostureAllowedUpstreams: 'posture-allowed-upstreams',
  // The policy file (config/policy-file.ts): every other setting may come from it.
  Policy: 'policy'
} as const

/** One setting's key. */
export type SettingKey = (typeof Setting)[keyof typeof Setting]

/** Every key, for adapters that check their mapping covers them all. */
export const SETTING_KEYS: readonly SettingKey[] = Object.values(Setting)
