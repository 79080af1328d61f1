/**
 * The posture check: for each rule that is on, one `Check` (`posture/<rule>`) that reads the
 * repository's configuration through the ECR port and judges it with the rule's pure function. The
 * reads are shared by every rule and every image of a run: each repository's settings, lifecycle
 * policy and the registry's scanning configuration are fetched once.
 *
 * Access denied on a read makes the rules that need it `error`, naming the IAM action; a "not
 * found" error means "none" (no lifecycle policy). Any other failure is an `error` too: a rule that
 * could not be completed never passes.
 */
import type { EcrPort } from '../../aws/ecr.js'
import { AwsCallError, errorMessage } from '../../core/errors.js'
import type { CheckResult, CheckStatus, ImageTarget } from '../../core/types.js'
import type { Check } from '../check.js'
import { unreadable, type Fact, type RegistryScanningFacts, type RepositoryFacts } from './facts.js'
import { evaluateKmsEncryption } from './kms-encryption.js'
import type { LifecycleImage } from './lifecycle.js'
import { DEFAULT_HORIZON_DAYS, evaluateLifecycleExpiry } from './lifecycle-expiry.js'
import { evaluateLifecyclePolicy } from './lifecycle-policy.js'
import { evaluateManagedSigning, signingProfilesFor, type ImageSigningFacts, type SigningFacts } from './managed-signing.js'
import { evaluatePullThroughCache, type CacheRule } from './pull-through-cache.js'
import { evaluateRepositoryPolicy } from './repository-policy.js'
import { POSTURE_RULES, RULE_INFO, type PostureRuleId, type PostureSettings, type RuleFinding } from './rules.js'
import { evaluateScanConfigured } from './scan-configured.js'
import { evaluateTagImmutability } from './tag-immutability.js'
import { globMatches } from './wildcard.js'

/** What a posture result records: the rule, its level, what it found, the control and the fix. */
export interface PostureEvidence {
  rule: PostureRuleId
  level: 'warn' | 'fail'
  outcome: RuleFinding['outcome']
  control: string
  reason: string
  fix?: string
  details?: string[]
}

/** Pages of DescribePullThroughCacheRules read at most (1000 rules a page). */
const MAX_CACHE_RULE_PAGES = 10

/** Pages of DescribeImages read at most for `lifecycle-expiry` (1000 images a page; ECR's default quota is 20,000 images a repository). */
export const MAX_IMAGE_PAGES = 20
const IMAGES_PER_PAGE = 1000

/** Check ids are `posture/<rule>`. */
export const POSTURE_CHECK_PREFIX = 'posture/'

const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException', 'NotAuthorized'])

/** The IAM action a denied call names (`not authorized to perform: ecr:GetLifecyclePolicy`), else `fallback`. */
export function deniedAction(error: unknown, fallback: string): string {
  const texts = [errorMessage(error)]
  if (error instanceof Error && error.cause !== undefined) texts.push(errorMessage(error.cause))
  for (const text of texts) {
    const m = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(text)
    if (m?.[1] !== undefined) return m[1]
  }
  return fallback
}

function codeOf(error: unknown): string {
  if (error instanceof AwsCallError) return error.code
  return error instanceof Error ? error.name : ''
}

/** Reads `load`, turning the not-found `none` code into `undefined` and every other failure into a problem. */
async function read<T>(load: () => Promise<T>, action: string, none?: string): Promise<Fact<T | undefined>> {
  try {
    return { ok: true, value: await load() }
  } catch (error) {
    const code = codeOf(error)
    if (none !== undefined && code === none) return { ok: true, value: undefined }
    if (ACCESS_DENIED.has(code)) return { ok: false, problem: 'denied', action: deniedAction(error, action), message: errorMessage(error) }
    return { ok: false, problem: 'failed', action, message: errorMessage(error) }
  }
}

