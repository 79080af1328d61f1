/**
 * The ECR lifecycle policy grammar and evaluator, as the ECR user guide describes them ("Lifecycle
 * policy evaluation rules", "Lifecycle policy properties", "Examples of lifecycle policies"):
 *
 * - Rules are applied lowest `rulePriority` first. An image is acted on by exactly one or zero rules:
 *   the first rule (of the image's storage class) whose tag selection it matches owns it, and only
 *   that rule may expire or archive it; a lower-priority rule still *counts* it.
 * - `tagStatus`: `tagged` (with `tagPatternList` globs, at most four `*` each, or `tagPrefixList`;
 *   every entry must match one of the image's tags), `untagged`, `any`.
 * - `imageCountMoreThan N`: the rule's images, youngest first by push time (the restore time for an
 *   image that was archived and restored), beyond the first N; `sinceImagePushed N`: pushed more
 *   than N days ago; `sinceImagePulled N`: last pulled (else restored, else pushed) more than N days
 *   ago, `transition` only; `sinceImageTransitioned N`: archived more than N days ago, `expire` and
 *   the `archive` storage class only.
 *
 * Pure functions over plain data: the texts and images are read by `posture.ts`.
 */
import { globMatches } from './wildcard.js'

/** Milliseconds in a lifecycle `countUnit` of `days`. */
export const DAY_MS = 86_400_000

/** One rule of a lifecycle policy, validated. */
export interface LifecycleRule {
  priority: number
  description?: string
  tagStatus: 'tagged' | 'untagged' | 'any'
  /** Globs (`tagPatternList`) or prefixes (`tagPrefixList`, turned into `prefix*` globs); every one must match a tag. */
  tagPatterns: string[]
  /** Which list the patterns came from, for messages. */
  tagList?: 'tagPatternList' | 'tagPrefixList'
  storageClass: 'standard' | 'archive'
  countType: 'imageCountMoreThan' | 'sinceImagePushed' | 'sinceImagePulled' | 'sinceImageTransitioned'
  countNumber: number
  action: 'expire' | 'transition'
}

/** One image of the repository as DescribeImages (`imageStatus: ANY`) describes it; times in epoch ms. */
export interface LifecycleImage {
  digest: string
  tags: string[]
  pushedAt: number
  lastPulledAt?: number
  /** `ACTIVE`, `ARCHIVED` or `ACTIVATING`; absent means ACTIVE. */
  status?: string
  lastArchivedAt?: number
  lastActivatedAt?: number
}

const SELECTION_KEYS = new Set(['tagStatus', 'tagPatternList', 'tagPrefixList', 'storageClass', 'countType', 'countUnit', 'countNumber'])
const RULE_KEYS = new Set(['rulePriority', 'description', 'selection', 'action'])
const ACTION_KEYS = new Set(['type', 'targetStorageClass'])
const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'] as const

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function unknownKey(o: Record<string, unknown>, allowed: ReadonlySet<string>): string | undefined {
  return Object.keys(o).find((k) => !allowed.has(k))
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.length > 0) ? (v as string[]) : undefined
}

