/**
 * End to end: every AWS call is bounded. dist/index.js against an emulator whose calls stall for
 * 15 s must end soon after `scan-timeout` (or the run limit `timeout`) with `fail` naming the call
 * that stalled, never wait the stall out. The harness kills the run at 10 s: a killed run has no
 * exit code, so the bound is what these tests check, not a speed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const ACCOUNT = '123456789012'
const STALL_MS = 15_000
const KILL_AFTER_MS = 10_000

function scenario(faults: object[]): object {
  return {
    accountId: ACCOUNT,
    region: 'us-east-1',
    scanType: 'ENHANCED',
    repositories: [{ name: 'app', scanOnPush: true }],
    images: [
      {
        name: 'critical',
        repository: 'app',
        tags: ['v1'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: {
          timeline: [{ status: 'COMPLETE' }],
          findings: [
            {
              id: 'CVE-2024-0001',
              severity: 'CRITICAL',
              package: 'openssl',
              version: '1',
              fixedInVersion: '2',
              fixAvailable: 'YES',
              title: 'x',
              epss: 0.5
            }
          ]
        }
      }
    ],
    faults
  }
}

let emu: Emulator | undefined
afterEach(async () => {
  await emu?.stop()
  emu = undefined
})

async function gateWith(faults: object[], inputs: Record<string, string>) {
  emu = await startEmulator({ scenario: scenario(faults), port: 0 })
  return runAction({ inputs: { repository: 'app', tag: 'v1', ...inputs }, env: { ...emu.env }, timeoutMs: KILL_AFTER_MS })
}

describe('a stalled AWS endpoint cannot hold the run', () => {
  it('every ECR call stalls 15 s, scan-timeout 2: fails within the bound, naming the stalled operation', async () => {
    const r = await gateWith([{ service: 'ecr', kind: 'latency', latencyMs: STALL_MS }], { 'scan-timeout': '2' })
    expect(r.code, 'the run was killed: a stalled call was not bounded').toBe(1)
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/::error::.*DescribeImages did not answer before the deadline/)
  })

  it('status polls stall 15 s, scan-timeout 2: the scan fails naming DescribeImageScanFindings', async () => {
    const r = await gateWith([{ service: 'ecr', operation: 'DescribeImageScanFindings', kind: 'latency', latencyMs: STALL_MS }], {
      'scan-timeout': '2',
      'scan-type': 'enhanced'
    })
    expect(r.code, 'the run was killed: a stalled call was not bounded').toBe(1)
    expect(r.outputs.decision).toBe('fail')
    expect(r.report?.['reasons']).toEqual([expect.stringMatching(/DescribeImageScanFindings did not answer before the deadline/)])
  })

  it('Inspector stalls 15 s after the scan, timeout 4: the run limit fails the image, naming the call', async () => {
    const r = await gateWith([{ service: 'inspector2', kind: 'latency', latencyMs: STALL_MS }], {
      'scan-timeout': '2',
      'scan-type': 'enhanced',
      'min-epss': '0.1',
      timeout: '4',
      'max-critical': '5'
    })
    expect(r.code, 'the run was killed: a stalled call was not bounded').toBe(1)
    expect(r.outputs.decision).toBe('fail')
    const text = `${r.stdout}\n${JSON.stringify(r.report)}`
    expect(text).toMatch(/ListFindings did not answer before the deadline|run limit of 4 s \('timeout'\)/)
  })
})
