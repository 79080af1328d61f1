/**
 * The GitHub Actions adapter: inputs → settings, run the gate, write report files, outputs and the job
 * summary, and the only `setFailed`. Business rules live in gate.ts and below.
 */
import * as core from '@actions/core'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { AwsSession, partitionOf } from '../aws/clients.js'
import type { AwsPorts, Partition } from '../aws/clients.js'
import { Limits } from '../core/constants.js'
import { Outputs } from './names.js'
import { errorMessage, SettingError } from '../core/errors.js'
import { runBatch, runGate } from '../core/gate-image.js'
import { readSettings } from './inputs.js'
import type { BatchImage, Settings } from './inputs.js'
import { loadAllowlist } from '../config/index.js'
import type { Logger } from '../core/ports.js'
import { realSleep } from '../core/ports.js'
import { renderErrorReport, renderErrorSummary } from '../report/error-summary.js'
import {
  batchDecision,
  batchResults,
  batchSignatureStatus,
  renderBatchReport,
  renderBatchSarif,
  renderBatchSummary,
  renderJsonReport,
  renderSarif,
  renderSummary,
  runContextFromEnv
} from '../report/index.js'
import { loadTrustConfig } from '../checks/signature/notation/index.js'
import type { TrustConfig } from '../checks/signature/notation/index.js'
import type { Policy, Verdict } from '../core/types.js'

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
  // A batch writes its own outputs, reports and summary; `finally` must not overwrite them.
  let batchDone = false
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

    if (settings.batch) {
      failure = await gateBatch(settings, settings.batch, policy)
      batchDone = true
      return
    }

    const trust = await trustFor(settings, partitionOf(settings.region))
    const clients = new AwsSession().forRegion(settings.region)
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
    const reason = failure
    // Every image the run was asked to gate is a failure; no settings (bad input) means no image to name.
    const images = settings ? (settings.batch?.map((b) => b.reference) ?? [referenceOf(settings)]) : []
    core.setOutput(Outputs.Results, JSON.stringify(images.map((image) => ({ image, decision: 'fail', reasons: [reason] }))))
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
    if (settings?.summary !== false && !batchDone) await writeSummary(verdict, failure, settings)
    // In `finally` so that the batch branch's early return still fails the job.
    if (failure !== undefined) core.setFailed(failure)
  }
}

/** Longest failure message printed: a hostile or huge input value must not flood the log. */
const MAX_FAILURE_CHARS = 4000

/**
 * The text of a failure that stopped the gate before a verdict. An input error always names its input
 * (some loaders name only the file), and the message is bounded because it may echo user text.
 */
function failureText(error: unknown): string {
  let text = errorMessage(error)
  if (error instanceof SettingError) {
    // Core names settings by key and says "Invalid '<key>'"; the Action's word for a setting is its input.
    const input = error.setting
    if (text.startsWith(`Invalid '${input}'`)) text = `Invalid input for '${input}'${text.slice(`Invalid '${input}'`.length)}`
    else if (!text.includes(`'${input}'`)) text = `Invalid input for '${input}': ${text}`
  }
  return bounded(text)
}

/** Cuts a message at MAX_FAILURE_CHARS characters. */
function bounded(text: string): string {
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
  core.setOutput(Outputs.Results, JSON.stringify(batchResults([{ reference: referenceOf(settings), verdict }])))
}

/** The image as the person gave it: the `image` input, else `repository:tag@digest`. */
function referenceOf(settings: Settings): string {
  if (settings.image) return settings.image
  return `${settings.repository}${settings.tag ? `:${settings.tag}` : ''}${settings.digest ? `@${settings.digest}` : ''}`
}

