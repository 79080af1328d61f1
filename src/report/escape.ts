/**
 * Making untrusted text (finding titles, package names, AWS error messages, allowlist reasons)
 * inert before it reaches GitHub-flavoured markdown, and the only place advisory links are built.
 */

/** Default cap on one escaped value, in characters of the original text. */
export const DEFAULT_MAX_LENGTH = 300

/**
 * Control characters (C0, DEL, C1), line/paragraph separators, and the bidi/zero-width formatting
 * characters that can make text read differently from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g

/**
 * HTML-significant characters become entities; markdown metacharacters get a backslash (GFM
 * honours a backslash before any ASCII punctuation, also inside table cells, where `\|` keeps a
 * pipe from splitting the cell).
 */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\\': '\\\\',
  '`': '\\`',
  '*': '\\*',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '[': '\\[',
  ']': '\\]',
  '(': '\\(',
  ')': '\\)',
  '#': '\\#',
  '+': '\\+',
  '-': '\\-',
  '!': '\\!',
  '|': '\\|',
  '~': '\\~',
  // A zero-width joiner after @ stops GitHub from turning @user or @org/team into a mention.
  '@': '@\u200d'
}
const METACHARS = /[&<>"'\\`*_{}[\]()#+\-!|~@]/g

/**
 * Collapses untrusted text to one printable line: control and formatting characters and newlines
 * become spaces, runs of whitespace one space, and the result is cut to `maxLength` code points
 * with an ellipsis. The cut happens first so escaping a huge string costs no more than a short one.
 */
export function plainLine(text: string | number | boolean | null | undefined, maxLength: number = DEFAULT_MAX_LENGTH): string {
  let s = typeof text === 'string' ? text : String(text ?? '')
  const max = Math.max(1, Math.floor(maxLength))
  // Pre-cut generously (a code point is at most 2 UTF-16 units, whitespace may collapse) so that
  // a 1 MB string is never scanned whole.
  if (s.length > max * 4 + 16) s = s.slice(0, max * 4 + 16)
  s = s.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim()
  const points = Array.from(s)
  if (points.length > max)
    return `${points
      .slice(0, max - 1)
      .join('')
      .trimEnd()}…`
  return s
}

/**
 * Escapes untrusted text for GitHub-flavoured markdown inside table cells and list items:
 * strips control characters and newlines (to spaces), caps the length (default 300 characters,
 * with an ellipsis), HTML-escapes `< > & " '`, backslash-escapes the markdown metacharacters
 * `\ ` * _ { } [ ] ( ) # + - ! | ~`, and neutralises @mentions and bare-URL autolinks (`https://…`,
 * `www.…`) with a zero-width joiner.
 * Never put the result inside a code span: backslashes are literal there.
 */
export function escapeMarkdown(text: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  return escapeInline(plainLine(text, maxLength))
}

/** The escaping of `escapeMarkdown` on text already made one plain line. */
function escapeInline(line: string): string {
  return (
    line
      .replace(METACHARS, (c) => REPLACEMENTS[c] ?? c)
      // GFM turns bare `scheme://…` and `www.…` into links; a zero-width joiner keeps them text.
      .replace(/:\/\//g, ':\u200d//')
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200d.`)
  )
}

/**
 * An inline code span holding `text` exactly (made one plain line, capped): what a person copies
 * from it is the value, with nothing inserted — no mention or autolink is formed inside a code span.
 * In a table cell (`inTable`) a pipe is backslash-escaped, which GFM renders as a plain pipe.
 */
export function codeSpan(text: string, maxLength: number = DEFAULT_MAX_LENGTH, options: { inTable?: boolean } = {}): string {
  let line = plainLine(text, maxLength)
  if (options.inTable) line = line.replace(/\|/g, '\\|')
  const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${line}${pad}${fence}`
}

/** ECR image URIs (with tag and/or digest), `repository[:tag]@sha256:…` references and bare digests. */
const COPYABLE =
  /\b\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?|[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}|\bsha256:[0-9a-f]{64}/g

/**
 * `escapeMarkdown`, except that image references and digests inside the text (the values a person
 * copies into a deploy) are put in code spans verbatim instead of being escaped.
 */
export function escapeMarkdownKeepingRefs(
  text: string,
  maxLength: number = DEFAULT_MAX_LENGTH,
  options: { inTable?: boolean } = {}
): string {
  const line = plainLine(text, maxLength)
  let out = ''
  let last = 0
  for (const match of line.matchAll(COPYABLE)) {
    out += escapeInline(line.slice(last, match.index)) + codeSpan(match[0], match[0].length, options)
    last = match.index + match[0].length
  }
  return out + escapeInline(line.slice(last))
}

/**
 * Escapes text for a SARIF plain-text `message`/`description`: SARIF (§3.11.5) lets `[` `]` form
 * links to related locations, and the backslash escapes them.
 */
export function escapeSarifText(text: string | number | boolean | null | undefined, maxLength: number = 1000): string {
  return plainLine(text, maxLength).replace(/[\\[\]]/g, (c) => `\\${c}`)
}

const CVE = /^CVE-\d{4}-\d{4,7}$/i
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i
/** Amazon Linux 1 (ALAS-), 2 (ALAS2-), 2023 (ALAS2023-) advisories, which the ALAS site files per release. */
const ALAS = /^ALAS(2|2023)?-(\d{4})-(\d{1,6})$/i
const GO = /^GO-\d{4}-\d{4,6}$/i
const RUSTSEC = /^RUSTSEC-\d{4}-\d{4}$/i

/**
 * Advisory link for a vulnerability id, built only from ids that match a strict pattern (so the
 * URL cannot carry anything else): CVE → NVD, GHSA → GitHub advisories, ALAS/ALAS2/ALAS2023 →
 * the Amazon Linux security center, GO → pkg.go.dev, RUSTSEC → rustsec.org. Undefined for
 * anything else; the renderer then shows the escaped id as plain text.
 */
export function advisoryUrl(id: string): string | undefined {
  if (typeof id !== 'string') return undefined
  if (CVE.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`
  if (GHSA.test(id)) return `https://github.com/advisories/GHSA-${id.slice(5).toLowerCase()}`
  const alas = ALAS.exec(id)
  if (alas) {
    // The site's file names: AL1 /ALAS-…, AL2 /AL2/ALAS-… (prefix without the 2), AL2023 /AL2023/ALAS2023-….
    const [, release, year, number] = alas
    if (release === undefined) return `https://alas.aws.amazon.com/ALAS-${year}-${number}.html`
    if (release === '2') return `https://alas.aws.amazon.com/AL2/ALAS-${year}-${number}.html`
    return `https://alas.aws.amazon.com/AL2023/ALAS2023-${year}-${number}.html`
  }
  if (GO.test(id)) return `https://pkg.go.dev/vuln/${id.toUpperCase()}`
  if (RUSTSEC.test(id)) return `https://rustsec.org/advisories/${id.toUpperCase()}.html`
  return undefined
}

/** A markdown link to the advisory for `id`, or the escaped id when no safe link can be built. */
export function advisoryLink(id: string): string {
  const url = advisoryUrl(id)
  const label = escapeMarkdown(id, 80)
  return url === undefined ? label : `[${label}](${url})`
}
