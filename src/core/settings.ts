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
  // Repository posture: the lifecycle-expiry horizon and the kms-encryption key allow-list.
  LifecycleHorizonDays: 'lifecycle-horizon-days',
  PostureAllowedKmsKeys: 'posture-allowed-kms-keys',
  // What an adopter sees (issue 15)
  AllowlistWarnDays: 'allowlist-warn-days',
  // cosign and Sigstore signatures
  CosignKey: 'cosign-key',
  CosignCertificateIdentity: 'cosign-certificate-identity',
  CosignCertificateIdentityRegexp: 'cosign-certificate-identity-regexp',
  CosignCertificateOidcIssuer: 'cosign-certificate-oidc-issuer',
  CosignCertificateOidcIssuerRegexp: 'cosign-certificate-oidc-issuer-regexp',
  SigstoreTrustedRoot: 'sigstore-trusted-root',
  SigstoreTufMirror: 'sigstore-tuf-mirror',
  SigstoreTufRoot: 'sigstore-tuf-root',
  CosignIgnoreTlog: 'cosign-ignore-tlog',
  SignaturesRequired: 'signatures-required',
  // Build provenance (GitHub artifact attestations)
  Attestation: 'attestation',
  AttestationOwner: 'attestation-owner',
  AttestationRepo: 'attestation-repo',
  AttestationSignerWorkflow: 'attestation-signer-workflow',
  AttestationSignerRepo: 'attestation-signer-repo',
  AttestationSourceRef: 'attestation-source-ref',
  AttestationSourceDigest: 'attestation-source-digest',
  AttestationSignerDigest: 'attestation-signer-digest',
  AttestationOidcIssuer: 'attestation-oidc-issuer',
  AttestationDenySelfHostedRunners: 'attestation-deny-self-hosted-runners',
  AttestationPredicateType: 'attestation-predicate-type',
  AttestationSource: 'attestation-source',
  AttestationTrustedRoot: 'attestation-trusted-root',
  AttestationTufMirror: 'attestation-tuf-mirror',
  AttestationTufRoot: 'attestation-tuf-root',
  GithubToken: 'github-token',
  // The policy file (config/policy-file.ts): every other setting may come from it.
  Policy: 'policy'
} as const

/** One setting's key. */
export type SettingKey = (typeof Setting)[keyof typeof Setting]

/** Every key, for adapters that check their mapping covers them all. */
export const SETTING_KEYS: readonly SettingKey[] = Object.values(Setting)
