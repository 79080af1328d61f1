import { describe, it, expect } from 'vitest'
import type { DescribeImageScanFindingsResponse } from '@aws-sdk/client-ecr'
import {
  initialWaitState,
  MAX_CONSECUTIVE_FAILURES,
  waitPlan,
  waitStep,
  type WaitEvent,
  type WaitPlan,
  type WaitState,
  type WaitStep
} from '../../src/scan/wait-step.js'
import type { ScanTarget } from '../../src/scan/scan-type.js'
import { DEADLINE_EXCEEDED, wrapAwsError } from '../../src/aws/errors.js'
import { deadlineError } from '../../src/aws/call.js'
import type { AwsCallError } from '../../src/core/errors.js'
import type { ScanType } from '../../src/core/types.js'

const DIGEST = `sha256:${'e'.repeat(64)}`
const target: ScanTarget = { registryId: '123456789012', region: 'us-east-1', repository: 'my-app', digest: DIGEST }
const LABEL = `my-app@${DIGEST}`
const START = 1_700_000_000_000
const BUDGET = 60_000
const pollContext = {
  operation: 'DescribeImageScanFindings',
  action: 'ecr:DescribeImageScanFindings',
  what: `read the scan status of ${LABEL}`
}
const startContext = { operation: 'StartImageScan', action: 'ecr:StartImageScan', what: `start a basic scan of ${LABEL}` }

function plan(scanType: ScanType, overrides: { startScan?: boolean; budgetMs?: number; settleMs?: number } = {}): WaitPlan {
  return waitPlan(
    target,
    {
      scanType,
      deadline: START + (overrides.budgetMs ?? BUDGET),
      startScan: overrides.startScan ?? true,
      ...(overrides.settleMs !== undefined ? { settleMs: overrides.settleMs } : {})
    },
    START
  )
}

function polled(
  status: string | undefined,
  counts: Record<string, number> = {},
  extra: { completedAt?: Date; description?: string } = {}
): WaitEvent {
  const response: DescribeImageScanFindingsResponse = {
    ...(status !== undefined
      ? { imageScanStatus: { status: status as never, ...(extra.description !== undefined ? { description: extra.description } : {}) } }
      : {}),
    imageScanFindings: {
      findingSeverityCounts: counts,
      ...(extra.completedAt !== undefined ? { imageScanCompletedAt: extra.completedAt } : {})
    }
  }
  return { kind: 'polled', response }
}

function awsFailure(code: string, message = `${code} message`, extra: Record<string, unknown> = {}, context = pollContext): AwsCallError {
  return wrapAwsError(
    Object.assign(new Error(message), { name: code, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra }),
    context
  )
}

const pollFailed = (error: AwsCallError): WaitEvent => ({ kind: 'poll-failed', error })
const notFound = (): WaitEvent => pollFailed(awsFailure('ScanNotFoundException', 'no scan'))
const throttled = (): AwsCallError =>
  awsFailure('ThrottlingException', 'Rate exceeded', { $metadata: { httpStatusCode: 400, attempts: 3 } })
const startFailed = (code: string, message?: string, extra: Record<string, unknown> = {}): WaitEvent => ({
  kind: 'scan-start-failed',
  error: awsFailure(code, message, extra, startContext)
})

/** Runs events one after the other at the given times (default: START), returning every step. */
function run(p: WaitPlan, events: [WaitEvent, number?][], from: WaitState = initialWaitState): WaitStep[] {
  const steps: WaitStep[] = []
  let state = from
  for (const [event, at] of events) {
    const step = waitStep(p, state, event, at ?? START, 0.5)
    steps.push(step)
    state = step.state
  }
  return steps
}

const last = (steps: WaitStep[]): WaitStep => steps[steps.length - 1] as WaitStep

function scanOf(step: WaitStep) {
  if (step.next.kind !== 'done') throw new Error(`expected done, got ${step.next.kind}`)
  return step.next.scan
}

