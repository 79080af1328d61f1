/**
 * The Actions adapter with a mocked `@actions/core` (the typescript-action pattern; the runner's own
 * log commands and the lazily loaded core are bound to the same stand-in) and a mocked
 * engine: which outputs a single image and a batch set, audit mode, and what a report-write or
 * summary-write failure does to the outputs, the summary and the exit.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RunResult } from '../../src/core/types.js'
import { basePolicy, finding, makeVerdict, URI } from '../report/fixtures.js'

const state = vi.hoisted(() => ({
  inputs: {} as Record<string, string>,
  outputs: {} as Record<string, string>,
  failed: [] as string[],
  warnings: [] as string[],
  errors: [] as string[],
  infos: [] as string[]
}))

vi.mock('@actions/core', async () => (await import('./core-stand-in.js')).coreStandIn(state))

// The start-up log commands and the lazily loaded core, bound to the same stand-in.
vi.mock('../../src/action/runner.js', async () => {
  const core = (await import('@actions/core')) as unknown as ReturnType<typeof import('./core-stand-in.js').coreStandIn>
  const { commandsOf } = await import('./core-stand-in.js')
  return {
    getInput: core.getInput,
    commands: commandsOf(core),
    loadCore: async () => core,
    preloadCore: () => {},
    preloadCoreOnReusedConnection: () => {}
  }
})

const engine = vi.hoisted(() => ({ result: undefined as RunResult | undefined, calls: 0 }))
vi.mock('../../src/core/run.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/core/run.js')>()
  return {
    ...real,
    runGate: async () => {
      engine.calls += 1
      if (!engine.result) throw new Error('no result set')
      return engine.result
    }
  }
})

const { run } = await import('../../src/action/main.js')

let dir: string
const saved = { summary: process.env.GITHUB_STEP_SUMMARY }

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gate-main-'))
  Object.assign(state, { inputs: {}, outputs: {}, failed: [], warnings: [], errors: [], infos: [] })
  engine.result = undefined
  engine.calls = 0
  process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary.md')
  await writeFile(process.env.GITHUB_STEP_SUMMARY, '')
})

afterEach(() => {
  if (saved.summary === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = saved.summary
})

/** What the run wrote to the job summary file. */
async function summaryFile(): Promise<string> {
  return readFile(process.env.GITHUB_STEP_SUMMARY ?? '', 'utf8')
}

const single = (over: Record<string, string> = {}): Record<string, string> => ({
  repository: 'team-a/web',
  tag: 'v1.2.3',
  region: 'eu-west-1',
  'report-file': path.join(dir, 'report.json'),
  ...over
})
const REF = (n: number): string => `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/web${n}:v1`

const passing = (): RunResult => ({
  decision: 'pass',
  mode: 'enforce',
  batch: false,
  images: [{ reference: 'team-a/web:v1.2.3', verdict: makeVerdict([]) }]
})
const failing = (mode: 'enforce' | 'audit' = 'enforce'): RunResult => {
  const verdict = { ...makeVerdict([finding({ severity: 'CRITICAL' })], basePolicy()), mode }
  return { decision: 'fail', mode, batch: false, images: [{ reference: 'team-a/web:v1.2.3', verdict }] }
}

