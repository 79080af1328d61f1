/**
 * The "Repository posture" section of the summary, the report's `posture` object (valid against
 * report.schema.json) and the `posture-status` of a run.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { postureResult } from '../../src/checks/posture/index.js'
import { renderJsonReport, renderSarif, renderSummary, runPostureStatus, verdictPostureStatus } from '../../src/report/index.js'
import type { ImageVerdict } from '../../src/core/types.js'
import { basePolicy, makeVerdict } from './fixtures.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(path.join(root, 'report.schema.json'), 'utf8')) as object
)

const mutable = postureResult('tag-immutability', 'fail', {
  outcome: 'fail',
  reason: 'tags are mutable (MUTABLE)',
  fix: 'aws ecr put-image-tag-mutability --repository-name team-a/web --image-tag-mutability IMMUTABLE'
})
const noKms = postureResult('kms-encryption', 'warn', {
  outcome: 'fail',
  reason: 'encrypted with AES256 | <b>x</b>',
  fix: 'create a new repository'
})
const scanned = postureResult('scan-configured', 'fail', { outcome: 'pass', reason: 'enhanced scanning' })
const excluded = postureResult('tag-immutability', 'fail', {
  outcome: 'warn',
  reason: 'immutable except 1 filter',
  details: ['exclusion filter: latest']
})

function withChecks(...extra: ImageVerdict['checks']): ImageVerdict {
  const v = makeVerdict([], basePolicy())
  return { ...v, checks: [...v.checks, ...extra] }
}

describe('posture in the reports', () => {
  it('summarises each rule with result, control and fix, escaping the text', () => {
    const summary = renderSummary(withChecks(mutable, noKms, scanned))
    const section = summary.split('### Repository posture')[1]?.split('\n### ')[0] ?? ''
    expect(section).toContain('| Rule | Result | Control | Fix |')
    expect(section).toContain(
      '| `tag-immutability` | ❌ failed (fail): tags are mutable \\(MUTABLE\\) | Security Hub ECR.2 · CKV\\_AWS\\_51'
    )
    expect(section).toContain('| `aws ecr put-image-tag-mutability --repository-name team-a/web --image-tag-mutability IMMUTABLE` |')
    expect(section).toMatch(/\| `kms-encryption` \| ⚠️ warning \(warn\): /)
    expect(section).toMatch(/\| `scan-configured` \| ✅ passed \(fail\): enhanced scanning \| .*ECR\.1.* \| — \|/)
    expect(section).toContain('&lt;b&gt;')
    expect(section).not.toContain('<b>')
  })

  it('has no posture section or report field when posture is off', () => {
    const v = withChecks()
    expect(renderSummary(v)).not.toContain('Repository posture')
    expect(renderJsonReport(v, basePolicy())).not.toHaveProperty('posture')
  })

  it('adds a schema-valid posture object to the JSON report', () => {
    const report = renderJsonReport(withChecks(mutable, noKms, excluded), basePolicy()) as {
      posture: { status: string; rules: { rule: string; status: string; enforced: boolean }[] }
    }
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.posture.status).toBe('failed')
    expect(report.posture.rules.map((r) => [r.rule, r.status, r.enforced])).toEqual([
      ['tag-immutability', 'failed', true],
      ['kms-encryption', 'warning', false],
      ['tag-immutability', 'warning', false]
    ])
  })

  it('adds a SARIF result for each rule that did not pass, error when it denies', () => {
    const sarif = renderSarif(withChecks(mutable, noKms, scanned)) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } }
        results: { ruleId: string; ruleIndex: number; level: string; partialFingerprints: Record<string, string> }[]
      }[]
    }
    const run = sarif.runs[0]!
    const posture = run.results.filter((r) => r.ruleId.startsWith('posture/'))
    expect(posture.map((r) => [r.ruleId, r.level])).toEqual([
      ['posture/tag-immutability', 'error'],
      ['posture/kms-encryption', 'warning']
    ])
    for (const r of posture) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId)
    expect(renderSarif(withChecks(mutable)) as object).toMatchObject({
      runs: [{ results: [{ partialFingerprints: posture[0]!.partialFingerprints }] }]
    })
  })

  it.each([
    [[], 'off'],
    [[scanned], 'passed'],
    [[scanned, noKms], 'warning'],
    [[scanned, noKms, mutable], 'failed']
  ] as [ImageVerdict['checks'], string][])('posture-status of %#', (checks, status) => {
    expect(verdictPostureStatus(withChecks(...checks))).toBe(status)
  })

  it('a batch takes the worst image; an image that could not be gated counts as failed', () => {
    const ok = { reference: 'a', verdict: withChecks(scanned) }
    const warn = { reference: 'b', verdict: withChecks(noKms) }
    expect(runPostureStatus([ok, warn])).toBe('warning')
    expect(runPostureStatus([ok, { reference: 'c', error: 'not found' }])).toBe('failed')
    expect(
      runPostureStatus([
        { reference: 'a', verdict: withChecks() },
        { reference: 'c', error: 'x' }
      ])
    ).toBe('off')
  })
})
