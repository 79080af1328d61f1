/**
 * The command-line adapter, `ecr-deploy-gate`: argv, environment and the policy file → the same
 * plan the Action makes (`planRun`), the engine's `RunResult` → stdout, files and the exit code.
 * Business rules live in core/ and below; this file knows the terminal.
 *
 * Exit codes: 0 every image passed (or `--mode audit`), 1 an image failed, 2 bad usage or input
 * (before any AWS call), 3 the gate could not decide (AWS unreachable, an image that could not be
 * gated: still a `fail` verdict in the report), 130 interrupted (Ctrl-C; what was known is written).
 */
import { readFile } from 'node:fs/promises'
import { Command, CommanderError, Option } from 'commander'
import { AwsSession } from '../aws/clients.js'
import { errorMessage, SettingError } from '../core/errors.js'
import { realSleep } from '../core/ports.js'
import { Setting, type SettingKey } from '../core/settings.js'
import type { RunResult } from '../core/types.js'
import { failureText } from '../action/failure.js'
import { readList } from '../action/inputs.js'
import { effectivePolicyOf, planRun, policyOf, runPlan, type RunPlan } from '../action/plan.js'
import {
  renderErrorReport,
  renderErrorSarif,
  renderErrorSummary,
  renderRunReport,
  renderRunSarif,
  renderRunSummary,
  TOOL,
  writeReportFile
} from '../report/index.js'
import { renderEffectivePolicySummary, withEffectivePolicy } from '../report/effective-policy.js'
import { renderGitlabErrorReport, renderGitlabReport } from '../report/gitlab.js'
import { renderRunText } from '../report/text.js'
import { StatusDisplay } from './status.js'
import { registerVerifyBundle } from './verify-bundle.js'

/** The exit codes, documented in docs/cli.md. */
export const ExitCode = { Pass: 0, Fail: 1, Usage: 2, Undecided: 3, Interrupted: 130 } as const

/** What the CLI touches: injectable so tests drive it in-process. */
export interface CliIo {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
  env: NodeJS.ProcessEnv
  /** Ctrl-C: the CLI listens on it while a run is in flight. */
  onInterrupt?: (handler: () => void) => () => void
}

const FORMATS = ['text', 'json', 'markdown', 'sarif', 'gitlab'] as const
type Format = (typeof FORMATS)[number]

/** Settings that take a value; the boolean ones also work as bare flags (`--ignore-unfixed`). */
const BOOLEAN_SETTINGS = new Set<SettingKey>([Setting.IgnoreUnfixed, Setting.ExploitableOnly, Setting.StartScan, Setting.FailFast])

/** Action inputs with no meaning on a command line: `summary` is the job summary (use `--summary-file`). */
const NOT_FLAGS = new Set<SettingKey>([Setting.Summary])

/** One line for each setting's flag; the README's inputs table has the long form. */
const HELP: Partial<Record<SettingKey, string>> = {
  [Setting.Policy]: 'policy file (YAML or JSON, version: 1); flags override it field by field',
  [Setting.Region]: 'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION)',
  [Setting.SeverityThreshold]: 'lowest severity that counts: CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL',
  [Setting.ReportFile]: 'write the JSON report to FILE',
  [Setting.SarifFile]: 'write SARIF to FILE',
  [Setting.Mode]: 'enforce (a failed image fails the command) or audit (exit 0, same report)'
}

/** `Invalid input for 'x'` / `input 'x'` → the CLI's words (`--x`). */
export function cliText(error: unknown): string {
  return failureText(error)
    .replace(/Invalid input for '([a-z-]+)'/g, 'Invalid value for --$1')
    .replace(/\b[Ii]nputs? '([a-z-]+)'/g, '--$1')
    .replace(/'([a-z][a-z-]+)' input/g, '--$1')
}

function color(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb'
}

interface CheckOptions extends Record<string, unknown> {
  imagesFile?: string
  format?: Format[]
  output?: string[]
  summaryFile?: string
  profile?: string
  quiet?: boolean
  debug?: boolean
}

