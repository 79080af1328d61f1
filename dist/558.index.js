export const id = 558;
export const ids = [558];
export const modules = {

/***/ 18456:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.toMessageSignatureBundle = toMessageSignatureBundle;
exports.toDSSEBundle = toDSSEBundle;
/*
Copyright 2023 The Sigstore Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
const protobuf_specs_1 = __webpack_require__(19654);
const bundle_1 = __webpack_require__(37742);
// Message signature bundle - $case: 'messageSignature'
function toMessageSignatureBundle(options) {
    return {
        mediaType: options.certificateChain
            ? bundle_1.BUNDLE_V02_MEDIA_TYPE
            : bundle_1.BUNDLE_V03_MEDIA_TYPE,
        content: {
            $case: 'messageSignature',
            messageSignature: {
                messageDigest: {
                    algorithm: protobuf_specs_1.HashAlgorithm.SHA2_256,
                    digest: options.digest,
                },
                signature: options.signature,
            },
        },
        verificationMaterial: toVerificationMaterial(options),
    };
}
// DSSE envelope bundle - $case: 'dsseEnvelope'
function toDSSEBundle(options) {
    return {
        mediaType: options.certificateChain
            ? bundle_1.BUNDLE_V02_MEDIA_TYPE
            : bundle_1.BUNDLE_V03_MEDIA_TYPE,
        content: {
            $case: 'dsseEnvelope',
            dsseEnvelope: toEnvelope(options),
        },
        verificationMaterial: toVerificationMaterial(options),
    };
}
function toEnvelope(options) {
    return {
        payloadType: options.artifactType,
        payload: options.artifact,
        signatures: [toSignature(options)],
    };
}
function toSignature(options) {
    return {
        keyid: options.keyHint || '',
        sig: options.signature,
    };
}
// Verification material
function toVerificationMaterial(options) {
    return {
        content: toKeyContent(options),
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [] },
    };
}
function toKeyContent(options) {
    if (options.certificate) {
        if (options.certificateChain) {
            return {
                $case: 'x509CertificateChain',
                x509CertificateChain: {
                    certificates: [{ rawBytes: options.certificate }],
                },
            };
        }
        else {
            return {
                $case: 'certificate',
                certificate: { rawBytes: options.certificate },
            };
        }
    }
    else {
        return {
            $case: 'publicKey',
            publicKey: {
                hint: options.keyHint || '',
            },
        };
    }
}


/***/ }),

/***/ 37742:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.BUNDLE_V03_MEDIA_TYPE = exports.BUNDLE_V03_LEGACY_MEDIA_TYPE = exports.BUNDLE_V02_MEDIA_TYPE = exports.BUNDLE_V01_MEDIA_TYPE = void 0;
exports.isBundleWithCertificateChain = isBundleWithCertificateChain;
exports.isBundleWithPublicKey = isBundleWithPublicKey;
exports.isBundleWithMessageSignature = isBundleWithMessageSignature;
exports.isBundleWithDsseEnvelope = isBundleWithDsseEnvelope;
exports.BUNDLE_V01_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
exports.BUNDLE_V02_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.2';
exports.BUNDLE_V03_LEGACY_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle+json;version=0.3';
exports.BUNDLE_V03_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
// Type guards for bundle variants.
function isBundleWithCertificateChain(b) {
    return b.verificationMaterial.content.$case === 'x509CertificateChain';
}
function isBundleWithPublicKey(b) {
    return b.verificationMaterial.content.$case === 'publicKey';
}
function isBundleWithMessageSignature(b) {
    return b.content.$case === 'messageSignature';
}
function isBundleWithDsseEnvelope(b) {
    return b.content.$case === 'dsseEnvelope';
}


/***/ }),

/***/ 47714:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.ValidationError = void 0;
/*
Copyright 2023 The Sigstore Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
class ValidationError extends Error {
    fields;
    constructor(message, fields) {
        super(message);
        this.fields = fields;
    }
}
exports.ValidationError = ValidationError;


/***/ }),

