/**
 * gateImage with fake ports: the checks run concurrently with the scan wait, and fail-fast ends the
 * wait once an enforced check failed, reporting the scans it did not await (never as done).
 */
import { describe, expect, it } from 'vitest'
import type { AwsPorts } from '../../src/aws/clients.js'
import type { EcrPort } from '../../src/aws/ecr.js'
import { pageOf, type PageReader } from '../../src/aws/findings-page.js'
import type { Check } from '../../src/checks/check.js'
import { gateImage, type ImagePlan, type ImagePorts } from '../../src/core/gate-image.js'
import type { Sleep } from '../../src/core/ports.js'
import type { CheckResult } from '../../src/core/types.js'
import { NOT_AWAITED } from '../../src/scan/index.js'
import { ACCOUNT, REGION, REPOSITORY, TAG, basePolicy, recordingLogger, singleImage } from '../reliability/helpers.js'

const IMAGE = singleImage('gate-image')
const REF = { reference: `${REPOSITORY}:${TAG}`, region: REGION, repository: REPOSITORY, tag: TAG }

/** A fake ECR whose scan is IN_PROGRESS for `pendingPolls` polls (forever when undefined), then COMPLETE. */
function fakeEcr(pendingPolls?: number): { ecr: EcrPort; polls: () => number } {
  let polls = 0
  let calls = 0
  const ecr = {
    describeImages: async () => ({
      imageDetails: [
        { registryId: ACCOUNT, repositoryName: REPOSITORY, imageDigest: IMAGE.digest, imageManifestMediaType: IMAGE.mediaType }
      ]
    }),
    batchGetImage: async () => ({ images: [{ imageManifest: IMAGE.manifest, imageManifestMediaType: IMAGE.mediaType }], failures: [] }),
    describeImageScanFindings: async (input: { maxResults?: number }, options?: { signal?: AbortSignal }) => {
      if (options?.signal?.aborted === true) throw Object.assign(new Error('aborted'), { name: 'AbortError' })
      // The wait's first poll is also a findings page (maxResults 1000); the later ones ask for 1.
      if (input.maxResults === 1 || calls++ === 0) polls++
      const complete = pendingPolls !== undefined && polls > pendingPolls
      return {
        imageScanStatus: { status: complete ? 'COMPLETE' : 'IN_PROGRESS' },
        imageScanFindings: { findings: [], findingSeverityCounts: {}, ...(complete ? { imageScanCompletedAt: new Date() } : {}) }
      }
    },
    startImageScan: async () => ({}),
    getRegistryScanningConfiguration: async () => ({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC' } }),
    getAuthorizationToken: async () => ({ authorizationData: [] }),
    // Finding pages through the port's own SDK-shaped fallback, from the answer above.
    describeImageScanFindingsPage: async (
      input: { maxResults?: number },
      reader: PageReader<unknown>,
      options?: { signal?: AbortSignal }
    ) =>
      pageOf(
        await (ecr as unknown as { describeImageScanFindings: (i: unknown, o?: unknown) => Promise<unknown> }).describeImageScanFindings(
          input,
          options
        ),
        reader
      )
  } as unknown as EcrPort
  return { ecr, polls: () => polls }
}

/** A sleep that only ends when its signal aborts: a scan that is awaited this way never finishes by itself. */
const sleepUntilAborted: Sleep = (_ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted === true) resolve()
    else signal?.addEventListener('abort', () => resolve(), { once: true })
  })

function check(result: Partial<CheckResult> | (() => Promise<CheckResult>), onRun?: () => void): Check {
  return {
    id: 'signature/fake',
    kind: 'signature',
    system: 'fake',
    title: 'Verify signature',
    run: async (context) => {
      onRun?.()
      context.log.info('checking the signature')
      if (typeof result === 'function') return result()
      return { id: 'signature/fake', kind: 'signature', status: 'verified', enforced: true, reasons: [], evidence: {}, ...result }
    }
  }
}

const missing: Partial<CheckResult> = { status: 'missing', enforced: true, reasons: ['No signature found for the image'] }

