/**
 * A run: 1..n images (one image is a batch of one) through `gateImage`, at most
 * `Limits.batchConcurrency` at a time, under one run limit. Files the request names (allowlist,
 * trust policy and store) are read once, before any AWS call; a bad one throws a `SettingError`.
 */
import { partitionOf, type AwsPorts, type Partition } from '../aws/clients.js'
import { signerRevocationCheck } from '../aws/revocation.js'
import type { EcrPort } from '../aws/ecr.js'
import type { KmsPort } from '../aws/kms.js'
import type { Check } from '../checks/check.js'
import type { TrustConfig } from '../checks/signature/notation/index.js'
import { postureRequested } from '../checks/posture/rules.js'
import { combinedSignatureCheck } from '../checks/signature/combine.js'
import type { CosignConfig } from '../checks/signature/cosign/index.js'
import type { AttestationApi, LoadedAttestation } from '../checks/attestation/index.js'
import { Limits } from './constants.js'
import { gateImage, type ImagePlan } from './gate-image.js'
import type { Clock, Logger, Sleep } from './ports.js'
import { notationRequested, runTimeoutSeconds, validateRequest, type GateRequest } from './request.js'
import { Setting } from './settings.js'
import type { ImageOutcome, Policy, RevocationCheck, RunResult } from './types.js'
import { shortReference } from './short-name.js'

/** What a run touches outside itself. */
export interface RunPorts {
  /** The AWS ports of a region (the same ones for every image of that region). */
  clientsFor: (region: string) => AwsPorts
  now: Clock
  sleep: Sleep
  /** The run's logger; a single image logs through it, with log groups. */
  log: Logger
  /** A logger for one image of a batch; its prefix names the image, since images run concurrently. */
  logFor: (prefix: string) => Logger
  /** The message recorded for an image that could not be gated (e.g. not resolvable). */
  describeError: (error: unknown) => string
  random?: () => number
  fetch?: typeof fetch
  /** The GitHub attestations API (the adapter builds it with the workflow's token), for build provenance. */
  attestationApi?: AttestationApi
  /** An outside stop (the CLI's Ctrl-C): it ends the run as the run limit does, with its reason for every image not yet judged. */
  stop?: AbortSignal
}

/** The files a request names, read once: the vulnerability policy with its allowlist, and trust per partition. */
export interface LoadedRequest {
  policy: Policy
  trustFor: (region: string) => TrustConfig | undefined
  /** The Notation check over a region's trust; undefined when the run verifies no signature. */
  notationFor: (region: string, revocation: RevocationCheck) => Check | undefined
  /** The cosign check for a run (one kms:GetPublicKey per key for the run); absent when cosign is not asked for. */
  cosignFor?: (kmsFor: (region: string) => KmsPort | undefined, signal: AbortSignal) => Check
  /** cosign's keys and trusted root, read once; absent when cosign is not asked for. */
  cosign?: CosignConfig
  /** Build provenance with its trusted roots and bundle file, read once. */
  attestation?: LoadedAttestation
  /** The build provenance check, over the attestations API the adapter built (if any). */
  attestationFor?: (api: AttestationApi | undefined) => Check
  /** The repository posture checks of one region, over its ECR client; absent when every rule is off. */
  postureFor?: (ecr: EcrPort, signal: AbortSignal) => Check[]
}

/**
 * Validates the request and reads every file it names, before any AWS call. Trust is loaded once
 * for each AWS partition the images are in (the bundled AWS Signer root differs by partition).
 */