/** One rule, or why the gate cannot read it (`rule N: …`). */
function parseRule(raw: unknown, index: number): LifecycleRule | string {
  const at = `rule ${index + 1}`
  if (!isObject(raw)) return `${at} is not an object`
  const extra = unknownKey(raw, RULE_KEYS)
  if (extra !== undefined) return `${at} has the key '${extra}', which the gate does not know`
  const priority = raw.rulePriority
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1) return `${at}: rulePriority must be a positive integer`
  const where = `rule with priority ${priority}`
  const sel = raw.selection
  const act = raw.action
  if (!isObject(sel)) return `${where}: 'selection' is missing`
  if (!isObject(act)) return `${where}: 'action' is missing`
  const selExtra = unknownKey(sel, SELECTION_KEYS)
  if (selExtra !== undefined) return `${where}: selection key '${selExtra}' is not one the gate knows`
  const actExtra = unknownKey(act, ACTION_KEYS)
  if (actExtra !== undefined) return `${where}: action key '${actExtra}' is not one the gate knows`

  const tagStatus = sel.tagStatus
  if (tagStatus !== 'tagged' && tagStatus !== 'untagged' && tagStatus !== 'any')
    return `${where}: tagStatus must be tagged, untagged or any, got ${JSON.stringify(tagStatus)}`
  const patterns = sel.tagPatternList === undefined ? undefined : stringList(sel.tagPatternList)
  const prefixes = sel.tagPrefixList === undefined ? undefined : stringList(sel.tagPrefixList)
  if (sel.tagPatternList !== undefined && patterns === undefined) return `${where}: tagPatternList must be a list of strings`
  if (sel.tagPrefixList !== undefined && prefixes === undefined) return `${where}: tagPrefixList must be a list of strings`
  if (patterns !== undefined && prefixes !== undefined) return `${where}: a rule may use tagPatternList or tagPrefixList, not both`
  if (tagStatus === 'tagged' && patterns === undefined && prefixes === undefined)
    return `${where}: tagStatus tagged needs a tagPatternList or tagPrefixList`
  if (tagStatus !== 'tagged' && (patterns !== undefined || prefixes !== undefined))
    return `${where}: tag lists may only be used with tagStatus tagged`
  const tooWild = patterns?.find((p) => p.split('*').length - 1 > 4)
  if (tooWild !== undefined) return `${where}: the pattern '${tooWild}' has more than four wildcards`

  const countType = COUNT_TYPES.find((c) => c === sel.countType)
  if (countType === undefined) return `${where}: countType ${JSON.stringify(sel.countType)} is not one the gate knows`
  const countNumber = sel.countNumber
  if (typeof countNumber !== 'number' || !Number.isInteger(countNumber) || countNumber < 1)
    return `${where}: countNumber must be a positive integer`
  if (countType === 'imageCountMoreThan') {
    if (sel.countUnit !== undefined) return `${where}: countUnit cannot be used with imageCountMoreThan`
  } else if (sel.countUnit !== 'days') return `${where}: countUnit must be 'days' with ${countType}`
  const storageClass = sel.storageClass ?? 'standard'
  if (storageClass !== 'standard' && storageClass !== 'archive') return `${where}: storageClass must be standard or archive`
  if ((countType === 'sinceImageTransitioned') !== (storageClass === 'archive'))
    return `${where}: the archive storage class goes with sinceImageTransitioned, and only with it`

  const action = act.type
  if (action !== 'expire' && action !== 'transition') return `${where}: action type ${JSON.stringify(action)} is not one the gate knows`
  if (action === 'transition' && act.targetStorageClass !== 'archive') return `${where}: a transition needs targetStorageClass archive`
  if (action === 'expire' && act.targetStorageClass !== undefined) return `${where}: targetStorageClass is only for a transition`
  if (countType === 'sinceImagePulled' && action !== 'transition') return `${where}: sinceImagePulled must be used with transition`
  if (countType === 'sinceImageTransitioned' && action !== 'expire') return `${where}: sinceImageTransitioned must be used with expire`
  if (countType === 'sinceImageTransitioned' && countNumber < 90) return `${where}: archived images must be kept for at least 90 days`

  const rule: LifecycleRule = {
    priority,
    tagStatus,
    tagPatterns: patterns ?? (prefixes ?? []).map((p) => `${p.replace(/\*/g, '')}*`),
    storageClass,
    countType,
    countNumber,
    action
  }
  if (patterns !== undefined) rule.tagList = 'tagPatternList'
  if (prefixes !== undefined) {
    rule.tagList = 'tagPrefixList'
    // A prefix is literal: keep it as a glob only if it has no `*` of its own.
    if (prefixes.some((p) => p.includes('*'))) return `${where}: tagPrefixList entries are prefixes, without '*'`
  }
  if (typeof raw.description === 'string') rule.description = raw.description
  return rule
}

/**
 * Reads a parsed lifecycle policy document: its rules sorted by priority, or why the gate cannot
 * evaluate it (grammar it does not know, or a combination ECR rejects).
 */
export function parseLifecycleRules(doc: unknown): { rules: LifecycleRule[] } | { error: string } {
  if (!isObject(doc) || !Array.isArray(doc.rules)) return { error: "the lifecycle policy has no 'rules' list" }
  const rules: LifecycleRule[] = []
  for (const [i, raw] of doc.rules.entries()) {
    const rule = parseRule(raw, i)
    if (typeof rule === 'string') return { error: rule }
    if (rules.some((r) => r.priority === rule.priority)) return { error: `two rules have the priority ${rule.priority}` }
    rules.push(rule)
  }
  rules.sort((a, b) => a.priority - b.priority)
  for (const cls of ['standard', 'archive'] as const) {
    const of = rules.filter((r) => r.storageClass === cls)
    const anyIndex = of.findIndex((r) => r.tagStatus === 'any')
    if (anyIndex !== -1 && anyIndex !== of.length - 1)
      return { error: `a tagStatus any rule must have the highest rulePriority among the ${cls} rules` }
    if (of.filter((r) => r.tagStatus === 'untagged').length > 1) return { error: `only one ${cls} rule may select untagged images` }
  }
  return { rules }
}

