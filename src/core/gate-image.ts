/**
 * One image through the pipeline: resolve, then the checks concurrently with the wait for every
 * platform's scan → collect findings → evaluate the policy → decide. With fail-fast, an enforced
 * check that failed ends the scan wait at once: the verdict is already `fail`. No `@actions/*` here, and no adapter vocabulary:
 * `run.ts` drives 1..n images through it, the adapters turn the `RunResult` into their outputs.
 */
import type { AwsPorts } from '../aws/clients.js'
import { checkAllows, runCheck, type Check, type CheckContext } from '../checks/check.js'
import { platformName, resolveImage } from '../image/index.js'
import { evaluate } from '../policy/index.js'
import { getRegistryAuth, imageArtifacts } from '../registry/index.js'
import type { EcrPort } from '../aws/ecr.js'
import type { FindingsPage } from '../aws/findings-page.js'
import {
  answerOfPage,
  collectFindings,
  enrichWithInspector,
  findingsReader,
  coverageReason,
  readScanFrequency,
  readFindingsPage,
  resolveScanType,
  severityCountsKey,
  waitForScan
} from '../scan/index.js'
import type { ResolvedScanType, ScanTarget, WaitOptions } from '../scan/index.js'
import { decide, label } from './decide.js'
import { errorMessage } from './errors.js'
import { signalOf, type Clock, type Logger, type Sleep } from './ports.js'
import type { ImageRef, ScanSettings } from './request.js'
import type { CheckResult, Finding, ImageTarget, ImageVerdict, Policy, PolicyResult, ScanState, ScanType } from './types.js'

/** Everything one image's gate touches outside itself. */
export interface ImagePorts {
  /** The AWS ports of the image's region. */
  clients: AwsPorts
  now: Clock
  sleep: Sleep
  log: Logger
  random?: () => number
  /** Registry HTTP client (tests may inject); defaults to global fetch. */
  fetch?: typeof fetch
  /** The run's signal: aborts every call still in flight when the run limit is reached. */
  signal?: AbortSignal
}

/**
 * How long after the scan deadline the calls of the scan phase (resolve, scanning configuration,
 * status polls) may still run: enough for the final poll at the deadline to answer, short enough
 * that a stalled endpoint cannot hold the run long past `scan-timeout`.
 */
export const SCAN_PHASE_GRACE_MS = 5_000

/** What to do to one image, shared by every image of a run. */
export interface ImagePlan {
  policy: Policy
  scan: ScanSettings
  mode: 'enforce' | 'audit'
  /** The checks for the image's region (signature, …); empty when none was asked for. */
  checks: Check[]
  /**
   * Once an enforced check has failed, stop waiting for the scan (fail-fast). Absent means true;
   * `audit` mode always waits for everything.
   */
  failFast?: boolean
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
  const deadline = startedAt + plan.scan.timeoutSeconds * 1000
  // The scan phase is bounded by the scan deadline (plus a grace for the last poll), whatever the
  // endpoint does; reading findings and the checks are bounded by the run's own limit.
  const scanPhase = { ...ports, signal: phaseSignal(ports.signal, deadline - ports.now() + SCAN_PHASE_GRACE_MS) }
  const scanning = readScanningAhead(ref, plan.scan, scanPhase)
  const image = await resolve(ref, scanPhase)
  const targets = scanTargets(image)

  // The checks need only the digest, so they start now and run while the scan is awaited. Their
  // log lines are held back and printed in each check's own group after the scan's (runner groups
  // cannot interleave). With fail-fast, the first enforced check that fails stops the wait.
  const failFast = plan.mode === 'enforce' && plan.failFast !== false
  const verdictKnown = new AbortController()
  const checking = startChecks(image, plan.checks, ports, (result) => {
    if (failFast && !checkAllows(result)) verdictKnown.abort(new Error('an enforced check failed'))
  })
  const firstPages = new FirstPages(ports.clients.ecr)
  const early = new EarlyReads(ports, firstPages)
  const scans = await waitForScans(image, targets, plan.scan, deadline, scanPhase, verdictKnown.signal, early, scanning, firstPages)
  if (verdictKnown.signal.aborted)
    ports.log.info('An enforced check failed, so the verdict is fail: stopped waiting for the scan (fail-fast)')
  const { findings, findingErrors } = await readFindings(targets, scans, plan.policy, ports, early)

