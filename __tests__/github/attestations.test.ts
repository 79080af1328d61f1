/**
 * The GitHub attestations API port against the emulator's loopback API (real Octokit over HTTP):
 * Link pagination, inline and bundle_url bundles, 404, 401, 403, rate limits waited out with an
 * injected sleep, and a listing that paginates forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { GitHubState } from '../../emulator/github.mjs'
import { startEmulator } from '../../emulator/server.mjs'
import { AttestationApiError } from '../../src/checks/attestation/index.js'
import { silentLogger } from '../../src/core/ports.js'
import { githubAttestationApi, nextLink } from '../../src/github/attestations.js'
import { cleanImage, enhancedScenario } from '../e2e/scenarios.js'

const digest = `sha256:${'1'.repeat(64)}`
const state: GitHubState = { attestations: [] }
let emu: Awaited<ReturnType<typeof startEmulator>>
const sleeps: number[] = []
const api = (token = 'ghs_secret') =>
  githubAttestationApi({
    token,
    baseUrl: emu.url,
    log: silentLogger,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => Date.now()
  })

beforeAll(async () => {
  for (let i = 0; i < 5; i++)
    state.attestations.push({ owner: 'o', repo: 'r', digest, bundle: { mediaType: `b${i}` }, form: i % 2 === 0 ? 'inline' : 'url' })
  emu = await startEmulator({ scenario: enhancedScenario([cleanImage]), port: 0, github: state })
})
afterAll(async () => emu?.stop())

describe('GitHub attestations API port', () => {
  it('follows Link pages and reads inline and bundle_url bundles, without the token on bundle_url', async () => {
    state.pageSize = 2
    state.requests = []
    const listing = await api().list({ owner: 'o', repo: 'r' }, digest, 'https://slsa.dev/provenance/v1', {})
    expect(listing).toEqual({ found: true, problems: [], bundles: [0, 1, 2, 3, 4].map((i) => ({ mediaType: `b${i}` })) })
    expect(state.requests.filter((q) => q.path.startsWith('/repos/o/r/attestations/'))).toHaveLength(3)
    expect(state.requests.filter((q) => q.path.startsWith('/_github/bundles/')).every((q) => q.authorization === undefined)).toBe(true)
    expect(state.requests[0]?.authorization).toBe('token ghs_secret')
    expect(state.requests[0]?.path).toContain('predicate_type=https%3A%2F%2Fslsa.dev%2Fprovenance%2Fv1')
  })

  it('404 is "not found"; the org endpoint without a repository', async () => {
    expect(await api().list({ owner: 'nobody' }, digest, 'x:y', {})).toEqual({ found: false })
  })

  it.each([
    [401, /HTTP 401 Bad credentials\): check 'github-token'/],
    [403, /HTTP 403 \(Resource not accessible by integration\).*permissions: attestations: read/]
  ])('%i is an auth error naming what to fix', async (status, message) => {
    state.status = status
    try {
      await expect(api().list({ owner: 'o', repo: 'r' }, digest, 'x:y', {})).rejects.toThrow(message)
    } finally {
      delete state.status
    }
  })

  it('waits out a rate limit, then fails once it persists', async () => {
    state.rateLimited = 1
    sleeps.length = 0
    expect(await api().list({ owner: 'o', repo: 'r' }, digest, 'x:y', {})).toMatchObject({ found: true })
    expect(sleeps).toHaveLength(1)
    state.rateLimited = 10
    const error = await api()
      .list({ owner: 'o', repo: 'r' }, digest, 'x:y', {})
      .catch((e: unknown) => e)
    state.rateLimited = 0
    expect(error).toBeInstanceOf(AttestationApiError)
    expect((error as AttestationApiError).kind).toBe('rate-limit')
    expect((error as Error).message).toMatch(/rate limit was reached \(HTTP 403\)/)
  })

  it('stops a listing that paginates forever', async () => {
    state.endlessPages = true
    state.pageSize = 1
    try {
      await expect(api().list({ owner: 'o', repo: 'none' }, digest, 'x:y', {})).rejects.toThrow(/more than 10 pages; stopped/)
    } finally {
      state.endlessPages = false
    }
  })

  it('an empty token fails without a request', async () => {
    await expect(api('').list({ owner: 'o', repo: 'r' }, digest, 'x:y', {})).rejects.toThrow(/'github-token' is empty/)
  })

  it('parses Link headers', () => {
    expect(nextLink('<https://a/x?after=2>; rel="next", <https://a/x?before=1>; rel="prev"')).toBe('https://a/x?after=2')
    expect(nextLink('<https://a/x>; rel="prev"')).toBeUndefined()
  })
})
