/**
 * The posture check over a fake ECR port: reads shared across rules and images, access denied
 * naming the IAM action, not-found meaning "none", levels, and another account's registry.
 */
import { describe, expect, it } from 'vitest'
import type { EcrPort } from '../../../src/aws/ecr.js'
import { runCheck, type CheckContext } from '../../../src/checks/check.js'
import { deniedAction, postureChecks, postureReader, postureResult, type PostureRules } from '../../../src/checks/posture/index.js'
import { AwsCallError } from '../../../src/core/errors.js'
import { decide } from '../../../src/core/decide.js'
import type { CheckResult, ImageTarget } from '../../../src/core/types.js'

const OWN = '123456789012'
const image = (over: Partial<ImageTarget> = {}): ImageTarget => ({
  registryId: OWN,
  region: 'us-east-1',
  repository: 'app',
  tag: 'v1',
  digest: `sha256:${'a'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 100,
  uri: `${OWN}.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'a'.repeat(64)}`,
  platforms: [],
  ...over
})

const deniedErr = (op: string) =>
  new AwsCallError(
    `Could not ${op}: User: arn:aws:sts::${OWN}:assumed-role/deploy/gate is not authorized to perform: ecr:${op} because no identity-based policy allows the ecr:${op} action`,
    'AccessDeniedException',
    op
  )

function fakeEcr(
  config: {
    mutability?: string
    encryption?: string
    lifecycle?: string | Error
    policy?: string | Error
    scanning?: Error
    describe?: Error
    ownRegistry?: string
  } = {}
) {
  const calls: string[] = []
  const port = {
    describeRepositories: async (input: { registryId?: string; repositoryNames?: string[] }) => {
      calls.push('DescribeRepositories')
      if (config.describe) throw config.describe
      const name = input.repositoryNames?.[0] ?? ''
      return {
        repositories: [
          {
            registryId: input.registryId,
            repositoryName: name,
            imageTagMutability: config.mutability ?? 'IMMUTABLE',
            encryptionConfiguration: { encryptionType: config.encryption ?? 'KMS' },
            imageScanningConfiguration: { scanOnPush: false }
          }
        ]
      }
    },
    getLifecyclePolicy: async () => {
      calls.push('GetLifecyclePolicy')
      if (config.lifecycle instanceof Error) throw config.lifecycle
      if (config.lifecycle === undefined)
        throw new AwsCallError('Could not read: none', 'LifecyclePolicyNotFoundException', 'GetLifecyclePolicy')
      return { lifecyclePolicyText: config.lifecycle }
    },
    getRepositoryPolicy: async () => {
      calls.push('GetRepositoryPolicy')
      if (config.policy instanceof Error) throw config.policy
      if (config.policy === undefined)
        throw new AwsCallError('Could not read: none', 'RepositoryPolicyNotFoundException', 'GetRepositoryPolicy')
      return { policyText: config.policy }
    },
    getRegistryScanningConfiguration: async () => {
      calls.push('GetRegistryScanningConfiguration')
      if (config.scanning) throw config.scanning
      return {
        registryId: config.ownRegistry ?? OWN,
        scanningConfiguration: {
          scanType: 'ENHANCED',
          rules: [{ scanFrequency: 'CONTINUOUS_SCAN', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }]
        }
      }
    }
  }
  return { port: port as unknown as EcrPort, calls }
}

const log = {
  debug: () => {},
  info: () => {},
  warning: () => {},
  setSecret: () => {},
  group: <T>(_n: string, fn: () => Promise<T>) => fn()
}
const context = (img: ImageTarget): CheckContext => ({ image: img, now: () => 0, log, artifacts: {} as CheckContext['artifacts'] })
const POLICY =
  '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":100},"action":{"type":"expire"}}]}'
const ALL = { 'tag-immutability': 'fail', 'scan-configured': 'fail', 'lifecycle-policy': 'fail', 'kms-encryption': 'fail' } as const

async function runAll(
  ecr: EcrPort,
  rules: PostureRules,
  images: ImageTarget[] = [image()],
  allowedAccounts: string[] = []
): Promise<CheckResult[]> {
  const checks = postureChecks({ rules, allowedAccounts }, postureReader(ecr))
  const out: CheckResult[] = []
  for (const img of images) for (const check of checks) out.push(await runCheck(check, context(img)))
  return out
}

describe('the posture check', () => {
  it('passes a well-configured repository, reading each configuration once for every rule and image', async () => {
    const { port, calls } = fakeEcr({ lifecycle: POLICY })
    const results = await runAll(port, ALL, [image(), image({ tag: 'v2' })])
    expect(results.map((r) => [r.id, r.status])).toEqual([
      ['posture/tag-immutability', 'passed'],
      ['posture/scan-configured', 'passed'],
      ['posture/lifecycle-policy', 'passed'],
      ['posture/kms-encryption', 'passed'],
      ['posture/tag-immutability', 'passed'],
      ['posture/scan-configured', 'passed'],
      ['posture/lifecycle-policy', 'passed'],
      ['posture/kms-encryption', 'passed']
    ])
    expect(calls.sort()).toEqual(['DescribeRepositories', 'GetLifecyclePolicy', 'GetRegistryScanningConfiguration'])
    expect(
      decide({
        scans: [{ digest: 'd', scanType: 'ENHANCED', status: 'COMPLETE', polls: 1, done: true }],
        findingErrors: [],
        policy: { violations: [] } as never,
        checks: results
      }).decision
    ).toBe('pass')
  })

  it('denies on a fail rule with the rule, the reason and the fix; a warn rule only warns', async () => {
    const { port } = fakeEcr({ mutability: 'MUTABLE', encryption: 'AES256', lifecycle: POLICY })
    const [tag, kms] = await runAll(port, { 'tag-immutability': 'fail', 'kms-encryption': 'warn' })
    expect(tag).toMatchObject({
      status: 'failed',
      enforced: true,
      kind: 'posture',
      evidence: { rule: 'tag-immutability', level: 'fail', outcome: 'fail', control: expect.stringContaining('ECR.2') }
    })
    expect(tag?.reasons[0]).toMatch(
      /^Repository posture 'tag-immutability': tags are mutable \(MUTABLE\).*Fix: aws ecr put-image-tag-mutability --repository-name app/
    )
    expect(kms).toMatchObject({
      status: 'warning',
      enforced: false,
      evidence: { outcome: 'fail', control: expect.stringContaining('ECR.5') }
    })
  })

  it('reads "no lifecycle policy" as none: lifecycle-policy fails', async () => {
    const { port } = fakeEcr()
    const [result] = await runAll(port, { 'lifecycle-policy': 'fail' })
    expect(result).toMatchObject({ status: 'failed', enforced: true, evidence: { reason: 'the repository has no lifecycle policy' } })
  })

  it('turns access denied into an error naming the IAM action, never a pass', async () => {
    const { port } = fakeEcr({ lifecycle: deniedErr('GetLifecyclePolicy') })
    const [fail] = await runAll(port, { 'lifecycle-policy': 'fail' })
    expect(fail).toMatchObject({ status: 'error', enforced: true })
    expect(fail?.reasons[0]).toContain('access denied; grant ecr:GetLifecyclePolicy')
    const [warn] = await runAll(fakeEcr({ lifecycle: deniedErr('GetLifecyclePolicy') }).port, { 'lifecycle-policy': 'warn' })
    expect(warn).toMatchObject({ status: 'error', enforced: false })
  })

  it('a denied DescribeRepositories is an error for every rule that reads it', async () => {
    const { port } = fakeEcr({ describe: deniedErr('DescribeRepositories'), lifecycle: POLICY })
    const results = await runAll(port, ALL)
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'passed', 'error'])
    expect(results[0]?.reasons[0]).toContain('grant ecr:DescribeRepositories')
  })

  it('any other failure is an error with the message', async () => {
    const { port } = fakeEcr({
      scanning: new AwsCallError(
        'Could not read the registry scanning configuration: boom',
        'ServerException',
        'GetRegistryScanningConfiguration'
      )
    })
    const [result] = await runAll(port, { 'scan-configured': 'fail' })
    expect(result).toMatchObject({ status: 'error', enforced: true })
    expect(result?.reasons[0]).toContain('boom')
  })

  it("another account's image: scan-configured is unknown, failing under fail and warning under warn", async () => {
    const other = image({ registryId: '999999999999' })
    const [fail] = await runAll(fakeEcr({ lifecycle: POLICY }).port, { 'scan-configured': 'fail' }, [other])
    expect(fail).toMatchObject({ status: 'failed', enforced: true, evidence: { outcome: 'unknown' } })
    expect(fail?.reasons[0]).toMatch(/unknown: the scanning configuration of registry 999999999999 is not readable from this account/)
    const [warn] = await runAll(fakeEcr({ lifecycle: POLICY }).port, { 'scan-configured': 'warn' }, [other])
    expect(warn).toMatchObject({ status: 'warning', enforced: false })
  })

  it('repository-policy: no policy is private; a cross-account push grant fails unless the account is allowed', async () => {
    const [none] = await runAll(fakeEcr().port, { 'repository-policy': 'fail' })
    expect(none).toMatchObject({ status: 'passed' })
    const push = JSON.stringify({
      Statement: [
        { Sid: 'CI', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: ['ecr:PutImage', 'ecr:BatchGetImage'] }
      ]
    })
    const [fail] = await runAll(fakeEcr({ policy: push }).port, { 'repository-policy': 'fail' })
    expect(fail).toMatchObject({ status: 'failed', enforced: true, evidence: { details: ['statement 1 (CI): cross-account push'] } })
    expect(fail?.reasons[0]).toMatch(/statement 1 \(CI\) allows push-type actions \(ecr:PutImage\) to 999999999999/)
    const [allowed] = await runAll(fakeEcr({ policy: push }).port, { 'repository-policy': 'fail' }, [image()], ['999999999999'])
    expect(allowed).toMatchObject({ status: 'passed' })
    const [denied] = await runAll(fakeEcr({ policy: deniedErr('GetRepositoryPolicy') }).port, { 'repository-policy': 'fail' })
    expect(denied?.reasons[0]).toContain('grant ecr:GetRepositoryPolicy')
  })

  it('IMMUTABLE_WITH_EXCLUSION warns even under fail', () => {
    expect(postureResult('tag-immutability', 'fail', { outcome: 'warn', reason: 'r' })).toMatchObject({
      status: 'warning',
      enforced: false
    })
  })

  it.each([
    ['User: x is not authorized to perform: ecr:GetRepositoryPolicy on resource: arn', 'ecr:GetRepositoryPolicy'],
    ['no action named here', 'ecr:Fallback']
  ])('deniedAction(%j) → %s', (message, action) => {
    expect(deniedAction(new Error(message), 'ecr:Fallback')).toBe(action)
  })
})
