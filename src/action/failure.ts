/**
 * The Action's failure text: one formatter for a run that stopped before a verdict and one for a run
 * whose verdict is `fail`, for a single image and a batch alike. Messages are bounded because they
 * may echo user text.
 */
import { errorMessage, SettingError } from '../core/errors.js'
import type { ImageOutcome, RunResult } from '../core/types.js'
import { shortReference } from '../core/short-name.js'
import { Inputs } from './names.js'

/** Longest failure message printed: a hostile or huge input value must not flood the log. */
const MAX_FAILURE_CHARS = 4000

/** Cuts a message at MAX_FAILURE_CHARS characters. */
export function bounded(text: string): string {
  return text.length > MAX_FAILURE_CHARS ? `${text.slice(0, MAX_FAILURE_CHARS)}… (truncated)` : text
}

/** The Action's word for a setting: its input of the same key. */
function inputOf(setting: SettingError['setting']): string {
  return Object.values(Inputs).find((name) => name === setting) ?? setting
}

/**
 * The text of an error that stopped the gate (or one image) before a verdict. A setting error always
 * names its input: core says "Invalid '<key>'", the Action says "Invalid input for '<input>'", and a
 * loader that names only its file gets the input in front.
 */
export function failureText(error: unknown): string {
  let text = errorMessage(error)
  if (error instanceof SettingError) {
    const input = inputOf(error.setting)
    const corePrefix = `Invalid '${error.setting}'`
    if (text.startsWith(corePrefix)) text = `Invalid input for '${input}'${text.slice(corePrefix.length)}`
    else if (!text.includes(`'${input}'`)) text = `Invalid input for '${input}': ${text}`
  }
  return bounded(text)
}

function passed(outcome: ImageOutcome): boolean {
  return 'verdict' in outcome && outcome.verdict.decision === 'pass'
}

/**
 * Why the run blocks the deploy, or undefined when every image passed. A single image gives its
 * reasons (or the error that stopped it); a batch names each failed image with up to three reasons.
 */
export function blockedText(result: RunResult): string | undefined {
  if (result.decision === 'pass') return undefined
  const only = result.images[0]
  if (!result.batch && only !== undefined) {
    if ('error' in only) return only.error
    return bounded(`Deploy blocked: ${only.verdict.reasons.join('; ')}`)
  }
  const failed = result.images.filter((o) => !passed(o))
  const names = failed.map((o) => shortReference(o.reference)).join(', ')
  return bounded(
    `Deploy blocked: ${failed.length} of ${result.images.length} images failed (${names}); each has its own annotation and section in the job summary`
  )
}

/**
 * One line per failed image of a batch, `[2/4 payments:v1.4.1] <up to three reasons>`, for one
 * annotation each (the same prefix as the image's log lines).
 */
export function failedImageLines(result: RunResult): string[] {
  const n = result.images.length
  return result.images.flatMap((o, i) => {
    if (passed(o)) return []
    const reasons = 'error' in o ? [o.error] : o.verdict.reasons
    const shown = reasons.slice(0, 3).join('; ') || 'failed without a stated reason (fail closed)'
    return [bounded(`[${i + 1}/${n} ${shortReference(o.reference)}] ${shown}${reasons.length > 3 ? ` (+${reasons.length - 3} more)` : ''}`)]
  })
}

/**
 * Whether a blocked run fails the job. One rule for one image and a batch alike: `enforce` fails the
 * job for any `fail` verdict, including an image that could not be gated (not found, AccessDenied, a
 * scan failure); `audit` never does. Only a configuration error (bad input, an unreadable policy
 * file) fails the job in `audit` mode, and that happens before any verdict (see `run`).
 */
export function failsJob(result: RunResult): boolean {
  return result.decision !== 'pass' && result.mode !== 'audit'
}
