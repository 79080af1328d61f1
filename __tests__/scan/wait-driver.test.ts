/**
 * The wait driver (`waitForScan`) around the pure step: fail-fast `stop`, the not-covered early end,
 * scan-type inference for another account's image, the settle callback, the progress line, and what
 * it passes to (and makes of errors from) the ECR port. The step itself is covered by wait-step.test.ts,
 * the SDK-level behaviour by wait.test.ts.
 */
import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  ScanNotFoundException,
  StartImageScanCommand,
  type DescribeImageScanFindingsResponse
} from '@aws-sdk/client-ecr'
import { ecrPort, type EcrPort } from '../../src/aws/ecr.js'
import { answerOfPage, inferScanType, NOT_AWAITED, waitForScan, type WaitOptions } from '../../src/scan/wait.js'
import { severityCountsKey } from '../../src/scan/wait-step.js'
import type { ScanTarget } from '../../src/scan/scan-type.js'
import type { Logger } from '../../src/core/ports.js'
import type { CallOptions } from '../../src/aws/call.js'
import { DEADLINE_EXCEEDED } from '../../src/aws/errors.js'
import { AwsCallError } from '../../src/core/errors.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))

const DIGEST = `sha256:${'b'.repeat(64)}`
const target: ScanTarget = { registryId: '123456789012', region: 'us-east-1', repository: 'my-app', digest: DIGEST }
const armTarget: ScanTarget = { ...target, platform: 'linux/arm64' }
const LABEL = `my-app@${DIGEST}`
const START = 1_700_000_000_000

interface Line {
  level: string
  message: string
}

function recorder(): Logger & { lines: Line[] } {
  const lines: Line[] = []
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warning: (message) => lines.push({ level: 'warning', message }),
    setSecret: () => {},
    group: async (_name, fn) => fn()
  }
}

type Opts = WaitOptions & { slept: number[]; log: Logger & { lines: Line[] } }

/** Options over a fake clock whose sleep returns at once and advances it; no jitter. */
function options(overrides: Partial<WaitOptions> & { budgetMs?: number } = {}): Opts {
  let time = START
  const slept: number[] = []
  const log = recorder()
  const { budgetMs, ...rest } = overrides
  return {
    scanType: 'BASIC',
    deadline: START + (budgetMs ?? 60_000),
    startScan: false,
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms)
      time += ms
    },
    random: () => 0.5,
    ...rest,
    log,
    slept
  }
}

/** The same options without a scan type: another account's image under `auto`. */
function untyped(overrides: Partial<WaitOptions> & { budgetMs?: number } = {}): Opts {
  const { scanType: _, ...rest } = options(overrides)
  return rest as Opts
}

function status(value: string, counts: Record<string, number> = {}): DescribeImageScanFindingsResponse {
  return { imageScanStatus: { status: value as never }, imageScanFindings: { findingSeverityCounts: counts } }
}

function withList(value: string, list: 'findings' | 'enhancedFindings'): DescribeImageScanFindingsResponse {
  return { imageScanStatus: { status: value as never }, imageScanFindings: { findingSeverityCounts: {}, [list]: [] } }
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 } })
}

const infos = (opts: Opts): string[] => opts.log.lines.filter((l) => l.level === 'info').map((l) => l.message)

beforeEach(() => {
  ecrMock.reset()
})

