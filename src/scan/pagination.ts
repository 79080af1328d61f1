/** The nextToken loop shared by ECR and Inspector finding reads, with its fail-closed guards. */
import { AwsCallError } from '../core/errors.js'

/** Upper bound on pages read (1000 findings each): a loop past this is a broken paginator. */
export const MAX_FINDING_PAGES = 1000

/**
 * Reads every page: `fetchPage(nextToken)` gets one (wrapping its own AWS errors), `onPage` takes it
 * in. Throws `PaginationDidNotTerminate` when a nextToken repeats or more than `MAX_FINDING_PAGES`
 * pages come back, so a broken or hostile paginator can neither loop forever nor pass as complete.
 * Returns how many pages were read.
 */
export async function readAllPages<R extends { nextToken?: string | undefined }>(
  fetchPage: (nextToken: string | undefined) => Promise<R>,
  onPage: (response: R, page: number) => void,
  failure: { what: string; operation: string }
): Promise<number> {
  const seenTokens = new Set<string>()
  const stop = (why: string): AwsCallError =>
    new AwsCallError(
      `Could not read ${failure.what}: findings pagination did not terminate (${why})`,
      'PaginationDidNotTerminate',
      failure.operation
    )
  let nextToken: string | undefined
  let pages = 0
  do {
    if (pages >= MAX_FINDING_PAGES) throw stop(`more than ${MAX_FINDING_PAGES} pages`)
    const response = await fetchPage(nextToken)
    pages += 1
    onPage(response, pages)
    const token = response.nextToken
    nextToken = typeof token === 'string' && token !== '' ? token : undefined
    if (nextToken !== undefined) {
      if (seenTokens.has(nextToken)) throw stop('a nextToken repeated')
      seenTokens.add(nextToken)
    }
  } while (nextToken !== undefined)
  return pages
}
