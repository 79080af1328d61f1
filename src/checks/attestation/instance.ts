/**
 * Which Sigstore instance signed a bundle, which trusted root verifies it, and how many witnesses
 * it needs, as gh decides: the leaf certificate's issuer `O=` picks the root whose Fulcio CA has
 * that organisation. The public-good instance needs a transparency-log entry, an SCT and a
 * timestamp; GitHub's own instance (private and internal repositories) a signed timestamp and no
 * log; any other root (a test or private deployment) a timestamp, plus a log entry when the root
 * lists logs.
 */
import { parseTrustedRoot, type SigstoreTrust } from '../sigstore/index.js'

/** Instances by the organisation their Fulcio CA names. */
export const PUBLIC_GOOD_ORGANIZATION = 'sigstore.dev'
export const GITHUB_ORGANIZATION = 'GitHub, Inc.'

export type InstanceName = 'public-good' | 'github' | 'custom'

/** How many of each witness a bundle must carry. */
export interface Thresholds {
  tlog: number
  ctlog: number
  timestamp: number
}

/** One trusted root (as `trusted_root.json` holds it), with what instance selection needs. */
export interface TrustedRootEntry {
  /** The parsed trust material the shared Sigstore verification takes. */
  trust: SigstoreTrust
  /** Where it came from, for messages (`the public-good root`, `line 2 of roots.jsonl`). */
  origin: string
  /** The organisations of its Fulcio certificate authorities. */
  organizations: string[]
  /** Whether it lists any transparency log. */
  hasTlogs: boolean
}

/** The entry of parsed trust material. */
export function trustedRootEntry(trust: SigstoreTrust): TrustedRootEntry {
  const organizations = trust.root.certificateAuthorities
    .map((ca) => ca.subject?.organization)
    .filter((o): o is string => typeof o === 'string' && o !== '')
  return { trust, origin: trust.origin, organizations, hasTlogs: trust.root.tlogs.length > 0 }
}

/**
 * Parses a trusted-root file: one `trusted_root.json`, or JSON Lines of several (as
 * `gh attestation trusted-root` prints them). Throws naming the file (and line).
 */
export function parseTrustedRoots(text: string, origin: string): TrustedRootEntry[] {
  const trimmed = text.trim()
  if (trimmed === '') throw new Error(`${origin} is empty`)
  // One document when it is one line (its errors name the file) or parses whole (pretty-printed).
  if (!trimmed.includes('\n') || parsesWhole(trimmed)) return [trustedRootEntry(parseTrustedRoot(trimmed, origin))]
  return trimmed
    .split(/\r?\n/)
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => trustedRootEntry(parseTrustedRoot(line, `line ${i + 1} of ${origin}`)))
}

function parsesWhole(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** The instance, root and thresholds for a leaf whose issuer has `organization`; undefined when no root fits. */
export function chooseInstance(
  organization: string | undefined,
  roots: readonly TrustedRootEntry[]
): { instance: InstanceName; root: TrustedRootEntry; thresholds: Thresholds } | undefined {
  // A known instance needs its own root; any other leaf may try a lone root (a test or private deployment).
  const known = organization === PUBLIC_GOOD_ORGANIZATION || organization === GITHUB_ORGANIZATION
  const root =
    roots.find((r) => organization !== undefined && r.organizations.includes(organization)) ??
    (!known && roots.length === 1 ? roots[0] : undefined)
  if (root === undefined) return undefined
  if (organization === PUBLIC_GOOD_ORGANIZATION) return { instance: 'public-good', root, thresholds: { tlog: 1, ctlog: 1, timestamp: 1 } }
  if (organization === GITHUB_ORGANIZATION) return { instance: 'github', root, thresholds: { tlog: 0, ctlog: 0, timestamp: 1 } }
  return { instance: 'custom', root, thresholds: { tlog: root.hasTlogs ? 1 : 0, ctlog: 0, timestamp: 1 } }
}