describe('waitForScan: stop (fail-fast)', () => {
  it('already stopped: no call at all, the scan is returned as not awaited and never done', async () => {
    const stop = AbortSignal.abort()
    const state = await waitForScan(ecr, armTarget, options({ stop }))
    expect(state).toEqual({
      digest: DIGEST,
      platform: 'linux/arm64',
      scanType: 'BASIC',
      scanTypeSource: 'configured',
      status: 'UNKNOWN',
      description: NOT_AWAITED,
      polls: 0,
      done: false,
      notAwaited: true
    })
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(0)
  })

  it('the report says in words why the scan was not awaited', async () => {
    const state = await waitForScan(ecr, target, options({ stop: AbortSignal.abort() }))
    expect(state.description).toBe('not awaited: the verdict was already fail')
  })

  it('already stopped, scan type not known yet: recorded as ENHANCED, inferred; no platform for a single-platform image; no call even over a lax port', async () => {
    let calls = 0
    const fake = {
      describeImageScanFindings: async () => {
        calls++
        return status('ACTIVE')
      }
    } as unknown as EcrPort
    // A port that would answer even an aborted call: the wait itself must not send one.
    const state = await waitForScan(fake, target, untyped({ stop: AbortSignal.abort() }))
    expect(calls).toBe(0)
    expect(state).toStrictEqual({
      digest: DIGEST,
      scanType: 'ENHANCED',
      scanTypeSource: 'inferred',
      status: 'UNKNOWN',
      description: NOT_AWAITED,
      polls: 0,
      done: false,
      notAwaited: true
    })
  })

  it('stopped during a sleep: the next poll is abandoned and the last status seen is returned, not thrown', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('IN_PROGRESS'))
    const controller = new AbortController()
    const opts = options({ stop: controller.signal })
    const state = await waitForScan(ecr, target, { ...opts, sleep: async () => controller.abort() })
    expect(state).toMatchObject({ status: 'IN_PROGRESS', description: NOT_AWAITED, polls: 1, done: false, notAwaited: true })
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })

  it('stopped during a sleep with a run signal too: still not awaited, not a deadline error', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const run = new AbortController()
    const controller = new AbortController()
    const opts = options({ stop: controller.signal, signal: run.signal })
    const sleepSignals: (AbortSignal | undefined)[] = []
    const state = await waitForScan(ecr, target, {
      ...opts,
      sleep: async (_ms, signal) => {
        sleepSignals.push(signal)
        controller.abort()
      }
    })
    expect(state).toMatchObject({ status: 'PENDING', notAwaited: true, done: false, polls: 1 })
    // The sleep is given a signal that aborts with `stop`.
    expect(sleepSignals).toHaveLength(1)
    expect(sleepSignals[0]?.aborted).toBe(true)
    expect(run.signal.aborted).toBe(false)
  })

  it('stopped while a poll is pending: the call is abandoned at once (stop alone)', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => new Promise(() => {}))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const state = await waitForScan(ecr, target, options({ stop: controller.signal }))
    expect(state).toMatchObject({ status: 'UNKNOWN', description: NOT_AWAITED, polls: 0, notAwaited: true, done: false })
  })

  it('stopped while a poll is pending, with a run signal too: the call is abandoned at once', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => new Promise(() => {}))
    const controller = new AbortController()
    const run = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const state = await waitForScan(ecr, target, options({ stop: controller.signal, signal: run.signal }))
    expect(state).toMatchObject({ status: 'UNKNOWN', notAwaited: true, done: false })
  })

  it('with stop given, the run signal still abandons a pending poll with DeadlineExceeded (thrown)', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => new Promise(() => {}))
    const stop = new AbortController()
    const run = new AbortController()
    setTimeout(() => run.abort(), 20)
    const error = await waitForScan(ecr, target, options({ stop: stop.signal, signal: run.signal })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe(DEADLINE_EXCEEDED)
  })

  it('a poll that answered just before stop counts as seen: its status and one more poll', async () => {
    const controller = new AbortController()
    let n = 0
    const fake = {
      describeImageScanFindings: async () => {
        n++
        if (n === 2) controller.abort()
        return status(n === 1 ? 'PENDING' : 'COMPLETE', { HIGH: 1 })
      }
    } as unknown as EcrPort
    const state = await waitForScan(fake, target, options({ scanType: 'ENHANCED', stop: controller.signal }))
    expect(state).toMatchObject({ status: 'COMPLETE', polls: 2, done: false, notAwaited: true, description: NOT_AWAITED })
  })

  it('an answer without a status just before stop keeps the last status seen', async () => {
    const controller = new AbortController()
    let n = 0
    const fake = {
      describeImageScanFindings: async () => {
        n++
        if (n === 2) controller.abort()
        return n === 1 ? status('IN_PROGRESS') : {}
      }
    } as unknown as EcrPort
    const state = await waitForScan(fake, target, options({ stop: controller.signal }))
    expect(state).toMatchObject({ status: 'IN_PROGRESS', polls: 2, notAwaited: true })
  })

  it.each([
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
  ])('stopped right after ECR answered %s: that status is kept', async (value) => {
    const controller = new AbortController()
    const fake = {
      describeImageScanFindings: async () => {
        controller.abort()
        return status(value)
      }
    } as unknown as EcrPort
    const state = await waitForScan(fake, target, options({ stop: controller.signal }))
    expect(state).toMatchObject({ status: value, polls: 1, notAwaited: true, done: false })
  })

  it.each(['QUANTUM_SCANNING', 'TIMEOUT', 'ERROR'])('stopped right after ECR answered %s (not an ECR status): UNKNOWN', async (value) => {
    const controller = new AbortController()
    const fake = {
      describeImageScanFindings: async () => {
        controller.abort()
        return status(value)
      }
    } as unknown as EcrPort
    const state = await waitForScan(fake, target, options({ stop: controller.signal }))
    expect(state).toMatchObject({ status: 'UNKNOWN', polls: 1, notAwaited: true })
  })

  it('a first poll that failed because of stop is not taken for a missing scan of an uncovered repository', async () => {
    const controller = new AbortController()
    const fake = {
      describeImageScanFindings: async () => {
        controller.abort()
        throw new AwsCallError('Could not read: no scan', 'ScanNotFoundException', 'DescribeImageScanFindings')
      }
    } as unknown as EcrPort
    const state = await waitForScan(fake, target, options({ stop: controller.signal, notCovered: 'not covered' }))
    expect(state).toMatchObject({ notAwaited: true, description: NOT_AWAITED, done: false })
  })
})