describe('run (single image)', () => {
  it('sets every output of a passing image, writes the report and a "Deploy allowed" summary, and does not fail', async () => {
    state.inputs = single()
    engine.result = passing()
    await run()
    expect(state.failed).toEqual([])
    expect(state.outputs).toMatchObject({
      decision: 'pass',
      digest: URI.split('@')[1],
      'image-uri': URI,
      'critical-count': '0',
      'high-count': '0',
      'medium-count': '0',
      'low-count': '0',
      violations: '0',
      'signature-status': 'verified',
      'report-file': path.join(dir, 'report.json')
    })
    expect(JSON.parse(state.outputs.results ?? '')).toEqual([
      { image: 'team-a/web:v1.2.3', decision: 'pass', digest: URI.split('@')[1], imageUri: URI, reasons: [] }
    ])
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { decision: string; signature: { status: string } }
    expect(report.decision).toBe('pass')
    expect(report.signature.status).toBe('verified')
    expect((await summaryFile()).split('\n')[0]).toBe('## ✅ Deploy allowed')
    expect(state.infos).toContain(`Deploy allowed: ${URI}`)
  })

  it('fails the job on a failing verdict with its reasons', async () => {
    state.inputs = single()
    engine.result = failing()
    await run()
    expect(state.outputs.decision).toBe('fail')
    expect(state.failed).toHaveLength(1)
    expect(state.failed[0]).toMatch(/^Deploy blocked: 1 CRITICAL finding/)
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Deploy blocked')
    // Nothing to deploy: the digest is still named, the URI is empty and absent from results.
    expect(state.outputs.digest).toBe(URI.split('@')[1])
    expect(state.outputs['image-uri']).toBe('')
    expect(JSON.parse(state.outputs.results ?? '')[0]).not.toHaveProperty('imageUri')
  })

  it('in audit mode reports the same failing verdict as a warning and does not fail the job', async () => {
    state.inputs = single({ mode: 'audit' })
    engine.result = failing('audit')
    await run()
    expect(state.failed).toEqual([])
    expect(state.outputs.decision).toBe('fail')
    expect(state.warnings.some((w) => w.startsWith('Audit mode, not failing the job. Deploy blocked:'))).toBe(true)
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Would be blocked (audit mode)')
    expect(state.outputs['image-uri']).toBe(URI)
    expect(JSON.parse(state.outputs.results ?? '')[0]).toMatchObject({ imageUri: URI })
  })

  it('does not fail the job in audit mode for an image that could not be gated (one rule for audit), setting only decision, results and report-file', async () => {
    state.inputs = single({ mode: 'audit' })
    engine.result = {
      decision: 'fail',
      mode: 'audit',
      batch: false,
      images: [{ reference: 'team-a/web:v1.2.3', error: 'Image not found' }]
    }
    await run()
    expect(state.failed).toEqual([])
    expect(state.warnings).toContain('Audit mode, not failing the job. Image not found')
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Would be blocked (audit mode)')
    expect(Object.keys(state.outputs).sort()).toEqual(['decision', 'report-file', 'results'])
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { error: boolean; reasons: string[] }
    expect(report).toMatchObject({ error: true, reasons: ['Image not found'] })
  })

  it('a report that cannot be written fails a passing run, and the summary says "Deploy blocked" with the cause', async () => {
    // A directory where the report file should be: writing it fails.
    state.inputs = single({ 'report-file': dir })
    engine.result = passing()
    await run()
    expect(state.outputs.decision).toBe('fail')
    expect(state.failed).toHaveLength(1)
    expect(state.failed[0]).toMatch(/^Could not write the report: /)
    const summary = await summaryFile()
    expect(summary.split('\n')[0]).toBe('## ❌ Deploy blocked')
    expect(summary).toMatch(/Could not write the report/)
    expect(summary).not.toMatch(/Deploy allowed|Deploy this digest-pinned image/)
  })

  it('a summary that cannot be written is only a warning', async () => {
    state.inputs = single()
    const missing = path.join(dir, 'no-such-folder', 'summary.md')
    process.env.GITHUB_STEP_SUMMARY = missing
    engine.result = passing()
    await run()
    expect(state.failed).toEqual([])
    expect(state.outputs.decision).toBe('pass')
    expect(state.warnings).toContain(
      `Could not write the job summary: Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`
    )
  })

  it('appends the summary and a line end after what the file already holds', async () => {
    const file = process.env.GITHUB_STEP_SUMMARY ?? ''
    await writeFile(file, 'an earlier step\n')
    state.inputs = single()
    engine.result = passing()
    await run()
    const text = await readFile(file, 'utf8')
    expect(text.startsWith('an earlier step\n## ✅ Deploy allowed\n')).toBe(true)
    expect(text.endsWith('\n')).toBe(true)
    expect(text).not.toMatch(/\n\n\n$/)
  })

  it('refuses bad input before running the engine: names the input, sets decision fail, and writes the error summary', async () => {
    state.inputs = single({ 'scan-timeout': 'soon' })
    await run()
    expect(engine.calls).toBe(0)
    expect(state.failed).toEqual(["Invalid input for 'scan-timeout': expected a whole number from 1 to 86400, got 'soon'"])
    expect(state.outputs.decision).toBe('fail')
    // The image asked for and the report file are still read, so an `if: always()` upload finds a report.
    expect(JSON.parse(state.outputs.results ?? '')).toMatchObject([{ image: 'team-a/web:v1.2.3', decision: 'fail' }])
    expect(state.outputs['report-file']).toBe(path.join(dir, 'report.json'))
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { error: boolean; reasons: string[] }
    expect(report).toMatchObject({ error: true, reasons: [state.failed[0]] })
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Deploy blocked')
    expect(await summaryFile()).toContain('expected a whole number from 1 to 86400')
  })

  it('an unreadable allowlist stops the run before the engine, with the error report written', async () => {
    state.inputs = single({ allowlist: path.join(dir, 'missing.yml') })
    await run()
    expect(engine.calls).toBe(0)
    expect(state.failed[0]).toMatch(/^Invalid input for 'allowlist': cannot read .*missing\.yml/)
    expect(JSON.parse(state.outputs.results ?? '')).toEqual([{ image: 'team-a/web:v1.2.3', decision: 'fail', reasons: [state.failed[0]] }])
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { error: boolean }
    expect(report.error).toBe(true)
  })

  it('writes no summary when the summary input is false', async () => {
    state.inputs = single({ summary: 'false' })
    engine.result = passing()
    await run()
    expect(await summaryFile()).toBe('')
  })
})

