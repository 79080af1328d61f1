import { describe, it, expect, afterEach } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { RegistryClient, RegistryError, isLoopbackHost, MAX_REFERRERS } from '../../src/registry/index.js'
import { MediaTypes } from '../../src/core/constants.js'
import type { Descriptor } from '../../src/core/types.js'
import { silentLogger } from '../../src/core/ports.js'

const AUTH = 'Basic QVdTOnNlY3JldA=='
const sha = (bytes: string | Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
const SUBJECT = `sha256:${'a'.repeat(64)}`
const SIG = 'application/vnd.cncf.notary.signature'

interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        })
    )
  )
})

/** A registry stand-in on 127.0.0.1 (random port) that records every request it sees. */
async function serve(handler: Handler): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
    handler(req, res)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function send(res: http.ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers })
  res.end(body)
}

function index(descriptors: unknown[]): string {
  return JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.OciIndex, manifests: descriptors })
}

function sigDescriptor(n: number, artifactType: string | undefined = SIG): Descriptor {
  const d: Descriptor = { mediaType: MediaTypes.OciManifest, digest: `sha256:${n.toString(16).padStart(64, '0')}`, size: 700 }
  if (artifactType !== undefined) d.artifactType = artifactType
  return d
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

/** A fetch that answers from a list of canned responses and records what it was asked. */
interface FakeCall {
  url: string
  headers: Record<string, string>
  redirect: RequestInit['redirect']
  signal: AbortSignal | null | undefined
}
function fakeFetch(responses: (() => Response)[]): { fetch: typeof fetch; calls: FakeCall[] } {
  const calls: FakeCall[] = []
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
      redirect: init?.redirect,
      signal: init?.signal
    })
    const next = responses.shift()
    if (next === undefined) throw new Error('unexpected request')
    return next()
  }) as typeof fetch
  return { fetch: fetchImpl, calls }
}

const HTTPS_BASE = 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com'

describe('RegistryClient base URL', () => {
  it.each([
    ['http://registry.example.com', false],
    ['http://10.0.0.1:5000', false],
    ['ftp://127.0.0.1', false],
    ['not a url', false],
    ['https://user:pw@registry.example.com', false],
    [HTTPS_BASE, true],
    [`${HTTPS_BASE}/`, true],
    ['http://127.0.0.1:5000', true],
    ['http://localhost:5000', true],
    ['http://[::1]:5000', true]
  ])('%s allowed: %s', (baseUrl, allowed) => {
    const make = (): RegistryClient => new RegistryClient({ baseUrl, authorization: AUTH })
    if (allowed) expect(make()).toBeInstanceOf(RegistryClient)
    else expect(make).toThrow(RegistryError)
  })

  it('explains why plain http is refused', () => {
    expect(() => new RegistryClient({ baseUrl: 'http://registry.example.com', authorization: AUTH })).toThrow(
      /only https is allowed \(plain http only for loopback hosts\)/
    )
  })

  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['localhost', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false]
  ])('isLoopbackHost(%s) = %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected)
  })
})

