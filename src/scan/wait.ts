/**
 * The wait for one digest's scan: a thin driver that performs the I/O for the pure step function of
 * `wait-step.ts` over the ECR port. Polls DescribeImageScanFindings itself instead of using the SDK
 * waiter, which only succeeds on COMPLETE and so hangs under enhanced continuous scanning (ACTIVE).
 */
import type { Clock, Logger, Sleep } from '../core/ports.js'
import type { DescribeImageScanFindingsResponse } from '@aws-sdk/client-ecr'
import type { ScanState, ScanStatus, ScanType, ScanTypeSource } from '../core/types.js'
import type { EcrPort } from '../aws/ecr.js'
import type { FindingsPage } from '../aws/findings-page.js'
import { wrapAwsError } from '../aws/errors.js'
import { Setting } from '../core/settings.js'
import { describeTarget, type ScanTarget } from './scan-type.js'
import { initialWaitState, waitPlan, waitStep, type WaitEvent, type WaitPacing } from './wait-step.js'

export { backoffDelay, MAX_CONSECUTIVE_FAILURES } from './wait-step.js'

/** How `waitForScan` waits. Time is injected so that tests never really sleep. */
export interface WaitOptions extends WaitPacing {
  /**
   * The scan type; undefined (another account's registry under `auto`): inferred from what ECR
   * returns for the image (`enhancedFindings` or `findings`; ACTIVE exists only under enhanced). Until
   * it is known the wait never sends StartImageScan.
   */
  scanType?: ScanType
  /** How `scanType` was known; recorded in the result (`inferred` when it is inferred here). */
  scanTypeSource?: ScanTypeSource
  /** Epoch ms after which the wait gives up (after one final poll). */
  deadline: number
  /** Under BASIC scanning, start a scan when ECR has no scan record. */
  startScan: boolean
  now: Clock
  sleep: Sleep
  log: Logger
  /** 0..1, for jitter; defaults to Math.random. */
  random?: () => number
  /**
   * The run's signal: passed to every call and to every sleep. Once it aborts, the pending call (or
   * the next one) fails with code `DeadlineExceeded`, which is thrown.
   */
  signal?: AbortSignal
  /**
   * Aborts when the verdict is already `fail` (fail-fast): the pending call and sleep are abandoned
   * and the wait returns at once with the last status seen, `notAwaited` and never `done`.
   */
  stop?: AbortSignal
  /**
   * Called when an enhanced scan reports COMPLETE and the wait starts the delay before the poll that
   * confirms its severity counts (`counts`, as `severityCountsKey` writes them); again if they
   * changed. The caller may read the findings meanwhile and keep them when the confirmed counts are
   * these.
   */
  onSettling?: (target: ScanTarget, counts: string) => void
  /**
   * Why no scan will come (the repository is not covered by a scanning rule, see `coverageReason`):
   * when ECR has no scan of the image either, the wait ends at once with this reason instead of
   * waiting out the deadline.
   */
  notCovered?: string
  /** Epoch ms the scan timeout counts from (for the progress line); defaults to the wait's start. */
  startedAt?: number
  /**
   * Makes the wait's first poll instead of the plain `maxResults: 1` call. The caller reads it as the
   * first findings page (`maxResults: 1000`) and keeps that page, so a scan that is already done
   * (ACTIVE, or COMPLETE under basic scanning) needs no second request for the page; the answer it
   * returns is what the wait judges (`answerOfPage`). It gets the signal every poll gets; what it
   * throws is taken as that poll's failure.
   */
  firstPoll?: (options: { what: string; signal?: AbortSignal }) => Promise<DescribeImageScanFindingsResponse>
}

/** How often a long wait says where it stands, whether or not the status changed. */
export const PROGRESS_EVERY_MS = 30_000

/** The description of a scan the gate stopped waiting for because the verdict was already known. */
export const NOT_AWAITED = 'not awaited: the verdict was already fail'

const SCAN_STATUSES: ReadonlySet<string> = new Set<ScanStatus>([
  'COMPLETE',
  'ACTIVE',
  'PENDING',
  'IN_PROGRESS',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED',
  'SCAN_NOT_FOUND'
])