  const policy = evaluate(findings, plan.policy, new Date(ports.now()), image.repository)
  for (const warning of allowlistWarnings(policy, new Date(ports.now()), plan.policy.allowlistWarnDays)) ports.log.warning(warning)
  ports.log.info(
    `Counted: ${policy.counts.critical} critical, ${policy.counts.high} high, ${policy.counts.medium} medium, ${policy.counts.low} low; ${policy.violations.length} ${policy.violations.length === 1 ? 'rule' : 'rules'} broken`
  )
  const checks = await checking.finish()
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
    const target = await resolveImage(ports.clients.ecr, ref, log, signalOf(ports))
    log.info(`Resolved ${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''} to ${target.digest}`)
    for (const p of target.platforms) log.info(`  platform ${platformName(p)}: ${p.digest}`)
    return target
  })
}

/** The scan type and the repository's coverage, read while the image resolves. */
interface ScanningAhead {
  /** Waits for both, prints their held-back log lines and returns them; rejects as `resolveScanType` does. */
  take(): Promise<{ resolved: ResolvedScanType; notCovered?: string }>
}

/**
 * Reads the registry's scanning configuration (under `scan-type: auto`) and the repository's
 * coverage, starting at once: neither needs the digest, so their calls run while the image is
 * resolved instead of after it (two round trips fewer before the first scan poll), and both at once
 * when the image is the caller's own. Their log lines are held back for the scan's group. An image
 * that does not resolve never takes the result, so a failure here is then only dropped (never an
 * unhandled rejection).
 */
function readScanningAhead(ref: ImageRef, scan: ScanSettings, ports: ImagePorts): ScanningAhead {
  const buffer = bufferedLogger(ports.log)
  const { ecr } = ports.clients
  // An image reference without a registry is the caller's own, whose coverage is read under
  // `auto` whatever the configuration says: ask for both at once. With a registry id the image may be
  // another account's, whose coverage cannot be asked for, so that waits for the configuration.
  const coverageAhead =
    scan.type === 'auto' && ref.registryId === undefined ? readScanFrequency(ecr, ref.repository, signalOf(ports)) : undefined
  const reading = (async () => {
    const resolved = await resolveScanType(ecr, scan.type, ref.registryId, buffer.log, signalOf(ports))
    // Only the caller's own registry describes its repositories' coverage (the 'registry' source).
    const notCovered =
      resolved.type !== undefined && resolved.source === 'registry'
        ? coverageReason(
            await (coverageAhead ?? readScanFrequency(ecr, ref.repository, signalOf(ports))),
            ref.repository,
            resolved.type,
            scan.start,
            buffer.log
          )
        : undefined
    return { resolved, ...(notCovered !== undefined ? { notCovered } : {}) }
  })()
  reading.catch(() => undefined)
  return {
    take: async () => {
      try {
        return await reading
      } finally {
        buffer.replay()
      }
    }
  }
}