/***/ 61040:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;

__webpack_unused_export__ = ({ value: true });
__webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = exports.vw = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = __webpack_unused_export__ = void 0;
/*
Copyright 2023 The Sigstore Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
var build_1 = __webpack_require__(18456);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return build_1.toDSSEBundle; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return build_1.toMessageSignatureBundle; } });
var bundle_1 = __webpack_require__(37742);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.BUNDLE_V01_MEDIA_TYPE; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.BUNDLE_V02_MEDIA_TYPE; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.BUNDLE_V03_LEGACY_MEDIA_TYPE; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.BUNDLE_V03_MEDIA_TYPE; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.isBundleWithCertificateChain; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.isBundleWithDsseEnvelope; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.isBundleWithMessageSignature; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return bundle_1.isBundleWithPublicKey; } });
var error_1 = __webpack_require__(47714);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return error_1.ValidationError; } });
var serialized_1 = __webpack_require__(23404);
Object.defineProperty(exports, "vw", ({ enumerable: true, get: function () { return serialized_1.bundleFromJSON; } }));
__webpack_unused_export__ = ({ enumerable: true, get: function () { return serialized_1.bundleToJSON; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return serialized_1.envelopeFromJSON; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return serialized_1.envelopeToJSON; } });
var validate_1 = __webpack_require__(9352);
__webpack_unused_export__ = ({ enumerable: true, get: function () { return validate_1.assertBundle; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return validate_1.assertBundleLatest; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return validate_1.assertBundleV01; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return validate_1.assertBundleV02; } });
__webpack_unused_export__ = ({ enumerable: true, get: function () { return validate_1.isBundleV01; } });


/***/ }),

/***/ 23404:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.envelopeToJSON = exports.envelopeFromJSON = exports.bundleToJSON = exports.bundleFromJSON = void 0;
/*
Copyright 2023 The Sigstore Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
const protobuf_specs_1 = __webpack_require__(19654);
const bundle_1 = __webpack_require__(37742);
const validate_1 = __webpack_require__(9352);
const bundleFromJSON = (obj) => {
    const bundle = protobuf_specs_1.Bundle.fromJSON(obj);
    switch (bundle.mediaType) {
        case bundle_1.BUNDLE_V01_MEDIA_TYPE:
            (0, validate_1.assertBundleV01)(bundle);
            break;
        case bundle_1.BUNDLE_V02_MEDIA_TYPE:
            (0, validate_1.assertBundleV02)(bundle);
            break;
        default:
            (0, validate_1.assertBundleLatest)(bundle);
            break;
    }
    return bundle;
};
exports.bundleFromJSON = bundleFromJSON;
const bundleToJSON = (bundle) => {
    return protobuf_specs_1.Bundle.toJSON(bundle);
};
exports.bundleToJSON = bundleToJSON;
const envelopeFromJSON = (obj) => {
    return protobuf_specs_1.Envelope.fromJSON(obj);
};
exports.envelopeFromJSON = envelopeFromJSON;
const envelopeToJSON = (envelope) => {
    return protobuf_specs_1.Envelope.toJSON(envelope);
};
exports.envelopeToJSON = envelopeToJSON;


/***/ }),

