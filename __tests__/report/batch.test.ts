import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { Limits } from '../../src/core/constants.js'
import {
  batchDecision,
  batchResults,
  batchSignatureStatus,
  deployableUri,
  renderBatchReport,
  renderBatchSarif,
  renderBatchSummary,
  SARIF_MAX_RESULTS
} from '../../src/report/index.js'
import type { BatchOutcome } from '../../src/report/index.js'
import type { Finding, ImageVerdict, SignatureStatus } from '../../src/core/types.js'
import { AMD, ARM, NOW, URI, basePolicy, finding, makeVerdict } from './fixtures.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schema = JSON.parse(readFileSync(path.join(root, 'report.schema.json'), 'utf8')) as object
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

const policy = basePolicy()
const REF = (n: number): string => `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/web:v${n}`

function many(n: number, prefix = 'CVE-2024'): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    finding({
      id: `${prefix}-${String(10000 + i)}`,
      severity: i % 3 === 0 ? 'CRITICAL' : i % 3 === 1 ? 'HIGH' : 'LOW',
      digest: i % 2 === 0 ? AMD : ARM,
      title: `a long title for finding ${i} `.repeat(4)
    })
  )
}

const clean = (n: number): BatchOutcome => ({ reference: REF(n), verdict: makeVerdict([]) })
const dirty = (n: number): BatchOutcome => ({ reference: REF(n), verdict: makeVerdict([finding({ severity: 'CRITICAL' })]) })
const broken = (n: number, error = 'Image not found: team-a/web:v9 does not exist'): BatchOutcome => ({ reference: REF(n), error })

describe('batch decision, results and signature status', () => {
  it('passes only when every image passed; an error is a fail', () => {
    expect(batchDecision([clean(1), clean(2)])).toBe('pass')
    expect(batchDecision([clean(1), dirty(2)])).toBe('fail')
    expect(batchDecision([clean(1), broken(2)])).toBe('fail')
    expect(batchDecision([])).toBe('fail')
  })

  it('gives one result per image in input order', () => {
    const results = batchResults([clean(1), dirty(2), broken(3)])
    expect(results.map((r) => [r.image, r.decision])).toEqual([
      [REF(1), 'pass'],
      [REF(2), 'fail'],
      [REF(3), 'fail']
    ])
    expect(results[0]).toMatchObject({ imageUri: URI, reasons: [] })
    expect(results[1]?.reasons[0]).toMatch(/CRITICAL/)
    expect(results[2]).toEqual({ image: REF(3), decision: 'fail', reasons: ['Image not found: team-a/web:v9 does not exist'] })
    expect('imageUri' in (results[2] ?? {})).toBe(false)
  })

  it('gives a blocked image no deployable URI in enforce mode, but keeps its digest; audit keeps the URI', () => {
    const results = batchResults([clean(1), dirty(2)])
    expect(results[1]?.decision).toBe('fail')
    expect(results[1]?.digest).toBe(URI.split('@')[1])
    expect('imageUri' in (results[1] ?? {})).toBe(false)
    expect(deployableUri(dirty(2))).toBeUndefined()
    expect(deployableUri(broken(3))).toBeUndefined()
    expect(deployableUri(clean(1))).toBe(URI)

    const audited: BatchOutcome = { reference: REF(2), verdict: { ...makeVerdict([finding({ severity: 'CRITICAL' })]), mode: 'audit' } }
    expect(deployableUri(audited)).toBe(URI)
    expect(batchResults([audited])[0]).toMatchObject({ decision: 'fail', imageUri: URI })
  })

  it('reports verified only when every image verified', () => {
    const withStatus = (n: number, status: SignatureStatus): BatchOutcome => ({
      reference: REF(n),
      verdict: makeVerdict([], policy, { signature: { status } })
    })
    expect(batchSignatureStatus([withStatus(1, 'verified'), withStatus(2, 'verified')])).toBe('verified')
    expect(batchSignatureStatus([withStatus(1, 'skipped'), withStatus(2, 'skipped')])).toBe('skipped')
    expect(batchSignatureStatus([withStatus(1, 'verified'), withStatus(2, 'missing'), withStatus(3, 'revoked')])).toBe('missing')
    expect(batchSignatureStatus([withStatus(1, 'verified'), broken(2)])).toBe('invalid')
    expect(batchSignatureStatus([withStatus(1, 'skipped'), withStatus(2, 'verified')])).toBe('skipped')
  })
})

