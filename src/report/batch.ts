/**
 * Pure renderers for a batch run (`images` input): the `results` output, the job summary, the JSON
 * report and SARIF over several images. Each image keeps its own single-image rendering; the batch
 * adds an overall verdict in front, which is `pass` only when every image passed (fail closed).
 */
import { signatureOf } from './signature.js'
import { Limits } from '../core/constants.js'
import { registryHostOf, shortReference } from '../core/short-name.js'
import type { ImageOutcome, Policy, SignatureStatus } from '../core/types.js'
import { renderErrorReport, renderErrorSummary } from './error-summary.js'
import { codeSpan, escapeMarkdown, plainLine } from './escape.js'
import { REPORT_SCHEMA_VERSION, TOOL, renderJsonReport } from './json-report.js'
import type { JsonReportOptions, RunContext } from './json-report.js'
import { SARIF_MAX_RESULTS, renderSarif } from './sarif.js'
import { renderSummary } from './summary.js'

/** The outcome of one image of a batch: a verdict, or the error that stopped the gate before one. */
export type BatchOutcome = ImageOutcome

/** One element of the `results` output. */
export interface BatchResult {
  /** The reference as given. */
  image: string
  decision: 'pass' | 'fail'
  digest?: string
  imageUri?: string
  reasons: string[]
}

/** Options of `renderBatchSummary`. */
export interface BatchSummaryOptions {
  /** Path of the JSON report, named in each image's section. */
  reportFile?: string
  /** `audit` words the headings as the single summary does. */
  mode: 'enforce' | 'audit'
  /** The result is strictly smaller than this many UTF-8 bytes (default `Limits.summaryBytes`). */
  maxBytes?: number
  /**
   * The policy the images were judged under, named in one line on each pass: one for every image,
   * or (with policy-file overrides by repository) each image's own, by index.
   */
  policy?: Policy | ((index: number) => Policy)
}

const MAX_REFERENCE = 300
const MAX_CELL_REASON = 200
/** Bytes kept back for the joins between sections and the headings' added image names. */
const SECTION_SLACK = 1024

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

function passed(outcome: BatchOutcome): boolean {
  return 'verdict' in outcome && outcome.verdict.decision === 'pass'
}

/** The overall decision: `pass` only when every image has a passing verdict (an error is a fail). */
export function batchDecision(outcomes: readonly BatchOutcome[]): 'pass' | 'fail' {
  return outcomes.length > 0 && outcomes.every(passed) ? 'pass' : 'fail'
}

/**
 * The digest-pinned URI a deploy step may use for an image, or undefined when there is none: an image
 * that could not be resolved, or one the gate blocked in `enforce` mode. A blocked image gets no URI so
 * a deploy step that ignores the job's failure (`continue-on-error`, `if: always()`) has nothing to
 * deploy. `audit` mode blocks nothing, so it keeps the URI.
 */
export function deployableUri(outcome: BatchOutcome): string | undefined {
  if ('error' in outcome) return undefined
  const { verdict } = outcome
  return verdict.decision === 'fail' && verdict.mode === 'enforce' ? undefined : verdict.image.uri
}

/** The `results` output: one object per image, in input order. */
export function batchResults(outcomes: readonly BatchOutcome[]): BatchResult[] {
  return outcomes.map((o) => {
    if ('error' in o) return { image: o.reference, decision: 'fail', reasons: [o.error] }
    const uri = deployableUri(o)
    return {
      image: o.reference,
      decision: o.verdict.decision,
      digest: o.verdict.image.digest,
      ...(uri !== undefined ? { imageUri: uri } : {}),
      reasons: [...o.verdict.reasons]
    }
  })
}

/**
 * The `signature-status` of a batch: `verified` only if every image verified, `skipped` if every image
 * skipped, else the first status in input order that is not `verified`. An image that could not be
 * resolved had no signature checked; it counts as `invalid` (what the gate reports for a signature
 * that could not be fetched), so a batch with such an image is never `verified`.
 */
export function batchSignatureStatus(outcomes: readonly BatchOutcome[]): SignatureStatus {
  const statuses = outcomes.map((o): SignatureStatus => ('verdict' in o ? signatureOf(o.verdict).status : 'invalid'))
  if (statuses.length > 0 && statuses.every((s) => s === 'verified')) return 'verified'
  if (statuses.length > 0 && statuses.every((s) => s === 'skipped')) return 'skipped'
  return statuses.find((s) => s !== 'verified') ?? 'invalid'
}

