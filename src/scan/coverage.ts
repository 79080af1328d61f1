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

/**
 * Why no scan will come for a repository, with the fix, or undefined when one may: the repository
 * is covered, `start-scan` will start a basic scan, or the configuration could not be read (then the
 * wait decides, as before: nothing is skipped).
 */
export async function notCoveredReason(
  ecr: EcrPort,
  repository: string,
  scanType: ScanType,
  startScan: boolean,
  log: Logger,
  options: SignalOption = {}
): Promise<string | undefined> {
  let frequency: string | undefined
  try {
    const response = await ecr.batchGetRepositoryScanningConfiguration({ repositoryNames: [repository] }, options)
    frequency = response.scanningConfigurations?.find((c) => c.repositoryName === repository)?.scanFrequency
  } catch (error) {
    log.info(`Could not read the scanning configuration of ${repository}, so waiting for its scan as usual: ${errorMessage(error)}`)
    return undefined
  }
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
