/**
 * Resolves a tag or digest ONCE to the immutable digest the rest of the gate works on, and expands a
 * multi-arch index into its platform manifests (scans exist per platform manifest, never for the index).
 */
import type { ImageRef } from '../core/request.js'
import { jsonFromBytes, sha256Digest } from '../core/bytes.js'
import type { ImageIdentifier } from '@aws-sdk/client-ecr'
import type { EcrPort } from '../aws/ecr.js'
import { wrapAwsError } from '../aws/errors.js'
import { AwsCallError, SettingError } from '../core/errors.js'
import { Limits, MediaTypes } from '../core/constants.js'
import { Setting } from '../core/settings.js'
import { signalOf, type Logger, type SignalOption } from '../core/ports.js'
import type { ImageTarget, PlatformImage } from '../core/types.js'
import { imageUri, isValidDigest, isValidRegistryId } from './reference.js'

/** What to resolve: a repository plus a tag, a digest, or both (then they must agree). */
export type ResolveRequest = Omit<ImageRef, 'reference'>

/** The image is not something the gate can judge (malformed, nested index, digest mismatch…). */
export class UnsupportedImageError extends Error {
  override readonly name = 'UnsupportedImageError'
}

const INDEX_TYPES: ReadonlySet<string> = new Set([MediaTypes.OciIndex, MediaTypes.DockerManifestList])
const MANIFEST_TYPES: ReadonlySet<string> = new Set([MediaTypes.OciManifest, MediaTypes.DockerManifest])
const PLATFORM_WORD = /^[A-Za-z0-9._-]{1,64}$/
/** Every media type ECR is asked for; without them BatchGetImage may convert or refuse the manifest. */
const ACCEPTED_MEDIA_TYPES = [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest]

/**
 * Resolves tag or digest to the immutable digest with ECR: DescribeImages (digest + media type), then
 * BatchGetImage with every supported media type accepted (manifest bytes). The manifest bytes are
 * size-bounded (4 MiB) and their sha256 must equal the digest, else the image is refused.
 * If both tag and digest are given they must name the same image (SettingError on 'digest' otherwise).
 * For an index, returns every platform manifest (attestation entries dropped); nested indexes and
 * indexes without a platform manifest are refused. AWS errors become AwsCallError with a fix.
 * `options.signal` is passed to both calls.
 */
