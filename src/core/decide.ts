/**
 * The verdict: pure, fail-closed. A `pass` needs every scanned digest done, every finding collection
 * complete, no policy violation, and every enforced check passed. It knows no check's system: a
 * check says itself, through `enforced`, whether a non-pass denies.
 */
import type { CheckResult, PolicyResult, ScanState } from './types.js'

/** What `decide` needs beyond the stage results. */
export interface DecideInput {
  scans: ScanState[]
  /** Digests whose findings could not be read completely, with why. */
  findingErrors: { digest: string; platform?: string; reason: string }[]
  policy: PolicyResult
  /** Every check's result; an enforced one that did not pass denies, with its reasons. */
  checks: CheckResult[]
}

/** Returns the decision and every reason it is `fail` (empty for `pass`). */
export function decide(input: DecideInput): { decision: 'pass' | 'fail'; reasons: string[] } {
  const reasons: string[] = []
  // A scan not awaited (fail-fast) still denies, but after what made the verdict fail in the first place.
  const notAwaited: string[] = []
  if (input.scans.length === 0) reasons.push('No image digest was scanned, so nothing can be judged')
  for (const scan of input.scans) {
    if (scan.done && scan.notAwaited !== true && (scan.status === 'COMPLETE' || scan.status === 'ACTIVE')) continue
    ;(scan.notAwaited === true ? notAwaited : reasons).push(`${label(scan.digest, scan.platform)}: ${scanReason(scan)}`)
  }
  for (const error of input.findingErrors) {
    reasons.push(`${label(error.digest, error.platform)}: findings could not be read completely: ${error.reason}`)
  }
  for (const v of input.policy.violations) {
    const ids = [...new Set(v.findings.map((f) => f.id))]
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` (+${ids.length - 5} more)` : '')
    const notes = allowlistNotes(input.policy, v.findings)
    reasons.push(
      `${v.count} ${v.severity} finding${v.count === 1 ? '' : 's'} counted, '${v.rule}' allows ${v.limit}: ${shown}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`
    )
  }
  for (const check of input.checks) {
    if (!check.enforced || check.status === 'verified' || check.status === 'passed') continue
    // Fail closed: a denying result without a stated reason still names itself.
    if (check.reasons.length === 0) reasons.push(`${check.id}: ${check.status}`)
    else for (const reason of check.reasons) reasons.push(reason)
  }
  for (const reason of notAwaited) reasons.push(reason)
  return { decision: reasons.length === 0 ? 'pass' : 'fail', reasons }
}

/** Most allowlist notes added to one violation's reason; the summary and report list them all. */
const MAX_ALLOWLIST_NOTES = 3

/**
 * Why allowlist entries meant for these findings did not apply: an entry that matched by id but
 * not by package or repository, or one that has expired. Said in the blocking reason, so the person
 * fixes the entry instead of deleting it.
 */
function allowlistNotes(policy: PolicyResult, findings: readonly PolicyResult['counted'][number][]): string[] {
  const these = new Set(findings)
  const notes: string[] = []
  const seen = new Set<string>()
  const add = (note: string): void => {
    if (!seen.has(note)) notes.push(note)
    seen.add(note)
  }
  for (const miss of policy.nearMissAllowlist) {
    if (these.has(miss.finding)) add(`the allowlist entry for ${miss.entry.id} matched by id, but its ${miss.why}`)
  }
  for (const use of policy.expiredAllowlist) {
    if (use.findings.some((f) => these.has(f))) add(`the allowlist entry for ${use.entry.id} expired on ${use.entry.expires}`)
  }
  return notes.length > MAX_ALLOWLIST_NOTES
    ? [...notes.slice(0, MAX_ALLOWLIST_NOTES), `${notes.length - MAX_ALLOWLIST_NOTES} more allowlist notes in the report`]
    : notes
}

/** `linux/arm64 (sha256:0123456789ab)` or just the short digest. */
export function label(digest: string, platform?: string): string {
  const short = digest.slice(0, 19)
  return platform ? `${platform} (${short})` : short
}

function scanReason(scan: ScanState): string {
  const detail = scan.description ? `: ${scan.description}` : ''
  if (scan.notAwaited === true) return `scan ${scan.status}, ${scan.description ?? 'not awaited'}`
  switch (scan.status) {
    case 'TIMEOUT':
      return `scan did not finish before scan-timeout${detail}`
    case 'SCAN_NOT_FOUND':
      return `no scan was found for this image${detail}`
    case 'ERROR':
      return `scan status could not be read${detail}`
    case 'COMPLETE':
    case 'ACTIVE':
      return `scan findings did not settle${detail}`
    default:
      return `scan status ${scan.status}${detail}`
  }
}
