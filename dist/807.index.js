export const id = 807;
export const ids = [807];
export const modules = {

/***/ 28807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  setErrorOutputs: () => (/* reexport */ setErrorOutputs),
  setRunOutputs: () => (/* reexport */ setRunOutputs),
  writeErrorReport: () => (/* binding */ writeErrorReport),
  writeRunReport: () => (/* binding */ writeRunReport),
  writeRunSarif: () => (/* binding */ writeRunSarif),
  writeSummary: () => (/* binding */ writeSummary)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * Making untrusted text (finding titles, package names, AWS error messages, allowlist reasons)
 * inert before it reaches GitHub-flavoured markdown, and the only place advisory links are built.
 */
/** Default cap on one escaped value, in characters of the original text. */
const DEFAULT_MAX_LENGTH = 300;
/**
 * Control characters (C0, DEL, C1), line/paragraph separators, and the bidi/zero-width formatting
 * characters that can make text read differently from what it is ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
/**
 * HTML-significant characters become entities; markdown metacharacters get a backslash (GFM
 * honours a backslash before any ASCII punctuation, also inside table cells, where `\|` keeps a
 * pipe from splitting the cell).
 */
const REPLACEMENTS = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '\\': '\\\\',
    '`': '\\`',
    '*': '\\*',
    _: '\\_',
    '{': '\\{',
    '}': '\\}',
    '[': '\\[',
    ']': '\\]',
    '(': '\\(',
    ')': '\\)',
    '#': '\\#',
    '+': '\\+',
    '-': '\\-',
    '!': '\\!',
    '|': '\\|',
    '~': '\\~',
    // A zero-width joiner after @ stops GitHub from turning @user or @org/team into a mention.
    '@': '@\u200d'
};
const METACHARS = /[&<>"'\\`*_{}[\]()#+\-!|~@]/g;
/**
 * Collapses untrusted text to one printable line: control and formatting characters and newlines
 * become spaces, runs of whitespace one space, and the result is cut to `maxLength` code points
 * with an ellipsis. The cut happens first so escaping a huge string costs no more than a short one.
 */
function escape_plainLine(text, maxLength = DEFAULT_MAX_LENGTH) {
    let s = typeof text === 'string' ? text : String(text ?? '');
    const max = Math.max(1, Math.floor(maxLength));
    // Pre-cut generously (a code point is at most 2 UTF-16 units, whitespace may collapse) so that
    // a 1 MB string is never scanned whole.
    if (s.length > max * 4 + 16)
        s = s.slice(0, max * 4 + 16);
    s = s.replace(UNSAFE_CHARS, ' ').replace(/\s+/g, ' ').trim();
    const points = Array.from(s);
    if (points.length > max)
        return `${points
            .slice(0, max - 1)
            .join('')
            .trimEnd()}…`;
    return s;
}
/**
 * Escapes untrusted text for GitHub-flavoured markdown inside table cells and list items:
 * strips control characters and newlines (to spaces), caps the length (default 300 characters,
 * with an ellipsis), HTML-escapes `< > & " '`, backslash-escapes the markdown metacharacters
 * `\ ` * _ { } [ ] ( ) # + - ! | ~`, and neutralises @mentions and bare-URL autolinks (`https://…`,
 * `www.…`) with a zero-width joiner.
 * Never put the result inside a code span: backslashes are literal there.
 */
function escapeMarkdown(text, maxLength = DEFAULT_MAX_LENGTH) {
    return escapeInline(escape_plainLine(text, maxLength));
}
/** The escaping of `escapeMarkdown` on text already made one plain line. */
function escapeInline(line) {
    return (line
        .replace(METACHARS, (c) => REPLACEMENTS[c] ?? c)
        // GFM turns bare `scheme://…` and `www.…` into links; a zero-width joiner keeps them text.
        .replace(/:\/\//g, ':\u200d//')
        .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u200d.`));
}
/**
 * An inline code span holding `text` exactly (made one plain line, capped): what a person copies
 * from it is the value, with nothing inserted — no mention or autolink is formed inside a code span.
 * In a table cell (`inTable`) a pipe is backslash-escaped, which GFM renders as a plain pipe.
 */
function codeSpan(text, maxLength = DEFAULT_MAX_LENGTH, options = {}) {
    let line = escape_plainLine(text, maxLength);
    if (options.inTable)
        line = line.replace(/\|/g, '\\|');
    const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${line}${pad}${fence}`;
}
/** ECR image URIs (with tag and/or digest), `repository[:tag]@sha256:…` references and bare digests. */
const COPYABLE = /\b\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?|[a-z0-9][a-z0-9._/-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}|\bsha256:[0-9a-f]{64}/g;
/**
 * `escapeMarkdown`, except that image references and digests inside the text (the values a person
 * copies into a deploy) are put in code spans verbatim instead of being escaped.
 */
function escapeMarkdownKeepingRefs(text, maxLength = DEFAULT_MAX_LENGTH, options = {}) {
    const line = escape_plainLine(text, maxLength);
    let out = '';
    let last = 0;
    for (const match of line.matchAll(COPYABLE)) {
        out += escapeInline(line.slice(last, match.index)) + codeSpan(match[0], match[0].length, options);
        last = match.index + match[0].length;
    }
    return out + escapeInline(line.slice(last));
}
/**
 * Escapes text for a SARIF plain-text `message`/`description`: SARIF (§3.11.5) lets `[` `]` form
 * links to related locations, and the backslash escapes them.
 */
function escape_escapeSarifText(text, maxLength = 1000) {
    return escape_plainLine(text, maxLength).replace(/[\\[\]]/g, (c) => `\\${c}`);
}
const CVE = /^CVE-\d{4}-\d{4,7}$/i;
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i;
/** Amazon Linux 1 (ALAS-), 2 (ALAS2-), 2023 (ALAS2023-) advisories, which the ALAS site files per release. */
const ALAS = /^ALAS(2|2023)?-(\d{4})-(\d{1,6})$/i;
const GO = /^GO-\d{4}-\d{4,6}$/i;
const RUSTSEC = /^RUSTSEC-\d{4}-\d{4}$/i;
/**
 * Advisory link for a vulnerability id, built only from ids that match a strict pattern (so the
 * URL cannot carry anything else): CVE → NVD, GHSA → GitHub advisories, ALAS/ALAS2/ALAS2023 →
 * the Amazon Linux security center, GO → pkg.go.dev, RUSTSEC → rustsec.org. Undefined for
 * anything else; the renderer then shows the escaped id as plain text.
 */
function advisoryUrl(id) {
    if (typeof id !== 'string')
        return undefined;
    if (CVE.test(id))
        return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`;
    if (GHSA.test(id))
        return `https://github.com/advisories/GHSA-${id.slice(5).toLowerCase()}`;
    const alas = ALAS.exec(id);
    if (alas) {
        // The site's file names: AL1 /ALAS-…, AL2 /AL2/ALAS-… (prefix without the 2), AL2023 /AL2023/ALAS2023-….
        const [, release, year, number] = alas;
        if (release === undefined)
            return `https://alas.aws.amazon.com/ALAS-${year}-${number}.html`;
        if (release === '2')
            return `https://alas.aws.amazon.com/AL2/ALAS-${year}-${number}.html`;
        return `https://alas.aws.amazon.com/AL2023/ALAS2023-${year}-${number}.html`;
    }
    if (GO.test(id))
        return `https://pkg.go.dev/vuln/${id.toUpperCase()}`;
    if (RUSTSEC.test(id))
        return `https://rustsec.org/advisories/${id.toUpperCase()}.html`;
    return undefined;
}
/** A markdown link to the advisory for `id`, or the escaped id when no safe link can be built. */
function advisoryLink(id) {
    const url = advisoryUrl(id);
    const label = escapeMarkdown(id, 80);
    return url === undefined ? label : `[${label}](${url})`;
}

;// CONCATENATED MODULE: ./src/report/effective-policy.ts
/**
 * The effective policy of a run that read a policy file: which file (and its SHA-256), and for each
 * group of images sharing one set of settings, the settings and where each came from. In full in the
 * JSON report (`effectivePolicy`), in short in the summary.
 */

/** Adds `effectivePolicy` to a rendered JSON report (any of its three shapes). */
function withEffectivePolicy(report, effective) {
    return effective === undefined ? report : { ...report, effectivePolicy: effective };
}
/**
 * A few lines for the summary: the file, the overrides applied, and the settings given inline
 * (which beat the file). Nothing when no policy file was read.
 */
function renderEffectivePolicySummary(effective) {
    if (effective?.file === undefined)
        return '';
    const lines = [`**Policy file:** ${escapeMarkdown(effective.file.path, 300)} (sha256 \`${effective.file.sha256.slice(0, 12)}\`)`];
    for (const g of effective.groups) {
        const inline = Object.entries(g.sources)
            .filter(([, s]) => s === 'input')
            .map(([k]) => k);
        const parts = [
            g.overrides.length > 0 ? `overrides ${g.overrides.map((i) => `#${i}`).join(', ')}` : 'no override',
            inline.length > 0 ? `set inline: ${inline.join(', ')}` : undefined
        ].filter((p) => p !== undefined);
        if (effective.groups.length > 1 || g.overrides.length > 0 || inline.length > 0) {
            const who = effective.groups.length > 1 ? `${g.images.length} image(s): ` : '';
            lines.push(`- ${who}${escapeMarkdown(parts.join('; '), 500)}`);
        }
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/posture.ts
function posture_text(value, fallback = '') {
    return typeof value === 'string' ? value : fallback;
}
/** The posture rows of a verdict, in check order; empty when posture is off. */
function postureOf(verdict) {
    return verdict.checks
        .filter((c) => c.kind === 'posture')
        .map((c) => {
        const e = c.evidence;
        const row = {
            rule: posture_text(e.rule, c.id.replace(/^posture\//, '')),
            level: e.level === 'warn' ? 'warn' : 'fail',
            outcome: posture_text(e.outcome, c.status === 'passed' ? 'pass' : 'error'),
            status: c.status,
            enforced: c.enforced,
            control: posture_text(e.control),
            // A check that threw has no rule evidence: its reasons say why.
            reason: posture_text(e.reason, c.reasons.join('; '))
        };
        if (typeof e.fix === 'string')
            row.fix = e.fix;
        if (Array.isArray(e.details))
            row.details = e.details.filter((d) => typeof d === 'string');
        return row;
    });
}
/** The posture status of one verdict. */
function verdictPostureStatus(verdict) {
    const rows = postureOf(verdict);
    if (rows.length === 0)
        return 'off';
    if (rows.some((r) => r.enforced && r.status !== 'passed'))
        return 'failed';
    if (rows.some((r) => r.status !== 'passed'))
        return 'warning';
    return 'passed';
}
/**
 * The `posture-status` of a run: `off` when no image ran a posture rule; else the worst image status,
 * where an image that could not be gated counts as `failed` (its posture was never checked).
 */
function runPostureStatus(outcomes) {
    const statuses = outcomes.map((o) => ('verdict' in o ? verdictPostureStatus(o.verdict) : undefined));
    if (statuses.every((s) => s === 'off' || s === undefined))
        return 'off';
    if (statuses.some((s) => s === 'failed' || s === undefined))
        return 'failed';
    if (statuses.some((s) => s === 'warning'))
        return 'warning';
    return 'passed';
}
/** The report's `posture` object: the status and every rule's row. */
function postureJson(verdict) {
    return { status: verdictPostureStatus(verdict), rules: postureOf(verdict) };
}

;// CONCATENATED MODULE: ./src/report/provenance.ts
const PROVENANCE_FIELDS = [
    'instance',
    'repository',
    'workflow',
    'signer',
    'ref',
    'commit',
    'runUrl',
    'runnerEnvironment',
    'trigger',
    'visibility',
    'issuer',
    'attestedAt',
    'predicateType',
    'subjectName',
    'trustedRoot'
];
function checkOf(verdict) {
    return verdict.checks.find((c) => c.kind === 'attestation');
}
/** The build-provenance report of a verdict; undefined when it was not checked. */
function provenanceOf(verdict) {
    const check = checkOf(verdict);
    if (check === undefined)
        return undefined;
    const e = check.evidence;
    const out = {
        status: check.status,
        reasons: [...check.reasons],
        rejected: Array.isArray(e.rejected) ? e.rejected.filter((r) => typeof r === 'string') : []
    };
    if (typeof e.source === 'string')
        out.source = e.source;
    if (typeof e.bundles === 'number')
        out.bundles = e.bundles;
    const p = e.provenance;
    if (p !== undefined && typeof p === 'object') {
        const provenance = {};
        for (const key of PROVENANCE_FIELDS)
            if (typeof p[key] === 'string')
                provenance[key] = p[key];
        out.provenance = provenance;
    }
    return out;
}
/** The attestation status of one verdict. */
function verdictAttestationStatus(verdict) {
    return checkOf(verdict)?.status ?? 'off';
}
/**
 * The `attestation-status` of a run: `off` when no image was checked; `verified` only when every image
 * verified; else the first other status in input order (an image that could not be gated is `error`).
 */
function runAttestationStatus(outcomes) {
    const statuses = outcomes.map((o) => ('verdict' in o ? verdictAttestationStatus(o.verdict) : undefined));
    if (statuses.every((s) => s === 'off' || s === undefined))
        return 'off';
    const other = statuses.find((s) => s !== 'verified');
    if (other === undefined)
        return 'verified';
    return other === 'off' ? 'error' : (other ?? 'error');
}

// EXTERNAL MODULE: ./src/core/signature-status.ts
var signature_status = __webpack_require__(95652);
;// CONCATENATED MODULE: ./src/report/signature.ts

/** The signature result of a verdict; `skipped` when no signature check ran. */
function signatureOf(verdict) {
    const check = verdict.checks.find((c) => c.kind === 'signature');
    if (check === undefined)
        return { status: 'skipped', reason: 'no signature input given' };
    const evidence = check.evidence;
    const status = (0,signature_status/* signatureStatusOf */.u)(check.status);
    // A check that could not be completed has no verifier result as evidence: its reasons say why.
    if (typeof evidence.status !== 'string')
        return { status, ...(check.reasons.length > 0 ? { reason: check.reasons.join('; ') } : {}) };
    return { ...evidence, status };
}
/** Evidence keys shown per system, in this order. */
const SYSTEM_EVIDENCE_KEYS = [
    'signer',
    'key',
    'keyFingerprint',
    'identity',
    'issuer',
    'signingProfile',
    'signedAt',
    'tlogIndex',
    'integratedTime',
    'timestampTime',
    'payloadDigest',
    'layout',
    'envelope',
    'signatureDigest',
    'trustedRoot'
];
/**
 * Each signature system's result when the verdict's signature check is cosign's or a combination
 * of systems (`signatures-required`); undefined for Notation alone (its report keeps its shape).
 */
function signatureSystems(verdict) {
    const check = verdict.checks.find((c) => c.kind === 'signature');
    if (check === undefined)
        return undefined;
    const nested = check.evidence.systems;
    const results = Array.isArray(nested) ? nested : check.system === 'cosign' ? [check] : undefined;
    return results?.map((r) => {
        const evidence = {};
        const source = r.evidence;
        for (const key of SYSTEM_EVIDENCE_KEYS)
            if (typeof source[key] === 'string')
                evidence[key] = source[key];
        return { system: r.system ?? r.id, status: r.status, reasons: [...r.reasons], evidence };
    });
}
/** `all` or `any` when several signature systems were combined. */
function signaturesRequiredOf(verdict) {
    const check = verdict.checks.find((c) => c.kind === 'signature');
    const required = check?.evidence?.required;
    return required === 'all' || required === 'any' ? required : undefined;
}

// EXTERNAL MODULE: ./src/core/constants.ts
var constants = __webpack_require__(26214);
// EXTERNAL MODULE: ./src/policy/severity.ts
var severity = __webpack_require__(23863);
;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary: the verdict first, then why, then the evidence. Every piece of text that came
 * from outside (finding titles, package names, AWS messages, allowlist reasons, tags) goes through
 * `escapeMarkdown`; links are built only by `advisoryLink` from vetted ids. The output is bounded
 * in UTF-8 bytes: long lists are cut first, and if that is not enough a short summary points at the
 * JSON report.
 */






/** `1 finding`, `2 findings`; `plural(1, 'entry', 'entries')`. */
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const MAX_REASONS = 50;
const MAX_SCAN_ROWS = 200;
const MAX_SIGNATURE_DETAILS = 20;
/** Bytes kept back for headings, wrappers and "… more" lines around the bounded lists. */
const SLACK_BYTES = 4096;
function bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}
/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(text, max) {
    if (bytes(text) <= max)
        return text;
    const buf = Buffer.from(text, 'utf8').subarray(0, Math.max(0, max));
    // A partial trailing sequence decodes to U+FFFD (3 bytes); drop it and anything after.
    let out = buf.toString('utf8');
    while (out.length > 0 && (out.endsWith('\ufffd') || bytes(out) > max))
        out = out.slice(0, -1);
    return out;
}
/** `sha256:0123456789ab` in a code span when the digest is well-formed, else escaped text. */
function shortDigest(digest) {
    return DIGEST.test(digest) ? `\`${digest.slice(0, 19)}\`` : escapeMarkdown(digest, 80);
}
function fullDigest(digest) {
    return DIGEST.test(digest) ? `\`${digest}\`` : escapeMarkdown(digest, 100);
}
/** A fenced code block whose fence cannot be closed by the content. */
function codeBlock(text) {
    const line = escape_plainLine(text, 2000);
    const longest = Math.max(0, ...Array.from(line.matchAll(/`+/g), (m) => m[0].length));
    const fence = '`'.repeat(Math.max(3, longest + 1));
    return `${fence}text\n${line}\n${fence}`;
}
function reportPointer(reportFile) {
    return reportFile ? `the JSON report ${escapeMarkdown(reportFile, 500)}` : 'the JSON report';
}
/** The verdict heading, which is always the first line. */
function heading(verdict) {
    if (verdict.decision === 'pass') {
        return verdict.mode === 'audit' ? '## ✅ Deploy allowed (audit mode)' : '## ✅ Deploy allowed';
    }
    return verdict.mode === 'audit' ? '## ❌ Would be blocked (audit mode)' : '## ❌ Deploy blocked';
}
const COUNT_KEYS = ['critical', 'high', 'medium', 'low'];
/**
 * The policy a pass was judged under, in one line: `HIGH and above, 0 allowed · 1 allowlisted ·
 * signature verified by CN=release`. Without the policy (an old caller) only the rest is said.
 */
function policyLine(verdict, policy) {
    const parts = [];
    if (policy !== undefined) {
        const threshold = (0,severity/* severityRank */.qs)(policy.severityThreshold);
        const keys = COUNT_KEYS.filter((k) => (0,severity/* severityRank */.qs)(k.toUpperCase()) >= threshold);
        const limits = keys.map((k) => policy.maxCounts[k]);
        if (keys.length === 0)
            parts.push(`${policy.severityThreshold} and above counted`);
        else if (limits.every((l) => l === limits[0]))
            parts.push(`${policy.severityThreshold}${policy.severityThreshold === 'CRITICAL' ? '' : ' and above'}, ${limits[0]} allowed`);
        else
            parts.push(keys.map((k, i) => `${k.toUpperCase()} ≤ ${limits[i]}`).join(', '));
        if (policy.ignoreUnfixed)
            parts.push('unfixed ignored');
        if (policy.minEpss !== undefined)
            parts.push(`EPSS ≥ ${policy.minEpss}`);
        if (policy.exploitableOnly)
            parts.push('known exploits only');
    }
    const allowlisted = new Set(verdict.policy.allowlisted.flatMap((u) => u.findings)).size;
    parts.push(`${allowlisted} allowlisted`);
    const s = signatureOf(verdict);
    // A signing profile ARN is named by its profile (`…/release`): the full ARN is in the signature section.
    const profile = s.signingProfile !== undefined ? /signing-profiles\/([^/]+)/.exec(s.signingProfile)?.[1] : undefined;
    const who = profile !== undefined ? `…/${profile}` : (s.signingProfile ?? s.signer);
    if (s.status === 'verified')
        parts.push(who !== undefined ? `signature verified by ${escape_plainLine(who, 200)}` : 'signature verified');
    else if (s.status === 'skipped')
        parts.push('signature not checked');
    else
        parts.push(`signature ${s.status}`);
    return parts.map((p) => escapeMarkdownKeepingRefs(p, 300)).join(' · ');
}
function reasonLines(verdict, maxReasons, maxLength, policy) {
    const reasons = Array.isArray(verdict.reasons) ? verdict.reasons : [];
    const lines = reasons.slice(0, maxReasons).map((r) => `- ${escapeMarkdownKeepingRefs(r, maxLength)}`);
    if (reasons.length > maxReasons)
        lines.push(`- … ${reasons.length - maxReasons} more reasons`);
    if (lines.length === 0) {
        lines.push(verdict.decision === 'pass'
            ? `- No rule was broken: ${policyLine(verdict, policy)}`
            : '- The gate failed without a stated reason (fail closed).');
    }
    if (verdict.mode === 'audit' && verdict.decision === 'fail') {
        lines.push('', 'The job was not failed because `mode` is `audit`; an `enforce` run would block this deploy.');
    }
    return lines;
}
function imageLines(verdict) {
    const image = verdict.image;
    // Only a pass invites a deploy: a blocked image is named as what was checked, never as what to ship.
    const heading = verdict.decision === 'pass' ? '**Deploy this digest-pinned image:**' : '**Image checked (not approved for deploy):**';
    const lines = [heading, '', codeBlock(image.uri)];
    const facts = [];
    if (image.tag !== undefined)
        facts.push(`tag ${escapeMarkdown(image.tag, 128)} resolved to ${fullDigest(image.digest)}`);
    else
        facts.push(`digest ${fullDigest(image.digest)}`);
    if (image.platforms.length > 0)
        facts.push(plural(image.platforms.length, 'platform image'));
    facts.push(`evaluated at ${escapeMarkdown(verdict.evaluatedAt, 40)}`);
    lines.push('', facts.join(' · '));
    return lines;
}
function platformLabel(scan, finding) {
    const label = finding?.platform ?? scan?.platform;
    return label !== undefined ? escapeMarkdown(label, 60) : '—';
}
const ZERO = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 };
const SEVERITY_KEYS = ['critical', 'high', 'medium', 'low', 'informational'];
/** One cell per severity: every finding, with how many of them counted when that differs (`2 (1 counted)`). */
function countCells(counted, all) {
    const c = counted ?? ZERO;
    return SEVERITY_KEYS.map((k) => {
        const total = Math.max(all?.[k] ?? c[k], c[k]);
        return total === c[k] ? `${c[k]}` : `${total} (${c[k]} counted)`;
    }).join(' | ');
}
/** Every finding (counted, allowlisted, ignored) by severity, per digest and in total. */
function allCounts(verdict) {
    const perDigest = new Map();
    const total = { ...ZERO };
    const seen = new Set();
    const p = verdict.policy;
    const add = (f) => {
        if (seen.has(f))
            return;
        seen.add(f);
        const key = f.severity.toLowerCase();
        if (!(key in total))
            return;
        let counts = perDigest.get(f.digest);
        if (counts === undefined)
            perDigest.set(f.digest, (counts = { ...ZERO }));
        counts[key]++;
        total[key]++;
    };
    for (const f of p.counted)
        add(f);
    for (const use of p.allowlisted)
        for (const f of use.findings)
            add(f);
    for (const i of p.ignored)
        add(i.finding);
    return { perDigest, total };
}
function scanLines(verdict) {
    const lines = [
        '### Vulnerabilities (every finding per platform; "(n counted)" when some did not count)',
        '',
        '| Platform | Digest | Scan | Critical | High | Medium | Low | Informational |',
        '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |'
    ];
    const perDigest = verdict.policy.perDigest;
    const all = allCounts(verdict);
    const digests = new Set();
    const scans = verdict.scans.slice(0, MAX_SCAN_ROWS);
    for (const scan of scans) {
        digests.add(scan.digest);
        const mark = scan.done ? '✅' : '❌';
        const source = scan.scanTypeSource !== undefined ? `, ${escapeMarkdown(scan.scanTypeSource, 20)}` : '';
        let status = `${mark} ${escapeMarkdown(scan.status, 40)} (${escapeMarkdown(scan.scanType, 20)}${source})`;
        if (scan.description !== undefined && !scan.done)
            status += `: ${escapeMarkdown(scan.description, 160)}`;
        lines.push(`| ${platformLabel(scan)} | ${shortDigest(scan.digest)} | ${status} | ${countCells(perDigest[scan.digest], all.perDigest.get(scan.digest) ?? ZERO)} |`);
    }
    if (verdict.scans.length > MAX_SCAN_ROWS)
        lines.push(`| … ${verdict.scans.length - MAX_SCAN_ROWS} more | | | | | | | |`);
    // Digests with findings but no scan record (should not happen) are still shown: nothing is hidden.
    for (const [digest, counts] of Object.entries(perDigest)) {
        if (digests.has(digest) || verdict.scans.length > MAX_SCAN_ROWS)
            continue;
        lines.push(`| — | ${shortDigest(digest)} | ❔ no scan record | ${countCells(counts, all.perDigest.get(digest))} |`);
    }
    lines.push(`| **Total** | | | ${countCells(verdict.policy.counts, all.total)} |`);
    if (verdict.scans.length === 0)
        lines.push('', 'No scan was evaluated.');
    return lines;
}
function packageText(finding) {
    const pkgs = finding.packages.slice(0, 3);
    const more = finding.packages.length > 3 ? ` +${finding.packages.length - 3}` : '';
    return {
        name: (pkgs.map((p) => escapeMarkdown(p.name, 80)).join(', ') || '—') + more,
        version: pkgs.map((p) => escapeMarkdown(p.version, 60)).join(', ') || '—',
        fixed: pkgs.map((p) => (p.fixedInVersion !== undefined ? escapeMarkdown(p.fixedInVersion, 60) : noFix(finding))).join(', ') || noFix(finding)
    };
}
/** What a missing fixed-in version means: no fix, or a fix whose version the scanner did not give. */
function noFix(finding) {
    return finding.fixAvailable === 'YES' || finding.fixAvailable === 'PARTIAL' ? 'fix available (version not given)' : 'no fix';
}
function severityText(finding) {
    return escapeMarkdown(finding.severity, 20);
}
/** Highest severity first, then by id, then by digest: stable and readable. */
function bySeverity(a, b) {
    return ((0,severity/* severityRank */.qs)(b.severity) - (0,severity/* severityRank */.qs)(a.severity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
        (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
}
/**
 * Takes lines from `render` over `items` while they fit in `budget` bytes, then says how many were
 * left out. Lines are rendered lazily, so 50,000 findings cost only what is shown.
 */
function bounded(items, render, budget, more) {
    const lines = [];
    let used = 0;
    for (let i = 0; i < items.length; i++) {
        const line = render(items[i]);
        const size = bytes(line) + 1;
        if (used + size > budget) {
            lines.push(more(items.length - i));
            return lines;
        }
        used += size;
        lines.push(line);
    }
    return lines;
}
function violationLines(verdict, budget, pointer, scanOf) {
    const violations = verdict.policy.violations;
    if (violations.length === 0)
        return [];
    const lines = ['### Policy violations', ''];
    const share = Math.max(0, Math.floor(budget / violations.length));
    for (const v of violations) {
        lines.push(`**${escapeMarkdown(v.rule, 40)}**: ${plural(v.count, `counted ${escapeMarkdown(v.severity, 20)} finding`)}, limit ${Number.isFinite(v.limit) ? v.limit : 'none'}`, '');
        const findings = [...v.findings].sort(bySeverity);
        lines.push(...bounded(findings, (f) => {
            const p = packageText(f);
            return `- ${advisoryLink(f.id)} · ${p.name} ${p.version} · ${p.fixed === 'no fix' ? 'no fix' : `fixed in ${p.fixed}`} · ${platformLabel(scanOf(f.digest), f)} · ${escapeMarkdown(f.title, 120)}`;
        }, share, (n) => `- … ${n} more findings — see ${pointer}`), '');
    }
    return lines;
}
function signatureLines(verdict) {
    const s = signatureOf(verdict);
    const mark = s.status === 'verified' ? '✅' : s.status === 'skipped' ? '⚪' : '❌';
    const lines = ['### Signature', '', `${mark} **${escapeMarkdown(s.status, 20)}**`, ''];
    const facts = [
        ['Signer', s.signer],
        ['Signing profile', s.signingProfile],
        ['Signed at', s.signedAt],
        ['Envelope', s.envelope],
        ['Trust policy', s.trustPolicy],
        ['Verification level', s.level],
        ['Reason', s.reason]
    ];
    for (const [label, value] of facts) {
        if (value !== undefined)
            lines.push(`- ${label}: ${escapeMarkdownKeepingRefs(value, label === 'Reason' ? 1000 : 300)}`);
    }
    if (s.signatureDigest !== undefined)
        lines.push(`- Signature manifest: ${fullDigest(s.signatureDigest)}`);
    // cosign and Sigstore signatures: one line per system with its evidence.
    for (const system of signatureSystems(verdict) ?? []) {
        const facts = Object.entries(system.evidence)
            .filter(([key]) => key !== 'signatureDigest' && key !== 'signer')
            .map(([key, value]) => `${key} ${value}`);
        const why = system.reasons.length > 0 ? ` — ${system.reasons.join('; ')}` : '';
        lines.push(`- ${escapeMarkdownKeepingRefs(`${system.system}: ${system.status}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}${why}`, 1000)}`);
    }
    const details = s.details ?? [];
    if (details.length > 0) {
        lines.push('', `<details><summary>Signatures examined (${details.length})</summary>`, '');
        for (const d of details.slice(0, MAX_SIGNATURE_DETAILS))
            lines.push(`- ${escapeMarkdownKeepingRefs(d, 500)}`);
        if (details.length > MAX_SIGNATURE_DETAILS)
            lines.push(`- … ${details.length - MAX_SIGNATURE_DETAILS} more`);
        lines.push('', '</details>');
    }
    return lines;
}
const MAX_POSTURE_DETAILS = 20;
/** A code span in a table cell: one line, no backticks, pipes escaped (GitHub reads `\\|` in a cell as `|`). */
function cellCode(text, max) {
    const line = escape_plainLine(text, max).replace(/`/g, "'").replace(/\|/g, '\\|');
    return `\`${line}\``;
}
function postureLines(verdict) {
    const rows = postureOf(verdict);
    if (rows.length === 0)
        return [];
    const lines = ['### Repository posture', '', '| Rule | Result | Control | Fix |', '| --- | --- | --- | --- |'];
    for (const r of rows) {
        const mark = r.status === 'passed' ? '✅' : r.enforced ? '❌' : '⚠️';
        const result = `${mark} ${escapeMarkdown(r.status, 20)} (${escapeMarkdown(r.level, 10)}): ${escapeMarkdown(r.reason, 500)}`;
        const fix = r.fix !== undefined && r.status !== 'passed' ? (r.fix.startsWith('aws ') ? cellCode(r.fix, 600) : escapeMarkdown(r.fix, 600)) : '—';
        lines.push(`| ${cellCode(r.rule, 40)} | ${result} | ${escapeMarkdown(r.control, 200) || '—'} | ${fix} |`);
    }
    const details = rows.flatMap((r) => (r.details ?? []).map((d) => `${r.rule}: ${d}`));
    if (details.length > 0) {
        lines.push('', `<details><summary>Posture details (${details.length})</summary>`, '');
        for (const d of details.slice(0, MAX_POSTURE_DETAILS))
            lines.push(`- ${escapeMarkdown(d, 500)}`);
        if (details.length > MAX_POSTURE_DETAILS)
            lines.push(`- … ${details.length - MAX_POSTURE_DETAILS} more — see the JSON report`);
        lines.push('', '</details>');
    }
    return lines;
}
const MAX_PROVENANCE_REJECTED = 20;
const RUN_URL = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/actions\/runs\/\d+(?:\/attempts\/\d+)?$/;
/** The "Build provenance" section: what built the image, from the attestation that passed, and every one that did not. */
function provenanceLines(verdict) {
    const r = provenanceOf(verdict);
    if (r === undefined)
        return [];
    const mark = r.status === 'verified' ? '✅' : '❌';
    const lines = ['### Build provenance', '', `${mark} **${escapeMarkdown(r.status, 20)}**`, ''];
    const p = r.provenance ?? {};
    const run = p.runUrl !== undefined && RUN_URL.test(p.runUrl)
        ? `[${escapeMarkdown(p.runUrl.replace(/^https:\/\/[^/]+\//, ''), 300)}](${p.runUrl})`
        : undefined;
    const facts = [
        ['Built by repository', p.repository],
        ['Workflow', p.workflow],
        ['Signed by (reusable workflow)', p.signer],
        ['Ref', p.ref],
        ['Commit', p.commit],
        ['Runner environment', p.runnerEnvironment],
        ['Trigger', p.trigger],
        ['Attested at', p.attestedAt],
        ['Sigstore instance', p.instance],
        ['Trusted root', p.trustedRoot],
        ['Predicate type', p.predicateType]
    ];
    for (const [label, value] of facts)
        if (value !== undefined)
            lines.push(`- ${label}: ${escapeMarkdown(value, 500)}`);
    if (run !== undefined)
        lines.push(`- Run: ${run}`);
    else if (p.runUrl !== undefined)
        lines.push(`- Run: ${escapeMarkdown(p.runUrl, 500)}`);
    if (r.status !== 'verified')
        for (const reason of r.reasons)
            lines.push(`- Reason: ${escapeMarkdown(reason, 2000)}`);
    if (r.rejected.length > 0) {
        lines.push('', `<details><summary>Attestations rejected (${r.rejected.length})</summary>`, '');
        for (const d of r.rejected.slice(0, MAX_PROVENANCE_REJECTED))
            lines.push(`- ${escapeMarkdown(d, 1000)}`);
        if (r.rejected.length > MAX_PROVENANCE_REJECTED)
            lines.push(`- … ${r.rejected.length - MAX_PROVENANCE_REJECTED} more — see the JSON report`);
        lines.push('', '</details>');
    }
    return lines;
}
function entryCells(entry) {
    return `${advisoryLink(entry.id)} | ${entry.package !== undefined ? escapeMarkdown(entry.package, 80) : 'any'} | ${entry.repository !== undefined ? escapeMarkdown(entry.repository, 80) : 'any'} | ${escapeMarkdown(entry.expires, 20)}`;
}
function allowlistLines(verdict, budget, pointer) {
    const { allowlisted, expiredAllowlist, staleAllowlist } = verdict.policy;
    const nearMisses = verdict.policy.nearMissAllowlist ?? [];
    if (allowlisted.length + expiredAllowlist.length + staleAllowlist.length + nearMisses.length === 0)
        return [];
    const lines = ['### Allowlist', ''];
    const share = Math.floor(budget / 4);
    const useRow = (u) => `| ${entryCells(u.entry)} | ${u.findings.length} | ${escapeMarkdown(u.entry.reason, 200)} |`;
    const more = (n) => `| … ${n} more entries — see ${pointer} | | | | | |`;
    const header = ['| Vulnerability | Package | Repository | Expires | Findings | Reason |', '| --- | --- | --- | --- | ---: | --- |'];
    if (allowlisted.length > 0) {
        lines.push(`**Applied** — ${allowlisted.length} entr${allowlisted.length === 1 ? 'y' : 'ies'} took findings out of the count:`, '');
        lines.push(...header, ...bounded(allowlisted, useRow, share, more), '');
    }
    if (expiredAllowlist.length > 0) {
        lines.push(`**Expired** — ${expiredAllowlist.length} entr${expiredAllowlist.length === 1 ? 'y no longer applies' : 'ies no longer apply'}; the findings they name count again. Renew (with a new reason) or remove:`, '');
        lines.push(...header, ...bounded(expiredAllowlist, useRow, share, more), '');
    }
    if (nearMisses.length > 0) {
        lines.push(`**Did not apply** — ${nearMisses.length === 1 ? 'an entry names a finding' : `${nearMisses.length} entries name findings`} by id but not by package or repository, so ${nearMisses.length === 1 ? 'it counts' : 'they count'}. Fix the entry:`, '');
        lines.push(...bounded(nearMisses, (m) => `- ${advisoryLink(m.entry.id)}: matched by id, but its ${escapeMarkdown(m.why, 300)}`, share, (n) => `- … ${n} more — see ${pointer}`), '');
    }
    if (staleAllowlist.length > 0) {
        lines.push(`**Stale** — ${staleAllowlist.length} entr${staleAllowlist.length === 1 ? 'y matches' : 'ies match'} no finding of this image; consider removing:`, '');
        lines.push(...bounded(staleAllowlist, (e) => `- ${advisoryLink(e.id)} (package ${e.package !== undefined ? escapeMarkdown(e.package, 80) : 'any'}, repository ${e.repository !== undefined ? escapeMarkdown(e.repository, 80) : 'any'}, expires ${escapeMarkdown(e.expires, 20)})`, share, (n) => `- … ${n} more — see ${pointer}`), '');
    }
    return lines;
}
function allFindings(verdict) {
    const p = verdict.policy;
    const violating = new Map();
    for (const v of p.violations)
        for (const f of v.findings)
            violating.set(f, v.rule);
    const out = [];
    for (const f of [...p.counted].sort(bySeverity)) {
        const rule = violating.get(f);
        out.push({ finding: f, status: rule !== undefined ? `❌ counted, breaks ${escapeMarkdown(rule, 40)}` : 'counted' });
    }
    const seen = new Set();
    const allowed = [];
    for (const use of p.allowlisted) {
        for (const f of use.findings) {
            if (seen.has(f))
                continue;
            seen.add(f);
            allowed.push({ finding: f, status: `allowlisted until ${escapeMarkdown(use.entry.expires, 20)}` });
        }
    }
    out.push(...allowed.sort((a, b) => bySeverity(a.finding, b.finding)));
    const ignored = [...p.ignored].sort((a, b) => bySeverity(a.finding, b.finding));
    for (const i of ignored)
        out.push({ finding: i.finding, status: `ignored: ${escapeMarkdown(i.why, 30)}` });
    return out;
}
function findingsLines(verdict, budget, pointer, scanOf) {
    const all = allFindings(verdict);
    if (all.length === 0)
        return ['### Findings', '', 'No findings.'];
    const p = verdict.policy;
    const allowlistedCount = all.length - p.counted.length - p.ignored.length;
    return [
        '### Findings',
        '',
        `<details><summary>${all.length === 1 ? 'The one finding' : `All ${all.length} findings`}: ${p.counted.length} counted, ${allowlistedCount} allowlisted, ${p.ignored.length} ignored</summary>`,
        '',
        '| Severity | Vulnerability | Package | Installed | Fixed in | Platform | Status |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...bounded(all, ({ finding: f, status }) => {
            const pk = packageText(f);
            return `| ${severityText(f)} | ${advisoryLink(f.id)} | ${pk.name} | ${pk.version} | ${pk.fixed} | ${platformLabel(scanOf(f.digest), f)} | ${status} |`;
        }, budget, (n) => `| … ${n} more findings — see ${pointer} | | | | | | |`),
        '',
        '</details>'
    ];
}
function section(lines) {
    let size = Math.max(0, lines.length - 1);
    for (const line of lines)
        size += bytes(line);
    return { lines, bytes: size };
}
const isEmpty = (s) => s.lines.length === 0 || (s.lines.length === 1 && s.lines[0] === '');
function partsOf(sections) {
    const kept = sections.filter((s) => !isEmpty(s));
    const parts = [];
    let size = 0;
    for (const s of kept) {
        for (const line of s.lines)
            parts.push(line, '\n');
        size += s.bytes + 1;
    }
    return { parts, bytes: size };
}
/** The complete summary, lists cut to fit `maxBytes`. */
function renderFull(verdict, reportFile, maxBytes, policy) {
    const pointer = reportPointer(reportFile);
    const scanByDigest = new Map(verdict.scans.map((s) => [s.digest, s]));
    const scanOf = (digest) => scanByDigest.get(digest);
    const head = section([heading(verdict), '', ...reasonLines(verdict, MAX_REASONS, 1000, policy), '', ...imageLines(verdict), '']);
    const scans = section([...scanLines(verdict), '']);
    const signature = section([...signatureLines(verdict), '']);
    const posture = postureLines(verdict);
    const postureText = section(posture.length > 0 ? [...posture, ''] : []);
    const provenance = provenanceLines(verdict);
    const provenanceText = section(provenance.length > 0 ? [...provenance, ''] : []);
    let remaining = maxBytes - head.bytes - scans.bytes - signature.bytes - postureText.bytes - provenanceText.bytes - SLACK_BYTES;
    remaining = Math.max(0, remaining);
    // The violations explain the verdict, so they get the first half of what is left.
    const violations = section(violationLines(verdict, Math.floor(remaining / 2), pointer, scanOf));
    remaining = Math.max(0, remaining - violations.bytes);
    const allowlist = section(allowlistLines(verdict, Math.floor(remaining / 4), pointer));
    remaining = Math.max(0, remaining - allowlist.bytes);
    const findings = section(findingsLines(verdict, remaining, pointer, scanOf));
    return partsOf([head, scans, violations, signature, provenanceText, postureText, allowlist, findings]);
}
/** The fallback when even the cut-down summary is too large: verdict, reasons, image, counts, pointer. */
function renderShort(verdict, reportFile, policy) {
    const c = verdict.policy.counts;
    return [
        heading(verdict),
        '',
        ...reasonLines(verdict, 20, 300, policy),
        '',
        ...imageLines(verdict),
        '',
        `Counted findings: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.informational} informational. Signature: ${escapeMarkdown(signatureOf(verdict).status, 20)}.`,
        '',
        `The full summary is larger than GitHub's job summary limit; every finding and rule is in ${reportPointer(reportFile)}.`,
        ''
    ].join('\n');
}
/**
 * The job summary markdown. The verdict comes first (`## ✅ Deploy allowed`, `## ❌ Deploy blocked`,
 * or in audit mode `## ❌ Would be blocked (audit mode)`) with the reasons as a list; then the
 * digest-pinned URI in a code block; a severity table per platform (counted findings and scan
 * status); the violations with the findings that broke each rule (advisory link, package, version,
 * fixed-in); the signature (status, signer, signing profile, signed at, or the reason); the
 * allowlist entries applied, expired and stale; and every finding (counted, allowlisted, ignored)
 * inside `<details>`.
 *
 * The result is always smaller than `options.maxBytes` (default `Limits.summaryBytes`) in UTF-8
 * bytes: long lists are cut first ("… N more findings — see the JSON report <reportFile>"), and if
 * that is not enough a short summary pointing at the report is returned.
 */
function renderSummary(verdict, options = {}) {
    return renderSummaryParts(verdict, options).join('');
}
/**
 * `renderSummary`'s text as parts whose concatenation it is (the lines and their newlines), for a
 * writer that writes them a piece at a time instead of holding the whole text as one string.
 */
function renderSummaryParts(verdict, options = {}) {
    const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? constants/* Limits */.xu.summaryBytes));
    const full = renderFull(verdict, options.reportFile, maxBytes, options.policy);
    if (full.bytes < maxBytes)
        return full.parts;
    const short = renderShort(verdict, options.reportFile, options.policy);
    if (bytes(short) < maxBytes)
        return [short];
    // Only reachable with an unrealistically small maxBytes: keep the verdict line at least.
    return [truncateBytes(short, maxBytes - 1)];
}

// EXTERNAL MODULE: ./src/core/bytes.ts
var core_bytes = __webpack_require__(79596);
// EXTERNAL MODULE: ./src/policy/evaluate.ts
var evaluate = __webpack_require__(32863);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/report/write.ts
/** The one place reports reach the file system: a report file, with its folder made first. */



/** Writes `content` to `file` (UTF-8), creating the folder; a failure is thrown for the caller to judge. */
async function writeReportFile(file, content) {
    await (0,promises_.mkdir)(external_node_path_.dirname(external_node_path_.resolve(file)), { recursive: true });
    await (0,promises_.writeFile)(file, content, 'utf8');
}
/**
 * How much text is gathered before one write (a report of 50,000 findings is tens of MiB as one
 * string). Kept well below V8's large-object size (128 KiB; 32 Ki characters are at most 64 KiB):
 * each piece outlives the asynchronous write it is handed to, and a larger one is a large object,
 * which stays until a full collection. Measured with 256 Ki-character pieces: in a 50,000-finding
 * run the large-object space held 40 MiB of which 30 MiB were dead (a heap snapshot's collection
 * freed them), and peak RSS fell from 219 to 172 MiB with pieces of this size.
 */
const WRITE_CHUNK_CHARS = 32 * 1024;
/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would (byte for byte), but piece by piece, so a
 * large report is never one string in memory (nor one buffer): peak memory stays that of the
 * report's objects. Creates the folder; a failure is thrown for the caller to judge.
 */
async function writeJsonFile(file, value) {
    await (0,promises_.mkdir)(external_node_path_.dirname(external_node_path_.resolve(file)), { recursive: true });
    await writePieces(file, 'w', jsonPieces(value));
}
/** Writes the concatenation of `pieces` to `file` (opened with `flags`), gathered into writes of about `WRITE_CHUNK_CHARS`. */
async function writePieces(file, flags, pieces) {
    const handle = await (0,promises_.open)(file, flags);
    try {
        let pending = '';
        for (const piece of pieces) {
            pending += piece;
            if (pending.length >= WRITE_CHUNK_CHARS) {
                await handle.write(pending, null, 'utf8');
                pending = '';
            }
        }
        if (pending !== '')
            await handle.write(pending, null, 'utf8');
    }
    finally {
        await handle.close();
    }
}
/**
 * Appends the text whose parts are `parts`, then a line end, to the job summary file `file`: what
 * `core.summary.addRaw(text, true).write()` appends, byte for byte, but gathered and written a piece
 * at a time. The summary of 10,000 findings is 1 MB of Markdown (2 MB as a string once a line holds
 * an emoji); joined into one string, then copied into @actions/core's buffer and encoded into one
 * buffer, it was held three times over at the run's peak. Like @actions/core, refuses a file that is
 * not there or not readable and writable (the runner creates it) rather than creating one.
 */
async function appendSummaryFile(file, parts) {
    try {
        await (0,promises_.access)(file, promises_.constants.R_OK | promises_.constants.W_OK);
    }
    catch {
        throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
    }
    await writePieces(file, 'a', [...parts, external_node_os_.EOL]);
}
/**
 * A JSON array whose elements are made one at a time as they are written: a report's finding
 * entries (tens of thousands of objects) then never exist all at once. `JSON.stringify` sees the
 * whole array (through `toJSON`), so the text is the same either way.
 */
class LazyJsonArray {
    length;
    item;
    constructor(length, item) {
        this.length = length;
        this.item = item;
    }
    /** The element at `index`, made now. */
    at(index) {
        return this.item(index);
    }
    toJSON() {
        return Array.from({ length: this.length }, (_, i) => this.item(i));
    }
}
/** Arrays at least this long are written element by element; anything smaller is one JSON.stringify. */
const WALK_ARRAY_MIN = 64;
/** The value's `toJSON()`, as JSON.stringify applies it (with the property key). */
function resolved(value, key) {
    if (value !== null && typeof value === 'object' && typeof value.toJSON === 'function') {
        return value.toJSON(key);
    }
    return value;
}
/** Whether JSON.stringify leaves a property out (or writes null in an array). */
function skipped(value) {
    return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
/** Whether a value holds an array long enough to walk, within `depth` levels of objects. */
function holdsLongArray(v, depth) {
    if (v === null || typeof v !== 'object')
        return false;
    if (v instanceof LazyJsonArray)
        return true;
    if (Array.isArray(v))
        return v.length >= WALK_ARRAY_MIN || (depth > 0 && v.some((item) => holdsLongArray(item, depth - 1)));
    if (depth === 0 || typeof v.toJSON === 'function')
        return false;
    return Object.values(v).some((item) => holdsLongArray(item, depth - 1));
}
/** JSON.stringify(v, null, 2) of a value nested at `indent` (its own lines indented to match). */
function nested(v, indent) {
    const text = JSON.stringify(v, null, 2) ?? 'null';
    // JSON text has no raw line breaks inside strings (they are escaped), so every \n is layout.
    return indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
}
/**
 * The pieces of `JSON.stringify(value, null, 2)`. Only the objects and arrays on the way to a long
 * array (a report's findings, SARIF's results) are walked; everything else, each element of a long
 * array included, is one native JSON.stringify, so escaping and number formatting are its own.
 * `value` must serialise to something (not undefined).
 */
function jsonPieces(value) {
    return piecesOf(value instanceof LazyJsonArray ? value : resolved(value, ''), '');
}
/** The pieces of a value `toJSON` was already applied to, at `indent`. */
function* piecesOf(v, indent) {
    if (!holdsLongArray(v, 4)) {
        yield nested(v, indent);
        return;
    }
    const inner = `${indent}  `;
    if (v instanceof LazyJsonArray) {
        if (v.length === 0) {
            yield '[]';
            return;
        }
        yield '[';
        for (let i = 0; i < v.length; i++) {
            yield `${i === 0 ? '' : ','}\n${inner}`;
            const item = resolved(v.at(i), String(i));
            if (skipped(item))
                yield 'null';
            else
                yield* piecesOf(item, inner);
        }
        yield `\n${indent}]`;
        return;
    }
    if (Array.isArray(v)) {
        yield '[';
        for (let i = 0; i < v.length; i++) {
            yield `${i === 0 ? '' : ','}\n${inner}`;
            const item = resolved(v[i], String(i));
            if (skipped(item))
                yield 'null';
            else
                yield* piecesOf(item, inner);
        }
        yield `\n${indent}]`;
        return;
    }
    let first = true;
    for (const [k, raw] of Object.entries(v)) {
        const item = raw instanceof LazyJsonArray ? raw : resolved(raw, k);
        if (skipped(item))
            continue;
        yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `;
        first = false;
        yield* piecesOf(item, inner);
    }
    yield first ? '{}' : `\n${indent}}`;
}

;// CONCATENATED MODULE: ./src/report/json-report.ts
/**
 * The machine-readable report: the same facts as the job summary, unabridged, in the shape
 * documented by `report.schema.json` at the repository root.
 */







/** Version of the report shape; bumped on any incompatible change to report.schema.json. */
const REPORT_SCHEMA_VERSION = 1;
/** Name and version of the tool, from the user agent `ecr-deploy-gate/<version>`. */
const json_report_TOOL = (() => {
    const [name = 'ecr-deploy-gate', version = '0.0.0'] = constants/* UserAgent */.B3.split('/');
    return { name, version };
})();
const MAX_TITLE = 1000;
const MAX_DESCRIPTION = 4000;
const MAX_URL = 2000;
/**
 * A short stable reference for a finding (hex, 16 characters): the same vulnerability, digest and
 * packages always give the same ref, across runs. Used to link policy entries to `findings[]`.
 */
function findingRef(finding) {
    // Asked for each finding and again for each policy list it is in: hash it once.
    let ref = findingRefs.get(finding);
    if (ref === undefined) {
        ref = (0,core_bytes/* sha256Hex */.fg)((0,evaluate/* findingKey */.fl)(finding)).slice(0, 16);
        findingRefs.set(finding, ref);
    }
    return ref;
}
const findingRefs = new WeakMap();
function cut(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/** `Infinity` (no limit) is `null` in JSON; so is anything else that is not a finite number. */
function finiteOrNull(n) {
    return Number.isFinite(n) ? n : null;
}
function refOf(finding) {
    return { ref: findingRef(finding), id: finding.id, digest: finding.digest };
}
function entryJson(entry) {
    const out = { id: entry.id, reason: entry.reason, expires: entry.expires };
    if (entry.package !== undefined)
        out.package = entry.package;
    if (entry.repository !== undefined)
        out.repository = entry.repository;
    return out;
}
function useJson(use) {
    return { entry: entryJson(use.entry), findings: use.findings.map(refOf) };
}
function countsJson(c) {
    return { critical: c.critical, high: c.high, medium: c.medium, low: c.low, informational: c.informational };
}
function findingJson(finding, disposition, extra) {
    const out = {
        ref: findingRef(finding),
        id: finding.id,
        severity: finding.severity,
        title: cut(finding.title, MAX_TITLE),
        fixAvailable: finding.fixAvailable,
        packages: finding.packages.map((p) => {
            const pkg = { name: p.name, version: p.version };
            if (p.fixedInVersion !== undefined)
                pkg.fixedInVersion = p.fixedInVersion;
            if (p.packageManager !== undefined)
                pkg.packageManager = p.packageManager;
            return pkg;
        }),
        digest: finding.digest,
        disposition
    };
    if (finding.description !== undefined)
        out.description = cut(finding.description, MAX_DESCRIPTION);
    if (finding.exploitAvailable !== undefined)
        out.exploitAvailable = finding.exploitAvailable;
    if (typeof finding.epss === 'number' && Number.isFinite(finding.epss))
        out.epss = finding.epss;
    if (finding.url !== undefined && finding.url.length <= MAX_URL)
        out.url = finding.url;
    if (finding.platform !== undefined)
        out.platform = finding.platform;
    if (finding.status !== undefined)
        out.status = finding.status;
    if (extra.ignoredBecause !== undefined)
        out.ignoredBecause = extra.ignoredBecause;
    if (extra.violates !== undefined && extra.violates.length > 0)
        out.violates = extra.violates;
    if (extra.allowlistedBy !== undefined && extra.allowlistedBy.length > 0)
        out.allowlistedBy = extra.allowlistedBy.map(entryJson);
    return out;
}
/**
 * Every finding once, marked with what the policy did with it: `counted` (with `violates`, the
 * rules it helped break), `allowlisted` (with the entries), `ignored` (with `ignoredBecause`),
 * `duplicate` (an exact duplicate of an evaluated finding: same id, digest and packages, counted
 * once), or `not-evaluated` (the policy never saw it, e.g. the gate stopped before evaluating).
 */
function findingsJson(verdict, lazy) {
    const p = verdict.policy;
    const violates = new Map();
    for (const v of p.violations) {
        for (const f of v.findings)
            violates.set(f, [...(violates.get(f) ?? []), v.rule]);
    }
    const counted = new Set(p.counted);
    const allowlistedBy = new Map();
    for (const use of p.allowlisted) {
        for (const f of use.findings)
            allowlistedBy.set(f, [...(allowlistedBy.get(f) ?? []), use.entry]);
    }
    const ignored = new Map(p.ignored.map((i) => [i.finding, i.why]));
    const evaluatedKeys = new Set();
    for (const f of [...counted, ...allowlistedBy.keys(), ...ignored.keys()])
        evaluatedKeys.add((0,evaluate/* findingKey */.fl)(f));
    // verdict.findings first (the scan's order), then anything the policy holds that it lacks.
    const ordered = [];
    const seen = new Set();
    for (const f of [...verdict.findings, ...p.counted, ...allowlistedBy.keys(), ...ignored.keys()]) {
        if (seen.has(f))
            continue;
        seen.add(f);
        ordered.push(f);
    }
    const entry = (f) => {
        if (counted.has(f))
            return findingJson(f, 'counted', { violates: violates.get(f) ?? [] });
        const by = allowlistedBy.get(f);
        if (by !== undefined)
            return findingJson(f, 'allowlisted', { allowlistedBy: by });
        const why = ignored.get(f);
        if (why !== undefined)
            return findingJson(f, 'ignored', { ignoredBecause: why });
        return findingJson(f, evaluatedKeys.has((0,evaluate/* findingKey */.fl)(f)) ? 'duplicate' : 'not-evaluated', {});
    };
    return lazy ? new LazyJsonArray(ordered.length, (i) => entry(ordered[i])) : ordered.map(entry);
}
/**
 * The JSON report (validates against `report.schema.json`):
 * `{ schemaVersion: 1, tool: { name, version }, decision, reasons, mode, evaluatedAt, image, scans,
 * policy: { severityThreshold, ignoreUnfixed, maxCounts, minEpss?, exploitableOnly,
 * allowlistEntries, counts, perDigest, violations, allowlisted, expiredAllowlist, staleAllowlist },
 * findings, signature, posture?, run? }` (`posture` only when a posture rule ran). Policy lists refer to findings by `{ ref, id, digest }`, where `ref`
 * matches `findings[].ref`. Limits of `Infinity` (no limit) are `null`. Titles are cut at 1000 and
 * descriptions at 4000 characters; nothing else is abridged.
 */
function renderJsonReport(verdict, policy, run, options = {}) {
    const image = verdict.image;
    const imageJson = {
        registryId: image.registryId,
        region: image.region,
        repository: image.repository,
        digest: image.digest,
        mediaType: image.mediaType,
        size: image.size,
        uri: image.uri,
        platforms: image.platforms.map((pl) => {
            const out = {
                digest: pl.digest,
                mediaType: pl.mediaType,
                os: pl.os,
                architecture: pl.architecture
            };
            if (pl.variant !== undefined)
                out.variant = pl.variant;
            return out;
        })
    };
    if (image.tag !== undefined)
        imageJson.tag = image.tag;
    const scans = verdict.scans.map((s) => {
        const out = { digest: s.digest, scanType: s.scanType, status: s.status, polls: s.polls, done: s.done };
        if (s.platform !== undefined)
            out.platform = s.platform;
        if (s.description !== undefined)
            out.description = s.description;
        if (s.completedAt !== undefined)
            out.completedAt = s.completedAt;
        if (s.notAwaited === true)
            out.notAwaited = true;
        if (s.scanTypeSource !== undefined)
            out.scanTypeSource = s.scanTypeSource;
        return out;
    });
    const result = verdict.policy;
    const perDigest = {};
    for (const [digest, counts] of Object.entries(result.perDigest))
        perDigest[digest] = countsJson(counts);
    const policyJson = {
        severityThreshold: policy.severityThreshold,
        ignoreUnfixed: policy.ignoreUnfixed,
        maxCounts: {
            critical: finiteOrNull(policy.maxCounts.critical),
            high: finiteOrNull(policy.maxCounts.high),
            medium: finiteOrNull(policy.maxCounts.medium),
            low: finiteOrNull(policy.maxCounts.low)
        },
        exploitableOnly: policy.exploitableOnly === true,
        allowlistEntries: policy.allowlist.length,
        counts: countsJson(result.counts),
        perDigest,
        violations: result.violations.map((v) => ({
            rule: v.rule,
            severity: v.severity,
            limit: finiteOrNull(v.limit),
            count: v.count,
            findings: v.findings.map(refOf)
        })),
        allowlisted: result.allowlisted.map(useJson),
        expiredAllowlist: result.expiredAllowlist.map(useJson),
        staleAllowlist: result.staleAllowlist.map(entryJson),
        nearMissAllowlist: result.nearMissAllowlist.map((m) => ({ entry: entryJson(m.entry), finding: refOf(m.finding), why: m.why }))
    };
    if (policy.minEpss !== undefined && Number.isFinite(policy.minEpss))
        policyJson.minEpss = policy.minEpss;
    const s = signatureOf(verdict);
    const signature = { status: s.status };
    for (const key of ['signer', 'signingProfile', 'signedAt', 'envelope', 'signatureDigest', 'trustPolicy', 'level', 'reason']) {
        const value = s[key];
        if (value !== undefined)
            signature[key] = value;
    }
    if (s.details !== undefined)
        signature.details = [...s.details];
    // cosign and Sigstore signatures: each system's result and evidence.
    const systems = signatureSystems(verdict);
    if (systems !== undefined)
        signature.systems = systems;
    const required = signaturesRequiredOf(verdict);
    if (required !== undefined)
        signature.required = required;
    const posture = postureJson(verdict);
    const provenance = provenanceOf(verdict);
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: json_report_TOOL.name, version: json_report_TOOL.version },
        decision: verdict.decision,
        reasons: [...verdict.reasons],
        mode: verdict.mode,
        evaluatedAt: verdict.evaluatedAt,
        image: imageJson,
        scans,
        policy: policyJson,
        findings: findingsJson(verdict, options.lazyFindings === true),
        signature,
        ...(posture.rules.length > 0 ? { posture } : {}),
        ...(provenance !== undefined ? { provenance } : {}),
        ...(run !== undefined && Object.keys(run).length > 0 ? { run: { ...run } } : {})
    };
}
/** Builds the RunContext from the standard `GITHUB_*` variables, bounding each value. */
function runContextFromEnv(env) {
    const pick = (name) => {
        const value = env[name]?.trim();
        return value ? value.slice(0, 256) : undefined;
    };
    const run = {};
    const fields = [
        ['repository', 'GITHUB_REPOSITORY'],
        ['runId', 'GITHUB_RUN_ID'],
        ['runAttempt', 'GITHUB_RUN_ATTEMPT'],
        ['workflow', 'GITHUB_WORKFLOW'],
        ['job', 'GITHUB_JOB'],
        ['sha', 'GITHUB_SHA'],
        ['ref', 'GITHUB_REF'],
        ['actor', 'GITHUB_ACTOR']
    ];
    for (const [key, name] of fields) {
        const value = pick(name);
        if (value !== undefined)
            run[key] = value;
    }
    const server = pick('GITHUB_SERVER_URL');
    if (server !== undefined && run.repository !== undefined && run.runId !== undefined && /^https:\/\/[^\s/]+$/.test(server)) {
        run.runUrl = `${server}/${run.repository}/actions/runs/${run.runId}`;
    }
    return run;
}

;// CONCATENATED MODULE: ./src/report/sarif.ts
/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per vulnerability id, one result per
 * counted finding. Findings have no source line, so each result is located at the image: a
 * physical location whose artifact is `<repository>@<digest>` (GitHub requires a physical location
 * with an artifact URI on every result) and a logical location naming the digest-pinned image URI.
 */






/** GitHub code scanning accepts at most this many results (and rules) per run. */
const SARIF_MAX_RESULTS = 25_000;
/** Key under `partialFingerprints`; bump the suffix if the fingerprint input ever changes. */
const FINGERPRINT_KEY = 'ecrDeployGateFinding/v1';
/** GitHub maps `security-severity` to its severity labels: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY = { 4: '9.5', 3: '8.0', 2: '5.5', 1: '3.0', 0: '0.0' };
function securitySeverity(s) {
    return SECURITY_SEVERITY[(0,severity/* severityRank */.qs)(s)] ?? '0.0';
}
/**
 * The artifact URI of a finding: `<repository>@<digest>` with `:` percent-encoded, so it is a
 * valid relative reference (a colon in the first path segment would read as a URI scheme).
 */
function artifactUri(repository, digest) {
    const encode = (s) => encodeURIComponent(s).replace(/%2F/gi, '/');
    return `${encode(repository)}@${encode(digest)}`;
}
/** Stable across runs for the same vulnerability id, packages and digest. */
function fingerprint(finding) {
    return (0,core_bytes/* sha256Hex */.fg)((0,evaluate/* findingKey */.fl)(finding));
}
/**
 * SARIF 2.1.0 for the counted findings: one run whose `tool.driver` is ecr-deploy-gate with a rule
 * per vulnerability id (`shortDescription` from the title, `helpUri` the advisory link when the id
 * is vetted, `properties.security-severity` for GitHub's severity), and one result per counted
 * finding: level `error` when it is part of a violation, `warning` otherwise. Every result has a
 * physical location (artifact `<repository>@<digest>`, line 1) plus a logical location with the
 * digest-pinned image URI, and `partialFingerprints` stable per id + packages + digest.
 * Violating findings come first, then by severity; at most 25,000 results (GitHub's limit), the
 * number left out is in `runs[0].properties.omittedResults`. Posture rules that did not pass follow,
 * one rule (`posture/<rule>`) and one result each, `error` when the rule denies.
 */
function renderSarif(verdict) {
    const violating = new Set();
    for (const v of verdict.policy.violations)
        for (const f of v.findings)
            violating.add(f);
    const ordered = [...verdict.policy.counted].sort((a, b) => Number(violating.has(b)) - Number(violating.has(a)) ||
        (0,severity/* severityRank */.qs)(b.severity) - (0,severity/* severityRank */.qs)(a.severity) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const kept = ordered.slice(0, SARIF_MAX_RESULTS);
    // One rule per id (upper-cased, so CVE-… and cve-… are one rule), described by its most severe finding.
    const rules = new Map();
    for (const f of kept) {
        const id = escape_plainLine(f.id, 200).toUpperCase();
        const current = rules.get(id);
        if (current === undefined)
            rules.set(id, { index: rules.size, finding: f, rank: (0,severity/* severityRank */.qs)(f.severity) });
        else if ((0,severity/* severityRank */.qs)(f.severity) > current.rank) {
            current.finding = f;
            current.rank = (0,severity/* severityRank */.qs)(f.severity);
        }
    }
    const driverRules = [...rules.entries()].map(([id, { finding }]) => {
        const help = advisoryUrl(finding.id);
        const title = finding.title.trim() !== '' ? finding.title : finding.id;
        const rule = {
            id,
            name: 'Vulnerability',
            shortDescription: { text: escape_escapeSarifText(`${finding.id}: ${title}`, 200) },
            fullDescription: { text: escape_escapeSarifText(finding.description ?? title, 1000) },
            help: {
                text: escape_escapeSarifText(`${finding.id} (${finding.severity}): ${title}${help ? ` — ${help}` : ''}`, 1500),
                markdown: `**${escapeMarkdown(finding.id, 80)}** (${escapeMarkdown(finding.severity, 20)}): ${escapeMarkdown(title, 300)}${help ? `\n\nAdvisory: ${help}` : ''}`
            },
            defaultConfiguration: { level: (0,severity/* severityRank */.qs)(finding.severity) >= 3 ? 'error' : 'warning' },
            properties: {
                'security-severity': securitySeverity(finding.severity),
                tags: ['security', 'vulnerability', 'container'],
                precision: 'very-high'
            }
        };
        if (help !== undefined)
            rule.helpUri = help;
        return rule;
    });
    const imageUri = escape_plainLine(verdict.image.uri, 2000);
    const results = kept.map((f) => {
        const id = escape_plainLine(f.id, 200).toUpperCase();
        const rule = rules.get(id);
        const pkgs = f.packages.map((p) => `${p.name} ${p.version}${p.fixedInVersion !== undefined ? ` (fixed in ${p.fixedInVersion})` : ''}`);
        const where = f.platform ?? f.digest;
        const message = `${f.id} (${f.severity}) in ${pkgs.join(', ') || 'an unnamed package'} of ${verdict.image.repository} [${where}]${violating.has(f) ? ' — breaks the deploy policy' : ''}`;
        return {
            ruleId: id,
            ruleIndex: rule.index,
            level: violating.has(f) ? 'error' : 'warning',
            message: { text: escape_escapeSarifText(message, 1000) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: artifactUri(verdict.image.repository, f.digest) },
                        region: { startLine: 1 }
                    },
                    logicalLocations: [{ name: imageUri, fullyQualifiedName: `${imageUri}#${escape_plainLine(f.digest, 200)}`, kind: 'module' }]
                }
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
            properties: {
                severity: f.severity,
                digest: escape_plainLine(f.digest, 200),
                fixAvailable: f.fixAvailable,
                // Package names are scanner text: bounded like every other field, so one finding cannot bloat the file.
                packages: f.packages.slice(0, 100).map((p) => escape_plainLine(p.name, 200))
            }
        };
    });
    // Posture rules that did not pass: one rule and one result each, located at the deployed image.
    const posture = postureOf(verdict).filter((r) => r.status !== 'passed');
    for (const row of posture) {
        const id = `posture/${escape_plainLine(row.rule, 60)}`;
        const index = driverRules.length;
        driverRules.push({
            id,
            name: 'RepositoryPosture',
            shortDescription: { text: escape_escapeSarifText(`Repository posture: ${row.rule}`, 200) },
            fullDescription: { text: escape_escapeSarifText(row.control || row.rule, 1000) },
            help: {
                text: escape_escapeSarifText(`${row.reason}${row.fix !== undefined ? ` Fix: ${row.fix}` : ''}`, 1500),
                markdown: `**${escapeMarkdown(row.rule, 60)}** (${escapeMarkdown(row.control, 200)}): ${escapeMarkdown(row.reason, 500)}${row.fix !== undefined ? `\n\nFix: ${escapeMarkdown(row.fix, 600)}` : ''}`
            },
            defaultConfiguration: { level: row.level === 'fail' ? 'error' : 'warning' },
            properties: { 'security-severity': row.enforced ? '7.0' : '4.0', tags: ['security', 'configuration', 'container'], precision: 'high' }
        });
        results.push({
            ruleId: id,
            ruleIndex: index,
            level: row.enforced ? 'error' : 'warning',
            message: { text: escape_escapeSarifText(`${verdict.image.repository}: ${row.rule} ${row.status}: ${row.reason}`, 1000) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: artifactUri(verdict.image.repository, verdict.image.digest) },
                        region: { startLine: 1 }
                    },
                    logicalLocations: [{ name: imageUri, fullyQualifiedName: imageUri, kind: 'module' }]
                }
            ],
            partialFingerprints: { [FINGERPRINT_KEY]: (0,core_bytes/* sha256Hex */.fg)(`${id}\n${verdict.image.registryId}/${verdict.image.repository}`) },
            properties: {
                severity: row.enforced ? 'HIGH' : 'MEDIUM',
                digest: escape_plainLine(verdict.image.digest, 200),
                fixAvailable: row.fix !== undefined ? 'YES' : 'UNKNOWN',
                packages: []
            }
        });
    }
    const run = {
        tool: {
            driver: {
                name: json_report_TOOL.name,
                version: json_report_TOOL.version,
                semanticVersion: json_report_TOOL.version,
                rules: driverRules
            }
        },
        // The automation id keeps each repository's alerts in their own category in code scanning.
        automationDetails: { id: `ecr-deploy-gate/${escape_plainLine(verdict.image.repository, 256)}/` },
        results,
        properties: {
            decision: verdict.decision,
            imageUri,
            countedFindings: ordered.length,
            omittedResults: ordered.length - kept.length,
            postureResults: posture.length
        }
    };
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [run]
    };
}
/**
 * SARIF 2.1.0 when the run could not start (bad input, an invalid policy file): one run with no
 * results and an invocation that says so, `executionSuccessful: false` with the reason as an
 * error-level tool notification, so a code-scanning upload records a failed analysis rather than a
 * clean one.
 */
