export const id = 195;
export const ids = [195];
export const modules = {

/***/ 42195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PublicGoodRoots: () => (/* binding */ PublicGoodRoots),
/* harmony export */   fixedTrust: () => (/* binding */ fixedTrust),
/* harmony export */   githubInstanceProvider: () => (/* binding */ githubInstanceProvider),
/* harmony export */   publicGoodProvider: () => (/* binding */ publicGoodProvider),
/* harmony export */   publicGoodSeedRoot: () => (/* binding */ publicGoodSeedRoot)
/* harmony export */ });
/* harmony import */ var _sigstore_tuf_seeds_json__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8032);
/* harmony import */ var _trusted_root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(16940);
/**
 * Trusted roots fetched over TUF once per run, on first use (tuf-js is loaded only then):
 *
 * - the Sigstore public-good root: refreshed from its mirror; when the mirror cannot be reached
 *   (no network, a timeout, an HTTP error) the root shipped with the action is used and the
 *   origin says why. Metadata that was fetched but fails TUF verification (a bad signature, a
 *   rollback, expired metadata, a hash mismatch) is refused: no fallback hides a tampered mirror.
 * - GitHub's own instance: refreshed from GitHub's TUF repository seeded with a root.json the user
 *   gives; there is no shipped copy, so any failure is refused.
 */


/** The TUF root.json embedded in `@sigstore/tuf`'s seeds for the public-good repository. */
function publicGoodSeedRoot() {
    const encoded = _sigstore_tuf_seeds_json__WEBPACK_IMPORTED_MODULE_0__[_trusted_root_js__WEBPACK_IMPORTED_MODULE_1__/* .PUBLIC_GOOD_TUF_MIRROR */ .mv]?.['root.json'];
    if (encoded === undefined)
        throw new Error('The shipped Sigstore seeds hold no public-good TUF root');
    return Buffer.from(encoded, 'base64').toString('utf8');
}
function memo(resolve) {
    let pending;
    return (use) => (pending ??= resolve(use));
}
/** A provider of fixed trust (a trusted root file, or refreshing off). */
function fixedTrust(trust) {
    const outcome = { ok: true, trust };
    return () => Promise.resolve(outcome);
}
/**
 * The public-good root refreshed from `mirror` (seeded with `seedRoot`, default the shipped seed),
 * falling back to the shipped root only when the mirror cannot be reached.
 */
function publicGoodProvider(options) {
    return memo(async (use) => {
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 73887));
        const outcome = await refreshTrustedRoot({
            mirror: options.mirror,
            seedRoot: options.seedRoot ?? publicGoodSeedRoot(),
            label: options.mirror === _trusted_root_js__WEBPACK_IMPORTED_MODULE_1__/* .PUBLIC_GOOD_TUF_MIRROR */ .mv ? 'the Sigstore public-good trusted root' : 'the Sigstore trusted root',
            ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
            ...(use.signal !== undefined ? { signal: use.signal } : {})
        });
        if (outcome.ok) {
            use.log?.info(`Sigstore trusted root: ${outcome.trust.origin}`);
            return { ok: true, trust: outcome.trust };
        }
        if (outcome.kind === 'refused')
            return {
                ok: false,
                reason: `the Sigstore trusted root could not be refreshed: ${outcome.reason}; nothing was verified against it (give 'sigstore-trusted-root', or set 'sigstore-tuf-mirror: off' to use the root shipped with the action)`
            };
        const shipped = (0,_trusted_root_js__WEBPACK_IMPORTED_MODULE_1__/* .publicGoodTrustedRoot */ .cB)();
        const origin = `${_trusted_root_js__WEBPACK_IMPORTED_MODULE_1__/* .PUBLIC_GOOD_ORIGIN */ .N9} (the TUF refresh failed: ${outcome.reason})`;
        use.log?.warning(`Sigstore trusted root not refreshed: ${outcome.reason}; using ${_trusted_root_js__WEBPACK_IMPORTED_MODULE_1__/* .PUBLIC_GOOD_ORIGIN */ .N9}`);
        return { ok: true, trust: { ...shipped, origin } };
    });
}
/**
 * The public-good roots of one run, one provider per mirror and seed root: the cosign check and
 * the build provenance check both verify against the public-good root, and with one provider the
 * run refreshes it once (one set of TUF fetches, one writer of its cache directory) instead of once
 * per check.
 */
class PublicGoodRoots {
    providers = new Map();
    /** The run's provider for these options, made on first use. */
    provider(options) {
        const key = JSON.stringify([options.mirror, options.seedRoot ?? null, options.timeoutMs ?? null]);
        let provider = this.providers.get(key);
        if (provider === undefined) {
            provider = publicGoodProvider(options);
            this.providers.set(key, provider);
        }
        return provider;
    }
}
/** GitHub's instance root refreshed from `mirror`, seeded with the root.json the user gave. */
function githubInstanceProvider(options) {
    return memo(async (use) => {
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 73887));
        const outcome = await refreshTrustedRoot({
            mirror: options.mirror,
            seedRoot: options.seedRoot,
            label: "GitHub's Sigstore trusted root",
            ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
            ...(use.signal !== undefined ? { signal: use.signal } : {})
        });
        if (outcome.ok) {
            use.log?.info(`GitHub's Sigstore trusted root: ${outcome.trust.origin}`);
            return { ok: true, trust: outcome.trust };
        }
        return {
            ok: false,
            reason: `GitHub's Sigstore trusted root could not be fetched over TUF: ${outcome.reason} (seeded with ${options.rootPath}); check that the runner can reach ${options.mirror}, or pass the output of gh attestation trusted-root as 'attestation-trusted-root'`
        };
    });
}


