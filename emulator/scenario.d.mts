// Type declarations for scenario.mjs (plain JavaScript). Keep in sync with it.

export declare const MT: Readonly<{
  ociIndex: string
  ociManifest: string
  ociConfig: string
  ociLayer: string
  ociEmpty: string
  dockerList: string
  dockerManifest: string
  dockerConfig: string
  dockerLayer: string
  inToto: string
}>
export declare const SCAN_STATUSES: readonly string[]
export declare const FINDINGS_VISIBLE: readonly string[]

export declare class ScenarioError extends Error {}
export declare class AwsError extends Error {
  constructor(code: string, message: string, status?: number, extra?: Record<string, unknown>)
  code: string
  status: number
  extra: Record<string, unknown>
}

export interface NormPackage {
  name: string
  version: string
  fixedInVersion?: string
  packageManager: string
  release?: string
  arch?: string
  epoch?: number
}
export interface NormFinding {
  id: string
  severity: string
  title: string
  description: string
  packages: NormPackage[]
  fixAvailable: 'YES' | 'NO' | 'PARTIAL'
  exploitAvailable: 'YES' | 'NO'
  epss?: number
  cvss?: number
  status: 'ACTIVE' | 'SUPPRESSED' | 'CLOSED'
  url?: string
}
export interface PlatformInfo {
  digest: string
  os: string
  architecture: string
  variant?: string
  size: number
  mediaType: string
}
export interface ImageInfo {
  repository: string
  tag?: string
  tags: string[]
  /** top-level digest (index or manifest): what is deployed and signed */
  digest: string
  /** byte length of that manifest (descriptor size) */
  size: number
  mediaType: string
  /** what DescribeImages reports */
  imageSizeInBytes: number
  platforms: PlatformInfo[]
  attestations: { digest: string; size: number; mediaType: string; references: string }[]
  signatures: { digest: string; size: number; mediaType: string; artifactType?: string; certificateHashes?: string[] }[]
}
/** The normalised scenario (defaults filled in); see emulator/README.md. */
export interface Scenario {
  accountId: string
  /** The caller's account; another than `accountId` makes every image cross-account. */
  callerAccountId: string
  region: string
  scanType: 'ENHANCED' | 'BASIC'
  seed: number
  baseTime: number
  pullThroughCacheRules: {
    ecrRepositoryPrefix: string
    upstreamRegistryUrl: string
    upstreamRegistry?: string
    upstreamRepositoryPrefix?: string
  }[]
  /** Managed signing rules of the registry (GetSigningConfiguration); undefined when it has none. */
  signingRules?: { signingProfileArn: string; repositoryFilters?: { filterType: string; filter: string }[] }[]
  repositories: {
    name: string
    scanOnPush: boolean
    scanFrequency: string
    createdAt: number
    imageTagMutability: string
    imageTagMutabilityExclusionFilters: string[]
    encryption: { encryptionType: string; kmsKey?: string }
    lifecyclePolicy?: string
    repositoryPolicy?: string
  }[]
  images: Record<string, unknown>[]
  artifacts: Record<string, unknown>[]
  signer: {
    revoked: {
      profileVersionArns: { arn: string; effectiveFrom?: number }[]
      jobArns: { arn: string; effectiveFrom?: number }[]
      certificateHashes: string[]
    }
    profiles: { name: string; version: string; platformId: string; status: string; revokedAt?: number; validityMonths: number }[]
  }
  faults: NormFault[]
  registry: { referrersApi: boolean; redirectBlobs: boolean; tokenTtlMs: number }
}
export interface NormFault {
  service: string
  operation?: string
  kind: string
  rate?: number
  count?: number
  fromMs: number
  untilMs: number
  latencyMs: number
  bytes: number
  chunked: boolean
  digest?: string
}
export interface StoredManifest {
  bytes: Buffer
  mediaType: string
  digest: string
  pushedAt: number
  artifactType?: string
  configMediaType?: string
  subject?: string
  annotations?: Record<string, string>
  imageSizeInBytes: number
}
export interface TimelineStep {
  status: string
  description?: string
  untilMs?: number
  untilPolls?: number
  coverageReason?: string
}
export interface ScanSpec {
  timeline: TimelineStep[]
  findings: NormFinding[]
  lateFindings: { afterMs?: number; afterPolls?: number; findings: NormFinding[] } | null
}
export interface ScanBinding {
  repository: string
  digest: string
  image: string
  platform?: string
  spec: ScanSpec | null
}
export interface ScanView {
  status: string
  description: string
  final: boolean
  findings: NormFinding[]
  completedAtWall?: number
  coverageReason?: string
}
export declare class ScanTracker {
  constructor(binding: ScanBinding, opts: { manual: boolean })
  binding: ScanBinding
  spec: ScanSpec | null
  manual: boolean
  manualStarted: boolean
  startedAt: number | undefined
  polls: number
  readonly covered: boolean
  view(now: number, o?: { poll?: boolean; start?: boolean }): ScanView
  completeNow(now: number): void
  startManual(now: number): void
}
export interface RepoContent {
  manifests: Map<string, StoredManifest>
  tags: Map<string, string>
  blobs: Map<string, Buffer>
}

export declare function sha256Digest(bytes: Buffer | string): string
export declare function prng(seed: number): () => number
export declare function seedFrom(text: string): number
export declare function platformKey(p: { os: string; architecture: string; variant?: string }): string
export declare function jsonBytes(value: unknown): Buffer
export declare function cvssOf(f: NormFinding): number
export declare function generateFindings(spec: {
  count: number
  seed?: number
  severities?: Record<string, number>
  idPrefix?: string
}): NormFinding[]
export declare function normalizeScenario(raw: unknown): Scenario
export declare function loadScenario(input: unknown): Promise<Scenario>
export declare function buildContent(
  scn: Scenario
): Promise<{ repos: Map<string, RepoContent>; images: Record<string, ImageInfo>; scans: ScanBinding[] }>
export declare function referrersIndex(
  repo: RepoContent,
  subject: string,
  artifactType?: string
): { schemaVersion: 2; mediaType: string; manifests: Record<string, unknown>[] }
export declare function describeStatus(status: string): string
