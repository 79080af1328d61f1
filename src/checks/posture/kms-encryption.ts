/**
 * `kms-encryption` (Security Hub ECR.5): the repository is encrypted with a KMS key (`KMS` or
 * `KMS_DSSE`) rather than the default SSE-S3 (`AES256`). Encryption cannot be changed on an existing
 * repository, so the fix is a new one.
 */
import type { RepositoryFacts } from './facts.js'
import type { RuleFinding } from './rules.js'

/** Judges the repository's encryption configuration. */
export function evaluateKmsEncryption(repo: RepositoryFacts): RuleFinding {
  const type = repo.encryptionType ?? 'AES256'
  if (type === 'KMS' || type === 'KMS_DSSE') {
    return {
      outcome: 'pass',
      reason: `encrypted with ${type}${repo.kmsKey !== undefined ? ` (key ${repo.kmsKey})` : ' (the AWS managed key aws/ecr)'}`
    }
  }
  if (type === 'AES256') {
    return {
      outcome: 'fail',
      reason: 'encrypted with AES256 (SSE-S3), not a KMS key',
      fix: `encryption cannot be changed on an existing repository: create one with aws ecr create-repository --repository-name <new-name> --encryption-configuration encryptionType=KMS,kmsKey=<key-arn> and push the images there`
    }
  }
  return { outcome: 'error', reason: `unknown encryptionType '${type}'` }
}
