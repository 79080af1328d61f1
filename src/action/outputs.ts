/**
 * The Action's outputs, written from one `RunResult` for a single image and a batch alike: one line
 * per image for `digest` and `image-uri`, sums for the counts, and `results` as JSON.
 */
import type { ImageVerdict, RunResult } from '../core/types.js'
import { batchResults, batchSignatureStatus, deployableUri, runAttestationStatus, runPostureStatus } from '../report/index.js'
import { Outputs } from './names.js'

/** Writes one output: `core.setOutput`. */
export type SetOutput = (name: string, value: string) => void

/**
 * Sets every output of a run. `decision` is `fail` when the run failed after its verdicts
 * (`failedAfter`), whatever they said. A single image that could not be gated sets only
 * `decision`, `results` and `report-file`: there is no digest to name. An image blocked in `enforce`
 * mode keeps its `digest` but gets an empty `image-uri` line (see `deployableUri`).
 */
export function setRunOutputs(setOutput: SetOutput, result: RunResult, reportFile: string, failedAfter: boolean): void {
  setOutput(Outputs.Decision, failedAfter ? 'fail' : result.decision)
  const verdicts = result.images.flatMap((o) => ('verdict' in o ? [o.verdict] : []))
  if (result.batch || verdicts.length > 0) {
    const sum = (pick: (v: ImageVerdict) => number): string => String(verdicts.reduce((n, v) => n + pick(v), 0))
    setOutput(Outputs.Digest, result.images.map((o) => ('verdict' in o ? o.verdict.image.digest : '')).join('\n'))
    setOutput(Outputs.ImageUri, result.images.map((o) => deployableUri(o) ?? '').join('\n'))
    setOutput(
      Outputs.CriticalCount,
      sum((v) => v.policy.counts.critical)
    )
    setOutput(
      Outputs.HighCount,
      sum((v) => v.policy.counts.high)
    )
    setOutput(
      Outputs.MediumCount,
      sum((v) => v.policy.counts.medium)
    )
    setOutput(
      Outputs.LowCount,
      sum((v) => v.policy.counts.low)
    )
    setOutput(
      Outputs.Violations,
      sum((v) => v.policy.violations.reduce((n, x) => n + x.count, 0))
    )
    setOutput(Outputs.SignatureStatus, batchSignatureStatus(result.images))
    setOutput(Outputs.PostureStatus, runPostureStatus(result.images))
    setOutput(Outputs.AttestationStatus, runAttestationStatus(result.images))
  }
  setOutput(Outputs.ReportFile, reportFile)
  setOutput(Outputs.Results, JSON.stringify(batchResults(result.images)))
}

/** The outputs of a run that stopped before any verdict: every image asked for is a failure. */
export function setErrorOutputs(setOutput: SetOutput, reason: string, images: string[], reportFile: string | undefined): void {
  setOutput(Outputs.Decision, 'fail')
  setOutput(Outputs.Results, JSON.stringify(images.map((image) => ({ image, decision: 'fail', reasons: [reason] }))))
  if (reportFile !== undefined) setOutput(Outputs.ReportFile, reportFile)
}
