/**
 * Cross-check against moto (`moto_server`, an independent AWS fake): the same repositories set up
 * in moto through the real SDK and in the project's emulator as a scenario, read by the posture
 * check's reader through the real ECR port, must give the same findings, so the posture calls and
 * their not-found errors (`LifecyclePolicyNotFoundException`, `RepositoryPolicyNotFoundException`)
 * are read the same way from both. moto does not implement DescribePullThroughCacheRules or the
 * managed signing calls, and rejects transition lifecycle rules, so those rules are not compared.
 *
 * Run with `npm run test:moto`; it needs `moto_server` on the PATH (moto 5.2.1: `pip install
 * "moto[server]==5.2.1"`), and fails when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import {
  CreateRepositoryCommand,
  ECRClient,
  PutImageCommand,
  PutLifecyclePolicyCommand,
  SetRepositoryPolicyCommand
} from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { ecrPort } from '../../src/aws/ecr.js'
import { evaluateRule, postureReader, type PostureRuleId, type RuleFinding } from '../../src/checks/posture/index.js'
import type { ImageTarget } from '../../src/core/types.js'

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

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
      description: 'Keep one release',
      selection: { tagStatus: 'tagged', tagPrefixList: ['v'], countType: 'imageCountMoreThan', countNumber: 1 },
      action: { type: 'expire' }
    }
  ]
}
const publicPolicy = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] }]
}
const partnerPush = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PartnerPush',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222233334444:root' },
      Action: ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']
    }
  ]
}
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

/** The repositories both fakes hold. */
const REPOS = [
  {
    name: 'secure',
    imageTagMutability: 'IMMUTABLE',
    encryption: { encryptionType: 'KMS', kmsKey: KEY },
    lifecyclePolicy: lifecycle
  },
  { name: 'lax' },
  {
    name: 'loose',
    imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
    imageTagMutabilityExclusionFilters: ['latest'],
    repositoryPolicy: publicPolicy
  },
  { name: 'shared', imageTagMutability: 'IMMUTABLE', repositoryPolicy: partnerPush, lifecyclePolicy: lifecycle }
] as const

const RULES: PostureRuleId[] = ['tag-immutability', 'kms-encryption', 'lifecycle-policy', 'repository-policy', 'lifecycle-expiry']

/** Two images a repository: an old release and the deployed one, pushed now. */
const manifest = (n: number) =>
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${String(n).padStart(64, '0')}`, size: 2 },
    // moto derives the digest from the layers, so each manifest has a layer of its own.
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${String(n).padStart(64, 'f')}`, size: 10 }]
  })

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      srv.close(() => resolve(typeof addr === 'object' && addr !== null ? addr.port : 0))
    })
  })
}

async function waitUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`)
    try {
      await fetch(`${url}/moto-api/`)
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error('moto_server did not start')
}

let moto: ChildProcess
let motoUrl = ''
let emu: Emulator
const digests: Record<string, { moto: string; emulator: string }> = {}

beforeAll(async () => {
  const port = await freePort()
  motoUrl = `http://127.0.0.1:${port}`
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
  moto.once('error', () => {})
  await waitUp(motoUrl, moto)
  const ecr = new ECRClient({ region: REGION, endpoint: motoUrl, credentials })
  for (const r of REPOS) {
    await ecr.send(
      new CreateRepositoryCommand({
        repositoryName: r.name,
        ...('imageTagMutability' in r ? { imageTagMutability: r.imageTagMutability } : {}),
        ...('imageTagMutabilityExclusionFilters' in r
          ? {
              imageTagMutabilityExclusionFilters: r.imageTagMutabilityExclusionFilters.map((filter) => ({ filter, filterType: 'WILDCARD' }))
            }
          : {}),
        ...('encryption' in r ? { encryptionConfiguration: r.encryption } : {})
      })
    )
    if ('lifecyclePolicy' in r)
      await ecr.send(new PutLifecyclePolicyCommand({ repositoryName: r.name, lifecyclePolicyText: JSON.stringify(r.lifecyclePolicy) }))
    if ('repositoryPolicy' in r)
      await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: r.name, policyText: JSON.stringify(r.repositoryPolicy) }))
    await ecr.send(new PutImageCommand({ repositoryName: r.name, imageManifest: manifest(1), imageTag: 'v1' }))
    // moto records push times to the second: keep the two pushes apart, as real pushes are.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const pushed = await ecr.send(new PutImageCommand({ repositoryName: r.name, imageManifest: manifest(2), imageTag: 'v2' }))
    digests[r.name] = { moto: pushed.image?.imageId?.imageDigest ?? '', emulator: '' }
  }
  const now = Date.now()
  emu = await startEmulator({
    port: 0,
    scenario: {
      accountId: ACCOUNT,
      region: REGION,
      repositories: REPOS.map((r) => ({ ...r })),
      images: REPOS.flatMap((r) => [
        { name: `${r.name}-1`, repository: r.name, tags: ['v1'], pushedAt: now - 60_000 },
        { name: `${r.name}-2`, repository: r.name, tags: ['v2'], pushedAt: now }
      ])
    }
  })
  for (const r of REPOS) (digests[r.name] as { emulator: string }).emulator = emu.images[`${r.name}-2`]?.digest ?? ''
}, 60_000)

