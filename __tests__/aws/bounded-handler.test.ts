import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { limitResponseSize } from '../../src/aws/bounded-handler.js'

let url = ''
let calls = 0
const body = JSON.stringify({ repositories: [{ repositoryName: 'app' }] })
const server = createServer((req, res) => {
  calls++
  const size = Number(req.headers['x-size'] ?? 0)
  const declare = req.headers['x-declare'] === 'yes'
  if (size === 0) {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(body) })
    res.end(body)
    return
  }
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', ...(declare ? { 'content-length': size } : {}) })
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  let sent = 0
  const pump = (): void => {
    while (sent < size) {
      sent += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    res.end()
  }
  res.on('close', () => (sent = size))
  pump()
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => {
  server.closeAllConnections()
  server.close()
})

function client(headers: Record<string, string>, maxBytes: number): ECRClient {
  const c = new ECRClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 3 })
  c.middlewareStack.add(
    (next) => (args) => {
      const request = (args as { request: { headers: Record<string, string> } }).request
      Object.assign(request.headers, headers)
      return next(args)
    },
    { step: 'build', name: 'testHeaders' }
  )
  return limitResponseSize(c, maxBytes)
}

describe('limitResponseSize', () => {
  it('leaves responses under the bound untouched', async () => {
    const out = await client({}, 1024).send(new DescribeRepositoriesCommand({}))
    expect(out.repositories?.[0]?.repositoryName).toBe('app')
  })

  it('refuses a declared Content-Length over the bound without retrying', async () => {
    const before = calls
    const error = await client({ 'x-size': String(8 * 1024 * 1024), 'x-declare': 'yes' }, 1024 * 1024)
      .send(new DescribeRepositoriesCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ResponseTooLarge' })
    expect((error as Error).message).toMatch(/declares 8388608 bytes, over the 1048576-byte limit/)
    expect(calls - before).toBe(1)
  })

  it('cuts off a streamed body that passes the bound, before buffering it all', async () => {
    const before = calls
    const rssBefore = process.memoryUsage().rss
    const error = await client({ 'x-size': String(300 * 1024 * 1024) }, 1024 * 1024)
      .send(new DescribeRepositoriesCommand({}))
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'ResponseTooLarge' })
    expect(calls - before).toBe(1)
    // 300 MB were offered; far less than that may have been held (a resource bound, not a timing).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024)
  })
})
