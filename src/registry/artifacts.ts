/**
 * The artifacts stored about one image in its registry, shared by every check of that image: the
 * registry client is authenticated once, on first use, and the referrers of the image's digest are
 * listed once, for every artifact type; each check picks the ones it understands.
 */
import type { Logger } from '../core/ports.js'
import type { Descriptor } from '../core/types.js'
import { RegistryClient, type ReferrerListing, type RegistryAuth } from './client.js'

/** Lazily authenticated access to one image's registry artifacts. */
export interface ImageArtifacts {
  /** The registry client (authenticated on first call; the same one afterwards). */
  client(): Promise<RegistryClient>
  /** Every referrer of the image's digest, whatever its artifact type (listed on first call only). */
  referrers(): Promise<Descriptor[]>
  /**
   * Why the referrers list is incomplete (a registry that paginates past the bound, or lists more
   * than it), or undefined when it is whole. Lists the referrers if no check has yet.
   */
  referrersIncomplete(): Promise<string | undefined>
}

/** Options of {@link imageArtifacts}. */
export interface ImageArtifactsOptions {
  repository: string
  digest: string
  /** Obtains the registry's address and credentials (e.g. from ecr:GetAuthorizationToken). */
  auth: () => Promise<RegistryAuth>
  log: Logger
  fetch?: typeof fetch
  /** Aborts every registry request (the run's limit). */
  signal?: AbortSignal
}

/** Builds the shared, memoised artifact access of one image. A failure is not cached away: it is every caller's failure. */
export function imageArtifacts(options: ImageArtifactsOptions): ImageArtifacts {
  let client: Promise<RegistryClient> | undefined
  let listing: Promise<ReferrerListing> | undefined
  const getClient = (): Promise<RegistryClient> => {
    client ??= options.auth().then(
      (auth) =>
        new RegistryClient(auth, {
          log: options.log,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.signal ? { signal: options.signal } : {})
        })
    )
    return client
  }
  const list = (): Promise<ReferrerListing> => {
    listing ??= getClient().then((c) => c.listReferrersReport(options.repository, options.digest))
    return listing
  }
  return {
    client: getClient,
    referrers: () => list().then((l) => l.descriptors),
    referrersIncomplete: () => list().then((l) => l.incomplete)
  }
}
