/**
 * The lifecycle evaluator against the worked examples of the Amazon ECR user guide: "Examples of
 * lifecycle policies in Amazon ECR" (lifecycle_policy_examples.html) and the evaluation rules and
 * tag pattern examples of "Automate the cleanup of images by using lifecycle policies"
 * (LifecyclePolicies.html). Each case is the guide's policy and repository with the outcome the
 * guide states; where the guide gives a policy without a repository, the images are chosen to sit
 * on both sides of its threshold.
 */
import { describe, expect, it } from 'vitest'
import {
  DAY_MS,
  applyLifecycle,
  parseLifecycleRules,
  selectsTags,
  type LifecycleImage,
  type LifecycleRule
} from '../../../src/checks/posture/index.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const ago = (days: number): number => NOW - days * DAY_MS

function img(name: string, tags: string[], pushedDaysAgo: number, extra: Partial<LifecycleImage> = {}): LifecycleImage {
  return { digest: name, tags, pushedAt: ago(pushedDaysAgo), ...extra }
}

function rulesOf(doc: unknown): LifecycleRule[] {
  const parsed = parseLifecycleRules(doc)
  if ('error' in parsed) throw new Error(parsed.error)
  return parsed.rules
}

/** Names of the images the policy acts on now, sorted, with the action. */
function outcome(doc: unknown, images: LifecycleImage[], at = NOW): string[] {
  const marked = applyLifecycle(rulesOf(doc), images, at)
  return [...marked.entries()].map(([d, r]) => `${d}:${r.action}`).sort()
}

const expire = { type: 'expire' }
const archive = { type: 'transition', targetStorageClass: 'archive' }
const rule = (rulePriority: number, selection: Record<string, unknown>, action: Record<string, unknown> = expire) => ({
  rulePriority,
  description: `Rule ${rulePriority}`,
  selection,
  action
})

interface Example {
  name: string
  policy: unknown
  images: LifecycleImage[]
  expected: string[]
}

const multi = [img('A', ['beta-1', 'prod-1'], 10), img('B', ['beta-2', 'prod-2'], 9), img('C', ['beta-3'], 8)]

