/**
 * The emulator's lifecycle and managed-signing surface through the real @aws-sdk/client-ecr:
 * DescribeImages with `filter.imageStatus` (ACTIVE by default) and pages, `lastRecordedPullTime` and
 * the archive fields as epoch timestamps, GetSigningConfiguration (own registry only) and
 * DescribeImageSigningStatus.
 */
import { DescribeImageSigningStatusCommand, DescribeImagesCommand, GetSigningConfigurationCommand } from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { clientsFor, rejection } from './helpers.js'

const PROFILE = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/managed'
const BASE = Date.parse('2026-05-01T00:00:00Z')
const scenario = {
  baseTime: BASE,
  repositories: [{ name: 'app' }, { name: 'other' }],
  signingRules: [{ signingProfileArn: PROFILE, repositoryFilters: ['app*'] }],
  images: [
    { name: 'live', repository: 'app', tags: ['v2'], lastPulledAt: BASE + 3_600_000, signingStatus: 'COMPLETE' },
    {
      name: 'cold',
      repository: 'app',
      tags: ['v1'],
      imageStatus: 'ARCHIVED',
      lastArchivedAt: BASE + 7_200_000,
      signingStatus: 'FAILED'
    },
    { name: 'loose', repository: 'app', tags: [] },
    { name: 'elsewhere', repository: 'other', tags: ['v1'], signingStatus: 'COMPLETE' }
  ]
}

let emu: Emulator
let foreign: Emulator
beforeAll(async () => {
  ;[emu, foreign] = await Promise.all([
    startEmulator({ scenario, port: 0 }),
    startEmulator({ scenario: { ...scenario, callerAccountId: '210987654321' }, port: 0 })
  ])
})
afterAll(async () => {
  await Promise.all([emu?.stop(), foreign?.stop()])
})

describe('emulated image lifecycle state', () => {
  it('lists only ACTIVE images by default, every image with imageStatus ANY, in pages', async () => {
    const { ecr } = clientsFor(emu)
    const active = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app' }))
    expect(active.imageDetails?.map((d) => d.imageStatus)).toEqual(['ACTIVE', 'ACTIVE'])
    const first = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', filter: { imageStatus: 'ANY' }, maxResults: 2 }))
    expect(first.imageDetails).toHaveLength(2)
    expect(first.nextToken).toBeDefined()
    const rest = await ecr.send(
      new DescribeImagesCommand({ repositoryName: 'app', filter: { imageStatus: 'ANY' }, maxResults: 2, nextToken: first.nextToken })
    )
    expect(rest.nextToken).toBeUndefined()
    const all = [...(first.imageDetails ?? []), ...(rest.imageDetails ?? [])]
    const live = all.find((d) => d.imageTags?.includes('v2'))
    const cold = all.find((d) => d.imageTags?.includes('v1'))
    expect(live?.lastRecordedPullTime).toEqual(new Date(BASE + 3_600_000))
    expect(cold).toMatchObject({ imageStatus: 'ARCHIVED', lastArchivedAt: new Date(BASE + 7_200_000) })
    const archived = await ecr.send(new DescribeImagesCommand({ repositoryName: 'app', filter: { imageStatus: 'ARCHIVED' } }))
    expect(archived.imageDetails?.map((d) => d.imageDigest)).toEqual([emu.images['cold']?.digest])
  })
})

describe('emulated managed signing', () => {
  it('answers the signing configuration of the own registry, and the status per image', async () => {
    const { ecr } = clientsFor(emu)
    const config = await ecr.send(new GetSigningConfigurationCommand({}))
    expect(config).toMatchObject({
      registryId: '123456789012',
      signingConfiguration: {
        rules: [{ signingProfileArn: PROFILE, repositoryFilters: [{ filterType: 'WILDCARD_MATCH', filter: 'app*' }] }]
      }
    })
    const live = await ecr.send(
      new DescribeImageSigningStatusCommand({ repositoryName: 'app', imageId: { imageDigest: emu.images['live']?.digest } })
    )
    expect(live.signingStatuses).toEqual([{ signingProfileArn: PROFILE, status: 'COMPLETE' }])
    const cold = await ecr.send(new DescribeImageSigningStatusCommand({ repositoryName: 'app', imageId: { imageTag: 'v1' } }))
    expect(cold.signingStatuses?.[0]).toMatchObject({ status: 'FAILED', failureCode: 'SIGNING_FAILED' })
    const other = await ecr.send(new DescribeImageSigningStatusCommand({ repositoryName: 'other', imageId: { imageTag: 'v1' } }))
    expect(other.signingStatuses).toEqual([])
  })

  it('another account has no signing configuration here: the real not-found error', async () => {
    const { ecr } = clientsFor(foreign)
    const e = await rejection(ecr.send(new GetSigningConfigurationCommand({})))
    expect(e.name).toBe('SigningConfigurationNotFoundException')
    expect(e.$metadata?.httpStatusCode).toBe(400)
  })
})
