export const id = 746;
export const ids = [746,195,664];
export const modules = {

/***/ 4746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ATTESTATION_CHECK_ID: () => (/* reexport */ ATTESTATION_CHECK_ID),
  AttestationApiError: () => (/* reexport */ AttestationApiError),
  DEFAULT_OIDC_ISSUER: () => (/* reexport */ attestation_settings/* DEFAULT_OIDC_ISSUER */.KU),
  DEFAULT_PREDICATE_TYPE: () => (/* reexport */ attestation_settings/* DEFAULT_PREDICATE_TYPE */.TB),
  IN_TOTO_PAYLOAD_TYPE: () => (/* reexport */ IN_TOTO_PAYLOAD_TYPE),
  MAX_BUNDLES: () => (/* reexport */ MAX_BUNDLES),
  MAX_BUNDLE_BYTES: () => (/* reexport */ MAX_BUNDLE_BYTES),
  attestationCheck: () => (/* reexport */ attestationCheck),
  bundleVersion: () => (/* reexport */ bundleVersion),
  chooseInstance: () => (/* reexport */ chooseInstance),
  claimsProblem: () => (/* reexport */ claimsProblem),
  derString: () => (/* reexport */ derString),
  githubClaims: () => (/* reexport */ githubClaims),
  isValidOwner: () => (/* reexport */ attestation_settings/* isValidOwner */.yi),
  isValidRepo: () => (/* reexport */ attestation_settings/* isValidRepo */.zd),
  judgeBundle: () => (/* reexport */ judgeBundle),
  leafCertificate: () => (/* reexport */ leafCertificate),
  loadAttestation: () => (/* binding */ loadAttestation),
  parseAttestationSettings: () => (/* reexport */ attestation_settings/* parseAttestationSettings */.hH),
  parseBundleFile: () => (/* reexport */ parseBundleFile),
  parseBundleText: () => (/* reexport */ parseBundleText),
  parseTrustedRoots: () => (/* reexport */ parseTrustedRoots),
  registryBundles: () => (/* reexport */ registryBundles),
  signerPattern: () => (/* reexport */ signerPattern),
  signerWorkflowUrl: () => (/* reexport */ attestation_settings/* signerWorkflowUrl */.xl),
  statementProblem: () => (/* reexport */ statementProblem),
  trustedRootEntry: () => (/* reexport */ trustedRootEntry)
});

// EXTERNAL MODULE: ./src/config/read-file.ts
var read_file = __webpack_require__(2691);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/settings.ts
var core_settings = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/checks/sigstore/index.ts + 1 modules
var sigstore = __webpack_require__(4558);
;// CONCATENATED MODULE: ./src/checks/attestation/instance.ts
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
    // One document when it is one line (its errors name the file) or parses whole (pretty-printed).
    if (!trimmed.includes('\n') || parsesWhole(trimmed))
        return [trustedRootEntry((0,sigstore/* parseTrustedRoot */.t1)(trimmed, origin))];
    return trimmed
        .split(/\r?\n/)
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => line.trim() !== '')
        .map(({ line, i }) => trustedRootEntry((0,sigstore/* parseTrustedRoot */.t1)(line, `line ${i + 1} of ${origin}`)));
}
function parsesWhole(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
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

// EXTERNAL MODULE: ./src/core/constants.ts
var constants = __webpack_require__(6214);
;// CONCATENATED MODULE: ./src/checks/attestation/sources.ts
/**
 * Where attestation bundles come from: the GitHub attestations API (through the `AttestationApi`
 * port, which an adapter builds with the workflow's token), the image's registry (OCI referrers
 * whose artifact type is a Sigstore bundle, layer 0 holding the bundle), or a bundle file read
 * once before any network call. Every source is size-bounded before parsing.
 */


/** Bound on one bundle's JSON (real ones are 5-15 KiB). */
const MAX_BUNDLE_BYTES = 1024 * 1024;
/** Bound on a bundle file (`.jsonl` of many bundles). */
const MAX_BUNDLE_FILE_BYTES = 16 * 1024 * 1024;
/** Most bundles examined for one image, whatever the source (gh's own upper limit is 1000). */
const MAX_BUNDLES = 1000;
/** The artifact types of Sigstore bundles in a registry start with this. */
const SIGSTORE_BUNDLE_TYPE_PREFIX = 'application/vnd.dev.sigstore.bundle';
/** A failure of the attestations API, after its retries. `kind` says what the person must fix. */
class AttestationApiError extends Error {
    kind;
    name = 'AttestationApiError';
    constructor(message, kind) {
        super(message);
        this.kind = kind;
    }
}
/** Parses bundle JSON text, bounded; throws a message naming `what`. */
function parseBundleText(text, what) {
    if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_BYTES)
        throw new Error(`${what} is over the ${MAX_BUNDLE_BYTES}-byte bundle limit`);
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`${what} is not JSON`);
    }
}
/**
 * The bundles of a bundle file's text: `.json` holds one bundle, `.jsonl` one per line (as the
 * attestations API and `gh attestation download` write them). Throws a message naming the line.
 */