describe('waitForScan: a repository no scanning rule covers', () => {
  const reason = "repository 'my-app' is not covered by any scanning rule"

  it('no scan record: ends at once with the reason, keeping the configured type and the platform', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    const opts = options({ notCovered: reason, scanTypeSource: 'registry' })
    const state = await waitForScan(ecr, armTarget, opts)
    expect(state).toEqual({
      digest: DIGEST,
      platform: 'linux/arm64',
      scanType: 'BASIC',
      scanTypeSource: 'registry',
      status: 'SCAN_NOT_FOUND',
      description: reason,
      polls: 1,
      done: false
    })
    expect(infos(opts)).toContain(`Scan of ${LABEL} (linux/arm64): none, and none will come: ${reason}`)
    expect(opts.slept).toEqual([])
  })

  it('type not known yet: recorded as ENHANCED, inferred', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    const state = await waitForScan(ecr, target, untyped({ notCovered: reason }))
    expect(state).toMatchObject({ scanType: 'ENHANCED', scanTypeSource: 'inferred', status: 'SCAN_NOT_FOUND', description: reason })
    expect(state).not.toHaveProperty('platform')
  })

  it('an answer without any scan status is no scan either', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({})
    const state = await waitForScan(ecr, target, options({ notCovered: reason }))
    expect(state).toMatchObject({ status: 'SCAN_NOT_FOUND', description: reason, polls: 1, done: false })
  })

  it('a scan in progress is still waited for', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolvesOnce(status('PENDING')).resolves(status('COMPLETE'))
    const state = await waitForScan(ecr, target, options({ notCovered: reason }))
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 2 })
  })

  it('a throttled first poll is retried, not taken for a missing scan', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(Object.assign(awsError('ThrottlingException', 'Rate exceeded'), { $metadata: { httpStatusCode: 400, attempts: 3 } }))
      .resolves(status('ACTIVE'))
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', notCovered: reason }))
    expect(state).toMatchObject({ status: 'ACTIVE', done: true, polls: 2 })
  })

  it('access denied on the first poll is thrown, not reported as a missing scan', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(awsError('AccessDeniedException', 'not authorized'))
    const error = await waitForScan(ecr, target, options({ notCovered: reason })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
  })

  it('without a not-covered reason, a missing scan is waited for until the deadline', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({})
    const state = await waitForScan(ecr, target, options())
    // `{}` is an unknown status then, not SCAN_NOT_FOUND.
    expect(state).toMatchObject({ status: 'UNKNOWN', done: false })
  })
})