/** Waits for every platform's scan; a wait that throws is that digest's ERROR state, never a pass. */
async function waitForScans(
  image: ImageTarget,
  targets: ScanTarget[],
  scan: ScanSettings,
  deadline: number,
  ports: ImagePorts,
  stop: AbortSignal,
  early: EarlyReads,
  scanning: ScanningAhead,
  firstPages: FirstPages
): Promise<ScanState[]> {
  const { log } = ports
  return log.group('Wait for scan', async () => {
    const { resolved, notCovered } = await scanning.take()
    const type = resolved.type
    log.info(
      `Scan type: ${type ?? 'inferred from the image'}; waiting up to ${scan.timeoutSeconds} s for ${targets.length} ${targets.length === 1 ? 'digest' : 'digests'}`
    )
    const options = {
      ...(notCovered !== undefined ? { notCovered } : {}),
      startedAt: deadline - scan.timeoutSeconds * 1000,
      ...(type !== undefined ? { scanType: type } : {}),
      scanTypeSource: resolved.source,
      deadline,
      startScan: scan.start,
      now: ports.now,
      sleep: ports.sleep,
      log,
      ...(ports.random ? { random: ports.random } : {}),
      ...signalOf(ports),
      stop,
      onSettling: (target: ScanTarget, counts: string) => early.start(target, counts)
    }
    const states = await Promise.all(
      targets.map(async (target): Promise<ScanState> => {
        try {
          // A known scan type: the first poll is also the first findings page (FirstPages).
          const first = type !== undefined ? { firstPoll: firstPages.poll(target, type) } : {}
          const state = await waitForScan(ports.clients.ecr, target, { ...options, ...first })
          // Its findings are read now, not once every platform's wait has ended.
          early.startDone(target, state)
          return state
        } catch (error) {
          // waitForScan returns a not-awaited scan itself once `stop` aborts; this is a real failure.
          return {
            digest: target.digest,
            ...(target.platform !== undefined ? { platform: target.platform } : {}),
            // The type may not be known yet (inferred); enhanced is only a label on a failed scan here.
            scanType: type ?? 'ENHANCED',
            scanTypeSource: resolved.source,
            status: 'ERROR',
            description: errorMessage(error),
            polls: 0,
            done: false
          }
        }
      })
    )
    for (const s of states) log.info(`${label(s.digest, s.platform)}: ${s.status}${s.description ? ` (${s.description})` : ''}`)
    return states
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
  policy: Policy,
  ports: ImagePorts,
  early: EarlyReads
): Promise<{ findings: Finding[]; findingErrors: FindingError[] }> {
  const { log, clients } = ports
  return log.group('Evaluate findings', async () => {
    const perTarget = await Promise.all(
      targets.map(async (target): Promise<{ list: Finding[] } | { error: FindingError } | undefined> => {
        const scan = scans.find((s) => s.digest === target.digest)
        if (scan?.done !== true) return undefined
        // Each digest's own type: under an inferred type, what ECR returned for that digest.
        const scanType = scan.scanType
        try {
          const collected =
            (await early.take(target, scanType)) ??
            (await early.takeDone(target)) ??
            (await collectFindings(clients.ecr, target, scanType, log, signalOf(ports)))
          let list = collected.findings
          if (needsInspector(policy, scanType)) list = await enrichWithInspector(clients.inspector, target, list, log, signalOf(ports))
          log.info(`${label(target.digest, target.platform)}: ${list.length} active finding(s) in ${collected.pages} page(s)`)
          return { list }
        } catch (error) {
          return {
            error: {
              digest: target.digest,
              ...(target.platform !== undefined ? { platform: target.platform } : {}),
              reason: errorMessage(error)
            }
          }
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
    if ((policy.minEpss !== undefined || policy.exploitableOnly) && scans.some((s) => s.done && s.scanType === 'BASIC')) {
      log.warning(
        'min-epss / exploitable-only need enhanced scanning (Amazon Inspector); under basic scanning no finding has EPSS or exploit data, so every finding still counts'
      )
    }
    return { findings, findingErrors }
  })
}

/** What `collectFindings` returns. */
type Collected = Awaited<ReturnType<typeof collectFindings>>

/**
 * Findings read while an enhanced scan's counts settle. The wait's confirming poll comes at least
 * 1.5 s after ECR's completion time (late findings may still arrive until then); reading meanwhile
 * takes the read off the decision's path. A read is kept only when its own severity counts are the
 * ones the confirming poll agreed on, so the guard is unchanged: the findings judged are those of
 * two equal polls. Anything else (counts changed, read failed) is read again after the wait.
 */
class EarlyReads {
  private readonly reads = new Map<string, { counts: string; read: Promise<{ collected: Collected; lines: () => void } | undefined> }>()
  private readonly done = new Map<string, Promise<{ collected: Collected; lines: () => void } | { error: unknown; lines: () => void }>>()

  constructor(
    private readonly ports: ImagePorts,
    private readonly firstPages: FirstPages
  ) {}

  /**
   * Starts reading `target`'s findings (enhanced) for the COMPLETE counts `counts`, replacing an
   * earlier read. When the poll that saw these counts was the first one, its page is page 1.
   */
  start(target: ScanTarget, counts: string): void {
    const buffer = bufferedLogger(this.ports.log)
    const firstPage = this.firstPages.take(
      target,
      'ENHANCED',
      (page) => page.status === 'COMPLETE' && severityCountsKey(page.severityCounts) === counts
    )
    const read = collectFindings(this.ports.clients.ecr, target, 'ENHANCED', buffer.log, {
      ...signalOf(this.ports),
      ...(firstPage !== undefined ? { firstPage } : {})
    }).then(
      (collected) => ({ collected, lines: buffer.replay }),
      // A failed early read is only a missed head start: the findings are read again after the wait.
      () => undefined
    )
    this.reads.set(target.digest, { counts, read })
  }

  /**
   * Starts reading the findings of a digest whose own wait is done, unless a read started while its
   * counts settled: the other platforms' waits need not end first (their pages would otherwise hold
   * this one's back). When the wait ended on its first poll, that poll's page is page 1. Its log
   * lines are held back for the findings' group; a failure is kept for `takeDone`.
   */
  startDone(target: ScanTarget, scan: ScanState): void {
    if (!scan.done || this.reads.has(target.digest)) return
    const buffer = bufferedLogger(this.ports.log)
    const firstPage = this.firstPages.take(target, scan.scanType, (page) => scan.polls === 1 && page.status === scan.status)
    const read = collectFindings(this.ports.clients.ecr, target, scan.scanType, buffer.log, {
      ...signalOf(this.ports),
      ...(firstPage !== undefined ? { firstPage } : {})
    }).then(
      (collected) => ({ collected, lines: buffer.replay }),
      (error: unknown) => ({ error, lines: buffer.replay })
    )
    this.done.set(target.digest, read)
  }

  /** The read `startDone` started for `target` (its log lines printed now), or undefined; rejects as that read did. */
  async takeDone(target: ScanTarget): Promise<Collected | undefined> {
    const started = this.done.get(target.digest)
    this.done.delete(target.digest)
    if (started === undefined) return undefined
    const result = await started
    result.lines()
    if ('error' in result) throw result.error
    return result.collected
  }

  /** The early read of `target`, when it was of `scanType` and its counts are the confirmed ones; else undefined. */
  async take(target: ScanTarget, scanType: ScanType): Promise<Collected | undefined> {
    const early = this.reads.get(target.digest)
    this.reads.delete(target.digest)
    if (early === undefined || scanType !== 'ENHANCED') return undefined
    const result = await early.read
    if (result === undefined || severityCountsKey(result.collected.severityCounts) !== early.counts) return undefined
    result.lines()
    return result.collected
  }
}

/**
 * The first page of each digest's findings, read as the wait's first poll (`maxResults: 1000`
 * instead of 1). When the scan is already done at that poll, the most common case for an image
 * scanned on push a while ago or under continuous scanning, the page is page 1 of the findings read:
 * one round trip fewer per digest. A page is taken once, by the first reader that asks, and only
 * when that reader's test shows it is current; it is let go either way, so a stale page (the scan
 * moved on after the first poll) is never read as page 1.
 */
class FirstPages {
  private readonly pages = new Map<string, { scanType: ScanType; page: FindingsPage<Finding> }>()

  constructor(private readonly ecr: EcrPort) {}

  /** The wait's first poll of `target` under `scanType`: reads the page, keeps it, returns what the wait judges. */
  poll(target: ScanTarget, scanType: ScanType): NonNullable<WaitOptions['firstPoll']> {
    const reader = findingsReader(target, scanType)
    return async (options) => {
      const page = await readFindingsPage(this.ecr, target, reader, options)
      this.pages.set(target.digest, { scanType, page })
      return answerOfPage(page)
    }
  }

  /** `target`'s first page, when it was read under `scanType` and `current` accepts it; let go either way. */
  take(target: ScanTarget, scanType: ScanType, current: (page: FindingsPage<Finding>) => boolean): FindingsPage<Finding> | undefined {
    const kept = this.pages.get(target.digest)
    this.pages.delete(target.digest)
    return kept !== undefined && kept.scanType === scanType && current(kept.page) ? kept.page : undefined
  }
}

/** The checks of one image, started: `finish` prints their held-back logs and returns their results. */
interface StartedChecks {
  finish(): Promise<CheckResult[]>
}

/**
 * Starts every check of the image at once, with one shared view of its registry artifacts, and
 * calls `settled` with each result as it arrives. A check that throws is an enforced `error`
 * (`runCheck`), so nothing here ever rejects. Each check logs into a buffer (secrets are still
 * masked at once); `finish` waits for all of them and prints each buffer in the check's group, in
 * the checks' fixed order.
 */
function startChecks(image: ImageTarget, checks: Check[], ports: ImagePorts, settled: (result: CheckResult) => void): StartedChecks {
  if (checks.length === 0) return { finish: () => Promise.resolve([]) }
  const { log } = ports
  // The shared artifact listing logs too; its lines go out with the first check's.
  const shared = bufferedLogger(log)
  const artifacts = imageArtifacts({
    repository: image.repository,
    digest: image.digest,
    auth: () => getRegistryAuth(ports.clients.ecr, image.registryId, shared.log, signalOf(ports)),
    log: shared.log,
    ...(ports.fetch ? { fetch: ports.fetch } : {}),
    ...signalOf(ports)
  })
  const running = checks.map((check) => {
    const buffer = bufferedLogger(log)
    const context: CheckContext = { image, now: ports.now, log: buffer.log, artifacts, ...signalOf(ports) }
    const result = runCheck(check, context).then((r) => {
      settled(r)
      return r
    })
    return { check, buffer, result }
  })
  return {
    finish: async () => {
      const results: CheckResult[] = []
      for (const { check, buffer, result } of running) {
        results.push(
          await log.group(check.title, async () => {
            const r = await result
            shared.replay()
            buffer.replay()
            return r
          })
        )
      }
      return results
    }
  }
}

/** A logger that holds its lines until `replay` prints them through `target` (secrets are masked at once). */
function bufferedLogger(target: Logger): { log: Logger; replay: () => void } {
  const lines: { level: 'debug' | 'info' | 'warning'; message: string }[] = []
  const log: Logger = {
    debug: (message) => void lines.push({ level: 'debug', message }),
    info: (message) => void lines.push({ level: 'info', message }),
    warning: (message) => void lines.push({ level: 'warning', message }),
    setSecret: (secret) => target.setSecret(secret),
    // Already inside the check's own group when replayed: a nested group is just its lines.
    group: async (name, fn) => {
      lines.push({ level: 'info', message: name })
      return fn()
    }
  }
  return {
    log,
    replay: () => {
      for (const line of lines.splice(0)) target[line.level](line.message)
    }
  }
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

/** `outer` (when given) combined with a timer of `ms`: whichever comes first aborts. */
function phaseSignal(outer: AbortSignal | undefined, ms: number): AbortSignal {
  const timer = AbortSignal.timeout(Math.max(0, ms))
  return outer !== undefined ? AbortSignal.any([outer, timer]) : timer
}

/** Days before an applied allowlist entry expires from which the run warns, unless `allowlist-warn-days` says otherwise. */
export const ALLOWLIST_WARN_DAYS = 14

/**
 * Warnings a person should see in the log: an expired entry that would have covered findings, an
 * entry naming a counted finding by id that missed on package or repository, and an applied entry
 * that expires within `warnDays` days (default `ALLOWLIST_WARN_DAYS`; 0 turns that warning off): the
 * day it stops applying, the deploy is blocked.
 */
export function allowlistWarnings(policy: PolicyResult, now: Date, warnDays: number = ALLOWLIST_WARN_DAYS): string[] {
  const warnings: string[] = []
  for (const use of policy.expiredAllowlist) {
    if (use.findings.length > 0)
      warnings.push(
        `Allowlist entry for ${use.entry.id} expired on ${use.entry.expires}; its ${use.findings.length === 1 ? 'finding counts' : `${use.findings.length} findings count`} again`
      )
  }
  for (const miss of policy.nearMissAllowlist)
    warnings.push(`Allowlist entry for ${miss.entry.id} did not apply: matched by id, but its ${miss.why}`)
  const horizon = now.getTime() + warnDays * 86_400_000
  for (const use of warnDays > 0 ? policy.allowlisted : []) {
    const ends = Date.parse(`${use.entry.expires}T23:59:59Z`)
    if (Number.isFinite(ends) && ends < horizon) {
      const days = Math.max(0, Math.floor((ends - now.getTime()) / 86_400_000))
      warnings.push(
        `Allowlist entry for ${use.entry.id} expires on ${use.entry.expires} (in ${days} day${days === 1 ? '' : 's'}); renew it with a new reason or fix the finding`
      )
    }
  }
  return warnings
}
