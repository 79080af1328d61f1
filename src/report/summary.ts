/**
 * The job summary: the verdict first, then why, then the evidence. Every piece of text that came
 * from outside (finding titles, package names, AWS messages, allowlist reasons, tags) goes through
 * `escapeMarkdown`; links are built only by `advisoryLink` from vetted ids. The output is bounded
 * in UTF-8 bytes: long lists are cut first, and if that is not enough a short summary points at the
 * JSON report.
 */
import { postureOf } from './posture.js'
import { provenanceOf } from './provenance.js'
import { signatureOf, signatureSystems } from './signature.js'
import { Limits } from '../core/constants.js'
import { severityRank } from '../policy/severity.js'
import type { AllowlistEntry, AllowlistUse, Finding, ScanState, SeverityCounts, ImageVerdict, Policy, Severity } from '../core/types.js'
import { advisoryLink, escapeMarkdown, escapeMarkdownKeepingRefs, plainLine } from './escape.js'

/** Options of `renderSummary`. */
export interface SummaryOptions {
  /** Path of the JSON report, named wherever the summary leaves something out. */
  reportFile?: string
  /** The result is strictly smaller than this many UTF-8 bytes (default `Limits.summaryBytes`). */
  maxBytes?: number
  /** The policy the verdict was judged under: a pass names it in one line. */
  policy?: Policy
}

/** `1 finding`, `2 findings`; `plural(1, 'entry', 'entries')`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

const DIGEST = /^sha256:[0-9a-f]{64}$/
const MAX_REASONS = 50
const MAX_SCAN_ROWS = 200
const MAX_SIGNATURE_DETAILS = 20
/** Bytes kept back for headings, wrappers and "… more" lines around the bounded lists. */
const SLACK_BYTES = 4096

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text
  const buf = Buffer.from(text, 'utf8').subarray(0, Math.max(0, max))
  // A partial trailing sequence decodes to U+FFFD (3 bytes); drop it and anything after.
  let out = buf.toString('utf8')
  while (out.length > 0 && (out.endsWith('\ufffd') || bytes(out) > max)) out = out.slice(0, -1)
  return out
}

/** `sha256:0123456789ab` in a code span when the digest is well-formed, else escaped text. */
function shortDigest(digest: string): string {
  return DIGEST.test(digest) ? `\`${digest.slice(0, 19)}\`` : escapeMarkdown(digest, 80)
}

function fullDigest(digest: string): string {
  return DIGEST.test(digest) ? `\`${digest}\`` : escapeMarkdown(digest, 100)
}

/** A fenced code block whose fence cannot be closed by the content. */
function codeBlock(text: string): string {
  const line = plainLine(text, 2000)
  const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (m) => m[0].length))
  const fence = '`'.repeat(Math.max(3, longest + 1))
  return `${fence}text\n${line}\n${fence}`
}

function reportPointer(reportFile: string | undefined): string {
  return reportFile ? `the JSON report ${escapeMarkdown(reportFile, 500)}` : 'the JSON report'
}

/** The verdict heading, which is always the first line. */
function heading(verdict: ImageVerdict): string {
  if (verdict.decision === 'pass') {
    return verdict.mode === 'audit' ? '## ✅ Deploy allowed (audit mode)' : '## ✅ Deploy allowed'
  }
  return verdict.mode === 'audit' ? '## ❌ Would be blocked (audit mode)' : '## ❌ Deploy blocked'
}

const COUNT_KEYS = ['critical', 'high', 'medium', 'low'] as const

/**
 * The policy a pass was judged under, in one line: `HIGH and above, 0 allowed · 1 allowlisted ·
 * signature verified by CN=release`. Without the policy (an old caller) only the rest is said.
 */
