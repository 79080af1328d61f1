/**
 * The CI recipes of docs/cli.md, run as written against the emulator: the GitLab job's
 * before_script and script, the CodeBuild buildspec's build commands (and its exported variables),
 * the Jenkinsfile's `sh` step — each in bash with the job's variables, `npx --yes
 * ecr-deploy-gate@<version>` replaced by the freshly built CLI (the package test covers npx).
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startEmulator } from '../../emulator/server.mjs'
import { actionNode, cliEntry, repoRoot } from '../../emulator/run-action.mjs'
import { cleanImage, critical, enhancedScenario, HOST } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const doc = readFileSync(path.join(repoRoot, 'docs', 'cli.md'), 'utf8')

/** The fenced block after `<!-- recipe: name -->`. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(doc)
  if (m === null) throw new Error(`docs/cli.md has no recipe '${name}'`)
  return m[1]!
}

/** The recipe's commands with the published CLI replaced by the built one. */
function local(commands: string[]): string {
  const gate = `"${actionNode}" "${cliEntry}"`
  return commands.map((c) => c.replace(/npx --yes ecr-deploy-gate@[0-9.]+/g, gate)).join('\n')
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({
    scenario: enhancedScenario([
      cleanImage,
      {
        name: 'critical',
        repository: 'app',
        tags: ['critical'],
        platforms: [{ os: 'linux', architecture: 'amd64' }],
        scan: { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-0001')] }
      }
    ]),
    port: 0
  })
})
afterAll(async () => {
  await emu?.stop()
})

/** Runs a script in bash -e in a fresh folder holding gate.yml; returns the exit code and the folder. */
async function job(script: string, vars: Record<string, string>): Promise<{ code: number | null; dir: string; out: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gate-recipe-'))
  await writeFile(path.join(dir, 'gate.yml'), 'version: 1\nvulnerabilities:\n  max-critical: 0\n')
  const child = spawn('bash', ['-e', '-c', script], {
    cwd: dir,
    env: { PATH: `${path.dirname(actionNode)}:${process.env.PATH ?? ''}`, HOME: dir, ...emu.env, ...vars },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d))
  child.stderr.on('data', (d: Buffer) => (out += d))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, dir, out }
}

describe.concurrent('docs/cli.md recipes against the emulator', () => {
  it('GitLab CI: the container-scanning report and the JSON report; a blocked image fails the job', async () => {
    const spec = parse(recipe('gitlab')) as Record<
      string,
      { image: string; before_script: string[]; script: string[]; artifacts: { reports: { container_scanning: string }; paths: string[] } }
    >
    const gate = spec['ecr-deploy-gate']!
    expect(gate.image).toBe('node:24')
    const script = `${local(gate.before_script)}\n${local(gate.script)}`
    const vars = { AWS_WEB_IDENTITY_TOKEN_FILE: '/dev/null', AWS_ID_TOKEN: '' }
    const ok = await job(script.replace('> "$AWS_WEB_IDENTITY_TOKEN_FILE"', '> /dev/null'), { ...vars, IMAGE: `${HOST}/app:clean` })
    expect(ok.code, ok.out).toBe(0)
    const gl = JSON.parse(await readFile(path.join(ok.dir, gate.artifacts.reports.container_scanning), 'utf8')) as {
      scan: { type: string }
    }
    expect(gl.scan.type).toBe('container_scanning')
    expect(JSON.parse(await readFile(path.join(ok.dir, gate.artifacts.paths[0]!), 'utf8'))).toMatchObject({ decision: 'pass' })
    const blocked = await job(script.replace('> "$AWS_WEB_IDENTITY_TOKEN_FILE"', '> /dev/null'), { ...vars, IMAGE: `${HOST}/app:critical` })
    expect(blocked.code).toBe(1)
    const glBlocked = JSON.parse(await readFile(path.join(blocked.dir, gate.artifacts.reports.container_scanning), 'utf8')) as {
      vulnerabilities: { severity: string }[]
    }
    expect(glBlocked.vulnerabilities.map((v) => v.severity)).toEqual(['Critical'])
  })

  it('CodeBuild: the build commands export the pinned URI and the decision; a blocked image fails the build', async () => {
    const spec = parse(recipe('codebuild')) as { env: { 'exported-variables': string[] }; phases: { build: { commands: string[] } } }
    const exported = spec.env['exported-variables']
    const script = `${local(spec.phases.build.commands)}\n${exported.map((v) => `echo "${v}=$${v}"`).join('\n')}`
    const ok = await job(script, { IMAGE: `${HOST}/app:clean` })
    expect(ok.code, ok.out).toBe(0)
    expect(ok.out).toContain(`IMAGE_URI=${HOST}/app@${emu.images.clean!.digest}`)
    expect(ok.out).toContain('GATE_DECISION=pass')
    const blocked = await job(script, { IMAGE: `${HOST}/app:critical` })
    expect(blocked.code).toBe(1)
    expect(blocked.out).not.toContain('IMAGE_URI=')
  })

  it('Jenkins: the sh step writes the JSON report and SARIF', async () => {
    const steps = [...recipe('jenkins').matchAll(/^\s*sh '(.+)'$/gm)].map((m) => m[1]!)
    expect(steps).toHaveLength(1)
    const image = /IMAGE = '([^']+)'/.exec(recipe('jenkins'))
    expect(image).not.toBeNull()
    const ok = await job(local(steps), { IMAGE: `${HOST}/app:clean` })
    expect(ok.code, ok.out).toBe(0)
    expect(JSON.parse(await readFile(path.join(ok.dir, 'ecr-deploy-gate-report.json'), 'utf8'))).toMatchObject({ decision: 'pass' })
    expect(JSON.parse(await readFile(path.join(ok.dir, 'ecr-deploy-gate.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' })
  })
})
