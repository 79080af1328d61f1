/** The vulnerability policy: a pure function from findings and a policy to a `PolicyResult`. */
import type {
  AllowlistEntry,
  AllowlistUse,
  Finding,
  Policy,
  PolicyResult,
  SeverityCounts,
  ThresholdSeverity,
  Violation
} from '../core/types.js'
import { severityKey, severityRank, zeroCounts } from './severity.js'

type IgnoreReason = PolicyResult['ignored'][number]['why']

/** The severities that have a `max-*` limit, highest first. */
const LIMITED: readonly { severity: ThresholdSeverity; key: 'critical' | 'high' | 'medium' | 'low' }[] = [
  { severity: 'CRITICAL', key: 'critical' },
  { severity: 'HIGH', key: 'high' },
  { severity: 'MEDIUM', key: 'medium' },
  { severity: 'LOW', key: 'low' }
]

const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Identity of a finding for de-duplication: the same vulnerability reported twice for the same
 * digest and the same packages is one finding.
 */
export function findingKey(finding: Finding): string {
  // Evaluation and every report ask for the key of each finding (tens of thousands of them): build it once.
  let key = findingKeys.get(finding)
  if (key === undefined) {
    const packages = finding.packages.map((p) => `${p.name}@${p.version}`).sort()
    key = JSON.stringify([finding.id.toUpperCase(), finding.digest, packages])
    findingKeys.set(finding, key)
  }
  return key
}

/** Keys already built, per finding object; a finding's id, digest and packages never change once collected. */
const findingKeys = new WeakMap<Finding, string>()

/**
 * Compiles a repository glob: `*` matches any run of characters except `/`, `**` any run
 * including `/`, `?` one character except `/` (the same rules as GitHub Actions path filters, so
 * `team/*` does not reach into `team/a/b`). Everything else matches literally.
 */
export function repositoryGlob(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string
    if (c === '*') {
      if (glob[i + 1] === '*') {
        source += '.*'
        i++
      } else {
        source += '[^/]*'
      }
    } else if (c === '?') {
      source += '[^/]'
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
    }
  }
  return new RegExp(`^${source}$`)
}

/** Whether an allowlist entry names this finding in this repository. */
/**
 * Why an entry does not cover a finding: `undefined` when the ids differ (it is about another
 * vulnerability), `null` when it matches, else the `package` or `repository` that did not match.
 */
function missOf(entry: AllowlistEntry, glob: RegExp | undefined, finding: Finding, repository: string): string | null | undefined {
  if (entry.id.toUpperCase() !== finding.id.toUpperCase()) return undefined
  if (entry.package !== undefined && !finding.packages.some((p) => p.name === entry.package)) {
    const names = finding.packages.map((p) => `'${p.name}'`).join(', ') || 'none'
    return `package '${entry.package}' is not the finding's (${names})`
  }
  if (glob !== undefined && !glob.test(repository)) return `repository '${entry.repository}' does not match '${repository}'`
  return null
}

/**
 * A limit as the policy means it. A limit that is not a number ≥ 0 (NaN from a bad parse, a
 * negative) becomes 0: `count > NaN` is always false and would silently let everything through.
 * `Infinity` stays: it is an explicit "no limit".
 */
function limitOf(value: number): number {
  return typeof value === 'number' && value >= 0 ? value : 0
}

/**
 * Applies the policy to the findings of every scanned digest. Pure: `now` and `repository` are the
 * only context.
 *
 * For each finding (the scan stage passes only ACTIVE findings), the first rule that applies wins:
 * 1. `below-threshold`: its severity ranks under `severityThreshold` (UNTRIAGED and UNDEFINED rank
 *    with INFORMATIONAL).
 * 2. `unfixed`: `ignoreUnfixed` and `fixAvailable === 'NO'`; PARTIAL and UNKNOWN still count.
 * 3. `epss`: `minEpss` is set and the finding's EPSS is known and below it; unknown EPSS counts.
 * 4. `not-exploitable`: `exploitableOnly` and `exploitAvailable === false`; unknown counts.
 * 5. Allowlist: an entry matches when its id equals the finding's (case-insensitive), its
 *    `package` (if set) is one of the finding's package names, and its `repository` glob (if set)
 *    matches `repository`. An entry whose `expires` day is before the UTC day of `now` is expired:
 *    it does not apply and is reported in `expiredAllowlist` with the findings it would have
 *    matched (which still count). A live matching entry takes the finding out of the count and is
 *    reported in `allowlisted`. An entry whose id names a finding that still counts but whose
 *    `package` or `repository` does not match is a near miss (`nearMissAllowlist`, with why). A live
 *    entry that matches no finding at all — not even one a filter already ignored — and is no near
 *    miss is reported in `staleAllowlist` (the vulnerability is gone: delete the entry).
 * 6. What is left is counted, per severity and per digest.
 * 7. For CRITICAL, HIGH, MEDIUM and LOW at or above the threshold, `count > maxCounts[severity]` is a
 *    violation (`rule: 'max-critical'` … naming the input). INFORMATIONAL findings that count (only
 *    with threshold INFORMATIONAL) are tallied and reported but never violate: there is no
 *    `max-informational` input, and blocking on every informational finding would make that
 *    threshold unusable.
 *
 * A vulnerability present in two platform images counts once per platform digest, because that is
 * how Inspector reports it and each platform is deployed separately. Exact duplicates (same id,
 * digest and packages) count once.
 */