export function policyLine(verdict: ImageVerdict, policy: Policy | undefined): string {
  const parts: string[] = []
  if (policy !== undefined) {
    const threshold = severityRank(policy.severityThreshold)
    const keys = COUNT_KEYS.filter((k) => severityRank(k.toUpperCase() as Severity) >= threshold)
    const limits = keys.map((k) => policy.maxCounts[k])
    if (keys.length === 0) parts.push(`${policy.severityThreshold} and above counted`)
    else if (limits.every((l) => l === limits[0]))
      parts.push(`${policy.severityThreshold}${policy.severityThreshold === 'CRITICAL' ? '' : ' and above'}, ${limits[0]} allowed`)
    else parts.push(keys.map((k, i) => `${k.toUpperCase()} ≤ ${limits[i]}`).join(', '))
    if (policy.ignoreUnfixed) parts.push('unfixed ignored')
    if (policy.minEpss !== undefined) parts.push(`EPSS ≥ ${policy.minEpss}`)
    if (policy.exploitableOnly) parts.push('known exploits only')
  }
  const allowlisted = new Set(verdict.policy.allowlisted.flatMap((u) => u.findings)).size
  parts.push(`${allowlisted} allowlisted`)
  const s = signatureOf(verdict)
  // A signing profile ARN is named by its profile (`…/release`): the full ARN is in the signature section.
  const profile = s.signingProfile !== undefined ? /signing-profiles\/([^/]+)/.exec(s.signingProfile)?.[1] : undefined
  const who = profile !== undefined ? `…/${profile}` : (s.signingProfile ?? s.signer)
  if (s.status === 'verified') parts.push(who !== undefined ? `signature verified by ${plainLine(who, 200)}` : 'signature verified')
  else if (s.status === 'skipped') parts.push('signature not checked')
  else parts.push(`signature ${s.status}`)
  return parts.map((p) => escapeMarkdownKeepingRefs(p, 300)).join(' · ')
}

function reasonLines(verdict: ImageVerdict, maxReasons: number, maxLength: number, policy?: Policy): string[] {
  const reasons = Array.isArray(verdict.reasons) ? verdict.reasons : []
  const lines = reasons.slice(0, maxReasons).map((r) => `- ${escapeMarkdownKeepingRefs(r, maxLength)}`)
  if (reasons.length > maxReasons) lines.push(`- … ${reasons.length - maxReasons} more reasons`)
  if (lines.length === 0) {
    lines.push(
      verdict.decision === 'pass'
        ? `- No rule was broken: ${policyLine(verdict, policy)}`
        : '- The gate failed without a stated reason (fail closed).'
    )
  }
  if (verdict.mode === 'audit' && verdict.decision === 'fail') {
    lines.push('', 'The job was not failed because `mode` is `audit`; an `enforce` run would block this deploy.')
  }
  return lines
}

function imageLines(verdict: ImageVerdict): string[] {
  const image = verdict.image
  // Only a pass invites a deploy: a blocked image is named as what was checked, never as what to ship.
  const heading = verdict.decision === 'pass' ? '**Deploy this digest-pinned image:**' : '**Image checked (not approved for deploy):**'
  const lines = [heading, '', codeBlock(image.uri)]
  const facts: string[] = []
  if (image.tag !== undefined) facts.push(`tag ${escapeMarkdown(image.tag, 128)} resolved to ${fullDigest(image.digest)}`)
  else facts.push(`digest ${fullDigest(image.digest)}`)
  if (image.platforms.length > 0) facts.push(plural(image.platforms.length, 'platform image'))
  facts.push(`evaluated at ${escapeMarkdown(verdict.evaluatedAt, 40)}`)
  lines.push('', facts.join(' · '))
  return lines
}

function platformLabel(scan: ScanState | undefined, finding?: Finding): string {
  const label = finding?.platform ?? scan?.platform
  return label !== undefined ? escapeMarkdown(label, 60) : '—'
}

const ZERO: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }
const SEVERITY_KEYS = ['critical', 'high', 'medium', 'low', 'informational'] as const