describe('renderBatchSummary', () => {
  it('leads with the blocked heading, tables every image, then each image with demoted headings', () => {
    const md = renderBatchSummary([clean(1), dirty(2), broken(3)], { mode: 'enforce', reportFile: 'r.json' })
    expect(md.split('\n')[0]).toBe('## ❌ Deploy blocked: 2 of 3 images')
    // The registry once, then short names: nothing in the table is wide enough to make it scroll.
    expect(md).toContain('Registry: `123456789012.dkr.ecr.eu-west-1.amazonaws.com`')
    expect(md).toMatch(/^\| 1 \| team\\-a\/web:v1 \| ✅ pass \| `sha256:[0-9a-f]{12}` \| — \|$/m)
    expect(md).toContain('| 3 | team\\-a/web:v3 | ❌ fail | — | Image not found: team\\-a/web:v9 does not exist |')
    for (const row of md.split('\n').filter((l) => l.startsWith('| '))) expect(row.length).toBeLessThan(260)
    // The deploy URI of the image that passed, whole, in a code span below the table.
    expect(md).toMatch(/^- 1\. `123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/team-a\/web@sha256:[0-9a-f]{64}`$/m)
    // Each image's own heading is one level down and names the image.
    expect(md).toMatch(/^### ✅ Deploy allowed — 1\. team\\-a\/web:v1$/m)
    expect(md).toMatch(/^### ❌ Deploy blocked — 2\. team\\-a\/web:v2$/m)
    expect(md).toMatch(/^### ❌ Deploy blocked — 3\. team\\-a\/web:v3$/m)
    expect(md).toMatch(/^#### Vulnerabilities/m)
    // No second-level heading other than the overall one.
    expect(md.match(/^## /gm)).toHaveLength(1)
  })

  it('words pass and audit headings like the single summary', () => {
    expect(renderBatchSummary([clean(1), clean(2)], { mode: 'enforce' }).split('\n')[0]).toBe('## ✅ Deploy allowed: 2 images')
    expect(renderBatchSummary([clean(1)], { mode: 'audit' }).split('\n')[0]).toBe('## ✅ Deploy allowed (audit mode): 1 image')
    expect(renderBatchSummary([clean(1), broken(2)], { mode: 'audit' }).split('\n')[0]).toBe(
      '## ❌ Would be blocked (audit mode): 1 of 2 images'
    )
  })

  it('escapes references and reasons from outside', () => {
    const hostile: BatchOutcome = { reference: 'x | y\n## pwned <img src=x> @team', error: 'bad | reason\n## also <b>pwned</b>' }
    const md = renderBatchSummary([hostile], { mode: 'enforce' })
    expect(md).not.toMatch(/^## pwned/m)
    expect(md).not.toMatch(/^## also/m)
    expect(md).not.toContain('<img')
    expect(md).not.toContain('<b>')
    expect(md).toContain('x \\| y')
    expect(md).toContain('bad \\| reason')
    // The table row still has exactly five cells.
    const row = md.split('\n').find((l) => l.startsWith('| 1 |')) ?? ''
    expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(5)
  })

  it('stays under the summary limit with 50 images of 2,000 findings each', () => {
    const heavy = makeVerdict(many(2000))
    const outcomes: BatchOutcome[] = Array.from({ length: 50 }, (_, i) => ({ reference: REF(i), verdict: heavy }))
    const md = renderBatchSummary(outcomes, { mode: 'enforce', reportFile: 'gate-report.json' })
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(Limits.summaryBytes)
    expect(md.split('\n')[0]).toBe('## ❌ Deploy blocked: 50 of 50 images')
    // Every image still has its own section and its row.
    expect(md.match(/^### ❌ Deploy blocked — /gm)).toHaveLength(50)
    expect(md.match(/^\| \d+ \| /gm)).toHaveLength(50)
    expect(md).toContain('gate\\-report.json')
  })

  it('honours a small maxBytes by keeping the heading and table and pointing at the report', () => {
    const outcomes = [dirty(1), dirty(2)]
    const md = renderBatchSummary(outcomes, { mode: 'enforce', reportFile: 'r.json', maxBytes: 3000 })
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(3000)
    expect(md.split('\n')[0]).toBe('## ❌ Deploy blocked: 2 of 2 images')
    expect(md).toContain('r.json')
  })
})

describe('renderBatchReport', () => {
  it('validates against report.schema.json (batchReport) with verdict and error reports inside', () => {
    const report = renderBatchReport([clean(1), dirty(2), broken(3)], policy, {
      mode: 'enforce',
      now: NOW,
      run: { repository: 'acme/app', runId: '7' }
    }) as Record<string, unknown>
    const ok = validate(report)
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(report).toMatchObject({ schemaVersion: 1, decision: 'fail', batch: true, mode: 'enforce', run: { runId: '7' } })
    expect(report.reasons).toEqual([
      `${REF(2)}: ${(dirty(2) as { verdict: ImageVerdict }).verdict.reasons[0]}`,
      `${REF(3)}: Image not found: team-a/web:v9 does not exist`
    ])
    const images = report.images as Record<string, unknown>[]
    expect(images.map((i) => i.decision)).toEqual(['pass', 'fail', 'fail'])
    expect(images[2]).toMatchObject({ error: true })
  })

  it('a passing batch has no reasons and still validates', () => {
    const report = renderBatchReport([clean(1), clean(2)], policy, { mode: 'audit', now: NOW })
    expect(validate(report)).toBe(true)
    expect(report).toMatchObject({ decision: 'pass', reasons: [], mode: 'audit' })
    expect('run' in report).toBe(false)
  })

  it('the schema refuses a batch report without images or with a foreign key', () => {
    const report = renderBatchReport([clean(1)], policy, { mode: 'enforce', now: NOW }) as Record<string, unknown>
    expect(validate({ ...report, images: [] })).toBe(false)
    expect(validate({ ...report, extra: 1 })).toBe(false)
  })
})

describe('renderBatchSarif', () => {
  type Sarif = {
    runs: {
      tool: { driver: { rules: { id: string }[] } }
      results: { ruleId: string; ruleIndex: number }[]
      properties: Record<string, unknown>
    }[]
  }

  it('unions the results of every image with one rule per id and consistent rule indexes', () => {
    const a: BatchOutcome = { reference: REF(1), verdict: makeVerdict([finding({ id: 'CVE-2024-0001', severity: 'CRITICAL' })]) }
    const b: BatchOutcome = {
      reference: REF(2),
      verdict: makeVerdict([finding({ id: 'CVE-2024-0001', severity: 'CRITICAL' }), finding({ id: 'CVE-2024-0002', severity: 'HIGH' })])
    }
    const sarif = renderBatchSarif([a, b, broken(3)]) as Sarif
    expect(sarif.runs).toHaveLength(1)
    const run = sarif.runs[0]!
    expect(run.results).toHaveLength(3)
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002'])
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId)
    expect(run.properties).toMatchObject({ decision: 'fail', countedFindings: 3, omittedResults: 0 })
  })

  it('caps the union at the SARIF result limit and counts what it left out', () => {
    // 15,000 findings of which 10,000 count (the LOW third is under the HIGH threshold).
    const big = (n: number): BatchOutcome => ({ reference: REF(n), verdict: makeVerdict(many(15_000, `CVE-20${10 + n}`)) })
    const run = (renderBatchSarif([big(1), big(2), big(3)]) as Sarif).runs[0]!
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS)
    expect(run.properties.countedFindings).toBe(30_000)
    expect(run.properties.omittedResults).toBe(30_000 - SARIF_MAX_RESULTS)
  })
})

describe('build provenance in a batch summary', () => {
  const attested = (n: number, status: 'verified' | 'untrusted'): BatchOutcome => {
    const base = makeVerdict([])
    const check = {
      id: 'attestation/github',
      kind: 'attestation' as const,
      status,
      enforced: true,
      reasons:
        status === 'verified'
          ? []
          : ['No attestation of the image was built as required: attestation 1: the signer workflow is not release.yml'],
      evidence:
        status === 'verified'
          ? {
              source: 'api',
              bundles: 1,
              provenance: {
                instance: 'public-good',
                repository: `acme/web-${n}`,
                workflow: '.github/workflows/release.yml',
                ref: 'refs/heads/main'
              },
              rejected: []
            }
          : { source: 'api', bundles: 1, rejected: ['attestation 1: the signer workflow is not release.yml'] }
    }
    return {
      reference: REF(n),
      verdict: {
        ...base,
        decision: status === 'verified' ? 'pass' : 'fail',
        reasons: status === 'verified' ? [] : [check.reasons[0]!],
        checks: [...base.checks, check]
      }
    }
  }

  it('gives each image its own build provenance section, what built it or why none passed', () => {
    const text = renderBatchSummary([attested(1, 'verified'), attested(2, 'untrusted')], { mode: 'enforce', policy })
    // Markdown escapes ('\\-') dropped, to compare the plain text.
    const sections = text.replace(/\\(.)/g, '$1').split(/^### /m).slice(1)
    expect(sections).toHaveLength(2)
    expect(sections[0]).toMatch(/^✅ Deploy allowed — 1\. /)
    expect(sections[1]).toMatch(/^❌ Deploy blocked — 2\. /)
    expect(sections[0]).toMatch(/#### Build provenance/)
    expect(sections[0]).toContain('acme/web-1')
    expect(sections[0]).toContain('.github/workflows/release.yml')
    expect(sections[1]).toMatch(/#### Build provenance/)
    expect(sections[1]).toMatch(/untrusted/)
    expect(sections[1]).toContain('the signer workflow is not release.yml')
    expect(sections[1]).not.toContain('acme/web-1')
  })
})