const EXAMPLES: Example[] = [
  {
    name: 'Filtering on image age: prod* older than 14 days',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['prod*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 })
      ]
    },
    images: [img('old-prod', ['prod-1'], 20), img('new-prod', ['prod-2'], 10), img('old-dev', ['dev-1'], 30)],
    expected: ['old-prod:expire']
  },
  {
    name: 'Filtering on last pulled time: archive images not pulled in 90 days (never pulled counts from the push)',
    policy: { rules: [rule(1, { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90 }, archive)] },
    images: [
      img('stale', ['a'], 200, { lastPulledAt: ago(120) }),
      img('pulled', ['b'], 200, { lastPulledAt: ago(5) }),
      img('never-pulled-old', [], 100),
      img('never-pulled-new', [], 30)
    ],
    expected: ['never-pulled-old:transition', 'stale:transition']
  },
  {
    name: 'Filtering on archive transition time: expire images archived more than 365 days ago',
    policy: {
      rules: [
        rule(1, { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 365 })
      ]
    },
    images: [
      img('long-archived', ['a'], 900, { status: 'ARCHIVED', lastArchivedAt: ago(400) }),
      img('recently-archived', ['b'], 900, { status: 'ARCHIVED', lastArchivedAt: ago(100) }),
      img('active-old', ['c'], 900)
    ],
    expected: ['long-archived:expire']
  },
  {
    name: 'Filtering on image count: keep only one untagged image',
    policy: { rules: [rule(1, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 })] },
    images: [img('u1', [], 3), img('u2', [], 2), img('u3', [], 1), img('tagged', ['v1'], 5)],
    expected: ['u1:expire', 'u2:expire']
  },
  {
    name: 'Multiple rules, Example A: prod* then beta*, count 1 each: only A',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['prod*'], countType: 'imageCountMoreThan', countNumber: 1 }),
        rule(2, { tagStatus: 'tagged', tagPatternList: ['beta*'], countType: 'imageCountMoreThan', countNumber: 1 })
      ]
    },
    images: multi,
    expected: ['A:expire']
  },
  {
    name: 'Multiple rules, Example B: beta* then prod*: A and B',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['beta*'], countType: 'imageCountMoreThan', countNumber: 1 }),
        rule(2, { tagStatus: 'tagged', tagPatternList: ['prod*'], countType: 'imageCountMoreThan', countNumber: 1 })
      ]
    },
    images: multi,
    expected: ['A:expire', 'B:expire']
  },
  {
    name: 'Multiple tags in a single rule, Example A: alpha* and beta* older than 5 days: C',
    policy: {
      rules: [
        rule(1, {
          tagStatus: 'tagged',
          tagPatternList: ['alpha*', 'beta*'],
          countType: 'sinceImagePushed',
          countNumber: 5,
          countUnit: 'days'
        })
      ]
    },
    images: [
      img('A', ['alpha-1'], 12),
      img('B', ['beta-1'], 11),
      img('C', ['alpha-2', 'beta-2'], 10),
      img('D', ['alpha-3'], 4),
      img('E', ['beta-3'], 3),
      img('F', ['alpha-4', 'beta-4'], 2)
    ],
    expected: ['C:expire']
  },
  {
    name: 'Multiple tags in a single rule, Example B: tags are not exclusive: A and B',
    policy: {
      rules: [rule(1, { tagStatus: 'tagged', tagPatternList: ['alpha*', 'beta*'], countType: 'imageCountMoreThan', countNumber: 1 })]
    },
    images: [
      img('A', ['alpha-1', 'beta-1', 'gamma-1'], 10),
      img('B', ['alpha-2', 'beta-2'], 9),
      img('C', ['alpha-3', 'beta-3', 'gamma-2'], 8)
    ],
    expected: ['A:expire', 'B:expire']
  },
  {
    name: 'All images, Example A: any, keep one: A, B and C',
    policy: { rules: [rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 })] },
    images: [img('A', ['alpha-1'], 4), img('B', ['beta-1'], 3), img('C', [], 2), img('D', ['alpha-2'], 1)],
    expected: ['A:expire', 'B:expire', 'C:expire']
  },
  {
    name: 'All images, Example B: alpha* count 1, untagged older than 1 day, any count 1: A, B and D',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['alpha*'], countType: 'imageCountMoreThan', countNumber: 1 }),
        rule(2, { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 }),
        rule(3, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 })
      ]
    },
    // D and E were both pushed "1 day ago"; the guide keeps E as rule 3's newest, so E is the later push.
    images: [img('A', ['alpha-1', 'beta-1'], 4), img('B', [], 3), img('C', ['alpha-2'], 2), img('D', ['git hash'], 0.9), img('E', [], 0.8)],
    expected: ['A:expire', 'B:expire', 'D:expire']
  },
  {
    name: 'Archive examples: archive prod* images older than 30 days',
    policy: {
      rules: [
        rule(
          1,
          { tagStatus: 'tagged', tagPatternList: ['prod*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 },
          archive
        )
      ]
    },
    images: [img('prod-old', ['prod-1'], 31), img('prod-new', ['prod-2'], 29), img('dev-old', ['dev'], 90)],
    expected: ['prod-old:transition']
  },
  {
    name: 'Archive examples: archive images not pulled in 90 days (restored and not pulled since counts from the restore)',
    policy: { rules: [rule(1, { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 90 }, archive)] },
    images: [
      img('restored-recently', ['r'], 400, { lastPulledAt: ago(300), lastActivatedAt: ago(10) }),
      img('restored-long-ago', ['s'], 400, { lastPulledAt: ago(300), lastActivatedAt: ago(200) })
    ],
    expected: ['restored-long-ago:transition']
  },
  {
    name: 'Combining archive and expire rules: archive after 30 days, expire after 365 days in the archive',
    policy: {
      rules: [
        rule(1, { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 }, archive),
        rule(2, { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 365 })
      ]
    },
    images: [
      img('fresh', ['a'], 10),
      img('month-old', ['b'], 40),
      img('archived-long', ['c'], 800, { status: 'ARCHIVED', lastArchivedAt: ago(370) }),
      img('archived-short', ['d'], 800, { status: 'ARCHIVED', lastArchivedAt: ago(200) })
    ],
    expected: ['archived-long:expire', 'month-old:transition']
  },
  {
    name: 'Evaluation rules: prod* matches prod, prod1 and production-team1',
    policy: {
      rules: [rule(1, { tagStatus: 'tagged', tagPatternList: ['prod*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 })]
    },
    images: [img('p0', ['prod'], 5), img('p1', ['prod1'], 5), img('p2', ['production-team1'], 5), img('x', ['preprod'], 5)],
    expected: ['p0:expire', 'p1:expire', 'p2:expire']
  },
  {
    name: 'Evaluation rules: *prod* matches repo-production and prod-team',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['*prod*'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 1 })
      ]
    },
    images: [img('a', ['repo-production'], 5), img('b', ['prod-team'], 5), img('c', ['pr-od'], 5)],
    expected: ['a:expire', 'b:expire']
  },
  {
    name: 'Evaluation rules: tagPrefixList selects images whose tags start with every prefix',
    policy: { rules: [rule(1, { tagStatus: 'tagged', tagPrefixList: ['prod', 'v'], countType: 'imageCountMoreThan', countNumber: 1 })] },
    images: [img('both-old', ['prod-a', 'v1'], 3), img('both-new', ['prod-b', 'v2'], 2), img('prod-only', ['prod-c'], 9)],
    expected: ['both-old:expire']
  },
  {
    name: 'Evaluation rules: the image referenced by a higher rule is counted but not acted on by a lower one',
    policy: {
      rules: [
        rule(1, { tagStatus: 'tagged', tagPatternList: ['release*'], countType: 'imageCountMoreThan', countNumber: 5 }),
        rule(2, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 })
      ]
    },
    images: [img('r1', ['release-1'], 3), img('r2', ['release-2'], 2), img('dev', ['dev'], 1), img('newest', [], 0.5)],
    expected: ['dev:expire']
  }
]

describe('lifecycle evaluation: the AWS worked examples', () => {
  it('has at least 15 policies with known outcomes', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(15)
  })
  it.each(EXAMPLES)('$name', ({ policy, images, expected }) => {
    expect(outcome(policy, images)).toEqual(expected)
  })
})

