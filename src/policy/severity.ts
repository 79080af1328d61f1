/** Severity ranking shared by the policy and the report renderers. */
import type { Severity, SeverityCounts, ThresholdSeverity } from '../core/types.js'

const RANK: Readonly<Record<string, number>> = {
  CRITICAL: 4,
  HIGH: 3,
  MEDIUM: 2,
  LOW: 1,
  INFORMATIONAL: 0,
  UNTRIAGED: 0,
  UNDEFINED: 0
}

/**
 * Numeric rank of a severity: CRITICAL 4 > HIGH 3 > MEDIUM 2 > LOW 1 > INFORMATIONAL 0.
 * UNTRIAGED and UNDEFINED rank with INFORMATIONAL (Inspector uses them for findings it has not
 * scored). A string outside the type (only possible through an unchecked cast) also ranks 0, like
 * UNDEFINED; as a threshold that means "everything counts", the fail-closed reading.
 */
export function severityRank(s: Severity): number {
  return RANK[s] ?? 0
}

/** The severities a user may name as `severity-threshold`, highest first. */
export const THRESHOLD_SEVERITIES: readonly ThresholdSeverity[] = Object.freeze([
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL'
] as const)

/** The `SeverityCounts` key a finding is tallied under (UNTRIAGED/UNDEFINED → informational). */
export function severityKey(s: Severity): keyof SeverityCounts {
  switch (severityRank(s)) {
    case 4:
      return 'critical'
    case 3:
      return 'high'
    case 2:
      return 'medium'
    case 1:
      return 'low'
    default:
      return 'informational'
  }
}

/** A fresh all-zero `SeverityCounts`. */
export function zeroCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }
}
