/**
 * ECR fidelity: every emulated operation called through the real @aws-sdk/client-ecr, asserting
 * what the SDK parsed (Dates, exception classes, HTTP status, paging).
 */
import {
  BatchGetImageCommand,
  BatchGetRepositoryScanningConfigurationCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetRegistryScanningConfigurationCommand,
  ImageNotFoundException,
  LimitExceededException,
  ListImageReferrersCommand,
  RepositoryNotFoundException,
  ScanNotFoundException,
  StartImageScanCommand,
  ValidationException,
  paginateDescribeImageScanFindings,
  paginateDescribeImages,
  type EnhancedImageScanFinding
} from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { clientsFor, credentials, digestOf, rejection, scenarioPath } from './helpers.js'

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
]
const BASE = Date.parse('2024-06-01T12:00:00Z')

const enhanced = {
  repositories: [{ name: 'team/api' }, { name: 'dark', scanOnPush: false }],
  images: [
    {
      name: 'api',
      repository: 'team/api',
      tags: ['1.0', 'latest'],
      attestation: true,
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' }
      ],
      scan: {
        timeline: [{ status: 'SCAN_NOT_FOUND', untilPolls: 1 }, { status: 'IN_PROGRESS', untilPolls: 2 }, { status: 'COMPLETE' }],
        findings: [
          {
            id: 'CVE-2024-0001',
            severity: 'CRITICAL',
            package: 'openssl',
            version: '3.0.1',
            fixedInVersion: '3.0.2',
            exploitAvailable: 'YES'
          }
        ],
        lateFindings: {
          afterPolls: 1,
          findings: [{ id: 'CVE-2024-0002', severity: 'HIGH', package: 'curl', version: '8.0', fixAvailable: 'NO' }]
        }
      }
    },
    { name: 'big', repository: 'team/api', tags: ['big'], scan: { status: 'ACTIVE', generateFindings: { count: 3000, seed: 2 } } },
    { name: 'dark', repository: 'dark', tags: ['v1'] }
  ],
  artifacts: [
    {
      repository: 'team/api',
      subject: 'api',
      artifactType: 'application/vnd.example.sbom',
      layers: [{ mediaType: 'application/json', text: '{}' }]
    }
  ]
}

let emu: Emulator
let ecr: ECRClient

beforeAll(async () => {
  emu = await startEmulator({ scenario: enhanced })
  ecr = clientsFor(emu).ecr
})
afterAll(async () => {
  await emu?.stop()
})

describe('DescribeImages', () => {
  it('resolves a tag to the index digest with epoch dates parsed into Date', async () => {
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: '1.0' }] }))
    const d = out.imageDetails?.[0]
    expect(d?.imageDigest).toBe(emu.images.api?.digest)
    expect(d?.imageManifestMediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(d?.imageTags?.sort()).toEqual(['1.0', 'latest'])
    expect(d?.imagePushedAt).toBeInstanceOf(Date)
    expect(d?.imagePushedAt?.getTime()).toBe(BASE)
    expect(d?.registryId).toBe('123456789012')
    expect(d?.repositoryName).toBe('team/api')
    expect(d?.imageSizeInBytes).toBeGreaterThan(0)
    // Enhanced scanning never fills the scan status on the image.
    expect(d?.imageScanStatus).toBeUndefined()
    expect(emu.countCalls({ service: 'ecr', operation: 'DescribeImages', digest: emu.images.api?.digest ?? '' })).toBe(1)
  })

  it('describes an untagged platform manifest by digest', async () => {
    const p = emu.images.api?.platforms[1]
    const out = await ecr.send(new DescribeImagesCommand({ repositoryName: 'team/api', imageIds: [{ imageDigest: p?.digest ?? '' }] }))
    expect(out.imageDetails?.[0]?.imageTags).toBeUndefined()
    expect(out.imageDetails?.[0]?.imageManifestMediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(out.imageDetails?.[0]?.artifactMediaType).toBe('application/vnd.oci.image.config.v1+json')
  })

  it('throws ImageNotFoundException and RepositoryNotFoundException with HTTP 400', async () => {
    const e1 = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: 'nope' }] })))
    expect(e1).toBeInstanceOf(ImageNotFoundException)
    expect(e1.$metadata?.httpStatusCode).toBe(400)
    expect(e1.message).toContain("imageTag:'nope'")
    const e2 = await rejection(ecr.send(new DescribeImagesCommand({ repositoryName: 'missing', imageIds: [{ imageTag: 'v1' }] })))
    expect(e2).toBeInstanceOf(RepositoryNotFoundException)
    expect(e2.message).toContain("'missing'")
  })

  it('lists every manifest of a repository across pages', async () => {
    const digests: string[] = []
    for await (const page of paginateDescribeImages({ client: ecr, pageSize: 2 }, { repositoryName: 'team/api' })) {
      expect(page.imageDetails?.length).toBeLessThanOrEqual(2)
      for (const d of page.imageDetails ?? []) digests.push(d.imageDigest ?? '')
    }
    const api = emu.images.api
    // index + 2 platforms + 2 attestations + big + the SBOM artifact
    expect(new Set(digests).size).toBe(7)
    expect(digests).toContain(api?.digest)
    for (const p of api?.platforms ?? []) expect(digests).toContain(p.digest)
  })
})

