export const id = 195;
export const ids = [195];
export const modules = {

/***/ 2195:
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
/* harmony import */ var _trusted_root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6940);
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
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 3887));
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
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 3887));
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


/***/ })

};
