/**
 * Trusted roots fetched over TUF once per run, on first use (tuf-js is loaded only then):
 *
 * - the Sigstore public-good root: refreshed from its mirror; when the mirror cannot be reached
 *   (no network, a timeout, an HTTP error) the root shipped with the action is used and the
 *   origin says why. Metadata that was fetched but fails TUF verification (a bad signature, a
 *   rollback, expired metadata, a hash mismatch) is refused: no fallback hides a tampered mirror.
 * - GitHub's own instance: refreshed from GitHub's TUF repository seeded with a root.json the user
 *   gives; there is no shipped copy, so any failure is refused.
 */
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' }
import type { Logger } from '../../core/ports.js'
import { PUBLIC_GOOD_ORIGIN, PUBLIC_GOOD_TUF_MIRROR, publicGoodTrustedRoot, type SigstoreTrust } from './trusted-root.js'

/** What a refreshed root gave: the trust to verify with, or why there is none. */
export type TrustOutcome = { ok: true; trust: SigstoreTrust } | { ok: false; reason: string }

/** Where one use of the root runs: the run's signal, and the log for the fallback warning. */
export interface TrustUse {
  signal?: AbortSignal
  log?: Pick<Logger, 'warning' | 'info'>
}

/** The root, resolved on first use and memoised for the run. */
export type TrustProvider = (use: TrustUse) => Promise<TrustOutcome>

/** The TUF root.json embedded in `@sigstore/tuf`'s seeds for the public-good repository. */
export function publicGoodSeedRoot(): string {
  const encoded = (seeds as Record<string, { 'root.json'?: string }>)[PUBLIC_GOOD_TUF_MIRROR]?.['root.json']
  if (encoded === undefined) throw new Error('The shipped Sigstore seeds hold no public-good TUF root')
  return Buffer.from(encoded, 'base64').toString('utf8')
}

function memo(resolve: (use: TrustUse) => Promise<TrustOutcome>): TrustProvider {
  let pending: Promise<TrustOutcome> | undefined
  return (use) => (pending ??= resolve(use))
}

/** A provider of fixed trust (a trusted root file, or refreshing off). */
export function fixedTrust(trust: SigstoreTrust): TrustProvider {
  const outcome: TrustOutcome = { ok: true, trust }
  return () => Promise.resolve(outcome)
}

/**
 * The public-good root refreshed from `mirror` (seeded with `seedRoot`, default the shipped seed),
 * falling back to the shipped root only when the mirror cannot be reached.
 */
export function publicGoodProvider(options: PublicGoodOptions): TrustProvider {
  return memo(async (use) => {
    const { refreshTrustedRoot } = await import('./tuf.js')
    const outcome = await refreshTrustedRoot({
      mirror: options.mirror,
      seedRoot: options.seedRoot ?? publicGoodSeedRoot(),
      label: options.mirror === PUBLIC_GOOD_TUF_MIRROR ? 'the Sigstore public-good trusted root' : 'the Sigstore trusted root',
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(use.signal !== undefined ? { signal: use.signal } : {})
    })
    if (outcome.ok) {
      use.log?.info(`Sigstore trusted root: ${outcome.trust.origin}`)
      return { ok: true, trust: outcome.trust }
    }
    if (outcome.kind === 'refused')
      return {
        ok: false,
        reason: `the Sigstore trusted root could not be refreshed: ${outcome.reason}; nothing was verified against it (give 'sigstore-trusted-root', or set 'sigstore-tuf-mirror: off' to use the root shipped with the action)`
      }
    const shipped = publicGoodTrustedRoot()
    const origin = `${PUBLIC_GOOD_ORIGIN} (the TUF refresh failed: ${outcome.reason})`
    use.log?.warning(`Sigstore trusted root not refreshed: ${outcome.reason}; using ${PUBLIC_GOOD_ORIGIN}`)
    return { ok: true, trust: { ...shipped, origin } }
  })
}

/** What `publicGoodProvider` takes: the mirror, the TUF seed root (default the shipped one), a bound. */
export interface PublicGoodOptions {
  mirror: string
  seedRoot?: string
  timeoutMs?: number
}

/**
 * The public-good roots of one run, one provider per mirror and seed root: the cosign check and
 * the build provenance check both verify against the public-good root, and with one provider the
 * run refreshes it once (one set of TUF fetches, one writer of its cache directory) instead of once
 * per check.
 */
export class PublicGoodRoots {
  private readonly providers = new Map<string, TrustProvider>()

  /** The run's provider for these options, made on first use. */
  provider(options: PublicGoodOptions): TrustProvider {
    const key = JSON.stringify([options.mirror, options.seedRoot ?? null, options.timeoutMs ?? null])
    let provider = this.providers.get(key)
    if (provider === undefined) {
      provider = publicGoodProvider(options)
      this.providers.set(key, provider)
    }
    return provider
  }
}

/** GitHub's instance root refreshed from `mirror`, seeded with the root.json the user gave. */
export function githubInstanceProvider(options: { mirror: string; seedRoot: string; rootPath: string; timeoutMs?: number }): TrustProvider {
  return memo(async (use) => {
    const { refreshTrustedRoot } = await import('./tuf.js')
    const outcome = await refreshTrustedRoot({
      mirror: options.mirror,
      seedRoot: options.seedRoot,
      label: "GitHub's Sigstore trusted root",
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(use.signal !== undefined ? { signal: use.signal } : {})
    })
    if (outcome.ok) {
      use.log?.info(`GitHub's Sigstore trusted root: ${outcome.trust.origin}`)
      return { ok: true, trust: outcome.trust }
    }
    return {
      ok: false,
      reason: `GitHub's Sigstore trusted root could not be fetched over TUF: ${outcome.reason} (seeded with ${options.rootPath}); check that the runner can reach ${options.mirror}, or pass the output of gh attestation trusted-root as 'attestation-trusted-root'`
    }
  })
}
