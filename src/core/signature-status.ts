/** A check's status as a signature status: a status no signature system reports is `invalid` (fail closed). */
import type { CheckStatus, SignatureStatus } from './types.js'

const SIGNATURE_STATUSES: ReadonlySet<CheckStatus> = new Set<SignatureStatus>([
  'verified',
  'missing',
  'invalid',
  'untrusted',
  'revoked',
  'expired',
  'skipped'
])

export function signatureStatusOf(status: CheckStatus): SignatureStatus {
  return SIGNATURE_STATUSES.has(status) ? (status as SignatureStatus) : 'invalid'
}
