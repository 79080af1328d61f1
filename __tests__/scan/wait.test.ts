import { describe, it, expect, beforeEach } from 'vitest'
import fc from 'fast-check'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  ImageNotFoundException,
  LimitExceededException,
  RepositoryNotFoundException,
  ScanNotFoundException,
  ServerException,
  StartImageScanCommand,
  UnsupportedImageTypeException,
  ValidationException,
  type DescribeImageScanFindingsResponse
} from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { backoffDelay, MAX_CONSECUTIVE_FAILURES, waitForScan, type WaitOptions } from '../../src/scan/wait.js'
import type { ScanTarget } from '../../src/scan/scan-type.js'
import { realSleep, type Logger } from '../../src/core/ports.js'
import type { CallOptions } from '../../src/aws/call.js'
import type { EcrPort } from '../../src/aws/ecr.js'
import { DEADLINE_EXCEEDED } from '../../src/aws/errors.js'
import { AwsCallError } from '../../src/core/errors.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))

const DIGEST = `sha256:${'a'.repeat(64)}`
const target: ScanTarget = { registryId: '123456789012', region: 'us-east-1', repository: 'my-app', digest: DIGEST }
const START = 1_700_000_000_000

interface Recorder extends Logger {
  lines: { level: string; message: string }[]
}

function recorder(): Recorder {
  const lines: { level: string; message: string }[] = []
  return {
    lines,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warning: (message) => lines.push({ level: 'warning', message }),
    setSecret: () => {},
    group: async (_name, fn) => fn()
  }
}

/** A fake clock and an instant sleep that advances it. */
function fakeTime(start = START): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let time = start
  const slept: number[] = []
  return {
    now: () => time,
    sleep: async (ms: number) => {
      slept.push(ms)
      time += ms
    },
    slept
  }
}

function options(overrides: Partial<WaitOptions> & { budgetMs?: number } = {}): WaitOptions & { slept: number[]; log: Recorder } {
  const time = fakeTime()
  const log = recorder()
  const { budgetMs, ...rest } = overrides
  return {
    scanType: 'BASIC',
    deadline: START + (budgetMs ?? 60_000),
    startScan: false,
    now: time.now,
    sleep: time.sleep,
    log,
    random: () => 0.5,
    ...rest,
    slept: time.slept
  } as WaitOptions & { slept: number[]; log: Recorder }
}

function status(value: string, counts: Record<string, number> = {}, description?: string): DescribeImageScanFindingsResponse {
  return {
    imageScanStatus: { status: value as never, ...(description !== undefined ? { description } : {}) },
    imageScanFindings: { findingSeverityCounts: counts, imageScanCompletedAt: new Date('2025-01-02T03:04:05Z') }
  }
}

function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400 }, ...extra })
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0)

beforeEach(() => {
  ecrMock.reset()
})

