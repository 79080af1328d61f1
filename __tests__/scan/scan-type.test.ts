import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import { ECRClient, GetRegistryScanningConfigurationCommand } from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { resolveScanType } from '../../src/scan/scan-type.js'
import { silentLogger } from '../../src/core/ports.js'
import { AwsCallError } from '../../src/core/errors.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))
const REGISTRY = '123456789012'

beforeEach(() => {
  ecrMock.reset()
})

describe('resolveScanType', () => {
  it.each([
    ['enhanced', 'ENHANCED'],
    ['basic', 'BASIC']
  ] as const)('%s is taken as given without calling ECR', async (requested, expected) => {
    await expect(resolveScanType(ecr, requested, REGISTRY, silentLogger)).resolves.toEqual({ type: expected, source: 'configured' })
    expect(ecrMock.calls()).toHaveLength(0)
  })

  it.each(['ENHANCED', 'BASIC'] as const)('auto reads the registry configuration: %s', async (scanType) => {
    ecrMock.on(GetRegistryScanningConfigurationCommand).resolves({ registryId: REGISTRY, scanningConfiguration: { scanType, rules: [] } })
    await expect(resolveScanType(ecr, 'auto', REGISTRY, silentLogger)).resolves.toEqual({ type: scanType, source: 'registry' })
    const calls = ecrMock.commandCalls(GetRegistryScanningConfigurationCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]?.args[0].input).toEqual({})
  })

  it('auto with AccessDenied names the action and suggests setting scan-type', async () => {
    ecrMock
      .on(GetRegistryScanningConfigurationCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }))
    const error = await resolveScanType(ecr, 'auto', REGISTRY, silentLogger).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as AwsCallError).message).toContain('grant ecr:GetRegistryScanningConfiguration')
    expect((error as AwsCallError).message).toContain("set 'scan-type' to enhanced or basic")
    expect(ecrMock.commandCalls(GetRegistryScanningConfigurationCommand)).toHaveLength(1)
  })

  it("auto for an image in another account leaves the type to be inferred from the image's scan (the caller's configuration says nothing about it)", async () => {
    ecrMock
      .on(GetRegistryScanningConfigurationCommand)
      .resolves({ registryId: '999999999999', scanningConfiguration: { scanType: 'BASIC' } })
    await expect(resolveScanType(ecr, 'auto', REGISTRY, silentLogger)).resolves.toEqual({ source: 'inferred' })
  })

  it.each([
    ['999999999999', 'Registry 999999999999 uses ENHANCED scanning'],
    [undefined, 'Registry (the default registry of the credentials) uses ENHANCED scanning']
  ])(
    "auto without a registry id (the caller's own registry) takes the configuration whichever account answers (%s)",
    async (answeredFor, line) => {
      ecrMock
        .on(GetRegistryScanningConfigurationCommand)
        .resolves({ ...(answeredFor !== undefined ? { registryId: answeredFor } : {}), scanningConfiguration: { scanType: 'ENHANCED' } })
      const lines: string[] = []
      const log = { ...silentLogger, info: (message: string) => void lines.push(message) }
      await expect(resolveScanType(ecr, 'auto', undefined, log)).resolves.toEqual({ type: 'ENHANCED', source: 'registry' })
      expect(lines).toEqual([line])
    }
  )

  it('auto with a missing or unknown scan type fails closed', async () => {
    ecrMock.on(GetRegistryScanningConfigurationCommand).resolves({ registryId: REGISTRY, scanningConfiguration: {} })
    await expect(resolveScanType(ecr, 'auto', REGISTRY, silentLogger)).rejects.toThrow(/unexpected scan type/)
  })
})
