// Smoke test of the benchmark suite's pure helpers (bench/lib.mjs). It checks arithmetic and
// formatting only; it never runs the benchmarks and never asserts a timing.
import { describe, it, expect } from 'vitest'
import * as lib from '../../bench/lib.mjs'

describe('median and summarize', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(lib.median([5, 1, 3])).toBe(3)
    expect(lib.median([4, 1, 3, 2])).toBe(2.5)
    expect(lib.median([])).toBeNaN()
  })

  it('ignores values that are not finite', () => {
    expect(lib.median([1, Number.NaN, 3, Number.POSITIVE_INFINITY])).toBe(2)
    expect(lib.summarize([2, Number.NaN, 8, 4])).toEqual({ median: 4, min: 2, max: 8, n: 3 })
    expect(lib.summarize([Number.NaN]).n).toBe(0)
  })
})

describe('minimumRequests', () => {
  it('is ceil(n / 1000) pages per platform, the first one being the status poll too, plus the fixed requests', () => {
    // 10,000 findings over two platforms: 2 × 5 scan requests.
    expect(lib.minimumRequests({ findingsPerPlatform: [5000, 5000], fixedRequests: 3 })).toEqual({ scanRequests: 10, total: 13 })
    expect(lib.minimumRequests({ findingsPerPlatform: [50, 50] })).toEqual({ scanRequests: 2, total: 2 })
    expect(lib.minimumRequests({ findingsPerPlatform: [1000] }).scanRequests).toBe(1)
    expect(lib.minimumRequests({ findingsPerPlatform: [1001] }).scanRequests).toBe(2)
  })

  it('still reads one page when a platform has no findings', () => {
    expect(lib.minimumRequests({ findingsPerPlatform: [0] }).scanRequests).toBe(1)
  })

  it('honours a smaller page limit', () => {
    expect(lib.minimumRequests({ findingsPerPlatform: [250], pageLimit: 100 }).scanRequests).toBe(3)
  })

  it('splits findings evenly over platforms', () => {
    expect(lib.splitFindings(100, 2)).toEqual([50, 50])
    expect(lib.splitFindings(7, 2)).toEqual([4, 3])
    expect(lib.splitFindings(7, 2).reduce((a, b) => a + b, 0)).toBe(7)
  })
})

describe('rates and gaps', () => {
  it('scales a count to one minute', () => {
    expect(lib.perMinute(5, 10_000)).toBe(30)
    expect(lib.perMinute(1, 0)).toBeNaN()
  })

  it('finds the smallest gap between unsorted timestamps', () => {
    expect(lib.minGap([3000, 0, 1000, 1500])).toBe(500)
    expect(lib.minGap([42])).toBeNaN()
  })
})

describe('targets', () => {
  it('says by how much an upper bound is missed', () => {
    expect(lib.checkTarget(2500, { max: 2000 })).toEqual({ met: false, missedBy: 500, missedByPct: 25 })
    expect(lib.checkTarget(1500, { max: 2000 })).toEqual({ met: true })
  })

  it('says by how much a lower bound is missed', () => {
    const r = lib.checkTarget(1.5, { min: 3 })
    expect(r.met).toBe(false)
    expect(r.missedBy).toBe(1.5)
    expect(r.missedByPct).toBe(50)
  })

  it('never counts an unmeasured value as met', () => {
    expect(lib.checkTarget(Number.NaN, { max: 10 }).met).toBe(false)
    expect(lib.formatTarget(Number.NaN, { max: 10 }, 'ms')).toContain('not measured')
  })

  it('prints the bound and the verdict', () => {
    expect(lib.formatTarget(150, lib.TARGETS.coldStartMs, 'ms')).toBe('≤ 200 ms — met')
    expect(lib.formatTarget(300, lib.TARGETS.coldStartMs, 'ms')).toBe('≤ 200 ms — MISSED by 100 ms (50 %)')
    expect(lib.formatTarget(4, lib.TARGETS.lagRatioVsCli, 'x')).toBe('≥ 3.0× — met')
  })

  it('keeps the issue targets', () => {
    expect(lib.TARGETS.decisionLagMs.max).toBe(2000)
    expect(lib.TARGETS.requestsPerMinuteWaiting.max).toBe(30)
    expect(lib.TARGETS.findings10kRssBytes.max).toBe(120 * 1024 * 1024)
    expect(lib.TARGETS.findings50kRssBytes.max).toBe(200 * 1024 * 1024)
    expect(lib.TARGETS.findings10kWallMs.max).toBe(1000)
    expect(lib.TARGETS.coldStartMs.max).toBe(200)
    expect(lib.TARGETS.signatureRequests.max).toBe(4)
    expect(lib.TARGETS.cosignCpuMs.max).toBe(20)
    expect(lib.TARGETS.cosignRequests.max).toBe(5)
    expect(lib.SUMMARY_LIMIT_BYTES).toBe(1048576)
  })
})

describe('formatting', () => {
  it('formats values by unit', () => {
    expect(lib.formatValue(1234.4, 'ms')).toBe('1234 ms')
    expect(lib.formatValue(12_345, 'ms')).toBe('12.3 s')
    expect(lib.formatValue(2 * 1024 * 1024, 'bytes')).toBe('2.0 MiB')
    expect(lib.formatValue(1536, 'bytes')).toBe('1.5 KiB')
    expect(lib.formatValue(Number.NaN, 'count')).toBe('n/a')
  })

  it('prints median with min–max, or one value when they agree', () => {
    expect(lib.formatSummary({ median: 200, min: 150, max: 400, n: 5 }, 'ms')).toBe('200 ms (150 ms–400 ms)')
    expect(lib.formatSummary({ median: 4, min: 4, max: 4, n: 5 }, 'count')).toBe('4')
    expect(lib.formatSummary({ median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }, 'ms')).toBe('n/a')
  })

  it('builds a markdown table and escapes pipes and newlines in cells', () => {
    const table = lib.formatTable(
      ['A', 'B'],
      [
        ['x|y', 'line\nbreak'],
        [1, 2]
      ]
    )
    expect(table.split('\n')).toEqual(['| A | B |', '|---|---|', '| x\\|y | line break |', '| 1 | 2 |'])
  })
})

describe('parseArgs', () => {
  it('defaults to 5 runs, and --quick to 2 unless --runs is given', () => {
    expect(lib.parseArgs([])).toEqual({ runs: 5, quick: false, cli: true })
    expect(lib.parseArgs(['--quick'])).toEqual({ runs: 2, quick: true, cli: true })
    expect(lib.parseArgs(['--quick', '--runs', '3']).runs).toBe(3)
    expect(lib.parseArgs(['--runs=4', '--no-cli', '--out', 'x.json'])).toEqual({ runs: 4, quick: false, cli: false, out: 'x.json' })
  })

  it('rejects bad values and unknown options', () => {
    expect(() => lib.parseArgs(['--runs', '0'])).toThrow(/--runs/)
    expect(() => lib.parseArgs(['--runs', 'many'])).toThrow(/--runs/)
    expect(() => lib.parseArgs(['--fast'])).toThrow(/unknown option/)
  })

  it('takes --only with one of the sections, and refuses any other', () => {
    expect(lib.parseArgs(['--only', 'findings']).only).toBe('findings')
    expect(lib.parseArgs(['--only=lag', '--runs', '5'])).toEqual({ runs: 5, quick: false, cli: true, only: 'lag' })
    expect(() => lib.parseArgs(['--only', 'everything'])).toThrow(/--only: expected one of lag, findings, signature, cold-start/)
    expect(() => lib.parseArgs(['--only'])).toThrow(/--only/)
  })
})