/** The configuration reads of a run, each made once per repository (or once per registry). */
export interface PostureReader {
  repository(image: ImageTarget): Promise<Fact<RepositoryFacts>>
  lifecyclePolicy(image: ImageTarget): Promise<Fact<string | undefined>>
  repositoryPolicy(image: ImageTarget): Promise<Fact<string | undefined>>
  /** Every pull-through cache rule of the image's registry. */
  cacheRules(image: ImageTarget): Promise<Fact<CacheRule[]>>
  registryScanning(): Promise<Fact<RegistryScanningFacts>>
  /** Every image of the repository, archived ones included (DescribeImages, paginated with a bound). */
  images(image: ImageTarget): Promise<Fact<LifecycleImage[]>>
  /** The managed signing configuration of the caller's own registry (`rules` empty when it has none). */
  signingConfiguration(): Promise<Fact<SigningFacts | undefined>>
  /** The managed signing statuses of the deployed digest. */
  imageSigningStatus(image: ImageTarget): Promise<Fact<ImageSigningFacts[]>>
}

const ms = (d: Date | undefined): number | undefined => (d instanceof Date ? d.getTime() : undefined)

/** A `PostureReader` over the ECR port of one region, caching every read for the whole run. */
export function postureReader(ecr: EcrPort, signal?: AbortSignal): PostureReader {
  const cache = new Map<string, Promise<Fact<unknown>>>()
  const once = <T>(key: string, load: () => Promise<Fact<T>>): Promise<Fact<T>> => {
    let hit = cache.get(key) as Promise<Fact<T>> | undefined
    if (hit === undefined) {
      hit = load()
      cache.set(key, hit)
    }
    return hit
  }
  const options = signal !== undefined ? { signal } : {}
  const repoKey = (image: ImageTarget): string => `${image.registryId}/${image.repository}`
  return {
    repository: (image) =>
      once(`repo:${repoKey(image)}`, async (): Promise<Fact<RepositoryFacts>> => {
        const fact = await read(
          () => ecr.describeRepositories({ registryId: image.registryId, repositoryNames: [image.repository] }, options),
          'ecr:DescribeRepositories'
        )
        if (!fact.ok) return fact
        const r = fact.value?.repositories?.find((x) => x.repositoryName === image.repository)
        if (r === undefined)
          return {
            ok: false,
            problem: 'failed',
            action: 'ecr:DescribeRepositories',
            message: `DescribeRepositories did not return ${image.repository}`
          }
        const value: RepositoryFacts = {
          registryId: r.registryId ?? image.registryId,
          name: image.repository,
          exclusionFilters: (r.imageTagMutabilityExclusionFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
        }
        if (r.imageTagMutability !== undefined) value.tagMutability = r.imageTagMutability
        if (r.encryptionConfiguration?.encryptionType !== undefined) value.encryptionType = r.encryptionConfiguration.encryptionType
        if (r.encryptionConfiguration?.kmsKey !== undefined) value.kmsKey = r.encryptionConfiguration.kmsKey
        if (r.imageScanningConfiguration?.scanOnPush !== undefined) value.scanOnPush = r.imageScanningConfiguration.scanOnPush
        return { ok: true, value }
      }),
    lifecyclePolicy: (image) =>
      once(`lifecycle:${repoKey(image)}`, async (): Promise<Fact<string | undefined>> => {
        const fact = await read(
          () => ecr.getLifecyclePolicy({ registryId: image.registryId, repositoryName: image.repository }, options),
          'ecr:GetLifecyclePolicy',
          'LifecyclePolicyNotFoundException'
        )
        return fact.ok ? { ok: true, value: fact.value?.lifecyclePolicyText } : fact
      }),
    repositoryPolicy: (image) =>
      once(`policy:${repoKey(image)}`, async (): Promise<Fact<string | undefined>> => {
        const fact = await read(
          () => ecr.getRepositoryPolicy({ registryId: image.registryId, repositoryName: image.repository }, options),
          'ecr:GetRepositoryPolicy',
          'RepositoryPolicyNotFoundException'
        )
        return fact.ok ? { ok: true, value: fact.value?.policyText } : fact
      }),
    cacheRules: (image) =>
      once(`cache-rules:${image.registryId}`, async (): Promise<Fact<CacheRule[]>> => {
        const rules: CacheRule[] = []
        let nextToken: string | undefined
        for (let page = 0; page < MAX_CACHE_RULE_PAGES; page++) {
          const fact = await read(
            () =>
              ecr.describePullThroughCacheRules(
                { registryId: image.registryId, ...(nextToken !== undefined ? { nextToken } : {}) },
                options
              ),
            'ecr:DescribePullThroughCacheRules',
            'PullThroughCacheRuleNotFoundException'
          )
          if (!fact.ok) return fact
          for (const r of fact.value?.pullThroughCacheRules ?? []) {
            if (r.ecrRepositoryPrefix === undefined || r.upstreamRegistryUrl === undefined) continue
            const rule: CacheRule = { prefix: r.ecrRepositoryPrefix, upstreamRegistryUrl: r.upstreamRegistryUrl }
            if (r.upstreamRegistry !== undefined) rule.upstreamRegistry = r.upstreamRegistry
            if (r.upstreamRepositoryPrefix !== undefined) rule.upstreamRepositoryPrefix = r.upstreamRepositoryPrefix
            rules.push(rule)
          }
          nextToken = fact.value?.nextToken
          if (nextToken === undefined) return { ok: true, value: rules }
        }
        return {
          ok: false,
          problem: 'failed',
          action: 'ecr:DescribePullThroughCacheRules',
          message: `more than ${MAX_CACHE_RULE_PAGES} pages of pull-through cache rules`
        }
      }),
    images: (image) =>
      once(`images:${repoKey(image)}`, async (): Promise<Fact<LifecycleImage[]>> => {
        const images: LifecycleImage[] = []
        let nextToken: string | undefined
        for (let page = 0; page < MAX_IMAGE_PAGES; page++) {
          const fact = await read(
            () =>
              ecr.describeImages(
                {
                  registryId: image.registryId,
                  repositoryName: image.repository,
                  filter: { imageStatus: 'ANY' },
                  maxResults: IMAGES_PER_PAGE,
                  ...(nextToken !== undefined ? { nextToken } : {})
                },
                options
              ),
            'ecr:DescribeImages'
          )
          if (!fact.ok) return fact
          for (const d of fact.value?.imageDetails ?? []) {
            const pushedAt = ms(d.imagePushedAt)
            if (d.imageDigest === undefined || pushedAt === undefined) continue
            const li: LifecycleImage = { digest: d.imageDigest, tags: [...(d.imageTags ?? [])], pushedAt }
            const pulled = ms(d.lastRecordedPullTime)
            const archived = ms(d.lastArchivedAt)
            const activated = ms(d.lastActivatedAt)
            if (pulled !== undefined) li.lastPulledAt = pulled
            if (archived !== undefined) li.lastArchivedAt = archived
            if (activated !== undefined) li.lastActivatedAt = activated
            if (d.imageStatus !== undefined) li.status = d.imageStatus
            images.push(li)
          }
          nextToken = fact.value?.nextToken
          if (nextToken === undefined) return { ok: true, value: images }
        }
        return {
          ok: false,
          problem: 'failed',
          action: 'ecr:DescribeImages',
          message: `the repository has more than ${MAX_IMAGE_PAGES * IMAGES_PER_PAGE} images (DescribeImages pages read: ${MAX_IMAGE_PAGES})`
        }
      }),
    signingConfiguration: () =>
      once('signing-configuration', async (): Promise<Fact<SigningFacts | undefined>> => {
        const fact = await read(
          () => ecr.getSigningConfiguration({}, options),
          'ecr:GetSigningConfiguration',
          'SigningConfigurationNotFoundException'
        )
        if (!fact.ok) return fact
        if (fact.value === undefined) return { ok: true, value: undefined }
        return {
          ok: true,
          value: {
            registryId: fact.value.registryId ?? '',
            rules: (fact.value.signingConfiguration?.rules ?? []).flatMap((r) =>
              r.signingProfileArn === undefined
                ? []
                : [
                    {
                      signingProfileArn: r.signingProfileArn,
                      filters: (r.repositoryFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
                    }
                  ]
            )
          }
        }
      }),
    imageSigningStatus: (image) =>
      once(`signing-status:${repoKey(image)}@${image.digest}`, async (): Promise<Fact<ImageSigningFacts[]>> => {
        const fact = await read(
          () =>
            ecr.describeImageSigningStatus(
              { registryId: image.registryId, repositoryName: image.repository, imageId: { imageDigest: image.digest } },
              options
            ),
          'ecr:DescribeImageSigningStatus'
        )
        if (!fact.ok) return fact
        return {
          ok: true,
          value: (fact.value?.signingStatuses ?? []).flatMap((s) =>
            s.signingProfileArn === undefined
              ? []
              : [
                  {
                    signingProfileArn: s.signingProfileArn,
                    status: s.status ?? 'UNKNOWN',
                    ...(s.failureReason !== undefined ? { failureReason: s.failureReason } : {})
                  }
                ]
          )
        }
      }),
    registryScanning: () =>
      once('registry-scanning', async (): Promise<Fact<RegistryScanningFacts>> => {
        const fact = await read(() => ecr.getRegistryScanningConfiguration({}, options), 'ecr:GetRegistryScanningConfiguration')
        if (!fact.ok) return fact
        const config = fact.value?.scanningConfiguration
        return {
          ok: true,
          value: {
            registryId: fact.value?.registryId ?? '',
            scanType: config?.scanType ?? 'BASIC',
            rules: (config?.rules ?? []).map((r) => ({
              frequency: r.scanFrequency ?? 'MANUAL',
              filters: (r.repositoryFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
            }))
          }
        }
      })
  }
}

/** Judges one rule for one image through the reader; `settings` says whom a repository policy may trust. */
export async function evaluateRule(
  rule: PostureRuleId,
  image: ImageTarget,
  reader: PostureReader,
  settings: Omit<PostureSettings, 'rules'> = { allowedAccounts: [] },
  now: number = Date.now()
): Promise<RuleFinding> {
  if (rule === 'lifecycle-expiry') {
    const policy = await reader.lifecyclePolicy(image)
    if (!policy.ok) return unreadable(policy, 'the lifecycle policy')
    if (policy.value === undefined) return evaluateLifecycleExpiry({ ...expiryTarget(image, now, settings), text: undefined, images: [] })
    const images = await reader.images(image)
    if (!images.ok) return unreadable(images, "the repository's images")
    const mutableTag = image.tag !== undefined ? await movableTag(reader, image, image.tag) : undefined
    return evaluateLifecycleExpiry({
      ...expiryTarget(image, now, settings),
      text: policy.value,
      images: images.value,
      ...(mutableTag !== undefined ? { mutableTag } : {})
    })
  }
  if (rule === 'managed-signing') {
    const config = await reader.signingConfiguration()
    if (!config.ok) return unreadable(config, 'the registry signing configuration')
    let facts = config.value
    if (facts === undefined) {
      // No configuration names no registry: the scanning configuration says whose registry the caller reads.
      const scanning = await reader.registryScanning()
      if (!scanning.ok) return unreadable(scanning, 'the registry scanning configuration (to tell whose registry this is)')
      facts = { registryId: scanning.value.registryId, rules: [] }
    }
    if (facts.registryId !== image.registryId || signingProfilesFor(facts, image.repository).length === 0)
      return evaluateManagedSigning(facts, image.registryId, image.repository, image.digest, undefined)
    const statuses = await reader.imageSigningStatus(image)
    if (!statuses.ok) return unreadable(statuses, "the image's signing status")
    return evaluateManagedSigning(facts, image.registryId, image.repository, image.digest, statuses.value)
  }
  if (rule === 'repository-policy') {
    const policy = await reader.repositoryPolicy(image)
    if (!policy.ok) return unreadable(policy, 'the repository policy')
    return evaluateRepositoryPolicy(policy.value, image.repository, {
      ownAccount: image.registryId,
      allowedAccounts: settings.allowedAccounts,
      ...(settings.allowedOrg !== undefined ? { allowedOrg: settings.allowedOrg } : {})
    })
  }
  if (rule === 'pull-through-cache') {
    const rules = await reader.cacheRules(image)
    if (!rules.ok) return unreadable(rules, 'the pull-through cache rules')
    return evaluatePullThroughCache(rules.value, image.repository, settings.allowedUpstreams ?? [])
  }
  const repo = await reader.repository(image)
  switch (rule) {
    case 'tag-immutability':
      return repo.ok ? evaluateTagImmutability(repo.value, image.tag) : unreadable(repo, 'the repository settings')
    case 'kms-encryption':
      return repo.ok ? evaluateKmsEncryption(repo.value, settings.allowedKmsKeys ?? []) : unreadable(repo, 'the repository settings')
    case 'lifecycle-policy': {
      const policy = await reader.lifecyclePolicy(image)
      return policy.ok
        ? evaluateLifecyclePolicy(policy.value, image.repository, image.registryId)
        : unreadable(policy, 'the lifecycle policy')
    }
    case 'scan-configured': {
      const scanning = await reader.registryScanning()
      if (!scanning.ok) return unreadable(scanning, 'the registry scanning configuration')
      if (!repo.ok) return unreadable(repo, 'the repository settings')
      return evaluateScanConfigured(scanning.value, repo.value)
    }
  }
}

/**
 * The deployed tag when the repository lets it move (read from the repository settings the other
 * rules share); a repository that cannot be read counts as letting it move (the warning is then shown).
 */
async function movableTag(reader: PostureReader, image: ImageTarget, tag: string): Promise<string | undefined> {
  const repo = await reader.repository(image)
  if (!repo.ok) return tag
  const mode = repo.value.tagMutability ?? 'MUTABLE'
  if (mode === 'IMMUTABLE') return undefined
  if (mode === 'IMMUTABLE_WITH_EXCLUSION') return repo.value.exclusionFilters.some((f) => globMatches(f, tag)) ? tag : undefined
  if (mode === 'MUTABLE_WITH_EXCLUSION') return repo.value.exclusionFilters.some((f) => globMatches(f, tag)) ? undefined : tag
  return tag
}

function expiryTarget(image: ImageTarget, now: number, settings: Omit<PostureSettings, 'rules'>) {
  return {
    repository: image.repository,
    registryId: image.registryId,
    digest: image.digest,
    platforms: image.platforms.map((p) => p.digest),
    now,
    horizonDays: settings.horizonDays ?? DEFAULT_HORIZON_DAYS
  }
}

/**
 * A rule's finding under its level as a `CheckResult`: a pass is `passed`; a failure is `failed`
 * under `fail` and `warning` under `warn`; `unknown` counts as a failure (fail closed); `error`
 * is `error`, enforced under `fail`; the rule's own `warn` never denies.
 */
export function postureResult(rule: PostureRuleId, level: 'warn' | 'fail', finding: RuleFinding): CheckResult<PostureEvidence> {
  const enforced = level === 'fail'
  let status: CheckStatus
  switch (finding.outcome) {
    case 'pass':
      status = 'passed'
      break
    case 'warn':
      status = 'warning'
      break
    case 'fail':
    case 'unknown':
      status = enforced ? 'failed' : 'warning'
      break
    case 'error':
      status = 'error'
      break
  }
  const denies = enforced && status !== 'passed' && status !== 'warning'
  const evidence: PostureEvidence = { rule, level, outcome: finding.outcome, control: RULE_INFO[rule].control, reason: finding.reason }
  if (finding.fix !== undefined) evidence.fix = finding.fix
  if (finding.details !== undefined) evidence.details = [...finding.details]
  return {
    id: `${POSTURE_CHECK_PREFIX}${rule}`,
    kind: 'posture',
    status,
    enforced: denies,
    reasons:
      status === 'passed'
        ? []
        : [`Repository posture '${rule}': ${finding.reason}${finding.fix !== undefined ? `. Fix: ${finding.fix}` : ''}`],
    evidence
  }
}

/** One `Check` per rule that is on, in report order, all reading through `reader`. */
export function postureChecks(settings: PostureSettings, reader: PostureReader): Check[] {
  return POSTURE_RULES.flatMap((rule): Check[] => {
    const level = settings.rules[rule]
    if (level === undefined) return []
    return [
      {
        id: `${POSTURE_CHECK_PREFIX}${rule}`,
        kind: 'posture',
        title: `Repository posture: ${rule}`,
        run: async (context) => {
          const result = postureResult(rule, level, await evaluateRule(rule, context.image, reader, settings, context.now()))
          context.log.info(`${rule}: ${result.status} (${result.evidence.reason})`)
          return result
        }
      }
    ]
  })
}