describe('waitForScan: scan type of another account’s image (not known in advance)', () => {
  it('StartImageScan is never sent, even once the image is inferred to be BASIC and its scan then goes missing', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(withList('PENDING', 'findings'))
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .resolves(withList('COMPLETE', 'findings'))
    ecrMock.on(StartImageScanCommand).resolves({})
    const opts = untyped({ startScan: true })
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ scanType: 'BASIC', scanTypeSource: 'inferred', status: 'COMPLETE', done: true, polls: 3 })
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(0)
  })

  it('inferred BASIC, then no scan until the deadline: the hint says why start-scan was not used, not to set it', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(withList('PENDING', 'findings'))
      .rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    const state = await waitForScan(ecr, target, untyped({ startScan: true, budgetMs: 6000 }))
    expect(state).toMatchObject({ status: 'SCAN_NOT_FOUND', scanType: 'BASIC', done: false })
    expect(state.description).toContain("'start-scan' is not used while the scan type is inferred (another account's image)")
    expect(state.description).toContain("set 'scan-type: basic' to let the gate start a scan")
    expect(state.description).not.toContain("set 'start-scan: true'")
  })

  it('inferred BASIC without start-scan: the usual hint to set it', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(withList('PENDING', 'findings'))
      .rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    const state = await waitForScan(ecr, target, untyped({ startScan: false, budgetMs: 6000 }))
    expect(state).toMatchObject({ status: 'SCAN_NOT_FOUND', scanType: 'BASIC' })
    expect(state.description).toContain("(set 'start-scan: true' to start one)")
  })

  it('says at info which type it inferred', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(withList('COMPLETE', 'findings'))
    const opts = untyped()
    await waitForScan(ecr, target, opts)
    expect(infos(opts)).toContain(`Scan of ${LABEL}: BASIC scanning (inferred from what ECR returned for the image)`)
  })

  it('still pending at the deadline: TIMEOUT recorded as ENHANCED, inferred', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const state = await waitForScan(ecr, target, untyped({ budgetMs: 3000 }))
    expect(state).toMatchObject({ status: 'TIMEOUT', scanType: 'ENHANCED', scanTypeSource: 'inferred', done: false })
  })

  it('no scan until the deadline: the enhanced causes (scanning rules), never the start-scan hint', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    const state = await waitForScan(ecr, target, untyped({ budgetMs: 3000 }))
    expect(state).toMatchObject({ status: 'SCAN_NOT_FOUND', scanType: 'ENHANCED', done: false })
    expect(state.description).toContain('registry scanning rules')
    expect(state.description).not.toContain('start-scan')
  })

  it('COMPLETE without either findings list fails closed with the full state', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('PENDING'))
      .resolves(status('COMPLETE', { HIGH: 1 }))
    const state = await waitForScan(ecr, armTarget, untyped())
    expect(state).toEqual({
      digest: DIGEST,
      platform: 'linux/arm64',
      scanType: 'ENHANCED',
      scanTypeSource: 'inferred',
      status: 'UNKNOWN',
      description:
        "ECR reported the scan COMPLETE without findings of either scan type, so basic and enhanced scanning cannot be told apart; set 'scan-type' to enhanced or basic",
      polls: 2,
      done: false
    })
  })

  it('COMPLETE without either list on a single-platform image has no platform', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE'))
    const state = await waitForScan(ecr, target, untyped())
    expect(state).toMatchObject({ status: 'UNKNOWN', done: false, polls: 1 })
    expect(state).not.toHaveProperty('platform')
  })

  it('an answer with neither status nor findings is UNKNOWN, not done', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({})
    const state = await waitForScan(ecr, target, untyped())
    expect(state).toMatchObject({ status: 'UNKNOWN', done: false, scanType: 'ENHANCED' })
  })
})