/***/ 9352:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.assertBundle = assertBundle;
exports.assertBundleV01 = assertBundleV01;
exports.isBundleV01 = isBundleV01;
exports.assertBundleV02 = assertBundleV02;
exports.assertBundleLatest = assertBundleLatest;
/*
Copyright 2023 The Sigstore Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/
const error_1 = __webpack_require__(47714);
// Performs basic validation of a Sigstore bundle to ensure that all required
// fields are populated. This is not a complete validation of the bundle, but
// rather a check that the bundle is in a valid state to be processed by the
// rest of the code.
function assertBundle(b) {
    const invalidValues = validateBundleBase(b);
    if (invalidValues.length > 0) {
        throw new error_1.ValidationError('invalid bundle', invalidValues);
    }
}
// Asserts that the given bundle conforms to the v0.1 bundle format.
function assertBundleV01(b) {
    const invalidValues = [];
    invalidValues.push(...validateBundleBase(b));
    invalidValues.push(...validateInclusionPromise(b));
    if (invalidValues.length > 0) {
        throw new error_1.ValidationError('invalid v0.1 bundle', invalidValues);
    }
}
// Type guard to determine if Bundle is a v0.1 bundle.
function isBundleV01(b) {
    try {
        assertBundleV01(b);
        return true;
    }
    catch (e) {
        return false;
    }
}
// Asserts that the given bundle conforms to the v0.2 bundle format.
function assertBundleV02(b) {
    const invalidValues = [];
    invalidValues.push(...validateBundleBase(b));
    invalidValues.push(...validateInclusionProof(b));
    if (invalidValues.length > 0) {
        throw new error_1.ValidationError('invalid v0.2 bundle', invalidValues);
    }
}
// Asserts that the given bundle conforms to the newest (0.3) bundle format.
function assertBundleLatest(b) {
    const invalidValues = [];
    invalidValues.push(...validateBundleBase(b));
    invalidValues.push(...validateInclusionProof(b));
    invalidValues.push(...validateNoCertificateChain(b));
    if (invalidValues.length > 0) {
        throw new error_1.ValidationError('invalid bundle', invalidValues);
    }
}
function validateBundleBase(b) {
    const invalidValues = [];
    // Media type validation
    if (b.mediaType === undefined ||
        (!b.mediaType.match(/^application\/vnd\.dev\.sigstore\.bundle\+json;version=\d\.\d/) &&
            !b.mediaType.match(/^application\/vnd\.dev\.sigstore\.bundle\.v\d\.\d\+json/))) {
        invalidValues.push('mediaType');
    }
    // Content-related validation
    if (b.content === undefined) {
        invalidValues.push('content');
    }
    else {
        switch (b.content.$case) {
            case 'messageSignature':
                if (b.content.messageSignature.messageDigest === undefined) {
                    invalidValues.push('content.messageSignature.messageDigest');
                }
                else {
                    if (b.content.messageSignature.messageDigest.digest.length === 0) {
                        invalidValues.push('content.messageSignature.messageDigest.digest');
                    }
                }
                if (b.content.messageSignature.signature.length === 0) {
                    invalidValues.push('content.messageSignature.signature');
                }
                break;
            case 'dsseEnvelope':
                if (b.content.dsseEnvelope.payload.length === 0) {
                    invalidValues.push('content.dsseEnvelope.payload');
                }
                if (b.content.dsseEnvelope.signatures.length !== 1) {
                    invalidValues.push('content.dsseEnvelope.signatures');
                }
                else {
                    if (b.content.dsseEnvelope.signatures[0].sig.length === 0) {
                        invalidValues.push('content.dsseEnvelope.signatures[0].sig');
                    }
                }
                break;
        }
    }
    // Verification material-related validation
    if (b.verificationMaterial === undefined) {
        invalidValues.push('verificationMaterial');
    }
    else {
        if (b.verificationMaterial.content === undefined) {
            invalidValues.push('verificationMaterial.content');
        }
        else {
            switch (b.verificationMaterial.content.$case) {
                case 'x509CertificateChain':
                    if (b.verificationMaterial.content.x509CertificateChain.certificates
                        .length === 0) {
                        invalidValues.push('verificationMaterial.content.x509CertificateChain.certificates');
                    }
                    b.verificationMaterial.content.x509CertificateChain.certificates.forEach((cert, i) => {
                        if (cert.rawBytes.length === 0) {
                            invalidValues.push(`verificationMaterial.content.x509CertificateChain.certificates[${i}].rawBytes`);
                        }
                    });
                    break;
                case 'certificate':
                    if (b.verificationMaterial.content.certificate.rawBytes.length === 0) {
                        invalidValues.push('verificationMaterial.content.certificate.rawBytes');
                    }
                    break;
            }
        }
        if (b.verificationMaterial.tlogEntries === undefined) {
            invalidValues.push('verificationMaterial.tlogEntries');
        }
        else {
            if (b.verificationMaterial.tlogEntries.length > 0) {
                b.verificationMaterial.tlogEntries.forEach((entry, i) => {
                    if (entry.logId === undefined) {
                        invalidValues.push(`verificationMaterial.tlogEntries[${i}].logId`);
                    }
                    if (entry.kindVersion === undefined) {
                        invalidValues.push(`verificationMaterial.tlogEntries[${i}].kindVersion`);
                    }
                });
            }
        }
    }
    return invalidValues;
}
// Necessary for V01 bundles
function validateInclusionPromise(b) {
    const invalidValues = [];
    if (b.verificationMaterial &&
        b.verificationMaterial.tlogEntries?.length > 0) {
        b.verificationMaterial.tlogEntries.forEach((entry, i) => {
            if (entry.inclusionPromise === undefined) {
                invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionPromise`);
            }
        });
    }
    return invalidValues;
}
// Necessary for V02 and later bundles
function validateInclusionProof(b) {
    const invalidValues = [];
    if (b.verificationMaterial &&
        b.verificationMaterial.tlogEntries?.length > 0) {
        b.verificationMaterial.tlogEntries.forEach((entry, i) => {
            if (entry.inclusionProof === undefined) {
                invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionProof`);
            }
            else {
                if (entry.inclusionProof.checkpoint === undefined) {
                    invalidValues.push(`verificationMaterial.tlogEntries[${i}].inclusionProof.checkpoint`);
                }
            }
        });
    }
    return invalidValues;
}
// Necessary for V03 and later bundles
function validateNoCertificateChain(b) {
    const invalidValues = [];
    /* istanbul ignore next */
    if (b.verificationMaterial?.content?.$case === 'x509CertificateChain') {
        invalidValues.push('verificationMaterial.content.$case');
    }
    return invalidValues;
}


