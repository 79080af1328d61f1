/**
 * The parsed configuration the posture rules judge: plain data read from ECR by `posture.ts`, so
 * every rule is a pure function over it and is tested with tables.
 */

/** What DescribeRepositories says about one repository. */
export interface RepositoryFacts {
  registryId: string
  name: string
  /** `MUTABLE`, `IMMUTABLE`, `IMMUTABLE_WITH_EXCLUSION`, `MUTABLE_WITH_EXCLUSION`; absent means MUTABLE. */
  tagMutability?: string
  /** The `WILDCARD` filters of `imageTagMutabilityExclusionFilters`. */
  exclusionFilters: string[]
  /** `AES256`, `KMS`, `KMS_DSSE`; absent means AES256. */
  encryptionType?: string
  kmsKey?: string
  /** The repository's own (legacy) scan-on-push flag. */
  scanOnPush?: boolean
}

/** What GetRegistryScanningConfiguration says about the caller's own registry. */
export interface RegistryScanningFacts {
  /** The caller's own registry: the only one this call describes. */
  registryId: string
  scanType: string
  rules: { frequency: string; filters: string[] }[]
}

/** One piece of configuration as read: its value, or why it could not be read. */
export type Fact<T> =
  | { ok: true; value: T }
  | {
      ok: false
      /** `denied`: access denied (`action` is what to grant); `failed`: any other error. */
      problem: 'denied' | 'failed'
      action: string
      message: string
    }

/** The finding for a fact that could not be read: an `error` naming the IAM action when denied. */
export function unreadable(fact: Extract<Fact<unknown>, { ok: false }>, what: string): { outcome: 'error'; reason: string } {
  return fact.problem === 'denied'
    ? { outcome: 'error', reason: `could not read ${what}: access denied; grant ${fact.action}` }
    : { outcome: 'error', reason: `could not read ${what}: ${fact.message}` }
}

/** ` --registry-id <id>` for a fix command, or nothing. */
export function registryFlag(registryId: string | undefined): string {
  return registryId !== undefined && registryId !== '' ? ` --registry-id ${registryId}` : ''
}
