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
// EXTERNAL MODULE: ./src/checks/sigstore/index.ts + 1 modules
var sigstore = __webpack_require__(64558);
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
    const ordered = [...referrers].sort((a, b) => Number(!(a.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)) -
        Number(!(b.artifactType ?? '').startsWith(CosignMediaTypes.BundlePrefix)));
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
async function verifyImage(loaded, resolveKms, context) {
    const { log } = context;
    // The trusted root: refreshed over TUF on first use in the run (or the file / shipped root).
    const resolved = await loaded.trust({ log, ...(context.signal !== undefined ? { signal: context.signal } : {}) });
    if (!resolved.ok)
        return { system: 'cosign', status: 'invalid', reason: resolved.reason };
    const evidence = await verifyTrusted({ ...loaded, trust: resolved.trust }, resolveKms, context);
    return { ...evidence, trustedRoot: resolved.trust.origin };
}
async function verifyTrusted(config, resolveKms, context) {
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
// EXTERNAL MODULE: ./src/checks/sigstore/refresh.ts
var refresh = __webpack_require__(42195);
// EXTERNAL MODULE: ./src/checks/sigstore/tuf-root.ts
var tuf_root = __webpack_require__(51664);
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
/**
 * Reads the PEM key files and the trusted root; throws a SettingError naming the setting. A
 * public-good root refreshed over TUF comes from `roots`, the run's (shared with the other checks).
 */
async function loadCosignConfig(settings, roots = new refresh.PublicGoodRoots()) {
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
            trust = (0,refresh.fixedTrust)((0,sigstore/* parseTrustedRoot */.t1)(text, settings.trustedRootPath));
        }
        catch (error) {
            throw new errors/* SettingError */.L_(core_settings/* Setting */.B.SigstoreTrustedRoot, `Invalid '${core_settings/* Setting */.B.SigstoreTrustedRoot}': ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    else if (settings.tuf === 'off') {
        trust = (0,refresh.fixedTrust)((0,sigstore/* publicGoodTrustedRoot */.cB)());
    }
    else {
        const mirror = settings.tuf?.mirror ?? sigstore/* PUBLIC_GOOD_TUF_MIRROR */.mv;
        const rootPath = settings.tuf?.rootPath;
        const seedRoot = rootPath !== undefined ? await (0,tuf_root/* readTufRoot */.q)(rootPath, core_settings/* Setting */.B.SigstoreTufRoot) : undefined;
        trust = roots.provider({ mirror, ...(seedRoot !== undefined ? { seedRoot } : {}) });
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

/***/ 42195:
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
