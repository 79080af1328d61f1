/**
 * What a person copies out of a summary must deploy: every image URI and digest is in a code span,
 * byte for byte, with nothing inserted (no zero-width joiner after '@', no escaping backslash).
 */
import { describe, expect, it } from 'vitest'
import { parseImageReference } from '../../src/image/index.js'
import { renderBatchSummary, renderRunSummary, renderSummary } from '../../src/report/index.js'
import type { RunResult } from '../../src/core/types.js'
import { INDEX, URI, makeVerdict } from './fixtures.js'

const HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com'

/** Every ECR reference that appears in the markdown, with whether it stood whole inside a code span. */
function references(md: string): { text: string; inCode: boolean }[] {
  const found: { text: string; inCode: boolean }[] = []
  let fence: string | undefined
  for (const line of md.split('\n')) {
    // A fenced code block's lines are copied as they are.
    const opener = /^(`{3,})/.exec(line)?.[1]
    if (fence === undefined && opener !== undefined) {
      fence = opener
      continue
    }
    if (fence !== undefined) {
      if (line === fence) fence = undefined
      else if (line.includes('.dkr.ecr.')) found.push({ text: line.trim(), inCode: true })
      continue
    }
    // Code spans first: their content is what a person copies.
    const spans = Array.from(line.matchAll(/(`+)(?!`)(.+?)(?<!`)\1(?!`)/g), (m) => m[2]!.trim())
    for (const span of spans) {
      // The batch overview names the registry host once; a host alone is copyable as a host.
      if (/^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(span)) continue
      if (span.includes('.dkr.ecr.')) found.push({ text: span.replace(/\\\|/g, '|'), inCode: true })
    }
    const outside = line.replace(/(`+)(?!`)(.+?)(?<!`)\1(?!`)/g, '')
    for (const m of outside.matchAll(/\S*dkr\S*ecr\S*/g)) found.push({ text: m[0], inCode: false })
  }
  return found
}

function expectCopyable(md: string, expected: string[]): void {
  const refs = references(md)
  for (const want of expected)
    expect(
      refs.map((r) => r.text),
      `${want} in ${md.slice(0, 200)}`
    ).toContain(want)
  for (const ref of refs) {
    expect(ref.inCode, `not in a code span: ${ref.text}`).toBe(true)
    expect(ref.text).not.toMatch(/[\u200b-\u200f\\]/)
    expect(() => parseImageReference(ref.text)).not.toThrow()
  }
}

describe('copyable values in summaries', () => {
  const missing = makeVerdict([], undefined, {
    decision: 'fail',
    reasons: [`Signature missing: no Notation signature found for ${HOST}/team-a/web@${INDEX}`],
    signature: { status: 'missing', reason: `no Notation signature found for ${HOST}/team-a/web@${INDEX}` }
  })

  it('single image: the URI to deploy and the image named in reasons', () => {
    expectCopyable(renderSummary(makeVerdict([])), [URI])
    expectCopyable(renderSummary(missing), [URI, `${HOST}/team-a/web@${INDEX}`])
  })

  it('batch: the overview table, the per-image sections and the reasons', () => {
    const md = renderBatchSummary(
      [
        { reference: `${HOST}/team-a/web:v1`, verdict: makeVerdict([]) },
        { reference: `${HOST}/team-a/web@${INDEX}`, verdict: missing },
        { reference: `${HOST}/team-a/web:v9`, error: `Image not found: ${HOST}/team-a/web:v9 does not exist` }
      ],
      { mode: 'enforce' }
    )
    // The overview names images short (`team-a/web:v1`, the registry once); the URIs and the references in reasons stay whole.
    expectCopyable(md, [URI, `${HOST}/team-a/web@${INDEX}`, `${HOST}/team-a/web:v9`])
    expect(md).toContain(`Registry: \`${HOST}\``)
  })

  it('a run that failed after its verdict', () => {
    const result: RunResult = {
      decision: 'pass',
      mode: 'enforce',
      batch: false,
      images: [{ reference: `${HOST}/team-a/web:v1`, verdict: makeVerdict([]) }]
    }
    expectCopyable(renderRunSummary(result, { failure: 'Could not write the report: EISDIR' }), [`${HOST}/team-a/web:v1`])
  })
})
