/**
 * A minimal OCI distribution client for the ECR registry endpoint: manifests, referrers (with the
 * `sha256-<hex>` tag fallback) and blobs. Every byte from the registry is untrusted: responses are
 * size-bounded while streaming and content is checked against its digest before anyone parses it.
 */
import { jsonFromBytes, sha256Digest } from '../core/bytes.js'
import pRetry, { AbortError } from 'p-retry'
import { Limits, MediaTypes } from '../core/constants.js'
import { errorMessage } from '../core/errors.js'
import { isValidDigest, isValidRepositoryName, isValidTag } from '../image/reference.js'
import { silentLogger, type Logger } from '../core/ports.js'
import type { Descriptor } from '../core/types.js'

/** Where the registry is and the `Authorization` header value for it (`Basic …`). */
export interface RegistryAuth {
  baseUrl: string
  authorization: string
}

/** Options of {@link RegistryClient}; `fetch` is injectable so tests can fake the network. */
export interface RegistryClientOptions {
  fetch?: typeof fetch
  log?: Logger
  /** Per request (each redirect hop included, body included); default 30 s. */
  timeoutMs?: number
  /** Retries of a request that failed on the network or with 429/5xx; default 3. */
  retries?: number
  /** First retry delay (doubles, with jitter, up to 2 s); default 250 ms. Tests set 1. */
  retryMinTimeoutMs?: number
  /**
   * The run's signal: once it aborts, the pending request (and its body) is abandoned and no retry
   * is made; combined with the per-request timeout.
   */
  signal?: AbortSignal
}

/** Statuses a registry answers under load or during a blip: worth another try. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504])

/** A transient failure inside one attempt: a network error or a retryable status. */
class TransientRegistryFailure extends Error {
  override readonly name = 'TransientRegistryFailure'
}

/** A registry request failed; `status` is the HTTP status when there was a response. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError'
  /** True when no response arrived (connection refused, reset, timeout): the request may be retried. */
  networkFailure = false
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

const MAX_REDIRECTS = 5
const DEFAULT_TIMEOUT_MS = 30_000
/** Referrers beyond this are not examined (a registry could list millions). */
export const MAX_REFERRERS = 1000
/** Referrers pages followed through `Link: <…>; rel="next"`. */
export const MAX_REFERRER_PAGES = 20

/** The referrers of a digest, and why the list is incomplete when a bound cut it short. */
export interface ReferrerListing {
  descriptors: Descriptor[]
  /** Set when the listing stopped at a bound, e.g. "the registry was still paginating after 20 pages". */
  incomplete?: string
}
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308])

/** True for hosts that never leave the machine: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (host === 'localhost' || host === '::1') return true
  // WHATWG URL has already normalised shorthand IPv4 (127.1, 0x7f.1) to dotted quads.
  return /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(host)
}

/**
 * Refuses any URL that is not https — except plain http to a loopback host (the local emulator) —
 * because the registry token and the checked bytes must not travel in clear over a network.
 */
export function assertSafeUrl(url: URL, what: string): void {
  if (url.protocol === 'https:') return
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return
  throw new RegistryError(`Refusing ${what} at ${url.protocol}//${url.host}: only https is allowed (plain http only for loopback hosts)`)
}

/** Parses and checks a registry base URL; `path` is its path without a trailing slash ('' for none). */
export function normaliseBaseUrl(baseUrl: string): { url: URL; path: string } {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new RegistryError(`Registry base URL is not a valid URL`)
  }
  assertSafeUrl(url, 'the registry base URL')
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new RegistryError(`Registry base URL must not carry credentials, a query or a fragment`)
  }
  return { url, path: url.pathname.replace(/\/+$/, '') }
}

/** Reads a body but never more than `limit` bytes: the declared length is checked first, then the stream. */
async function readBounded(response: Response, limit: number, what: string): Promise<Uint8Array> {
  const declared = response.headers.get('content-length')
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared) > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new RegistryError(`${what} is ${declared} bytes, over the ${limit}-byte limit`)
  }
  if (response.body === null) return new Uint8Array(0)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw new RegistryError(`${what} is larger than the ${limit}-byte limit; stopped reading`)
    }
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks, total))
}

function mediaTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Parses a descriptor from untrusted JSON; undefined when any required field is missing or malformed. */
export function toDescriptor(value: unknown): Descriptor | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const v = value as Record<string, unknown>
  const { mediaType, digest, size, artifactType, annotations } = v
  if (typeof mediaType !== 'string' || mediaType.length === 0 || mediaType.length > 255) return undefined
  if (typeof digest !== 'string' || !isValidDigest(digest)) return undefined
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) return undefined
  const descriptor: Descriptor = { mediaType, digest, size }
  if (artifactType !== undefined) {
    if (typeof artifactType !== 'string' || artifactType.length > 255) return undefined
    descriptor.artifactType = artifactType
  }
  if (annotations !== undefined) {
    if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) return undefined
    const copy: Record<string, string> = {}
    for (const [key, val] of Object.entries(annotations as Record<string, unknown>)) {
      if (typeof val === 'string') copy[key] = val
    }
    descriptor.annotations = copy
  }
  return descriptor
}

/** The `manifests` of an index as descriptors, plus how many entries were malformed. */
function indexDescriptors(bytes: Uint8Array, what: string): { descriptors: Descriptor[]; invalid: number } {
  let value: unknown
  try {
    value = jsonFromBytes(bytes)
  } catch {
    throw new RegistryError(`${what} is not valid JSON`)
  }
  const manifests = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['manifests'] : undefined
  // An empty index may omit the list; anything else in its place is malformed.
  if (manifests === undefined || manifests === null) return { descriptors: [], invalid: 0 }
  if (!Array.isArray(manifests)) throw new RegistryError(`${what} is not an OCI index`)
  const descriptors: Descriptor[] = []
  let invalid = 0
  for (const entry of manifests) {
    const descriptor = toDescriptor(entry)
    if (descriptor === undefined) invalid++
    else descriptors.push(descriptor)
  }
  return { descriptors, invalid }
}

/** The `rel="next"` target of a `Link` header, if any. */
function nextLink(header: string | null): string | undefined {
  if (header === null || header.length > 8192) return undefined
  for (const part of header.split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part)
    if (match !== null && /(^|;)\s*rel\s*=\s*"?next"?\s*(;|$)/i.test(match[2]!)) return match[1]
  }
  return undefined
}

/**
 * The tag schemes by which artifacts about an image are found when they are not (or not only)
 * referrers: the OCI referrers tag schema (`sha256-<hex>`, an index of referrers, for registries
 * without the Referrers API) and cosign's tags beside the image (`sha256-<hex>.sig` for signatures,
 * `.att` for attestations, `.sbom` for SBOMs).
 */
export type FallbackScheme = 'referrers' | 'cosign-signature' | 'cosign-attestation' | 'cosign-sbom'

const FALLBACK_SUFFIX: Record<FallbackScheme, string> = {
  referrers: '',
  'cosign-signature': '.sig',
  'cosign-attestation': '.att',
  'cosign-sbom': '.sbom'
}

/** The tag under which `scheme` stores artifacts about `digest` (a `sha256:<hex>` digest). */
export function fallbackTag(digest: string, scheme: FallbackScheme): string {
  if (!isValidDigest(digest)) throw new RegistryError(`Invalid subject digest for a ${scheme} tag`)
  return `sha256-${digest.slice('sha256:'.length)}${FALLBACK_SUFFIX[scheme]}`
}

/**
 * OCI distribution client bound to one registry and its token. The `Authorization` header is only
 * ever sent to the registry's own origin.
 */
export class RegistryClient {
  private readonly base: URL
  private readonly basePath: string
  private readonly fetchImpl: typeof fetch
  private readonly log: Logger
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly retryMinTimeoutMs: number
  private readonly signal: AbortSignal | undefined

  /** Throws RegistryError when `auth.baseUrl` is not https (or http to a loopback host). */
  constructor(
    private readonly auth: RegistryAuth,
    options: RegistryClientOptions = {}
  ) {
    const { url, path } = normaliseBaseUrl(auth.baseUrl)
    this.base = url
    this.basePath = path
    this.fetchImpl = options.fetch ?? globalThis.fetch
    this.log = options.log ?? silentLogger
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.retries = options.retries ?? 3
    this.retryMinTimeoutMs = options.retryMinTimeoutMs ?? 250
    this.signal = options.signal
  }

