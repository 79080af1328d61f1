/**
 * `scan-configured` (Security Hub ECR.1): new pushes to the repository are scanned, by the registry's
 * scanning rules or (basic scanning only) the repository's own scan-on-push flag. Registry rules are
 * matched as ECR does: a filter without `*` matches names that contain it, one with `*` is a glob;
 * under enhanced scanning a continuous rule wins over a scan-on-push rule, and a repository no rule
 * matches has scanning disabled. The registry configuration describes only the caller's own
 * registry, so another account's repository is `unknown`.
 */
import type { RegistryScanningFacts, RepositoryFacts } from './facts.js'
import type { RuleFinding } from './rules.js'
import { scanFilterMatches } from './wildcard.js'

/** The scanning the repository gets, as a frequency, and the filter that gave it. */
export function effectiveScanFrequency(
  scanning: RegistryScanningFacts,
  repository: string,
  repoScanOnPush: boolean | undefined
): { frequency: 'CONTINUOUS_SCAN' | 'SCAN_ON_PUSH' | 'MANUAL'; via?: string } {
  const match = (frequency: string): string | undefined => {
    for (const rule of scanning.rules) {
      if (rule.frequency !== frequency) continue
      const hit = rule.filters.find((f) => scanFilterMatches(f, repository))
      if (hit !== undefined) return hit
    }
    return undefined
  }
  if (scanning.scanType === 'ENHANCED') {
    const continuous = match('CONTINUOUS_SCAN')
    if (continuous !== undefined) return { frequency: 'CONTINUOUS_SCAN', via: `registry filter '${continuous}'` }
  }
  const onPush = match('SCAN_ON_PUSH')
  if (onPush !== undefined) return { frequency: 'SCAN_ON_PUSH', via: `registry filter '${onPush}'` }
  if (scanning.scanType !== 'ENHANCED' && repoScanOnPush === true)
    return { frequency: 'SCAN_ON_PUSH', via: "the repository's own scan-on-push setting" }
  return { frequency: 'MANUAL' }
}

/** Judges whether the repository is covered by scanning. */
export function evaluateScanConfigured(scanning: RegistryScanningFacts, repo: RepositoryFacts): RuleFinding {
  if (scanning.registryId !== repo.registryId) {
    return {
      outcome: 'unknown',
      reason: `unknown: the scanning configuration of registry ${repo.registryId} is not readable from this account (${scanning.registryId})`
    }
  }
  if (scanning.scanType !== 'ENHANCED' && scanning.scanType !== 'BASIC') {
    return { outcome: 'error', reason: `unknown registry scan type '${scanning.scanType}'` }
  }
  const { frequency, via } = effectiveScanFrequency(scanning, repo.name, repo.scanOnPush)
  if (frequency !== 'MANUAL')
    return { outcome: 'pass', reason: `${scanning.scanType.toLowerCase()} scanning, ${frequency} by ${via ?? 'the registry'}` }
  const freq = scanning.scanType === 'ENHANCED' ? 'CONTINUOUS_SCAN' : 'SCAN_ON_PUSH'
  return {
    outcome: 'fail',
    reason: `no ${scanning.scanType.toLowerCase()} scanning rule of the registry matches the repository, so its images are not scanned on push`,
    fix: `aws ecr put-registry-scanning-configuration --scan-type ${scanning.scanType} --rules '[{"scanFrequency":"${freq}","repositoryFilters":[{"filter":"${repo.name}","filterType":"WILDCARD"}]}]' (this replaces the existing rules: include them)`
  }
}
