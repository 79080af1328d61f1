/**
 * Discovery of cosign signatures of one digest, over the registry port the check is handed: the
 * OCI 1.1 referrers whose single layer is a Sigstore bundle (cosign 3's default layout; also
 * cosign's legacy simple-signing manifests stored as referrers), and the legacy `sha256-<hex>.sig`
 * tag. Bounded in count and size; no trust decision is made here. A candidate that cannot be
 * fetched or is over its bound is still returned, with its problem, so the check reports it.
 */
import { jsonFromBytes } from '../../../core/bytes.js'
import { Limits, MediaTypes } from '../../../core/constants.js'
import { errorMessage } from '../../../core/errors.js'
import type { Logger } from '../../../core/ports.js'
import type { Descriptor } from '../../../core/types.js'
import { fallbackTag, toDescriptor, type RegistryClient } from '../../../registry/client.js'

/** Media types of cosign's layouts. */
export const CosignMediaTypes = {
  /** Prefix of every Sigstore bundle media type (`…bundle.v0.3+json`, `…bundle+json;version=0.x`). */
  BundlePrefix: 'application/vnd.dev.sigstore.bundle',
  SimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  /** config.mediaType (and, since cosign 3.1.2, artifactType) of a legacy signature stored as a referrer. */
  LegacyReferrer: 'application/vnd.dev.cosign.artifact.sig.v1+json'
} as const

/** Signatures examined per image (referrer manifests plus legacy layers). */
export const MAX_COSIGN_SIGNATURES = 32
/** Largest Sigstore bundle or simple-signing payload fetched; cosign's are a few KiB. */
export const MAX_COSIGN_BLOB_BYTES = 1024 * 1024

/** A Sigstore bundle stored as a referrer. */
export interface BundleCandidate {
  readonly layout: 'bundle'
  readonly manifestDigest: string
  readonly bundle?: unknown
  readonly problem?: string
}

/** One simple-signing layer (legacy `.sig` tag, or a legacy manifest stored as a referrer). */
export interface LegacyCandidate {
  readonly layout: 'legacy'
  readonly manifestDigest: string
  readonly layerDigest: string
  readonly annotations: Readonly<Record<string, string>>
  readonly payload?: Buffer
  readonly problem?: string
}

export type CosignCandidate = BundleCandidate | LegacyCandidate

/** Whether a listed referrer may be a cosign signature (unlabelled ones are checked by their manifest). */
function mayBeCosign(referrer: Descriptor): boolean {
  const type = referrer.artifactType
  return (
    type === undefined ||
    type === MediaTypes.OciEmpty ||
    type.startsWith(CosignMediaTypes.BundlePrefix) ||
    type === CosignMediaTypes.LegacyReferrer
  )
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
}

function layersOf(manifest: Record<string, unknown>): Record<string, unknown>[] {
  const layers = manifest['layers']
  return Array.isArray(layers) ? layers.map((layer: unknown) => objectOf(layer) ?? {}) : []
}

function stringAnnotations(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, entry] of Object.entries(objectOf(value) ?? {})) if (typeof entry === 'string') out[key] = entry
  return out
}

async function fetchBlob(
  client: RegistryClient,
  repository: string,
  layer: Record<string, unknown>
): Promise<{ bytes?: Buffer; digest: string; problem?: string }> {
  const descriptor = toDescriptor(layer)
  if (descriptor === undefined) return { digest: '', problem: 'malformed layer descriptor' }
  if (descriptor.size > MAX_COSIGN_BLOB_BYTES) {
    return {
      digest: descriptor.digest,
      problem: `the layer declares ${descriptor.size} bytes, over the ${MAX_COSIGN_BLOB_BYTES}-byte limit`
    }
  }
  try {
    return { digest: descriptor.digest, bytes: Buffer.from(await client.getBlob(repository, descriptor, MAX_COSIGN_BLOB_BYTES)) }
  } catch (error) {
    return { digest: descriptor.digest, problem: `the layer could not be fetched: ${errorMessage(error)}` }
  }
}

/** The simple-signing layers of a manifest, payloads fetched (each digest- and size-checked). */
async function legacyLayers(
  client: RegistryClient,
  repository: string,
  manifestDigest: string,
  layers: Record<string, unknown>[],
  room: number
): Promise<LegacyCandidate[]> {
  const out: LegacyCandidate[] = []
  for (const layer of layers) {
    if (layer['mediaType'] !== CosignMediaTypes.SimpleSigning) continue
    if (out.length >= room) break
    const annotations = stringAnnotations(layer['annotations'])
    const blob = await fetchBlob(client, repository, layer)
    out.push({
      layout: 'legacy',
      manifestDigest,
      layerDigest: blob.digest,
      annotations,
      ...(blob.bytes !== undefined ? { payload: blob.bytes } : {}),
      ...(blob.problem !== undefined ? { problem: blob.problem } : {})
    })
  }
  return out
}

