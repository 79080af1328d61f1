/**
 * The short name of an image for places that list several: log prefixes, annotations and the batch
 * overview. The registry host is said once (the batch summary's registry line), so only `repo:tag`
 * remains, and a digest is cut to its first 12 hex characters. Never a value to copy: the full
 * digest-pinned URI is always shown next to it.
 */

const REGISTRY_HOST = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//
const DIGEST = /@sha256:([0-9a-f]{12})[0-9a-f]{52}$/

/** `123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments:v1.4.1` → `payments:v1.4.1` (at most `max` characters). */
export function shortReference(reference: string, max = 80): string {
  const short = reference.trim().replace(REGISTRY_HOST, '').replace(DIGEST, '@sha256:$1')
  return short.length > max ? `${short.slice(0, max - 1)}…` : short
}

/** The registry host of a full ECR reference, or undefined when the reference names none. */
export function registryHostOf(reference: string): string | undefined {
  return REGISTRY_HOST.exec(reference.trim())?.[0].slice(0, -1)
}