describe('getManifest', () => {
  const body = JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.OciManifest, config: {}, layers: [] })
  const digest = sha(body)

  it('sends the token and Accept, returns bytes, media type and digest', async () => {
    const { origin, seen } = await serve((req, res) => {
      if (req.headers.authorization !== AUTH) return send(res, 401, '')
      send(res, 200, body, { 'content-type': `${MediaTypes.OciManifest}; charset=utf-8` })
    })
    const client = new RegistryClient({ baseUrl: `${origin}/`, authorization: AUTH })
    const got = await client.getManifest('team/app', digest, [MediaTypes.OciManifest, MediaTypes.OciIndex])
    expect(Buffer.from(got.bytes).toString()).toBe(body)
    expect(got.mediaType).toBe(MediaTypes.OciManifest)
    expect(got.digest).toBe(digest)
    expect(seen).toHaveLength(1)
    expect(seen[0]!.url).toBe(`/v2/team/app/manifests/${digest}`)
    expect(seen[0]!.headers.authorization).toBe(AUTH)
    expect(seen[0]!.headers.accept).toBe(`${MediaTypes.OciManifest}, ${MediaTypes.OciIndex}`)
  })

  it('refuses content that does not hash to the requested digest', async () => {
    const { origin } = await serve((_req, res) => send(res, 200, `${body} `, { 'content-type': MediaTypes.OciManifest }))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getManifest('app1', digest, [MediaTypes.OciManifest]))
    expect(error).toBeInstanceOf(RegistryError)
    expect(error.message).toMatch(/Digest mismatch for manifest app1@sha256:/)
  })

  it('refuses a Docker-Content-Digest header that disagrees with the content of a tag', async () => {
    const { origin } = await serve((_req, res) =>
      send(res, 200, body, { 'content-type': MediaTypes.OciManifest, 'docker-content-digest': SUBJECT })
    )
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getManifest('app1', 'v1', [MediaTypes.OciManifest]))
    expect(error.message).toMatch(/Docker-Content-Digest says/)
  })

  it('says the registry rejected the ECR token on 401', async () => {
    const { origin } = await serve((_req, res) => send(res, 401, '{"errors":[{"code":"DENIED"}]}'))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getManifest('app1', 'v1', [MediaTypes.OciManifest]))
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as RegistryError).status).toBe(401)
    expect(error.message).toContain('manifest app1:v1')
    expect(error.message).toContain('HTTP 401')
    expect(error.message).toContain('registry rejected the ECR token')
  })

  it('refuses a declared Content-Length over the limit', async () => {
    const { origin } = await serve((_req, res) => send(res, 200, 'x'.repeat(2000), { 'content-type': MediaTypes.OciManifest }))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getManifest('app1', 'v1', [MediaTypes.OciManifest], 1000))
    expect(error.message).toMatch(/is 2000 bytes, over the 1000-byte limit/)
  })

  it('stops a streamed body without Content-Length at the limit', async () => {
    let pulls = 0
    const chunk = new Uint8Array(1024)
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++
        controller.enqueue(chunk)
      }
    })
    const fake = fakeFetch([() => new Response(stream, { status: 200, headers: { 'content-type': MediaTypes.OciManifest } })])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch })
    const error = await caught(client.getManifest('app1', 'v1', [MediaTypes.OciManifest], 4096))
    expect(error.message).toMatch(/larger than the 4096-byte limit/)
    // An endless stream was read only a few chunks past the limit, never buffered whole.
    expect(pulls).toBeLessThan(10)
  })

  it('refuses invalid repository names and references before any request', async () => {
    const fake = fakeFetch([])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch })
    await expect(client.getManifest('../etc', 'v1', [])).rejects.toThrow(/Invalid repository name/)
    await expect(client.getManifest('app1', '../../x', [])).rejects.toThrow(/Invalid manifest reference/)
    expect(fake.calls).toHaveLength(0)
  })
})