/** One cell per severity: every finding, with how many of them counted when that differs (`2 (1 counted)`). */
function countCells(counted: SeverityCounts | undefined, all?: SeverityCounts): string {
  const c = counted ?? ZERO
  return SEVERITY_KEYS.map((k) => {
    const total = Math.max(all?.[k] ?? c[k], c[k])
    return total === c[k] ? `${c[k]}` : `${total} (${c[k]} counted)`
  }).join(' | ')
}

/** Every finding (counted, allowlisted, ignored) by severity, per digest and in total. */
function allCounts(verdict: ImageVerdict): { perDigest: Map<string, SeverityCounts>; total: SeverityCounts } {
  const perDigest = new Map<string, SeverityCounts>()
  const total = { ...ZERO }
  const seen = new Set<Finding>()
  const p = verdict.policy
  const add = (f: Finding): void => {
    if (seen.has(f)) return
    seen.add(f)
    const key = f.severity.toLowerCase() as keyof SeverityCounts
    if (!(key in total)) return
    let counts = perDigest.get(f.digest)
    if (counts === undefined) perDigest.set(f.digest, (counts = { ...ZERO }))
    counts[key]++
    total[key]++
  }
  for (const f of p.counted) add(f)
  for (const use of p.allowlisted) for (const f of use.findings) add(f)
  for (const i of p.ignored) add(i.finding)
  return { perDigest, total }
}

function scanLines(verdict: ImageVerdict): string[] {
  const lines = [
    '### Vulnerabilities (every finding per platform; "(n counted)" when some did not count)',
    '',
    '| Platform | Digest | Scan | Critical | High | Medium | Low | Informational |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |'
  ]
  const perDigest = verdict.policy.perDigest
  const all = allCounts(verdict)
  const digests = new Set<string>()
  const scans = verdict.scans.slice(0, MAX_SCAN_ROWS)
  for (const scan of scans) {
    digests.add(scan.digest)
    const mark = scan.done ? '✅' : '❌'
    const source = scan.scanTypeSource !== undefined ? `, ${escapeMarkdown(scan.scanTypeSource, 20)}` : ''
    let status = `${mark} ${escapeMarkdown(scan.status, 40)} (${escapeMarkdown(scan.scanType, 20)}${source})`
    if (scan.description !== undefined && !scan.done) status += `: ${escapeMarkdown(scan.description, 160)}`
    lines.push(
      `| ${platformLabel(scan)} | ${shortDigest(scan.digest)} | ${status} | ${countCells(perDigest[scan.digest], all.perDigest.get(scan.digest) ?? ZERO)} |`
    )
  }
  if (verdict.scans.length > MAX_SCAN_ROWS) lines.push(`| … ${verdict.scans.length - MAX_SCAN_ROWS} more | | | | | | | |`)
  // Digests with findings but no scan record (should not happen) are still shown: nothing is hidden.
  for (const [digest, counts] of Object.entries(perDigest)) {
    if (digests.has(digest) || verdict.scans.length > MAX_SCAN_ROWS) continue
    lines.push(`| — | ${shortDigest(digest)} | ❔ no scan record | ${countCells(counts, all.perDigest.get(digest))} |`)
  }
  lines.push(`| **Total** | | | ${countCells(verdict.policy.counts, all.total)} |`)
  if (verdict.scans.length === 0) lines.push('', 'No scan was evaluated.')
  return lines
}

function packageText(finding: Finding): { name: string; version: string; fixed: string } {
  const pkgs = finding.packages.slice(0, 3)
  const more = finding.packages.length > 3 ? ` +${finding.packages.length - 3}` : ''
  return {
    name: (pkgs.map((p) => escapeMarkdown(p.name, 80)).join(', ') || '—') + more,
    version: pkgs.map((p) => escapeMarkdown(p.version, 60)).join(', ') || '—',
    fixed:
      pkgs.map((p) => (p.fixedInVersion !== undefined ? escapeMarkdown(p.fixedInVersion, 60) : noFix(finding))).join(', ') || noFix(finding)
  }
}