/***/ }),

/***/ 16940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N9: () => (/* binding */ PUBLIC_GOOD_ORIGIN),
/* harmony export */   cB: () => (/* binding */ publicGoodTrustedRoot),
/* harmony export */   mv: () => (/* reexport safe */ _tuf_settings_js__WEBPACK_IMPORTED_MODULE_3__.mv),
/* harmony export */   t1: () => (/* binding */ parseTrustedRoot)
/* harmony export */ });
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(19654);
/* harmony import */ var _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(_sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _sigstore_verify__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54187);
/* harmony import */ var _sigstore_tuf_seeds_json__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8032);
/* harmony import */ var _tuf_settings_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(31245);
/**
 * Sigstore trust material: a `trusted_root.json` (the Fulcio CAs, Rekor logs, CT logs and
 * timestamp authorities a signature may chain to), parsed once per run and handed to
 * `verifySigstoreBundle`.
 */





/** The origin named for the shipped public-good root. */
const PUBLIC_GOOD_ORIGIN = 'the Sigstore public-good trusted root shipped with the action';
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * The authorities of a trusted root that have no `validFor.start`. sigstore-js treats a missing
 * start as the beginning of time, which would let a log or CA vouch for signatures made before it
 * existed (Sigstore conformance `trust-root-tlog-missing-validity-start_fail`): refuse them.
 */
function authoritiesWithoutStart(json) {
    const missing = [];
    const lists = [
        ['tlogs', (entry) => (isObject(entry.publicKey) ? entry.publicKey.validFor : undefined)],
        ['ctlogs', (entry) => (isObject(entry.publicKey) ? entry.publicKey.validFor : undefined)],
        ['certificateAuthorities', (entry) => entry.validFor],
        ['timestampAuthorities', (entry) => entry.validFor]
    ];
    for (const [key, validFor] of lists) {
        const list = json[key];
        if (list === undefined)
            continue;
        if (!Array.isArray(list)) {
            missing.push(`${key} (not a list)`);
            continue;
        }
        list.forEach((entry, index) => {
            const range = isObject(entry) ? validFor(entry) : undefined;
            if (!isObject(range) || typeof range.start !== 'string' || range.start === '')
                missing.push(`${key}[${index}]`);
        });
    }
    return missing;
}
/**
 * Parses a `trusted_root.json`. Throws an Error naming `origin` when the text is not JSON, is not
 * a trusted root, or an authority lacks `validFor.start`.
 */
function parseTrustedRoot(text, origin) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch (error) {
        throw new Error(`${origin} is not valid JSON (${error instanceof Error ? error.message : String(error)}); expected a Sigstore trusted_root.json`, { cause: error });
    }
    if (!isObject(json))
        throw new Error(`${origin} is not a Sigstore trusted_root.json: expected a JSON object`);
    const mediaType = json.mediaType;
    if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
        throw new Error(`${origin} is not a Sigstore trusted_root.json: expected mediaType application/vnd.dev.sigstore.trustedroot+json;version=0.1 or later`);
    }
    const missing = authoritiesWithoutStart(json);
    if (missing.length > 0) {
        throw new Error(`${origin}: authorities without validFor.start: ${missing.join(', ')}; every log, CA and timestamp authority needs a start time`);
    }
    try {
        const root = _sigstore_protobuf_specs__WEBPACK_IMPORTED_MODULE_0__.TrustedRoot.fromJSON(json);
        return { origin, root, material: (0,_sigstore_verify__WEBPACK_IMPORTED_MODULE_1__/* .toTrustMaterial */ .jO)(root) };
    }
    catch (error) {
        throw new Error(`${origin} is not a usable Sigstore trusted root: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error
        });
    }
}
let publicGood;
/** The Sigstore public-good trusted root embedded in `@sigstore/tuf`'s seeds (parsed once, offline). */
function publicGoodTrustedRoot() {
    if (publicGood === undefined) {
        const mirror = _sigstore_tuf_seeds_json__WEBPACK_IMPORTED_MODULE_2__[_tuf_settings_js__WEBPACK_IMPORTED_MODULE_3__/* .PUBLIC_GOOD_TUF_MIRROR */ .mv];
        const encoded = mirror?.targets?.['trusted_root.json'];
        if (encoded === undefined)
            throw new Error('The shipped Sigstore seeds hold no public-good trusted_root.json');
        publicGood = parseTrustedRoot(Buffer.from(encoded, 'base64').toString('utf8'), PUBLIC_GOOD_ORIGIN);
    }
    return publicGood;
}


/***/ })

};
