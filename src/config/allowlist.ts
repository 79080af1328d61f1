/**
 * The allowlist file: accepted findings, each with a reason and an expiry.
 *
 * ```yaml
 * vulnerabilities:
 *   - id: CVE-2023-4863            # required: CVE-…, GHSA-xxxx-xxxx-xxxx or PREFIX-… (ALAS2-…, GO-…)
 *     reason: "not reachable: we never decode WebP"   # required, non-empty
 *     expires: 2027-01-31          # required, YYYY-MM-DD (UTC); applies through that day
 *     package: libwebp             # optional: only when this package name is affected
 *     repository: "team-a/*"       # optional: glob on the ECR repository name
 * ```
 *
 * Validation is strict on purpose: an unknown key (say `packge:`) or a malformed value would
 * otherwise silently widen or narrow what is accepted, and this file is a security control.
 */
import { FileReadError, readBoundedFile } from './read-file.js'
import { parseDocument } from 'yaml'
import { SettingError, errorMessage } from '../core/errors.js'
import type { AllowlistEntry } from '../core/types.js'

/** Largest allowlist file accepted, in bytes. */
export const ALLOWLIST_MAX_BYTES = 1024 * 1024

/** The input that names the allowlist file; every error is reported against it. */
const INPUT = 'allowlist'

/** How many problems one error message lists before summarising the rest. */
const MAX_REPORTED_ERRORS = 10

const TOP_LEVEL_KEYS = new Set(['vulnerabilities'])
const ENTRY_KEYS = new Set(['id', 'reason', 'expires', 'package', 'repository'])

/** Keys of a trivy `.trivyignore.yaml` entry, which this format spells differently. */
const TRIVY_KEYS = new Set(['statement', 'expired_at', 'paths', 'purls'])
const TRIVY_HINT =
  'this looks like a trivy ignore file: here `statement` is `reason`, `expired_at` is `expires` (required) and `purls` is `package`; convert one with tools/trivyignore-to-allowlist.mjs (see docs/migrating-from-trivy.md)'