/** What a missing fixed-in version means: no fix, or a fix whose version the scanner did not give. */
function noFix(finding: Finding): string {
  return finding.fixAvailable === 'YES' || finding.fixAvailable === 'PARTIAL' ? 'fix available (version not given)' : 'no fix'
}

function severityText(finding: Finding): string {
  return escapeMarkdown(finding.severity, 20)
}

/** Highest severity first, then by id, then by digest: stable and readable. */
function bySeverity(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0)
  )
}

/**
 * Takes lines from `render` over `items` while they fit in `budget` bytes, then says how many were
 * left out. Lines are rendered lazily, so 50,000 findings cost only what is shown.
 */
function bounded<T>(items: readonly T[], render: (item: T) => string, budget: number, more: (n: number) => string): string[] {
  const lines: string[] = []
  let used = 0
  for (let i = 0; i < items.length; i++) {
    const line = render(items[i] as T)
    const size = bytes(line) + 1
    if (used + size > budget) {
      lines.push(more(items.length - i))
      return lines
    }
    used += size
    lines.push(line)
  }
  return lines
}

function violationLines(verdict: ImageVerdict, budget: number, pointer: string, scanOf: (d: string) => ScanState | undefined): string[] {
  const violations = verdict.policy.violations
  if (violations.length === 0) return []
  const lines = ['### Policy violations', '']
  const share = Math.max(0, Math.floor(budget / violations.length))
  for (const v of violations) {
    lines.push(
      `**${escapeMarkdown(v.rule, 40)}**: ${plural(v.count, `counted ${escapeMarkdown(v.severity, 20)} finding`)}, limit ${Number.isFinite(v.limit) ? v.limit : 'none'}`,
      ''
    )
    const findings = [...v.findings].sort(bySeverity)
    lines.push(
      ...bounded(
        findings,
        (f) => {
          const p = packageText(f)
          return `- ${advisoryLink(f.id)} · ${p.name} ${p.version} · ${p.fixed === 'no fix' ? 'no fix' : `fixed in ${p.fixed}`} · ${platformLabel(scanOf(f.digest), f)} · ${escapeMarkdown(f.title, 120)}`
        },
        share,
        (n) => `- … ${n} more findings — see ${pointer}`
      ),
      ''
    )
  }
  return lines
}

function signatureLines(verdict: ImageVerdict): string[] {
  const s = signatureOf(verdict)
  const mark = s.status === 'verified' ? '✅' : s.status === 'skipped' ? '⚪' : '❌'
  const lines = ['### Signature', '', `${mark} **${escapeMarkdown(s.status, 20)}**`, '']
  const facts: [string, string | undefined][] = [
    ['Signer', s.signer],
    ['Signing profile', s.signingProfile],
    ['Signed at', s.signedAt],
    ['Envelope', s.envelope],
    ['Trust policy', s.trustPolicy],
    ['Verification level', s.level],
    ['Reason', s.reason]
  ]
  for (const [label, value] of facts) {
    if (value !== undefined) lines.push(`- ${label}: ${escapeMarkdownKeepingRefs(value, label === 'Reason' ? 1000 : 300)}`)
  }
  if (s.signatureDigest !== undefined) lines.push(`- Signature manifest: ${fullDigest(s.signatureDigest)}`)
  // cosign and Sigstore signatures: one line per system with its evidence.
  for (const system of signatureSystems(verdict) ?? []) {
    const facts = Object.entries(system.evidence)
      .filter(([key]) => key !== 'signatureDigest' && key !== 'signer')
      .map(([key, value]) => `${key} ${value}`)
    const why = system.reasons.length > 0 ? ` — ${system.reasons.join('; ')}` : ''
    lines.push(
      `- ${escapeMarkdownKeepingRefs(`${system.system}: ${system.status}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${why}`, 1000)}`
    )
  }
  const details = s.details ?? []
  if (details.length > 0) {
    lines.push('', `<details><summary>Signatures examined (${details.length})</summary>`, '')
    for (const d of details.slice(0, MAX_SIGNATURE_DETAILS)) lines.push(`- ${escapeMarkdownKeepingRefs(d, 500)}`)
    if (details.length > MAX_SIGNATURE_DETAILS) lines.push(`- … ${details.length - MAX_SIGNATURE_DETAILS} more`)
    lines.push('', '</details>')
  }
  return lines
}

