/**
 * The data model shared by every stage of the gate (see DESIGN.md, "The data model").
 * Types only: no behaviour lives here.
 */

/** Inspector / ECR severities, highest first. UNTRIAGED and UNDEFINED rank with INFORMATIONAL. */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNTRIAGED' | 'UNDEFINED'

/** Severities a user can name as a threshold or a limit. */
export type ThresholdSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'

export type ScanType = 'ENHANCED' | 'BASIC'

/**
 * How the gate knew a scan's type: `configured` (the `scan-type` setting), `registry` (the caller's
 * registry scanning configuration), `inferred` (from what ECR returned for the image itself: another
 * account's registry, whose configuration the caller cannot read).
 */
export type ScanTypeSource = 'configured' | 'registry' | 'inferred'

/** One platform image under a multi-arch index (attestation manifests already dropped). */
export interface PlatformImage {
  digest: string
  mediaType: string
  os: string
  architecture: string
  variant?: string
}

/** The image the gate judges, resolved once to an immutable digest. */
export interface ImageTarget {
  registryId: string
  region: string
  repository: string
  tag?: string
  /** The digest that is deployed and signed (the index digest for a multi-arch image). */
  digest: string
  mediaType: string
  /** Size in bytes of the manifest at `digest` (needed for the Notation subject descriptor). */
  size: number
  /** `<registryId>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:…` */
  uri: string
  /** Platform manifests of an index; empty for a single-platform image. */
  platforms: PlatformImage[]
}

/**
 * Every status the gate can see for one scanned digest. The ECR statuses, plus
 * `SCAN_NOT_FOUND` (no record before the deadline) and `TIMEOUT` (still pending at the deadline),
 * plus `ERROR` (an AWS call failed after retries).
 */
export type ScanStatus =
  | 'COMPLETE'
  | 'ACTIVE'
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'FAILED'
  | 'UNSUPPORTED_IMAGE'
  | 'SCAN_ELIGIBILITY_EXPIRED'
  | 'FINDINGS_UNAVAILABLE'
  | 'LIMIT_EXCEEDED'
  | 'IMAGE_ARCHIVED'
  | 'SCAN_NOT_FOUND'
  | 'TIMEOUT'
  | 'ERROR'
  | 'UNKNOWN'

export interface ScanState {
  digest: string
  /** Which platform this digest is, e.g. `linux/arm64/v8`; absent for a single-platform image. */
  platform?: string
  scanType: ScanType
  /** How `scanType` was known; absent in results made before it was recorded. */
  scanTypeSource?: ScanTypeSource
  status: ScanStatus
  description?: string
  /** ISO 8601 */
  completedAt?: string
  /** How many DescribeImageScanFindings polls the wait made. */
  polls: number
  /** Whether the gate may judge findings of this digest (COMPLETE/ACTIVE and settled). */
  done: boolean
  /**
   * True when the gate stopped waiting for this scan because the verdict was already `fail`
   * (fail-fast): `status` is the last one seen and the scan is never `done`.
   */
  notAwaited?: boolean
}

export type FixAvailable = 'YES' | 'PARTIAL' | 'NO' | 'UNKNOWN'

export interface FindingPackage {
  name: string
  version: string
  fixedInVersion?: string
  packageManager?: string
}

export interface Finding {
  /** CVE-…, GHSA-…, ALAS-…; for basic scanning the finding `name`. */
  id: string
  severity: Severity
  title: string
  description?: string
  fixAvailable: FixAvailable
  exploitAvailable?: boolean
  /** EPSS probability 0..1 when known (Inspector2 only). */
  epss?: number
  packages: FindingPackage[]
  url?: string
  /** Which scanned digest (platform manifest) the finding belongs to. */
  digest: string
  platform?: string
  /** Inspector status; only ACTIVE findings ever reach the policy. */
  status?: 'ACTIVE' | 'SUPPRESSED' | 'CLOSED'
}

export interface AllowlistEntry {
  id: string
  reason: string
  /** YYYY-MM-DD; the entry applies up to and including this UTC day. */
  expires: string
  package?: string
  /** Glob on the repository name (`*` and `?`). */
  repository?: string
}

export type SeverityCounts = Record<'critical' | 'high' | 'medium' | 'low' | 'informational', number>

export interface Policy {
  severityThreshold: ThresholdSeverity
  ignoreUnfixed: boolean
  maxCounts: { critical: number; high: number; medium: number; low: number }
  allowlist: AllowlistEntry[]
  /** Only findings with EPSS ≥ this count; a finding whose EPSS is unknown still counts (fail closed). */
  minEpss?: number
  /** Only findings with a known exploit count; a finding whose exploit status is unknown still counts. */
  exploitableOnly?: boolean
  /** Warn when an applied allowlist entry expires within this many days (absent: `ALLOWLIST_WARN_DAYS`, 0: never). */
  allowlistWarnDays?: number
}

export interface Violation {
  /** Which rule: e.g. `max-critical` — names the input that set the limit. */
  rule: string
  severity: ThresholdSeverity
  limit: number
  count: number
  findings: Finding[]
}

export interface AllowlistUse {
  entry: AllowlistEntry
  findings: Finding[]
}

