/**
 * End to end: the bundled dist/index.js, run as the Actions runner runs it, against the local
 * emulator through the real AWS SDK clients. Asserts on exit code, outputs, job summary and report.
 */
import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, cleanImage, critical, enhancedScenario, HOST } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const TERMINAL = [
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED'
] as const

const enhanced = enhancedScenario([
  cleanImage,
  {
    name: 'critical',
    repository: 'app',
    tags: ['critical'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: {
      timeline: [{ status: 'COMPLETE' }],
      findings: [
        critical('CVE-2024-0001'),
        { id: 'CVE-2024-0002', severity: 'MEDIUM', package: 'zlib', version: '1', fixAvailable: 'NO', title: 'medium one' }
      ]
    }
  },
  {
    name: 'unfixed',
    repository: 'app',
    tags: ['unfixed'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: {
      timeline: [{ status: 'COMPLETE' }],
      findings: [{ ...critical('CVE-2024-0003'), fixAvailable: 'NO', fixedInVersion: undefined }]
    }
  },
  {
    name: 'allowlist',
    repository: 'app',
    tags: ['allowlist'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-1000'), critical('CVE-2024-2000', 'curl')] }
  },
  ...TERMINAL.map((status) => ({
    name: `status-${status}`,
    repository: 'app',
    tags: [`status-${status.toLowerCase().replace(/_/g, '-')}`],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status }] }
  })),
  {
    name: 'late-start',
    repository: 'app',
    tags: ['late-start'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: {
      timeline: [{ status: 'SCAN_NOT_FOUND', untilMs: 1200 }, { status: 'IN_PROGRESS', untilMs: 2000 }, { status: 'COMPLETE' }],
      findings: []
    }
  },
  {
    name: 'stuck',
    repository: 'app',
    tags: ['stuck'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'PENDING' }] }
  },
  {
    name: 'never-scanned',
    repository: 'app',
    tags: ['never-scanned'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'SCAN_NOT_FOUND' }] }
  },
  {
    name: 'active',
    repository: 'app',
    tags: ['active'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: {
      timeline: [{ status: 'ACTIVE' }],
      findings: [
        {
          id: 'CVE-2023-1111',
          severity: 'HIGH',
          package: 'glibc',
          version: '2.36',
          fixedInVersion: '2.37',
          fixAvailable: 'YES',
          title: 'high'
        }
      ]
    }
  },
  {
    name: 'late-findings',
    repository: 'app',
    tags: ['late-findings'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'COMPLETE' }], findings: [], lateFindings: { afterMs: 600, findings: [critical('CVE-2024-9999')] } }
  },
  {
    name: 'multi',
    repository: 'team/web',
    tags: ['multi'],
    attestation: true,
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    scanByPlatform: {
      'linux/amd64': { timeline: [{ status: 'COMPLETE' }], findings: [] },
      'linux/arm64/v8': { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-3333', 'expat')] }
    }
  },
  {
    name: 'multi-clean',
    repository: 'team/web',
    tags: ['multi-clean'],
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    scan: { timeline: [{ status: 'ACTIVE' }], findings: [] }
  },
  {
    name: 'many',
    repository: 'app',
    tags: ['many'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'COMPLETE' }], generateFindings: { count: 3500, seed: 7, severities: { MEDIUM: 1, LOW: 6 } } }
  },
  {
    name: 'epss',
    repository: 'app',
    tags: ['epss'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: {
      timeline: [{ status: 'COMPLETE' }],
      findings: [
        { ...critical('CVE-2024-4001'), epss: 0.01, exploitAvailable: 'NO' },
        { ...critical('CVE-2024-4002', 'curl'), epss: 0.9, exploitAvailable: 'YES' }
      ]
    }
  }
])

let emu: Emulator
const env = (): Record<string, string> => ({ ...emu.env })
const gate = (inputs: Record<string, string>) => runAction({ inputs, env: env() })
function image(name: string) {
  const img = emu.images[name]
  if (!img) throw new Error(`scenario has no image ${name}`)
  return img
}

beforeAll(async () => {
  emu = await startEmulator({ scenario: enhanced, port: 0 })
})
afterAll(async () => {
  await emu?.stop()
})