describe('waitForScan: done statuses', () => {
  it('ACTIVE is done at once and the request asks for one finding of the digest', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('ACTIVE', { HIGH: 2 }))
    const opts = options({ scanType: 'ENHANCED' })
    const state = await waitForScan(ecr, { ...target, platform: 'linux/arm64' }, opts)
    expect(state).toEqual({
      digest: DIGEST,
      platform: 'linux/arm64',
      scanType: 'ENHANCED',
      scanTypeSource: 'configured',
      status: 'ACTIVE',
      completedAt: '2025-01-02T03:04:05.000Z',
      polls: 1,
      done: true
    })
    const calls = ecrMock.commandCalls(DescribeImageScanFindingsCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.args[0].input).toEqual({
      registryId: '123456789012',
      repositoryName: 'my-app',
      imageId: { imageDigest: DIGEST },
      maxResults: 1
    })
    expect(opts.slept).toEqual([])
  })

  it('COMPLETE under BASIC is done at once', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE', { LOW: 1 }))
    const state = await waitForScan(ecr, target, options())
    expect(state.status).toBe('COMPLETE')
    expect(state.done).toBe(true)
    expect(state.polls).toBe(1)
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })

  it('COMPLETE under ENHANCED settles: re-polls after settleMs until counts repeat', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE', { HIGH: 1 }))
    const opts = options({ scanType: 'ENHANCED' })
    const state = await waitForScan(ecr, target, opts)
    expect(state.done).toBe(true)
    expect(state.polls).toBe(2)
    expect(opts.slept).toEqual([1500])
  })

  it('times the confirming poll from the completion time, never closer than minSettleMs', async () => {
    const at = (completedAt: number): DescribeImageScanFindingsResponse => ({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findingSeverityCounts: { HIGH: 1 }, imageScanCompletedAt: new Date(completedAt) }
    })
    const cases: [string, DescribeImageScanFindingsResponse, number][] = [
      ['completed just now', at(START), 1500],
      ['completed 1.2 s ago', at(START - 1200), 500],
      ['completed 600 ms ago', at(START - 600), 900],
      ['completed hours ago', at(START - 3 * 3600_000), 500],
      ['completion time in the future (clock skew)', at(START + 60_000), 1500],
      ['no completion time', { imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findingSeverityCounts: { HIGH: 1 } } }, 1500]
    ]
    for (const [name, response, expected] of cases) {
      ecrMock.reset()
      ecrMock.on(DescribeImageScanFindingsCommand).resolves(response)
      const opts = options({ scanType: 'ENHANCED' })
      const state = await waitForScan(ecr, target, opts)
      expect(state.done, name).toBe(true)
      expect(state.polls, name).toBe(2)
      expect(opts.slept, name).toEqual([expected])
    }
  })

  it('settle waits for late findings: counts change, then stabilise', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('COMPLETE', {}))
      .resolvesOnce(status('COMPLETE', { HIGH: 1 }))
      .resolvesOnce(status('COMPLETE', { HIGH: 1, CRITICAL: 1 }))
      .resolves(status('COMPLETE', { CRITICAL: 1, HIGH: 1 }))
    const opts = options({ scanType: 'ENHANCED', settleMs: 700 })
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 4 })
    expect(opts.slept).toEqual([700, 700, 700])
    expect(opts.log.lines.some((l) => l.level === 'info' && l.message.includes('still arriving'))).toBe(true)
  })

  it('PENDING then IN_PROGRESS then COMPLETE: backs off and logs status changes at info, polls at debug', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('PENDING'))
      .resolvesOnce(status('IN_PROGRESS'))
      .resolvesOnce(status('IN_PROGRESS'))
      .resolves(status('COMPLETE'))
    const opts = options()
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 4 })
    expect(opts.slept).toEqual([1500, 2250, 2300])
    const infos = opts.log.lines.filter((l) => l.level === 'info').map((l) => l.message)
    expect(infos.filter((m) => m.startsWith('Scan of'))).toEqual([
      `Scan of my-app@${DIGEST}: PENDING`,
      `Scan of my-app@${DIGEST}: IN_PROGRESS`,
      `Scan of my-app@${DIGEST}: COMPLETE`
    ])
    expect(opts.log.lines.filter((l) => l.level === 'debug' && l.message.startsWith('Poll '))).toHaveLength(4)
  })
})