describe('BatchGetImage', () => {
  it('returns the exact manifest bytes, whose sha256 is the digest', async () => {
    const out = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: '1.0' }], acceptedMediaTypes: ACCEPT })
    )
    const img = out.images?.[0]
    expect(out.failures).toEqual([])
    expect(img?.imageManifestMediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(digestOf(img?.imageManifest ?? '')).toBe(emu.images.api?.digest)
    expect(img?.imageId).toEqual({ imageDigest: emu.images.api?.digest, imageTag: '1.0' })
    const index = JSON.parse(img?.imageManifest ?? '{}') as {
      manifests: {
        digest: string
        platform: { os: string; architecture: string; variant?: string }
        annotations?: Record<string, string>
      }[]
    }
    expect(index.manifests.map((m) => m.platform)).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux', variant: 'v8' },
      { architecture: 'unknown', os: 'unknown' },
      { architecture: 'unknown', os: 'unknown' }
    ])
    expect(index.manifests[2]?.annotations?.['vnd.docker.reference.type']).toBe('attestation-manifest')
    expect(index.manifests[2]?.annotations?.['vnd.docker.reference.digest']).toBe(emu.images.api?.platforms[0]?.digest)
  })

  it('reports a missing tag as a failure, not an exception', async () => {
    const out = await ecr.send(
      new BatchGetImageCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: 'nope' }], acceptedMediaTypes: ACCEPT })
    )
    expect(out.images).toEqual([])
    expect(out.failures?.[0]?.failureCode).toBe('ImageNotFound')
    expect(out.failures?.[0]?.imageId?.imageTag).toBe('nope')
  })

  it('does not hand out an index when acceptedMediaTypes is omitted', async () => {
    const out = await ecr.send(new BatchGetImageCommand({ repositoryName: 'team/api', imageIds: [{ imageTag: '1.0' }] }))
    expect(out.images).toEqual([])
    expect(out.failures?.[0]?.failureReason).toContain('application/vnd.oci.image.index.v1+json')
  })
})