/** First reason of a failed image, for tables and the failure message. */
function firstReason(outcome: BatchOutcome): string {
  if ('error' in outcome) return outcome.error
  return outcome.verdict.reasons[0] ?? (outcome.verdict.decision === 'pass' ? 'passed' : 'failed without a stated reason (fail closed)')
}

/** The overall heading of a batch summary, always its first line. */
function batchHeading(outcomes: readonly BatchOutcome[], mode: 'enforce' | 'audit'): string {
  const n = outcomes.length
  const failed = outcomes.filter((o) => !passed(o)).length
  const images = `${n} image${n === 1 ? '' : 's'}`
  if (batchDecision(outcomes) === 'pass') {
    return mode === 'audit' ? `## ✅ Deploy allowed (audit mode): ${images}` : `## ✅ Deploy allowed: ${images}`
  }
  return mode === 'audit' ? `## ❌ Would be blocked (audit mode): ${failed} of ${images}` : `## ❌ Deploy blocked: ${failed} of ${images}`
}

/** A reason for a narrow table cell: registry hosts dropped and digests cut, so no long token widens the table. */
function cellReason(reason: string): string {
  const short = reason
    .replace(/\b\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//g, '')
    .replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…')
  return escapeMarkdown(short, MAX_CELL_REASON).replace(/\|/g, '\\|')
}

/**
 * The overview: the registry once (when every image is in one), a narrow table (short `repo:tag`,
 * decision, short digest, first reason) that does not scroll sideways, and the deploy URIs below it
 * as code spans (which wrap outside a table), each whole and copyable.
 */
function tableLines(outcomes: readonly BatchOutcome[], mode: 'enforce' | 'audit'): string[] {
  const hosts = new Set(outcomes.map((o) => registryHostOf(o.reference)))
  const host = hosts.size === 1 ? [...hosts][0] : undefined
  const lines = host !== undefined ? [`Registry: ${codeSpan(host, 120)}`, ''] : []
  lines.push('| # | Image | Decision | Digest | First reason |', '| ---: | --- | --- | --- | --- |')
  outcomes.forEach((o, i) => {
    const ok = passed(o)
    const decision = ok ? '✅ pass' : mode === 'audit' ? '❌ would fail' : '❌ fail'
    const digest =
      'verdict' in o && /^sha256:[0-9a-f]{64}$/.test(o.verdict.image.digest) ? `\`${o.verdict.image.digest.slice(0, 19)}\`` : '—'
    const name = host !== undefined ? shortReference(o.reference) : o.reference
    lines.push(
      `| ${i + 1} | ${escapeMarkdown(name, MAX_REFERENCE).replace(/\|/g, '\\|')} | ${decision} | ${digest} | ${ok ? '—' : cellReason(firstReason(o))} |`
    )
  })
  const uris = outcomes.flatMap((o, i) => {
    const uri = deployableUri(o)
    return uri !== undefined ? [`- ${i + 1}. ${codeSpan(uri, 500)}`] : []
  })
  if (uris.length > 0)
    lines.push('', mode === 'audit' ? '**Digest-pinned URIs (audit mode):**' : '**Deploy these digest-pinned URIs:**', '', ...uris)
  return lines
}

/**
 * Demotes every markdown heading of a rendered single-image summary one level, and names the image
 * in its first heading. Escaped untrusted text never starts a line with `#` (escapeMarkdown
 * backslash-escapes it), so only the renderer's own headings match.
 */
function demote(section: string, label: string): string {
  let first = true
  return section
    .split('\n')
    .map((line) => {
      if (!/^#{1,5} /.test(line)) return line
      const demoted = `#${line}`
      if (!first) return demoted
      first = false
      return `${demoted} — ${label}`
    })
    .join('\n')
}

/**
 * The job summary of a batch: the overall heading (`## ✅ Deploy allowed: N images`,
 * `## ❌ Deploy blocked: K of N images`, or the audit wording), a table of every image (reference,
 * decision, digest-pinned URI for a pass or first reason for a failure), then each image's own
 * summary with its headings demoted one level. Each image gets an equal share of the byte budget,
 * so the whole stays under `maxBytes` (default `Limits.summaryBytes`) whatever the findings.
 */
export function renderBatchSummary(outcomes: readonly BatchOutcome[], options: BatchSummaryOptions): string {
  const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? Limits.summaryBytes))
  const head = [batchHeading(outcomes, options.mode), '', ...tableLines(outcomes, options.mode), ''].join('\n')
  const share = Math.floor((maxBytes - bytes(head) - SECTION_SLACK) / Math.max(1, outcomes.length))
  const fallback = `${head}\nThe per-image details do not fit GitHub's job summary limit; see ${
    options.reportFile ? `the JSON report ${escapeMarkdown(options.reportFile, 500)}` : 'the JSON report'
  }.\n`
  if (share < 2048) return bytes(fallback) < maxBytes ? fallback : `${batchHeading(outcomes, options.mode)}\n`

  const common = options.reportFile ? { reportFile: options.reportFile } : {}
  const policy = options.policy
  const judged = (i: number): typeof common & { policy?: Policy } =>
    policy === undefined ? common : { ...common, policy: typeof policy === 'function' ? policy(i) : policy }
  const sections = outcomes.map((o, i) => {
    const label = `${i + 1}. ${escapeMarkdown(shortReference(o.reference), MAX_REFERENCE)}`
    // The label and the demoted headings add bytes; keep them out of the section's own budget.
    const inner = share - bytes(label) - 256
    const text =
      'verdict' in o
        ? renderSummary(o.verdict, { ...judged(i), maxBytes: inner })
        : renderErrorSummary(o.error, { ...common, mode: options.mode })
    return demote(text, label)
  })
  const full = [head, ...sections].join('\n')
  return bytes(full) < maxBytes ? full : fallback
}

