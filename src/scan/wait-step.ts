/**
 * The scan wait as a pure step function: given what the wait knows, what the last call answered and
 * the time, it says what to do next (sleep, start a basic scan, stop with a `ScanState`, or fail).
 * No I/O, no clock and no randomness of its own: `wait.ts` drives it over the ECR port.
 */
import { cleanText } from '../core/text.js'
import type { DescribeImageScanFindingsResponse, StartImageScanResponse } from '@aws-sdk/client-ecr'
import type { AwsCallError } from '../core/errors.js'
import { Setting } from '../core/settings.js'
import type { ScanState, ScanStatus, ScanType } from '../core/types.js'
import { isRetryableAwsError } from '../aws/errors.js'
import { describeTarget, type ScanTarget } from './scan-type.js'

/** After this many failed polls in a row (each already retried by the SDK), stop and throw. */
export const MAX_CONSECUTIVE_FAILURES = 5

/** Statuses after which waiting longer cannot help. */
const TERMINAL_STATUSES: ReadonlySet<ScanStatus> = new Set<ScanStatus>([
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED'
])

/** ECR's descriptions are untrusted text that reaches logs and the summary. */
const MAX_DESCRIPTION_CHARS = 1024

const BACKOFF_FACTOR = 1.5
const JITTER = 0.2

/**
 * The delay before poll `step + 1`: min(maxDelay, initialDelay × 1.5^step), then ±20 % jitter.
 * Exported for tests.
 */
export function backoffDelay(step: number, initialDelayMs: number, maxDelayMs: number, random: () => number): number {
  const base = Math.min(maxDelayMs, initialDelayMs * BACKOFF_FACTOR ** step)
  const r = random()
  const unit = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0.5
  return Math.max(0, Math.round(base * (1 + (unit * 2 - 1) * JITTER)))
}

/** What one wait is for and how it paces itself; fixed for the whole wait. */
export interface WaitPlan {
  target: ScanTarget
  scanType: ScanType
  /** Epoch ms after which the wait gives up (after one final poll). */
  deadline: number
  /** Under BASIC scanning, start a scan when ECR has no scan record. */
  startScan: boolean
  /** Why a scan is not started although `start-scan` asked for one (the hint that replaces "set start-scan"). */
  startScanWithheld?: string
  /** Epoch ms the wait began, for "after N s" in messages. */
  startedAt: number
  initialDelayMs: number
  maxDelayMs: number
  /** How long after `imageScanCompletedAt` the confirming poll is made at the earliest. */
  settleMs: number
  /** Shortest gap between the two polls that must agree on the counts (≤ settleMs). */
  minSettleMs: number
}

/** How a wait paces its polls; every field has a default. */
export interface WaitPacing {
  /** First backoff delay; default 1500 ms. */
  initialDelayMs?: number
  /** Longest backoff delay; default 2300 ms (at most 26 polls a minute with jitter averaging out, so a scan's completion is seen about 1.15 s after it, at the median). */
  maxDelayMs?: number
  /**
   * How long after the scan completed (ECR's `imageScanCompletedAt`) enhanced findings may still
   * arrive; the confirming poll is made no earlier than this. Default 1500 ms.
   */
  settleMs?: number
  /** Shortest gap between the two polls that must agree on the counts; default 500 ms (at most `settleMs`). */
  minSettleMs?: number
}

/** A plan with the default pacing filled in. */
export function waitPlan(
  target: ScanTarget,
  options: { scanType: ScanType; deadline: number; startScan: boolean; startScanWithheld?: string } & WaitPacing,
  startedAt: number
): WaitPlan {
  const settleMs = options.settleMs ?? 1500
  return {
    target,
    scanType: options.scanType,
    deadline: options.deadline,
    startScan: options.startScan,
    ...(options.startScanWithheld !== undefined ? { startScanWithheld: options.startScanWithheld } : {}),
    startedAt,
    initialDelayMs: options.initialDelayMs ?? 1500,
    maxDelayMs: options.maxDelayMs ?? 2300,
    settleMs,
    minSettleMs: Math.min(options.minSettleMs ?? 500, settleMs)
  }
}

/** What the last poll showed, kept for the decision at the deadline and for the next delay. */
export type LastSeen =
  | { kind: 'not-found' }
  | { kind: 'pending'; status: string }
  | { kind: 'settling'; completedAtMs?: number; completedAt?: string }
  | { kind: 'failed'; message: string }

