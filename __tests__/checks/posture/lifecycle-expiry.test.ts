/**
 * `lifecycle-expiry` as a pure function: the deployed digest (and an index's platform manifests)
 * against the repository's lifecycle policy, now and within the horizon.
 */
import { describe, expect, it } from 'vitest'
import { DAY_MS, evaluateLifecycleExpiry, type ExpiryInput, type LifecycleImage } from '../../../src/checks/posture/index.js'

const NOW = Date.parse('2026-06-01T12:00:00Z')
const ago = (days: number): number => NOW - days * DAY_MS
const D = `sha256:${'d'.repeat(64)}`
const img = (digest: string, tags: string[], days: number, extra: Partial<LifecycleImage> = {}): LifecycleImage => ({
  digest,
  tags,
  pushedAt: ago(days),
  ...extra
})
const policy = (...rules: object[]) => JSON.stringify({ rules })
const untagged14 = {
  rulePriority: 1,
  description: 'Expire untagged after 14 days',
  selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
  action: { type: 'expire' }
}
const keep = (n: number, prio = 2) => ({
  rulePriority: prio,
  selection: { tagStatus: 'tagged', tagPatternList: ['v*'], countType: 'imageCountMoreThan', countNumber: n },
  action: { type: 'expire' }
})

function input(over: Partial<ExpiryInput>): ExpiryInput {
  return {
    text: undefined,
    images: [],
    repository: 'app',
    registryId: '123456789012',
    digest: D,
    platforms: [],
    now: NOW,
    horizonDays: 30,
    ...over
  }
}