export function evaluate(findings: Finding[], policy: Policy, now: Date, repository: string): PolicyResult {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('evaluate: `now` must be a valid Date')
  }
  const today = now.toISOString().slice(0, 10)
  const thresholdRank = severityRank(policy.severityThreshold)

  // An entry with a malformed expiry (only possible when not built by parseAllowlist) is treated
  // as expired: an allowlist entry must prove it is live.
  const entries = policy.allowlist.map((entry) => ({
    entry,
    glob: entry.repository !== undefined ? repositoryGlob(entry.repository) : undefined,
    expired: !DAY.test(entry.expires) || entry.expires < today,
    matched: [] as Finding[],
    matchedAny: false,
    /** Findings the entry names by id but does not cover, with why. */
    misses: [] as { finding: Finding; why: string }[]
  }))

  const counted: Finding[] = []
  const ignored: PolicyResult['ignored'] = []
  const perDigest: Record<string, SeverityCounts> = {}
  const counts = zeroCounts()
  const seen = new Set<string>()

  for (const finding of findings) {
    const key = findingKey(finding)
    if (seen.has(key)) continue
    seen.add(key)
    perDigest[finding.digest] ??= zeroCounts()

    let why: IgnoreReason | undefined
    if (severityRank(finding.severity) < thresholdRank) why = 'below-threshold'
    else if (policy.ignoreUnfixed && finding.fixAvailable === 'NO') why = 'unfixed'
    else if (
      policy.minEpss !== undefined &&
      typeof finding.epss === 'number' &&
      Number.isFinite(finding.epss) &&
      finding.epss < policy.minEpss
    ) {
      why = 'epss'
    } else if (policy.exploitableOnly === true && finding.exploitAvailable === false) why = 'not-exploitable'

    let allowlisted = false
    for (const candidate of entries) {
      const miss = missOf(candidate.entry, candidate.glob, finding, repository)
      if (typeof miss === 'string') {
        if (why === undefined) candidate.misses.push({ finding, why: miss })
        continue
      }
      if (miss === undefined) continue
      candidate.matchedAny = true
      if (why !== undefined) continue
      candidate.matched.push(finding)
      if (!candidate.expired) allowlisted = true
    }

    if (why !== undefined) {
      ignored.push({ finding, why })
      continue
    }
    if (allowlisted) continue
    counted.push(finding)
    const sev = severityKey(finding.severity)
    counts[sev]++
    ;(perDigest[finding.digest] as SeverityCounts)[sev]++
  }

  const allowlistedUses: AllowlistUse[] = []
  const expiredAllowlist: AllowlistUse[] = []
  const staleAllowlist: AllowlistEntry[] = []
  const countedSet = new Set(counted)
  const nearMissAllowlist: PolicyResult['nearMissAllowlist'] = []
  for (const candidate of entries) {
    // An entry naming a counted vulnerability by id that missed on package or repository was meant
    // for it: say why it did not apply, and never call it stale.
    for (const miss of candidate.misses) {
      if (countedSet.has(miss.finding)) nearMissAllowlist.push({ entry: candidate.entry, finding: miss.finding, why: miss.why })
    }
    if (candidate.expired) expiredAllowlist.push({ entry: candidate.entry, findings: candidate.matched })
    else if (candidate.matched.length > 0) allowlistedUses.push({ entry: candidate.entry, findings: candidate.matched })
    else if (!candidate.matchedAny && candidate.misses.length === 0) staleAllowlist.push(candidate.entry)
  }

  const violations: Violation[] = []
  for (const { severity, key } of LIMITED) {
    if (severityRank(severity) < thresholdRank) continue
    const limit = limitOf(policy.maxCounts[key])
    const count = counts[key]
    if (count > limit) {
      violations.push({
        rule: `max-${key}`,
        severity,
        limit,
        count,
        findings: counted.filter((f) => severityKey(f.severity) === key)
      })
    }
  }

  return {
    counted,
    violations,
    allowlisted: allowlistedUses,
    expiredAllowlist,
    staleAllowlist,
    nearMissAllowlist,
    counts,
    ignored,
    perDigest
  }
}
