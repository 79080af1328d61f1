/**
 * Renderers over a whole `RunResult`, so an adapter has one of each: the job summary, the JSON report
 * and SARIF. A single image keeps its own report shape (`verdictReport` or `errorReport`), a batch
 * the `batchReport` shape. `failure` is a failure of the run after the verdicts (e.g. the report
 * could not be written): it is shown as what it is, a blocked deploy, whatever the verdicts said.
 */
import type { Policy, RunResult } from '../core/types.js'
import { renderBatchReport, renderBatchSarif, renderBatchSummary } from './batch.js'
import { blockedHead, renderErrorReport, renderErrorSummary } from './error-summary.js'
import { codeSpan, escapeMarkdown, escapeMarkdownKeepingRefs } from './escape.js'
import { renderJsonReport, type JsonReportOptions, type RunContext } from './json-report.js'
import { renderSarif } from './sarif.js'
import { renderSummaryParts } from './summary.js'

/** Options of {@link renderRunSummary}. */
export interface RunSummaryOptions {
  reportFile?: string
  /** A failure of the run after the verdicts; it turns the summary into a blocked one. */
  failure?: string
  /** The policy the images were judged under, named in one line on a pass: one, or each image's own by index. */
  policy?: Policy | ((index: number) => Policy)
}

/** The job summary of a run. */
export function renderRunSummary(result: RunResult, options: RunSummaryOptions = {}): string {
  return renderRunSummaryParts(result, options).join('')
}

/** `renderRunSummary`'s text as parts whose concatenation it is (see `renderSummaryParts`). */
export function renderRunSummaryParts(result: RunResult, options: RunSummaryOptions = {}): string[] {
  if (options.failure !== undefined) return [failedRunSummary(result, options.failure, options.reportFile)]
  const common = options.reportFile !== undefined ? { reportFile: options.reportFile } : {}
  const only = result.images[0]
  if (result.batch || only === undefined)
    return [
      renderBatchSummary(result.images, {
        ...common,
        ...(options.policy !== undefined ? { policy: options.policy } : {}),
        mode: result.mode
      })
    ]
  return 'error' in only
    ? [
        renderErrorSummary(only.error, {
          ...(options.reportFile !== undefined ? { reportFile: options.reportFile } : {}),
          mode: result.mode
        })
      ]
    : renderSummaryParts(only.verdict, {
        ...common,
        ...(options.policy !== undefined ? { policy: typeof options.policy === 'function' ? options.policy(0) : options.policy } : {})
      })
}

/**
 * The summary of a run that failed after its verdicts: it leads with the failure and lists what was
 * judged, without any "deploy this" wording, because the run's failure blocks the deploy.
 */
function failedRunSummary(result: RunResult, failure: string, reportFile: string | undefined): string {
  const lines = [
    ...blockedHead('The run failed after the images were judged, so the deploy is blocked (fail closed).', failure),
    '| Image | Verdict before the failure | Digest |',
    '| --- | --- | --- |'
  ]
  for (const o of result.images) {
    const verdict = 'verdict' in o ? o.verdict.decision : 'fail'
    const digest = 'verdict' in o ? codeSpan(o.verdict.image.digest, 80, { inTable: true }) : '—'
    lines.push(`| ${escapeMarkdownKeepingRefs(o.reference, 300, { inTable: true })} | ${verdict} | ${digest} |`)
  }
  lines.push('')
  if (reportFile !== undefined) lines.push(`JSON report: ${escapeMarkdown(reportFile, 500)}`, '')
  return lines.join('\n')
}

/**
 * The JSON report of a run: one image's report, its error report, or the batch report. `policy` is
 * the one policy of every image, or each image's own (by request index).
 */
export function renderRunReport(
  result: RunResult,
  policy: Policy | ((index: number) => Policy),
  options: { now: Date; run?: RunContext } & JsonReportOptions
): object {
  const only = result.images[0]
  const lazy = options.lazyFindings === true ? { lazyFindings: true } : {}
  if (result.batch || only === undefined) {
    return renderBatchReport(result.images, policy, {
      mode: result.mode,
      now: options.now,
      ...(options.run ? { run: options.run } : {}),
      ...lazy
    })
  }
  if ('error' in only) return renderErrorReport(only.error, options.now)
  return renderJsonReport(only.verdict, typeof policy === 'function' ? policy(0) : policy, options.run, lazy)
}

/** SARIF of a run; undefined for a single image that could not be gated (nothing was judged). */
export function renderRunSarif(result: RunResult): object | undefined {
  const only = result.images[0]
  if (result.batch || only === undefined) return renderBatchSarif(result.images)
  return 'verdict' in only ? renderSarif(only.verdict) : undefined
}