describe('waitStep: no scan record', () => {
  it('under BASIC with startScan: the first not-found asks to start a scan, once', () => {
    const steps = run(plan('BASIC'), [[notFound()], [notFound()]])
    expect(steps[0]?.next).toEqual({ kind: 'start-scan' })
    expect(steps[0]?.state).toMatchObject({ polls: 1, startScanSent: true, failures: 0 })
    expect(steps[0]?.logs).toEqual([
      { level: 'info', message: `Scan of ${LABEL}: SCAN_NOT_FOUND` },
      { level: 'debug', message: `Poll 1 for ${LABEL}: no scan record yet` }
    ])
    expect(steps[1]?.next).toEqual({ kind: 'sleep', ms: 1500 })
  })

  it('under BASIC without startScan, or under ENHANCED: no scan is started, the wait backs off', () => {
    expect(run(plan('BASIC', { startScan: false }), [[notFound()]])[0]?.next).toEqual({ kind: 'sleep', ms: 1500 })
    const enhanced = run(plan('ENHANCED'), [[notFound()]])[0]
    expect(enhanced?.next).toEqual({ kind: 'sleep', ms: 1500 })
    expect(enhanced?.state.startScanSent).toBe(true)
    expect(enhanced?.logs.some((l) => l.level === 'debug' && l.message.includes('start-scan does not apply'))).toBe(true)
  })

  it('a started scan is logged and noted; at the deadline SCAN_NOT_FOUND says so and names the causes', () => {
    const p = plan('BASIC', { budgetMs: 10_000 })
    const steps = run(p, [
      [notFound()],
      [{ kind: 'scan-started', response: { imageScanStatus: { status: 'IN_PROGRESS' } } }],
      [notFound(), START + 10_000]
    ])
    expect(steps[1]?.next).toEqual({ kind: 'sleep', ms: 1500 })
    expect(steps[1]?.logs[0]).toEqual({ level: 'info', message: `Started a basic scan of ${LABEL} (IN_PROGRESS)` })
    const scan = scanOf(last(steps))
    expect(scan).toMatchObject({ status: 'SCAN_NOT_FOUND', done: false, polls: 2 })
    expect(scan.description).toContain(`No scan record for ${LABEL} after 10 s`)
    expect(scan.description).toContain('not covered by the registry scan-on-push rules')
    expect(scan.description).toContain('not eligible')
    expect(scan.description).toContain('Note: a basic scan was started by the gate.')
  })

  it('without startScan under BASIC, SCAN_NOT_FOUND suggests it; under ENHANCED it names the scanning rules', () => {
    const basic = scanOf(run(plan('BASIC', { startScan: false, budgetMs: 0 }), [[notFound()]])[0] as WaitStep)
    expect(basic.description).toContain("set 'start-scan: true'")
    const enhanced = scanOf(run(plan('ENHANCED', { budgetMs: 0 }), [[notFound()]])[0] as WaitStep)
    expect(enhanced.description).toContain('registry scanning rules')
    expect(enhanced.description).not.toContain('start-scan')
  })
})

