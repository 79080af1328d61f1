import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { getRegistryAuth, RegistryError } from '../../src/registry/index.js'
import { AwsCallError } from '../../src/core/errors.js'
import type { Logger } from '../../src/core/ports.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))
const REGISTRY = '123456789012'
const PASSWORD = 'eyJwYXlsb2FkIjoic2VjcmV0In0='
const TOKEN = Buffer.from(`AWS:${PASSWORD}`).toString('base64')

/** A logger that records every call in order, so tests can check that secrets are masked first. */
function recordingLogger(): { log: Logger; events: string[] } {
  const events: string[] = []
  const log: Logger = {
    debug: (m) => void events.push(`debug:${m}`),
    info: (m) => void events.push(`info:${m}`),
    warning: (m) => void events.push(`warning:${m}`),
    setSecret: (s) => void events.push(`secret:${s}`),
    group: (_name, fn) => fn()
  }
  return { log, events }
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

beforeEach(() => {
  ecrMock.reset()
})

describe('getRegistryAuth', () => {
  it('returns the proxy endpoint without trailing slash and a Basic header, masking token and password first', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        { authorizationToken: TOKEN, proxyEndpoint: `https://${REGISTRY}.dkr.ecr.us-east-1.amazonaws.com/`, expiresAt: new Date(0) }
      ]
    })
    const { log, events } = recordingLogger()
    const auth = await getRegistryAuth(ecr, REGISTRY, log)
    expect(auth).toStrictEqual({ baseUrl: `https://${REGISTRY}.dkr.ecr.us-east-1.amazonaws.com`, authorization: `Basic ${TOKEN}` })
    expect(events.slice(0, 2)).toStrictEqual([`secret:${TOKEN}`, `secret:${PASSWORD}`])
    expect(events.slice(2).some((e) => e.includes(TOKEN) || e.includes(PASSWORD))).toBe(false)
    const calls = ecrMock.commandCalls(GetAuthorizationTokenCommand)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.args[0].input).toStrictEqual({ registryIds: [REGISTRY] })
  })

  it('accepts a plain http endpoint on loopback (the emulator)', async () => {
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: 'http://127.0.0.1:4566' }] })
    const auth = await getRegistryAuth(ecr, REGISTRY, recordingLogger().log)
    expect(auth.baseUrl).toBe('http://127.0.0.1:4566')
  })

  it('refuses a plain http endpoint elsewhere, after masking the token', async () => {
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: 'http://registry.example.com' }] })
    const { log, events } = recordingLogger()
    const error = await caught(getRegistryAuth(ecr, REGISTRY, log))
    expect(error).toBeInstanceOf(RegistryError)
    expect(error.message).toMatch(/only https is allowed/)
    expect(events[0]).toBe(`secret:${TOKEN}`)
  })

  it('names ecr:GetAuthorizationToken when access is denied', async () => {
    ecrMock.on(GetAuthorizationTokenCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }))
    const error = await caught(getRegistryAuth(ecr, REGISTRY, recordingLogger().log))
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as AwsCallError).operation).toBe('GetAuthorizationToken')
    expect(error.message).toContain('grant ecr:GetAuthorizationToken')
  })

  it.each([
    [{ authorizationData: [] }, /no authorization token/],
    [{ authorizationData: [{ proxyEndpoint: 'https://x.example.com' }] }, /no authorization token/],
    [
      { authorizationData: [{ authorizationToken: Buffer.from('nocolon').toString('base64'), proxyEndpoint: 'https://x.example.com' }] },
      /malformed authorization token/
    ],
    [{ authorizationData: [{ authorizationToken: TOKEN }] }, /no proxyEndpoint/]
  ])('refuses an unusable answer %#', async (answer, message) => {
    ecrMock.on(GetAuthorizationTokenCommand).resolves(answer)
    const error = await caught(getRegistryAuth(ecr, REGISTRY, recordingLogger().log))
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain(TOKEN)
  })
})
