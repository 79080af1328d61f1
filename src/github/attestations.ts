/**
 * The GitHub attestations REST API as the `AttestationApi` port, through `@actions/github`'s Octokit:
 * `GET /repos/{owner}/{repo}/attestations/{digest}` (or `/orgs/{org}/…`), following the `Link`
 * header's `rel="next"` within a page bound, each attestation's bundle read inline (`bundle`) or
 * from its short-lived `bundle_url` (raw snappy-compressed JSON). `GITHUB_API_URL` is honoured (GitHub
 * Enterprise Server, and the emulator). The token is masked before any request and is never sent to
 * a `bundle_url`. Every response body is size-bounded before it is parsed.
 */
import { getOctokit } from '@actions/github'
import { defaults } from '@actions/github/lib/utils'
import { uncompress } from 'snappyjs'
import { errorMessage } from '../core/errors.js'
import type { Clock, Logger, Sleep } from '../core/ports.js'
import {
  AttestationApiError,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLES,
  parseBundleText,
  type ApiListing,
  type AttestationApi
} from '../checks/attestation/sources.js'

/** Bound on one page of the listing (100 inline bundles of ~15 KiB fit easily). */
export const MAX_PAGE_BYTES = 8 * 1024 * 1024
/** Most pages followed; a listing that goes on is a failure, not a silent cut. */
export const MAX_PAGES = 10
/** Bound on one compressed bundle at a `bundle_url`. */
const MAX_COMPRESSED_BYTES = MAX_BUNDLE_BYTES
/** Per-request timeout (each request is also bounded by the run's signal). */
const REQUEST_TIMEOUT_MS = 30_000
/** Longest rate-limit wait the gate accepts; a longer one fails with the time it would have to wait. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000
const MAX_ATTEMPTS = 4

/** Options of {@link githubAttestationApi}. */
export interface GitHubApiOptions {
  token: string
  /** The API's base URL (`GITHUB_API_URL`); default `https://api.github.com`. */
  baseUrl?: string
  log: Logger
  sleep: Sleep
  now: Clock
  /** The HTTP client (tests may inject); defaults to the proxy-aware fetch of `@actions/github`. */
  fetch?: typeof fetch
}

class BodyTooLarge extends Error {}

/** Reads at most `limit` bytes of a response body; over it, throws. */
async function readLimited(response: Response, limit: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined)
    throw new BodyTooLarge(`${what} declares ${declared} bytes, over the ${limit}-byte limit`)
  }
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader()
  if (reader === undefined) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > limit) {
      await reader.cancel().catch(() => undefined)
      throw new BodyTooLarge(`${what} is over the ${limit}-byte limit`)
    }
    chunks.push(value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(header: string | null | undefined): string | undefined {
  if (!header) return undefined
  for (const part of header.split(',')) {
    const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part)
    if (m && /\brel="?next"?/.test(m[2] ?? '')) return m[1]
  }
  return undefined
}

interface HttpError {
  status: number
  headers: Record<string, string | undefined>
  message: string
}

function httpError(error: unknown): HttpError | undefined {
  const e = error as { status?: unknown; response?: { headers?: Record<string, string | undefined> }; message?: unknown }
  if (typeof e?.status !== 'number') return undefined
  return { status: e.status, headers: e.response?.headers ?? {}, message: typeof e.message === 'string' ? e.message : '' }
}