describe('waitStep: StartImageScan outcomes', () => {
  const afterStart = (event: WaitEvent): WaitStep => last(run(plan('BASIC'), [[notFound()], [event]]))

  it.each([
    ['LimitExceededException', 'once per 24 h', 'StartImageScan was refused (one scan per image per 24 h)'],
    [
      'ValidationException',
      'This feature is disabled when enhanced scanning is enabled',
      'StartImageScan is unavailable under enhanced scanning'
    ]
  ])('%s just means keep waiting', (code, message, note) => {
    const step = afterStart(startFailed(code, message))
    expect(step.next).toEqual({ kind: 'sleep', ms: 1500 })
    expect(step.state.startScanNote).toBe(note)
    expect(step.logs.some((l) => l.level === 'info')).toBe(true)
  })

  it('UnsupportedImageTypeException → UNSUPPORTED_IMAGE, ImageArchivedException → IMAGE_ARCHIVED, not done', () => {
    expect(scanOf(afterStart(startFailed('UnsupportedImageTypeException', 'windows image')))).toMatchObject({
      status: 'UNSUPPORTED_IMAGE',
      done: false,
      description: 'ECR cannot scan this image: windows image'
    })
    expect(scanOf(afterStart(startFailed('ImageArchivedException', 'archived')))).toMatchObject({
      status: 'IMAGE_ARCHIVED',
      done: false,
      description: 'The image is archived: archived'
    })
  })

  it('a retryable failure warns and keeps waiting', () => {
    const step = afterStart(startFailed('ServerException', 'boom', { $fault: 'server', $metadata: { httpStatusCode: 500 } }))
    expect(step.next).toEqual({ kind: 'sleep', ms: 1500 })
    expect(step.state.startScanNote).toBe('StartImageScan failed')
    expect(step.logs.find((l) => l.level === 'warning')?.message).toContain(`Could not start a basic scan of ${LABEL}`)
  })

  it('access denied, another validation error or the deadline: fail with the error', () => {
    for (const event of [
      startFailed('AccessDeniedException', 'not authorized'),
      startFailed('ValidationException', 'bad digest'),
      { kind: 'scan-start-failed', error: deadlineError(startContext, true) } as WaitEvent
    ]) {
      const step = afterStart(event)
      expect(step.next.kind).toBe('fail')
      if (step.next.kind === 'fail' && event.kind === 'scan-start-failed') expect(step.next.error).toBe(event.error)
    }
  })
})

describe('waitStep: statuses', () => {
  it('PENDING and IN_PROGRESS back off 1500, 2250, 2300 …; status changes are logged at info once', () => {
    const steps = run(plan('BASIC'), [[polled('PENDING')], [polled('IN_PROGRESS')], [polled('IN_PROGRESS')], [polled('IN_PROGRESS')]])
    expect(steps.map((s) => s.next)).toEqual([
      { kind: 'sleep', ms: 1500 },
      { kind: 'sleep', ms: 2250 },
      { kind: 'sleep', ms: 2300 },
      { kind: 'sleep', ms: 2300 }
    ])
    expect(last(steps).state).toMatchObject({ polls: 4, backoffStep: 4, lastStatus: 'IN_PROGRESS' })
    const infos = steps.flatMap((s) => s.logs.filter((l) => l.level === 'info').map((l) => l.message))
    expect(infos).toEqual([`Scan of ${LABEL}: PENDING`, `Scan of ${LABEL}: IN_PROGRESS`])
  })

  it('the jitter comes from the random draw passed in', () => {
    expect(waitStep(plan('BASIC'), initialWaitState, polled('PENDING'), START, 0).next).toEqual({ kind: 'sleep', ms: 1200 })
    expect(waitStep(plan('BASIC'), initialWaitState, polled('PENDING'), START, 1).next).toEqual({ kind: 'sleep', ms: 1800 })
  })

  it('ACTIVE is done at once, with the completion time', () => {
    const at = new Date('2025-01-02T03:04:05Z')
    const scan = scanOf(run(plan('ENHANCED'), [[polled('ACTIVE', { HIGH: 2 }, { completedAt: at })]])[0] as WaitStep)
    expect(scan).toEqual({ digest: DIGEST, scanType: 'ENHANCED', status: 'ACTIVE', completedAt: at.toISOString(), polls: 1, done: true })
  })

  it('COMPLETE under BASIC is done at once', () => {
    expect(scanOf(run(plan('BASIC'), [[polled('COMPLETE', { LOW: 1 })]])[0] as WaitStep)).toMatchObject({
      status: 'COMPLETE',
      done: true,
      polls: 1
    })
  })

  it.each(['FAILED', 'UNSUPPORTED_IMAGE', 'SCAN_ELIGIBILITY_EXPIRED', 'FINDINGS_UNAVAILABLE', 'LIMIT_EXCEEDED', 'IMAGE_ARCHIVED'])(
    '%s is terminal: done=false with ECR description (or the status)',
    (status) => {
      expect(scanOf(run(plan('ENHANCED'), [[polled(status, {}, { description: `why ${status}` })]])[0] as WaitStep)).toMatchObject({
        status,
        done: false,
        description: `why ${status}`
      })
      expect(scanOf(run(plan('ENHANCED'), [[polled(status)]])[0] as WaitStep).description).toBe(`ECR reported scan status ${status}`)
    }
  )

  it('an unknown or missing status is UNKNOWN, not done, naming the status', () => {
    const unknown = scanOf(run(plan('ENHANCED'), [[polled('QUANTUM', {}, { description: 'new' })]])[0] as WaitStep)
    expect(unknown).toMatchObject({ status: 'UNKNOWN', done: false })
    expect(unknown.description).toBe("ECR reported an unknown scan status 'QUANTUM'; failing closed: new")
    expect(scanOf(run(plan('ENHANCED'), [[polled(undefined)]])[0] as WaitStep)).toMatchObject({ status: 'UNKNOWN', done: false })
  })
})

