export const id = 552;
export const ids = [552];
export const modules = {

/***/ 16552:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kmsPort: () => (/* binding */ kmsPort),
/* harmony export */   kmsService: () => (/* binding */ kmsService)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(92632);
/* harmony import */ var _call_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91373);
/**
 * The AWS KMS port: GetPublicKey, sent through `call`, for cosign signatures made with a KMS key
 * (`awskms:///…`). Verification is local; the gate needs only `kms:GetPublicKey`.
 */


/** The KMS port over `client`, or over the client `client()` returns when a call is made. */
function kmsPort(client) {
    const send = (0,_call_js__WEBPACK_IMPORTED_MODULE_0__/* .callerOf */ .$U)(typeof client === 'function' ? client : () => client);
    return {
        getPublicKey: (input, options) => send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_1__/* .GetPublicKeyCommand */ .QSA(input), { operation: 'GetPublicKey', action: 'kms:GetPublicKey', what: `read the public key of KMS key ${input.KeyId ?? ''}` }, options)
    };
}
/** AWS KMS for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_KMS`. */
const kmsService = {
    id: 'kms',
    envSuffix: 'KMS',
    createClient: (config) => new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_1__/* .KMSClient */ .pgq(config),
    createPort: (client) => kmsPort(client)
};


/***/ })

};
