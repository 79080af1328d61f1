import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnhancedImageScanFinding } from '@aws-sdk/client-ecr'
import type { Finding, RunResult } from '../../src/core/types.js'
import { findingKey } from '../../src/policy/index.js'
import { jsonPieces, LazyJsonArray, writeJsonFile } from '../../src/report/write.js'
import { renderRunReport, renderRunSarif, renderRunSummary } from '../../src/report/index.js'
import { normaliseEnhancedFinding } from '../../src/scan/index.js'
import { AMD, ARM, NOW, basePolicy, makeVerdict } from './fixtures.js'

// Findings are held as compact records (keys and refs built once per finding) and the JSON report
// and SARIF are written piece by piece. Neither may change a byte of what a user reads: these tests
// render a large fixture both ways and compare.

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const

/** An SDK-shaped enhanced finding with the awkward text scanners send: quotes, markup, control characters, non-ASCII. */
function raw(i: number): EnhancedImageScanFinding {
  const id = `CVE-2099-${String(i).padStart(5, '0')}`
  return {
    status: 'ACTIVE',
    severity: SEVERITIES[i % 5],
    title: `${id} – "quoted" <b>pkg${i % 300}</b> | pipe`,
    description: `Line one of #${i}\nline two with \u0007 bell, emoji 🚀 and a backslash \\ `.repeat(1 + (i % 7)),
    fixAvailable: i % 3 === 0 ? 'NO' : 'YES',
    exploitAvailable: i % 11 === 0 ? 'YES' : 'NO',
    packageVulnerabilityDetails: {
      vulnerabilityId: id,
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${id}`,
      vulnerablePackages: [
        {
          name: `pkg${i % 300}`,
          version: `1.${i % 9}.0`,
          fixedInVersion: i % 3 === 0 ? 'NotAvailable' : `1.${i % 9}.1`,
          packageManager: 'OS'
        }
      ]
    }
  }
}

/** 10,000 findings over two platforms, normalised page by page (1,000 a page) as the scan stage does. */
function collect(): Finding[] {
  const out: Finding[] = []
  for (let page = 0; page < 10; page++) {
    for (let i = page * 1000; i < (page + 1) * 1000; i++) {
      const target = {
        registryId: '123456789012',
        region: 'eu-west-1',
        repository: 'team-a/web',
        ...(i % 2 === 0 ? { digest: AMD, platform: 'linux/amd64' } : { digest: ARM, platform: 'linux/arm64/v8' })
      }
      const f = normaliseEnhancedFinding(raw(i), target)
      if (f !== undefined) out.push(f)
    }
  }
  // An exact duplicate, which the policy counts once and the report marks.
  out.push({ ...(out[0] as Finding), packages: (out[0] as Finding).packages.map((p) => ({ ...p })) })
  return out
}

const policy = basePolicy({
  severityThreshold: 'MEDIUM',
  allowlist: [{ id: 'CVE-2099-00001', reason: 'not reachable', expires: '2026-12-31' }]
})

function result(findings: Finding[]): RunResult {
  return {
    decision: 'fail',
    mode: 'enforce',
    batch: false,
    images: [{ reference: 'team-a/web:v1.2.3', verdict: makeVerdict(findings, policy) }]
  }
}

function render(r: RunResult): { summary: string; report: string; sarif: string } {
  return {
    summary: renderRunSummary(r, { reportFile: 'ecr-deploy-gate-report.json' }),
    report: JSON.stringify(renderRunReport(r, policy, { now: NOW }), null, 2),
    sarif: JSON.stringify(renderRunSarif(r), null, 2)
  }
}

describe('large outputs (10,000 findings)', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'large-output-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('renders the same summary, JSON report and SARIF from fresh records as from ones whose keys were already built', () => {
    const findings = collect()
    expect(findings).toHaveLength(10_001)
    const warm = result(findings)
    for (const f of findings) findingKey(f)
    const first = render(warm)
    // Fresh objects: nothing memoised for them yet.
    const cold = render(result(structuredClone(findings)))
    expect(cold.summary).toBe(first.summary)
    expect(cold.report).toBe(first.report)
    expect(cold.sarif).toBe(first.sarif)
    // The fixture is large enough to matter: every finding is in the report.
    expect((JSON.parse(first.report) as { findings: unknown[] }).findings).toHaveLength(10_001)
  })

  it('writes the JSON report and SARIF files byte for byte as JSON.stringify(value, null, 2)', async () => {
    const r = result(collect())
    const report = renderRunReport(r, policy, { now: NOW })
    const sarif = renderRunSarif(r)
    await writeJsonFile(path.join(dir, 'nested', 'report.json'), report)
    await writeJsonFile(path.join(dir, 'sarif.json'), sarif)
    expect(await readFile(path.join(dir, 'nested', 'report.json'), 'utf8')).toBe(JSON.stringify(report, null, 2))
    expect(await readFile(path.join(dir, 'sarif.json'), 'utf8')).toBe(JSON.stringify(sarif, null, 2))
  })

  it('writes the same report when the finding entries are made only as they are written', async () => {
    const r = result(collect())
    const plain = renderRunReport(r, policy, { now: NOW })
    const lazy = renderRunReport(r, policy, { now: NOW, lazyFindings: true })
    // The lazy report holds no finding entries until it is written.
    expect(Array.isArray((lazy as { findings: unknown }).findings)).toBe(false)
    expect((lazy as { findings: LazyJsonArray }).findings).toBeInstanceOf(LazyJsonArray)
    await writeJsonFile(path.join(dir, 'lazy.json'), lazy)
    expect(await readFile(path.join(dir, 'lazy.json'), 'utf8')).toBe(JSON.stringify(plain, null, 2))
    // JSON.stringify sees the whole array too, and a batch walks each image's lazy list.
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(plain))
    const batch = { ...r, batch: true }
    const lazyBatch = renderRunReport(batch, policy, { now: NOW, lazyFindings: true })
    await writeJsonFile(path.join(dir, 'lazy-batch.json'), lazyBatch)
    expect(await readFile(path.join(dir, 'lazy-batch.json'), 'utf8')).toBe(
      JSON.stringify(renderRunReport(batch, policy, { now: NOW }), null, 2)
    )
  })
})

describe('jsonPieces', () => {
  it('joins to JSON.stringify(value, null, 2) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2))
      })
    )
  })

  it('joins to JSON.stringify(value, null, 2) when long arrays are walked element by element', () => {
    const long = fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 64, maxLength: 80 })
    fc.assert(
      fc.property(
        fc.record({ head: fc.jsonValue({ maxDepth: 2 }), runs: fc.array(fc.record({ results: long }), { maxLength: 2 }), findings: long }),
        (value) => {
          expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2))
        }
      ),
      { numRuns: 30 }
    )
  })

  it('drops and nulls what JSON.stringify drops and nulls, and applies toJSON', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 2, Number.NaN, Number.POSITIVE_INFINITY, -0],
      d: new Date('2026-03-15T12:00:00Z'),
      e: { toJSON: (key: string) => ({ key }) },
      f: {},
      g: [],
      h: 'line\nbreak "quote" \u2028',
      i: new String('boxed')
    }
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2))
    // The same inside a long array, which is walked rather than stringified whole.
    const walked = { list: Array.from({ length: 70 }, (_, i) => (i % 7 === 0 ? undefined : value)), after: { toJSON: () => 'x' } }
    expect([...jsonPieces(walked)].join('')).toBe(JSON.stringify(walked, null, 2))
    expect([...jsonPieces([])].join('')).toBe('[]')
    expect(
      [...jsonPieces({ a: new LazyJsonArray(0, () => 1), b: new LazyJsonArray(3, (i) => (i === 1 ? undefined : { i })) })].join('')
    ).toBe(JSON.stringify({ a: [], b: [{ i: 0 }, null, { i: 2 }] }, null, 2))
    expect([...jsonPieces('text')].join('')).toBe('"text"')
  })
})
