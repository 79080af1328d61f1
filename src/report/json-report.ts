/**
 * The machine-readable report: the same facts as the job summary, unabridged, in the shape
 * documented by `report.schema.json` at the repository root.
 */
import { sha256Hex } from '../core/bytes.js'
import { postureJson } from './posture.js'
import { provenanceOf } from './provenance.js'
import { signatureOf, signatureSystems, signaturesRequiredOf } from './signature.js'
import { UserAgent } from '../core/constants.js'
import { findingKey } from '../policy/evaluate.js'
import type { AllowlistEntry, AllowlistUse, Finding, Policy, SeverityCounts, ImageVerdict } from '../core/types.js'
import { LazyJsonArray } from './write.js'

/** Version of the report shape; bumped on any incompatible change to report.schema.json. */
export const REPORT_SCHEMA_VERSION = 1

/** Name and version of the tool, from the user agent `ecr-deploy-gate/<version>`. */
export const TOOL = (() => {
  const [name = 'ecr-deploy-gate', version = '0.0.0'] = UserAgent.split('/')
  return { name, version } as const
})()

const MAX_TITLE = 1000
const MAX_DESCRIPTION = 4000
const MAX_URL = 2000

type Disposition = 'counted' | 'allowlisted' | 'ignored' | 'duplicate' | 'not-evaluated'

/**
 * A short stable reference for a finding (hex, 16 characters): the same vulnerability, digest and
 * packages always give the same ref, across runs. Used to link policy entries to `findings[]`.
 */
export function findingRef(finding: Finding): string {
  // Asked for each finding and again for each policy list it is in: hash it once.
  let ref = findingRefs.get(finding)
  if (ref === undefined) {
    ref = sha256Hex(findingKey(finding)).slice(0, 16)
    findingRefs.set(finding, ref)
  }
  return ref
}

const findingRefs = new WeakMap<Finding, string>()

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** `Infinity` (no limit) is `null` in JSON; so is anything else that is not a finite number. */
function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) ? n : null
}

function refOf(finding: Finding): { ref: string; id: string; digest: string } {
  return { ref: findingRef(finding), id: finding.id, digest: finding.digest }
}

function entryJson(entry: AllowlistEntry): Record<string, unknown> {
  const out: Record<string, unknown> = { id: entry.id, reason: entry.reason, expires: entry.expires }
  if (entry.package !== undefined) out.package = entry.package
  if (entry.repository !== undefined) out.repository = entry.repository
  return out
}

function useJson(use: AllowlistUse): Record<string, unknown> {
  return { entry: entryJson(use.entry), findings: use.findings.map(refOf) }
}

function countsJson(c: SeverityCounts): SeverityCounts {
  return { critical: c.critical, high: c.high, medium: c.medium, low: c.low, informational: c.informational }
}

function findingJson(
  finding: Finding,
  disposition: Disposition,
  extra: { ignoredBecause?: string; violates?: string[]; allowlistedBy?: AllowlistEntry[] }
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ref: findingRef(finding),
    id: finding.id,
    severity: finding.severity,
    title: cut(finding.title, MAX_TITLE),
    fixAvailable: finding.fixAvailable,
    packages: finding.packages.map((p) => {
      const pkg: Record<string, unknown> = { name: p.name, version: p.version }
      if (p.fixedInVersion !== undefined) pkg.fixedInVersion = p.fixedInVersion
      if (p.packageManager !== undefined) pkg.packageManager = p.packageManager
      return pkg
    }),
    digest: finding.digest,
    disposition
  }
  if (finding.description !== undefined) out.description = cut(finding.description, MAX_DESCRIPTION)
  if (finding.exploitAvailable !== undefined) out.exploitAvailable = finding.exploitAvailable
  if (typeof finding.epss === 'number' && Number.isFinite(finding.epss)) out.epss = finding.epss
  if (finding.url !== undefined && finding.url.length <= MAX_URL) out.url = finding.url
  if (finding.platform !== undefined) out.platform = finding.platform
  if (finding.status !== undefined) out.status = finding.status
  if (extra.ignoredBecause !== undefined) out.ignoredBecause = extra.ignoredBecause
  if (extra.violates !== undefined && extra.violates.length > 0) out.violates = extra.violates
  if (extra.allowlistedBy !== undefined && extra.allowlistedBy.length > 0) out.allowlistedBy = extra.allowlistedBy.map(entryJson)
  return out
}

