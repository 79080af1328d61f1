/**
 * `lifecycle-expiry`: will the repository's lifecycle policy expire (or archive, which makes pulls
 * fail) the deployed digest now or within the horizon (`lifecycle-horizon-days`)? An ECS service
 * that runs it then fails to pull it on its next scale-out. The policy is evaluated as ECR does
 * (`lifecycle.ts`) over the repository's images; for an index, its platform manifests are judged
 * too (ECR documents that it expires no manifest an index references before the index itself).
 *
 * - A `since*` rule that owns the digest gives an exact date: the reference time plus N days (ECR
 *   acts within 24 hours after that). The deploy pulls the image, so `sinceImagePulled` counts from now
 *   (the date holds if nothing pulls it again).
 * - An `imageCountMoreThan` rule expires the digest after K more pushes it selects; when the last
 *   horizon saw at least K such pushes, expiry within the horizon is predicted (an estimate).
 * - A mutable deployed tag (e.g. `latest`) that moves to a newer image leaves the digest without it;
 *   when the policy would then expire it within the horizon, the rule warns.
 */
import { registryFlag } from './facts.js'
import {
  DAY_MS,
  applyLifecycle,
  countText,
  ownerRule,
  parseLifecycleRules,
  rankedCandidates,
  ruleName,
  selectionText,
  sinceTime,
  type LifecycleImage,
  type LifecycleRule
} from './lifecycle.js'
import { MAX_LIFECYCLE_POLICY_CHARS } from './lifecycle-policy.js'
import { parsePolicyText, type RuleFinding } from './rules.js'

/** Default `lifecycle-horizon-days`. */
export const DEFAULT_HORIZON_DAYS = 30

/** What the rule judges. */
export interface ExpiryInput {
  /** The lifecycle policy text; `undefined` when the repository has none. */
  text: string | undefined
  /** Every image of the repository, archived ones included. */
  images: readonly LifecycleImage[]
  repository: string
  registryId: string
  /** The deployed digest (an index digest for a multi-arch image). */
  digest: string
  /** The platform manifests of an index (empty otherwise). */
  platforms: readonly string[]
  /** Now, in epoch ms. */
  now: number
  horizonDays: number
  /**
   * The deployed tag when the repository lets it move (mutable tags, or an exclusion filter that
   * matches it): moving it to another image leaves the digest without it, under other rules.
   */
  mutableTag?: string
}

/** When a subject is acted on: `now`, or at a known or estimated time within the horizon. */
interface Prediction {
  rule: LifecycleRule
  /** Epoch ms; `undefined` means now. */
  at?: number
  /** How an estimate was made. */
  estimate?: string
}

const short = (digest: string): string => digest.replace(/^sha256:/, '').slice(0, 12)

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** Whether and when `subject` is acted on within the horizon. */
function predict(
  rules: readonly LifecycleRule[],
  images: readonly LifecycleImage[],
  subject: LifecycleImage,
  input: ExpiryInput
): Prediction | undefined {
  const horizon = input.now + input.horizonDays * DAY_MS
  const now = applyLifecycle(rules, images, input.now).get(subject.digest)
  if (now !== undefined) return { rule: now }
  const later = applyLifecycle(rules, images, horizon).get(subject.digest)
  if (later !== undefined) {
    const since = sinceTime(later, subject)
    return since !== undefined ? { rule: later, at: since + later.countNumber * DAY_MS } : { rule: later, at: horizon }
  }
  const owner = ownerRule(rules, subject)
  if (owner?.countType !== 'imageCountMoreThan') return undefined
  const ranked = rankedCandidates(owner, images)
  const more = owner.countNumber - ranked.indexOf(subject)
  const from = input.now - input.horizonDays * DAY_MS
  const recent = ranked.filter((i) => (i.lastActivatedAt ?? i.pushedAt) > from).length
  if (recent < more) return undefined
  return {
    rule: owner,
    at: horizon,
    estimate: `${more} more push(es) of ${selectionText(owner)} expire it, and the last ${input.horizonDays} days saw ${recent}`
  }
}

function whenText(p: Prediction, now: number): string {
  if (p.at === undefined) return 'now (ECR acts within 24 hours)'
  if (p.estimate !== undefined) return `within ${Math.round((p.at - now) / DAY_MS)} days at the recent push rate (${p.estimate})`
  const days = Math.max(0, Math.ceil((p.at - now) / DAY_MS))
  return `on ${isoDay(p.at)}, in ${days} day(s) (ECR acts within 24 hours after)`
}

function actionText(rule: LifecycleRule): string {
  return rule.action === 'expire' ? 'expired (deleted)' : 'archived (pulls fail until it is restored)'
}

