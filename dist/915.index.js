export const id = 915;
export const ids = [915];
export const modules = {

/***/ 42915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COSIGN_CHECK_ID: () => (/* reexport */ COSIGN_CHECK_ID),
  COSIGN_SIGN_PREDICATE: () => (/* reexport */ COSIGN_SIGN_PREDICATE),
  CosignAnnotations: () => (/* reexport */ CosignAnnotations),
  CosignMediaTypes: () => (/* reexport */ CosignMediaTypes),
  MAX_COSIGN_BLOB_BYTES: () => (/* reexport */ MAX_COSIGN_BLOB_BYTES),
  MAX_COSIGN_SIGNATURES: () => (/* reexport */ MAX_COSIGN_SIGNATURES),
  SIMPLE_SIGNING_TYPE: () => (/* reexport */ SIMPLE_SIGNING_TYPE),
  checkSimpleSigningClaim: () => (/* reexport */ checkSimpleSigningClaim),
  cosignCheck: () => (/* reexport */ cosignCheck),
  cosignResult: () => (/* reexport */ cosignResult),
  kmsKeyResolver: () => (/* reexport */ kmsKeyResolver),
  legacyBundle: () => (/* reexport */ legacyBundle),
  legacyTagCandidates: () => (/* reexport */ legacyTagCandidates),
  loadCosignConfig: () => (/* reexport */ loadCosignConfig),
  parseCosignSettings: () => (/* reexport */ settings/* parseCosignSettings */.u),
  parseKmsReference: () => (/* reexport */ settings/* parseKmsReference */.w),
  referrerCandidates: () => (/* reexport */ referrerCandidates)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
// EXTERNAL MODULE: ./src/core/settings.ts
var core_settings = __webpack_require__(51922);
// EXTERNAL MODULE: ./src/checks/sigstore/index.ts + 2 modules
var sigstore = __webpack_require__(11906);
// EXTERNAL MODULE: ./src/checks/check.ts
var check = __webpack_require__(44669);
// EXTERNAL MODULE: ./src/core/bytes.ts
var bytes = __webpack_require__(79596);
// EXTERNAL MODULE: ./src/core/constants.ts
var constants = __webpack_require__(26214);
// EXTERNAL MODULE: ./src/registry/client.ts + 2 modules
var registry_client = __webpack_require__(90600);
;// CONCATENATED MODULE: ./src/checks/signature/cosign/discover.ts
/**
 * Discovery of cosign signatures of one digest, over the registry port the check is handed: the
 * OCI 1.1 referrers whose single layer is a Sigstore bundle (cosign 3's default layout; also
 * cosign's legacy simple-signing manifests stored as referrers), and the legacy `sha256-<hex>.sig`
 * tag. Bounded in count and size; no trust decision is made here. A candidate that cannot be
 * fetched or is over its bound is still returned, with its problem, so the check reports it.
 */




/** Media types of cosign's layouts. */
const CosignMediaTypes = {
    /** Prefix of every Sigstore bundle media type (`…bundle.v0.3+json`, `…bundle+json;version=0.x`). */
    BundlePrefix: 'application/vnd.dev.sigstore.bundle',
    SimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
    /** config.mediaType (and, since cosign 3.1.2, artifactType) of a legacy signature stored as a referrer. */
    LegacyReferrer: 'application/vnd.dev.cosign.artifact.sig.v1+json'
};
/** Signatures examined per image (referrer manifests plus legacy layers). */
const MAX_COSIGN_SIGNATURES = 32;
/** Largest Sigstore bundle or simple-signing payload fetched; cosign's are a few KiB. */
const MAX_COSIGN_BLOB_BYTES = 1024 * 1024;
/** Whether a listed referrer may be a cosign signature (unlabelled ones are checked by their manifest). */
function mayBeCosign(referrer) {
    const type = referrer.artifactType;
    return (type === undefined ||
        type === constants/* MediaTypes */.mI.OciEmpty ||
        type.startsWith(CosignMediaTypes.BundlePrefix) ||
        type === CosignMediaTypes.LegacyReferrer);
}
function objectOf(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
function layersOf(manifest) {
    const layers = manifest['layers'];
    return Array.isArray(layers) ? layers.map((layer) => objectOf(layer) ?? {}) : [];
}
function stringAnnotations(value) {
    const out = {};
    for (const [key, entry] of Object.entries(objectOf(value) ?? {}))
        if (typeof entry === 'string')
            out[key] = entry;
    return out;
}
async function fetchBlob(client, repository, layer) {
    const descriptor = (0,registry_client/* toDescriptor */.RU)(layer);
    if (descriptor === undefined)
        return { digest: '', problem: 'malformed layer descriptor' };
    if (descriptor.size > MAX_COSIGN_BLOB_BYTES) {
        return {
            digest: descriptor.digest,
            problem: `the layer declares ${descriptor.size} bytes, over the ${MAX_COSIGN_BLOB_BYTES}-byte limit`
        };
    }
    try {
        return { digest: descriptor.digest, bytes: Buffer.from(await client.getBlob(repository, descriptor, MAX_COSIGN_BLOB_BYTES)) };
    }
    catch (error) {
        return { digest: descriptor.digest, problem: `the layer could not be fetched: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
}
/** The simple-signing layers of a manifest, payloads fetched (each digest- and size-checked). */
async function legacyLayers(client, repository, manifestDigest, layers, room) {
    const out = [];
    for (const layer of layers) {
        if (layer['mediaType'] !== CosignMediaTypes.SimpleSigning)
            continue;
        if (out.length >= room)
            break;
        const annotations = stringAnnotations(layer['annotations']);
        const blob = await fetchBlob(client, repository, layer);
        out.push({
            layout: 'legacy',
            manifestDigest,
            layerDigest: blob.digest,
            annotations,
            ...(blob.bytes !== undefined ? { payload: blob.bytes } : {}),
            ...(blob.problem !== undefined ? { problem: blob.problem } : {})
        });
    }
    return out;
}
/** Cosign signatures among the referrers of `digest` (listed once for every check). */
async function referrerCandidates(client, repository, digest, referrers, log) {
    const out = [];
    const seen = new Set([digest]);
    // Labelled bundles first, so unlabelled referrers never push them past the bound.
    const ordered = [...referrers].sort((a, b) => Number(!(b.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)) -
        Number(!(a.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)));
    let examined = 0;
    for (const referrer of ordered) {
        if (!mayBeCosign(referrer) || seen.has(referrer.digest))
            continue;
        seen.add(referrer.digest);
        if (examined >= MAX_COSIGN_SIGNATURES || out.length >= MAX_COSIGN_SIGNATURES) {
            log.warning(`More than ${MAX_COSIGN_SIGNATURES} possible cosign signatures of ${digest}; examining only the first ${MAX_COSIGN_SIGNATURES}`);
            break;
        }
        examined++;
        let manifest;
        try {
            const fetched = await client.getManifest(repository, referrer.digest, [constants/* MediaTypes */.mI.OciManifest], constants/* Limits */.xu.manifestBytes);
            manifest = objectOf((0,bytes/* jsonFromBytes */.aL)(fetched.bytes));
        }
        catch (error) {
            if ((referrer.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)) {
                out.push({
                    layout: 'bundle',
                    manifestDigest: referrer.digest,
                    problem: `the signature manifest could not be fetched: ${(0,errors/* errorMessage */.gJ)(error)}`
                });
            }
            else
                log.debug(`Referrer ${referrer.digest} could not be read (${(0,errors/* errorMessage */.gJ)(error)}); not a cosign signature`);
            continue;
        }
        if (manifest === undefined)
            continue;
        const layers = layersOf(manifest);
        const bundleLayers = layers.filter((l) => typeof l['mediaType'] === 'string' && l['mediaType'].startsWith(CosignMediaTypes.BundlePrefix));
        if (bundleLayers.length > 0) {
            if (layers.length !== 1) {
                out.push({
                    layout: 'bundle',
                    manifestDigest: referrer.digest,
                    problem: `${layers.length} layers; a Sigstore bundle manifest has exactly one`
                });
                continue;
            }
            const blob = await fetchBlob(client, repository, bundleLayers[0]);
            if (blob.bytes === undefined) {
                out.push({ layout: 'bundle', manifestDigest: referrer.digest, problem: `the Sigstore bundle: ${blob.problem ?? 'not fetched'}` });
                continue;
            }
            let bundle;
            try {
                bundle = (0,bytes/* jsonFromBytes */.aL)(blob.bytes);
            }
            catch {
                out.push({ layout: 'bundle', manifestDigest: referrer.digest, problem: 'the Sigstore bundle is not JSON' });
                continue;
            }
            out.push({ layout: 'bundle', manifestDigest: referrer.digest, bundle });
            continue;
        }
        const config = objectOf(manifest['config']);
        if (config?.['mediaType'] === CosignMediaTypes.LegacyReferrer || manifest['artifactType'] === CosignMediaTypes.LegacyReferrer) {
            out.push(...(await legacyLayers(client, repository, referrer.digest, layers, MAX_COSIGN_SIGNATURES - out.length)));
        }
    }
    return out;
}
/** Cosign signatures under the legacy `sha256-<hex>.sig` tag (none when the tag does not exist). */
async function legacyTagCandidates(client, repository, digest) {
    const tag = (0,registry_client/* fallbackTag */.fH)(digest, 'cosign-signature');
    const found = await client.findManifest(repository, tag, [constants/* MediaTypes */.mI.OciManifest, constants/* MediaTypes */.mI.DockerManifest], constants/* Limits */.xu.manifestBytes);
    if (found === undefined)
        return [];
    const manifest = objectOf((0,bytes/* jsonFromBytes */.aL)(found.bytes));
    if (manifest === undefined) {
        return [
            {
                layout: 'legacy',
                manifestDigest: found.digest,
                layerDigest: '',
                annotations: {},
                problem: `the ${tag} manifest is not a JSON object`
            }
        ];
    }
    return legacyLayers(client, repository, found.digest, layersOf(manifest), MAX_COSIGN_SIGNATURES);
}

;// CONCATENATED MODULE: ./src/checks/signature/cosign/legacy.ts
/**
 * cosign's legacy simple-signing layout, turned into what sigstore-js verifies: a layer (payload
 * bytes plus annotations) becomes a v0.1 Sigstore bundle, with the cosign SET as the tlog entry's
 * inclusion promise and the RFC 3161 timestamp, if any, as timestamp verification data (cosign does
 * the same in `AssembleNewBundle`). The payload's own claim is checked here: the signed image digest
 * and the signature type.
 */


/** cosign's layer annotations (cosign `pkg/oci/internal/signature/layer.go`). */
const CosignAnnotations = {
    Signature: 'dev.cosignproject.cosign/signature',
    Certificate: 'dev.sigstore.cosign/certificate',
    Chain: 'dev.sigstore.cosign/chain',
    Bundle: 'dev.sigstore.cosign/bundle',
    Timestamp: 'dev.sigstore.cosign/rfc3161timestamp'
};
/** `critical.type` of a cosign image signature. */
const SIMPLE_SIGNING_TYPE = 'cosign container image signature';
const HASH_ENUM = { sha256: 'SHA2_256', sha384: 'SHA2_384', sha512: 'SHA2_512' };
function legacy_objectOf(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}
/** Checks a simple-signing payload's claim; returns the problem, or undefined when it names `digest`. */
function checkSimpleSigningClaim(payload, digest) {
    let json;
    try {
        json = JSON.parse(payload.toString('utf8'));
    }
    catch {
        return 'the simple-signing payload is not JSON';
    }
    const critical = legacy_objectOf(legacy_objectOf(json)?.['critical']);
    if (critical === undefined)
        return 'the simple-signing payload has no "critical" section';
    if (critical['type'] !== SIMPLE_SIGNING_TYPE) {
        return `the payload's critical.type is ${JSON.stringify(critical['type'] ?? null)}, not "${SIMPLE_SIGNING_TYPE}"`;
    }
    const signed = legacy_objectOf(critical['image'])?.['docker-manifest-digest'];
    if (signed !== digest) {
        return `the payload signs ${typeof signed === 'string' ? signed.slice(0, 80) : 'no digest'}, not the deployed digest ${digest}: it is a signature of another image`;
    }
    return undefined;
}
/** The certificate's public key, for the hash it signs with. */
function certificateKey(pem) {
    return new external_node_crypto_.X509Certificate(pem).publicKey;
}
/** The DER of a PEM certificate, base64. */
function certificateDer(pem) {
    return new external_node_crypto_.X509Certificate(pem).raw.toString('base64');
}
/** A number or string field of cosign's Rekor bundle, as text; anything else is malformed. */
function scalar(value, name) {
    if (typeof value === 'number' || typeof value === 'string')
        return String(value);
    throw new Error(`the ${CosignAnnotations.Bundle} annotation has no ${name}`);
}
function hexToBase64(hex) {
    return Buffer.from(hex, 'hex').toString('base64');
}
/**
 * The v0.1 bundle (JSON) of a legacy layer, to verify with `verifySigstoreBundle(…, { bytes: payload })`.
 * `key` is the verifying key for key-based layers (it decides the digest algorithm, as cosign signs
 * P-384 with SHA-384); keyless layers use their certificate's key. Throws when an annotation is malformed.
 */
function legacyBundle(payload, annotations, key) {
    const signature = annotations[CosignAnnotations.Signature];
    if (signature === undefined || signature === '')
        throw new Error(`the layer has no ${CosignAnnotations.Signature} annotation`);
    const certificate = annotations[CosignAnnotations.Certificate];
    const signingKey = key ?? (certificate !== undefined ? certificateKey(certificate) : undefined);
    if (signingKey === undefined)
        throw new Error(`the layer has no ${CosignAnnotations.Certificate} annotation (a keyless signature needs one)`);
    const hash = (0,sigstore/* hashForKey */.z)(signingKey) ?? 'sha256';
    const tlogEntries = [];
    const setText = annotations[CosignAnnotations.Bundle];
    if (setText !== undefined) {
        const set = legacy_objectOf(JSON.parse(setText));
        const entry = legacy_objectOf(set?.['Payload']);
        if (set === undefined || entry === undefined || typeof set['SignedEntryTimestamp'] !== 'string' || typeof entry['body'] !== 'string') {
            throw new Error(`the ${CosignAnnotations.Bundle} annotation is not a cosign Rekor bundle`);
        }
        const body = legacy_objectOf(JSON.parse(Buffer.from(entry['body'], 'base64').toString('utf8')));
        tlogEntries.push({
            logIndex: scalar(entry['logIndex'], 'logIndex'),
            logId: { keyId: hexToBase64(scalar(entry['logID'], 'logID')) },
            kindVersion: {
                kind: typeof body?.['kind'] === 'string' ? body['kind'] : 'hashedrekord',
                version: typeof body?.['apiVersion'] === 'string' ? body['apiVersion'] : '0.0.1'
            },
            integratedTime: scalar(entry['integratedTime'], 'integratedTime'),
            inclusionPromise: { signedEntryTimestamp: set['SignedEntryTimestamp'] },
            canonicalizedBody: entry['body']
        });
    }
    const rfc3161Timestamps = [];
    const tsaText = annotations[CosignAnnotations.Timestamp];
    if (tsaText !== undefined) {
        const tsa = legacy_objectOf(JSON.parse(tsaText));
        if (typeof tsa?.['SignedRFC3161Timestamp'] !== 'string')
            throw new Error(`the ${CosignAnnotations.Timestamp} annotation is malformed`);
        rfc3161Timestamps.push({ signedTimestamp: tsa['SignedRFC3161Timestamp'] });
    }
    return {
        mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
        verificationMaterial: {
            ...(certificate !== undefined
                ? { x509CertificateChain: { certificates: [{ rawBytes: certificateDer(certificate) }] } }
                : { publicKey: { hint: '' } }),
            tlogEntries,
            timestampVerificationData: { rfc3161Timestamps }
        },
        messageSignature: {
            messageDigest: { algorithm: HASH_ENUM[hash] ?? 'SHA2_256', digest: (0,external_node_crypto_.createHash)(hash).update(payload).digest('base64') },
            signature
        }
    };
}

;// CONCATENATED MODULE: ./src/checks/signature/cosign/check.ts
/**
 * cosign as a `Check`: find the cosign signatures of the deployed digest (Sigstore bundle
 * referrers, then, as cosign 3 does when there are none that verify, the legacy `.sig` tag), verify
 * each through the shared Sigstore verification with the configured keys or keyless identity, check
 * what the signature claims (the digest it signs, its type), and fold the outcome into a `CheckResult`.
 */







/** Id of the cosign check in reports. */
const COSIGN_CHECK_ID = 'signature/cosign';
/** The predicate type of a cosign 3 image signature (an in-toto statement in a DSSE bundle). */
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const STATUS_RANK = { expired: 0, untrusted: 1, invalid: 2 };
/** The cosign check. `resolveKms` reads KMS public keys (once per key per run). */
function cosignCheck(config, resolveKms) {
    return {
        id: COSIGN_CHECK_ID,
        kind: 'signature',
        system: 'cosign',
        title: 'Verify cosign signature',
        run: async (context) => cosignResult(await verifyImage(config, resolveKms, context))
    };
}
/** The `CheckResult` of a cosign evidence record: anything but `verified` denies. */
function cosignResult(evidence) {
    return {
        id: COSIGN_CHECK_ID,
        kind: 'signature',
        system: 'cosign',
        status: evidence.status,
        enforced: true,
        reasons: evidence.status === 'verified' ? [] : [`cosign signature ${evidence.status}${evidence.reason ? `: ${evidence.reason}` : ''}`],
        evidence
    };
}
async function verifyImage(config, resolveKms, context) {
    const { image, log, artifacts } = context;
    let keys;
    try {
        keys = [...config.pemKeys];
        for (const ref of config.kmsKeys)
            keys.push(await resolveKms(ref, image.region));
    }
    catch (error) {
        return { system: 'cosign', status: 'invalid', reason: `the cosign key could not be read: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
    let candidates;
    const details = [];
    const outcomes = [];
    try {
        const client = await artifacts.client();
        candidates = await referrerCandidates(client, image.repository, image.digest, await artifacts.referrers(), log);
        for (const candidate of candidates)
            outcomes.push(judge(candidate, config, keys, image.digest, details));
        // cosign 3 reads the legacy tag only when no bundle verifies (cosign verify.go, "falls back").
        if (!outcomes.some((o) => o.status === 'verified')) {
            const legacy = await legacyTagCandidates(client, image.repository, image.digest);
            candidates.push(...legacy);
            for (const candidate of legacy)
                outcomes.push(judge(candidate, config, keys, image.digest, details));
        }
    }
    catch (error) {
        return {
            system: 'cosign',
            status: 'invalid',
            reason: `cosign signatures could not be fetched from the registry: ${(0,errors/* errorMessage */.gJ)(error)}`
        };
    }
    log.info(`Found ${candidates.length} cosign signature(s) for ${image.digest}`);
    const index = outcomes.findIndex((o) => o.status === 'verified');
    if (index >= 0) {
        const outcome = outcomes[index];
        const evidence = verifiedEvidence(outcome, candidates[index], details);
        log.info(`cosign signature: verified (${evidence.signer ?? ''})`);
        return evidence;
    }
    const cut = (0,check/* incompleteClause */.EV)(await artifacts.referrersIncomplete(), 'cosign signature');
    if (candidates.length === 0) {
        return {
            system: 'cosign',
            status: 'missing',
            reason: `no cosign signature of ${image.digest} (neither a Sigstore bundle referrer nor a ${image.digest.replace(':', '-')}.sig tag); sign the digest that is deployed (for a multi-arch image, the index digest) with cosign sign${cut}`
        };
    }
    const failures = outcomes.filter((o) => o.status !== 'verified');
    const worst = [...failures].sort((a, b) => (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9))[0];
    log.info(`cosign signature: ${worst.status} (${worst.reason})`);
    return {
        system: 'cosign',
        status: worst.status,
        reason: `${worst.reason}${cut}`,
        signatureDigest: candidates[outcomes.indexOf(worst)].manifestDigest,
        details
    };
}
function verifiedEvidence(outcome, candidate, details) {
    const { verified, key } = outcome;
    const tlog = verified.tlogEntries[0];
    const tsa = verified.timestamps.find((t) => t.source === 'timestamp-authority');
    const signedAt = tlog?.integratedTime ?? tsa?.time;
    const identity = verified.certificate?.subjectAlternativeName;
    return {
        system: 'cosign',
        status: 'verified',
        layout: candidate.layout === 'bundle' ? 'sigstore-bundle' : 'simple-signing',
        envelope: candidate.layout === 'bundle' ? verified.mediaType : 'application/vnd.dev.cosign.simplesigning.v1+json',
        signatureDigest: candidate.manifestDigest,
        ...(key !== undefined ? { signer: key.label, key: key.label, keyFingerprint: key.fingerprint } : {}),
        ...(identity !== undefined ? { signer: identity, identity } : {}),
        ...(verified.certificate?.issuer !== undefined ? { issuer: verified.certificate.issuer } : {}),
        ...(tlog !== undefined ? { tlogIndex: tlog.logIndex } : {}),
        ...(tlog?.integratedTime !== undefined ? { integratedTime: tlog.integratedTime.toISOString() } : {}),
        ...(tsa !== undefined ? { timestampTime: tsa.time.toISOString() } : {}),
        ...(signedAt !== undefined ? { signedAt: signedAt.toISOString() } : {}),
        payloadDigest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(outcome.payload).digest('hex')}`,
        details
    };
}
/** Verification options for one key, or for the keyless identity. */
function optionsFor(config, key) {
    const tlogThreshold = config.settings.ignoreTlog ? 0 : 1;
    return key !== undefined
        ? { trust: config.trust, publicKey: key.key, tlogThreshold }
        : { trust: config.trust, identity: config.settings.identity, tlogThreshold };
}
/** Verifies one candidate with each key (or the identity); the first that verifies wins. */
function judge(candidate, config, keys, digest, details) {
    const where = `${candidate.layout === 'bundle' ? 'Sigstore bundle' : 'simple-signing layer'} in ${candidate.manifestDigest}`;
    const fail = (status, reason) => {
        details.push(`${where}: ${status}: ${reason}`);
        return { status, reason };
    };
    if (candidate.problem !== undefined)
        return fail('invalid', candidate.problem);
    const attempts = config.settings.identity !== undefined ? [undefined] : keys;
    let last;
    for (const key of attempts) {
        const outcome = candidate.layout === 'bundle' ? judgeBundle(candidate.bundle, config, key, digest) : judgeLegacy(candidate, config, key, digest);
        if ('verified' in outcome) {
            details.push(`${where}: verified${key !== undefined ? ` with ${key.label}` : ''}`);
            return outcome;
        }
        last = outcome;
    }
    const reason = last?.reason ?? 'no key to verify with';
    return fail(last?.status ?? 'invalid', keys.length > 1 && last?.status === 'untrusted' ? `${reason} (tried ${keys.length} keys)` : reason);
}
function judgeBundle(bundle, config, key, digest) {
    const result = (0,sigstore/* verifySigstoreBundle */.Kh)(bundle, { sha256: digest.slice('sha256:'.length) }, optionsFor(config, key));
    if (!result.ok)
        return classify(result, key);
    if (result.dsse === undefined) {
        return {
            status: 'invalid',
            reason: 'the Sigstore bundle holds a message signature, which names no image digest; cosign signs images with a DSSE in-toto statement'
        };
    }
    const predicateType = JSON.parse(result.dsse.payload.toString('utf8')).predicateType;
    if (predicateType !== COSIGN_SIGN_PREDICATE) {
        return {
            status: 'invalid',
            reason: `the statement's predicateType is ${JSON.stringify(predicateType ?? null)}, not ${COSIGN_SIGN_PREDICATE} (an attestation is not an image signature)`
        };
    }
    return { status: 'verified', verified: result, ...(key !== undefined ? { key } : {}), payload: result.dsse.payload };
}
function judgeLegacy(candidate, config, key, digest) {
    const payload = candidate.payload;
    const claim = checkSimpleSigningClaim(payload, digest);
    if (claim !== undefined)
        return { status: 'invalid', reason: claim };
    let bundle;
    try {
        bundle = legacyBundle(payload, candidate.annotations, key?.key);
    }
    catch (error) {
        return { status: 'invalid', reason: `the signature layer is malformed: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
    const result = (0,sigstore/* verifySigstoreBundle */.Kh)(bundle, { bytes: payload }, optionsFor(config, key));
    if (!result.ok)
        return classify(result, key);
    return { status: 'verified', verified: result, ...(key !== undefined ? { key } : {}), payload };
}
/** The status of a refused signature, with a reason that says what to do. */
function classify(result, key) {
    const { code, reason } = result;
    switch (code) {
        case 'SIGNATURE_ERROR':
            return key !== undefined
                ? {
                    status: 'untrusted',
                    reason: `the signature does not verify with ${key.label} (${key.fingerprint}): signed with another key, or altered after signing`
                }
                : { status: 'invalid', reason: `${reason}: the signature does not match the signed content` };
        case 'TLOG_ERROR':
            return {
                status: 'untrusted',
                reason: `${reason}: the signature has no transparency-log entry; cosign requires one unless '${core_settings/* Setting */.B.CosignIgnoreTlog}' is set (insecure: only for keys signed with --tlog-upload=false)`
            };
        case 'IDENTITY_MISMATCH':
        case 'MATERIAL_MISMATCH':
        case 'CERTIFICATE_ERROR':
        case 'PUBLIC_KEY_ERROR':
        case 'UNTRUSTED_SIGNER_ERROR':
            return { status: 'untrusted', reason };
        case 'TIMESTAMP_ERROR':
            return {
                status: key === undefined ? 'expired' : 'untrusted',
                reason: `${reason}: no transparency-log entry or timestamp proves the certificate was valid when it signed`
            };
        default:
            return { status: 'invalid', reason };
    }
}

// EXTERNAL MODULE: ./src/config/read-file.ts
var read_file = __webpack_require__(42691);
;// CONCATENATED MODULE: ./src/checks/signature/cosign/keys.ts
/**
 * The cosign check's trust, loaded once per run: the PEM key files and the Sigstore trusted root
 * are read before any AWS call (a bad one is a `SettingError`), and each KMS key's public key is
 * read with one `kms:GetPublicKey` per key per run, on first use.
 */





/** Largest PEM key file or trusted root read. */
const MAX_FILE_BYTES = 1024 * 1024;
async function readSmallFile(path, setting, what) {
    try {
        return (await (0,read_file/* readBoundedFile */.M)(path, MAX_FILE_BYTES)).toString('utf8');
    }
    catch (error) {
        if (error instanceof read_file/* FileReadError */.t && error.kind === 'size')
            throw new errors/* SettingError */.L_(setting, `Invalid '${setting}': ${what} '${path}' is over ${MAX_FILE_BYTES} bytes`);
        throw new errors/* SettingError */.L_(setting, `Invalid '${setting}': cannot read ${what} '${path}' (${(0,errors/* errorMessage */.gJ)(error)}); give a readable file path`);
    }
}
/** Reads the PEM key files and the trusted root; throws a SettingError naming the setting. */
async function loadCosignConfig(settings) {
    const pemKeys = [];
    for (const ref of settings.keys) {
        if (ref.kind !== 'pem')
            continue;
        const text = await readSmallFile(ref.path, core_settings/* Setting */.B.CosignKey, 'the PEM public key file');
        let key;
        try {
            if (!text.includes('-----BEGIN PUBLIC KEY-----'))
                throw new Error('no "-----BEGIN PUBLIC KEY-----" block');
            key = (0,external_node_crypto_.createPublicKey)(text);
        }
        catch (error) {
            throw new errors/* SettingError */.L_(core_settings/* Setting */.B.CosignKey, `Invalid '${core_settings/* Setting */.B.CosignKey}': '${ref.path}' is not a PEM public key (${(0,errors/* errorMessage */.gJ)(error)}); expected the cosign.pub that cosign generate-key-pair wrote, or a PEM SubjectPublicKeyInfo`);
        }
        pemKeys.push({ label: ref.path, key, fingerprint: (0,sigstore/* keyFingerprint */.yy)(key) });
    }
    let trust;
    if (settings.trustedRootPath !== undefined) {
        const text = await readSmallFile(settings.trustedRootPath, core_settings/* Setting */.B.SigstoreTrustedRoot, 'the trusted root');
        try {
            trust = (0,sigstore/* parseTrustedRoot */.t1)(text, settings.trustedRootPath);
        }
        catch (error) {
            throw new errors/* SettingError */.L_(core_settings/* Setting */.B.SigstoreTrustedRoot, `Invalid '${core_settings/* Setting */.B.SigstoreTrustedRoot}': ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    else {
        trust = (0,sigstore/* publicGoodTrustedRoot */.cB)();
    }
    return { settings, trust, pemKeys, kmsKeys: settings.keys.filter((k) => k.kind === 'kms') };
}
/** What a cosign signature made with this KMS key spec is verified with; undefined: not a cosign signing key. */
const KMS_KEY_SPECS = new Set(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'RSA_2048', 'RSA_3072', 'RSA_4096']);
/**
 * A resolver that calls `kms:GetPublicKey` once per (region, key) for the whole run. The key must be
 * for SIGN_VERIFY and of a spec cosign signs with (ECC_NIST_P256/P384/P521, RSA_2048/3072/4096).
 * Failures are thrown (the check turns them into a failing result) and are not cached away.
 */
function kmsKeyResolver(portFor, signal) {
    const cache = new Map();
    return (ref, imageRegion) => {
        const region = ref.region ?? imageRegion;
        const cacheKey = `${region}\n${ref.keyId}`;
        let pending = cache.get(cacheKey);
        if (pending === undefined) {
            pending = fetchKmsKey(ref, region, portFor(region), signal);
            pending.catch(() => cache.delete(cacheKey));
            cache.set(cacheKey, pending);
        }
        return pending;
    };
}
async function fetchKmsKey(ref, region, port, signal) {
    if (port === undefined)
        throw new Error(`no KMS client for ${region}`);
    const response = await port.getPublicKey({ KeyId: ref.keyId }, { ...(signal !== undefined ? { signal } : {}), what: `read the public key of KMS key ${ref.reference} in ${region}` });
    const label = response.KeyId ?? ref.reference;
    if (response.KeyUsage !== 'SIGN_VERIFY') {
        throw new Error(`KMS key ${label} has key usage ${response.KeyUsage ?? 'unknown'}, not SIGN_VERIFY: it cannot have signed an image; give the key cosign signed with`);
    }
    if (response.KeySpec === undefined || !KMS_KEY_SPECS.has(response.KeySpec)) {
        throw new Error(`KMS key ${label} has key spec ${response.KeySpec ?? 'unknown'}; cosign signs with ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 or RSA_2048/3072/4096 keys`);
    }
    if (response.PublicKey === undefined)
        throw new Error(`KMS returned no public key for ${label}`);
    let key;
    try {
        key = (0,external_node_crypto_.createPublicKey)({ key: Buffer.from(response.PublicKey), format: 'der', type: 'spki' });
    }
    catch (error) {
        throw new Error(`the public key KMS returned for ${label} does not parse: ${(0,errors/* errorMessage */.gJ)(error)}`, { cause: error });
    }
    return { label, key, fingerprint: (0,sigstore/* keyFingerprint */.yy)(key) };
}

// EXTERNAL MODULE: ./src/checks/signature/cosign/settings.ts
var settings = __webpack_require__(59061);
;// CONCATENATED MODULE: ./src/checks/signature/cosign/index.ts
/** The cosign signature check: settings, key loading, discovery, legacy layout and the `Check`. */







/***/ }),

/***/ 11906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z: () => (/* reexport */ hashForKey),
  yy: () => (/* reexport */ keyFingerprint),
  t1: () => (/* reexport */ parseTrustedRoot),
  cB: () => (/* reexport */ publicGoodTrustedRoot),
  Kh: () => (/* reexport */ verifySigstoreBundle)
});

// UNUSED EXPORTS: IN_TOTO_PAYLOAD_TYPE, PUBLIC_GOOD_ORIGIN, PUBLIC_GOOD_TUF_MIRROR, compileAnchored, describeMatcher, matches

// EXTERNAL MODULE: ./node_modules/@sigstore/protobuf-specs/dist/index.js
var dist = __webpack_require__(19654);
// EXTERNAL MODULE: ./node_modules/@sigstore/verify/dist/index.js
var verify_dist = __webpack_require__(54187);
// EXTERNAL MODULE: ./node_modules/@sigstore/tuf/seeds.json
var seeds = __webpack_require__(8032);
;// CONCATENATED MODULE: ./src/checks/sigstore/trusted-root.ts
/**
 * Sigstore trust material: a `trusted_root.json` (the Fulcio CAs, Rekor logs, CT logs and
 * timestamp authorities a signature may chain to), parsed once per run and handed to
 * `verifySigstoreBundle`.
 */



/** The TUF repository whose `trusted_root.json` is the public-good root. */
const PUBLIC_GOOD_TUF_MIRROR = 'https://tuf-repo-cdn.sigstore.dev';
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
        const root = dist.TrustedRoot.fromJSON(json);
        return { origin, root, material: (0,verify_dist/* toTrustMaterial */.jO)(root) };
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
        const mirror = seeds[PUBLIC_GOOD_TUF_MIRROR];
        const encoded = mirror?.targets?.['trusted_root.json'];
        if (encoded === undefined)
            throw new Error('The shipped Sigstore seeds hold no public-good trusted_root.json');
        publicGood = parseTrustedRoot(Buffer.from(encoded, 'base64').toString('utf8'), PUBLIC_GOOD_ORIGIN);
    }
    return publicGood;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@sigstore/bundle/dist/index.js
var bundle_dist = __webpack_require__(61040);
// EXTERNAL MODULE: ./node_modules/@sigstore/core/dist/index.js
var core_dist = __webpack_require__(83917);
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
    [dist.HashAlgorithm.SHA2_256]: 'sha256',
    [dist.HashAlgorithm.SHA2_384]: 'sha384',
    [dist.HashAlgorithm.SHA2_512]: 'sha512'
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
            return `the bundle's message digest algorithm ${dist.HashAlgorithm[messageDigest.algorithm]} is not supported`;
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
        bundle = (0,bundle_dist/* bundleFromJSON */.vw)(bundleJson);
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
