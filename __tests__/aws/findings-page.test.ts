/**
 * Finding pages read from the response body: the split parse gives exactly what JSON.parse of the
 * whole text gives, refuses what is not JSON, and the port reads pages and errors through a real
 * SDK client (signing, error names) over a stubbed HTTP handler.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { ECRClient } from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { BodyBuffers, pageOf, parsePage, splitList, type PageReader } from '../../src/aws/findings-page.js'
import { AwsCallError } from '../../src/core/errors.js'

/** Keeps each raw finding as parsed: what the page reader hands to `map`. */
const keep = (list: 'findings' | 'enhancedFindings'): PageReader<unknown> => ({ list, map: (raw) => raw })

const tricky = {
  title: 'a "quoted" ] } [ { title, with \\ backslash, \u2028 and ünïcödé',
  description: 'commas , and colons : "enhancedFindings": [1,2]',
  packageVulnerabilityDetails: { vulnerablePackages: [{ name: 'x', version: '1' }], vulnerabilityId: 'CVE-1' },
  severity: 'HIGH'
}

function body(list: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    imageScanStatus: { status: 'ACTIVE' },
    imageScanFindings: { findingSeverityCounts: { HIGH: list.length }, enhancedFindings: list, imageScanCompletedAt: 1.7e9 },
    nextToken: 'tok',
    ...extra
  })
}

describe('parsePage', () => {
  it('gives what JSON.parse of the whole text gives, strings with brackets, quotes and escapes included', () => {
    const text = body([tricky, { ...tricky, title: 'two' }, { nested: [[{ a: [] }]] }])
    expect(parsePage(text, keep('enhancedFindings'))).toEqual(pageOf(JSON.parse(text), keep('enhancedFindings')))
    expect(parsePage(text, keep('enhancedFindings'))).toMatchObject({
      status: 'ACTIVE',
      nextToken: 'tok',
      listed: 3,
      severityCounts: { HIGH: 3 }
    })
  })

  it('reads bytes as it reads the text: runs of backslashes before quotes, multi-byte characters, random strings', () => {
    const alphabet = ['"', '\\', '[', ']', '{', '}', ',', ':', 'a', ' ', 'ü', '€', '😀', '\n']
    let seed = 7
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    const randomString = (): string => Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('')
    for (let round = 0; round < 50; round++) {
      const list = Array.from({ length: next() % 6 }, () => ({
        title: randomString(),
        [randomString()]: [randomString(), { d: randomString() }]
      }))
      const text = body(list, { [randomString()]: randomString() })
      const expected = pageOf(JSON.parse(text), keep('enhancedFindings'))
      expect(parsePage(text, keep('enhancedFindings'))).toEqual(expected)
      expect(parsePage(Buffer.from(text), keep('enhancedFindings'))).toEqual(expected)
    }
    // An even run of backslashes ends the string at the quote after it; an odd run escapes it.
    const escapes = '{"imageScanFindings":{"enhancedFindings":[{"a":"x\\\\"},{"b":"y\\\\\\"]"}]}}'
    expect(parsePage(Buffer.from(escapes), keep('enhancedFindings')).items).toEqual([{ a: 'x\\' }, { b: 'y\\"]' }])
  })

  it('decodes invalid UTF-8 in a finding as U+FFFD, as decoding the whole body would', () => {
    const bytes = Buffer.concat([
      Buffer.from('{"imageScanFindings":{"enhancedFindings":[{"title":"a'),
      Buffer.from([0xc3, 0xff, 0xe2, 0x82]),
      Buffer.from('"},{"title":"'),
      Buffer.from([0xf0, 0x9f]),
      Buffer.from('"}]}}')
    ])
    const page = parsePage(bytes, keep('enhancedFindings'))
    expect(page.items).toEqual(JSON.parse(bytes.toString('utf8')).imageScanFindings.enhancedFindings)
    expect(page.items).toHaveLength(2)
    expect((page.items[0] as { title: string }).title).toContain('\ufffd')
  })

  it('reads the elements one by one (the list is cut out of the skeleton)', () => {
    const text = body([tricky, tricky])
    const split = splitList(text, 'enhancedFindings')
    expect(split?.elements).toHaveLength(2)
    expect(JSON.parse(split!.skeleton).imageScanFindings.enhancedFindings).toEqual([])
  })

  it('takes an empty or blank list as no findings, and the BASIC list by its own name', () => {
    for (const text of ['{"imageScanFindings":{"enhancedFindings":[]}}', '{"imageScanFindings":{"enhancedFindings":[ \n ]}}']) {
      expect(parsePage(text, keep('enhancedFindings'))).toMatchObject({ items: [], listed: 0, hasImageScanFindings: true })
    }
    const basic = JSON.stringify({ imageScanFindings: { findings: [{ name: 'CVE-2' }], enhancedFindings: [{ title: 'no' }] } })
    expect(parsePage(basic, keep('findings')).items).toEqual([{ name: 'CVE-2' }])
  })

  it('refuses text that is not JSON: a trailing comma, an empty element, broken nesting, an unended string', () => {
    for (const text of [
      '{"imageScanFindings":{"enhancedFindings":[{"a":1},]}}',
      '{"imageScanFindings":{"enhancedFindings":[,{"a":1}]}}',
      '{"imageScanFindings":{"enhancedFindings":[{"a":1}}]}',
      '{"imageScanFindings":{"enhancedFindings":[{"a":"1}]}}',
      '{"imageScanFindings":{"enhancedFindings":[{"a":1}]}',
      '{"imageScanFindings":{"enhancedFindings":[{"a":1}]}} x',
      'not json'
    ]) {
      expect(() => parsePage(text, keep('enhancedFindings')), text).toThrow(/not valid JSON/)
    }
  })

  it('refuses a page that lists its findings twice', () => {
    const text = '{"imageScanFindings":{"enhancedFindings":[{"a":1}],"enhancedFindings":[{"a":2}]}}'
    expect(() => parsePage(text, keep('enhancedFindings'))).toThrow(/appears twice/)
  })

  it('reads the list JSON.parse would read when a repeated key is spelled with escapes', () => {
    const text = '{"imageScanFindings":{"enhancedFindings":[{"a":1}],"\\u0065nhancedFindings":[{"a":2},{"a":3}]}}'
    expect(parsePage(text, keep('enhancedFindings')).items).toEqual([{ a: 2 }, { a: 3 }])
  })

  it('reads the status description and the completion time: epoch seconds in a body, a Date in an SDK-shaped answer', () => {
    const page = parsePage(body([], { imageScanStatus: { status: 'FAILED', description: 'no layers' } }), keep('enhancedFindings'))
    expect(page).toMatchObject({ status: 'FAILED', description: 'no layers', completedAt: new Date(1.7e12) })
    const sdk = pageOf({ imageScanFindings: { imageScanCompletedAt: new Date(5000), enhancedFindings: [] } }, keep('enhancedFindings'))
    expect(sdk.completedAt).toEqual(new Date(5000))
    expect(sdk).not.toHaveProperty('description')
    expect(sdk).not.toHaveProperty('status')
  })

  it('leaves out a completion time that is not a valid time, and a description that is not a string', () => {
    for (const at of ['2024-01-01', null, Number.NaN, 1e300, new Date(Number.NaN), {}]) {
      const page = pageOf(
        { imageScanStatus: { status: 'COMPLETE', description: 42 }, imageScanFindings: { imageScanCompletedAt: at } },
        keep('enhancedFindings')
      )
      expect(page).not.toHaveProperty('completedAt')
      expect(page).not.toHaveProperty('description')
      expect(page.status).toBe('COMPLETE')
    }
    expect(pageOf({ imageScanStatus: 'COMPLETE' }, keep('enhancedFindings'))).toEqual({
      hasImageScanFindings: false,
      severityCounts: {},
      items: [],
      listed: 0
    })
  })

  it('refuses a finding list that is not a list, and an answer that is not an object', () => {
    expect(() => parsePage('{"imageScanFindings":{"enhancedFindings":{"a":1}}}', keep('enhancedFindings'))).toThrow(/not a list/)
    expect(() => parsePage('[1]', keep('enhancedFindings'))).toThrow(/not a JSON object/)
  })
})