function parseBundleFile(text, path) {
    if (Buffer.byteLength(text, 'utf8') > MAX_BUNDLE_FILE_BYTES)
        throw new Error(`${path} is over the ${MAX_BUNDLE_FILE_BYTES}-byte limit`);
    if (!/\.jsonl$/i.test(path))
        return [parseBundleText(text, path)];
    const lines = text.split(/\r?\n/);
    const bundles = [];
    lines.forEach((line, i) => {
        if (line.trim() === '')
            return;
        bundles.push(parseBundleText(line, `line ${i + 1} of ${path}`));
    });
    if (bundles.length === 0)
        throw new Error(`${path} holds no bundle`);
    if (bundles.length > MAX_BUNDLES)
        throw new Error(`${path} holds ${bundles.length} bundles, over the limit of ${MAX_BUNDLES}`);
    return bundles;
}
/**
 * The Sigstore bundles stored beside the image as OCI referrers of its digest: manifests whose
 * artifact type starts with `application/vnd.dev.sigstore.bundle` (as `actions/attest` with
 * `push-to-registry: true` writes them), the bundle being layer 0. A referrer that cannot be read is
 * a problem, not a stop: the others may still pass.
 */
async function registryBundles(artifacts, repository, log) {
    const referrers = (await artifacts.referrers()).filter((d) => d.artifactType?.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) === true);
    log.info(`Found ${referrers.length} Sigstore bundle referrer(s) in the registry`);
    const client = await artifacts.client();
    const bundles = [];
    const problems = [];
    const incomplete = await artifacts.referrersIncomplete();
    if (incomplete !== undefined)
        problems.push(`the referrers list is incomplete (${incomplete}), so an attestation beyond it was not examined`);
    for (const descriptor of referrers.slice(0, MAX_BUNDLES)) {
        const what = `referrer ${descriptor.digest.slice(0, 19)}`;
        try {
            const manifest = await client.getManifest(repository, descriptor.digest, [constants/* MediaTypes */.mI.OciManifest]);
            const parsed = JSON.parse(Buffer.from(manifest.bytes).toString('utf8'));
            const layer = Array.isArray(parsed.layers) ? parsed.layers[0] : undefined;
            if (layer === undefined ||
                typeof layer.mediaType !== 'string' ||
                !layer.mediaType.startsWith(SIGSTORE_BUNDLE_TYPE_PREFIX) ||
                typeof layer.digest !== 'string' ||
                typeof layer.size !== 'number') {
                problems.push(`${what}: its first layer is not a Sigstore bundle`);
                continue;
            }
            const bytes = await client.getBlob(repository, { mediaType: layer.mediaType, digest: layer.digest, size: layer.size }, MAX_BUNDLE_BYTES);
            bundles.push(parseBundleText(Buffer.from(bytes).toString('utf8'), what));
        }
        catch (error) {
            problems.push(`${what}: ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    return { bundles, problems };
}

// EXTERNAL MODULE: ./src/checks/sigstore/trusted-root.ts
var trusted_root = __webpack_require__(6940);
// EXTERNAL MODULE: ./src/checks/sigstore/refresh.ts
var refresh = __webpack_require__(2195);
// EXTERNAL MODULE: ./src/checks/sigstore/tuf-root.ts
var tuf_root = __webpack_require__(1664);
// EXTERNAL MODULE: ./src/checks/sigstore/tuf-settings.ts + 1 modules
var tuf_settings = __webpack_require__(266);
// EXTERNAL MODULE: ./node_modules/@peculiar/asn1-schema/build/cjs/index.js
var cjs = __webpack_require__(7261);
// EXTERNAL MODULE: ./node_modules/@peculiar/asn1-x509/build/cjs/index.js
var build_cjs = __webpack_require__(3594);
;// CONCATENATED MODULE: ./src/checks/attestation/certificate.ts
/**
 * The GitHub claims a Fulcio certificate carries (OIDs 1.3.6.1.4.1.57264.1.8 to .22, each a DER
 * string inside the extension value), parsed from the certificate itself: the library's OID matcher
 * compares raw extension bytes and never matches these values, so the gate reads them here and
 * compares parsed strings. Pure: no I/O.
 */


/** Upper bound on one DER certificate before it is parsed; Fulcio leaves are 1-3 KiB. */
const MAX_CERTIFICATE_BYTES = 64 * 1024;
const FULCIO = '1.3.6.1.4.1.57264.1';
/** OID suffix → claim name. .1 (the deprecated raw-string issuer) only when .8 is absent. */
const CLAIMS = {
    '8': 'issuer',
    '9': 'buildSignerURI',
    '10': 'buildSignerDigest',
    '11': 'runnerEnvironment',
    '12': 'sourceRepositoryURI',
    '13': 'sourceRepositoryDigest',
    '14': 'sourceRepositoryRef',
    '15': 'sourceRepositoryIdentifier',
    '16': 'sourceRepositoryOwnerURI',
    '17': 'sourceRepositoryOwnerIdentifier',
    '18': 'buildConfigURI',
    '19': 'buildConfigDigest',
    '20': 'buildTrigger',
    '21': 'runInvocationURI',
    '22': 'sourceRepositoryVisibilityAtSigning'
};
/** DER string types accepted in a claim (sigstore-go accepts any; GitHub writes UTF8String). */
const STRING_TAGS = new Set([0x0c, 0x13, 0x16, 0x1a]);
/** The string inside a DER string value, or undefined when it is not one DER string. */
function derString(bytes) {
    if (bytes.length < 2 || !STRING_TAGS.has(bytes[0]))
        return undefined;
    let length = bytes[1];
    let offset = 2;
    if (length & 0x80) {
        const n = length & 0x7f;
        if (n < 1 || n > 3 || bytes.length < 2 + n)
            return undefined;
        length = 0;
        for (let i = 0; i < n; i++)
            length = length * 256 + bytes[2 + i];
        offset = 2 + n;
    }
    if (offset + length !== bytes.length)
        return undefined;
    return Buffer.from(bytes.subarray(offset)).toString('utf8');
}
/** Parses a DER certificate's GitHub claims; throws when it is not a certificate or is over the bound. */
function githubClaims(der) {
    if (der.length > MAX_CERTIFICATE_BYTES)
        throw new Error(`the certificate is ${der.length} bytes, over the ${MAX_CERTIFICATE_BYTES}-byte limit`);
    const cert = cjs.AsnConvert.parse(der, build_cjs.Certificate);
    const tbs = cert.tbsCertificate;
    const claims = {
        notBefore: tbs.validity.notBefore.getTime(),
        notAfter: tbs.validity.notAfter.getTime()
    };
    for (const rdn of tbs.issuer) {
        for (const attr of rdn) {
            if (attr.type === '2.5.4.10')
                claims.issuerOrganization = attr.value.toString();
        }
    }
    let legacyIssuer;
    for (const ext of tbs.extensions ?? []) {
        const value = new Uint8Array(ext.extnValue.buffer);
        if (ext.extnID === build_cjs.id_ce_subjectAltName) {
            const names = cjs.AsnConvert.parse(value, build_cjs.GeneralNames);
            const uri = names.find((n) => n.uniformResourceIdentifier !== undefined)?.uniformResourceIdentifier;
            const email = names.find((n) => n.rfc822Name !== undefined)?.rfc822Name;
            const san = uri ?? email;
            if (san !== undefined)
                claims.san = san;
            continue;
        }
        if (!ext.extnID.startsWith(`${FULCIO}.`))
            continue;
        const suffix = ext.extnID.slice(FULCIO.length + 1);
        if (suffix === '1') {
            legacyIssuer = Buffer.from(value).toString('utf8');
            continue;
        }
        const name = CLAIMS[suffix];
        if (name === undefined)
            continue;
        const text = derString(value);
        if (text !== undefined)
            claims[name] = text;
    }
    if (claims.issuer === undefined && legacyIssuer !== undefined)
        claims.issuer = legacyIssuer;
    return claims;
}

// EXTERNAL MODULE: ./src/checks/attestation/settings.ts
var attestation_settings = __webpack_require__(2595);
;// CONCATENATED MODULE: ./src/checks/attestation/policy.ts

/** The DSSE payload type of an in-toto statement. */
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const STATEMENT_TYPES = new Set(['https://in-toto.io/Statement/v1', 'https://in-toto.io/Statement/v0.1']);
/** Bound on a statement before it is parsed. */
const MAX_STATEMENT_BYTES = 4 * 1024 * 1024;
function quote(text) {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
/**
 * The SAN the signing certificate must match, anchored at both ends where gh anchors it:
 * - a signer workflow: exactly that workflow (with any ref, or exactly the ref given), so
 *   `release.yml.evil.yml` does not pass a pin on `release.yml`;
 * - a signer repository: any workflow of that repository;
 * - otherwise any workflow of the repository, or of the owner.
 */
function signerPattern(settings) {
    const base = `https://${settings.host}`;
    if (settings.signerWorkflow !== undefined) {
        const url = (0,attestation_settings/* signerWorkflowUrl */.xl)(settings.signerWorkflow, settings.host);
        if (url.includes('@'))
            return new RegExp(`^${quote(url)}$`);
        return new RegExp(`^${quote(url)}@(?:refs/\\S+|[0-9a-fA-F]{40,64})$`);
    }
    if (settings.signerRepo !== undefined)
        return new RegExp(`^${quote(`${base}/${settings.signerRepo}/`)}`, 'i');
    if (settings.repo !== undefined)
        return new RegExp(`^${quote(`${base}/${settings.repo}/`)}`, 'i');
    return new RegExp(`^${quote(`${base}/${settings.owner}/`)}`, 'i');
}
function same(a, b) {
    return a !== undefined && a.toLowerCase() === b.toLowerCase();
}
/** A setting the certificate did not satisfy, in words a person can act on; undefined when every claim passes. */
function claimsProblem(claims, settings) {
    const base = `https://${settings.host}`;
    if (!same(claims.issuer, settings.oidcIssuer)) {
        const hint = claims.issuer?.toLowerCase().startsWith(`${settings.oidcIssuer.toLowerCase()}/`) === true
            ? ` (a GitHub Enterprise tenant's issuer: set 'attestation-oidc-issuer' to ${claims.issuer} if you trust it)`
            : '';
        return `the OIDC issuer is ${claims.issuer ?? '(none)'}, not ${settings.oidcIssuer}${hint}`;
    }
    const ownerUri = `${base}/${settings.owner}`;
    if (!same(claims.sourceRepositoryOwnerURI, ownerUri))
        return `it was built by the owner ${claims.sourceRepositoryOwnerURI ?? '(none)'}, not ${ownerUri} ('attestation-owner')`;
    if (settings.repo !== undefined && !same(claims.sourceRepositoryURI, `${base}/${settings.repo}`))
        return `it was built from ${claims.sourceRepositoryURI ?? '(no repository)'}, not ${base}/${settings.repo} ('attestation-repo')`;
    const pattern = signerPattern(settings);
    if (claims.san === undefined || !pattern.test(claims.san)) {
        const which = settings.signerWorkflow !== undefined
            ? `'attestation-signer-workflow' (${settings.signerWorkflow})`
            : settings.signerRepo !== undefined
                ? `'attestation-signer-repo' (${settings.signerRepo})`
                : `a workflow of ${settings.repo ?? settings.owner} (a reusable workflow of another repository needs 'attestation-signer-repo' or 'attestation-signer-workflow')`;
        return `it was signed by ${claims.san ?? '(no identity)'}, which is not ${which}`;
    }
    if (settings.sourceRef !== undefined && !same(claims.sourceRepositoryRef, settings.sourceRef))
        return `it was built from the ref ${claims.sourceRepositoryRef ?? '(none)'}, not ${settings.sourceRef} ('attestation-source-ref')`;
    if (settings.sourceDigest !== undefined && !same(claims.sourceRepositoryDigest, settings.sourceDigest))
        return `it was built from the commit ${claims.sourceRepositoryDigest ?? '(none)'}, not ${settings.sourceDigest} ('attestation-source-digest')`;
    if (settings.signerDigest !== undefined && !same(claims.buildSignerDigest, settings.signerDigest))
        return `the signing workflow was at the commit ${claims.buildSignerDigest ?? '(none)'}, not ${settings.signerDigest} ('attestation-signer-digest')`;
    if (settings.denySelfHostedRunners && claims.runnerEnvironment !== 'github-hosted')
        return `it was built on a ${claims.runnerEnvironment ?? 'unknown'} runner, and self-hosted runners are denied ('attestation-deny-self-hosted-runners')`;
    return undefined;
}
/** The in-toto statement's problem, or its facts: payload type, statement type, a subject with the digest, the predicate type. */
function statementProblem(payloadType, payload, artifact, predicateType) {
    if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
        return { problem: `the payload is ${payloadType || '(no type)'}, not an in-toto statement` };
    if (payload.length > MAX_STATEMENT_BYTES)
        return { problem: `the statement is ${payload.length} bytes, over the ${MAX_STATEMENT_BYTES}-byte limit` };
    let statement;
    try {
        statement = JSON.parse(Buffer.from(payload).toString('utf8'));
    }
    catch {
        return { problem: 'the statement is not JSON' };
    }
    if (typeof statement !== 'object' || statement === null)
        return { problem: 'the statement is not a JSON object' };
    const s = statement;
    if (typeof s._type !== 'string' || !STATEMENT_TYPES.has(s._type))
        return { problem: `the statement type is ${String(s._type)}, not an in-toto statement` };
    if (s.predicateType !== predicateType)
        return { problem: `the predicate type is ${String(s.predicateType)}, not ${predicateType} ('attestation-predicate-type')` };
    const subjects = Array.isArray(s.subject) ? s.subject : [];
    const want = artifact.hex.toLowerCase();
    const match = subjects.find((subject) => {
        const digest = subject?.digest;
        const value = digest?.[artifact.algorithm];
        return typeof value === 'string' && value.toLowerCase() === want;
    });
    if (match === undefined) {
        const seen = subjects
            .slice(0, 3)
            .map((subject) => {
            const d = subject?.digest;
            const v = d?.[artifact.algorithm];
            return typeof v === 'string' ? `${artifact.algorithm}:${v.slice(0, 12)}…` : '(no such digest)';
        })
            .join(', ');
        return {
            problem: `no subject is ${artifact.algorithm}:${want.slice(0, 12)}… (it attests ${seen || 'no subject'}): this attestation is for another artifact`
        };
    }
    const facts = { predicateType };
    if (typeof match.name === 'string')
        facts.subjectName = match.name.slice(0, 500);
    const buildType = s.predicate?.buildDefinition?.buildType;
    if (typeof buildType === 'string')
        facts.buildType = buildType.slice(0, 500);
    return { facts };
}

;// CONCATENATED MODULE: ./src/checks/attestation/check.ts
/**
 * Build provenance as a `Check`: find the GitHub artifact attestations of the deployed digest (the
 * index digest for a multi-arch image, as gh checks it), verify each bundle against the trusted
 * root of the instance that signed it, then the certificate's GitHub claims and the in-toto
 * statement against the settings. One bundle that passes every rule is enough; every other one is
 * reported with its reason. Anything that cannot be completed is an enforced `error` (fail closed).
 */





/** Id of the check in reports. */
const ATTESTATION_CHECK_ID = 'attestation/github';
function result(status, reasons, evidence) {
    return { id: ATTESTATION_CHECK_ID, kind: 'attestation', system: 'github', status, enforced: true, reasons, evidence };
}
/** The build-provenance check. */
function attestationCheck(loaded, ports) {
    return {
        id: ATTESTATION_CHECK_ID,
        kind: 'attestation',
        system: 'github',
        title: 'Verify build provenance',
        run: (context) => verifyProvenance(loaded, ports, context)
    };
}
async function verifyProvenance(loaded, ports, context) {
    const { settings } = loaded;
    const { image, log } = context;
    const sourceKind = settings.source.kind;
    const evidence = { source: sourceKind, bundles: 0, rejected: [] };
    let bundles;
    const problems = [];
    try {
        if (settings.source.kind === 'file')
            bundles = loaded.fileBundles ?? [];
        else if (settings.source.kind === 'registry') {
            const found = await registryBundles(context.artifacts, image.repository, log);
            bundles = found.bundles;
            problems.push(...found.problems);
        }
        else {
            if (ports.api === undefined)
                return result('error', ['Build provenance could not be checked: no GitHub API client (set github-token)'], evidence);
            const scope = { owner: settings.owner, ...(settings.repo !== undefined ? { repo: settings.repo.split('/')[1] } : {}) };
            const listing = await ports.api.list(scope, image.digest, settings.predicateType, context.signal !== undefined ? { signal: context.signal } : {});
            if (!listing.found) {
                return result('missing', [
                    `No build provenance attestation for ${image.digest} in ${settings.repo ?? settings.owner} (the attestations API answered 404): attest the image with actions/attest-build-provenance (subject-digest set to the pushed digest)`
                ], evidence);
            }
            bundles = listing.bundles;
            problems.push(...listing.problems);
        }
    }
    catch (error) {
        const hint = error instanceof AttestationApiError && error.kind === 'auth'
            ? ''
            : settings.source.kind === 'registry'
                ? ' (the registry source needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer)'
                : '';
        return result('error', [`Build provenance could not be checked: ${(0,errors/* errorMessage */.gJ)(error)}${hint}`], evidence);
    }
    evidence.bundles = Math.min(bundles.length, MAX_BUNDLES);
    log.info(`Examining ${evidence.bundles} attestation bundle(s) for ${image.digest}`);
    if (bundles.length === 0) {
        const where = sourceKind === 'registry'
            ? `among the registry referrers of ${image.digest}`
            : sourceKind === 'file'
                ? 'in the bundle file'
                : 'in the attestations API';
        return result('missing', [
            `No build provenance attestation ${where}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}: attest the image with actions/attest-build-provenance${sourceKind === 'registry' ? ' and push-to-registry: true' : ''}`
        ], { ...evidence, rejected: problems });
    }
    const hex = image.digest.slice('sha256:'.length);
    const artifact = { digest: { algorithm: 'sha256', hex }, sigstore: { sha256: hex } };
    const rejections = problems.map((reason) => ({ reason, kind: 'crypto' }));
    for (const [i, bundle] of bundles.slice(0, MAX_BUNDLES).entries()) {
        const verdict = await judgeBundle(bundle, artifact, loaded, ports.verify, context.signal, log);
        if ('provenance' in verdict) {
            evidence.provenance = verdict.provenance;
            evidence.rejected = rejections.map((r) => r.reason);
            const p = verdict.provenance;
            log.info(`Build provenance verified: ${p.repository ?? '?'} ${p.workflow ?? ''} at ${p.ref ?? '?'} (${p.commit ?? '?'})`);
            return result('verified', [], evidence);
        }
        log.info(`Attestation ${i + 1}: ${verdict.reason}`);
        rejections.push({ reason: `attestation ${i + 1}: ${verdict.reason}`, kind: verdict.kind });
    }
    evidence.rejected = rejections.map((r) => r.reason);
    // A bundle whose trusted root could not be obtained was not judged at all: the check is an error.
    const status = rejections.every((r) => r.kind === 'predicate')
        ? 'missing'
        : rejections.some((r) => r.kind === 'error')
            ? 'error'
            : rejections.some((r) => r.kind === 'policy')
                ? 'untrusted'
                : 'invalid';
    const lead = status === 'missing'
        ? `No attestation of ${image.digest} has the predicate type ${settings.predicateType}`
        : status === 'error'
            ? `Build provenance could not be checked for ${image.digest}`
            : status === 'untrusted'
                ? `No attestation of ${image.digest} was built as required`
                : `No attestation of ${image.digest} could be verified`;
    return result(status, [
        `${lead}: ${evidence.rejected.slice(0, 5).join('; ')}${evidence.rejected.length > 5 ? `; … ${evidence.rejected.length - 5} more` : ''}`
    ], evidence);
}
/** The leaf certificate's DER of a bundle (v0.3 `certificate`, or v0.1/0.2 `x509CertificateChain`). */
function leafCertificate(bundle) {
    const material = bundle.verificationMaterial;
    const raw = material?.certificate?.rawBytes ??
        material?.x509CertificateChain?.certificates?.[0]?.rawBytes;
    return typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'base64')) : undefined;
}
/** The bundle format version (`0.3` from `…bundle.v0.3+json`, `0.1` from `…bundle+json;version=0.1`). */
function bundleVersion(mediaType) {
    if (typeof mediaType !== 'string')
        return undefined;
    return /^application\/vnd\.dev\.sigstore\.bundle(?:\.v(\d+\.\d+)\+json|\+json;version=(\d+\.\d+))$/
        .exec(mediaType)
        ?.slice(1)
        .find((v) => v !== undefined);
}
/** Judges one bundle: the provenance it proves, or why it does not. */
async function judgeBundle(value, artifact, loaded, verify, signal, log) {
    const { settings } = loaded;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return { reason: 'it is not a Sigstore bundle (a JSON object)', kind: 'crypto' };
    const bundle = value;
    const version = bundleVersion(bundle.mediaType);
    if (version === undefined)
        return { reason: `its media type ${String(bundle.mediaType).slice(0, 100)} is not a Sigstore bundle`, kind: 'crypto' };
    if (version === '0.1')
        return { reason: 'it is a v0.1 bundle, which is not accepted (v0.2 or later, as gh requires)', kind: 'crypto' };
    const envelope = bundle.dsseEnvelope;
    if (envelope === undefined)
        return { reason: 'it holds no DSSE envelope (an attestation is an in-toto statement in DSSE)', kind: 'crypto' };
    if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
        return { reason: `its payload is ${String(envelope.payloadType).slice(0, 100)}, not an in-toto statement`, kind: 'predicate' };
    // Bundles of other predicates are passed over before verification, as gh filters them.
    const claimed = peekPredicateType(envelope.payload);
    if (claimed !== settings.predicateType)
        return { reason: `its predicate type is ${claimed ?? '(none)'}, not ${settings.predicateType}`, kind: 'predicate' };
    const leaf = leafCertificate(bundle);
    if (leaf === undefined)
        return { reason: 'it has no signing certificate (verification material missing)', kind: 'crypto' };
    let unverified;
    try {
        unverified = githubClaims(leaf);
    }
    catch (error) {
        return { reason: `its certificate could not be read: ${(0,errors/* errorMessage */.gJ)(error)}`, kind: 'crypto' };
    }
    const github = unverified.issuerOrganization === GITHUB_ORGANIZATION;
    let roots = loaded.roots;
    if (loaded.lazyRoots !== undefined) {
        const provider = github ? loaded.lazyRoots.github : loaded.lazyRoots.publicGood;
        if (provider !== undefined) {
            if (signal?.aborted === true)
                return { reason: 'the run limit was reached before it was verified', kind: 'crypto' };
            const resolved = await provider({ ...(signal !== undefined ? { signal } : {}), ...(log !== undefined ? { log } : {}) });
            if (!resolved.ok)
                return { reason: resolved.reason, kind: 'error' };
            roots = [trustedRootEntry(resolved.trust)];
        }
        else
            roots = [];
    }
    const chosen = chooseInstance(unverified.issuerOrganization, roots);
    if (chosen === undefined) {
        return {
            reason: github
                ? "it was signed by GitHub's own Sigstore instance (a private or internal repository), whose trusted root is not loaded: pass 'attestation-tuf-root' (the root.json of GitHub's TUF repository, which the GitHub CLI embeds) to fetch it over TUF, or 'attestation-trusted-root' (the output of gh attestation trusted-root)"
                : `no trusted root has a certificate authority of ${unverified.issuerOrganization ?? '(no organisation)'}: pass 'attestation-trusted-root'`,
            kind: 'crypto'
        };
    }
    if (signal?.aborted === true)
        return { reason: 'the run limit was reached before it was verified', kind: 'crypto' };
    let outcome;
    try {
        // Any identity here: the anchored signer pattern and every claim are checked below on the
        // verified certificate, so each mismatch is reported with the setting it broke.
        outcome = await verify({ bundle, artifact: artifact.sigstore, root: chosen.root, thresholds: chosen.thresholds });
    }
    catch (error) {
        outcome = { ok: false, reason: (0,errors/* errorMessage */.gJ)(error) };
    }
    if (!outcome.ok) {
        if (outcome.code === 'ARTIFACT_MISMATCH')
            return { reason: `${outcome.reason} (this attestation is for another artifact)`, kind: 'policy' };
        return { reason: `its signature did not verify: ${outcome.reason}`, kind: 'crypto' };
    }
    let claims;
    try {
        claims = githubClaims(outcome.certificate);
    }
    catch (error) {
        return { reason: `its verified certificate could not be read: ${(0,errors/* errorMessage */.gJ)(error)}`, kind: 'crypto' };
    }
    const policy = claimsProblem(claims, settings);
    if (policy !== undefined)
        return { reason: policy, kind: 'policy' };
    const statement = statementProblem(outcome.payloadType, outcome.payload, artifact.digest, settings.predicateType);
    if ('problem' in statement)
        return { reason: statement.problem, kind: 'policy' };
    return {
        provenance: {
            ...provenanceOf(claims, statement.facts, chosen.instance, outcome.timestamps, settings.host),
            trustedRoot: chosen.root.origin
        }
    };
}
function peekPredicateType(payload) {
    if (typeof payload !== 'string' || payload.length > 8 * 1024 * 1024)
        return undefined;
    try {
        const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
        return typeof statement.predicateType === 'string' ? statement.predicateType.slice(0, 500) : undefined;
    }
    catch {
        return undefined;
    }
}
function provenanceOf(claims, facts, instance, timestamps, host) {
    const p = { instance, predicateType: facts.predicateType };
    const set = (key, value) => {
        if (value !== undefined)
            p[key] = value;
    };
    set('repository', claims.sourceRepositoryURI);
    set('workflow', claims.buildConfigURI ?? claims.buildSignerURI);
    if (claims.buildSignerURI !== undefined && claims.buildSignerURI !== claims.buildConfigURI)
        set('signer', claims.buildSignerURI);
    set('ref', claims.sourceRepositoryRef);
    set('commit', claims.sourceRepositoryDigest);
    // Only a link to the run on the GitHub host itself.
    if (claims.runInvocationURI?.startsWith(`https://${host}/`) === true)
        set('runUrl', claims.runInvocationURI);
    set('runnerEnvironment', claims.runnerEnvironment);
    set('trigger', claims.buildTrigger);
    set('visibility', claims.sourceRepositoryVisibilityAtSigning);
    set('issuer', claims.issuer);
    set('subjectName', facts.subjectName);
    const times = timestamps.filter((t) => Number.isFinite(t.getTime())).sort((a, b) => a.getTime() - b.getTime());
    if (times[0] !== undefined)
        set('attestedAt', times[0].toISOString());
    return p;
}