/** Loads the trust configuration for one AWS partition; undefined when no signature input was given. */
async function trustFor(settings: Settings, partition: Partition): Promise<TrustConfig | undefined> {
  if (settings.signingProfileArns.length === 0 && !settings.trustPolicyPath) return undefined
  return loadTrustConfig({
    signingProfileArns: settings.signingProfileArns,
    partition,
    ...(settings.trustPolicyPath ? { trustPolicyPath: settings.trustPolicyPath } : {}),
    ...(settings.trustStorePath ? { trustStorePath: settings.trustStorePath } : {})
  })
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

/**
 * Gates every image of a batch, `Limits.batchConcurrency` at a time, one set of AWS clients per
 * region. An image that cannot be resolved is that image's failure and never stops the others.
 * Writes the outputs, reports and summary; returns the failure message for `setFailed`, if any.
 */
async function gateBatch(settings: Settings, images: BatchImage[], policy: Policy): Promise<string | undefined> {
  const clientsByRegion = new Map<string, AwsPorts>()
  const trustByPartition = new Map<Partition, Promise<TrustConfig | undefined>>()
  for (const entry of images) {
    if (!clientsByRegion.has(entry.region)) clientsByRegion.set(entry.region, new AwsSession().forRegion(entry.region))
    const partition = partitionOf(entry.region)
    // Trust files are read before any image is gated: a bad trust input fails the run, as for one image.
    if (!trustByPartition.has(partition)) trustByPartition.set(partition, trustFor(settings, partition))
  }
  const trusts = new Map<Partition, TrustConfig | undefined>()
  for (const [partition, pending] of trustByPartition) trusts.set(partition, await pending)

  core.info(`Gating ${images.length} image(s), up to ${Limits.batchConcurrency} at a time`)
  const outcomes = await runBatch(
    { settings, policy, images, trustFor: (region) => trusts.get(partitionOf(region)) },
    {
      clientsFor: (region) => clientsByRegion.get(region) as AwsPorts,
      now: () => Date.now(),
      sleep: realSleep,
      logFor: imageLogger,
      describeError: (error) => {
        if (error instanceof Error && error.stack) core.debug(error.stack)
        return failureText(error)
      }
    },
    Limits.batchConcurrency
  )

  const decision = batchDecision(outcomes)
  const verdicts = outcomes.flatMap((o) => ('verdict' in o ? [o.verdict] : []))
  const sum = (pick: (v: Verdict) => number): string => String(verdicts.reduce((n, v) => n + pick(v), 0))
  core.setOutput(Outputs.Decision, decision)
  core.setOutput(Outputs.Digest, outcomes.map((o) => ('verdict' in o ? o.verdict.image.digest : '')).join('\n'))
  core.setOutput(Outputs.ImageUri, outcomes.map((o) => ('verdict' in o ? o.verdict.image.uri : '')).join('\n'))
  core.setOutput(Outputs.CriticalCount, sum((v) => v.policy.counts.critical))
  core.setOutput(Outputs.HighCount, sum((v) => v.policy.counts.high))
  core.setOutput(Outputs.MediumCount, sum((v) => v.policy.counts.medium))
  core.setOutput(Outputs.LowCount, sum((v) => v.policy.counts.low))
  core.setOutput(Outputs.Violations, sum((v) => v.policy.violations.reduce((n, x) => n + x.count, 0)))
  core.setOutput(Outputs.SignatureStatus, batchSignatureStatus(outcomes))
  core.setOutput(Outputs.ReportFile, settings.reportFile)
  core.setOutput(Outputs.Results, JSON.stringify(batchResults(outcomes)))

  let failure: string | undefined
  const failed = outcomes.filter((o) => !('verdict' in o && o.verdict.decision === 'pass'))
  if (failed.length > 0) {
    const lines = failed.map((o) => {
      const reasons = 'error' in o ? [o.error] : o.verdict.reasons
      const shown = reasons.slice(0, 3).join('; ') || 'failed without a stated reason (fail closed)'
      return `${o.reference}: ${shown}${reasons.length > 3 ? ` (+${reasons.length - 3} more)` : ''}`
    })
    const text = bounded(`Deploy blocked: ${failed.length} of ${outcomes.length} images failed. ${lines.join(' | ')}`)
    if (settings.mode === 'audit') core.warning(`Audit mode, not failing the job. ${text}`)
    else failure = text
  } else {
    core.info(`Deploy allowed: ${outcomes.length} images`)
  }

  try {
    const now = new Date()
    const report = renderBatchReport(outcomes, policy, { mode: settings.mode, now, run: runContextFromEnv(process.env) })
    await writeReportFile(settings.reportFile, JSON.stringify(report, null, 2))
    if (settings.sarifFile) await writeReportFile(settings.sarifFile, JSON.stringify(renderBatchSarif(outcomes), null, 2))
  } catch (error) {
    // The verdicts stand; a report that could not be written must still fail an otherwise passing run.
    failure = failure ?? `Could not write the report: ${errorMessage(error)}`
  }

  if (settings.summary && process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(renderBatchSummary(outcomes, { reportFile: settings.reportFile, mode: settings.mode }), true).write()
    } catch (error) {
      core.warning(`Could not write the job summary: ${errorMessage(error)}`)
    }
  }
  return failure
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