/** Everything the wait remembers between steps. */
export interface WaitState {
  readonly polls: number
  /** Failed polls in a row. */
  readonly failures: number
  /** How many backoff delays were taken (the exponent of the next one). */
  readonly backoffStep: number
  readonly lastStatus?: string | undefined
  /** Severity counts of the previous COMPLETE poll, while enhanced findings settle. */
  readonly previousCounts?: string | undefined
  readonly startScanSent: boolean
  /** What became of StartImageScan, for the SCAN_NOT_FOUND description. */
  readonly startScanNote?: string | undefined
  readonly lastSeen?: LastSeen | undefined
}

/** The state before the first poll. */
export const initialWaitState: WaitState = { polls: 0, failures: 0, backoffStep: 0, startScanSent: false }

/** What the last call answered. Failures are `AwsCallError`s: `code` is the AWS error name. */
export type WaitEvent =
  | { kind: 'polled'; response: DescribeImageScanFindingsResponse }
  | { kind: 'poll-failed'; error: AwsCallError }
  | { kind: 'scan-started'; response: StartImageScanResponse }
  | { kind: 'scan-start-failed'; error: AwsCallError }

/** What to do next: sleep then poll, send StartImageScan, stop with the scan's state, or throw. */
export type WaitAction =
  { kind: 'sleep'; ms: number } | { kind: 'start-scan' } | { kind: 'done'; scan: ScanState } | { kind: 'fail'; error: AwsCallError }

/** A line for the driver to log. */
export interface WaitLogLine {
  level: 'debug' | 'info' | 'warning'
  message: string
}

/** The outcome of one step. */
export interface WaitStep {
  state: WaitState
  next: WaitAction
  logs: WaitLogLine[]
}

function clean(text: string, max = MAX_DESCRIPTION_CHARS): string {
  return cleanText(text, max)
}

/** The SDK error's own message (the `cause` of the port's `AwsCallError`). */
function rawMessageOf(error: AwsCallError): string {
  const cause = (error as { cause?: unknown }).cause
  if (typeof cause === 'object' && cause !== null) {
    const message = (cause as Record<string, unknown>)['message']
    if (typeof message === 'string') return message
  }
  return ''
}

/** Severity counts as a canonical string, so two polls compare by value. */
function countsKey(response: DescribeImageScanFindingsResponse): string {
  return severityCountsKey(response.imageScanFindings?.findingSeverityCounts ?? {})
}

/** Severity counts as one comparable string (sorted by severity), as the settle check compares them. */
export function severityCountsKey(counts: Record<string, number | undefined>): string {
  const entries = Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(entries)
}

function completedAtMsOf(response: DescribeImageScanFindingsResponse): number | undefined {
  const at = response.imageScanFindings?.imageScanCompletedAt
  return at instanceof Date && !Number.isNaN(at.getTime()) ? at.getTime() : undefined
}

/**
 * One step of the wait (see `waitForScan` for the behaviour it implements). `now` is the time the
 * event was observed; `random` (0..1) is the jitter for a backoff delay, if this step takes one.
 * Pure: the same inputs always give the same step.
 */
