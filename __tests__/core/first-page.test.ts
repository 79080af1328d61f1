/**
 * gateImage makes each digest's first scan poll a findings page (maxResults 1000) when the scan type
 * is known, and reads that page as page 1 only while it is current: the wait ended on that poll
 * (ACTIVE, or COMPLETE under basic), or the early read starts from the COMPLETE counts that poll saw.
 * Anything else (the scan moved on, the type is inferred) reads the findings as before.
 */
import { describe, expect, it } from 'vitest'
import type { AwsPorts } from '../../src/aws/clients.js'
import type { EcrPort } from '../../src/aws/ecr.js'
import { pageOf, type PageReader } from '../../src/aws/findings-page.js'
import { gateImage, type ImagePlan, type ImagePorts } from '../../src/core/gate-image.js'
import { ACCOUNT, REGION, REPOSITORY, TAG, awsError, basePolicy, multiImage, recordingLogger, singleImage } from '../reliability/helpers.js'

const IMAGE = singleImage('first-page')
const REF = { reference: `${REPOSITORY}:${TAG}`, region: REGION, repository: REPOSITORY, tag: TAG }
const OTHER_ACCOUNT = '210987654321'

/** One DescribeImageScanFindings call as the fake saw it. */
interface Seen {
  maxResults?: number
  nextToken?: string
}

/** What the fake answers for the n-th call (1-based): a status and the findings listed then. */
interface Answer {
  status: string
  findings?: string[]
  /** Thrown instead of answering. */
  error?: Error
}

function enhanced(id: string) {
  return {
    status: 'ACTIVE',
    severity: 'HIGH',
    title: id,
    fixAvailable: 'YES',
    packageVulnerabilityDetails: {
      vulnerabilityId: id,
      vulnerablePackages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2' }]
    }
  }
}

function basic(id: string) {
  return { name: id, severity: 'HIGH', attributes: [{ key: 'package_name', value: 'openssl' }] }
}

/**
 * A fake ECR whose scan answers `answers[n - 1]` on the n-th DescribeImageScanFindings call (the
 * last one ever after), paging its findings `pageSize` at a time with nextToken "p<offset>".
 */
function fakeEcr(o: { answers: Answer[]; scanType: 'ENHANCED' | 'BASIC'; pageSize?: number; registryId?: string }) {
  const seen: Seen[] = []
  const pageSize = o.pageSize ?? 1000
  const ecr = {
    describeImages: async () => ({
      imageDetails: [
        {
          registryId: o.registryId ?? ACCOUNT,
          repositoryName: REPOSITORY,
          imageDigest: IMAGE.digest,
          imageManifestMediaType: IMAGE.mediaType
        }
      ]
    }),
    batchGetImage: async () => ({ images: [{ imageManifest: IMAGE.manifest, imageManifestMediaType: IMAGE.mediaType }], failures: [] }),
    describeImageScanFindings: async (input: { maxResults?: number; nextToken?: string }) => {
      seen.push({
        ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
        ...(input.nextToken !== undefined ? { nextToken: input.nextToken } : {})
      })
      const answer = o.answers[Math.min(seen.length, o.answers.length) - 1] as Answer
      if (answer.error !== undefined) throw answer.error
      const all = answer.findings ?? []
      const offset = input.nextToken !== undefined ? Number(input.nextToken.slice(1)) : 0
      const size = Math.min(input.maxResults ?? 1000, pageSize)
      const listed = all.slice(offset, offset + size)
      const done = answer.status === 'COMPLETE' || answer.status === 'ACTIVE'
      return {
        imageScanStatus: { status: answer.status },
        imageScanFindings: done
          ? {
              findingSeverityCounts: all.length > 0 ? { HIGH: all.length } : {},
              imageScanCompletedAt: new Date(0),
              ...(o.scanType === 'BASIC' ? { findings: listed.map(basic) } : { enhancedFindings: listed.map(enhanced) })
            }
          : {},
        ...(done && offset + size < all.length ? { nextToken: `p${offset + size}` } : {})
      }
    },
    startImageScan: async () => ({}),
    getRegistryScanningConfiguration: async () => ({ registryId: ACCOUNT, scanningConfiguration: { scanType: o.scanType } }),
    batchGetRepositoryScanningConfiguration: async () => ({
      scanningConfigurations: [{ repositoryName: REPOSITORY, scanOnPush: true, scanFrequency: 'SCAN_ON_PUSH' }],
      failures: []
    }),
    // Finding pages through the port's own SDK-shaped fallback, from the answer above.
    describeImageScanFindingsPage: async (input: { maxResults?: number }, reader: PageReader<unknown>) =>
      pageOf(await ecr.describeImageScanFindings(input), reader)
  }
  return { ecr: ecr as unknown as EcrPort, seen }
}