const MAX_POSTURE_DETAILS = 20

/** A code span in a table cell: one line, no backticks, pipes escaped (GitHub reads `\\|` in a cell as `|`). */
function cellCode(text: string, max: number): string {
  const line = plainLine(text, max).replace(/`/g, "'").replace(/\|/g, '\\|')
  return `\`${line}\``
}

function postureLines(verdict: ImageVerdict): string[] {
  const rows = postureOf(verdict)
  if (rows.length === 0) return []
  const lines = ['### Repository posture', '', '| Rule | Result | Control | Fix |', '| --- | --- | --- | --- |']
  for (const r of rows) {
    const mark = r.status === 'passed' ? '✅' : r.enforced ? '❌' : '⚠️'
    const result = `${mark} ${escapeMarkdown(r.status, 20)} (${escapeMarkdown(r.level, 10)}): ${escapeMarkdown(r.reason, 500)}`
    const fix =
      r.fix !== undefined && r.status !== 'passed' ? (r.fix.startsWith('aws ') ? cellCode(r.fix, 600) : escapeMarkdown(r.fix, 600)) : '—'
    lines.push(`| ${cellCode(r.rule, 40)} | ${result} | ${escapeMarkdown(r.control, 200) || '—'} | ${fix} |`)
  }
  const details = rows.flatMap((r) => (r.details ?? []).map((d) => `${r.rule}: ${d}`))
  if (details.length > 0) {
    lines.push('', `<details><summary>Posture details (${details.length})</summary>`, '')
    for (const d of details.slice(0, MAX_POSTURE_DETAILS)) lines.push(`- ${escapeMarkdown(d, 500)}`)
    if (details.length > MAX_POSTURE_DETAILS) lines.push(`- … ${details.length - MAX_POSTURE_DETAILS} more — see the JSON report`)
    lines.push('', '</details>')
  }
  return lines
}

const MAX_PROVENANCE_REJECTED = 20
const RUN_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/actions\/runs\/\d+(?:\/attempts\/\d+)?$/

/** The "Build provenance" section: what built the image, from the attestation that passed, and every one that did not. */
function provenanceLines(verdict: ImageVerdict): string[] {
  const r = provenanceOf(verdict)
  if (r === undefined) return []
  const mark = r.status === 'verified' ? '✅' : '❌'
  const lines = ['### Build provenance', '', `${mark} **${escapeMarkdown(r.status, 20)}**`, '']
  const p = r.provenance ?? {}
  const run =
    p.runUrl !== undefined && RUN_URL.test(p.runUrl)
      ? `[${escapeMarkdown(p.runUrl.replace(/^https:\/\/[^/]+\//, ''), 300)}](${p.runUrl})`
      : undefined
  const facts: [string, string | undefined][] = [
    ['Built by repository', p.repository],
    ['Workflow', p.workflow],
    ['Signed by (reusable workflow)', p.signer],
    ['Ref', p.ref],
    ['Commit', p.commit],
    ['Runner environment', p.runnerEnvironment],
    ['Trigger', p.trigger],
    ['Attested at', p.attestedAt],
    ['Sigstore instance', p.instance],
    ['Trusted root', p.trustedRoot],
    ['Predicate type', p.predicateType]
  ]
  for (const [label, value] of facts) if (value !== undefined) lines.push(`- ${label}: ${escapeMarkdown(value, 500)}`)
  if (run !== undefined) lines.push(`- Run: ${run}`)
  else if (p.runUrl !== undefined) lines.push(`- Run: ${escapeMarkdown(p.runUrl, 500)}`)
  if (r.status !== 'verified') for (const reason of r.reasons) lines.push(`- Reason: ${escapeMarkdown(reason, 2000)}`)
  if (r.rejected.length > 0) {
    lines.push('', `<details><summary>Attestations rejected (${r.rejected.length})</summary>`, '')
    for (const d of r.rejected.slice(0, MAX_PROVENANCE_REJECTED)) lines.push(`- ${escapeMarkdown(d, 1000)}`)
    if (r.rejected.length > MAX_PROVENANCE_REJECTED)
      lines.push(`- … ${r.rejected.length - MAX_PROVENANCE_REJECTED} more — see the JSON report`)
    lines.push('', '</details>')
  }
  return lines
}

function entryCells(entry: AllowlistEntry): string {
  return `${advisoryLink(entry.id)} | ${entry.package !== undefined ? escapeMarkdown(entry.package, 80) : 'any'} | ${
    entry.repository !== undefined ? escapeMarkdown(entry.repository, 80) : 'any'
  } | ${escapeMarkdown(entry.expires, 20)}`
}

function allowlistLines(verdict: ImageVerdict, budget: number, pointer: string): string[] {
  const { allowlisted, expiredAllowlist, staleAllowlist } = verdict.policy
  const nearMisses = verdict.policy.nearMissAllowlist ?? []
  if (allowlisted.length + expiredAllowlist.length + staleAllowlist.length + nearMisses.length === 0) return []
  const lines = ['### Allowlist', '']
  const share = Math.floor(budget / 4)
  const useRow = (u: AllowlistUse): string => `| ${entryCells(u.entry)} | ${u.findings.length} | ${escapeMarkdown(u.entry.reason, 200)} |`
  const more = (n: number): string => `| … ${n} more entries — see ${pointer} | | | | | |`
  const header = ['| Vulnerability | Package | Repository | Expires | Findings | Reason |', '| --- | --- | --- | --- | ---: | --- |']
  if (allowlisted.length > 0) {
    lines.push(`**Applied** — ${allowlisted.length} entr${allowlisted.length === 1 ? 'y' : 'ies'} took findings out of the count:`, '')
    lines.push(...header, ...bounded(allowlisted, useRow, share, more), '')
  }
  if (expiredAllowlist.length > 0) {
    lines.push(
      `**Expired** — ${expiredAllowlist.length} entr${expiredAllowlist.length === 1 ? 'y no longer applies' : 'ies no longer apply'}; the findings they name count again. Renew (with a new reason) or remove:`,
      ''
    )
    lines.push(...header, ...bounded(expiredAllowlist, useRow, share, more), '')
  }
  if (nearMisses.length > 0) {
    lines.push(
      `**Did not apply** — ${nearMisses.length === 1 ? 'an entry names a finding' : `${nearMisses.length} entries name findings`} by id but not by package or repository, so ${nearMisses.length === 1 ? 'it counts' : 'they count'}. Fix the entry:`,
      ''
    )
    lines.push(
      ...bounded(
        nearMisses,
        (m) => `- ${advisoryLink(m.entry.id)}: matched by id, but its ${escapeMarkdown(m.why, 300)}`,
        share,
        (n) => `- … ${n} more — see ${pointer}`
      ),
      ''
    )
  }
  if (staleAllowlist.length > 0) {
    lines.push(
      `**Stale** — ${staleAllowlist.length} entr${staleAllowlist.length === 1 ? 'y matches' : 'ies match'} no finding of this image; consider removing:`,
      ''
    )
    lines.push(
      ...bounded(
        staleAllowlist,
        (e) =>
          `- ${advisoryLink(e.id)} (package ${e.package !== undefined ? escapeMarkdown(e.package, 80) : 'any'}, repository ${e.repository !== undefined ? escapeMarkdown(e.repository, 80) : 'any'}, expires ${escapeMarkdown(e.expires, 20)})`,
        share,
        (n) => `- … ${n} more — see ${pointer}`
      ),
      ''
    )
  }
  return lines
}

type Status = { finding: Finding; status: string }

function allFindings(verdict: ImageVerdict): Status[] {
  const p = verdict.policy
  const violating = new Map<Finding, string>()
  for (const v of p.violations) for (const f of v.findings) violating.set(f, v.rule)
  const out: Status[] = []
  for (const f of [...p.counted].sort(bySeverity)) {
    const rule = violating.get(f)
    out.push({ finding: f, status: rule !== undefined ? `❌ counted, breaks ${escapeMarkdown(rule, 40)}` : 'counted' })
  }
  const seen = new Set<Finding>()
  const allowed: Status[] = []
  for (const use of p.allowlisted) {
    for (const f of use.findings) {
      if (seen.has(f)) continue
      seen.add(f)
      allowed.push({ finding: f, status: `allowlisted until ${escapeMarkdown(use.entry.expires, 20)}` })
    }
  }
  out.push(...allowed.sort((a, b) => bySeverity(a.finding, b.finding)))
  const ignored = [...p.ignored].sort((a, b) => bySeverity(a.finding, b.finding))
  for (const i of ignored) out.push({ finding: i.finding, status: `ignored: ${escapeMarkdown(i.why, 30)}` })
  return out
}

function findingsLines(verdict: ImageVerdict, budget: number, pointer: string, scanOf: (d: string) => ScanState | undefined): string[] {
  const all = allFindings(verdict)
  if (all.length === 0) return ['### Findings', '', 'No findings.']
  const p = verdict.policy
  const allowlistedCount = all.length - p.counted.length - p.ignored.length
  return [
    '### Findings',
    '',
    `<details><summary>${all.length === 1 ? 'The one finding' : `All ${all.length} findings`}: ${p.counted.length} counted, ${allowlistedCount} allowlisted, ${p.ignored.length} ignored</summary>`,
    '',
    '| Severity | Vulnerability | Package | Installed | Fixed in | Platform | Status |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...bounded(
      all,
      ({ finding: f, status }) => {
        const pk = packageText(f)
        return `| ${severityText(f)} | ${advisoryLink(f.id)} | ${pk.name} | ${pk.version} | ${pk.fixed} | ${platformLabel(scanOf(f.digest), f)} | ${status} |`
      },
      budget,
      (n) => `| … ${n} more findings — see ${pointer} | | | | | | |`
    ),
    '',
    '</details>'
  ]
}

