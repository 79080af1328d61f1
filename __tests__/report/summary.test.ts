import { describe, it, expect } from 'vitest'
import { Limits } from '../../src/core/constants.js'
import { renderSummary } from '../../src/report/index.js'
import type { Finding } from '../../src/core/types.js'
import { AMD, ARM, URI, finding, basePolicy, makeVerdict } from './fixtures.js'

const INJECTIONS = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '@octocat',
  '| pipe |',
  'line\nbreak\r\n## heading',
  '`code` ```fence'
]
const evil = INJECTIONS.join(' ')

/** Pipes that GFM would treat as cell separators (a backslash escapes the next character). */
function cellSeparators(line: string): number {
  return (line.replace(/\\./g, '').match(/\|/g) ?? []).length
}

/** Asserts that every table in the markdown keeps its header's column count on every row. */
function expectTablesIntact(markdown: string): number {
  let rows = 0
  let columns: number | undefined
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      columns = undefined
      continue
    }
    const n = cellSeparators(line)
    if (columns === undefined) columns = n
    expect(n, line).toBe(columns)
    rows++
  }
  return rows
}

function expectInert(markdown: string): void {
  expect(markdown).not.toContain('<img')
  expect(markdown).not.toContain('](javascript:')
  expect(markdown).not.toMatch(/@octocat/)
  expect(markdown).not.toContain('\n## heading')
}

describe('renderSummary: verdict first', () => {
  it('starts with "Deploy allowed" for a pass', () => {
    const md = renderSummary(makeVerdict([finding({ severity: 'LOW' })]))
    expect(md.startsWith('## ✅ Deploy allowed\n')).toBe(true)
    // One line says which policy was applied: threshold and limit, allowlisted findings, signature.
    expect(md).toContain('- No rule was broken: 0 allowlisted · signature verified by …/prod')
    const named = renderSummary(makeVerdict([finding({ severity: 'LOW' })]), { policy: basePolicy() })
    expect(named).toContain('- No rule was broken: HIGH and above, 0 allowed · 0 allowlisted · signature verified by …/prod')
    // The LOW finding is below the threshold: shown in the table, not counted.
    expect(named).toMatch(/\| \*\*Total\*\* \| \| \| 0 \| 0 \| 0 \| 1 \(0 counted\) \| 0 \|/)
  })

  it('starts with "Deploy blocked" and the reasons for a fail', () => {
    const md = renderSummary(makeVerdict([finding()]))
    const lines = md.split('\n')
    expect(lines[0]).toBe('## ❌ Deploy blocked')
    expect(lines[2]).toBe('- 1 HIGH finding\\(s\\) exceed max\\-high 0')
  })

  it('says "Would be blocked (audit mode)" in audit mode', () => {
    const md = renderSummary(makeVerdict([finding()], basePolicy(), { mode: 'audit' }))
    expect(md.startsWith('## ❌ Would be blocked (audit mode)\n')).toBe(true)
    expect(md).toContain('`mode` is `audit`')
  })

  it('contains the digest-pinned URI in a code block', () => {
    const md = renderSummary(makeVerdict([]))
    expect(md).toContain('```text\n' + URI + '\n```')
    expect(md.indexOf(URI)).toBeLessThan(md.indexOf('### Vulnerabilities'))
  })
})