afterAll(async () => {
  moto?.kill()
  await emu?.stop()
})

function target(repository: string, digest: string): ImageTarget {
  return {
    registryId: ACCOUNT,
    region: REGION,
    repository,
    tag: 'v2',
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 0,
    uri: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${repository}@${digest}`,
    platforms: []
  }
}

async function findings(endpoint: string, side: 'moto' | 'emulator'): Promise<Record<string, RuleFinding>> {
  const reader = postureReader(ecrPort(new ECRClient({ region: REGION, endpoint, credentials, maxAttempts: 1 })))
  const out: Record<string, RuleFinding> = {}
  for (const r of REPOS)
    for (const rule of RULES)
      out[`${r.name} ${rule}`] = await evaluateRule(rule, target(r.name, digests[r.name]?.[side] ?? ''), reader, { allowedAccounts: [] })
  return out
}

describe('posture reads: moto and the emulator agree', () => {
  it('gives the same finding for every rule and repository', async () => {
    const [fromMoto, fromEmulator] = await Promise.all([findings(motoUrl, 'moto'), findings(emu.url, 'emulator')])
    // The outcomes the scenarios were built for, so that agreement is not agreement on errors.
    expect(fromMoto['secure kms-encryption']?.outcome).toBe('pass')
    expect(fromMoto['lax lifecycle-policy']).toMatchObject({ outcome: 'fail', reason: 'the repository has no lifecycle policy' })
    expect(fromMoto['lax repository-policy']?.outcome).toBe('pass')
    expect(fromMoto['loose tag-immutability']?.outcome).toBe('warn')
    expect(fromMoto['loose repository-policy']?.outcome).toBe('fail')
    expect(fromMoto['shared repository-policy']?.reason).toMatch(/allows push-type actions .* to 222233334444/)
    // Keep one release, and two were pushed just now: the next push expires v2 (the push-rate estimate).
    expect(fromMoto['secure lifecycle-expiry']).toMatchObject({
      outcome: 'fail',
      reason: expect.stringContaining('at the recent push rate (1 more push(es) of images tagged with the prefix v expire it')
    })
    expect(fromMoto['lax lifecycle-expiry']?.outcome).toBe('pass')
    for (const [key, finding] of Object.entries(fromMoto)) expect(fromEmulator[key], key).toEqual(finding)
  })

  it('the lifecycle listing sees the same images: an older release beyond "keep one" would be expired now', async () => {
    const older = async (endpoint: string, side: 'moto' | 'emulator') => {
      const ecr = ecrPort(new ECRClient({ region: REGION, endpoint, credentials, maxAttempts: 1 }))
      const reader = postureReader(ecr)
      const listed = await reader.images(target('secure', digests['secure']?.[side] ?? ''))
      if (!listed.ok) throw new Error(listed.message)
      const v1 = listed.value.find((i) => i.tags.includes('v1'))
      return evaluateRule('lifecycle-expiry', target('secure', v1?.digest ?? ''), reader, { allowedAccounts: [] })
    }
    const [m, e] = await Promise.all([older(motoUrl, 'moto'), older(emu.url, 'emulator')])
    expect(m.outcome).toBe('fail')
    expect(m.reason).toContain('rule 2 ("Keep one release")')
    expect(e).toEqual(m)
  })
})
