/**
 * Runs the bundled action (`node dist/index.js`) the way the Actions runner does: INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and the AWS_ENDPOINT_URL_* variables
 * pointing at the local emulator.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const distEntry = path.join(repoRoot, 'dist', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  dir: string
  /** Parsed JSON report, when one was written. */
  report?: Record<string, unknown>
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter\nvalue\ndelimiter`). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!m) continue
    const [, name = '', delimiter] = m
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name] = value.join('\n')
  }
  return outputs
}

/** Runs dist/index.js with the given inputs and environment; resolves when it exits. */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string | undefined>,
  options: { timeoutMs?: number; entry?: string } = {}
): Promise<ActionRun> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gate-e2e-'))
  const outputFile = path.join(dir, 'output.txt')
  const summaryFile = path.join(dir, 'summary.md')
  const childEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true'
  }
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  for (const [k, v] of Object.entries(inputs)) childEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  const { writeFile } = await import('node:fs/promises')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')

  const child = spawn(process.execPath, [options.entry ?? distEntry], { env: childEnv, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timeoutMs = options.timeoutMs ?? 60_000
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('close', (c) => {
      clearTimeout(timer)
      resolve(c)
    })
  })
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const summary = await readFile(summaryFile, 'utf8')
  const run: ActionRun = { code, stdout, stderr, outputs, summary, dir }
  const reportPath = outputs['report-file']
  if (reportPath) {
    try {
      run.report = JSON.parse(await readFile(reportPath, 'utf8')) as Record<string, unknown>
    } catch {
      // no report written: the test asserts on that where it matters
    }
  }
  return run
}
