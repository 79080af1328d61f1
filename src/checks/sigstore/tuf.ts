/**
 * A Sigstore `trusted_root.json` fetched over TUF (tuf-js's `Updater`), as cosign and gh fetch it:
 * the repository's root metadata is seeded from a trusted `root.json`, then root rotations,
 * timestamp, snapshot and targets metadata are fetched and verified, and the target is checked
 * against its hashes. Every request is bounded by one short total bound (and the run's signal).
 *
 * The outcome says which way it failed: `unreachable` (no answer, a timeout, an HTTP error) lets a
 * caller fall back to a shipped root; `refused` (metadata that was fetched but failed TUF
 * verification: a bad signature, a rollback, expired metadata, a hash mismatch) must not be
 * papered over, since that is what a tampered mirror looks like.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { BaseFetcher, Updater } from 'tuf-js'
import { DownloadHTTPError, DownloadError } from 'tuf-js/dist/error.js'
import { errorMessage } from '../../core/errors.js'
import { parseTrustedRoot, type SigstoreTrust } from './trusted-root.js'
import { tufRootVersion } from './tuf-root.js'

/** The TUF target that holds the Sigstore trusted root. */
export const TRUSTED_ROOT_TARGET = 'trusted_root.json'

/** Default total bound of one refresh, in milliseconds. */
export const TUF_TIMEOUT_MS = 5000

/** Attempts at most, when the mirror could not be reached. */
const MAX_ATTEMPTS = 2

/** What a refresh is asked for. */
export interface TufRefreshOptions {
  /** The repository's URL, e.g. `https://tuf-repo-cdn.sigstore.dev`; targets are under `<mirror>/targets`. */
  mirror: string
  /** The TUF root metadata (`root.json`) the repository is trusted from. */
  seedRoot: string | Uint8Array
  /** Names the root in messages, e.g. "the Sigstore public-good trusted root". */
  label: string
  /** Where metadata is cached; default `<RUNNER_TEMP or the OS temp dir>/ecr-deploy-gate-tuf/<mirror and seed hash>`. */
  cacheDir?: string
  /** Total bound in ms (default 5 s). */
  timeoutMs?: number
  /** The run's signal: aborting it ends the refresh at once. */
  signal?: AbortSignal
  /** Environment read for RUNNER_TEMP (default `process.env`). */
  env?: NodeJS.ProcessEnv
}

/** What a refresh gave. */
export type TufOutcome =
  { ok: true; trust: SigstoreTrust; rootVersion: number } | { ok: false; kind: 'unreachable' | 'refused'; reason: string }

/** Seed metadata as text. */
function seedText(seed: string | Uint8Array): string {
  return typeof seed === 'string' ? seed : Buffer.from(seed).toString('utf8')
}

/** The default cache directory of a mirror and seed. */
export function tufCacheDir(mirror: string, seed: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.RUNNER_TEMP !== undefined && env.RUNNER_TEMP !== '' ? env.RUNNER_TEMP : tmpdir()
  const id = createHash('sha256').update(mirror).update('\n').update(seed).digest('hex').slice(0, 16)
  return path.join(base, 'ecr-deploy-gate-tuf', id)
}

/** A fetch error that never reached TUF verification: the mirror did not answer usefully. */
class UnreachableError extends Error {}

/** tuf-js's fetcher over the global `fetch`, every request aborted by `signal`. */
class BoundedFetcher extends BaseFetcher {
  constructor(private readonly signal: AbortSignal) {
    super()
  }

  override async fetch(url: string): Promise<ReadableStream<Uint8Array<ArrayBuffer>>> {
    let response: Response
    try {
      response = await fetch(url, { signal: this.signal, redirect: 'error' })
    } catch (error) {
      throw new UnreachableError(this.signal.aborted ? 'no answer within the bound' : describeFetchError(error), { cause: error })
    }
    // tuf-js reads 403/404 on `<n>.root.json` as "no newer root": it needs its own error type.
    if (!response.ok || response.body === null) {
      await response.body?.cancel().catch(() => undefined)
      throw new DownloadHTTPError(`${url} answered HTTP ${response.status}`, response.status)
    }
    return response.body as ReadableStream<Uint8Array<ArrayBuffer>>
  }
}

