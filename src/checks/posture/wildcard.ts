/**
 * The two wildcard dialects of ECR filters. Registry scanning filters: a filter without `*` matches
 * every repository name that *contains* it, with `*` it is an anchored glob (ECR user guide, "Filters
 * for scanning"). Tag mutability exclusion filters are anchored globs where `*` is any run.
 */

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`)
}

/** An anchored glob: `*` stands for zero or more characters, everything else is literal. */
export function globMatches(pattern: string, value: string): boolean {
  return globRegExp(pattern).test(value)
}

/** A registry scanning filter against a repository name (substring without `*`, glob with it). */
export function scanFilterMatches(filter: string, repository: string): boolean {
  return filter.includes('*') ? globMatches(filter, repository) : repository.includes(filter)
}