/***/ }),

/***/ 64558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mv: () => (/* reexport */ trusted_root/* PUBLIC_GOOD_TUF_MIRROR */.mv),
  z: () => (/* reexport */ hashForKey),
  yy: () => (/* reexport */ keyFingerprint),
  t1: () => (/* reexport */ trusted_root/* parseTrustedRoot */.t1),
  cB: () => (/* reexport */ trusted_root/* publicGoodTrustedRoot */.cB),
  Kh: () => (/* reexport */ verifySigstoreBundle)
});

// UNUSED EXPORTS: IN_TOTO_PAYLOAD_TYPE, PUBLIC_GOOD_ORIGIN, compileAnchored, describeMatcher, matches

// EXTERNAL MODULE: ./src/checks/sigstore/trusted-root.ts
var trusted_root = __webpack_require__(16940);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var protobuf_specs_dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./src/checks/sigstore/identity.ts
var identity = __webpack_require__(6272);
;// CONCATENATED MODULE: ./src/checks/sigstore/verify.ts
/**
 * The one Sigstore bundle verification used by the cosign check, the attestation check, the
 * conformance test and the CLI's `verify-bundle`. Cryptography (certificate chains, SCTs, Rekor
 * SETs and inclusion proofs, RFC 3161 timestamps, signatures) is sigstore-js's; this module adds
 * what the library leaves to its caller: the artifact match for DSSE statements, the hash that
 * matches the key's curve for DSSE signatures, anchored identity matching, and a result that
 * carries the evidence a report shows.
 */






