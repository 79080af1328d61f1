export const id = 887;
export const ids = [887];
export const modules = {

/***/ 51664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ tufRootVersion),
/* harmony export */   q: () => (/* binding */ readTufRoot)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74296);
/**
 * Reads a TUF root.json a setting names (`sigstore-tuf-root`, `attestation-tuf-root`), before any
 * network call: a file that cannot be read, is too large or is not TUF root metadata is a
 * `SettingError` naming the setting.
 */


/** Largest TUF root read (tuf-js's own limit on a root is 512 000 bytes). */
const MAX_TUF_ROOT_BYTES = 512_000;
/**
 * Whether a text is TUF root metadata (`signed._type` "root", a positive `signed.version`); its
 * version. Throws a plain Error saying what is wrong.
 */
function tufRootVersion(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`it is not JSON (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}); expected TUF root metadata (a root.json)`, { cause: error });
    }
    const signed = json?.signed;
    if (typeof signed !== 'object' || signed === null || signed._type !== 'root')
        throw new Error('it is not TUF root metadata: expected a root.json whose signed._type is "root"');
    if (!Number.isSafeInteger(signed.version) || signed.version < 1)
        throw new Error('it is not TUF root metadata: signed.version is not a positive integer');
    return signed.version;
}
/** The text of the TUF root file `path`, checked to be root metadata. */
async function readTufRoot(path, setting) {
    let bytes;
    try {
        bytes = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path);
    }
    catch (error) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SettingError */ .L_(setting, `Invalid '${setting}': cannot read the TUF root '${path}' (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}); give a readable root.json`);
    }
    if (bytes.length > MAX_TUF_ROOT_BYTES)
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SettingError */ .L_(setting, `Invalid '${setting}': the TUF root '${path}' is over ${MAX_TUF_ROOT_BYTES} bytes`);
    const text = bytes.toString('utf8');
    try {
        tufRootVersion(text);
    }
    catch (error) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .SettingError */ .L_(setting, `Invalid '${setting}': '${path}': ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`);
    }
    return text;
}


/***/ }),

/***/ 73887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   refreshTrustedRoot: () => (/* binding */ refreshTrustedRoot)
/* harmony export */ });
/* unused harmony exports TRUSTED_ROOT_TARGET, TUF_TIMEOUT_MS, tufCacheDir */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var tuf_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(84706);
/* harmony import */ var tuf_js_dist_error_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(86376);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(74296);
/* harmony import */ var _trusted_root_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(16940);
/* harmony import */ var _tuf_root_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(51664);
/**
 * A Sigstore `trusted_root.json` fetched over TUF (tuf-js's `Updater`), as cosign and gh fetch it:
 * the repository's root metadata is seeded from a trusted `root.json`, then root rotations,
 * timestamp, snapshot and targets metadata are fetched and verified, and the target is checked
 * against its hashes. Every request is bounded by one short total bound (and the run's signal).
 *
 * The outcome says which way it failed: `unreachable` (no answer, a timeout, an HTTP error) lets a
 * caller fall back to a shipped root; `refused` (metadata that was fetched but failed TUF
 * verification: a bad signature, a rollback, expired metadata, a hash mismatch) must not be
 * papered over, since that is what a tampered mirror looks like.
 */