describe('lifecycle-expiry', () => {
  it('passes when the repository has no lifecycle policy', () => {
    expect(evaluateLifecycleExpiry(input({})).outcome).toBe('pass')
  })

  it('fails an untagged digest the policy expires in 3 days, naming the rule and the date', () => {
    const f = evaluateLifecycleExpiry(input({ text: policy(untagged14), images: [img(D, [], 11)] }))
    expect(f.outcome).toBe('fail')
    expect(f.reason).toContain('rule 1 ("Expire untagged after 14 days") (untagged images pushed more than 14 days ago)')
    expect(f.reason).toContain('expired (deleted) on 2026-06-04, in 3 day(s)')
    expect(f.fix).toMatch(/give the digest a tag .*aws ecr put-lifecycle-policy --repository-name app --registry-id 123456789012/)
  })

  it('fails now when the digest is already eligible', () => {
    const f = evaluateLifecycleExpiry(input({ text: policy(untagged14), images: [img(D, [], 20)] }))
    expect(f.outcome).toBe('fail')
    expect(f.reason).toContain('now (ECR acts within 24 hours)')
  })

  it('passes when the date is beyond the horizon, and fails when the horizon reaches it', () => {
    const images = [img(D, [], 1)]
    expect(evaluateLifecycleExpiry(input({ text: policy(untagged14), images, horizonDays: 10 })).outcome).toBe('pass')
    expect(evaluateLifecycleExpiry(input({ text: policy(untagged14), images, horizonDays: 14 })).outcome).toBe('fail')
  })

  it('a tagged digest outside "keep the last N" fails; inside it passes while pushes are rare', () => {
    const images = [img('n1', ['v3'], 1), img('n2', ['v2'], 2), img(D, ['v1'], 100)]
    const out = evaluateLifecycleExpiry(input({ text: policy(untagged14, keep(2)), images }))
    expect(out.outcome).toBe('fail')
    expect(out.reason).toContain('rule 2 (images tagged v* beyond the newest 2)')
    const kept = evaluateLifecycleExpiry(
      input({ text: policy(untagged14, keep(3)), images: [img('n1', ['v3'], 200), img(D, ['v1'], 300)] })
    )
    expect(kept.outcome).toBe('pass')
    expect(kept.reason).toContain('rule 2 (images tagged v* beyond the newest 3) does not reach it within 30 days')
  })

  it('estimates count-based expiry from the recent push rate', () => {
    // Keep 3; D is second newest: 2 more pushes expire it, and the last 30 days saw 3 such pushes.
    const images = [img('n1', ['v9'], 1), img(D, ['v8'], 2), img('o1', ['v7'], 40), img('o2', ['v6'], 3), img('o3', ['v5'], 50)]
    const f = evaluateLifecycleExpiry(input({ text: policy(keep(4)), images }))
    expect(f.outcome).toBe('fail')
    expect(f.reason).toMatch(/at the recent push rate \(3 more push\(es\) of images tagged v\* expire it, and the last 30 days saw 3\)/)
  })

  it('an archived image fails: it cannot be pulled', () => {
    const f = evaluateLifecycleExpiry(input({ text: policy(untagged14), images: [img(D, ['v1'], 1, { status: 'ARCHIVED' })] }))
    expect(f).toMatchObject({ outcome: 'fail', reason: expect.stringContaining('archived: pulls fail') })
    expect(f.fix).toContain('aws ecr update-image-storage-class --repository-name app --registry-id 123456789012')
  })

  it('a transition rule is reported as archiving, and the deploy pull restarts sinceImagePulled', () => {
    const pulled = policy({
      rulePriority: 1,
      selection: { tagStatus: 'any', countType: 'sinceImagePulled', countUnit: 'days', countNumber: 20 },
      action: { type: 'transition', targetStorageClass: 'archive' }
    })
    // Last pulled 100 days ago, but this deploy pulls it now: archived in 20 days if nothing pulls it again.
    const f = evaluateLifecycleExpiry(input({ text: pulled, images: [img(D, ['v1'], 200, { lastPulledAt: ago(100) })] }))
    expect(f.outcome).toBe('fail')
    expect(f.reason).toContain('archived (pulls fail until it is restored) on 2026-06-21, in 20 day(s)')
    expect(evaluateLifecycleExpiry(input({ text: pulled, images: [img(D, ['v1'], 200)], horizonDays: 19 })).outcome).toBe('pass')
  })

  it("an index's untagged platform manifests: protected while the index exists, so a warning", () => {
    const child = `sha256:${'c'.repeat(64)}`
    const f = evaluateLifecycleExpiry(
      input({ text: policy(untagged14), images: [img(D, ['v1'], 30), img(child, [], 30)], platforms: [child] })
    )
    expect(f.outcome).toBe('warn')
    expect(f.reason).toContain('1 of its platform manifests would be eligible')
    expect(f.details?.[0]).toMatch(/^platform manifest cccccccccccc: rule 1 .* selects it now/)
  })

  it.each([
    ['not JSON', '{', 'the lifecycle policy text is not valid JSON'],
    [
      'unknown grammar',
      policy({ ...untagged14, selection: { ...untagged14.selection, countType: 'sinceImageBuilt' } }),
      'cannot evaluate the lifecycle policy'
    ],
    ['too long', `{"rules":[]${' '.repeat(31_000)}}`, 'longer than 30720 characters']
  ])('%s is an error, never a pass', (_, text, reason) => {
    const f = evaluateLifecycleExpiry(input({ text, images: [img(D, [], 1)] }))
    expect(f.outcome).toBe('error')
    expect(f.reason).toContain(reason)
  })

  it('a mutable deployed tag: once it moves, the untagged rule expires the digest, so a warning', () => {
    const images = [img(D, ['latest'], 20)]
    const f = evaluateLifecycleExpiry(input({ text: policy(untagged14), images, mutableTag: 'latest' }))
    expect(f.outcome).toBe('warn')
    expect(f.reason).toContain("tag 'latest' is mutable: once it moves to another image, rule 1")
    expect(f.reason).toContain('expired (deleted) now')
    expect(f.fix).toContain(
      'aws ecr put-image-tag-mutability --repository-name app --registry-id 123456789012 --image-tag-mutability IMMUTABLE'
    )
    // Another tag keeps it tagged; an immutable tag (no mutableTag) cannot move.
    expect(
      evaluateLifecycleExpiry(input({ text: policy(untagged14), images: [img(D, ['latest', 'v1'], 20)], mutableTag: 'latest' })).outcome
    ).toBe('pass')
    expect(evaluateLifecycleExpiry(input({ text: policy(untagged14), images })).outcome).toBe('pass')
  })

  it('a digest the listing does not hold is an error', () => {
    expect(evaluateLifecycleExpiry(input({ text: policy(untagged14), images: [img('other', [], 1)] })).outcome).toBe('error')
  })
})