/** Builds the port. The token is masked at once, before any request could print it. */
export function githubAttestationApi(options: GitHubApiOptions): AttestationApi {
  const { log, sleep, now } = options
  if (options.token === '')
    return {
      list: () => {
        return Promise.reject(
          new AttestationApiError(
            "'github-token' is empty: the attestations API needs a token with attestations: read (the workflow's token is the default)",
            'auth'
          )
        )
      }
    }
  log.setSecret(options.token)
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '')
  const base = new URL(baseUrl)
  const innerFetch: typeof fetch = options.fetch ?? (defaults.request?.fetch as typeof fetch | undefined) ?? globalThis.fetch
  // Every API body is read bounded, then handed to Octokit as a fresh response.
  const boundedFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const response = await innerFetch(input, init)
    const bytes = await readLimited(response, MAX_PAGE_BYTES, 'a page of the attestations API')
    return new Response(response.status === 204 || response.status === 304 ? null : bytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    })
  }) as typeof fetch
  const octokit = getOctokit(options.token, { baseUrl, request: { fetch: boundedFetch } })

  /** One request with the retries GitHub documents: rate limits (within the deadline) and 5xx. */
  const request = async (route: string, params: Record<string, unknown>, signal: AbortSignal | undefined, what: string) => {
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
      const combined = signal !== undefined ? AbortSignal.any([signal, timeout]) : timeout
      try {
        return await octokit.request(route, { ...params, request: { signal: combined } })
      } catch (error) {
        if (error instanceof BodyTooLarge || (error as { cause?: unknown }).cause instanceof BodyTooLarge)
          throw new AttestationApiError(errorMessage(error instanceof BodyTooLarge ? error : (error as { cause: unknown }).cause), 'bound')
        if (signal?.aborted === true) throw new AttestationApiError(`${what}: the run limit was reached`, 'unavailable')
        const http = httpError(error)
        if (http === undefined) {
          if (attempt < MAX_ATTEMPTS) {
            log.info(`${what} failed (${errorMessage(error)}); attempt ${attempt} of ${MAX_ATTEMPTS}, retrying in ${200 * attempt} ms`)
            await sleep(200 * attempt, signal)
            continue
          }
          throw new AttestationApiError(`${what} failed: ${errorMessage(error)}`, 'unavailable')
        }
        if (http.status === 404) return undefined
        const remaining = http.headers['x-ratelimit-remaining']
        const retryAfter = Number(http.headers['retry-after'])
        const rateLimited = http.status === 429 || (http.status === 403 && (remaining === '0' || Number.isFinite(retryAfter)))
        if (rateLimited) {
          const reset = Number(http.headers['x-ratelimit-reset'])
          const waitMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : Number.isFinite(reset) ? Math.max(0, reset * 1000 - now()) : 1000
          if (attempt >= MAX_ATTEMPTS || waitMs > MAX_RATE_LIMIT_WAIT_MS)
            throw new AttestationApiError(
              `${what}: the GitHub API rate limit was reached (HTTP ${http.status}); it resets in ${Math.ceil(waitMs / 1000)} s. Use a token with a higher limit (a GitHub App token), or rerun later`,
              'rate-limit'
            )
          log.info(
            `${what}: rate limited (HTTP ${http.status}); attempt ${attempt} of ${MAX_ATTEMPTS}, waiting ${Math.ceil(waitMs / 1000)} s`
          )
          await sleep(waitMs, signal)
          if (isAborted(signal))
            throw new AttestationApiError(`${what}: rate limited, and the run limit was reached while waiting`, 'rate-limit')
          continue
        }
        if (http.status === 401)
          throw new AttestationApiError(
            `${what}: the GitHub API refused the token (HTTP 401 Bad credentials): check 'github-token' (a token with attestations: read)`,
            'auth'
          )
        if (http.status === 403)
          throw new AttestationApiError(
            `${what}: HTTP 403 (${http.message.slice(0, 200) || 'forbidden'}): the token cannot read attestations. Give the job 'permissions: attestations: read' (with contents: read), or pass as 'github-token' a fine-grained token or GitHub App token with Attestations: read on that repository`,
            'auth'
          )
        if (http.status >= 500 && attempt < MAX_ATTEMPTS) {
          log.info(`${what}: HTTP ${http.status}; attempt ${attempt} of ${MAX_ATTEMPTS}, retrying in ${200 * attempt} ms`)
          await sleep(200 * attempt, signal)
          continue
        }
        throw new AttestationApiError(`${what}: HTTP ${http.status} ${http.message.slice(0, 200)}`, 'unavailable')
      }
    }
  }

  const fetchBundleUrl = async (url: string, signal: AbortSignal | undefined, what: string): Promise<unknown> => {
    let target: URL
    try {
      target = new URL(url)
    } catch (error) {
      throw new Error(`${what}: bundle_url is not a URL`, { cause: error })
    }
    if (target.protocol !== 'https:' && !(target.protocol === 'http:' && isLoopback(target.hostname)))
      throw new Error(`${what}: bundle_url is not https`)
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    // No Authorization header: the URL is pre-signed, and the token must not leave the API.
    const response = await innerFetch(target, {
      signal: signal !== undefined ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'follow'
    })
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined)
      throw new Error(`${what}: bundle_url answered HTTP ${response.status}`)
    }
    const compressed = await readLimited(response, MAX_COMPRESSED_BYTES, `${what} (bundle_url)`)
    let raw: Uint8Array
    try {
      raw = uncompress(compressed, MAX_BUNDLE_BYTES)
    } catch (error) {
      throw new Error(`${what}: bundle_url is not a snappy-compressed bundle within ${MAX_BUNDLE_BYTES} bytes (${errorMessage(error)})`, {
        cause: error
      })
    }
    return parseBundleText(Buffer.from(raw).toString('utf8'), `${what} (bundle_url)`)
  }

  return {
    async list(scope, digest, predicateType, { signal }): Promise<ApiListing> {
      const route =
        scope.repo !== undefined
          ? 'GET /repos/{owner}/{repo}/attestations/{subject_digest}'
          : 'GET /orgs/{org}/attestations/{subject_digest}'
      const where = scope.repo !== undefined ? `${scope.owner}/${scope.repo}` : scope.owner
      const params: Record<string, unknown> =
        scope.repo !== undefined
          ? { owner: scope.owner, repo: scope.repo, subject_digest: digest, per_page: 100, predicate_type: predicateType }
          : { org: scope.owner, subject_digest: digest, per_page: 100, predicate_type: predicateType }
      const entries: unknown[] = []
      let next: string | undefined
      for (let page = 1; ; page++) {
        const what = `Listing the attestations of ${digest.slice(0, 19)}… in ${where} (page ${page})`
        const response = page === 1 ? await request(route, params, signal, what) : await request('GET {+url}', { url: next }, signal, what)
        if (response === undefined) {
          if (page === 1) return { found: false }
          throw new AttestationApiError(`${what}: the next page answered 404`, 'unavailable')
        }
        const data = response.data as { attestations?: unknown }
        if (!Array.isArray(data?.attestations)) throw new AttestationApiError(`${what}: the answer has no attestations list`, 'unavailable')
        entries.push(...(data.attestations as unknown[]))
        if (entries.length > MAX_BUNDLES) throw new AttestationApiError(`${what}: more than ${MAX_BUNDLES} attestations`, 'bound')
        next = nextLink(response.headers.link)
        if (next === undefined) break
        const nextUrl = new URL(next, base)
        if (nextUrl.origin !== base.origin)
          throw new AttestationApiError(`${what}: the next page is on another host (${nextUrl.host})`, 'unavailable')
        next = nextUrl.toString()
        if (page >= MAX_PAGES)
          throw new AttestationApiError(
            `Listing the attestations of ${digest.slice(0, 19)}… in ${where}: the API has more than ${MAX_PAGES} pages; stopped (it may paginate forever)`,
            'bound'
          )
      }
      const bundles: unknown[] = []
      const problems: string[] = []
      for (const [i, entry] of entries.entries()) {
        const what = `attestation ${i + 1} from the API`
        const e = entry as { bundle?: unknown; bundle_url?: unknown } | null
        try {
          if (typeof e?.bundle_url === 'string' && e.bundle_url !== '') bundles.push(await fetchBundleUrl(e.bundle_url, signal, what))
          else if (typeof e?.bundle === 'object' && e.bundle !== null) {
            if (Buffer.byteLength(JSON.stringify(e.bundle), 'utf8') > MAX_BUNDLE_BYTES)
              throw new Error(`${what} is over the ${MAX_BUNDLE_BYTES}-byte bundle limit`)
            bundles.push(e.bundle)
          } else problems.push(`${what} has neither bundle nor bundle_url`)
        } catch (error) {
          if (signal?.aborted === true) throw new AttestationApiError(`${what}: the run limit was reached`, 'unavailable')
          problems.push(errorMessage(error))
        }
      }
      log.info(`The attestations API listed ${entries.length} attestation(s) for ${digest} in ${where}`)
      return { found: true, bundles, problems }
    }
  }
}