describe('DescribeImageScanFindings', () => {
  it('follows the timeline: ScanNotFound, IN_PROGRESS, COMPLETE, then late findings', async () => {
    const digest = emu.images.api?.platforms[0]?.digest ?? ''
    const req = { repositoryName: 'team/api', imageId: { imageDigest: digest } }
    const e = await rejection(ecr.send(new DescribeImageScanFindingsCommand(req)))
    expect(e).toBeInstanceOf(ScanNotFoundException)
    expect(e.$metadata?.httpStatusCode).toBe(400)

    const second = await ecr.send(new DescribeImageScanFindingsCommand(req))
    expect(second.imageScanStatus?.status).toBe('IN_PROGRESS')
    expect(second.imageScanFindings).toBeUndefined()

    const third = await ecr.send(new DescribeImageScanFindingsCommand(req))
    expect(third.imageScanStatus).toEqual({ status: 'COMPLETE', description: 'The scan was completed successfully.' })
    expect(third.imageScanFindings?.imageScanCompletedAt).toBeInstanceOf(Date)
    expect(third.imageScanFindings?.findingSeverityCounts).toEqual({ CRITICAL: 1 })
    const f = third.imageScanFindings?.enhancedFindings?.[0] as EnhancedImageScanFinding
    expect(f.packageVulnerabilityDetails?.vulnerabilityId).toBe('CVE-2024-0001')
    expect(f.packageVulnerabilityDetails?.vulnerablePackages?.[0]).toMatchObject({
      name: 'openssl',
      version: '3.0.1',
      fixedInVersion: '3.0.2'
    })
    expect(f.firstObservedAt).toBeInstanceOf(Date)
    expect(f.fixAvailable).toBe('YES')
    expect(f.exploitAvailable).toBe('YES')
    expect(f.severity).toBe('CRITICAL')
    expect(f.status).toBe('ACTIVE')
    expect(f.resources?.[0]?.details?.awsEcrContainerImage?.imageHash).toBe(digest)
    expect(f.findingArn).toMatch(/^arn:aws:inspector2:us-east-1:123456789012:finding\/[0-9a-f]{32}$/)
    expect(third.imageScanFindings?.findings).toBeUndefined()

    const fourth = await ecr.send(new DescribeImageScanFindingsCommand(req))
    const ids = fourth.imageScanFindings?.enhancedFindings?.map((x) => x.packageVulnerabilityDetails?.vulnerabilityId)
    expect(ids).toEqual(['CVE-2024-0001', 'CVE-2024-0002'])
    const late = fourth.imageScanFindings?.enhancedFindings?.[1]
    expect(late?.packageVulnerabilityDetails?.vulnerablePackages?.[0]?.fixedInVersion).toBe('NotAvailable')
    expect(emu.countCalls({ operation: 'DescribeImageScanFindings', digest })).toBe(4)
  })

  it('has no scan for an image index', async () => {
    const e = await rejection(ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'team/api', imageId: { imageTag: '1.0' } })))
    expect(e).toBeInstanceOf(ScanNotFoundException)
  })

  it('has no scan for a repository no enhanced rule covers', async () => {
    const e = await rejection(ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'dark', imageId: { imageTag: 'v1' } })))
    expect(e).toBeInstanceOf(ScanNotFoundException)
  })

  it('pages 3000 findings by nextToken with counts on the first page', async () => {
    const ids: string[] = []
    let counts: Record<string, number> | undefined
    let pages = 0
    for await (const page of paginateDescribeImageScanFindings(
      { client: ecr, pageSize: 1000 },
      { repositoryName: 'team/api', imageId: { imageTag: 'big' } }
    )) {
      pages++
      counts ??= page.imageScanFindings?.findingSeverityCounts
      expect(page.imageScanStatus?.status).toBe('ACTIVE')
      for (const f of page.imageScanFindings?.enhancedFindings ?? []) ids.push(f.packageVulnerabilityDetails?.vulnerabilityId ?? '')
    }
    expect(pages).toBe(3)
    expect(ids.length).toBe(3000)
    expect(new Set(ids).size).toBe(3000)
    expect(Object.values(counts ?? {}).reduce((a, b) => a + b, 0)).toBe(3000)
  })

  it('validates maxResults 1..1000', async () => {
    for (const maxResults of [0, 1001]) {
      const e = await rejection(
        ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'team/api', imageId: { imageTag: 'big' }, maxResults }))
      )
      expect(e).toBeInstanceOf(ValidationException)
      expect(e.message).toContain('maxResults')
    }
  })

  it('rejects a nextToken from another listing', async () => {
    const first = await ecr.send(
      new DescribeImageScanFindingsCommand({ repositoryName: 'team/api', imageId: { imageTag: 'big' }, maxResults: 10 })
    )
    expect(first.nextToken).toBeTruthy()
    const e = await rejection(
      ecr.send(
        new DescribeImageScanFindingsCommand({
          repositoryName: 'team/api',
          imageId: { imageDigest: emu.images.api?.platforms[0]?.digest ?? '' },
          nextToken: first.nextToken
        })
      )
    )
    expect(e.name).toBe('InvalidParameterException')
  })
})

describe('scanning configuration and repositories', () => {
  it('reports the registry scan type and rules', async () => {
    const out = await ecr.send(new GetRegistryScanningConfigurationCommand({}))
    expect(out.registryId).toBe('123456789012')
    expect(out.scanningConfiguration?.scanType).toBe('ENHANCED')
    expect(out.scanningConfiguration?.rules).toEqual([
      { scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: 'team/api', filterType: 'WILDCARD' }] }
    ])
  })

  it('reports per-repository configuration and failures', async () => {
    const out = await ecr.send(new BatchGetRepositoryScanningConfigurationCommand({ repositoryNames: ['team/api', 'dark', 'ghost'] }))
    expect(out.scanningConfigurations?.map((c) => [c.repositoryName, c.scanFrequency, c.scanOnPush])).toEqual([
      ['team/api', 'CONTINUOUS_SCAN', true],
      ['dark', 'MANUAL', false]
    ])
    expect(out.failures).toEqual([{ repositoryName: 'ghost', failureCode: 'REPOSITORY_NOT_FOUND', failureReason: 'REPOSITORY_NOT_FOUND' }])
  })

  it('describes repositories and throws for a missing one', async () => {
    const out = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['team/api'] }))
    const r = out.repositories?.[0]
    expect(r?.repositoryUri).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api')
    expect(r?.repositoryArn).toBe('arn:aws:ecr:us-east-1:123456789012:repository/team/api')
    expect(r?.createdAt).toBeInstanceOf(Date)
    expect(r?.imageScanningConfiguration?.scanOnPush).toBe(true)
    const e = await rejection(ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['ghost'] })))
    expect(e).toBeInstanceOf(RepositoryNotFoundException)
  })

  it('refuses StartImageScan under enhanced scanning', async () => {
    const e = await rejection(ecr.send(new StartImageScanCommand({ repositoryName: 'team/api', imageId: { imageTag: 'big' } })))
    expect(e).toBeInstanceOf(ValidationException)
    expect(e.message).toMatch(/enhanced/i)
  })
})