/**
 * Every finding once, marked with what the policy did with it: `counted` (with `violates`, the
 * rules it helped break), `allowlisted` (with the entries), `ignored` (with `ignoredBecause`),
 * `duplicate` (an exact duplicate of an evaluated finding: same id, digest and packages, counted
 * once), or `not-evaluated` (the policy never saw it, e.g. the gate stopped before evaluating).
 */
function findingsJson(verdict: ImageVerdict, lazy: boolean): Record<string, unknown>[] | LazyJsonArray {
  const p = verdict.policy
  const violates = new Map<Finding, string[]>()
  for (const v of p.violations) {
    for (const f of v.findings) violates.set(f, [...(violates.get(f) ?? []), v.rule])
  }
  const counted = new Set(p.counted)
  const allowlistedBy = new Map<Finding, AllowlistEntry[]>()
  for (const use of p.allowlisted) {
    for (const f of use.findings) allowlistedBy.set(f, [...(allowlistedBy.get(f) ?? []), use.entry])
  }
  const ignored = new Map(p.ignored.map((i) => [i.finding, i.why]))
  const evaluatedKeys = new Set<string>()
  for (const f of [...counted, ...allowlistedBy.keys(), ...ignored.keys()]) evaluatedKeys.add(findingKey(f))

  // verdict.findings first (the scan's order), then anything the policy holds that it lacks.
  const ordered: Finding[] = []
  const seen = new Set<Finding>()
  for (const f of [...verdict.findings, ...p.counted, ...allowlistedBy.keys(), ...ignored.keys()]) {
    if (seen.has(f)) continue
    seen.add(f)
    ordered.push(f)
  }
  const entry = (f: Finding): Record<string, unknown> => {
    if (counted.has(f)) return findingJson(f, 'counted', { violates: violates.get(f) ?? [] })
    const by = allowlistedBy.get(f)
    if (by !== undefined) return findingJson(f, 'allowlisted', { allowlistedBy: by })
    const why = ignored.get(f)
    if (why !== undefined) return findingJson(f, 'ignored', { ignoredBecause: why })
    return findingJson(f, evaluatedKeys.has(findingKey(f)) ? 'duplicate' : 'not-evaluated', {})
  }
  return lazy ? new LazyJsonArray(ordered.length, (i) => entry(ordered[i]!)) : ordered.map(entry)
}

/** Options of {@link renderJsonReport}. */
export interface JsonReportOptions {
  /**
   * Make the finding entries only as the report is written (`writeJsonFile`), never all at once:
   * for the report file. Off, `findings` is a plain array, for callers that read the object.
   */
  lazyFindings?: boolean
}

/**
 * The JSON report (validates against `report.schema.json`):
 * `{ schemaVersion: 1, tool: { name, version }, decision, reasons, mode, evaluatedAt, image, scans,
 * policy: { severityThreshold, ignoreUnfixed, maxCounts, minEpss?, exploitableOnly,
 * allowlistEntries, counts, perDigest, violations, allowlisted, expiredAllowlist, staleAllowlist },
 * findings, signature, posture?, run? }` (`posture` only when a posture rule ran). Policy lists refer to findings by `{ ref, id, digest }`, where `ref`
 * matches `findings[].ref`. Limits of `Infinity` (no limit) are `null`. Titles are cut at 1000 and
 * descriptions at 4000 characters; nothing else is abridged.
 */