/** An ECR client whose HTTP handler answers every request with `status` and `text` (or the texts in turn, in chunks of 1 KiB). */
function clientAnswering(
  status: number,
  text: string | string[],
  headers: Record<string, string> = {}
): { client: ECRClient; requests: unknown[] } {
  const requests: unknown[] = []
  const client = new ECRClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: unknown) => {
        requests.push(request)
        return {
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
            body: Readable.from(chunked(typeof text === 'string' ? text : (text[requests.length - 1] ?? ''), 1024))
          }
        }
      }
    }
  })
  return { client, requests }
}

/** `text`'s bytes in pieces of `size` bytes, as a socket delivers a body. */
function chunked(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text)
  const pieces: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size))
  return pieces
}

/** A stream that yields `pieces`, letting other tasks run between them. */
async function* slowly(pieces: string[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) {
    await new Promise((resolve) => setImmediate(resolve))
    yield Buffer.from(piece)
  }
}

describe('BodyBuffers', () => {
  it('reads a stream into one buffer, growing past its initial size, and returns what use returns', async () => {
    const bodies = new BodyBuffers(8)
    const text = await bodies.read(Readable.from(['abcde', 'fghijkl', 'mnopqrstuvwxyz0123']), (bytes) => bytes.toString())
    expect(text).toBe('abcdefghijklmnopqrstuvwxyz0123')
  })

  it('reuses its buffer: a shorter body after a longer one is only its own bytes', async () => {
    const bodies = new BodyBuffers(64)
    const first = await bodies.read(Readable.from(['x'.repeat(40)]), (bytes) => ({ text: bytes.toString(), buffer: bytes.buffer }))
    const second = await bodies.read(Readable.from(['short']), (bytes) => ({ text: bytes.toString(), buffer: bytes.buffer }))
    expect(first.text).toBe('x'.repeat(40))
    expect(second.text).toBe('short')
    expect(second.buffer).toBe(first.buffer)
    expect(bodies.kept).toBe(1)
  })

  it('gives reads that overlap their own buffers, and keeps at most `keep` free ones', async () => {
    const bodies = new BodyBuffers(4, 2)
    const texts = await Promise.all([
      bodies.read(Readable.from(slowly(['aa', 'aa', 'aa'])), (bytes) => bytes.toString()),
      bodies.read(Readable.from(slowly(['bbb', 'bbb'])), (bytes) => bytes.toString()),
      bodies.read(Readable.from(slowly(['c', 'c', 'c', 'c', 'c'])), (bytes) => bytes.toString())
    ])
    expect(texts).toEqual(['aaaaaa', 'bbbbbb', 'ccccc'])
    expect(bodies.kept).toBe(2)
  })

  it('takes its buffer back when the stream fails or use throws', async () => {
    const bodies = new BodyBuffers(16)
    const broken = Readable.from(
      (async function* () {
        yield Buffer.from('partial')
        await Promise.resolve()
        throw new Error('socket hang up')
      })()
    )
    await expect(bodies.read(broken, (bytes) => bytes.toString())).rejects.toThrow('socket hang up')
    expect(bodies.kept).toBe(1)
    await expect(
      bodies.read(Readable.from(['{}']), () => {
        throw new Error('not a page')
      })
    ).rejects.toThrow('not a page')
    expect(bodies.kept).toBe(1)
  })

  it('uses bytes and strings as they are, and no body as no bytes', async () => {
    const bodies = new BodyBuffers(16)
    const given = new Uint8Array([1, 2, 3, 4]).subarray(1, 3)
    expect(await bodies.read(given, (bytes) => ({ same: bytes.buffer === given.buffer, bytes: [...bytes] }))).toEqual({
      same: true,
      bytes: [2, 3]
    })
    expect(await bodies.read('text', (bytes) => bytes.toString())).toBe('text')
    expect(await bodies.read(undefined, (bytes) => bytes.length)).toBe(0)
    expect(await bodies.read(null, (bytes) => bytes.length)).toBe(0)
    expect(bodies.kept).toBe(0)
  })
})

