export const id = 432;
export const ids = [432];
export const modules = {

/***/ 74276:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.sha512_256WithRSAEncryption = exports.sha512_224WithRSAEncryption = exports.sha512WithRSAEncryption = exports.sha384WithRSAEncryption = exports.sha256WithRSAEncryption = exports.sha224WithRSAEncryption = exports.sha1WithRSAEncryption = exports.md5WithRSAEncryption = exports.md2WithRSAEncryption = exports.rsaEncryption = exports.pSpecifiedEmpty = exports.mgf1SHA1 = exports.sha512_256 = exports.sha512_224 = exports.sha512 = exports.sha384 = exports.sha256 = exports.sha224 = exports.sha1 = exports.md4 = exports.md2 = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
const asn1_x509_1 = __webpack_require__(33594);
const oid = tslib_1.__importStar(__webpack_require__(28586));
function create(algorithm) {
    return new asn1_x509_1.AlgorithmIdentifier({
        algorithm,
        parameters: null,
    });
}
exports.md2 = create(oid.id_md2);
exports.md4 = create(oid.id_md5);
exports.sha1 = create(oid.id_sha1);
exports.sha224 = create(oid.id_sha224);
exports.sha256 = create(oid.id_sha256);
exports.sha384 = create(oid.id_sha384);
exports.sha512 = create(oid.id_sha512);
exports.sha512_224 = create(oid.id_sha512_224);
exports.sha512_256 = create(oid.id_sha512_256);
exports.mgf1SHA1 = new asn1_x509_1.AlgorithmIdentifier({
    algorithm: oid.id_mgf1,
    parameters: asn1_schema_1.AsnConvert.serialize(exports.sha1),
});
exports.pSpecifiedEmpty = new asn1_x509_1.AlgorithmIdentifier({
    algorithm: oid.id_pSpecified,
    parameters: asn1_schema_1.AsnConvert.serialize(asn1_schema_1.AsnOctetStringConverter.toASN(new Uint8Array([0xda, 0x39, 0xa3, 0xee, 0x5e, 0x6b, 0x4b, 0x0d, 0x32, 0x55, 0xbf, 0xef, 0x95, 0x60, 0x18, 0x90, 0xaf, 0xd8, 0x07, 0x09]).buffer)),
});
exports.rsaEncryption = create(oid.id_rsaEncryption);
exports.md2WithRSAEncryption = create(oid.id_md2WithRSAEncryption);
exports.md5WithRSAEncryption = create(oid.id_md5WithRSAEncryption);
exports.sha1WithRSAEncryption = create(oid.id_sha1WithRSAEncryption);
exports.sha224WithRSAEncryption = create(oid.id_sha512_224WithRSAEncryption);
exports.sha256WithRSAEncryption = create(oid.id_sha512_256WithRSAEncryption);
exports.sha384WithRSAEncryption = create(oid.id_sha384WithRSAEncryption);
exports.sha512WithRSAEncryption = create(oid.id_sha512WithRSAEncryption);
exports.sha512_224WithRSAEncryption = create(oid.id_sha512_224WithRSAEncryption);
exports.sha512_256WithRSAEncryption = create(oid.id_sha512_256WithRSAEncryption);


/***/ }),

/***/ 7300:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const tslib_1 = __webpack_require__(61860);
tslib_1.__exportStar(__webpack_require__(50421), exports);
tslib_1.__exportStar(__webpack_require__(74276), exports);
tslib_1.__exportStar(__webpack_require__(28586), exports);
tslib_1.__exportStar(__webpack_require__(4197), exports);
tslib_1.__exportStar(__webpack_require__(35150), exports);
tslib_1.__exportStar(__webpack_require__(93044), exports);


/***/ }),

/***/ 28586:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.id_mgf1 = exports.id_md5 = exports.id_md2 = exports.id_sha512_256 = exports.id_sha512_224 = exports.id_sha512 = exports.id_sha384 = exports.id_sha256 = exports.id_sha224 = exports.id_sha1 = exports.id_sha512_256WithRSAEncryption = exports.id_sha512_224WithRSAEncryption = exports.id_sha512WithRSAEncryption = exports.id_sha384WithRSAEncryption = exports.id_sha256WithRSAEncryption = exports.id_ssha224WithRSAEncryption = exports.id_sha224WithRSAEncryption = exports.id_sha1WithRSAEncryption = exports.id_md5WithRSAEncryption = exports.id_md2WithRSAEncryption = exports.id_RSASSA_PSS = exports.id_pSpecified = exports.id_RSAES_OAEP = exports.id_rsaEncryption = exports.id_pkcs_1 = void 0;
exports.id_pkcs_1 = "1.2.840.113549.1.1";
exports.id_rsaEncryption = `${exports.id_pkcs_1}.1`;
exports.id_RSAES_OAEP = `${exports.id_pkcs_1}.7`;
exports.id_pSpecified = `${exports.id_pkcs_1}.9`;
exports.id_RSASSA_PSS = `${exports.id_pkcs_1}.10`;
exports.id_md2WithRSAEncryption = `${exports.id_pkcs_1}.2`;
exports.id_md5WithRSAEncryption = `${exports.id_pkcs_1}.4`;
exports.id_sha1WithRSAEncryption = `${exports.id_pkcs_1}.5`;
exports.id_sha224WithRSAEncryption = `${exports.id_pkcs_1}.14`;
exports.id_ssha224WithRSAEncryption = exports.id_sha224WithRSAEncryption;
exports.id_sha256WithRSAEncryption = `${exports.id_pkcs_1}.11`;
exports.id_sha384WithRSAEncryption = `${exports.id_pkcs_1}.12`;
exports.id_sha512WithRSAEncryption = `${exports.id_pkcs_1}.13`;
exports.id_sha512_224WithRSAEncryption = `${exports.id_pkcs_1}.15`;
exports.id_sha512_256WithRSAEncryption = `${exports.id_pkcs_1}.16`;
exports.id_sha1 = "1.3.14.3.2.26";
exports.id_sha224 = "2.16.840.1.101.3.4.2.4";
exports.id_sha256 = "2.16.840.1.101.3.4.2.1";
exports.id_sha384 = "2.16.840.1.101.3.4.2.2";
exports.id_sha512 = "2.16.840.1.101.3.4.2.3";
exports.id_sha512_224 = "2.16.840.1.101.3.4.2.5";
exports.id_sha512_256 = "2.16.840.1.101.3.4.2.6";
exports.id_md2 = "1.2.840.113549.2.2";
exports.id_md5 = "1.2.840.113549.2.5";
exports.id_mgf1 = `${exports.id_pkcs_1}.8`;


/***/ }),

/***/ 4197:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


var OtherPrimeInfos_1;
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.OtherPrimeInfos = exports.OtherPrimeInfo = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
class OtherPrimeInfo {
    prime = new ArrayBuffer(0);
    exponent = new ArrayBuffer(0);
    coefficient = new ArrayBuffer(0);
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.OtherPrimeInfo = OtherPrimeInfo;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], OtherPrimeInfo.prototype, "prime", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], OtherPrimeInfo.prototype, "exponent", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], OtherPrimeInfo.prototype, "coefficient", void 0);
let OtherPrimeInfos = OtherPrimeInfos_1 = class OtherPrimeInfos extends asn1_schema_1.AsnArray {
    constructor(items) {
        super(items);
        Object.setPrototypeOf(this, OtherPrimeInfos_1.prototype);
    }
};
exports.OtherPrimeInfos = OtherPrimeInfos;
exports.OtherPrimeInfos = OtherPrimeInfos = OtherPrimeInfos_1 = tslib_1.__decorate([
    (0, asn1_schema_1.AsnType)({
        type: asn1_schema_1.AsnTypeTypes.Sequence,
        itemType: OtherPrimeInfo,
    })
], OtherPrimeInfos);


/***/ }),

/***/ 50421:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
const tslib_1 = __webpack_require__(61860);
tslib_1.__exportStar(__webpack_require__(50135), exports);
tslib_1.__exportStar(__webpack_require__(97003), exports);
tslib_1.__exportStar(__webpack_require__(99987), exports);


/***/ }),

/***/ 50135:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.RSAES_OAEP = exports.RsaEsOaepParams = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
const asn1_x509_1 = __webpack_require__(33594);
const object_identifiers_1 = __webpack_require__(28586);
const algorithms_1 = __webpack_require__(74276);
class RsaEsOaepParams {
    hashAlgorithm = new asn1_x509_1.AlgorithmIdentifier(algorithms_1.sha1);
    maskGenAlgorithm = new asn1_x509_1.AlgorithmIdentifier({
        algorithm: object_identifiers_1.id_mgf1,
        parameters: asn1_schema_1.AsnConvert.serialize(algorithms_1.sha1),
    });
    pSourceAlgorithm = new asn1_x509_1.AlgorithmIdentifier(algorithms_1.pSpecifiedEmpty);
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.RsaEsOaepParams = RsaEsOaepParams;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_x509_1.AlgorithmIdentifier,
        context: 0,
        defaultValue: algorithms_1.sha1,
    })
], RsaEsOaepParams.prototype, "hashAlgorithm", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_x509_1.AlgorithmIdentifier,
        context: 1,
        defaultValue: algorithms_1.mgf1SHA1,
    })
], RsaEsOaepParams.prototype, "maskGenAlgorithm", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_x509_1.AlgorithmIdentifier,
        context: 2,
        defaultValue: algorithms_1.pSpecifiedEmpty,
    })
], RsaEsOaepParams.prototype, "pSourceAlgorithm", void 0);
exports.RSAES_OAEP = new asn1_x509_1.AlgorithmIdentifier({
    algorithm: object_identifiers_1.id_RSAES_OAEP,
    parameters: asn1_schema_1.AsnConvert.serialize(new RsaEsOaepParams()),
});


/***/ }),

/***/ 99987:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.DigestInfo = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_x509_1 = __webpack_require__(33594);
const asn1_schema_1 = __webpack_require__(47261);
class DigestInfo {
    digestAlgorithm = new asn1_x509_1.AlgorithmIdentifier();
    digest = new asn1_schema_1.OctetString();
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.DigestInfo = DigestInfo;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({ type: asn1_x509_1.AlgorithmIdentifier })
], DigestInfo.prototype, "digestAlgorithm", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({ type: asn1_schema_1.OctetString })
], DigestInfo.prototype, "digest", void 0);


/***/ }),