  /**
   * GET a manifest with the given Accept types. The body is bounded by `maxBytes` (default 4 MiB)
   * before it is buffered; when `reference` is a digest the bytes must hash to it. Returns the bytes,
   * the media type (Content-Type) and the computed digest.
   */
  async getManifest(
    repository: string,
    reference: string,
    accept: string[],
    maxBytes: number = Limits.manifestBytes
  ): Promise<{ bytes: Uint8Array; mediaType: string; digest: string }> {
    this.checkRepository(repository)
    const byDigest = isValidDigest(reference)
    if (!byDigest && !isValidTag(reference)) {
      throw new RegistryError(`Invalid manifest reference for ${repository}: expected a tag or sha256 digest`)
    }
    const what = `manifest ${repository}${byDigest ? '@' : ':'}${reference}`
    const response = await this.request(this.url(`/v2/${repository}/manifests/${reference}`), accept, what)
    if (!response.ok) throw await this.statusError(response, what)
    const bytes = await readBounded(response, maxBytes, what)
    const digest = sha256Digest(bytes)
    if (byDigest && digest !== reference) {
      throw new RegistryError(`Digest mismatch for ${what}: the registry sent content hashing to ${digest}`)
    }
    const claimed = response.headers.get('docker-content-digest')
    if (claimed !== null && isValidDigest(claimed.trim()) && claimed.trim() !== digest) {
      throw new RegistryError(`Digest mismatch for ${what}: Docker-Content-Digest says ${claimed.trim()}, content hashes to ${digest}`)
    }
    let mediaType = mediaTypeOf(response.headers.get('content-type'))
    if (mediaType === '' || mediaType === 'application/json' || mediaType === 'application/octet-stream') {
      mediaType = declaredMediaType(bytes) ?? mediaType
    }
    return { bytes, mediaType, digest }
  }

  /**
   * Referrers of `digest` — of every artifact type, or only `artifactType` when given — via the
   * Referrers API; on 404, the `sha256-<hex>` tag schema (404 there too → none). A filter is applied
   * client-side as well, since registries may ignore it; descriptors without an `artifactType` are
   * kept because the old tag schema and older registries omit it — the caller checks the manifest
   * itself. At most {@link MAX_REFERRERS} descriptors over at most {@link MAX_REFERRER_PAGES} pages.
   */
  async listReferrers(repository: string, digest: string, artifactType?: string): Promise<Descriptor[]> {
    return (await this.listReferrersReport(repository, digest, artifactType)).descriptors
  }

  /**
   * {@link listReferrers}, saying also whether the list was cut short at a bound (`incomplete`, e.g.
   * "the registry was still paginating after 20 pages"): a check that finds nothing among a cut list
   * must say so, since what it looks for may lie beyond the bound.
   */
  async listReferrersReport(repository: string, digest: string, artifactType?: string): Promise<ReferrerListing> {
    this.checkRepository(repository)
    if (!isValidDigest(digest)) throw new RegistryError(`Invalid subject digest for referrers of ${repository}`)
    const what = `referrers of ${repository}@${digest}`
    const found: Descriptor[] = []
    let invalid = 0
    let incomplete: string | undefined
    let url: URL | undefined = this.url(`/v2/${repository}/referrers/${digest}`)
    if (artifactType !== undefined) url.searchParams.set('artifactType', artifactType)
    for (let page = 0; url !== undefined; page++) {
      if (page >= MAX_REFERRER_PAGES) {
        this.log.warning(`Stopped listing ${what} after ${MAX_REFERRER_PAGES} pages`)
        incomplete = `the registry was still paginating after ${MAX_REFERRER_PAGES} pages`
        break
      }
      const response = await this.request(url, [MediaTypes.OciIndex], what)
      if (page === 0 && response.status === 404) {
        await response.body?.cancel().catch(() => undefined)
        this.log.debug(`Referrers API not available for ${repository}; falling back to the tag schema`)
        return { descriptors: await this.referrersFromTag(repository, digest, artifactType) }
      }
      if (!response.ok) throw await this.statusError(response, what)
      const bytes = await readBounded(response, Limits.manifestBytes, what)
      const parsed = indexDescriptors(bytes, what)
      invalid += parsed.invalid
      found.push(...parsed.descriptors)
      const link = nextLink(response.headers.get('link'))
      if (found.length >= MAX_REFERRERS) {
        if (link !== undefined || found.length > MAX_REFERRERS) {
          this.log.warning(`${what}: more than ${MAX_REFERRERS} referrers; examining the first ${MAX_REFERRERS}`)
          incomplete = `the registry listed more than ${MAX_REFERRERS} referrers`
        }
        break
      }
      url = link === undefined ? undefined : this.sameOrigin(link, url, what)
    }
    if (invalid > 0) this.log.warning(`Ignored ${invalid} malformed descriptor(s) in ${what}`)
    const descriptors = this.filterReferrers(found, artifactType, what)
    return incomplete === undefined ? { descriptors } : { descriptors, incomplete }
  }

