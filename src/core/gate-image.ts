/**
 * One image through the pipeline: resolve → wait for every platform's scan → collect findings →
 * evaluate the policy → run the checks → decide. No `@actions/*` here, and no adapter vocabulary:
 * `run.ts` drives 1..n images through it, the adapters turn the `RunResult` into their outputs.
 */
import type { AwsClients } from '../aws/clients.js'
import { runCheck, type Check } from '../checks/check.js'
import { platformName, resolveImage } from '../image/index.js'
import { evaluate } from '../policy/index.js'
import { getRegistryAuth, imageArtifacts } from '../registry/index.js'
import { collectFindings, enrichWithInspector, resolveScanType, waitForScan } from '../scan/index.js'
import type { ScanTarget } from '../scan/index.js'
import { decide, label } from './decide.js'
import { errorMessage } from './errors.js'
import type { Clock, Logger, Sleep } from './ports.js'
import type { ImageRef, ScanSettings } from './request.js'
import type { CheckResult, Finding, ImageTarget, ImageVerdict, Policy, ScanState, ScanType } from './types.js'

/** Everything one image's gate touches outside itself. */
export interface ImagePorts {
  /** The AWS clients of the image's region. */
  clients: AwsClients
  now: Clock
  sleep: Sleep
  log: Logger
  random?: () => number
  /** Registry HTTP client (tests may inject); defaults to global fetch. */
  fetch?: typeof fetch
}

/** What to do to one image, shared by every image of a run. */
export interface ImagePlan {
  policy: Policy
  scan: ScanSettings
  mode: 'enforce' | 'audit'
  /** The checks for the image's region (signature, …); empty when none was asked for. */
  checks: Check[]
}

/** A digest whose findings could not be read completely. */
interface FindingError {
  digest: string
  platform?: string
  reason: string
}

/** Gates one image and returns its verdict. Throws only when the image cannot be resolved. */
export async function gateImage(ref: ImageRef, plan: ImagePlan, ports: ImagePorts): Promise<ImageVerdict> {
  const startedAt = ports.now()
  const image = await resolve(ref, ports)
  const targets = scanTargets(image)
  const deadline = startedAt + plan.scan.timeoutSeconds * 1000
  const { scans, scanType } = await waitForScans(image, targets, plan.scan, deadline, ports)
  const { findings, findingErrors } = await readFindings(targets, scans, scanType, plan.policy, ports)

  const policy = evaluate(findings, plan.policy, new Date(ports.now()), image.repository)
  ports.log.info(
    `Counted: ${policy.counts.critical} critical, ${policy.counts.high} high, ${policy.counts.medium} medium, ${policy.counts.low} low; ${policy.violations.length} rule(s) broken`
  )
  const checks = await runChecks(image, plan.checks, ports)
  const { decision, reasons } = decide({ scans, findingErrors, policy, checks })
  return {
    decision,
    reasons,
    mode: plan.mode,
    image,
    scans,
    findings,
    policy,
    checks,
    evaluatedAt: new Date(ports.now()).toISOString()
  }
}

/** Tag or digest → the immutable digest (and every platform of an index), logged. */
async function resolve(ref: ImageRef, ports: ImagePorts): Promise<ImageTarget> {
  const { log } = ports
  return log.group('Resolve image', async () => {
    const target = await resolveImage(ports.clients.ecr, ref, log)
    log.info(`Resolved ${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''} to ${target.digest}`)
    for (const p of target.platforms) log.info(`  platform ${platformName(p)}: ${p.digest}`)
    return target
  })
}