/** Builds the reader the plan reads settings through, from the flags and positional images. */
async function inputsOf(images: string[], options: CheckOptions, command: Command): Promise<Record<string, string>> {
  const inputs: Record<string, string> = {}
  for (const key of Object.values(Setting)) {
    if (NOT_FLAGS.has(key)) continue
    const value = command.getOptionValue(camel(key)) as unknown
    if (value === undefined) continue
    inputs[key] =
      value === true
        ? 'true'
        : typeof value === 'string'
          ? value
          : Array.isArray(value)
            ? value.map((v) => `${v}`).join(',')
            : JSON.stringify(value)
  }
  const listed = [...images]
  if (options.imagesFile !== undefined) {
    let text: string
    try {
      text = await readFile(options.imagesFile, 'utf8')
    } catch (error) {
      throw new SettingError(Setting.Images, `Invalid value for --images-file: cannot read ${options.imagesFile}: ${errorMessage(error)}`)
    }
    listed.push(...readList(text))
  }
  if (listed.length > 0 && (inputs[Setting.Image] !== undefined || inputs[Setting.Images] !== undefined)) {
    throw new SettingError(Setting.Images, 'Give the images either as arguments (or --images-file) or with --image/--images, not both')
  }
  if (
    listed.length === 0 &&
    inputs[Setting.Image] === undefined &&
    inputs[Setting.Images] === undefined &&
    inputs[Setting.Repository] === undefined
  ) {
    throw new SettingError(Setting.Images, 'No image to gate: give full ECR image references as arguments, or --images-file FILE')
  }
  if (listed.length === 1 && options.imagesFile === undefined) inputs[Setting.Image] = listed[0]!
  else if (listed.length > 0) inputs[Setting.Images] = listed.join('\n')
  return inputs
}

function camel(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
}

/** Pairs each `--format` with the `--output` at the same place (none: stdout). */
function outputsOf(options: CheckOptions): { format: Format; file?: string }[] {
  const formats = options.format ?? []
  const files = options.output ?? []
  if (files.length > formats.length) {
    throw new SettingError(
      Setting.ReportFile,
      `Invalid value for --output: each --output belongs to the --format before it; got ${files.length} --output for ${formats.length} --format`
    )
  }
  const list = formats.length > 0 ? formats : ['text' as const]
  const pairs = list.map((format, i) => (files[i] !== undefined ? { format, file: files[i] } : { format }))
  if (pairs.filter((p) => p.file === undefined).length > 1) {
    throw new SettingError(
      Setting.ReportFile,
      'Invalid value for --format: only one format can go to stdout; give the others an --output FILE'
    )
  }
  return pairs
}

/** Renders one format of a run. */
function render(format: Format, result: RunResult, plan: RunPlan, times: { start: Date; end: Date }, tty: boolean): string {
  const effective = effectivePolicyOf(plan)
  switch (format) {
    case 'text':
      return renderRunText(result, { color: tty })
    case 'json':
      return `${JSON.stringify(withEffectivePolicy(renderRunReport(result, policyOf(plan), { now: times.end }), effective), null, 2)}\n`
    case 'markdown': {
      const policy = renderEffectivePolicySummary(effective)
      const summary = renderRunSummary(result, { policy: policyOf(plan) })
      return policy !== '' ? `${summary}\n${policy}` : summary
    }
    case 'sarif':
      return `${JSON.stringify(renderRunSarif(result) ?? { version: '2.1.0', runs: [] }, null, 2)}\n`
    case 'gitlab':
      return `${JSON.stringify(renderGitlabReport(result, times), null, 2)}\n`
  }
}

/**
 * A format's account of a run that could not start (bad input, an invalid policy file): json the
 * error report, markdown the blocked summary, sarif a failed invocation, gitlab a failed scan, and
 * text the message (already on stderr, so nothing more when text goes to stdout).
 */
function renderError(format: Format, reason: string, times: { start: Date; end: Date }, toStdout: boolean): string | undefined {
  switch (format) {
    case 'text':
      return toStdout ? undefined : `error: ${reason}\n`
    case 'json':
      return `${JSON.stringify(renderErrorReport(reason, times.end), null, 2)}\n`
    case 'markdown':
      return renderErrorSummary(reason, {})
    case 'sarif':
      return `${JSON.stringify(renderErrorSarif(reason, times), null, 2)}\n`
    case 'gitlab':
      return `${JSON.stringify(renderGitlabErrorReport(reason, times), null, 2)}\n`
  }
}