describe('inferScanType', () => {
  it('enhancedFindings → ENHANCED, findings → BASIC, enhanced first when both', () => {
    expect(inferScanType(withList('COMPLETE', 'enhancedFindings'))).toBe('ENHANCED')
    expect(inferScanType(withList('COMPLETE', 'findings'))).toBe('BASIC')
    expect(inferScanType({ imageScanFindings: { findings: [], enhancedFindings: [] } })).toBe('ENHANCED')
  })

  it('ACTIVE alone → ENHANCED, also without any findings object', () => {
    expect(inferScanType({ imageScanStatus: { status: 'ACTIVE' } })).toBe('ENHANCED')
  })

  it('nothing to tell by → undefined', () => {
    expect(inferScanType({})).toBeUndefined()
    expect(inferScanType(status('COMPLETE'))).toBeUndefined()
    expect(inferScanType(status('PENDING'))).toBeUndefined()
    expect(inferScanType({ imageScanStatus: { status: 'IN_PROGRESS' } })).toBeUndefined()
  })
})

describe('waitForScan: onSettling', () => {
  it('called once with the counts when an enhanced scan starts settling, not again when they are confirmed', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE', { HIGH: 1, CRITICAL: 2 }))
    const calls: [ScanTarget, string][] = []
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', onSettling: (t, counts) => calls.push([t, counts]) }))
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 2 })
    expect(calls).toEqual([[target, severityCountsKey({ CRITICAL: 2, HIGH: 1 })]])
  })

  it('called again with the new counts when they changed', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('COMPLETE', {}))
      .resolvesOnce(status('COMPLETE', { HIGH: 1 }))
      .resolves(status('COMPLETE', { HIGH: 1 }))
    const calls: string[] = []
    await waitForScan(ecr, target, options({ scanType: 'ENHANCED', onSettling: (_t, counts) => calls.push(counts) }))
    expect(calls).toEqual([severityCountsKey({}), severityCountsKey({ HIGH: 1 })])
  })

  it('a failed poll while settling does not announce the same counts again', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('COMPLETE', { HIGH: 1 }))
      .rejectsOnce(Object.assign(awsError('ThrottlingException', 'Rate exceeded'), { $metadata: { httpStatusCode: 400, attempts: 3 } }))
      .resolves(status('COMPLETE', { HIGH: 1 }))
    const calls: string[] = []
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', onSettling: (_t, counts) => calls.push(counts) }))
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 3 })
    expect(calls).toEqual([severityCountsKey({ HIGH: 1 })])
  })

  it('not called for the poll at the deadline, which ends the wait', async () => {
    let n = 0
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => status('COMPLETE', { HIGH: ++n }))
    const calls: string[] = []
    const state = await waitForScan(
      ecr,
      target,
      options({ scanType: 'ENHANCED', budgetMs: 4000, settleMs: 1500, onSettling: (_t, counts) => calls.push(counts) })
    )
    expect(state).toMatchObject({ status: 'COMPLETE', done: false, polls: 4 })
    expect(calls).toEqual([1, 2, 3].map((high) => severityCountsKey({ HIGH: high })))
  })

  it('never called under BASIC or while the scan is in progress', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('IN_PROGRESS'))
      .resolves(status('COMPLETE', { HIGH: 1 }))
    const calls: string[] = []
    await waitForScan(ecr, target, options({ onSettling: (_t, counts) => calls.push(counts) }))
    expect(calls).toEqual([])
  })
})

