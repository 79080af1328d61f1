/**
 * End to end: the repository posture rules through the bundled dist/index.js against the emulator:
 * a well-configured repository passes `posture: recommended`; a lax one fails with the rule ids and
 * fixes in the summary; a deployed tag that matches an exclusion filter; access denied on one
 * posture call; and one read per repository for a batch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, HOST, REGION } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const lifecycle = {
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' }
    }
  ]
}
const clean = (name: string, repository: string, tags: string[]) => ({
  name,
  repository,
  tags,
  platforms: [{ os: 'linux', architecture: 'amd64' }],
  scan: { timeline: [{ status: 'COMPLETE' }], findings: [] }
})
const repositories = [
  { name: 'secure', imageTagMutability: 'IMMUTABLE', encryption: { encryptionType: 'KMS' }, lifecyclePolicy: lifecycle },
  { name: 'lax' },
  {
    name: 'loose',
    imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
    imageTagMutabilityExclusionFilters: ['latest'],
    encryption: { encryptionType: 'KMS' },
    lifecyclePolicy: lifecycle
  },
  {
    name: 'shared',
    imageTagMutability: 'IMMUTABLE',
    encryption: { encryptionType: 'KMS' },
    lifecyclePolicy: lifecycle,
    repositoryPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'OrgPull',
          Effect: 'Allow',
          Principal: '*',
          Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
          Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } }
        },
        {
          Sid: 'PartnerPush',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::222233334444:root' },
          Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']
        }
      ]
    }
  }
]
const cached = { name: 'ecr-public/nginx/nginx', imageTagMutability: 'IMMUTABLE' }
const images = [
  clean('secure', 'secure', ['v1']),
  clean('secure2', 'secure', ['v2']),
  clean('lax', 'lax', ['v1']),
  clean('loose', 'loose', ['v1', 'latest']),
  clean('shared', 'shared', ['v1']),
  clean('cached', 'ecr-public/nginx/nginx', ['v1'])
]
const base = {
  accountId: ACCOUNT,
  region: REGION,
  scanType: 'ENHANCED',
  repositories: [...repositories, cached],
  images,
  pullThroughCacheRules: [{ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' }]
}

let emu: Emulator
let denied: Emulator
beforeAll(async () => {
  ;[emu, denied] = await Promise.all([
    startEmulator({ scenario: base, port: 0 }),
    startEmulator({ scenario: { ...base, faults: [{ service: 'ecr', operation: 'GetLifecyclePolicy', kind: 'accessDenied' }] }, port: 0 })
  ])
})
afterAll(async () => {
  await Promise.all([emu?.stop(), denied?.stop()])
})

function postureSection(summary: string): string {
  return summary.split('### Repository posture')[1]?.split('\n### ')[0] ?? ''
}

describe.concurrent('repository posture through dist/index.js', () => {
  it('passes posture: recommended on a well-configured repository', async () => {
    const r = await runAction({ inputs: { repository: 'secure', tag: 'v1', posture: 'recommended' }, env: { ...emu.env } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'passed' })
    const section = postureSection(r.summary)
    for (const rule of [
      'tag-immutability',
      'scan-configured',
      'lifecycle-policy',
      'kms-encryption',
      'repository-policy',
      'lifecycle-expiry'
    ])
      expect(section).toContain(`| \`${rule}\` | ✅ passed`)
    const report = r.report as { posture?: { status: string; rules: { rule: string; status: string }[] } }
    expect(report.posture?.status).toBe('passed')
    expect(report.posture?.rules).toHaveLength(6)
  })

  it('fails a lax repository, naming each failing rule and its fix; a warn rule only warns', async () => {
    const r = await runAction({
      inputs: { repository: 'lax', tag: 'v1', posture: 'tag-immutability=fail,lifecycle-policy=fail,kms-encryption=warn' },
      env: { ...emu.env }
    })
    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({ decision: 'fail', 'posture-status': 'failed' })
    expect(r.stdout).toMatch(/::error::Deploy blocked: .*Repository posture 'tag-immutability': tags are mutable \(MUTABLE\)/)
    const section = postureSection(r.summary)
    expect(section).toContain('| `tag-immutability` | ❌ failed (fail)')
    expect(section).toContain(
      '`aws ecr put-image-tag-mutability --repository-name lax --registry-id 123456789012 --image-tag-mutability IMMUTABLE`'
    )
    expect(section).toContain('| `lifecycle-policy` | ❌ failed (fail): the repository has no lifecycle policy')
    expect(section).toContain('`aws ecr put-lifecycle-policy --repository-name lax')
    expect(section).toContain('| `kms-encryption` | ⚠️ warning (warn)')
    expect(r.summary).toContain('Security Hub ECR.2')
  })

  it('a deployed tag that matches an exclusion filter is mutable; another tag only warns', async () => {
    const latest = await runAction({ inputs: { repository: 'loose', tag: 'latest', posture: 'recommended' }, env: { ...emu.env } })
    expect(latest.code).toBe(1)
    expect(latest.stdout).toMatch(/tag 'latest' matches the exclusion filter 'latest', so it is mutable/)
    const v1 = await runAction({ inputs: { repository: 'loose', tag: 'v1', posture: 'recommended' }, env: { ...emu.env } })
    expect(v1.code).toBe(0)
    expect(v1.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'warning' })
  })

  it('repository-policy fails a push grant to an account not allowed, statement by statement, and passes once it is allowed', async () => {
    const r = await runAction({ inputs: { repository: 'shared', tag: 'v1', posture: 'recommended' }, env: { ...emu.env } })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /Repository posture 'repository-policy': statement 2 \(PartnerPush\) allows push-type actions \(ecr:PutImage, .*\) to 222233334444, outside the allowed accounts/
    )
    expect(r.summary).toContain('repository\\-policy: statement 1 \\(OrgPull\\): ok')
    expect(r.summary).toContain('repository\\-policy: statement 2 \\(PartnerPush\\): cross\\-account push')
    const ok = await runAction({
      inputs: { repository: 'shared', tag: 'v1', posture: 'recommended', 'posture-allowed-accounts': '222233334444' },
      env: { ...emu.env }
    })
    expect(ok.code, ok.stdout).toBe(0)
    expect(ok.outputs['posture-status']).toBe('passed')
  })

  it('pull-through-cache names the upstream and fails when it is not allowed', async () => {
    const r = await runAction({
      inputs: { repository: 'ecr-public/nginx/nginx', tag: 'v1', posture: 'pull-through-cache=fail' },
      env: { ...emu.env }
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /Repository posture 'pull-through-cache': cached by the rule for prefix 'ecr-public' from public\.ecr\.aws, which is not in posture-allowed-upstreams/
    )
    const ok = await runAction({
      inputs: {
        repository: 'ecr-public/nginx/nginx',
        tag: 'v1',
        posture: 'pull-through-cache=fail',
        'posture-allowed-upstreams': 'ecr-public'
      },
      env: { ...emu.env }
    })
    expect(ok.code, ok.stdout).toBe(0)
    expect(ok.outputs['posture-status']).toBe('passed')
  })

  it('access denied on GetLifecyclePolicy is an error naming the IAM action, never a pass', async () => {
    const r = await runAction({
      inputs: { repository: 'secure', tag: 'v1', posture: 'recommended,lifecycle-policy=fail' },
      env: { ...denied.env }
    })
    expect(r.code).toBe(1)
    expect(r.outputs['posture-status']).toBe('failed')
    expect(r.stdout).toMatch(
      /Repository posture 'lifecycle-policy': could not read the lifecycle policy: access denied; grant ecr:GetLifecyclePolicy/
    )
    expect(postureSection(r.summary)).toContain('| `lifecycle-policy` | ❌ error (fail)')
  })
})

// Not concurrent with the tests above: it counts the emulator's calls.
describe('repository posture reads', () => {
  it('reads each repository once for a batch, and changes nothing when posture is off', async () => {
    const before = emu.countCalls({ service: 'ecr', operation: 'DescribeRepositories' })
    const r = await runAction({ inputs: { images: `${HOST}/secure:v1\n${HOST}/secure:v2`, posture: 'recommended' }, env: { ...emu.env } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.outputs['posture-status']).toBe('passed')
    expect(emu.countCalls({ service: 'ecr', operation: 'DescribeRepositories' }) - before).toBe(1)
    const off = await runAction({ inputs: { repository: 'lax', tag: 'v1' }, env: { ...emu.env } })
    expect(off.outputs).toMatchObject({ decision: 'pass', 'posture-status': 'off' })
    expect(off.summary).not.toContain('Repository posture')
  })
})