const input = { repositoryName: 'app', imageId: { imageDigest: `sha256:${'a'.repeat(64)}` }, maxResults: 1000 }

describe('ecrPort.describeImageScanFindingsPage over a real SDK client', () => {
  it('reads the page from the body, signed as any call', async () => {
    const { client, requests } = clientAnswering(200, body([tricky]))
    const page = await ecrPort(client).describeImageScanFindingsPage(input, {
      list: 'enhancedFindings',
      map: (raw) => (raw as { title: string }).title
    })
    expect(page).toEqual({
      status: 'ACTIVE',
      completedAt: new Date(1.7e12),
      hasImageScanFindings: true,
      nextToken: 'tok',
      items: [tricky.title],
      listed: 1,
      severityCounts: { HIGH: 1 }
    })
    const sent = requests[0] as { headers: Record<string, string> }
    expect(sent.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//)
    expect(sent.headers['x-amz-target']).toBe('AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings')
  })

  it('reads page after page into the same buffers: a shorter page after a longer one is only its own', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...tricky, title: `finding ${i}` }))
    const { client } = clientAnswering(200, [body(many), body([tricky], { nextToken: 'last' })])
    const port = ecrPort(client)
    const reader = { list: 'enhancedFindings' as const, map: (raw: unknown) => (raw as { title: string }).title }
    const first = await port.describeImageScanFindingsPage(input, reader)
    const second = await port.describeImageScanFindingsPage(input, reader)
    expect(first.items).toEqual(many.map((f) => f.title))
    expect(second).toMatchObject({ nextToken: 'last', items: [tricky.title], listed: 1, severityCounts: { HIGH: 1 } })
  })

  it('leaves error answers to the SDK: the AWS error name is kept', async () => {
    const { client } = clientAnswering(400, JSON.stringify({ __type: 'ScanNotFoundException', message: 'no scan' }), {
      'x-amzn-errortype': 'ScanNotFoundException'
    })
    const error = await ecrPort(client)
      .describeImageScanFindingsPage(input, keep('enhancedFindings'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('ScanNotFoundException')
  })

  it('fails closed on a 200 answer that is not JSON', async () => {
    const { client } = clientAnswering(200, '{"imageScanFindings":{"enhancedFindings":[{"a":1},')
    const error = await ecrPort(client)
      .describeImageScanFindingsPage(input, keep('enhancedFindings'))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toMatch(
      /Could not read the scan findings of app@sha256:a+: MalformedResponse: .*not valid JSON/
    )
  })
})
