// Process plumbing of the benchmark suite: runs dist/index.js as the GitHub Actions runner does
// (INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, AWS_ENDPOINT_URL_* pointing at the
// emulator) and the AWS CLI script a user would write, and puts every timestamp on the emulator's
// clock so spawn, calls and exit can be compared.
import { spawn } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

/** Repository root (bench/..). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const NO_SUCH_DIGEST = `sha256:${'0'.repeat(64)}`

/**
 * Returns a function that gives "now" on the emulator's clock (ms since it started, the unit of
 * `calls[].t`). The emulator runs in this process and uses performance.now(); asking it for its
 * current time (completeScanNow on a digest it does not know only returns the time) gives the offset.
 * @param {{ completeScanNow(digest: string): number }} emu
 * @returns {() => number}
 */
export function emulatorClock(emu) {
  const before = performance.now()
  const t = emu.completeScanNow(NO_SUCH_DIGEST)
  const after = performance.now()
  const offset = (before + after) / 2 - t
  return () => performance.now() - offset
}

/**
 * Parses the GITHUB_OUTPUT file (`name<<DELIM` blocks).
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputs(text) {
  /** @type {Record<string, string>} */
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!m) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[/** @type {string} */ (m[1])] = value.join('\n')
  }
  return out
}

/**
 * @typedef {object} ActionRun
 * @property {number|null} code
 * @property {number} spawnT  emulator clock at spawn
 * @property {number} closeT  emulator clock at the child's 'close' event
 * @property {Record<string, string>} outputs
 * @property {number} summaryBytes
 * @property {{ maxRssBytes: number, cpuUserUs: number, cpuSystemUs: number } | undefined} stats
 * @property {string} log
 */

/**
 * Runs dist/index.js once against an emulator.
 * @param {object} o
 * @param {{ env: Record<string, string> }} o.emu
 * @param {() => number} o.clock  emulator clock
 * @param {Record<string, string>} o.inputs  action inputs by their action.yml names
 * @param {string} o.dir  scratch directory for this run
 * @param {boolean} [o.measure]  run through bench/gate-wrapper.mjs to record peak RSS and CPU
 * @param {(spawnT: number) => void} [o.onSpawn]
 * @returns {Promise<ActionRun>}
 */
export async function runAction({ emu, clock, inputs, dir, measure = false, onSpawn }) {
  await mkdir(dir, { recursive: true })
  const outputFile = path.join(dir, 'outputs.txt')
  const summaryFile = path.join(dir, 'summary.md')
  const statsFile = path.join(dir, 'stats.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    ...emu.env,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true'
  }
  if (measure) env.BENCH_STATS_FILE = statsFile
  // The runner keeps hyphens in input variable names (INPUT_SCAN-TIMEOUT).
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const script = measure ? path.join(root, 'bench', 'gate-wrapper.mjs') : path.join(root, 'dist', 'index.js')
  let log = ''
  const spawnT = clock()
  const child = spawn(process.execPath, [script], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  onSpawn?.(spawnT)
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c) => resolve(c))
  })
  const closeT = clock()
  const outputs = parseOutputs(await readFile(outputFile, 'utf8'))
  const summaryBytes = (await stat(summaryFile)).size
  let stats
  if (measure) stats = JSON.parse(await readFile(statsFile, 'utf8').catch(() => 'null')) ?? undefined
  return { code: /** @type {number|null} */ (code), spawnT, closeT, outputs, summaryBytes, stats, log }
}

/**
 * The script a user writes today with the AWS CLI: wait for the scan, then read the CRITICAL count.
 * @param {{ repository: string, tag: string, url: string }} o
 * @returns {string}
 */
export function cliScript({ repository, tag, url }) {
  return [
    'set -euo pipefail',
    `aws ecr wait image-scan-complete --repository-name '${repository}' --image-id 'imageTag=${tag}' --endpoint-url '${url}'`,
    `critical=$(aws ecr describe-image-scan-findings --repository-name '${repository}' --image-id 'imageTag=${tag}' --endpoint-url '${url}' --query 'imageScanFindings.findingSeverityCounts.CRITICAL' --output text)`,
    'if [ "$critical" != "None" ] && [ "$critical" -gt 0 ]; then echo "blocked: $critical CRITICAL finding(s)"; exit 1; fi',
    'echo "passed"'
  ].join('\n')
}

/**
 * Whether `aws --version` works here.
 * @returns {Promise<string|undefined>}  the version line, or undefined
 */
export async function awsCliVersion() {
  return new Promise((resolve) => {
    let out = ''
    const child = spawn('aws', ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('error', () => resolve(undefined))
    child.on('close', (code) => resolve(code === 0 ? out.trim().split('\n')[0] : undefined))
  })
}

/**
 * Runs the AWS CLI script as a bash child process; kills its process group after `timeoutMs`.
 * @param {object} o
 * @param {{ url: string, scenario: { region: string } }} o.emu
 * @param {() => number} o.clock
 * @param {string} o.repository
 * @param {string} o.tag
 * @param {string} o.dir
 * @param {number} [o.timeoutMs]
 * @returns {Promise<{ code: number|null, finished: boolean, spawnT: number, closeT: number, log: string }>}
 */
export async function runCli({ emu, clock, repository, tag, dir, timeoutMs = 120000 }) {
  await mkdir(dir, { recursive: true })
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: emu.scenario.region,
    // Keep any local AWS configuration out of the measurement.
    AWS_CONFIG_FILE: path.join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: ''
  }
  let log = ''
  const spawnT = clock()
  const child = spawn('bash', ['-c', cliScript({ repository, tag, url: emu.url })], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  child.stdout.on('data', (d) => (log += d))
  child.stderr.on('data', (d) => (log += d))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    // Only the process group this function started.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
  }, timeoutMs)
  const code = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c) => resolve(c))
  })
  clearTimeout(timer)
  return { code: /** @type {number|null} */ (code), finished: !timedOut, spawnT, closeT: clock(), log }
}
