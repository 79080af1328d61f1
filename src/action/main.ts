/**
 * The GitHub Actions adapter: inputs → `GateRequest`, run the engine, then the `RunResult` → report
 * files, outputs, the job summary and the exit status. The only `setFailed`. Business rules live in
 * core/ and below; this file knows the runner.
 */
import * as core from '@actions/core'
import { AwsSession } from '../aws/clients.js'
import { errorMessage } from '../core/errors.js'
import type { Logger } from '../core/ports.js'
import { realSleep } from '../core/ports.js'
import type { RunResult } from '../core/types.js'
import {
  renderErrorReport,
  renderErrorSummary,
  renderRunReport,
  renderRunSarif,
  renderRunSummary,
  runContextFromEnv,
  writeJsonFile,
  writeReportFile
} from '../report/index.js'
import type { AttestationApi } from '../checks/attestation/index.js'
import { renderEffectivePolicySummary, withEffectivePolicy } from '../report/effective-policy.js'
import { blockedText, failedImageLines, failsJob, failureText } from './failure.js'
import { readSettings, referencesOf, requestedReferences, requestedReportFile, type Settings } from './inputs.js'
import { effectivePolicyOf, planRun, policyOf, runPlan, type RunPlan } from './plan.js'
import { setErrorOutputs, setRunOutputs } from './outputs.js'

/** `Logger` bound to the Actions runner. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  setSecret: (s) => core.setSecret(s),
  group: (name, fn) => core.group(name, fn)
}

/**
 * A `Logger` for one image of a batch. Images run concurrently, so Actions log groups (which cannot
 * nest or interleave) become prefixed lines instead, and every line names its image.
 */
function imageLogger(prefix: string): Logger {
  return {
    debug: (m) => core.debug(`${prefix} ${m}`),
    info: (m) => core.info(`${prefix} ${m}`),
    warning: (m) => core.warning(`${prefix} ${m}`),
    setSecret: (s) => core.setSecret(s),
    group: async (name, fn) => {
      core.info(`${prefix} ${name}`)
      return fn()
    }
  }
}