;// CONCATENATED MODULE: ./src/checks/attestation/index.ts
/**
 * Build provenance: GitHub artifact attestations (SLSA provenance) of the deployed digest, verified
 * with the shared Sigstore verification and checked against a `gh attestation verify`-like policy.
 */















async function readBounded(path, setting, what) {
    try {
        return (await (0,read_file/* readBoundedFile */.M)(path, MAX_BUNDLE_FILE_BYTES)).toString('utf8');
    }
    catch (error) {
        if (error instanceof read_file/* FileReadError */.t && error.kind === 'size')
            throw new errors/* SettingError */.L_(setting, `Invalid '${setting}': the ${what} ${path} is over the ${MAX_BUNDLE_FILE_BYTES}-byte limit`);
        throw new errors/* SettingError */.L_(setting, `Invalid '${setting}': could not read the ${what} ${path}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/**
 * The roots used without 'attestation-trusted-root', each fetched over TUF on first use: the
 * public-good root (`sigstore-tuf-mirror`; off: the shipped root) and, when 'attestation-tuf-root'
 * is given, GitHub's instance root over 'attestation-tuf-mirror'. The TUF root files are read now.
 */
async function defaultRoots(settings, shared) {
    const pg = settings.publicGoodTuf ?? { mirror: trusted_root/* PUBLIC_GOOD_TUF_MIRROR */.mv };
    let publicGood;
    if (pg === 'off')
        publicGood = (0,refresh.fixedTrust)((0,trusted_root/* publicGoodTrustedRoot */.cB)());
    else {
        const seedRoot = pg.rootPath !== undefined ? await (0,tuf_root.readTufRoot)(pg.rootPath, core_settings/* Setting */.B.SigstoreTufRoot) : undefined;
        publicGood = shared.provider({ mirror: pg.mirror, ...(seedRoot !== undefined ? { seedRoot } : {}) });
    }
    const gh = settings.githubTuf ?? { mirror: tuf_settings/* GITHUB_TUF_MIRROR */.Ex };
    if (gh === 'off' || gh.rootPath === undefined)
        return { publicGood };
    const seedRoot = await (0,tuf_root.readTufRoot)(gh.rootPath, core_settings/* Setting */.B.AttestationTufRoot);
    return { publicGood, github: (0,refresh.githubInstanceProvider)({ mirror: gh.mirror, seedRoot, rootPath: gh.rootPath }) };
}
/**
 * Reads the files the settings name, once, before any network call: the trusted root (else
 * `defaultRoots`, the shipped public-good root) and a bundle file. A file that cannot be read or
 * parsed is a `SettingError` naming its setting. A public-good root refreshed over TUF comes from
 * `shared`, the run's (the cosign check's too).
 */
async function loadAttestation(settings, shared = new refresh.PublicGoodRoots()) {
    let roots = [];
    let lazyRoots;
    if (settings.trustedRootPath !== undefined) {
        const text = await readBounded(settings.trustedRootPath, core_settings/* Setting */.B.AttestationTrustedRoot, 'trusted root');
        try {
            roots = parseTrustedRoots(text, settings.trustedRootPath);
        }
        catch (error) {
            throw new errors/* SettingError */.L_(core_settings/* Setting */.B.AttestationTrustedRoot, `Invalid '${core_settings/* Setting */.B.AttestationTrustedRoot}': ${(0,errors/* errorMessage */.gJ)(error)} (expected a trusted_root.json, or JSON Lines of them as gh attestation trusted-root prints)`);
        }
    }
    else
        lazyRoots = await defaultRoots(settings, shared);
    const loaded = { settings, roots, ...(lazyRoots !== undefined ? { lazyRoots } : {}) };
    if (settings.source.kind === 'file') {
        const text = await readBounded(settings.source.path, core_settings/* Setting */.B.AttestationSource, 'bundle file');
        try {
            loaded.fileBundles = parseBundleFile(text, settings.source.path);
        }
        catch (error) {
            throw new errors/* SettingError */.L_(core_settings/* Setting */.B.AttestationSource, `Invalid '${core_settings/* Setting */.B.AttestationSource}': ${(0,errors/* errorMessage */.gJ)(error)}`);
        }
    }
    return loaded;
}


/***/ }),

/***/ 2195:
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
/* harmony import */ var _trusted_root_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6940);
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
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 3887));
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
        const { refreshTrustedRoot } = await Promise.all(/* import() */[__webpack_require__.e(706), __webpack_require__.e(887)]).then(__webpack_require__.bind(__webpack_require__, 3887));
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
