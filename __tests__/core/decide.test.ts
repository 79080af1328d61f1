import { describe, expect, it } from 'vitest'
import { decide } from '../../src/core/decide.js'
import type { DecideInput } from '../../src/core/decide.js'
import type { CheckResult, Finding, PolicyResult, ScanState, ScanStatus, SignatureResult, SignatureStatus } from '../../src/core/types.js'
import { notationResult } from '../../src/checks/signature/notation/index.js'

const D1 = `sha256:${'1'.repeat(64)}`

function scan(status: ScanStatus, done: boolean, extra: Partial<ScanState> = {}): ScanState {
  return { digest: D1, scanType: 'ENHANCED', status, polls: 1, done, ...extra }
}

function policy(violations: PolicyResult['violations'] = []): PolicyResult {
  const zero = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }
  return {
    counted: [],
    violations,
    allowlisted: [],
    expiredAllowlist: [],
    staleAllowlist: [],
    nearMissAllowlist: [],
    counts: zero,
    ignored: [],
    perDigest: {}
  }
}

/** A decide input; `signature` becomes the Notation check's result (required when `signatureRequired`). */
function input(over: Partial<DecideInput> & { signature?: SignatureResult; signatureRequired?: boolean } = {}): DecideInput {
  const { signature = { status: 'skipped' }, signatureRequired = false, ...rest } = over
  return {
    scans: [scan('COMPLETE', true)],
    findingErrors: [],
    policy: policy(),
    checks: [notationResult(signature, signatureRequired)],
    ...rest
  }
}

function check(over: Partial<CheckResult>): CheckResult {
  return {
    id: 'posture/tag-immutability',
    kind: 'posture',
    status: 'failed',
    enforced: true,
    reasons: ['tags are mutable'],
    evidence: {},
    ...over
  }
}

const finding = (id: string): Finding => ({ id, severity: 'CRITICAL', title: id, fixAvailable: 'YES', packages: [], digest: D1 })

