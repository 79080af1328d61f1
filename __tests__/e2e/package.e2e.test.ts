/**
 * The npm package as a user gets it: `npm pack` once, the tarball installed offline (with an empty
 * npm cache, so nothing can come from a registry) into a clean folder, then the installed
 * `ecr-deploy-gate` run through `npx --no-install` — no TTY, as a CI job runs it — against the
 * emulator: pass, fail, a bad policy file, every `--format` with `--output`, `--images-file`, and
 * the error outputs of a run that cannot start. The tarball holds only what a user needs.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { actionNode, nodeVersion, repoRoot, runCli } from '../../emulator/run-action.mjs'
import { cleanImage, critical, enhancedScenario, HOST } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const ALLOWED = [
  /^dist\//,
  /^docs\/[a-z0-9-]+\.md$/,
  /^(action\.yml|policy\.schema\.json|report\.schema\.json|README\.md|LICENSE|package\.json)$/
]

/** Anything a log viewer would interpret: ESC, CR, backspace and the other C0/C1 controls but tab and newline. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

const scenario = {
  ...enhancedScenario([
    cleanImage,
    {
      name: 'critical',
      repository: 'app',
      tags: ['critical'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: {
        timeline: [{ status: 'COMPLETE' }],
        findings: [critical('CVE-2024-0001'), { ...critical('CVE-2024-0002', 'zlib'), severity: 'HIGH' }]
      }
    },
    {
      name: 'web',
      repository: 'team/web',
      tags: ['2'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [{ ...critical('CVE-2024-0003', 'curl'), severity: 'HIGH' }] }
    }
  ])
}

const POLICY = 'version: 1\nvulnerabilities:\n  severity-threshold: HIGH\n  max-critical: 0\n  max-high: 5\nscan:\n  timeout: 60\n'

/** npm's own entry script, to run npm itself on a chosen Node (npm checks `engines` against the Node it runs on). */
const npmCli = (() => {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const bin = path.join(dir, 'npm')
    if (existsSync(bin)) return path.join(path.dirname(realpathSync(bin)), 'npm-cli.js')
  }
  throw new Error('npm is not on PATH')
})()

function npm(args: string[], cwd: string, node?: string): { status: number | null; stdout: string; stderr: string } {
  const [command, argv] = node !== undefined ? [node, [npmCli, ...args]] : ['npm', args]
  const r = spawnSync(command, argv, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeout: 300_000
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  version: string
  bin: Record<string, string>
  engines: { node: string }
}

let packed: { filename: string; files: { path: string }[] }
let tarball: string
let clean: string
let emu: Emulator
/** An emulator no test should reach: the runs that must stop before any AWS call point at it. */
let untouched: Emulator
let policyFile: string

/** The installed bin, as a user runs it: `npx --no-install ecr-deploy-gate …` in the folder that installed it. */
async function gate(args: string[], env: Record<string, string> = emu.env) {
  const r = await runCli(['--no-install', 'ecr-deploy-gate', ...args], {
    command: 'npx',
    cwd: clean,
    env: { ...env, PATH: `${path.dirname(actionNode)}:${process.env.PATH ?? ''}` },
    timeoutMs: 120_000
  })
  // Not a terminal: nothing a log viewer would interpret, on either stream.
  expect(r.stdout).not.toMatch(CONTROL)
  expect(r.stderr).not.toMatch(CONTROL)
  return r
}

beforeAll(async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'gate-pack-'))
  const pack = npm(['pack', '--json', '--pack-destination', out], repoRoot)
  expect(pack.status, pack.stderr).toBe(0)
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as (typeof packed)[])[0]!

  clean = await mkdtemp(path.join(tmpdir(), 'gate-clean-'))
  await writeFile(path.join(clean, 'package.json'), '{ "name": "clean", "version": "1.0.0", "private": true }\n')
  // Offline with an empty cache: the install can only succeed if the tarball needs nothing else.
  // npm runs on the Node the CLI runs on, and engine-strict makes it refuse a Node `engines` excludes.
  const cache = await mkdtemp(path.join(tmpdir(), 'gate-empty-cache-'))
  tarball = path.join(out, packed.filename)
  const install = npm(['install', '--offline', '--engine-strict', '--cache', cache, '--no-audit', '--no-fund', tarball], clean, actionNode)
  expect(install.status, install.stderr).toBe(0)

  emu = await startEmulator({ scenario, port: 0 })
  untouched = await startEmulator({ scenario, port: 0 })
  policyFile = path.join(clean, 'gate.yml')
  await writeFile(policyFile, POLICY)
}, 600_000)
afterAll(async () => {
  await emu?.stop()
  await untouched?.stop()
})