/**
 * Polls DescribeImageScanFindings (maxResults 1: only the status and severity counts; the first poll
 * through `firstPoll` when given) until the scan is done or the deadline passes. Never uses the SDK
 * waiter.
 * - ScanNotFoundException: under BASIC with `startScan`, StartImageScan is sent once, with a single
 *   attempt (LimitExceeded and "enhanced/feature disabled" validation errors just mean keep
 *   waiting); the wait goes on until the deadline, then status SCAN_NOT_FOUND with likely causes.
 * - PENDING / IN_PROGRESS: wait; at the deadline, TIMEOUT ("scan still <status> after N s").
 * - COMPLETE under ENHANCED: findings can still arrive for seconds after the scan completed, so
 *   re-poll until the severity counts are equal on two consecutive polls, the confirming poll made
 *   at least `settleMs` after `imageScanCompletedAt` and at least `minSettleMs` after the previous
 *   one. Timing it from the completion (not from when the gate first saw COMPLETE) is what keeps the
 *   decision lag low: a scan that completed while the gate slept has already partly settled. If the
 *   deadline hits while settling, the scan is returned as COMPLETE but not done (fail closed), with a
 *   description saying the findings were not seen stable before the deadline. Under BASIC, COMPLETE
 *   is done at once.
 * - ACTIVE (enhanced continuous scanning, never becomes COMPLETE): done at once.
 * - FAILED, UNSUPPORTED_IMAGE, SCAN_ELIGIBILITY_EXPIRED, FINDINGS_UNAVAILABLE, LIMIT_EXCEEDED,
 *   IMAGE_ARCHIVED, and any unknown status (as UNKNOWN): returned at once with done=false and ECR's
 *   description.
 * - RepositoryNotFound / ImageNotFound / AccessDenied / Validation: thrown (wrapped), never retried.
 *   Throttling, 5xx and network failures (after the SDK's own retries) are counted and polling goes
 *   on; the 5th consecutive failure is thrown; a failure on the final poll returns status ERROR.
 * - The run's `signal` aborted: the call fails with code `DeadlineExceeded` (never retried), thrown.
 * - `stop` aborted: returned at once as not awaited (the last status seen, `done: false`).
 * Backoff: min(maxDelay, initialDelay × 1.5^n) ± 20 % jitter; sleeps never pass the deadline, and
 * one final poll is made at the deadline. Each poll is logged at debug, status changes at info.
 */
export async function waitForScan(ecr: EcrPort, target: ScanTarget, options: WaitOptions): Promise<ScanState> {
  const { now, sleep, log, stop } = options
  const random = options.random ?? Math.random
  let scanType = options.scanType
  let source: ScanTypeSource = scanType === undefined ? 'inferred' : (options.scanTypeSource ?? 'configured')
  // Until the type is known: no StartImageScan (never on another account's image), and the
  // enhanced rules (settle before judging), which are the stricter ones.
  let plan = waitPlan(
    target,
    {
      ...options,
      scanType: scanType ?? 'ENHANCED',
      startScan: scanType !== undefined && options.startScan,
      ...(scanType === undefined && options.startScan
        ? {
            startScanWithheld: `'${Setting.StartScan}' is not used while the scan type is inferred (another account's image); set '${Setting.ScanType}: basic' to let the gate start a scan`
          }
        : {})
    },
    now()
  )
  const typed = (scan: ScanState): ScanState => ({ ...scan, scanType: scanType ?? scan.scanType, scanTypeSource: source })
  const label = describeTarget(target)
  // `stop` also abandons the call in flight and the sleep, so the wait ends as soon as it aborts.
  const signal = stop === undefined ? options.signal : options.signal === undefined ? stop : AbortSignal.any([options.signal, stop])
  const withSignal = signal !== undefined ? { signal } : {}
  const image = { registryId: target.registryId, repositoryName: target.repository, imageId: { imageDigest: target.digest } }

  const poll = async (first = false): Promise<WaitEvent> => {
    const context = {
      operation: 'DescribeImageScanFindings',
      action: 'ecr:DescribeImageScanFindings',
      what: `read the scan status of ${label}`
    }
    try {
      const response =
        first && options.firstPoll !== undefined
          ? await options.firstPoll({ what: context.what, ...withSignal })
          : await ecr.describeImageScanFindings({ ...image, maxResults: 1 }, { what: context.what, ...withSignal })
      return { kind: 'polled', response }
    } catch (error) {
      return { kind: 'poll-failed', error: wrapAwsError(error, context) }
    }
  }

  const startScan = async (): Promise<WaitEvent> => {
    const context = { operation: 'StartImageScan', action: 'ecr:StartImageScan', what: `start a basic scan of ${label}` }
    try {
      const response = await ecr.startImageScan(image, { what: context.what, ...withSignal })
      return { kind: 'scan-started', response }
    } catch (error) {
      return { kind: 'scan-start-failed', error: wrapAwsError(error, context) }
    }
  }

  let state = initialWaitState
  /** The scan as last seen: a poll that answered just before `stop` still counts as seen. */
  const notAwaited = (answered?: WaitEvent): ScanState => {
    const polled = answered?.kind === 'polled'
    const last = polled ? (answered.response.imageScanStatus?.status ?? state.lastStatus) : state.lastStatus
    return {
      digest: target.digest,
      ...(target.platform !== undefined ? { platform: target.platform } : {}),
      scanType: scanType ?? 'ENHANCED',
      scanTypeSource: source,
      status: last !== undefined && SCAN_STATUSES.has(last) ? (last as ScanStatus) : 'UNKNOWN',
      description: NOT_AWAITED,
      polls: state.polls + (polled ? 1 : 0),
      done: false,
      notAwaited: true
    }
  }
  const stopped = (): boolean => stop?.aborted === true
  if (stopped()) return notAwaited()
  const startedAt = options.startedAt ?? now()
  let lastProgress = now()
  let event = await poll(true)
  if (options.notCovered !== undefined && !stopped() && noScan(event)) {
    log.info(`Scan of ${label}: none, and none will come: ${options.notCovered}`)
    return {
      digest: target.digest,
      ...(target.platform !== undefined ? { platform: target.platform } : {}),
      scanType: scanType ?? 'ENHANCED',
      scanTypeSource: source,
      status: 'SCAN_NOT_FOUND',
      description: options.notCovered,
      polls: 1,
      done: false
    }
  }
  for (;;) {
    // Checked before the step, so a poll that failed because of `stop` is not taken for an AWS failure.
    if (stopped()) return notAwaited(event)
    if (scanType === undefined && event.kind === 'polled') {
      const inferred = inferScanType(event.response)
      if (inferred !== undefined) {
        scanType = inferred
        source = 'inferred'
        plan = { ...plan, scanType: inferred }
        log.info(`Scan of ${label}: ${inferred} scanning (inferred from what ECR returned for the image)`)
      } else if (event.response.imageScanStatus?.status === 'COMPLETE') {
        // Neither findings list: the findings cannot be read as either type. Fail closed.
        return typed({
          digest: target.digest,
          ...(target.platform !== undefined ? { platform: target.platform } : {}),
          scanType: 'ENHANCED',
          status: 'UNKNOWN',
          description: `ECR reported the scan COMPLETE without findings of either scan type, so basic and enhanced scanning cannot be told apart; set '${Setting.ScanType}' to enhanced or basic`,
          polls: state.polls + 1,
          done: false
        })
      }
    }
    const step = waitStep(plan, state, event, now(), random())
    const settling = step.state.lastSeen?.kind === 'settling' && step.state.previousCounts !== state.previousCounts
    state = step.state
    for (const line of step.logs) log[line.level](line.message)
    const next = step.next
    if (settling && next.kind === 'sleep' && state.previousCounts !== undefined) options.onSettling?.(target, state.previousCounts)
    switch (next.kind) {
      case 'done':
        return typed(next.scan)
      case 'fail':
        throw next.error
      case 'start-scan':
        event = await startScan()
        break
      case 'sleep':
        if (now() - lastProgress >= PROGRESS_EVERY_MS) {
          // A status change is logged by the step; a long wait in one status must still show it is alive.
          lastProgress = now()
          const elapsed = Math.round((now() - startedAt) / 1000)
          const total = Math.round((options.deadline - startedAt) / 1000)
          log.info(
            `${label}: ${state.lastStatus ?? 'no scan yet'}, ${elapsed} s of ${total} s, next poll in ${Math.max(1, Math.round(next.ms / 1000))} s`
          )
        }
        await sleep(next.ms, signal)
        event = await poll()
        break
    }
  }
}

