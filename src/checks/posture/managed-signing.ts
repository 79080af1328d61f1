/**
 * `managed-signing`: ECR managed signing (2025) signs images at push with an AWS Signer profile when
 * a rule of the registry's signing configuration covers the repository (no filters: every
 * repository; `WILDCARD_MATCH` filters are anchored globs where `*` is any run). The rule passes
 * when a rule covers the repository and the deployed image's signing status is `COMPLETE` for every
 * profile that covers it. The signing configuration describes only the caller's own registry, so
 * another account's repository is `unknown`.
 */
import { registryFlag } from './facts.js'
import type { RuleFinding } from './rules.js'
import { globMatches } from './wildcard.js'

/** One rule of GetSigningConfiguration. */
export interface SigningRuleFacts {
  signingProfileArn: string
  /** Empty: every repository. */
  filters: string[]
}

/** What GetSigningConfiguration says about the caller's own registry (`rules` empty when it has none). */
export interface SigningFacts {
  registryId: string
  rules: SigningRuleFacts[]
}

/** One entry of DescribeImageSigningStatus. */
export interface ImageSigningFacts {
  signingProfileArn: string
  status: string
  failureReason?: string
}

/** The profiles whose rule covers `repository`. */
export function signingProfilesFor(config: SigningFacts, repository: string): string[] {
  return [
    ...new Set(
      config.rules
        .filter((r) => r.filters.length === 0 || r.filters.some((f) => globMatches(f, repository)))
        .map((r) => r.signingProfileArn)
    )
  ]
}

/**
 * Judges managed signing: `config` is the caller's registry configuration, `statuses` the image's
 * signing statuses (read only when a rule covers the repository; `undefined` otherwise).
 */
export function evaluateManagedSigning(
  config: SigningFacts,
  registryId: string,
  repository: string,
  digest: string,
  statuses: readonly ImageSigningFacts[] | undefined
): RuleFinding {
  if (config.registryId !== registryId) {
    return {
      outcome: 'unknown',
      reason: `unknown: the signing configuration of registry ${registryId} is not readable from this account (${config.registryId})`
    }
  }
  const profiles = signingProfilesFor(config, repository)
  if (profiles.length === 0) {
    return {
      outcome: 'fail',
      reason:
        config.rules.length === 0
          ? 'the registry has no managed signing configuration, so images are not signed at push'
          : `no managed signing rule of the registry covers the repository (${config.rules.length} rule(s))`,
      fix: `aws ecr put-signing-configuration --signing-configuration '{"rules":[{"signingProfileArn":"<signer-profile-arn>","repositoryFilters":[{"filterType":"WILDCARD_MATCH","filter":"${repository}"}]}]}' (this replaces the existing rules: include them), then push the image again`
    }
  }
  const list = statuses ?? []
  const details = list.map((s) => `${s.signingProfileArn}: ${s.status}${s.failureReason !== undefined ? ` (${s.failureReason})` : ''}`)
  const problems = profiles.flatMap((arn) => {
    const s = list.find((x) => x.signingProfileArn === arn)
    if (s === undefined) return [`no signature with ${arn} (the image was pushed before signing covered the repository)`]
    if (s.status === 'COMPLETE') return []
    if (s.status === 'IN_PROGRESS') return [`signing with ${arn} is still in progress`]
    return [
      `signing with ${arn} ${s.status === 'FAILED' ? 'failed' : `is ${s.status}`}${s.failureReason !== undefined ? `: ${s.failureReason}` : ''}`
    ]
  })
  if (problems.length === 0)
    return { outcome: 'pass', reason: `managed signing is complete for ${profiles.length} signing profile(s)`, details }
  return {
    outcome: 'fail',
    reason: problems.join('; '),
    fix: `check with aws ecr describe-image-signing-status --repository-name ${repository}${registryFlag(registryId)} --image-id imageDigest=${digest}; push the image again once the pushing identity may sign with the profile (signer:SignPayload)`,
    details
  }
}
