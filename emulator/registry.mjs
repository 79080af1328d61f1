// The ECR registry endpoint (OCI distribution v2): /v2/, manifests, blobs (optionally redirected
// to a presigned "blob store" URL like S3), referrers API and the sha256-<hex> tag fallback.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { MT, referrersIndex } from './scenario.mjs'

/**
 * @typedef {import('./ecr.mjs').EmulatorContext} EmulatorContext
 */

/**
 * What a registry route answers; the server writes it (and may mangle it for a fault).
 * @typedef {object} RegistryResponse
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {Buffer} body  for HEAD, the body a GET would have (only its length is sent)
 * @property {boolean} head
 * @property {string} [digest]
 * @property {boolean} [authHeader]  GetBlobstore: whether an Authorization header was sent
 */

/**
 * A parsed registry route.
 * @typedef {object} RegistryRoute
 * @property {string} operation  Ping | GetManifest | HeadManifest | GetBlob | HeadBlob | ListReferrers | ListTags | GetBlobstore
 * @property {string} [repository]
 * @property {string} [reference]
 * @property {string} [digest]  the digest named by the request, when there is one
 */

const DIGEST_RE = /^sha256:[a-f0-9]{64}$/
const BLOBSTORE_SECRET = randomBytes(32)

/**
 * Classifies a request path as a registry route, or undefined when it is not one.
 * @param {string} method
 * @param {string} pathname
 * @returns {RegistryRoute|undefined}
 */
export function registryRoute(method, pathname) {
  if (pathname === '/v2' || pathname === '/v2/') return { operation: 'Ping' }
  if (pathname.startsWith('/_blobstore/')) {
    const digest = decodeURIComponent(pathname.slice('/_blobstore/'.length))
    return { operation: 'GetBlobstore', digest }
  }
  const m = /^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/.exec(pathname)
  if (m) {
    const repository = /** @type {string} */ (m[1])
    const reference = decodeURIComponent(/** @type {string} */ (m[3]))
    const head = method === 'HEAD'
    /** @type {RegistryRoute} */
    const r = {
      operation:
        m[2] === 'manifests'
          ? head
            ? 'HeadManifest'
            : 'GetManifest'
          : m[2] === 'blobs'
            ? head
              ? 'HeadBlob'
              : 'GetBlob'
            : 'ListReferrers',
      repository,
      reference
    }
    if (DIGEST_RE.test(reference)) r.digest = reference
    return r
  }
  const t = /^\/v2\/(.+)\/tags\/list$/.exec(pathname)
  if (t) return { operation: 'ListTags', repository: /** @type {string} */ (t[1]) }
  if (pathname.startsWith('/v2/')) return { operation: 'Unknown' }
  return undefined
}

/**
 * OCI distribution error body.
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, string>} [headers]
 * @returns {RegistryResponse}
 */
function ociError(status, code, message, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify({ errors: [{ code, message }] })),
    head: false
  }
}

/**
 * Checks `Authorization: Basic base64(AWS:<password>)` against the issued tokens.
 * @param {EmulatorContext} ctx
 * @param {string|undefined} header
 * @returns {boolean}
 */
function authorized(ctx, header) {
  if (!header || !/^Basic\s+/i.test(header)) return false
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8')
  const sep = decoded.indexOf(':')
  if (sep < 0 || decoded.slice(0, sep) !== 'AWS') return false
  const expires = ctx.tokens.get(decoded.slice(sep + 1))
  return expires !== undefined && expires > Date.now()
}

/**
 * @param {string} repo
 * @param {string} digest
 * @param {number} expires
 */
function blobSignature(repo, digest, expires) {
  return createHmac('sha256', BLOBSTORE_SECRET).update(`${repo}\n${digest}\n${expires}`).digest('hex')
}

/**
 * Does an Accept header allow a media type? No header, or a wildcard, allows everything.
 * @param {string|undefined} accept
 * @param {string} mediaType
 */
function accepts(accept, mediaType) {
  if (!accept) return true
  const types = accept.split(',').map((s) => (s.split(';')[0] ?? '').trim().toLowerCase())
  return types.includes(mediaType) || types.includes('*/*')
}

/**
 * Handles one registry request.
 * @param {RegistryRoute} route
 * @param {{method: string, query: URLSearchParams, headers: import('node:http').IncomingHttpHeaders}} req
 * @param {EmulatorContext} ctx
 * @returns {RegistryResponse}
 */
