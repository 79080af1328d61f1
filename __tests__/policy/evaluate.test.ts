import { describe, it, expect } from 'vitest'
import { evaluate, repositoryGlob } from '../../src/policy/index.js'
import type { AllowlistEntry, Finding, Policy, Severity } from '../../src/core/types.js'

const D1 = `sha256:${'a'.repeat(64)}`
const D2 = `sha256:${'b'.repeat(64)}`
const NOW = new Date('2026-03-15T12:00:00Z')
const REPO = 'team-a/web'

function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'CVE-2024-0001',
    severity: 'HIGH',
    title: 'a bug',
    fixAvailable: 'YES',
    packages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2' }],
    digest: D1,
    ...over
  }
}

function policy(over: Partial<Policy> = {}): Policy {
  return {
    severityThreshold: 'HIGH',
    ignoreUnfixed: false,
    maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
    allowlist: [],
    ...over
  }
}

function entry(over: Partial<AllowlistEntry> = {}): AllowlistEntry {
  return { id: 'CVE-2024-0001', reason: 'accepted', expires: '2026-12-31', ...over }
}

describe('evaluate: severity threshold', () => {
  const severities: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNDEFINED']
  // threshold → which severities count
  const table: [Policy['severityThreshold'], Severity[]][] = [
    ['CRITICAL', ['CRITICAL']],
    ['HIGH', ['CRITICAL', 'HIGH']],
    ['MEDIUM', ['CRITICAL', 'HIGH', 'MEDIUM']],
    ['LOW', ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']],
    ['INFORMATIONAL', severities]
  ]
  for (const [threshold, expected] of table) {
    it(`threshold ${threshold} counts ${expected.join(', ')}`, () => {
      const findings = severities.map((severity, i) => finding({ id: `CVE-2024-000${i}`, severity }))
      const result = evaluate(findings, policy({ severityThreshold: threshold }), NOW, REPO)
      expect(result.counted.map((f) => f.severity)).toEqual(expected)
      const ignored = result.ignored.map((i) => i.finding.severity)
      expect(ignored).toEqual(severities.filter((s) => !expected.includes(s)))
      expect(result.ignored.every((i) => i.why === 'below-threshold')).toBe(true)
    })
  }

  it('tallies UNTRIAGED and UNDEFINED as informational, and they never violate', () => {
    const findings = [
      finding({ id: 'CVE-2024-1000', severity: 'UNTRIAGED' }),
      finding({ id: 'CVE-2024-1001', severity: 'UNDEFINED' }),
      finding({ id: 'CVE-2024-1002', severity: 'INFORMATIONAL' })
    ]
    const result = evaluate(findings, policy({ severityThreshold: 'INFORMATIONAL' }), NOW, REPO)
    expect(result.counts).toEqual({ critical: 0, high: 0, medium: 0, low: 0, informational: 3 })
    expect(result.violations).toEqual([])
  })

  it('does not apply max-medium/max-low above the threshold', () => {
    const findings = [finding({ id: 'CVE-2024-2000', severity: 'MEDIUM' }), finding({ id: 'CVE-2024-2001', severity: 'LOW' })]
    const result = evaluate(findings, policy({ severityThreshold: 'HIGH' }), NOW, REPO)
    expect(result.violations).toEqual([])
    expect(result.counted).toEqual([])
  })
})

describe('evaluate: filters', () => {
  it.each([
    ['NO', true, 'unfixed'],
    ['PARTIAL', true, undefined],
    ['UNKNOWN', true, undefined],
    ['YES', true, undefined],
    ['NO', false, undefined]
  ] as const)('fixAvailable %s with ignoreUnfixed %s → ignored %s', (fix, ignoreUnfixed, why) => {
    const result = evaluate([finding({ fixAvailable: fix })], policy({ ignoreUnfixed }), NOW, REPO)
    expect(result.ignored.map((i) => i.why)).toEqual(why ? [why] : [])
    expect(result.counted).toHaveLength(why ? 0 : 1)
  })

  it.each([
    [0.05, 0.1, true],
    [0.1, 0.1, false],
    [0.5, 0.1, false],
    [undefined, 0.1, false],
    [Number.NaN, 0.1, false]
  ])('epss %s with min-epss %s → ignored %s', (epss, minEpss, ignored) => {
    const f = epss === undefined ? finding() : finding({ epss })
    const result = evaluate([f], policy({ minEpss }), NOW, REPO)
    expect(result.ignored.map((i) => i.why)).toEqual(ignored ? ['epss'] : [])
    expect(result.counted).toHaveLength(ignored ? 0 : 1)
  })

  it('ignores no finding by EPSS when min-epss is not set', () => {
    const result = evaluate([finding({ epss: 0 })], policy(), NOW, REPO)
    expect(result.counted).toHaveLength(1)
  })

  it.each([
    [false, true, true],
    [true, true, false],
    [undefined, true, false],
    [false, false, false]
  ])('exploitAvailable %s with exploitableOnly %s → ignored %s', (exploit, exploitableOnly, ignored) => {
    const f = exploit === undefined ? finding() : finding({ exploitAvailable: exploit })
    const result = evaluate([f], policy({ exploitableOnly }), NOW, REPO)
    expect(result.ignored.map((i) => i.why)).toEqual(ignored ? ['not-exploitable'] : [])
  })

  it('reports the first filter that applies', () => {
    const f = finding({ severity: 'LOW', fixAvailable: 'NO', epss: 0, exploitAvailable: false })
    const result = evaluate([f], policy({ ignoreUnfixed: true, minEpss: 0.5, exploitableOnly: true }), NOW, REPO)
    expect(result.ignored.map((i) => i.why)).toEqual(['below-threshold'])
    const g = finding({ fixAvailable: 'NO', epss: 0, exploitAvailable: false })
    const r2 = evaluate([g], policy({ ignoreUnfixed: true, minEpss: 0.5, exploitableOnly: true }), NOW, REPO)
    expect(r2.ignored.map((i) => i.why)).toEqual(['unfixed'])
  })
})

describe('evaluate: allowlist', () => {
  it('matches by id alone, case-insensitively', () => {
    const e = entry({ id: 'cve-2024-0001' })
    const result = evaluate([finding()], policy({ allowlist: [e] }), NOW, REPO)
    expect(result.counted).toEqual([])
    expect(result.allowlisted).toEqual([{ entry: e, findings: [finding()] }])
    expect(result.staleAllowlist).toEqual([])
    expect(result.violations).toEqual([])
  })

  it('matches by package only when the finding has that package', () => {
    const hit = entry({ package: 'openssl' })
    const miss = entry({ package: 'zlib' })
    expect(evaluate([finding()], policy({ allowlist: [hit] }), NOW, REPO).counted).toHaveLength(0)
    const r = evaluate([finding()], policy({ allowlist: [miss] }), NOW, REPO)
    expect(r.counted).toHaveLength(1)
    // Meant for this finding, wrong package: a near miss that says why, never "stale".
    expect(r.staleAllowlist).toEqual([])
    expect(r.nearMissAllowlist).toEqual([{ entry: miss, finding: r.counted[0], why: "package 'zlib' is not the finding's ('openssl')" }])
  })

  it('reports a repository near miss, and none for a finding another entry covers or a filter ignores', () => {
    const wrongRepo = entry({ repository: 'payment' })
    const r = evaluate([finding()], policy({ allowlist: [wrongRepo] }), NOW, 'payments')
    expect(r.nearMissAllowlist).toEqual([
      { entry: wrongRepo, finding: r.counted[0], why: "repository 'payment' does not match 'payments'" }
    ])
    expect(evaluate([finding()], policy({ allowlist: [wrongRepo, entry()] }), NOW, 'payments').nearMissAllowlist).toEqual([])
    expect(evaluate([finding({ severity: 'LOW' })], policy({ allowlist: [wrongRepo] }), NOW, 'payments').nearMissAllowlist).toEqual([])
  })

  it('matches a finding with several packages when one of them is named', () => {
    const f = finding({
      packages: [
        { name: 'libssl3', version: '1' },
        { name: 'openssl', version: '1' }
      ]
    })
    expect(evaluate([f], policy({ allowlist: [entry({ package: 'openssl' })] }), NOW, REPO).counted).toHaveLength(0)
  })

  it.each([
    ['team-a/web', true],
    ['team-a/*', true],
    ['team-?/web', true],
    ['team-b/*', false],
    ['*', false],
    ['**', true],
    ['team-a/w?', false],
    ['team-a', false]
  ])('repository glob %s matches team-a/web: %s', (glob, matches) => {
    const result = evaluate([finding()], policy({ allowlist: [entry({ repository: glob })] }), NOW, REPO)
    expect(result.counted).toHaveLength(matches ? 0 : 1)
  })

  it('treats glob metacharacters other than * and ? literally', () => {
    expect(repositoryGlob('a.b').test('axb')).toBe(false)
    expect(repositoryGlob('a.b').test('a.b')).toBe(true)
  })

  it('an entry that expired yesterday does not apply and is reported as expired', () => {
    const e = entry({ expires: '2026-03-14' })
    const result = evaluate([finding()], policy({ allowlist: [e] }), NOW, REPO)
    expect(result.counted).toHaveLength(1)
    expect(result.expiredAllowlist).toEqual([{ entry: e, findings: [finding()] }])
    expect(result.allowlisted).toEqual([])
    expect(result.violations.map((v) => v.rule)).toEqual(['max-high'])
  })

  it('an entry that expires today still applies (through the end of the UTC day)', () => {
    const e = entry({ expires: '2026-03-15' })
    const late = new Date('2026-03-15T23:59:59.999Z')
    expect(evaluate([finding()], policy({ allowlist: [e] }), late, REPO).counted).toHaveLength(0)
    const nextDay = new Date('2026-03-16T00:00:00.000Z')
    expect(evaluate([finding()], policy({ allowlist: [e] }), nextDay, REPO).counted).toHaveLength(1)
  })

  it('treats an entry with a malformed expiry as expired', () => {
    const e = entry({ expires: 'never' })
    const result = evaluate([finding()], policy({ allowlist: [e] }), NOW, REPO)
    expect(result.counted).toHaveLength(1)
    expect(result.expiredAllowlist).toHaveLength(1)
  })

  it('reports live entries that match nothing as stale, and expired ones as expired even when unmatched', () => {
    const stale = entry({ id: 'CVE-2020-9999' })
    const expired = entry({ id: 'CVE-2020-8888', expires: '2020-01-01' })
    const result = evaluate([finding()], policy({ allowlist: [stale, expired] }), NOW, REPO)
    expect(result.staleAllowlist).toEqual([stale])
    expect(result.expiredAllowlist).toEqual([{ entry: expired, findings: [] }])
  })

  it('an entry that matches only an ignored finding is neither used nor stale', () => {
    const e = entry()
    const result = evaluate([finding({ severity: 'LOW' })], policy({ allowlist: [e] }), NOW, REPO)
    expect(result.allowlisted).toEqual([])
    expect(result.staleAllowlist).toEqual([])
    expect(result.ignored).toHaveLength(1)
  })
})

describe('evaluate: limits and counts', () => {
  const highs = (n: number): Finding[] => Array.from({ length: n }, (_, i) => finding({ id: `CVE-2024-${1000 + i}` }))

  it.each([
    [0, 0, false],
    [1, 0, true],
    [3, 3, false],
    [4, 3, true]
  ])('%s HIGH findings with max-high %s → violation %s', (n, limit, violates) => {
    const result = evaluate(highs(n), policy({ maxCounts: { critical: 0, high: limit, medium: 0, low: 0 } }), NOW, REPO)
    if (violates) {
      expect(result.violations).toEqual([{ rule: 'max-high', severity: 'HIGH', limit, count: n, findings: highs(n) }])
    } else {
      expect(result.violations).toEqual([])
    }
    expect(result.counts.high).toBe(n)
  })

  it('treats a NaN or negative limit as 0 (fail closed)', () => {
    const r1 = evaluate(highs(1), policy({ maxCounts: { critical: 0, high: Number.NaN, medium: 0, low: 0 } }), NOW, REPO)
    expect(r1.violations.map((v) => [v.rule, v.limit])).toEqual([['max-high', 0]])
    const r2 = evaluate(highs(1), policy({ maxCounts: { critical: 0, high: -5, medium: 0, low: 0 } }), NOW, REPO)
    expect(r2.violations).toHaveLength(1)
  })

  it('reports one violation per broken limit, highest severity first', () => {
    const findings = [
      finding({ id: 'CVE-2024-1', severity: 'LOW' }),
      finding({ id: 'CVE-2024-2', severity: 'CRITICAL' }),
      finding({ id: 'CVE-2024-3', severity: 'MEDIUM' })
    ]
    const result = evaluate(findings, policy({ severityThreshold: 'LOW' }), NOW, REPO)
    expect(result.violations.map((v) => v.rule)).toEqual(['max-critical', 'max-medium', 'max-low'])
    expect(result.violations.map((v) => v.findings.map((f) => f.id))).toEqual([['CVE-2024-2'], ['CVE-2024-3'], ['CVE-2024-1']])
  })

  it('counts the same id once per platform digest and per-digest', () => {
    const findings = [
      finding({ digest: D1 }),
      finding({ digest: D2 }),
      finding({ id: 'CVE-2024-7', severity: 'CRITICAL', digest: D2 }),
      finding({ severity: 'LOW', digest: D1 })
    ]
    const result = evaluate(findings, policy(), NOW, REPO)
    expect(result.counts).toEqual({ critical: 1, high: 2, medium: 0, low: 0, informational: 0 })
    expect(result.perDigest).toEqual({
      [D1]: { critical: 0, high: 1, medium: 0, low: 0, informational: 0 },
      [D2]: { critical: 1, high: 1, medium: 0, low: 0, informational: 0 }
    })
  })

  it('drops exact duplicates (same id, digest and packages), case-insensitive on the id', () => {
    const findings = [finding(), finding({ id: 'cve-2024-0001' }), finding({ packages: [{ name: 'zlib', version: '1' }] })]
    const result = evaluate(findings, policy(), NOW, REPO)
    expect(result.counted).toHaveLength(2)
    expect(result.counts.high).toBe(2)
  })

  it('is pure: the inputs are not modified', () => {
    const findings = [finding(), finding({ severity: 'LOW' })]
    const p = policy({ allowlist: [entry({ id: 'CVE-2000-0001' })] })
    const before = JSON.stringify([findings, p])
    evaluate(findings, p, NOW, REPO)
    expect(JSON.stringify([findings, p])).toBe(before)
  })

  it('refuses an invalid clock', () => {
    expect(() => evaluate([], policy(), new Date('nope'), REPO)).toThrow(TypeError)
  })

  it('returns an empty result for no findings', () => {
    const result = evaluate([], policy(), NOW, REPO)
    expect(result).toEqual({
      counted: [],
      violations: [],
      allowlisted: [],
      expiredAllowlist: [],
      staleAllowlist: [],
      nearMissAllowlist: [],
      counts: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 },
      ignored: [],
      perDigest: {}
    })
  })
})