describe('waitForScan: scan type inferred from the image (another account under auto)', () => {
  const withList = (value: string, list: 'findings' | 'enhancedFindings'): DescribeImageScanFindingsResponse => {
    const response = status(value)
    return { ...response, imageScanFindings: { ...response.imageScanFindings, [list]: [] } }
  }
  const unknownType = (): Partial<WaitOptions> => ({ startScan: true })

  it('enhancedFindings → ENHANCED: settles like enhanced, never starts a scan, records inferred', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .resolvesOnce(status('IN_PROGRESS'))
      .resolves(withList('COMPLETE', 'enhancedFindings'))
    const { scanType: _, ...rest } = options(unknownType())
    const state = await waitForScan(ecr, target, rest)
    expect(state).toMatchObject({ scanType: 'ENHANCED', scanTypeSource: 'inferred', status: 'COMPLETE', done: true })
    // Two COMPLETE polls with equal counts: enhanced findings were given time to settle.
    expect(state.polls).toBe(4)
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(0)
  })

  it('findings → BASIC: done at once, and StartImageScan is still never sent for an image of unknown type', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .resolves(withList('COMPLETE', 'findings'))
    const { scanType: _, ...rest } = options(unknownType())
    const state = await waitForScan(ecr, target, rest)
    expect(state).toMatchObject({ scanType: 'BASIC', scanTypeSource: 'inferred', status: 'COMPLETE', done: true, polls: 2 })
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(0)
  })

  it('ACTIVE → ENHANCED', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('ACTIVE'))
    const { scanType: _, ...rest } = options(unknownType())
    await expect(waitForScan(ecr, target, rest)).resolves.toMatchObject({ scanType: 'ENHANCED', scanTypeSource: 'inferred', done: true })
  })

  it('COMPLETE with neither findings list fails closed, naming scan-type', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('COMPLETE', { HIGH: 1 }))
    const { scanType: _, ...rest } = options(unknownType())
    const state = await waitForScan(ecr, target, rest)
    expect(state).toMatchObject({ status: 'UNKNOWN', done: false, scanTypeSource: 'inferred' })
    expect(state.description).toContain("'scan-type'")
  })

  it('a configured or registry type is recorded as such', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(withList('COMPLETE', 'findings'))
    await expect(waitForScan(ecr, target, options({ scanType: 'BASIC', scanTypeSource: 'registry' }))).resolves.toMatchObject({
      scanTypeSource: 'registry'
    })
  })
})

describe('waitForScan: terminal statuses', () => {
  it.each(['FAILED', 'UNSUPPORTED_IMAGE', 'SCAN_ELIGIBILITY_EXPIRED', 'FINDINGS_UNAVAILABLE', 'LIMIT_EXCEEDED', 'IMAGE_ARCHIVED'])(
    '%s is terminal: done=false with ECR description, no more polls',
    async (terminal) => {
      ecrMock.on(DescribeImageScanFindingsCommand).resolves(status(terminal, {}, `reason for ${terminal}`))
      const opts = options({ scanType: 'ENHANCED' })
      const state = await waitForScan(ecr, target, opts)
      expect(state.status).toBe(terminal)
      expect(state.done).toBe(false)
      expect(state.description).toBe(`reason for ${terminal}`)
      expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
      expect(opts.slept).toEqual([])
    }
  )

  it('a terminal status without a description still says which status', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('FAILED'))
    const state = await waitForScan(ecr, target, options())
    expect(state.description).toBe('ECR reported scan status FAILED')
  })

  it('an unknown status is terminal UNKNOWN (fail closed), naming the status', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('QUANTUM_SCANNING', {}, 'new thing'))
    const state = await waitForScan(ecr, target, options())
    expect(state.status).toBe('UNKNOWN')
    expect(state.done).toBe(false)
    expect(state.description).toContain("'QUANTUM_SCANNING'")
    expect(state.description).toContain('new thing')
  })

  it('a response without any status is UNKNOWN, not done', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({})
    const state = await waitForScan(ecr, target, options())
    expect(state).toMatchObject({ status: 'UNKNOWN', done: false })
  })

  it('ECR description text is bounded and stripped of control characters', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('FAILED', {}, `bad\u0007\n${'x'.repeat(5000)}`))
    const state = await waitForScan(ecr, target, options())
    expect(state.description?.length).toBeLessThanOrEqual(1025)
    // eslint-disable-next-line no-control-regex -- the point: no control character survives
    expect(state.description).not.toMatch(/[\u0000-\u001f]/)
  })
})