export function handleRegistry(route, req, ctx) {
  const head = req.method === 'HEAD'
  const realm = `Basic realm="https://${ctx.scn.accountId}.dkr.ecr.${ctx.scn.region}.amazonaws.com/",service="ecr.amazonaws.com"`

  if (route.operation === 'GetBlobstore') {
    // Mimics a presigned S3 URL: the signature is in the query; an Authorization header is an
    // error there (S3: "Only one auth mechanism allowed"), so clients must drop it on redirect.
    const authHeader = req.headers.authorization !== undefined
    const repo = req.query.get('repo') ?? ''
    const expires = Number(req.query.get('X-Amz-Expires-At') ?? '0')
    const sig = req.query.get('sig') ?? ''
    const digest = route.digest ?? ''
    const want = blobSignature(repo, digest, expires)
    const xml = (/** @type {number} */ status, /** @type {string} */ code, /** @type {string} */ msg) => ({
      status,
      headers: { 'Content-Type': 'application/xml' },
      body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${msg}</Message></Error>`),
      head: false,
      digest,
      authHeader
    })
    if (sig.length !== want.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(want)))
      return xml(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    if (expires < Date.now()) return xml(403, 'AccessDenied', 'Request has expired')
    if (authHeader)
      return xml(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified'
      )
    const blob = ctx.repos.get(repo)?.blobs.get(digest)
    if (!blob) return xml(404, 'NoSuchKey', 'The specified key does not exist.')
    return {
      status: 200,
      headers: { 'Content-Type': 'application/octet-stream', ETag: `"${digest.slice(7, 39)}"` },
      body: blob,
      head,
      digest,
      authHeader
    }
  }

  if (!authorized(ctx, req.headers.authorization)) {
    const r = ociError(401, 'DENIED', 'Not Authorized', { 'WWW-Authenticate': realm })
    if (route.digest) r.digest = route.digest
    return r
  }
  const base = { 'Docker-Distribution-API-Version': 'registry/2.0' }
  if (route.operation === 'Ping')
    return { status: 200, headers: { ...base, 'Content-Type': 'application/json' }, body: Buffer.from('{}'), head }
  if (route.operation === 'Unknown') return ociError(404, 'UNSUPPORTED', 'The operation is unsupported.')

  const repo = ctx.repos.get(route.repository ?? '')
  if (!repo)
    return ociError(
      404,
      'NAME_UNKNOWN',
      `The repository with name '${route.repository}' does not exist in the registry with id '${ctx.scn.accountId}'`
    )

  switch (route.operation) {
    case 'GetManifest':
    case 'HeadManifest': {
      const ref = route.reference ?? ''
      const digest = DIGEST_RE.test(ref) ? ref : repo.tags.get(ref)
      const m = digest ? repo.manifests.get(digest) : undefined
      if (!m) return ociError(404, 'MANIFEST_UNKNOWN', `Requested image not found`)
      const accept = req.headers.accept
      if (!accepts(accept, m.mediaType)) {
        return {
          ...ociError(404, 'MANIFEST_UNKNOWN', `Manifest of media type ${m.mediaType} found, but the Accept header does not allow it`),
          digest: m.digest
        }
      }
      return {
        status: 200,
        headers: { ...base, 'Content-Type': m.mediaType, 'Docker-Content-Digest': m.digest, ETag: `"${m.digest}"` },
        body: m.bytes,
        head,
        digest: m.digest
      }
    }
    case 'GetBlob':
    case 'HeadBlob': {
      const digest = route.reference ?? ''
      if (!DIGEST_RE.test(digest)) return ociError(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content')
      const blob = repo.blobs.get(digest)
      if (!blob) return { ...ociError(404, 'BLOB_UNKNOWN', `blob unknown to registry`), digest }
      if (ctx.scn.registry.redirectBlobs && !head) {
        const expires = Date.now() + 3600_000
        const name = route.repository ?? ''
        const q = new URLSearchParams({
          repo: name,
          'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
          'X-Amz-Expires-At': String(expires),
          sig: blobSignature(name, digest, expires)
        })
        return {
          status: 307,
          headers: {
            ...base,
            Location: `${ctx.url}/_blobstore/${encodeURIComponent(digest)}?${q}`,
            'Content-Type': 'text/html; charset=utf-8'
          },
          body: Buffer.alloc(0),
          head,
          digest
        }
      }
      return {
        status: 200,
        headers: { ...base, 'Content-Type': 'application/octet-stream', 'Docker-Content-Digest': digest },
        body: blob,
        head,
        digest
      }
    }
    case 'ListReferrers': {
      const digest = route.reference ?? ''
      if (!ctx.scn.registry.referrersApi)
        return { ...ociError(404, 'UNSUPPORTED', 'The referrers API is not supported by this registry'), digest }
      if (!DIGEST_RE.test(digest)) return ociError(400, 'DIGEST_INVALID', 'invalid digest')
      const artifactType = req.query.get('artifactType') ?? undefined
      const index = referrersIndex(repo, digest, artifactType)
      /** @type {Record<string, string>} */
      const headers = { ...base, 'Content-Type': MT.ociIndex }
      if (artifactType !== undefined) headers['OCI-Filters-Applied'] = 'artifactType'
      // Pagination (emulator option `referrers`): `pageSize` descriptors a page, with a Link to the
      // next; `endless` always links to another page, as a registry whose list never ends.
      const paging = /** @type {{pageSize?: number, endless?: boolean} | undefined} */ (ctx.referrers)
      if (paging?.pageSize !== undefined) {
        const page = Number(req.query.get('page') ?? '0')
        const all = index.manifests
        index.manifests = all.slice(page * paging.pageSize, (page + 1) * paging.pageSize)
        if (paging.endless || (page + 1) * paging.pageSize < all.length) {
          headers['Link'] = `</v2/${route.repository}/referrers/${digest}?page=${page + 1}>; rel="next"`
        }
      }
      return { status: 200, headers, body: Buffer.from(JSON.stringify(index)), head, digest }
    }
    case 'ListTags': {
      const tags = [...repo.tags.keys()].sort()
      return {
        status: 200,
        headers: { ...base, 'Content-Type': 'application/json' },
        body: Buffer.from(JSON.stringify({ name: route.repository, tags })),
        head
      }
    }
    default:
      return ociError(404, 'UNSUPPORTED', 'The operation is unsupported.')
  }
}
