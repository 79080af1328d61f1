import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import {
  DescribeImageScanFindingsCommand,
  ECRClient,
  type DescribeImageScanFindingsResponse,
  type EnhancedImageScanFinding
} from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { collectFindings, MAX_FINDING_PAGES, normaliseSeverity } from '../../src/scan/findings.js'
import type { ScanTarget } from '../../src/scan/scan-type.js'
import { silentLogger } from '../../src/core/ports.js'
import { AwsCallError } from '../../src/core/errors.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))

const DIGEST = `sha256:${'b'.repeat(64)}`
const target: ScanTarget = {
  registryId: '123456789012',
  region: 'us-east-1',
  repository: 'my-app',
  digest: DIGEST,
  platform: 'linux/amd64'
}

function enhanced(id: string, extra: Partial<EnhancedImageScanFinding> = {}): EnhancedImageScanFinding {
  return {
    title: `${id} - openssl`,
    description: `Description of ${id}`,
    severity: 'HIGH',
    status: 'ACTIVE',
    fixAvailable: 'YES',
    exploitAvailable: 'NO',
    packageVulnerabilityDetails: {
      vulnerabilityId: id,
      sourceUrl: `https://nvd.nist.gov/vuln/detail/${id}`,
      vulnerablePackages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2', packageManager: 'OS' }]
    },
    ...extra
  }
}

function page(
  findings: EnhancedImageScanFinding[],
  nextToken?: string,
  counts: Record<string, number> = {}
): DescribeImageScanFindingsResponse {
  return {
    imageScanStatus: { status: 'ACTIVE' },
    imageScanFindings: { findingSeverityCounts: counts, enhancedFindings: findings },
    ...(nextToken !== undefined ? { nextToken } : {})
  }
}

beforeEach(() => {
  ecrMock.reset()
})

describe('collectFindings: paging', () => {
  it('reads every page (3 pages) with maxResults 1000 and passes each nextToken', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(page([enhanced('CVE-2024-0001')], 't1', { HIGH: 3 }))
      .resolvesOnce(page([enhanced('CVE-2024-0002')], 't2', { HIGH: 999 }))
      .resolvesOnce(page([enhanced('CVE-2024-0003')]))
    const result = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    expect(result.pages).toBe(3)
    expect(result.findings.map((f) => f.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002', 'CVE-2024-0003'])
    // Counts come from the first page only.
    expect(result.severityCounts).toEqual({ HIGH: 3 })
    const inputs = ecrMock.commandCalls(DescribeImageScanFindingsCommand).map((c) => c.args[0].input)
    expect(inputs).toEqual([
      { registryId: '123456789012', repositoryName: 'my-app', imageId: { imageDigest: DIGEST }, maxResults: 1000 },
      { registryId: '123456789012', repositoryName: 'my-app', imageId: { imageDigest: DIGEST }, maxResults: 1000, nextToken: 't1' },
      { registryId: '123456789012', repositoryName: 'my-app', imageId: { imageDigest: DIGEST }, maxResults: 1000, nextToken: 't2' }
    ])
  })

  it('a repeated nextToken stops with "findings pagination did not terminate"', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolvesOnce(page([enhanced('CVE-1')], 'same'))
      .resolves(page([enhanced('CVE-2')], 'same'))
    const error = await collectFindings(ecr, target, 'ENHANCED', silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain('findings pagination did not terminate')
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(2)
  })

  it(`more than ${MAX_FINDING_PAGES} pages stops (fail closed)`, async () => {
    let n = 0
    ecrMock.on(DescribeImageScanFindingsCommand).callsFake(() => page([], `token-${++n}`))
    const error = await collectFindings(ecr, target, 'ENHANCED', silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain('did not terminate')
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(MAX_FINDING_PAGES)
  })

  it('AWS errors are wrapped with the action to grant', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }))
    const error = await collectFindings(ecr, target, 'BASIC', silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain(`Could not read scan findings for my-app@${DIGEST} (linux/amd64)`)
    expect((error as AwsCallError).message).toContain('grant ecr:DescribeImageScanFindings')
    expect(ecrMock.commandCalls(DescribeImageScanFindingsCommand)).toHaveLength(1)
  })
})