/***/ 97003:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.RSASSA_PSS = exports.RsaSaPssParams = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
const asn1_x509_1 = __webpack_require__(33594);
const object_identifiers_1 = __webpack_require__(28586);
const algorithms_1 = __webpack_require__(74276);
class RsaSaPssParams {
    hashAlgorithm = new asn1_x509_1.AlgorithmIdentifier(algorithms_1.sha1);
    maskGenAlgorithm = new asn1_x509_1.AlgorithmIdentifier({
        algorithm: object_identifiers_1.id_mgf1,
        parameters: asn1_schema_1.AsnConvert.serialize(algorithms_1.sha1),
    });
    saltLength = 20;
    trailerField = 1;
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.RsaSaPssParams = RsaSaPssParams;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_x509_1.AlgorithmIdentifier,
        context: 0,
        defaultValue: algorithms_1.sha1,
    })
], RsaSaPssParams.prototype, "hashAlgorithm", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_x509_1.AlgorithmIdentifier,
        context: 1,
        defaultValue: algorithms_1.mgf1SHA1,
    })
], RsaSaPssParams.prototype, "maskGenAlgorithm", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        context: 2,
        defaultValue: 20,
    })
], RsaSaPssParams.prototype, "saltLength", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        context: 3,
        defaultValue: 1,
    })
], RsaSaPssParams.prototype, "trailerField", void 0);
exports.RSASSA_PSS = new asn1_x509_1.AlgorithmIdentifier({
    algorithm: object_identifiers_1.id_RSASSA_PSS,
    parameters: asn1_schema_1.AsnConvert.serialize(new RsaSaPssParams()),
});


/***/ }),

/***/ 35150:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.RSAPrivateKey = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
const other_prime_info_1 = __webpack_require__(4197);
class RSAPrivateKey {
    version = 0;
    modulus = new ArrayBuffer(0);
    publicExponent = new ArrayBuffer(0);
    privateExponent = new ArrayBuffer(0);
    prime1 = new ArrayBuffer(0);
    prime2 = new ArrayBuffer(0);
    exponent1 = new ArrayBuffer(0);
    exponent2 = new ArrayBuffer(0);
    coefficient = new ArrayBuffer(0);
    otherPrimeInfos;
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.RSAPrivateKey = RSAPrivateKey;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({ type: asn1_schema_1.AsnPropTypes.Integer })
], RSAPrivateKey.prototype, "version", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "modulus", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "publicExponent", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "privateExponent", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "prime1", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "prime2", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "exponent1", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "exponent2", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPrivateKey.prototype, "coefficient", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: other_prime_info_1.OtherPrimeInfos,
        optional: true,
    })
], RSAPrivateKey.prototype, "otherPrimeInfos", void 0);


/***/ }),

/***/ 93044:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.RSAPublicKey = void 0;
const tslib_1 = __webpack_require__(61860);
const asn1_schema_1 = __webpack_require__(47261);
class RSAPublicKey {
    modulus = new ArrayBuffer(0);
    publicExponent = new ArrayBuffer(0);
    constructor(params = {}) {
        Object.assign(this, params);
    }
}
exports.RSAPublicKey = RSAPublicKey;
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPublicKey.prototype, "modulus", void 0);
tslib_1.__decorate([
    (0, asn1_schema_1.AsnProp)({
        type: asn1_schema_1.AsnPropTypes.Integer,
        converter: asn1_schema_1.AsnIntegerArrayBufferConverter,
    })
], RSAPublicKey.prototype, "publicExponent", void 0);


/***/ }),

/***/ 63439:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  vw: () => (/* reexport */ tag_o),
  D4: () => (/* reexport */ decoder_l),
  lF: () => (/* reexport */ encoder_v)
});