const CVE_ID = /^CVE-\d{4}-\d{4,}$/i
const GHSA_ID = /^GHSA(-[a-z0-9]{4}){3}$/i
const OTHER_ID = /^[A-Z][A-Z0-9]+-[A-Za-z0-9._:-]+$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** ECR repository names are lowercase `[a-z0-9._/-]`; `*` and `?` are the glob metacharacters. */
const REPOSITORY_GLOB = /^[a-z0-9._\-/*?]+$/
const MAX_FIELD_CHARS = 4096

/**
 * Canonical form of a vulnerability id: CVE ids upper-case, GHSA ids `GHSA-` plus lower-case
 * groups (GitHub's own spelling), anything else as written. Returns undefined for an id that
 * matches none of the accepted shapes.
 */
export function normaliseVulnerabilityId(id: string): string | undefined {
  if (CVE_ID.test(id)) return id.toUpperCase()
  if (GHSA_ID.test(id)) return `GHSA-${id.slice(5).toLowerCase()}`
  // A malformed CVE or GHSA id must not slip through as a generic advisory id.
  if (/^(CVE|GHSA)-/i.test(id)) return undefined
  if (OTHER_ID.test(id)) return id
  return undefined
}

/** A short, safe rendering of an offending value for an error message. */
function show(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString()
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : `a ${typeof value}`
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/** True for a real calendar date `YYYY-MM-DD` (rejects 2027-02-30). */
function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/**
 * `expires` as `YYYY-MM-DD`. YAML 1.1 documents (`%YAML 1.1`) turn an unquoted 2027-01-31 into a
 * Date at UTC midnight, YAML 1.2 (the default) keeps the string: both are accepted. A timestamp
 * with a time of day is refused, because the entry's granularity is a whole UTC day.
 */
function parseExpiry(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : undefined
  }
  if (typeof value === 'string' && isCalendarDate(value)) return value
  return undefined
}

/** Where an entry's problems are reported, e.g. `vulnerabilities[3].expires`. */
function at(index: number, field?: string): string {
  return field === undefined ? `vulnerabilities[${index}]` : `vulnerabilities[${index}].${field}`
}

function checkString(value: unknown, where: string, errors: string[]): string | undefined {
  if (typeof value !== 'string') {
    errors.push(`${where}: expected a string, got ${show(value)}`)
    return undefined
  }
  if (value.trim() === '') {
    errors.push(`${where}: must not be empty`)
    return undefined
  }
  if (value.length > MAX_FIELD_CHARS) {
    errors.push(`${where}: longer than ${MAX_FIELD_CHARS} characters`)
    return undefined
  }
  return value
}

function parseEntry(raw: unknown, index: number, errors: string[]): AllowlistEntry | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
    errors.push(`${at(index)}: expected a mapping with id, reason and expires, got ${show(raw)}`)
    return undefined
  }
  const record = raw as Record<string, unknown>
  const before = errors.length
  for (const key of Object.keys(record)) {
    if (!ENTRY_KEYS.has(key)) {
      errors.push(
        `${at(index, key)}: unknown key; allowed keys are id, reason, expires, package, repository${TRIVY_KEYS.has(key) ? ` (${TRIVY_HINT})` : ''}`
      )
    }
  }
  for (const key of ['id', 'reason', 'expires']) {
    if (!(key in record)) errors.push(`${at(index, key)}: required`)
  }

  let id: string | undefined
  if ('id' in record) {
    const text = checkString(record.id, at(index, 'id'), errors)
    if (text !== undefined) {
      id = normaliseVulnerabilityId(text)
      if (id === undefined) {
        errors.push(
          `${at(index, 'id')}: expected CVE-YYYY-NNNN, GHSA-xxxx-xxxx-xxxx or an advisory id like ALAS2-2024-1234, got ${show(text)}`
        )
      }
    }
  }
  const reason = 'reason' in record ? checkString(record.reason, at(index, 'reason'), errors) : undefined
  let expires: string | undefined
  if ('expires' in record) {
    expires = parseExpiry(record.expires)
    if (expires === undefined) {
      errors.push(`${at(index, 'expires')}: expected a date YYYY-MM-DD, got ${show(record.expires)}`)
    }
  }
  let pkg: string | undefined
  if ('package' in record) pkg = checkString(record.package, at(index, 'package'), errors)
  let repository: string | undefined
  if ('repository' in record) {
    repository = checkString(record.repository, at(index, 'repository'), errors)
    if (repository !== undefined && !REPOSITORY_GLOB.test(repository)) {
      errors.push(
        `${at(index, 'repository')}: expected an ECR repository name or glob (a-z 0-9 . _ - / and the wildcards * ?), got ${show(repository)}`
      )
      repository = undefined
    }
  }

  if (errors.length > before || id === undefined || reason === undefined || expires === undefined) return undefined
  const entry: AllowlistEntry = { id, reason: reason.trim(), expires }
  if (pkg !== undefined) entry.package = pkg
  if (repository !== undefined) entry.repository = repository
  return entry
}

function fail(source: string, errors: string[]): never {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => `${source}: ${e}`)
  if (errors.length > MAX_REPORTED_ERRORS) shown.push(`${source}: … and ${errors.length - MAX_REPORTED_ERRORS} more problems`)
  throw new SettingError(INPUT, shown.join('\n'))
}

/**
 * Deepest `[`/`{` nesting accepted. The YAML parser recurses once per flow level; thousands of levels
 * exhaust the stack, and at some depths V8 then aborts the whole process (a fatal "out of memory" in
 * its regexp compiler) instead of throwing, so the file is refused before it reaches the parser.
 */
const MAX_FLOW_DEPTH = 64

/** Whether brackets nest deeper than {@link MAX_FLOW_DEPTH}; counts inside quotes too, which only errs towards refusing. */
function flowDepthExceeded(text: string): boolean {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x5b || c === 0x7b) {
      depth += 1
      if (depth > MAX_FLOW_DEPTH) return true
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth -= 1
    }
  }
  return false
}