export function renderJsonReport(verdict: ImageVerdict, policy: Policy, run?: RunContext, options: JsonReportOptions = {}): object {
  const image = verdict.image
  const imageJson: Record<string, unknown> = {
    registryId: image.registryId,
    region: image.region,
    repository: image.repository,
    digest: image.digest,
    mediaType: image.mediaType,
    size: image.size,
    uri: image.uri,
    platforms: image.platforms.map((pl) => {
      const out: Record<string, unknown> = {
        digest: pl.digest,
        mediaType: pl.mediaType,
        os: pl.os,
        architecture: pl.architecture
      }
      if (pl.variant !== undefined) out.variant = pl.variant
      return out
    })
  }
  if (image.tag !== undefined) imageJson.tag = image.tag

  const scans = verdict.scans.map((s) => {
    const out: Record<string, unknown> = { digest: s.digest, scanType: s.scanType, status: s.status, polls: s.polls, done: s.done }
    if (s.platform !== undefined) out.platform = s.platform
    if (s.description !== undefined) out.description = s.description
    if (s.completedAt !== undefined) out.completedAt = s.completedAt
    if (s.notAwaited === true) out.notAwaited = true
    if (s.scanTypeSource !== undefined) out.scanTypeSource = s.scanTypeSource
    return out
  })

  const result = verdict.policy
  const perDigest: Record<string, SeverityCounts> = {}
  for (const [digest, counts] of Object.entries(result.perDigest)) perDigest[digest] = countsJson(counts)
  const policyJson: Record<string, unknown> = {
    severityThreshold: policy.severityThreshold,
    ignoreUnfixed: policy.ignoreUnfixed,
    maxCounts: {
      critical: finiteOrNull(policy.maxCounts.critical),
      high: finiteOrNull(policy.maxCounts.high),
      medium: finiteOrNull(policy.maxCounts.medium),
      low: finiteOrNull(policy.maxCounts.low)
    },
    exploitableOnly: policy.exploitableOnly === true,
    allowlistEntries: policy.allowlist.length,
    counts: countsJson(result.counts),
    perDigest,
    violations: result.violations.map((v) => ({
      rule: v.rule,
      severity: v.severity,
      limit: finiteOrNull(v.limit),
      count: v.count,
      findings: v.findings.map(refOf)
    })),
    allowlisted: result.allowlisted.map(useJson),
    expiredAllowlist: result.expiredAllowlist.map(useJson),
    staleAllowlist: result.staleAllowlist.map(entryJson),
    nearMissAllowlist: result.nearMissAllowlist.map((m) => ({ entry: entryJson(m.entry), finding: refOf(m.finding), why: m.why }))
  }
  if (policy.minEpss !== undefined && Number.isFinite(policy.minEpss)) policyJson.minEpss = policy.minEpss

  const s = signatureOf(verdict)
  const signature: Record<string, unknown> = { status: s.status }
  for (const key of ['signer', 'signingProfile', 'signedAt', 'envelope', 'signatureDigest', 'trustPolicy', 'level', 'reason'] as const) {
    const value = s[key]
    if (value !== undefined) signature[key] = value
  }
  if (s.details !== undefined) signature.details = [...s.details]
  // cosign and Sigstore signatures: each system's result and evidence.
  const systems = signatureSystems(verdict)
  if (systems !== undefined) signature.systems = systems
  const required = signaturesRequiredOf(verdict)
  if (required !== undefined) signature.required = required

  const posture = postureJson(verdict)
  const provenance = provenanceOf(verdict)
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    decision: verdict.decision,
    reasons: [...verdict.reasons],
    mode: verdict.mode,
    evaluatedAt: verdict.evaluatedAt,
    image: imageJson,
    scans,
    policy: policyJson,
    findings: findingsJson(verdict, options.lazyFindings === true),
    signature,
    ...(posture.rules.length > 0 ? { posture } : {}),
    ...(provenance !== undefined ? { provenance } : {}),
    ...(run !== undefined && Object.keys(run).length > 0 ? { run: { ...run } } : {})
  }
}

/**
 * Which workflow run made the verdict: the audit trail for "who approved this digest". Read from the
 * runner's environment by main.ts; every field is optional (absent outside GitHub Actions).
 */
export interface RunContext {
  repository?: string
  runId?: string
  runAttempt?: string
  workflow?: string
  job?: string
  sha?: string
  ref?: string
  actor?: string
  /** `<server>/<repository>/actions/runs/<runId>` */
  runUrl?: string
}

/** Builds the RunContext from the standard `GITHUB_*` variables, bounding each value. */
export function runContextFromEnv(env: NodeJS.ProcessEnv): RunContext {
  const pick = (name: string): string | undefined => {
    const value = env[name]?.trim()
    return value ? value.slice(0, 256) : undefined
  }
  const run: RunContext = {}
  const fields: [keyof RunContext, string][] = [
    ['repository', 'GITHUB_REPOSITORY'],
    ['runId', 'GITHUB_RUN_ID'],
    ['runAttempt', 'GITHUB_RUN_ATTEMPT'],
    ['workflow', 'GITHUB_WORKFLOW'],
    ['job', 'GITHUB_JOB'],
    ['sha', 'GITHUB_SHA'],
    ['ref', 'GITHUB_REF'],
    ['actor', 'GITHUB_ACTOR']
  ]
  for (const [key, name] of fields) {
    const value = pick(name)
    if (value !== undefined) run[key] = value
  }
  const server = pick('GITHUB_SERVER_URL')
  if (server !== undefined && run.repository !== undefined && run.runId !== undefined && /^https:\/\/[^\s/]+$/.test(server)) {
    run.runUrl = `${server}/${run.repository}/actions/runs/${run.runId}`
  }
  return run
}
