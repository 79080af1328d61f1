/** Cleaning of untrusted text (scanner output, AWS messages) before it reaches logs and reports: one implementation. */

/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const CONTROL_RUNS = /[\u0000-\u001f\u007f]+/g
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b-\u001f\u007f]/g
/* eslint-enable no-control-regex */

/**
 * Trims `text` and cuts it at `max` characters (marking the cut with `…`). Control characters are
 * replaced by one space per run, or, with `keepLineBreaks`, dropped except tab and newline (for
 * multi-line text such as finding descriptions).
 */
export function cleanText(text: string, max: number, options: { keepLineBreaks?: boolean } = {}): string {
  const flat = (options.keepLineBreaks ? text.replace(CONTROL_BUT_LINE_BREAKS, '') : text.replace(CONTROL_RUNS, ' ')).trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