describe('renderSummary: sections', () => {
  it('has a per-platform table with counts and scan status', () => {
    const findings = [finding(), finding({ digest: ARM, platform: 'linux/arm64/v8', severity: 'CRITICAL', id: 'CVE-2024-0002' })]
    const md = renderSummary(makeVerdict(findings))
    expect(md).toContain(`| linux/amd64 | \`${AMD.slice(0, 19)}\` | ✅ ACTIVE (ENHANCED) | 0 | 1 | 0 | 0 | 0 |`)
    expect(md).toContain(`| linux/arm64/v8 | \`${ARM.slice(0, 19)}\` | ✅ ACTIVE (ENHANCED) | 1 | 0 | 0 | 0 | 0 |`)
    expect(md).toContain('| **Total** | | | 1 | 1 | 0 | 0 | 0 |')
    expectTablesIntact(md)
  })

  it('lists violations with advisory links, package, version and fixed-in', () => {
    const md = renderSummary(makeVerdict([finding()]))
    expect(md).toContain('### Policy violations')
    expect(md).toContain('**max\\-high**: 1 counted HIGH finding, limit 0')
    expect(md).toContain(
      '- [CVE\\-2024\\-0001](https://nvd.nist.gov/vuln/detail/CVE-2024-0001) · openssl 3.0.1 · fixed in 3.0.2 · linux/amd64'
    )
  })

  it('shows the signature, or the reason it failed', () => {
    const ok = renderSummary(makeVerdict([]))
    expect(ok).toContain('✅ **verified**')
    expect(ok).toContain('- Signing profile: arn:aws:signer:eu\\-west\\-1:123456789012:/signing\\-profiles/prod/abc')
    const bad = renderSummary(makeVerdict([], basePolicy(), { signature: { status: 'untrusted', reason: 'profile not trusted' } }))
    expect(bad).toContain('❌ **untrusted**')
    expect(bad).toContain('- Reason: profile not trusted')
  })

  it('reports allowlist entries applied, expired and stale', () => {
    const policy = basePolicy({
      allowlist: [
        { id: 'CVE-2024-0001', reason: 'accepted risk', expires: '2026-12-31' },
        { id: 'CVE-2024-0002', reason: 'old', expires: '2026-01-01' },
        { id: 'CVE-2020-0001', reason: 'gone', expires: '2027-01-01' }
      ]
    })
    const md = renderSummary(makeVerdict([finding(), finding({ id: 'CVE-2024-0002' })], policy))
    expect(md).toContain('**Applied**')
    expect(md).toMatch(/\| \[CVE\\-2024\\-0001\]\([^)]+\) \| any \| any \| 2026\\-12\\-31 \| 1 \| accepted risk \|/)
    expect(md).toContain('**Expired**')
    expect(md).toContain('**Stale**')
    expect(md).toContain('[CVE\\-2020\\-0001](https://nvd.nist.gov/vuln/detail/CVE-2020-0001)')
    expectTablesIntact(md)
  })

  it('puts every finding, counted and ignored, in a details block', () => {
    const md = renderSummary(makeVerdict([finding(), finding({ id: 'CVE-2024-0009', severity: 'LOW' })]))
    const details = md.slice(md.indexOf('<details><summary>All 2 findings'))
    expect(details).toContain('1 counted, 0 allowlisted, 1 ignored')
    expect(details).toContain('❌ counted, breaks max\\-high')
    expect(details).toContain('ignored: below\\-threshold')
    expect(details).toContain('</details>')
  })
})

describe('renderSummary: untrusted text is inert', () => {
  it('escapes injection strings in every field that carries outside text', () => {
    const f = finding({
      id: `CVE-2024-0001 ${evil}`,
      title: evil,
      platform: evil,
      packages: [{ name: evil, version: evil, fixedInVersion: evil }]
    })
    const policy = basePolicy({
      allowlist: [{ id: 'CVE-2020-0001', reason: evil, expires: '2027-01-01', package: evil, repository: evil }]
    })
    const verdict = makeVerdict([f], policy, {
      reasons: [evil],
      signature: { status: 'invalid', reason: evil, signer: evil, details: [evil] },
      scans: [{ digest: evil, platform: evil, scanType: 'ENHANCED', status: 'FAILED', description: evil, polls: 1, done: false }]
    })
    verdict.image = { ...verdict.image, tag: evil }
    const md = renderSummary(verdict)
    expectInert(md)
    expect(expectTablesIntact(md)).toBeGreaterThan(6)
    expect(md).toContain('@\u200docto')
  })

  it('keeps a 1 MB string from blowing up the summary', () => {
    const huge = `${'A'.repeat(1024 * 1024)}<img src=x>`
    const md = renderSummary(
      makeVerdict([finding({ title: huge, packages: [{ name: huge, version: '1' }] })], basePolicy(), { reasons: [huge] })
    )
    expect(Buffer.byteLength(md)).toBeLessThan(20_000)
    expectInert(md)
  })

  it('cannot break out of the URI code block', () => {
    const verdict = makeVerdict([])
    verdict.image = { ...verdict.image, uri: 'x```\n## pwned <img src=x>' }
    const md = renderSummary(verdict)
    expect(md).not.toContain('\n## pwned')
    expect(md).toContain('````text\nx``` ## pwned <img src=x>\n````')
  })
})