describe('collectFindings: normalisation', () => {
  it('BASIC: id = name, package from attributes, url = uri, fixAvailable UNKNOWN', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: {
        findingSeverityCounts: { MEDIUM: 1, UNDEFINED: 1 },
        findings: [
          {
            name: 'CVE-2023-1111',
            description: 'zlib bug',
            uri: 'https://security-tracker.debian.org/tracker/CVE-2023-1111',
            severity: 'MEDIUM',
            attributes: [
              { key: 'package_version', value: '1.2.11' },
              { key: 'package_name', value: 'zlib' },
              { key: 'CVSS2_SCORE', value: '5' }
            ]
          },
          { name: 'CVE-2023-2222', severity: 'UNDEFINED', uri: 'javascript:alert(1)' }
        ]
      }
    })
    const { findings, severityCounts } = await collectFindings(ecr, target, 'BASIC', silentLogger)
    expect(severityCounts).toEqual({ MEDIUM: 1, UNDEFINED: 1 })
    expect(findings).toEqual([
      {
        id: 'CVE-2023-1111',
        severity: 'MEDIUM',
        title: 'CVE-2023-1111',
        description: 'zlib bug',
        fixAvailable: 'UNKNOWN',
        packages: [{ name: 'zlib', version: '1.2.11' }],
        url: 'https://security-tracker.debian.org/tracker/CVE-2023-1111',
        digest: DIGEST,
        platform: 'linux/amd64'
      },
      {
        id: 'CVE-2023-2222',
        severity: 'UNDEFINED',
        title: 'CVE-2023-2222',
        fixAvailable: 'UNKNOWN',
        packages: [],
        digest: DIGEST,
        platform: 'linux/amd64'
      }
    ])
  })

  it('BASIC ignores enhancedFindings and ENHANCED ignores findings', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves({
      imageScanStatus: { status: 'COMPLETE' },
      imageScanFindings: { findings: [{ name: 'CVE-B', severity: 'LOW' }], enhancedFindings: [enhanced('CVE-E')] }
    })
    expect((await collectFindings(ecr, target, 'BASIC', silentLogger)).findings.map((f) => f.id)).toEqual(['CVE-B'])
    expect((await collectFindings(ecr, target, 'ENHANCED', silentLogger)).findings.map((f) => f.id)).toEqual(['CVE-E'])
  })

  it('ENHANCED: maps id, title, severity, status, fix, exploit, packages and url', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(
      page([
        enhanced('CVE-2024-1234', { exploitAvailable: 'YES', fixAvailable: 'PARTIAL' }),
        enhanced('GHSA-xxxx-yyyy-zzzz', {
          severity: 'critical',
          fixAvailable: 'NO',
          exploitAvailable: undefined,
          packageVulnerabilityDetails: {
            vulnerabilityId: 'GHSA-xxxx-yyyy-zzzz',
            vulnerablePackages: [{ name: 'lodash', version: '4.17.0', fixedInVersion: 'NotAvailable', packageManager: 'NPM' }]
          },
          remediation: { recommendation: { url: 'https://example.com/fix', text: 'upgrade' } }
        })
      ])
    )
    const { findings } = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    expect(findings[0]).toEqual({
      id: 'CVE-2024-1234',
      severity: 'HIGH',
      title: 'CVE-2024-1234 - openssl',
      description: 'Description of CVE-2024-1234',
      fixAvailable: 'PARTIAL',
      exploitAvailable: true,
      packages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2', packageManager: 'OS' }],
      url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-1234',
      digest: DIGEST,
      platform: 'linux/amd64',
      status: 'ACTIVE'
    })
    // "NotAvailable" is absent; severity is upper-cased; no sourceUrl → remediation url.
    expect(findings[1]).toMatchObject({
      id: 'GHSA-xxxx-yyyy-zzzz',
      severity: 'CRITICAL',
      fixAvailable: 'NO',
      packages: [{ name: 'lodash', version: '4.17.0', packageManager: 'NPM' }],
      url: 'https://example.com/fix'
    })
    expect(findings[1]?.packages[0]).not.toHaveProperty('fixedInVersion')
    expect(findings[1]).not.toHaveProperty('exploitAvailable')
  })

  it('ENHANCED: SUPPRESSED and CLOSED are dropped; a missing status is kept (fail closed)', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolves(
        page([
          enhanced('CVE-ACTIVE'),
          enhanced('CVE-SUPPRESSED', { status: 'SUPPRESSED' }),
          enhanced('CVE-CLOSED', { status: 'CLOSED' }),
          enhanced('CVE-NOSTATUS', { status: undefined })
        ])
      )
    const { findings } = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    expect(findings.map((f) => f.id)).toEqual(['CVE-ACTIVE', 'CVE-NOSTATUS'])
    expect(findings[1]).not.toHaveProperty('status')
  })

  it('ENHANCED: unknown fix/exploit values become UNKNOWN / absent; unknown severity → UNDEFINED', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolves(page([enhanced('CVE-X', { fixAvailable: 'MAYBE', exploitAvailable: 'PERHAPS', severity: 'SEVERE' })]))
    const { findings } = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    expect(findings[0]?.fixAvailable).toBe('UNKNOWN')
    expect(findings[0]).not.toHaveProperty('exploitAvailable')
    expect(findings[0]?.severity).toBe('UNDEFINED')
  })

  it('a finding without an id is kept under a placeholder rather than dropped', async () => {
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolves(page([{ severity: 'CRITICAL', status: 'ACTIVE', packageVulnerabilityDetails: {} }]))
    const { findings } = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ id: 'UNNAMED-FINDING', severity: 'CRITICAL' })
  })

  it('untrusted text is truncated (title 512, description 4096, package 512) and non-http urls dropped', async () => {
    ecrMock.on(DescribeImageScanFindingsCommand).resolves(
      page([
        enhanced('CVE-LONG', {
          title: 't'.repeat(10_000),
          description: 'd'.repeat(100_000),
          packageVulnerabilityDetails: {
            vulnerabilityId: 'CVE-LONG',
            sourceUrl: 'file:///etc/passwd',
            vulnerablePackages: [{ name: 'n'.repeat(5000), version: 'v'.repeat(5000) }]
          }
        })
      ])
    )
    const { findings } = await collectFindings(ecr, target, 'ENHANCED', silentLogger)
    const finding = findings[0]
    expect(finding?.title.length).toBeLessThanOrEqual(513)
    expect(finding?.description?.length).toBeLessThanOrEqual(4097)
    expect(finding?.packages[0]?.name.length).toBeLessThanOrEqual(513)
    expect(finding?.packages[0]?.version.length).toBeLessThanOrEqual(513)
    expect(finding).not.toHaveProperty('url')
  })

  it('normaliseSeverity maps the known set and nothing else', () => {
    expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNDEFINED'].map(normaliseSeverity)).toEqual([
      'CRITICAL',
      'HIGH',
      'MEDIUM',
      'LOW',
      'INFORMATIONAL',
      'UNTRIAGED',
      'UNDEFINED'
    ])
    expect(normaliseSeverity(' high ')).toBe('HIGH')
    expect(normaliseSeverity('IMPORTANT')).toBe('UNDEFINED')
    expect(normaliseSeverity(undefined)).toBe('UNDEFINED')
    expect(normaliseSeverity(5)).toBe('UNDEFINED')
  })
})