/** Runs the action. Never throws: every failure ends in `core.setFailed` with a reason a person can act on. */
export async function run(): Promise<void> {
  let settings: Settings | undefined
  let plan: RunPlan | undefined
  let result: RunResult | undefined
  let failure: string | undefined
  // A failure of the run after its verdicts (the report could not be written): it blocks the deploy too.
  let failedAfter: string | undefined
  let reportFile: string | undefined
  try {
    // The policy file, the settings (inline inputs over the file), overrides by repository and every
    // file they name, all read before any AWS call.
    plan = await planRun((name) => core.getInput(name), process.env)
    settings = plan.settings
    reportFile = settings.reportFile
    // Masked before anything is logged: the debug lines below print every setting.
    if (settings.githubToken !== undefined) core.setSecret(settings.githubToken)
    for (const [key, value] of Object.entries(settings)) core.debug(`${key}: ${key === 'githubToken' ? '(set)' : JSON.stringify(value)}`)

    // One session: each service's client is created per region on first use, with its timeouts.
    const session = new AwsSession()
    result = await runPlan(plan, {
      clientsFor: (region) => session.forRegion(region),
      now: () => Date.now(),
      sleep: realSleep,
      log: actionsLogger,
      logFor: imageLogger,
      ...(settings.attestation?.source.kind === 'api' ? { attestationApi: attestationApiFor(settings.githubToken) } : {}),
      describeError: (error) => {
        if (error instanceof Error && error.stack) core.debug(error.stack)
        return failureText(error)
      }
    })

    try {
      await writeRunReport(result, plan, settings.reportFile)
      // SARIF only when asked for: with tens of thousands of findings it is a second large tree.
      if (settings.sarifFile) {
        const sarif = renderRunSarif(result)
        if (sarif !== undefined) await writeJsonFile(settings.sarifFile, sarif)
      }
    } catch (error) {
      // The verdicts stand, but a report that could not be written must fail an otherwise passing run.
      failedAfter = `Could not write the report: ${errorMessage(error)}`
    }
    setRunOutputs(result, settings.reportFile, failedAfter !== undefined)

    const blocked = blockedText(result)
    if (blocked !== undefined && result.batch) {
      // One annotation per failed image, each naming its image; the job's failure is one short line.
      for (const line of failedImageLines(result)) (failsJob(result) ? core.error : core.warning)(line)
    }
    if (blocked !== undefined && failsJob(result)) failure = blocked
    else if (blocked !== undefined) core.warning(`Audit mode, not failing the job. ${blocked}`)
    else core.info(result.batch ? `Deploy allowed: ${result.images.length} images` : `Deploy allowed: ${uriOf(result)}`)
    if (failedAfter !== undefined) failure = failure ?? failedAfter
  } catch (error) {
    // Stopped before any verdict: bad input, a policy file that cannot be read.
    failure = failureText(error)
    if (error instanceof Error && error.stack) core.debug(error.stack)
    // A bad input still gets its report, so an `if: always()` upload finds one: the report file is
    // read on its own (it is only a path), and the images asked for as far as they can be read. A bad
    // policy file stops the plan; the inline inputs alone may still hold the settings.
    if (settings === undefined) settings = settingsOrUndefined()
    const input = (name: string): string => core.getInput(name)
    reportFile = settings?.reportFile ?? requestedReportFile(input, process.env)
    setErrorOutputs(failure, settings ? referencesOf(settings) : requestedReferences(input), reportFile)
    if (reportFile !== undefined) {
      try {
        await writeReportFile(reportFile, JSON.stringify(renderErrorReport(failure, new Date()), null, 2))
      } catch (writeError) {
        core.warning(`Could not write the report: ${errorMessage(writeError)}`)
      }
    }
  } finally {
    if (settings?.summary !== false) await writeSummary(result, failure, failedAfter, reportFile ?? settings?.reportFile, plan)
    if (failure !== undefined) core.setFailed(failure)
  }
}

/**
 * Renders and writes the JSON report, piece by piece (with tens of thousands of findings the report
 * text would be tens of MiB at once). Its own function, so the report tree can be collected as soon
 * as it is written.
 */
async function writeRunReport(result: RunResult, plan: RunPlan, file: string): Promise<void> {
  const report = withEffectivePolicy(
    // The finding entries are made as the file is written, never all at once (tens of thousands of objects).
    renderRunReport(result, policyOf(plan), { now: new Date(), run: runContextFromEnv(process.env), lazyFindings: true }),
    effectivePolicyOf(plan)
  )
  await writeJsonFile(file, report)
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

/** The inline inputs' settings, or undefined when they do not validate on their own. */
function settingsOrUndefined(): Settings | undefined {
  try {
    return readSettings((name) => core.getInput(name), process.env)
  } catch {
    return undefined
  }
}

function uriOf(result: RunResult): string {
  const only = result.images[0]
  return only !== undefined && 'verdict' in only ? only.verdict.image.uri : ''
}

/**
 * Written in `finally`, from the final outcome: a run that failed after its verdicts shows as
 * blocked. A summary write failure is only a warning (STYLE.md).
 */
async function writeSummary(
  result: RunResult | undefined,
  failure: string | undefined,
  failedAfter: string | undefined,
  reportFile: string | undefined,
  plan: RunPlan | undefined
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const common = reportFile !== undefined ? { reportFile } : {}
  try {
    const text = result
      ? renderRunSummary(result, {
          ...common,
          ...(plan !== undefined ? { policy: policyOf(plan) } : {}),
          ...(failedAfter !== undefined ? { failure: failedAfter } : {})
        })
      : renderErrorSummary(failure ?? 'unknown error', common)
    const effective = plan !== undefined ? renderEffectivePolicySummary(effectivePolicyOf(plan)) : ''
    await core.summary.addRaw(effective !== '' ? `${text}\n${effective}` : text, true).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
