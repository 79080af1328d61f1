/**
 * Scan coverage: the repository's scan frequency read (never rejecting) and what it means for the
 * wait under each scan type and `start-scan`.
 */
import { describe, expect, it } from 'vitest'
import type { EcrPort } from '../../src/aws/ecr.js'
import { coverageReason, readScanFrequency } from '../../src/scan/index.js'
import { recordingLogger } from '../reliability/helpers.js'

const REPO = 'team/app'

function ecrAnswering(answer: () => Promise<unknown>): { ecr: EcrPort; inputs: unknown[]; signals: unknown[] } {
  const inputs: unknown[] = []
  const signals: unknown[] = []
  const ecr = {
    batchGetRepositoryScanningConfiguration: async (input: unknown, options?: { signal?: AbortSignal }) => {
      inputs.push(input)
      signals.push(options?.signal)
      return answer()
    }
  } as unknown as EcrPort
  return { ecr, inputs, signals }
}

describe('readScanFrequency', () => {
  it('asks for the one repository and returns its frequency, passing the signal', async () => {
    const signal = new AbortController().signal
    const { ecr, inputs, signals } = ecrAnswering(async () => ({
      scanningConfigurations: [
        { repositoryName: 'other', scanFrequency: 'CONTINUOUS_SCAN' },
        { repositoryName: REPO, scanFrequency: 'SCAN_ON_PUSH' }
      ]
    }))
    expect(await readScanFrequency(ecr, REPO, { signal })).toEqual({ frequency: 'SCAN_ON_PUSH' })
    expect(inputs).toEqual([{ repositoryNames: [REPO] }])
    expect(signals).toEqual([signal])
  })

  it('a repository not listed (or no list at all) has no frequency', async () => {
    expect(
      await readScanFrequency(
        ecrAnswering(async () => ({ scanningConfigurations: [{ repositoryName: 'other', scanFrequency: 'MANUAL' }] })).ecr,
        REPO
      )
    ).toEqual({})
    expect(await readScanFrequency(ecrAnswering(async () => ({})).ecr, REPO)).toEqual({})
  })

  it('a failed call resolves with its message instead of rejecting', async () => {
    const { ecr } = ecrAnswering(() =>
      Promise.reject(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }))
    )
    expect(await readScanFrequency(ecr, REPO)).toEqual({ error: expect.stringContaining('User is not authorized') })
  })
})

describe('coverageReason', () => {
  it('a read that failed: no reason, the wait decides, and the log says why', () => {
    const log = recordingLogger()
    expect(coverageReason({ error: 'denied' }, REPO, 'ENHANCED', false, log)).toBeUndefined()
    expect(log.lines).toEqual([
      { level: 'info', message: `Could not read the scanning configuration of ${REPO}, so waiting for its scan as usual: denied` }
    ])
  })

  it('no frequency known: no reason and nothing logged', () => {
    const log = recordingLogger()
    expect(coverageReason({}, REPO, 'BASIC', false, log)).toBeUndefined()
    expect(log.lines).toEqual([])
  })

  it.each(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN'])('a covered repository (%s): no reason, its frequency logged', (frequency) => {
    const log = recordingLogger()
    expect(coverageReason({ frequency }, REPO, 'ENHANCED', false, log)).toBeUndefined()
    expect(log.lines.map((l) => l.message)).toEqual([`Repository ${REPO}: ENHANCED scanning, scan frequency ${frequency}`])
  })

  it('MANUAL under enhanced scanning: Inspector never scans it, whatever start-scan says; the fix names the rule', () => {
    for (const start of [false, true]) {
      const reason = coverageReason({ frequency: 'MANUAL' }, REPO, 'ENHANCED', start, recordingLogger())
      expect(reason).toMatch(new RegExp(`^repository '${REPO}' is not covered by the registry's enhanced scanning rules`))
      expect(reason).toContain('put-registry-scanning-configuration')
    }
  })

  it('MANUAL under basic scanning with start-scan: the gate starts the scan, no reason', () => {
    const log = recordingLogger()
    expect(coverageReason({ frequency: 'MANUAL' }, REPO, 'BASIC', true, log)).toBeUndefined()
    expect(log.lines.map((l) => l.message)).toEqual([
      `Repository ${REPO}: BASIC scanning, scan frequency MANUAL`,
      `Repository ${REPO} has no scan on push: the gate starts a basic scan ('start-scan' is true)`
    ])
  })

  it('MANUAL under basic scanning without start-scan: no scan will come; the fix names start-scan and scan on push', () => {
    const reason = coverageReason({ frequency: 'MANUAL' }, REPO, 'BASIC', false, recordingLogger())
    expect(reason).toBe(
      `repository '${REPO}' has no scan on push (scan frequency MANUAL) and 'start-scan' is false, so no scan of this image will come; set 'start-scan' to true, or turn on scan on push (aws ecr put-image-scanning-configuration --repository-name ${REPO} --image-scanning-configuration scanOnPush=true)`
    )
  })
})