/** The DSSE payload type of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const HASH_NAMES = {
    [protobuf_specs_dist.HashAlgorithm.SHA2_256]: 'sha256',
    [protobuf_specs_dist.HashAlgorithm.SHA2_384]: 'sha384',
    [protobuf_specs_dist.HashAlgorithm.SHA2_512]: 'sha512'
};
/** The hash a key signs with in cosign and sigstore-go: by curve for ECDSA, SHA-256 for RSA, none for EdDSA. */
function hashForKey(key) {
    if (key.asymmetricKeyType === 'ec') {
        const curve = key.asymmetricKeyDetails?.namedCurve;
        if (curve === 'secp384r1')
            return 'sha384';
        if (curve === 'secp521r1')
            return 'sha512';
        return 'sha256';
    }
    if (key.asymmetricKeyType === 'ed25519' || key.asymmetricKeyType === 'ed448')
        return undefined;
    return 'sha256';
}
/** `sha256:<hex>` of a key's DER SubjectPublicKeyInfo. */
function keyFingerprint(key) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256')
        .update(key.export({ format: 'der', type: 'spki' }))
        .digest('hex')}`;
}
function refused(code, reason) {
    return { ok: false, code, reason };
}
function codeOf(error) {
    const code = error?.code;
    return typeof code === 'string' ? code : 'VERIFICATION_ERROR';
}
function describeError(error) {
    if (error instanceof Error) {
        const code = error.code;
        return typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
    }
    return String(error);
}
function loadKey(key) {
    if (typeof key !== 'string')
        return key;
    return (0,external_node_crypto_.createPublicKey)(key);
}
function artifactDigest(artifact) {
    return 'bytes' in artifact ? (0,external_node_crypto_.createHash)('sha256').update(artifact.bytes).digest('hex') : artifact.sha256.toLowerCase();
}
/** The digests a subject may name the artifact by: sha256, and for bytes also sha512 (npm provenance uses it). */
function artifactDigests(artifact) {
    const digests = { sha256: artifactDigest(artifact) };
    if ('bytes' in artifact)
        digests.sha512 = (0,external_node_crypto_.createHash)('sha512').update(artifact.bytes).digest('hex');
    return digests;
}
/** For an in-toto statement: whether one subject has `sha256` equal to the artifact's digest. */
function checkStatementSubject(payload, digests) {
    const sha256 = digests.sha256 ?? '';
    let statement;
    try {
        statement = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return 'the DSSE payload is not a JSON in-toto statement';
    }
    const subjects = statement?.subject;
    if (!Array.isArray(subjects) || subjects.length === 0)
        return 'the in-toto statement has no subject';
    const found = subjects.some((subject) => {
        const digest = subject?.digest;
        return Object.entries(digests).some(([algorithm, hex]) => {
            const value = digest?.[algorithm];
            return typeof value === 'string' && value.toLowerCase() === hex;
        });
    });
    return found ? undefined : `no subject of the in-toto statement has sha256 ${sha256}: it was signed for another artifact`;
}
function certificateEvidence(certificate, san, issuer) {
    const extensions = {};
    for (const extension of certificate.extensions) {
        const oid = extension.subs[0]?.toOID();
        const value = extension.subs[extension.subs.length - 1]?.value;
        if (oid !== undefined && value !== undefined)
            extensions[oid] = Buffer.from(value);
    }
    return {
        der: Buffer.from(certificate.root.toDER()),
        ...(san !== undefined ? { subjectAlternativeName: san } : {}),
        ...(issuer !== undefined ? { issuer } : {}),
        serialNumber: certificate.serialNumber.toString('hex'),
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        extensions
    };
}
/**
 * Replaces sigstore-js's DSSE signature check, which hashes with SHA-256 whatever the curve, by one
 * that uses the key's hash (P-384 → SHA-384, P-521 → SHA-512), as cosign signs.
 */
function verifyDsseWithKeyHash(entity, envelope) {
    const pae = core_dist.dsse.preAuthEncoding(envelope.payloadType, envelope.payload);
    const signature = entity.signature.signature;
    entity.signature.verifySignature = (key) => {
        try {
            return (0,external_node_crypto_.verify)(hashForKey(key), pae, key, signature);
        }
        catch {
            return false;
        }
    };
}
function trustWithKey(material, key) {
    return { ...material, publicKey: () => ({ publicKey: key, validFor: () => true }) };
}
function checkContent(bundle, artifact) {
    const problem = contentProblem(bundle, artifact);
    if (problem === undefined)
        return undefined;
    const malformed = problem.startsWith('the DSSE envelope has') || problem.includes('not supported') || problem.includes('digest alone');
    return { code: malformed ? 'BUNDLE_MALFORMED' : 'ARTIFACT_MISMATCH', reason: problem };
}
function contentProblem(bundle, artifact) {
    if (bundle.content.$case === 'dsseEnvelope') {
        const envelope = bundle.content.dsseEnvelope;
        if (envelope.signatures.length !== 1)
            return `the DSSE envelope has ${envelope.signatures.length} signatures; expected exactly 1`;
        if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
            return `the DSSE payload type is ${JSON.stringify(envelope.payloadType)}, not an in-toto statement (${IN_TOTO_PAYLOAD_TYPE}); it cannot be matched to the artifact`;
        }
        return checkStatementSubject(envelope.payload, artifactDigests(artifact));
    }
    const { messageDigest } = bundle.content.messageSignature;
    if ('sha256' in artifact) {
        return 'a message-signature bundle is verified over the artifact bytes; the artifact digest alone is not enough';
    }
    if (messageDigest !== undefined) {
        const hash = HASH_NAMES[messageDigest.algorithm];
        if (hash === undefined)
            return `the bundle's message digest algorithm ${protobuf_specs_dist.HashAlgorithm[messageDigest.algorithm]} is not supported`;
        if (!(0,external_node_crypto_.createHash)(hash).update(artifact.bytes).digest().equals(Buffer.from(messageDigest.digest))) {
            return `the bundle's message digest is not the ${hash} of the artifact: it was signed for another artifact`;
        }
    }
    return undefined;
}
/**
 * Verifies a Sigstore bundle (its JSON, parsed) for an artifact. Never throws: every failure is
 * `{ ok: false, reason }`.
 */