export async function resolveImage(ecr: EcrPort, request: ResolveRequest, log: Logger, options: SignalOption = {}): Promise<ImageTarget> {
  const { region, repository, tag, digest } = request
  if (tag === undefined && digest === undefined) {
    throw new SettingError(Setting.Tag, `set '${Setting.Tag}' or '${Setting.Digest}' (or '${Setting.Image}')`)
  }
  if (digest !== undefined && !isValidDigest(digest)) {
    throw new SettingError(Setting.Digest, `Invalid '${Setting.Digest}': expected sha256:<64 lowercase hex>`)
  }
  const what = tag !== undefined ? `${repository}:${tag}` : `${repository}@${digest ?? ''}`
  const registryIdParam = request.registryId !== undefined ? { registryId: request.registryId } : {}

  // 1. DescribeImages: which digest the tag points at right now, and the manifest media type.
  const imageId: ImageIdentifier = tag !== undefined ? { imageTag: tag } : { imageDigest: digest }
  let described
  try {
    described = await ecr.describeImages(
      { ...registryIdParam, repositoryName: repository, imageIds: [imageId] },
      { what: `describe image ${what}`, ...signalOf(options) }
    )
  } catch (error) {
    throw mapEcrError(error, 'DescribeImages', 'ecr:DescribeImages', request, `describe image ${what}`)
  }
  const details = described.imageDetails ?? []
  if (details.length !== 1) {
    throw new UnsupportedImageError(`ECR DescribeImages returned ${details.length} images for ${what}; expected exactly one`)
  }
  const detail = details[0]!
  const resolved = detail.imageDigest
  if (resolved === undefined || !isValidDigest(resolved)) {
    throw new UnsupportedImageError(`ECR returned no usable sha256 digest for ${what}`)
  }
  if (tag !== undefined && digest !== undefined && resolved !== digest) {
    throw new SettingError(
      Setting.Digest,
      `Tag '${tag}' points at ${resolved} but digest ${digest} was given; the tag moved or the inputs disagree`
    )
  }
  const registryId = request.registryId ?? detail.registryId
  if (registryId === undefined || !isValidRegistryId(registryId)) {
    throw new UnsupportedImageError(`ECR did not report a 12-digit registry id for ${what}; set '${Setting.RegistryId}'`)
  }
  log.debug(`${what} is ${resolved} (${detail.imageManifestMediaType ?? 'media type not reported'})`)

  // 2. BatchGetImage by digest, never by tag again: the manifest bytes we judge.
  let got
  try {
    got = await ecr.batchGetImage(
      {
        registryId,
        repositoryName: repository,
        imageIds: [{ imageDigest: resolved }],
        acceptedMediaTypes: [...ACCEPTED_MEDIA_TYPES]
      },
      { what: `get the manifest of ${what}`, ...signalOf(options) }
    )
  } catch (error) {
    throw mapEcrError(error, 'BatchGetImage', 'ecr:BatchGetImage', request, `get the manifest of ${what}`)
  }
  const failure = got.failures?.[0]
  if (failure !== undefined) {
    const code = failure.failureCode ?? 'UnknownFailure'
    if (code === 'ImageNotFound') {
      throw new AwsCallError(
        `Image ${resolved} not found in repository '${repository}' (it was deleted after DescribeImages?)`,
        'ImageNotFoundException',
        'BatchGetImage'
      )
    }
    throw new AwsCallError(
      `Could not get the manifest of ${what} (${resolved}): ${code}${failure.failureReason ? `: ${failure.failureReason}` : ''}`,
      code,
      'BatchGetImage'
    )
  }
  const image = got.images?.[0]
  if (image === undefined || typeof image.imageManifest !== 'string') {
    throw new UnsupportedImageError(`ECR BatchGetImage returned no manifest for ${what} (${resolved})`)
  }
  const bytes = Buffer.from(image.imageManifest, 'utf8')
  if (bytes.length > Limits.manifestBytes) {
    throw new UnsupportedImageError(`Manifest of ${what} is ${bytes.length} bytes, over the ${Limits.manifestBytes}-byte limit`)
  }
  const actual = sha256Digest(bytes)
  if (actual !== resolved) {
    throw new UnsupportedImageError(
      `Manifest bytes of ${what} hash to ${actual}, not ${resolved}; refusing an image whose content does not match its digest`
    )
  }

  const manifest = parseJsonObject(bytes, `manifest of ${what}`)
  const mediaType = pickMediaType(manifest, image.imageManifestMediaType ?? detail.imageManifestMediaType, what)

  const target: ImageTarget = {
    registryId,
    region,
    repository,
    digest: resolved,
    mediaType,
    size: bytes.length,
    uri: imageUri(registryId, region, repository, resolved),
    platforms: []
  }
  if (tag !== undefined) target.tag = tag

  if (INDEX_TYPES.has(mediaType)) {
    target.platforms = platformsOf(manifest, resolved, what)
    log.debug(
      `${what} → ${resolved}: multi-arch index with ${target.platforms.length} platform manifest(s): ` +
        target.platforms.map((p) => `${platformName(p)} ${p.digest}`).join(', ')
    )
  } else {
    if (!Array.isArray(manifest['layers'])) {
      throw new UnsupportedImageError(`Manifest of ${what} (${mediaType}) has no layers; not an image manifest`)
    }
    log.debug(`${what} → ${resolved} (${mediaType})`)
  }
  return target
}

