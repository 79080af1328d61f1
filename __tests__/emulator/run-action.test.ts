/**
 * The runner harness (emulator/run-action.mjs) on its own: input variable names as the runner spells
 * them, the GITHUB_OUTPUT format both ways, and a run of a stand-in entry (no dist/ needed) for the
 * environment, outputs, summary, report, measuring and the SIGKILL timeout.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  actionNode,
  formatOutputFile,
  inputEnv,
  inputVariable,
  nodeVersion,
  packagedNode,
  parseOutputFile,
  repoRoot,
  resolveActionNode,
  runAction
} from '../../emulator/run-action.mjs'

describe('input variables', () => {
  it('replaces spaces with underscores, upper-cases, and keeps hyphens', () => {
    expect(inputVariable('scan-timeout')).toBe('INPUT_SCAN-TIMEOUT')
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT')
    expect(inputEnv({ repository: 'app', 'trust-store': '/x' })).toEqual({ INPUT_REPOSITORY: 'app', 'INPUT_TRUST-STORE': '/x' })
  })
})

describe('GITHUB_OUTPUT', () => {
  it('parses what it formats, multi-line values included', () => {
    const outputs = { decision: 'pass', results: '[\n  {"a": 1}\n]', empty: '', tricky: 'a<<b=c' }
    expect(parseOutputFile(formatOutputFile(outputs))).toEqual(outputs)
  })

  it('reads name=value lines too, CRLF line ends, and lets a later value win', () => {
    expect(parseOutputFile('a=1\r\nb=x=y\r\na<<EOF\r\n2\r\nEOF\r\n')).toEqual({ a: '2', b: 'x=y' })
  })
})

describe('runAction with a stand-in entry', () => {
  let dir: string
  let entry: string
  let hang: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'run-action-test-'))
    entry = join(dir, 'entry.mjs')
    writeFileSync(
      entry,
      [
        "import { appendFileSync, writeFileSync } from 'node:fs'",
        "import { join } from 'node:path'",
        "const report = join(process.env.RUNNER_TEMP, 'report.json')",
        "writeFileSync(report, JSON.stringify({ decision: 'pass' }))",
        'const env = { ...process.env }',
        'appendFileSync(process.env.GITHUB_OUTPUT, `env<<EOF\\n${JSON.stringify(env)}\\nEOF\\nreport-file<<EOF\\n${report}\\nEOF\\n`)',
        "appendFileSync(process.env.GITHUB_STEP_SUMMARY, '## Deploy allowed ✅\\n')",
        "console.log('out'); console.error('err')",
        'process.exitCode = 3'
      ].join('\n')
    )
    hang = join(dir, 'hang.mjs')
    writeFileSync(hang, 'setInterval(() => {}, 1000)\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('sets the runner environment and collects exit, logs, outputs, summary and report', async () => {
    let spawned: number | undefined
    const run = await runAction({
      inputs: { 'scan-timeout': '5' },
      env: { EXTRA: 'yes', DROPPED: undefined },
      entry,
      dir: join(dir, 'one'),
      onSpawn: (t) => (spawned = t)
    })
    expect(run.code).toBe(3)
    expect(run.timedOut).toBe(false)
    const env = JSON.parse(run.outputs.env ?? '{}') as Record<string, string>
    expect(env).toMatchObject({
      'INPUT_SCAN-TIMEOUT': '5',
      EXTRA: 'yes',
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: run.dir,
      HOME: run.dir,
      GITHUB_OUTPUT: run.outputFile,
      GITHUB_STEP_SUMMARY: run.summaryFile
    })
    expect(env).not.toHaveProperty('DROPPED')
    expect(run.stdout).toBe('out\n')
    expect(run.stderr).toBe('err\n')
    expect(run.log).toContain('out\n')
    expect(run.summary).toBe('## Deploy allowed ✅\n')
    expect(run.summaryBytes).toBe(Buffer.byteLength(run.summary))
    expect(run.report).toEqual({ decision: 'pass' })
    expect(spawned).toBe(run.spawnT)
    expect(run.closeT).toBeGreaterThanOrEqual(run.spawnT)
    expect(run.stats).toBeUndefined()
  })

  it('measures peak RSS and CPU time through the wrapper', async () => {
    const run = await runAction({ entry, measure: true, dir: join(dir, 'measured') })
    expect(run.code).toBe(3)
    expect(run.stats?.maxRssBytes).toBeGreaterThan(1024 * 1024)
    expect(run.stats?.cpuUserUs).toBeGreaterThan(0)
  })

  it('runs the given node binary, and rejects when it cannot be started', async () => {
    expect((await runAction({ entry, node: process.execPath, dir: join(dir, 'node') })).code).toBe(3)
    await expect(runAction({ entry, node: join(dir, 'no-such-node'), dir: join(dir, 'no-node') })).rejects.toThrow(/ENOENT/)
  })

  it('kills a run that outlives its timeout with SIGKILL', async () => {
    const run = await runAction({ entry: hang, timeoutMs: 300, dir: join(dir, 'hang') })
    expect(run).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: true, outputs: {} })
  })
})

describe('the Node that runs the action', () => {
  it('is GATE_NODE when set, else the packaged Node when installed, else the caller', () => {
    expect(resolveActionNode({ GATE_NODE: '/opt/node/bin/node' })).toBe('/opt/node/bin/node')
    expect(resolveActionNode({})).toBe(existsSync(packagedNode) ? packagedNode : process.execPath)
    expect(nodeVersion(process.execPath)).toBe(process.version)
    expect(() => nodeVersion(join(tmpdir(), 'no-such-node'))).toThrow(/Could not run/)
  })

  // The bundle must be tested on the runtime the runner gives it. Under CI, a missing optional
  // dependency would quietly test it on the machine's Node instead: that fails here.
  it("is the major version action.yml's runs.using declares, unless GATE_NODE overrides it", () => {
    const using = (parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string } }).runs.using
    const declared = /^node(\d+)$/.exec(using)?.[1]
    expect(declared).toBeDefined()
    const actual = /^v(\d+)\./.exec(nodeVersion(actionNode))?.[1]
    if (process.env.GATE_NODE || (!process.env.CI && !existsSync(packagedNode))) {
      console.log(`The action runs on Node ${actual} here (GATE_NODE or no packaged Node); action.yml declares ${using}`)
      return
    }
    expect(actual).toBe(declared)
  })
})