describe('waitForScan: the progress line', () => {
  const slow = { initialDelayMs: 30_000, maxDelayMs: 30_000 }
  const progress = (opts: Opts): string[] => infos(opts).filter((m) => m.includes(' s of '))

  it('says the status, the time waited of the timeout and the next delay, from exactly 30 s on', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const opts = options({ ...slow, budgetMs: 100_000 })
    const state = await waitForScan(ecr, target, opts)
    expect(state.status).toBe('TIMEOUT')
    expect(opts.slept).toEqual([30_000, 30_000, 30_000, 10_000])
    expect(progress(opts)).toEqual([
      `${LABEL}: PENDING, 30 s of 100 s, next poll in 30 s`,
      `${LABEL}: PENDING, 60 s of 100 s, next poll in 30 s`,
      `${LABEL}: PENDING, 90 s of 100 s, next poll in 10 s`
    ])
  })

  it('counts from startedAt when given (the scan timeout began before the wait)', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('IN_PROGRESS'))
    const opts = options({ ...slow, budgetMs: 40_000, startedAt: START - 20_000 })
    await waitForScan(ecr, target, opts)
    expect(progress(opts)).toEqual([`${LABEL}: IN_PROGRESS, 50 s of 60 s, next poll in 10 s`])
  })

  it('says "no scan yet" before any status, and never "next poll in 0 s"', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejects(Object.assign(awsError('ThrottlingException', 'Rate exceeded'), { $metadata: { httpStatusCode: 400, attempts: 3 } }))
    const opts = options({ ...slow, budgetMs: 30_400 })
    const state = await waitForScan(ecr, target, opts)
    expect(state.status).toBe('ERROR')
    expect(opts.slept).toEqual([30_000, 400])
    expect(progress(opts)).toEqual([`${LABEL}: no scan yet, 30 s of 30 s, next poll in 1 s`])
  })
})

describe('waitForScan: what it passes to the ECR port', () => {
  it('each call says what it is for and carries the run signal', async () => {
    const run = new AbortController()
    const seen: { op: string; options: CallOptions | undefined }[] = []
    let n = 0
    const fake = {
      describeImageScanFindings: async (_input: unknown, options?: CallOptions) => {
        seen.push({ op: 'describe', options })
        if (n++ === 0) throw new AwsCallError('no scan', 'ScanNotFoundException', 'DescribeImageScanFindings')
        return status('COMPLETE')
      },
      startImageScan: async (_input: unknown, options?: CallOptions) => {
        seen.push({ op: 'start', options })
        return {}
      }
    } as unknown as EcrPort
    await waitForScan(fake, armTarget, options({ startScan: true, signal: run.signal }))
    const label = `${LABEL} (linux/arm64)`
    expect(seen).toEqual([
      { op: 'describe', options: { what: `read the scan status of ${label}`, signal: run.signal } },
      { op: 'start', options: { what: `start a basic scan of ${label}`, signal: run.signal } },
      { op: 'describe', options: { what: `read the scan status of ${label}`, signal: run.signal } }
    ])
  })

  it('a StartImageScan refusal says it was starting a basic scan of the image', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'x', $metadata: {} }))
    ecrMock.on(StartImageScanCommand).rejects(awsError('AccessDeniedException', 'not authorized'))
    const error = await waitForScan(ecr, target, options({ startScan: true })).catch((e: unknown) => e)
    expect((error as AwsCallError).message).toMatch(new RegExp(`^Could not start a basic scan of ${LABEL}: `))
  })

  it('raw errors from a port are wrapped with the operation and the IAM action to grant', async () => {
    const fake = {
      describeImageScanFindings: async () => {
        throw awsError('AccessDeniedException', 'not authorized')
      }
    } as unknown as EcrPort
    const error = await waitForScan(fake, target, options()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect(error).toMatchObject({ code: 'AccessDeniedException', operation: 'DescribeImageScanFindings' })
    expect((error as AwsCallError).message).toMatch(
      new RegExp(
        `^Could not read the scan status of ${LABEL}: AccessDeniedException: not authorized — grant ecr:DescribeImageScanFindings `
      )
    )
  })

  it('a raw StartImageScan error is wrapped the same way', async () => {
    const fake = {
      describeImageScanFindings: async () => {
        throw new AwsCallError('no scan', 'ScanNotFoundException', 'DescribeImageScanFindings')
      },
      startImageScan: async () => {
        throw awsError('AccessDeniedException', 'not authorized')
      }
    } as unknown as EcrPort
    const error = await waitForScan(fake, target, options({ startScan: true })).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'AccessDeniedException', operation: 'StartImageScan' })
    expect((error as AwsCallError).message).toMatch(
      new RegExp(`^Could not start a basic scan of ${LABEL}: AccessDeniedException: not authorized — grant ecr:StartImageScan `)
    )
  })
})