/** The outputs named by their own flags: `--report-file` (json), `--sarif-file`, `--summary-file` (markdown). */
function fileOutputs(options: CheckOptions, command: Command): { format: Format; file: string }[] {
  const files: { format: Format; file: string }[] = []
  const reportFile = command.getOptionValue('reportFile') as string | undefined
  const sarifFile = command.getOptionValue('sarifFile') as string | undefined
  if (reportFile !== undefined) files.push({ format: 'json', file: reportFile })
  if (sarifFile !== undefined) files.push({ format: 'sarif', file: sarifFile })
  if (options.summaryFile !== undefined) files.push({ format: 'markdown', file: options.summaryFile })
  return files
}

/** Writes each output's error form; one that cannot be written is named on stderr, the others still go. */
async function writeErrorOutputs(
  outputs: { format: Format; file?: string }[],
  reason: string,
  times: { start: Date; end: Date },
  io: CliIo
): Promise<void> {
  for (const o of outputs) {
    const text = renderError(o.format, reason, times, o.file === undefined)
    if (text === undefined) continue
    if (o.file === undefined) io.stdout.write(text)
    else {
      try {
        await writeReportFile(o.file, text)
      } catch (error) {
        io.stderr.write(`error: could not write the ${o.format} output to ${o.file}: ${errorMessage(error)}\n`)
      }
    }
  }
}