describe('waitForScan: ScanNotFound and StartImageScan', () => {
  it('ScanNotFound then COMPLETE under BASIC with startScan: StartImageScan sent exactly once', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .resolves(status('COMPLETE'))
    ecrMock.on(StartImageScanCommand).resolves({ imageScanStatus: { status: 'IN_PROGRESS' } })
    const opts = options({ startScan: true })
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 3 })
    const starts = ecrMock.commandCalls(StartImageScanCommand)
    expect(starts).toHaveLength(1)
    expect(starts[0]?.args[0].input).toEqual({
      registryId: '123456789012',
      repositoryName: 'my-app',
      imageId: { imageDigest: DIGEST }
    })
  })

  it('StartImageScan is sent with a single attempt (retry middleware replaced on the command)', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'x', $metadata: {} }))
      .resolves(status('COMPLETE'))
    ecrMock.on(StartImageScanCommand).resolves({})
    await waitForScan(ecr, target, options({ startScan: true }))
    const command = ecrMock.commandCalls(StartImageScanCommand)[0]?.args[0]
    expect(command).toBeDefined()
    const names = (command as unknown as { middlewareStack: { identify(): string[] } }).middlewareStack.identify()
    expect(names.some((n) => n.startsWith('retryMiddleware'))).toBe(true)
    // A plain command carries no retry middleware of its own: the one above was put there by the gate.
    const plain = new StartImageScanCommand({ repositoryName: 'r', imageId: { imageDigest: DIGEST } })
    expect(
      (plain as unknown as { middlewareStack: { identify(): string[] } }).middlewareStack
        .identify()
        .some((n) => n.startsWith('retryMiddleware'))
    ).toBe(false)
  })

  it('never sends StartImageScan under ENHANCED, even with startScan', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
      .resolves(status('ACTIVE'))
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', startScan: true }))
    expect(state.done).toBe(true)
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(0)
  })

  it('never sends StartImageScan when startScan is false', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'x', $metadata: {} }))
      .resolves(status('COMPLETE'))
    await waitForScan(ecr, target, options({ startScan: false }))
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(0)
  })

  it('ScanNotFound until the deadline → SCAN_NOT_FOUND naming causes; LimitExceeded from StartImageScan just waits', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'no scan', $metadata: {} }))
    ecrMock.on(StartImageScanCommand).rejects(new LimitExceededException({ message: 'once per 24h', $metadata: {} }))
    const budgetMs = 10_000
    const opts = options({ startScan: true, budgetMs })
    const state = await waitForScan(ecr, target, opts)
    expect(state.status).toBe('SCAN_NOT_FOUND')
    expect(state.done).toBe(false)
    expect(state.description).toContain('not covered')
    expect(state.description).toContain('scan on push is off')
    expect(state.description).toContain('not eligible')
    expect(state.description).toContain('after 10 s')
    expect(state.description).toContain('24 h')
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(1)
    // random 0.5 → no jitter: 1500, 2250, 2300, 2300, then the 1650 ms left; then one final poll.
    expect(opts.slept).toEqual([1500, 2250, 2300, 2300, 1650])
    expect(sum(opts.slept)).toBeLessThanOrEqual(budgetMs)
    expect(state.polls).toBe(6)
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(6)
  })

  it('under BASIC without startScan, SCAN_NOT_FOUND suggests start-scan', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'x', $metadata: {} }))
    const state = await waitForScan(ecr, target, options({ budgetMs: 3000 }))
    expect(state.status).toBe('SCAN_NOT_FOUND')
    expect(state.description).toContain('start-scan: true')
  })

  it('under ENHANCED, SCAN_NOT_FOUND names the scanning rules', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'x', $metadata: {} }))
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', budgetMs: 3000 }))
    expect(state.description).toContain('registry scanning rules')
    expect(state.description).not.toContain('start-scan')
  })

  it('StartImageScan ValidationException about enhanced scanning: keeps waiting', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(new ScanNotFoundException({ message: 'x', $metadata: {} }))
      .resolves(status('COMPLETE'))
    ecrMock
      .on(StartImageScanCommand)
      .rejects(new ValidationException({ message: 'This feature is disabled when enhanced scanning is enabled', $metadata: {} }))
    const state = await waitForScan(ecr, target, options({ startScan: true }))
    expect(state.done).toBe(true)
    expect(ecrMock.commandCalls(StartImageScanCommand)).toHaveLength(1)
  })

  it('StartImageScan AccessDenied is thrown, naming ecr:StartImageScan', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'x', $metadata: {} }))
    ecrMock.on(StartImageScanCommand).rejects(awsError('AccessDeniedException', 'not authorized'))
    const error = await waitForScan(ecr, target, options({ startScan: true })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain('grant ecr:StartImageScan')
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })

  it('StartImageScan UnsupportedImageType → UNSUPPORTED_IMAGE, not done', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ScanNotFoundException({ message: 'x', $metadata: {} }))
    ecrMock.on(StartImageScanCommand).rejects(new UnsupportedImageTypeException({ message: 'windows image', $metadata: {} }))
    const state = await waitForScan(ecr, target, options({ startScan: true }))
    expect(state).toMatchObject({ status: 'UNSUPPORTED_IMAGE', done: false })
    expect(state.description).toContain('windows image')
  })
})

