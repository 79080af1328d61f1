/**
 * The posture reader's new reads over a fake ECR port: DescribeImages paginated (archived images
 * included) with a bound, once per repository; the managed signing reads; and the rules that use them.
 */
import { describe, expect, it } from 'vitest'
import type { EcrPort } from '../../../src/aws/ecr.js'
import { MAX_IMAGE_PAGES, evaluateRule, postureReader } from '../../../src/checks/posture/index.js'
import { AwsCallError } from '../../../src/core/errors.js'
import type { ImageTarget } from '../../../src/core/types.js'

const OWN = '123456789012'
const NOW = Date.parse('2026-06-01T12:00:00Z')
const DIGEST = `sha256:${'a'.repeat(64)}`
const image: ImageTarget = {
  registryId: OWN,
  region: 'us-east-1',
  repository: 'app',
  digest: DIGEST,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 100,
  uri: `${OWN}.dkr.ecr.us-east-1.amazonaws.com/app@${DIGEST}`,
  platforms: []
}
const UNTAGGED_14 = JSON.stringify({
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' }
    }
  ]
})

function pagedEcr(pages: number, signing?: { rules?: object[]; status?: string; denied?: boolean }) {
  const inputs: Record<string, unknown>[] = []
  const calls: string[] = []
  const port = {
    getLifecyclePolicy: async () => ({ lifecyclePolicyText: UNTAGGED_14 }),
    describeImages: async (input: Record<string, unknown>) => {
      calls.push('DescribeImages')
      inputs.push(input)
      const page = input.nextToken === undefined ? 0 : Number(input.nextToken)
      const last = page === pages - 1
      return {
        imageDetails: [
          {
            imageDigest: last ? DIGEST : `sha256:${String(page).padStart(64, '0')}`,
            imagePushedAt: new Date(NOW - 11 * 86_400_000),
            imageStatus: 'ACTIVE'
          }
        ],
        ...(last ? {} : { nextToken: String(page + 1) })
      }
    },
    getSigningConfiguration: async () => {
      calls.push('GetSigningConfiguration')
      if (signing?.rules === undefined) throw new AwsCallError('none', 'SigningConfigurationNotFoundException', 'GetSigningConfiguration')
      return { registryId: OWN, signingConfiguration: { rules: signing.rules } }
    },
    getRegistryScanningConfiguration: async () => {
      calls.push('GetRegistryScanningConfiguration')
      return { registryId: OWN, scanningConfiguration: { scanType: 'ENHANCED', rules: [] } }
    },
    describeImageSigningStatus: async () => {
      calls.push('DescribeImageSigningStatus')
      if (signing?.denied === true)
        throw new AwsCallError(
          `User: arn:aws:sts::${OWN}:assumed-role/gate is not authorized to perform: ecr:DescribeImageSigningStatus on resource`,
          'AccessDeniedException',
          'DescribeImageSigningStatus'
        )
      return {
        signingStatuses: [{ signingProfileArn: 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/p', status: signing?.status }]
      }
    }
  }
  return { port: port as unknown as EcrPort, inputs, calls }
}

describe('lifecycle-expiry through the reader', () => {
  it('reads every page of DescribeImages with imageStatus ANY, once per repository', async () => {
    const { port, inputs } = pagedEcr(3)
    const reader = postureReader(port)
    const f = await evaluateRule('lifecycle-expiry', image, reader, { allowedAccounts: [] }, NOW)
    await evaluateRule('lifecycle-expiry', image, reader, { allowedAccounts: [] }, NOW)
    expect(inputs).toHaveLength(3)
    expect(inputs[0]).toMatchObject({ registryId: OWN, repositoryName: 'app', filter: { imageStatus: 'ANY' }, maxResults: 1000 })
    expect(inputs[2]).toMatchObject({ nextToken: '2' })
    expect(f.outcome).toBe('fail')
    expect(f.reason).toContain('in 3 day(s)')
  })

  it('stops at the page bound with an error, never a pass', async () => {
    const { port, inputs } = pagedEcr(MAX_IMAGE_PAGES + 5)
    const f = await evaluateRule('lifecycle-expiry', image, postureReader(port), { allowedAccounts: [] }, NOW)
    expect(inputs).toHaveLength(MAX_IMAGE_PAGES)
    expect(f).toMatchObject({ outcome: 'error', reason: expect.stringContaining('more than 20000 images') })
  })

  it('reads the tag mutability from the shared repository settings for a deploy by tag', async () => {
    const { port } = pagedEcr(1)
    const calls: string[] = []
    const withRepo = Object.assign(port, {
      describeRepositories: async () => {
        calls.push('DescribeRepositories')
        return { repositories: [{ repositoryName: 'app', registryId: OWN, imageTagMutability: 'MUTABLE' }] }
      },
      describeImages: async () => ({
        imageDetails: [{ imageDigest: DIGEST, imageTags: ['latest'], imagePushedAt: new Date(NOW - 20 * 86_400_000) }]
      })
    }) as EcrPort
    const reader = postureReader(withRepo)
    const f = await evaluateRule('lifecycle-expiry', { ...image, tag: 'latest' }, reader, { allowedAccounts: [] }, NOW)
    await evaluateRule('tag-immutability', { ...image, tag: 'latest' }, reader)
    expect(f).toMatchObject({ outcome: 'warn', reason: expect.stringContaining("tag 'latest' is mutable") })
    expect(calls).toEqual(['DescribeRepositories'])
  })

  it('honours the horizon setting', async () => {
    const { port } = pagedEcr(1)
    const f = await evaluateRule('lifecycle-expiry', image, postureReader(port), { allowedAccounts: [], horizonDays: 2 }, NOW)
    expect(f.outcome).toBe('pass')
  })
})

describe('managed-signing through the reader', () => {
  const rules = [{ signingProfileArn: 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/p' }]
  it('passes when signing is complete', async () => {
    const { port, calls } = pagedEcr(1, { rules, status: 'COMPLETE' })
    expect((await evaluateRule('managed-signing', image, postureReader(port))).outcome).toBe('pass')
    expect(calls).toEqual(['GetSigningConfiguration', 'DescribeImageSigningStatus'])
  })
  it('no configuration fails, and asks the scanning configuration whose registry it is; no status read', async () => {
    const { port, calls } = pagedEcr(1)
    const f = await evaluateRule('managed-signing', image, postureReader(port))
    expect(f.outcome).toBe('fail')
    expect(calls).toEqual(['GetSigningConfiguration', 'GetRegistryScanningConfiguration'])
  })
  it('access denied on the status is an error naming the action', async () => {
    const { port } = pagedEcr(1, { rules, denied: true })
    const f = await evaluateRule('managed-signing', image, postureReader(port))
    expect(f).toMatchObject({ outcome: 'error', reason: expect.stringContaining('grant ecr:DescribeImageSigningStatus') })
  })
})
