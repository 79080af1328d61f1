import { describe, it, expect } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { FINGERPRINT_KEY, SARIF_MAX_RESULTS, renderErrorSarif, renderSarif } from '../../src/report/index.js'
import { ARM, URI, finding, basePolicy, makeVerdict } from './fixtures.js'

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } }
    logicalLocations?: { name: string }[]
  }[]
  partialFingerprints: Record<string, string>
}
interface SarifLog {
  $schema: string
  version: string
  runs: {
    tool: {
      driver: {
        name: string
        version: string
        rules: { id: string; shortDescription: { text: string }; helpUri?: string; properties: Record<string, unknown> }[]
      }
    }
    results: SarifResult[]
    properties: { omittedResults: number }
  }[]
}

/** The structural rules of SARIF 2.1.0 plus what GitHub code scanning requires of each result. */
function expectValidSarif(log: SarifLog): void {
  expect(log.version).toBe('2.1.0')
  expect(log.$schema).toMatch(/sarif-2\.1\.0/)
  expect(Array.isArray(log.runs)).toBe(true)
  for (const run of log.runs) {
    expect(typeof run.tool.driver.name).toBe('string')
    const ids = run.tool.driver.rules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0)
      expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024)
      if (rule.helpUri !== undefined) expect(rule.helpUri).toMatch(/^https:\/\//)
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/)
    }
    for (const result of run.results) {
      expect(ids[result.ruleIndex]).toBe(result.ruleId)
      expect(['error', 'warning', 'note', 'none']).toContain(result.level)
      expect(result.message.text.length).toBeGreaterThan(0)
      expect(result.locations.length).toBeGreaterThan(0)
      const uri = result.locations[0]?.physicalLocation.artifactLocation.uri ?? ''
      expect(uri.length).toBeGreaterThan(0)
      // A relative reference: no scheme, no colon left to be read as one, no whitespace.
      expect(uri).not.toMatch(/[:\s]/)
      expect(() => new URL(uri, 'file:///repo/')).not.toThrow()
      expect(Object.keys(result.partialFingerprints).length).toBeGreaterThan(0)
    }
  }
}

