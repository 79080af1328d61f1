import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { evaluate, severityRank, THRESHOLD_SEVERITIES } from '../../src/policy/index.js'
import type { AllowlistEntry, Finding, Policy, Severity } from '../../src/core/types.js'

const NOW = new Date('2026-03-15T12:00:00Z')
const ids = ['CVE-2024-0001', 'CVE-2024-0002', 'cve-2024-0003', 'GHSA-abcd-2345-wxyz', 'ALAS2-2024-1']
const digests = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`]
const severities: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNDEFINED']

const findingArb: fc.Arbitrary<Finding> = fc
  .record({
    id: fc.constantFrom(...ids),
    severity: fc.constantFrom(...severities),
    fixAvailable: fc.constantFrom('YES', 'NO', 'PARTIAL', 'UNKNOWN'),
    exploitAvailable: fc.option(fc.boolean(), { nil: undefined }),
    epss: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    pkg: fc.constantFrom('openssl', 'zlib', 'curl'),
    digest: fc.constantFrom(...digests)
  })
  .map(({ pkg, exploitAvailable, epss, ...rest }) => {
    const f: Finding = { ...rest, title: 't', packages: [{ name: pkg, version: '1' }] } as Finding
    if (exploitAvailable !== undefined) f.exploitAvailable = exploitAvailable
    if (epss !== undefined) f.epss = epss
    return f
  })

const entryArb: fc.Arbitrary<AllowlistEntry> = fc
  .record({
    id: fc.constantFrom(...ids),
    expires: fc.constantFrom('2026-03-14', '2026-03-15', '2027-01-01'),
    pkg: fc.option(fc.constantFrom('openssl', 'zlib'), { nil: undefined }),
    repository: fc.option(fc.constantFrom('team-a/*', 'team-b/*', '**'), { nil: undefined })
  })
  .map(({ pkg, repository, ...rest }) => {
    const e: AllowlistEntry = { ...rest, reason: 'r' }
    if (pkg !== undefined) e.package = pkg
    if (repository !== undefined) e.repository = repository
    return e
  })

const policyArb: fc.Arbitrary<Policy> = fc.record({
  severityThreshold: fc.constantFrom(...THRESHOLD_SEVERITIES),
  ignoreUnfixed: fc.boolean(),
  maxCounts: fc.record({ critical: fc.nat(3), high: fc.nat(3), medium: fc.nat(3), low: fc.nat(3) }),
  allowlist: fc.array(entryArb, { maxLength: 4 }),
  exploitableOnly: fc.boolean()
})

const total = (p: Policy, f: Finding[]): number => {
  const c = evaluate(f, p, NOW, 'team-a/web').counts
  return c.critical + c.high + c.medium + c.low + c.informational
}

describe('evaluate: properties', () => {
  it('adding an allowlist entry never increases counted findings or violations', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 30 }), policyArb, entryArb, (findings, policy, extra) => {
        const before = evaluate(findings, policy, NOW, 'team-a/web')
        const after = evaluate(findings, { ...policy, allowlist: [...policy.allowlist, extra] }, NOW, 'team-a/web')
        expect(after.counted.length).toBeLessThanOrEqual(before.counted.length)
        expect(after.violations.length).toBeLessThanOrEqual(before.violations.length)
      }),
      { numRuns: 300 }
    )
  })

  it('raising the threshold never increases counts', () => {
    fc.assert(
      fc.property(
        fc.array(findingArb, { maxLength: 30 }),
        policyArb,
        fc.constantFrom(...THRESHOLD_SEVERITIES),
        (findings, policy, other) => {
          const [low, high] =
            severityRank(other) < severityRank(policy.severityThreshold)
              ? [other, policy.severityThreshold]
              : [policy.severityThreshold, other]
          expect(total({ ...policy, severityThreshold: high }, findings)).toBeLessThanOrEqual(
            total({ ...policy, severityThreshold: low }, findings)
          )
        }
      ),
      { numRuns: 300 }
    )
  })

  it('every finding is accounted for exactly once (counted, allowlisted, ignored or a duplicate)', () => {
    fc.assert(
      fc.property(fc.array(findingArb, { maxLength: 30 }), policyArb, (findings, policy) => {
        const r = evaluate(findings, policy, NOW, 'team-a/web')
        const allowlisted = new Set(r.allowlisted.flatMap((u) => u.findings))
        const accounted = r.counted.length + allowlisted.size + r.ignored.length
        const unique = new Set(findings.map((f) => JSON.stringify([f.id.toUpperCase(), f.digest, f.packages]))).size
        expect(accounted).toBe(unique)
        const c = r.counts
        expect(c.critical + c.high + c.medium + c.low + c.informational).toBe(r.counted.length)
      }),
      { numRuns: 300 }
    )
  })
})
