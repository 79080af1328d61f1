import type { IncomingMessage, ServerResponse } from 'node:http'

/** The state of the loopback GitHub attestations API, mutable after the emulator started. */
export interface GitHubState {
  attestations: { owner: string; repo: string; digest: string; bundle: object; form?: 'inline' | 'url' }[]
  /** attestations per page (default per_page, else 30) */
  pageSize?: number
  /** answer every listing with this status (401, 403, 500, …) */
  status?: number
  /** answer this many requests with 403 and x-ratelimit-remaining: 0 first */
  rateLimited?: number
  /** every page links to another one */
  endlessPages?: boolean
  /** recorded requests */
  requests?: { path: string; authorization?: string; t: number }[]
}

export function handleGitHub(state: GitHubState, baseUrl: string, req: IncomingMessage, res: ServerResponse, url: URL): boolean
