/**
 * End to end: the bundled CLI (dist/cli/index.js) run as a CI job's shell runs it — no TTY — against
 * the emulator through the real AWS SDK clients; the same policy through the Action and the CLI; and
 * the CI recipes' exact commands (docs/cli.md).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { repoRoot, runAction, runCli } from '../../emulator/run-action.mjs'
import { cleanImage, critical, enhancedScenario, HOST } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

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
      name: 'stuck',
      repository: 'app',
      tags: ['stuck'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'IN_PROGRESS' }] }
    },
    {
      name: 'pay-high',
      repository: 'payments-api',
      tags: ['1'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [{ ...critical('CVE-2024-0003', 'curl'), severity: 'HIGH' }] }
    },
    {
      name: 'tools-high',
      repository: 'tools-lint',
      tags: ['1'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [{ ...critical('CVE-2024-0003', 'curl'), severity: 'HIGH' }] }
    }
  ]),
  repositories: [
    { name: 'app', scanOnPush: true },
    { name: 'payments-api', scanOnPush: true },
    { name: 'tools-lint', scanOnPush: true }
  ]
}

const POLICY = `# one policy for every pipeline
version: 1
vulnerabilities:
  severity-threshold: HIGH
  max-critical: 0
  max-high: 5
scan:
  timeout: 60
overrides:
  - repositories: ['payments-*']
    vulnerabilities:
      max-high: 0
`

/** Anything a log viewer would interpret: ESC, CR, backspace and the other C0/C1 controls but tab and newline. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/

let emu: Emulator
let dir: string
let policyFile: string
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { env: { ...emu.env, ...extra }, cwd: dir })

beforeAll(async () => {
  emu = await startEmulator({ scenario, port: 0 })
  dir = await mkdtemp(path.join(tmpdir(), 'gate-cli-e2e-'))
  policyFile = path.join(dir, 'gate.yml')
  await writeFile(policyFile, POLICY)
})
afterAll(async () => {
  await emu?.stop()
})

describe.concurrent('the CLI against the emulator', () => {
  it('passes a clean image: exit 0, the pinned URI on stdout, no control characters', async () => {
    const r = await cli(['check', `${HOST}/app:clean`])
    expect(r.stderr).not.toMatch(CONTROL)
    expect(r.stdout).not.toMatch(CONTROL)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(`PASS  ${HOST}/app:clean  ${HOST}/app@${emu.images.clean!.digest}`)
    expect(r.stdout).toMatch(/^Deploy allowed: 1 image\(s\) passed$/m)
    // Progress is plain lines on stderr when not a terminal.
    expect(r.stderr).toContain('Resolve image')
  })

  it('fails an image over the policy: exit 1 with the reason', async () => {
    const r = await cli(['check', `${HOST}/app:critical`, '--quiet'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^FAIL {2}.*app:critical {2}.*CRITICAL/m)
    expect(r.stderr).toBe('')
  })

  it('refuses a bad policy file with exit 2 and the JSON path, before any AWS call', async () => {
    const bad = path.join(dir, 'bad.yml')
    await writeFile(bad, 'version: 1\nvulnerabilities:\n  max-high: two\n')
    const r = await cli(['check', `${HOST}/app:clean`, '--policy', bad], { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`error: Invalid value for --policy: ${bad}: vulnerabilities.max-high: expected a non-negative integer`)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('suggests the closest flag and command (exit 2)', async () => {
    const flag = await cli(['check', '--max-hihg', '1'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toContain('(Did you mean --max-high?)')
    const cmd = await cli(['chek'])
    expect(cmd.code).toBe(2)
    expect(cmd.stderr).toContain('(Did you mean check?)')
  })

  it('writes every --format to its --output, each valid', async () => {
    const out = (f: string) => path.join(dir, `formats-${f}`)
    const r = await cli([
      'check',
      `${HOST}/app:critical`,
      '--policy',
      policyFile,
      ...['--format', 'json', '--output', out('report.json')],
      ...['--format', 'sarif', '--output', out('report.sarif')],
      ...['--format', 'gitlab', '--output', out('gl.json')],
      ...['--format', 'markdown', '--output', out('summary.md')],
      ...['--format', 'text']
    ])
    expect(r.code, r.stderr).toBe(1)
    expect(r.stdout).toMatch(/^FAIL/m)
    const report = JSON.parse(await readFile(out('report.json'), 'utf8')) as Record<string, unknown>
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(repoRoot, 'report.schema.json'), 'utf8')) as object)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.decision).toBe('fail')
    expect(report.effectivePolicy).toMatchObject({
      file: { path: policyFile },
      groups: [{ overrides: [], settings: { 'max-high': 5, 'max-critical': 0 }, sources: { 'max-high': 'file', 'min-epss': 'default' } }]
    })
    const sarif = JSON.parse(await readFile(out('report.sarif'), 'utf8')) as { version: string; runs: unknown[] }
    expect(sarif.version).toBe('2.1.0')
    const gitlab = JSON.parse(await readFile(out('gl.json'), 'utf8')) as {
      version: string
      scan: Record<string, unknown>
      vulnerabilities: Record<string, unknown>[]
    }
    expect(gitlab.version).toMatch(/^15\./)
    expect(gitlab.scan).toMatchObject({ type: 'container_scanning', status: 'success' })
    expect(gitlab.scan.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
    expect(gitlab.vulnerabilities.map((v) => v.severity).sort()).toEqual(['Critical', 'High'])
    for (const v of gitlab.vulnerabilities) {
      expect(v).toMatchObject({
        identifiers: [expect.objectContaining({ type: 'cve' })],
        location: { image: `${HOST}/app@${emu.images.critical!.digest}`, operating_system: 'linux' }
      })
      expect((v.location as { dependency: { package: { name: string } } }).dependency.package.name).toMatch(/^(openssl|zlib)$/)
    }
    expect(await readFile(out('summary.md'), 'utf8')).toContain('**Policy file:**')
  })

  it('reads --images-file and applies overrides by repository (batch)', async () => {
    const list = path.join(dir, 'images.txt')
    await writeFile(list, `# deploy set\n${HOST}/payments-api:1\n${HOST}/tools-lint:1\n`)
    const report = path.join(dir, 'batch.json')
    const r = await cli(['check', '--images-file', list, '--policy', policyFile, '--report-file', report, '--quiet'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^FAIL {2}.*payments-api:1/m)
    expect(r.stdout).toMatch(/^PASS {2}.*tools-lint:1/m)
    const json = JSON.parse(await readFile(report, 'utf8')) as { batch: boolean; effectivePolicy: { groups: { overrides: number[] }[] } }
    expect(json.batch).toBe(true)
    expect(json.effectivePolicy.groups.map((g) => g.overrides)).toEqual([[0], []])
  })

  it('lets a flag override the policy file field by field', async () => {
    const r = await cli(['check', `${HOST}/payments-api:1`, '--policy', policyFile, '--max-high', '1', '--format', 'json'])
    expect(r.code, r.stderr).toBe(0)
    const json = JSON.parse(r.stdout) as { effectivePolicy: { groups: { sources: Record<string, string> }[] } }
    expect(json.effectivePolicy.groups[0]!.sources).toMatchObject({ 'max-high': 'input', 'max-critical': 'file' })
  })

  it('exits 3 when it cannot decide (AWS unreachable), with a fail verdict', async () => {
    const r = await cli(['check', `${HOST}/app:clean`, '--format', 'json', '--timeout', '20'], {
      AWS_ENDPOINT_URL_ECR: 'http://127.0.0.1:9',
      AWS_MAX_ATTEMPTS: '1'
    })
    expect(r.code).toBe(3)
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'fail' })
  })
})

describe('Ctrl-C', () => {
  it('stops the wait, writes what is known and exits 130', async () => {
    const report = path.join(dir, 'interrupted.json')
    let sent = false
    const r = await runCli(['check', `${HOST}/app:stuck`, '--report-file', report, '--debug'], {
      env: { ...emu.env },
      cwd: dir,
      onStderr: (text, child) => {
        // Once a poll has come back IN_PROGRESS, the gate is waiting: interrupt it.
        if (!sent && /Poll \d+ for .*IN_PROGRESS/.test(text)) {
          sent = true
          child.kill('SIGINT')
        }
      }
    })
    expect(sent).toBe(true)
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('Interrupted: stopping the wait')
    const json = JSON.parse(await readFile(report, 'utf8')) as { decision: string; reasons: string[] }
    expect(json).toMatchObject({ decision: 'fail', reasons: ['interrupted (Ctrl-C) before this image was judged'] })
  })
})

describe('the same policy through the Action and the CLI', () => {
  it('gives the same decisions, counts and reasons', async () => {
    const images = [`${HOST}/app:clean`, `${HOST}/app:critical`, `${HOST}/payments-api:1`, `${HOST}/tools-lint:1`]
    const reportFile = path.join(dir, 'action.json')
    const action = await runAction({
      inputs: { images: images.join('\n'), policy: policyFile, 'report-file': reportFile },
      env: { ...emu.env }
    })
    const cliReport = path.join(dir, 'cli.json')
    const viaCli = await cli(['check', ...images, '--policy', policyFile, '--report-file', cliReport, '--quiet'])
    expect(action.code).toBe(1)
    expect(viaCli.code).toBe(1)
    type Report = { decision: string; images: { decision: string; reasons: string[]; policy: { counts: unknown } }[] }
    const a = JSON.parse(await readFile(reportFile, 'utf8')) as Report
    const c = JSON.parse(await readFile(cliReport, 'utf8')) as Report
    const digest = (r: Report) => ({
      decision: r.decision,
      images: r.images.map((i) => ({ decision: i.decision, reasons: i.reasons, counts: i.policy.counts }))
    })
    expect(digest(c)).toEqual(digest(a))
    expect(a.images.map((i) => i.decision)).toEqual(['pass', 'fail', 'fail', 'pass'])
  })
})