/** The TUF target that holds the Sigstore trusted root. */
const TRUSTED_ROOT_TARGET = 'trusted_root.json';
/** Default total bound of one refresh, in milliseconds. */
const TUF_TIMEOUT_MS = 5000;
/** Attempts at most, when the mirror could not be reached. */
const MAX_ATTEMPTS = 2;
/** Seed metadata as text. */
function seedText(seed) {
    return typeof seed === 'string' ? seed : Buffer.from(seed).toString('utf8');
}
/** The default cache directory of a mirror and seed. */
function tufCacheDir(mirror, seed, env = process.env) {
    const base = env.RUNNER_TEMP !== undefined && env.RUNNER_TEMP !== '' ? env.RUNNER_TEMP : (0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)();
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(mirror).update('\n').update(seed).digest('hex').slice(0, 16);
    return node_path__WEBPACK_IMPORTED_MODULE_3___default().join(base, 'ecr-deploy-gate-tuf', id);
}
/** A fetch error that never reached TUF verification: the mirror did not answer usefully. */
class UnreachableError extends Error {
}
/** tuf-js's fetcher over the global `fetch`, every request aborted by `signal`. */
class BoundedFetcher extends tuf_js__WEBPACK_IMPORTED_MODULE_4__/* .BaseFetcher */ .xv {
    signal;
    constructor(signal) {
        super();
        this.signal = signal;
    }
    async fetch(url) {
        let response;
        try {
            response = await fetch(url, { signal: this.signal, redirect: 'error' });
        }
        catch (error) {
            throw new UnreachableError(this.signal.aborted ? 'no answer within the bound' : describeFetchError(error), { cause: error });
        }
        // tuf-js reads 403/404 on `<n>.root.json` as "no newer root": it needs its own error type.
        if (!response.ok || response.body === null) {
            await response.body?.cancel().catch(() => undefined);
            throw new tuf_js_dist_error_js__WEBPACK_IMPORTED_MODULE_5__.DownloadHTTPError(`${url} answered HTTP ${response.status}`, response.status);
        }
        return response.body;
    }
}
function describeFetchError(error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
    const code = cause?.code;
    return typeof code === 'string' ? `${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)} (${code})` : cause !== undefined ? (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(cause) : (0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error);
}
/** Whether a tuf-js failure is "could not reach" (fall back) rather than "refused" (fail). */
function isUnreachable(error, signal) {
    if (signal.aborted)
        return true;
    if (error instanceof UnreachableError)
        return true;
    // An HTTP error is an unusable answer, not metadata that failed verification. A body over its
    // declared length is refused: that is an endless-data attack.
    if (error instanceof tuf_js_dist_error_js__WEBPACK_IMPORTED_MODULE_5__.DownloadHTTPError)
        return true;
    if (error instanceof tuf_js_dist_error_js__WEBPACK_IMPORTED_MODULE_5__.DownloadError)
        return false;
    return false;
}
/**
 * Fetches and verifies the repository's `trusted_root.json` over TUF, and parses it with
 * `parseTrustedRoot` (so the validFor.start rule applies). Never throws.
 */
async function refreshTrustedRoot(options) {
    const seed = seedText(options.seedRoot);
    const mirror = options.mirror.replace(/\/+$/, '');
    let seedVersion;
    try {
        seedVersion = (0,_tuf_root_js__WEBPACK_IMPORTED_MODULE_8__/* .tufRootVersion */ .o)(seed);
    }
    catch (error) {
        return { ok: false, kind: 'refused', reason: `the TUF root given for ${mirror}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}` };
    }
    const timeoutMs = Math.max(1, options.timeoutMs ?? TUF_TIMEOUT_MS);
    const bound = AbortSignal.timeout(timeoutMs);
    const signal = options.signal !== undefined ? AbortSignal.any([bound, options.signal]) : bound;
    const cacheDir = options.cacheDir ?? tufCacheDir(mirror, seed, options.env);
    let last = { ok: false, kind: 'unreachable', reason: `${mirror} was not tried` };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        if (signal.aborted)
            break;
        last = await attemptRefresh(mirror, seed, seedVersion, cacheDir, options.label, signal);
        if (last.ok || last.kind === 'refused')
            return last;
    }
    if (!last.ok && signal.aborted) {
        const why = options.signal?.aborted === true ? 'the run limit was reached' : `no answer within ${timeoutMs} ms`;
        return { ok: false, kind: 'unreachable', reason: `${mirror} could not be reached (${why})` };
    }
    return last;
}
async function attemptRefresh(mirror, seed, seedVersion, cacheDir, label, signal) {
    const metadataDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(cacheDir, 'metadata');
    const targetDir = node_path__WEBPACK_IMPORTED_MODULE_3___default().join(cacheDir, 'targets');
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(metadataDir, { recursive: true });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(targetDir, { recursive: true });
        // A cached root is kept when it is at least the seed's version (it was reached from the seed
        // by verified rotations); otherwise the seed starts the chain.
        let cachedVersion = 0;
        try {
            cachedVersion = (0,_tuf_root_js__WEBPACK_IMPORTED_MODULE_8__/* .tufRootVersion */ .o)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(metadataDir, 'root.json'), 'utf8'));
        }
        catch {
            cachedVersion = 0;
        }
        if (cachedVersion < seedVersion)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(metadataDir, 'root.json'), seed);
    }
    catch (error) {
        return { ok: false, kind: 'unreachable', reason: `the TUF cache ${cacheDir} could not be written: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}` };
    }
    const updater = new tuf_js__WEBPACK_IMPORTED_MODULE_4__/* .Updater */ .Sx({
        metadataDir,
        metadataBaseUrl: mirror,
        targetDir,
        targetBaseUrl: `${mirror}/targets`,
        fetcher: new BoundedFetcher(signal),
        config: { fetchRetries: 0, fetchTimeout: 1 }
    });
    const aborted = new Promise((_, reject) => {
        const onAbort = () => reject(new UnreachableError('no answer within the bound'));
        if (signal.aborted)
            onAbort();
        else
            signal.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    let text;
    try {
        text = await Promise.race([fetchTarget(updater), aborted]);
    }
    catch (error) {
        if (isUnreachable(error, signal))
            return { ok: false, kind: 'unreachable', reason: `${mirror} could not be reached (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)})` };
        return {
            ok: false,
            kind: 'refused',
            reason: `the TUF metadata of ${mirror} failed verification (${errorName(error)}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}); the mirror may have been tampered with or rolled back`
        };
    }
    let rootVersion;
    try {
        rootVersion = (0,_tuf_root_js__WEBPACK_IMPORTED_MODULE_8__/* .tufRootVersion */ .o)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_3___default().join(metadataDir, 'root.json'), 'utf8'));
    }
    catch {
        rootVersion = seedVersion;
    }
    try {
        const trust = (0,_trusted_root_js__WEBPACK_IMPORTED_MODULE_7__/* .parseTrustedRoot */ .t1)(text, `${label}, refreshed over TUF from ${mirror} (root v${rootVersion})`);
        return { ok: true, trust, rootVersion };
    }
    catch (error) {
        return { ok: false, kind: 'refused', reason: `the ${TRUSTED_ROOT_TARGET} that ${mirror} serves is refused: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(error)}` };
    }
}
async function fetchTarget(updater) {
    await updater.refresh();
    const info = await updater.getTargetInfo(TRUSTED_ROOT_TARGET);
    if (info === undefined)
        throw new Error(`the repository has no ${TRUSTED_ROOT_TARGET} target`);
    const file = (await updater.findCachedTarget(info)) ?? (await updater.downloadTarget(info));
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
}
function errorName(error) {
    return error instanceof Error ? error.constructor.name : 'Error';
}


/***/ })

};