function renderErrorSarif(reason, times) {
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, rules: [] } },
                invocations: [
                    {
                        executionSuccessful: false,
                        startTimeUtc: times.start.toISOString(),
                        endTimeUtc: times.end.toISOString(),
                        toolExecutionNotifications: [{ level: 'error', message: { text: escapeSarifText(plainLine(reason, 2000)) } }]
                    }
                ],
                results: [],
                properties: { decision: 'fail', error: true }
            }
        ]
    };
}

// EXTERNAL MODULE: ./src/core/short-name.ts
var short_name = __webpack_require__(90029);
;// CONCATENATED MODULE: ./src/report/error-summary.ts
/** The job summary and JSON report when the gate could not reach a verdict (bad input, image not resolvable). */


/** The first lines of every blocked-without-a-verdict summary: the heading, why, and the failure. */
function blockedHead(lead, reason, mode = 'enforce') {
    const heading = mode === 'audit' ? '## ❌ Would be blocked (audit mode)' : '## ❌ Deploy blocked';
    return [heading, '', lead, '', `- ${escapeMarkdownKeepingRefs(reason, 2000)}`, ''];
}
/** A short, bounded summary that leads with the failure and says what to do next. */
function renderErrorSummary(reason, options = {}) {
    const lines = options.mode === 'audit'
        ? blockedHead('The gate could not reach a verdict, so an `enforce` run would block this deploy (fail closed). The job was not failed because `mode` is `audit`.', reason, 'audit')
        : blockedHead('The gate could not reach a verdict, so the deploy is blocked (fail closed).', reason);
    if (options.reportFile)
        lines.push(`JSON report: ${escapeMarkdown(options.reportFile, 500)}`, '');
    return lines.join('\n');
}
/** The JSON report when there is no verdict: `errorReport` in report.schema.json. */
function renderErrorReport(reason, now) {
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: json_report_TOOL.name, version: json_report_TOOL.version },
        decision: 'fail',
        error: true,
        reasons: [reason],
        evaluatedAt: now.toISOString()
    };
}

