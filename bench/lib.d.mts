// Types for bench/lib.mjs, so the TypeScript smoke test can import it.

export interface Bound {
  max?: number
  min?: number
}
export interface Stats {
  median: number
  min: number
  max: number
  n: number
}
export type Unit = 'ms' | 'bytes' | 'count' | 'x' | 'per-min'

export const TARGETS: {
  decisionLagMs: Bound
  lagRatioVsCli: Bound
  requestsPerMinuteWaiting: Bound
  minPollGapMs: Bound
  findings10kWallMs: Bound
  findings10kRssBytes: Bound
  findings50kRssBytes: Bound
  coldStartMs: Bound
  signatureRequests: Bound
  signatureCpuMs: Bound
  cosignCpuMs: Bound
  cosignRequests: Bound
}
export const SCAN_FINDINGS_PAGE_LIMIT: number
export const SUMMARY_LIMIT_BYTES: number
export function median(values: number[]): number
export function summarize(values: number[]): Stats
export function minimumRequests(input: { findingsPerPlatform: number[]; fixedRequests?: number; pageLimit?: number }): {
  scanRequests: number
  total: number
}
export function splitFindings(total: number, platforms: number): number[]
export function perMinute(count: number, durationMs: number): number
export function minGap(times: number[]): number
export function checkTarget(value: number, target: Bound): { met: boolean; missedBy?: number; missedByPct?: number }
export function formatValue(value: number, unit: Unit): string
export function formatSummary(s: Stats, unit: Unit): string
export function formatTarget(value: number, target: Bound, unit: Unit): string
export function formatTable(headers: string[], rows: (string | number)[][]): string
export function parseArgs(argv: string[]): { runs: number; quick: boolean; cli: boolean; out?: string; only?: string }
export const BENCH_SECTIONS: string[]
export function statusPolls<C extends { service: string; operation: string; digest?: string; page?: boolean }>(calls: C[]): C[]
