/**
 * The "Repository posture" section of the summary and the JSON report, and the `posture-status`
 * output, read from the image's `posture/<rule>` check results.
 */
import type { CheckResult, ImageOutcome, ImageVerdict } from '../core/types.js'

/** One rule's row: what it found, under which level, the control it maps to and the fix. */
export interface PostureRow {
  rule: string
  level: 'warn' | 'fail'
  /** The rule's own finding: pass, fail, warn, unknown or error. */
  outcome: string
  /** The check status after the level: passed, failed, warning or error. */
  status: CheckResult['status']
  enforced: boolean
  control: string
  reason: string
  fix?: string
  details?: string[]
}

/** `off` (no rule ran), `passed`, `warning` (a non-pass that does not deny) or `failed` (a rule denies). */
export type PostureStatus = 'off' | 'passed' | 'warning' | 'failed'

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback
}

/** The posture rows of a verdict, in check order; empty when posture is off. */
export function postureOf(verdict: ImageVerdict): PostureRow[] {
  return verdict.checks
    .filter((c) => c.kind === 'posture')
    .map((c) => {
      const e = c.evidence as Record<string, unknown>
      const row: PostureRow = {
        rule: text(e.rule, c.id.replace(/^posture\//, '')),
        level: e.level === 'warn' ? 'warn' : 'fail',
        outcome: text(e.outcome, c.status === 'passed' ? 'pass' : 'error'),
        status: c.status,
        enforced: c.enforced,
        control: text(e.control),
        // A check that threw has no rule evidence: its reasons say why.
        reason: text(e.reason, c.reasons.join('; '))
      }
      if (typeof e.fix === 'string') row.fix = e.fix
      if (Array.isArray(e.details)) row.details = e.details.filter((d): d is string => typeof d === 'string')
      return row
    })
}

/** The posture status of one verdict. */
export function verdictPostureStatus(verdict: ImageVerdict): PostureStatus {
  const rows = postureOf(verdict)
  if (rows.length === 0) return 'off'
  if (rows.some((r) => r.enforced && r.status !== 'passed')) return 'failed'
  if (rows.some((r) => r.status !== 'passed')) return 'warning'
  return 'passed'
}

/**
 * The `posture-status` of a run: `off` when no image ran a posture rule; else the worst image status,
 * where an image that could not be gated counts as `failed` (its posture was never checked).
 */
export function runPostureStatus(outcomes: readonly ImageOutcome[]): PostureStatus {
  const statuses = outcomes.map((o) => ('verdict' in o ? verdictPostureStatus(o.verdict) : undefined))
  if (statuses.every((s) => s === 'off' || s === undefined)) return 'off'
  if (statuses.some((s) => s === 'failed' || s === undefined)) return 'failed'
  if (statuses.some((s) => s === 'warning')) return 'warning'
  return 'passed'
}

/** The report's `posture` object: the status and every rule's row. */
export function postureJson(verdict: ImageVerdict): { status: PostureStatus; rules: PostureRow[] } {
  return { status: verdictPostureStatus(verdict), rules: postureOf(verdict) }
}