/** Whether `rule`'s tag selection matches an image with `tags` (storage class aside). */
export function selectsTags(rule: LifecycleRule, tags: readonly string[]): boolean {
  if (rule.tagStatus === 'any') return true
  if (rule.tagStatus === 'untagged') return tags.length === 0
  return tags.length > 0 && rule.tagPatterns.every((p) => tags.some((t) => globMatches(p, t)))
}

/** `archive` for an archived image, `standard` otherwise. */
export function storageClassOf(image: LifecycleImage): 'standard' | 'archive' {
  return image.status === 'ARCHIVED' ? 'archive' : 'standard'
}

/** Whether `rule` selects `image`: its storage class and its tags. */
export function selects(rule: LifecycleRule, image: LifecycleImage): boolean {
  return rule.storageClass === storageClassOf(image) && selectsTags(rule, image.tags)
}

/** The push time lifecycle counts order by: the restore time for an image archived and restored. */
function orderTime(image: LifecycleImage): number {
  return image.lastActivatedAt ?? image.pushedAt
}

/** The time a `since*` rule measures from, or `undefined` (count rules). */
export function sinceTime(rule: LifecycleRule, image: LifecycleImage): number | undefined {
  switch (rule.countType) {
    case 'sinceImagePushed':
      return image.pushedAt
    case 'sinceImagePulled': {
      const pulled = image.lastPulledAt
      const activated = image.lastActivatedAt
      if (activated !== undefined && (pulled === undefined || pulled < activated)) return activated
      return pulled ?? image.pushedAt
    }
    case 'sinceImageTransitioned':
      return image.lastArchivedAt
    case 'imageCountMoreThan':
      return undefined
  }
}

/** The rule that may act on `image`: the first, by priority, that selects it. */
export function ownerRule(rules: readonly LifecycleRule[], image: LifecycleImage): LifecycleRule | undefined {
  return rules.find((r) => selects(r, image))
}

/** The images `rule` selects, youngest first (the order `imageCountMoreThan` counts in). */
export function rankedCandidates(rule: LifecycleRule, images: readonly LifecycleImage[]): LifecycleImage[] {
  return images.filter((i) => selects(rule, i)).sort((a, b) => orderTime(b) - orderTime(a))
}

/** Whether `rule` finds `image` eligible at `at` (ms), among `candidates` (ranked youngest first). */
function eligible(rule: LifecycleRule, image: LifecycleImage, candidates: readonly LifecycleImage[], at: number): boolean {
  if (rule.countType === 'imageCountMoreThan') return candidates.indexOf(image) >= rule.countNumber
  const since = sinceTime(rule, image)
  return since !== undefined && at - since > rule.countNumber * DAY_MS
}

/**
 * What the policy does at time `at` (ms): each image acted on, with the rule that acts. A rule acts
 * only on the images it owns; it counts every image it selects (ECR's "can still identify them").
 */
export function applyLifecycle(rules: readonly LifecycleRule[], images: readonly LifecycleImage[], at: number): Map<string, LifecycleRule> {
  const marked = new Map<string, LifecycleRule>()
  for (const rule of rules) {
    const candidates = rankedCandidates(rule, images)
    for (const image of candidates) {
      if (marked.has(image.digest) || ownerRule(rules, image) !== rule) continue
      if (eligible(rule, image, candidates, at)) marked.set(image.digest, rule)
    }
  }
  return marked
}

/** `rule 2 ("Expire untagged")`. */
export function ruleName(rule: LifecycleRule): string {
  return `rule ${rule.priority}${rule.description !== undefined && rule.description !== '' ? ` ("${rule.description.slice(0, 80)}")` : ''}`
}

/** What `rule` selects, in words: `untagged images`, `images tagged prod*`. */
export function selectionText(rule: LifecycleRule): string {
  const cls = rule.storageClass === 'archive' ? 'archived ' : ''
  if (rule.tagStatus === 'any') return `all ${cls}images`
  if (rule.tagStatus === 'untagged') return `untagged ${cls}images`
  const list = rule.tagList === 'tagPrefixList' ? rule.tagPatterns.map((p) => p.slice(0, -1)) : rule.tagPatterns
  return `${cls}images tagged ${rule.tagList === 'tagPrefixList' ? 'with the prefix ' : ''}${list.join(' and ')}`
}

/** What `rule` keeps or measures, in words: `more than 5 images`, `pushed more than 14 days ago`. */
export function countText(rule: LifecycleRule): string {
  switch (rule.countType) {
    case 'imageCountMoreThan':
      return `beyond the newest ${rule.countNumber}`
    case 'sinceImagePushed':
      return `pushed more than ${rule.countNumber} days ago`
    case 'sinceImagePulled':
      return `not pulled for more than ${rule.countNumber} days`
    case 'sinceImageTransitioned':
      return `archived more than ${rule.countNumber} days ago`
  }
}
