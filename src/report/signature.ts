/**
 * The signature section of the summary and the JSON report, read from the image's signature check.
 * The report's `signature` object keeps its shape (report.schema.json); a check that could not be
 * completed shows as `invalid` with its reason, as a failed fetch always has.
 */
import type { CheckStatus, ImageVerdict, SignatureResult, SignatureStatus } from '../core/types.js'

const SIGNATURE_STATUSES: ReadonlySet<CheckStatus> = new Set<SignatureStatus>([
  'verified',
  'missing',
  'invalid',
  'untrusted',
  'revoked',
  'expired',
  'skipped'
])

/** The signature result of a verdict; `skipped` when no signature check ran. */
export function signatureOf(verdict: ImageVerdict): SignatureResult {
  const check = verdict.checks.find((c) => c.kind === 'signature')
  if (check === undefined) return { status: 'skipped', reason: 'no signature input given' }
  const evidence = check.evidence as Partial<SignatureResult>
  const status = SIGNATURE_STATUSES.has(check.status) ? (check.status as SignatureStatus) : 'invalid'
  // A check that could not be completed has no verifier result as evidence: its reasons say why.
  if (typeof evidence.status !== 'string') return { status, ...(check.reasons.length > 0 ? { reason: check.reasons.join('; ') } : {}) }
  return { ...evidence, status }
}