describe.concurrent('dist/index.js against the emulator (enhanced scanning)', () => {
  it('passes a clean image and pins its digest', async () => {
    const r = await runAction({
      inputs: { repository: 'app', tag: 'clean' },
      env: {
        ...env(),
        GITHUB_REPOSITORY: 'acme/payments',
        GITHUB_RUN_ID: '77',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_SHA: 'f'.repeat(40)
      }
    })
    const img = image('clean')
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({
      decision: 'pass',
      digest: img.digest,
      'image-uri': `${HOST}/app@${img.digest}`,
      'critical-count': '0',
      'high-count': '0',
      violations: '0',
      'signature-status': 'skipped'
    })
    expect(r.summary.split('\n')[0]).toMatch(/^## .*Deploy allowed/)
    expect(r.summary).toContain(`${HOST}/app@${img.digest}`)
    expect(r.report?.decision).toBe('pass')
    expect(r.report?.run).toMatchObject({
      repository: 'acme/payments',
      runUrl: 'https://github.com/acme/payments/actions/runs/77',
      sha: 'f'.repeat(40)
    })
  })

  it('blocks a fixable CRITICAL finding, names it, and exits 1', async () => {
    const r = await gate({ repository: 'app', tag: 'critical' })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'critical-count': '1', violations: '1' })
    expect(r.stdout).toMatch(/::error::Deploy blocked: 1 CRITICAL finding counted, 'max-critical' allows 0: CVE-2024-0001/)
    expect(r.summary.split('\n')[0]).toMatch(/Deploy blocked/)
    expect(r.summary).toContain('CVE-2024-0001')
    expect(r.summary).toContain('https://nvd.nist.gov/vuln/detail/CVE-2024-0001')
  })

  it('gives a blocked image no deployable URI in enforce mode, but names its digest', async () => {
    const r = await gate({ repository: 'app', tag: 'critical' })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', digest: image('critical').digest, 'image-uri': '' })
    const results = JSON.parse(r.outputs.results ?? '') as Record<string, unknown>[]
    expect(results[0]).toMatchObject({ decision: 'fail', digest: image('critical').digest })
    expect(results[0]).not.toHaveProperty('imageUri')
  })

  it('audit mode reports the same verdict and exits 0, keeping the full image URI', async () => {
    const r = await gate({ repository: 'app', tag: 'critical', mode: 'audit' })
    expect(r.code).toBe(0)
    expect(r.outputs.decision).toBe('fail')
    expect(r.outputs['image-uri']).toBe(`${HOST}/app@${image('critical').digest}`)
    expect((JSON.parse(r.outputs.results ?? '') as Record<string, unknown>[])[0]).toMatchObject({
      imageUri: `${HOST}/app@${image('critical').digest}`
    })
    expect(r.stdout).toMatch(/::warning::Audit mode/)
    expect(r.summary).toMatch(/audit/i)
  })

  it('max-critical and severity-threshold change what breaks the policy', async () => {
    const allowed = await gate({ repository: 'app', tag: 'critical', 'max-critical': '1' })
    expect(allowed.outputs.decision).toBe('pass')
    const medium = await gate({ repository: 'app', tag: 'critical', 'max-critical': '1', 'severity-threshold': 'MEDIUM' })
    expect(medium.outputs).toMatchObject({ decision: 'fail', 'medium-count': '1' })
  })

  it('ignore-unfixed drops a CRITICAL with no fix', async () => {
    expect((await gate({ repository: 'app', tag: 'unfixed' })).outputs.decision).toBe('fail')
    expect((await gate({ repository: 'app', tag: 'unfixed', 'ignore-unfixed': 'true' })).outputs).toMatchObject({
      decision: 'pass',
      'critical-count': '0'
    })
  })

  it('applies live allowlist entries, not expired ones, and reports stale ones', async () => {
    const file = path.join(emu.dir, `allow-${Date.now()}.yml`)
    await writeFile(
      file,
      [
        'vulnerabilities:',
        '  - id: CVE-2024-1000',
        '    reason: not reachable, SEC-1',
        '    expires: 2099-01-01',
        '  - id: CVE-2024-2000',
        '    reason: was accepted until last year',
        '    expires: 2020-01-01',
        '  - id: CVE-2019-7777',
        '    reason: matches nothing any more',
        '    expires: 2099-01-01',
        ''
      ].join('\n')
    )
    const r = await gate({ repository: 'app', tag: 'allowlist', allowlist: file })
    expect(r.outputs).toMatchObject({ decision: 'fail', 'critical-count': '1' })
    expect(r.stdout).toContain('CVE-2024-2000')
    expect(r.stdout).not.toMatch(/::error::.*CVE-2024-1000/)
    expect(r.summary).toContain('CVE-2019-7777')
    expect(r.summary).toMatch(/expired/i)
    expect(r.summary).toMatch(/stale/i)
  })

  it.each(TERMINAL)('fails closed on terminal scan status %s', async (status) => {
    const r = await gate({ repository: 'app', tag: `status-${status.toLowerCase().replace(/_/g, '-')}` })
    expect(r.code).toBe(1)
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toContain(status)
    expect(r.summary.replace(/\\/g, '')).toContain(status)
  })

  it('waits out ScanNotFound and IN_PROGRESS, then passes', async () => {
    const r = await gate({ repository: 'app', tag: 'late-start' })
    expect(r.outputs.decision).toBe('pass')
    const digest = image('late-start').digest
    const polls = emu.calls.filter(
      (c: { operation: string; digest?: string }) => c.operation === 'DescribeImageScanFindings' && c.digest === digest
    )
    expect(polls.length).toBeGreaterThanOrEqual(3)
    expect(polls.length).toBeLessThan(15)
  })

  it('times out a scan that never finishes, within scan-timeout plus a margin', async () => {
    const started = Date.now()
    const r = await gate({ repository: 'app', tag: 'stuck', 'scan-timeout': '3' })
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/scan did not finish before scan-timeout/)
    expect(r.summary).toMatch(/PENDING|TIMEOUT/)
    expect(Date.now() - started).toBeLessThan(3000 + 15_000)
  })

  it('fails an image that is never scanned, naming the likely causes', async () => {
    const r = await gate({ repository: 'app', tag: 'never-scanned', 'scan-timeout': '2' })
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/no scan was found/)
  })

  it('treats continuous-scanning ACTIVE as done, its first poll also being the findings page', async () => {
    const from = emu.calls.length
    const r = await gate({ repository: 'app', tag: 'active', 'max-high': '1' })
    expect(r.outputs).toMatchObject({ decision: 'pass', 'high-count': '1' })
    const digest = image('active').digest
    const scanCalls = emu.calls
      .slice(from)
      .filter((c: { operation: string; digest?: string }) => c.operation === 'DescribeImageScanFindings' && c.digest === digest)
    // One request: the first poll asks for a page (maxResults 1000), and ACTIVE ends the wait on it.
    expect(scanCalls).toEqual([expect.objectContaining({ page: true, status: 200 })])
  })

  it('re-polls after COMPLETE and catches enhanced findings that arrive late', async () => {
    const r = await gate({ repository: 'app', tag: 'late-findings' })
    expect(r.outputs).toMatchObject({ decision: 'fail', 'critical-count': '1' })
  })

  it('judges every platform of a multi-arch index, ignores the attestation, and pins the index digest', async () => {
    const r = await gate({ repository: 'team/web', tag: 'multi' })
    const img = image('multi')
    expect(r.outputs).toMatchObject({ decision: 'fail', digest: img.digest, 'image-uri': '', 'critical-count': '1' })
    expect(r.stdout).toContain('linux/arm64/v8')
    const scanned = new Set(
      emu.calls
        .filter((c: { operation: string; digest?: string }) => c.operation === 'DescribeImageScanFindings')
        .map((c: { digest?: string }) => c.digest)
    )
    for (const p of img.platforms) expect(scanned.has(p.digest)).toBe(true)
    expect(scanned.has(img.digest)).toBe(false)
    const clean = await gate({ repository: 'team/web', tag: 'multi-clean' })
    expect(clean.outputs.decision).toBe('pass')
  })

  it('reads every page of thousands of findings', async () => {
    const r = await gate({ repository: 'app', tag: 'many', 'severity-threshold': 'LOW', 'max-medium': '100000', 'max-low': '100000' })
    expect(r.outputs.decision).toBe('pass')
    const total = Number(r.outputs['medium-count']) + Number(r.outputs['low-count'])
    expect(total).toBe(3500)
    const digest = image('many').digest
    const calls = emu.calls.filter(
      (c: { operation: string; digest?: string }) => c.operation === 'DescribeImageScanFindings' && c.digest === digest
    )
    // COMPLETE on the first poll, which is also page 1 of ceil(3500 / 1000) = 4; the three others are
    // read while the confirming poll (maxResults 1, the one call that is not a page) is pending.
    expect(calls.length).toBe(5)
    expect(calls.filter((c: { page?: boolean }) => c.page !== true)).toHaveLength(1)
  })

  it('min-epss and exploitable-only use Inspector data', async () => {
    expect((await gate({ repository: 'app', tag: 'epss' })).outputs['critical-count']).toBe('2')
    expect((await gate({ repository: 'app', tag: 'epss', 'min-epss': '0.5' })).outputs['critical-count']).toBe('1')
    expect((await gate({ repository: 'app', tag: 'epss', 'exploitable-only': 'true' })).outputs['critical-count']).toBe('1')
  })

  it('accepts the image input and a digest, and refuses a tag/digest mismatch', async () => {
    const img = image('clean')
    const byImage = await gate({ image: `${HOST}/app@${img.digest}` })
    expect(byImage.outputs).toMatchObject({ decision: 'pass', digest: img.digest })
    const mismatch = await gate({ repository: 'app', tag: 'clean', digest: image('critical').digest })
    expect(mismatch.code).toBe(1)
    expect(mismatch.outputs.decision).toBe('fail')
    expect(mismatch.stdout).toMatch(/::error::.*digest/)
  })

  it('honours registry-id and region inputs', async () => {
    const own = await gate({ repository: 'app', tag: 'clean', 'registry-id': ACCOUNT, region: 'us-east-1' })
    expect(own.outputs).toMatchObject({ decision: 'pass', 'image-uri': `${HOST}/app@${image('clean').digest}` })
    const other = await gate({ repository: 'app', tag: 'clean', 'registry-id': '210987654321' })
    expect(other.code).toBe(1)
    expect(other.outputs.decision).toBe('fail')
    expect(other.stdout).toMatch(/::error::.*210987654321/)
  })

  it('names a missing repository and a missing tag', async () => {
    const repo = await gate({ repository: 'nope', tag: 'v1' })
    expect(repo.code).toBe(1)
    expect(repo.stdout).toMatch(/::error::.*'nope'/)
    expect(repo.summary).toMatch(/Deploy blocked/)
    const tag = await gate({ repository: 'app', tag: 'v404' })
    expect(tag.stdout).toMatch(/::error::.*'v404'/)
  })

  it('writes the JSON report and SARIF files where asked, and no summary when summary is false', async () => {
    const dir = (await import('node:os')).tmpdir()
    const sarif = path.join(dir, `gate-${Date.now()}.sarif`)
    const report = path.join(dir, `gate-${Date.now()}.json`)
    const r = await gate({ repository: 'app', tag: 'critical', 'sarif-file': sarif, 'report-file': report, summary: 'false' })
    expect(r.outputs['report-file']).toBe(report)
    const json = JSON.parse(await readFile(report, 'utf8')) as { decision: string }
    expect(json.decision).toBe('fail')
    const s = JSON.parse(await readFile(sarif, 'utf8')) as { version: string; runs: { results: unknown[] }[] }
    expect(s.version).toBe('2.1.0')
    expect(s.runs[0]?.results.length ?? 0).toBeGreaterThan(0)
    expect(r.summary).toBe('')
  })
})