/** Judges whether the lifecycle policy will expire or archive the deployed image within the horizon. */
export function evaluateLifecycleExpiry(input: ExpiryInput): RuleFinding {
  if (input.text === undefined) return { outcome: 'pass', reason: 'the repository has no lifecycle policy, so none expires the image' }
  const read = parsePolicyText(input.text, MAX_LIFECYCLE_POLICY_CHARS, 'lifecycle policy')
  if (!('value' in read)) return read
  const parsed = parseLifecycleRules(read.value)
  if ('error' in parsed) return { outcome: 'error', reason: `cannot evaluate the lifecycle policy: ${parsed.error}` }
  const { rules } = parsed
  // The deploy itself pulls the image and its platform manifests now: a sinceImagePulled rule counts from here.
  const pulledNow = new Set([input.digest, ...input.platforms])
  const images = input.images.map((i) =>
    pulledNow.has(i.digest) && i.status !== 'ARCHIVED' && (i.lastPulledAt ?? 0) < input.now ? { ...i, lastPulledAt: input.now } : i
  )
  const byDigest = new Map(images.map((i) => [i.digest, i]))
  const deployed = byDigest.get(input.digest)
  if (deployed === undefined) {
    return {
      outcome: 'error',
      reason: `DescribeImages did not list the deployed digest ${input.digest} among the repository's ${images.length} image(s)`
    }
  }
  const repoFlags = `--repository-name ${input.repository}${registryFlag(input.registryId)}`
  if (deployed.status === 'ARCHIVED' || deployed.status === 'ACTIVATING') {
    return {
      outcome: 'fail',
      reason: `the image is ${deployed.status === 'ARCHIVED' ? 'archived' : 'being restored from the archive'}: pulls fail until it is active`,
      fix: `aws ecr update-image-storage-class ${repoFlags} --image-id imageDigest=${input.digest} --target-storage-class STANDARD`
    }
  }
  const fixFor = (rule: LifecycleRule, untagged: boolean): string =>
    `${untagged ? 'give the digest a tag no expiring rule selects (aws ecr put-image --image-tag <tag> with its manifest)' : `keep the image out of ${ruleName(rule)}`}, or change the policy: aws ecr put-lifecycle-policy ${repoFlags} --lifecycle-policy-text file://lifecycle-policy.json`
  const details: string[] = []
  const main = predict(rules, images, deployed, input)
  const children = input.platforms.flatMap((d) => {
    const child = byDigest.get(d)
    if (child === undefined) return []
    const p = predict(rules, images, child, input)
    return p === undefined ? [] : [{ digest: d, prediction: p }]
  })
  for (const c of children)
    details.push(
      `platform manifest ${short(c.digest)}: ${ruleName(c.prediction.rule)} (${selectionText(c.prediction.rule)} ${countText(c.prediction.rule)}) selects it ${whenText(c.prediction, input.now)}`
    )
  if (main !== undefined) {
    const { rule } = main
    return {
      outcome: 'fail',
      reason: `${ruleName(rule)} (${selectionText(rule)} ${countText(rule)}) will have the deployed digest ${actionText(rule)} ${whenText(main, input.now)}`,
      fix: fixFor(rule, deployed.tags.length === 0),
      details
    }
  }
  if (input.mutableTag !== undefined && deployed.tags.includes(input.mutableTag)) {
    const moved = { ...deployed, tags: deployed.tags.filter((t) => t !== input.mutableTag) }
    const after = predict(
      rules,
      images.map((i) => (i === deployed ? moved : i)),
      moved,
      input
    )
    if (after !== undefined) {
      const { rule } = after
      return {
        outcome: 'warn',
        reason: `tag '${input.mutableTag}' is mutable: once it moves to another image, ${ruleName(rule)} (${selectionText(rule)} ${countText(rule)}) will have the deployed digest ${actionText(rule)} ${whenText(after, input.now)}`,
        fix: `deploy by digest or by an immutable tag (aws ecr put-image-tag-mutability ${repoFlags} --image-tag-mutability IMMUTABLE), or keep the image out of ${ruleName(rule)}`,
        details
      }
    }
  }
  const owner = ownerRule(rules, deployed)
  const kept =
    owner === undefined
      ? 'no rule selects it'
      : `${ruleName(owner)} (${selectionText(owner)} ${countText(owner)}) does not reach it within ${input.horizonDays} days`
  if (children.length > 0) {
    return {
      outcome: 'warn',
      reason: `${kept}, but ${children.length} of its platform manifests would be eligible; ECR documents that it keeps manifests an index references while the index exists`,
      details
    }
  }
  return { outcome: 'pass', reason: `not expired or archived within ${input.horizonDays} days: ${kept}`, details }
}