describe('waitStep: enhanced findings settle', () => {
  it('COMPLETE: the confirming poll waits until settleMs after completion; equal counts → done', () => {
    const completedAt = new Date(START - 200)
    const steps = run(plan('ENHANCED'), [
      [polled('COMPLETE', { HIGH: 1 }, { completedAt })],
      [polled('COMPLETE', { HIGH: 1 }, { completedAt }), START + 1300]
    ])
    expect(steps[0]?.next).toEqual({ kind: 'sleep', ms: 1300 })
    expect(steps[0]?.state.backoffStep).toBe(0)
    expect(scanOf(steps[1] as WaitStep)).toMatchObject({ status: 'COMPLETE', done: true, polls: 2, completedAt: completedAt.toISOString() })
  })

  it('counts that disagree: "still arriving", settle again; the confirming poll is never closer than minSettleMs', () => {
    const long = new Date(START - 3_600_000)
    const steps = run(plan('ENHANCED'), [
      [polled('COMPLETE', { HIGH: 1 }, { completedAt: long })],
      [polled('COMPLETE', { HIGH: 2 }, { completedAt: long })],
      [polled('COMPLETE', { HIGH: 2 }, { completedAt: long })]
    ])
    expect(steps[0]?.next).toEqual({ kind: 'sleep', ms: 500 })
    expect(steps[1]?.next).toEqual({ kind: 'sleep', ms: 500 })
    expect(steps[1]?.logs.some((l) => l.level === 'info' && l.message === `Findings of ${LABEL} are still arriving; checking again`)).toBe(
      true
    )
    expect(scanOf(steps[2] as WaitStep).done).toBe(true)
  })

  it('counts compare by value whatever their order; a PENDING in between starts the settling over', () => {
    const steps = run(plan('ENHANCED'), [[polled('COMPLETE', { HIGH: 1, LOW: 2 })], [polled('COMPLETE', { LOW: 2, HIGH: 1 })]])
    expect(scanOf(steps[1] as WaitStep).done).toBe(true)
    const restarted = run(plan('ENHANCED'), [[polled('COMPLETE', { HIGH: 1 })], [polled('PENDING')], [polled('COMPLETE', { HIGH: 1 })]])
    expect(restarted[2]?.next.kind).toBe('sleep')
  })

  it('the deadline while settling: COMPLETE but not done, saying the findings were not seen stable (fail closed)', () => {
    const completedAt = new Date(START)
    const p = plan('ENHANCED', { budgetMs: 2000 })
    const steps = run(p, [
      [polled('COMPLETE', { HIGH: 1 }, { completedAt })],
      [polled('COMPLETE', { HIGH: 2 }, { completedAt }), START + 2000]
    ])
    const scan = scanOf(steps[1] as WaitStep)
    expect(scan.status).toBe('COMPLETE')
    expect(scan.done).toBe(false)
    expect(scan.completedAt).toBe(completedAt.toISOString())
    expect(scan.description).toContain('not seen stable on two polls before the deadline')
    expect(scan.description).toContain('failing closed')
  })
})