function setup(over: { pendingPolls?: number; sleep?: Sleep } = {}) {
  const fake = fakeEcr(over.pendingPolls)
  const log = recordingLogger()
  let t = Date.now()
  const ports: ImagePorts = {
    clients: { ecr: fake.ecr } as unknown as AwsPorts,
    now: () => t,
    sleep:
      over.sleep ??
      (async (ms) => {
        t += ms
        await Promise.resolve()
      }),
    log,
    random: () => 0.5
  }
  return { ports, log, polls: fake.polls }
}

function plan(checks: Check[], over: Partial<ImagePlan> = {}): ImagePlan {
  return { policy: basePolicy(), scan: { type: 'basic', timeoutSeconds: 600, start: false }, mode: 'enforce', checks, ...over }
}

describe('gateImage: checks concurrently with the scan wait, and fail-fast', () => {
  it('stops waiting once an enforced check failed, leads with its reason, and reports the scan as not awaited (never done)', async () => {
    const { ports, polls } = setup({ sleep: sleepUntilAborted })
    // The check fails once the scan has answered IN_PROGRESS, while the wait sleeps before its next poll.
    const failsAfterFirstPoll = check(async () => {
      while (polls() < 1) await new Promise((resolve) => setImmediate(resolve))
      return { id: 'signature/fake', kind: 'signature', evidence: {}, ...missing } as CheckResult
    })
    const verdict = await gateImage(REF, plan([failsAfterFirstPoll]), ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.reasons[0]).toBe('No signature found for the image')
    expect(verdict.reasons.slice(1).join(' ')).toContain(NOT_AWAITED)
    expect(verdict.scans).toHaveLength(1)
    expect(verdict.scans[0]).toMatchObject({
      digest: IMAGE.digest,
      status: 'IN_PROGRESS',
      description: NOT_AWAITED,
      done: false,
      notAwaited: true
    })
    expect(verdict.checks.map((c) => c.status)).toEqual(['missing'])
    expect(verdict.findings).toEqual([])
    expect(polls()).toBe(1)
  })

  it('starts the checks while the scan is still being awaited', async () => {
    let pollsWhenChecked = -1
    const { ports, polls } = setup({ pendingPolls: 5 })
    const verdict = await gateImage(REF, plan([check({}, () => (pollsWhenChecked = polls()))]), ports)
    expect(verdict.decision).toBe('pass')
    expect(pollsWhenChecked).toBeLessThan(polls())
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
    expect(verdict.scans[0]?.notAwaited).toBeUndefined()
  })

  it('with failFast false waits for the scan and reports it too', async () => {
    const { ports, polls } = setup({ pendingPolls: 3 })
    const verdict = await gateImage(REF, plan([check(missing)], { failFast: false }), ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.reasons).toEqual(['No signature found for the image'])
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
    expect(polls()).toBe(4)
  })

  it('audit mode waits for everything even with failFast', async () => {
    const { ports } = setup({ pendingPolls: 3 })
    const verdict = await gateImage(REF, plan([check(missing)], { mode: 'audit', failFast: true }), ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
  })

  it('a check that is not enforced does not stop the wait', async () => {
    const { ports } = setup({ pendingPolls: 2 })
    const verdict = await gateImage(REF, plan([check({ status: 'missing', enforced: false, reasons: ['audit only'] })]), ports)
    expect(verdict.decision).toBe('pass')
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
  })

  it('a check that throws is an enforced error that stops the wait, never an unhandled rejection', async () => {
    const { ports } = setup({ sleep: sleepUntilAborted })
    const thrower = check(async () => {
      throw new Error('registry unreachable')
    })
    const verdict = await gateImage(REF, plan([thrower]), ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.checks[0]).toMatchObject({ status: 'error', enforced: true })
    expect(verdict.reasons[0]).toMatch(/Verify signature could not be completed: registry unreachable/)
    expect(verdict.scans[0]).toMatchObject({ done: false, notAwaited: true })
  })

  it('a scan that finished before the check failed is reported as it was, not as not awaited', async () => {
    const { ports } = setup({ pendingPolls: 0 })
    const slowFail = check(
      () =>
        new Promise<CheckResult>((resolve) =>
          setTimeout(
            () =>
              resolve({
                id: 'signature/fake',
                kind: 'signature',
                status: 'missing',
                enforced: true,
                evidence: {},
                reasons: ['No signature found for the image']
              }),
            20
          )
        )
    )
    const verdict = await gateImage(REF, plan([slowFail]), ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.reasons).toEqual(['No signature found for the image'])
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
    expect(verdict.scans[0]?.notAwaited).toBeUndefined()
  })

  it("prints a check's lines in its own group, after the scan's group, never inside it", async () => {
    const { ports, log } = setup({ pendingPolls: 2 })
    await gateImage(REF, plan([check({})]), ports)
    const lines = log.lines.map((l) => l.message)
    const scanGroup = lines.indexOf('::group::Wait for scan')
    const checkGroup = lines.indexOf('::group::Verify signature')
    expect(scanGroup).toBeGreaterThan(-1)
    expect(checkGroup).toBeGreaterThan(scanGroup)
    expect(lines.indexOf('checking the signature')).toBe(checkGroup + 1)
  })
})

describe('gateImage: the scanning configuration is read while the image resolves', () => {
  /** The fake ECR of `setup`, with the calls' start and end recorded and DescribeImages held until `release`. */
  function tracedSetup(over: { registryId?: string; configuration?: () => Promise<unknown>; imageMissing?: boolean } = {}) {
    const { ports, log } = setup({ pendingPolls: 0 })
    const ecr = ports.clients.ecr as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    const events: string[] = []
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const describeImages = ecr['describeImages']!
    ecr['describeImages'] = async (...args) => {
      events.push('DescribeImages start')
      await held
      events.push('DescribeImages end')
      if (over.imageMissing === true) throw Object.assign(new Error('image not found'), { name: 'ImageNotFoundException' })
      return describeImages(...args)
    }
    ecr['getRegistryScanningConfiguration'] = async () => {
      events.push('GetRegistryScanningConfiguration')
      if (over.configuration) {
        setImmediate(release)
        return over.configuration()
      }
      return { registryId: over.registryId ?? ACCOUNT, scanningConfiguration: { scanType: 'BASIC' } }
    }
    // DescribeImages answers only once the repository's coverage has been asked for (or the configuration failed).
    ecr['batchGetRepositoryScanningConfiguration'] = async (input) => {
      events.push(`BatchGetRepositoryScanningConfiguration ${JSON.stringify(input)}`)
      setImmediate(release)
      return { scanningConfigurations: [{ repositoryName: REPOSITORY, scanFrequency: 'SCAN_ON_PUSH' }] }
    }
    return { ports, log, events, release: () => release() }
  }

  const autoPlan = plan([], { scan: { type: 'auto', timeoutSeconds: 600, start: false } })

  it('asks for the registry and the repository coverage before DescribeImages has answered, and logs them in the scan group', async () => {
    const { ports, log, events } = tracedSetup()
    const verdict = await gateImage(REF, autoPlan, ports)
    expect(verdict.decision).toBe('pass')
    expect(verdict.scans[0]).toMatchObject({ scanType: 'BASIC', scanTypeSource: 'registry', status: 'COMPLETE', done: true })
    // Both configuration calls start before DescribeImages, which answers only after the coverage call.
    expect(events).toEqual([
      `BatchGetRepositoryScanningConfiguration {"repositoryNames":["${REPOSITORY}"]}`,
      'GetRegistryScanningConfiguration',
      'DescribeImages start',
      'DescribeImages end'
    ])
    const lines = log.lines.map((l) => l.message)
    const scanGroup = lines.indexOf('::group::Wait for scan')
    expect(lines.indexOf('::group::Resolve image')).toBeLessThan(scanGroup)
    expect(lines.indexOf(`Registry ${ACCOUNT} uses BASIC scanning`)).toBe(scanGroup + 1)
    expect(lines.indexOf(`Repository ${REPOSITORY}: BASIC scanning, scan frequency SCAN_ON_PUSH`)).toBe(scanGroup + 2)
  })

  it("an image reference without a registry is the caller's own: the answering account's configuration applies", async () => {
    const { ports, log } = tracedSetup({ registryId: '999999999999' })
    const verdict = await gateImage(REF, autoPlan, ports)
    expect(verdict.scans[0]).toMatchObject({ scanType: 'BASIC', scanTypeSource: 'registry' })
    expect(log.lines.map((l) => l.message)).toContain('Registry 999999999999 uses BASIC scanning')
  })

  it("the caller's own image: the coverage is asked for before the registry's configuration has answered", async () => {
    const { ports, log, events } = tracedSetup({
      configuration: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        events.push('GetRegistryScanningConfiguration answers')
        return { registryId: ACCOUNT, scanningConfiguration: { scanType: 'ENHANCED' } }
      }
    })
    const ecr = ports.clients.ecr as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    ecr['batchGetRepositoryScanningConfiguration'] = async () => {
      events.push('BatchGetRepositoryScanningConfiguration')
      return { scanningConfigurations: [{ repositoryName: REPOSITORY, scanFrequency: 'MANUAL' }] }
    }
    const verdict = await gateImage(REF, autoPlan, ports)
    expect(events.indexOf('BatchGetRepositoryScanningConfiguration')).toBeLessThan(
      events.indexOf('GetRegistryScanningConfiguration answers')
    )
    expect(events.filter((e) => e.startsWith('BatchGetRepositoryScanningConfiguration'))).toHaveLength(1)
    // Its answer is judged under the type the configuration gave (ENHANCED), in the scan's group.
    const lines = log.lines.map((l) => l.message)
    expect(lines.indexOf(`Repository ${REPOSITORY}: ENHANCED scanning, scan frequency MANUAL`)).toBe(
      lines.indexOf('::group::Wait for scan') + 2
    )
    expect(verdict.scans[0]).toMatchObject({ scanType: 'ENHANCED', scanTypeSource: 'registry' })
  })

  it("a registry id given: the coverage waits for the configuration, and is asked for when the registry is the caller's", async () => {
    const { ports, events } = tracedSetup({
      configuration: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        events.push('GetRegistryScanningConfiguration answers')
        return { registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC' } }
      }
    })
    const verdict = await gateImage({ ...REF, registryId: ACCOUNT }, autoPlan, ports)
    expect(verdict.scans[0]).toMatchObject({ scanType: 'BASIC', scanTypeSource: 'registry' })
    const coverage = events.findIndex((e) => e.startsWith('BatchGetRepositoryScanningConfiguration'))
    expect(coverage).toBeGreaterThan(events.indexOf('GetRegistryScanningConfiguration answers'))
  })

  it('a failed configuration read beside an early coverage read fails as before, the coverage answer unused', async () => {
    const { ports, events, log } = tracedSetup({
      configuration: () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }))
    })
    await expect(gateImage(REF, autoPlan, ports)).rejects.toThrow(/ecr:GetRegistryScanningConfiguration/)
    expect(events.some((e) => e.startsWith('BatchGetRepositoryScanningConfiguration'))).toBe(true)
    expect(log.lines.map((l) => l.message).some((m) => m.includes('scan frequency'))).toBe(false)
  })

  it("another account's image (registry id given) is inferred, and its coverage is never asked for", async () => {
    const { ports, events, release } = tracedSetup()
    // No coverage call comes to let DescribeImages answer: let it go once the configuration was read.
    setTimeout(release, 5)
    const verdict = await gateImage({ ...REF, registryId: '222222222222' }, autoPlan, ports)
    expect(verdict.scans[0]).toMatchObject({ scanTypeSource: 'inferred' })
    expect(events.some((e) => e.startsWith('BatchGetRepositoryScanningConfiguration'))).toBe(false)
  })

  it('an image that does not resolve throws its own error; a failed configuration read beside it is dropped, never unhandled', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const { ports, events } = tracedSetup({
        imageMissing: true,
        configuration: () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      })
      await expect(gateImage(REF, autoPlan, ports)).rejects.toThrow(/not found/)
      expect(events).toContain('GetRegistryScanningConfiguration')
      await new Promise((resolve) => setTimeout(resolve, 10))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('a failed configuration read fails the image as before, naming the permission and scan-type', async () => {
    const { ports } = tracedSetup({
      configuration: () => Promise.reject(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }))
    })
    await expect(gateImage(REF, autoPlan, ports)).rejects.toThrow(/ecr:GetRegistryScanningConfiguration.*'scan-type'/)
  })
})