function describeFetchError(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined
  const code = (cause as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? `${errorMessage(error)} (${code})` : cause !== undefined ? errorMessage(cause) : errorMessage(error)
}

/** Whether a tuf-js failure is "could not reach" (fall back) rather than "refused" (fail). */
function isUnreachable(error: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true
  if (error instanceof UnreachableError) return true
  // An HTTP error is an unusable answer, not metadata that failed verification. A body over its
  // declared length is refused: that is an endless-data attack.
  if (error instanceof DownloadHTTPError) return true
  if (error instanceof DownloadError) return false
  return false
}

/**
 * Fetches and verifies the repository's `trusted_root.json` over TUF, and parses it with
 * `parseTrustedRoot` (so the validFor.start rule applies). Never throws.
 */
export async function refreshTrustedRoot(options: TufRefreshOptions): Promise<TufOutcome> {
  const seed = seedText(options.seedRoot)
  const mirror = options.mirror.replace(/\/+$/, '')
  let seedVersion: number
  try {
    seedVersion = tufRootVersion(seed)
  } catch (error) {
    return { ok: false, kind: 'refused', reason: `the TUF root given for ${mirror}: ${errorMessage(error)}` }
  }
  const timeoutMs = Math.max(1, options.timeoutMs ?? TUF_TIMEOUT_MS)
  const bound = AbortSignal.timeout(timeoutMs)
  const signal = options.signal !== undefined ? AbortSignal.any([bound, options.signal]) : bound
  const cacheDir = options.cacheDir ?? tufCacheDir(mirror, seed, options.env)
  let last: TufOutcome = { ok: false, kind: 'unreachable', reason: `${mirror} was not tried` }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (signal.aborted) break
    last = await attemptRefresh(mirror, seed, seedVersion, cacheDir, options.label, signal)
    if (last.ok || last.kind === 'refused') return last
  }
  if (!last.ok && signal.aborted) {
    const why = options.signal?.aborted === true ? 'the run limit was reached' : `no answer within ${timeoutMs} ms`
    return { ok: false, kind: 'unreachable', reason: `${mirror} could not be reached (${why})` }
  }
  return last
}

async function attemptRefresh(
  mirror: string,
  seed: string,
  seedVersion: number,
  cacheDir: string,
  label: string,
  signal: AbortSignal
): Promise<TufOutcome> {
  const metadataDir = path.join(cacheDir, 'metadata')
  const targetDir = path.join(cacheDir, 'targets')
  try {
    await mkdir(metadataDir, { recursive: true })
    await mkdir(targetDir, { recursive: true })
    // A cached root is kept when it is at least the seed's version (it was reached from the seed
    // by verified rotations); otherwise the seed starts the chain.
    let cachedVersion = 0
    try {
      cachedVersion = tufRootVersion(await readFile(path.join(metadataDir, 'root.json'), 'utf8'))
    } catch {
      cachedVersion = 0
    }
    if (cachedVersion < seedVersion) await writeFile(path.join(metadataDir, 'root.json'), seed)
  } catch (error) {
    return { ok: false, kind: 'unreachable', reason: `the TUF cache ${cacheDir} could not be written: ${errorMessage(error)}` }
  }
  const updater = new Updater({
    metadataDir,
    metadataBaseUrl: mirror,
    targetDir,
    targetBaseUrl: `${mirror}/targets`,
    fetcher: new BoundedFetcher(signal),
    config: { fetchRetries: 0, fetchTimeout: 1 }
  })
  const aborted = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(new UnreachableError('no answer within the bound'))
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  aborted.catch(() => undefined)
  let text: string
  try {
    text = await Promise.race([fetchTarget(updater), aborted])
  } catch (error) {
    if (isUnreachable(error, signal))
      return { ok: false, kind: 'unreachable', reason: `${mirror} could not be reached (${errorMessage(error)})` }
    return {
      ok: false,
      kind: 'refused',
      reason: `the TUF metadata of ${mirror} failed verification (${errorName(error)}: ${errorMessage(error)}); the mirror may have been tampered with or rolled back`
    }
  }
  let rootVersion: number
  try {
    rootVersion = tufRootVersion(await readFile(path.join(metadataDir, 'root.json'), 'utf8'))
  } catch {
    rootVersion = seedVersion
  }
  try {
    const trust = parseTrustedRoot(text, `${label}, refreshed over TUF from ${mirror} (root v${rootVersion})`)
    return { ok: true, trust, rootVersion }
  } catch (error) {
    return { ok: false, kind: 'refused', reason: `the ${TRUSTED_ROOT_TARGET} that ${mirror} serves is refused: ${errorMessage(error)}` }
  }
}

async function fetchTarget(updater: Updater): Promise<string> {
  await updater.refresh()
  const info = await updater.getTargetInfo(TRUSTED_ROOT_TARGET)
  if (info === undefined) throw new Error(`the repository has no ${TRUSTED_ROOT_TARGET} target`)
  const file = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info))
  return readFile(file, 'utf8')
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : 'Error'
}