/** A part of the summary as the lines it is made of (its text is `lines.join('\n')`), and that text's UTF-8 size. */
interface Section {
  lines: string[]
  bytes: number
}

function section(lines: string[]): Section {
  let size = Math.max(0, lines.length - 1)
  for (const line of lines) size += bytes(line)
  return { lines, bytes: size }
}

const isEmpty = (s: Section): boolean => s.lines.length === 0 || (s.lines.length === 1 && s.lines[0] === '')

/**
 * The summary's text as parts to concatenate, and its UTF-8 size. The sections are joined by a
 * newline and the text ends with one, so every line is followed by a newline; the parts are the
 * lines and those newlines, never one joined string (10,000 findings are 1 MB of Markdown, held as
 * 2 MB once a line has an emoji, and each whole-text copy stayed until a full collection).
 */
interface Parts {
  parts: string[]
  bytes: number
}

function partsOf(sections: Section[]): Parts {
  const kept = sections.filter((s) => !isEmpty(s))
  const parts: string[] = []
  let size = 0
  for (const s of kept) {
    for (const line of s.lines) parts.push(line, '\n')
    size += s.bytes + 1
  }
  return { parts, bytes: size }
}

/** The complete summary, lists cut to fit `maxBytes`. */
function renderFull(verdict: ImageVerdict, reportFile: string | undefined, maxBytes: number, policy?: Policy): Parts {
  const pointer = reportPointer(reportFile)
  const scanByDigest = new Map(verdict.scans.map((s) => [s.digest, s]))
  const scanOf = (digest: string): ScanState | undefined => scanByDigest.get(digest)

  const head = section([heading(verdict), '', ...reasonLines(verdict, MAX_REASONS, 1000, policy), '', ...imageLines(verdict), ''])
  const scans = section([...scanLines(verdict), ''])
  const signature = section([...signatureLines(verdict), ''])
  const posture = postureLines(verdict)
  const postureText = section(posture.length > 0 ? [...posture, ''] : [])
  const provenance = provenanceLines(verdict)
  const provenanceText = section(provenance.length > 0 ? [...provenance, ''] : [])
  let remaining = maxBytes - head.bytes - scans.bytes - signature.bytes - postureText.bytes - provenanceText.bytes - SLACK_BYTES
  remaining = Math.max(0, remaining)

  // The violations explain the verdict, so they get the first half of what is left.
  const violations = section(violationLines(verdict, Math.floor(remaining / 2), pointer, scanOf))
  remaining = Math.max(0, remaining - violations.bytes)
  const allowlist = section(allowlistLines(verdict, Math.floor(remaining / 4), pointer))
  remaining = Math.max(0, remaining - allowlist.bytes)
  const findings = section(findingsLines(verdict, remaining, pointer, scanOf))

  return partsOf([head, scans, violations, signature, provenanceText, postureText, allowlist, findings])
}

