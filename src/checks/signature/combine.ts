/**
 * Several signature systems for one image (Notation and cosign): each is a check of its own, and
 * this check runs them together and reports their combination, so that `signature-status` and the
 * report's `signature` speak for all of them. `all` (the default) requires every system to verify;
 * `any` accepts the image when one verifies (for a team moving from one system to the other).
 */
import type { CheckResult, SignatureResult, SignatureStatus } from '../../core/types.js'
import { signatureStatusOf } from '../../core/signature-status.js'
import { checkAllows, runCheck, type Check } from '../check.js'

/** How the results of several signature systems combine. */
export type SignaturesRequired = 'all' | 'any'

/** The evidence of a combined signature check: the combined status and each system's result. */
export interface CombinedSignatureEvidence extends SignatureResult {
  required: SignaturesRequired
  systems: CheckResult[]
}

/** Id of the combined check in reports. */
export const SIGNATURES_CHECK_ID = 'signature'

function asSignatureStatus(result: CheckResult): SignatureStatus {
  return signatureStatusOf(result.status)
}

/** The combination of the systems' results under `required`. */
export function combineSignatureResults(results: CheckResult[], required: SignaturesRequired): CheckResult<CombinedSignatureEvidence> {
  const systems = results.map((r) => r.system ?? r.id).join('+')
  const failing = results.filter((r) => r.status !== 'verified')
  const allow = required === 'all' ? results.every(checkAllows) : results.some(checkAllows)
  const verified = required === 'all' ? failing.length === 0 : failing.length < results.length
  const first = failing[0]
  const status: SignatureStatus = verified || first === undefined ? 'verified' : asSignatureStatus(first)
  const describe = (r: CheckResult): string => `${r.system ?? r.id}: ${r.status}${r.reasons.length > 0 ? ` (${r.reasons.join('; ')})` : ''}`
  const reasons =
    status === 'verified'
      ? []
      : required === 'all'
        ? failing.map((r) => `${r.system ?? r.id} is required ('signatures-required: all'): ${r.reasons.join('; ') || r.status}`)
        : [`no signature system verified ('signatures-required: any'): ${results.map(describe).join('; ')}`]
  const evidence: CombinedSignatureEvidence = {
    status,
    required,
    systems: results,
    ...(status === 'verified' ? {} : { reason: reasons.join('; ') }),
    details: results.map(describe)
  }
  const signer = results.find((r) => r.status === 'verified')?.evidence as Partial<SignatureResult> | undefined
  if (status === 'verified' && signer?.signer !== undefined) evidence.signer = signer.signer
  return { id: SIGNATURES_CHECK_ID, kind: 'signature', system: systems, status, enforced: !allow, reasons, evidence }
}

/** One check that runs every signature system's check concurrently and combines their results. */
export function combinedSignatureCheck(checks: Check[], required: SignaturesRequired): Check {
  return {
    id: SIGNATURES_CHECK_ID,
    kind: 'signature',
    system: checks.map((c) => c.system ?? c.id).join('+'),
    title: 'Verify signatures',
    run: async (context) => combineSignatureResults(await Promise.all(checks.map((check) => runCheck(check, context))), required)
  }
}
