import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { findingRef, renderJsonReport } from '../../src/report/index.js'
import type { Finding } from '../../src/core/types.js'
import { INDEX, AMD, ARM, NOW, finding, basePolicy, makeVerdict } from './fixtures.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schema = JSON.parse(readFileSync(path.join(root, 'report.schema.json'), 'utf8')) as object
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema)

type Report = {
  schemaVersion: number
  tool: { name: string; version: string }
  decision: string
  policy: {
    severityThreshold: string
    maxCounts: Record<string, number | null>
    counts: Record<string, number>
    perDigest: Record<string, Record<string, number>>
    violations: { rule: string; limit: number | null; findings: { ref: string; id: string }[] }[]
    allowlisted: { entry: { id: string }; findings: { ref: string }[] }[]
    expiredAllowlist: { entry: { id: string }; findings: { ref: string }[] }[]
    staleAllowlist: { id: string }[]
    minEpss?: number
  }
  findings: { ref: string; id: string; disposition: string; ignoredBecause?: string; violates?: string[]; allowlistedBy?: unknown[] }[]
  signature: { status: string }
}

function expectValid(report: object): void {
  const ok = validate(report)
  expect(validate.errors ?? []).toEqual([])
  expect(ok).toBe(true)
}

const policy = basePolicy({
  severityThreshold: 'MEDIUM',
  ignoreUnfixed: true,
  minEpss: 0.01,
  maxCounts: { critical: 0, high: Number.POSITIVE_INFINITY, medium: 5, low: 0 },
  allowlist: [
    { id: 'CVE-2024-0002', reason: 'accepted', expires: '2026-12-31', package: 'openssl', repository: 'team-a/*' },
    { id: 'CVE-2024-0003', reason: 'lapsed', expires: '2026-01-01' },
    { id: 'CVE-2019-0001', reason: 'gone', expires: '2027-01-01' }
  ]
})
const findings: Finding[] = [
  finding({
    id: 'CVE-2024-0001',
    severity: 'CRITICAL',
    epss: 0.5,
    exploitAvailable: true,
    url: 'https://nvd.nist.gov/x',
    description: 'd'
  }),
  finding({ id: 'CVE-2024-0002' }),
  finding({ id: 'CVE-2024-0003', digest: ARM, platform: 'linux/arm64/v8' }),
  finding({ id: 'CVE-2024-0004', severity: 'LOW' }),
  finding({ id: 'CVE-2024-0005', fixAvailable: 'NO' }),
  finding({ id: 'CVE-2024-0006', epss: 0.001 }),
  finding({ id: 'cve-2024-0001', severity: 'CRITICAL' }),
  finding({ id: 'CVE-2024-0007', severity: 'UNTRIAGED', packages: [] })
]

describe('renderJsonReport', () => {
  const report = renderJsonReport(makeVerdict(findings, policy), policy) as Report

  it('validates against report.schema.json', () => {
    expectValid(report)
  })

  it('carries the header, the thresholds and the counts', () => {
    expect(report.schemaVersion).toBe(1)
    expect(report.tool).toEqual({ name: 'ecr-deploy-gate', version: expect.stringMatching(/^\d+\.\d+\.\d+/) })
    expect(report.decision).toBe('fail')
    expect(report.policy.severityThreshold).toBe('MEDIUM')
    expect(report.policy.maxCounts).toEqual({ critical: 0, high: null, medium: 5, low: 0 })
    expect(report.policy.minEpss).toBe(0.01)
    expect(report.policy.counts).toEqual({ critical: 1, high: 1, medium: 0, low: 0, informational: 0 })
    expect(report.policy.perDigest[ARM]).toEqual({ critical: 0, high: 1, medium: 0, low: 0, informational: 0 })
    expect(report.signature.status).toBe('verified')
  })

  it('marks every finding with its disposition, once', () => {
    const byId = (id: string): Report['findings'] => report.findings.filter((f) => f.id === id)
    expect(report.findings).toHaveLength(findings.length)
    expect(byId('CVE-2024-0001')[0]).toMatchObject({ disposition: 'counted', violates: ['max-critical'] })
    expect(byId('cve-2024-0001')[0]).toMatchObject({ disposition: 'duplicate' })
    expect(byId('CVE-2024-0002')[0]).toMatchObject({ disposition: 'allowlisted' })
    expect(byId('CVE-2024-0002')[0]?.allowlistedBy).toHaveLength(1)
    expect(byId('CVE-2024-0003')[0]).toMatchObject({ disposition: 'counted' })
    expect(byId('CVE-2024-0003')[0]?.violates).toBeUndefined()
    expect(byId('CVE-2024-0004')[0]).toMatchObject({ disposition: 'ignored', ignoredBecause: 'below-threshold' })
    expect(byId('CVE-2024-0005')[0]).toMatchObject({ disposition: 'ignored', ignoredBecause: 'unfixed' })
    expect(byId('CVE-2024-0006')[0]).toMatchObject({ disposition: 'ignored', ignoredBecause: 'epss' })
    expect(byId('CVE-2024-0007')[0]).toMatchObject({ disposition: 'ignored', ignoredBecause: 'below-threshold' })
  })

  it('links policy entries to findings by ref', () => {
    const refs = new Set(report.findings.map((f) => f.ref))
    const violation = report.policy.violations.find((v) => v.rule === 'max-critical')
    expect(violation?.findings.map((f) => f.id)).toEqual(['CVE-2024-0001'])
    for (const f of violation?.findings ?? []) expect(refs.has(f.ref)).toBe(true)
    expect(report.policy.allowlisted.map((u) => [u.entry.id, u.findings.length])).toEqual([['CVE-2024-0002', 1]])
    expect(report.policy.expiredAllowlist.map((u) => [u.entry.id, u.findings.length])).toEqual([['CVE-2024-0003', 1]])
    expect(report.policy.staleAllowlist.map((e) => e.id)).toEqual(['CVE-2019-0001'])
    expect(findingRef(findings[0] as Finding)).toBe(findingRef({ ...(findings[0] as Finding), title: 'other title' }))
    expect(findingRef(findings[0] as Finding)).not.toBe(findingRef(findings[2] as Finding))
  })

  it('is plain JSON: a round trip changes nothing', () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
  })

  it('validates for a passing verdict without a tag, platforms or findings', () => {
    const verdict = makeVerdict([], basePolicy(), { signature: { status: 'skipped' } })
    const { tag: _tag, ...image } = verdict.image
    verdict.image = { ...image, platforms: [] }
    verdict.scans = [{ digest: INDEX, scanType: 'BASIC', status: 'COMPLETE', polls: 1, done: true }]
    const r = renderJsonReport(verdict, basePolicy()) as Report
    expectValid(r)
    expect(r.decision).toBe('pass')
    expect(r.findings).toEqual([])
  })

  it('validates a verdict whose scan failed before anything was evaluated', () => {
    const verdict = makeVerdict([], basePolicy(), {
      decision: 'fail',
      reasons: ['scan of linux/amd64 timed out'],
      findings: [finding()],
      scans: [
        { digest: AMD, scanType: 'ENHANCED', status: 'TIMEOUT', description: 'still IN_PROGRESS after 600 s', polls: 30, done: false }
      ],
      signature: { status: 'missing', reason: 'no Notation signature', details: ['none found'] }
    })
    const r = renderJsonReport(verdict, basePolicy()) as Report
    expectValid(r)
    expect(r.findings.map((f) => f.disposition)).toEqual(['not-evaluated'])
  })

  it('the schema rejects what the report must never contain', () => {
    expect(validate({ ...report, decision: 'maybe' })).toBe(false)
    expect(validate({ ...report, extra: 1 })).toBe(false)
    const { signature: _s, ...noSignature } = report
    expect(validate(noSignature)).toBe(false)
  })
})

