// Pure helpers of the benchmark suite: statistics, request minimums, target checks and table
// formatting. No I/O here, so __tests__/bench/smoke.test.ts can check them without running anything.

/** The page size DescribeImageScanFindings allows at most (`maxResults` 1..1000). */
export const SCAN_FINDINGS_PAGE_LIMIT = 1000

/**
 * The targets of the issue; the benchmark reports them, tests never assert timings. `minPollGapMs`
 * is the suite's own reading of "never a tight loop"; memory targets are MiB, as the issue writes them.
 */
export const TARGETS = {
  /** Scan completes → process exits, with a signature required (issue 10). */
  decisionLagMs: { max: 2000 },
  lagRatioVsCli: { min: 3 },
  requestsPerMinuteWaiting: { max: 30 },
  minPollGapMs: { min: 500 },
  findings10kWallMs: { max: 1000 },
  findings10kRssBytes: { max: 120 * 1024 * 1024 },
  findings50kRssBytes: { max: 200 * 1024 * 1024 },
  coldStartMs: { max: 200 },
  signatureRequests: { max: 4 },
  signatureCpuMs: { max: 10 },
  /** cosign verification CPU per signature after warm-up, trusted root loaded once (issue 11). */
  cosignCpuMs: { max: 20 },
  cosignRequests: { max: 5 }
}

/** The sections `--only` can run on their own (each prints its own lines and writes only its results). */
export const BENCH_SECTIONS = ['lag', 'findings', 'signature', 'cold-start']

/** GitHub's limit for one step's job summary. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024

/**
 * Median of a list of numbers (mean of the two middle values for an even count).
 * @param {number[]} values
 * @returns {number} NaN for an empty list
 */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return Number.NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? /** @type {number} */ (sorted[mid])
    : /** @type {number} */ (sorted[mid - 1] + /** @type {number} */ (sorted[mid])) / 2
}

/**
 * Median, min and max of the finite values (NaN entries when there are none).
 * @param {number[]} values
 * @returns {{ median: number, min: number, max: number, n: number }}
 */
export function summarize(values) {
  const finite = values.filter((v) => Number.isFinite(v))
  if (finite.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), n: finite.length }
}

/**
 * The fewest DescribeImageScanFindings requests that can read every finding of a scan that is done
 * when first polled (ACTIVE): per platform ceil(findings / page limit) pages, at least one, the
 * first of them being the status poll too (it also carries the status and counts), plus whatever
 * the run needs before the scan (resolve, scanning configuration).
 * @param {{ findingsPerPlatform: number[], fixedRequests?: number, pageLimit?: number }} input
 * @returns {{ scanRequests: number, total: number }}
 */
export function minimumRequests({ findingsPerPlatform, fixedRequests = 0, pageLimit = SCAN_FINDINGS_PAGE_LIMIT }) {
  let scanRequests = 0
  for (const n of findingsPerPlatform) scanRequests += Math.max(1, Math.ceil(n / pageLimit))
  return { scanRequests, total: scanRequests + fixedRequests }
}

/**
 * The scan status polls among an emulator's calls: DescribeImageScanFindings calls that are not
 * finding pages, plus each digest's first call of it. The gate's first poll asks for a whole page
 * (maxResults 1000, so the emulator marks it `page`) because a scan that is already done then needs
 * no second request for it; it is still the first poll.
 * @template {{ service: string, operation: string, digest?: string, page?: boolean }} C
 * @param {C[]} calls
 * @returns {C[]}
 */
export function statusPolls(calls) {
  const seen = new Set()
  return calls.filter((c) => {
    if (c.service !== 'ecr' || c.operation !== 'DescribeImageScanFindings') return false
    const first = !seen.has(c.digest)
    seen.add(c.digest)
    return first || c.page !== true
  })
}

/**
 * Splits `total` findings across `platforms` as evenly as possible (the first ones get the remainder).
 * @param {number} total
 * @param {number} platforms
 * @returns {number[]}
 */
export function splitFindings(total, platforms) {
  const base = Math.floor(total / platforms)
  return Array.from({ length: platforms }, (_, i) => base + (i < total % platforms ? 1 : 0))
}

/**
 * A count over a duration, scaled to one minute.
 * @param {number} count
 * @param {number} durationMs
 * @returns {number}
 */
export function perMinute(count, durationMs) {
  if (!(durationMs > 0)) return Number.NaN
  return (count * 60000) / durationMs
}

/**
 * The smallest gap between consecutive timestamps (sorted first); NaN with fewer than two.
 * @param {number[]} times
 * @returns {number}
 */
export function minGap(times) {
  const sorted = [...times].sort((a, b) => a - b)
  let gap = Number.POSITIVE_INFINITY
  for (let i = 1; i < sorted.length; i++) gap = Math.min(gap, /** @type {number} */ (sorted[i]) - /** @type {number} */ (sorted[i - 1]))
  return Number.isFinite(gap) ? gap : Number.NaN
}

/**
 * Checks a measured value against a target bound and says by how much it is missed.
 * @param {number} value
 * @param {{ max?: number, min?: number }} target
 * @returns {{ met: boolean, missedBy?: number, missedByPct?: number }}  missedBy in the value's unit
 */
