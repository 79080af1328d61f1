/**
 * `kms-encryption` (Security Hub ECR.5): the repository is encrypted with a KMS key (`KMS` or
 * `KMS_DSSE`) rather than the default SSE-S3 (`AES256`); with `posture-allowed-kms-keys` set, the
 * key must also be one of the listed key ARNs (as ECR.5's `kmsKeyArns` parameter), so the AWS managed
 * key `aws/ecr` (no key on the repository) fails. Encryption cannot be changed on an existing
 * repository, so the fix is a new one.
 */
import type { RepositoryFacts } from './facts.js'
import type { RuleFinding } from './rules.js'

/** The key id of a key ARN (`arn:aws:kms:<region>:<account>:key/<id>`), or the text itself. */
function keyId(key: string): string {
  const m = /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:key\/(.+)$/.exec(key)
  return m?.[1] ?? key
}

/** Whether the repository's key is one of `allowed`: the same ARN, or the same key id in the same account and region. */
function keyAllowed(key: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => a === key || (key.startsWith('arn:') ? false : keyId(a) === key))
}

/** Judges the repository's encryption configuration; `allowedKeys` empty means any KMS key. */
export function evaluateKmsEncryption(repo: RepositoryFacts, allowedKeys: readonly string[] = []): RuleFinding {
  const type = repo.encryptionType ?? 'AES256'
  const create = `create a repository with aws ecr create-repository --repository-name <new-name> --encryption-configuration encryptionType=KMS,kmsKey=<key-arn> and push the images there`
  if (type === 'KMS' || type === 'KMS_DSSE') {
    const keyText = repo.kmsKey !== undefined ? `key ${repo.kmsKey}` : 'the AWS managed key aws/ecr'
    if (allowedKeys.length > 0 && (repo.kmsKey === undefined || !keyAllowed(repo.kmsKey, allowedKeys))) {
      return {
        outcome: 'fail',
        reason: `encrypted with ${type} under ${keyText}, which is not in posture-allowed-kms-keys`,
        fix: `encryption cannot be changed on an existing repository: ${create.replace('<key-arn>', allowedKeys[0] ?? '<key-arn>')}, or add the key to posture-allowed-kms-keys if it is trusted`,
        details: allowedKeys.map((k) => `allowed key: ${k}`)
      }
    }
    return {
      outcome: 'pass',
      reason: `encrypted with ${type} (${keyText})${allowedKeys.length > 0 ? ', an allowed key' : ''}`
    }
  }
  if (type === 'AES256') {
    return {
      outcome: 'fail',
      reason: 'encrypted with AES256 (SSE-S3), not a KMS key',
      fix: `encryption cannot be changed on an existing repository: ${create}`
    }
  }
  return { outcome: 'error', reason: `unknown encryptionType '${type}'` }
}
