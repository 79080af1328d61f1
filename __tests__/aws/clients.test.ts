import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { Readable } from 'node:stream'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DescribeImagesCommand, ECRClient, StartImageScanCommand } from '@aws-sdk/client-ecr'
import { ListFindingsCommand } from '@aws-sdk/client-inspector2'
import { GetRevocationStatusCommand } from '@aws-sdk/client-signer'
import {
  AwsSession,
  configuredEndpoint,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  partitionOf,
  type AwsService
} from '../../src/aws/clients.js'
import { singleAttempt } from '../../src/aws/call.js'
import { ecrService } from '../../src/aws/ecr.js'
import { inspectorService } from '../../src/aws/inspector.js'
import { signerService } from '../../src/aws/signer.js'
import { UserAgent } from '../../src/core/constants.js'

/** The SDK client of every service of a session for `region` (each created here, on first use). */
function createClients(options: { region: string; maxAttempts?: number; env?: NodeJS.ProcessEnv }) {
  const session = new AwsSession({
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.env !== undefined ? { env: options.env } : {})
  })
  return {
    ecr: session.client(ecrService, options.region),
    inspector: session.client(inspectorService, options.region),
    signer: session.client(signerService, options.region)
  }
}

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

describe('AwsSession clients: endpoints', () => {
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
    expect(() => configuredEndpoint('SIGNER', { AWS_ENDPOINT_URL: 'ftp://x' })).toThrow(/AWS_ENDPOINT_URL.*ftp:/)
  })
})

describe('AwsSession clients: retries, user agent, region', () => {
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

describe('AwsSession: timeouts', () => {
  let server: Server
  let endpoint: string
  beforeAll(async () => {
    // Answers every call at once with an empty JSON object, which all three services accept.
    server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end('{}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** The handler options each client actually uses, read after one call through its port. */
  async function handlerConfigs(session: AwsSession, region: string): Promise<Record<string, unknown>[]> {
    await session.ecr(region).describeImages({ repositoryName: 'r' })
    await session.inspector(region).listFindings({})
    await session.signer(region).getRevocationStatus({
      signatureTimestamp: new Date(0),
      platformId: 'p',
      profileVersionArn: 'arn:aws:signer:us-east-1:1:/signing-profiles/p/v',
      jobArn: 'arn:aws:signer:us-east-1:1:/signing-jobs/j',
      certificateHashes: ['00']
    })
    const clients = [session.client(ecrService, region), session.client(inspectorService, region), session.client(signerService, region)]
    return clients.map((client) =>
      (client.config.requestHandler as unknown as { httpHandlerConfigs(): Record<string, unknown> }).httpHandlerConfigs()
    )
  }

  it('every client has a 3 s connection timeout and a 20 s idle timeout by default', async () => {
    const session = new AwsSession({ env: { AWS_ENDPOINT_URL: endpoint } })
    const configs = await handlerConfigs(session, 'us-east-1')
    expect(configs).toHaveLength(3)
    for (const config of configs) {
      expect(config).toMatchObject({ connectionTimeout: DEFAULT_CONNECTION_TIMEOUT_MS, socketTimeout: DEFAULT_IDLE_TIMEOUT_MS })
    }
    expect(DEFAULT_CONNECTION_TIMEOUT_MS).toBe(3000)
    expect(DEFAULT_IDLE_TIMEOUT_MS).toBe(20_000)
    session.destroy()
  })

  it('the timeouts are options, and are validated', async () => {
    const session = new AwsSession({ env: { AWS_ENDPOINT_URL: endpoint }, connectionTimeoutMs: 1234, idleTimeoutMs: 5678 })
    for (const config of await handlerConfigs(session, 'eu-west-1')) {
      expect(config).toMatchObject({ connectionTimeout: 1234, socketTimeout: 5678 })
    }
    session.destroy()
    expect(() => new AwsSession({ connectionTimeoutMs: 0 })).toThrow(/connectionTimeoutMs/)
    expect(() => new AwsSession({ idleTimeoutMs: 1.5 })).toThrow(/idleTimeoutMs/)
    expect(() => new AwsSession({ idleTimeoutMs: 3_600_000 })).toThrow(/idleTimeoutMs/)
  })
})

describe('AwsSession: lazy clients', () => {
  /** A service whose "SDK client" counts how often it is built. */
  function countingService() {
    const built: string[] = []
    const service: AwsService<{ config: object; region: string; destroy(): void }, { use(): string }> = {
      id: 'counting',
      envSuffix: 'COUNTING',
      createClient: (config) => {
        built.push(config.region)
        return { config: { requestHandler: { handle: async () => ({ response: {} }) } }, region: config.region, destroy: () => {} }
      },
      createPort: (client) => ({ use: () => client().region })
    }
    return { service, built }
  }

  it('a port is handed out without a client; the client is built on the first call, once per region', () => {
    const { service, built } = countingService()
    const session = new AwsSession({ env: {} })
    const east = session.port(service, 'us-east-1')
    expect(session.port(service, 'us-east-1')).toBe(east)
    expect(built).toEqual([])
    expect(session.hasClient(service, 'us-east-1')).toBe(false)
    expect(east.use()).toBe('us-east-1')
    expect(east.use()).toBe('us-east-1')
    expect(built).toEqual(['us-east-1'])
    expect(session.hasClient(service, 'us-east-1')).toBe(true)
    const west = session.port(service, 'eu-west-1')
    expect(built).toEqual(['us-east-1'])
    expect(west.use()).toBe('eu-west-1')
    expect(built).toEqual(['us-east-1', 'eu-west-1'])
  })

  it('the built-in services: no SDK client until one is used; one per service and region', () => {
    const session = new AwsSession({ env: {} })
    const ports = session.forRegion('us-east-1')
    expect(ports.ecr).toBe(session.ecr('us-east-1'))
    expect(session.hasClient(ecrService, 'us-east-1')).toBe(false)
    expect(session.hasClient(inspectorService, 'us-east-1')).toBe(false)
    expect(session.hasClient(signerService, 'us-east-1')).toBe(false)
    const ecr = session.client(ecrService, 'us-east-1')
    expect(session.client(ecrService, 'us-east-1')).toBe(ecr)
    expect(session.client(ecrService, 'us-west-2')).not.toBe(ecr)
    expect(session.hasClient(ecrService, 'us-east-1')).toBe(true)
    expect(session.hasClient(inspectorService, 'us-east-1')).toBe(false)
    expect(session.hasClient(signerService, 'us-east-1')).toBe(false)
  })

  it('a bad region or endpoint is refused when the port is handed out, before any call', () => {
    const session = new AwsSession({ env: { AWS_ENDPOINT_URL_SIGNER: 'not a url' } })
    expect(() => session.ecr('evil.com/x')).toThrow(/Invalid AWS region/)
    expect(() => session.forRegion('us-east-1')).toThrow(/AWS_ENDPOINT_URL_SIGNER/)
    expect(session.ecr('us-east-1')).toBeDefined()
  })
})
