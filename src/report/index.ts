/** Pure renderers of a `ImageVerdict`: the job summary, the JSON report and SARIF. */
export { escapeMarkdown, escapeMarkdownKeepingRefs, codeSpan, advisoryUrl, advisoryLink, escapeSarifText, plainLine } from './escape.js'
export { renderSummary, renderSummaryParts, type SummaryOptions } from './summary.js'
export { renderJsonReport, runContextFromEnv, findingRef, REPORT_SCHEMA_VERSION, TOOL, type RunContext } from './json-report.js'
export { renderSarif, renderErrorSarif, SARIF_MAX_RESULTS, FINGERPRINT_KEY } from './sarif.js'
export {
  renderBatchSummary,
  renderBatchReport,
  renderBatchSarif,
  batchResults,
  deployableUri,
  batchDecision,
  batchSignatureStatus,
  type BatchOutcome,
  type BatchResult,
  type BatchSummaryOptions
} from './batch.js'
export { signatureOf } from './signature.js'
export { renderRunSummary, renderRunSummaryParts, renderRunReport, renderRunSarif, type RunSummaryOptions } from './run.js'
export { renderErrorReport, renderErrorSummary } from './error-summary.js'
export { appendSummaryFile, writeJsonFile, writeReportFile } from './write.js'
export { postureOf, postureJson, runPostureStatus, verdictPostureStatus, type PostureRow, type PostureStatus } from './posture.js'
export {
  provenanceOf,
  runAttestationStatus,
  verdictAttestationStatus,
  type AttestationStatus,
  type ProvenanceReport
} from './provenance.js'