/** ECR's own status type: a string union the SDK does not check, any string ECR sends included. */
type EcrScanStatus = NonNullable<NonNullable<DescribeImageScanFindingsResponse['imageScanStatus']>['status']>

/**
 * What the wait reads of a poll (status, its description, the severity counts, the completion time),
 * from a poll made as a findings page: the answer `firstPoll` returns. The page's findings are not
 * part of it, so `inferScanType` cannot use it (`firstPoll` is for a known scan type only).
 */
export function answerOfPage(page: FindingsPage<unknown>): DescribeImageScanFindingsResponse {
  return {
    ...(page.status !== undefined
      ? {
          imageScanStatus: {
            status: page.status as EcrScanStatus,
            ...(page.description !== undefined ? { description: page.description } : {})
          }
        }
      : {}),
    ...(page.hasImageScanFindings
      ? {
          imageScanFindings: {
            findingSeverityCounts: page.severityCounts,
            ...(page.completedAt !== undefined ? { imageScanCompletedAt: page.completedAt } : {})
          }
        }
      : {}),
    ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {})
  }
}

/** Whether a poll says ECR has no scan of the image at all. */
function noScan(event: WaitEvent): boolean {
  if (event.kind === 'poll-failed') return event.error.code === 'ScanNotFoundException'
  return event.kind === 'polled' && event.response.imageScanStatus?.status === undefined
}

/**
 * The scan type of an image's scan, from a DescribeImageScanFindings answer: `enhancedFindings` only
 * exists under enhanced scanning, `findings` only under basic, and ACTIVE (continuous scanning) only
 * under enhanced. Undefined while the answer says neither (no scan yet, pending, in progress).
 */
export function inferScanType(response: DescribeImageScanFindingsResponse): ScanType | undefined {
  const findings = response.imageScanFindings
  if (findings?.enhancedFindings !== undefined) return 'ENHANCED'
  if (findings?.findings !== undefined) return 'BASIC'
  if (response.imageScanStatus?.status === 'ACTIVE') return 'ENHANCED'
  return undefined
}
