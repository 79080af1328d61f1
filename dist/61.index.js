export const id = 61;
export const ids = [61];
export const modules = {

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

/***/ 42195:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C8: () => (/* binding */ publicGoodProvider),
/* harmony export */   ov: () => (/* binding */ githubInstanceProvider),
/* harmony export */   zR: () => (/* binding */ fixedTrust)
/* harmony export */ });
/* unused harmony export publicGoodSeedRoot */
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


/***/ }),

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

/***/ 42691:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ readBoundedFile),
/* harmony export */   t: () => (/* binding */ FileReadError)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/**
 * The one way the gate reads a file a user names (policy file, allowlist, trust policy, keys,
 * trusted roots, bundle files): a regular file only (a FIFO or device would block or never end),
 * refused by its size before it is read, and never read past the bound even when it grows while
 * being read.
 */


/** Why a file could not be read: `io` (missing, unreadable), `type` (not a regular file) or `size` (over the bound). */
class FileReadError extends Error {
    kind;
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
        this.name = 'FileReadError';
    }
}
/**
 * Reads at most `maxBytes` bytes of the regular file at `path`. Throws a {@link FileReadError}
 * whose message reads after "cannot read <path>: ", e.g. "larger than 1048576 bytes".
 */
async function readBoundedFile(path, maxBytes) {
    let handle;
    try {
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
    }
    catch (error) {
        throw new FileReadError('io', error instanceof Error ? error.message : String(error), { cause: error });
    }
    try {
        const info = await handle.stat();
        if (!info.isFile())
            throw new FileReadError('type', 'not a regular file');
        if (info.size > maxBytes)
            throw new FileReadError('size', `larger than ${maxBytes} bytes`);
        // One byte past the bound tells a file that grew since stat from one that fits exactly.
        const buffer = Buffer.alloc(Math.min(maxBytes, info.size) + 1);
        let length = 0;
        while (length < buffer.length) {
            const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        if (length > maxBytes)
            throw new FileReadError('size', `larger than ${maxBytes} bytes`);
        if (length > info.size)
            throw new FileReadError('io', 'the file grew while it was being read');
        return buffer.subarray(0, length);
    }
    catch (error) {
        if (error instanceof FileReadError)
            throw error;
        throw new FileReadError('io', error instanceof Error ? error.message : String(error), { cause: error });
    }
    finally {
        await handle.close().catch(() => undefined);
    }
}


/***/ })

};
