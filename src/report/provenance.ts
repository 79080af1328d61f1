/**
 * The "Build provenance" section of the summary and the JSON report, and the `attestation-status`
 * output, read from the image's `attestation` check result.
 */
import type { CheckResult, ImageOutcome, ImageVerdict } from '../core/types.js'

/** What the report shows of the build-provenance check. */
export interface ProvenanceReport {
  status: CheckResult['status']
  source?: string
  bundles?: number
  reasons: string[]
  /** What built the image (from the attestation that passed). */
  provenance?: Record<string, string>
  /** Every attestation that did not pass, with its reason. */
  rejected: string[]
}

/** `off` when build provenance is not checked, else the check's status. */
export type AttestationStatus = 'off' | CheckResult['status']

const PROVENANCE_FIELDS = [
  'instance',
  'repository',
  'workflow',
  'signer',
  'ref',
  'commit',
  'runUrl',
  'runnerEnvironment',
  'trigger',
  'visibility',
  'issuer',
  'attestedAt',
  'predicateType',
  'subjectName',
  'trustedRoot'
] as const

function checkOf(verdict: ImageVerdict): CheckResult | undefined {
  return verdict.checks.find((c) => c.kind === 'attestation')
}

/** The build-provenance report of a verdict; undefined when it was not checked. */
export function provenanceOf(verdict: ImageVerdict): ProvenanceReport | undefined {
  const check = checkOf(verdict)
  if (check === undefined) return undefined
  const e = check.evidence as Record<string, unknown>
  const out: ProvenanceReport = {
    status: check.status,
    reasons: [...check.reasons],
    rejected: Array.isArray(e.rejected) ? e.rejected.filter((r): r is string => typeof r === 'string') : []
  }
  if (typeof e.source === 'string') out.source = e.source
  if (typeof e.bundles === 'number') out.bundles = e.bundles
  const p = e.provenance as Record<string, unknown> | undefined
  if (p !== undefined && typeof p === 'object') {
    const provenance: Record<string, string> = {}
    for (const key of PROVENANCE_FIELDS) if (typeof p[key] === 'string') provenance[key] = p[key]
    out.provenance = provenance
  }
  return out
}

/** The attestation status of one verdict. */
export function verdictAttestationStatus(verdict: ImageVerdict): AttestationStatus {
  return checkOf(verdict)?.status ?? 'off'
}

/**
 * The `attestation-status` of a run: `off` when no image was checked; `verified` only when every image
 * verified; else the first other status in input order (an image that could not be gated is `error`).
 */
export function runAttestationStatus(outcomes: readonly ImageOutcome[]): AttestationStatus {
  const statuses = outcomes.map((o) => ('verdict' in o ? verdictAttestationStatus(o.verdict) : undefined))
  if (statuses.every((s) => s === 'off' || s === undefined)) return 'off'
  const other = statuses.find((s) => s !== 'verified')
  if (other === undefined) return 'verified'
  return other === 'off' ? 'error' : (other ?? 'error')
}