export function waitStep(plan: WaitPlan, state: WaitState, event: WaitEvent, now: number, random: number): WaitStep {
  const label = describeTarget(plan.target)
  const logs: WaitLogLine[] = []
  let s: WaitState = state

  const log = (level: WaitLogLine['level'], message: string): void => {
    logs.push({ level, message })
  }
  const update = (changes: Partial<WaitState>): void => {
    s = { ...s, ...changes }
  }
  const scan = (status: ScanStatus, done: boolean, extra: { description?: string; completedAt?: string } = {}): ScanState => ({
    digest: plan.target.digest,
    ...(plan.target.platform !== undefined ? { platform: plan.target.platform } : {}),
    scanType: plan.scanType,
    status,
    ...(extra.description !== undefined ? { description: extra.description } : {}),
    ...(extra.completedAt !== undefined ? { completedAt: extra.completedAt } : {}),
    polls: s.polls,
    done
  })
  const finish = (next: WaitAction): WaitStep => ({ state: s, next, logs })
  const noteStatus = (status: string): void => {
    if (status !== s.lastStatus) {
      log('info', `Scan of ${label}: ${clean(status, 64)}`)
      update({ lastStatus: status })
    }
  }
  const elapsedSeconds = (): number => Math.max(0, Math.round((now - plan.startedAt) / 1000))

  const notFoundDescription = (): string => {
    const causes = [
      plan.scanType === 'ENHANCED'
        ? 'the repository is not covered by the registry scanning rules (continuous or scan-on-push filters)'
        : 'the repository is not covered by the registry scan-on-push rules (scan on push is off for it) and no scan was started' +
          (plan.startScan
            ? ''
            : plan.startScanWithheld !== undefined
              ? ` (${plan.startScanWithheld})`
              : ` (set '${Setting.StartScan}: true' to start one)`),
      'the image is not eligible for scanning (unsupported OS or media type, or pushed too long ago)',
      `the scan has not started yet (raise '${Setting.ScanTimeout}')`
    ]
    const note = s.startScanNote !== undefined ? ` Note: ${s.startScanNote}.` : ''
    return `No scan record for ${label} after ${elapsedSeconds()} s. Likely causes: ${causes.join('; ')}.${note}`
  }

  /**
   * Delay before the poll that confirms the counts: until `settleMs` after the completion time ECR
   * reports, but never less than `minSettleMs` (two polls must always be apart). Without a
   * completion time, the full `settleMs`. Clock skew only moves when the confirming poll is made;
   * the two polls must still agree.
   */
  const settleDelay = (completedAtMs: number | undefined): number => {
    const since = completedAtMs !== undefined ? Math.max(0, now - completedAtMs) : 0
    return Math.max(plan.minSettleMs, plan.settleMs - since)
  }

  /** After a poll that did not end the wait: give up at the deadline, else sleep until the next poll. */
  const waitOrGiveUp = (): WaitStep => {
    const seen: LastSeen = s.lastSeen ?? { kind: 'not-found' }
    const remaining = plan.deadline - now
    if (remaining <= 0) {
      switch (seen.kind) {
        case 'settling':
          // Fail closed: counts that changed between the last two polls may still be changing.
          return finish({
            kind: 'done',
            scan: scan('COMPLETE', false, {
              description: `Scan COMPLETE, but its findings were not seen stable on two polls before the deadline (raise '${Setting.ScanTimeout}'); failing closed rather than judging counts that may still change`,
              ...(seen.completedAt !== undefined ? { completedAt: seen.completedAt } : {})
            })
          })
        case 'pending':
          return finish({
            kind: 'done',
            scan: scan('TIMEOUT', false, {
              description: `scan still ${seen.status} after ${elapsedSeconds()} s (raise '${Setting.ScanTimeout}' if scans take longer)`
            })
          })
        case 'not-found':
          return finish({ kind: 'done', scan: scan('SCAN_NOT_FOUND', false, { description: notFoundDescription() }) })
        case 'failed':
          return finish({
            kind: 'done',
            scan: scan('ERROR', false, {
              description: `${seen.message}${s.lastStatus !== undefined ? ` (last status seen: ${clean(s.lastStatus, 64)})` : ''}`
            })
          })
      }
    }
    let wanted: number
    if (seen.kind === 'settling') {
      wanted = settleDelay(seen.completedAtMs)
    } else {
      wanted = backoffDelay(s.backoffStep, plan.initialDelayMs, plan.maxDelayMs, () => random)
      update({ backoffStep: s.backoffStep + 1 })
    }
    const delay = Math.min(wanted, remaining)
    log('debug', `Waiting ${delay} ms before polling ${label} again`)
    return finish({ kind: 'sleep', ms: delay })
  }

  /** No scan record: maybe start a basic scan (once), then wait. */
  const notFound = (): WaitStep => {
    update({ failures: 0, previousCounts: undefined, lastSeen: { kind: 'not-found' } })
    noteStatus('SCAN_NOT_FOUND')
    log('debug', `Poll ${s.polls} for ${label}: no scan record yet`)
    if (!s.startScanSent && plan.startScan) {
      update({ startScanSent: true })
      if (plan.scanType === 'BASIC') return finish({ kind: 'start-scan' })
      log('debug', `start-scan does not apply under enhanced scanning; waiting for ${label}`)
    }
    return waitOrGiveUp()
  }

  switch (event.kind) {
    case 'polled': {
      update({ polls: s.polls + 1, failures: 0 })
      const response = event.response
      const rawStatus = response.imageScanStatus?.status ?? 'UNKNOWN'
      const completedAtMs = completedAtMsOf(response)
      const completedAt = completedAtMs !== undefined ? new Date(completedAtMs).toISOString() : undefined
      const at = completedAt !== undefined ? { completedAt } : {}
      log('debug', `Poll ${s.polls} for ${label}: ${clean(rawStatus, 64)} ${countsKey(response)}`)
      noteStatus(rawStatus)
      if (rawStatus === 'ACTIVE' || (rawStatus === 'COMPLETE' && plan.scanType === 'BASIC')) {
        return finish({ kind: 'done', scan: scan(rawStatus, true, at) })
      }
      if (rawStatus === 'COMPLETE') {
        const counts = countsKey(response)
        if (s.previousCounts === counts) return finish({ kind: 'done', scan: scan('COMPLETE', true, at) })
        if (s.previousCounts !== undefined) log('info', `Findings of ${label} are still arriving; checking again`)
        update({
          previousCounts: counts,
          lastSeen: { kind: 'settling', ...(completedAtMs !== undefined ? { completedAtMs } : {}), ...at }
        })
        return waitOrGiveUp()
      }
      if (rawStatus === 'PENDING' || rawStatus === 'IN_PROGRESS') {
        update({ previousCounts: undefined, lastSeen: { kind: 'pending', status: rawStatus } })
        return waitOrGiveUp()
      }
      const ecrDescription = response.imageScanStatus?.description
      const detail = ecrDescription !== undefined && ecrDescription.trim() !== '' ? clean(ecrDescription) : undefined
      const known = TERMINAL_STATUSES.has(rawStatus)
      const description = known
        ? (detail ?? `ECR reported scan status ${rawStatus}`)
        : `ECR reported an unknown scan status '${clean(rawStatus, 64)}'; failing closed${detail !== undefined ? `: ${detail}` : ''}`
      return finish({ kind: 'done', scan: scan(known ? rawStatus : 'UNKNOWN', false, { description, ...at }) })
    }

    case 'poll-failed': {
      update({ polls: s.polls + 1 })
      const error = event.error
      if (error.code === 'ScanNotFoundException') return notFound()
      if (!isRetryableAwsError(error)) return finish({ kind: 'fail', error })
      const failures = s.failures + 1
      update({ failures })
      if (failures >= MAX_CONSECUTIVE_FAILURES) return finish({ kind: 'fail', error })
      log('warning', `${error.message} (failure ${failures} of ${MAX_CONSECUTIVE_FAILURES}; polling again)`)
      update({ lastSeen: { kind: 'failed', message: error.message } })
      return waitOrGiveUp()
    }

    case 'scan-started': {
      const started = event.response.imageScanStatus?.status
      log('info', `Started a basic scan of ${label}${started !== undefined ? ` (${clean(started, 64)})` : ''}`)
      update({ startScanNote: 'a basic scan was started by the gate' })
      return waitOrGiveUp()
    }

    case 'scan-start-failed': {
      const error = event.error
      const name = error.code
      const message = rawMessageOf(error)
      if (name === 'LimitExceededException') {
        // One StartImageScan per image per 24 h: a scan was already requested; its record may still appear.
        log('info', `StartImageScan for ${label}: already requested in the last 24 h; waiting for its result`)
        update({ startScanNote: 'StartImageScan was refused (one scan per image per 24 h)' })
        return waitOrGiveUp()
      }
      if (name === 'ValidationException' && /enhanced|feature|disabled/i.test(message)) {
        log('info', `StartImageScan for ${label} is not available (the registry uses enhanced scanning); waiting`)
        update({ startScanNote: 'StartImageScan is unavailable under enhanced scanning' })
        return waitOrGiveUp()
      }
      if (name === 'UnsupportedImageTypeException') {
        return finish({
          kind: 'done',
          scan: scan('UNSUPPORTED_IMAGE', false, { description: `ECR cannot scan this image: ${clean(message) || name}` })
        })
      }
      if (name === 'ImageArchivedException') {
        return finish({
          kind: 'done',
          scan: scan('IMAGE_ARCHIVED', false, { description: `The image is archived: ${clean(message) || name}` })
        })
      }
      if (isRetryableAwsError(error)) {
        log('warning', `${error.message}; waiting for a scan record anyway`)
        update({ startScanNote: 'StartImageScan failed' })
        return waitOrGiveUp()
      }
      return finish({ kind: 'fail', error })
    }
  }
}