describe('renderSarif', () => {
  const findings = [
    finding({ id: 'CVE-2024-0001', severity: 'CRITICAL' }),
    finding({ id: 'CVE-2024-0001', severity: 'CRITICAL', digest: ARM, platform: 'linux/arm64/v8' }),
    finding({ id: 'GHSA-jfh8-c2jp-5v3q', severity: 'HIGH' }),
    finding({ id: 'CVE-2024-0002', severity: 'LOW' }),
    finding({ id: 'IN1-CUSTOM-7', severity: 'HIGH', title: '<img src=x> [x](javascript:alert(1))\nnext' })
  ]
  const policy = basePolicy({ maxCounts: { critical: 0, high: 5, medium: 0, low: 0 } })
  const log = renderSarif(makeVerdict(findings, policy)) as SarifLog
  const run = log.runs[0]

  it('is structurally valid SARIF 2.1.0 for GitHub code scanning', () => {
    expectValidSarif(log)
    expect(log.runs).toHaveLength(1)
    expect(run?.tool.driver.name).toBe('ecr-deploy-gate')
  })

  it('has one rule per vulnerability id and one result per counted finding', () => {
    expect(run?.tool.driver.rules.map((r) => r.id).sort()).toEqual(['CVE-2024-0001', 'GHSA-JFH8-C2JP-5V3Q', 'IN1-CUSTOM-7'])
    expect(run?.results).toHaveLength(4)
    const rule = run?.tool.driver.rules.find((r) => r.id === 'CVE-2024-0001')
    expect(rule?.helpUri).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-0001')
    expect(rule?.properties['security-severity']).toBe('9.5')
    expect(run?.tool.driver.rules.find((r) => r.id === 'IN1-CUSTOM-7')?.helpUri).toBeUndefined()
  })

  it('marks findings that break a rule as errors and the other counted ones as warnings', () => {
    const levels = run?.results.map((r) => [r.ruleId, r.level])
    expect(levels).toEqual([
      ['CVE-2024-0001', 'error'],
      ['CVE-2024-0001', 'error'],
      ['GHSA-JFH8-C2JP-5V3Q', 'warning'],
      ['IN1-CUSTOM-7', 'warning']
    ])
  })

  it('locates each result at the image: artifact repository@digest and the pinned URI', () => {
    const first = run?.results[0]?.locations[0]
    expect(first?.physicalLocation.artifactLocation.uri).toBe(`team-a/web@sha256%3A${'a'.repeat(64)}`)
    expect(first?.physicalLocation.region?.startLine).toBe(1)
    expect(first?.logicalLocations?.[0]?.name).toBe(URI)
  })

  it('has fingerprints stable across runs and distinct per id + package + digest', () => {
    const again = renderSarif(
      makeVerdict(
        findings.map((f) => ({ ...f, title: 'retitled' })),
        policy
      )
    ) as SarifLog
    const prints = (l: SarifLog): string[] => l.runs[0]?.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY] ?? '') ?? []
    expect(prints(again)).toEqual(prints(log))
    expect(new Set(prints(log)).size).toBe(4)
    for (const p of prints(log)) expect(p).toMatch(/^[0-9a-f]{64}$/)
  })

  it('keeps untrusted text from forming links or lines', () => {
    const rule = run?.tool.driver.rules.find((r) => r.id === 'IN1-CUSTOM-7') as unknown as {
      shortDescription: { text: string }
      fullDescription: { text: string }
      help: { text: string; markdown: string }
    }
    // Plain-text fields: SARIF's own escape (a backslash before [ and ]) keeps them from being links.
    for (const text of [rule.shortDescription.text, rule.fullDescription.text, rule.help.text]) {
      expect(text).not.toMatch(/(?<!\\)[[\]]/)
    }
    // The markdown field is fully markdown-escaped.
    expect(rule.help.markdown).not.toContain('](')
    expect(rule.help.markdown).not.toContain('<img')
    expect(rule?.shortDescription.text).not.toMatch(/\n/)
    expect(rule?.shortDescription.text).toContain('\\[x\\]')
  })

  it(`caps results at ${SARIF_MAX_RESULTS}, keeping violations first`, () => {
    const many = Array.from({ length: SARIF_MAX_RESULTS + 10 }, (_, i) =>
      finding({ id: `CVE-2024-${100000 + i}`, severity: i < 5 ? 'CRITICAL' : 'MEDIUM' })
    )
    const big = renderSarif(
      makeVerdict(many, basePolicy({ severityThreshold: 'MEDIUM', maxCounts: { critical: 0, high: 0, medium: 1_000_000, low: 0 } }))
    ) as SarifLog
    expect(big.runs[0]?.results).toHaveLength(SARIF_MAX_RESULTS)
    expect(big.runs[0]?.properties.omittedResults).toBe(10)
    expect(big.runs[0]?.results.slice(0, 5).every((r) => r.level === 'error')).toBe(true)
  })

  it('is valid with no counted findings', () => {
    const empty = renderSarif(makeVerdict([])) as SarifLog
    expectValidSarif(empty)
    expect(empty.runs[0]?.results).toEqual([])
    expect(empty.runs[0]?.tool.driver.rules).toEqual([])
  })
})

describe('renderErrorSarif (the run could not start)', () => {
  // The SARIF 2.1.0 properties this log uses, with the types and enums the standard gives them.
  const utc = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' }
  const message = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } }
  const shape = {
    type: 'object',
    required: ['version', 'runs'],
    properties: {
      version: { const: '2.1.0' },
      runs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['tool', 'invocations', 'results'],
          properties: {
            tool: { type: 'object', required: ['driver'], properties: { driver: { type: 'object', required: ['name'] } } },
            results: { type: 'array', maxItems: 0 },
            invocations: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                required: ['executionSuccessful'],
                properties: {
                  executionSuccessful: { type: 'boolean' },
                  startTimeUtc: utc,
                  endTimeUtc: utc,
                  toolExecutionNotifications: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['message'],
                      properties: { level: { enum: ['none', 'note', 'warning', 'error'] }, message }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  it('is a SARIF log with no results and a failed invocation carrying the reason', () => {
    const reason = 'Invalid value for --policy: gate.yml: vulnerabilities.max-high: expected a non-negative integer'
    const log = renderErrorSarif(reason, { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2026-01-01T00:00:01Z') }) as {
      runs: {
        tool: { driver: { name: string } }
        invocations: {
          executionSuccessful: boolean
          endTimeUtc: string
          toolExecutionNotifications: { level: string; message: { text: string } }[]
        }[]
      }[]
    }
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(shape)
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true)
    const [run] = log.runs
    expect(run!.tool.driver.name).toBe('ecr-deploy-gate')
    expect(run!.invocations[0]).toMatchObject({ executionSuccessful: false, endTimeUtc: '2026-01-01T00:00:01.000Z' })
    expect(run!.invocations[0]!.toolExecutionNotifications).toEqual([{ level: 'error', message: { text: reason } }])
  })

  it('keeps an untrusted reason to one line that forms no link', () => {
    const log = renderErrorSarif('bad [x](http://evil)\nsecond line', { start: new Date(0), end: new Date(0) }) as {
      runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[]
    }
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe('bad \\[x\\](http://evil) second line')
  })
})
