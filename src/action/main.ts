/**
 * The GitHub Actions adapter: inputs → `GateRequest`, run the engine, then the `RunResult` → report
 * files, outputs, the job summary and the exit status. The only `setFailed`. Business rules live in
 * core/ and below; this file knows the runner.
 */
import { AwsSession } from '../aws/clients.js'
import { errorMessage } from '../core/errors.js'
import type { Logger } from '../core/ports.js'
import { realSleep } from '../core/ports.js'
import type { RunResult } from '../core/types.js'
import type { SummaryInput } from './reporting.js'
import type { AttestationApi } from '../checks/attestation/index.js'
import { blockedText, failedImageLines, failsJob, failureText } from './failure.js'
import { readSettings, referencesOf, requestedReferences, requestedReportFile, type Settings } from './inputs.js'
import { planRun, runPlan, type RunPlan } from './plan.js'
import { commands as log, getInput, loadCore, preloadCore, preloadCoreOnReusedConnection } from './runner.js'

type Reporting = typeof import('./reporting.js')

let reporting: Promise<Reporting> | undefined

/**
 * The report, summary and outputs code (`reporting.ts`), a chunk of its own: loaded on first use, or
 * ahead of it by `preloadReporting()` while the run waits for AWS.
 */
function loadReporting(): Promise<Reporting> {
  reporting ??= import('./reporting.js')
  return reporting
}

/** Starts loading the reporting chunk; a failure shows where it is used. */
function preloadReporting(): void {
  loadReporting().catch(() => {})
}

/** What the run loads while it waits anyway: `@actions/core` and the reporting chunk. */
function preloadAfterStart(): void {
  preloadCore()
  preloadReporting()
}

/** `Logger` bound to the Actions runner. */
export const actionsLogger: Logger = {
  debug: (m) => log.debug(m),
  info: (m) => log.info(m),
  warning: (m) => log.warning(m),
  setSecret: (s) => log.setSecret(s),
  group: (name, fn) => log.group(name, fn)
}

/**
 * A `Logger` for one image of a batch. Images run concurrently, so Actions log groups (which cannot
 * nest or interleave) become prefixed lines instead, and every line names its image.
 */
function imageLogger(prefix: string): Logger {
  return {
    debug: (m) => log.debug(`${prefix} ${m}`),
    info: (m) => log.info(`${prefix} ${m}`),
    warning: (m) => log.warning(`${prefix} ${m}`),
    setSecret: (s) => log.setSecret(s),
    group: async (name, fn) => {
      log.info(`${prefix} ${name}`)
      return fn()
    }
  }
}

