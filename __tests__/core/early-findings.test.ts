/**
 * gateImage under enhanced scanning reads the findings while the confirming poll is pending, and
 * keeps that read only when its counts are the ones two polls agreed on: the late-findings guard is
 * unchanged, the read just leaves the decision's path.
 */
import { describe, expect, it } from 'vitest'
import type { AwsPorts } from '../../src/aws/clients.js'
import type { EcrPort } from '../../src/aws/ecr.js'
import { pageOf, type PageReader } from '../../src/aws/findings-page.js'
import { gateImage, type ImagePlan, type ImagePorts } from '../../src/core/gate-image.js'
import { ACCOUNT, REGION, REPOSITORY, TAG, basePolicy, recordingLogger, singleImage } from '../reliability/helpers.js'

const IMAGE = singleImage('early-findings')
const REF = { reference: `${REPOSITORY}:${TAG}`, region: REGION, repository: REPOSITORY, tag: TAG }

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

/**
 * A fake enhanced ECR: IN_PROGRESS on the first poll, COMPLETE after. `events` records every call in
 * order (`poll` or `page`); `onPage` runs after a page is answered (to add a late finding).
 */
function fakeEcr(o: {
  findings: string[]
  pageCounts?: (page: number) => Record<string, number> | undefined
  onPage?: (page: number) => void
}) {
  const events: string[] = []
  let polls = 0
  let pages = 0
  const counts = () => ({ HIGH: o.findings.length })
  const ecr = {
    describeImages: async () => ({
      imageDetails: [
        { registryId: ACCOUNT, repositoryName: REPOSITORY, imageDigest: IMAGE.digest, imageManifestMediaType: IMAGE.mediaType }
      ]
    }),
    batchGetImage: async () => ({ images: [{ imageManifest: IMAGE.manifest, imageManifestMediaType: IMAGE.mediaType }], failures: [] }),
    describeImageScanFindings: async (input: { maxResults?: number }) => {
      // The wait's first poll is also a findings page (maxResults 1000); it still answers as a poll here.
      if (input.maxResults === 1 || polls + pages === 0) {
        polls++
        events.push('poll')
        const complete = polls > 1
        return {
          imageScanStatus: { status: complete ? 'COMPLETE' : 'IN_PROGRESS' },
          imageScanFindings: complete ? { findingSeverityCounts: counts(), imageScanCompletedAt: new Date(0) } : {}
        }
      }
      pages++
      events.push('page')
      const answer = {
        imageScanStatus: { status: 'COMPLETE' },
        imageScanFindings: { findingSeverityCounts: o.pageCounts?.(pages) ?? counts(), enhancedFindings: o.findings.map(enhanced) }
      }
      o.onPage?.(pages)
      return answer
    },
    getRegistryScanningConfiguration: async () => ({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'ENHANCED' } }),
    // Finding pages through the port's own SDK-shaped fallback, from the answer above.
    describeImageScanFindingsPage: async (
      input: { maxResults?: number },
      reader: PageReader<unknown>,
      options?: { signal?: AbortSignal }
    ) =>
      pageOf(
        await (ecr as unknown as { describeImageScanFindings: (i: unknown, o?: unknown) => Promise<unknown> }).describeImageScanFindings(
          input,
          options
        ),
        reader
      )
  } as unknown as EcrPort
  return { ecr, events }
}

function ports(ecr: EcrPort): ImagePorts {
  let t = 0
  return {
    clients: { ecr } as unknown as AwsPorts,
    now: () => t,
    // The confirming poll's delay lets the early read (queued first) answer before it.
    sleep: async (ms) => {
      t += ms
      await new Promise((resolve) => setTimeout(resolve, 5))
    },
    log: recordingLogger(),
    random: () => 0.5
  }
}

const plan: ImagePlan = {
  policy: basePolicy({ maxCounts: { critical: 0, high: 10, medium: 0, low: 0 } }),
  scan: { type: 'enhanced', timeoutSeconds: 600, start: false },
  mode: 'enforce',
  checks: []
}

describe('gateImage: findings read while the confirming poll is pending', () => {
  it('reads the page between the COMPLETE poll and the confirming poll, and does not read it again', async () => {
    const fake = fakeEcr({ findings: ['CVE-2024-0001', 'CVE-2024-0002'] })
    const verdict = await gateImage(REF, plan, ports(fake.ecr))
    expect(fake.events).toEqual(['poll', 'poll', 'page', 'poll'])
    expect(verdict.scans[0]).toMatchObject({ status: 'COMPLETE', done: true })
    expect(verdict.findings.map((f) => f.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0002'])
    expect(verdict.decision).toBe('pass')
  })

  it('a late finding changes the counts: the wait settles again and the findings judged are the later read', async () => {
    const findings = ['CVE-2024-0001']
    const fake = fakeEcr({ findings, onPage: (page) => page === 1 && findings.push('CVE-2024-0009') })
    const verdict = await gateImage(REF, plan, ports(fake.ecr))
    // COMPLETE (1), early page, confirming poll sees 2 (not equal), second early page, confirming poll (2 = 2).
    expect(fake.events).toEqual(['poll', 'poll', 'page', 'poll', 'page', 'poll'])
    expect(verdict.findings.map((f) => f.id)).toEqual(['CVE-2024-0001', 'CVE-2024-0009'])
  })

  it('an early read whose own counts are not the confirmed ones is dropped and the findings are read again', async () => {
    const fake = fakeEcr({ findings: ['CVE-2024-0001'], pageCounts: (page) => (page === 1 ? { HIGH: 1, LOW: 0 } : undefined) })
    const verdict = await gateImage(REF, plan, ports(fake.ecr))
    expect(fake.events).toEqual(['poll', 'poll', 'page', 'poll', 'page'])
    expect(verdict.findings.map((f) => f.id)).toEqual(['CVE-2024-0001'])
    expect(verdict.decision).toBe('pass')
  })
})