describe('waitStep: failures', () => {
  it(`retryable failures warn and poll again, up to the ${MAX_CONSECUTIVE_FAILURES}th, which fails`, () => {
    const errors = Array.from({ length: MAX_CONSECUTIVE_FAILURES }, () => throttled())
    const steps = run(
      plan('BASIC'),
      errors.map((e) => [pollFailed(e)])
    )
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES - 1; i++) {
      expect(steps[i]?.next.kind).toBe('sleep')
      const warning = steps[i]?.logs.find((l) => l.level === 'warning')?.message
      expect(warning).toContain(`Could not read the scan status of ${LABEL}`)
      expect(warning).toContain(`(failure ${i + 1} of ${MAX_CONSECUTIVE_FAILURES}; polling again)`)
    }
    expect(last(steps).next).toEqual({ kind: 'fail', error: errors[MAX_CONSECUTIVE_FAILURES - 1] })
  })

  it('an answer in between resets the count', () => {
    const four = Array.from({ length: 4 }, (): [WaitEvent] => [pollFailed(throttled())])
    const steps = run(plan('BASIC'), [...four, [polled('PENDING')], ...four])
    expect(last(steps).next.kind).toBe('sleep')
    expect(last(steps).state.failures).toBe(4)
  })

  it('a failure on the final poll is ERROR with the cause and the last status seen', () => {
    const p = plan('BASIC', { budgetMs: 1000 })
    const steps = run(p, [[polled('IN_PROGRESS')], [pollFailed(awsFailure('ECONNRESET')), START + 1000]])
    const scan = scanOf(steps[1] as WaitStep)
    expect(scan).toMatchObject({ status: 'ERROR', done: false, polls: 2 })
    expect(scan.description).toContain('could not be reached')
    expect(scan.description).toContain('(last status seen: IN_PROGRESS)')
  })

  it('non-retryable failures and the deadline fail at once', () => {
    for (const error of [
      awsFailure('AccessDeniedException'),
      awsFailure('RepositoryNotFoundException'),
      awsFailure('ImageNotFoundException'),
      awsFailure('ValidationException'),
      deadlineError(pollContext, true)
    ]) {
      const step = waitStep(plan('BASIC'), initialWaitState, pollFailed(error), START, 0.5)
      expect(step.next).toEqual({ kind: 'fail', error })
    }
    expect(deadlineError(pollContext, true).code).toBe(DEADLINE_EXCEEDED)
  })
})

describe('waitStep: deadline', () => {
  it('PENDING at the deadline → TIMEOUT; before it, the sleep never passes the deadline', () => {
    const p = plan('BASIC', { budgetMs: 10_000 })
    expect(waitStep(p, initialWaitState, polled('PENDING'), START + 9_000, 0.5).next).toEqual({ kind: 'sleep', ms: 1000 })
    const scan = scanOf(waitStep(p, initialWaitState, polled('PENDING'), START + 10_000, 0.5))
    expect(scan).toMatchObject({ status: 'TIMEOUT', done: false })
    expect(scan.description).toBe("scan still PENDING after 10 s (raise 'scan-timeout' if scans take longer)")
  })

  it('is pure: the same inputs give the same step, and the state passed in is not changed', () => {
    const p = plan('ENHANCED')
    const state = Object.freeze({ ...initialWaitState })
    const event = polled('COMPLETE', { HIGH: 1 })
    expect(waitStep(p, state, event, START, 0.5)).toEqual(waitStep(p, state, event, START, 0.5))
    expect(state).toEqual(initialWaitState)
  })
})
