import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { Readable } from 'node:stream'
import { DescribeImagesCommand, ECRClient, StartImageScanCommand } from '@aws-sdk/client-ecr'
import { ListFindingsCommand } from '@aws-sdk/client-inspector2'
import { GetRevocationStatusCommand } from '@aws-sdk/client-signer'
import { configuredEndpoint, createClients, partitionOf, singleAttempt } from '../../src/aws/clients.js'
import { UserAgent } from '../../src/core/constants.js'

/** Thrown by the capture middleware to stop a request before it leaves the process. */
class Captured extends Error {
  constructor(readonly url: string) {
    super('captured')
  }
}

interface Stack {
  middlewareStack: { add(mw: unknown, options: { step: string; name: string }): void }
}

/** Sends `command` through `client` and returns the URL the SDK would have called (host prefix included). */
async function urlOf(client: unknown, command: unknown): Promise<string> {
  ;(client as Stack).middlewareStack.add(
    () => async (args: { request: { protocol: string; hostname: string; port?: number; path: string } }) => {
      const r = args.request
      throw new Captured(`${r.protocol}//${r.hostname}${r.port !== undefined ? `:${r.port}` : ''}${r.path}`)
    },
    { step: 'build', name: 'captureForTest' }
  )
  const send = (client as { send(c: unknown): Promise<unknown> }).send.bind(client)
  const error = await send(command).catch((e: unknown) => e)
  if (!(error instanceof Captured)) throw error
  return error.url
}

const revocation = new GetRevocationStatusCommand({
  signatureTimestamp: new Date(0),
  platformId: 'Notation-OCI-SHA384-ECDSA',
  profileVersionArn: 'arn:aws:signer:us-east-1:1:/signing-profiles/p/v',
  jobArn: 'arn:aws:signer:us-east-1:1:/signing-jobs/j',
  certificateHashes: ['00']
})

const saved: Record<string, string | undefined> = {}
beforeAll(() => {
  // Static fake credentials, so that no test ever reaches for a real credential source.
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL']) saved[name] = process.env[name]
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE'
  process.env['AWS_SECRET_ACCESS_KEY'] = 'secret'
})
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe('createClients: endpoints', () => {
  it('AWS_ENDPOINT_URL_ECR applies to ECR only', async () => {
    const clients = createClients({ region: 'us-east-1', env: { AWS_ENDPOINT_URL_ECR: 'http://localhost:4566' } })
    const endpoint = await clients.ecr.config.endpoint?.()
    expect(endpoint).toMatchObject({ protocol: 'http:', hostname: 'localhost', port: 4566 })
    expect(clients.ecr.config.isCustomEndpoint).toBe(true)
    expect(clients.inspector.config.endpoint).toBeUndefined()
    expect(clients.signer.config.endpoint).toBeUndefined()
    expect(await urlOf(clients.ecr, new DescribeImagesCommand({ repositoryName: 'r' }))).toBe('http://localhost:4566/')
    expect(await urlOf(clients.inspector, new ListFindingsCommand({}))).toBe('https://inspector2.us-east-1.amazonaws.com/findings/list')
  })

  it('AWS_ENDPOINT_URL_INSPECTOR2 and AWS_ENDPOINT_URL_SIGNER apply to their services', async () => {
    const clients = createClients({
      region: 'eu-west-1',
      env: { AWS_ENDPOINT_URL_INSPECTOR2: 'http://127.0.0.1:7001', AWS_ENDPOINT_URL_SIGNER: 'http://127.0.0.1:7002' }
    })
    expect(await clients.inspector.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 7001 })
    expect(await clients.signer.config.endpoint?.()).toMatchObject({ hostname: '127.0.0.1', port: 7002 })
    expect(clients.ecr.config.endpoint).toBeUndefined()
  })

  it('AWS_ENDPOINT_URL applies to every service; a service-specific variable wins', async () => {
    const clients = createClients({
      region: 'us-east-1',
      env: { AWS_ENDPOINT_URL: 'http://emulator:9000', AWS_ENDPOINT_URL_ECR: 'http://ecr-only:9001' }
    })
    expect(await clients.ecr.config.endpoint?.()).toMatchObject({ hostname: 'ecr-only', port: 9001 })
    expect(await clients.inspector.config.endpoint?.()).toMatchObject({ hostname: 'emulator', port: 9000 })
    expect(await clients.signer.config.endpoint?.()).toMatchObject({ hostname: 'emulator', port: 9000 })
  })

  it('a custom Signer endpoint disables the data- host prefix of GetRevocationStatus', async () => {
    const clients = createClients({ region: 'us-east-1', env: { AWS_ENDPOINT_URL_SIGNER: 'http://localhost:4566' } })
    expect(clients.signer.config.disableHostPrefix).toBe(true)
    const url = await urlOf(clients.signer, revocation)
    expect(url.startsWith('http://localhost:4566/revocations')).toBe(true)
  })

  it('without a custom endpoint the SDK keeps its data- prefix against AWS', async () => {
    const clients = createClients({ region: 'us-east-1', env: {} })
    expect(clients.signer.config.disableHostPrefix).toBe(false)
    const url = await urlOf(clients.signer, revocation)
    expect(url.startsWith('https://data-signer.us-east-1.amazonaws.com/revocations')).toBe(true)
  })

  it('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores the variables', async () => {
    const clients = createClients({
      region: 'us-east-1',
      env: { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://localhost:1' }
    })
    expect(clients.ecr.config.endpoint).toBeUndefined()
    expect(await urlOf(clients.ecr, new DescribeImagesCommand({ repositoryName: 'r' }))).toBe('https://api.ecr.us-east-1.amazonaws.com/')
  })

  it('an injected env is authoritative: process.env endpoints are not used', async () => {
    process.env['AWS_ENDPOINT_URL'] = 'http://from-process-env:1'
    try {
      const clients = createClients({ region: 'us-east-1', env: {} })
      expect(await urlOf(clients.ecr, new DescribeImagesCommand({ repositoryName: 'r' }))).toBe('https://api.ecr.us-east-1.amazonaws.com/')
    } finally {
      delete process.env['AWS_ENDPOINT_URL']
    }
  })

  it('an invalid endpoint URL is rejected, naming the variable', () => {
    expect(() => createClients({ region: 'us-east-1', env: { AWS_ENDPOINT_URL_ECR: 'not a url' } })).toThrow(/AWS_ENDPOINT_URL_ECR/)
    expect(() => configuredEndpoint('signer', { AWS_ENDPOINT_URL: 'ftp://x' })).toThrow(/AWS_ENDPOINT_URL.*ftp:/)
  })
})

