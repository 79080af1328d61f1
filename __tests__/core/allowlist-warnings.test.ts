import { describe, expect, it } from 'vitest'
import { allowlistWarnings } from '../../src/core/gate-image.js'
import { evaluate } from '../../src/policy/index.js'
import type { AllowlistEntry, Finding, Policy } from '../../src/core/types.js'

const NOW = new Date('2026-12-01T12:00:00Z')
const finding = (id: string, pkg = 'openssl'): Finding => ({
  id,
  severity: 'CRITICAL',
  title: id,
  fixAvailable: 'YES',
  packages: [{ name: pkg, version: '1' }],
  digest: `sha256:${'a'.repeat(64)}`
})
const entry = (id: string, expires: string, over: Partial<AllowlistEntry> = {}): AllowlistEntry => ({
  id,
  reason: 'accepted',
  expires,
  ...over
})
const policy = (allowlist: AllowlistEntry[]): Policy => ({
  severityThreshold: 'HIGH',
  ignoreUnfixed: false,
  maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
  allowlist
})

describe('allowlistWarnings', () => {
  it('warns of an expired entry that would have applied, a near miss, and an entry expiring within 14 days', () => {
    const result = evaluate(
      [finding('CVE-1'), finding('CVE-2'), finding('CVE-3'), finding('CVE-4')],
      policy([
        entry('CVE-1', '2026-11-30'),
        entry('CVE-2', '2027-06-01', { package: 'libssl3' }),
        entry('CVE-3', '2026-12-10'),
        entry('CVE-4', '2027-06-01')
      ]),
      NOW,
      'app'
    )
    expect(allowlistWarnings(result, NOW)).toEqual([
      'Allowlist entry for CVE-1 expired on 2026-11-30; its finding counts again',
      "Allowlist entry for CVE-2 did not apply: matched by id, but its package 'libssl3' is not the finding's ('openssl')",
      'Allowlist entry for CVE-3 expires on 2026-12-10 (in 9 days); renew it with a new reason or fix the finding'
    ])
  })

  it('takes the warning window from allowlist-warn-days (0: never)', () => {
    const result = evaluate([finding('CVE-4')], policy([entry('CVE-4', '2027-01-20')]), NOW, 'app')
    expect(allowlistWarnings(result, NOW)).toEqual([])
    expect(allowlistWarnings(result, NOW, 60)).toEqual([
      'Allowlist entry for CVE-4 expires on 2027-01-20 (in 50 days); renew it with a new reason or fix the finding'
    ])
    expect(allowlistWarnings(evaluate([finding('CVE-3')], policy([entry('CVE-3', '2026-12-10')]), NOW, 'app'), NOW, 0)).toEqual([])
  })

  it('says nothing when every entry applies and is far from expiry', () => {
    const result = evaluate([finding('CVE-4')], policy([entry('CVE-4', '2027-06-01')]), NOW, 'app')
    expect(allowlistWarnings(result, NOW)).toEqual([])
  })
})
