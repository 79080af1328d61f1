/**
 * Which Sigstore instance signed a bundle, which trusted root verifies it, and how many witnesses
 * it needs, as gh decides: the leaf certificate's issuer `O=` picks the root whose Fulcio CA has
 * that organisation. The public-good instance needs a transparency-log entry, an SCT and a
 * timestamp; GitHub's own instance (private and internal repositories) a signed timestamp and no
 * log; any other root (a test or private deployment) a timestamp, plus a log entry when the root
 * lists logs.
 */

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
  /** The root's JSON, parsed. */
  json: Record<string, unknown>
  /** Where it came from, for messages (`the public-good root`, `line 2 of roots.jsonl`). */
  origin: string
  /** The organisations of its Fulcio certificate authorities. */
  organizations: string[]
  /** Whether it lists any transparency log. */
  hasTlogs: boolean
}

/** Reads the organisations and logs of a parsed trusted root; throws naming `origin` when it is not one. */
export function trustedRootEntry(json: unknown, origin: string): TrustedRootEntry {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${origin} is not a trusted root (a JSON object)`)
  const root = json as Record<string, unknown>
  const cas = root.certificateAuthorities
  if (!Array.isArray(cas) || cas.length === 0) throw new Error(`${origin} is not a trusted root: it lists no certificate authority`)
  const organizations = cas
    .map((ca: unknown) => (ca as { subject?: { organization?: unknown } } | null)?.subject?.organization)
    .filter((o): o is string => typeof o === 'string')
  return { json: root, origin, organizations, hasTlogs: Array.isArray(root.tlogs) && root.tlogs.length > 0 }
}

/** Parses a trusted-root file: one JSON object, or JSON Lines of several (`gh attestation trusted-root`). */
export function parseTrustedRoots(text: string, origin: string): TrustedRootEntry[] {
  const trimmed = text.trim()
  if (trimmed === '') throw new Error(`${origin} is empty`)
  let values: { json: unknown; where: string }[]
  try {
    values = [{ json: JSON.parse(trimmed), where: origin }]
  } catch {
    values = trimmed
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, i }) => {
        try {
          return { json: JSON.parse(line) as unknown, where: `line ${i + 1} of ${origin}` }
        } catch {
          throw new Error(`line ${i + 1} of ${origin} is not JSON (expected a trusted_root.json, or one per line)`)
        }
      })
  }
  return values.map(({ json, where }) => trustedRootEntry(json, where))
}

/** The instance, root and thresholds for a leaf whose issuer has `organization`; undefined when no root fits. */
export function chooseInstance(
  organization: string | undefined,
  roots: readonly TrustedRootEntry[]
): { instance: InstanceName; root: TrustedRootEntry; thresholds: Thresholds } | undefined {
  const root =
    roots.find((r) => organization !== undefined && r.organizations.includes(organization)) ?? (roots.length === 1 ? roots[0] : undefined)
  if (root === undefined) return undefined
  if (organization === PUBLIC_GOOD_ORGANIZATION) return { instance: 'public-good', root, thresholds: { tlog: 1, ctlog: 1, timestamp: 1 } }
  if (organization === GITHUB_ORGANIZATION) return { instance: 'github', root, thresholds: { tlog: 0, ctlog: 0, timestamp: 1 } }
  return { instance: 'custom', root, thresholds: { tlog: root.hasTlogs ? 1 : 0, ctlog: 0, timestamp: 1 } }
}