describe('createClients: retries, user agent, region', () => {
  it('uses standard retry mode, 3 attempts by default, and the gate user agent', async () => {
    const clients = createClients({ region: 'us-west-2', env: {} })
    for (const client of [clients.ecr, clients.inspector, clients.signer]) {
      expect(await client.config.region()).toBe('us-west-2')
      expect(await client.config.maxAttempts()).toBe(3)
      expect((await client.config.retryStrategy()) as { mode?: string }).toMatchObject({ mode: 'standard' })
      expect(client.config.customUserAgent).toEqual([[UserAgent]])
    }
  })

  it('maxAttempts is configurable and validated', async () => {
    const clients = createClients({ region: 'us-west-2', maxAttempts: 5, env: {} })
    expect(await clients.ecr.config.maxAttempts()).toBe(5)
    expect(() => createClients({ region: 'us-west-2', maxAttempts: 0, env: {} })).toThrow(/maxAttempts/)
    expect(() => createClients({ region: 'us-west-2', maxAttempts: 1.5, env: {} })).toThrow(/maxAttempts/)
  })

  it('rejects a region that is not a host label', () => {
    expect(() => createClients({ region: 'evil.com/x', env: {} })).toThrow(/Invalid AWS region/)
    expect(() => createClients({ region: '', env: {} })).toThrow(/Invalid AWS region/)
  })
})

describe('partitionOf', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov']
  ])('%s → %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition)
  })
})

describe('singleAttempt', () => {
  /** An ECR client whose HTTP layer always answers LimitExceededException, counting requests. */
  function limitedClient(maxAttempts: number): { client: ECRClient; requests: () => number } {
    let requests = 0
    const requestHandler = {
      handle: async () => {
        requests += 1
        return {
          response: {
            statusCode: 400,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify({ __type: 'LimitExceededException', message: 'once per 24 h' }))])
          }
        }
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({})
    }
    const client = new ECRClient({
      region: 'us-east-1',
      maxAttempts,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      requestHandler
    })
    return { client, requests: () => requests }
  }

  const command = (): StartImageScanCommand =>
    new StartImageScanCommand({ repositoryName: 'r', imageId: { imageDigest: `sha256:${'d'.repeat(64)}` } })

  it('the SDK alone retries LimitExceededException (why singleAttempt exists)', async () => {
    const { client, requests } = limitedClient(2)
    await expect(client.send(command())).rejects.toMatchObject({ name: 'LimitExceededException' })
    expect(requests()).toBe(2)
  })

  it('with singleAttempt the command is sent once', async () => {
    const { client, requests } = limitedClient(3)
    await expect(client.send(singleAttempt(command()))).rejects.toMatchObject({ name: 'LimitExceededException' })
    expect(requests()).toBe(1)
  })
})