describe('listReferrers', () => {
  it('uses the Referrers API with the artifactType filter and filters client-side too', async () => {
    const listed = [
      sigDescriptor(1),
      sigDescriptor(2, 'application/spdx+json'),
      sigDescriptor(3, undefined),
      sigDescriptor(1),
      { bogus: true }
    ]
    const { origin, seen } = await serve((_req, res) => send(res, 200, index(listed), { 'content-type': MediaTypes.OciIndex }))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const referrers = await client.listReferrers('app1', SUBJECT, SIG)
    // The SBOM is filtered out, the duplicate collapsed, the malformed entry dropped; the unlabelled one is kept for the caller to check.
    expect(referrers.map((d) => d.digest)).toStrictEqual([sigDescriptor(1).digest, sigDescriptor(3).digest])
    expect(seen).toHaveLength(1)
    const url = new URL(seen[0]!.url, origin)
    expect(url.pathname).toBe(`/v2/app1/referrers/${SUBJECT}`)
    expect(url.searchParams.get('artifactType')).toBe(SIG)
    expect(seen[0]!.headers.accept).toBe(MediaTypes.OciIndex)
    expect(seen[0]!.headers.authorization).toBe(AUTH)
  })

  it('follows Link pagination on the registry origin', async () => {
    const { origin, seen } = await serve((req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page')
      if (page === null) {
        return send(res, 200, index([sigDescriptor(1)]), { link: `</v2/app1/referrers/${SUBJECT}?artifactType=x&page=2>; rel="next"` })
      }
      send(res, 200, index([sigDescriptor(2)]))
    })
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const referrers = await client.listReferrers('app1', SUBJECT, SIG)
    expect(referrers.map((d) => d.digest)).toStrictEqual([sigDescriptor(1).digest, sigDescriptor(2).digest])
    expect(seen).toHaveLength(2)
    expect(seen[1]!.headers.authorization).toBe(AUTH)
  })

  it('refuses a pagination link to another origin', async () => {
    const { origin } = await serve((_req, res) =>
      send(res, 200, index([sigDescriptor(1)]), { link: '<https://evil.example.com/v2/app1/referrers/x>; rel="next"' })
    )
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.listReferrers('app1', SUBJECT, SIG))
    expect(error.message).toMatch(/pagination link .* to another origin \(evil\.example\.com\)/)
  })

  it('stops following pagination at the page limit', async () => {
    const { origin, seen } = await serve((_req, res) =>
      send(res, 200, index([sigDescriptor(seen.length)]), { link: `</v2/app1/referrers/${SUBJECT}?n=${seen.length}>; rel="next"` })
    )
    const warnings: string[] = []
    const log = {
      debug() {},
      info() {},
      warning: (m: string) => void warnings.push(m),
      setSecret() {},
      group: <T>(_n: string, fn: () => Promise<T>) => fn()
    }
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH }, { log })
    const { descriptors, incomplete } = await client.listReferrersReport('app1', SUBJECT, SIG)
    expect(seen).toHaveLength(20)
    expect(descriptors).toHaveLength(20)
    expect(warnings.join('\n')).toMatch(/after 20 pages/)
    expect(incomplete).toBe('the registry was still paginating after 20 pages')
  })

  it('reports a whole list as complete', async () => {
    const { origin } = await serve((_req, res) => send(res, 200, index([sigDescriptor(1), sigDescriptor(2)])))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const listing = await client.listReferrersReport('app1', SUBJECT, SIG)
    expect(listing.descriptors).toHaveLength(2)
    expect(listing).not.toHaveProperty('incomplete')
  })

  it(`bounds the number of descriptors to ${MAX_REFERRERS}`, async () => {
    const many = Array.from({ length: MAX_REFERRERS + 50 }, (_, i) => sigDescriptor(i + 1))
    const { origin } = await serve((_req, res) => send(res, 200, index(many)))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const { descriptors, incomplete } = await client.listReferrersReport('app1', SUBJECT, SIG)
    expect(descriptors).toHaveLength(MAX_REFERRERS)
    expect(incomplete).toBe(`the registry listed more than ${MAX_REFERRERS} referrers`)
  })

  it(`reports exactly ${MAX_REFERRERS} referrers on one page as complete`, async () => {
    const many = Array.from({ length: MAX_REFERRERS }, (_, i) => sigDescriptor(i + 1))
    const { origin } = await serve((_req, res) => send(res, 200, index(many)))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const listing = await client.listReferrersReport('app1', SUBJECT, SIG)
    expect(listing.descriptors).toHaveLength(MAX_REFERRERS)
    expect(listing.incomplete).toBeUndefined()
  })

  it('falls back to the sha256-<hex> tag when the Referrers API is 404', async () => {
    const tagIndex = index([sigDescriptor(7), sigDescriptor(8, 'application/vnd.example.sbom')])
    const { origin, seen } = await serve((req, res) => {
      if (req.url === `/v2/app1/manifests/sha256-${'a'.repeat(64)}`)
        return send(res, 200, tagIndex, { 'content-type': MediaTypes.OciIndex })
      send(res, 404, '')
    })
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const referrers = await client.listReferrers('app1', SUBJECT, SIG)
    expect(referrers.map((d) => d.digest)).toStrictEqual([sigDescriptor(7).digest])
    expect(seen.map((s) => s.url.split('?')[0])).toStrictEqual([
      `/v2/app1/referrers/${SUBJECT}`,
      `/v2/app1/manifests/sha256-${'a'.repeat(64)}`
    ])
    expect(seen[1]!.headers.accept).toBe(MediaTypes.OciIndex)
  })

  it('returns no referrers when the fallback tag is 404 too', async () => {
    const { origin, seen } = await serve((_req, res) => send(res, 404, ''))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    expect(await client.listReferrers('app1', SUBJECT, SIG)).toStrictEqual([])
    expect(seen).toHaveLength(2)
  })

  it('surfaces other errors of the Referrers API', async () => {
    const { origin } = await serve((_req, res) => send(res, 500, ''))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.listReferrers('app1', SUBJECT, SIG))
    expect(error.message).toMatch(/referrers of app1@sha256:a+ .*HTTP 500/)
  })
})

