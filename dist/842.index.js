export const id = 842;
export const ids = [842];
export const modules = {

/***/ 93842:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ALLOWLIST_MAX_BYTES: () => (/* reexport */ ALLOWLIST_MAX_BYTES),
  POLICY_FIELDS: () => (/* reexport */ POLICY_FIELDS),
  POLICY_FILE_MAX_BYTES: () => (/* reexport */ POLICY_FILE_MAX_BYTES),
  POLICY_MAX_DEPTH: () => (/* reexport */ POLICY_MAX_DEPTH),
  layeredAllowlistEntries: () => (/* reexport */ layeredAllowlistEntries),
  layeredReader: () => (/* reexport */ layeredReader),
  layersFor: () => (/* reexport */ layersFor),
  loadAllowlist: () => (/* reexport */ loadAllowlist),
  loadPolicyFile: () => (/* reexport */ loadPolicyFile),
  normaliseVulnerabilityId: () => (/* reexport */ normaliseVulnerabilityId),
  overridesFor: () => (/* reexport */ overridesFor),
  parseAllowlist: () => (/* reexport */ parseAllowlist),
  parsePolicyFile: () => (/* reexport */ parsePolicyFile),
  repositoryMatches: () => (/* reexport */ repositoryMatches)
});

// EXTERNAL MODULE: ./src/config/read-file.ts
var read_file = __webpack_require__(42691);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/config/allowlist.ts
/**
 * The allowlist file: accepted findings, each with a reason and an expiry.
 *
 * ```yaml
 * vulnerabilities:
 *   - id: CVE-2023-4863            # required: CVE-…, GHSA-xxxx-xxxx-xxxx or PREFIX-… (ALAS2-…, GO-…)
 *     reason: "not reachable: we never decode WebP"   # required, non-empty
 *     expires: 2027-01-31          # required, YYYY-MM-DD (UTC); applies through that day
 *     package: libwebp             # optional: only when this package name is affected
 *     repository: "team-a/*"       # optional: glob on the ECR repository name
 * ```
 *
 * Validation is strict on purpose: an unknown key (say `packge:`) or a malformed value would
 * otherwise silently widen or narrow what is accepted, and this file is a security control.
 */



/** Largest allowlist file accepted, in bytes. */
const ALLOWLIST_MAX_BYTES = 1024 * 1024;
/** The input that names the allowlist file; every error is reported against it. */
const INPUT = 'allowlist';
/** How many problems one error message lists before summarising the rest. */
const MAX_REPORTED_ERRORS = 10;
const TOP_LEVEL_KEYS = new Set(['vulnerabilities']);
const ENTRY_KEYS = new Set(['id', 'reason', 'expires', 'package', 'repository']);
/** Keys of a trivy `.trivyignore.yaml` entry, which this format spells differently. */
const TRIVY_KEYS = new Set(['statement', 'expired_at', 'paths', 'purls']);
const TRIVY_HINT = 'this looks like a trivy ignore file: here `statement` is `reason`, `expired_at` is `expires` (required) and `purls` is `package`; convert one with tools/trivyignore-to-allowlist.mjs (see docs/migrating-from-trivy.md)';
const CVE_ID = /^CVE-\d{4}-\d{4,}$/i;
const GHSA_ID = /^GHSA(-[a-z0-9]{4}){3}$/i;
const OTHER_ID = /^[A-Z][A-Z0-9]+-[A-Za-z0-9._:-]+$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ECR repository names are lowercase `[a-z0-9._/-]`; `*` and `?` are the glob metacharacters. */
const REPOSITORY_GLOB = /^[a-z0-9._\-/*?]+$/;
const MAX_FIELD_CHARS = 4096;
/**
 * Canonical form of a vulnerability id: CVE ids upper-case, GHSA ids `GHSA-` plus lower-case
 * groups (GitHub's own spelling), anything else as written. Returns undefined for an id that
 * matches none of the accepted shapes.
 */
function normaliseVulnerabilityId(id) {
    if (CVE_ID.test(id))
        return id.toUpperCase();
    if (GHSA_ID.test(id))
        return `GHSA-${id.slice(5).toLowerCase()}`;
    // A malformed CVE or GHSA id must not slip through as a generic advisory id.
    if (/^(CVE|GHSA)-/i.test(id))
        return undefined;
    if (OTHER_ID.test(id))
        return id;
    return undefined;
}
/** A short, safe rendering of an offending value for an error message. */
function show(value) {
    if (value === null || value === undefined)
        return String(value);
    if (value instanceof Date)
        return Number.isNaN(value.getTime()) ? 'an invalid date' : value.toISOString();
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    const text = typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
            ? String(value)
            : `a ${typeof value}`;
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
/** True for a real calendar date `YYYY-MM-DD` (rejects 2027-02-30). */
function isCalendarDate(text) {
    const m = DATE.exec(text);
    if (!m)
        return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
/**
 * `expires` as `YYYY-MM-DD`. YAML 1.1 documents (`%YAML 1.1`) turn an unquoted 2027-01-31 into a
 * Date at UTC midnight, YAML 1.2 (the default) keeps the string: both are accepted. A timestamp
 * with a time of day is refused, because the entry's granularity is a whole UTC day.
 */
function parseExpiry(value) {
    if (value instanceof Date) {
        if (Number.isNaN(value.getTime()))
            return undefined;
        const iso = value.toISOString();
        return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : undefined;
    }
    if (typeof value === 'string' && isCalendarDate(value))
        return value;
    return undefined;
}
/** Where an entry's problems are reported, e.g. `vulnerabilities[3].expires`. */
function at(index, field) {
    return field === undefined ? `vulnerabilities[${index}]` : `vulnerabilities[${index}].${field}`;
}
function checkString(value, where, errors) {
    if (typeof value !== 'string') {
        errors.push(`${where}: expected a string, got ${show(value)}`);
        return undefined;
    }
    if (value.trim() === '') {
        errors.push(`${where}: must not be empty`);
        return undefined;
    }
    if (value.length > MAX_FIELD_CHARS) {
        errors.push(`${where}: longer than ${MAX_FIELD_CHARS} characters`);
        return undefined;
    }
    return value;
}
function parseEntry(raw, index, errors) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date) {
        errors.push(`${at(index)}: expected a mapping with id, reason and expires, got ${show(raw)}`);
        return undefined;
    }
    const record = raw;
    const before = errors.length;
    for (const key of Object.keys(record)) {
        if (!ENTRY_KEYS.has(key)) {
            errors.push(`${at(index, key)}: unknown key; allowed keys are id, reason, expires, package, repository${TRIVY_KEYS.has(key) ? ` (${TRIVY_HINT})` : ''}`);
        }
    }
    for (const key of ['id', 'reason', 'expires']) {
        if (!(key in record))
            errors.push(`${at(index, key)}: required`);
    }
    let id;
    if ('id' in record) {
        const text = checkString(record.id, at(index, 'id'), errors);
        if (text !== undefined) {
            id = normaliseVulnerabilityId(text);
            if (id === undefined) {
                errors.push(`${at(index, 'id')}: expected CVE-YYYY-NNNN, GHSA-xxxx-xxxx-xxxx or an advisory id like ALAS2-2024-1234, got ${show(text)}`);
            }
        }
    }
    const reason = 'reason' in record ? checkString(record.reason, at(index, 'reason'), errors) : undefined;
    let expires;
    if ('expires' in record) {
        expires = parseExpiry(record.expires);
        if (expires === undefined) {
            errors.push(`${at(index, 'expires')}: expected a date YYYY-MM-DD, got ${show(record.expires)}`);
        }
    }
    let pkg;
    if ('package' in record)
        pkg = checkString(record.package, at(index, 'package'), errors);
    let repository;
    if ('repository' in record) {
        repository = checkString(record.repository, at(index, 'repository'), errors);
        if (repository !== undefined && !REPOSITORY_GLOB.test(repository)) {
            errors.push(`${at(index, 'repository')}: expected an ECR repository name or glob (a-z 0-9 . _ - / and the wildcards * ?), got ${show(repository)}`);
            repository = undefined;
        }
    }
    if (errors.length > before || id === undefined || reason === undefined || expires === undefined)
        return undefined;
    const entry = { id, reason: reason.trim(), expires };
    if (pkg !== undefined)
        entry.package = pkg;
    if (repository !== undefined)
        entry.repository = repository;
    return entry;
}
function fail(source, errors) {
    const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => `${source}: ${e}`);
    if (errors.length > MAX_REPORTED_ERRORS)
        shown.push(`${source}: … and ${errors.length - MAX_REPORTED_ERRORS} more problems`);
    throw new core_errors/* SettingError */.L_(INPUT, shown.join('\n'));
}
/**
 * Deepest `[`/`{` nesting accepted. The YAML parser recurses once per flow level; thousands of levels
 * exhaust the stack, and at some depths V8 then aborts the whole process (a fatal "out of memory" in
 * its regexp compiler) instead of throwing, so the file is refused before it reaches the parser.
 */