;// CONCATENATED MODULE: ./src/report/batch.ts
/**
 * Pure renderers for a batch run (`images` input): the `results` output, the job summary, the JSON
 * report and SARIF over several images. Each image keeps its own single-image rendering; the batch
 * adds an overall verdict in front, which is `pass` only when every image passed (fail closed).
 */








const MAX_REFERENCE = 300;
const MAX_CELL_REASON = 200;
/** Bytes kept back for the joins between sections and the headings' added image names. */
const SECTION_SLACK = 1024;
function batch_bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}
function passed(outcome) {
    return 'verdict' in outcome && outcome.verdict.decision === 'pass';
}
/** The overall decision: `pass` only when every image has a passing verdict (an error is a fail). */
function batchDecision(outcomes) {
    return outcomes.length > 0 && outcomes.every(passed) ? 'pass' : 'fail';
}
/**
 * The digest-pinned URI a deploy step may use for an image, or undefined when there is none: an image
 * that could not be resolved, or one the gate blocked in `enforce` mode. A blocked image gets no URI so
 * a deploy step that ignores the job's failure (`continue-on-error`, `if: always()`) has nothing to
 * deploy. `audit` mode blocks nothing, so it keeps the URI.
 */
function deployableUri(outcome) {
    if ('error' in outcome)
        return undefined;
    const { verdict } = outcome;
    return verdict.decision === 'fail' && verdict.mode === 'enforce' ? undefined : verdict.image.uri;
}
/** The `results` output: one object per image, in input order. */
function batchResults(outcomes) {
    return outcomes.map((o) => {
        if ('error' in o)
            return { image: o.reference, decision: 'fail', reasons: [o.error] };
        const uri = deployableUri(o);
        return {
            image: o.reference,
            decision: o.verdict.decision,
            digest: o.verdict.image.digest,
            ...(uri !== undefined ? { imageUri: uri } : {}),
            reasons: [...o.verdict.reasons]
        };
    });
}
/**
 * The `signature-status` of a batch: `verified` only if every image verified, `skipped` if every image
 * skipped, else the first status in input order that is not `verified`. An image that could not be
 * resolved had no signature checked; it counts as `invalid` (what the gate reports for a signature
 * that could not be fetched), so a batch with such an image is never `verified`.
 */
