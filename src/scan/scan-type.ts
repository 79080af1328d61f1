/** Which ECR scanning the registry uses (basic or enhanced), and the target of a scan. */
import { AwsCallError } from '../core/errors.js'
import { Setting } from '../core/settings.js'
import type { Logger, SignalOption } from '../core/ports.js'
import type { ScanType, ScanTypeSource } from '../core/types.js'
import type { EcrPort } from '../aws/ecr.js'
import { DEADLINE_EXCEEDED, wrapAwsError } from '../aws/errors.js'

/** One scanned digest: a single-platform image or one platform manifest of an index. */
export interface ScanTarget {
  registryId: string
  region: string
  repository: string
  /** `sha256:…` of the manifest that ECR scanned. */
  digest: string
  /** e.g. `linux/arm64/v8`; absent for a single-platform image. */
  platform?: string
}

/** `repo@sha256:… (platform)` for messages. */
export function describeTarget(target: ScanTarget): string {
  return `${target.repository}@${target.digest}${target.platform !== undefined ? ` (${target.platform})` : ''}`
}

/** The scan type to wait for and how it was known; `type` undefined: infer it from the image's scan. */
export interface ResolvedScanType {
  type?: ScanType
  source: ScanTypeSource
}

/**
 * The scan type to wait for. `enhanced`/`basic` are taken as given (`configured`). `auto` reads
 * `GetRegistryScanningConfiguration().scanningConfiguration.scanType` (`registry`). That API only
 * describes the caller's own registry, so if it answers for another registry than `registryId`
 * (cross-account image) the type is left undefined: the wait infers it from what ECR returns for the
 * image itself (`inferred`). `registryId` undefined means the caller's own registry (an image reference
 * without one), whichever account answers. Access denied names `ecr:GetRegistryScanningConfiguration`
 * and suggests setting `scan-type` explicitly. `options.signal` is passed to the call.
 */
export async function resolveScanType(
  ecr: EcrPort,
  requested: 'auto' | 'enhanced' | 'basic',
  registryId: string | undefined,
  log: Logger,
  options: SignalOption = {}
): Promise<ResolvedScanType> {
  if (requested === 'enhanced') return { type: 'ENHANCED', source: 'configured' }
  if (requested === 'basic') return { type: 'BASIC', source: 'configured' }
  let response
  try {
    response = await ecr.getRegistryScanningConfiguration({}, options)
  } catch (error) {
    const wrapped = wrapAwsError(error, {
      operation: 'GetRegistryScanningConfiguration',
      action: 'ecr:GetRegistryScanningConfiguration',
      what: 'read the registry scanning configuration'
    })
    if (wrapped.code === DEADLINE_EXCEEDED) throw wrapped
    throw new AwsCallError(
      `${wrapped.message}; or set '${Setting.ScanType}' to enhanced or basic instead of auto`,
      wrapped.code,
      wrapped.operation,
      { cause: wrapped.cause }
    )
  }
  const answeredFor = response.registryId
  if (answeredFor !== undefined && registryId !== undefined && answeredFor !== registryId) {
    log.info(
      `Registry ${registryId} is not the caller's (${answeredFor.slice(0, 32)}), whose scanning configuration is the only one ECR describes: inferring the scan type from the image's scan findings (set '${Setting.ScanType}' to skip this)`
    )
    return { source: 'inferred' }
  }
  const scanType = response.scanningConfiguration?.scanType
  if (scanType === 'ENHANCED' || scanType === 'BASIC') {
    log.info(`Registry ${registryId ?? answeredFor ?? '(the default registry of the credentials)'} uses ${scanType} scanning`)
    return { type: scanType, source: 'registry' }
  }
  throw new AwsCallError(
    `Could not read the registry scanning configuration: unexpected scan type '${String(scanType).slice(0, 32)}'; set '${Setting.ScanType}' to enhanced or basic`,
    'UnexpectedScanType',
    'GetRegistryScanningConfiguration'
  )
}
