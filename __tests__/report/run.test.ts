import { describe, expect, it } from 'vitest'
import type { RunResult } from '../../src/core/types.js'
import { renderRunReport, renderRunSarif, renderRunSummary } from '../../src/report/index.js'
import { basePolicy, finding, makeVerdict, NOW } from './fixtures.js'

const one = (batch: boolean): RunResult => ({
  decision: 'pass',
  mode: 'enforce',
  batch,
  images: [{ reference: 'web:v1', verdict: makeVerdict([]) }]
})
const unresolved: RunResult = {
  decision: 'fail',
  mode: 'enforce',
  batch: false,
  images: [{ reference: 'web:v9', error: 'Image not found' }]
}

describe('renderers over a RunResult', () => {
  it('keeps the single-image shapes for one image and the batch shapes for a list, even of one', () => {
    expect(renderRunSummary(one(false)).split('\n')[0]).toBe('## ✅ Deploy allowed')
    expect(renderRunSummary(one(true)).split('\n')[0]).toBe('## ✅ Deploy allowed: 1 image')
    expect(renderRunReport(one(false), basePolicy(), { now: NOW })).not.toHaveProperty('batch')
    expect(renderRunReport(one(true), basePolicy(), { now: NOW })).toMatchObject({
      batch: true,
      images: [expect.objectContaining({ decision: 'pass' })]
    })
  })

  it('renders an image that could not be gated as the error summary and report, with no SARIF', () => {
    expect(renderRunSummary(unresolved, { reportFile: 'r.json' })).toMatch(/^## ❌ Deploy blocked\n\nThe gate could not reach a verdict/)
    expect(renderRunReport(unresolved, basePolicy(), { now: NOW })).toMatchObject({
      error: true,
      decision: 'fail',
      reasons: ['Image not found']
    })
    expect(renderRunSarif(unresolved)).toBeUndefined()
  })

  it('writes SARIF for a verdict and for a batch', () => {
    const failing: RunResult = {
      decision: 'fail',
      mode: 'enforce',
      batch: false,
      images: [{ reference: 'web:v1', verdict: makeVerdict([finding({ severity: 'CRITICAL' })]) }]
    }
    expect(JSON.stringify(renderRunSarif(failing))).toContain('CVE-2024-0001')
    expect(renderRunSarif({ ...failing, batch: true })).toMatchObject({ version: '2.1.0' })
  })

  it('shows a failure after the verdicts as blocked, listing what was judged without inviting a deploy', () => {
    const text = renderRunSummary(one(false), { failure: 'Could not write the report: EISDIR', reportFile: 'r.json' })
    expect(text.split('\n')[0]).toBe('## ❌ Deploy blocked')
    expect(text).toContain('Could not write the report: EISDIR')
    expect(text).toMatch(/\| web:v1 \| pass \| `sha256:0{64}` \|/)
    expect(text).not.toMatch(/Deploy allowed|Deploy this/)
    expect(text).toContain('JSON report: r.json')
  })
})

describe('the policy line of a batch under policy-file overrides', () => {
  it("names each image's own policy, not the first image's", () => {
    const batch: RunResult = {
      decision: 'pass',
      mode: 'enforce',
      batch: true,
      images: [
        { reference: 'tools-cli:v1', verdict: makeVerdict([]) },
        { reference: 'payments-api:v1', verdict: makeVerdict([]) }
      ]
    }
    const strict = { ...basePolicy(), severityThreshold: 'MEDIUM' as const }
    const text = renderRunSummary(batch, { policy: (i) => (i === 1 ? strict : basePolicy()) })
    const [first, second] = text.split(/^### /m).slice(1)
    expect(first).toContain('HIGH and above, 0 allowed')
    expect(second).toContain('MEDIUM and above, 0 allowed')
    // One policy for all still works, and a single image takes the function's first.
    expect(renderRunSummary(batch, { policy: strict }).match(/MEDIUM and above/g)).toHaveLength(2)
    expect(
      renderRunSummary({ ...batch, batch: false, images: [batch.images[1]!] }, { policy: (i) => (i === 0 ? strict : basePolicy()) })
    ).toContain('MEDIUM and above')
  })
})
