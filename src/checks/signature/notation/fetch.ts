/**
 * Discovery of Notation signatures, over the registry port the check is handed: referrers of the
 * subject whose manifest is a Notation signature, fetched and digest-checked, with their envelope
 * bytes. No trust decision is made here; a signature
 * manifest that is malformed is still handed on (with an empty envelope) so the verifier reports it.
 */
import { jsonFromBytes } from '../../../core/bytes.js'
import { Limits, MediaTypes } from '../../../core/constants.js'
import { errorMessage } from '../../../core/errors.js'
import type { Logger } from '../../../core/ports.js'
import type { Descriptor, FetchedSignature } from '../../../core/types.js'
import { RegistryError, toDescriptor, type RegistryClient } from '../../../registry/client.js'

/** Signatures examined per subject; Notation's own default cap on signature attempts is 50. */
export const MAX_SIGNATURES = 32

const ENVELOPE_TYPES: ReadonlySet<string> = new Set([MediaTypes.Jws, MediaTypes.Cose])
const EMPTY = new Uint8Array(0)

/**
 * Finds the Notation signatures of `subject` in `repository` among its referrers (`listed`, or
 * listed here when not given): those with artifactType
 * application/vnd.cncf.notary.signature (or the legacy form whose config.mediaType is that value).
 * Each signature manifest is fetched (≤ 4 MiB, digest-checked); its single envelope layer
 * (application/jose+json or application/cose, ≤ 32 MiB) is fetched and size- and digest-checked.
 * A manifest without exactly one such layer is returned with an empty envelope and the media type it
 * has, so that the verifier reports it as invalid. At most {@link MAX_SIGNATURES} are examined; a
 * referrer that is the subject itself, or a repeat, is never followed. Transport errors propagate.
 */
export async function fetchSignatures(
  client: RegistryClient,
  repository: string,
  subject: Descriptor,
  log: Logger,
  listed?: Descriptor[]
): Promise<FetchedSignature[]> {
  // The registry lists every referrer once for all checks; Notation's are labelled with its artifact
  // type, and the legacy form (config.mediaType only) may come unlabelled from older registries.
  const all = listed ?? (await client.listReferrers(repository, subject.digest))
  const referrers = all.filter((r) => r.artifactType === undefined || r.artifactType === MediaTypes.NotationSignature)
  const seen = new Set<string>([subject.digest])
  const explicit: Descriptor[] = []
  const unlabelled: Descriptor[] = []
  for (const referrer of referrers) {
    if (referrer.digest === subject.digest) {
      log.warning(`Ignoring a referrer of ${subject.digest} that is the subject itself`)
      continue
    }
    if (seen.has(referrer.digest)) continue
    seen.add(referrer.digest)
    // Referrers that say they are signatures go first, so the cap never pushes them out.
    if (referrer.artifactType === MediaTypes.NotationSignature) explicit.push(referrer)
    else unlabelled.push(referrer)
  }
  const candidates = [...explicit, ...unlabelled]
  if (candidates.length > MAX_SIGNATURES) {
    log.warning(`${candidates.length} possible signatures of ${subject.digest}; examining only the first ${MAX_SIGNATURES}`)
    candidates.length = MAX_SIGNATURES
  }

  const signatures: FetchedSignature[] = []
  for (const candidate of candidates) {
    const signature = await fetchOne(client, repository, candidate, log)
    if (signature !== undefined) signatures.push(signature)
  }
  log.debug(`Found ${signatures.length} Notation signature(s) of ${repository}@${subject.digest}`)
  return signatures
}

async function fetchOne(
  client: RegistryClient,
  repository: string,
  referrer: Descriptor,
  log: Logger
): Promise<FetchedSignature | undefined> {
  const labelled = referrer.artifactType === MediaTypes.NotationSignature
  const { bytes } = await withContext(referrer.digest, () =>
    client.getManifest(repository, referrer.digest, [MediaTypes.OciManifest], Limits.manifestBytes)
  )
  const invalid = (why: string, envelopeMediaType = ''): FetchedSignature => {
    log.warning(`Signature manifest ${referrer.digest} is invalid: ${why}`)
    return { manifestDigest: referrer.digest, envelopeMediaType, envelope: EMPTY, problem: why }
  }

  let manifest: Record<string, unknown>
  try {
    const value: unknown = jsonFromBytes(bytes)
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object')
    manifest = value as Record<string, unknown>
  } catch {
    if (!labelled) {
      log.debug(`Referrer ${referrer.digest} is not a JSON manifest; not a signature`)
      return undefined
    }
    return invalid('not a JSON manifest')
  }

  const config = manifest['config']
  const configType = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['mediaType'] : undefined
  const isSignature = manifest['artifactType'] === MediaTypes.NotationSignature || configType === MediaTypes.NotationSignature
  if (!isSignature) {
    // The listing said so, the manifest does not: the manifest is what was digest-checked.
    if (labelled) log.warning(`Referrer ${referrer.digest} is listed as a signature but its manifest is not one; ignored`)
    else log.debug(`Referrer ${referrer.digest} is not a Notation signature; ignored`)
    return undefined
  }

  const subject = toDescriptor(manifest['subject'])
  const withSubject = (signature: FetchedSignature): FetchedSignature => (subject !== undefined ? { ...signature, subject } : signature)

  const layers = manifest['layers']
  if (!Array.isArray(layers)) return withSubject(invalid('no layers'))
  const layerTypes = layers.map((layer: unknown) =>
    typeof layer === 'object' && layer !== null && typeof (layer as Record<string, unknown>)['mediaType'] === 'string'
      ? ((layer as Record<string, unknown>)['mediaType'] as string)
      : ''
  )
  if (layers.length !== 1) {
    return withSubject(invalid(`${layers.length} layers, expected exactly one envelope`, layerTypes.join(', ')))
  }
  const envelopeMediaType = layerTypes[0] ?? ''
  if (!ENVELOPE_TYPES.has(envelopeMediaType)) {
    return withSubject(invalid(`envelope media type '${envelopeMediaType}' is not JWS or COSE`, envelopeMediaType))
  }
  const layer = toDescriptor(layers[0])
  if (layer === undefined) return withSubject(invalid('malformed envelope layer descriptor', envelopeMediaType))
  if (layer.size > Limits.envelopeBytes) {
    return withSubject(invalid(`envelope declares ${layer.size} bytes, over the ${Limits.envelopeBytes}-byte limit`, envelopeMediaType))
  }
  const envelope = await withContext(referrer.digest, () => client.getBlob(repository, layer, Limits.envelopeBytes))
  log.debug(`Fetched signature ${referrer.digest} (${envelopeMediaType}, ${envelope.length} bytes)`)
  return withSubject({ manifestDigest: referrer.digest, envelopeMediaType, envelope })
}

/** Says which signature was being fetched when the registry fails. */
async function withContext<T>(digest: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    const status = error instanceof RegistryError ? error.status : undefined
    throw new RegistryError(`Could not fetch signature ${digest}: ${errorMessage(error)}`, status, { cause: error })
  }
}