/** Cosign signatures among the referrers of `digest` (listed once for every check). */
export async function referrerCandidates(
  client: RegistryClient,
  repository: string,
  digest: string,
  referrers: readonly Descriptor[],
  log: Logger
): Promise<CosignCandidate[]> {
  const out: CosignCandidate[] = []
  const seen = new Set<string>([digest])
  // Labelled bundles first, so unlabelled referrers never push them past the bound.
  const ordered = [...referrers].sort(
    (a, b) =>
      Number(!(a.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)) -
      Number(!(b.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix))
  )
  let examined = 0
  for (const referrer of ordered) {
    if (!mayBeCosign(referrer) || seen.has(referrer.digest)) continue
    seen.add(referrer.digest)
    if (examined >= MAX_COSIGN_SIGNATURES || out.length >= MAX_COSIGN_SIGNATURES) {
      log.warning(
        `More than ${MAX_COSIGN_SIGNATURES} possible cosign signatures of ${digest}; examining only the first ${MAX_COSIGN_SIGNATURES}`
      )
      break
    }
    examined++
    let manifest: Record<string, unknown> | undefined
    try {
      const fetched = await client.getManifest(repository, referrer.digest, [MediaTypes.OciManifest], Limits.manifestBytes)
      manifest = objectOf(jsonFromBytes(fetched.bytes))
    } catch (error) {
      if ((referrer.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)) {
        out.push({
          layout: 'bundle',
          manifestDigest: referrer.digest,
          problem: `the signature manifest could not be fetched: ${errorMessage(error)}`
        })
      } else log.debug(`Referrer ${referrer.digest} could not be read (${errorMessage(error)}); not a cosign signature`)
      continue
    }
    if (manifest === undefined) continue
    const layers = layersOf(manifest)
    const bundleLayers = layers.filter(
      (l) => typeof l['mediaType'] === 'string' && l['mediaType'].startsWith(CosignMediaTypes.BundlePrefix)
    )
    if (bundleLayers.length > 0) {
      if (layers.length !== 1) {
        out.push({
          layout: 'bundle',
          manifestDigest: referrer.digest,
          problem: `${layers.length} layers; a Sigstore bundle manifest has exactly one`
        })
        continue
      }
      const blob = await fetchBlob(client, repository, bundleLayers[0]!)
      if (blob.bytes === undefined) {
        out.push({ layout: 'bundle', manifestDigest: referrer.digest, problem: `the Sigstore bundle: ${blob.problem ?? 'not fetched'}` })
        continue
      }
      let bundle: unknown
      try {
        bundle = jsonFromBytes(blob.bytes)
      } catch {
        out.push({ layout: 'bundle', manifestDigest: referrer.digest, problem: 'the Sigstore bundle is not JSON' })
        continue
      }
      out.push({ layout: 'bundle', manifestDigest: referrer.digest, bundle })
      continue
    }
    const config = objectOf(manifest['config'])
    if (config?.['mediaType'] === CosignMediaTypes.LegacyReferrer || manifest['artifactType'] === CosignMediaTypes.LegacyReferrer) {
      out.push(...(await legacyLayers(client, repository, referrer.digest, layers, MAX_COSIGN_SIGNATURES - out.length)))
    }
  }
  return out
}

/** Cosign signatures under the legacy `sha256-<hex>.sig` tag (none when the tag does not exist). */
export async function legacyTagCandidates(client: RegistryClient, repository: string, digest: string): Promise<LegacyCandidate[]> {
  const tag = fallbackTag(digest, 'cosign-signature')
  const found = await client.findManifest(repository, tag, [MediaTypes.OciManifest, MediaTypes.DockerManifest], Limits.manifestBytes)
  if (found === undefined) return []
  const manifest = objectOf(jsonFromBytes(found.bytes))
  if (manifest === undefined) {
    return [
      {
        layout: 'legacy',
        manifestDigest: found.digest,
        layerDigest: '',
        annotations: {},
        problem: `the ${tag} manifest is not a JSON object`
      }
    ]
  }
  return legacyLayers(client, repository, found.digest, layersOf(manifest), MAX_COSIGN_SIGNATURES)
}