function verifySigstoreBundle(bundleJson, artifact, options) {
    if ((options.publicKey === undefined) === (options.identity === undefined)) {
        return refused('OPTIONS', 'a Sigstore bundle is verified with either a public key or a certificate identity; exactly one must be given');
    }
    let bundle;
    try {
        bundle = (0,dist/* bundleFromJSON */.vw)(bundleJson);
    }
    catch (error) {
        return refused('BUNDLE_MALFORMED', `the Sigstore bundle is malformed: ${describeError(error)}`);
    }
    const contentProblem = checkContent(bundle, artifact);
    if (contentProblem !== undefined)
        return refused(contentProblem.code, contentProblem.reason);
    const material = bundle.verificationMaterial.content;
    const keyBased = material.$case === 'publicKey';
    if (keyBased && options.publicKey === undefined) {
        return refused('MATERIAL_MISMATCH', 'the bundle is signed with a public key, but a certificate identity was expected (a keyless signature)');
    }
    if (!keyBased && options.publicKey !== undefined) {
        return refused('MATERIAL_MISMATCH', 'the bundle carries a certificate (a keyless signature), but a public key was expected');
    }
    let key;
    try {
        key = options.publicKey !== undefined ? loadKey(options.publicKey) : undefined;
    }
    catch (error) {
        return refused('OPTIONS', `the public key does not load: ${describeError(error)}`);
    }
    let entity;
    try {
        entity = (0,verify_dist/* toSignedEntity */.DC)(bundle, 'bytes' in artifact ? artifact.bytes : undefined);
    }
    catch (error) {
        return refused('BUNDLE_MALFORMED', `the Sigstore bundle cannot be read: ${describeError(error)}`);
    }
    if (bundle.content.$case === 'dsseEnvelope')
        verifyDsseWithKeyHash(entity, bundle.content.dsseEnvelope);
    const timestampThreshold = keyBased ? (options.timestampThreshold ?? 0) : Math.max(1, options.timestampThreshold ?? 1);
    const verifier = new verify_dist/* Verifier */.BL(key !== undefined ? trustWithKey(options.trust.material, key) : options.trust.material, {
        tlogThreshold: options.tlogThreshold ?? 1,
        ctlogThreshold: keyBased ? 0 : (options.ctlogThreshold ?? 1),
        timestampThreshold
    });
    let signer;
    try {
        signer = verifier.verify(entity);
    }
    catch (error) {
        return refused(codeOf(error), `the signature does not verify against ${options.trust.origin}: ${describeError(error)}`);
    }
    let certificate;
    if (entity.key.$case === 'certificate') {
        const san = signer.identity?.subjectAlternativeName;
        const issuer = signer.identity?.extensions?.issuer;
        const policy = options.identity;
        if (policy !== undefined) {
            if (!(0,identity/* matches */.cK)(policy.subjectAlternativeName, san)) {
                return refused('IDENTITY_MISMATCH', `the certificate identity ${JSON.stringify(san ?? '')} does not match the expected ${(0,identity/* describeMatcher */.OT)(policy.subjectAlternativeName)}`);
            }
            if (!(0,identity/* matches */.cK)(policy.issuer, issuer)) {
                return refused('IDENTITY_MISMATCH', `the certificate OIDC issuer ${JSON.stringify(issuer ?? '')} does not match the expected ${(0,identity/* describeMatcher */.OT)(policy.issuer)}`);
            }
        }
        certificate = certificateEvidence(entity.key.certificate, san, issuer);
    }
    const tlogEntries = entity.tlogEntries.map((entry) => {
        const seconds = Number(entry.integratedTime);
        return {
            logIndex: entry.logIndex,
            logId: Buffer.from(entry.logId.keyId).toString('hex'),
            kind: `${entry.kindVersion.kind} ${entry.kindVersion.version}`,
            ...(Number.isFinite(seconds) && seconds > 0 ? { integratedTime: new Date(seconds * 1000) } : {})
        };
    });
    const timestamps = entity.timestamps.flatMap((timestamp) => {
        if (timestamp.$case === 'timestamp-authority')
            return [{ source: 'timestamp-authority', time: timestamp.timestamp.signingTime }];
        const seconds = Number(timestamp.tlogEntry.integratedTime);
        return timestamp.tlogEntry.inclusionPromise !== undefined && seconds > 0
            ? [{ source: 'transparency-log', time: new Date(seconds * 1000) }]
            : [];
    });
    const content = bundle.content;
    return {
        ok: true,
        mediaType: bundle.mediaType,
        content: content.$case === 'dsseEnvelope' ? 'dsse-envelope' : 'message-signature',
        ...(certificate !== undefined ? { certificate } : {}),
        ...(key !== undefined ? { keyFingerprint: keyFingerprint(key) } : {}),
        tlogEntries,
        timestamps,
        ...(content.$case === 'dsseEnvelope'
            ? { dsse: { payloadType: content.dsseEnvelope.payloadType, payload: Buffer.from(content.dsseEnvelope.payload) } }
            : {}),
        ...(content.$case === 'messageSignature' && content.messageSignature.messageDigest !== undefined
            ? {
                messageDigest: `${HASH_NAMES[content.messageSignature.messageDigest.algorithm] ?? 'unknown'}:${Buffer.from(content.messageSignature.messageDigest.digest).toString('hex')}`
            }
            : {})
    };
}

;// CONCATENATED MODULE: ./src/checks/sigstore/index.ts
/**
 * Sigstore bundle verification over sigstore-js, shared by the cosign check, the GitHub
 * attestation check and the CLI's `verify-bundle`.
 */





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