describe('waitForScan: deadline and backoff', () => {
  it('PENDING at the deadline → TIMEOUT "scan still PENDING after N s"; never sleeps past the deadline', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const budgetMs = 10_000
    const opts = options({ budgetMs })
    const state = await waitForScan(ecr, target, opts)
    expect(state.status).toBe('TIMEOUT')
    expect(state.done).toBe(false)
    expect(state.description).toContain('scan still PENDING after 10 s')
    expect(opts.slept).toEqual([1500, 2250, 2300, 2300, 1650])
    expect(sum(opts.slept)).toBe(budgetMs)
    expect(state.polls).toBe(6)
  })

  it('IN_PROGRESS at the deadline says IN_PROGRESS', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('IN_PROGRESS'))
    const state = await waitForScan(ecr, target, options({ budgetMs: 2000 }))
    expect(state.description).toContain('scan still IN_PROGRESS after 2 s')
  })

  it('a deadline already passed gives exactly one poll and no sleep', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const opts = options({ budgetMs: -5 })
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'TIMEOUT', polls: 1 })
    expect(opts.slept).toEqual([])
  })

  it('deadline while settling: COMPLETE but not done (fail closed), saying the findings were not seen stable', async () => {
    let n = 0
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => status('COMPLETE', { HIGH: ++n }))
    const opts = options({ scanType: 'ENHANCED', budgetMs: 4000, settleMs: 1500 })
    const state = await waitForScan(ecr, target, opts)
    expect(state.status).toBe('COMPLETE')
    expect(state.done).toBe(false)
    expect(state.description).toContain('not seen stable')
    expect(state.description).toContain('deadline')
    expect(opts.slept).toEqual([1500, 1500, 1000])
    expect(sum(opts.slept)).toBeLessThanOrEqual(4000)
  })

  it('the number of polls follows the backoff with maxDelay capping', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const opts = options({ budgetMs: 30_000, initialDelayMs: 2000, maxDelayMs: 5000 })
    const state = await waitForScan(ecr, target, opts)
    // 2000, 3000, 4500, 5000, 5000, 5000, 5000 → 29500, then 500 left.
    expect(opts.slept).toEqual([2000, 3000, 4500, 5000, 5000, 5000, 5000, 500])
    expect(state.polls).toBe(opts.slept.length + 1)
  })

  it('jitter stays within ±20 % in the wait loop', async () => {
    for (const r of [0, 1]) {
      ecrMock.reset()
      ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
      const opts = options({ budgetMs: 100_000, random: () => r })
      await waitForScan(ecr, target, opts)
      const bases = [1500, 2250, 2300, 2300, 2300]
      bases.forEach((base, i) => {
        expect(opts.slept[i]).toBe(Math.round(base * (r === 0 ? 0.8 : 1.2)))
      })
      expect(sum(opts.slept)).toBeLessThanOrEqual(100_000)
    }
  })

  it('backoffDelay: always within ±20 % of min(maxDelay, initial × 1.5^n), even for a bad random', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        fc.double({ noNaN: false }),
        (step, initial, max, r) => {
          const base = Math.min(max, initial * 1.5 ** step)
          const delay = backoffDelay(step, initial, max, () => r)
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8))
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2))
        }
      )
    )
  })

  it('total sleep never exceeds the budget for any jitter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 20_000 }), fc.double({ min: 0, max: 1, noNaN: true }), async (budgetMs, r) => {
        ecrMock.reset()
        ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
        const opts = options({ budgetMs, random: () => r })
        const state = await waitForScan(ecr, target, opts)
        expect(sum(opts.slept)).toBeLessThanOrEqual(budgetMs)
        expect(state.status).toBe('TIMEOUT')
      }),
      { numRuns: 50 }
    )
  })
})