export async function loadRequest(request: GateRequest): Promise<LoadedRequest> {
  validateRequest(request)
  const { allowlistPath, allowlistEntries, ...rest } = request.policy
  // The allowlist parser (YAML) and the signature code (Notation, X.509, CBOR) are loaded only when a
  // run needs them: they are separate chunks of dist/, kept off the start-up path (cold start).
  const allowlist =
    allowlistPath !== undefined ? await (await import('../config/index.js')).loadAllowlist(allowlistPath) : [...(allowlistEntries ?? [])]
  const policy: Policy = { ...rest, allowlist }
  const trusts = new Map<Partition, TrustConfig | undefined>()
  const notation = request.notation
  const signatures = notationRequested(notation) ? await import('../checks/signature/notation/index.js') : undefined
  for (const image of request.images) {
    const partition = partitionOf(image.region)
    if (trusts.has(partition)) continue
    trusts.set(
      partition,
      signatures !== undefined && notationRequested(notation)
        ? await signatures.loadTrustConfig({
            signingProfileArns: notation.signingProfileArns,
            partition,
            ...(notation.trustPolicyPath !== undefined ? { trustPolicyPath: notation.trustPolicyPath } : {}),
            ...(notation.trustStorePath !== undefined ? { trustStorePath: notation.trustStorePath } : {})
          })
        : undefined
    )
  }
  const trustFor = (region: string): TrustConfig | undefined => trusts.get(partitionOf(region))
  // cosign (sigstore-js) is a chunk of its own too, loaded only when cosign is asked for.
  const cosignModule = request.cosign !== undefined ? await import('../checks/signature/cosign/index.js') : undefined
  // One public-good root for the run: cosign and build provenance share its TUF refresh.
  const publicGood =
    cosignModule !== undefined || request.attestation !== undefined
      ? new (await import('../checks/sigstore/refresh.js')).PublicGoodRoots()
      : undefined
  const cosign =
    cosignModule !== undefined && request.cosign !== undefined ? await cosignModule.loadCosignConfig(request.cosign, publicGood) : undefined
  // Build provenance (sigstore-js and the GitHub claims) likewise.
  const attestationModules =
    request.attestation !== undefined
      ? { check: await import('../checks/attestation/index.js'), verify: await import('../checks/attestation/verify.js') }
      : undefined
  const attestation =
    attestationModules !== undefined && request.attestation !== undefined
      ? await attestationModules.check.loadAttestation(request.attestation, publicGood)
      : undefined
  // Repository posture (its rules and the ECR configuration reads) likewise, only when a rule is on.
  const posture = request.posture
  const postureModule = postureRequested(posture) ? await import('../checks/posture/posture.js') : undefined
  return {
    policy,
    trustFor,
    notationFor: (region, revocation) => {
      const trust = trustFor(region)
      return signatures !== undefined && trust !== undefined ? signatures.notationCheck(trust, revocation) : undefined
    },
    ...(cosignModule !== undefined && cosign !== undefined
      ? {
          cosign,
          cosignFor: (kmsFor: (region: string) => KmsPort | undefined, signal: AbortSignal) =>
            cosignModule.cosignCheck(cosign, cosignModule.kmsKeyResolver(kmsFor, signal))
        }
      : {}),
    ...(attestationModules !== undefined && attestation !== undefined
      ? {
          attestation,
          attestationFor: (api: AttestationApi | undefined) =>
            attestationModules.check.attestationCheck(attestation, {
              verify: attestationModules.verify.sigstoreBundleVerifier,
              ...(api !== undefined ? { api } : {})
            })
        }
      : {}),
    ...(postureModule !== undefined && postureRequested(posture)
      ? {
          postureFor: (ecr: EcrPort, signal: AbortSignal) => postureModule.postureChecks(posture, postureModule.postureReader(ecr, signal))
        }
      : {})
  }
}

/**
 * Gates every image of the request and returns one outcome per image, in request order. An image
 * that throws is that image's failure and never stops the others; an image not judged when the run
 * limit is reached fails with that reason. `decision` is `pass` only when every image passed.
 * `preloaded` is the request's `loadRequest`, when the caller already read its files.
 */