function ports(ecr: EcrPort) {
  let t = 1_000_000
  const log = recordingLogger()
  const p: ImagePorts = {
    clients: { ecr } as unknown as AwsPorts,
    now: () => t,
    sleep: async (ms) => {
      t += ms
      await new Promise((resolve) => setTimeout(resolve, 1))
    },
    log,
    random: () => 0.5
  }
  return { ports: p, log }
}

const plan = (type: 'auto' | 'enhanced' | 'basic' = 'auto'): ImagePlan => ({
  policy: basePolicy({ maxCounts: { critical: 0, high: 10, medium: 0, low: 0 } }),
  scan: { type, timeoutSeconds: 600, start: false },
  mode: 'enforce',
  checks: []
})

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `CVE-2024-${String(from + i).padStart(4, '0')}`)
const page1 = { maxResults: 1000 }
const poll = { maxResults: 1 }

describe('gateImage: the first scan poll is also the first findings page', () => {
  it('ACTIVE on the first poll: that page is page 1, and the read goes on from its nextToken', async () => {
    const fake = fakeEcr({ scanType: 'ENHANCED', pageSize: 2, answers: [{ status: 'ACTIVE', findings: ids(5) }] })
    const { ports: p, log } = ports(fake.ecr)
    const verdict = await gateImage(REF, plan(), p)
    expect(fake.seen).toEqual([page1, { maxResults: 1000, nextToken: 'p2' }, { maxResults: 1000, nextToken: 'p4' }])
    expect(verdict.scans[0]).toMatchObject({ status: 'ACTIVE', done: true, polls: 1 })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(5))
    expect(log.lines).toContainEqual({ level: 'info', message: expect.stringMatching(/^Read 5 finding\(s\) for .+ in 3 page\(s\)$/) })
    expect(verdict.decision).toBe('pass')
  })

  it('COMPLETE under basic scanning on the first poll: one request reads status and findings', async () => {
    const fake = fakeEcr({ scanType: 'BASIC', answers: [{ status: 'COMPLETE', findings: ids(3) }] })
    const verdict = await gateImage(REF, plan('basic'), ports(fake.ecr).ports)
    expect(fake.seen).toEqual([page1])
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', scanType: 'BASIC', done: true, polls: 1 })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(3))
  })

  it('COMPLETE under enhanced scanning on the first poll: the early read starts from that page, the confirming poll asks for 1', async () => {
    const fake = fakeEcr({ scanType: 'ENHANCED', answers: [{ status: 'COMPLETE', findings: ids(2) }] })
    const verdict = await gateImage(REF, plan(), ports(fake.ecr).ports)
    expect(fake.seen).toEqual([page1, poll])
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true, polls: 2 })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(2))
  })

  it('COMPLETE on the first poll, other counts on the confirming one: the first page is not used again', async () => {
    const fake = fakeEcr({
      scanType: 'ENHANCED',
      answers: [
        { status: 'COMPLETE', findings: ids(1) },
        { status: 'COMPLETE', findings: ids(2) }
      ]
    })
    const verdict = await gateImage(REF, plan(), ports(fake.ecr).ports)
    // First poll (page, counts 1); confirming poll sees 2; the new early read; the poll that confirms 2.
    expect(fake.seen).toEqual([page1, poll, page1, poll])
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(2))
    expect(verdict.policy.counts.high).toBe(2)
  })

  it('IN_PROGRESS on the first poll: its page is never read as page 1 once the scan is ACTIVE', async () => {
    const fake = fakeEcr({
      scanType: 'ENHANCED',
      answers: [{ status: 'IN_PROGRESS' }, { status: 'ACTIVE', findings: ids(3) }]
    })
    const verdict = await gateImage(REF, plan(), ports(fake.ecr).ports)
    expect(fake.seen).toEqual([page1, poll, page1])
    expect(verdict.scans[0]).toMatchObject({ status: 'ACTIVE', done: true, polls: 2 })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(3))
  })

  it('a first poll that failed is retried as a plain poll, and the findings are read after it', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })
    const fake = fakeEcr({
      scanType: 'ENHANCED',
      answers: [
        { status: 'ACTIVE', error: throttled },
        { status: 'ACTIVE', findings: ids(1) }
      ]
    })
    const verdict = await gateImage(REF, plan(), ports(fake.ecr).ports)
    expect(fake.seen).toEqual([page1, poll, page1])
    expect(verdict.scans[0]).toMatchObject({ status: 'ACTIVE', done: true, polls: 2 })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(1))
  })

  it('a first page whose finding list is not a list fails the scan closed, naming the answer', async () => {
    const fake = fakeEcr({ scanType: 'ENHANCED', answers: [{ status: 'ACTIVE', findings: ids(1) }] })
    const broken = {
      ...fake.ecr,
      describeImageScanFindingsPage: async (_input: unknown, reader: PageReader<unknown>) =>
        pageOf({ imageScanStatus: { status: 'ACTIVE' }, imageScanFindings: { enhancedFindings: 'none' } }, reader)
    } as unknown as EcrPort
    const verdict = await gateImage(REF, plan(), ports(broken).ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.scans[0]).toMatchObject({ status: 'ERROR', done: false })
    expect(verdict.scans[0]?.description).toMatch(
      /imageScanFindings\.enhancedFindings of the DescribeImageScanFindings answer is not a list/
    )
  })

  it('another account under scan-type auto: the type is inferred from the first poll, which asks for 1 as before', async () => {
    const fake = fakeEcr({ scanType: 'ENHANCED', registryId: OTHER_ACCOUNT, answers: [{ status: 'ACTIVE', findings: ids(2) }] })
    const verdict = await gateImage({ ...REF, registryId: OTHER_ACCOUNT }, plan(), ports(fake.ecr).ports)
    expect(fake.seen).toEqual([poll, page1])
    expect(verdict.scans[0]).toMatchObject({ status: 'ACTIVE', scanTypeSource: 'inferred', done: true })
    expect(verdict.findings.map((f) => f.id)).toEqual(ids(2))
  })
})