describe('registry access', () => {
  it('issues an authorization token for the emulator endpoint', async () => {
    const out = await ecr.send(new GetAuthorizationTokenCommand({}))
    const a = out.authorizationData?.[0]
    expect(a?.proxyEndpoint).toBe(emu.url)
    expect(a?.expiresAt).toBeInstanceOf(Date)
    expect(a?.expiresAt?.getTime()).toBeGreaterThan(Date.now())
    expect(Buffer.from(a?.authorizationToken ?? '', 'base64').toString()).toMatch(/^AWS:.{16,}$/)
  })

  it('lists image referrers, filtered by artifact type', async () => {
    const subject = emu.images.api?.digest ?? ''
    const out = await ecr.send(new ListImageReferrersCommand({ repositoryName: 'team/api', subjectId: { imageDigest: subject } }))
    expect(out.referrers?.length).toBe(1)
    expect(out.referrers?.[0]).toMatchObject({
      artifactType: 'application/vnd.example.sbom',
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactStatus: 'ACTIVE'
    })
    const none = await ecr.send(
      new ListImageReferrersCommand({
        repositoryName: 'team/api',
        subjectId: { imageDigest: subject },
        filter: { artifactTypes: ['application/vnd.cncf.notary.signature'] }
      })
    )
    expect(none.referrers).toEqual([])
  })
})

describe('request authentication', () => {
  it('rejects credentials scoped to another region', async () => {
    const other = new ECRClient({ region: 'eu-west-1', endpoint: emu.url, credentials, maxAttempts: 1 })
    const e = await rejection(other.send(new GetRegistryScanningConfigurationCommand({})))
    expect(e.name).toBe('InvalidSignatureException')
    expect(e.$metadata?.httpStatusCode).toBe(403)
  })
})

describe('basic scanning', () => {
  let basic: Emulator
  let client: ECRClient
  beforeAll(async () => {
    basic = await startEmulator({ scenario: scenarioPath('basic-manual.json') })
    client = clientsFor(basic, 1).ecr
  })
  afterAll(async () => {
    await basic?.stop()
  })

  it('has no scan until StartImageScan, which works once per image', async () => {
    const req = { repositoryName: 'legacy', imageId: { imageTag: '2024.06' } }
    expect(await rejection(client.send(new DescribeImageScanFindingsCommand(req)))).toBeInstanceOf(ScanNotFoundException)
    const started = await client.send(new StartImageScanCommand(req))
    expect(started.imageScanStatus?.status).toBe('IN_PROGRESS')
    expect(started.imageId?.imageDigest).toBe(basic.images.legacy?.digest)
    const again = await rejection(client.send(new StartImageScanCommand(req)))
    expect(again).toBeInstanceOf(LimitExceededException)
    expect(basic.countCalls({ operation: 'StartImageScan' })).toBe(2)

    expect((await client.send(new DescribeImageScanFindingsCommand(req))).imageScanStatus?.status).toBe('IN_PROGRESS')
    expect((await client.send(new DescribeImageScanFindingsCommand(req))).imageScanStatus?.status).toBe('IN_PROGRESS')
    const done = await client.send(new DescribeImageScanFindingsCommand(req))
    expect(done.imageScanStatus?.status).toBe('COMPLETE')
    expect(done.imageScanFindings?.enhancedFindings).toBeUndefined()
    const f = done.imageScanFindings?.findings?.[0]
    expect(f?.name).toBe('CVE-2023-4863')
    expect(f?.severity).toBe('HIGH')
    expect(f?.attributes).toEqual(
      expect.arrayContaining([
        { key: 'package_name', value: 'libwebp' },
        { key: 'package_version', value: '1.2.4' }
      ])
    )
    expect(done.imageScanFindings?.findingSeverityCounts).toEqual({ HIGH: 1, INFORMATIONAL: 1 })

    // Basic scanning fills the image's own scan status and summary.
    const img = await client.send(new DescribeImagesCommand({ repositoryName: 'legacy', imageIds: [{ imageTag: '2024.06' }] }))
    expect(img.imageDetails?.[0]?.imageScanStatus?.status).toBe('COMPLETE')
    expect(img.imageDetails?.[0]?.imageScanFindingsSummary?.findingSeverityCounts).toEqual({ HIGH: 1, INFORMATIONAL: 1 })
    expect(img.imageDetails?.[0]?.imageManifestMediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
  })

  it('reports BASIC scanning and SCAN_ON_PUSH-less rules', async () => {
    const out = await client.send(new GetRegistryScanningConfigurationCommand({}))
    expect(out.scanningConfiguration?.scanType).toBe('BASIC')
    expect(out.scanningConfiguration?.rules).toEqual([])
  })
})
