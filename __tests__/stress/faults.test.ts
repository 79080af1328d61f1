/**
 * Fault injection under the emulator: the bundled action (dist/index.js, run as the runner runs it)
 * against throttling storms, 5xx bursts, connection resets, slow calls, truncated and garbled JSON, a
 * nextToken that repeats forever and responses of hundreds of MB. Whatever happens, the gate ends
 * within scan-timeout plus a bounded margin, with the right verdict or a fail-closed reason, and its
 * peak memory (child maxRSS, recorded by the harness's measuring wrapper) stays bounded.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestPki, DEFAULT_PROFILE_VERSION_ARN, writeTrustStore } from '../../emulator/signing.mjs'
import { distEntry, runAction } from '../../emulator/run-action.mjs'

const emulatorPath = join(__dirname, '..', '..', 'emulator', 'server.mjs')
const SCAN_TIMEOUT_S = 20
/** Margin over scan-timeout: SDK retries of the last poll, signature fetch, report writing, Node start-up. */
const MARGIN_S = 60
const MAX_RSS_MB = 400
const HUGE = 300 * 1024 * 1024
const profileArn = DEFAULT_PROFILE_VERSION_ARN.slice(0, DEFAULT_PROFILE_VERSION_ARN.lastIndexOf('/'))

interface Case {
  name: string
  faults: Record<string, unknown>[]
  /** 'pass-or-closed': a transient fault may still end in pass, else a fail with a reason. */
  expect: 'pass' | 'fail' | 'pass-or-closed'
  reason?: RegExp
}

const CASES: Case[] = [
  // Shortened from 30 s to 10 s to keep CI time down; 50 % of every AWS and registry call is throttled.
  {
    name: 'throttling storm (50 % of all calls for 10 s)',
    faults: [{ service: '*', kind: 'throttle', rate: 0.5, untilMs: 10_000 }],
    expect: 'pass-or-closed'
  },
  {
    name: '5xx bursts',
    faults: [
      { service: 'ecr', kind: '5xx', count: 8 },
      { service: 'signer', kind: '5xx', count: 2 }
    ],
    expect: 'pass-or-closed'
  },
  { name: 'connection resets (30 %)', faults: [{ service: '*', kind: 'reset', rate: 0.3, untilMs: 8_000 }], expect: 'pass-or-closed' },
  { name: 'slow calls (1.5 s each on ECR)', faults: [{ service: 'ecr', kind: 'latency', latencyMs: 1500 }], expect: 'pass-or-closed' },
  {
    name: 'truncated JSON on every findings call',
    faults: [{ service: 'ecr', operation: 'DescribeImageScanFindings', kind: 'truncated' }],
    expect: 'fail'
  },
  {
    name: 'garbled JSON on every findings call',
    faults: [{ service: 'ecr', operation: 'DescribeImageScanFindings', kind: 'garbled' }],
    expect: 'fail'
  },
  {
    name: 'a nextToken that repeats forever',
    faults: [{ service: 'ecr', kind: 'repeatNextToken' }],
    expect: 'fail',
    reason: /pagination did not terminate/
  },
  {
    name: '300 MB streamed referrers response',
    faults: [{ service: 'registry', operation: 'ListReferrers', kind: 'hugeBody', bytes: HUGE, chunked: true }],
    expect: 'fail',
    reason: /Signature/
  },
  {
    name: '300 MB streamed registry responses (every registry call)',
    faults: [{ service: 'registry', kind: 'hugeBody', bytes: HUGE, chunked: true }],
    expect: 'fail',
    reason: /Signature/
  },
  // The AWS SDK buffers a whole response body before parsing; src/aws/bounded-handler.ts cuts a
  // response off at 32 MiB, so this is refused with bounded memory.
  {
    name: '300 MB ECR findings response',
    faults: [{ service: 'ecr', operation: 'DescribeImageScanFindings', kind: 'hugeBody', bytes: HUGE, chunked: true }],
    expect: 'fail',
    reason: /ResponseTooLarge|byte limit/
  }
]

describe.skipIf(!existsSync(distEntry) || !existsSync(emulatorPath))('fault injection: dist/index.js under the emulator', () => {
  let dir: string

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-faults-'))
    createTestPki({ name: 'default' })
    writeTrustStore(dir, { type: 'signingAuthority', name: 'test', pkiNames: ['default'] })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  for (const c of CASES) {
    it(c.name, async () => {
      const { startEmulator } = await import('../../emulator/server.mjs')
      const emu = await startEmulator({
        scenario: {
          accountId: '123456789012',
          region: 'us-east-1',
          scanType: 'ENHANCED',
          seed: 11,
          repositories: [{ name: 'app', scanOnPush: true }],
          images: [
            {
              name: 'img',
              repository: 'app',
              tags: ['v1'],
              platforms: [
                { os: 'linux', architecture: 'amd64' },
                { os: 'linux', architecture: 'arm64' }
              ],
              scan: {
                timeline: [{ status: 'IN_PROGRESS', untilPolls: 1 }, { status: 'COMPLETE' }],
                generateFindings: { count: 1500, seed: 3, severities: { LOW: 1 } }
              },
              signatures: [{ pki: 'default' }]
            }
          ],
          faults: c.faults
        },
        port: 0
      })
      try {
        const started = Date.now()
        const run = await runAction({
          inputs: {
            repository: 'app',
            tag: 'v1',
            region: 'us-east-1',
            'scan-timeout': String(SCAN_TIMEOUT_S),
            'signing-profile-arns': profileArn,
            'trust-store': dir
          },
          env: emu.env,
          // Peak RSS is recorded on exit, whatever the exit path.
          measure: true,
          timeoutMs: (SCAN_TIMEOUT_S + MARGIN_S + 60) * 1000
        })
        const seconds = (Date.now() - started) / 1000
        const tail = `${run.stdout.slice(-1500)}\n${run.stderr.slice(-500)}`
        // Ended on its own (not killed), within the deadline plus a bounded margin.
        expect(run.code, tail).not.toBeNull()
        expect(seconds, tail).toBeLessThan(SCAN_TIMEOUT_S + MARGIN_S)
        const decision = run.outputs['decision']
        expect(['pass', 'fail'], tail).toContain(decision)
        if (c.expect !== 'pass-or-closed') expect(decision, tail).toBe(c.expect)
        if (decision === 'fail') {
          // Fail closed with an actionable reason, exit 1, never a silent failure.
          expect(run.code).toBe(1)
          const error = run.stdout.split('\n').find((l) => l.startsWith('::error::'))
          expect(error, tail).toBeDefined()
          if (c.reason) expect(error).toMatch(c.reason)
        } else {
          expect(run.code).toBe(0)
          expect(run.outputs['signature-status']).toBe('verified')
          expect(run.outputs['image-uri']).toMatch(/@sha256:[0-9a-f]{64}$/)
        }
        expect(
          emu.calls.some((call) => call.fault !== undefined),
          'the fault was injected'
        ).toBe(true)
        expect(run.stats, tail).toBeDefined()
        expect((run.stats?.maxRssBytes ?? Number.NaN) / 1024 / 1024, 'peak RSS in MB').toBeLessThan(MAX_RSS_MB)
      } finally {
        await emu.stop()
      }
    })
  }
})