describe('evaluate: edges the mutation run found untested', () => {
  it('treats an expiry that is not exactly YYYY-MM-DD as expired, so the finding counts', () => {
    for (const expires of ['2999-01-01x', 'x2999-01-01']) {
      const r = evaluate([finding()], policy({ allowlist: [entry({ expires })] }), NOW, REPO)
      expect(r.counted).toHaveLength(1)
      expect(r.expiredAllowlist.map((u) => u.entry.expires)).toEqual([expires])
    }
  })

  it('counts one finding once whatever the order of its packages', () => {
    const a = { name: 'a', version: '1' }
    const b = { name: 'b', version: '2' }
    const r = evaluate([finding({ packages: [a, b] }), finding({ packages: [b, a] })], policy(), NOW, REPO)
    expect(r.counted).toHaveLength(1)
    expect(r.counts.high).toBe(1)
  })

  it('matches `**` followed by literal text only when the text is there', () => {
    const glob = repositoryGlob('team/**app')
    expect(glob.test('team/x/app')).toBe(true)
    expect(glob.test('team/x/zpp')).toBe(false)
  })

  it("says a near miss on package names the finding's packages, or none", () => {
    const r = evaluate([finding({ packages: [] })], policy({ allowlist: [entry({ package: 'openssl' })] }), NOW, REPO)
    expect(r.nearMissAllowlist.map((m) => m.why)).toEqual(["package 'openssl' is not the finding's (none)"])
    const two = [
      { name: 'libssl3', version: '3' },
      { name: 'zlib', version: '1' }
    ]
    const r2 = evaluate([finding({ packages: two })], policy({ allowlist: [entry({ package: 'openssl' })] }), NOW, REPO)
    expect(r2.nearMissAllowlist.map((m) => m.why)).toEqual(["package 'openssl' is not the finding's ('libssl3', 'zlib')"])
  })

  it('reads a negative limit as 0', () => {
    expect(evaluate([], policy({ maxCounts: { critical: -1, high: -1, medium: -1, low: -1 } }), NOW, REPO).violations).toEqual([])
    const r = evaluate([finding()], policy({ maxCounts: { critical: 0, high: -3, medium: 0, low: 0 } }), NOW, REPO)
    expect(r.violations.map((v) => [v.rule, v.limit, v.count])).toEqual([['max-high', 0, 1]])
  })

  it('names the bad argument when `now` is not a valid Date', () => {
    expect(() => evaluate([], policy(), new Date('nope'), REPO)).toThrow('evaluate: `now` must be a valid Date')
  })

  it('calls an entry stale when the only finding it missed was ignored anyway', () => {
    const e = entry({ package: 'libssl3' })
    const r = evaluate([finding({ severity: 'LOW' })], policy({ allowlist: [e] }), NOW, REPO)
    expect(r.nearMissAllowlist).toEqual([])
    expect(r.staleAllowlist).toEqual([e])
  })
})