describe('getBlob', () => {
  const content = 'envelope bytes'
  const blob: Descriptor = { mediaType: MediaTypes.Jws, digest: sha(content), size: Buffer.byteLength(content) }

  it('fetches and checks a blob', async () => {
    const { origin, seen } = await serve((_req, res) => send(res, 200, content))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const bytes = await client.getBlob('app1', blob, 1000)
    expect(Buffer.from(bytes).toString()).toBe(content)
    expect(seen[0]!.url).toBe(`/v2/app1/blobs/${blob.digest}`)
    expect(seen[0]!.headers.authorization).toBe(AUTH)
  })

  it('follows a redirect to another origin without forwarding the token', async () => {
    const storage = await serve((_req, res) => send(res, 200, content))
    const registry = await serve((_req, res) => {
      res.writeHead(307, { location: `${storage.origin}/bucket/blob?X-Amz-Signature=abc` })
      res.end()
    })
    const client = new RegistryClient({ baseUrl: registry.origin, authorization: AUTH })
    const bytes = await client.getBlob('app1', blob, 1000)
    expect(Buffer.from(bytes).toString()).toBe(content)
    expect(registry.seen[0]!.headers.authorization).toBe(AUTH)
    expect(storage.seen).toHaveLength(1)
    expect(storage.seen[0]!.url).toBe('/bucket/blob?X-Amz-Signature=abc')
    expect(storage.seen[0]!.headers.authorization).toBeUndefined()
  })

  it('does not forward the token to an https redirect target (fake fetch)', async () => {
    const fake = fakeFetch([
      () => new Response(null, { status: 302, headers: { location: 'https://bucket.s3.amazonaws.com/x' } }),
      () => new Response(content, { status: 200 })
    ])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch })
    await client.getBlob('app1', blob, 1000)
    expect(fake.calls.map((c) => c.url)).toStrictEqual([`${HTTPS_BASE}/v2/app1/blobs/${blob.digest}`, 'https://bucket.s3.amazonaws.com/x'])
    expect(fake.calls[0]!.headers['authorization']).toBe(AUTH)
    expect(fake.calls[1]!.headers['authorization']).toBeUndefined()
    // Redirects are followed by the client, never by fetch, and every hop has its own timeout.
    for (const call of fake.calls) {
      expect(call.redirect).toBe('manual')
      expect(call.signal).toBeInstanceOf(AbortSignal)
    }
  })

  it('refuses a redirect to plain http on a non-loopback host', async () => {
    const fake = fakeFetch([() => new Response(null, { status: 307, headers: { location: 'http://bucket.example.com/x' } })])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch })
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error.message).toMatch(/Refusing blob app1@sha256:[0-9a-f]+ at http:\/\/bucket\.example\.com/)
    expect(fake.calls).toHaveLength(1)
  })

  it('gives up after 5 redirects', async () => {
    const { origin, seen } = await serve((_req, res) => {
      res.writeHead(302, { location: `/loop/${seen.length}` })
      res.end()
    })
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error.message).toMatch(/Too many redirects/)
    expect(seen).toHaveLength(6)
  })

  it('refuses a declared size over the limit without any request', async () => {
    const fake = fakeFetch([])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch })
    const error = await caught(client.getBlob('app1', { ...blob, size: 33 * 1024 * 1024 }, 32 * 1024 * 1024))
    expect(error.message).toMatch(/declares 34603008 bytes, over the 33554432-byte limit; not fetched/)
    expect(fake.calls).toHaveLength(0)
  })

  it('cuts off a server that sends more than the descriptor declares', async () => {
    const { origin } = await serve((_req, res) => {
      res.writeHead(200) // chunked: no Content-Length to trust
      res.write('x'.repeat(64 * 1024))
      res.end('x'.repeat(64 * 1024))
    })
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error.message).toMatch(new RegExp(`larger than the ${blob.size}-byte limit`))
  })

  it('refuses a Content-Length larger than the descriptor size', async () => {
    const { origin } = await serve((_req, res) => send(res, 200, `${content}!!`))
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH })
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error.message).toMatch(/over the 14-byte limit/)
  })

  it('refuses a short blob and a blob whose digest differs', async () => {
    const short = await serve((_req, res) => send(res, 200, content.slice(1)))
    const shortClient = new RegistryClient({ baseUrl: short.origin, authorization: AUTH })
    expect((await caught(shortClient.getBlob('app1', blob, 1000))).message).toMatch(/Size mismatch .* received 13/)
    const other = await serve((_req, res) => send(res, 200, content.toUpperCase()))
    const otherClient = new RegistryClient({ baseUrl: other.origin, authorization: AUTH })
    expect((await caught(otherClient.getBlob('app1', blob, 1000))).message).toMatch(/Digest mismatch for blob/)
  })

  it('reports a timeout as a registry error naming the blob', async () => {
    const timeout = (): Response => {
      throw new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    }
    const fake = fakeFetch([timeout, timeout, timeout, timeout])
    const client = new RegistryClient(
      { baseUrl: HTTPS_BASE, authorization: AUTH },
      { fetch: fake.fetch, timeoutMs: 5, retryMinTimeoutMs: 1 }
    )
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error).toBeInstanceOf(RegistryError)
    expect(error.message).toMatch(
      /Could not fetch blob app1@sha256:[0-9a-f]+ from 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com: The operation was aborted due to timeout/
    )
    expect(fake.calls).toHaveLength(4) // 1 try + 3 retries
  })

  it('retries 429 and 5xx answers and network errors, logging each retry, then succeeds', async () => {
    const lines: string[] = []
    const log = { ...silentLogger, info: (m: string) => lines.push(m) }
    const fake = fakeFetch([
      () => new Response('busy', { status: 503 }),
      () => {
        throw new TypeError('fetch failed')
      },
      () => new Response('slow down', { status: 429 }),
      () => new Response(content, { status: 200, headers: { 'content-length': String(Buffer.byteLength(content)) } })
    ])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch, log, retryMinTimeoutMs: 1 })
    const bytes = await client.getBlob('app1', blob, 1000)
    expect(Buffer.from(bytes).toString()).toBe(content)
    expect(fake.calls).toHaveLength(4)
    expect(lines.filter((l) => /attempt \d of 4 failed .*retrying/.test(l))).toHaveLength(3)
  })

  it('reports the last retryable status after the retries run out', async () => {
    const fake = fakeFetch([1, 2, 3].map(() => () => new Response('x', { status: 502 })))
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch, retries: 2, retryMinTimeoutMs: 1 })
    const error = await caught(client.getBlob('app1', blob, 1000))
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as RegistryError).status).toBe(502)
    expect(fake.calls).toHaveLength(3)
  })

  it('does not retry 401, 403 or 404, nor refused redirects', async () => {
    for (const status of [401, 403, 404]) {
      const fake = fakeFetch([() => new Response('no', { status })])
      const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch, retryMinTimeoutMs: 1 })
      const error = await caught(client.getBlob('app1', blob, 1000))
      expect((error as RegistryError).status).toBe(status)
      expect(fake.calls).toHaveLength(1)
    }
    const fake = fakeFetch([() => new Response(null, { status: 307, headers: { location: 'http://evil.example.com/blob' } })])
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch, retryMinTimeoutMs: 1 })
    await caught(client.getBlob('app1', blob, 1000))
    expect(fake.calls).toHaveLength(1)
  })
})

