/**
 * Inspector2 and Signer fidelity through the real SDK v3 clients (restJson1: errors by
 * x-amzn-ErrorType, throttling 429, Signer's query-string GetRevocationStatus).
 */
import {
  Inspector2Client,
  ListCoverageCommand,
  ListFindingsCommand,
  ValidationException,
  paginateListFindings,
  type Finding
} from '@aws-sdk/client-inspector2'
import { GetRevocationStatusCommand, GetSigningProfileCommand, ResourceNotFoundException, SignerClient } from '@aws-sdk/client-signer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { clientsFor, rejection } from './helpers.js'

const PVA = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release/a1b2c3d4e5'
const JOB = 'arn:aws:signer:us-east-1:123456789012:/signing-jobs/11111111-2222-4333-8444-555555555555'

const scenario = {
  repositories: [{ name: 'app' }],
  images: [
    {
      name: 'app',
      repository: 'app',
      tags: ['v1'],
      scan: {
        findings: [
          {
            id: 'CVE-2024-0001',
            severity: 'CRITICAL',
            package: 'openssl',
            version: '3.0.1',
            fixedInVersion: '3.0.2',
            exploitAvailable: 'YES',
            epss: 0.92,
            url: 'https://example.test/CVE-2024-0001'
          },
          { id: 'CVE-2024-0002', severity: 'LOW', package: 'zlib', version: '1.2', status: 'SUPPRESSED' }
        ],
        generateFindings: { count: 248, seed: 5, severities: { MEDIUM: 1 } }
      }
    },
    {
      name: 'pending',
      repository: 'app',
      tags: ['pending'],
      scan: { timeline: [{ status: 'SCAN_NOT_FOUND', untilPolls: 1 }, { status: 'COMPLETE' }] }
    },
    { name: 'unscannable', repository: 'app', tags: ['odd'], scan: { status: 'UNSUPPORTED_IMAGE' } },
    { name: 'uncovered', repository: 'app', tags: ['none'], scan: null }
  ],
  signer: {
    revoked: { profileVersionArns: [PVA], jobArns: [], certificateHashes: ['ABCDEF'] },
    profiles: [{ name: 'release', version: 'a1b2c3d4e5' }]
  }
}

let emu: Emulator
let inspector: Inspector2Client
let signer: SignerClient
const hashFilter = (digest: string) => ({ ecrImageHash: [{ comparison: 'EQUALS' as const, value: digest }] })
const arn = (digest: string) => `arn:aws:ecr:us-east-1:123456789012:repository/app/${digest}`

beforeAll(async () => {
  emu = await startEmulator({ scenario })
  ;({ inspector, signer } = clientsFor(emu))
})
afterAll(async () => {
  await emu?.stop()
})

describe('Inspector2 ListFindings', () => {
  it('returns findings in Inspector shape for an image hash', async () => {
    const digest = emu.images.app?.digest ?? ''
    const out = await inspector.send(
      new ListFindingsCommand({ filterCriteria: { ...hashFilter(digest), severity: [{ comparison: 'EQUALS', value: 'CRITICAL' }] } })
    )
    expect(out.findings?.length).toBe(1)
    const f = out.findings?.[0] as Finding
    expect(f.epss?.score).toBe(0.92)
    expect(f.exploitAvailable).toBe('YES')
    expect(f.fixAvailable).toBe('YES')
    expect(f.remediation?.recommendation?.Url).toBe('https://example.test/CVE-2024-0001')
    expect(f.firstObservedAt).toBeInstanceOf(Date)
    expect(f.packageVulnerabilityDetails?.vulnerablePackages?.[0]).toMatchObject({ name: 'openssl', fixedInVersion: '3.0.2' })
    expect(f.resources?.[0]?.type).toBe('AWS_ECR_CONTAINER_IMAGE')
    expect(f.resources?.[0]?.id).toBe(arn(digest))
    expect(f.resources?.[0]?.details?.awsEcrContainerImage).toMatchObject({ imageHash: digest, repositoryName: 'app', imageTags: ['v1'] })
    expect(f.exploitabilityDetails?.lastKnownExploitAt).toBeInstanceOf(Date)
    expect(emu.countCalls({ service: 'inspector2', operation: 'ListFindings', digest })).toBe(1)
  })

  it('pages by nextToken at most 100 per page and filters by status', async () => {
    const digest = emu.images.app?.digest ?? ''
    const ids: string[] = []
    let pages = 0
    for await (const page of paginateListFindings(
      { client: inspector, pageSize: 100 },
      { filterCriteria: { ...hashFilter(digest), findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }] } }
    )) {
      pages++
      for (const f of page.findings ?? []) ids.push(f.packageVulnerabilityDetails?.vulnerabilityId ?? '')
    }
    expect(pages).toBe(3)
    expect(ids.length).toBe(249)
    expect(ids).not.toContain('CVE-2024-0002')
  })

  it('rejects maxResults over 100 with a ValidationException carrying reason and fields', async () => {
    const e = await rejection(inspector.send(new ListFindingsCommand({ maxResults: 101 })))
    expect(e).toBeInstanceOf(ValidationException)
    expect(e.$metadata?.httpStatusCode).toBe(400)
    expect(e.reason).toBe('FIELD_VALIDATION_FAILED')
  })

  it('rejects filters the emulator does not implement instead of ignoring them', async () => {
    const e = await rejection(
      inspector.send(new ListFindingsCommand({ filterCriteria: { lambdaFunctionName: [{ comparison: 'EQUALS', value: 'x' }] } }))
    )
    expect(e).toBeInstanceOf(ValidationException)
    expect(e.message).toContain('lambdaFunctionName')
  })

  it('narrows by epssScore, PREFIX and NOT_EQUALS', async () => {
    const out = await inspector.send(
      new ListFindingsCommand({
        filterCriteria: {
          epssScore: [{ lowerInclusive: 0.9 }],
          vulnerabilityId: [{ comparison: 'PREFIX', value: 'CVE-2024-' }],
          severity: [{ comparison: 'NOT_EQUALS', value: 'LOW' }]
        }
      })
    )
    expect(out.findings?.map((f) => f.packageVulnerabilityDetails?.vulnerabilityId)).toEqual(['CVE-2024-0001'])
  })
})

