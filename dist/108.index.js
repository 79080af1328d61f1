export const id = 108;
export const ids = [108];
export const modules = {

/***/ 69108:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   inspectorPort: () => (/* binding */ inspectorPort),
/* harmony export */   inspectorService: () => (/* binding */ inspectorService)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(63222);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91373);
/**
 * The Inspector2 port: ListFindings, which carries what ECR's finding shape lacks (EPSS), sent
 * through `call`. A plain interface, so tests can fake it without the SDK.
 */


/** The Inspector2 port over `client`, or over the client `client()` returns when a call is made. */
function inspectorPort(client) {
    const send = (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .callerOf */ .$U)(typeof client === 'function' ? client : () => client);
    return {
        listFindings: (input, options) => send(new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_1__/* .ListFindingsCommand */ .m_$(input), { operation: 'ListFindings', action: 'inspector2:ListFindings', what: 'list Inspector findings' }, options)
    };
}
/** Amazon Inspector for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_INSPECTOR2`. */
const inspectorService = {
    id: 'inspector2',
    envSuffix: 'INSPECTOR2',
    createClient: (config) => new _aws_sdk_client_inspector2__WEBPACK_IMPORTED_MODULE_1__/* .Inspector2Client */ .r0C(config),
    createPort: (client) => inspectorPort(client)
};


/***/ })

};