describe('the packed tarball', () => {
  it('holds only what a user needs, and installs nothing else', async () => {
    const files = packed.files.map((f) => f.path)
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([])
    for (const needed of ['dist/index.js', 'dist/cli/index.js', 'action.yml', 'policy.schema.json', 'README.md', 'LICENSE'])
      expect(files).toContain(needed)
    expect(pkg.bin).toEqual({ 'ecr-deploy-gate': 'dist/cli/index.js' })

    // The manifest in the tarball: nothing to install, no install script.
    const installed = JSON.parse(await readFile(path.join(clean, 'node_modules', 'ecr-deploy-gate', 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(installed.dependencies).toBeUndefined()
    expect(installed.optionalDependencies).toBeUndefined()
    expect(Object.keys((installed.scripts ?? {}) as object).filter((s) => /install/.test(s))).toEqual([])
    expect(installed.engines).toEqual(pkg.engines)
    const modules = (await readdir(path.join(clean, 'node_modules'))).filter((d) => !d.startsWith('.'))
    expect(modules).toEqual(['ecr-deploy-gate'])
    // The repository's own package.json is back as it was after the pack.
    expect(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).toContain('"optionalDependencies"')
  })

  it('runs `npx ecr-deploy-gate --version` on the Node the package declares', async () => {
    // The install above ran with engine-strict on this Node: `engines` admits it.
    const r = await gate(['--version'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe(pkg.version)
    const used = await runCli(['--no-install', 'node', '-p', 'process.version'], {
      command: 'npx',
      cwd: clean,
      env: { PATH: `${path.dirname(actionNode)}:${process.env.PATH ?? ''}` }
    })
    expect(used.stdout.trim()).toBe(nodeVersion(actionNode))
  })

  it('says in `engines` that Node 20 is not supported (engine-strict refuses it)', async () => {
    if (nodeVersion(process.execPath).startsWith('v20.')) {
      const other = await mkdtemp(path.join(tmpdir(), 'gate-node20-'))
      await writeFile(path.join(other, 'package.json'), '{ "name": "n20", "version": "1.0.0", "private": true }\n')
      const r = npm(['install', '--offline', '--engine-strict', '--no-audit', '--no-fund', tarball], other, process.execPath)
      expect(r.status).not.toBe(0)
      expect(r.stderr).toContain('EBADENGINE')
    }
    expect(pkg.engines.node).not.toMatch(/\b20\b/)
  })
})

describe.concurrent('the installed CLI against the emulator', () => {
  it('passes a clean image: exit 0, the pinned URI on stdout, progress as plain lines', async () => {
    const r = await gate(['check', `${HOST}/app:clean`])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`PASS  ${HOST}/app:clean  ${HOST}/app@${emu.images.clean!.digest}`)
    expect(r.stdout).toMatch(/^Deploy allowed: 1 image\(s\) passed$/m)
    expect(r.stderr).toContain('Resolve image')
  })

  it('fails an image over the policy: exit 1 with the reason', async () => {
    const r = await gate(['check', `${HOST}/app:critical`, '--policy', policyFile, '--quiet'])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^FAIL {2}.*app:critical {2}.*CRITICAL/m)
    expect(r.stderr).toBe('')
  })

  it('writes every --format to its --output, each valid', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-formats-'))
    const out = (f: string) => path.join(dir, f)
    const r = await gate([
      'check',
      `${HOST}/app:critical`,
      '--policy',
      policyFile,
      ...['--format', 'json', '--output', out('report.json')],
      ...['--format', 'sarif', '--output', out('report.sarif')],
      ...['--format', 'gitlab', '--output', out('gl.json')],
      ...['--format', 'markdown', '--output', out('summary.md')],
      ...['--format', 'text', '--output', out('report.txt')]
    ])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toBe('')

    const report = JSON.parse(await readFile(out('report.json'), 'utf8')) as Record<string, unknown>
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(path.join(repoRoot, 'report.schema.json'), 'utf8')) as object
    )
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report).toMatchObject({ decision: 'fail', effectivePolicy: { file: { path: policyFile } } })

    const sarif = JSON.parse(await readFile(out('report.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs).toHaveLength(1)
    expect(sarif.runs[0]!.results.map((x) => x.ruleId).sort()).toEqual(['CVE-2024-0001', 'CVE-2024-0002'])

    const gitlab = JSON.parse(await readFile(out('gl.json'), 'utf8')) as {
      version: string
      scan: Record<string, unknown>
      vulnerabilities: Record<string, unknown>[]
    }
    expect(gitlab.version).toMatch(/^15\./)
    expect(gitlab.scan).toMatchObject({ type: 'container_scanning', status: 'success', analyzer: { id: 'ecr-deploy-gate' } })
    expect(gitlab.scan.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(gitlab.vulnerabilities.map((v) => v.severity).sort()).toEqual(['Critical', 'High'])
    for (const v of gitlab.vulnerabilities) {
      expect(v).toMatchObject({
        identifiers: [expect.objectContaining({ type: 'cve' })],
        location: { image: `${HOST}/app@${emu.images.critical!.digest}`, operating_system: 'linux' }
      })
    }

    const summary = await readFile(out('summary.md'), 'utf8')
    expect(summary).toMatch(/^## ❌ Deploy blocked/)
    const text = await readFile(out('report.txt'), 'utf8')
    expect(text).toMatch(/^FAIL {2}.*app:critical/m)
    expect(text).not.toMatch(CONTROL)
  })

  it('reads --images-file: one verdict per image, the batch report', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-list-'))
    const list = path.join(dir, 'images.txt')
    await writeFile(list, `# deploy set\n${HOST}/app:clean\n\n${HOST}/team/web:2\n`)
    const report = path.join(dir, 'batch.json')
    const r = await gate([
      'check',
      '--images-file',
      list,
      '--severity-threshold',
      'HIGH',
      '--max-high',
      '0',
      '--format',
      'json',
      '--output',
      report,
      '--format',
      'text',
      '--quiet'
    ])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^PASS {2}.*app:clean/m)
    expect(r.stdout).toMatch(/^FAIL {2}.*team\/web:2/m)
    const json = JSON.parse(await readFile(report, 'utf8')) as { batch: boolean; images: { decision: string }[] }
    expect(json.batch).toBe(true)
    expect(json.images.map((i) => i.decision)).toEqual(['pass', 'fail'])
  })
})

describe('the installed CLI when the run cannot start', () => {
  it('refuses a bad policy file with exit 2 and the JSON path, before any AWS call', async () => {
    const bad = path.join(clean, 'bad.yml')
    await writeFile(bad, 'version: 1\nvulnerabilities:\n  max-high: two\n')
    const r = await gate(['check', `${HOST}/app:clean`, '--policy', bad], untouched.env)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`error: Invalid value for --policy: ${bad}: vulnerabilities.max-high: expected a non-negative integer`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).toBe('')
    expect(untouched.calls).toHaveLength(0)
  })

  it('writes a failed SARIF invocation and a failed GitLab scan for a bad input (exit 2, no AWS call)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-error-'))
    const sarifFile = path.join(dir, 'x.sarif')
    const gitlabFile = path.join(dir, 'gl.json')
    const r = await gate(
      [
        'check',
        `${HOST}/app:clean`,
        '--severity-threshold',
        'SEVERE',
        '--format',
        'sarif',
        '--output',
        sarifFile,
        '--format',
        'gitlab',
        '--output',
        gitlabFile
      ],
      untouched.env
    )
    expect(r.code).toBe(2)
    const line = /^error: (.*--severity-threshold.*)$/m.exec(r.stderr)
    expect(line, r.stderr).not.toBeNull()
    const reason = line![1]!

    const sarif = JSON.parse(await readFile(sarifFile, 'utf8')) as {
      version: string
      runs: {
        tool: { driver: { name: string } }
        results: unknown[]
        invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[]
      }[]
    }
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0]!.tool.driver.name).toBe('ecr-deploy-gate')
    expect(sarif.runs[0]!.results).toEqual([])
    expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false)
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.level).toBe('error')
    expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text).toContain('--severity-threshold')

    const gitlab = JSON.parse(await readFile(gitlabFile, 'utf8')) as {
      version: string
      scan: Record<string, unknown>
      vulnerabilities: unknown[]
    }
    expect(gitlab.version).toMatch(/^15\./)
    expect(gitlab.scan).toMatchObject({ type: 'container_scanning', status: 'failure', messages: [{ level: 'fatal', value: reason }] })
    expect(gitlab.vulnerabilities).toEqual([])
    expect(untouched.calls).toHaveLength(0)
  })
})
