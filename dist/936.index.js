export const id = 936;
export const ids = [936];
export const modules = {

/***/ 15290:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   By: () => (/* binding */ MAX_BUNDLE_FILE_BYTES),
/* harmony export */   Ei: () => (/* binding */ parseBundleFile),
/* harmony export */   Ly: () => (/* binding */ registryBundles),
/* harmony export */   Me: () => (/* binding */ MAX_BUNDLE_BYTES),
/* harmony export */   by: () => (/* binding */ AttestationApiError),
/* harmony export */   dL: () => (/* binding */ parseBundleText),
/* harmony export */   fI: () => (/* binding */ MAX_BUNDLES)
/* harmony export */ });
/* unused harmony export SIGSTORE_BUNDLE_TYPE_PREFIX */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74296);
/* harmony import */ var _core_constants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(26214);
/**
 * Where attestation bundles come from: the GitHub attestations API (through the `AttestationApi`
 * port, which an adapter builds with the workflow's token), the image's registry (OCI referrers
 * whose artifact type is a Sigstore bundle, layer 0 holding the bundle), or a bundle file read
 * once before any network call. Every source is size-bounded before parsing.
 */


/** Bound on one bundle's JSON (real ones are 5-15 KiB). */
const MAX_BUNDLE_BYTES = 1024 * 1024;
/** Bound on a bundle file (`.jsonl` of many bundles). */
const MAX_BUNDLE_FILE_BYTES = 16 * 1024 * 1024;
/** Most bundles examined for one image, whatever the source (gh's own upper limit is 1000). */
const MAX_BUNDLES = 1000;
/** The artifact types of Sigstore bundles in a registry start with this. */
const SIGSTORE_BUNDLE_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';
/** A failure of the attestations API, after its retries. `kind` says what the person must fix. */
class AttestationApiError extends Error {
    kind;
    name = 'AttestationApiError';
    constructor(message, kind) {
        super(message);
        this.kind = kind;
    }
}
/** Parses bundle JSON text, bounded; throws a message naming `what`. */
function parseBundleText(text, what) {
    if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_BYTES)
        throw new Error(`${what} is over the ${MAX_BUNDLE_BYTES}-byte bundle limit`);
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`${what} is not JSON`);
    }
}
/**
 * The bundles of a bundle file's text: `.json` holds one bundle, `.jsonl` one per line (as the
 * attestations API and `gh attestation download` write them). Throws a message naming the line.
 */
function parseBundleFile(text, path) {
    if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_FILE_BYTES)
        throw new Error(`${path} is over the ${MAX_BUNDLE_FILE_BYTES}-byte limit`);
    if (!/\.jsonl$/i.test(path))
        return [parseBundleText(text, path)];
    const lines = text.split(/\r?\n/);
    const bundles = [];
    lines.forEach((line, i) => {
        if (line.trim() === '')
            return;
        bundles.push(parseBundleText(line, `line ${i + 1} of ${path}`));
    });
    if (bundles.length === 0)
        throw new Error(`${path} holds no bundle`);
    if (bundles.length > MAX_BUNDLES)
        throw new Error(`${path} holds ${bundles.length} bundles, over the limit of ${MAX_BUNDLES}`);
    return bundles;
}
/**
 * The Sigstore bundles stored beside the image as OCI referrers of its digest: manifests whose
 * artifact type starts with `application/vnd.dev.sigstore.bundle` (as `actions/attest` with
 * `push-to-registry: true` writes them), the bundle being layer 0. A referrer that cannot be read is
 * a problem, not a stop: the others may still pass.
 */
