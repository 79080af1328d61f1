/**
 * Grammar of ECR image references: the `image` input, digests, tags, repository names and the
 * digest-pinned URI the gate outputs. Pure functions, no I/O.
 */
import { SettingError } from '../core/errors.js'
import { Setting } from '../core/settings.js'

/** A parsed `image` input: the registry it names and the tag and/or digest it points at. */
export interface ImageReference {
  registryId: string
  region: string
  repository: string
  tag?: string
  digest?: string
}

const DIGEST = /^sha256:[0-9a-f]{64}$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/
// ECR's documented pattern: lowercase components joined by single separators, optional namespaces.
// Separators are mandatory between runs, so the pattern cannot backtrack catastrophically.
const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/
const REGISTRY_ID = /^[0-9]{12}$/
const REGION = /^[a-z]{2}(?:-[a-z]+){1,3}-[0-9]{1,2}$/
const HOST = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]{1,40})\.amazonaws\.com(\.cn)?$/

/** Longest `image` input considered: host (≤ 70) + repository (≤ 256) + tag (≤ 128) + digest (71). */
const MAX_REFERENCE_LENGTH = 600

const EXPECTED = 'expected <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag> or …@sha256:<64 hex>'

/** True for `sha256:<64 lowercase hex>`, the only digest algorithm ECR produces. */
export function isValidDigest(s: string): boolean {
  return typeof s === 'string' && DIGEST.test(s)
}

/** True for an OCI / ECR tag: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`. */
export function isValidTag(s: string): boolean {
  return typeof s === 'string' && TAG.test(s)
}

/** True for an ECR repository name: 2..256 chars, lowercase, `/`-separated namespaces. */
export function isValidRepositoryName(s: string): boolean {
  return typeof s === 'string' && s.length >= 2 && s.length <= 256 && REPOSITORY.test(s)
}

/** True for a 12-digit AWS account id (the ECR registry id). */
export function isValidRegistryId(s: string): boolean {
  return typeof s === 'string' && REGISTRY_ID.test(s)
}

/** True for an AWS region name such as `us-east-1`, `us-gov-west-1` or `cn-north-1`. */
export function isValidRegion(s: string): boolean {
  return typeof s === 'string' && REGION.test(s)
}

/** The ECR registry host of an account in a region; China regions live under `.amazonaws.com.cn`. */
export function registryHost(registryId: string, region: string): string {
  const suffix = region.startsWith('cn-') ? '.amazonaws.com.cn' : '.amazonaws.com'
  return `${registryId}.dkr.ecr.${region}${suffix}`
}

/**
 * The digest-pinned URI a deploy should use:
 * `<registryId>.dkr.ecr.<region>.amazonaws.com/<repository>@<digest>` (`.amazonaws.com.cn` for cn-* regions).
 */
export function imageUri(registryId: string, region: string, repository: string, digest: string): string {
  return `${registryHost(registryId, region)}/${repository}@${digest}`
}

/**
 * Parses the `image` input. Accepts `host/repo:tag`, `host/repo@sha256:…` and `host/repo:tag@sha256:…`
 * where host is an ECR registry (`.amazonaws.com`, or `.amazonaws.com.cn` for China regions).
 * Throws `SettingError('image', …)` on anything else — never another kind of error — so that the
 * message always names the input and the accepted forms.
 */
export function parseImageReference(ref: string): ImageReference {
  const fail = (): never => {
    throw new SettingError(Setting.Image, `Invalid '${Setting.Image}': ${EXPECTED}`)
  }
  if (typeof ref !== 'string') return fail()
  const text = ref.trim()
  // Bound user text before any regular expression sees it.
  if (text.length === 0 || text.length > MAX_REFERENCE_LENGTH) return fail()

  const slash = text.indexOf('/')
  if (slash <= 0) return fail()
  const host = HOST.exec(text.slice(0, slash))
  if (host === null) return fail()
  const registryId = host[1] as string
  const region = host[2] as string
  const china = host[3] !== undefined
  // The partition suffix must agree with the region, or the URI we output would name another host.
  if (!isValidRegion(region) || china !== region.startsWith('cn-')) return fail()

  let rest = text.slice(slash + 1)
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!isValidDigest(digest)) return fail()
  }
  let tag: string | undefined
  // Repository names never contain ':', so the first one starts the tag.
  const colon = rest.indexOf(':')
  if (colon >= 0) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!isValidTag(tag)) return fail()
  }
  if (!isValidRepositoryName(rest)) return fail()
  if (tag === undefined && digest === undefined) return fail()

  const parsed: ImageReference = { registryId, region, repository: rest }
  if (tag !== undefined) parsed.tag = tag
  if (digest !== undefined) parsed.digest = digest
  return parsed
}