/** Runs the action. Never throws: every failure ends in `setFailed` with a reason a person can act on. */
export async function run(): Promise<void> {
  let settings: Settings | undefined
  let plan: RunPlan | undefined
  let result: RunResult | undefined
  let failure: string | undefined
  // A failure of the run after its verdicts (the report could not be written): it blocks the deploy too.
  let failedAfter: string | undefined
  let reportFile: string | undefined
  // `@actions/core` (the outputs, the failure) loads while an AWS call on a kept-alive connection is awaited.
  preloadCoreOnReusedConnection(preloadAfterStart)
  try {
    // The policy file, the settings (inline inputs over the file), overrides by repository and every
    // file they name, all read before any AWS call.
    plan = await planRun((name) => getInput(name), process.env)
    settings = plan.settings
    reportFile = settings.reportFile
    // Masked before anything is logged: the debug lines below print every setting.
    if (settings.githubToken !== undefined) log.setSecret(settings.githubToken)
    for (const [key, value] of Object.entries(settings)) log.debug(`${key}: ${key === 'githubToken' ? '(set)' : JSON.stringify(value)}`)

    // One session: each service's client is created per region on first use, with its timeouts.
    const session = new AwsSession()
    result = await runPlan(plan, {
      clientsFor: (region) => session.forRegion(region),
      now: () => Date.now(),
      // Or at the first wait, whichever comes first.
      sleep: (ms, signal) => {
        preloadAfterStart()
        return realSleep(ms, signal)
      },
      log: actionsLogger,
      logFor: imageLogger,
      ...(settings.attestation?.source.kind === 'api' ? { attestationApi: attestationApiFor(settings.githubToken) } : {}),
      describeError: (error) => {
        if (error instanceof Error && error.stack) log.debug(error.stack)
        return failureText(error)
      }
    })

    const report = await loadReporting()
    try {
      await report.writeRunReport(result, plan, settings.reportFile)
      // SARIF only when asked for: with tens of thousands of findings it is a second large tree.
      if (settings.sarifFile) await report.writeRunSarif(result, settings.sarifFile)
    } catch (error) {
      // The verdicts stand, but a report that could not be written must fail an otherwise passing run.
      failedAfter = `Could not write the report: ${errorMessage(error)}`
    }
    const core = await loadCore()
    report.setRunOutputs(core.setOutput, result, settings.reportFile, failedAfter !== undefined)

    const blocked = blockedText(result)
    if (blocked !== undefined && result.batch) {
      // One annotation per failed image, each naming its image; the job's failure is one short line.
      for (const line of failedImageLines(result)) (failsJob(result) ? log.error : log.warning)(line)
    }
    if (blocked !== undefined && failsJob(result)) failure = blocked
    else if (blocked !== undefined) log.warning(`Audit mode, not failing the job. ${blocked}`)
    else log.info(result.batch ? `Deploy allowed: ${result.images.length} images` : `Deploy allowed: ${uriOf(result)}`)
    if (failedAfter !== undefined) failure = failure ?? failedAfter
  } catch (error) {
    // Stopped before any verdict: bad input, a policy file that cannot be read.
    failure = failureText(error)
    if (error instanceof Error && error.stack) log.debug(error.stack)
    // A bad input still gets its report, so an `if: always()` upload finds one: the report file is
    // read on its own (it is only a path), and the images asked for as far as they can be read. A bad
    // policy file stops the plan; the inline inputs alone may still hold the settings.
    if (settings === undefined) settings = settingsOrUndefined()
    const input = (name: string): string => getInput(name)
    reportFile = settings?.reportFile ?? requestedReportFile(input, process.env)
    try {
      const report = await loadReporting()
      report.setErrorOutputs(
        (await loadCore()).setOutput,
        failure,
        settings ? referencesOf(settings) : requestedReferences(input),
        reportFile
      )
      if (reportFile !== undefined) await report.writeErrorReport(reportFile, failure)
    } catch (writeError) {
      // The job fails with `failure` all the same (below); only the report and the outputs are missing.
      log.warning(`Could not write the report: ${errorMessage(writeError)}`)
    }
  } finally {
    if (settings?.summary !== false)
      await writeSummary({ result, failure, failedAfter, reportFile: reportFile ?? settings?.reportFile, plan })
    if (failure !== undefined) await setFailed(failure)
  }
}

/**
 * The GitHub attestations API client for build provenance, at GITHUB_API_URL. Its code (Octokit and
 * its HTTP client) is loaded on the first listing, off the start-up path of the runs that never need it.
 */
function attestationApiFor(token: string | undefined): AttestationApi {
  let api: Promise<AttestationApi> | undefined
  const load = async (): Promise<AttestationApi> =>
    (await import('../github/attestations.js')).githubAttestationApi({
      token: token ?? '',
      ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
      log: actionsLogger,
      sleep: realSleep,
      now: () => Date.now()
    })
  return {
    list: async (scope, digest, predicateType, options) => {
      api ??= load()
      return (await api).list(scope, digest, predicateType, options)
    }
  }
}

/** `core.setFailed`; should `@actions/core` not load (a broken bundle), the job still fails with the reason. */
async function setFailed(message: string): Promise<void> {
  try {
    ;(await loadCore()).setFailed(message)
  } catch {
    process.exitCode = 1
    log.error(message)
  }
}

/** The inline inputs' settings, or undefined when they do not validate on their own. */
function settingsOrUndefined(): Settings | undefined {
  try {
    return readSettings((name) => getInput(name), process.env)
  } catch {
    return undefined
  }
}

function uriOf(result: RunResult): string {
  const only = result.images[0]
  return only !== undefined && 'verdict' in only ? only.verdict.image.uri : ''
}

/**
 * Written in `finally`, from the final outcome (`reporting.ts`). A summary that cannot be written,
 * its code included, is only a warning (STYLE.md).
 */
async function writeSummary(input: SummaryInput): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  try {
    await (await loadReporting()).writeSummary(file, input, actionsLogger)
  } catch (error) {
    log.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