async function registryBundles(artifacts, repository, log) {
    const referrers = (await artifacts.referrers()).filter((d) => d.artifactType?.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) === true);
    log.info(`Found ${referrers.length} Sigstore bundle referrer(s) in the registry`);
    const client = await artifacts.client();
    const bundles = [];
    const problems = [];
    const incomplete = await artifacts.referrersIncomplete();
    if (incomplete !== undefined)
        problems.push(`the referrers list is incomplete (${incomplete}), so an attestation beyond it was not examined`);
    for (const descriptor of referrers.slice(0, MAX_BUNDLES)) {
        const what = `referrer ${descriptor.digest.slice(0, 19)}`;
        try {
            const manifest = await client.getManifest(repository, descriptor.digest, [_core_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .MediaTypes */ .mI.OciManifest]);
            const parsed = JSON.parse(Buffer.from(manifest.bytes).toString('utf8'));
            const layer = Array.isArray(parsed.layers) ? parsed.layers[0] : undefined;
            if (layer === undefined ||
                typeof layer.mediaType !== 'string' ||
                !layer.mediaType.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) ||
                typeof layer.digest !== 'string' ||
                typeof layer.size !== 'number') {
                problems.push(`${what}: its first layer is not a Sigstore bundle`);
                continue;
            }
            const bytes = await client.getBlob(repository, { mediaType: layer.mediaType, digest: layer.digest, size: layer.size }, MAX_BUNDLE_BYTES);
            bundles.push(parseBundleText(Buffer.from(bytes).toString('utf8'), what));
        }
        catch (error) {
            problems.push(`${what}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`);
        }
    }
    return { bundles, problems };
}


/***/ }),

/***/ 72936:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_PAGES: () => (/* binding */ MAX_PAGES),
/* harmony export */   MAX_PAGE_BYTES: () => (/* binding */ MAX_PAGE_BYTES),
/* harmony export */   githubAttestationApi: () => (/* binding */ githubAttestationApi),
/* harmony export */   nextLink: () => (/* binding */ nextLink)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61351);
/* harmony import */ var _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78665);
/* harmony import */ var snappyjs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(64528);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(74296);
/* harmony import */ var _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(15290);
/**
 * The GitHub attestations REST API as the `AttestationApi` port, through `@actions/github`'s Octokit:
 * `GET /repos/{owner}/{repo}/attestations/{digest}` (or `/orgs/{org}/…`), following the `Link`
 * header's `rel="next"` within a page bound, each attestation's bundle read inline (`bundle`) or
 * from its short-lived `bundle_url` (raw snappy-compressed JSON). `GITHUB_API_URL` is honoured (GitHub
 * Enterprise Server, and the emulator). The token is masked before any request and is never sent to
 * a `bundle_url`. Every response body is size-bounded before it is parsed.
 */