export function checkTarget(value, target) {
  if (!Number.isFinite(value)) return { met: false }
  if (target.max !== undefined && value > target.max) {
    return {
      met: false,
      missedBy: value - target.max,
      missedByPct: target.max > 0 ? ((value - target.max) / target.max) * 100 : Number.POSITIVE_INFINITY
    }
  }
  if (target.min !== undefined && value < target.min) {
    return {
      met: false,
      missedBy: target.min - value,
      missedByPct: target.min > 0 ? ((target.min - value) / target.min) * 100 : Number.POSITIVE_INFINITY
    }
  }
  return { met: true }
}

/**
 * Formats a number with a unit for the tables: ms below 10 s, else s; bytes as B/KiB/MiB.
 * @param {number} value
 * @param {'ms'|'bytes'|'count'|'x'|'per-min'} unit
 * @returns {string}
 */
export function formatValue(value, unit) {
  if (!Number.isFinite(value)) return 'n/a'
  switch (unit) {
    case 'ms':
      return Math.abs(value) >= 10000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`
    case 'bytes':
      if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(1)} MiB`
      if (value >= 1024) return `${(value / 1024).toFixed(1)} KiB`
      return `${Math.round(value)} B`
    case 'x':
      return `${value.toFixed(1)}×`
    case 'per-min':
      return `${value.toFixed(1)}/min`
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(1)
  }
}

/**
 * "median (min–max)" for a summary.
 * @param {{ median: number, min: number, max: number, n: number }} s
 * @param {'ms'|'bytes'|'count'|'x'|'per-min'} unit
 * @returns {string}
 */
export function formatSummary(s, unit) {
  if (s.n === 0) return 'n/a'
  if (s.n === 1 || s.min === s.max) return formatValue(s.median, unit)
  return `${formatValue(s.median, unit)} (${formatValue(s.min, unit)}–${formatValue(s.max, unit)})`
}

/**
 * The "target" column text: the bound, and whether it was met or by how much it was missed.
 * @param {number} value
 * @param {{ max?: number, min?: number }} target
 * @param {'ms'|'bytes'|'count'|'x'|'per-min'} unit
 * @returns {string}
 */
export function formatTarget(value, target, unit) {
  const bound = target.max !== undefined ? `≤ ${formatValue(target.max, unit)}` : `≥ ${formatValue(target.min ?? Number.NaN, unit)}`
  const check = checkTarget(value, target)
  if (check.met) return `${bound} — met`
  if (check.missedBy === undefined) return `${bound} — not measured`
  const pct = Number.isFinite(check.missedByPct ?? Number.NaN) ? ` (${Math.round(check.missedByPct ?? 0)} %)` : ''
  return `${bound} — MISSED by ${formatValue(check.missedBy, unit)}${pct}`
}

/**
 * A GitHub-flavoured markdown table; cells are escaped for `|` and newlines.
 * @param {string[]} headers
 * @param {(string|number)[][]} rows
 * @returns {string}
 */
export function formatTable(headers, rows) {
  const cell = (/** @type {string|number} */ v) => String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
  const lines = [`| ${headers.map(cell).join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`]
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`)
  return lines.join('\n')
}

/**
 * Command-line options: `--runs N` (default 5), `--quick` (2 runs, smaller scale and batch cases),
 * `--no-cli` (skip the AWS CLI comparison), `--out FILE` (default bench/results.json).
 * @param {string[]} argv
 * @returns {{ runs: number, quick: boolean, cli: boolean, out?: string }}
 */
export function parseArgs(argv) {
  /** @type {{ runs: number, quick: boolean, cli: boolean, out?: string, only?: string }} */
  const opts = { runs: 5, quick: false, cli: true }
  let runsGiven = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--quick') opts.quick = true
    else if (a === '--no-cli') opts.cli = false
    else if (a === '--runs' || a?.startsWith('--runs=')) {
      const v = a === '--runs' ? argv[++i] : a.slice('--runs='.length)
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error(`--runs: expected an integer 1..50, got ${JSON.stringify(v)}`)
      opts.runs = n
      runsGiven = true
    } else if (a === '--out' || a?.startsWith('--out=')) {
      const v = a === '--out' ? argv[++i] : a.slice('--out='.length)
      if (!v) throw new Error('--out: expected a file path')
      opts.out = v
    } else if (a === '--only' || a?.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length)
      if (v === undefined || !BENCH_SECTIONS.includes(v)) {
        throw new Error(`--only: expected one of ${BENCH_SECTIONS.join(', ')}, got ${JSON.stringify(v)}`)
      }
      opts.only = v
    } else if (a === '--help' || a === '-h')
      throw new Error(`usage: npm run bench -- [--quick] [--runs N] [--no-cli] [--out FILE] [--only ${BENCH_SECTIONS.join('|')}]`)
    else throw new Error(`unknown option ${JSON.stringify(a)} (try --help)`)
  }
  if (opts.quick && !runsGiven) opts.runs = 2
  return opts
}
