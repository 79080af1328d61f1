// Process plumbing of the benchmark suite: runs dist/index.js as the GitHub Actions runner does
// (through the shared emulator/run-action.mjs) and the AWS CLI script a user would write, and puts
// every timestamp on the emulator's clock so spawn, calls and exit can be compared.
import { spawn } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { runAction } from '../emulator/run-action.mjs'

export { repoRoot as root } from '../emulator/run-action.mjs'

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

/** A bound on one gate run, far above any case's scan-timeout, so a hung run cannot stall the suite. */
const GATE_TIMEOUT_MS = 300_000

/**
 * Runs dist/index.js once against an emulator, as the runner does (emulator/run-action.mjs), with
 * spawn and exit on the emulator's clock.
 * @param {object} o
 * @param {{ env: Record<string, string> }} o.emu
 * @param {() => number} o.clock  emulator clock
 * @param {Record<string, string>} o.inputs  action inputs by their action.yml names
 * @param {string} o.dir  scratch directory for this run
 * @param {boolean} [o.measure]  record the child's peak RSS and CPU time (`stats`)
 * @param {(spawnT: number) => void} [o.onSpawn]
 * @returns {Promise<import('../emulator/run-action.d.mts').ActionRun>}
 */
export function runGate({ emu, clock, inputs, dir, measure = false, onSpawn }) {
  return runAction({ inputs, env: emu.env, dir, measure, clock, onSpawn, timeoutMs: GATE_TIMEOUT_MS })
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
  const child = spawn('bash', ['-c', cliScript({ repository, tag, url: emu.url })], {
    env,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
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
