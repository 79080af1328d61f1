/**
 * `pull-through-cache`: when the repository is a pull-through cache (its name is a rule's
 * `ecrRepositoryPrefix` or starts with it and `/`), report the upstream, and fail when the upstream
 * is not one of the allowed ones. A `ROOT` rule covers every repository no other rule covers, so a
 * name alone cannot say whether such a repository is cached: it is "possibly cached", a warning
 * when its upstream is not allowed. ECR records no provenance on the repository itself.
 */
import type { RuleFinding } from './rules.js'

/** One rule of DescribePullThroughCacheRules. */
export interface CacheRule {
  prefix: string
  upstreamRegistryUrl: string
  /** `ecr`, `ecr-public`, `docker-hub`, `quay`, `k8s`, `github-container-registry`, … */
  upstreamRegistry?: string
  upstreamRepositoryPrefix?: string
}

/** The rule that caches `repository`: the longest matching prefix, else `ROOT`. */
export function cacheRuleFor(rules: readonly CacheRule[], repository: string): { rule: CacheRule; root: boolean } | undefined {
  const named = rules
    .filter((r) => r.prefix !== 'ROOT')
    .map((r) => ({ r, p: r.prefix.replace(/\/+$/, '') }))
    .filter(({ p }) => p !== '' && (repository === p || repository.startsWith(`${p}/`)))
    .sort((a, b) => b.p.length - a.p.length)
  const best = named[0]
  if (best !== undefined) return { rule: best.r, root: false }
  const root = rules.find((r) => r.prefix === 'ROOT')
  return root !== undefined ? { rule: root, root: true } : undefined
}

/** Whether `rule`'s upstream is one of `allowed` (registry URLs or upstream registry types, any case). */
function upstreamAllowed(rule: CacheRule, allowed: readonly string[]): boolean {
  const wanted = new Set(allowed.map((a) => a.toLowerCase()))
  return (
    wanted.has(rule.upstreamRegistryUrl.toLowerCase()) ||
    (rule.upstreamRegistry !== undefined && wanted.has(rule.upstreamRegistry.toLowerCase()))
  )
}

/** Judges whether the repository is a pull-through cache, and of what. */
export function evaluatePullThroughCache(
  rules: readonly CacheRule[],
  repository: string,
  allowedUpstreams: readonly string[]
): RuleFinding {
  const hit = cacheRuleFor(rules, repository)
  if (hit === undefined) return { outcome: 'pass', reason: 'not a pull-through cache repository' }
  const { rule, root } = hit
  const upstream = `${rule.upstreamRegistryUrl}${rule.upstreamRepositoryPrefix !== undefined && rule.upstreamRepositoryPrefix !== 'ROOT' ? `/${rule.upstreamRepositoryPrefix}` : ''}`
  const via = root
    ? 'possibly cached (the ROOT rule covers every repository no other rule does)'
    : `cached by the rule for prefix '${rule.prefix}'`
  const details = [`upstream: ${upstream}${rule.upstreamRegistry !== undefined ? ` (${rule.upstreamRegistry})` : ''}`]
  if (upstreamAllowed(rule, allowedUpstreams)) return { outcome: 'pass', reason: `${via} from ${upstream}, an allowed upstream`, details }
  const fix = `add ${rule.upstreamRegistryUrl} to posture-allowed-upstreams if it is trusted, or deploy from a repository that is not a cache of it`
  return { outcome: root ? 'warn' : 'fail', reason: `${via} from ${upstream}, which is not in posture-allowed-upstreams`, fix, details }
}
