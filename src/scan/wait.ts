/**
 * The wait for one digest's scan. Polls DescribeImageScanFindings itself instead of using the SDK
 * waiter, which only succeeds on COMPLETE and so hangs under enhanced continuous scanning (ACTIVE).
 */
import type { DescribeImageScanFindingsResponse } from '@aws-sdk/client-ecr'
import { Setting } from '../core/settings.js'
import { AwsCallError } from '../core/errors.js'
import type { Clock, Logger, Sleep } from '../core/ports.js'
import type { ScanState, ScanStatus, ScanType } from '../core/types.js'
import type { EcrPort } from '../aws/ecr.js'
import { isRetryableAwsError, wrapAwsError } from '../aws/errors.js'
import { describeTarget, type ScanTarget } from './scan-type.js'

/** How `waitForScan` waits. Time is injected so that tests never really sleep. */
export interface WaitOptions {
  scanType: ScanType
  /** Epoch ms after which the wait gives up (after one final poll). */
  deadline: number
  /** Under BASIC scanning, start a scan when ECR has no scan record. */
  startScan: boolean
  now: Clock
  sleep: Sleep
  log: Logger
  /** 0..1, for jitter; defaults to Math.random. */
  random?: () => number
  /** First backoff delay; default 1500 ms. */
  initialDelayMs?: number
  /** Longest backoff delay; default 2500 ms. */
  maxDelayMs?: number
  /**
   * How long after the scan completed (ECR's `imageScanCompletedAt`) enhanced findings may still
   * arrive; the confirming poll is made no earlier than this. Default 1500 ms.
   */
  settleMs?: number
  /** Shortest gap between the two polls that must agree on the counts; default 500 ms. */
  minSettleMs?: number
  /** The run's signal, passed to every call; once it aborts, the pending call fails (not retried). */
  signal?: AbortSignal
}

/** Statuses after which waiting longer cannot help. */
const TERMINAL_STATUSES: ReadonlySet<ScanStatus> = new Set<ScanStatus>([
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED'
])

/** After this many failed polls in a row (each already retried by the SDK), stop and throw. */
export const MAX_CONSECUTIVE_FAILURES = 5

/** ECR's descriptions are untrusted text that reaches logs and the summary. */
const MAX_DESCRIPTION_CHARS = 1024

const BACKOFF_FACTOR = 1.5
const JITTER = 0.2

