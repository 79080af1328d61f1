/**
 * End to end through the bundled dist/index.js against the emulator: the lifecycle-expiry
 * predictor (an untagged digest the policy expires in 3 days, an archived image), managed signing,
 * the KMS key allow-list, bad posture inputs refused before any AWS call, an image in another
 * account's registry, and the request budget of the posture check (at most 4 AWS requests per
 * repository, all made while the scan is still pending).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, HOST, REGION } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const DAY = 86_400_000
const NOW = Date.now()
const CALLER = '210987654321'
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/ffffffff-12ab-34cd-56ef-1234567890ab`
const PROFILE = `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-profiles/managed`

const lifecycle = {
  rules: [
    {
      rulePriority: 1,
      description: 'Expire untagged images after 14 days',
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' }
    },
    {
      rulePriority: 2,
      description: 'Keep the last 50 releases',
      selection: { tagStatus: 'tagged', tagPatternList: ['v*'], countType: 'imageCountMoreThan', countNumber: 50 },
      action: { type: 'expire' }
    }
  ]
}
const secure = { imageTagMutability: 'IMMUTABLE', encryption: { encryptionType: 'KMS', kmsKey: KEY }, lifecyclePolicy: lifecycle }
const clean = { platforms: [{ os: 'linux', architecture: 'amd64' }], scan: { timeline: [{ status: 'COMPLETE' }], findings: [] } }
const base = {
  accountId: ACCOUNT,
  region: REGION,
  scanType: 'ENHANCED',
  repositories: [
    { name: 'svc', ...secure },
    { name: 'other-key', ...secure, encryption: { encryptionType: 'KMS', kmsKey: OTHER_KEY } },
    { name: 'moving', ...secure, imageTagMutability: 'MUTABLE' }
  ],
  signingRules: [{ signingProfileArn: PROFILE, repositoryFilters: ['svc'] }],
  images: [
    { name: 'release', repository: 'svc', tags: ['v1'], pushedAt: NOW - 40 * DAY, signingStatus: 'COMPLETE', ...clean },
    { name: 'untagged', repository: 'svc', tags: [], pushedAt: NOW - 11 * DAY, ...clean },
    {
      name: 'cold',
      repository: 'svc',
      tags: ['v0'],
      pushedAt: NOW - 400 * DAY,
      imageStatus: 'ARCHIVED',
      lastArchivedAt: NOW - 100 * DAY,
      ...clean
    },
    { name: 'unsigned', repository: 'svc', tags: ['v2'], pushedAt: NOW - 2 * DAY, ...clean },
    { name: 'keyed', repository: 'other-key', tags: ['v1'], ...clean },
    { name: 'latest', repository: 'moving', tags: ['latest'], pushedAt: NOW - 20 * DAY, ...clean }
  ]
}

let emu: Emulator
let foreign: Emulator
beforeAll(async () => {
  ;[emu, foreign] = await Promise.all([
    startEmulator({ scenario: base, port: 0 }),
    startEmulator({ scenario: { ...base, callerAccountId: CALLER }, port: 0 })
  ])
})
afterAll(async () => {
  await Promise.all([emu?.stop(), foreign?.stop()])
})

function postureSection(summary: string): string {
  return summary.split('### Repository posture')[1]?.split('\n### ')[0] ?? ''
}

describe.concurrent('lifecycle-expiry, managed-signing and KMS keys through dist/index.js', () => {
  it('an untagged digest the lifecycle policy expires in 3 days fails lifecycle-expiry=fail, naming the rule, the date and the fix', async () => {
    const digest = emu.images['untagged']?.digest ?? ''
    const r = await runAction({ inputs: { repository: 'svc', digest, posture: 'lifecycle-expiry=fail' }, env: { ...emu.env } })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'posture-status': 'failed' })
    const date = new Date(NOW + 3 * DAY).toISOString().slice(0, 10)
    expect(r.stdout).toContain(
      `Repository posture 'lifecycle-expiry': rule 1 ("Expire untagged images after 14 days") (untagged images pushed more than 14 days ago) will have the deployed digest expired (deleted) on ${date}, in 3 day(s)`
    )
    const section = postureSection(r.summary)
    expect(section).toContain('| `lifecycle-expiry` | ❌ failed (fail)')
    expect(section).toContain('aws ecr put\\-lifecycle\\-policy \\-\\-repository\\-name svc')
    const report = r.report as { posture?: { rules: { rule: string; status: string; fix?: string }[] } }
    expect(report.posture?.rules).toEqual([
      expect.objectContaining({
        rule: 'lifecycle-expiry',
        status: 'failed',
        fix: expect.stringContaining('aws ecr put-lifecycle-policy --repository-name svc --registry-id 123456789012')
      })
    ])
  })

  it('under recommended the same digest warns without denying; a shorter horizon passes it', async () => {
    const digest = emu.images['untagged']?.digest ?? ''
    const warn = await runAction({ inputs: { repository: 'svc', digest, posture: 'recommended' }, env: { ...emu.env } })
    expect(warn.code, warn.stdout).toBe(0)
    expect(warn.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'warning' })
    expect(postureSection(warn.summary)).toContain('| `lifecycle-expiry` | ⚠️ warning (warn)')
    const short = await runAction({
      inputs: { repository: 'svc', digest, posture: 'lifecycle-expiry=fail', 'lifecycle-horizon-days': '2' },
      env: { ...emu.env }
    })
    expect(short.code, short.stdout).toBe(0)
    expect(short.outputs['posture-status']).toBe('passed')
  })

  it('a kept release passes posture: recommended with the KMS key allowed, and managed signing complete', async () => {
    const r = await runAction({
      inputs: {
        repository: 'svc',
        tag: 'v1',
        posture: 'recommended,managed-signing=fail,kms-encryption=fail',
        'posture-allowed-kms-keys': KEY
      },
      env: { ...emu.env }
    })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'passed' })
    const section = postureSection(r.summary)
    for (const rule of ['lifecycle-expiry', 'managed-signing', 'kms-encryption']) expect(section).toContain(`| \`${rule}\` | ✅ passed`)
  })

  it('a mutable latest tag warns: once it moves, the untagged rule expires the digest', async () => {
    const r = await runAction({ inputs: { repository: 'moving', tag: 'latest', posture: 'lifecycle-expiry=fail' }, env: { ...emu.env } })
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'warning' })
    const report = r.report as { posture?: { rules: { rule: string; status: string; reason: string }[] } }
    expect(report.posture?.rules).toEqual([
      expect.objectContaining({
        rule: 'lifecycle-expiry',
        status: 'warning',
        reason: expect.stringContaining("tag 'latest' is mutable: once it moves to another image, rule 1")
      })
    ])
    expect(postureSection(r.summary)).toContain('| `lifecycle-expiry` | ⚠️ warning (fail)')
  })

  it('an archived image fails lifecycle-expiry with the restore command', async () => {
    const r = await runAction({ inputs: { repository: 'svc', tag: 'v0', posture: 'lifecycle-expiry=fail' }, env: { ...emu.env } })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/Repository posture 'lifecycle-expiry': the image is archived: pulls fail until it is active/)
    expect(r.stdout).toContain(
      'aws ecr update-image-storage-class --repository-name svc --registry-id 123456789012 --image-id imageDigest='
    )
  })

  it('managed-signing fails an image without a signature, and a repository no signing rule covers', async () => {
    const unsigned = await runAction({ inputs: { repository: 'svc', tag: 'v2', posture: 'managed-signing=fail' }, env: { ...emu.env } })
    expect(unsigned.code).toBe(1)
    expect(unsigned.stdout).toMatch(/Repository posture 'managed-signing': no signature with .*signing-profiles\/managed/)
    const uncovered = await runAction({
      inputs: { repository: 'other-key', tag: 'v1', posture: 'managed-signing=fail' },
      env: { ...emu.env }
    })
    expect(uncovered.code).toBe(1)
    expect(uncovered.stdout).toMatch(/no managed signing rule of the registry covers the repository/)
    expect(postureSection(uncovered.summary)).toContain('`aws ecr put-signing-configuration --signing-configuration')
  })

  it('kms-encryption fails a key outside posture-allowed-kms-keys', async () => {
    const r = await runAction({
      inputs: { repository: 'other-key', tag: 'v1', posture: 'kms-encryption=fail', 'posture-allowed-kms-keys': KEY },
      env: { ...emu.env }
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(
      `Repository posture 'kms-encryption': encrypted with KMS under key ${OTHER_KEY}, which is not in posture-allowed-kms-keys`
    )
  })

  it.each([
    ['lifecycle-horizon-days', '0', /Invalid input for 'lifecycle-horizon-days': expected a whole number of days from 1 to 3650, got '0'/],
    ['posture-allowed-kms-keys', 'alias/aws/ecr', /Invalid input for 'posture-allowed-kms-keys': expected KMS key ARNs/],
    ['posture', 'lifecycle-expiry=sometimes', /Invalid input for 'posture': expected a level of off, warn or fail for 'lifecycle-expiry'/]
  ])('refuses %s=%s before any AWS call', async (input, value, message) => {
    const own = await startEmulator({ scenario: base, port: 0 })
    try {
      const r = await runAction({ inputs: { repository: 'svc', tag: 'v1', posture: 'recommended', [input]: value }, env: { ...own.env } })
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(message)
      expect(own.countCalls()).toBe(0)
    } finally {
      await own.stop()
    }
  })

  it("another account's image: per-repository rules read its registry, registry-level rules are unknown and fail closed", async () => {
    const r = await runAction({
      inputs: { image: `${HOST}/svc:v1`, posture: 'recommended,managed-signing=fail', 'posture-allowed-kms-keys': KEY },
      env: { ...foreign.env }
    })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'posture-status': 'failed' })
    const section = postureSection(r.summary)
    for (const rule of ['tag-immutability', 'lifecycle-policy', 'kms-encryption', 'repository-policy', 'lifecycle-expiry'])
      expect(section).toContain(`| \`${rule}\` | ✅ passed`)
    expect(r.stdout).toMatch(
      new RegExp(
        `Repository posture 'scan-configured': unknown: the scanning configuration of registry ${ACCOUNT} is not readable from this account \\(${CALLER}\\)`
      )
    )
    expect(r.stdout).toMatch(
      new RegExp(
        `Repository posture 'managed-signing': unknown: the signing configuration of registry ${ACCOUNT} is not readable from this account \\(${CALLER}\\)`
      )
    )
    expect(foreign.countCalls({ service: 'ecr', operation: 'DescribeImageSigningStatus' })).toBe(0)
  })
})

// Not concurrent: it counts one emulator's calls and orders them against the scan polls.
describe('the request budget of the posture check', () => {
  const POSTURE_OPS = ['DescribeRepositories', 'GetLifecyclePolicy', 'GetRepositoryPolicy', 'DescribePullThroughCacheRules']
  let budget: Emulator
  let baseline: Emulator
  beforeAll(async () => {
    const pending = {
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'IN_PROGRESS', untilPolls: 3 }, { status: 'COMPLETE' }], findings: [] }
    }
    const scenario = {
      ...base,
      repositories: [
        { name: 'svc', ...secure },
        { name: 'api', ...secure }
      ],
      images: [
        { name: 's1', repository: 'svc', tags: ['v1'], ...pending },
        { name: 's2', repository: 'svc', tags: ['v2'], ...pending },
        { name: 'a1', repository: 'api', tags: ['v1'], ...pending },
        { name: 'a2', repository: 'api', tags: ['v2'], ...pending }
      ]
    }
    // Two fresh emulators, so that the scans are pending in both runs.
    ;[budget, baseline] = await Promise.all([startEmulator({ port: 0, scenario }), startEmulator({ port: 0, scenario })])
  })
  afterAll(async () => {
    await Promise.all([budget?.stop(), baseline?.stop()])
  })

  it('posture: recommended adds at most 4 requests per repository, cached across a batch, all made while the scans are pending', async () => {
    const images = ['svc:v1', 'svc:v2', 'api:v1', 'api:v2'].map((i) => `${HOST}/${i}`).join('\n')
    const requests = (emu: Emulator) => emu.calls.filter((c) => c.service !== 'registry').length
    const polls = (emu: Emulator) => emu.countCalls({ service: 'ecr', operation: 'DescribeImageScanFindings' })
    const [off, r] = await Promise.all([
      runAction({ inputs: { images }, env: { ...baseline.env } }),
      runAction({ inputs: { images, posture: 'recommended' }, env: { ...budget.env } })
    ])
    expect(off.code, off.stdout).toBe(0)
    expect(r.code, r.stdout).toBe(0)
    expect(r.outputs['posture-status']).toBe('passed')
    // The scan polls follow the scans' timelines: the posture check adds no poll round.
    expect(polls(budget)).toBe(polls(baseline))
    const added = requests(budget) - requests(baseline)
    // 2 repositories × (DescribeRepositories, GetLifecyclePolicy, GetRepositoryPolicy, DescribeImages) + 1 registry read.
    expect(added).toBe(9)
    expect((added - 1) / 2).toBeLessThanOrEqual(4)
    const calls = budget.calls.filter((c) => c.service === 'ecr')
    // The repository listing of lifecycle-expiry: DescribeImages without one image's digest (the resolver names one).
    const isPosture = (c: (typeof calls)[number]) =>
      POSTURE_OPS.includes(c.operation) || (c.operation === 'DescribeImages' && c.digest === undefined)
    const posture = calls.filter(isPosture)
    for (const op of ['DescribeRepositories', 'GetLifecyclePolicy', 'GetRepositoryPolicy'])
      expect(
        posture.filter((c) => c.operation === op),
        op
      ).toHaveLength(2)
    expect(posture.filter((c) => c.operation === 'DescribeImages')).toHaveLength(2)
    expect(posture.length / 2).toBeLessThanOrEqual(4)
    // No wall time: every posture read was answered before the last scan status poll found a scan complete.
    const lastPoll = Math.max(...calls.filter((c) => c.operation === 'DescribeImageScanFindings').map((c) => c.t))
    expect(Math.max(...posture.map((c) => c.t))).toBeLessThan(lastPoll)
  })
})