describe('waitForScan: firstPoll (the first poll made as a findings page)', () => {
  it("makes the first poll through firstPoll, with the poll's purpose and signal, and every later one with maxResults 1", async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('ACTIVE'))
    const signal = new AbortController().signal
    const seen: { what: string; signal?: AbortSignal }[] = []
    const state = await waitForScan(
      ecr,
      target,
      options({
        scanType: 'ENHANCED',
        signal,
        firstPoll: async (o) => {
          seen.push(o)
          return status('IN_PROGRESS')
        }
      })
    )
    expect(seen).toEqual([{ what: `read the scan status of ${LABEL}`, signal }])
    expect(state).toMatchObject({ status: 'ACTIVE', done: true, polls: 2 })
    const sent = ecrMock.commandCalls(DescribeImageScanFindingsCommand).map((c) => c.args[0].input.maxResults)
    expect(sent).toEqual([1])
  })

  it("takes what firstPoll throws as the first poll's failure: a retryable one is polled again, a refusal is thrown wrapped", async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE'))
    const throttled = await waitForScan(
      ecr,
      target,
      options({
        firstPoll: async () => {
          throw awsError('ThrottlingException', 'Rate exceeded')
        }
      })
    )
    expect(throttled).toMatchObject({ status: 'COMPLETE', done: true, polls: 2 })
    const refused = waitForScan(
      ecr,
      target,
      options({
        firstPoll: async () => {
          throw awsError('AccessDeniedException', 'not allowed')
        }
      })
    )
    await expect(refused).rejects.toMatchObject({ code: 'AccessDeniedException', operation: 'DescribeImageScanFindings' })
    await expect(refused).rejects.toThrow(/ecr:DescribeImageScanFindings/)
  })
})

describe('answerOfPage', () => {
  it('gives the status, its description, the counts, the completion time and the token, and nothing of a missing part', () => {
    const at = new Date(1_700_000_000_000)
    expect(
      answerOfPage({
        status: 'COMPLETE',
        description: 'done',
        completedAt: at,
        hasImageScanFindings: true,
        severityCounts: { HIGH: 2 },
        nextToken: 'n',
        items: ['x'],
        listed: 1
      })
    ).toEqual({
      imageScanStatus: { status: 'COMPLETE', description: 'done' },
      imageScanFindings: { findingSeverityCounts: { HIGH: 2 }, imageScanCompletedAt: at },
      nextToken: 'n'
    })
    expect(answerOfPage({ status: 'PENDING', hasImageScanFindings: false, severityCounts: {}, items: [], listed: 0 })).toEqual({
      imageScanStatus: { status: 'PENDING' }
    })
    expect(answerOfPage({ hasImageScanFindings: true, severityCounts: {}, items: [], listed: 0 })).toEqual({
      imageScanFindings: { findingSeverityCounts: {} }
    })
  })

  it('is judged as the same answer from the SDK would be: settle counts and completion time', () => {
    const answer = answerOfPage({
      status: 'COMPLETE',
      completedAt: new Date(1),
      hasImageScanFindings: true,
      severityCounts: { LOW: 1 },
      items: [],
      listed: 0
    })
    expect(severityCountsKey(answer.imageScanFindings?.findingSeverityCounts ?? {})).toBe(severityCountsKey({ LOW: 1 }))
    expect(inferScanType(answer)).toBeUndefined()
  })
})