/**
 * The JSON report of a batch (`batchReport` in report.schema.json): `{ schemaVersion, tool,
 * decision, reasons (one per failed image: "<reference>: <first reason>"), mode, evaluatedAt,
 * batch: true, images: [each image's verdict report, or its error report], run? }`, images in input
 * order.
 */
export function renderBatchReport(
  outcomes: readonly BatchOutcome[],
  policy: Policy | ((index: number) => Policy),
  options: { mode: 'enforce' | 'audit'; now: Date; run?: RunContext } & JsonReportOptions
): object {
  const run = options.run
  // One policy for every image, or (with policy-file overrides by repository) each image's own.
  const policyOf = typeof policy === 'function' ? policy : () => policy
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    decision: batchDecision(outcomes),
    reasons: outcomes.filter((o) => !passed(o)).map((o) => `${o.reference}: ${firstReason(o)}`),
    mode: options.mode,
    evaluatedAt: options.now.toISOString(),
    batch: true,
    images: outcomes.map((o, i) =>
      'verdict' in o
        ? renderJsonReport(o.verdict, policyOf(i), undefined, options.lazyFindings === true ? { lazyFindings: true } : {})
        : renderErrorReport(o.error, options.now)
    ),
    ...(run !== undefined && Object.keys(run).length > 0 ? { run: { ...run } } : {})
  }
}

interface SarifRun {
  tool: { driver: { rules: { id: string }[] } & Record<string, unknown> }
  results: { ruleId: string; ruleIndex: number }[]
  properties: { countedFindings: number; omittedResults: number }
}

/**
 * SARIF for a batch: one run holding the union of every verdict's results (images that could not be
 * resolved have none; at most
 * `SARIF_MAX_RESULTS`, GitHub's limit), one rule per vulnerability id across images.
 */
export function renderBatchSarif(outcomes: readonly BatchOutcome[]): object {
  const verdicts = outcomes.flatMap((o) => ('verdict' in o ? [o.verdict] : []))
  const rules: { id: string }[] = []
  const ruleIndex = new Map<string, number>()
  const results: Record<string, unknown>[] = []
  let counted = 0
  let omitted = 0
  let driver: Record<string, unknown> = { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version }
  for (const verdict of verdicts) {
    const run = (renderSarif(verdict) as { runs: SarifRun[] }).runs[0] as SarifRun
    driver = { ...run.tool.driver }
    counted += run.properties.countedFindings
    omitted += run.properties.omittedResults
    for (const result of run.results) {
      if (results.length >= SARIF_MAX_RESULTS) {
        omitted++
        continue
      }
      let index = ruleIndex.get(result.ruleId)
      if (index === undefined) {
        const rule = run.tool.driver.rules[result.ruleIndex]
        if (rule === undefined) continue
        index = rules.length
        ruleIndex.set(result.ruleId, index)
        rules.push(rule)
      }
      results.push({ ...result, ruleIndex: index })
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...driver, rules } },
        automationDetails: { id: 'ecr-deploy-gate/batch/' },
        results,
        properties: {
          decision: batchDecision(outcomes),
          imageUris: verdicts.map((v) => plainLine(v.image.uri, 2000)),
          countedFindings: counted,
          omittedResults: omitted
        }
      }
    ]
  }
}