describe('decide', () => {
  it('never counts a scan that was not awaited (fail-fast) as done, and puts it after the reason that failed the verdict', () => {
    const notAwaited = scan('COMPLETE', true, { notAwaited: true, description: 'not awaited: the verdict was already fail' })
    // Even a not-awaited scan that claims to be done fails closed on its own.
    expect(decide(input({ scans: [notAwaited], checks: [] })).decision).toBe('fail')
    const result = decide(
      input({
        scans: [scan('IN_PROGRESS', false, { notAwaited: true, description: 'not awaited: the verdict was already fail' })],
        checks: [check({})]
      })
    )
    expect(result.decision).toBe('fail')
    expect(result.reasons[0]).toBe('tags are mutable')
    expect(result.reasons[1]).toMatch(/IN_PROGRESS, not awaited: the verdict was already fail$/)
  })

  it('passes a complete scan with no violations and no signature requirement', () => {
    expect(decide(input())).toEqual({ decision: 'pass', reasons: [] })
    expect(decide(input({ scans: [scan('ACTIVE', true)] })).decision).toBe('pass')
  })

  it('fails when nothing was scanned', () => {
    expect(decide(input({ scans: [] })).decision).toBe('fail')
  })

  const notDone: ScanStatus[] = [
    'PENDING',
    'IN_PROGRESS',
    'FAILED',
    'UNSUPPORTED_IMAGE',
    'SCAN_ELIGIBILITY_EXPIRED',
    'FINDINGS_UNAVAILABLE',
    'LIMIT_EXCEEDED',
    'IMAGE_ARCHIVED',
    'SCAN_NOT_FOUND',
    'TIMEOUT',
    'ERROR',
    'UNKNOWN'
  ]
  it.each(notDone)('fails closed on scan status %s and names it', (status) => {
    const result = decide(input({ scans: [scan(status, false, { description: 'why', platform: 'linux/arm64' })] }))
    expect(result.decision).toBe('fail')
    expect(result.reasons[0]).toContain('linux/arm64')
    expect(result.reasons[0]).toContain('why')
  })

  it('fails a COMPLETE scan that is not marked done (findings never settled)', () => {
    expect(decide(input({ scans: [scan('COMPLETE', false)] })).decision).toBe('fail')
  })

  // A scan can be done (the wait ended) in a status that is not a result: only COMPLETE and ACTIVE pass.
  it.each(['FAILED', 'UNSUPPORTED_IMAGE', 'FINDINGS_UNAVAILABLE', 'UNKNOWN', 'ERROR'] as ScanStatus[])(
    'fails a scan that is done with status %s, naming it',
    (status) => {
      const result = decide(input({ scans: [scan(status, true, { description: `scan ended ${status}` })] }))
      expect(result.decision).toBe('fail')
      expect(result.reasons).toHaveLength(1)
      expect(result.reasons[0]).toContain(D1.slice(0, 19))
    }
  )

  it('passes a done ACTIVE (continuous) scan like a COMPLETE one', () => {
    expect(decide(input({ scans: [scan('ACTIVE', true)] })).decision).toBe('pass')
  })

  it('fails when any one platform of several is not done', () => {
    const scans = [scan('COMPLETE', true), scan('FAILED', false, { digest: `sha256:${'2'.repeat(64)}`, platform: 'linux/arm64' })]
    const r = decide(input({ scans }))
    expect(r.decision).toBe('fail')
    expect(r.reasons).toHaveLength(1)
  })

  it('fails when findings could not be read', () => {
    const r = decide(input({ findingErrors: [{ digest: D1, reason: 'pagination did not terminate' }] }))
    expect(r.decision).toBe('fail')
    expect(r.reasons[0]).toContain('pagination did not terminate')
  })

  it('names the rule, limit and findings of a violation', () => {
    const ids = ['CVE-1', 'CVE-2', 'CVE-3', 'CVE-4', 'CVE-5', 'CVE-6', 'CVE-7']
    const r = decide(
      input({ policy: policy([{ rule: 'max-critical', severity: 'CRITICAL', limit: 0, count: 7, findings: ids.map(finding) }]) })
    )
    expect(r.decision).toBe('fail')
    expect(r.reasons[0]).toBe("7 CRITICAL findings counted, 'max-critical' allows 0: CVE-1, CVE-2, CVE-3, CVE-4, CVE-5 (+2 more)")
  })

  const statuses: SignatureStatus[] = ['missing', 'invalid', 'untrusted', 'revoked', 'expired', 'skipped']
  it.each(statuses)('fails a required signature that is %s', (status) => {
    const r = decide(input({ signatureRequired: true, signature: { status, reason: 'because' } }))
    expect(r.decision).toBe('fail')
    expect(r.reasons[0]).toBe(`Signature ${status}: because`)
  })

  it('passes a required signature that verified', () => {
    expect(decide(input({ signatureRequired: true, signature: { status: 'verified' } })).decision).toBe('pass')
  })

  it('does not enforce a signature under trust policy level audit or skip', () => {
    const audit: SignatureResult = { status: 'untrusted', level: 'audit' }
    expect(decide(input({ signatureRequired: true, signature: audit })).decision).toBe('pass')
    expect(decide(input({ signatureRequired: true, signature: { status: 'skipped', level: 'skip' } })).decision).toBe('pass')
  })

  it('still enforces integrity (invalid) and presence (missing) under audit', () => {
    expect(decide(input({ signatureRequired: true, signature: { status: 'invalid', level: 'audit' } })).decision).toBe('fail')
    expect(decide(input({ signatureRequired: true, signature: { status: 'missing', level: 'audit' } })).decision).toBe('fail')
  })

  it('ignores the signature when none is required', () => {
    expect(decide(input({ signature: { status: 'invalid' } })).decision).toBe('pass')
  })

  it('denies on every enforced check that did not pass, with each reason, whatever its system', () => {
    const r = decide(
      input({
        checks: [check({}), check({ id: 'attestation/github', kind: 'attestation', status: 'missing', reasons: ['no provenance'] })]
      })
    )
    expect(r).toEqual({ decision: 'fail', reasons: ['tags are mutable', 'no provenance'] })
  })

  it('lets a check through that passed, verified, or is not enforced', () => {
    const checks = [
      check({ status: 'passed' }),
      check({ status: 'verified' }),
      check({ status: 'warning', enforced: false }),
      check({ status: 'failed', enforced: false })
    ]
    expect(decide(input({ checks })).decision).toBe('pass')
  })

  it('names an enforced check that failed without a reason (fail closed)', () => {
    expect(decide(input({ checks: [check({ status: 'error', reasons: [] })] }))).toEqual({
      decision: 'fail',
      reasons: ['posture/tag-immutability: error']
    })
  })

  it('treats an enforced skipped check as a failure', () => {
    expect(decide(input({ checks: [check({ status: 'skipped', reasons: ['not run'] })] })).decision).toBe('fail')
  })

  it('says in the blocking reason why an allowlist entry meant for a counted finding did not apply', () => {
    const f = finding('CVE-1')
    const entryFor = (over: object) => ({ id: 'CVE-1', reason: 'r', expires: '2026-01-01', ...over })
    const base = policy([{ rule: 'max-critical', severity: 'CRITICAL', limit: 0, count: 1, findings: [f] }])
    const r = decide(
      input({
        policy: {
          ...base,
          nearMissAllowlist: [
            { entry: entryFor({ package: 'libssl3' }), finding: f, why: "package 'libssl3' is not the finding's ('openssl')" }
          ],
          expiredAllowlist: [{ entry: entryFor({}), findings: [f] }]
        }
      })
    )
    expect(r.reasons[0]).toBe(
      "1 CRITICAL finding counted, 'max-critical' allows 0: CVE-1 (the allowlist entry for CVE-1 matched by id, but its package 'libssl3' is not the finding's ('openssl'); the allowlist entry for CVE-1 expired on 2026-01-01)"
    )
  })

  it('notes an allowlist entry only for the findings of that violation, once, at most three times', () => {
    const f1 = finding('CVE-1')
    const f2 = finding('CVE-2')
    const other = finding('CVE-9')
    const entry = (id: string) => ({ id, reason: 'r', expires: '2026-01-01' })
    const miss = (id: string, f: Finding) => ({ entry: entry(id), finding: f, why: 'repository does not match' })
    const violation = { rule: 'max-critical', severity: 'CRITICAL' as const, limit: 0, count: 2, findings: [f1, f2] }
    const base = policy([violation])
    const notes = (over: Partial<PolicyResult>): string => decide(input({ policy: { ...base, ...over } })).reasons[0] ?? ''
    const head = "2 CRITICAL findings counted, 'max-critical' allows 0: CVE-1, CVE-2"
    // A near miss or expired entry for a finding outside the violation adds nothing.
    expect(notes({ nearMissAllowlist: [miss('CVE-9', other)], expiredAllowlist: [{ entry: entry('CVE-9'), findings: [other] }] })).toBe(
      head
    )
    // An expired entry counts when any of its findings is in the violation; the same note is said once.
    expect(
      notes({
        nearMissAllowlist: [miss('CVE-1', f1), miss('CVE-1', f1)],
        expiredAllowlist: [{ entry: entry('CVE-2'), findings: [other, f2] }]
      })
    ).toBe(
      `${head} (the allowlist entry for CVE-1 matched by id, but its repository does not match; the allowlist entry for CVE-2 expired on 2026-01-01)`
    )
    const three = [miss('CVE-1', f1), miss('CVE-2', f2), { ...miss('CVE-1', f1), why: 'package is not the finding' }]
    expect(notes({ nearMissAllowlist: three })).toBe(
      `${head} (the allowlist entry for CVE-1 matched by id, but its repository does not match; the allowlist entry for CVE-2 matched by id, but its repository does not match; the allowlist entry for CVE-1 matched by id, but its package is not the finding)`
    )
    expect(
      notes({
        nearMissAllowlist: three,
        expiredAllowlist: [
          { entry: entry('CVE-1'), findings: [f1] },
          { entry: entry('CVE-2'), findings: [f2] }
        ]
      })
    ).toBe(
      `${head} (the allowlist entry for CVE-1 matched by id, but its repository does not match; the allowlist entry for CVE-2 matched by id, but its repository does not match; the allowlist entry for CVE-1 matched by id, but its package is not the finding; 2 more allowlist notes in the report)`
    )
  })

  it('lists exactly five finding ids without a remainder', () => {
    const ids = ['CVE-1', 'CVE-2', 'CVE-3', 'CVE-4', 'CVE-5']
    const r = decide(
      input({ policy: policy([{ rule: 'max-high', severity: 'HIGH', limit: 1, count: 5, findings: ids.map((id) => finding(id)) }]) })
    )
    expect(r.reasons).toEqual(["5 HIGH findings counted, 'max-high' allows 1: CVE-1, CVE-2, CVE-3, CVE-4, CVE-5"])
  })

  it('says why each scan state denies, naming the digest (short) and platform, scans first', () => {
    const short = D1.slice(0, 19)
    expect(decide(input({ scans: [] })).reasons).toEqual(['No image digest was scanned, so nothing can be judged'])
    const cases: [ScanState, string][] = [
      [scan('TIMEOUT', false), `${short}: scan did not finish before scan-timeout`],
      [
        scan('TIMEOUT', false, { description: 'still IN_PROGRESS after 60 s' }),
        `${short}: scan did not finish before scan-timeout: still IN_PROGRESS after 60 s`
      ],
      [scan('SCAN_NOT_FOUND', false, { platform: 'linux/arm64' }), `linux/arm64 (${short}): no scan was found for this image`],
      [scan('ERROR', false, { description: 'throttled' }), `${short}: scan status could not be read: throttled`],
      [scan('COMPLETE', false, { description: 'not stable' }), `${short}: scan findings did not settle: not stable`],
      [scan('ACTIVE', false), `${short}: scan findings did not settle`],
      [scan('FAILED', false, { description: 'bad layer' }), `${short}: scan status FAILED: bad layer`],
      [scan('IN_PROGRESS', false), `${short}: scan status IN_PROGRESS`],
      [scan('PENDING', false, { notAwaited: true }), `${short}: scan PENDING, not awaited`]
    ]
    for (const [state, reason] of cases) expect(decide(input({ scans: [state], checks: [] })).reasons).toEqual([reason])
    // A scan that denies on its own comes before a failed check; a not-awaited one after it.
    const r = decide(input({ scans: [scan('PENDING', false, { notAwaited: true }), scan('TIMEOUT', false)], checks: [check({})] }))
    expect(r.reasons).toEqual([
      `${short}: scan did not finish before scan-timeout`,
      'tags are mutable',
      `${short}: scan PENDING, not awaited`
    ])
  })
})
