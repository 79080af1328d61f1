/**
 * Where attestation bundles come from: the GitHub attestations API (through the `AttestationApi`
 * port, which an adapter builds with the workflow's token), the image's registry (OCI referrers
 * whose artifact type is a Sigstore bundle, layer 0 holding the bundle), or a bundle file read
 * once before any network call. Every source is size-bounded before parsing.
 */
import { errorMessage } from '../../core/errors.js'
import type { Logger } from '../../core/ports.js'
import { MediaTypes } from '../../core/constants.js'
import type { ImageArtifacts } from '../../registry/artifacts.js'

/** Bound on one bundle's JSON (real ones are 5-15 KiB). */
export const MAX_BUNDLE_BYTES = 1024 * 1024
/** Bound on a bundle file (`.jsonl` of many bundles). */
export const MAX_BUNDLE_FILE_BYTES = 16 * 1024 * 1024
/** Most bundles examined for one image, whatever the source (gh's own upper limit is 1000). */
export const MAX_BUNDLES = 1000
/** The artifact types of Sigstore bundles in a registry start with this. */
export const SIGSTORE_BUNDLE_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle'

/** The API scope: `/repos/{owner}/{repo}/…` when a repository is given, else `/orgs/{owner}/…`. */
export interface AttestationScope {
  owner: string
  repo?: string
}

/** A failure of the attestations API, after its retries. `kind` says what the person must fix. */
export class AttestationApiError extends Error {
  override readonly name = 'AttestationApiError'
  constructor(
    message: string,
    readonly kind: 'auth' | 'rate-limit' | 'bound' | 'unavailable'
  ) {
    super(message)
  }
}

/** The API's answer: the bundles (already decoded from `bundle` or `bundle_url`), or none at all (404). */
export type ApiListing = { found: true; bundles: unknown[]; problems: string[] } | { found: false }

/** The GitHub attestations API, as the check needs it. The adapter masks its token before any request. */
export interface AttestationApi {
  /** Every attestation of `digest` (`sha256:…`) in the scope, following pagination within its bounds. */
  list(scope: AttestationScope, digest: string, predicateType: string, options: { signal?: AbortSignal }): Promise<ApiListing>
}

/** Parses bundle JSON text, bounded; throws a message naming `what`. */
export function parseBundleText(text: string, what: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_BYTES) throw new Error(`${what} is over the ${MAX_BUNDLE_BYTES}-byte bundle limit`)
  try {
    return JSON.parse(text)
  } catch {
    throw new Error(`${what} is not JSON`)
  }
}

/**
 * The bundles of a bundle file's text: `.json` holds one bundle, `.jsonl` one per line (as the
 * attestations API and `gh attestation download` write them). Throws a message naming the line.
 */
export function parseBundleFile(text: string, path: string): unknown[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_FILE_BYTES) throw new Error(`${path} is over the ${MAX_BUNDLE_FILE_BYTES}-byte limit`)
  if (!/\.jsonl$/i.test(path)) return [parseBundleText(text, path)]
  const lines = text.split(/\r?\n/)
  const bundles: unknown[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    bundles.push(parseBundleText(line, `line ${i + 1} of ${path}`))
  })
  if (bundles.length === 0) throw new Error(`${path} holds no bundle`)
  if (bundles.length > MAX_BUNDLES) throw new Error(`${path} holds ${bundles.length} bundles, over the limit of ${MAX_BUNDLES}`)
  return bundles
}

/**
 * The Sigstore bundles stored beside the image as OCI referrers of its digest: manifests whose
 * artifact type starts with `application/vnd.dev.sigstore.bundle` (as `actions/attest` with
 * `push-to-registry: true` writes them), the bundle being layer 0. A referrer that cannot be read is
 * a problem, not a stop: the others may still pass.
 */
export async function registryBundles(
  artifacts: ImageArtifacts,
  repository: string,
  log: Logger
): Promise<{ bundles: unknown[]; problems: string[] }> {
  const referrers = (await artifacts.referrers()).filter((d) => d.artifactType?.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) === true)
  log.info(`Found ${referrers.length} Sigstore bundle referrer(s) in the registry`)
  const client = await artifacts.client()
  const bundles: unknown[] = []
  const problems: string[] = []
  const incomplete = await artifacts.referrersIncomplete()
  if (incomplete !== undefined)
    problems.push(`the referrers list is incomplete (${incomplete}), so an attestation beyond it was not examined`)
  for (const descriptor of referrers.slice(0, MAX_BUNDLES)) {
    const what = `referrer ${descriptor.digest.slice(0, 19)}`
    try {
      const manifest = await client.getManifest(repository, descriptor.digest, [MediaTypes.OciManifest])
      const parsed = JSON.parse(Buffer.from(manifest.bytes).toString('utf8')) as { layers?: unknown }
      const layer = Array.isArray(parsed.layers) ? (parsed.layers[0] as Record<string, unknown> | undefined) : undefined
      if (
        layer === undefined ||
        typeof layer.mediaType !== 'string' ||
        !layer.mediaType.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) ||
        typeof layer.digest !== 'string' ||
        typeof layer.size !== 'number'
      ) {
        problems.push(`${what}: its first layer is not a Sigstore bundle`)
        continue
      }
      const bytes = await client.getBlob(
        repository,
        { mediaType: layer.mediaType, digest: layer.digest, size: layer.size },
        MAX_BUNDLE_BYTES
      )
      bundles.push(parseBundleText(Buffer.from(bytes).toString('utf8'), what))
    } catch (error) {
      problems.push(`${what}: ${errorMessage(error)}`)
    }
  }
  return { bundles, problems }
}