describe('error report', () => {
  it('validates against the errorReport branch of the schema, and a verdict-less object does not pass as a verdict', async () => {
    const { renderErrorReport, renderErrorSummary } = await import('../../src/report/error-summary.js')
    const report = renderErrorReport("Invalid input for 'mode': expected one of enforce, audit, got 'x'", NOW)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...report, error: false })).toBe(false)
    expect(validate({ ...report, decision: 'pass' })).toBe(false)
    const summary = renderErrorSummary('<img src=x onerror=alert(1)>', { reportFile: '/tmp/r.json' })
    expect(summary.split('\n')[0]).toBe('## ❌ Deploy blocked')
    expect(summary).not.toContain('<img')
  })
})

describe('run context', () => {
  it('records which workflow run made the verdict, and validates', async () => {
    const { runContextFromEnv } = await import('../../src/report/index.js')
    const run = runContextFromEnv({
      GITHUB_REPOSITORY: 'acme/payments',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKFLOW: 'deploy',
      GITHUB_ACTOR: 'x'.repeat(1000)
    })
    expect(run).toMatchObject({
      repository: 'acme/payments',
      runId: '4242',
      runAttempt: '2',
      runUrl: 'https://github.com/acme/payments/actions/runs/4242'
    })
    expect(run.actor).toHaveLength(256)
    const report = renderJsonReport(makeVerdict([finding()]), basePolicy(), run) as { run?: { runUrl?: string } }
    expect(report.run?.runUrl).toBe('https://github.com/acme/payments/actions/runs/4242')
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(
      runContextFromEnv({ GITHUB_SERVER_URL: 'javascript:alert(1)', GITHUB_REPOSITORY: 'a/b', GITHUB_RUN_ID: '1' }).runUrl
    ).toBeUndefined()
    expect('run' in (renderJsonReport(makeVerdict([finding()]), basePolicy(), {}) as object)).toBe(false)
  })
})

describe('scan type source and scans not awaited', () => {
  it('records how the scan type was known and which scans were not awaited, and stays valid against the schema', () => {
    const base = makeVerdict([])
    const verdict = {
      ...base,
      scans: base.scans.map((s, i) =>
        i === 0
          ? { ...s, scanTypeSource: 'inferred' as const }
          : {
              ...s,
              scanTypeSource: 'registry' as const,
              done: false,
              status: 'IN_PROGRESS' as const,
              notAwaited: true,
              description: 'not awaited: the verdict was already fail'
            }
      )
    }
    const report = renderJsonReport(verdict, basePolicy()) as { scans: Record<string, unknown>[] }
    expectValid(report)
    expect(report.scans[0]).toMatchObject({ scanTypeSource: 'inferred' })
    expect(report.scans[0]).not.toHaveProperty('notAwaited')
    if (report.scans.length > 1) expect(report.scans[1]).toMatchObject({ scanTypeSource: 'registry', notAwaited: true, done: false })
  })
})
