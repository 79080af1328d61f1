/**
 * `tag-immutability` (Security Hub ECR.2): a tag that can be re-pointed lets a deploy by tag run
 * bytes nobody checked. `IMMUTABLE` passes; `IMMUTABLE_WITH_EXCLUSION` warns, and fails when the
 * deployed tag matches an exclusion filter (that tag is mutable); `MUTABLE` and
 * `MUTABLE_WITH_EXCLUSION` fail.
 */
import { registryFlag, type RepositoryFacts } from './facts.js'
import type { RuleFinding } from './rules.js'
import { globMatches } from './wildcard.js'

/** Judges the repository's tag mutability; `tag` is the deployed tag, when the image was named by one. */
export function evaluateTagImmutability(repo: RepositoryFacts, tag: string | undefined): RuleFinding {
  const mode = repo.tagMutability ?? 'MUTABLE'
  const fix = `aws ecr put-image-tag-mutability --repository-name ${repo.name}${registryFlag(repo.registryId)} --image-tag-mutability IMMUTABLE`
  switch (mode) {
    case 'IMMUTABLE':
      return { outcome: 'pass', reason: 'tags are immutable' }
    case 'IMMUTABLE_WITH_EXCLUSION': {
      const filters = repo.exclusionFilters
      const hit = tag !== undefined ? filters.find((f) => globMatches(f, tag)) : undefined
      const details = filters.map((f) => `exclusion filter: ${f}`)
      if (hit !== undefined) {
        return { outcome: 'fail', reason: `tag '${tag}' matches the exclusion filter '${hit}', so it is mutable`, fix, details }
      }
      return {
        outcome: 'warn',
        reason: `tags are immutable except those matching ${filters.length} exclusion filter(s): ${filters.join(', ') || 'none listed'}`,
        fix,
        details
      }
    }
    case 'MUTABLE':
    case 'MUTABLE_WITH_EXCLUSION':
      return { outcome: 'fail', reason: `tags are mutable (${mode}): a tag can be moved to other bytes after the gate checked it`, fix }
    default:
      return { outcome: 'error', reason: `unknown imageTagMutability '${mode}'` }
  }
}
