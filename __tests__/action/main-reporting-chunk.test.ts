/**
 * The Actions adapter's reporting code (`src/action/reporting.ts`) is a chunk of dist/ of its own:
 * when it loads (while the run waits, never before the run starts), and what a run does when it
 * cannot load (a broken bundle): the job still fails, with the reason, and `run()` does not throw.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunPorts } from '../../src/core/run.js'
import type { RunResult } from '../../src/core/types.js'
import { makeVerdict } from '../report/fixtures.js'

const state = vi.hoisted(() => ({
  inputs: {} as Record<string, string>,
  outputs: {} as Record<string, string>,
  failed: [] as string[],
  warnings: [] as string[],
  // What the test controls and observes of the reporting module and the preloads.
  reportingLoads: 0,
  reportingBroken: false,
  corePreloads: 0,
  onReusedConnection: undefined as (() => void) | undefined,
  // The engine: what it saw of the reporting module, and what it returns.
  loadsAtStart: -1,
  loadsAfterSleep: -1,
  result: undefined as RunResult | undefined,
  engineSleeps: true
}))

vi.mock('@actions/core', async () => (await import('./core-stand-in.js')).coreStandIn(state))

vi.mock('../../src/action/runner.js', async () => {
  const core = (await import('@actions/core')) as unknown as ReturnType<typeof import('./core-stand-in.js').coreStandIn>
  const { commandsOf } = await import('./core-stand-in.js')
  return {
    getInput: core.getInput,
    commands: commandsOf(core),
    loadCore: async () => core,
    preloadCore: () => {
      state.corePreloads += 1
    },
    preloadCoreOnReusedConnection: (preload: () => void) => {
      state.onReusedConnection = preload
      return () => {}
    }
  }
})

vi.mock('../../src/core/run.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/run.js')>()
  return {
    ...real,
    runGate: async (_request: unknown, ports: RunPorts) => {
      state.loadsAtStart = state.reportingLoads
      if (state.engineSleeps) await ports.sleep(0)
      // The dynamic import settles in a few turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50))
      state.loadsAfterSleep = state.reportingLoads
      if (!state.result) throw new Error('no result set')
      return state.result
    }
  }
})

let dir: string

beforeEach(async () => {
  // A fresh module graph per test, and the reporting module's mock registered anew, so each test
  // sees its own first load. Each evaluation of the mock is one load of the chunk; a broken bundle
  // fails the import.
  vi.resetModules()
  vi.doMock('../../src/action/reporting.js', async (importOriginal) => {
    state.reportingLoads += 1
    if (state.reportingBroken) throw new Error("Cannot find module './807.index.js'")
    return importOriginal()
  })
  dir = await mkdtemp(path.join(tmpdir(), 'gate-chunk-'))
  Object.assign(state, {
    inputs: { repository: 'team-a/web', tag: 'v1.2.3', region: 'eu-west-1', 'report-file': path.join(dir, 'report.json') },
    outputs: {},
    failed: [],
    warnings: [],
    reportingLoads: 0,
    reportingBroken: false,
    corePreloads: 0,
    onReusedConnection: undefined,
    loadsAtStart: -1,
    loadsAfterSleep: -1,
    engineSleeps: true,
    result: { decision: 'pass', mode: 'enforce', batch: false, images: [{ reference: 'team-a/web:v1.2.3', verdict: makeVerdict([]) }] }
  })
  process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary.md')
  await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
})

async function run(): Promise<void> {
  const main = await import('../../src/action/main.js')
  await main.run()
}

describe('the reporting chunk', () => {
  it('is not loaded when the run starts; the first wait loads it, with @actions/core, and the run uses that one load', async () => {
    await run()
    expect(state.loadsAtStart).toBe(0)
    expect(state.loadsAfterSleep).toBe(1)
    expect(state.corePreloads).toBeGreaterThanOrEqual(1)
    expect(state.reportingLoads).toBe(1)
    expect(state.failed).toEqual([])
    expect(state.outputs.decision).toBe('pass')
    expect(JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8'))).toMatchObject({ decision: 'pass' })
  })

  it('is what the run preloads when a request goes out on a kept-alive connection, together with @actions/core', async () => {
    state.engineSleeps = false
    const main = await import('../../src/action/main.js')
    const done = main.run()
    // run() registers the watcher synchronously, before its first await.
    const preload = state.onReusedConnection
    expect(preload).toBeTypeOf('function')
    const before = { core: state.corePreloads, reporting: state.reportingLoads }
    preload?.()
    expect(state.corePreloads).toBe(before.core + 1)
    // The engine never waits here, so only the preload can have started the reporting chunk this early.
    await vi.waitFor(() => expect(state.reportingLoads).toBe(1))
    expect(state.loadsAtStart).toBeLessThanOrEqual(1)
    await done
    expect(state.reportingLoads).toBe(1)
  })

  it('cannot load: a passing run fails the job with the cause, warns that no summary was written, and run() does not throw', async () => {
    state.reportingBroken = true
    await expect(run()).resolves.toBeUndefined()
    expect(state.failed).toHaveLength(1)
    // The import's error is the reason (vitest words a failing mock factory its own way).
    expect(state.failed[0]).toMatch(/mock/)
    expect(state.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Could not write the report: /),
        expect.stringMatching(/^Could not write the job summary: /)
      ])
    )
    // No output says pass.
    expect(state.outputs.decision).toBeUndefined()
  })

  it('cannot load: bad input still fails the job naming the input', async () => {
    state.reportingBroken = true
    state.inputs = { ...state.inputs, 'max-critical': 'lots' }
    await expect(run()).resolves.toBeUndefined()
    expect(state.failed).toHaveLength(1)
    expect(state.failed[0]).toMatch(/max-critical/)
    expect(state.loadsAtStart).toBe(-1)
  })
})
