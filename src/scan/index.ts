/**
 * Scanning: which scan type applies, the wait for a digest's scan, and the collection and
 * normalisation of its findings (plus Inspector2 enrichment). Judging findings is `policy/`'s job.
 */
export { resolveScanType, describeTarget, type ResolvedScanType, type ScanTarget } from './scan-type.js'
export { waitForScan, answerOfPage, backoffDelay, MAX_CONSECUTIVE_FAILURES, NOT_AWAITED, type WaitOptions } from './wait.js'
export {
  waitStep,
  waitPlan,
  initialWaitState,
  severityCountsKey,
  type WaitPlan,
  type WaitPacing,
  type WaitState,
  type WaitEvent,
  type WaitAction,
  type WaitStep,
  type WaitLogLine,
  type LastSeen
} from './wait-step.js'
export {
  collectFindings,
  findingsReader,
  readFindingsPage,
  normaliseBasicFinding,
  normaliseEnhancedFinding,
  normaliseSeverity,
  boundText,
  MAX_FINDING_PAGES,
  TextLimits
} from './findings.js'
export { enrichWithInspector } from './inspector.js'
export { coverageReason, readScanFrequency, type ScanFrequencyRead } from './coverage.js'
