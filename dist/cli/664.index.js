export const id = 664;
export const ids = [664];
export const modules = {

/***/ 1664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ tufRootVersion),
/* harmony export */   readTufRoot: () => (/* binding */ readTufRoot)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
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


/***/ })

};