/** `os/architecture[/variant]`, the way Docker prints a platform. */
export function platformName(p: { os: string; architecture: string; variant?: string }): string {
  return p.variant !== undefined ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`
}

/**
 * Turns ECR errors into actionable AwsCallErrors; not-found errors get the exact subject named.
 * `doing` completes "Could not …" (the port has already used it; a raw error from a fake port is
 * wrapped here the same way).
 */
function mapEcrError(error: unknown, operation: string, action: string, request: ResolveRequest, doing: string): AwsCallError {
  const wrapped = wrapAwsError(error, { operation, action, what: doing })
  const code = wrapped.code
  const cause = wrapped.cause
  if (code === 'RepositoryNotFoundException') {
    return new AwsCallError(
      `Repository '${request.repository}' not found in registry ${request.registryId ?? '(default registry of the credentials)'} (region ${request.region})`,
      code,
      operation,
      { cause }
    )
  }
  if (code === 'ImageNotFoundException') {
    const message =
      request.tag !== undefined
        ? `Tag '${request.tag}' not found in repository '${request.repository}'`
        : `Image ${request.digest ?? ''} not found in repository '${request.repository}'`
    return new AwsCallError(message, code, operation, { cause })
  }
  return wrapped
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = jsonFromBytes(bytes)
  } catch {
    throw new UnsupportedImageError(`The ${what} is not valid JSON`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnsupportedImageError(`The ${what} is not a JSON object`)
  }
  return value as Record<string, unknown>
}

/**
 * The manifest's own `mediaType` wins over what ECR reports; if both exist they must agree, and the
 * result must be one of the four types the gate understands (schema 1 and artifacts are refused).
 */
function pickMediaType(manifest: Record<string, unknown>, reported: string | undefined, what: string): string {
  const declared = typeof manifest['mediaType'] === 'string' ? manifest['mediaType'] : undefined
  if (declared !== undefined && reported !== undefined && declared !== reported) {
    throw new UnsupportedImageError(
      `Manifest of ${what} declares media type ${declared} but ECR reports ${reported}; refusing the ambiguity`
    )
  }
  const mediaType = declared ?? reported
  if (mediaType === undefined) {
    // An OCI manifest may omit mediaType; fall back on its shape so it is not misread.
    if (Array.isArray(manifest['manifests'])) return MediaTypes.OciIndex
    if (Array.isArray(manifest['layers'])) return MediaTypes.OciManifest
    throw new UnsupportedImageError(`Cannot tell the media type of the manifest of ${what}`)
  }
  if (!INDEX_TYPES.has(mediaType) && !MANIFEST_TYPES.has(mediaType)) {
    throw new UnsupportedImageError(
      `Manifest of ${what} has unsupported media type ${mediaType}; expected an OCI or Docker v2 image manifest or index`
    )
  }
  return mediaType
}

function isAttestation(entry: Record<string, unknown>): boolean {
  const platform = entry['platform']
  if (typeof platform === 'object' && platform !== null && (platform as Record<string, unknown>)['os'] === 'unknown') {
    return true
  }
  const annotations = entry['annotations']
  return (
    typeof annotations === 'object' &&
    annotations !== null &&
    (annotations as Record<string, unknown>)['vnd.docker.reference.type'] === 'attestation-manifest'
  )
}

/** The platform manifests of an index; anything the gate cannot account for refuses the image. */
function platformsOf(index: Record<string, unknown>, indexDigest: string, what: string): PlatformImage[] {
  const entries = index['manifests']
  if (!Array.isArray(entries)) {
    throw new UnsupportedImageError(`Index ${what} has no 'manifests' list`)
  }
  const platforms: PlatformImage[] = []
  const seen = new Set<string>()
  for (const [i, raw] of entries.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new UnsupportedImageError(`Index ${what}: entry ${i} is not a descriptor`)
    }
    const entry = raw as Record<string, unknown>
    if (isAttestation(entry)) continue
    const digest = entry['digest']
    const mediaType = entry['mediaType']
    if (typeof digest !== 'string' || !isValidDigest(digest)) {
      throw new UnsupportedImageError(`Index ${what}: entry ${i} has no valid sha256 digest`)
    }
    if (typeof mediaType === 'string' && INDEX_TYPES.has(mediaType)) {
      throw new UnsupportedImageError(
        `Index ${what} contains a nested index (${digest}); nested indexes are not supported, push a flat multi-arch image`
      )
    }
    if (typeof mediaType !== 'string' || !MANIFEST_TYPES.has(mediaType)) {
      throw new UnsupportedImageError(
        `Index ${what}: entry ${digest} has unsupported media type ${typeof mediaType === 'string' ? mediaType : '(none)'}`
      )
    }
    if (digest === indexDigest) {
      throw new UnsupportedImageError(`Index ${what} lists itself as a platform manifest`)
    }
    const platform = entry['platform']
    if (typeof platform !== 'object' || platform === null) {
      throw new UnsupportedImageError(`Index ${what}: platform manifest ${digest} has no platform`)
    }
    const p = platform as Record<string, unknown>
    const os = p['os']
    const architecture = p['architecture']
    const variant = p['variant']
    // These strings come from the manifest and end up in logs and the report: keep them plain and short.
    if (typeof os !== 'string' || !PLATFORM_WORD.test(os) || typeof architecture !== 'string' || !PLATFORM_WORD.test(architecture)) {
      throw new UnsupportedImageError(`Index ${what}: platform manifest ${digest} has no valid os/architecture`)
    }
    if (variant !== undefined && (typeof variant !== 'string' || (variant !== '' && !PLATFORM_WORD.test(variant)))) {
      throw new UnsupportedImageError(`Index ${what}: platform manifest ${digest} has an invalid variant`)
    }
    if (seen.has(digest)) continue
    seen.add(digest)
    const image: PlatformImage = { digest, mediaType, os, architecture }
    if (typeof variant === 'string' && variant !== '') image.variant = variant
    platforms.push(image)
  }
  if (platforms.length === 0) {
    throw new UnsupportedImageError(`Index ${what} has no platform manifests (only attestations or nothing)`)
  }
  return platforms
}
