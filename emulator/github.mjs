// A loopback GitHub attestations API: JSON, Link pagination, inline `bundle` or a snappy-compressed
// `bundle_url`, 401/403/404 and rate limiting, driven by a mutable state object the test owns (so
// bundles signed for digests known only once the emulator started can be added). Dev/test only.

import snappy from 'snappyjs'

/**
 * The state of the loopback GitHub API, mutable after the emulator started.
 * @typedef {object} GitHubState
 * @property {{owner: string, repo: string, digest: string, bundle: object, form?: 'inline'|'url'}[]} attestations
 * @property {number} [pageSize]  attestations per page (default per_page, else 30)
 * @property {number} [status]  answer every listing with this status (401, 403, 500, …)
 * @property {number} [rateLimited]  answer this many requests with 403 and x-ratelimit-remaining: 0 first
 * @property {boolean} [endlessPages]  every page links to another one
 * @property {{path: string, authorization?: string, t: number}[]} [requests]  recorded requests
 */

/**
 * Handles a GitHub API request, or returns false when the path is not one.
 * @param {GitHubState} state
 * @param {string} baseUrl
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 */
export function handleGitHub(state, baseUrl, req, res, url) {
  // Octokit sends the digest URL-encoded (sha256%3A…), as GitHub accepts it.
  let pathname = url.pathname
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    // keep it as sent
  }
  const list = /^\/(?:repos\/([^/]+)\/([^/]+)|orgs\/([^/]+))\/attestations\/(sha256:[0-9a-f]{64})$/.exec(pathname)
  const blob = /^\/_github\/bundles\/(\d+)$/.exec(url.pathname)
  if (!list && !blob) return false
  state.requests ??= []
  state.requests.push({
    path: `${url.pathname}${url.search}`,
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    t: Date.now()
  })
  /** @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
  const json = (status, body, headers = {}) => {
    const bytes = Buffer.from(JSON.stringify(body))
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length), ...headers })
    res.end(bytes)
  }
  if (blob) {
    const entry = state.attestations[Number(blob[1])]
    if (!entry) return (json(404, { message: 'Not Found' }), true)
    const bytes = Buffer.from(snappy.compress(Buffer.from(JSON.stringify(entry.bundle))))
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) })
    res.end(bytes)
    return true
  }
  if (!/^(?:token|Bearer) \S+$/.test(String(req.headers.authorization ?? '')))
    return (json(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' }), true)
  if ((state.rateLimited ?? 0) > 0) {
    state.rateLimited = (state.rateLimited ?? 0) - 1
    return (
      json(
        403,
        { message: 'API rate limit exceeded for installation.', status: '403' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) }
      ),
      true
    )
  }
  if (state.status === 401) return (json(401, { message: 'Bad credentials', status: '401' }), true)
  if (state.status === 403) return (json(403, { message: 'Resource not accessible by integration', status: '403' }), true)
  if (state.status !== undefined) return (json(state.status, { message: 'Server Error' }), true)
  const [, owner, repo, org, digest] = list
  const matching = state.attestations
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => a.digest === digest && (org !== undefined ? a.owner === org : a.owner === owner && a.repo === repo))
  if (matching.length === 0 && !state.endlessPages) return (json(404, { message: 'Not Found', status: '404' }), true)
  const perPage = state.pageSize ?? Number(url.searchParams.get('per_page') ?? 30)
  const after = Number(url.searchParams.get('after') ?? 0)
  const page = matching.slice(after, after + perPage)
  const attestations = page.map(({ a, index }) =>
    a.form === 'url'
      ? { bundle: null, bundle_url: `${baseUrl}/_github/bundles/${index}`, repository_id: 1 }
      : { bundle: a.bundle, repository_id: 1 }
  )
  /** @type {Record<string, string>} */
  const headers = {}
  if (state.endlessPages || after + perPage < matching.length) {
    const next = new URL(url.toString(), baseUrl)
    next.searchParams.set('after', String(after + perPage))
    headers.Link = `<${baseUrl}${next.pathname}${next.search}>; rel="next"`
  }
  return (json(200, { attestations }, headers), true)
}
