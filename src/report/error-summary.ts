/** The job summary and JSON report when the gate could not reach a verdict (bad input, image not resolvable). */
import { escapeMarkdown, escapeMarkdownKeepingRefs } from './escape.js'
import { REPORT_SCHEMA_VERSION, TOOL } from './json-report.js'

/** The first lines of every blocked-without-a-verdict summary: the heading, why, and the failure. */
export function blockedHead(lead: string, reason: string, mode: 'enforce' | 'audit' = 'enforce'): string[] {
  const heading = mode === 'audit' ? '## ❌ Would be blocked (audit mode)' : '## ❌ Deploy blocked'
  return [heading, '', lead, '', `- ${escapeMarkdownKeepingRefs(reason, 2000)}`, '']
}

/** A short, bounded summary that leads with the failure and says what to do next. */
export function renderErrorSummary(reason: string, options: { reportFile?: string; mode?: 'enforce' | 'audit' } = {}): string {
  const lines =
    options.mode === 'audit'
      ? blockedHead(
          'The gate could not reach a verdict, so an `enforce` run would block this deploy (fail closed). The job was not failed because `mode` is `audit`.',
          reason,
          'audit'
        )
      : blockedHead('The gate could not reach a verdict, so the deploy is blocked (fail closed).', reason)
  if (options.reportFile) lines.push(`JSON report: ${escapeMarkdown(options.reportFile, 500)}`, '')
  return lines.join('\n')
}

/** The JSON report when there is no verdict: `errorReport` in report.schema.json. */
export function renderErrorReport(reason: string, now: Date): object {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL.name, version: TOOL.version },
    decision: 'fail',
    error: true,
    reasons: [reason],
    evaluatedAt: now.toISOString()
  }
}