/** Bound on one page of the listing (100 inline bundles of ~15 KiB fit easily). */
const MAX_PAGE_BYTES = 8 * 1024 * 1024;
/** Most pages followed; a listing that goes on is a failure, not a silent cut. */
const MAX_PAGES = 10;
/** Bound on one compressed bundle at a `bundle_url`. */
const MAX_COMPRESSED_BYTES = _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLE_BYTES */ .Me;
/** Per-request timeout (each request is also bounded by the run's signal). */
const REQUEST_TIMEOUT_MS = 30_000;
/** Longest rate-limit wait the gate accepts; a longer one fails with the time it would have to wait. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const MAX_ATTEMPTS = 4;
class BodyTooLarge extends Error {
}
/** Reads at most `limit` bytes of a response body; over it, throws. */
async function readLimited(response, limit, what) {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
        await response.body?.cancel().catch(() => undefined);
        throw new BodyTooLarge(`${what} declares ${declared} bytes, over the ${limit}-byte limit`);
    }
    const reader = response.body?.getReader();
    if (reader === undefined)
        return new Uint8Array();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.length;
        if (total > limit) {
            await reader.cancel().catch(() => undefined);
            throw new BodyTooLarge(`${what} is over the ${limit}-byte limit`);
        }
        chunks.push(value);
    }
    return new Uint8Array(Buffer.concat(chunks));
}
function isAborted(signal) {
    return signal?.aborted === true;
}
function isLoopback(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
/** The `rel="next"` URL of a Link header. */
function nextLink(header) {
    if (!header)
        return undefined;
    for (const part of header.split(',')) {
        const m = /^\s*<([^>]+)>\s*;(.*)$/.exec(part);
        if (m && /\brel="?next"?/.test(m[2] ?? ''))
            return m[1];
    }
    return undefined;
}
function httpError(error) {
    const e = error;
    if (typeof e?.status !== 'number')
        return undefined;
    return { status: e.status, headers: e.response?.headers ?? {}, message: typeof e.message === 'string' ? e.message : '' };
}
/** Builds the port. The token is masked at once, before any request could print it. */
function githubAttestationApi(options) {
    const { log, sleep, now } = options;
    if (options.token === '')
        return {
            list: () => {
                return Promise.reject(new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by("'github-token' is empty: the attestations API needs a token with attestations: read (the workflow's token is the default)", 'auth'));
            }
        };
    log.setSecret(options.token);
    const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
    const base = new URL(baseUrl);
    const innerFetch = options.fetch ?? _actions_github_lib_utils__WEBPACK_IMPORTED_MODULE_1__/* .defaults */ .NT.request?.fetch ?? globalThis.fetch;
    // Every API body is read bounded, then handed to Octokit as a fresh response.
    const boundedFetch = (async (input, init) => {
        const response = await innerFetch(input, init);
        const bytes = await readLimited(response, MAX_PAGE_BYTES, 'a page of the attestations API');
        return new Response(response.status === 204 || response.status === 304 ? null : bytes, {
            status: response.status,
            statusText: response.statusText,
            headers: response.headers
        });
    });
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, { baseUrl, request: { fetch: boundedFetch } });
    /** One request with the retries GitHub documents: rate limits (within the deadline) and 5xx. */
    const request = async (route, params, signal, what) => {
        for (let attempt = 1;; attempt++) {
            const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
            const combined = signal !== undefined ? AbortSignal.any([signal, timeout]) : timeout;
            try {
                return await octokit.request(route, { ...params, request: { signal: combined } });
            }
            catch (error) {
                if (error instanceof BodyTooLarge || error.cause instanceof BodyTooLarge)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by((0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error instanceof BodyTooLarge ? error : error.cause), 'bound');
                if (signal?.aborted === true)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the run limit was reached`, 'unavailable');
                const http = httpError(error);
                if (http === undefined) {
                    if (attempt < MAX_ATTEMPTS) {
                        log.info(`${what} failed (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}); attempt ${attempt} of ${MAX_ATTEMPTS}, retrying in ${200 * attempt} ms`);
                        await sleep(200 * attempt, signal);
                        continue;
                    }
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what} failed: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)}`, 'unavailable');
                }
                if (http.status === 404)
                    return undefined;
                const remaining = http.headers['x-ratelimit-remaining'];
                const retryAfter = Number(http.headers['retry-after']);
                const rateLimited = http.status === 429 || (http.status === 403 && (remaining === '0' || Number.isFinite(retryAfter)));
                if (rateLimited) {
                    const reset = Number(http.headers['x-ratelimit-reset']);
                    const waitMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : Number.isFinite(reset) ? Math.max(0, reset * 1000 - now()) : 1000;
                    if (attempt >= MAX_ATTEMPTS || waitMs > MAX_RATE_LIMIT_WAIT_MS)
                        throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the GitHub API rate limit was reached (HTTP ${http.status}); it resets in ${Math.ceil(waitMs / 1000)} s. Use a token with a higher limit (a GitHub App token), or rerun later`, 'rate-limit');
                    log.info(`${what}: rate limited (HTTP ${http.status}); attempt ${attempt} of ${MAX_ATTEMPTS}, waiting ${Math.ceil(waitMs / 1000)} s`);
                    await sleep(waitMs, signal);
                    if (isAborted(signal))
                        throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: rate limited, and the run limit was reached while waiting`, 'rate-limit');
                    continue;
                }
                if (http.status === 401)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the GitHub API refused the token (HTTP 401 Bad credentials): check 'github-token' (a token with attestations: read)`, 'auth');
                if (http.status === 403)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: HTTP 403 (${http.message.slice(0, 200) || 'forbidden'}): the token cannot read attestations. Give the job 'permissions: attestations: read' (with contents: read), or pass as 'github-token' a fine-grained token or GitHub App token with Attestations: read on that repository`, 'auth');
                if (http.status >= 500 && attempt < MAX_ATTEMPTS) {
                    log.info(`${what}: HTTP ${http.status}; attempt ${attempt} of ${MAX_ATTEMPTS}, retrying in ${200 * attempt} ms`);
                    await sleep(200 * attempt, signal);
                    continue;
                }
                throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: HTTP ${http.status} ${http.message.slice(0, 200)}`, 'unavailable');
            }
        }
    };
    const fetchBundleUrl = async (url, signal, what) => {
        let target;
        try {
            target = new URL(url);
        }
        catch (error) {
            throw new Error(`${what}: bundle_url is not a URL`, { cause: error });
        }
        if (target.protocol !== 'https:' && !(target.protocol === 'http:' && isLoopback(target.hostname)))
            throw new Error(`${what}: bundle_url is not https`);
        const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
        // No Authorization header: the URL is pre-signed, and the token must not leave the API.
        const response = await innerFetch(target, {
            signal: signal !== undefined ? AbortSignal.any([signal, timeout]) : timeout,
            redirect: 'follow'
        });
        if (!response.ok) {
            await response.body?.cancel().catch(() => undefined);
            throw new Error(`${what}: bundle_url answered HTTP ${response.status}`);
        }
        const compressed = await readLimited(response, MAX_COMPRESSED_BYTES, `${what} (bundle_url)`);
        let raw;
        try {
            raw = (0,snappyjs__WEBPACK_IMPORTED_MODULE_2__/* .uncompress */ .k)(compressed, _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLE_BYTES */ .Me);
        }
        catch (error) {
            throw new Error(`${what}: bundle_url is not a snappy-compressed bundle within ${_checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLE_BYTES */ .Me} bytes (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error)})`, {
                cause: error
            });
        }
        return (0,_checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .parseBundleText */ .dL)(Buffer.from(raw).toString('utf8'), `${what} (bundle_url)`);
    };
    return {
        async list(scope, digest, predicateType, { signal }) {
            const route = scope.repo !== undefined
                ? 'GET /repos/{owner}/{repo}/attestations/{subject_digest}'
                : 'GET /orgs/{org}/attestations/{subject_digest}';
            const where = scope.repo !== undefined ? `${scope.owner}/${scope.repo}` : scope.owner;
            const params = scope.repo !== undefined
                ? { owner: scope.owner, repo: scope.repo, subject_digest: digest, per_page: 100, predicate_type: predicateType }
                : { org: scope.owner, subject_digest: digest, per_page: 100, predicate_type: predicateType };
            const entries = [];
            let next;
            for (let page = 1;; page++) {
                const what = `Listing the attestations of ${digest.slice(0, 19)}… in ${where} (page ${page})`;
                const response = page === 1 ? await request(route, params, signal, what) : await request('GET {+url}', { url: next }, signal, what);
                if (response === undefined) {
                    if (page === 1)
                        return { found: false };
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the next page answered 404`, 'unavailable');
                }
                const data = response.data;
                if (!Array.isArray(data?.attestations))
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the answer has no attestations list`, 'unavailable');
                entries.push(...data.attestations);
                if (entries.length > _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLES */ .fI)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: more than ${_checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLES */ .fI} attestations`, 'bound');
                next = nextLink(response.headers.link);
                if (next === undefined)
                    break;
                const nextUrl = new URL(next, base);
                if (nextUrl.origin !== base.origin)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the next page is on another host (${nextUrl.host})`, 'unavailable');
                next = nextUrl.toString();
                if (page >= MAX_PAGES)
                    throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`Listing the attestations of ${digest.slice(0, 19)}… in ${where}: the API has more than ${MAX_PAGES} pages; stopped (it may paginate forever)`, 'bound');
            }
            const bundles = [];
            const problems = [];
            for (const [i, entry] of entries.entries()) {
                const what = `attestation ${i + 1} from the API`;
                const e = entry;
                try {
                    if (typeof e?.bundle_url === 'string' && e.bundle_url !== '')
                        bundles.push(await fetchBundleUrl(e.bundle_url, signal, what));
                    else if (typeof e?.bundle === 'object' && e.bundle !== null) {
                        if (Buffer.byteLength(JSON.stringify(e.bundle), 'utf8') > _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLE_BYTES */ .Me)
                            throw new Error(`${what} is over the ${_checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .MAX_BUNDLE_BYTES */ .Me}-byte bundle limit`);
                        bundles.push(e.bundle);
                    }
                    else
                        problems.push(`${what} has neither bundle nor bundle_url`);
                }
                catch (error) {
                    if (signal?.aborted === true)
                        throw new _checks_attestation_sources_js__WEBPACK_IMPORTED_MODULE_4__/* .AttestationApiError */ .by(`${what}: the run limit was reached`, 'unavailable');
                    problems.push((0,_core_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(error));
                }
            }
            log.info(`The attestations API listed ${entries.length} attestation(s) for ${digest} in ${where}`);
            return { found: true, bundles, problems };
        }
    };
}


/***/ })

};