describe('Inspector2 ListCoverage', () => {
  it('maps scan states to coverage status codes and reasons', async () => {
    const status = async (name: string) => {
      const out = await inspector.send(
        new ListCoverageCommand({ filterCriteria: { resourceId: [{ comparison: 'EQUALS', value: arn(emu.images[name]?.digest ?? '') }] } })
      )
      return out.coveredResources?.map((r) => [r.scanStatus?.statusCode, r.scanStatus?.reason])
    }
    expect(await status('app')).toEqual([['ACTIVE', 'SUCCESSFUL']])
    expect(await status('pending')).toEqual([['ACTIVE', 'PENDING_INITIAL_SCAN']])
    expect(await status('pending')).toEqual([['ACTIVE', 'SUCCESSFUL']])
    expect(await status('unscannable')).toEqual([['INACTIVE', 'UNSUPPORTED_OS']])
    expect(await status('uncovered')).toEqual([])
  })

  it('describes the covered resource', async () => {
    const digest = emu.images.app?.digest ?? ''
    const out = await inspector.send(
      new ListCoverageCommand({ filterCriteria: { resourceId: [{ comparison: 'EQUALS', value: arn(digest) }] } })
    )
    const r = out.coveredResources?.[0]
    expect(r).toMatchObject({ resourceType: 'AWS_ECR_CONTAINER_IMAGE', accountId: '123456789012', scanType: 'PACKAGE' })
    expect(r?.resourceMetadata?.ecrImage?.tags).toEqual(['v1'])
    expect(r?.lastScannedAt).toBeInstanceOf(Date)
  })
})

describe('Signer', () => {
  const base = { signatureTimestamp: new Date('2024-06-01T12:00:00Z'), platformId: 'Notation-OCI-SHA384-ECDSA', jobArn: JOB }

  it('reports revoked profile versions and certificate hashes', async () => {
    const out = await signer.send(
      new GetRevocationStatusCommand({ ...base, profileVersionArn: PVA, certificateHashes: ['00aa', 'abcdef'] })
    )
    expect(out.revokedEntities).toEqual([PVA, 'abcdef'])
    const call = emu.calls.find((c) => c.service === 'signer')
    expect(call).toMatchObject({ operation: 'GetRevocationStatus', status: 200 })
  })

  it('reports nothing for an unrevoked signature', async () => {
    const out = await signer.send(
      new GetRevocationStatusCommand({ ...base, profileVersionArn: PVA.replace('a1b2c3d4e5', 'ffffffffff'), certificateHashes: ['00aa'] })
    )
    expect(out.revokedEntities ?? []).toEqual([])
  })

  it('gets a signing profile and throws ResourceNotFoundException with 404 otherwise', async () => {
    const p = await signer.send(new GetSigningProfileCommand({ profileName: 'release' }))
    expect(p.profileVersionArn).toBe(PVA)
    expect(p.platformId).toBe('Notation-OCI-SHA384-ECDSA')
    expect(p.status).toBe('Active')
    const e = await rejection(signer.send(new GetSigningProfileCommand({ profileName: 'ghost' })))
    expect(e).toBeInstanceOf(ResourceNotFoundException)
    expect(e.$metadata?.httpStatusCode).toBe(404)
  })
})

describe('basic scanning feeds no Inspector data', () => {
  it('lists no findings and no coverage', async () => {
    const basic = await startEmulator({ scenario: { ...scenario, scanType: 'BASIC' } })
    try {
      const client = clientsFor(basic).inspector
      expect((await client.send(new ListFindingsCommand({}))).findings).toEqual([])
      expect((await client.send(new ListCoverageCommand({}))).coveredResources).toEqual([])
    } finally {
      await basic.stop()
    }
  })
})