const MULTI = multiImage('first-page-multi')
const [AMD, ARM] = MULTI.scanned as [string, string]

/**
 * A fake ECR holding a two-platform index: amd64 ACTIVE from the first poll with `amdFindings`
 * (paged 1 at a time), arm64 IN_PROGRESS for `armPending` polls and then ACTIVE with one finding.
 * `calls` records every DescribeImageScanFindings call in order; `failAmdPage` makes amd64's n-th
 * page-with-token fail with `failAmdPage.error`.
 */
function multiEcr(o: { amdFindings: string[]; armPending: number; failAmdPage?: { token: string; error: Error } }) {
  const calls: { digest: string; maxResults?: number; nextToken?: string }[] = []
  let armPolls = 0
  const answer = (input: { imageId: { imageDigest: string }; maxResults?: number; nextToken?: string }) => {
    const digest = input.imageId.imageDigest
    calls.push({
      digest,
      ...(input.maxResults !== undefined ? { maxResults: input.maxResults } : {}),
      ...(input.nextToken !== undefined ? { nextToken: input.nextToken } : {})
    })
    if (digest === ARM && input.nextToken === undefined && armPolls++ < o.armPending) return { imageScanStatus: { status: 'IN_PROGRESS' } }
    if (digest === AMD && o.failAmdPage !== undefined && input.nextToken === o.failAmdPage.token) throw o.failAmdPage.error
    const all = digest === AMD ? o.amdFindings : ['CVE-2024-0900']
    const offset = input.nextToken !== undefined ? Number(input.nextToken.slice(1)) : 0
    const listed = all.slice(offset, offset + 1)
    return {
      imageScanStatus: { status: 'ACTIVE' },
      imageScanFindings: { findingSeverityCounts: { HIGH: all.length }, enhancedFindings: listed.map(enhanced) },
      ...(offset + 1 < all.length ? { nextToken: `p${offset + 1}` } : {})
    }
  }
  const ecr = {
    describeImages: async () => ({
      imageDetails: [
        { registryId: ACCOUNT, repositoryName: REPOSITORY, imageDigest: MULTI.digest, imageManifestMediaType: MULTI.mediaType }
      ]
    }),
    batchGetImage: async () => ({ images: [{ imageManifest: MULTI.manifest, imageManifestMediaType: MULTI.mediaType }], failures: [] }),
    describeImageScanFindings: async (input: Parameters<typeof answer>[0]) => answer(input),
    getRegistryScanningConfiguration: async () => ({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'ENHANCED' } }),
    batchGetRepositoryScanningConfiguration: async () => ({
      scanningConfigurations: [{ repositoryName: REPOSITORY, scanOnPush: true, scanFrequency: 'CONTINUOUS_SCAN' }],
      failures: []
    }),
    describeImageScanFindingsPage: async (input: Parameters<typeof answer>[0], reader: PageReader<unknown>) => pageOf(answer(input), reader)
  }
  return { ecr: ecr as unknown as EcrPort, calls }
}