function batchSignatureStatus(outcomes) {
    const statuses = outcomes.map((o) => ('verdict' in o ? signatureOf(o.verdict).status : 'invalid'));
    if (statuses.length > 0 && statuses.every((s) => s === 'verified'))
        return 'verified';
    if (statuses.length > 0 && statuses.every((s) => s === 'skipped'))
        return 'skipped';
    return statuses.find((s) => s !== 'verified') ?? 'invalid';
}
/** First reason of a failed image, for tables and the failure message. */
function firstReason(outcome) {
    if ('error' in outcome)
        return outcome.error;
    return outcome.verdict.reasons[0] ?? (outcome.verdict.decision === 'pass' ? 'passed' : 'failed without a stated reason (fail closed)');
}
/** The overall heading of a batch summary, always its first line. */
function batchHeading(outcomes, mode) {
    const n = outcomes.length;
    const failed = outcomes.filter((o) => !passed(o)).length;
    const images = `${n} image${n === 1 ? '' : 's'}`;
    if (batchDecision(outcomes) === 'pass') {
        return mode === 'audit' ? `## ✅ Deploy allowed (audit mode): ${images}` : `## ✅ Deploy allowed: ${images}`;
    }
    return mode === 'audit' ? `## ❌ Would be blocked (audit mode): ${failed} of ${images}` : `## ❌ Deploy blocked: ${failed} of ${images}`;
}
/** A reason for a narrow table cell: registry hosts dropped and digests cut, so no long token widens the table. */
function cellReason(reason) {
    const short = reason
        .replace(/\b\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\//g, '')
        .replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…');
    return escapeMarkdown(short, MAX_CELL_REASON).replace(/\|/g, '\\|');
}
/**
 * The overview: the registry once (when every image is in one), a narrow table (short `repo:tag`,
 * decision, short digest, first reason) that does not scroll sideways, and the deploy URIs below it
 * as code spans (which wrap outside a table), each whole and copyable.
 */
function tableLines(outcomes, mode) {
    const hosts = new Set(outcomes.map((o) => (0,short_name/* registryHostOf */.p)(o.reference)));
    const host = hosts.size === 1 ? [...hosts][0] : undefined;
    const lines = host !== undefined ? [`Registry: ${codeSpan(host, 120)}`, ''] : [];
    lines.push('| # | Image | Decision | Digest | First reason |', '| ---: | --- | --- | --- | --- |');
    outcomes.forEach((o, i) => {
        const ok = passed(o);
        const decision = ok ? '✅ pass' : mode === 'audit' ? '❌ would fail' : '❌ fail';
        const digest = 'verdict' in o && /^sha256:[0-9a-f]{64}$/.test(o.verdict.image.digest) ? `\`${o.verdict.image.digest.slice(0, 19)}\`` : '—';
        const name = host !== undefined ? (0,short_name/* shortReference */.e)(o.reference) : o.reference;
        lines.push(`| ${i + 1} | ${escapeMarkdown(name, MAX_REFERENCE).replace(/\|/g, '\\|')} | ${decision} | ${digest} | ${ok ? '—' : cellReason(firstReason(o))} |`);
    });
    const uris = outcomes.flatMap((o, i) => {
        const uri = deployableUri(o);
        return uri !== undefined ? [`- ${i + 1}. ${codeSpan(uri, 500)}`] : [];
    });
    if (uris.length > 0)
        lines.push('', mode === 'audit' ? '**Digest-pinned URIs (audit mode):**' : '**Deploy these digest-pinned URIs:**', '', ...uris);
    return lines;
}
/**
 * Demotes every markdown heading of a rendered single-image summary one level, and names the image
 * in its first heading. Escaped untrusted text never starts a line with `#` (escapeMarkdown
 * backslash-escapes it), so only the renderer's own headings match.
 */
function demote(section, label) {
    let first = true;
    return section
        .split('\n')
        .map((line) => {
        if (!/^#{1,5} /.test(line))
            return line;
        const demoted = `#${line}`;
        if (!first)
            return demoted;
        first = false;
        return `${demoted} — ${label}`;
    })
        .join('\n');
}
/**
 * The job summary of a batch: the overall heading (`## ✅ Deploy allowed: N images`,
 * `## ❌ Deploy blocked: K of N images`, or the audit wording), a table of every image (reference,
 * decision, digest-pinned URI for a pass or first reason for a failure), then each image's own
 * summary with its headings demoted one level. Each image gets an equal share of the byte budget,
 * so the whole stays under `maxBytes` (default `Limits.summaryBytes`) whatever the findings.
 */
function renderBatchSummary(outcomes, options) {
    const maxBytes = Math.max(1, Math.floor(options.maxBytes ?? constants/* Limits */.xu.summaryBytes));
    const head = [batchHeading(outcomes, options.mode), '', ...tableLines(outcomes, options.mode), ''].join('\n');
    const share = Math.floor((maxBytes - batch_bytes(head) - SECTION_SLACK) / Math.max(1, outcomes.length));
    const fallback = `${head}\nThe per-image details do not fit GitHub's job summary limit; see ${options.reportFile ? `the JSON report ${escapeMarkdown(options.reportFile, 500)}` : 'the JSON report'}.\n`;
    if (share < 2048)
        return batch_bytes(fallback) < maxBytes ? fallback : `${batchHeading(outcomes, options.mode)}\n`;
    const common = options.reportFile ? { reportFile: options.reportFile } : {};
    const policy = options.policy;
    const judged = (i) => policy === undefined ? common : { ...common, policy: typeof policy === 'function' ? policy(i) : policy };
    const sections = outcomes.map((o, i) => {
        const label = `${i + 1}. ${escapeMarkdown((0,short_name/* shortReference */.e)(o.reference), MAX_REFERENCE)}`;
        // The label and the demoted headings add bytes; keep them out of the section's own budget.
        const inner = share - batch_bytes(label) - 256;
        const text = 'verdict' in o
            ? renderSummary(o.verdict, { ...judged(i), maxBytes: inner })
            : renderErrorSummary(o.error, { ...common, mode: options.mode });
        return demote(text, label);
    });
    const full = [head, ...sections].join('\n');
    return batch_bytes(full) < maxBytes ? full : fallback;
}
/**
 * The JSON report of a batch (`batchReport` in report.schema.json): `{ schemaVersion, tool,
 * decision, reasons (one per failed image: "<reference>: <first reason>"), mode, evaluatedAt,
 * batch: true, images: [each image's verdict report, or its error report], run? }`, images in input
 * order.
 */
function renderBatchReport(outcomes, policy, options) {
    const run = options.run;
    // One policy for every image, or (with policy-file overrides by repository) each image's own.
    const policyOf = typeof policy === 'function' ? policy : () => policy;
    return {
        schemaVersion: REPORT_SCHEMA_VERSION,
        tool: { name: json_report_TOOL.name, version: json_report_TOOL.version },
        decision: batchDecision(outcomes),
        reasons: outcomes.filter((o) => !passed(o)).map((o) => `${o.reference}: ${firstReason(o)}`),
        mode: options.mode,
        evaluatedAt: options.now.toISOString(),
        batch: true,
        images: outcomes.map((o, i) => 'verdict' in o
            ? renderJsonReport(o.verdict, policyOf(i), undefined, options.lazyFindings === true ? { lazyFindings: true } : {})
            : renderErrorReport(o.error, options.now)),
        ...(run !== undefined && Object.keys(run).length > 0 ? { run: { ...run } } : {})
    };
}
/**
 * SARIF for a batch: one run holding the union of every verdict's results (images that could not be
 * resolved have none; at most
 * `SARIF_MAX_RESULTS`, GitHub's limit), one rule per vulnerability id across images.
 */
function renderBatchSarif(outcomes) {
    const verdicts = outcomes.flatMap((o) => ('verdict' in o ? [o.verdict] : []));
    const rules = [];
    const ruleIndex = new Map();
    const results = [];
    let counted = 0;
    let omitted = 0;
    let driver = { name: json_report_TOOL.name, version: json_report_TOOL.version, semanticVersion: json_report_TOOL.version };
    for (const verdict of verdicts) {
        const run = renderSarif(verdict).runs[0];
        driver = { ...run.tool.driver };
        counted += run.properties.countedFindings;
        omitted += run.properties.omittedResults;
        for (const result of run.results) {
            if (results.length >= SARIF_MAX_RESULTS) {
                omitted++;
                continue;
            }
            let index = ruleIndex.get(result.ruleId);
            if (index === undefined) {
                const rule = run.tool.driver.rules[result.ruleIndex];
                if (rule === undefined)
                    continue;
                index = rules.length;
                ruleIndex.set(result.ruleId, index);
                rules.push(rule);
            }
            results.push({ ...result, ruleIndex: index });
        }
    }
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { ...driver, rules } },
                automationDetails: { id: 'ecr-deploy-gate/batch/' },
                results,
                properties: {
                    decision: batchDecision(outcomes),
                    imageUris: verdicts.map((v) => escape_plainLine(v.image.uri, 2000)),
                    countedFindings: counted,
                    omittedResults: omitted
                }
            }
        ]
    };
}

