export const id = 451;
export const ids = [451];
export const modules = {

/***/ 64451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   sigstoreBundleVerifier: () => (/* binding */ sigstoreBundleVerifier)
/* harmony export */ });
/* harmony import */ var _sigstore_index_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(64558);
/**
 * The attestation check's binding to the shared Sigstore verification (`checks/sigstore`): the
 * verifier port.
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


/***/ })

};
