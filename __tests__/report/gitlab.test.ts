/**
 * The GitLab container-scanning report against the fields GitLab's security report schema 15.x
 * documents as required (the published schema is not vendored here): a hand-written subset schema.
 */
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { renderGitlabErrorReport, renderGitlabReport } from '../../src/report/gitlab.js'
import type { RunResult } from '../../src/core/types.js'

const vendor = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } } }
const tool = { type: 'object', required: ['id', 'name', 'version', 'vendor'], properties: { vendor } }
const time = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' }
const documented = {
  type: 'object',
  required: ['version', 'scan', 'vulnerabilities'],
  properties: {
    version: { type: 'string', pattern: '^15\\.' },
    scan: {
      type: 'object',
      required: ['analyzer', 'scanner', 'type', 'start_time', 'end_time', 'status'],
      properties: {
        analyzer: tool,
        scanner: tool,
        type: { const: 'container_scanning' },
        start_time: time,
        end_time: time,
        status: { enum: ['success', 'failure'] },
        messages: {
          type: 'array',
          items: {
            type: 'object',
            required: ['level', 'value'],
            properties: { level: { enum: ['info', 'warn', 'fatal'] }, value: { type: 'string' } }
          }
        }
      }
    },
    vulnerabilities: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'identifiers', 'location'],
        properties: {
          id: { type: 'string', minLength: 1 },
          name: { type: 'string', maxLength: 255 },
          description: { type: 'string', maxLength: 1048576 },
          severity: { enum: ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'] },
          solution: { type: 'string', maxLength: 7000 },
          identifiers: {
            type: 'array',
            minItems: 1,
            items: { type: 'object', required: ['type', 'name', 'value'] }
          },
          links: { type: 'array', items: { type: 'object', required: ['url'] } },
          location: {
            type: 'object',
            required: ['dependency', 'operating_system', 'image'],
            properties: {
              dependency: {
                type: 'object',
                required: ['package', 'version'],
                properties: { package: { type: 'object', required: ['name'] } }
              },
              operating_system: { type: 'string', minLength: 1 },
              image: { type: 'string', minLength: 1 }
            }
          }
        }
      }
    },
    remediations: { type: 'array' }
  }
}

const digest = `sha256:${'a'.repeat(64)}`
const result = {
  decision: 'fail',
  mode: 'enforce',
  batch: true,
  images: [
    {
      reference: 'app:1',
      verdict: {
        image: { uri: `host/app@${digest}`, platforms: [{ digest, os: 'linux', architecture: 'amd64' }] },
        findings: [
          {
            id: 'CVE-2024-0001',
            severity: 'CRITICAL',
            title: 't',
            fixAvailable: 'YES',
            packages: [{ name: 'openssl', version: '1.0.0', fixedInVersion: '1.0.1' }],
            url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0001',
            digest
          },
          { id: 'ALAS2-2024-1', severity: 'UNTRIAGED', title: 'u', fixAvailable: 'NO', packages: [], digest }
        ]
      }
    },
    { reference: 'app:2', error: 'could not resolve' }
  ]
} as unknown as RunResult

describe('renderGitlabReport', () => {
  it('has every field GitLab documents as required, severities mapped', () => {
    const report = renderGitlabReport(result, { start: new Date('2026-01-01T00:00:00.123Z'), end: new Date('2026-01-01T00:01:00Z') }) as {
      scan: { status: string; start_time: string }
      vulnerabilities: { severity: string; solution: string }[]
    }
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(documented)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.scan).toMatchObject({ status: 'failure', start_time: '2026-01-01T00:00:00' })
    expect(report.vulnerabilities.map((v) => v.severity)).toEqual(['Critical', 'Unknown'])
    expect(report.vulnerabilities[0]!.solution).toBe('Upgrade openssl to 1.0.1')
  })
})

describe('renderGitlabErrorReport (the run could not start)', () => {
  it('is a valid report of a failed scan: no vulnerabilities, the reason as a fatal message', () => {
    const reason = "Invalid value for --max-high: expected a whole number from 0 to 1000000, got 'two'"
    const report = renderGitlabErrorReport(reason, {
      start: new Date('2026-01-01T00:00:00.5Z'),
      end: new Date('2026-01-01T00:00:01Z')
    }) as {
      scan: Record<string, unknown>
      vulnerabilities: unknown[]
    }
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(documented)
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true)
    expect(report.scan).toMatchObject({
      type: 'container_scanning',
      status: 'failure',
      start_time: '2026-01-01T00:00:00',
      end_time: '2026-01-01T00:00:01',
      messages: [{ level: 'fatal', value: reason }]
    })
    expect(report.vulnerabilities).toEqual([])
  })

  it('keeps the reason to one bounded line', () => {
    const report = renderGitlabErrorReport(`a\nb${'x'.repeat(5000)}`, { start: new Date(0), end: new Date(0) }) as {
      scan: { messages: { value: string }[] }
    }
    const [m] = report.scan.messages
    expect(m!.value.startsWith('a b')).toBe(true)
    expect(m!.value).not.toContain('\n')
    expect([...m!.value].length).toBeLessThanOrEqual(2000)
  })
})
