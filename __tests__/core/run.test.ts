import { describe, expect, it } from 'vitest'
import type { AwsPorts } from '../../src/aws/clients.js'
import { loadRequest, runGate, type RunPorts } from '../../src/core/run.js'
import { readSettings, toGateRequest } from '../../src/action/inputs.js'
import { Limits } from '../../src/core/constants.js'
import { SettingError } from '../../src/core/errors.js'
import { silentLogger, type Logger } from '../../src/core/ports.js'
import type { GateRequest } from '../../src/core/request.js'

function batchRequest(n: number): GateRequest {
  const refs = Array.from({ length: n }, (_, i) => `123456789012.dkr.ecr.us-east-1.amazonaws.com/app${i}:v1`)
  return toGateRequest(readSettings((name) => (name === 'images' ? refs.join('\n') : ''), {}))
}

const notFound = (): never => {
  throw Object.assign(new Error('The repository does not exist'), {
    name: 'RepositoryNotFoundException',
    $metadata: { httpStatusCode: 400 }
  })
}

type Send = (input: { repositoryName?: string }) => Promise<unknown>

/** Ports whose every ECR operation is `ecr.send(input)`. */
function ports(ecr: { send: Send }, over: Partial<RunPorts> = {}): RunPorts {
  const port = new Proxy({}, { get: () => (input: { repositoryName?: string }) => ecr.send(input) })
  return {
    clientsFor: () => ({ ecr: port }) as unknown as AwsPorts,
    now: () => Date.now(),
    sleep: async () => {},
    log: silentLogger,
    logFor: () => silentLogger,
    describeError: (error) => `gate error: ${(error as Error).message}`,
    ...over
  }
}

describe('runGate', () => {
  it('gates every image at most batchConcurrency at a time, keeps input order, and records a thrown image as its failure', async () => {
    const request = batchRequest(10)
    let active = 0
    let peak = 0
    const repositories: string[] = []
    const ecr = {
      send: async (input: { repositoryName?: string; imageIds?: unknown }) => {
        // An image's gate begins with DescribeImages (imageIds); the registry's scanning
        // configuration is read beside it, so only the former counts images in flight.
        const resolving = input.imageIds !== undefined
        if (resolving) {
          active++
          peak = Math.max(peak, active)
          repositories.push(input.repositoryName ?? '')
        }
        await new Promise((resolve) => setTimeout(resolve, 5))
        if (resolving) active--
        return notFound()
      }
    }
    const described: unknown[] = []
    const result = await runGate(
      request,
      ports(ecr, {
        describeError: (error) => {
          described.push(error)
          return `gate error: ${(error as Error).message}`
        }
      })
    )
    expect(peak).toBeLessThanOrEqual(Limits.batchConcurrency)
    expect(peak).toBeGreaterThan(1)
    expect(result.decision).toBe('fail')
    expect(result.batch).toBe(true)
    expect(result.images.map((o) => o.reference)).toEqual(request.images.map((i) => i.reference))
    expect(result.images.every((o) => 'error' in o && o.error.startsWith('gate error:'))).toBe(true)
    expect(described).toHaveLength(10)
    expect(new Set(repositories)).toEqual(new Set(request.images.map((i) => i.repository)))
  })

  it('gates one image as a batch of one through the run logger, with its log groups', async () => {
    const request = toGateRequest(readSettings((name) => ({ repository: 'app', tag: 'v1', region: 'us-east-1' })[name] ?? '', {}))
    const groups: string[] = []
    const log: Logger = { ...silentLogger, group: async (name, fn) => (groups.push(name), fn()) }
    const result = await runGate(
      request,
      ports(
        { send: async () => notFound() },
        {
          log,
          logFor: () => {
            throw new Error('a single image must not get a batch logger')
          }
        }
      )
    )
    expect(result.batch).toBe(false)
    expect(result.images).toHaveLength(1)
    expect(result.images[0]).toMatchObject({ reference: 'app:v1' })
    expect(groups).toEqual(['Resolve image'])
  })

  it('fails an image not judged when the run limit is reached, naming the setting', async () => {
    const request = { ...batchRequest(2), timeoutSeconds: 1 }
    const never = { send: () => new Promise<never>(() => {}) }
    const started = Date.now()
    const result = await runGate(request, ports(never))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(result.decision).toBe('fail')
    for (const outcome of result.images) {
      expect('error' in outcome && outcome.error).toMatch(/run limit of 1 s \('timeout'\) was reached before this image was judged/)
    }
  })

  it('refuses a request with no image before any call', async () => {
    const calls: unknown[] = []
    const request = { ...batchRequest(1), images: [] }
    await expect(runGate(request, ports({ send: async (c) => (calls.push(c), notFound()) }))).rejects.toBeInstanceOf(SettingError)
    expect(calls).toHaveLength(0)
  })
})

describe('loadRequest: repository posture', () => {
  const request = (posture: string): GateRequest =>
    toGateRequest(readSettings((name) => ({ repository: 'app', tag: 'v1', region: 'us-east-1', posture })[name] ?? '', {}))
  const ecr = new Proxy({}, { get: () => () => Promise.reject(new Error('no call expected')) }) as never

  it('every rule off: no posture checks, so the posture code is never loaded', async () => {
    const loaded = await loadRequest(request('off'))
    expect(loaded.postureFor).toBeUndefined()
  })

  it('rules on: one check per rule that is on, with its level', async () => {
    const loaded = await loadRequest(request('tag-immutability=fail,kms-encryption=warn'))
    const checks = loaded.postureFor?.(ecr, new AbortController().signal) ?? []
    expect(checks.map((c) => c.id)).toEqual(['posture/tag-immutability', 'posture/kms-encryption'])
  })
})