describe('AWS errors a person must act on', () => {
  let denied: Emulator
  beforeAll(async () => {
    denied = await startEmulator({
      port: 0,
      scenario: {
        ...enhanced,
        images: enhanced.images.filter((i) => i.name === 'clean' || i.name === 'epss'),
        faults: [
          // count 1: only the first test's first poll is denied (the tests in this block run in order)
          { service: 'ecr', operation: 'DescribeImageScanFindings', kind: 'accessDenied', count: 1 },
          { service: 'inspector2', operation: 'ListFindings', kind: 'accessDenied' }
        ]
      }
    })
  })
  afterAll(async () => {
    await denied?.stop()
  })

  it('names the IAM action to grant when the scan status cannot be read, and calls it only once', async () => {
    const r = await runAction({ inputs: { repository: 'app', tag: 'clean' }, env: denied.env })
    expect(r.code).toBe(1)
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/::error::.*ecr:DescribeImageScanFindings/)
    const digest = denied.images.clean?.digest
    expect(
      denied.calls.filter((c: { operation: string; digest?: string }) => c.operation === 'DescribeImageScanFindings' && c.digest === digest)
    ).toHaveLength(1)
  })

  it('names inspector2:ListFindings when EPSS data is denied, and fails closed', async () => {
    const r = await runAction({ inputs: { repository: 'app', tag: 'epss', 'min-epss': '0.5' }, env: denied.env })
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/::error::.*inspector2:ListFindings/)
  })
})