describe('RegistryClient signal', () => {
  const digest = sha('blob')

  it('the run’s signal aborts a pending fetch: a registry error saying the deadline passed, no retry', async () => {
    const { origin, seen } = await serve(() => {
      // never answers
    })
    const controller = new AbortController()
    const client = new RegistryClient({ baseUrl: origin, authorization: AUTH }, { signal: controller.signal, retryMinTimeoutMs: 1 })
    setTimeout(() => controller.abort(), 100)
    const started = Date.now()
    const error = await caught(client.getBlob('app1', { mediaType: 'application/octet-stream', digest, size: 4 }, 1000))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error).toBeInstanceOf(RegistryError)
    expect(error.message).toBe(
      `Could not fetch blob app1@${digest} from ${new URL(origin).host}: the registry did not answer before the deadline`
    )
    expect((error as RegistryError).networkFailure).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(seen).toHaveLength(1)
  })

  it('combines the signal with the per-request timeout, and sends nothing once it has aborted', async () => {
    const fake = fakeFetch([() => new Response('blob', { status: 200 })])
    const controller = new AbortController()
    const client = new RegistryClient({ baseUrl: HTTPS_BASE, authorization: AUTH }, { fetch: fake.fetch, signal: controller.signal })
    await client.getBlob('app1', { mediaType: 'application/octet-stream', digest, size: 4 }, 1000)
    const passed = fake.calls[0]?.signal
    expect(passed).toBeInstanceOf(AbortSignal)
    expect(passed?.aborted).toBe(false)
    controller.abort()
    expect(passed?.aborted).toBe(true)
    const error = await caught(client.getBlob('app1', { mediaType: 'application/octet-stream', digest, size: 4 }, 1000))
    expect(error.message).toContain('did not answer before the deadline')
    expect(fake.calls).toHaveLength(1)
  })
})
