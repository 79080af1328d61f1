/**
 * Cross-account images under `scan-type: auto`, end to end: the caller's registry scanning
 * configuration says nothing about another account's registry, so dist/index.js infers the scan
 * type from what ECR returns for the image itself, and never starts a scan on another account's image.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, HOST, REGION } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

/** The account the gate runs as: not the one that owns the registry. */
const CALLER = '210987654321'

function scenario(scanType: 'ENHANCED' | 'BASIC') {
  return {
    accountId: ACCOUNT,
    callerAccountId: CALLER,
    region: REGION,
    scanType,
    repositories: [{ name: 'app', scanOnPush: true }],
    images: [
      {
        name: 'clean',
        repository: 'app',
        tags: ['clean'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        // No scan record on the first poll: under basic scanning the gate could start one, but must not.
        scan: {
          timeline: [{ status: 'SCAN_NOT_FOUND', untilPolls: 1 }, { status: 'IN_PROGRESS', untilPolls: 2 }, { status: 'COMPLETE' }],
          findings: []
        }
      }
    ]
  }
}

const emus: Partial<Record<'ENHANCED' | 'BASIC', Emulator>> = {}

beforeAll(async () => {
  emus.ENHANCED = await startEmulator({ port: 0, scenario: scenario('ENHANCED') })
  emus.BASIC = await startEmulator({ port: 0, scenario: scenario('BASIC') })
})
afterAll(async () => {
  await emus.ENHANCED?.stop()
  await emus.BASIC?.stop()
})

describe.concurrent("another account's image under scan-type auto", () => {
  it.each(['ENHANCED', 'BASIC'] as const)('%s: passes with the scan type inferred, without StartImageScan', async (scanType) => {
    const emu = emus[scanType]!
    const r = await runAction({ inputs: { image: `${HOST}/app:clean`, 'scan-type': 'auto', 'scan-timeout': '30' }, env: emu.env })
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error::'))).toEqual([])
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'image-uri': `${HOST}/app@${emu.images['clean']?.digest}` })
    const scans = (r.report?.scans ?? []) as { scanType: string; scanTypeSource?: string; done: boolean }[]
    expect(scans).toEqual([expect.objectContaining({ scanType, scanTypeSource: 'inferred', done: true })])
    expect(r.summary).toContain(`(${scanType}, inferred)`)
    expect(emu.countCalls({ service: 'ecr', operation: 'StartImageScan' })).toBe(0)
    expect(emu.countCalls({ service: 'ecr', operation: 'GetRegistryScanningConfiguration' })).toBeGreaterThan(0)
  })
})