function clean(text: string, max = MAX_DESCRIPTION_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** The AWS error name a port's AwsCallError carries. */
function nameOf(error: unknown): string {
  if (error instanceof AwsCallError) return error.code
  if (typeof error === 'object' && error !== null) {
    const name = (error as Record<string, unknown>)['name']
    if (typeof name === 'string') return name
  }
  return ''
}

/** The SDK error's own message (the cause of a port's AwsCallError). */
function messageOf(error: unknown): string {
  const raw = error instanceof AwsCallError ? (error as { cause?: unknown }).cause : error
  if (typeof raw === 'object' && raw !== null) {
    const message = (raw as Record<string, unknown>)['message']
    if (typeof message === 'string') return message
  }
  return ''
}

/** Severity counts as a canonical string, so two polls compare by value. */
function countsKey(response: DescribeImageScanFindingsResponse): string {
  const counts = response.imageScanFindings?.findingSeverityCounts ?? {}
  const entries = Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return JSON.stringify(entries)
}

function completedAtOf(response: DescribeImageScanFindingsResponse): string | undefined {
  const at = response.imageScanFindings?.imageScanCompletedAt
  if (at instanceof Date && !Number.isNaN(at.getTime())) return at.toISOString()
  return undefined
}

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

/** What the last poll saw. */
type Observation =
  | { kind: 'not-found' }
  | { kind: 'pending'; status: string }
  | { kind: 'settling'; response: DescribeImageScanFindingsResponse }
  | { kind: 'failed'; error: AwsCallError }

/**
 * Polls DescribeImageScanFindings (maxResults 1: only the status and severity counts) until the scan
 * is done or the deadline passes. Never uses the SDK waiter.
 * - ScanNotFoundException: under BASIC with `startScan`, StartImageScan is sent once, with a single
 *   attempt (LimitExceeded and "enhanced/feature disabled" validation errors just mean keep
 *   waiting); the wait goes on until the deadline, then status SCAN_NOT_FOUND with likely causes.
 * - PENDING / IN_PROGRESS: wait; at the deadline, TIMEOUT ("scan still <status> after N s").
 * - COMPLETE under ENHANCED: findings can still arrive for seconds after the scan completed, so
 *   re-poll until the severity counts are equal on two consecutive polls, the confirming poll made
 *   at least `settleMs` after `imageScanCompletedAt` and at least `minSettleMs` after the previous
 *   one. Timing it from the completion (not from when the gate first saw COMPLETE) is what keeps the
 *   decision lag low: a scan that completed while the gate slept has already partly settled. If the deadline hits while
 *   settling, the scan is returned as done with the last counts: the status is COMPLETE and the
 *   counts were read, so the findings that are judged are the ones ECR reported complete; the
 *   description records that they had not been seen stable. Under BASIC, COMPLETE is done at once.
 * - ACTIVE (enhanced continuous scanning, never becomes COMPLETE): done at once.
 * - FAILED, UNSUPPORTED_IMAGE, SCAN_ELIGIBILITY_EXPIRED, FINDINGS_UNAVAILABLE, LIMIT_EXCEEDED,
 *   IMAGE_ARCHIVED, and any unknown status (as UNKNOWN): returned at once with done=false and ECR's
 *   description.
 * - RepositoryNotFound / ImageNotFound / AccessDenied / Validation: thrown (wrapped), never retried.
 *   Throttling, 5xx and network failures (after the SDK's own retries) are counted and polling goes
 *   on; the 5th consecutive failure is thrown; a failure on the final poll returns status ERROR.
 * Backoff: min(maxDelay, initialDelay × 1.5^n) ± 20 % jitter; sleeps never pass the deadline, and
 * one final poll is made at the deadline. Each poll is logged at debug, status changes at info.
 */
export async function waitForScan(ecr: EcrPort, target: ScanTarget, options: WaitOptions): Promise<ScanState> {
  const { scanType, deadline, now, sleep, log } = options
  const withSignal = options.signal !== undefined ? { signal: options.signal } : {}
  const random = options.random ?? Math.random
  const initialDelayMs = options.initialDelayMs ?? 1500
  const maxDelayMs = options.maxDelayMs ?? 2500
  const settleMs = options.settleMs ?? 1500
  const minSettleMs = Math.min(options.minSettleMs ?? 500, settleMs)
  const label = describeTarget(target)
  const startedAt = now()
  const wrapContext = {
    operation: 'DescribeImageScanFindings',
    action: 'ecr:DescribeImageScanFindings',
    what: `read the scan status of ${label}`
  }

  let polls = 0
  let failures = 0
  let backoffStep = 0
  let lastStatus: string | undefined
  let previousCounts: string | undefined
  let startScanSent = false
  let startScanNote: string | undefined

  const state = (status: ScanStatus, done: boolean, extra: { description?: string; completedAt?: string } = {}): ScanState => ({
    digest: target.digest,
    ...(target.platform !== undefined ? { platform: target.platform } : {}),
    scanType,
    status,
    ...(extra.description !== undefined ? { description: extra.description } : {}),
    ...(extra.completedAt !== undefined ? { completedAt: extra.completedAt } : {}),
    polls,
    done
  })

  const noteStatus = (status: string): void => {
    if (status !== lastStatus) {
      log.info(`Scan of ${label}: ${clean(status, 64)}`)
      lastStatus = status
    }
  }

  const elapsedSeconds = (): number => Math.max(0, Math.round((now() - startedAt) / 1000))

  /** Sends StartImageScan once; returns a terminal state when ECR says the image can never be scanned. */
  const startBasicScan = async (): Promise<ScanState | undefined> => {
    startScanSent = true
    try {
      const response = await ecr.startImageScan(
        { registryId: target.registryId, repositoryName: target.repository, imageId: { imageDigest: target.digest } },
        { what: `start a basic scan of ${label}`, ...withSignal }
      )
      const started = response.imageScanStatus?.status
      log.info(`Started a basic scan of ${label}${started !== undefined ? ` (${clean(started, 64)})` : ''}`)
      startScanNote = 'a basic scan was started by the gate'
      return undefined
    } catch (error) {
      const name = nameOf(error)
      if (name === 'LimitExceededException') {
        // One StartImageScan per image per 24 h: a scan was already requested; its record may still appear.
        log.info(`StartImageScan for ${label}: already requested in the last 24 h; waiting for its result`)
        startScanNote = 'StartImageScan was refused (one scan per image per 24 h)'
        return undefined
      }
      if (name === 'ValidationException' && /enhanced|feature|disabled/i.test(messageOf(error))) {
        log.info(`StartImageScan for ${label} is not available (the registry uses enhanced scanning); waiting`)
        startScanNote = 'StartImageScan is unavailable under enhanced scanning'
        return undefined
      }
      if (name === 'UnsupportedImageTypeException') {
        return state('UNSUPPORTED_IMAGE', false, {
          description: `ECR cannot scan this image: ${clean(messageOf(error)) || name}`
        })
      }
      if (name === 'ImageArchivedException') {
        return state('IMAGE_ARCHIVED', false, { description: `The image is archived: ${clean(messageOf(error)) || name}` })
      }
      const wrapped = wrapAwsError(error, {
        operation: 'StartImageScan',
        action: 'ecr:StartImageScan',
        what: `start a basic scan of ${label}`
      })
      if (isRetryableAwsError(error)) {
        log.warning(`${wrapped.message}; waiting for a scan record anyway`)
        startScanNote = 'StartImageScan failed'
        return undefined
      }
      throw wrapped
    }
  }

  const notFoundDescription = (): string => {
    const causes = [
      scanType === 'ENHANCED'
        ? 'the repository is not covered by the registry scanning rules (continuous or scan-on-push filters)'
        : 'the repository is not covered by the registry scan-on-push rules (scan on push is off for it) and no scan was started' +
          (options.startScan ? '' : ` (set '${Setting.StartScan}: true' to start one)`),
      'the image is not eligible for scanning (unsupported OS or media type, or pushed too long ago)',
      `the scan has not started yet (raise '${Setting.ScanTimeout}')`
    ]
    const note = startScanNote !== undefined ? ` Note: ${startScanNote}.` : ''
    return `No scan record for ${label} after ${elapsedSeconds()} s. Likely causes: ${causes.join('; ')}.${note}`
  }

  /**
   * Delay before the poll that confirms the counts: until `settleMs` after the completion time ECR
   * reports, but never less than `minSettleMs` (two polls must always be apart). Without a
   * completion time, the full `settleMs`. Clock skew only moves when the confirming poll is made;
   * the two polls must still agree.
   */
  const settleDelay = (response: DescribeImageScanFindingsResponse): number => {
    const at = response.imageScanFindings?.imageScanCompletedAt
    const since = at instanceof Date && !Number.isNaN(at.getTime()) ? Math.max(0, now() - at.getTime()) : 0
    return Math.max(minSettleMs, settleMs - since)
  }

  for (;;) {
    polls += 1
    let observation: Observation = { kind: 'not-found' }
    let response: DescribeImageScanFindingsResponse | undefined
    try {
      response = await ecr.describeImageScanFindings(
        {
          registryId: target.registryId,
          repositoryName: target.repository,
          imageId: { imageDigest: target.digest },
          maxResults: 1
        },
        { what: wrapContext.what, ...withSignal }
      )
      failures = 0
    } catch (error) {
      if (nameOf(error) === 'ScanNotFoundException') {
        failures = 0
        response = undefined
      } else if (isRetryableAwsError(error)) {
        failures += 1
        const wrapped = wrapAwsError(error, wrapContext)
        if (failures >= MAX_CONSECUTIVE_FAILURES) throw wrapped
        log.warning(`${wrapped.message} (failure ${failures} of ${MAX_CONSECUTIVE_FAILURES}; polling again)`)
        observation = { kind: 'failed', error: wrapped }
        response = undefined
      } else {
        throw wrapAwsError(error, wrapContext)
      }
    }

    if (response === undefined) {
      if (observation.kind === 'not-found') {
        noteStatus('SCAN_NOT_FOUND')
        log.debug(`Poll ${polls} for ${label}: no scan record yet`)
        previousCounts = undefined
        if (!startScanSent && options.startScan) {
          if (scanType === 'BASIC') {
            const terminal = await startBasicScan()
            if (terminal !== undefined) return terminal
          } else {
            startScanSent = true
            log.debug(`start-scan does not apply under enhanced scanning; waiting for ${label}`)
          }
        }
      }
    } else {
      const rawStatus = response.imageScanStatus?.status ?? 'UNKNOWN'
      const ecrDescription = response.imageScanStatus?.description
      const completedAt = completedAtOf(response)
      log.debug(`Poll ${polls} for ${label}: ${clean(rawStatus, 64)} ${countsKey(response)}`)
      noteStatus(rawStatus)
      if (rawStatus === 'ACTIVE' || (rawStatus === 'COMPLETE' && scanType === 'BASIC')) {
        return state(rawStatus, true, completedAt !== undefined ? { completedAt } : {})
      }
      if (rawStatus === 'COMPLETE') {
        const counts = countsKey(response)
        if (previousCounts === counts) {
          return state('COMPLETE', true, completedAt !== undefined ? { completedAt } : {})
        }
        if (previousCounts !== undefined) log.info(`Findings of ${label} are still arriving; checking again`)
        previousCounts = counts
        observation = { kind: 'settling', response }
      } else if (rawStatus === 'PENDING' || rawStatus === 'IN_PROGRESS') {
        previousCounts = undefined
        observation = { kind: 'pending', status: rawStatus }
      } else {
        const detail = ecrDescription !== undefined && ecrDescription.trim() !== '' ? clean(ecrDescription) : undefined
        const known = TERMINAL_STATUSES.has(rawStatus as ScanStatus)
        const description = known
          ? (detail ?? `ECR reported scan status ${rawStatus}`)
          : `ECR reported an unknown scan status '${clean(rawStatus, 64)}'; failing closed${detail !== undefined ? `: ${detail}` : ''}`
        return state(known ? (rawStatus as ScanStatus) : 'UNKNOWN', false, {
          description,
          ...(completedAt !== undefined ? { completedAt } : {})
        })
      }
    }

    const remaining = deadline - now()
    if (remaining <= 0) {
      switch (observation.kind) {
        case 'settling': {
          const completedAt = completedAtOf(observation.response)
          return state('COMPLETE', true, {
            description: 'Scan COMPLETE; the deadline came before the findings were seen stable on two polls, so the last counts were used',
            ...(completedAt !== undefined ? { completedAt } : {})
          })
        }
        case 'pending':
          return state('TIMEOUT', false, {
            description: `scan still ${observation.status} after ${elapsedSeconds()} s (raise '${Setting.ScanTimeout}' if scans take longer)`
          })
        case 'not-found':
          return state('SCAN_NOT_FOUND', false, { description: notFoundDescription() })
        case 'failed':
          return state('ERROR', false, {
            description: `${observation.error.message}${lastStatus !== undefined ? ` (last status seen: ${clean(lastStatus, 64)})` : ''}`
          })
      }
    }
    const wanted =
      observation.kind === 'settling'
        ? settleDelay(observation.response)
        : backoffDelay(backoffStep++, initialDelayMs, maxDelayMs, random)
    const delay = Math.min(wanted, remaining)
    log.debug(`Waiting ${delay} ms before polling ${label} again`)
    await sleep(delay)
  }
}
