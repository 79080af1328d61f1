/**
 * Scan coverage, read before the wait: whether the registry's scanning rules cover the image's
 * repository at all. A repository no rule covers (scan frequency MANUAL) never gets a scan by
 * itself, so waiting for one would burn the whole `scan-timeout`; the wait then fails at once when
 * ECR has no scan of the image, with the fix. Only the caller's own registry can be asked.
 */
import type { EcrPort } from '../aws/ecr.js'
import { errorMessage } from '../core/errors.js'
import type { Logger, SignalOption } from '../core/ports.js'
import { Setting } from '../core/settings.js'
import type { ScanType } from '../core/types.js'

/** What `readScanFrequency` found: the repository's scan frequency (absent: not listed), or why it could not be read. */
export type ScanFrequencyRead = { frequency?: string } | { error: string }

/**
 * Reads the scan frequency of `repository` in the caller's own registry (ecr:BatchGetRepositoryScanningConfiguration).
 * Never rejects: a failed read is `{ error }`, so it can start before it is known whether its answer
 * is needed. It logs nothing; `coverageReason` does.
 */
export async function readScanFrequency(ecr: EcrPort, repository: string, options: SignalOption = {}): Promise<ScanFrequencyRead> {
  try {
    const response = await ecr.batchGetRepositoryScanningConfiguration({ repositoryNames: [repository] }, options)
    const frequency = response.scanningConfigurations?.find((c) => c.repositoryName === repository)?.scanFrequency
    return frequency !== undefined ? { frequency } : {}
  } catch (error) {
    return { error: errorMessage(error) }
  }
}

/**
 * Why no scan will come for a repository, with the fix, or undefined when one may: the repository
 * is covered, `start-scan` will start a basic scan, or the configuration could not be read (then the
 * wait decides, as before: nothing is skipped).
 */
export function coverageReason(
  read: ScanFrequencyRead,
  repository: string,
  scanType: ScanType,
  startScan: boolean,
  log: Logger
): string | undefined {
  if ('error' in read) {
    log.info(`Could not read the scanning configuration of ${repository}, so waiting for its scan as usual: ${read.error}`)
    return undefined
  }
  const frequency = read.frequency
  if (frequency === undefined) return undefined
  log.info(`Repository ${repository}: ${scanType} scanning, scan frequency ${frequency}`)
  if (frequency !== 'MANUAL') return undefined
  if (scanType === 'ENHANCED') {
    return `repository '${repository}' is not covered by the registry's enhanced scanning rules (scan frequency MANUAL), so Amazon Inspector will never scan this image; add a rule whose filter matches '${repository}' (ECR console → Private registry → Settings → Scanning, or aws ecr put-registry-scanning-configuration), then push the image again`
  }
  if (startScan) {
    log.info(`Repository ${repository} has no scan on push: the gate starts a basic scan ('${Setting.StartScan}' is true)`)
    return undefined
  }
  return `repository '${repository}' has no scan on push (scan frequency MANUAL) and '${Setting.StartScan}' is false, so no scan of this image will come; set '${Setting.StartScan}' to true, or turn on scan on push (aws ecr put-image-scanning-configuration --repository-name ${repository} --image-scanning-configuration scanOnPush=true)`
}