export interface PolicyResult {
  /** Findings that count against the limits (after threshold, filters and allowlist). */
  counted: Finding[]
  violations: Violation[]
  /** Live entries that matched at least one finding, with what they matched. */
  allowlisted: AllowlistUse[]
  /** Entries whose expiry has passed (they no longer apply); the findings they would have matched still count. */
  expiredAllowlist: AllowlistUse[]
  /** Live entries that matched nothing (and are no near miss). */
  staleAllowlist: AllowlistEntry[]
  /** Entries that name a counted finding by id but miss on `package` or `repository`, with why. */
  nearMissAllowlist: { entry: AllowlistEntry; finding: Finding; why: string }[]
  /** Counted findings by severity. */
  counts: SeverityCounts
  /** Findings left out by a filter, and which: threshold, unfixed, epss, exploit. */
  ignored: { finding: Finding; why: 'below-threshold' | 'unfixed' | 'epss' | 'not-exploitable' }[]
  /** Per scanned digest, counted findings by severity. */
  perDigest: Record<string, SeverityCounts>
}

export type SignatureStatus = 'verified' | 'missing' | 'invalid' | 'untrusted' | 'revoked' | 'expired' | 'skipped'

export interface SignatureResult {
  status: SignatureStatus
  /** Subject of the leaf certificate that signed. */
  signer?: string
  /** AWS Signer signing profile version ARN, when the envelope carries one. */
  signingProfile?: string
  /** ISO 8601: authenticSigningTime or signingTime. */
  signedAt?: string
  /** `application/jose+json` or `application/cose` */
  envelope?: string
  /** Digest of the signature manifest that verified (or was judged). */
  signatureDigest?: string
  /** Trust policy statement that applied. */
  trustPolicy?: string
  /** Signature verification level that applied. */
  level?: 'strict' | 'permissive' | 'audit' | 'skip'
  reason?: string
  /** One line per signature examined, for the report. */
  details?: string[]
}

/** What kind of question a check answers. */
export type CheckKind = 'signature' | 'attestation' | 'posture'

/**
 * The status of one check. `verified` and `passed` are passes; `warning` and `skipped` never deny
 * (a check reports them with `enforced: false`); every other status denies when `enforced`.
 */
export type CheckStatus =
  'verified' | 'passed' | 'missing' | 'invalid' | 'untrusted' | 'revoked' | 'expired' | 'warning' | 'failed' | 'error' | 'skipped'

/**
 * The result of one check (see `checks/check.ts`): what it found, whether a non-pass denies the
 * image, the reasons a person acts on, and evidence for the report.
 */
export interface CheckResult<Evidence extends object = object> {
  /** Stable id, e.g. `signature/notation`. */
  id: string
  kind: CheckKind
  /** The system it speaks for, e.g. `notation`, `cosign`. */
  system?: string
  status: CheckStatus
  /** Whether a status other than `verified`/`passed` denies the image. */
  enforced: boolean
  /** Why the status is what it is; for a denying result, the text `decide` reports. */
  reasons: string[]
  /** Who signed, which key or identity or profile, when; what built it; which rule. */
  evidence: Evidence
}

/** One image's verdict: the decision and everything it was made from. */
export interface ImageVerdict {
  decision: 'pass' | 'fail'
  reasons: string[]
  mode: 'enforce' | 'audit'
  image: ImageTarget
  scans: ScanState[]
  findings: Finding[]
  policy: PolicyResult
  /** Every check that ran for the image, in a fixed order. */
  checks: CheckResult[]
  /** ISO 8601 time the verdict was made. */
  evaluatedAt: string
}

/** One image of a run: its verdict, or the error that stopped the gate before one (e.g. not resolvable). */
export type ImageOutcome = { reference: string; verdict: ImageVerdict } | { reference: string; error: string }

/** What one run decided: `pass` only when every image has a passing verdict. */
export interface RunResult {
  decision: 'pass' | 'fail'
  mode: 'enforce' | 'audit'
  /** One per image asked for, in request order. */
  images: ImageOutcome[]
  /** Whether the request listed its images as a batch (this decides the report's shape). */
  batch: boolean
  /** A failure of the run as a whole (bad settings, the run limit), when it stopped before or after the verdicts. */
  error?: string
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

/**
 * One Notation signature as fetched from the registry by `registry/`: the signature manifest's
 * digest, its parsed subject, and the envelope bytes (already size-bounded and digest-checked).
 */
export interface FetchedSignature {
  /** Digest of the signature manifest. */
  manifestDigest: string
  /** The manifest's `subject` descriptor: which manifest this signature claims to sign. */
  subject?: Descriptor
  /** `application/jose+json` or `application/cose` (the envelope layer's media type). */
  envelopeMediaType: string
  envelope: Uint8Array
  /** Why the registry layer could not hand over a usable envelope (then `envelope` is empty). */
  problem?: string
}

/** The request the AWS Signer plugin sends to `signer:GetRevocationStatus`. */
export interface RevocationRequest {
  /** authenticSigningTime of the signature. */
  signatureTimestamp: Date
  /** e.g. `Notation-OCI-SHA384-ECDSA` */
  platformId: string
  profileVersionArn: string
  jobArn: string
  /** `hex(sha384(TBS(cert_i))) + hex(sha384(TBS(cert_i+1)))`, leaf first, root paired with itself. */
  certificateHashes: string[]
}

/** Port for revocation: the adapter in `aws/` calls Signer; tests pass a fake. */
export type RevocationCheck = (request: RevocationRequest) => Promise<{ revokedEntities: string[] }>