describe('waitForScan: errors', () => {
  it('throttling after the SDK retries, then success: keeps polling and warns', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', { $metadata: { httpStatusCode: 400, attempts: 3 } }))
      .resolves(status('COMPLETE'))
    const opts = options()
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 2 })
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(2)
    const warning = opts.log.lines.find((l) => l.level === 'warning')
    expect(warning?.message).toContain('throttled')
    expect(warning?.message).toContain('failure 1 of 5')
  })

  it(`${MAX_CONSECUTIVE_FAILURES} consecutive failures → throws the wrapped error`, async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(new ServerException({ message: 'boom', $metadata: { httpStatusCode: 500 } }))
    const error = await waitForScan(ecr, target, options()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('ServerException')
    expect((error as AwsCallError).message).toContain(`Could not read the scan status of my-app@${DIGEST}`)
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(MAX_CONSECUTIVE_FAILURES)
  })

  it('a success resets the failure count', async () => {
    const server = new ServerException({ message: 'boom', $metadata: { httpStatusCode: 500 } })
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejectsOnce(server)
      .rejectsOnce(server)
      .rejectsOnce(server)
      .rejectsOnce(server)
      .resolvesOnce(status('PENDING'))
      .rejectsOnce(server)
      .rejectsOnce(server)
      .rejectsOnce(server)
      .rejectsOnce(server)
      .resolves(status('COMPLETE'))
    const state = await waitForScan(ecr, target, options({ budgetMs: 600_000 }))
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 10 })
  })

  it('a network failure on the final poll → ERROR with the cause and the last status', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(status('IN_PROGRESS'))
      .rejects(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    const state = await waitForScan(ecr, target, options({ budgetMs: 1000 }))
    expect(state.status).toBe('ERROR')
    expect(state.done).toBe(false)
    expect(state.description).toContain('could not be reached')
    expect(state.description).toContain('last status seen: IN_PROGRESS')
  })

  it('AccessDenied is not retried: one call, names the IAM action', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'))
    const error = await waitForScan(ecr, target, options()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as AwsCallError).message).toContain('grant ecr:DescribeImageScanFindings')
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })

  it.each([
    ['RepositoryNotFoundException', new RepositoryNotFoundException({ message: 'no repo', $metadata: {} })],
    ['ImageNotFoundException', new ImageNotFoundException({ message: 'no image', $metadata: {} })],
    ['ValidationException', new ValidationException({ message: 'bad', $metadata: {} })]
  ])('%s is thrown at once, never retried', async (code, error) => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(error)
    const thrown = await waitForScan(ecr, target, options()).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(AwsCallError)
    expect((thrown as AwsCallError).code).toBe(code)
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })
})