const MAX_FLOW_DEPTH = 64;
/** Whether brackets nest deeper than {@link MAX_FLOW_DEPTH}; counts inside quotes too, which only errs towards refusing. */
function flowDepthExceeded(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5b || c === 0x7b) {
            depth += 1;
            if (depth > MAX_FLOW_DEPTH)
                return true;
        }
        else if ((c === 0x5d || c === 0x7d) && depth > 0) {
            depth -= 1;
        }
    }
    return false;
}
/**
 * Parses and validates the allowlist YAML (schema in this module's header). `source` names the
 * file in error messages. Throws only `SettingError('allowlist', …)`, whose message names the entry
 * index and field of every problem, e.g.
 * `allow.yml: vulnerabilities[3].expires: expected a date YYYY-MM-DD, got "tomorrow"`.
 * Unknown keys and duplicate id+package+repository entries are errors. An empty file,
 * `vulnerabilities:` or `vulnerabilities: []` is a valid empty allowlist.
 */
function parseAllowlist(text, source) {
    if (typeof text !== 'string')
        fail(source, ['expected text']);
    // Bound before parsing: the file is user-controlled and YAML parsing is superlinear in places.
    if (text.length > ALLOWLIST_MAX_BYTES || Buffer.byteLength(text, 'utf8') > ALLOWLIST_MAX_BYTES) {
        fail(source, [`larger than ${ALLOWLIST_MAX_BYTES} bytes`]);
    }
    if (flowDepthExceeded(text))
        fail(source, [`brackets nested more than ${MAX_FLOW_DEPTH} deep; an allowlist needs no such nesting`]);
    let data;
    try {
        // uniqueKeys: a repeated key in YAML silently keeps the last value; refuse it instead.
        const doc = (0,dist/* parseDocument */.Tp)(text, { uniqueKeys: true, prettyErrors: true });
        const first = doc.errors[0];
        if (first) {
            const line = first.message.split('\n')[0] ?? first.message;
            fail(source, [`invalid YAML: ${line}`]);
        }
        // maxAliasCount bounds alias expansion ("billion laughs").
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        if (error instanceof core_errors/* SettingError */.L_)
            throw error;
        fail(source, [`invalid YAML: ${(0,core_errors/* errorMessage */.gJ)(error).split('\n')[0] ?? ''}`]);
    }
    if (data === null || data === undefined)
        return [];
    if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
        // A plain `.trivyignore` (one id a line) parses as one string: say what it is and how to convert it.
        const trivy = typeof data === 'string' && /^(CVE|GHSA)-/i.test(data.trim()) ? `; ${TRIVY_HINT}` : '';
        fail(source, [`expected a mapping with a "vulnerabilities" list at the top level, got ${show(data)}${trivy}`]);
    }
    const top = data;
    const errors = [];
    for (const key of Object.keys(top)) {
        if (!TOP_LEVEL_KEYS.has(key))
            errors.push(`${key}: unknown top-level key; expected only "vulnerabilities"`);
    }
    const list = top.vulnerabilities;
    if (list !== undefined && list !== null && !Array.isArray(list)) {
        errors.push(`vulnerabilities: expected a list, got ${show(list)}`);
    }
    const entries = [];
    if (Array.isArray(list)) {
        const seen = new Map();
        list.forEach((raw, index) => {
            const entry = parseEntry(raw, index, errors);
            if (!entry)
                return;
            // Ids compare case-insensitively, so duplicates do too.
            const key = JSON.stringify([entry.id.toUpperCase(), entry.package ?? null, entry.repository ?? null]);
            const earlier = seen.get(key);
            if (earlier !== undefined) {
                errors.push(`${at(index, 'id')}: duplicate of ${at(earlier)} (same id, package and repository)`);
                return;
            }
            seen.set(key, index);
            entries.push(entry);
        });
    }
    if (errors.length > 0)
        fail(source, errors);
    return entries;
}
/**
 * Reads and parses the allowlist file at `path`. The size is checked before the file is read.
 * An unreadable file is `SettingError('allowlist', 'cannot read <path>: ENOENT…')`.
 */