describe('lifecycle grammar the gate refuses (ECR rejects it, or the gate does not know it)', () => {
  const base = { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 }
  it.each([
    [
      'more than four wildcards in a pattern',
      [rule(1, { tagStatus: 'tagged', tagPatternList: ['test*1*2*3*4*5*6'], countType: 'imageCountMoreThan', countNumber: 1 })],
      /more than four wildcards/
    ],
    [
      'both tag lists',
      [rule(1, { tagStatus: 'tagged', tagPatternList: ['a*'], tagPrefixList: ['a'], countType: 'imageCountMoreThan', countNumber: 1 })],
      /not both/
    ],
    [
      'tagged without a tag list',
      [rule(1, { tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 1 })],
      /needs a tagPatternList/
    ],
    ['a tag list on untagged', [rule(1, { ...base, tagPrefixList: ['a'] })], /only be used with tagStatus tagged/],
    ['countUnit with imageCountMoreThan', [rule(1, { ...base, countUnit: 'days' })], /countUnit cannot be used/],
    [
      'sinceImagePushed without countUnit',
      [rule(1, { tagStatus: 'any', countType: 'sinceImagePushed', countNumber: 3 })],
      /countUnit must be 'days'/
    ],
    [
      'sinceImagePulled with expire',
      [rule(1, { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 3 })],
      /must be used with transition/
    ],
    [
      'archive less than 90 days',
      [rule(1, { tagStatus: 'any', storageClass: 'archive', countType: 'sinceImageTransitioned', countUnit: 'days', countNumber: 30 })],
      /at least 90 days/
    ],
    [
      'an unknown count type',
      [rule(1, { tagStatus: 'any', countType: 'sinceImageBuilt', countUnit: 'days', countNumber: 3 })],
      /not one the gate knows/
    ],
    ['an unknown selection key', [rule(1, { ...base, tagRegex: 'x' })], /selection key 'tagRegex'/],
    ['a zero count', [rule(1, { ...base, countNumber: 0 })], /positive integer/],
    ['an unknown action', [rule(1, base, { type: 'delete' })], /action type "delete"/],
    [
      'a transition without a target',
      [rule(1, { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 3 }, { type: 'transition' })],
      /targetStorageClass archive/
    ],
    [
      'duplicate priorities',
      [rule(1, base), rule(1, { tagStatus: 'tagged', tagPrefixList: ['a'], countType: 'imageCountMoreThan', countNumber: 1 })],
      /priority 1/
    ],
    [
      'an any rule that is not last',
      [rule(1, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }), rule(2, base)],
      /highest rulePriority/
    ],
    ['two untagged rules', [rule(1, base), rule(2, { ...base, countNumber: 2 })], /only one standard rule may select untagged/]
  ])('%s', (_, rules, message) => {
    const parsed = parseLifecycleRules({ rules })
    expect('error' in parsed && parsed.error).toMatch(message)
  })
  it('needs a rules list', () => {
    expect(parseLifecycleRules({ rule: [] })).toEqual({ error: "the lifecycle policy has no 'rules' list" })
  })
  it('sorts rules by priority, which need not be sequential', () => {
    const parsed = parseLifecycleRules({
      rules: [
        rule(20, { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 1 }),
        rule(5, { tagStatus: 'untagged', countType: 'imageCountMoreThan', countNumber: 1 })
      ]
    })
    expect('rules' in parsed && parsed.rules.map((r) => r.priority)).toEqual([5, 20])
  })
})

describe('tag selection', () => {
  const tagged = (tagPatterns: string[]): LifecycleRule => ({
    priority: 1,
    tagStatus: 'tagged',
    tagPatterns,
    tagList: 'tagPatternList',
    storageClass: 'standard',
    countType: 'imageCountMoreThan',
    countNumber: 1,
    action: 'expire'
  })
  it('every pattern must match one of the tags; patterns are anchored', () => {
    expect(selectsTags(tagged(['alpha*', 'beta*']), ['alpha-1', 'beta-1'])).toBe(true)
    expect(selectsTags(tagged(['alpha*', 'beta*']), ['alpha-1'])).toBe(false)
    expect(selectsTags(tagged(['prod']), ['prod-1'])).toBe(false)
    expect(selectsTags(tagged(['*']), [])).toBe(false)
  })
})