;// CONCATENATED MODULE: ./src/report/run.ts






/** The job summary of a run. */
function renderRunSummary(result, options = {}) {
    return renderRunSummaryParts(result, options).join('');
}
/** `renderRunSummary`'s text as parts whose concatenation it is (see `renderSummaryParts`). */
function renderRunSummaryParts(result, options = {}) {
    if (options.failure !== undefined)
        return [failedRunSummary(result, options.failure, options.reportFile)];
    const common = options.reportFile !== undefined ? { reportFile: options.reportFile } : {};
    const only = result.images[0];
    if (result.batch || only === undefined)
        return [
            renderBatchSummary(result.images, {
                ...common,
                ...(options.policy !== undefined ? { policy: options.policy } : {}),
                mode: result.mode
            })
        ];
    return 'error' in only
        ? [
            renderErrorSummary(only.error, {
                ...(options.reportFile !== undefined ? { reportFile: options.reportFile } : {}),
                mode: result.mode
            })
        ]
        : renderSummaryParts(only.verdict, {
            ...common,
            ...(options.policy !== undefined ? { policy: typeof options.policy === 'function' ? options.policy(0) : options.policy } : {})
        });
}
/**
 * The summary of a run that failed after its verdicts: it leads with the failure and lists what was
 * judged, without any "deploy this" wording, because the run's failure blocks the deploy.
 */
