/**
 * Fail-fast end to end: dist/index.js runs the signature check while it waits for the scan. An
 * unsigned image whose scan takes a minute is denied as soon as the signature is known to be
 * missing; with `fail-fast: false` the gate waits for the scan and reports its findings too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, critical, enhancedScenario } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const PROFILE = `arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/release`
const NOT_AWAITED = 'not awaited: the verdict was already fail'

interface ScanJson {
  status: string
  done: boolean
  description?: string
  notAwaited?: boolean
}

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    scenario: enhancedScenario([
      {
        // Each digest's timeline starts at its first status poll, so this scan takes 60 s from then.
        name: 'slow',
        repository: 'app',
        tags: ['unsigned-slow'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: { timeline: [{ status: 'IN_PROGRESS', untilMs: 60_000 }, { status: 'COMPLETE' }], findings: [critical('CVE-2024-7001')] }
      },
      {
        name: 'short',
        repository: 'app',
        tags: ['unsigned-short'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: { timeline: [{ status: 'IN_PROGRESS', untilMs: 4_000 }, { status: 'COMPLETE' }], findings: [critical('CVE-2024-7002')] }
      }
    ])
  })
})
afterAll(async () => {
  await emu?.stop()
})

const gate = (tag: string, extra: Record<string, string> = {}, timeoutMs = 60_000) =>
  runAction({
    inputs: { repository: 'app', tag, 'signing-profile-arns': PROFILE, 'scan-timeout': '120', ...extra },
    env: emu.env,
    timeoutMs
  })

describe.concurrent('fail-fast through dist/index.js', () => {
  it('denies an unsigned image without waiting for its 60 s scan, reporting the scan as not awaited', async () => {
    // 15 s is far below the 60 s scan: only a gate that stopped waiting finishes inside it.
    const r = await gate('unsigned-slow', {}, 15_000)
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'signature-status': 'missing', 'image-uri': '', 'critical-count': '0' })
    const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? ''
    expect(error).toMatch(/^::error::Deploy blocked: .*[Ss]ignature/)
    expect(r.stdout).toContain('stopped waiting for the scan (fail-fast)')

    const scans = (r.report?.scans ?? []) as ScanJson[]
    expect(scans).toHaveLength(1)
    expect(scans[0]).toMatchObject({ done: false, notAwaited: true, description: NOT_AWAITED })
    // The last status seen, or UNKNOWN when the signature was known missing before the first poll answered.
    expect(['IN_PROGRESS', 'UNKNOWN']).toContain(scans[0]?.status)
    expect(r.report?.decision).toBe('fail')
    expect(r.summary).toContain(NOT_AWAITED)
    // The summary still carries the signature section: the report is complete for what was known.
    expect(r.summary).toMatch(/[Ss]ignature/)
  })

  it('with fail-fast false waits for the scan and reports its findings as well as the missing signature', async () => {
    const r = await gate('unsigned-short', { 'fail-fast': 'false' })
    expect(r.timedOut).toBe(false)
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'signature-status': 'missing', 'critical-count': '1' })
    const scans = (r.report?.scans ?? []) as ScanJson[]
    expect(scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
    expect(scans[0]?.notAwaited).toBeUndefined()
    expect(r.summary).toContain('CVE-2024-7002')
    expect(r.stdout).not.toContain('fail-fast')
  })
})