describe('gateImage: a platform whose wait is done reads its findings at once', () => {
  it('amd64 reads all its pages while arm64 is still being awaited, and both are judged', async () => {
    const fake = multiEcr({ amdFindings: ids(3), armPending: 2 })
    const { ports: p, log } = ports(fake.ecr)
    const verdict = await gateImage(REF, plan(), p)
    const amdPages = fake.calls.flatMap((c, i) => (c.digest === AMD && c.nextToken !== undefined ? [i] : []))
    const armLastPoll = fake.calls.findLastIndex((c) => c.digest === ARM && c.nextToken === undefined && c.maxResults === 1)
    expect(amdPages).toHaveLength(2)
    expect(Math.max(...amdPages)).toBeLessThan(armLastPoll)
    expect(fake.calls.filter((c) => c.digest === ARM)).toEqual([
      { digest: ARM, maxResults: 1000 },
      { digest: ARM, maxResults: 1 },
      { digest: ARM, maxResults: 1 },
      { digest: ARM, maxResults: 1000 }
    ])
    expect(verdict.findings.map((f) => f.id)).toEqual([...ids(3), 'CVE-2024-0900'])
    expect(verdict.scans.map((s) => [s.platform, s.status, s.done])).toEqual([
      ['linux/amd64', 'ACTIVE', true],
      ['linux/arm64/v8', 'ACTIVE', true]
    ])
    // The read's lines are held back and printed after every wait's lines (in the findings' group).
    const messages = log.lines.map((l) => l.message)
    const readLine = messages.findIndex((m) => /^Read 3 finding\(s\) for .+ in 3 page\(s\)$/.test(m))
    expect(readLine).toBeGreaterThan(messages.findLastIndex((m) => m.startsWith('Scan of ')))
    expect(readLine).toBeGreaterThan(messages.findIndex((m) => /^linux\/arm64\/v8 \(.+\): ACTIVE$/.test(m)))
  })

  it('a page that fails in that read fails that platform closed with the AWS reason; the other platform is still judged', async () => {
    const denied = awsError('AccessDeniedException', 'User is not authorized to perform ecr:DescribeImageScanFindings', 400)
    const fake = multiEcr({ amdFindings: ids(3), armPending: 1, failAmdPage: { token: 'p2', error: denied } })
    const verdict = await gateImage(REF, plan(), ports(fake.ecr).ports)
    expect(verdict.decision).toBe('fail')
    expect(verdict.findings.map((f) => f.id)).toEqual(['CVE-2024-0900'])
    expect(verdict.reasons.join('\n')).toMatch(/linux\/amd64.*(not authorized|AccessDenied)/s)
    expect(fake.calls.filter((c) => c.digest === AMD && c.nextToken === 'p2')).toHaveLength(1)
  })
})