function failedRunSummary(result, failure, reportFile) {
    const lines = [
        ...blockedHead('The run failed after the images were judged, so the deploy is blocked (fail closed).', failure),
        '| Image | Verdict before the failure | Digest |',
        '| --- | --- | --- |'
    ];
    for (const o of result.images) {
        const verdict = 'verdict' in o ? o.verdict.decision : 'fail';
        const digest = 'verdict' in o ? codeSpan(o.verdict.image.digest, 80, { inTable: true }) : '—';
        lines.push(`| ${escapeMarkdownKeepingRefs(o.reference, 300, { inTable: true })} | ${verdict} | ${digest} |`);
    }
    lines.push('');
    if (reportFile !== undefined)
        lines.push(`JSON report: ${escapeMarkdown(reportFile, 500)}`, '');
    return lines.join('\n');
}
/**
 * The JSON report of a run: one image's report, its error report, or the batch report. `policy` is
 * the one policy of every image, or each image's own (by request index).
 */
function renderRunReport(result, policy, options) {
    const only = result.images[0];
    const lazy = options.lazyFindings === true ? { lazyFindings: true } : {};
    if (result.batch || only === undefined) {
        return renderBatchReport(result.images, policy, {
            mode: result.mode,
            now: options.now,
            ...(options.run ? { run: options.run } : {}),
            ...lazy
        });
    }
    if ('error' in only)
        return renderErrorReport(only.error, options.now);
    return renderJsonReport(only.verdict, typeof policy === 'function' ? policy(0) : policy, options.run, lazy);
}
/** SARIF of a run; undefined for a single image that could not be gated (nothing was judged). */
function renderRunSarif(result) {
    const only = result.images[0];
    if (result.batch || only === undefined)
        return renderBatchSarif(result.images);
    return 'verdict' in only ? renderSarif(only.verdict) : undefined;
}