describe('waitForScan: the run signal', () => {
  it('passes the signal to every call and every sleep (over a plain fake port, no SDK)', async () => {
    const controller = new AbortController()
    const callSignals: (AbortSignal | undefined)[] = []
    const sleepSignals: (AbortSignal | undefined)[] = []
    let n = 0
    const fake = {
      describeImageScanFindings: async (_input: unknown, options?: CallOptions) => {
        callSignals.push(options?.signal)
        return n++ < 2 ? status('PENDING') : status('COMPLETE')
      }
    } as unknown as EcrPort
    const opts = options({ signal: controller.signal })
    const state = await waitForScan(fake, target, {
      ...opts,
      sleep: async (ms, signal) => {
        sleepSignals.push(signal)
        await opts.sleep(ms)
      }
    })
    expect(state).toMatchObject({ status: 'COMPLETE', done: true, polls: 3 })
    expect(callSignals).toEqual([controller.signal, controller.signal, controller.signal])
    expect(sleepSignals).toEqual([controller.signal, controller.signal])
  })

  it('aborted during a sleep: the next poll is not sent; DeadlineExceeded is thrown', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('PENDING'))
    const controller = new AbortController()
    const opts = options({ signal: controller.signal })
    const error = await waitForScan(ecr, target, { ...opts, sleep: async () => controller.abort() }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe(DEADLINE_EXCEEDED)
    expect((error as AwsCallError).message).toBe(
      `Could not read the scan status of my-app@${DIGEST}: the deadline passed before DescribeImageScanFindings was sent`
    )
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })

  it('aborted while a poll is pending: DeadlineExceeded naming the operation, thrown at once, not retried', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => new Promise(() => {}))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const error = await waitForScan(ecr, target, options({ signal: controller.signal })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toBe(
      `Could not read the scan status of my-app@${DIGEST}: DescribeImageScanFindings did not answer before the deadline`
    )
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })
})

describe('realSleep', () => {
  it('waits, or ends early when the signal aborts', async () => {
    let started = Date.now()
    await realSleep(30)
    expect(Date.now() - started).toBeGreaterThanOrEqual(25)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 10)
    started = Date.now()
    await realSleep(60_000, controller.signal)
    expect(Date.now() - started).toBeLessThan(5000)
    started = Date.now()
    await realSleep(60_000, controller.signal)
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('waitForScan: what a long wait says (issue 15)', () => {
  it('logs where it stands about every 30 s while the status does not change', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('IN_PROGRESS'))
    const opts = options({ scanType: 'ENHANCED', budgetMs: 100_000 })
    const state = await waitForScan(ecr, target, opts)
    expect(state.done).toBe(false)
    const progress = opts.log.lines.filter((l) => l.level === 'info' && / s of 100 s, next poll in \d+ s$/.test(l.message))
    // 100 s of waiting: a line at about 30, 60 and 90 s, never two within 30 s.
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress.length).toBeLessThanOrEqual(3)
    expect(progress[0]?.message).toMatch(/^my-app@sha256:a{64}: IN_PROGRESS, (3\d) s of 100 s, next poll in \d+ s$/)
  })

  it('ends at once with the reason when the repository is not covered and ECR has no scan', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).rejects(awsError('ScanNotFoundException', 'no scan'))
    const opts = options({ scanType: 'ENHANCED', notCovered: "repository 'my-app' is not covered" })
    const state = await waitForScan(ecr, target, opts)
    expect(state).toMatchObject({ status: 'SCAN_NOT_FOUND', done: false, description: "repository 'my-app' is not covered", polls: 1 })
    expect(opts.slept).toEqual([])
  })

  it('still judges an image that has a scan although its repository is no longer covered', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(status('ACTIVE'))
    const state = await waitForScan(ecr, target, options({ scanType: 'ENHANCED', notCovered: 'not covered' }))
    expect(state).toMatchObject({ status: 'ACTIVE', done: true })
  })
})
