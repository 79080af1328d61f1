/**
 * DescribeImageScanFindings finding pages, read from the response body without the SDK's
 * deserialisation. A page of 1,000 enhanced findings is a few MB of JSON; the SDK parses it and
 * then copies it member by member into its own output objects (dates converted, every nested list
 * rebuilt), and reading ten such pages, two platforms at once, was what grew the process's memory
 * most (V8's young generation sizing itself to that allocation rate). Here the body is parsed once
 * with `JSON.parse` and each finding is handed to the caller's `map` (which keeps a compact,
 * bounded record) as soon as the page is parsed; nothing else of the page is kept.
 *
 * Only successful (2xx) answers are read here: error answers are left to the SDK, so error names,
 * retries, signing and the run's abort signal work exactly as for every other call. The middleware
 * runs inside the SDK's retry loop, so each attempt starts from an empty page.
 */
import type { Readable } from 'node:stream'

/** Which finding list of the page is read: `findings` under BASIC, `enhancedFindings` under ENHANCED. */
export type FindingsList = 'findings' | 'enhancedFindings'

/** One page, as far as the gate reads it. */
export interface FindingsPage<T> {
  /** `imageScanStatus.status`, when the page has a string there. */
  status?: string
  /** `imageScanStatus.description`, when the page has a string there. */
  description?: string
  /**
   * `imageScanFindings.imageScanCompletedAt`, when it is a valid time: epoch seconds in the JSON
   * body (AWS JSON protocol), a `Date` in an SDK-shaped output.
   */
  completedAt?: Date
  /** Whether the page has an `imageScanFindings` object at all. */
  hasImageScanFindings: boolean
  /** `imageScanFindings.findingSeverityCounts`, the entries whose value is a finite number. */
  severityCounts: Record<string, number>
  nextToken?: string
  /** What `map` returned for each finding of the list, in order, `undefined` results left out. */
  items: T[]
  /** How many entries the list had (the ones `map` dropped included). */
  listed: number
}

/** How a page's findings are turned into the caller's records. */
export interface PageReader<T> {
  list: FindingsList
  /** One finding as parsed from JSON (untrusted: any shape), to a record or `undefined` to drop it. */
  map(raw: unknown): T | undefined
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Thrown for a 2xx body that is not a JSON object: the SDK does not retry it, the gate fails closed. */
export class MalformedFindingsPageError extends Error {
  override readonly name = 'MalformedResponse'
}

/** A timestamp member: epoch seconds (the JSON body) or a `Date` (SDK-shaped); undefined when neither is valid. */
function timeOf(value: unknown): Date | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value * 1000 : Number.NaN
  const time = new Date(ms)
  return Number.isNaN(time.getTime()) ? undefined : time
}

/**
 * Builds the page from a parsed response (the JSON body, or an SDK-shaped output: the members the
 * gate reads have the same names and types in both). Throws `MalformedFindingsPageError` when the
 * answer is not an object or its finding list is not an array.
 */
