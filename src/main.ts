/**
 * The GitHub Actions adapter: inputs → settings, run the gate, write report files, outputs and the job
 * summary, and the only `setFailed`. Business rules live in gate.ts and below.
 */
import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { createClients, partitionOf } from './aws/clients.js'
import { Outputs } from './constants.js'
import { errorMessage, InputError } from './errors.js'
import { runGate } from './gate.js'
import { readSettings } from './inputs.js'
import type { Settings } from './inputs.js'
import { loadAllowlist } from './policy/index.js'
import type { Logger } from './ports.js'
import { realSleep } from './ports.js'
import { renderErrorReport, renderErrorSummary } from './report/error-summary.js'
import { renderJsonReport, renderSarif, renderSummary, runContextFromEnv } from './report/index.js'
import { loadTrustConfig } from './signature/index.js'
import type { TrustConfig } from './signature/index.js'
import type { Policy, Verdict } from './types.js'

/** `Logger` bound to the Actions runner. */
export const actionsLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m) => core.warning(m),
  setSecret: (s) => core.setSecret(s),
  group: (name, fn) => core.group(name, fn)
}

/** Runs the action. Never throws: every failure ends in `core.setFailed` with a reason a person can act on. */
export async function run(): Promise<void> {
  let settings: Settings | undefined
  let verdict: Verdict | undefined
  let failure: string | undefined
  try {
    settings = readSettings((name) => core.getInput(name), process.env)
    for (const [key, value] of Object.entries(settings)) core.debug(`${key}: ${JSON.stringify(value)}`)

    const policy: Policy = {
      severityThreshold: settings.severityThreshold,
      ignoreUnfixed: settings.ignoreUnfixed,
      maxCounts: settings.maxCounts,
      allowlist: settings.allowlistPath ? await loadAllowlist(settings.allowlistPath) : [],
      exploitableOnly: settings.exploitableOnly
    }
    if (settings.minEpss !== undefined) policy.minEpss = settings.minEpss

    let trust: TrustConfig | undefined
    if (settings.signingProfileArns.length > 0 || settings.trustPolicyPath) {
      trust = await loadTrustConfig({
        signingProfileArns: settings.signingProfileArns,
        partition: partitionOf(settings.region),
        ...(settings.trustPolicyPath ? { trustPolicyPath: settings.trustPolicyPath } : {}),
        ...(settings.trustStorePath ? { trustStorePath: settings.trustStorePath } : {})
      })
    }

    const clients = createClients({ region: settings.region })
    verdict = await runGate(
      { settings, policy, ...(trust ? { trust } : {}) },
      { clients, now: () => Date.now(), sleep: realSleep, log: actionsLogger }
    )

    await writeReportFile(settings.reportFile, JSON.stringify(renderJsonReport(verdict, policy, runContextFromEnv(process.env)), null, 2))
    if (settings.sarifFile) await writeReportFile(settings.sarifFile, JSON.stringify(renderSarif(verdict), null, 2))
    setVerdictOutputs(verdict, settings)

    if (verdict.decision === 'fail') {
      const text = `Deploy blocked: ${verdict.reasons.join('; ')}`
      if (verdict.mode === 'audit') core.warning(`Audit mode, not failing the job. ${text}`)
      else failure = text
    } else {
      core.info(`Deploy allowed: ${verdict.image.uri}`)
    }
  } catch (error) {
    failure = failureText(error)
    if (error instanceof Error && error.stack) core.debug(error.stack)
    core.setOutput(Outputs.Decision, 'fail')
    if (settings) {
      core.setOutput(Outputs.ReportFile, settings.reportFile)
      try {
        await writeReportFile(
          settings.reportFile,
          JSON.stringify(renderErrorReport(failure, new Date()), null, 2)
        )
      } catch (writeError) {
        core.warning(`Could not write the report: ${errorMessage(writeError)}`)
      }
    }
  } finally {
    if (settings?.summary !== false) await writeSummary(verdict, failure, settings)
  }
  if (failure !== undefined) core.setFailed(failure)
}

/** Longest failure message printed: a hostile or huge input value must not flood the log. */
const MAX_FAILURE_CHARS = 4000

/**
 * The text of a failure that stopped the gate before a verdict. An input error always names its input
 * (some loaders name only the file), and the message is bounded because it may echo user text.
 */
function failureText(error: unknown): string {
  let text = errorMessage(error)
  if (error instanceof InputError && !text.includes(`'${error.input}'`)) text = `Invalid input for '${error.input}': ${text}`
  return text.length > MAX_FAILURE_CHARS ? `${text.slice(0, MAX_FAILURE_CHARS)}… (truncated)` : text
}

function setVerdictOutputs(verdict: Verdict, settings: Settings): void {
  const counts = verdict.policy.counts
  core.setOutput(Outputs.Decision, verdict.decision)
  core.setOutput(Outputs.Digest, verdict.image.digest)
  core.setOutput(Outputs.ImageUri, verdict.image.uri)
  core.setOutput(Outputs.CriticalCount, String(counts.critical))
  core.setOutput(Outputs.HighCount, String(counts.high))
  core.setOutput(Outputs.MediumCount, String(counts.medium))
  core.setOutput(Outputs.LowCount, String(counts.low))
  core.setOutput(Outputs.Violations, String(verdict.policy.violations.reduce((n, v) => n + v.count, 0)))
  core.setOutput(Outputs.SignatureStatus, verdict.signature.status)
  core.setOutput(Outputs.ReportFile, settings.reportFile)
}

async function writeReportFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, content, 'utf8')
}

/** Written in `finally`: a summary write failure is only a warning (STYLE.md). */
async function writeSummary(verdict: Verdict | undefined, failure: string | undefined, settings: Settings | undefined): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    const text = verdict
      ? renderSummary(verdict, settings ? { reportFile: settings.reportFile } : {})
      : renderErrorSummary(failure ?? 'unknown error', settings ? { reportFile: settings.reportFile } : {})
    await core.summary.addRaw(text, true).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${errorMessage(error)}`)
  }
}