// UNUSED EXPORTS: DiagnosticSizes, NAN, NAN_SIZE, SequenceEvents, Simple, TypeEncoderMap, Writer, cdeDecodeOptions, cdeEncodeOptions, comment, dcborDecodeOptions, dcborEncodeOptions, decodeSequence, defaultDecodeOptions, defaultEncodeOptions, diagnose, encodedNumber, getEncoded, saveEncoded, saveEncodedLength, unbox, version

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/constants.js
const constants_f={POS_INT:0,NEG_INT:1,BYTE_STRING:2,UTF8_STRING:3,ARRAY:4,MAP:5,TAG:6,SIMPLE_FLOAT:7},T={DATE_STRING:0,DATE_EPOCH:1,POS_BIGINT:2,NEG_BIGINT:3,DECIMAL_FRAC:4,BIGFLOAT:5,BASE64URL_EXPECTED:21,BASE64_EXPECTED:22,BASE16_EXPECTED:23,CBOR:24,URI:32,BASE64URL:33,BASE64:34,MIME:36,DATE_EPOCH_DAYS:100,SET:258,JSON:262,WTF8:273,SYMBOL:280,DATE_FULL:1004,REGEXP:21066,SELF_DESCRIBED:55799,INVALID_16:65535,INVALID_32:4294967295,INVALID_64:0xffffffffffffffffn},constants_I={ZERO:0,ONE:24,TWO:25,FOUR:26,EIGHT:27,INDEFINITE:31},constants_o={FALSE:20,TRUE:21,NULL:22,UNDEFINED:23};class constants_A{static BREAK=Symbol.for("github.com/hildjj/cbor2/break");static ENCODED=Symbol.for("github.com/hildjj/cbor2/cbor-encoded");static LENGTH=Symbol.for("github.com/hildjj/cbor2/length")}const constants_S={MIN:-(2n**63n),MAX:2n**64n-1n};

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/tag.js
class tag_o{static#e=new Map;tag;contents;constructor(e,t=void 0){this.tag=e,this.contents=t}get noChildren(){return!!tag_o.#e.get(this.tag)?.noChildren}static registerDecoder(e,t,n){const i=this.#e.get(e);return this.#e.set(e,t),i&&("comment"in t||(t.comment=i.comment),"noChildren"in t||(t.noChildren=i.noChildren)),n&&!t.comment&&(t.comment=()=>`(${n})`),i}static clearDecoder(e){const t=this.#e.get(e);return this.#e.delete(e),t}static getDecoder(e){return this.#e.get(e)}static getAllDecoders(){return new Map(this.#e)}*[Symbol.iterator](){yield this.contents}push(e){return this.contents=e,1}decode(e){const t=e?.tags?.get(this.tag)??(e?.ignoreGlobalTags?void 0:tag_o.#e.get(this.tag));return t?t(this,e):this}comment(e,t){const n=e?.tags?.get(this.tag)??(e?.ignoreGlobalTags?void 0:tag_o.#e.get(this.tag));if(n?.comment)return n.comment(this,e,t)}toCBOR(){return[this.tag,this.contents]}[Symbol.for("nodejs.util.inspect.custom")](e,t,n){return`${this.tag}(${n(this.contents,t)})`}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/box.js
function box_f(n){if(n!=null&&typeof n=="object")return n[constants_A.ENCODED]}function s(n){if(n!=null&&typeof n=="object")return n[constants_A.LENGTH]}function u(n,e){Object.defineProperty(n,constants_A.ENCODED,{configurable:!0,enumerable:!1,value:e})}function l(n,e){Object.defineProperty(n,i.LENGTH,{configurable:!0,enumerable:!1,value:e})}function box_d(n,e){const r=Object(n);return u(r,e),r}function t(n){if(!n||typeof n!="object")return n;switch(n.constructor){case BigInt:case Boolean:case Number:case String:case Symbol:return n.valueOf();case Array:return n.map(e=>t(e));case Map:{const e=t([...n.entries()]);return e.every(([r])=>typeof r=="string")?Object.fromEntries(e):new Map(e)}case o:return new o(t(n.tag),t(n.contents));case Object:{const e={};for(const[r,a]of Object.entries(n))e[r]=t(a);return e}}return n}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/utils.js
const g=Symbol("CBOR_RANGES");function c(r,n){Object.defineProperty(r,g,{configurable:!1,enumerable:!1,writable:!1,value:n})}function utils_f(r){return r[g]}function utils_l(r){return utils_f(r)!==void 0}function R(r,n=0,t=r.length-1){const o=r.subarray(n,t),a=utils_f(r);if(a){const s=[];for(const e of a)if(e[0]>=n&&e[0]+e[1]<=t){const i=[...e];i[0]-=n,s.push(i)}s.length&&c(o,s)}return o}function b(r){let n=Math.ceil(r.length/2);const t=new Uint8Array(n);n--;for(let o=r.length,a=o-2;o>=0;o=a,a-=2,n--)t[n]=parseInt(r.substring(a,o),16);return t}function A(r){return r.reduce((n,t)=>n+t.toString(16).padStart(2,"0"),"")}function utils_d(r){const n=r.reduce((e,i)=>e+i.length,0),t=r.some(e=>utils_l(e)),o=[],a=new Uint8Array(n);let s=0;for(const e of r){if(!(e instanceof Uint8Array))throw new TypeError(`Invalid array: ${e}`);if(a.set(e,s),t){const i=e[g]??[[0,e.length]];for(const u of i)u[0]+=s;o.push(...i)}s+=e.length}return t&&c(a,o),a}function utils_y(r){const n=atob(r);return Uint8Array.from(n,t=>t.codePointAt(0))}const p={"-":"+",_:"/"};function x(r){const n=r.replace(/[_-]/g,t=>p[t]);return utils_y(n.padEnd(Math.ceil(n.length/4)*4,"="))}function h(){const r=new Uint8Array(4),n=new Uint32Array(r.buffer);return!((n[0]=1)&r[0])}function U(r){let n="";for(const t of r){const o=t.codePointAt(0)?.toString(16).padStart(4,"0");n&&(n+=", "),n+=`U+${o}`}return n}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/typeEncoderMap.js
class typeEncoderMap_s{#e=new Map;registerEncoder(e,t){const n=this.#e.get(e);return this.#e.set(e,t),n}get(e){return this.#e.get(e)}delete(e){return this.#e.delete(e)}clear(){this.#e.clear()}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/sorts.js
function sorts_f(c,d){const[u,a,n]=c,[l,s,t]=d,r=Math.min(n.length,t.length);for(let o=0;o<r;o++){const e=n[o]-t[o];if(e!==0)return e}return 0}function y(c,d){const[u,a,n]=c,[l,s,t]=d,r=n.length-t.length;if(r!==0)return r;const o=Math.min(n.length,t.length);for(let e=0;e<o;e++){const i=n[e]-t[e];if(i!==0)return i}return 0}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/writer.js
class writer_e{static defaultOptions={chunkSize:4096};#r;#i=[];#s=null;#t=0;#a=0;constructor(t={}){if(this.#r={...writer_e.defaultOptions,...t},this.#r.chunkSize<8)throw new RangeError(`Expected size >= 8, got ${this.#r.chunkSize}`);this.#n()}get length(){return this.#a}read(){this.#o();const t=new Uint8Array(this.#a);let i=0;for(const s of this.#i)t.set(s,i),i+=s.length;return this.#n(),t}write(t){const i=t.length;i>this.#l()?(this.#o(),i>this.#r.chunkSize?(this.#i.push(t),this.#n()):(this.#n(),this.#i[this.#i.length-1].set(t),this.#t=i)):(this.#i[this.#i.length-1].set(t,this.#t),this.#t+=i),this.#a+=i}writeUint8(t){this.#e(1),this.#s.setUint8(this.#t,t),this.#h(1)}writeUint16(t,i=!1){this.#e(2),this.#s.setUint16(this.#t,t,i),this.#h(2)}writeUint32(t,i=!1){this.#e(4),this.#s.setUint32(this.#t,t,i),this.#h(4)}writeBigUint64(t,i=!1){this.#e(8),this.#s.setBigUint64(this.#t,t,i),this.#h(8)}writeInt16(t,i=!1){this.#e(2),this.#s.setInt16(this.#t,t,i),this.#h(2)}writeInt32(t,i=!1){this.#e(4),this.#s.setInt32(this.#t,t,i),this.#h(4)}writeBigInt64(t,i=!1){this.#e(8),this.#s.setBigInt64(this.#t,t,i),this.#h(8)}writeFloat32(t,i=!1){this.#e(4),this.#s.setFloat32(this.#t,t,i),this.#h(4)}writeFloat64(t,i=!1){this.#e(8),this.#s.setFloat64(this.#t,t,i),this.#h(8)}clear(){this.#a=0,this.#i=[],this.#n()}#n(){const t=new Uint8Array(this.#r.chunkSize);this.#i.push(t),this.#t=0,this.#s=new DataView(t.buffer,t.byteOffset,t.byteLength)}#o(){if(this.#t===0){this.#i.pop();return}const t=this.#i.length-1;this.#i[t]=this.#i[t].subarray(0,this.#t),this.#t=0,this.#s=null}#l(){const t=this.#i.length-1;return this.#i[t].length-this.#t}#e(t){this.#l()<t&&(this.#o(),this.#n())}#h(t){this.#t+=t,this.#a+=t}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/float.js
const w=1n<<15n,float_f=0b11111n<<10n,float_b=1n<<9n,float_d=float_b-1n,float_I=float_b|float_d,float_g=1n<<31n,float_l=0b11111111n<<23n,float_A=1n<<22n,E=float_A-1n,float_p=float_A|E,N=1n<<63n,float_a=0b11111111111n<<52n,float_c=1n<<51n,float_u=float_c-1n,F=float_c|float_u,_=float_u-(float_d<<42n),float_S=float_u-(E<<29n),m={2:"0b",8:"0o",16:"0x"};var float_x=(t=>(t[t.NATURAL=-2]="NATURAL",t[t.UNKNOWN=-1]="UNKNOWN",t[t.F16=2]="F16",t[t.F32=4]="F32",t[t.F64=8]="F64",t))(float_x||{});function float_U(i,n,e,r){let o="nan'";return i.quiet||(o+="!"),i.sign===-1&&(o+="-"),o+=r(Math.abs(i.payload),e),o+="'",o+=i.encodingIndicator,o}class O extends Number{#n;#t=-1;constructor(n,e=!0,r=-1){super(NaN);const o=n;if(typeof n=="number"){if(!Number.isSafeInteger(n))throw new Error(`Invalid NAN payload: ${n}`);n=BigInt(n);let t=0n;if(n<0&&(t=N,n=-n),n>=float_c)throw new Error(`Payload too large: ${o}`);const s=e?float_c:0n;switch(this.#n=t|float_a|s|n,r){case-2:throw new Error("NAN_SIZE.NATURAL only valid for bigint constructor");case-1:r=this.preferredSize;break;case 2:if(this.#n&_)throw new Error("Invalid size for payload");break;case 4:if(this.#n&float_S)throw new Error("Invalid size for payload");break;case 8:break;default:throw new Error(`Invalid size: ${r}`)}this.#t=r}else if(typeof n=="bigint"){let t=-1;if((n&float_a)===float_a)this.#n=n,t=8;else if((n&float_l)===float_l){const s=(n&float_g)<<32n;this.#n=s|float_a|(n&float_p)<<29n,t=4}else if((n&float_f)===float_f){const s=(n&w)<<48n;this.#n=s|float_a|(n&float_I)<<42n,t=2}else throw new Error(`Invalid raw NaN value: ${n}`);if(r===-1)this.#t=this.preferredSize;else if(r===-2)this.#t=t;else{if(r<t)throw new Error("Invalid bigint NaN size");this.#t=r}}else{const t=new DataView(n.buffer,n.byteOffset,n.byteLength);switch(n.length){case 3:{if(n[0]!==249)throw new Error("Invalid CBOR encoding for half float");const s=BigInt(t.getUint16(1,!1));if((s&float_f)!==float_f)throw new Error("Not a NaN");const h=(s&w)<<48n;this.#n=h|float_a|(s&float_I)<<42n,this.#t=2;break}case 5:{if(n[0]!==250)throw new Error("Invalid CBOR encoding for single float");const s=BigInt(t.getUint32(1,!1));if((s&float_l)!==float_l)throw new Error("Not a NaN");const h=(s&float_g)<<32n;this.#n=h|float_a|(s&float_p)<<29n,this.#t=4;break}case 9:{if(n[0]!==251)throw new Error("Invalid CBOR encoding for double float");if(this.#n=t.getBigUint64(1,!1),(this.#n&float_a)!==float_a)throw new Error("Not a NaN (NaNaN)");this.#t=8;break}default:throw new RangeError(`Invalid NAN size (should be 2, 4, or 8): ${n.length-1}`)}}if(!this.payload&&!this.quiet)throw new Error("Signalling NaN with zero payload")}get bytes(){const n=new ArrayBuffer(this.#t+1),e=new DataView(n);switch(this.#t){case 2:{e.setUint8(0,249);const o=(this.#n&N?w:0n)|float_f|(this.#n&F)>>42n;e.setUint16(1,Number(o),!1);break}case 4:{e.setUint8(0,250);const o=(this.#n&N?float_g:0n)|float_l|(this.#n&F)>>29n;e.setUint32(1,Number(o),!1);break}case 8:e.setUint8(0,251),e.setBigUint64(1,this.#n);break}return new Uint8Array(n)}get quiet(){return!!(this.#n&float_c)}get sign(){return this.#n&N?-1:1}get payload(){return Number(this.#n&float_u)*this.sign}get raw(){return this.#n}get encodingIndicator(){switch(this.#t){case 2:return"_1";case 4:return"_2"}return"_3"}get size(){return this.#t}get preferredSize(){return(this.#n&_)===0n?2:(this.#n&float_S)===0n?4:8}get isShortestEncoding(){return this.preferredSize===this.#t}toCBOR(n){n.write(this.bytes)}toString(n=10){return float_U(this,1,{},e=>(m[n]??"")+e.toString(n))}[Symbol.for("nodejs.util.inspect.custom")](n,e,r){return float_U(this,n,e,r)}}function v(i,n=0,e=!1){const r=i[n]&128?-1:1,o=(i[n]&124)>>2,t=(i[n]&3)<<8|i[n+1];if(o===0){if(e&&t!==0)throw new Error(`Unwanted subnormal: ${r*5960464477539063e-23*t}`);return r*5960464477539063e-23*t}else if(o===31)return t?NaN:r*(1/0);return r*2**(o-25)*(1024+t)}function Z(i){const n=new DataView(new ArrayBuffer(4));n.setFloat32(0,i,!1);const e=n.getUint32(0,!1);if((e&8191)!==0)return null;let r=e>>16&32768;const o=e>>23&255,t=e&8388607;if(!(o===0&&t===0))if(o>=113&&o<=142)r+=(o-112<<10)+(t>>13);else if(o>=103&&o<113){if(t&(1<<126-o)-1)return null;r+=t+8388608>>126-o}else if(o===255)r|=31744,r|=t>>13;else return null;return r}function k(i){if(i!==0){const n=new ArrayBuffer(8),e=new DataView(n);e.setFloat64(0,i,!1);const r=e.getBigUint64(0,!1);if((r&0x7ff0000000000000n)===0n)return r&0x8000000000000000n?-0:0}return i}function B(i){switch(i.length){case 2:v(i,0,!0);break;case 4:{const n=new DataView(i.buffer,i.byteOffset,i.byteLength),e=n.getUint32(0,!1);if((e&2139095040)===0&&e&8388607)throw new Error(`Unwanted subnormal: ${n.getFloat32(0,!1)}`);break}case 8:{const n=new DataView(i.buffer,i.byteOffset,i.byteLength),e=n.getBigUint64(0,!1);if((e&0x7ff0000000000000n)===0n&&e&0x000fffffffffffn)throw new Error(`Unwanted subnormal: ${n.getFloat64(0,!1)}`);break}default:throw new TypeError(`Bad input to isSubnormal: ${i}`)}}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/errors.js
class DecodeError extends TypeError {
    code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
    constructor() {
        super('The encoded data was not valid for encoding wtf-8');
    }
}
class InvalidEncodingError extends RangeError {
    code = 'ERR_ENCODING_NOT_SUPPORTED';
    constructor(label) {
        super(`Invalid encoding: "${label}"`);
    }
}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/const.js
const BOM = 0xfeff;
const EMPTY = new Uint8Array(0);
const const_MAX_HIGH_SURROGATE = 0xdbff;
const MAX_LOW_SURROGATE = 0xdfff;
const const_MIN_HIGH_SURROGATE = 0xd800;
const MIN_LOW_SURROGATE = 0xdc00;
const REPLACEMENT = 0xfffd;
const WTF8 = 'wtf-8';

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/decode.js


function isArrayBufferView(input) {
    return (input &&
        (typeof input === 'object') &&
        !(input instanceof ArrayBuffer) &&
        !(input instanceof SharedArrayBuffer) &&
        input.buffer instanceof ArrayBuffer);
}
function getUint8(input) {
    if (!input) {
        return EMPTY;
    }
    if (input instanceof Uint8Array) {
        return input;
    }
    if (isArrayBufferView(input)) {
        return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    return new Uint8Array(input);
}
const REMAINDER = [
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    -1,
    -1,
    -1,
    -1,
    1,
    1,
    2,
    3,
];
class decode_Wtf8Decoder {
    static DEFAULT_BUFFERSIZE = 0x1000;
    encoding = WTF8;
    fatal;
    ignoreBOM;
    bufferSize;
    #left = 0;
    #cur = 0;
    #pending = 0;
    #first = true;
    #buf;
    constructor(label = 'wtf8', options = undefined) {
        if (label.toLowerCase().replace('-', '') !== 'wtf8') {
            throw new InvalidEncodingError(label);
        }
        this.fatal = Boolean(options?.fatal);
        this.ignoreBOM = Boolean(options?.ignoreBOM);
        this.bufferSize = Math.floor(options?.bufferSize ?? decode_Wtf8Decoder.DEFAULT_BUFFERSIZE);
        if (isNaN(this.bufferSize) || (this.bufferSize < 1)) {
            throw new RangeError(`Invalid buffer size: ${options?.bufferSize}`);
        }
        this.#buf = new Uint16Array(this.bufferSize);
    }
    decode(input, options) {
        const streaming = Boolean(options?.stream);
        const bytes = getUint8(input);
        const res = [];
        const out = this.#buf;
        const maxSize = this.bufferSize - 3;
        let pos = 0;
        const fatal = () => {
            this.#cur = 0;
            this.#left = 0;
            this.#pending = 0;
            if (this.fatal) {
                throw new DecodeError();
            }
            out[pos++] = REPLACEMENT;
        };
        const fatals = () => {
            const p = this.#pending;
            for (let i = 0; i < p; i++) {
                fatal();
            }
        };
        const oneByte = (b) => {
            if (this.#left === 0) {
                const n = REMAINDER[b >> 4];
                switch (n) {
                    case -1:
                        fatal();
                        break;
                    case 0:
                        out[pos++] = b;
                        break;
                    case 1:
                        this.#cur = b & 0x1f;
                        if ((this.#cur & 0x1e) === 0) {
                            fatal();
                        }
                        else {
                            this.#left = 1;
                            this.#pending = 1;
                        }
                        break;
                    case 2:
                        this.#cur = b & 0x0f;
                        this.#left = 2;
                        this.#pending = 1;
                        break;
                    case 3:
                        if (b & 0x08) {
                            fatal();
                        }
                        else {
                            this.#cur = b & 0x07;
                            this.#left = 3;
                            this.#pending = 1;
                        }
                        break;
                }
            }
            else {
                if ((b & 0xc0) !== 0x80) {
                    fatals();
                    return oneByte(b);
                }
                if ((this.#pending === 1) &&
                    (this.#left === 2) &&
                    (this.#cur === 0) &&
                    ((b & 0x20) === 0)) {
                    fatals();
                    return oneByte(b);
                }
                if ((this.#left === 3) && (this.#cur === 0) && ((b & 0x30) === 0)) {
                    fatals();
                    return oneByte(b);
                }
                this.#cur = (this.#cur << 6) | (b & 0x3f);
                this.#pending++;
                if (--this.#left === 0) {
                    if (this.ignoreBOM || !this.#first || (this.#cur !== BOM)) {
                        if (this.#cur < 0x10000) {
                            out[pos++] = this.#cur;
                        }
                        else {
                            const cp = this.#cur - 0x10000;
                            out[pos++] = ((cp >>> 10) & 0x3ff) | const_MIN_HIGH_SURROGATE;
                            out[pos++] = (cp & 0x3ff) | MIN_LOW_SURROGATE;
                        }
                    }
                    this.#cur = 0;
                    this.#pending = 0;
                    this.#first = false;
                }
            }
        };
        for (const b of bytes) {
            if (pos >= maxSize) {
                res.push(String.fromCharCode.apply(null, out.subarray(0, pos)));
                pos = 0;
            }
            oneByte(b);
        }
        if (!streaming) {
            this.#first = true;
            if (this.#cur || this.#left) {
                fatals();
            }
        }
        if (pos > 0) {
            res.push(String.fromCharCode.apply(null, out.subarray(0, pos)));
        }
        return res.join('');
    }
}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/encode.js

function utf8length(str) {
    let len = 0;
    for (const s of str) {
        const cp = s.codePointAt(0);
        if (cp < 0x80) {
            len++;
        }
        else if (cp < 0x800) {
            len += 2;
        }
        else if (cp < 0x10000) {
            len += 3;
        }
        else {
            len += 4;
        }
    }
    return len;
}
class encode_Wtf8Encoder {
    encoding = WTF8;
    encode(input) {
        if (!input) {
            return EMPTY;
        }
        const buf = new Uint8Array(utf8length(String(input)));
        this.encodeInto(input, buf);
        return buf;
    }
    encodeInto(source, destination) {
        const str = String(source);
        const len = str.length;
        const outLen = destination.length;
        let written = 0;
        let read = 0;
        for (read = 0; read < len; read++) {
            const c = str.codePointAt(read);
            if (c < 0x80) {
                if (written >= outLen) {
                    break;
                }
                destination[written++] = c;
            }
            else if (c < 0x800) {
                if (written >= outLen - 1) {
                    break;
                }
                destination[written++] = 0xc0 | (c >> 6);
                destination[written++] = 0x80 | (c & 0x3f);
            }
            else if (c < 0x10000) {
                if (written >= outLen - 2) {
                    break;
                }
                destination[written++] = 0xe0 | (c >> 12);
                destination[written++] = 0x80 | ((c >> 6) & 0x3f);
                destination[written++] = 0x80 | (c & 0x3f);
            }
            else {
                if (written >= outLen - 3) {
                    break;
                }
                destination[written++] = 0xf0 | (c >> 18);
                destination[written++] = 0x80 | ((c >> 12) & 0x3f);
                destination[written++] = 0x80 | ((c >> 6) & 0x3f);
                destination[written++] = 0x80 | (c & 0x3f);
                read++;
            }
        }
        return {
            read,
            written,
        };
    }
}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/decodeStream.js

class Wtf8DecoderStream {
    #handle;
    #transform;
    constructor(encoding = 'wtf-8', options = undefined) {
        const dec = new Wtf8Decoder(encoding, options);
        this.#handle = dec;
        this.#transform = new TransformStream({
            transform(chunk, controller) {
                const value = dec.decode(chunk, { stream: true });
                if (value) {
                    controller.enqueue(value);
                }
            },
            flush(controller) {
                const value = dec.decode();
                if (value) {
                    controller.enqueue(value);
                }
                controller.terminate();
            },
        });
    }
    get encoding() {
        return this.#handle.encoding;
    }
    get fatal() {
        return this.#handle.fatal;
    }
    get ignoreBOM() {
        return this.#handle.ignoreBOM;
    }
    get readable() {
        return this.#transform.readable;
    }
    get writable() {
        return this.#transform.writable;
    }
}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/encodeStream.js


function isHighSurrogate(n) {
    return (MIN_HIGH_SURROGATE <= n) && (n <= MAX_HIGH_SURROGATE);
}
class Wtf8EncoderStream {
    #pendingHighSurrogate = null;
    #handle;
    #transform;
    constructor() {
        this.#handle = new Wtf8Encoder();
        this.#transform = new TransformStream({
            transform: (chunk, controller) => {
                chunk = String(chunk);
                if (this.#pendingHighSurrogate != null) {
                    chunk = this.#pendingHighSurrogate + chunk;
                    this.#pendingHighSurrogate = null;
                }
                if (isHighSurrogate(chunk.charCodeAt(chunk.length - 1))) {
                    this.#pendingHighSurrogate = chunk[chunk.length - 1];
                    chunk = chunk.slice(0, -1);
                }
                if (chunk) {
                    const value = this.#handle.encode(chunk);
                    if (value.length) {
                        controller.enqueue(value);
                    }
                }
            },
            flush: (controller) => {
                if (this.#pendingHighSurrogate !== null) {
                    controller.enqueue(this.#handle.encode(this.#pendingHighSurrogate));
                    this.#pendingHighSurrogate = null;
                }
            },
        });
    }
    get encoding() {
        return this.#handle.encoding;
    }
    get readable() {
        return this.#transform.readable;
    }
    get writable() {
        return this.#transform.writable;
    }
}

;// CONCATENATED MODULE: ./node_modules/@cto.af/wtf8/lib/index.js






;// CONCATENATED MODULE: ./node_modules/cbor2/lib/encoder.js
const{ENCODED:ce}=constants_A,encoder_U=constants_f.SIMPLE_FLOAT<<5|constants_I.TWO,encoder_h=constants_f.SIMPLE_FLOAT<<5|constants_I.FOUR,encoder_B=constants_f.SIMPLE_FLOAT<<5|constants_I.EIGHT,j=constants_f.SIMPLE_FLOAT<<5|constants_o.TRUE,q=constants_f.SIMPLE_FLOAT<<5|constants_o.FALSE,$=constants_f.SIMPLE_FLOAT<<5|constants_o.UNDEFINED,z=constants_f.SIMPLE_FLOAT<<5|constants_o.NULL,H=new TextEncoder,K=new encode_Wtf8Encoder,encoder_k={...writer_e.defaultOptions,avoidInts:!1,cde:!1,collapseBigInts:!0,dateTag:T.DATE_EPOCH,dcbor:!1,float64:!1,flushToZero:!1,forceEndian:null,ignoreOriginalEncoding:!1,largeNegativeAsBigInt:!1,reduceUnsafeNumbers:!1,rejectBigInts:!1,rejectCustomSimples:!1,rejectDuplicateKeys:!1,rejectFloats:!1,rejectUndefined:!1,simplifyNegativeZero:!1,sortKeys:null,stringNormalization:null,types:null,wtf8:!1,ignoreGlobalTags:!1},encoder_F={cde:!0,ignoreOriginalEncoding:!0,sortKeys:sorts_f},Y={...encoder_F,dcbor:!0,largeNegativeAsBigInt:!0,reduceUnsafeNumbers:!0,rejectCustomSimples:!0,rejectDuplicateKeys:!0,rejectUndefined:!0,simplifyNegativeZero:!0,stringNormalization:"NFC"};function encoder_y(e){const n=e<0;return typeof e=="bigint"?[n?-e-1n:e,n]:[n?-e-1:e,n]}function encoder_N(e,n,i){if(i.rejectFloats)throw new Error(`Attempt to encode an unwanted floating point number: ${e}`);if(isNaN(e))n.writeUint8(encoder_U),n.writeUint16(32256);else if(!i.float64&&Math.fround(e)===e){const r=Z(e);r===null?(n.writeUint8(encoder_h),n.writeFloat32(e)):(n.writeUint8(encoder_U),n.writeUint16(r))}else n.writeUint8(encoder_B),n.writeFloat64(e)}function encoder_a(e,n,i){const[r,t]=encoder_y(e);if(t&&i)throw new TypeError(`Negative size: ${e}`);i??=t?constants_f.NEG_INT:constants_f.POS_INT,i<<=5,r<24?n.writeUint8(i|r):r<=255?(n.writeUint8(i|constants_I.ONE),n.writeUint8(r)):r<=65535?(n.writeUint8(i|constants_I.TWO),n.writeUint16(r)):r<=4294967295?(n.writeUint8(i|constants_I.FOUR),n.writeUint32(r)):(n.writeUint8(i|constants_I.EIGHT),n.writeBigUint64(BigInt(r)))}function encoder_m(e,n,i){typeof e=="number"?encoder_a(e,n,constants_f.TAG):typeof e=="object"&&!i.ignoreOriginalEncoding&&constants_A.ENCODED in e?n.write(e[constants_A.ENCODED]):e<=Number.MAX_SAFE_INTEGER?encoder_a(Number(e),n,constants_f.TAG):(n.writeUint8(constants_f.TAG<<5|constants_I.EIGHT),n.writeBigUint64(BigInt(e)))}function encoder_O(e,n,i){const[r,t]=encoder_y(e);if(i.collapseBigInts&&(!i.largeNegativeAsBigInt||e>=-0x8000000000000000n)){if(r<=0xffffffffn){encoder_a(Number(e),n);return}if(r<=0xffffffffffffffffn){const l=(t?constants_f.NEG_INT:constants_f.POS_INT)<<5;n.writeUint8(l|constants_I.EIGHT),n.writeBigUint64(r);return}}if(i.rejectBigInts)throw new Error(`Attempt to encode unwanted bigint: ${e}`);const o=t?T.NEG_BIGINT:T.POS_BIGINT,c=r.toString(16),s=c.length%2?"0":"";encoder_m(o,n,i);const u=b(s+c);encoder_a(u.length,n,constants_f.BYTE_STRING),n.write(u)}function encoder_Z(e,n,i){i.flushToZero&&(e=k(e)),Object.is(e,-0)?i.simplifyNegativeZero?i.avoidInts?encoder_N(0,n,i):encoder_a(0,n):encoder_N(e,n,i):!i.avoidInts&&Number.isSafeInteger(e)?encoder_a(e,n):i.reduceUnsafeNumbers&&Math.floor(e)===e&&e>=constants_S.MIN&&e<=constants_S.MAX?encoder_O(BigInt(e),n,i):encoder_N(e,n,i)}function encoder_R(e,n,i){const r=i.stringNormalization?e.normalize(i.stringNormalization):e;if(i.wtf8&&!e.isWellFormed()){const t=K.encode(r);encoder_m(T.WTF8,n,i),encoder_a(t.length,n,constants_f.BYTE_STRING),n.write(t)}else{const t=H.encode(r);encoder_a(t.length,n,constants_f.UTF8_STRING),n.write(t)}}function J(e,n,i){const r=e;L(r,r.length,constants_f.ARRAY,n,i);for(const t of r)encoder_g(t,n,i)}function V(e,n){encoder_a(e.length,n,constants_f.BYTE_STRING),n.write(e)}const encoder_b=new typeEncoderMap_s;encoder_b.registerEncoder(Array,J),encoder_b.registerEncoder(Uint8Array,V);function ue(e,n){return encoder_b.registerEncoder(e,n)}function de(e){const n=encoder_b.get(e);return encoder_b.delete(e),n}function L(e,n,i,r,t){const o=s(e);o&&!t.ignoreOriginalEncoding?r.write(o):encoder_a(n,r,i)}function X(e,n,i){if(e===null){n.writeUint8(z);return}if(!i.ignoreOriginalEncoding&&constants_A.ENCODED in e){n.write(e[constants_A.ENCODED]);return}const r=e.constructor;if(r){const o=i.types?.get(r)??(i.ignoreGlobalTags?void 0:encoder_b.get(r));if(o){const c=o(e,n,i);if(c!==void 0){if(!Array.isArray(c)||c.length!==2)throw new Error("Invalid encoder return value");(typeof c[0]=="bigint"||isFinite(Number(c[0])))&&encoder_m(c[0],n,i),encoder_g(c[1],n,i)}return}}if(typeof e.toCBOR=="function"){const o=e.toCBOR(n,i);o&&((typeof o[0]=="bigint"||isFinite(Number(o[0])))&&encoder_m(o[0],n,i),encoder_g(o[1],n,i));return}if(typeof e.toJSON=="function"){encoder_g(e.toJSON(),n,i);return}const t=Object.entries(e).map(o=>[o[0],o[1],encoder_v(o[0],i)]);i.sortKeys&&t.sort(i.sortKeys),L(e,t.length,constants_f.MAP,n,i);for(const[o,c,s]of t)n.write(s),encoder_g(c,n,i)}function Q(e,n,i){if(!e.description||e!==Symbol.for(e.description))throw new TypeError(`Private or empty symbol: ${e.toString()}`);encoder_m(280,n,i),encoder_R(e.description,n,i)}function encoder_g(e,n,i){switch(typeof e){case"number":encoder_Z(e,n,i);break;case"bigint":encoder_O(e,n,i);break;case"string":encoder_R(e,n,i);break;case"boolean":n.writeUint8(e?j:q);break;case"undefined":if(i.rejectUndefined)throw new Error("Attempt to encode unwanted undefined.");n.writeUint8($);break;case"object":X(e,n,i);break;case"symbol":Q(e,n,i);break;default:throw new TypeError(`Unknown type: ${typeof e}, ${String(e)}`)}}function encoder_v(e,n={}){const i={...encoder_k};n.dcbor?Object.assign(i,Y):n.cde&&Object.assign(i,encoder_F),Object.assign(i,n);const r=new writer_e(i);return encoder_g(e,r,i),r.read()}function ae(e,n,i=f.POS_INT){n||(n="f");const r={...encoder_k,collapseBigInts:!1,chunkSize:10,simplifyNegativeZero:!1},t=new I(r),o=Number(e);function c(s){if(Object.is(e,-0))throw new Error("Invalid integer: -0");const[u,l]=encoder_y(e);if(l&&i!==f.POS_INT)throw new Error("Invalid major type combination");const w=typeof s=="number"&&isFinite(s);if(w&&!Number.isSafeInteger(o))throw new TypeError(`Unsafe number for ${n}: ${e}`);if(u>s)throw new TypeError(`Undersized encoding ${n} for: ${e}`);const A=(l?f.NEG_INT:i)<<5;return w?[A,Number(u)]:[A,u]}switch(n){case"bigint":if(Object.is(e,-0))throw new TypeError("Invalid bigint: -0");e=BigInt(e),encoder_O(e,t,r);break;case"f":encoder_N(o,t,r);break;case"f16":{const s=S(o);if(s===null)throw new TypeError(`Invalid f16: ${e}`);t.writeUint8(encoder_U),t.writeUint16(s);break}case"f32":if(!isNaN(o)&&Math.fround(o)!==o)throw new TypeError(`Invalid f32: ${e}`);t.writeUint8(encoder_h),t.writeFloat32(o);break;case"f64":t.writeUint8(encoder_B),t.writeFloat64(o);break;case"i":if(Object.is(e,-0))throw new Error("Invalid integer: -0");if(Number.isSafeInteger(o))encoder_a(o,t,e<0?void 0:i);else{const[s,u]=c(1/0);u>0xffffffffffffffffn?(e=BigInt(e),encoder_O(e,t,r)):(t.writeUint8(s|d.EIGHT),t.writeBigUint64(BigInt(u)))}break;case"i0":{const[s,u]=c(23);t.writeUint8(s|u);break}case"i8":{const[s,u]=c(255);t.writeUint8(s|d.ONE),t.writeUint8(u);break}case"i16":{const[s,u]=c(65535);t.writeUint8(s|d.TWO),t.writeUint16(u);break}case"i32":{const[s,u]=c(4294967295);t.writeUint8(s|d.FOUR),t.writeUint32(u);break}case"i64":{const[s,u]=c(0xffffffffffffffffn);t.writeUint8(s|d.EIGHT),t.writeBigUint64(BigInt(u));break}default:throw new TypeError(`Invalid number encoding: "${n}"`)}return C(e,t.read())}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/options.js
var options_o=(e=>(e[e.NEVER=-1]="NEVER",e[e.PREFERRED=0]="PREFERRED",e[e.ALWAYS=1]="ALWAYS",e))(options_o||{});

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/simple.js
class simple_t{static KnownSimple=new Map([[constants_o.FALSE,!1],[constants_o.TRUE,!0],[constants_o.NULL,null],[constants_o.UNDEFINED,void 0]]);value;constructor(e){this.value=e}static create(e){return simple_t.KnownSimple.has(e)?simple_t.KnownSimple.get(e):new simple_t(e)}toCBOR(e,i){if(i.rejectCustomSimples)throw new Error(`Cannot encode non-standard Simple value: ${this.value}`);encoder_a(this.value,e,constants_f.SIMPLE_FLOAT)}toString(){return`simple(${this.value})`}decode(){return simple_t.KnownSimple.has(this.value)?simple_t.KnownSimple.get(this.value):this}[Symbol.for("nodejs.util.inspect.custom")](e,i,r){return`simple(${r(this.value,i)})`}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/decodeStream.js
const decodeStream_p=new TextDecoder("utf8",{fatal:!0,ignoreBOM:!0});class decodeStream_y{static defaultOptions={maxDepth:1024,encoding:"hex",requirePreferred:!1};#t;#r;#e=0;#i;constructor(t,r){if(this.#i={...decodeStream_y.defaultOptions,...r},typeof t=="string")switch(this.#i.encoding){case"hex":this.#t=b(t);break;case"base64":this.#t=utils_y(t);break;default:throw new TypeError(`Encoding not implemented: "${this.#i.encoding}"`)}else this.#t=t;this.#r=new DataView(this.#t.buffer,this.#t.byteOffset,this.#t.byteLength)}toHere(t){return R(this.#t,t,this.#e)}*[Symbol.iterator](){if(yield*this.#n(0),this.#e!==this.#t.length)throw new Error("Extra data in input")}*seq(){for(;this.#e<this.#t.length;)yield*this.#n(0)}*#n(t){if(t++>this.#i.maxDepth)throw new Error(`Maximum depth ${this.#i.maxDepth} exceeded`);const r=this.#e,c=this.#r.getUint8(this.#e++),i=c>>5,n=c&31;let e=n,f=!1,a=0;switch(n){case constants_I.ONE:if(a=1,e=this.#r.getUint8(this.#e),i===constants_f.SIMPLE_FLOAT){if(e<32)throw new Error(`Invalid simple encoding in extra byte: ${e}`);f=!0}else if(this.#i.requirePreferred&&e<24)throw new Error(`Unexpectedly long integer encoding (1) for ${e}`);break;case constants_I.TWO:if(a=2,i===constants_f.SIMPLE_FLOAT)e=v(this.#t,this.#e);else if(e=this.#r.getUint16(this.#e,!1),this.#i.requirePreferred&&e<=255)throw new Error(`Unexpectedly long integer encoding (2) for ${e}`);break;case constants_I.FOUR:if(a=4,i===constants_f.SIMPLE_FLOAT)e=this.#r.getFloat32(this.#e,!1);else if(e=this.#r.getUint32(this.#e,!1),this.#i.requirePreferred&&e<=65535)throw new Error(`Unexpectedly long integer encoding (4) for ${e}`);break;case constants_I.EIGHT:{if(a=8,i===constants_f.SIMPLE_FLOAT)e=this.#r.getFloat64(this.#e,!1);else if(e=this.#r.getBigUint64(this.#e,!1),e<=Number.MAX_SAFE_INTEGER&&(e=Number(e)),this.#i.requirePreferred&&e<=4294967295)throw new Error(`Unexpectedly long integer encoding (8) for ${e}`);break}case 28:case 29:case 30:throw new Error(`Additional info not implemented: ${n}`);case constants_I.INDEFINITE:switch(i){case constants_f.POS_INT:case constants_f.NEG_INT:case constants_f.TAG:throw new Error(`Invalid indefinite encoding for MT ${i}`);case constants_f.SIMPLE_FLOAT:yield[i,n,constants_A.BREAK,r,0];return}e=1/0;break;default:f=!0}switch(this.#e+=a,i){case constants_f.POS_INT:yield[i,n,e,r,a];break;case constants_f.NEG_INT:yield[i,n,typeof e=="bigint"?-1n-e:-1-Number(e),r,a];break;case constants_f.BYTE_STRING:e===1/0?yield*this.#s(i,t,r):yield[i,n,this.#a(e),r,e];break;case constants_f.UTF8_STRING:e===1/0?yield*this.#s(i,t,r):yield[i,n,decodeStream_p.decode(this.#a(e)),r,e];break;case constants_f.ARRAY:if(e===1/0)yield*this.#s(i,t,r,!1);else{const o=Number(e);yield[i,n,o,r,a];for(let h=0;h<o;h++)yield*this.#n(t+1)}break;case constants_f.MAP:if(e===1/0)yield*this.#s(i,t,r,!1);else{const o=Number(e);yield[i,n,o,r,a];for(let h=0;h<o;h++)yield*this.#n(t),yield*this.#n(t)}break;case constants_f.TAG:yield[i,n,e,r,a],yield*this.#n(t);break;case constants_f.SIMPLE_FLOAT:{const o=e;f&&(e=simple_t.create(Number(e))),yield[i,n,e,r,o];break}}}#a(t){const r=R(this.#t,this.#e,this.#e+=t);if(r.length!==t)throw new Error(`Unexpected end of stream reading ${t} bytes, got ${r.length}`);return r}*#s(t,r,c,i=!0){for(yield[t,constants_I.INDEFINITE,1/0,c,1/0];;){const n=this.#n(r),e=n.next(),[f,a,o]=e.value;if(o===constants_A.BREAK){yield e.value,n.next();return}if(i){if(f!==t)throw new Error(`Unmatched major type.  Expected ${t}, got ${f}.`);if(a===constants_I.INDEFINITE)throw new Error("New stream started in typed stream")}yield e.value,yield*n}}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/container.js
const container_A=new Map([[constants_I.ZERO,1],[constants_I.ONE,2],[constants_I.TWO,3],[constants_I.FOUR,5],[constants_I.EIGHT,9]]),container_R=new Uint8Array(0);function container_F(h,r){return!r.boxed&&!r.preferMap&&h.every(([i])=>typeof i=="string")?Object.fromEntries(h):new Map(h)}class container_y{static defaultDecodeOptions={...decodeStream_y.defaultOptions,ParentType:container_y,boxed:!1,cde:!1,dcbor:!1,diagnosticSizes:options_o.PREFERRED,collapseBigInts:!1,convertUnsafeIntsToFloat:!1,createObject:container_F,keepNanPayloads:!1,pretty:!1,preferBigInt:!1,preferMap:!1,rejectLargeNegatives:!1,rejectBigInts:!1,rejectDuplicateKeys:!1,rejectFloats:!1,rejectInts:!1,rejectLongLoundNaN:!1,rejectLongFloats:!1,rejectNegativeZero:!1,rejectSimple:!1,rejectStreaming:!1,rejectStringsNotNormalizedAs:null,rejectSubnormals:!1,rejectUndefined:!1,rejectUnsafeFloatInts:!1,saveOriginal:!1,sortKeys:null,tags:null,ignoreGlobalTags:!1};static cdeDecodeOptions={cde:!0,rejectStreaming:!0,requirePreferred:!0,sortKeys:sorts_f};static dcborDecodeOptions={...this.cdeDecodeOptions,dcbor:!0,convertUnsafeIntsToFloat:!0,rejectDuplicateKeys:!0,rejectLargeNegatives:!0,rejectLongLoundNaN:!0,rejectLongFloats:!0,rejectNegativeZero:!0,rejectSimple:!0,rejectUndefined:!0,rejectUnsafeFloatInts:!0,rejectStringsNotNormalizedAs:"NFC"};parent;mt;ai;left;offset;count=0;children=[];depth=0;#e;#t=null;constructor(r,i,e,t){if([this.mt,this.ai,,this.offset]=r,this.left=i,this.parent=e,this.#e=t,e&&(this.depth=e.depth+1),this.mt===constants_f.MAP&&(this.#e.sortKeys||this.#e.rejectDuplicateKeys)&&(this.#t=[]),this.#e.rejectStreaming&&this.ai===constants_I.INDEFINITE)throw new Error("Streaming not supported")}get isStreaming(){return this.left===1/0}get done(){return this.left===0}static create(r,i,e,t){const[s,u,n,c]=r;switch(s){case constants_f.POS_INT:case constants_f.NEG_INT:{if(e.rejectInts)throw new Error(`Unexpected integer: ${n}`);if(e.rejectLargeNegatives&&n<-0x8000000000000000n)throw new Error(`Invalid 65bit negative number: ${n}`);let o=n;return e.preferBigInt?o=BigInt(o):e.convertUnsafeIntsToFloat&&o>=constants_S.MIN&&o<=constants_S.MAX&&(o=Number(n)),e.boxed?box_d(o,t.toHere(c)):o}case constants_f.SIMPLE_FLOAT:if(u>constants_I.ONE){if(typeof n=="symbol")return n;if(e.rejectFloats)throw new Error(`Decoding unwanted floating point number: ${n}`);if(e.rejectNegativeZero&&Object.is(n,-0))throw new Error("Decoding negative zero");if(isNaN(n)){const o=t.toHere(c),f=new O(o);if(e.rejectLongLoundNaN){if(f.payload||o.length>3)throw new Error(`Invalid NaN encoding: "${A(o)}"`)}else if(e.keepNanPayloads&&(f.payload||f.sign===-1)){if(e.rejectLongFloats&&!f.isShortestEncoding)throw new Error(`NaN should have been encoded shorter: ${n}`);return f}}if(e.rejectSubnormals&&B(t.toHere(c+1)),e.rejectLongFloats){const o=encoder_v(n,{chunkSize:9,reduceUnsafeNumbers:e.rejectUnsafeFloatInts});if(o[0]>>5!==s)throw new Error(`Should have been encoded as int, not float: ${n}`);if(o.length<container_A.get(u))throw new Error(`Number should have been encoded shorter: ${n}`)}if(typeof n=="number"&&e.boxed)return box_d(n,t.toHere(c))}else{if(e.rejectSimple&&n instanceof simple_t)throw new Error(`Invalid simple value: ${n}`);if(e.rejectUndefined&&n===void 0)throw new Error("Unexpected undefined")}return n;case constants_f.BYTE_STRING:case constants_f.UTF8_STRING:if(n===1/0)return new e.ParentType(r,1/0,i,e);if(e.rejectStringsNotNormalizedAs&&typeof n=="string"){const o=n.normalize(e.rejectStringsNotNormalizedAs);if(n!==o)throw new Error(`String not normalized as "${e.rejectStringsNotNormalizedAs}", got [${U(n)}] instead of [${U(o)}]`)}return e.boxed?box_d(n,t.toHere(c)):n;case constants_f.ARRAY:return new e.ParentType(r,n,i,e);case constants_f.MAP:return new e.ParentType(r,n*2,i,e);case constants_f.TAG:{const o=new e.ParentType(r,1,i,e);return o.children=new tag_o(n),o}}throw new TypeError(`Invalid major type: ${s}`)}static decodeToEncodeOpts(r){return{...encoder_k,avoidInts:r.rejectInts,float64:!r.rejectLongFloats,flushToZero:r.rejectSubnormals,largeNegativeAsBigInt:r.rejectLargeNegatives,sortKeys:r.sortKeys}}push(r,i,e){if(this.children.push(r),this.#t){const t=box_f(r)||i.toHere(e);this.#t.push(t)}return--this.left}replaceLast(r,i,e){let t,s=-1/0;if(this.children instanceof tag_o?(s=0,t=this.children.contents,this.children.contents=r):(s=this.children.length-1,t=this.children[s],this.children[s]=r),this.#t){const u=box_f(r)||e.toHere(i.offset);this.#t[s]=u}return t}convert(r){let i;switch(this.mt){case constants_f.ARRAY:i=this.children;break;case constants_f.MAP:{const e=this.#r();if(this.#e.sortKeys){let t;for(const s of e){if(t&&this.#e.sortKeys(t,s)>=0)throw new Error(`Duplicate or out of order key: "0x${s[2]}"`);t=s}}else if(this.#e.rejectDuplicateKeys){const t=new Set;for(const[s,u,n]of e){const c=A(n);if(t.has(c))throw new Error(`Duplicate key: "0x${c}"`);t.add(c)}}i=this.#e.createObject(e,this.#e);break}case constants_f.BYTE_STRING:return utils_d(this.children);case constants_f.UTF8_STRING:{const e=this.children.join("");i=this.#e.boxed?box_d(e,r.toHere(this.offset)):e;break}case constants_f.TAG:i=this.children.decode(this.#e);break;default:throw new TypeError(`Invalid mt on convert: ${this.mt}`)}return this.#e.saveOriginal&&i&&typeof i=="object"&&u(i,r.toHere(this.offset)),i}#r(){const r=this.children,i=r.length;if(i%2)throw new Error("Missing map value");const e=new Array(i/2);if(this.#t)for(let t=0;t<i;t+=2)e[t>>1]=[r[t],r[t+1],this.#t[t]];else for(let t=0;t<i;t+=2)e[t>>1]=[r[t],r[t+1],container_R];return e}}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/diagnostic.js
const diagnostic_O="  ",diagnostic_y=new TextEncoder;class diagnostic_g extends container_y{close="";quote='"';get isEmptyStream(){return(this.mt===constants_f.UTF8_STRING||this.mt===constants_f.BYTE_STRING)&&this.count===0}}function diagnostic_a(m,l,n,p){let t="";if(l===constants_I.INDEFINITE)t+="_";else{if(p.diagnosticSizes===options_o.NEVER)return"";{let r=p.diagnosticSizes===options_o.ALWAYS;if(!r){let e=constants_I.ZERO;if(Object.is(n,-0))e=constants_I.TWO;else if(m===constants_f.POS_INT||m===constants_f.NEG_INT){const T=n<0,u=typeof n=="bigint"?1n:1,o=T?-n-u:n;o<=23?e=Number(o):o<=255?e=constants_I.ONE:o<=65535?e=constants_I.TWO:o<=4294967295?e=constants_I.FOUR:e=constants_I.EIGHT}else isFinite(n)?Math.fround(n)===n?Z(n)==null?e=constants_I.FOUR:e=constants_I.TWO:e=constants_I.EIGHT:e=constants_I.TWO;r=e!==l}r&&(t+="_",l<constants_I.ONE?t+="i":t+=String(l-24))}}return t}function M(m,l){const n={...container_y.defaultDecodeOptions,...l,ParentType:diagnostic_g},p=new decodeStream_y(m,n);let t,r,e="";for(const T of p){const[u,o,i]=T;switch(t&&(t.count>0&&i!==constants_A.BREAK&&(t.mt===constants_f.MAP&&t.count%2?e+=": ":(e+=",",n.pretty||(e+=" "))),n.pretty&&(t.mt!==constants_f.MAP||t.count%2===0)&&(e+=`
${diagnostic_O.repeat(t.depth+1)}`)),r=container_y.create(T,t,n,p),u){case constants_f.POS_INT:case constants_f.NEG_INT:e+=String(i),e+=diagnostic_a(u,o,i,n);break;case constants_f.SIMPLE_FLOAT:if(i!==constants_A.BREAK)if(typeof i=="number"){const c=Object.is(i,-0)?"-0.0":String(i);e+=c,isFinite(i)&&!/[.e]/.test(c)&&(e+=".0"),e+=diagnostic_a(u,o,i,n)}else i instanceof simple_t?(e+="simple(",e+=String(i.value),e+=diagnostic_a(constants_f.POS_INT,o,i.value,n),e+=")"):e+=String(i);break;case constants_f.BYTE_STRING:i===1/0?(e+="(_ ",r.close=")",r.quote="'"):(e+="h'",e+=A(i),e+="'",e+=diagnostic_a(constants_f.POS_INT,o,i.length,n));break;case constants_f.UTF8_STRING:i===1/0?(e+="(_ ",r.close=")"):(e+=JSON.stringify(i),e+=diagnostic_a(constants_f.POS_INT,o,diagnostic_y.encode(i).length,n));break;case constants_f.ARRAY:{e+="[";const c=diagnostic_a(constants_f.POS_INT,o,i,n);e+=c,c&&(e+=" "),n.pretty&&i?r.close=`
${diagnostic_O.repeat(r.depth)}]`:r.close="]";break}case constants_f.MAP:{e+="{";const c=diagnostic_a(constants_f.POS_INT,o,i,n);e+=c,c&&(e+=" "),n.pretty&&i?r.close=`
${diagnostic_O.repeat(r.depth)}}`:r.close="}";break}case constants_f.TAG:e+=String(i),e+=diagnostic_a(constants_f.POS_INT,o,i,n),e+="(",r.close=")";break}if(r===constants_A.BREAK)if(t?.isStreaming)t.left=0;else throw new Error("Unexpected BREAK");else t&&(t.count++,t.left--);for(r instanceof diagnostic_g&&(t=r);t?.done;){if(t.isEmptyStream)e=e.slice(0,-3),e+=`${t.quote}${t.quote}_`;else{if(t.mt===constants_f.MAP&&t.count%2!==0)throw new Error(`Odd streaming map size: ${t.count}`);e+=t.close}t=t.parent}}return e}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/comment.js
const comment_H=new TextDecoder;class comment_A extends container_y{depth=0;leaf=!1;value;length;[constants_A.ENCODED];constructor(a,f,e,n){super(a,f,e,n),this.parent?this.depth=this.parent.depth+1:this.depth=n.initialDepth,[,,this.value,,this.length]=a}numBytes(){switch(this.ai){case constants_I.ONE:return 1;case constants_I.TWO:return 2;case constants_I.FOUR:return 4;case constants_I.EIGHT:return 8}return 0}}function comment_k(t){return t instanceof comment_A}function comment_O(t,a){return t===1/0?"Indefinite":a?`${t} ${a}${t!==1&&t!==1n?"s":""}`:String(t)}function comment_y(t){return"".padStart(t," ")}function comment_x(t,a,f){let e="";e+=comment_y(t.depth*2);const n=box_f(t);e+=A(n.subarray(0,1));const r=t.numBytes();r&&(e+=" ",e+=A(n.subarray(1,r+1))),e=e.padEnd(a.minCol+1," "),e+="-- ",f!==void 0&&(e+=comment_y(t.depth*2),f!==""&&(e+=`[${f}] `));let p=!1;const[s]=t.children;switch(t.mt){case constants_f.POS_INT:e+=`Unsigned: ${s}`,typeof s=="bigint"&&(e+="n");break;case constants_f.NEG_INT:e+=`Negative: ${s}`,typeof s=="bigint"&&(e+="n");break;case constants_f.BYTE_STRING:e+=`Bytes (Length: ${comment_O(t.length)})`;break;case constants_f.UTF8_STRING:e+=`UTF8 (Length: ${comment_O(t.length)})`,t.length!==1/0&&(e+=`: ${JSON.stringify(s)}`);break;case constants_f.ARRAY:e+=`Array (Length: ${comment_O(t.value,"item")})`;break;case constants_f.MAP:e+=`Map (Length: ${comment_O(t.value,"pair")})`;break;case constants_f.TAG:{e+=`Tag #${t.value}`;const o=t.children,[m]=o.contents.children,i=new tag_o(o.tag,m);u(i,n);const l=i.comment(a,t.depth);l&&(e+=": ",e+=l),p||=i.noChildren;break}case constants_f.SIMPLE_FLOAT:s===constants_A.BREAK?e+="BREAK":t.ai>constants_I.ONE?Object.is(s,-0)?e+="Float: -0":e+=`Float: ${s}`:(e+="Simple: ",s instanceof simple_t?e+=s.value:e+=s);break}if(!p)if(t.leaf){if(e+=`
`,n.length>r+1){const o=comment_y((t.depth+1)*2),m=utils_f(n);if(m?.length){m.sort((l,c)=>{const g=l[0]-c[0];return g||c[1]-l[1]});let i=0;for(const[l,c,g]of m)if(!(l<i)){if(i=l+c,g==="<<"){e+=comment_y(a.minCol+1),e+="--",e+=o,e+="<< ";const d=R(n,l,l+c),h=utils_f(d);if(h){const $=h.findIndex(([w,D,v])=>w===0&&D===c&&v==="<<");$>=0&&h.splice($,1)}e+=M(d),e+=` >>
`,e+=comment_L(d,{initialDepth:t.depth+1,minCol:a.minCol,noPrefixHex:!0});continue}else g==="'"&&(e+=comment_y(a.minCol+1),e+="--",e+=o,e+="'",e+=comment_H.decode(n.subarray(l,l+c)),e+=`'
`);if(l>r)for(let d=l;d<l+c;d+=8){const h=Math.min(d+8,l+c);e+=o,e+=A(n.subarray(d,h)),e+=`
`}}}else for(let i=r+1;i<n.length;i+=8)e+=o,e+=A(n.subarray(i,i+8)),e+=`
`}}else{e+=`
`;let o=0;for(const m of t.children){if(comment_k(m)){let i=String(o);t.mt===constants_f.MAP?i=o%2?`val ${(o-1)/2}`:`key ${o/2}`:t.mt===constants_f.TAG&&(i=""),e+=comment_x(m,a,i)}o++}}return e}const comment_q={...container_y.defaultDecodeOptions,initialDepth:0,noPrefixHex:!1,minCol:0};function comment_L(t,a){const f={...comment_q,...a,ParentType:comment_A,saveOriginal:!0},e=new decodeStream_y(t,f);let n,r;for(const s of e){if(r=container_y.create(s,n,f,e),s[2]===constants_A.BREAK)if(n?.isStreaming)n.left=1;else throw new Error("Unexpected BREAK");if(!comment_k(r)){const i=new comment_A(s,0,n,f);i.leaf=!0,i.children.push(r),u(i,e.toHere(s[3])),r=i}let o=(r.depth+1)*2;const m=r.numBytes();for(m&&(o+=1,o+=m*2),f.minCol=Math.max(f.minCol,o),n&&n.push(r,e,s[3]),n=r;n?.done;)r=n,r.leaf||u(r,e.toHere(r.offset)),{parent:n}=n}a&&(a.minCol=f.minCol);let p=f.noPrefixHex?"":`0x${A(e.toHere(0))}
`;return p+=comment_x(r,f),p}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/types.js
const types_U=!h();function types_I(e){if(typeof e=="object"&&e){if(e.constructor!==Number)throw new Error(`Expected number: ${e}`)}else if(typeof e!="number")throw new Error(`Expected number: ${e}`)}function types_f(e){if(typeof e=="object"&&e){if(e.constructor!==String)throw new Error(`Expected string: ${e}`)}else if(typeof e!="string")throw new Error(`Expected string: ${e}`)}function types_E(e){if(!(e instanceof Uint8Array))throw new Error(`Expected Uint8Array: ${e}`)}function types_(e){if(!Array.isArray(e))throw new Error(`Expected Array: ${e}`)}ue(Map,(e,r,n)=>{const i=[...e.entries()].map(a=>[a[0],a[1],encoder_v(a[0],n)]);if(n.rejectDuplicateKeys){const a=new Set;for(const[d,u,g]of i){const y=A(g);if(a.has(y))throw new Error(`Duplicate map key: 0x${y}`);a.add(y)}}n.sortKeys&&i.sort(n.sortKeys),L(e,e.size,constants_f.MAP,r,n);for(const[a,d,u]of i)r.write(u),encoder_g(d,r,n)});function types_w(e){return types_f(e.contents),new Date(e.contents)}types_w.comment=e=>{types_f(e.contents);const r=new Date(e.contents);return`(String ${e.tag===T.DATE_FULL?"Full ":""}Date) ${r.toISOString()}`},tag_o.registerDecoder(T.DATE_STRING,types_w),tag_o.registerDecoder(T.DATE_FULL,types_w);function types_N(e){return types_I(e.contents),new Date(e.contents*1e3)}types_N.comment=e=>(types_I(e.contents),`(Epoch Date) ${new Date(e.contents*1e3).toISOString()}`),tag_o.registerDecoder(T.DATE_EPOCH,types_N);const types_S=1e3*60*60*24;function types_$(e){return types_I(e.contents),new Date(e.contents*types_S)}types_$.comment=e=>(types_I(e.contents),`(Epoch Date) ${new Date(e.contents*types_S).toISOString()}`),tag_o.registerDecoder(T.DATE_EPOCH_DAYS,types_$),ue(Date,(e,r,n)=>{switch(n.dateTag){case T.DATE_EPOCH:return[n.dateTag,e.valueOf()/1e3];case T.DATE_STRING:return[n.dateTag,e.toISOString().replace(/\.000Z$/,"Z")];case T.DATE_EPOCH_DAYS:return[n.dateTag,Math.floor(e.valueOf()/types_S)];case T.DATE_FULL:return[n.dateTag,e.toISOString().split("T")[0]];default:throw new Error(`Unsupported date tag: ${n.dateTag}`)}});function types_m(e,r,n){if(types_E(r.contents),n.rejectBigInts)throw new Error(`Decoding unwanted big integer: ${r}(h'${A(r.contents)}')`);if(n.requirePreferred&&r.contents[0]===0)throw new Error(`Decoding overly-large bigint: ${r.tag}(h'${A(r.contents)})`);let i=r.contents.reduce((d,u)=>d<<8n|BigInt(u),0n);e&&(i=-1n-i);const a=i>=Number.MIN_SAFE_INTEGER&&i<=Number.MAX_SAFE_INTEGER;if(n.requirePreferred&&a)throw new Error(`Decoding bigint that could have been int: ${i}n`);return n.collapseBigInts&&a&&(i=Number(i)),n.boxed?box_d(i,r.contents):i}const types_L=types_m.bind(null,!1),types_x=types_m.bind(null,!0);types_L.comment=(e,r)=>`(Positive BigInt) ${types_m(!1,e,r)}n`,types_x.comment=(e,r)=>`(Negative BigInt) ${types_m(!0,e,r)}n`,tag_o.registerDecoder(T.POS_BIGINT,types_L),tag_o.registerDecoder(T.NEG_BIGINT,types_x);function types_R(e,r){return types_E(e.contents),e}types_R.comment=(e,r,n)=>{types_E(e.contents);const i={...r,initialDepth:n+2,noPrefixHex:!0},a=box_f(e);let u=2**((a[0]&31)-24)+1;const g=a[u]&31;let y=A(a.subarray(u,++u));g>=24&&(y+=" ",y+=A(a.subarray(u,u+2**(g-24)))),i.minCol=Math.max(i.minCol,(n+1)*2+y.length);const D=comment_L(e.contents,i);let T=`Embedded CBOR
`;return T+=`${"".padStart((n+1)*2," ")}${y}`.padEnd(i.minCol+1," "),T+=`-- Bytes (Length: ${e.contents.length})
`,T+=D,T},types_R.noChildren=!0,tag_o.registerDecoder(T.CBOR,types_R),tag_o.registerDecoder(T.URI,e=>(types_f(e.contents),new URL(e.contents)),"URI"),ue(URL,e=>[T.URI,e.toString()]),tag_o.registerDecoder(T.BASE64URL,e=>(types_f(e.contents),x(e.contents)),"Base64url-encoded"),tag_o.registerDecoder(T.BASE64,e=>(types_f(e.contents),utils_y(e.contents)),"Base64-encoded"),tag_o.registerDecoder(35,e=>(types_f(e.contents),new RegExp(e.contents)),"RegExp"),tag_o.registerDecoder(21065,e=>{types_f(e.contents);const r=`^(?:${e.contents})$`;return new RegExp(r,"u")},"I-RegExp"),tag_o.registerDecoder(T.REGEXP,e=>{if(types_(e.contents),e.contents.length<1||e.contents.length>2)throw new Error(`Invalid RegExp Array: ${e.contents}`);return new RegExp(e.contents[0],e.contents[1])},"RegExp"),ue(RegExp,e=>[T.REGEXP,[e.source,e.flags]]),tag_o.registerDecoder(64,e=>(types_E(e.contents),e.contents),"uint8 Typed Array");function types_c(e,r,n){types_E(e.contents);let i=e.contents.length;if(i%r.BYTES_PER_ELEMENT!==0)throw new Error(`Number of bytes must be divisible by ${r.BYTES_PER_ELEMENT}, got: ${i}`);i/=r.BYTES_PER_ELEMENT;const a=new r(i),d=new DataView(e.contents.buffer,e.contents.byteOffset,e.contents.byteLength),u=d[`get${r.name.replace(/Array/,"")}`].bind(d);for(let g=0;g<i;g++)a[g]=u(g*r.BYTES_PER_ELEMENT,n);return a}function types_l(e,r,n,i,a){const d=a.forceEndian??types_U;if(encoder_m(d?r:n,e,a),encoder_a(i.byteLength,e,constants_f.BYTE_STRING),types_U===d)e.write(new Uint8Array(i.buffer,i.byteOffset,i.byteLength));else{const g=`write${i.constructor.name.replace(/Array/,"")}`,y=e[g].bind(e);for(const D of i)y(D,d)}}tag_o.registerDecoder(65,e=>types_c(e,Uint16Array,!1),"uint16, big endian, Typed Array"),tag_o.registerDecoder(66,e=>types_c(e,Uint32Array,!1),"uint32, big endian, Typed Array"),tag_o.registerDecoder(67,e=>types_c(e,BigUint64Array,!1),"uint64, big endian, Typed Array"),tag_o.registerDecoder(68,e=>(types_E(e.contents),new Uint8ClampedArray(e.contents)),"uint8 Typed Array, clamped arithmetic"),ue(Uint8ClampedArray,e=>[68,new Uint8Array(e.buffer,e.byteOffset,e.byteLength)]),tag_o.registerDecoder(69,e=>types_c(e,Uint16Array,!0),"uint16, little endian, Typed Array"),ue(Uint16Array,(e,r,n)=>types_l(r,69,65,e,n)),tag_o.registerDecoder(70,e=>types_c(e,Uint32Array,!0),"uint32, little endian, Typed Array"),ue(Uint32Array,(e,r,n)=>types_l(r,70,66,e,n)),tag_o.registerDecoder(71,e=>types_c(e,BigUint64Array,!0),"uint64, little endian, Typed Array"),ue(BigUint64Array,(e,r,n)=>types_l(r,71,67,e,n)),tag_o.registerDecoder(72,e=>(types_E(e.contents),new Int8Array(e.contents)),"sint8 Typed Array"),ue(Int8Array,e=>[72,new Uint8Array(e.buffer,e.byteOffset,e.byteLength)]),tag_o.registerDecoder(73,e=>types_c(e,Int16Array,!1),"sint16, big endian, Typed Array"),tag_o.registerDecoder(74,e=>types_c(e,Int32Array,!1),"sint32, big endian, Typed Array"),tag_o.registerDecoder(75,e=>types_c(e,BigInt64Array,!1),"sint64, big endian, Typed Array"),tag_o.registerDecoder(77,e=>types_c(e,Int16Array,!0),"sint16, little endian, Typed Array"),ue(Int16Array,(e,r,n)=>types_l(r,77,73,e,n)),tag_o.registerDecoder(78,e=>types_c(e,Int32Array,!0),"sint32, little endian, Typed Array"),ue(Int32Array,(e,r,n)=>types_l(r,78,74,e,n)),tag_o.registerDecoder(79,e=>types_c(e,BigInt64Array,!0),"sint64, little endian, Typed Array"),ue(BigInt64Array,(e,r,n)=>types_l(r,79,75,e,n)),tag_o.registerDecoder(81,e=>types_c(e,Float32Array,!1),"IEEE 754 binary32, big endian, Typed Array"),tag_o.registerDecoder(82,e=>types_c(e,Float64Array,!1),"IEEE 754 binary64, big endian, Typed Array"),tag_o.registerDecoder(85,e=>types_c(e,Float32Array,!0),"IEEE 754 binary32, little endian, Typed Array"),ue(Float32Array,(e,r,n)=>types_l(r,85,81,e,n)),tag_o.registerDecoder(86,e=>types_c(e,Float64Array,!0),"IEEE 754 binary64, big endian, Typed Array"),ue(Float64Array,(e,r,n)=>types_l(r,86,82,e,n)),tag_o.registerDecoder(T.SET,(e,r)=>{if(types_(e.contents),r.sortKeys){const n=container_y.decodeToEncodeOpts(r);let i=null;for(const a of e.contents){const d=[a,void 0,encoder_v(a,n)];if(i&&r.sortKeys(i,d)>=0)throw new Error(`Set items out of order in tag #${T.SET}`);i=d}}return new Set(e.contents)},"Set"),ue(Set,(e,r,n)=>{let i=[...e];if(n.sortKeys){const a=i.map(d=>[d,void 0,encoder_v(d,n)]);a.sort(n.sortKeys),i=a.map(([d])=>d)}return[T.SET,i]}),tag_o.registerDecoder(T.JSON,e=>(types_f(e.contents),JSON.parse(e.contents)),"JSON-encoded");function types_C(e){return types_E(e.contents),new decode_Wtf8Decoder().decode(e.contents)}types_C.comment=e=>{types_E(e.contents);const r=new decode_Wtf8Decoder;return`(WTF8 string): ${JSON.stringify(r.decode(e.contents))}`},tag_o.registerDecoder(T.WTF8,types_C),tag_o.registerDecoder(T.SELF_DESCRIBED,e=>e.contents,"Self-Described"),tag_o.registerDecoder(T.INVALID_16,()=>{throw new Error(`Tag always invalid: ${T.INVALID_16}`)},"Invalid"),tag_o.registerDecoder(T.INVALID_32,()=>{throw new Error(`Tag always invalid: ${T.INVALID_32}`)},"Invalid"),tag_o.registerDecoder(T.INVALID_64,()=>{throw new Error(`Tag always invalid: ${T.INVALID_64}`)},"Invalid"),tag_o.registerDecoder(T.SYMBOL,e=>{let r=e.contents;if(Array.isArray(e.contents)){if(e.contents.length!==1)throw new Error(`Expected Array of size 1: ${e.contents}`);[r]=e.contents}if(types_f(r),!r.length)throw new Error(`Expected non-empty string: ${e.contents}`);return Symbol.for(r)},"Symbol");function types_h(e){throw new Error(`Encoding ${e.constructor.name} intentionally unimplmented.  It is not concrete enough to interoperate.  Convert to Uint8Array first.`)}ue(ArrayBuffer,types_h),ue(DataView,types_h),typeof SharedArrayBuffer<"u"&&ue(SharedArrayBuffer,types_h);function types_p(e){return[NaN,e.valueOf()]}ue(Boolean,types_p),ue(Number,types_p),ue(String,types_p),ue(BigInt,types_p);

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/decoder.js
function decoder_c(i){const e={...container_y.defaultDecodeOptions};if(i.dcbor?Object.assign(e,container_y.dcborDecodeOptions):i.cde&&Object.assign(e,container_y.cdeDecodeOptions),Object.assign(e,i),Object.hasOwn(e,"rejectLongNumbers"))throw new TypeError("rejectLongNumbers has changed to requirePreferred");return e.boxed&&(e.saveOriginal=!0),e}class decoder_d{parent=void 0;ret=void 0;step(e,n,t){if(this.ret=container_y.create(e,this.parent,n,t),e[2]===constants_A.BREAK)if(this.parent?.isStreaming)this.parent.left=0;else throw new Error("Unexpected BREAK");else this.parent&&this.parent.push(this.ret,t,e[3]);for(this.ret instanceof container_y&&(this.parent=this.ret);this.parent?.done;){this.ret=this.parent.convert(t);const r=this.parent.parent;r?.replaceLast(this.ret,this.parent,t),this.parent=r}}}function decoder_l(i,e={}){const n=decoder_c(e),t=new decodeStream_y(i,n),r=new decoder_d;for(const o of t)r.step(o,n,t);return r.ret}class decoder_O{#t;#e;constructor(e,n={}){const t=new decodeStream_y(e,decoder_c(n));this.#t=t.seq()}peek(){return this.#e||(this.#e=this.#n()),this.#e}read(){const e=this.#e??this.#n();return this.#e=void 0,e}*[Symbol.iterator](){for(;;){const e=this.read();if(!e)return;yield e}}#n(){const{value:e,done:n}=this.#t.next();if(!n)return e}}function*decoder_b(i,e={}){const n=decoder_c(e),t=new a(i,n),r=new decoder_d;for(const o of t.seq())r.step(o,n,t),r.parent||(yield r.ret)}

;// CONCATENATED MODULE: ./node_modules/cbor2/lib/index.js
const{cdeDecodeOptions:r,dcborDecodeOptions:n,defaultDecodeOptions:lib_d}=container_y;


/***/ })

};