/** Waits for every platform's scan; a wait that throws is that digest's ERROR state, never a pass. */
async function waitForScans(
  image: ImageTarget,
  targets: ScanTarget[],
  scan: ScanSettings,
  deadline: number,
  ports: ImagePorts
): Promise<{ scans: ScanState[]; scanType: ScanType }> {
  const { log } = ports
  return log.group('Wait for scan', async () => {
    const type = await resolveScanType(ports.clients.ecr, scan.type, image.registryId, log)
    log.info(`Scan type: ${type}; waiting up to ${scan.timeoutSeconds} s for ${targets.length} digest(s)`)
    const options = {
      scanType: type,
      deadline,
      startScan: scan.start,
      now: ports.now,
      sleep: ports.sleep,
      log,
      ...(ports.random ? { random: ports.random } : {})
    }
    const states = await Promise.all(
      targets.map(async (target): Promise<ScanState> => {
        try {
          return await waitForScan(ports.clients.ecr, target, options)
        } catch (error) {
          return {
            digest: target.digest,
            ...(target.platform !== undefined ? { platform: target.platform } : {}),
            scanType: type,
            status: 'ERROR',
            description: errorMessage(error),
            polls: 0,
            done: false
          }
        }
      })
    )
    for (const s of states) log.info(`${label(s.digest, s.platform)}: ${s.status}${s.description ? ` (${s.description})` : ''}`)
    return { scans: states, scanType: type }
  })
}

/**
 * Reads every finding of every digest whose scan is done. Platforms are independent, so they are
 * read concurrently (each one's pages stay sequential, as nextToken requires), then merged in
 * platform order so the result does not depend on timing.
 */
async function readFindings(
  targets: ScanTarget[],
  scans: ScanState[],
  scanType: ScanType,
  policy: Policy,
  ports: ImagePorts
): Promise<{ findings: Finding[]; findingErrors: FindingError[] }> {
  const { log, clients } = ports
  return log.group('Evaluate findings', async () => {
    const perTarget = await Promise.all(
      targets.map(async (target): Promise<{ list: Finding[] } | { error: FindingError } | undefined> => {
        if (!scans.find((s) => s.digest === target.digest)?.done) return undefined
        try {
          const collected = await collectFindings(clients.ecr, target, scanType, log)
          let list = collected.findings
          if (needsInspector(policy, scanType)) list = await enrichWithInspector(clients.inspector, target, list, log)
          log.info(`${label(target.digest, target.platform)}: ${list.length} active finding(s) in ${collected.pages} page(s)`)
          return { list }
        } catch (error) {
          return { error: { digest: target.digest, ...(target.platform !== undefined ? { platform: target.platform } : {}), reason: errorMessage(error) } }
        }
      })
    )
    const findings: Finding[] = []
    const findingErrors: FindingError[] = []
    for (const result of perTarget) {
      if (result === undefined) continue
      if ('error' in result) findingErrors.push(result.error)
      // A loop, not push(...list): spreading tens of thousands of findings as arguments can overflow the stack.
      else for (const finding of result.list) findings.push(finding)
    }
    if ((policy.minEpss !== undefined || policy.exploitableOnly) && scanType === 'BASIC') {
      log.warning(
        'min-epss / exploitable-only need enhanced scanning (Amazon Inspector); under basic scanning no finding has EPSS or exploit data, so every finding still counts'
      )
    }
    return { findings, findingErrors }
  })
}

/** Runs every check of the image with one shared view of its registry artifacts; a check that throws is an enforced error. */
async function runChecks(image: ImageTarget, checks: Check[], ports: ImagePorts): Promise<CheckResult[]> {
  if (checks.length === 0) return []
  const { log } = ports
  const artifacts = imageArtifacts({
    repository: image.repository,
    digest: image.digest,
    auth: () => getRegistryAuth(ports.clients.ecr, image.registryId, log),
    log,
    ...(ports.fetch ? { fetch: ports.fetch } : {})
  })
  const context = { image, now: ports.now, log, artifacts }
  const results: CheckResult[] = []
  for (const check of checks) results.push(await log.group(check.title, () => runCheck(check, context)))
  return results
}

/** The digests Inspector scans: every platform manifest of an index, else the image itself. */
export function scanTargets(image: ImageTarget): ScanTarget[] {
  if (image.platforms.length === 0) {
    return [{ registryId: image.registryId, region: image.region, repository: image.repository, digest: image.digest }]
  }
  return image.platforms.map((p) => ({
    registryId: image.registryId,
    region: image.region,
    repository: image.repository,
    digest: p.digest,
    platform: platformName(p)
  }))
}

function needsInspector(policy: Policy, scanType: ScanType): boolean {
  return scanType === 'ENHANCED' && (policy.minEpss !== undefined || policy.exploitableOnly === true)
}