describe('renderSummary: bounded', () => {
  const many = (n: number): Finding[] =>
    Array.from({ length: n }, (_, i) =>
      finding({
        id: `CVE-2024-${String(10000 + i)}`,
        severity: i % 3 === 0 ? 'CRITICAL' : i % 3 === 1 ? 'HIGH' : 'LOW',
        digest: i % 2 === 0 ? AMD : ARM,
        title: `a long title for finding ${i} `.repeat(4)
      })
    )

  it('50,000 findings stay under the summary limit and point at the JSON report', () => {
    const md = renderSummary(makeVerdict(many(50_000)), { reportFile: 'gate-report.json' })
    const size = Buffer.byteLength(md, 'utf8')
    expect(size).toBeLessThan(Limits.summaryBytes)
    expect(size).toBeLessThan(1024 * 1024)
    expect(md.startsWith('## ❌ Deploy blocked')).toBe(true)
    expect(md).toMatch(/… \d+ more findings — see the JSON report gate\\-report\.json/)
    expect(md).toContain('</details>')
    expectTablesIntact(md)
  })

  it('honours a smaller maxBytes, falling back to a short summary that points at the report', () => {
    const verdict = makeVerdict(many(2000))
    for (const maxBytes of [200_000, 20_000, 3_000, 1_200]) {
      const md = renderSummary(verdict, { reportFile: 'r.json', maxBytes })
      expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(maxBytes)
      expect(md.startsWith('## ❌ Deploy blocked')).toBe(true)
      expect(md).toContain(URI)
      expect(md).toContain('r.json')
    }
    const short = renderSummary(verdict, { reportFile: 'r.json', maxBytes: 1_200 })
    expect(short).toContain("larger than GitHub's job summary limit")
  })

  it('never exceeds even an absurdly small maxBytes', () => {
    const md = renderSummary(makeVerdict(many(10)), { maxBytes: 40 })
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(40)
    expect(md.startsWith('## ❌')).toBe(true)
  })
})

describe('image heading', () => {
  it('invites a deploy only on pass', () => {
    const passed = renderSummary(makeVerdict([], basePolicy(), { decision: 'pass', reasons: [] }))
    expect(passed).toContain('Deploy this digest-pinned image')
    const blocked = renderSummary(makeVerdict([], basePolicy(), { decision: 'fail', reasons: ['scan FAILED'] }))
    expect(blocked).not.toContain('Deploy this digest-pinned image')
    expect(blocked).toContain('not approved for deploy')
    expect(blocked).toContain(URI)
  })
})

describe('renderSummary: allowlist near misses', () => {
  it('lists an entry that matched by id but not by package under "Did not apply", never as stale, and names it in the reason', () => {
    const policy = basePolicy({ allowlist: [{ id: 'CVE-2024-0001', reason: 'accepted', expires: '2099-01-01', package: 'libssl3' }] })
    const verdict = makeVerdict([finding()], policy)
    const md = renderSummary({ ...verdict, reasons: ['blocked'] })
    expect(md).toContain('**Did not apply**')
    expect(md).toContain('matched by id, but its package &#39;libssl3&#39; is not the finding&#39;s \\(&#39;openssl&#39;\\)')
    expect(md).not.toContain('**Stale**')
  })
})

describe('renderSummary: scan type source', () => {
  it('names how the scan type was known next to it', () => {
    const base = makeVerdict([])
    const verdict = { ...base, scans: base.scans.map((s) => ({ ...s, scanTypeSource: 'inferred' as const })) }
    expect(renderSummary(verdict)).toContain(`(${base.scans[0]?.scanType}, inferred)`)
  })
})
