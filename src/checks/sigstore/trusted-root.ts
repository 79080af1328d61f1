/**
 * Sigstore trust material: a `trusted_root.json` (the Fulcio CAs, Rekor logs, CT logs and
 * timestamp authorities a signature may chain to), parsed once per run and handed to
 * `verifySigstoreBundle`.
 */
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { toTrustMaterial, type TrustMaterial } from '@sigstore/verify'
import seeds from '@sigstore/tuf/seeds.json' with { type: 'json' }

/** Parsed trust material, with where it came from (named in every error and in the report). */
export interface SigstoreTrust {
  /** Where the root came from, e.g. a file name or "the Sigstore public-good root shipped with the action". */
  readonly origin: string
  /** The material sigstore-js verifies against. */
  readonly material: TrustMaterial
  /** The parsed root, e.g. for a caller that adds its own keys. */
  readonly root: TrustedRoot
}

import { PUBLIC_GOOD_TUF_MIRROR } from './tuf-settings.js'

export { PUBLIC_GOOD_TUF_MIRROR }

/** The origin named for the shipped public-good root. */
export const PUBLIC_GOOD_ORIGIN = 'the Sigstore public-good trusted root shipped with the action'

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The authorities of a trusted root that have no `validFor.start`. sigstore-js treats a missing
 * start as the beginning of time, which would let a log or CA vouch for signatures made before it
 * existed (Sigstore conformance `trust-root-tlog-missing-validity-start_fail`): refuse them.
 */
function authoritiesWithoutStart(json: Json): string[] {
  const missing: string[] = []
  const lists: Array<[string, (entry: Json) => unknown]> = [
    ['tlogs', (entry) => (isObject(entry.publicKey) ? entry.publicKey.validFor : undefined)],
    ['ctlogs', (entry) => (isObject(entry.publicKey) ? entry.publicKey.validFor : undefined)],
    ['certificateAuthorities', (entry) => entry.validFor],
    ['timestampAuthorities', (entry) => entry.validFor]
  ]
  for (const [key, validFor] of lists) {
    const list = json[key]
    if (list === undefined) continue
    if (!Array.isArray(list)) {
      missing.push(`${key} (not a list)`)
      continue
    }
    list.forEach((entry: unknown, index) => {
      const range = isObject(entry) ? validFor(entry) : undefined
      if (!isObject(range) || typeof range.start !== 'string' || range.start === '') missing.push(`${key}[${index}]`)
    })
  }
  return missing
}

/**
 * Parses a `trusted_root.json`. Throws an Error naming `origin` when the text is not JSON, is not
 * a trusted root, or an authority lacks `validFor.start`.
 */
export function parseTrustedRoot(text: string, origin: string): SigstoreTrust {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(
      `${origin} is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected a Sigstore trusted_root.json`,
      { cause: error }
    )
  }
  if (!isObject(json)) throw new Error(`${origin} is not a Sigstore trusted_root.json: expected a JSON object`)
  const mediaType = json.mediaType
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    throw new Error(
      `${origin} is not a Sigstore trusted_root.json: expected mediaType application/vnd.dev.sigstore.trustedroot+json;version=0.1 or later`
    )
  }
  const missing = authoritiesWithoutStart(json)
  if (missing.length > 0) {
    throw new Error(
      `${origin}: authorities without validFor.start: ${missing.join(', ')}; every log, CA and timestamp authority needs a start time`
    )
  }
  try {
    const root = TrustedRoot.fromJSON(json)
    return { origin, root, material: toTrustMaterial(root) }
  } catch (error) {
    throw new Error(`${origin} is not a usable Sigstore trusted root: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error
    })
  }
}

let publicGood: SigstoreTrust | undefined

/** The Sigstore public-good trusted root embedded in `@sigstore/tuf`'s seeds (parsed once, offline). */
export function publicGoodTrustedRoot(): SigstoreTrust {
  if (publicGood === undefined) {
    const mirror = (seeds as Record<string, { targets?: Record<string, string> }>)[PUBLIC_GOOD_TUF_MIRROR]
    const encoded = mirror?.targets?.['trusted_root.json']
    if (encoded === undefined) throw new Error('The shipped Sigstore seeds hold no public-good trusted_root.json')
    publicGood = parseTrustedRoot(Buffer.from(encoded, 'base64').toString('utf8'), PUBLIC_GOOD_ORIGIN)
  }
  return publicGood
}