export async function runGate(request: GateRequest, ports: RunPorts, preloaded?: LoadedRequest): Promise<RunResult> {
  const loaded = preloaded ?? (await loadRequest(request))
  const { images } = request
  const limitSeconds = runTimeoutSeconds(request)
  const limit = runLimit(limitSeconds * 1000, ports.stop)
  const signal = limit.signal
  const checksByRegion = new Map<string, Check[]>()
  // One kms:GetPublicKey per key for the whole run, whichever images and regions use it.
  const cosign = loaded.cosignFor?.((region) => ports.clientsFor(region).kms, signal)
  const checksFor = (region: string): Check[] => {
    let checks = checksByRegion.get(region)
    if (checks === undefined) {
      const notationCheck = loaded.notationFor(region, signerRevocationCheck(ports.clientsFor(region).signer, { signal }))
      checks = notationCheck !== undefined ? [notationCheck] : []
      if (cosign !== undefined) {
        checks = checks.length > 0 ? [combinedSignatureCheck([...checks, cosign], request.signaturesRequired ?? 'all')] : [cosign]
      }
      // One reader per region: each repository's configuration is read once for the whole batch.
      if (loaded.postureFor !== undefined) checks.push(...loaded.postureFor(ports.clientsFor(region).ecr, signal))
      if (loaded.attestationFor !== undefined) checks.push(loaded.attestationFor(ports.attestationApi))
      checksByRegion.set(region, checks)
    }
    return checks
  }
  if (request.batch) ports.log.info(`Gating ${images.length} image(s), up to ${Limits.batchConcurrency} at a time`)
  try {
    const outcomes = await forEachLimited(images.length, Limits.batchConcurrency, async (i): Promise<ImageOutcome> => {
      const ref = images[i]!
      const log = request.batch ? ports.logFor(`[${i + 1}/${images.length} ${shortReference(ref.reference)}]`) : ports.log
      const plan: ImagePlan = {
        policy: loaded.policy,
        scan: request.scan,
        mode: request.mode,
        checks: checksFor(ref.region),
        failFast: request.failFast ?? true
      }
      try {
        const verdict = await Promise.race([
          gateImage(ref, plan, {
            clients: ports.clientsFor(ref.region),
            now: ports.now,
            sleep: ports.sleep,
            log,
            ...(ports.random ? { random: ports.random } : {}),
            ...(ports.fetch ? { fetch: ports.fetch } : {}),
            signal
          }),
          limit.reached.then((stopped) => {
            throw new Error(
              stopped !== undefined
                ? `${stopped} before this image was judged`
                : `the run limit of ${limitSeconds} s ('${Setting.Timeout}') was reached before this image was judged`
            )
          })
        ])
        if (request.batch) {
          log.info(verdict.decision === 'pass' ? `Deploy allowed: ${verdict.image.uri}` : `Deploy blocked: ${verdict.reasons.join('; ')}`)
        }
        return { reference: ref.reference, verdict }
      } catch (error) {
        const reason = ports.describeError(error)
        // Not a warning: the adapter gives every failed image of a batch one annotation of its own.
        if (request.batch) log.info(`Could not gate this image: ${reason}`)
        return { reference: ref.reference, error: reason }
      }
    })
    const decision = outcomes.length > 0 && outcomes.every((o) => 'verdict' in o && o.verdict.decision === 'pass') ? 'pass' : 'fail'
    return { decision, mode: request.mode, images: outcomes, batch: request.batch }
  } finally {
    limit.clear()
  }
}

/**
 * A timer for the whole run: `reached` settles when it fires (with undefined) or when `stop` aborts
 * (with the stop's reason); `signal` aborts then.
 */
function runLimit(ms: number, stop?: AbortSignal): { reached: Promise<string | undefined>; signal: AbortSignal; clear: () => void } {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const reached = new Promise<string | undefined>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('the run limit was reached'))
      resolve(undefined)
    }, ms)
    const onStop = (): void => {
      const reason = stop?.reason instanceof Error ? stop.reason.message : 'the run was stopped'
      controller.abort(new Error(reason))
      resolve(reason)
    }
    if (stop?.aborted === true) onStop()
    else stop?.addEventListener('abort', onStop, { once: true })
  })
  // Never an unhandled rejection, and never keeps the process alive once the run is over.
  return {
    reached,
    signal: controller.signal,
    clear: () => {
      if (timer !== undefined) clearTimeout(timer)
    }
  }
}

/** Runs `task(0..count-1)` with at most `limit` at a time; results in index order. */
async function forEachLimited<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count)
  let next = 0
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker))
  return results
}
