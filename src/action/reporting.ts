/**
 * What the action writes once the verdicts are in: the JSON report, SARIF, the job summary and the
 * outputs. `main.ts` imports this module dynamically, so it and the renderers under `report/` are a
 * chunk of their own in dist/, compiled while the run waits for AWS rather than before its first
 * request (cold start).
 */
import { errorMessage } from '../core/errors.js'
import type { Logger } from '../core/ports.js'
import type { RunResult } from '../core/types.js'
import { renderEffectivePolicySummary, withEffectivePolicy } from '../report/effective-policy.js'
import {
  appendSummaryFile,
  renderErrorReport,
  renderErrorSummary,
  renderRunReport,
  renderRunSarif,
  renderRunSummaryParts,
  runContextFromEnv,
  writeJsonFile,
  writeReportFile
} from '../report/index.js'
import { effectivePolicyOf, policyOf, type RunPlan } from './plan.js'

export { setErrorOutputs, setRunOutputs } from './outputs.js'

/**
 * Renders and writes the JSON report, piece by piece (with tens of thousands of findings the report
 * text would be tens of MiB at once). Its own function, so the report tree can be collected as soon
 * as it is written.
 */
export async function writeRunReport(result: RunResult, plan: RunPlan, file: string): Promise<void> {
  const report = withEffectivePolicy(
    // The finding entries are made as the file is written, never all at once (tens of thousands of objects).
    renderRunReport(result, policyOf(plan), { now: new Date(), run: runContextFromEnv(process.env), lazyFindings: true }),
    effectivePolicyOf(plan)
  )
  await writeJsonFile(file, report)
}

/** Writes the SARIF file; nothing when the run has no verdict to describe. */
export async function writeRunSarif(result: RunResult, file: string): Promise<void> {
  const sarif = renderRunSarif(result)
  if (sarif !== undefined) await writeJsonFile(file, sarif)
}

/** The JSON report of a run that stopped before any verdict. */
export async function writeErrorReport(file: string, failure: string): Promise<void> {
  await writeReportFile(file, JSON.stringify(renderErrorReport(failure, new Date()), null, 2))
}

/** What the job summary is written from: the run's final outcome. */
export interface SummaryInput {
  result: RunResult | undefined
  failure: string | undefined
  failedAfter: string | undefined
  reportFile: string | undefined
  plan: RunPlan | undefined
}

/**
 * Appends the job summary to `file`, from the final outcome: a run that failed after its verdicts
 * shows as blocked. A write failure is only a warning (STYLE.md).
 */
export async function writeSummary(file: string, input: SummaryInput, log: Pick<Logger, 'warning'>): Promise<void> {
  const { result, failure, failedAfter, reportFile, plan } = input
  const common = reportFile !== undefined ? { reportFile } : {}
  try {
    const parts = result
      ? renderRunSummaryParts(result, {
          ...common,
          ...(plan !== undefined ? { policy: policyOf(plan) } : {}),
          ...(failedAfter !== undefined ? { failure: failedAfter } : {})
        })
      : [renderErrorSummary(failure ?? 'unknown error', common)]
    const effective = plan !== undefined ? renderEffectivePolicySummary(effectivePolicyOf(plan)) : ''
    if (effective !== '') parts.push('\n', effective)
    await appendSummaryFile(file, parts)
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
