/**
 * Orchestrates the pipeline over injected ports: resolve → wait for every scan → collect findings →
 * evaluate policy → verify signature → decide. No `@actions/*` here: main.ts adapts it to the runner.
 */
import type { AwsPorts } from '../aws/clients.js'
import { signerRevocationCheck } from '../aws/revocation.js'
import { decide, label } from './decide.js'
import { errorMessage } from './errors.js'
import { platformName, resolveImage } from '../image/index.js'
import type { BatchImage, Settings } from '../action/inputs.js'
import { evaluate } from '../policy/index.js'
import type { Clock, Logger, Sleep } from './ports.js'
import { RegistryClient, fetchSignatures, getRegistryAuth } from '../registry/index.js'
import { collectFindings, enrichWithInspector, resolveScanType, waitForScan } from '../scan/index.js'
import type { ScanTarget } from '../scan/index.js'
import { signatureRequired, verifySignature } from '../checks/signature/notation/index.js'
import type { TrustConfig } from '../checks/signature/notation/index.js'
import type { BatchOutcome } from '../report/batch.js'
import type { Finding, ImageTarget, Policy, ScanState, ScanType, SignatureResult, Verdict } from './types.js'

/** Everything the gate touches outside itself. */
export interface GatePorts {
  clients: AwsPorts
  now: Clock
  sleep: Sleep
  log: Logger
  random?: () => number
  /** Registry HTTP client (tests may inject); defaults to global fetch. */
  fetch?: typeof fetch
}

/** The configuration of one run, already validated and loaded from files. */
export interface GateConfig {
  settings: Settings
  policy: Policy
  /** Absent when no signature input was given. */
  trust?: TrustConfig
}

