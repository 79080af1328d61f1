import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import { Inspector2Client, ListFindingsCommand, type Finding as InspectorFinding } from '@aws-sdk/client-inspector2'
import { inspectorPort } from '../../src/aws/inspector.js'
import { enrichWithInspector } from '../../src/scan/inspector.js'
import type { ScanTarget } from '../../src/scan/scan-type.js'
import type { Finding } from '../../src/core/types.js'
import { silentLogger } from '../../src/core/ports.js'
import { AwsCallError } from '../../src/core/errors.js'

const inspectorMock = mockClient(Inspector2Client)
const inspector = inspectorPort(new Inspector2Client({ region: 'us-east-1' }))

const DIGEST = `sha256:${'c'.repeat(64)}`
const target: ScanTarget = { registryId: '123456789012', region: 'us-east-1', repository: 'my-app', digest: DIGEST }

function ours(id: string, packages: string[], extra: Partial<Finding> = {}): Finding {
  return {
    id,
    severity: 'HIGH',
    title: id,
    fixAvailable: 'YES',
    packages: packages.map((name) => ({ name, version: '1.0' })),
    digest: DIGEST,
    ...extra
  }
}

function theirs(id: string, pkg: string, epss?: number, exploit?: 'YES' | 'NO'): InspectorFinding {
  return {
    findingArn: `arn:aws:inspector2:us-east-1:123456789012:finding/${id}-${pkg}`,
    awsAccountId: '123456789012',
    type: 'PACKAGE_VULNERABILITY',
    description: 'd',
    remediation: {},
    severity: 'HIGH',
    firstObservedAt: new Date(0),
    lastObservedAt: new Date(0),
    status: 'ACTIVE',
    resources: [],
    packageVulnerabilityDetails: { vulnerabilityId: id, source: 'NVD', vulnerablePackages: [{ name: pkg, version: '1.0' }] },
    ...(epss !== undefined ? { epss: { score: epss } } : {}),
    ...(exploit !== undefined ? { exploitAvailable: exploit } : {})
  }
}

beforeEach(() => {
  inspectorMock.reset()
})

describe('enrichWithInspector', () => {
  it('reads every page with the image filters and maxResults 100', async () => {
    inspectorMock
      .on(ListFindingsCommand)
      .resolvesOnce({ findings: [theirs('CVE-1', 'a', 0.1)], nextToken: 'p2' })
      .resolvesOnce({ findings: [theirs('CVE-2', 'b', 0.2)], nextToken: 'p3' })
      .resolvesOnce({ findings: [theirs('CVE-3', 'c', 0.3)] })
    const result = await enrichWithInspector(inspector, target, [ours('CVE-1', ['a']), ours('CVE-3', ['c'])], silentLogger)
    expect(result.map((f) => f.epss)).toEqual([0.1, 0.3])
    const inputs = listFindingsInputs()
    expect(inputs).toHaveLength(3)
    const filterCriteria = {
      ecrImageHash: [{ comparison: 'EQUALS', value: DIGEST }],
      ecrImageRepositoryName: [{ comparison: 'EQUALS', value: 'my-app' }],
      findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }]
    }
    expect(inputs[0]).toEqual({ filterCriteria, maxResults: 100 })
    expect(inputs[1]).toEqual({ filterCriteria, maxResults: 100, nextToken: 'p2' })
    expect(inputs[2]).toEqual({ filterCriteria, maxResults: 100, nextToken: 'p3' })
  })

  it('maps by vulnerability id + package, falling back to the id alone', async () => {
    inspectorMock.on(ListFindingsCommand).resolves({
      findings: [theirs('CVE-1', 'openssl', 0.5, 'YES'), theirs('CVE-1', 'libssl', 0.2, 'NO'), theirs('CVE-2', 'zlib', 0.03, 'NO')]
    })
    const input = [ours('CVE-1', ['libssl']), ours('CVE-2', ['other-name']), ours('CVE-9', ['x'])]
    const result = await enrichWithInspector(inspector, target, input, silentLogger)
    // Package match wins for CVE-1/libssl.
    expect(result[0]).toMatchObject({ epss: 0.2, exploitAvailable: false })
    // No package match for CVE-2 → by id.
    expect(result[1]).toMatchObject({ epss: 0.03, exploitAvailable: false })
    // Unknown to Inspector → unchanged object.
    expect(result[2]).toBe(input[2])
    expect(result[2]).not.toHaveProperty('epss')
    // Inputs are not mutated.
    expect(input[0]).not.toHaveProperty('epss')
  })

  it('conflicts resolve conservatively: highest EPSS, exploit YES wins over an ECR NO', async () => {
    inspectorMock.on(ListFindingsCommand).resolves({
      findings: [theirs('CVE-1', 'a', 0.1, 'NO'), theirs('CVE-1', 'a', 0.7, 'YES')]
    })
    const result = await enrichWithInspector(inspector, target, [ours('CVE-1', ['a'], { exploitAvailable: false })], silentLogger)
    expect(result[0]).toMatchObject({ epss: 0.7, exploitAvailable: true })
  })

  it('an ECR "exploit YES" is never turned into NO by Inspector', async () => {
    inspectorMock.on(ListFindingsCommand).resolves({ findings: [theirs('CVE-1', 'a', 0.1, 'NO')] })
    const result = await enrichWithInspector(inspector, target, [ours('CVE-1', ['a'], { exploitAvailable: true })], silentLogger)
    expect(result[0]?.exploitAvailable).toBe(true)
  })

  it('ignores EPSS scores outside 0..1', async () => {
    inspectorMock.on(ListFindingsCommand).resolves({ findings: [theirs('CVE-1', 'a', 7)] })
    const result = await enrichWithInspector(inspector, target, [ours('CVE-1', ['a'])], silentLogger)
    expect(result[0]).not.toHaveProperty('epss')
  })

  it('a repeated nextToken stops (fail closed)', async () => {
    inspectorMock.on(ListFindingsCommand).resolves({ findings: [], nextToken: 'loop' })
    const error = await enrichWithInspector(inspector, target, [], silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain('pagination did not terminate')
    expect(inspectorMock.commandCalls(ListFindingsCommand)).toHaveLength(2)
  })

  it('AccessDenied names inspector2:ListFindings', async () => {
    inspectorMock
      .on(ListFindingsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }))
    const error = await enrichWithInspector(inspector, target, [ours('CVE-1', ['a'])], silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as AwsCallError).message).toContain('grant inspector2:ListFindings')
    expect(inspectorMock.commandCalls(ListFindingsCommand)).toHaveLength(1)
  })
})

function listFindingsInputs(): unknown[] {
  return inspectorMock.commandCalls(ListFindingsCommand).map((call) => call.args[0].input)
}