  /**
   * A blob by descriptor: refuses `descriptor.size > maxBytes` before any request, follows at most 5
   * redirects without forwarding the token off the registry origin, stops reading at size + 1 bytes,
   * and checks size and sha256 digest.
   */
  async getBlob(repository: string, descriptor: Descriptor, maxBytes: number): Promise<Uint8Array> {
    this.checkRepository(repository)
    const { digest, size } = descriptor
    if (!isValidDigest(digest)) throw new RegistryError(`Invalid blob digest in ${repository}`)
    const what = `blob ${repository}@${digest}`
    if (!Number.isSafeInteger(size) || size < 0) throw new RegistryError(`Invalid size for ${what}`)
    if (size > maxBytes) {
      throw new RegistryError(`${what} declares ${size} bytes, over the ${maxBytes}-byte limit; not fetched`)
    }
    const response = await this.request(this.url(`/v2/${repository}/blobs/${digest}`), undefined, what)
    if (!response.ok) throw await this.statusError(response, what)
    const bytes = await readBounded(response, size, what)
    if (bytes.length !== size) {
      throw new RegistryError(`Size mismatch for ${what}: descriptor says ${size} bytes, received ${bytes.length}`)
    }
    const actual = sha256Digest(bytes)
    if (actual !== digest) throw new RegistryError(`Digest mismatch for ${what}: content hashes to ${actual}`)
    return bytes
  }

  /**
   * The manifest a tag points at, or undefined when the registry answers 404 (the tag does not
   * exist). For the tag schemes of {@link fallbackTag}; other failures propagate.
   */
  async findManifest(
    repository: string,
    tag: string,
    accept: string[],
    maxBytes: number = Limits.manifestBytes
  ): Promise<{ bytes: Uint8Array; mediaType: string; digest: string } | undefined> {
    try {
      return await this.getManifest(repository, tag, accept, maxBytes)
    } catch (error) {
      if (error instanceof RegistryError && error.status === 404) return undefined
      throw error
    }
  }

  private async referrersFromTag(repository: string, digest: string, artifactType: string | undefined): Promise<Descriptor[]> {
    const tag = fallbackTag(digest, 'referrers')
    const what = `referrers tag ${repository}:${tag}`
    const manifest = await this.findManifest(repository, tag, [MediaTypes.OciIndex])
    if (manifest === undefined) return []
    const parsed = indexDescriptors(manifest.bytes, what)
    if (parsed.invalid > 0) this.log.warning(`Ignored ${parsed.invalid} malformed descriptor(s) in ${what}`)
    return this.filterReferrers(parsed.descriptors, artifactType, what)
  }

  private filterReferrers(descriptors: Descriptor[], artifactType: string | undefined, what: string): Descriptor[] {
    const seen = new Set<string>()
    const kept: Descriptor[] = []
    for (const d of descriptors) {
      if (artifactType !== undefined && d.artifactType !== undefined && d.artifactType !== artifactType) continue
      if (seen.has(d.digest)) continue
      seen.add(d.digest)
      kept.push(d)
    }
    if (kept.length > MAX_REFERRERS) {
      this.log.warning(`${what}: ${kept.length} referrers listed, examining only the first ${MAX_REFERRERS}`)
      kept.length = MAX_REFERRERS
    }
    return kept
  }

  private checkRepository(repository: string): void {
    if (!isValidRepositoryName(repository)) throw new RegistryError(`Invalid repository name for a registry request`)
  }

  private url(path: string): URL {
    // Built from origin + path, never resolved relative to the base, so '//' cannot change the host.
    return new URL(`${this.base.origin}${this.basePath}${path}`)
  }

  /** Pagination links are resolved against the page and must stay on the registry origin. */
  private sameOrigin(link: string, current: URL, what: string): URL {
    let next: URL
    try {
      next = new URL(link, current)
    } catch {
      throw new RegistryError(`Invalid pagination link in ${what}`)
    }
    if (next.origin !== this.base.origin) {
      throw new RegistryError(`Refusing pagination link of ${what} to another origin (${next.host})`)
    }
    return next
  }

