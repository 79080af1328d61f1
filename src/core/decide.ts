/**
 * The verdict: pure, fail-closed. A `pass` needs every scanned digest done, every finding collection
 * complete, no policy violation and, when signatures are required, a verified signature.
 */
import type { PolicyResult, ScanState, SignatureResult } from './types.js'

/** What `decide` needs beyond the stage results. */
export interface DecideInput {
  scans: ScanState[]
  /** Digests whose findings could not be read completely, with why. */
  findingErrors: { digest: string; platform?: string; reason: string }[]
  policy: PolicyResult
  signature: SignatureResult
  /** Whether a signature input was given (then anything but `verified` fails, unless the trust policy level says audit/skip). */
  signatureRequired: boolean
}

/** Returns the decision and every reason it is `fail` (empty for `pass`). */
export function decide(input: DecideInput): { decision: 'pass' | 'fail'; reasons: string[] } {
  const reasons: string[] = []
  if (input.scans.length === 0) reasons.push('No image digest was scanned, so nothing can be judged')
  for (const scan of input.scans) {
    if (scan.done && (scan.status === 'COMPLETE' || scan.status === 'ACTIVE')) continue
    reasons.push(`${label(scan.digest, scan.platform)}: ${scanReason(scan)}`)
  }
  for (const error of input.findingErrors) {
    reasons.push(`${label(error.digest, error.platform)}: findings could not be read completely: ${error.reason}`)
  }
  for (const v of input.policy.violations) {
    const ids = [...new Set(v.findings.map((f) => f.id))]
    const shown = ids.slice(0, 5).join(', ') + (ids.length > 5 ? ` (+${ids.length - 5} more)` : '')
    reasons.push(
      `${v.count} ${v.severity} finding${v.count === 1 ? '' : 's'} counted, '${v.rule}' allows ${v.limit}: ${shown}`
    )
  }
  const sig = input.signature
  if (input.signatureRequired && sig.status !== 'verified') {
    // Notation semantics: `skip` verifies nothing; `audit` records authenticity, expiry and revocation
    // failures without enforcing them, but integrity (an `invalid` signature) is enforced at every level.
    const notEnforced = sig.level === 'skip' || (sig.level === 'audit' && sig.status !== 'invalid' && sig.status !== 'missing')
    if (!notEnforced) {
      reasons.push(`Signature ${sig.status}${sig.reason ? `: ${sig.reason}` : ''}`)
    }
  }
  return { decision: reasons.length === 0 ? 'pass' : 'fail', reasons }
}

/** `linux/arm64 (sha256:0123456789ab)` or just the short digest. */
export function label(digest: string, platform?: string): string {
  const short = digest.slice(0, 19)
  return platform ? `${platform} (${short})` : short
}

function scanReason(scan: ScanState): string {
  const detail = scan.description ? `: ${scan.description}` : ''
  switch (scan.status) {
    case 'TIMEOUT':
      return `scan did not finish before scan-timeout${detail}`
    case 'SCAN_NOT_FOUND':
      return `no scan was found for this image${detail}`
    case 'ERROR':
      return `scan status could not be read${detail}`
    case 'COMPLETE':
    case 'ACTIVE':
      return `scan findings did not settle${detail}`
    default:
      return `scan status ${scan.status}${detail}`
  }
}