describe('basic scanning', () => {
  let basic: Emulator
  beforeAll(async () => {
    basic = await startEmulator({
      port: 0,
      scenario: {
        accountId: ACCOUNT,
        region: 'us-east-1',
        scanType: 'BASIC',
        repositories: [
          { name: 'legacy', scanOnPush: false },
          { name: 'onpush', scanOnPush: true }
        ],
        images: [
          {
            name: 'manual',
            repository: 'legacy',
            tags: ['v1'],
            format: 'docker',
            platforms: [{ os: 'linux', architecture: 'amd64' }],
            scan: {
              timeline: [{ status: 'IN_PROGRESS', untilPolls: 2 }, { status: 'COMPLETE' }],
              findings: [{ id: 'CVE-2023-4863', severity: 'HIGH', package: 'libwebp', version: '1.2.4' }]
            }
          },
          {
            name: 'manual-clean',
            repository: 'legacy',
            tags: ['v2'],
            platforms: [{ os: 'linux', architecture: 'amd64' }],
            scan: {
              timeline: [{ status: 'COMPLETE' }],
              findings: [{ id: 'CVE-2023-0001', severity: 'LOW', package: 'tzdata', version: '2023c' }]
            }
          },
          {
            name: 'onpush',
            repository: 'onpush',
            tags: ['v1'],
            platforms: [{ os: 'linux', architecture: 'amd64' }],
            scan: {
              timeline: [{ status: 'COMPLETE' }],
              findings: [{ id: 'CVE-2023-4863', severity: 'HIGH', package: 'libwebp', version: '1.2.4' }]
            }
          }
        ]
      }
    })
  })
  afterAll(async () => {
    await basic?.stop()
  })

  it('starts a scan once for an unscanned image, waits for it, and judges basic findings', async () => {
    const r = await runAction({ inputs: { repository: 'legacy', tag: 'v1' }, env: basic.env })
    expect(r.outputs).toMatchObject({ decision: 'fail', 'high-count': '1' })
    expect(r.stdout).toContain('CVE-2023-4863')
    expect(basic.calls.filter((c: { operation: string }) => c.operation === 'StartImageScan')).toHaveLength(1)
    // ignore-unfixed does not drop basic findings: basic scanning does not say whether a fix exists
    const unfixed = await runAction({ inputs: { repository: 'legacy', tag: 'v1', 'ignore-unfixed': 'true' }, env: basic.env })
    expect(unfixed.outputs['high-count']).toBe('1')
  })

  it('with start-scan false, never starts a scan and fails closed when none appears', async () => {
    const before = basic.calls.filter((c: { operation: string }) => c.operation === 'StartImageScan').length
    const r = await runAction({ inputs: { repository: 'legacy', tag: 'v2', 'start-scan': 'false', 'scan-timeout': '2' }, env: basic.env })
    expect(r.outputs.decision).toBe('fail')
    expect(r.stdout).toMatch(/no scan was found/)
    expect(basic.calls.filter((c: { operation: string }) => c.operation === 'StartImageScan').length).toBe(before)
  })

  it('reads scan-on-push results without starting a scan, and scan-type forces the basic shape', async () => {
    const r = await runAction({ inputs: { repository: 'onpush', tag: 'v1', 'scan-type': 'basic', 'max-high': '1' }, env: basic.env })
    expect(r.outputs).toMatchObject({ decision: 'pass', 'high-count': '1' })
    const digest = basic.images.onpush?.digest
    expect(
      basic.calls.filter((c: { operation: string; digest?: string }) => c.operation === 'StartImageScan' && c.digest === digest)
    ).toHaveLength(0)
  })
})