;// CONCATENATED MODULE: ./src/report/index.ts
/** Pure renderers of a `ImageVerdict`: the job summary, the JSON report and SARIF. */












// EXTERNAL MODULE: ./src/action/plan.ts + 18 modules
var action_plan = __webpack_require__(77834);
// EXTERNAL MODULE: ./src/action/names.ts
var names = __webpack_require__(42814);
;// CONCATENATED MODULE: ./src/action/outputs.ts


/**
 * Sets every output of a run. `decision` is `fail` when the run failed after its verdicts
 * (`failedAfter`), whatever they said. A single image that could not be gated sets only
 * `decision`, `results` and `report-file`: there is no digest to name. An image blocked in `enforce`
 * mode keeps its `digest` but gets an empty `image-uri` line (see `deployableUri`).
 */
function setRunOutputs(setOutput, result, reportFile, failedAfter) {
    setOutput(names/* Outputs */.t.Decision, failedAfter ? 'fail' : result.decision);
    const verdicts = result.images.flatMap((o) => ('verdict' in o ? [o.verdict] : []));
    if (result.batch || verdicts.length > 0) {
        const sum = (pick) => String(verdicts.reduce((n, v) => n + pick(v), 0));
        setOutput(names/* Outputs */.t.Digest, result.images.map((o) => ('verdict' in o ? o.verdict.image.digest : '')).join('\n'));
        setOutput(names/* Outputs */.t.ImageUri, result.images.map((o) => deployableUri(o) ?? '').join('\n'));
        setOutput(names/* Outputs */.t.CriticalCount, sum((v) => v.policy.counts.critical));
        setOutput(names/* Outputs */.t.HighCount, sum((v) => v.policy.counts.high));
        setOutput(names/* Outputs */.t.MediumCount, sum((v) => v.policy.counts.medium));
        setOutput(names/* Outputs */.t.LowCount, sum((v) => v.policy.counts.low));
        setOutput(names/* Outputs */.t.Violations, sum((v) => v.policy.violations.reduce((n, x) => n + x.count, 0)));
        setOutput(names/* Outputs */.t.SignatureStatus, batchSignatureStatus(result.images));
        setOutput(names/* Outputs */.t.PostureStatus, runPostureStatus(result.images));
        setOutput(names/* Outputs */.t.AttestationStatus, runAttestationStatus(result.images));
    }
    setOutput(names/* Outputs */.t.ReportFile, reportFile);
    setOutput(names/* Outputs */.t.Results, JSON.stringify(batchResults(result.images)));
}
/** The outputs of a run that stopped before any verdict: every image asked for is a failure. */
function setErrorOutputs(setOutput, reason, images, reportFile) {
    setOutput(names/* Outputs */.t.Decision, 'fail');
    setOutput(names/* Outputs */.t.Results, JSON.stringify(images.map((image) => ({ image, decision: 'fail', reasons: [reason] }))));
    if (reportFile !== undefined)
        setOutput(names/* Outputs */.t.ReportFile, reportFile);
}