/** Runs the whole gate for one image and returns the verdict. Throws only when the image cannot be resolved. */
export async function runGate(config: GateConfig, ports: GatePorts): Promise<Verdict> {
  const { settings, policy } = config
  const { clients, log } = ports
  const startedAt = ports.now()

  const image = await log.group('Resolve image', async () => {
    const request: { registryId?: string; region: string; repository: string; tag?: string; digest?: string } = {
      region: settings.region,
      repository: settings.repository
    }
    if (settings.registryId) request.registryId = settings.registryId
    if (settings.tag) request.tag = settings.tag
    if (settings.digest) request.digest = settings.digest
    const target = await resolveImage(clients.ecr, request, log)
    log.info(`Resolved ${settings.repository}${settings.tag ? `:${settings.tag}` : ''} to ${target.digest}`)
    for (const p of target.platforms) log.info(`  platform ${platformName(p)}: ${p.digest}`)
    return target
  })

  const targets = scanTargets(image)
  const deadline = startedAt + settings.scanTimeoutSeconds * 1000

  const { scans, scanType } = await log.group('Wait for scan', async () => {
    const type = await resolveScanType(clients.ecr, settings.scanType, image.registryId, log)
    log.info(`Scan type: ${type}; waiting up to ${settings.scanTimeoutSeconds} s for ${targets.length} digest(s)`)
    const states = await Promise.all(
      targets.map(async (target): Promise<ScanState> => {
        try {
          const waitOptions = {
            scanType: type,
            deadline,
            startScan: settings.startScan,
            now: ports.now,
            sleep: ports.sleep,
            log,
            ...(ports.random ? { random: ports.random } : {})
          }
          return await waitForScan(clients.ecr, target, waitOptions)
        } catch (error) {
          const state: ScanState = {
            digest: target.digest,
            scanType: type,
            status: 'ERROR',
            description: errorMessage(error),
            polls: 0,
            done: false
          }
          if (target.platform) state.platform = target.platform
          return state
        }
      })
    )
    for (const s of states) log.info(`${label(s.digest, s.platform)}: ${s.status}${s.description ? ` (${s.description})` : ''}`)
    return { scans: states, scanType: type }
  })

  const { findings, findingErrors } = await log.group('Evaluate findings', async () => {
    const all: Finding[] = []
    const errors: { digest: string; platform?: string; reason: string }[] = []
    // Platforms are independent: read them concurrently (each one's pages stay sequential, as
    // nextToken requires), then merge in platform order so the result does not depend on timing.
    const perTarget = await Promise.all(
      targets.map(async (target): Promise<{ list: Finding[] } | { error: { digest: string; platform?: string; reason: string } } | undefined> => {
        const state = scans.find((s) => s.digest === target.digest)
        if (!state?.done) return undefined
        try {
          const collected = await collectFindings(clients.ecr, target, scanType, log)
          let list = collected.findings
          if (needsInspector(policy, scanType)) list = await enrichWithInspector(clients.inspector, target, list, log)
          log.info(`${label(target.digest, target.platform)}: ${list.length} active finding(s) in ${collected.pages} page(s)`)
          return { list }
        } catch (error) {
          const e: { digest: string; platform?: string; reason: string } = { digest: target.digest, reason: errorMessage(error) }
          if (target.platform) e.platform = target.platform
          return { error: e }
        }
      })
    )
    for (const result of perTarget) {
      if (result === undefined) continue
      if ('error' in result) errors.push(result.error)
      // A loop, not push(...list): spreading tens of thousands of findings as arguments can overflow the stack.
      else for (const finding of result.list) all.push(finding)
    }
    if ((policy.minEpss !== undefined || policy.exploitableOnly) && scanType === 'BASIC') {
      log.warning(
        'min-epss / exploitable-only need enhanced scanning (Amazon Inspector); under basic scanning no finding has EPSS or exploit data, so every finding still counts'
      )
    }
    return { findings: all, findingErrors: errors }
  })

  const policyResult = evaluate(findings, policy, new Date(ports.now()), image.repository)
  log.info(
    `Counted: ${policyResult.counts.critical} critical, ${policyResult.counts.high} high, ${policyResult.counts.medium} medium, ${policyResult.counts.low} low; ${policyResult.violations.length} rule(s) broken`
  )

  const signature = await verifyImageSignature(image, config.trust, ports)

  const required = config.trust ? signatureRequired(config.trust) : false
  const { decision, reasons } = decide({ scans, findingErrors, policy: policyResult, signature, signatureRequired: required })
  return {
    decision,
    reasons,
    mode: settings.mode,
    image,
    scans,
    findings,
    policy: policyResult,
    signature,
    evaluatedAt: new Date(ports.now()).toISOString()
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

/** Fetches and verifies the signature of the deployed digest; any failure is a result, never a pass. */
async function verifyImageSignature(image: ImageTarget, trust: TrustConfig | undefined, ports: GatePorts): Promise<SignatureResult> {
  if (!trust) return { status: 'skipped', reason: 'no signature input given' }
  const { clients, log } = ports
  return log.group('Verify signature', async () => {
    const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size }
    let signatures
    try {
      const auth = await getRegistryAuth(clients.ecr, image.registryId, log)
      const registry = new RegistryClient(auth, { log, ...(ports.fetch ? { fetch: ports.fetch } : {}) })
      signatures = await fetchSignatures(registry, image.repository, subject, log)
    } catch (error) {
      return { status: 'invalid', reason: `signatures could not be fetched from the registry: ${errorMessage(error)}` } satisfies SignatureResult
    }
    log.info(`Found ${signatures.length} Notation signature(s) for ${image.digest}`)
    try {
      const result = await verifySignature({
        subject,
        reference: image.uri.split('@')[0] ?? image.uri,
        signatures,
        trust,
        now: new Date(ports.now()),
        checkRevocation: signerRevocationCheck(clients.signer)
      })
      log.info(`Signature: ${result.status}${result.reason ? ` (${result.reason})` : ''}`)
      return result
    } catch (error) {
      return { status: 'invalid', reason: `signature verification failed: ${errorMessage(error)}` } satisfies SignatureResult
    }
  })
}


/** What one image of a batch needs besides the shared configuration. */
export interface BatchPorts {
  /** The AWS clients for a region (one set per region, shared by that region's images). */
  clientsFor: (region: string) => AwsPorts
  now: Clock
  sleep: Sleep
  /** A logger for one image; its prefix names the image, since images run concurrently. */
  logFor: (prefix: string) => Logger
  /** The message recorded for an image that could not be gated (e.g. not resolvable). */
  describeError: (error: unknown) => string
}

/** The configuration of a batch: everything but which image, plus the trust for each region. */
export interface BatchConfig {
  settings: Settings
  policy: Policy
  images: BatchImage[]
  trustFor: (region: string) => TrustConfig | undefined
}

/**
 * Gates every image of a batch, at most `concurrency` at a time, and returns one outcome per image
 * in input order. An image that throws (cannot be resolved) is that image's failure and never stops
 * the others; the caller decides the overall verdict (fail closed: every image must pass).
 */
export async function runBatch(config: BatchConfig, ports: BatchPorts, concurrency: number): Promise<BatchOutcome[]> {
  const { images, settings, policy } = config
  const outcomes = new Array<BatchOutcome>(images.length)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < images.length; i = next++) {
      const entry = images[i] as BatchImage
      const log = ports.logFor(`[${i + 1}/${images.length} ${entry.reference.slice(0, 200)}]`)
      // This entry's image and nothing of the first entry's (which the single-image fields hold).
      const one: Settings = { ...settings, repository: entry.repository, registryId: entry.registryId, region: entry.region, image: entry.reference }
      delete one.batch
      delete one.tag
      delete one.digest
      if (entry.tag !== undefined) one.tag = entry.tag
      if (entry.digest !== undefined) one.digest = entry.digest
      const trust = config.trustFor(entry.region)
      try {
        const verdict = await runGate(
          { settings: one, policy, ...(trust ? { trust } : {}) },
          { clients: ports.clientsFor(entry.region), now: ports.now, sleep: ports.sleep, log }
        )
        log.info(verdict.decision === 'pass' ? `Deploy allowed: ${verdict.image.uri}` : `Deploy blocked: ${verdict.reasons.join('; ')}`)
        outcomes[i] = { reference: entry.reference, verdict }
      } catch (error) {
        const reason = ports.describeError(error)
        log.warning(`Could not gate this image: ${reason}`)
        outcomes[i] = { reference: entry.reference, error: reason }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, images.length)) }, worker))
  return outcomes
}