  /**
   * `requestOnce` with retries (p-retry) for network errors and 429/5xx answers, logged at info. The
   * last attempt's response is returned whatever its status, so the caller reports it.
   */
  private async request(start: URL, accept: string[] | undefined, what: string): Promise<Response> {
    const attempts = this.retries + 1
    let lastNetworkError: RegistryError | undefined
    try {
      return await pRetry(
        async (attempt) => {
          let response: Response
          try {
            response = await this.requestOnce(start, accept, what)
          } catch (error) {
            if (error instanceof RegistryError && error.networkFailure) {
              lastNetworkError = error
              throw new TransientRegistryFailure(error.message)
            }
            throw new AbortError(error instanceof Error ? error : String(error))
          }
          if (RETRY_STATUSES.has(response.status) && attempt < attempts) {
            await response.body?.cancel().catch(() => undefined)
            throw new TransientRegistryFailure(`HTTP ${response.status}`)
          }
          return response
        },
        {
          retries: this.retries,
          minTimeout: this.retryMinTimeoutMs,
          maxTimeout: 2000,
          factor: 2,
          randomize: true,
          ...(this.signal !== undefined ? { signal: this.signal } : {}),
          onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            if (retriesLeft > 0)
              this.log.info(`Fetching ${what}: attempt ${attemptNumber} of ${attempts} failed (${error.message}); retrying`)
          }
        }
      )
    } catch (error) {
      if (this.aborted()) throw this.deadlineError(what)
      // p-retry rethrows the last attempt's error: give back the RegistryError it stood for.
      if (error instanceof TransientRegistryFailure && lastNetworkError !== undefined) throw lastNetworkError
      throw error
    }
  }

  /** Read through a method: the run's signal can abort while a request is awaited. */
  private aborted(): boolean {
    return this.signal?.aborted === true
  }

  private deadlineError(what: string): RegistryError {
    return new RegistryError(`Could not fetch ${what} from ${this.base.host}: the registry did not answer before the deadline`)
  }

  /** GET with manual redirects: token only to the registry origin, https only (loopback excepted). */
  private async requestOnce(start: URL, accept: string[] | undefined, what: string): Promise<Response> {
    let url = start
    for (let hop = 0; ; hop++) {
      assertSafeUrl(url, what)
      const headers: Record<string, string> = {}
      if (accept !== undefined && accept.length > 0) headers['accept'] = accept.join(', ')
      if (url.origin === this.base.origin) headers['authorization'] = this.auth.authorization
      if (this.aborted()) throw this.deadlineError(what)
      const timeout = AbortSignal.timeout(this.timeoutMs)
      let response: Response
      try {
        response = await this.fetchImpl(url.href, {
          method: 'GET',
          headers,
          redirect: 'manual',
          signal: this.signal !== undefined ? AbortSignal.any([this.signal, timeout]) : timeout
        })
      } catch (error) {
        if (this.aborted()) throw this.deadlineError(what)
        const failure = new RegistryError(`Could not fetch ${what} from ${url.host}: ${errorMessage(error)}`, undefined, {
          cause: error
        })
        failure.networkFailure = true
        throw failure
      }
      if (!REDIRECT_STATUSES.has(response.status)) return response
      await response.body?.cancel().catch(() => undefined)
      if (hop >= MAX_REDIRECTS) throw new RegistryError(`Too many redirects fetching ${what} (more than ${MAX_REDIRECTS})`)
      const location = response.headers.get('location')
      if (location === null || location === '') {
        throw new RegistryError(`Redirect without Location fetching ${what} (HTTP ${response.status})`)
      }
      try {
        url = new URL(location, url)
      } catch {
        throw new RegistryError(`Invalid redirect target fetching ${what}`)
      }
      this.log.debug(`Fetching ${what}: redirected to ${url.host}`)
    }
  }

  private async statusError(response: Response, what: string): Promise<RegistryError> {
    // The error body is untrusted and uninteresting beyond its status; do not read it.
    await response.body?.cancel().catch(() => undefined)
    const status = response.status
    const host = this.base.host
    let hint: string
    if (status === 401) hint = 'registry rejected the ECR token (expired, or for another registry)'
    else if (status === 403) hint = 'access denied: grant ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the repository'
    else if (status === 404) hint = 'not found'
    else if (status === 429) hint = 'throttled by the registry'
    else hint = response.statusText || 'unexpected status'
    return new RegistryError(`Could not fetch ${what} from ${host}: HTTP ${status}: ${hint}`, status)
  }
}

/** The `mediaType` a manifest declares in its own JSON, if it parses and declares one. */
function declaredMediaType(bytes: Uint8Array): string | undefined {
  try {
    const value: unknown = jsonFromBytes(bytes)
    if (typeof value === 'object' && value !== null) {
      const mediaType = (value as Record<string, unknown>)['mediaType']
      if (typeof mediaType === 'string') return mediaType
    }
  } catch {
    // not JSON: the caller decides what to do with an unknown media type
  }
  return undefined
}
