/**
 * The signature section of the summary and the JSON report, read from the image's signature check.
 * The report's `signature` object keeps its shape (report.schema.json); a check that could not be
 * completed shows as `invalid` with its reason, as a failed fetch always has.
 */
import type { ImageVerdict, SignatureResult } from '../core/types.js'
import { signatureStatusOf } from '../core/signature-status.js'

/** The signature result of a verdict; `skipped` when no signature check ran. */
export function signatureOf(verdict: ImageVerdict): SignatureResult {
  const check = verdict.checks.find((c) => c.kind === 'signature')
  if (check === undefined) return { status: 'skipped', reason: 'no signature input given' }
  const evidence = check.evidence as Partial<SignatureResult>
  const status = signatureStatusOf(check.status)
  // A check that could not be completed has no verifier result as evidence: its reasons say why.
  if (typeof evidence.status !== 'string') return { status, ...(check.reasons.length > 0 ? { reason: check.reasons.join('; ') } : {}) }
  return { ...evidence, status }
}

/** One signature system's result, for the report when cosign (alone or with Notation) was checked. */
export interface SignatureSystemSummary {
  system: string
  status: string
  reasons: string[]
  /** The system's evidence as text: key or identity and issuer, tlog index and time, payload digest, … */
  evidence: Record<string, string>
}

/** Evidence keys shown per system, in this order. */
const SYSTEM_EVIDENCE_KEYS = [
  'signer',
  'key',
  'keyFingerprint',
  'identity',
  'issuer',
  'signingProfile',
  'signedAt',
  'tlogIndex',
  'integratedTime',
  'timestampTime',
  'payloadDigest',
  'layout',
  'envelope',
  'signatureDigest',
  'trustedRoot'
] as const

/**
 * Each signature system's result when the verdict's signature check is cosign's or a combination
 * of systems (`signatures-required`); undefined for Notation alone (its report keeps its shape).
 */
export function signatureSystems(verdict: ImageVerdict): SignatureSystemSummary[] | undefined {
  const check = verdict.checks.find((c) => c.kind === 'signature')
  if (check === undefined) return undefined
  const nested = (check.evidence as { systems?: unknown }).systems
  const results = Array.isArray(nested) ? (nested as typeof verdict.checks) : check.system === 'cosign' ? [check] : undefined
  return results?.map((r) => {
    const evidence: Record<string, string> = {}
    const source = r.evidence as Record<string, unknown>
    for (const key of SYSTEM_EVIDENCE_KEYS) if (typeof source[key] === 'string') evidence[key] = source[key]
    return { system: r.system ?? r.id, status: r.status, reasons: [...r.reasons], evidence }
  })
}

/** `all` or `any` when several signature systems were combined. */
export function signaturesRequiredOf(verdict: ImageVerdict): 'all' | 'any' | undefined {
  const check = verdict.checks.find((c) => c.kind === 'signature')
  const required = (check?.evidence as { required?: unknown } | undefined)?.required
  return required === 'all' || required === 'any' ? required : undefined
}
