/**
 * The `Check` interface: one question about a resolved image that does not need its scan (a
 * signature, a provenance attestation, the repository's posture). The pipeline runs every check
 * concurrently with the scan wait and hands `decide` their results; `decide` knows no check's
 * system, only `CheckResult.status` and `enforced`.
 */
import { errorMessage } from '../core/errors.js'
import type { Clock, Logger } from '../core/ports.js'
import type { CheckKind, CheckResult, ImageTarget } from '../core/types.js'
import type { ImageArtifacts } from '../registry/artifacts.js'

/** What a check is handed: the image, time, logging, the run's abort signal and the image's artifacts. */
export interface CheckContext {
  image: ImageTarget
  now: Clock
  log: Logger
  /** Aborts when the run's limit is reached; pass it to every call. */
  signal?: AbortSignal
  /** The image's artifacts in its registry (referrers listed once for every check). */
  artifacts: ImageArtifacts
}

/** One check. `run` returns a result for every outcome it understands; a throw is the runner's to report. */
export interface Check {
  /** Stable id, e.g. `signature/notation`; names the check in reports. */
  readonly id: string
  readonly kind: CheckKind
  readonly system?: string
  /** A short title for log groups, e.g. "Verify signature". */
  readonly title: string
  run(context: CheckContext): Promise<CheckResult>
}

/**
 * The clause a check appends to a "not found" or "none verified" reason when the referrers list was
 * cut short at a bound: what it looked for may lie beyond the cut, so the reason must say so.
 */
export function incompleteClause(incomplete: string | undefined, what: string): string {
  return incomplete === undefined
    ? ''
    : `; the referrers list is incomplete (${incomplete}), so a ${what} beyond it was not examined: remove unused referrers of the image or check the registry`
}

/** Statuses that pass. */
const PASSING: ReadonlySet<CheckResult['status']> = new Set(['verified', 'passed'])

/** Whether a result lets the image through: a pass, or a result that is not enforced. */
export function checkAllows(result: CheckResult): boolean {
  return PASSING.has(result.status) || !result.enforced
}

/**
 * Runs one check and never throws: a check that throws could not be completed, which is an
 * enforced `error` naming the check (fail closed).
 */
export async function runCheck(check: Check, context: CheckContext): Promise<CheckResult> {
  try {
    return await check.run(context)
  } catch (error) {
    return {
      id: check.id,
      kind: check.kind,
      ...(check.system !== undefined ? { system: check.system } : {}),
      status: 'error',
      enforced: true,
      reasons: [`${check.title} could not be completed: ${errorMessage(error)}`],
      evidence: {}
    }
  }
}