export function pageOf<T>(response: unknown, reader: PageReader<T>): FindingsPage<T> {
  if (!isObject(response)) throw new MalformedFindingsPageError('the DescribeImageScanFindings answer is not a JSON object')
  const scanStatus = response['imageScanStatus']
  const status = isObject(scanStatus) && typeof scanStatus['status'] === 'string' ? scanStatus['status'] : undefined
  const description = isObject(scanStatus) && typeof scanStatus['description'] === 'string' ? scanStatus['description'] : undefined
  const findings = response['imageScanFindings']
  const completedAt = isObject(findings) ? timeOf(findings['imageScanCompletedAt']) : undefined
  const severityCounts: Record<string, number> = {}
  const items: T[] = []
  let listed = 0
  if (isObject(findings)) {
    const counts = findings['findingSeverityCounts']
    if (isObject(counts)) {
      for (const [key, value] of Object.entries(counts))
        if (typeof value === 'number' && Number.isFinite(value)) severityCounts[key] = value
    }
    const list = findings[reader.list]
    if (list !== undefined && list !== null) {
      if (!Array.isArray(list))
        throw new MalformedFindingsPageError(`imageScanFindings.${reader.list} of the DescribeImageScanFindings answer is not a list`)
      listed = list.length
      for (let i = 0; i < list.length; i++) {
        const item = reader.map(list[i])
        // Let the raw finding go as soon as it is read: the page object stays reachable until the loop ends.
        list[i] = undefined
        if (item !== undefined) items.push(item)
      }
    }
  }
  const token = response['nextToken']
  return {
    ...(status !== undefined ? { status } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(completedAt !== undefined ? { completedAt } : {}),
    hasImageScanFindings: isObject(findings),
    severityCounts,
    ...(typeof token === 'string' ? { nextToken: token } : {}),
    items,
    listed
  }
}

/**
 * Buffers that finding-page bodies are read into, reused from page to page. A page is 1–2 MB; read
 * into a new buffer each time, every page's buffer stayed allocated until a full collection (its
 * small wrapper object is promoted long before that, and ten such pages are only 17 MB of external
 * memory, below what makes V8 collect), so ten pages held about 17 MB at the peak. Here each read
 * takes a free buffer (or makes one, at least `initialBytes`, doubling when a body is larger), and
 * `use` works on the bytes while they are current; the buffer goes back once `use` returns or
 * throws. Two platforms are read at once, so up to `keep` free buffers are kept.
 *
 * `use` must not keep the bytes, nor any view of them, past its return: the next page overwrites
 * them. `parsePage` only ever keeps strings decoded from them, which are copies.
 */
export class BodyBuffers {
  private readonly free: Buffer[] = []

  constructor(
    private readonly initialBytes = 2 * 1024 * 1024,
    private readonly keep = 2
  ) {}

  /** How many free buffers are kept now (for tests). */
  get kept(): number {
    return this.free.length
  }

  /**
   * Reads `body` (a Node stream, bytes or a string) and calls `use` on its bytes. Bytes and strings
   * are used as they are; a stream is read into a reused buffer.
   */
  async read<R>(body: unknown, use: (bytes: Buffer) => R): Promise<R> {
    if (body instanceof Uint8Array) return use(Buffer.from(body.buffer, body.byteOffset, body.byteLength))
    if (typeof body === 'string') return use(Buffer.from(body))
    if (body === undefined || body === null) return use(Buffer.alloc(0))
    let buffer = this.free.pop() ?? Buffer.allocUnsafe(this.initialBytes)
    try {
      let length = 0
      for await (const piece of body as Readable) {
        const chunk = typeof piece === 'string' ? Buffer.from(piece) : (piece as Buffer)
        if (length + chunk.length > buffer.length) {
          const larger = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + chunk.length))
          buffer.copy(larger, 0, 0, length)
          buffer = larger
        }
        chunk.copy(buffer, length)
        length += chunk.length
      }
      return use(buffer.subarray(0, length))
    } finally {
      if (this.free.length < this.keep) this.free.push(buffer)
    }
  }
}

/** The bytes of a page, from a string or bytes. */
function bytesOf(text: string | Uint8Array): Buffer {
  return typeof text === 'string' ? Buffer.from(text) : Buffer.from(text.buffer, text.byteOffset, text.byteLength)
}

function malformed(why: string): MalformedFindingsPageError {
  return new MalformedFindingsPageError(`the DescribeImageScanFindings answer is not valid JSON (${why.slice(0, 200)})`)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw malformed((error as Error).message)
  }
}

/** Where the finding list lies in a page's bytes: the skeleton around it, and each element's byte range. */
interface ListSplit {
  /** The text with the list's elements cut out (the list left as `[]`). */
  skeleton: string
  /** [start, end) of each element's bytes. */
  elements: [number, number][]
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

function isJsonSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09
}

/**
 * The index of the quote that ends the string whose opening quote is at `open`: the next quote not
 * escaped, i.e. not preceded by an odd run of backslashes. `indexOf` finds each candidate natively,
 * so the long strings of a finding (descriptions, URLs) are not walked byte by byte in JavaScript.
 */
function stringEnd(bytes: Buffer, open: number): number {
  let from = open + 1
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from)
    if (quote < 0) throw malformed('a string does not end')
    let backslashes = 0
    while (quote - backslashes - 1 > open && bytes[quote - backslashes - 1] === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    from = quote + 1
  }
}

/**
 * Finds `imageScanFindings.<list>` of the top-level object in a page without building any value:
 * one pass over the bytes that tracks strings (with their escapes) and nesting, so it never
 * mistakes text inside a string for structure. Working on UTF-8 bytes is exact: every byte of a
 * multi-byte character is 0x80 or above, so it is never taken for a quote, bracket, comma or colon.
 * It only locates; validation is `JSON.parse`'s, on the skeleton and on each element, which together
 * are exactly the original text. Returns undefined when the list is not there as a plainly spelled
 * key (the caller then parses the whole text); throws when the nesting is broken or the list appears
 * twice.
 */