/** The fallback when even the cut-down summary is too large: verdict, reasons, image, counts, pointer. */
function renderShort(verdict: ImageVerdict, reportFile: string | undefined, policy?: Policy): string {
  const c = verdict.policy.counts
  return [
    heading(verdict),
    '',
    ...reasonLines(verdict, 20, 300, policy),
    '',
    ...imageLines(verdict),
    '',
    `Counted findings: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.informational} informational. Signature: ${escapeMarkdown(signatureOf(verdict).status, 20)}.`,
    '',
    `The full summary is larger than GitHub's job summary limit; every finding and rule is in ${reportPointer(reportFile)}.`,
    ''
  ].join('\n')
}

/**
 * The job summary markdown. The verdict comes first (`## ✅ Deploy allowed`, `## ❌ Deploy blocked`,
 * or in audit mode `## ❌ Would be blocked (audit mode)`) with the reasons as a list; then the
 * digest-pinned URI in a code block; a severity table per platform (counted findings and scan
 * status); the violations with the findings that broke each rule (advisory link, package, version,
 * fixed-in); the signature (status, signer, signing profile, signed at, or the reason); the
 * allowlist entries applied, expired and stale; and every finding (counted, allowlisted, ignored)
 * inside `<details>`.
 *
 * The result is always smaller than `options.maxBytes` (default `Limits.summaryBytes`) in UTF-8
 * bytes: long lists are cut first ("… N more findings — see the JSON report <reportFile>"), and if
 * that is not enough a short summary pointing at the report is returned.
 */
export function renderSummary(verdict: ImageVerdict, options: SummaryOptions = {}): string {
  return renderSummaryParts(verdict, options).join('')
}

/**
 * `renderSummary`'s text as parts whose concatenation it is (the lines and their newlines), for a
 * writer that writes them a piece at a time instead of holding the whole text as one string.
 */
export function renderSummaryParts(verdict: ImageVerdict, options: SummaryOptions = {}): string[] {
  const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? Limits.summaryBytes))
  const full = renderFull(verdict, options.reportFile, maxBytes, options.policy)
  if (full.bytes < maxBytes) return full.parts
  const short = renderShort(verdict, options.reportFile, options.policy)
  if (bytes(short) < maxBytes) return [short]
  // Only reachable with an unrealistically small maxBytes: keep the verdict line at least.
  return [truncateBytes(short, maxBytes - 1)]
}