describe('run (batch)', () => {
  const batch = (mode: 'enforce' | 'audit' = 'enforce'): RunResult => ({
    decision: 'fail',
    mode,
    batch: true,
    images: [
      { reference: REF(1), verdict: { ...makeVerdict([]), mode } },
      { reference: REF(2), verdict: { ...makeVerdict([finding({ severity: 'CRITICAL' })]), mode } },
      { reference: REF(3), error: 'Image not found' }
    ]
  })

  it('sets one line per image, sums the counts, and fails naming each failed image', async () => {
    state.inputs = { images: [REF(1), REF(2), REF(3)].join('\n'), 'report-file': path.join(dir, 'report.json') }
    engine.result = batch()
    await run()
    expect(state.outputs.digest?.split('\n')).toEqual([URI.split('@')[1], URI.split('@')[1], ''])
    // The blocked image keeps its digest but has no deployable URI.
    expect(state.outputs['image-uri']?.split('\n')).toEqual([URI, '', ''])
    expect(state.outputs['critical-count']).toBe('1')
    expect(state.outputs.decision).toBe('fail')
    expect(JSON.parse(state.outputs.results ?? '').map((r: { decision: string }) => r.decision)).toEqual(['pass', 'fail', 'fail'])
    expect(state.failed).toEqual([
      'Deploy blocked: 2 of 3 images failed (team-a/web2:v1, team-a/web3:v1); each has its own annotation and section in the job summary'
    ])
    // One annotation per failed image, each with its own prefix and reasons.
    expect(state.errors).toHaveLength(2)
    expect(state.errors[0]).toMatch(/^\[2\/3 team-a\/web2:v1\] .*CRITICAL/)
    expect(state.errors[1]).toBe('[3/3 team-a/web3:v1] Image not found')
    const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { batch: boolean; images: unknown[] }
    expect(report.batch).toBe(true)
    expect(report.images).toHaveLength(3)
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Deploy blocked: 2 of 3 images')
  })

  it('in audit mode warns instead of failing, whatever failed', async () => {
    state.inputs = { images: [REF(1), REF(2), REF(3)].join('\n'), mode: 'audit', 'report-file': path.join(dir, 'report.json') }
    engine.result = batch('audit')
    await run()
    expect(state.failed).toEqual([])
    // Audit blocks nothing, so every gated image keeps its URI.
    expect(state.outputs['image-uri']?.split('\n')).toEqual([URI, URI, ''])
    expect(state.warnings.some((w) => w.startsWith('Audit mode, not failing the job. Deploy blocked: 2 of 3'))).toBe(true)
  })

  it('a batch whose report cannot be written is blocked in outputs, exit and summary', async () => {
    state.inputs = { images: [REF(1)].join('\n'), 'report-file': dir }
    engine.result = { decision: 'pass', mode: 'enforce', batch: true, images: [{ reference: REF(1), verdict: makeVerdict([]) }] }
    await run()
    expect(state.outputs.decision).toBe('fail')
    expect(state.failed[0]).toMatch(/^Could not write the report/)
    expect((await summaryFile()).split('\n')[0]).toBe('## ❌ Deploy blocked')
  })
})