;// CONCATENATED MODULE: ./src/action/reporting.ts
/**
 * What the action writes once the verdicts are in: the JSON report, SARIF, the job summary and the
 * outputs. `main.ts` imports this module dynamically, so it and the renderers under `report/` are a
 * chunk of their own in dist/, compiled while the run waits for AWS rather than before its first
 * request (cold start).
 */





/**
 * Renders and writes the JSON report, piece by piece (with tens of thousands of findings the report
 * text would be tens of MiB at once). Its own function, so the report tree can be collected as soon
 * as it is written.
 */
async function writeRunReport(result, plan, file) {
    const report = withEffectivePolicy(
    // The finding entries are made as the file is written, never all at once (tens of thousands of objects).
    renderRunReport(result, (0,action_plan/* policyOf */.US)(plan), { now: new Date(), run: runContextFromEnv(process.env), lazyFindings: true }), (0,action_plan/* effectivePolicyOf */.tk)(plan));
    await writeJsonFile(file, report);
}
/** Writes the SARIF file; nothing when the run has no verdict to describe. */
async function writeRunSarif(result, file) {
    const sarif = renderRunSarif(result);
    if (sarif !== undefined)
        await writeJsonFile(file, sarif);
}
/** The JSON report of a run that stopped before any verdict. */
async function writeErrorReport(file, failure) {
    await writeReportFile(file, JSON.stringify(renderErrorReport(failure, new Date()), null, 2));
}
/**
 * Appends the job summary to `file`, from the final outcome: a run that failed after its verdicts
 * shows as blocked. A write failure is only a warning (STYLE.md).
 */
async function writeSummary(file, input, log) {
    const { result, failure, failedAfter, reportFile, plan } = input;
    const common = reportFile !== undefined ? { reportFile } : {};
    try {
        const parts = result
            ? renderRunSummaryParts(result, {
                ...common,
                ...(plan !== undefined ? { policy: (0,action_plan/* policyOf */.US)(plan) } : {}),
                ...(failedAfter !== undefined ? { failure: failedAfter } : {})
            })
            : [renderErrorSummary(failure ?? 'unknown error', common)];
        const effective = plan !== undefined ? renderEffectivePolicySummary((0,action_plan/* effectivePolicyOf */.tk)(plan)) : '';
        if (effective !== '')
            parts.push('\n', effective);
        await appendSummaryFile(file, parts);
    }
    catch (error) {
        log.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}


/***/ })

};
