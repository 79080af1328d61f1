/**
 * The plain-text result of a run for a terminal or a CI log: one line per image (verdict, image,
 * the digest-pinned URI to deploy or the first reasons), then the run's decision. No markup and no
 * control characters: every user-controlled text goes through `plainLine`.
 */
import type { RunResult } from '../core/types.js'
import { plainLine } from './escape.js'

/** The text result; `color` wraps the verdicts in ANSI colours (only for a terminal without NO_COLOR). */
export function renderRunText(result: RunResult, options: { color?: boolean } = {}): string {
  const paint = (code: string, text: string): string => (options.color === true ? `\u001b[${code}m${text}\u001b[39m` : text)
  const lines: string[] = []
  for (const o of result.images) {
    const ref = plainLine(o.reference, 300)
    if ('error' in o) {
      lines.push(`${paint('31', 'FAIL')}  ${ref}  could not be gated: ${plainLine(o.error, 2000)}`)
      continue
    }
    const v = o.verdict
    const c = v.policy.counts
    const counts = `critical ${c.critical}, high ${c.high}, medium ${c.medium}, low ${c.low}`
    if (v.decision === 'pass') lines.push(`${paint('32', 'PASS')}  ${ref}  ${v.image.uri}  (${counts})`)
    else {
      const shown = v.reasons.slice(0, 3).map((r) => plainLine(r, 500))
      const more = v.reasons.length > 3 ? ` (+${v.reasons.length - 3} more)` : ''
      lines.push(`${paint('31', 'FAIL')}  ${ref}  ${shown.join('; ')}${more}  (${counts})`)
    }
  }
  const failed = result.images.filter((o) => !('verdict' in o) || o.verdict.decision !== 'pass').length
  const audit = result.mode === 'audit' && result.decision === 'fail' ? ' (audit mode: reported, not enforced)' : ''
  lines.push(
    result.decision === 'pass'
      ? `Deploy allowed: ${result.images.length} image(s) passed`
      : `Deploy blocked: ${failed} of ${result.images.length} image(s) failed${audit}`
  )
  return `${lines.join('\n')}\n`
}