export function splitList(page: string | Uint8Array, list: FindingsList): ListSplit | undefined {
  const bytes = bytesOf(page)
  // Per open container: whether it is an object, and the key it is the value of (parent objects only).
  const isObjectAt: boolean[] = []
  const keyAt: (string | undefined)[] = []
  let pendingKey: string | undefined
  let found: { open: number; close: number; elements: [number, number][] } | undefined
  let inList = false
  let elementStart = 0
  const n = bytes.length
  for (let i = 0; i < n; i++) {
    const c = bytes[i]
    if (c === QUOTE) {
      const j = stringEnd(bytes, i)
      const depth = isObjectAt.length
      if (depth > 0 && isObjectAt[depth - 1] === true && depth <= 2) {
        let k = j + 1
        while (k < n && isJsonSpace(bytes[k])) k++
        if (bytes[k] === COLON) pendingKey = bytes.toString('utf8', i + 1, j)
      }
      i = j
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const depth = isObjectAt.length
      const key = depth > 0 && isObjectAt[depth - 1] === true ? pendingKey : undefined
      if (
        c === OPEN_BRACKET &&
        depth === 2 &&
        isObjectAt[0] === true &&
        isObjectAt[1] === true &&
        keyAt[1] === 'imageScanFindings' &&
        key === list
      ) {
        if (found !== undefined) throw malformed(`imageScanFindings.${list} appears twice`)
        found = { open: i, close: -1, elements: [] }
        inList = true
        elementStart = i + 1
      }
      isObjectAt.push(c === OPEN_BRACE)
      keyAt.push(key)
      pendingKey = undefined
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const wasObject = isObjectAt.pop()
      keyAt.pop()
      if (wasObject === undefined || wasObject !== (c === CLOSE_BRACE)) throw malformed('brackets do not match')
      if (inList && isObjectAt.length === 2 && found !== undefined) {
        const last: [number, number] = [elementStart, i]
        // `[]` (or blank) has no element; any other empty piece is left for JSON.parse to refuse.
        if (found.elements.length > 0 || !isBlank(bytes, elementStart, i)) found.elements.push(last)
        found.close = i
        inList = false
      }
      pendingKey = undefined
    } else if (c === COMMA && inList && isObjectAt.length === 3) {
      found?.elements.push([elementStart, i])
      elementStart = i + 1
    }
  }
  if (isObjectAt.length !== 0) throw malformed('the document does not end')
  if (found === undefined || found.close < 0) return undefined
  const skeleton = bytes.toString('utf8', 0, found.open + 1) + bytes.toString('utf8', found.close)
  return { skeleton, elements: found.elements }
}

/** Whether bytes [start, end) are JSON white space only. */
function isBlank(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isJsonSpace(bytes[i])) return false
  return true
}

/**
 * Parses a 2xx body into a page; a body that is not JSON fails with `MalformedFindingsPageError`.
 * The finding list is parsed one finding at a time (see `splitList`), each decoded from the bytes
 * only then, so what is built for a finding dies young once `reader.map` has taken its record:
 * parsing a whole page at once kept several MB of short-lived objects alive through every
 * collection, which is what grows V8's young generation. Invalid UTF-8 decodes as U+FFFD, as it
 * would in the whole text.
 */
export function parsePage<T>(page: string | Uint8Array, reader: PageReader<T>): FindingsPage<T> {
  const bytes = bytesOf(page)
  const split = splitList(bytes, reader.list)
  if (split === undefined) return pageOf(parseJson(bytes.toString('utf8')), reader)
  const skeleton = parseJson(split.skeleton)
  const findings = isObject(skeleton) ? skeleton['imageScanFindings'] : undefined
  const emptied = isObject(findings) ? findings[reader.list] : undefined
  // JSON.parse keeps the last of repeated keys: unless the list we cut out is the one it would read,
  // read the whole text the ordinary way.
  if (!Array.isArray(emptied) || emptied.length !== 0) return pageOf(parseJson(bytes.toString('utf8')), reader)
  const result = pageOf(skeleton, reader)
  for (const [start, end] of split.elements) {
    const item = reader.map(parseJson(bytes.toString('utf8', start, end)))
    if (item !== undefined) result.items.push(item)
  }
  result.listed = split.elements.length
  return result
}

interface HttpResponseLike {
  statusCode?: number
  body?: unknown
}

/** Where the middleware leaves the page of the last attempt. */
export interface PageSink<T> {
  page?: FindingsPage<T>
}

/** What `readPageFromBody` needs of a command: its own middleware stack. */
interface CommandWithStack {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<{ response: unknown }>) => (args: unknown) => Promise<{ response: unknown }>,
      options: { name: string; step: 'deserialize'; priority: 'low' }
    ): void
  }
}

/** The buffers every finding page of the process is read into. */
const pageBodies = new BodyBuffers()

/**
 * Adds to `command`'s stack a middleware, just inside the SDK's deserialiser, that reads a 2xx body
 * into `sink.page` through `reader` and hands the SDK an empty object instead. Returns the command.
 */
export function readPageFromBody<C, T>(command: C, reader: PageReader<T>, sink: PageSink<T>, bodies: BodyBuffers = pageBodies): C {
  ;(command as unknown as CommandWithStack).middlewareStack.add(
    (next) => async (args) => {
      delete sink.page
      const result = await next(args)
      const response = result.response as HttpResponseLike
      const status = response.statusCode ?? 0
      if (status < 200 || status >= 300) return result
      sink.page = await bodies.read(response.body, (bytes) => parsePage(bytes, reader))
      // What the SDK's own deserialiser is left to read: an empty object (a new buffer each time, the SDK adopts it).
      response.body = Buffer.from('{}')
      return result
    },
    { name: 'ecrDeployGateFindingsPage', step: 'deserialize', priority: 'low' }
  )
  return command
}
