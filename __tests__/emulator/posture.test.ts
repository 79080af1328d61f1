/**
 * The emulator's repository configuration calls through the real @aws-sdk/client-ecr: repository
 * settings with exclusion filters and KMS, lifecycle and repository policies, their not-found
 * errors, epoch timestamps, and access denied per operation.
 */
import {
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  LifecyclePolicyNotFoundException,
  RepositoryNotFoundException,
  RepositoryPolicyNotFoundException
} from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { clientsFor, rejection } from './helpers.js'

const lifecycle = {
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
      action: { type: 'expire' }
    }
  ]
}
const scenario = {
  repositories: [
    {
      name: 'good',
      imageTagMutability: 'IMMUTABLE',
      encryption: { encryptionType: 'KMS' },
      lifecyclePolicy: lifecycle,
      repositoryPolicy: { Version: '2012-10-17', Statement: [] }
    },
    { name: 'loose', imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION', imageTagMutabilityExclusionFilters: ['latest', 'dev-*'] }
  ],
  pullThroughCacheRules: [{ ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' }],
  faults: [{ service: 'ecr', operation: 'GetRepositoryPolicy', kind: 'accessDenied', fromMs: 0, count: 1 }]
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ scenario, port: 0 })
})
afterAll(async () => {
  await emu?.stop()
})

describe('emulated repository configuration', () => {
  it('describes mutability with exclusion filters and the encryption', async () => {
    const { ecr } = clientsFor(emu)
    const out = await ecr.send(new DescribeRepositoriesCommand({ repositoryNames: ['good', 'loose'] }))
    const [good, loose] = out.repositories ?? []
    expect(good).toMatchObject({
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//) }
    })
    expect(good?.imageTagMutabilityExclusionFilters).toBeUndefined()
    expect(loose).toMatchObject({
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilters: [
        { filterType: 'WILDCARD', filter: 'latest' },
        { filterType: 'WILDCARD', filter: 'dev-*' }
      ],
      encryptionConfiguration: { encryptionType: 'AES256' }
    })
  })

  it('returns a lifecycle policy with an epoch lastEvaluatedAt, and the real not-found error', async () => {
    const { ecr } = clientsFor(emu)
    const out = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'good' }))
    expect(JSON.parse(out.lifecyclePolicyText ?? '')).toEqual(lifecycle)
    expect(out.lastEvaluatedAt).toBeInstanceOf(Date)
    const e = await rejection(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'loose' })))
    expect(e).toBeInstanceOf(LifecyclePolicyNotFoundException)
    expect(e.$metadata?.httpStatusCode).toBe(400)
    expect(e.message).toBe("Lifecycle policy does not exist for the repository with name 'loose' in the registry with id '123456789012'")
    expect(await rejection(ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'ghost' })))).toBeInstanceOf(
      RepositoryNotFoundException
    )
  })

  it('denies GetRepositoryPolicy once (the fault), then answers, and says when there is no policy', async () => {
    const { ecr } = clientsFor(emu, 1)
    const denied = await rejection(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'good' })))
    expect(denied.name).toBe('AccessDeniedException')
    expect(denied.message).toMatch(/is not authorized to perform: ecr:GetRepositoryPolicy/)
    const out = await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'good' }))
    expect(JSON.parse(out.policyText ?? '')).toEqual({ Version: '2012-10-17', Statement: [] })
    expect(await rejection(ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'loose' })))).toBeInstanceOf(
      RepositoryPolicyNotFoundException
    )
  })

  it('lists pull-through cache rules with epoch timestamps; another registry has none', async () => {
    const { ecr } = clientsFor(emu)
    const out = await ecr.send(new DescribePullThroughCacheRulesCommand({}))
    expect(out.pullThroughCacheRules).toMatchObject([
      { ecrRepositoryPrefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', registryId: '123456789012' }
    ])
    expect(out.pullThroughCacheRules?.[0]?.createdAt).toBeInstanceOf(Date)
    expect((await ecr.send(new DescribePullThroughCacheRulesCommand({ registryId: '999999999999' }))).pullThroughCacheRules).toEqual([])
    const e = await rejection(ecr.send(new DescribePullThroughCacheRulesCommand({ ecrRepositoryPrefixes: ['ghost'] })))
    expect(e.name).toBe('PullThroughCacheRuleNotFoundException')
  })

  it('refuses exclusion filters without an exclusion mode', async () => {
    await expect(
      startEmulator({
        scenario: { repositories: [{ name: 'x1', imageTagMutability: 'IMMUTABLE', imageTagMutabilityExclusionFilters: ['a'] }] },
        port: 0
      })
    ).rejects.toThrow(/imageTagMutabilityExclusionFilters/)
  })
})