/** `ecr-deploy-gate check`: gates the images, writes the formats asked for, returns the exit code. */
async function check(images: string[], options: CheckOptions, command: Command, io: CliIo): Promise<number> {
  const start = new Date()
  let outputs: { format: Format; file?: string }[] = []
  let plan: RunPlan
  try {
    outputs = outputsOf(options)
    const inputs = await inputsOf(images, options, command)
    if (options.profile !== undefined) io.env.AWS_PROFILE = options.profile
    plan = await planRun((name) => inputs[name] ?? '', io.env)
  } catch (error) {
    const text = cliText(error)
    io.stderr.write(`error: ${text}\n`)
    if (options.debug === true && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    // Every output asked for still gets the failure in its own shape, so a pipeline that reads it sees why.
    await writeErrorOutputs([...outputs, ...fileOutputs(options, command)], text, { start, end: new Date() }, io)
    return error instanceof SettingError ? ExitCode.Usage : ExitCode.Undecided
  }

  const refs = plan.settings.images.map((i) => i.reference)
  const display = new StatusDisplay(refs, {
    live: io.stderr.isTTY === true && options.quiet !== true,
    quiet: options.quiet === true,
    debug: options.debug === true,
    color: color(io.stderr, io.env),
    stream: io.stderr
  })
  const stop = new AbortController()
  const unlisten = io.onInterrupt?.(() => {
    display.line('Interrupted: stopping the wait and writing what is known (Ctrl-C again to quit at once)', 'warning')
    stop.abort(new Error('interrupted (Ctrl-C)'))
  })
  let result: RunResult
  try {
    const session = new AwsSession({ env: io.env })
    result = await runPlan(plan, {
      clientsFor: (region) => session.forRegion(region),
      now: () => Date.now(),
      sleep: realSleep,
      log: plan.settings.batch ? display.loggerFor(-1) : display.loggerFor(0),
      logFor: (prefix) => {
        const m = /^\[(\d+)\//.exec(prefix)
        return display.loggerFor(m !== null ? Number(m[1]) - 1 : -1, prefix)
      },
      describeError: (error) => {
        if (options.debug === true && error instanceof Error && error.stack) display.line(error.stack, 'debug')
        return cliText(error)
      },
      stop: stop.signal
    })
  } finally {
    unlisten?.()
  }
  result.images.forEach((o, i) => {
    const detail = 'error' in o ? o.error : o.verdict.decision === 'pass' ? o.verdict.image.uri : (o.verdict.reasons[0] ?? '')
    display.decided(i, 'verdict' in o ? o.verdict.decision : 'fail', detail)
  })
  display.stop()

  const end = new Date()
  const tty = color(io.stdout, io.env)
  let wrote = true
  for (const o of [...outputs, ...fileOutputs(options, command)]) {
    const text = render(o.format, result, plan, { start, end }, o.file === undefined && tty)
    if (o.file === undefined) io.stdout.write(text)
    else {
      try {
        await writeReportFile(o.file, text)
      } catch (error) {
        wrote = false
        io.stderr.write(`error: could not write the ${o.format} output to ${o.file}: ${errorMessage(error)}\n`)
      }
    }
  }
  if (stop.signal.aborted) return ExitCode.Interrupted
  if (!wrote || result.images.some((o) => 'error' in o)) return ExitCode.Undecided
  if (result.decision === 'fail' && result.mode !== 'audit') return ExitCode.Fail
  return ExitCode.Pass
}

/** The program: `check`, `verify-bundle`, `--help`, `--version`. */
export function program(io: CliIo, exit: { code: number }): Command {
  const root = new Command('ecr-deploy-gate')
    .description('Gate a deploy on Amazon ECR images: scan findings, signatures and repository posture, one verdict per image.')
    .version(TOOL.version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText(
      'after',
      `
Examples:
  ecr-deploy-gate check 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2 --policy gate.yml
  ecr-deploy-gate check --images-file images.txt --format json --output report.json --format gitlab --output gl-container-scanning-report.json
  ecr-deploy-gate verify-bundle --bundle a.sigstore.json --key key.pub a.txt

Exit codes: 0 pass, 1 fail, 2 bad usage or input, 3 could not decide, 130 interrupted.`
    )

  const cmd = root
    .command('check')
    .description('Gate one or more images (full ECR references) and print the verdicts.')
    .argument('[images...]', 'full ECR image references (<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:…)')
    .option('--images-file <file>', 'read image references from FILE, one per line (# comments allowed)')
    .addOption(
      new Option('--format <format>', 'output format; repeat for several, each with its own --output')
        .choices(FORMATS)
        .argParser(collect<Format>)
    )
    .addOption(new Option('--output <file>', 'write the --format before it to FILE (default: stdout)').argParser(collect<string>))
    .option('--summary-file <file>', 'write the markdown summary to FILE')
    .option('--profile <name>', 'AWS profile of the shared config files (SSO profiles too); default: the standard credential chain')
    .option('-q, --quiet', 'print only the result and warnings, no progress')
    .option('--debug', 'print debug lines and stack traces')
  for (const key of Object.values(Setting)) {
    if (NOT_FLAGS.has(key)) continue
    const flag = BOOLEAN_SETTINGS.has(key) ? `--${key} [true|false]` : `--${key} <value>`
    cmd.option(flag, HELP[key] ?? `the setting '${key}' (the Action input of the same name)`)
  }
  cmd.addHelpText(
    'after',
    `
Examples:
  ecr-deploy-gate check 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2
  ecr-deploy-gate check --policy gate.yml --max-critical 0 --images-file images.txt --format json --output report.json
  ecr-deploy-gate check IMAGE --format gitlab --output gl-container-scanning-report.json --format text

Every setting is a flag of the same name as the Action's input; a flag overrides the policy file.
AWS credentials come from the standard chain (environment, --profile / AWS_PROFILE, SSO, instance and container roles).`
  )
  cmd.action(async (images: string[], options: CheckOptions, command: Command) => {
    exit.code = await check(images, options, command, io)
  })
  registerVerifyBundle(root, io, exit)
  return root
}

function collect<T extends string>(value: string, previous: T[] | undefined): T[] {
  return [...(previous ?? []), value as T]
}

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const exit = { code: ExitCode.Pass as number }
  const root = program(io, exit)
  if (argv.length === 0) {
    root.outputHelp({ error: true })
    return ExitCode.Usage
  }
  try {
    await root.parseAsync(argv, { from: 'user' })
    return exit.code
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help')
        return ExitCode.Pass
      return ExitCode.Usage
    }
    io.stderr.write(`error: ${errorMessage(error)}\n`)
    if (argv.includes('--debug') && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`)
    return ExitCode.Undecided
  }
}