async function loadAllowlist(path) {
    let bytes;
    try {
        bytes = await (0,read_file/* readBoundedFile */.M)(path, ALLOWLIST_MAX_BYTES);
    }
    catch (error) {
        if (error instanceof read_file/* FileReadError */.t && error.kind === 'size')
            throw new core_errors/* SettingError */.L_(INPUT, `${path}: ${error.message}`);
        throw new core_errors/* SettingError */.L_(INPUT, `cannot read ${path}: ${(0,core_errors/* errorMessage */.gJ)(error)}`);
    }
    let text;
    try {
        // fatal: invalid UTF-8 is an error rather than U+FFFD silently changing an id.
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new core_errors/* SettingError */.L_(INPUT, `${path}: not valid UTF-8`);
    }
    return parseAllowlist(text.startsWith('\uFEFF') ? text.slice(1) : text, path);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(42463);
;// CONCATENATED MODULE: ./policy.schema.json
const policy_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"ecr-deploy-gate policy file","description":"One deploy policy for every pipeline: the Action\'s input `policy` and the CLI\'s `--policy` read it. YAML or JSON. Keys are the gate\'s settings; an inline input or flag overrides the file, field by field. Relative paths are resolved from the file\'s folder. Unknown keys are errors: a typo must not loosen the gate.","type":"object","additionalProperties":false,"required":["version"],"properties":{"version":{"description":"The policy file format; only 1 exists.","const":1},"mode":{"description":"Setting `mode`: enforce fails a blocked run; audit reports the same verdict without failing.","enum":["enforce","audit"]},"fail-fast":{"description":"Setting `fail-fast`: stop waiting for the scan once an enforced check failed.","type":"boolean"},"timeout":{"description":"Setting `timeout`: the whole run\'s limit, in seconds.","type":"integer","minimum":1,"maximum":86520},"vulnerabilities":{"$ref":"#/definitions/vulnerabilities"},"scan":{"$ref":"#/definitions/scan"},"signatures":{"$ref":"#/definitions/signatures"},"posture":{"$ref":"#/definitions/posture"},"provenance":{"$ref":"#/definitions/provenance"},"overrides":{"description":"Stricter (or looser) rules for some repositories, applied in order over the top-level sections; later entries win.","type":"array","maxItems":100,"items":{"$ref":"#/definitions/override"}}},"definitions":{"count":{"type":"integer","minimum":0,"maximum":1000000},"path":{"type":"string","minLength":1,"maxLength":4096},"stringList":{"type":"array","maxItems":1000,"items":{"type":"string","minLength":1,"maxLength":2048}},"vulnerabilities":{"description":"What the scan findings may contain.","type":"object","additionalProperties":false,"properties":{"severity-threshold":{"description":"Setting `severity-threshold`: findings at or above it count.","enum":["CRITICAL","HIGH","MEDIUM","LOW","INFORMATIONAL","critical","high","medium","low","informational"]},"ignore-unfixed":{"description":"Setting `ignore-unfixed`.","type":"boolean"},"max-critical":{"description":"Setting `max-critical`.","$ref":"#/definitions/count"},"max-high":{"description":"Setting `max-high`.","$ref":"#/definitions/count"},"max-medium":{"description":"Setting `max-medium`.","$ref":"#/definitions/count"},"max-low":{"description":"Setting `max-low`.","$ref":"#/definitions/count"},"min-epss":{"description":"Setting `min-epss`: count only findings with an EPSS score at or above it.","type":"number","minimum":0,"maximum":1},"exploitable-only":{"description":"Setting `exploitable-only`.","type":"boolean"},"allowlist":{"description":"Setting `allowlist`: a path to an allowlist file, or its entries inline.","oneOf":[{"$ref":"#/definitions/path"},{"type":"array","maxItems":10000,"items":{"$ref":"#/definitions/allowlistEntry"}}]},"allowlist-warn-days":{"description":"Setting `allowlist-warn-days`: warn when an applied allowlist entry expires within this many days (0: never).","type":"integer","minimum":0,"maximum":3650}}},"allowlistEntry":{"type":"object","additionalProperties":false,"required":["id","reason","expires"],"properties":{"id":{"type":"string","minLength":1,"maxLength":4096},"reason":{"type":"string","minLength":1,"maxLength":4096},"expires":{"type":"string","pattern":"^\\\\d{4}-\\\\d{2}-\\\\d{2}$"},"package":{"type":"string","minLength":1,"maxLength":4096},"repository":{"type":"string","minLength":1,"maxLength":4096}}},"scan":{"description":"How to wait for and read the scan.","type":"object","additionalProperties":false,"properties":{"type":{"description":"Setting `scan-type`.","enum":["auto","enhanced","basic"]},"timeout":{"description":"Setting `scan-timeout`, in seconds.","type":"integer","minimum":1,"maximum":86400},"start":{"description":"Setting `start-scan`.","type":"boolean"}}},"signatures":{"description":"Who must have signed the image, one section per signature system.","type":"object","additionalProperties":false,"properties":{"notation":{"type":"object","additionalProperties":false,"properties":{"signing-profile-arns":{"description":"Setting `signing-profile-arns`.","$ref":"#/definitions/stringList"},"trust-policy":{"description":"Setting `trust-policy`: path to a Notation trustpolicy.json.","$ref":"#/definitions/path"},"trust-store":{"description":"Setting `trust-store`: path to a Notation trust store folder.","$ref":"#/definitions/path"}}},"required":{"description":"Setting `signatures-required`: with Notation and cosign both configured, `all` requires both, `any` either.","enum":["all","any"]},"cosign":{"type":"object","additionalProperties":false,"properties":{"key":{"description":"Setting `cosign-key`: `awskms:///…` references or PEM public key file paths.","$ref":"#/definitions/stringList"},"certificate-identity":{"description":"Setting `cosign-certificate-identity`.","type":"string","minLength":1,"maxLength":2048},"certificate-identity-regexp":{"description":"Setting `cosign-certificate-identity-regexp`.","type":"string","minLength":1,"maxLength":2048},"certificate-oidc-issuer":{"description":"Setting `cosign-certificate-oidc-issuer`.","type":"string","minLength":1,"maxLength":2048},"certificate-oidc-issuer-regexp":{"description":"Setting `cosign-certificate-oidc-issuer-regexp`.","type":"string","minLength":1,"maxLength":2048},"trusted-root":{"description":"Setting `sigstore-trusted-root`: path to a Sigstore trusted_root.json.","$ref":"#/definitions/path"},"tuf-mirror":{"description":"Setting `sigstore-tuf-mirror`: the https URL of the TUF repository the public-good trusted root is refreshed from, or off (the root shipped with the action).","type":"string","minLength":1,"maxLength":2048},"tuf-root":{"description":"Setting `sigstore-tuf-root`: path to the TUF root.json that seeds `tuf-mirror`.","$ref":"#/definitions/path"},"ignore-tlog":{"description":"Setting `cosign-ignore-tlog` (insecure).","type":"boolean"}}}}},"posture":{"description":"Repository posture rules.","type":"object","additionalProperties":false,"properties":{"rules":{"description":"Setting `posture`: off, recommended, or a map of rule to level.","oneOf":[{"enum":["off","recommended"]},{"type":"object","additionalProperties":false,"properties":{"recommended":{"type":"boolean"},"tag-immutability":{"$ref":"#/definitions/postureLevel"},"scan-configured":{"$ref":"#/definitions/postureLevel"},"lifecycle-policy":{"$ref":"#/definitions/postureLevel"},"kms-encryption":{"$ref":"#/definitions/postureLevel"},"repository-policy":{"$ref":"#/definitions/postureLevel"},"pull-through-cache":{"$ref":"#/definitions/postureLevel"},"lifecycle-expiry":{"$ref":"#/definitions/postureLevel"},"managed-signing":{"$ref":"#/definitions/postureLevel"}}}]},"allowed-accounts":{"description":"Setting `posture-allowed-accounts`.","$ref":"#/definitions/stringList"},"allowed-org":{"description":"Setting `posture-allowed-org`.","type":"string","minLength":1,"maxLength":64},"allowed-upstreams":{"description":"Setting `posture-allowed-upstreams`.","$ref":"#/definitions/stringList"},"lifecycle-horizon-days":{"description":"Setting `lifecycle-horizon-days`: how many days ahead lifecycle-expiry looks.","type":"integer","minimum":1,"maximum":3650},"allowed-kms-keys":{"description":"Setting `posture-allowed-kms-keys`: KMS key ARNs a repository may be encrypted with.","$ref":"#/definitions/stringList"}}},"postureLevel":{"enum":["off","warn","fail"]},"override":{"type":"object","additionalProperties":false,"required":["repositories"],"properties":{"repositories":{"description":"Repository name globs (`*` any characters, `?` one); the override applies to an image whose repository matches any of them.","type":"array","minItems":1,"maxItems":100,"items":{"type":"string","pattern":"^[a-z0-9._\\\\-/*?]{1,256}$"}},"vulnerabilities":{"$ref":"#/definitions/vulnerabilities"},"scan":{"$ref":"#/definitions/scan"},"signatures":{"$ref":"#/definitions/signatures"},"posture":{"$ref":"#/definitions/posture"},"provenance":{"$ref":"#/definitions/provenance"}}},"provenance":{"description":"Build provenance: GitHub artifact attestations (the token stays an input: it is a secret).","type":"object","additionalProperties":false,"properties":{"attestation":{"description":"Setting `attestation`.","enum":["off","required"]},"owner":{"description":"Setting `attestation-owner`.","type":"string","minLength":1,"maxLength":256},"repo":{"description":"Setting `attestation-repo`.","type":"string","minLength":1,"maxLength":256},"signer-workflow":{"description":"Setting `attestation-signer-workflow`.","type":"string","minLength":1,"maxLength":2048},"signer-repo":{"description":"Setting `attestation-signer-repo`.","type":"string","minLength":1,"maxLength":256},"source-ref":{"description":"Setting `attestation-source-ref`.","type":"string","minLength":1,"maxLength":2048},"source-digest":{"description":"Setting `attestation-source-digest`.","type":"string","minLength":1,"maxLength":128},"signer-digest":{"description":"Setting `attestation-signer-digest`.","type":"string","minLength":1,"maxLength":128},"oidc-issuer":{"description":"Setting `attestation-oidc-issuer`.","type":"string","minLength":1,"maxLength":2048},"deny-self-hosted-runners":{"description":"Setting `attestation-deny-self-hosted-runners`.","type":"boolean"},"predicate-type":{"description":"Setting `attestation-predicate-type`.","type":"string","minLength":1,"maxLength":2048},"source":{"description":"Setting `attestation-source`: api, registry, or a bundle file path (relative to the working directory).","type":"string","minLength":1,"maxLength":4096},"trusted-root":{"description":"Setting `attestation-trusted-root`.","$ref":"#/definitions/path"},"tuf-mirror":{"description":"Setting `attestation-tuf-mirror`: the https URL of GitHub\'s TUF repository, or off.","type":"string","minLength":1,"maxLength":2048},"tuf-root":{"description":"Setting `attestation-tuf-root`: path to the root.json of GitHub\'s TUF repository (the GitHub CLI embeds it).","$ref":"#/definitions/path"}}}}}');
// EXTERNAL MODULE: ./src/core/settings.ts
var settings = __webpack_require__(51922);
;// CONCATENATED MODULE: ./src/config/policy-file.ts
/**
 * The policy file: one deploy policy for every pipeline, read by the Action (input `policy`) and the
 * CLI (`--policy`). YAML or JSON with `version: 1`, validated once against `policy.schema.json` (the
 * one schema, shipped at the repository root), then mapped onto the gate's setting keys by
 * `POLICY_FIELDS`: adding a setting to the file is one schema entry and one line there. The
 * adapters then read each setting as "the inline value, else the file's value" (`layeredReader`), so
 * an inline input or flag overrides the file field by field.
 *
 * Validation is strict: an unknown key is an error, because a typo (`max-hgih: 0`) must not loosen
 * the gate. Every error is a `SettingError('policy')` naming the file, the JSON path and what was
 * expected: `gate.yml: vulnerabilities.max-high: expected a non-negative integer, got "two"`.
 */









