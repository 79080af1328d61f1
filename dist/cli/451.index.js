export const id = 451;
export const ids = [451];
export const modules = {

/***/ 1461:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NF: () => (/* binding */ chooseInstance),
/* harmony export */   m2: () => (/* binding */ trustedRootEntry),
/* harmony export */   uE: () => (/* binding */ parseTrustedRoots)
/* harmony export */ });
/* unused harmony exports PUBLIC_GOOD_ORGANIZATION, GITHUB_ORGANIZATION */
/* harmony import */ var _sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7627);
/**
 * Which Sigstore instance signed a bundle, which trusted root verifies it, and how many witnesses
 * it needs, as gh decides: the leaf certificate's issuer `O=` picks the root whose Fulcio CA has
 * that organisation. The public-good instance needs a transparency-log entry, an SCT and a
 * timestamp; GitHub's own instance (private and internal repositories) a signed timestamp and no
 * log; any other root (a test or private deployment) a timestamp, plus a log entry when the root
 * lists logs.
 */

/** Instances by the organisation their Fulcio CA names. */
const PUBLIC_GOOD_ORGANIZATION = 'sigstore.dev';
const GITHUB_ORGANIZATION = 'GitHub, Inc.';
/** The entry of parsed trust material. */
function trustedRootEntry(trust) {
    const organizations = trust.root.certificateAuthorities
        .map((ca) => ca.subject?.organization)
        .filter((o) => typeof o === 'string' && o !== '');
    return { trust, origin: trust.origin, organizations, hasTlogs: trust.root.tlogs.length > 0 };
}
/**
 * Parses a trusted-root file: one `trusted_root.json`, or JSON Lines of several (as
 * `gh attestation trusted-root` prints them). Throws naming the file (and line).
 */
function parseTrustedRoots(text, origin) {
    const trimmed = text.trim();
    if (trimmed === '')
        throw new Error(`${origin} is empty`);
    const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
    let single = lines.length === 1;
    if (!single) {
        try {
            JSON.parse(trimmed);
            single = true;
        }
        catch {
            single = false;
        }
    }
    if (single)
        return [trustedRootEntry((0,_sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTrustedRoot */ .t1)(trimmed, origin))];
    return trimmed
        .split(/\r?\n/)
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => line.trim() !== '')
        .map(({ line, i }) => trustedRootEntry((0,_sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__/* .parseTrustedRoot */ .t1)(line, `line ${i + 1} of ${origin}`)));
}
/** The instance, root and thresholds for a leaf whose issuer has `organization`; undefined when no root fits. */
function chooseInstance(organization, roots) {
    // A known instance needs its own root; any other leaf may try a lone root (a test or private deployment).
    const known = organization === PUBLIC_GOOD_ORGANIZATION || organization === GITHUB_ORGANIZATION;
    const root = roots.find((r) => organization !== undefined && r.organizations.includes(organization)) ??
        (!known && roots.length === 1 ? roots[0] : undefined);
    if (root === undefined)
        return undefined;
    if (organization === PUBLIC_GOOD_ORGANIZATION)
        return { instance: 'public-good', root, thresholds: { tlog: 1, ctlog: 1, timestamp: 1 } };
    if (organization === GITHUB_ORGANIZATION)
        return { instance: 'github', root, thresholds: { tlog: 0, ctlog: 0, timestamp: 1 } };
    return { instance: 'custom', root, thresholds: { tlog: root.hasTlogs ? 1 : 0, ctlog: 0, timestamp: 1 } };
}


/***/ }),

/***/ 4451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   defaultTrustedRoots: () => (/* binding */ defaultTrustedRoots),
/* harmony export */   sigstoreBundleVerifier: () => (/* binding */ sigstoreBundleVerifier)
/* harmony export */ });
/* harmony import */ var _sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7627);
/* harmony import */ var _instance_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1461);
/**
 * The attestation check's binding to the shared Sigstore verification (`checks/sigstore`): the
 * verifier port and the shipped default trusted root.
 */


/**
 * Verifies one bundle with sigstore-js under the chosen root and thresholds. Any identity is
 * accepted here: the check applies its anchored signer pattern and every GitHub claim to the
 * verified certificate afterwards, so each mismatch names the setting it broke.
 */
const sigstoreBundleVerifier = (request) => Promise.resolve(verifyOne(request));
function verifyOne({ bundle, artifact, root, thresholds }) {
    const result = (0,_sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__/* .verifySigstoreBundle */ .Kh)(bundle, artifact, {
        trust: root.trust,
        identity: { subjectAlternativeName: { regexp: '.*' }, issuer: { regexp: '.*' } },
        tlogThreshold: thresholds.tlog,
        ctlogThreshold: thresholds.ctlog,
        timestampThreshold: thresholds.timestamp
    });
    if (!result.ok)
        return { ok: false, reason: result.reason, code: result.code };
    if (result.certificate === undefined || result.dsse === undefined)
        return { ok: false, reason: 'it is not a keyless DSSE attestation (no certificate or no DSSE envelope)', code: 'BUNDLE_MALFORMED' };
    return {
        ok: true,
        certificate: new Uint8Array(result.certificate.der),
        payloadType: result.dsse.payloadType,
        payload: new Uint8Array(result.dsse.payload),
        timestamps: result.timestamps.map((t) => t.time)
    };
}
/** The trusted roots used when 'attestation-trusted-root' is not given: the Sigstore public-good root. */
function defaultTrustedRoots() {
    return [(0,_instance_js__WEBPACK_IMPORTED_MODULE_1__/* .trustedRootEntry */ .m2)((0,_sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__/* .publicGoodTrustedRoot */ .cB)())];
}


/***/ })

};