/**
 * Parses and validates the allowlist YAML (schema in this module's header). `source` names the
 * file in error messages. Throws only `SettingError('allowlist', …)`, whose message names the entry
 * index and field of every problem, e.g.
 * `allow.yml: vulnerabilities[3].expires: expected a date YYYY-MM-DD, got "tomorrow"`.
 * Unknown keys and duplicate id+package+repository entries are errors. An empty file,
 * `vulnerabilities:` or `vulnerabilities: []` is a valid empty allowlist.
 */
export function parseAllowlist(text: string, source: string): AllowlistEntry[] {
  if (typeof text !== 'string') fail(source, ['expected text'])
  // Bound before parsing: the file is user-controlled and YAML parsing is superlinear in places.
  if (text.length > ALLOWLIST_MAX_BYTES || Buffer.byteLength(text, 'utf8') > ALLOWLIST_MAX_BYTES) {
    fail(source, [`larger than ${ALLOWLIST_MAX_BYTES} bytes`])
  }

  if (flowDepthExceeded(text)) fail(source, [`brackets nested more than ${MAX_FLOW_DEPTH} deep; an allowlist needs no such nesting`])

  let data: unknown
  try {
    // uniqueKeys: a repeated key in YAML silently keeps the last value; refuse it instead.
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true })
    const first = doc.errors[0]
    if (first) {
      const line = first.message.split('\n')[0] ?? first.message
      fail(source, [`invalid YAML: ${line}`])
    }
    // maxAliasCount bounds alias expansion ("billion laughs").
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    if (error instanceof SettingError) throw error
    fail(source, [`invalid YAML: ${errorMessage(error).split('\n')[0] ?? ''}`])
  }

  if (data === null || data === undefined) return []
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
    // A plain `.trivyignore` (one id a line) parses as one string: say what it is and how to convert it.
    const trivy = typeof data === 'string' && /^(CVE|GHSA)-/i.test(data.trim()) ? `; ${TRIVY_HINT}` : ''
    fail(source, [`expected a mapping with a "vulnerabilities" list at the top level, got ${show(data)}${trivy}`])
  }
  const top = data as Record<string, unknown>
  const errors: string[] = []
  for (const key of Object.keys(top)) {
    if (!TOP_LEVEL_KEYS.has(key)) errors.push(`${key}: unknown top-level key; expected only "vulnerabilities"`)
  }
  const list = top.vulnerabilities
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    errors.push(`vulnerabilities: expected a list, got ${show(list)}`)
  }
  const entries: AllowlistEntry[] = []
  if (Array.isArray(list)) {
    const seen = new Map<string, number>()
    list.forEach((raw: unknown, index: number) => {
      const entry = parseEntry(raw, index, errors)
      if (!entry) return
      // Ids compare case-insensitively, so duplicates do too.
      const key = JSON.stringify([entry.id.toUpperCase(), entry.package ?? null, entry.repository ?? null])
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        errors.push(`${at(index, 'id')}: duplicate of ${at(earlier)} (same id, package and repository)`)
        return
      }
      seen.set(key, index)
      entries.push(entry)
    })
  }
  if (errors.length > 0) fail(source, errors)
  return entries
}

/**
 * Reads and parses the allowlist file at `path`. The size is checked before the file is read.
 * An unreadable file is `SettingError('allowlist', 'cannot read <path>: ENOENT…')`.
 */
export async function loadAllowlist(path: string): Promise<AllowlistEntry[]> {
  let bytes: Buffer
  try {
    bytes = await readBoundedFile(path, ALLOWLIST_MAX_BYTES)
  } catch (error) {
    if (error instanceof FileReadError && error.kind === 'size') throw new SettingError(INPUT, `${path}: ${error.message}`)
    throw new SettingError(INPUT, `cannot read ${path}: ${errorMessage(error)}`)
  }
  let text: string
  try {
    // fatal: invalid UTF-8 is an error rather than U+FFFD silently changing an id.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new SettingError(INPUT, `${path}: not valid UTF-8`)
  }
  return parseAllowlist(text.startsWith('\uFEFF') ? text.slice(1) : text, path)
}