/** Largest policy file accepted, in bytes. */
const POLICY_FILE_MAX_BYTES = 1024 * 1024;
/** Deepest nesting of mappings and lists accepted; a policy needs about six. */
const POLICY_MAX_DEPTH = 32;
/** How many schema problems one error message lists. */
const policy_file_MAX_REPORTED_ERRORS = 5;
/**
 * The file's fields and the settings they set. A new setting in the file is one line here plus its
 * schema entry (a test checks the two agree). `github-token` is not in the file: it is a secret.
 */
const POLICY_FIELDS = [
    { field: 'mode', setting: settings/* Setting */.B.Mode, kind: 'value', perRepository: false },
    { field: 'fail-fast', setting: settings/* Setting */.B.FailFast, kind: 'value', perRepository: false },
    { field: 'timeout', setting: settings/* Setting */.B.Timeout, kind: 'value', perRepository: false },
    { field: 'vulnerabilities.severity-threshold', setting: settings/* Setting */.B.SeverityThreshold, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.ignore-unfixed', setting: settings/* Setting */.B.IgnoreUnfixed, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.max-critical', setting: settings/* Setting */.B.MaxCritical, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.max-high', setting: settings/* Setting */.B.MaxHigh, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.max-medium', setting: settings/* Setting */.B.MaxMedium, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.max-low', setting: settings/* Setting */.B.MaxLow, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.min-epss', setting: settings/* Setting */.B.MinEpss, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.exploitable-only', setting: settings/* Setting */.B.ExploitableOnly, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.allowlist', setting: settings/* Setting */.B.Allowlist, kind: 'path', perRepository: true },
    { field: 'scan.type', setting: settings/* Setting */.B.ScanType, kind: 'value', perRepository: true },
    { field: 'scan.timeout', setting: settings/* Setting */.B.ScanTimeout, kind: 'value', perRepository: true },
    { field: 'scan.start', setting: settings/* Setting */.B.StartScan, kind: 'value', perRepository: true },
    { field: 'signatures.notation.signing-profile-arns', setting: settings/* Setting */.B.SigningProfileArns, kind: 'value', perRepository: true },
    { field: 'signatures.notation.trust-policy', setting: settings/* Setting */.B.TrustPolicy, kind: 'path', perRepository: true },
    { field: 'signatures.notation.trust-store', setting: settings/* Setting */.B.TrustStore, kind: 'path', perRepository: true },
    { field: 'posture.rules', setting: settings/* Setting */.B.Posture, kind: 'value', perRepository: true },
    { field: 'posture.allowed-accounts', setting: settings/* Setting */.B.PostureAllowedAccounts, kind: 'value', perRepository: true },
    { field: 'posture.allowed-org', setting: settings/* Setting */.B.PostureAllowedOrg, kind: 'value', perRepository: true },
    { field: 'posture.allowed-upstreams', setting: settings/* Setting */.B.PostureAllowedUpstreams, kind: 'value', perRepository: true },
    { field: 'posture.lifecycle-horizon-days', setting: settings/* Setting */.B.LifecycleHorizonDays, kind: 'value', perRepository: true },
    { field: 'posture.allowed-kms-keys', setting: settings/* Setting */.B.PostureAllowedKmsKeys, kind: 'value', perRepository: true },
    { field: 'vulnerabilities.allowlist-warn-days', setting: settings/* Setting */.B.AllowlistWarnDays, kind: 'value', perRepository: true },
    { field: 'signatures.required', setting: settings/* Setting */.B.SignaturesRequired, kind: 'value', perRepository: true },
    { field: 'signatures.cosign.key', setting: settings/* Setting */.B.CosignKey, kind: 'value', perRepository: true },
    { field: 'signatures.cosign.certificate-identity', setting: settings/* Setting */.B.CosignCertificateIdentity, kind: 'value', perRepository: true },
    {
        field: 'signatures.cosign.certificate-identity-regexp',
        setting: settings/* Setting */.B.CosignCertificateIdentityRegexp,
        kind: 'value',
        perRepository: true
    },
    { field: 'signatures.cosign.certificate-oidc-issuer', setting: settings/* Setting */.B.CosignCertificateOidcIssuer, kind: 'value', perRepository: true },
    {
        field: 'signatures.cosign.certificate-oidc-issuer-regexp',
        setting: settings/* Setting */.B.CosignCertificateOidcIssuerRegexp,
        kind: 'value',
        perRepository: true
    },
    { field: 'signatures.cosign.trusted-root', setting: settings/* Setting */.B.SigstoreTrustedRoot, kind: 'path', perRepository: true },
    { field: 'signatures.cosign.tuf-mirror', setting: settings/* Setting */.B.SigstoreTufMirror, kind: 'value', perRepository: true },
    { field: 'signatures.cosign.tuf-root', setting: settings/* Setting */.B.SigstoreTufRoot, kind: 'path', perRepository: true },
    { field: 'signatures.cosign.ignore-tlog', setting: settings/* Setting */.B.CosignIgnoreTlog, kind: 'value', perRepository: true },
    { field: 'provenance.attestation', setting: settings/* Setting */.B.Attestation, kind: 'value', perRepository: true },
    { field: 'provenance.owner', setting: settings/* Setting */.B.AttestationOwner, kind: 'value', perRepository: true },
    { field: 'provenance.repo', setting: settings/* Setting */.B.AttestationRepo, kind: 'value', perRepository: true },
    { field: 'provenance.signer-workflow', setting: settings/* Setting */.B.AttestationSignerWorkflow, kind: 'value', perRepository: true },
    { field: 'provenance.signer-repo', setting: settings/* Setting */.B.AttestationSignerRepo, kind: 'value', perRepository: true },
    { field: 'provenance.source-ref', setting: settings/* Setting */.B.AttestationSourceRef, kind: 'value', perRepository: true },
    { field: 'provenance.source-digest', setting: settings/* Setting */.B.AttestationSourceDigest, kind: 'value', perRepository: true },
    { field: 'provenance.signer-digest', setting: settings/* Setting */.B.AttestationSignerDigest, kind: 'value', perRepository: true },
    { field: 'provenance.oidc-issuer', setting: settings/* Setting */.B.AttestationOidcIssuer, kind: 'value', perRepository: true },
    { field: 'provenance.deny-self-hosted-runners', setting: settings/* Setting */.B.AttestationDenySelfHostedRunners, kind: 'value', perRepository: true },
    { field: 'provenance.predicate-type', setting: settings/* Setting */.B.AttestationPredicateType, kind: 'value', perRepository: true },
    { field: 'provenance.source', setting: settings/* Setting */.B.AttestationSource, kind: 'value', perRepository: true },
    { field: 'provenance.trusted-root', setting: settings/* Setting */.B.AttestationTrustedRoot, kind: 'path', perRepository: true },
    { field: 'provenance.tuf-mirror', setting: settings/* Setting */.B.AttestationTufMirror, kind: 'value', perRepository: true },
    { field: 'provenance.tuf-root', setting: settings/* Setting */.B.AttestationTufRoot, kind: 'path', perRepository: true }
];
let validator;
/** The schema compiled once per process. */
function validate(data) {
    if (validator === undefined) {
        const ajv = new dist_ajv.Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
        validator = ajv.compile(policy_schema_namespaceObject);
    }
    return validator(data) ? [] : [...(validator.errors ?? [])];
}
function policy_file_fail(source, problems) {
    const shown = problems.slice(0, policy_file_MAX_REPORTED_ERRORS);
    const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
    throw new core_errors/* SettingError */.L_(settings/* Setting */.B.Policy, `${source}: ${shown.join('; ')}${more}`);
}
/** A user value echoed in a message: JSON, bounded. */
function policy_file_show(value) {
    let text;
    try {
        text = value === undefined ? 'nothing' : JSON.stringify(value);
    }
    catch {
        text = String(value);
    }
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
/** `/vulnerabilities/max-high` → `vulnerabilities.max-high`; `/overrides/0/repositories` → `overrides[0].repositories`. */
function jsonPath(pointer) {
    const parts = pointer
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let out = '';
    for (const part of parts)
        out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
    return out;
}
/** What a schema node expects, in words. */
function expected(node) {
    if (node === undefined)
        return 'a valid value';
    if ('const' in node)
        return `${policy_file_show(node.const)}`;
    if (Array.isArray(node.enum)) {
        const seen = new Set();
        const names = node.enum.map(String).filter((v) => {
            const k = v.toUpperCase();
            if (seen.has(k))
                return false;
            seen.add(k);
            return true;
        });
        return `one of ${names.join(', ')}`;
    }
    const type = node.type;
    if (type === 'integer') {
        const min = node.minimum;
        const max = node.maximum;
        if (min === 0)
            return `a non-negative integer${typeof max === 'number' ? ` (at most ${max})` : ''}`;
        if (typeof min === 'number' && typeof max === 'number')
            return `a whole number from ${min} to ${max}`;
        return 'a whole number';
    }
    if (type === 'number') {
        if (typeof node.minimum === 'number' && typeof node.maximum === 'number')
            return `a number from ${node.minimum} to ${node.maximum}`;
        return 'a number';
    }
    if (type === 'boolean')
        return 'true or false';
    if (type === 'string')
        return typeof node.pattern === 'string' ? `a string matching ${node.pattern}` : 'a string';
    if (type === 'array')
        return 'a list';
    if (type === 'object')
        return 'a mapping';
    return 'a valid value';
}
/** Resolves a schema `$ref` (only local `#/definitions/…` ones exist). */
function deref(node) {
    let current = node;
    for (let i = 0; i < 10 && current !== undefined && typeof current.$ref === 'string'; i++) {
        const name = current.$ref.replace('#/definitions/', '');
        current = policy_schema_namespaceObject.definitions[name];
    }
    return current;
}
/** One ajv error as `path: expected …, got …`. Errors under a failed `oneOf` are summarised by the `oneOf`. */
function describe(error) {
    const where = jsonPath(error.instancePath);
    const at = where === '' ? '(top level)' : where;
    const node = deref(error.parentSchema);
    switch (error.keyword) {
        case 'additionalProperties': {
            const key = String(error.params.additionalProperty);
            const allowed = Object.keys(node?.properties ?? {});
            const place = where === '' ? key : `${where}.${key}`;
            return `${place}: unknown key; expected one of ${allowed.join(', ')}`;
        }
        case 'required': {
            const key = String(error.params.missingProperty);
            return `${where === '' ? key : `${where}.${key}`}: required${key === 'version' ? ' (version: 1)' : ''}`;
        }
        case 'oneOf': {
            const options = (node?.oneOf ?? []).map((o) => expected(deref(o)));
            return `${at}: expected ${options.join(', or ')}, got ${policy_file_show(error.data)}`;
        }
        case 'maxItems':
        case 'minItems':
        case 'maxLength':
        case 'minLength':
            return `${at}: expected ${error.message ?? 'a valid length'}, got ${policy_file_show(error.data)}`;
        default:
            return `${at}: expected ${expected(node)}, got ${policy_file_show(error.data)}`;
    }
}
/**
 * The errors worth showing: a failed `oneOf` stands for its branches' errors at the same place, unless
 * a deeper error (inside a list the value is) says more; one message a place.
 */
function relevant(errors) {
    const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
    const deeper = (p) => errors.some((e) => e.instancePath.startsWith(`${p}/`));
    const kept = errors.filter((e) => (e.keyword === 'oneOf' ? !deeper(e.instancePath) : !oneOfAt.has(e.instancePath)));
    const seen = new Set();
    return kept.filter((e) => {
        const key = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}
/** Depth of nested mappings and lists, stopping once past `limit`. */
function depthOf(value, limit, depth = 0) {
    if (depth > limit || value === null || typeof value !== 'object')
        return depth;
    let max = depth;
    for (const child of Object.values(value)) {
        max = Math.max(max, depthOf(child, limit, depth + 1));
        if (max > limit)
            break;
    }
    return max;
}
/** Flow brackets nested deeper than the limit, checked on the text before YAML parses it (its parser recurses). */
function bracketDepthExceeded(text, limit) {
    let depth = 0;
    for (const ch of text) {
        if (ch === '[' || ch === '{') {
            depth++;
            if (depth > limit)
                return true;
        }
        else if ((ch === ']' || ch === '}') && depth > 0)
            depth--;
    }
    return false;
}
function policy_file_at(data, dotted) {
    let current = data;
    for (const part of dotted.split('.')) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[part];
    }
    return current;
}
/** A posture `rules` value as the `posture` setting's text: `recommended` first, then `rule=level`. */
function postureText(value) {
    if (typeof value === 'string')
        return value;
    const map = value;
    const entries = Object.entries(map).filter(([k]) => k !== 'recommended');
    const levels = entries.map(([rule, level]) => `${rule}=${String(level)}`);
    const recommended = map.recommended === true ? ['recommended'] : [];
    const text = [...recommended, ...levels].join('\n');
    return text === '' ? 'off' : text;
}
/** One level of the validated file as setting texts. */
function layerOf(data, source, prefix, baseDir, topLevel) {
    const layer = { values: {} };
    for (const f of POLICY_FIELDS) {
        if (!topLevel && !f.perRepository)
            continue;
        const value = policy_file_at(data, f.field);
        if (value === undefined)
            continue;
        if (f.setting === settings/* Setting */.B.Allowlist && Array.isArray(value)) {
            // Inline entries go through the allowlist file's own parser, so both forms follow one set of rules.
            try {
                layer.allowlistEntries = parseAllowlist((0,dist/* stringify */.As)({ vulnerabilities: value }), `${source}: ${prefix}${f.field}`);
            }
            catch (error) {
                throw new core_errors/* SettingError */.L_(settings/* Setting */.B.Policy, (0,core_errors/* errorMessage */.gJ)(error));
            }
            continue;
        }
        let text;
        if (f.setting === settings/* Setting */.B.Posture)
            text = postureText(value);
        else if (Array.isArray(value))
            text = value.map(String).join('\n');
        else
            text = typeof value === 'string' ? value : JSON.stringify(value);
        if (f.kind === 'path')
            text = external_node_path_.resolve(baseDir, text);
        layer.values[f.setting] = text;
    }
    return layer;
}
/**
 * Parses and validates a policy file's text. `source` names it in messages; relative paths in it
 * are resolved from `baseDir` (the file's folder). Throws only `SettingError('policy')`.
 */
function parsePolicyFile(text, source, baseDir) {
    if (Buffer.byteLength(text, 'utf8') > POLICY_FILE_MAX_BYTES)
        policy_file_fail(source, [`larger than ${POLICY_FILE_MAX_BYTES} bytes`]);
    if (bracketDepthExceeded(text, POLICY_MAX_DEPTH))
        policy_file_fail(source, [`nested more than ${POLICY_MAX_DEPTH} deep; a policy needs no such nesting`]);
    let data;
    try {
        // uniqueKeys: YAML keeps the last of two equal keys silently; refuse it. JSON is YAML, so one parser reads both.
        const doc = (0,dist/* parseDocument */.Tp)(text.startsWith('\uFEFF') ? text.slice(1) : text, { uniqueKeys: true, prettyErrors: true });
        const first = doc.errors[0];
        if (first)
            policy_file_fail(source, [`not valid YAML or JSON: ${first.message.split('\n')[0] ?? first.message}`]);
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        if (error instanceof core_errors/* SettingError */.L_)
            throw error;
        policy_file_fail(source, [`not valid YAML or JSON: ${(0,core_errors/* errorMessage */.gJ)(error).split('\n')[0] ?? ''}`]);
    }
    if (data === null || data === undefined)
        policy_file_fail(source, ['empty; expected a mapping with version: 1']);
    if (depthOf(data, POLICY_MAX_DEPTH) > POLICY_MAX_DEPTH) {
        policy_file_fail(source, [`nested more than ${POLICY_MAX_DEPTH} deep; a policy needs no such nesting`]);
    }
    if (typeof data !== 'object' || Array.isArray(data))
        policy_file_fail(source, [`expected a mapping with version: 1 at the top level, got ${policy_file_show(data)}`]);
    const errors = validate(data);
    if (errors.length > 0)
        policy_file_fail(source, relevant(errors).map(describe));
    const top = data;
    const overrides = (top.overrides ?? []).map((o, i) => ({
        repositories: [...o.repositories],
        ...layerOf(o, source, `overrides[${i}].`, baseDir, false)
    }));
    return {
        source,
        sha256: (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex'),
        base: layerOf(top, source, '', baseDir, true),
        overrides
    };
}
/**
 * Reads and validates the policy file at `file`. The size is checked before the file is read; a
 * missing or unreadable file is `SettingError('policy', 'cannot read <file>: …')`.
 */
async function loadPolicyFile(file) {
    let bytes;
    try {
        bytes = await (0,read_file/* readBoundedFile */.M)(file, POLICY_FILE_MAX_BYTES);
    }
    catch (error) {
        if (error instanceof read_file/* FileReadError */.t && error.kind === 'type')
            policy_file_fail(file, ['cannot read it: not a regular file']);
        if (error instanceof read_file/* FileReadError */.t && error.kind === 'size')
            policy_file_fail(file, [error.message]);
        throw new core_errors/* SettingError */.L_(settings/* Setting */.B.Policy, `cannot read the policy file ${file}: ${(0,core_errors/* errorMessage */.gJ)(error)}`);
    }
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        policy_file_fail(file, ['not valid UTF-8']);
    }
    return parsePolicyFile(text, file, external_node_path_.dirname(external_node_path_.resolve(file)));
}
/** Whether `repository` matches a glob of `*` (any characters, `/` included) and `?` (one character). */
function repositoryMatches(glob, repository) {
    const pattern = glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${pattern}$`).test(repository);
}
/** The indices of the overrides that apply to `repository`, in file order. */
function overridesFor(file, repository) {
    return file.overrides.flatMap((o, i) => (o.repositories.some((g) => repositoryMatches(g, repository)) ? [i] : []));
}
/**
 * The layers that apply to `repository`, weakest first: the file's top level, then each matching
 * override in file order.
 */
function layersFor(file, repository) {
    return [file.base, ...overridesFor(file, repository).map((i) => file.overrides[i])];
}
/**
 * Reads a setting as "the inline value, else the strongest layer's": inline inputs and flags
 * override the file field by field. An empty inline value means "not given".
 */
function layeredReader(inline, layers) {
    return (name) => {
        const own = inline(name);
        if (own.trim() !== '')
            return own;
        for (let i = layers.length - 1; i >= 0; i--) {
            const value = layers[i].values[name];
            if (value !== undefined)
                return value;
            // An inline allowlist of a stronger layer hides a weaker layer's allowlist path.
            if (name === settings/* Setting */.B.Allowlist && layers[i].allowlistEntries !== undefined)
                return '';
        }
        return '';
    };
}
/** The inline allowlist entries in force when the inline `allowlist` input is empty, if any. */
function layeredAllowlistEntries(inlineAllowlist, layers) {
    if (inlineAllowlist.trim() !== '')
        return undefined;
    for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i];
        if (layer.allowlistEntries !== undefined)
            return layer.allowlistEntries;
        if (layer.values[settings/* Setting */.B.Allowlist] !== undefined)
            return undefined;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/config/index.ts
/** `config/`: the files a team writes its policy in: the policy file and the allowlist file. */




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
