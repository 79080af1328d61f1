export const id = 690;
export const ids = [690];
export const modules = {

/***/ 5690:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  AwsSignerGovCloudRootPem: () => (/* reexport */ AwsSignerGovCloudRootPem),
  AwsSignerRootPem: () => (/* reexport */ AwsSignerRootPem),
  EnvelopeError: () => (/* reexport */ EnvelopeError),
  MAX_SIGNATURES: () => (/* reexport */ fetch/* MAX_SIGNATURES */.d),
  certificateHashes: () => (/* reexport */ certificateHashes),
  fetchSignatures: () => (/* reexport */ fetch/* fetchSignatures */.A),
  loadTrustConfig: () => (/* reexport */ loadTrustConfig),
  notationCheck: () => (/* reexport */ notationCheck),
  notationResult: () => (/* reexport */ notationResult),
  parseCose: () => (/* reexport */ parseCose),
  parseJws: () => (/* reexport */ parseJws),
  parseSigningProfileArn: () => (/* reexport */ parseSigningProfileArn),
  parseTrustPolicy: () => (/* reexport */ parseTrustPolicy),
  profileMatches: () => (/* reexport */ profileMatches),
  selectStatement: () => (/* reexport */ selectStatement),
  signatureRequired: () => (/* reexport */ signatureRequired),
  verifySignature: () => (/* reexport */ verifySignature)
});

// EXTERNAL MODULE: ./src/config/read-file.ts
var read_file = __webpack_require__(2691);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/core/settings.ts
var settings = __webpack_require__(1922);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/checks/signature/notation/aws-signer.ts
/**
 * The AWS Signer Notation plugin (`com.amazonaws.signer.notation.plugin`), implemented natively:
 * its bundled root certificates, signing-profile identity matching, and the request for
 * `signer:GetRevocationStatus` with the plugin's certificate-hash format.
 */

/**
 * "AWS Signer Code Signing Root CA G1" (commercial partitions), valid 2022-10-27 to 2122-10-27,
 * SHA-256 fingerprint 90:A8:7D:05:…:47:3F. Published by AWS as aws-signer-notation-root.cert.
 */
const AwsSignerRootPem = `-----BEGIN CERTIFICATE-----
MIICWTCCAd6gAwIBAgIRAMq5Lmt4rqnUdi8qM4eIGbYwCgYIKoZIzj0EAwMwbDEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTErMCkGA1UEAwwiQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
Um9vdCBDQSBHMTAgFw0yMjEwMjcyMTMzMjJaGA8yMTIyMTAyNzIyMzMyMlowbDEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTErMCkGA1UEAwwiQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
Um9vdCBDQSBHMTB2MBAGByqGSM49AgEGBSuBBAAiA2IABM9+dM9WXbVyNOIP08oN
IQW8DKKdBxP5nYNegFPLfGP0f7+0jweP8LUv1vlFZqVDep5ONus9IxwtIYBJLd36
5Q3Z44Xnm4PY/wSI5xRvB/m+/B2PHc7Smh0P5s3Dt25oVKNCMEAwDwYDVR0TAQH/
BAUwAwEB/zAdBgNVHQ4EFgQUONhd3abPX87l4YWKxjysv28QwAYwDgYDVR0PAQH/
BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYCMQCd32GnYU2qFCtKjZiveGfs+gCBlPi2
Hw0zU52LXIFC2GlcvwcekbiM6w0Azlr9qvMCMQDl4+Os0yd+fVlYMuovvxh8xpjQ
NPJ9zRGyYa7+GNs64ty/Z6bzPHOKbGo4In3KKJo=
-----END CERTIFICATE-----
`;
/**
 * "AWS Signer Code Signing GovCloud (US) Root CA G1", valid 2024-03-06 to 2124-03-07,
 * SHA-256 fingerprint 67:36:53:AB:…:C3:E8. Published by AWS as aws-us-gov-signer-notation-root.cert.
 */
const AwsSignerGovCloudRootPem = `-----BEGIN CERTIFICATE-----
MIICdDCCAfqgAwIBAgIRANXkpKrZj0L324qGaqRhW/cwCgYIKoZIzj0EAwMwejEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTE5MDcGA1UEAwwwQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
R292Q2xvdWQgKFVTKSBSb290IENBIEcxMCAXDTI0MDMwNjIzMzgyOFoYDzIxMjQw
MzA3MDAzODI4WjB6MQswCQYDVQQGEwJVUzEMMAoGA1UECgwDQVdTMRUwEwYDVQQL
DAxDcnlwdG9ncmFwaHkxCzAJBgNVBAgMAldBMTkwNwYDVQQDDDBBV1MgU2lnbmVy
IENvZGUgU2lnbmluZyBHb3ZDbG91ZCAoVVMpIFJvb3QgQ0EgRzEwdjAQBgcqhkjO
PQIBBgUrgQQAIgNiAARog54ObzWaGU6fAOcL4Af+P93l2t8Dl9hVD2n0eSSfmPq1
3jtXgjcpXZIjMfoiWQPJTvyAB3opRyvO3grvUaWxRnjtwB/Pusj4tzhnaN+b80eJ
iRn6AzrI9vBssd1ZyRKjQjBAMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFJF4
zoYzTyn/5s8EleoNvek9QeE6MA4GA1UdDwEB/wQEAwIBhjAKBggqhkjOPQQDAwNo
ADBlAjEA8tcKeLPxBB0mRmfkJn5+hgYxZaRGQatO5mxmjkB/DNIfJ1WeEE3tbCHr
pNJL32FUAjBQY82UNV5yJrKFHOxuiQ+athQZUHLvWvAIXKExt9wvLdtKzfpag8BI
o2A2A4nk0jk=
-----END CERTIFICATE-----
`;
/**
 * The bundled root for a partition. There is no published AWS Signer Notation root for the China
 * partition, so it has none: users there must supply one in a trust store.
 */
function bundledRoots(partition) {
    if (partition === 'aws')
        return [AwsSignerRootPem];
    if (partition === 'aws-us-gov')
        return [AwsSignerGovCloudRootPem];
    return [];
}
/** Name of the implicit signingAuthority store holding the bundled root of a partition. */
function bundledStoreName(partition) {
    return `aws-signer-${partition}`;
}
/** Platform the AWS Signer plugin reports to GetRevocationStatus. */
const NotationPlatformId = 'Notation-OCI-SHA384-ECDSA';
const profileArn = /^arn:(aws|aws-us-gov|aws-cn):signer:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):\/signing-profiles\/([A-Za-z0-9_]{2,64})(?:\/([A-Za-z0-9]{1,64}))?$/;
/**
 * Parses `arn:<partition>:signer:<region>:<account>:/signing-profiles/<name>[/<version>]`.
 * Returns a message instead of throwing so callers can name their input.
 */
function parseSigningProfileArn(value) {
    if (value.includes('*'))
        return 'a wildcard is not allowed; name the signing profile ARN';
    const m = profileArn.exec(value);
    if (!m) {
        return 'expected arn:aws[-us-gov|-cn]:signer:<region>:<12-digit account>:/signing-profiles/<name>[/<version>]';
    }
    const arn = { partition: m[1], region: m[2], account: m[3], profile: m[4] };
    if (m[5] !== undefined)
        arn.version = m[5];
    return arn;
}
/**
 * Whether a trusted signing profile ARN accepts a signature's profile-version ARN, as the plugin
 * does it: a profile ARN matches the version ARN minus its last segment, a profile-version ARN
 * must match exactly; both case-insensitively.
 */
function profileMatches(trusted, signatureProfileVersion) {
    const parsed = parseSigningProfileArn(trusted);
    if (typeof parsed === 'string')
        return false;
    const signature = signatureProfileVersion.toLowerCase();
    if (parsed.version !== undefined)
        return trusted.toLowerCase() === signature;
    const slash = signature.lastIndexOf('/');
    return slash !== -1 && signature.slice(0, slash) === trusted.toLowerCase();
}
/**
 * The plugin's certificate hashes: for each certificate, hex(SHA-384(tbs)) of it followed by that
 * of the next one toward the root; the root is paired with itself.
 */
function certificateHashes(chain) {
    const hashes = chain.map((c) => (0,external_node_crypto_.createHash)('sha384').update(c.tbs).digest('hex'));
    return hashes.map((h, i) => h + (hashes[i + 1] ?? h));
}
/** Builds the GetRevocationStatus request the AWS Signer plugin would send for a signature. */
function revocationRequest(input) {
    return {
        signatureTimestamp: input.authenticSigningTime,
        platformId: NotationPlatformId,
        profileVersionArn: input.profileVersionArn,
        jobArn: input.jobArn,
        certificateHashes: certificateHashes(input.chain)
    };
}

// EXTERNAL MODULE: ./src/core/constants.ts
var constants = __webpack_require__(6214);
;// CONCATENATED MODULE: ./src/checks/signature/notation/envelope.ts
/**
 * The common parsed form of a Notation signature envelope (JWS or COSE), and the checks that do not
 * depend on the envelope format: critical headers, signed attributes, payload and descriptor.
 * See the Notary Project signature specification, "Signature Envelope" and "Signed attributes".
 */

/** Why an envelope was rejected before any trust decision; `check` names the failed rule. */
class EnvelopeError extends Error {
    check;
    name = 'EnvelopeError';
    constructor(check, message) {
        super(message);
        this.check = check;
    }
}
/** Only payload content type the Notary Project defines. */
const NotaryPayloadType = 'application/vnd.cncf.notary.payload.v1+json';
/** Signed attribute labels defined by the Notary Project (same strings in JWS and COSE). */
const NotaryLabels = {
    signingScheme: 'io.cncf.notary.signingScheme',
    signingTime: 'io.cncf.notary.signingTime',
    expiry: 'io.cncf.notary.expiry',
    authenticSigningTime: 'io.cncf.notary.authenticSigningTime',
    verificationPlugin: 'io.cncf.notary.verificationPlugin',
    verificationPluginMinVersion: 'io.cncf.notary.verificationPluginMinVersion',
    signingAgent: 'io.cncf.notary.signingAgent',
    timestampSignature: 'io.cncf.notary.timestampSignature'
};
/** The AWS Signer Notation plugin, which this gate implements natively. */
/**
 * Notary signed attributes with a meaning of their own; any other protected header entry (JWS member
 * or COSE string label) is an extended attribute.
 */
const NotaryProtectedLabels = new Set([
    NotaryLabels.signingScheme,
    NotaryLabels.signingTime,
    NotaryLabels.expiry,
    NotaryLabels.authenticSigningTime,
    NotaryLabels.verificationPlugin,
    NotaryLabels.verificationPluginMinVersion
]);
const AwsSignerPlugin = 'com.amazonaws.signer.notation.plugin';
/** Extended signed attributes written (as critical) by AWS Signer and processed by its plugin. */
const AwsSignerAttributes = {
    signingProfileVersion: 'com.amazonaws.signer.signingProfileVersion',
    signingJob: 'com.amazonaws.signer.signingJob',
    signingProfileAlias: 'com.amazonaws.signer.signingProfileAlias'
};
/**
 * Labels that may appear in `crit` whatever the plugin. `signingTime` is tolerated there because
 * marking a known attribute critical is harmless.
 */
const knownCriticalLabels = new Set([
    NotaryLabels.signingScheme,
    NotaryLabels.expiry,
    NotaryLabels.authenticSigningTime,
    NotaryLabels.verificationPlugin,
    NotaryLabels.verificationPluginMinVersion,
    NotaryLabels.signingTime
]);
/** Attributes that, when present, the specification requires to be listed in `crit`. */
const mustBeCritical = [
    NotaryLabels.signingScheme,
    NotaryLabels.expiry,
    NotaryLabels.authenticSigningTime,
    NotaryLabels.verificationPlugin,
    NotaryLabels.verificationPluginMinVersion
];
/** Upper bound of certificates accepted in an envelope's chain (real chains have 2 to 4). */
const MaxChainLength = 10;
/**
 * Refuses oversized envelopes before anything parses them (Notation's own 32 MiB bound).
 * Throws `EnvelopeError`.
 */
function assertEnvelopeSize(bytes) {
    if (bytes.byteLength > constants/* Limits */.xu.envelopeBytes) {
        throw new EnvelopeError('size', `envelope is ${bytes.byteLength} bytes, over the ${constants/* Limits */.xu.envelopeBytes}-byte limit`);
    }
}
/** True for the two envelope media types of the Notary Project. */
function isEnvelopeMediaType(mediaType) {
    return mediaType === constants/* MediaTypes */.mI.Jws || mediaType === constants/* MediaTypes */.mI.Cose;
}
/**
 * Applies the `crit` rules: it must exist, list each attribute the specification requires to be
 * critical (when present), list only labels that are present, and contain no label this verifier
 * does not process. AWS Signer's extended attributes count as processed only when the envelope
 * names the AWS Signer plugin, because only that plugin (implemented here) understands them.
 */
function checkCritical(env) {
    const crit = env.critical;
    if (crit.length === 0)
        throw new EnvelopeError('crit', 'protected header has no "crit" list');
    if (new Set(crit).size !== crit.length)
        throw new EnvelopeError('crit', '"crit" lists a label twice');
    const present = new Set(env.protectedLabels);
    for (const label of mustBeCritical) {
        if (present.has(label) && !crit.includes(label)) {
            throw new EnvelopeError('crit', `signed attribute "${label}" is present but not marked critical`);
        }
    }
    const processed = new Set(knownCriticalLabels);
    if (env.verificationPlugin === AwsSignerPlugin) {
        for (const label of Object.values(AwsSignerAttributes))
            processed.add(label);
    }
    for (const label of crit) {
        if (!present.has(label))
            throw new EnvelopeError('crit', `"crit" lists "${label}", which the header does not contain`);
        if (!processed.has(label))
            throw new EnvelopeError('crit', `unknown critical header "${label}"`);
    }
}
/**
 * Checks the signed attributes every Notation envelope must carry: the payload content type, a
 * known signing scheme, and the time attribute that scheme requires.
 */
function checkSignedAttributes(env) {
    if (env.contentType !== NotaryPayloadType) {
        throw new EnvelopeError('cty', `content type is "${env.contentType}", expected "${NotaryPayloadType}"`);
    }
    if (env.signingScheme === 'notary.x509') {
        if (env.signingTime === undefined)
            throw new EnvelopeError('signingTime', 'scheme notary.x509 requires a signingTime');
    }
    else if (env.signingScheme === 'notary.x509.signingAuthority') {
        if (env.authenticSigningTime === undefined) {
            throw new EnvelopeError('authenticSigningTime', 'scheme notary.x509.signingAuthority requires an authenticSigningTime');
        }
    }
    else {
        throw new EnvelopeError('signingScheme', `unsupported signing scheme "${env.signingScheme}"`);
    }
    if (env.verificationPluginMinVersion !== undefined && env.verificationPlugin === undefined) {
        throw new EnvelopeError('verificationPlugin', 'verificationPluginMinVersion is set without verificationPlugin');
    }
}
/** Parses the Notary payload `{ "targetArtifact": descriptor }`. Throws `EnvelopeError`. */
function parsePayload(payload) {
    let parsed;
    try {
        parsed = JSON.parse(decodeUtf8(payload, 'payload'));
    }
    catch (error) {
        if (error instanceof EnvelopeError)
            throw error;
        throw new EnvelopeError('payload', 'payload is not valid JSON');
    }
    if (!isRecord(parsed) || !isRecord(parsed.targetArtifact)) {
        throw new EnvelopeError('payload', 'payload has no "targetArtifact" object');
    }
    const t = parsed.targetArtifact;
    if (typeof t.mediaType !== 'string' || typeof t.digest !== 'string' || typeof t.size !== 'number') {
        throw new EnvelopeError('payload', 'payload targetArtifact lacks mediaType, digest or size');
    }
    if (!Number.isSafeInteger(t.size) || t.size < 0)
        throw new EnvelopeError('payload', 'payload targetArtifact size is not a non-negative integer');
    const target = { mediaType: t.mediaType, digest: t.digest, size: t.size };
    if (isRecord(t.annotations)) {
        const annotations = {};
        for (const [k, v] of Object.entries(t.annotations))
            if (typeof v === 'string')
                annotations[k] = v;
        target.annotations = annotations;
    }
    return target;
}
/** Returns why `actual` does not describe the same content as `expected`, or undefined when it does. */
function descriptorMismatch(expected, actual) {
    if (actual.digest !== expected.digest)
        return `digest ${actual.digest} instead of ${expected.digest}`;
    if (actual.size !== expected.size)
        return `size ${actual.size} instead of ${expected.size}`;
    if (actual.mediaType !== expected.mediaType)
        return `media type ${actual.mediaType} instead of ${expected.mediaType}`;
    return undefined;
}
/** Strict RFC 3339 date-time (what Notation writes into JWS headers). */
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
/** Parses an RFC 3339 string, refusing anything looser (Date.parse alone accepts far too much). */
function parseRfc3339(value, label) {
    if (typeof value !== 'string' || !rfc3339.test(value))
        throw new EnvelopeError(label, `"${label}" is not an RFC 3339 time`);
    const date = new Date(value);
    if (Number.isNaN(date.getTime()))
        throw new EnvelopeError(label, `"${label}" is not a valid time`);
    return date;
}
/** Decodes UTF-8, refusing invalid sequences rather than replacing them. */
function decodeUtf8(bytes, what) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new EnvelopeError(what, `${what} is not valid UTF-8`);
    }
}
/** True for a plain JSON object. */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./node_modules/@peculiar/asn1-rsa/build/cjs/index.js
var cjs = __webpack_require__(7300);
// EXTERNAL MODULE: ./node_modules/@peculiar/asn1-schema/build/cjs/index.js
var build_cjs = __webpack_require__(7261);
// EXTERNAL MODULE: ./node_modules/@peculiar/asn1-x509/build/cjs/index.js
var asn1_x509_build_cjs = __webpack_require__(3594);
;// CONCATENATED MODULE: ./src/checks/signature/notation/x509.ts
/**
 * X.509 rules of the Notary Project signature specification ("Certificate requirements",
 * "Signature algorithm requirements"): certificate parsing, chain structure, key sizes, algorithm
 * bindings, validity periods. Pure: no clock, no I/O.
 */




/** A certificate that breaks a rule; `message` names the certificate and the rule. */
class CertificateError extends Error {
    name = 'CertificateError';
}
/** Upper bound on one DER certificate; real ones are 1-2 KiB. */
const MaxCertificateBytes = 64 * 1024;
const OID = {
    crlDistributionPoints: '2.5.29.31',
    authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
    subjectKeyIdentifier: '2.5.29.14',
    authorityKeyIdentifier: '2.5.29.35',
    subjectAltName: '2.5.29.17',
    certificatePolicies: '2.5.29.32'
};
/** Critical extensions this verifier understands; any other critical extension rejects the certificate. */
const understoodCritical = new Set([
    asn1_x509_build_cjs.id_ce_keyUsage,
    asn1_x509_build_cjs.id_ce_basicConstraints,
    asn1_x509_build_cjs.id_ce_extKeyUsage,
    OID.subjectKeyIdentifier,
    OID.authorityKeyIdentifier,
    OID.subjectAltName,
    OID.certificatePolicies,
    OID.crlDistributionPoints,
    OID.authorityInfoAccess
]);
/** Attribute type OIDs and the short names used to print subjects and parse trusted identities. */
const AttributeNames = new Map([
    ['2.5.4.6', 'C'],
    ['2.5.4.8', 'ST'],
    ['2.5.4.7', 'L'],
    ['2.5.4.10', 'O'],
    ['2.5.4.11', 'OU'],
    ['2.5.4.3', 'CN'],
    ['2.5.4.5', 'SERIALNUMBER'],
    ['2.5.4.9', 'STREET'],
    ['2.5.4.17', 'POSTALCODE'],
    ['2.5.4.12', 'TITLE'],
    ['2.5.4.4', 'SN'],
    ['2.5.4.42', 'GIVENNAME'],
    ['0.9.2342.19200300.100.1.25', 'DC'],
    ['0.9.2342.19200300.100.1.1', 'UID'],
    ['1.2.840.113549.1.9.1', 'E']
]);
/** Signature algorithms allowed on certificates (SHA-2 only: no MD5, no SHA-1). */
const allowedCertAlgorithms = new Set([
    '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
    '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
    '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
    '1.2.840.113549.1.1.10', // RSASSA-PSS (hash checked in its parameters)
    '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
    '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
    '1.2.840.10045.4.3.4' // ecdsa-with-SHA512
]);
/** Reads one DER length at `offset`; returns [length, bytes used by the length field]. */
function derLength(der, offset) {
    const first = der[offset];
    if (first === undefined)
        throw new CertificateError('truncated DER');
    if (first < 0x80)
        return [first, 1];
    const count = first & 0x7f;
    if (count === 0 || count > 4)
        throw new CertificateError('unsupported DER length');
    let length = 0;
    for (let i = 1; i <= count; i++) {
        const b = der[offset + i];
        if (b === undefined)
            throw new CertificateError('truncated DER');
        length = length * 256 + b;
    }
    return [length, 1 + count];
}
/**
 * Slices the raw tbsCertificate out of a certificate's DER: the first element of the outer
 * SEQUENCE. Slicing (rather than re-encoding a parsed structure) keeps the exact signed bytes.
 */
function tbsBytes(der) {
    if (der[0] !== 0x30)
        throw new CertificateError('certificate is not a DER SEQUENCE');
    const [, outerLenBytes] = derLength(der, 1);
    const tbsStart = 1 + outerLenBytes;
    if (der[tbsStart] !== 0x30)
        throw new CertificateError('tbsCertificate is not a DER SEQUENCE');
    const [tbsLen, tbsLenBytes] = derLength(der, tbsStart + 1);
    const end = tbsStart + 1 + tbsLenBytes + tbsLen;
    if (end > der.byteLength)
        throw new CertificateError('tbsCertificate overruns the certificate');
    return der.subarray(tbsStart, end);
}
/** Parses a DER certificate. Throws `CertificateError` with a readable reason. */
function parseCertificate(der) {
    if (der.byteLength > MaxCertificateBytes)
        throw new CertificateError(`certificate is ${der.byteLength} bytes, over ${MaxCertificateBytes}`);
    let x509;
    let asn;
    try {
        x509 = new external_node_crypto_.X509Certificate(der);
        asn = build_cjs.AsnConvert.parse(der, asn1_x509_build_cjs.Certificate);
    }
    catch (error) {
        throw new CertificateError(`not a valid X.509 certificate (${error instanceof Error ? error.message : String(error)})`);
    }
    const tbs = asn.tbsCertificate;
    const subjectAttributes = [];
    for (const rdn of tbs.subject)
        for (const atv of rdn)
            subjectAttributes.push({ oid: atv.type, value: atv.value.toString() });
    const info = {
        der,
        x509,
        subject: subjectAttributes.map((a) => `${AttributeNames.get(a.oid) ?? a.oid}=${a.value}`).join(', '),
        subjectAttributes,
        notBefore: tbs.validity.notBefore.getTime(),
        notAfter: tbs.validity.notAfter.getTime(),
        hasRevocationPointers: false,
        tbs: tbsBytes(der),
        signatureAlgorithmOid: asn.signatureAlgorithm.algorithm
    };
    if (asn.signatureAlgorithm.parameters)
        info.signatureAlgorithmParams = new Uint8Array(asn.signatureAlgorithm.parameters);
    const seen = new Set();
    for (const ext of tbs.extensions ?? []) {
        if (seen.has(ext.extnID))
            throw new CertificateError(`extension ${ext.extnID} appears twice`);
        seen.add(ext.extnID);
        if (ext.critical && !understoodCritical.has(ext.extnID)) {
            throw new CertificateError(`unsupported critical extension ${ext.extnID}`);
        }
        try {
            if (ext.extnID === asn1_x509_build_cjs.id_ce_keyUsage) {
                const ku = build_cjs.AsnConvert.parse(ext.extnValue, asn1_x509_build_cjs.KeyUsage);
                info.keyUsage = new Set(ku.toJSON());
            }
            else if (ext.extnID === asn1_x509_build_cjs.id_ce_basicConstraints) {
                const bc = build_cjs.AsnConvert.parse(ext.extnValue, asn1_x509_build_cjs.BasicConstraints);
                info.basicConstraints = bc.pathLenConstraint === undefined ? { cA: bc.cA } : { cA: bc.cA, pathLen: bc.pathLenConstraint };
            }
            else if (ext.extnID === asn1_x509_build_cjs.id_ce_extKeyUsage) {
                info.extendedKeyUsage = [...build_cjs.AsnConvert.parse(ext.extnValue, asn1_x509_build_cjs.ExtendedKeyUsage)];
            }
            else if (ext.extnID === OID.crlDistributionPoints || ext.extnID === OID.authorityInfoAccess) {
                info.hasRevocationPointers = true;
            }
        }
        catch (error) {
            throw new CertificateError(`extension ${ext.extnID} is malformed (${error instanceof Error ? error.message : String(error)})`);
        }
    }
    return info;
}
/** Parses every certificate of an envelope chain, naming the position of a bad one. */
function parseChain(ders) {
    return ders.map((der, i) => {
        try {
            return parseCertificate(der);
        }
        catch (error) {
            throw new CertificateError(`certificate ${i} of the chain: ${error instanceof Error ? error.message : String(error)}`);
        }
    });
}
/** A short printable name for messages: the subject's CN, or the whole subject. */
function certName(cert) {
    const cn = cert.subjectAttributes.find((a) => a.oid === '2.5.4.3');
    return cn ? `"${cn.value}"` : `"${cert.subject}"`;
}
/** The key of a certificate, described for messages and size rules. */
function keyDescription(cert) {
    const key = cert.x509.publicKey;
    const details = key.asymmetricKeyDetails ?? {};
    if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
        return { type: 'rsa', bits: details.modulusLength ?? 0 };
    }
    if (key.asymmetricKeyType === 'ec') {
        const bits = { prime256v1: 256, secp384r1: 384, secp521r1: 521 }[details.namedCurve ?? ''] ?? 0;
        if (bits === 0)
            throw new CertificateError(`${certName(cert)} uses unsupported curve ${details.namedCurve ?? 'unknown'}`);
        return { type: 'ec', bits };
    }
    throw new CertificateError(`${certName(cert)} has an unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`);
}
/**
 * The only JWS/COSE algorithm a leaf key may sign with (Notary Project "Signature algorithm
 * requirements"): the algorithm is bound to the key, so an envelope cannot choose a weaker one.
 */
function algorithmForKey(cert) {
    const key = keyDescription(cert);
    if (key.type === 'rsa') {
        if (key.bits === 2048)
            return 'PS256';
        if (key.bits === 3072)
            return 'PS384';
        if (key.bits === 4096)
            return 'PS512';
        throw new CertificateError(`${certName(cert)} has an RSA-${key.bits} key; allowed are 2048, 3072, 4096`);
    }
    if (key.bits === 256)
        return 'ES256';
    if (key.bits === 384)
        return 'ES384';
    return 'ES512';
}
const hashOf = {
    PS256: 'sha256',
    PS384: 'sha384',
    PS512: 'sha512',
    ES256: 'sha256',
    ES384: 'sha384',
    ES512: 'sha512'
};
const ecSignatureBytes = { ES256: 64, ES384: 96, ES512: 132 };
/** Verifies an envelope signature with the leaf key; false for any mismatch, never throws. */
function verifyWithLeaf(alg, leaf, data, signature) {
    try {
        const hash = hashOf[alg];
        if (alg.startsWith('ES')) {
            // JOSE and COSE carry ECDSA as fixed-size r‖s; a DER signature here is malformed.
            if (signature.byteLength !== ecSignatureBytes[alg])
                return false;
            return (0,external_node_crypto_.verify)(hash, data, { key: leaf.x509.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
        }
        return (0,external_node_crypto_.verify)(hash, data, { key: leaf.x509.publicKey, padding: external_node_crypto_.constants.RSA_PKCS1_PSS_PADDING, saltLength: (0,external_node_crypto_.createHash)(hash).digest().byteLength }, signature);
    }
    catch {
        return false;
    }
}
/** The SHA-2 hashes RSASSA-PSS certificate signatures may use, with their output size in bytes. */
const pssHashBytes = new Map([
    [cjs.id_sha256, 32],
    [cjs.id_sha384, 48],
    [cjs.id_sha512, 64]
]);
/**
 * What is wrong with a certificate signature's RSASSA-PSS-params (RFC 4055), or undefined. Every
 * field has a SHA-1 default when left out, and OpenSSL verifies with what the parameters say, so
 * they are decoded and checked field by field, as Go's crypto/x509 (and so Notation) does: a SHA-2
 * hash, MGF1 over that same hash, a salt as long as the hash, trailer field 1. Looking for a SHA-2
 * identifier anywhere in the bytes let through a hash left at its SHA-1 default beside an MGF1 over
 * SHA-256.
 */
function pssProblem(params) {
    if (params === undefined)
        return 'without a SHA-2 hash';
    let decoded;
    let mgfHash;
    try {
        decoded = build_cjs.AsnConvert.parse(params, cjs.RsaSaPssParams);
        mgfHash = decoded.maskGenAlgorithm.parameters
            ? build_cjs.AsnConvert.parse(decoded.maskGenAlgorithm.parameters, asn1_x509_build_cjs.AlgorithmIdentifier).algorithm
            : '';
    }
    catch {
        return 'with parameters that are not valid DER';
    }
    const hashBytes = pssHashBytes.get(decoded.hashAlgorithm.algorithm);
    if (hashBytes === undefined)
        return 'without a SHA-2 hash';
    if (decoded.maskGenAlgorithm.algorithm !== cjs.id_mgf1 || mgfHash !== decoded.hashAlgorithm.algorithm) {
        return 'with a mask generation other than MGF1 over its own hash';
    }
    if (decoded.saltLength !== hashBytes)
        return `with a salt of ${decoded.saltLength} bytes; the hash's ${hashBytes} required`;
    if (decoded.trailerField !== 1)
        return `with trailer field ${decoded.trailerField}; 1 required`;
    return undefined;
}
function checkAlgorithmAndKey(cert, role) {
    if (!allowedCertAlgorithms.has(cert.signatureAlgorithmOid)) {
        throw new CertificateError(`${role} ${certName(cert)} is signed with algorithm ${cert.signatureAlgorithmOid}, which is not allowed (SHA-1 and MD5 are refused)`);
    }
    if (cert.signatureAlgorithmOid === '1.2.840.113549.1.1.10') {
        const problem = pssProblem(cert.signatureAlgorithmParams);
        if (problem !== undefined)
            throw new CertificateError(`${role} ${certName(cert)} uses RSASSA-PSS ${problem}`);
    }
    const key = keyDescription(cert);
    if (key.type === 'rsa' && key.bits < 2048)
        throw new CertificateError(`${role} ${certName(cert)} has an RSA key of ${key.bits} bits; at least 2048 required`);
}
function selfSigned(cert) {
    try {
        // Not X509Certificate.checkIssued: OpenSSL's issuer check also demands keyCertSign, which a
        // self-signed signing certificate (allowed by Notation) does not have.
        return cert.x509.issuer === cert.x509.subject && cert.x509.verify(cert.x509.publicKey);
    }
    catch {
        return false;
    }
}
/**
 * Checks the structure of a signing chain (leaf first), independent of time and trust: leaf key
 * usage, CA constraints, algorithms, key sizes, that each certificate is signed by the next, and
 * that the chain ends in a self-signed root (a lone self-signed leaf is allowed, as in Notation).
 * Throws `CertificateError`.
 */
function validateChain(chain) {
    const leaf = chain[0];
    if (leaf === undefined)
        throw new CertificateError('the certificate chain is empty');
    checkAlgorithmAndKey(leaf, 'signing certificate');
    if (leaf.basicConstraints?.cA === true)
        throw new CertificateError(`signing certificate ${certName(leaf)} is a CA certificate`);
    if (!leaf.keyUsage?.has('digitalSignature')) {
        throw new CertificateError(`signing certificate ${certName(leaf)} lacks the digitalSignature key usage`);
    }
    if (leaf.keyUsage.has('keyCertSign'))
        throw new CertificateError(`signing certificate ${certName(leaf)} has the keyCertSign key usage`);
    if (leaf.extendedKeyUsage !== undefined && !leaf.extendedKeyUsage.includes(asn1_x509_build_cjs.id_kp_codeSigning)) {
        throw new CertificateError(`signing certificate ${certName(leaf)} has an extended key usage without codeSigning`);
    }
    if (chain.length === 1) {
        if (!selfSigned(leaf))
            throw new CertificateError(`the chain has only the signing certificate ${certName(leaf)}, and it is not self-signed`);
        return;
    }
    for (let i = 0; i < chain.length - 1; i++) {
        const child = chain[i];
        const parent = chain[i + 1];
        const role = i + 1 === chain.length - 1 ? 'root certificate' : 'intermediate certificate';
        checkAlgorithmAndKey(parent, role);
        if (parent.basicConstraints?.cA !== true)
            throw new CertificateError(`${role} ${certName(parent)} is not a CA (basicConstraints cA is not true)`);
        if (!parent.keyUsage?.has('keyCertSign'))
            throw new CertificateError(`${role} ${certName(parent)} lacks the keyCertSign key usage`);
        // pathLen counts the intermediates below this CA, not the leaf.
        if (parent.basicConstraints.pathLen !== undefined && parent.basicConstraints.pathLen < i) {
            throw new CertificateError(`${role} ${certName(parent)} allows a path length of ${parent.basicConstraints.pathLen}, the chain needs ${i}`);
        }
        let issued;
        try {
            issued = child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);
        }
        catch {
            issued = false;
        }
        if (!issued)
            throw new CertificateError(`certificate ${certName(child)} is not signed by the next certificate in the chain, ${certName(parent)}`);
    }
    const root = chain[chain.length - 1];
    if (!selfSigned(root))
        throw new CertificateError(`the chain does not end in a self-signed root (last is ${certName(root)})`);
}
/** The first certificate not valid at `at`, and how, or undefined when all are valid. */
function invalidAt(chain, at) {
    for (const cert of chain) {
        if (at.getTime() > cert.notAfter.getTime())
            return { cert, kind: 'expired' };
        if (at.getTime() < cert.notBefore.getTime())
            return { cert, kind: 'not-yet-valid' };
    }
    return undefined;
}
/** True when two DER certificates are byte-for-byte equal. */
function sameCertificate(a, b) {
    return a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b));
}
/** True for a certificate that may anchor trust: a CA, or a self-signed certificate. */
function canAnchor(cert) {
    return cert.basicConstraints?.cA === true || selfSigned(cert);
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/trust-policy.ts
/**
 * Notation trust policy (`trustpolicy.json`, version 1.0): parsing, validation, the verification
 * levels and their overrides, registry scope selection and trusted identities. Follows the Notary
 * Project trust-store-trust-policy.md; every rule that would make the policy ambiguous is refused
 * at load time with an `SettingError('trust-policy', …)`.
 */




/** The table of the specification, "Signature Verification details". */
const LevelActions = {
    strict: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'enforce', revocation: 'enforce' },
    permissive: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
    audit: { integrity: 'enforce', authenticity: 'log', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
    skip: { integrity: 'skip', authenticity: 'skip', authenticTimestamp: 'skip', expiry: 'skip', revocation: 'skip' }
};
/** Largest trust policy file accepted (real ones are a few KiB). */
const MaxTrustPolicyBytes = 1024 * 1024;
const storeName = /^[a-zA-Z0-9_.-]+$/;
const statementName = /^[a-zA-Z0-9_.-]+$/;
/** `host[:port]/path` with no wildcard, tag or digest: the specification wants fully qualified repositories. */
const repositoryScope = /^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/;
function fail(message) {
    throw new errors/* SettingError */.L_('trust-policy', `Invalid trust policy: ${message}`);
}
const shortNames = new Map([...AttributeNames].map(([oid, name]) => [name, oid]));
shortNames.set('S', '2.5.4.8');
shortNames.set('EMAILADDRESS', '1.2.840.113549.1.9.1');
/**
 * Splits a distinguished name like `C=US, ST=WA, O=acme\, inc` into attributes, honouring the
 * escapes of the specification (`\,` `\;` `\\` `\+` `\=` and escaped edge spaces). Returns an
 * error message instead of throwing so callers can name the offending identity.
 */
function parseDistinguishedName(dn) {
    const components = [];
    let current = '';
    let lastEscaped = -1;
    let firstEscaped = -1;
    const push = () => {
        components.push({ text: current, escapedEdges: [firstEscaped, lastEscaped] });
        current = '';
        firstEscaped = -1;
        lastEscaped = -1;
    };
    for (let i = 0; i < dn.length; i++) {
        const ch = dn[i];
        if (ch === '\\') {
            const next = dn[i + 1];
            if (next === undefined)
                return 'ends with a lone backslash';
            if (firstEscaped === -1)
                firstEscaped = current.length;
            lastEscaped = current.length;
            current += next === '=' ? '\u0000' : next;
            i++;
        }
        else if (ch === ',' || ch === ';' || ch === '+') {
            push();
        }
        else {
            current += ch;
        }
    }
    push();
    const attributes = [];
    for (const { text } of components) {
        const eq = text.indexOf('=');
        if (eq <= 0)
            return `"${text.trim()}" is not TYPE=value`;
        const type = text.slice(0, eq).trim().toUpperCase();
        // Escaped '=' was parked as NUL so that only the first unescaped '=' splits; restore it.
        let value = text.slice(eq + 1).replaceAll('\u0000', '=');
        value = value.replace(/^ +/, '').replace(/ +$/, '');
        const oid = /^[0-9]+(\.[0-9]+)+$/.test(type) ? type : shortNames.get(type);
        if (oid === undefined)
            return `unknown attribute type "${type}"`;
        if (value === '')
            return `attribute ${type} has an empty value`;
        attributes.push({ oid, value });
    }
    return attributes;
}
/** True when every attribute of `identity` is present, with the same value, in `subject`. */
function subjectMatches(identity, subject) {
    const remaining = [...subject];
    for (const want of identity) {
        const at = remaining.findIndex((a) => a.oid === want.oid && a.value === want.value);
        if (at === -1)
            return false;
        remaining.splice(at, 1);
    }
    return true;
}
function parseIdentity(raw, where) {
    if (typeof raw !== 'string' || raw.trim() === '')
        fail(`${where}: a trusted identity must be a non-empty string`);
    const value = raw.trim();
    if (value === '*')
        return { kind: 'any' };
    const prefix = 'x509.subject:';
    if (value.startsWith(prefix)) {
        const parsed = parseDistinguishedName(value.slice(prefix.length));
        if (typeof parsed === 'string')
            fail(`${where}: identity "${value}": ${parsed}`);
        const types = new Set(parsed.map((a) => a.oid));
        if (types.size !== parsed.length)
            fail(`${where}: identity "${value}" repeats an attribute type`);
        for (const [oid, name] of [
            ['2.5.4.6', 'C'],
            ['2.5.4.8', 'ST'],
            ['2.5.4.10', 'O']
        ]) {
            if (!types.has(oid))
                fail(`${where}: identity "${value}" must contain C, ST and O (missing ${name})`);
        }
        return { kind: 'x509.subject', raw: value, attributes: parsed };
    }
    if (value.startsWith('arn:')) {
        const arn = parseSigningProfileArn(value);
        if (typeof arn === 'string')
            fail(`${where}: identity "${value}": ${arn}`);
        return { kind: 'signing-profile', arn: value };
    }
    fail(`${where}: identity "${value}" must be "*", "x509.subject: C=…, ST=…, O=…" or an AWS Signer signing profile ARN`);
}
function parseActions(level, override, where) {
    const actions = { ...LevelActions[level] };
    if (override === undefined)
        return actions;
    if (level === 'skip')
        fail(`${where}: level "skip" cannot have an override`);
    if (!isRecord(override))
        fail(`${where}: override must be an object`);
    const allowed = {
        authenticity: ['enforce', 'log'],
        authenticTimestamp: ['enforce', 'log'],
        expiry: ['enforce', 'log'],
        revocation: ['enforce', 'log', 'skip']
    };
    for (const [key, value] of Object.entries(override)) {
        const options = allowed[key];
        if (options === undefined)
            fail(`${where}: override key "${key}" is not one of ${Object.keys(allowed).join(', ')} (integrity cannot be overridden)`);
        if (typeof value !== 'string' || !options.includes(value)) {
            fail(`${where}: override ${key} must be one of ${options.join(', ')}`);
        }
        actions[key] = value;
    }
    return actions;
}
/** Two x509.subject identities overlap when one is a subset of the other (the specification forbids it). */
function overlapping(a, b) {
    if (a.kind !== 'x509.subject' || b.kind !== 'x509.subject')
        return false;
    return subjectMatches(a.attributes, b.attributes) || subjectMatches(b.attributes, a.attributes);
}
function parseStatement(raw, index) {
    if (!isRecord(raw))
        fail(`trustPolicies[${index}] is not an object`);
    const name = raw.name;
    if (typeof name !== 'string' || !statementName.test(name))
        fail(`trustPolicies[${index}].name must match ${statementName.source}`);
    const where = `statement "${name}"`;
    const scopes = raw.registryScopes;
    if (!Array.isArray(scopes) || scopes.length === 0)
        fail(`${where}: registryScopes must be a non-empty array`);
    for (const scope of scopes) {
        if (typeof scope !== 'string')
            fail(`${where}: registryScopes must hold strings`);
        if (scope === '*') {
            if (scopes.length !== 1)
                fail(`${where}: the global scope "*" must be the only scope of its statement`);
        }
        else if (!repositoryScope.test(scope)) {
            fail(`${where}: registry scope "${scope}" must be a fully qualified repository like registry.example.com/team/app (no wildcard, tag or digest)`);
        }
    }
    if (new Set(scopes).size !== scopes.length)
        fail(`${where}: registryScopes lists a scope twice`);
    const verification = raw.signatureVerification;
    if (!isRecord(verification))
        fail(`${where}: signatureVerification is required`);
    const level = verification.level;
    if (level !== 'strict' && level !== 'permissive' && level !== 'audit' && level !== 'skip') {
        fail(`${where}: signatureVerification.level must be one of strict, permissive, audit, skip`);
    }
    const verifyTimestamp = verification.verifyTimestamp ?? 'always';
    if (verifyTimestamp !== 'always' && verifyTimestamp !== 'afterCertExpiry')
        fail(`${where}: verifyTimestamp must be "always" or "afterCertExpiry"`);
    const actions = parseActions(level, verification.override, where);
    const storesRaw = raw.trustStores ?? [];
    const identitiesRaw = raw.trustedIdentities ?? [];
    if (!Array.isArray(storesRaw) || !Array.isArray(identitiesRaw))
        fail(`${where}: trustStores and trustedIdentities must be arrays`);
    const statement = {
        name,
        registryScopes: scopes,
        level,
        actions,
        trustStores: [],
        trustedIdentities: [],
        verifyTimestamp
    };
    if (level === 'skip') {
        if (scopes.includes('*'))
            fail(`${where}: level "skip" cannot be used with the global scope "*"`);
        if (storesRaw.length > 0 || identitiesRaw.length > 0)
            fail(`${where}: level "skip" must not have trustStores or trustedIdentities`);
        return statement;
    }
    if (storesRaw.length === 0)
        fail(`${where}: trustStores must name at least one store`);
    for (const ref of storesRaw) {
        if (typeof ref !== 'string')
            fail(`${where}: trustStores must hold strings`);
        const colon = ref.indexOf(':');
        const type = ref.slice(0, colon);
        const storeNamePart = ref.slice(colon + 1);
        if (colon <= 0 || (type !== 'ca' && type !== 'signingAuthority' && type !== 'tsa') || !storeName.test(storeNamePart)) {
            fail(`${where}: trust store "${ref}" must be ca:<name>, signingAuthority:<name> or tsa:<name>`);
        }
        statement.trustStores.push({ type, name: storeNamePart });
    }
    if (identitiesRaw.length === 0)
        fail(`${where}: trustedIdentities must name at least one identity (or "*")`);
    statement.trustedIdentities = identitiesRaw.map((id, i) => parseIdentity(id, `${where} trustedIdentities[${i}]`));
    if (statement.trustedIdentities.some((id) => id.kind === 'any') && statement.trustedIdentities.length > 1) {
        fail(`${where}: the wildcard identity "*" must be the only identity`);
    }
    for (let i = 0; i < statement.trustedIdentities.length; i++) {
        for (let j = i + 1; j < statement.trustedIdentities.length; j++) {
            const a = statement.trustedIdentities[i];
            const b = statement.trustedIdentities[j];
            if (overlapping(a, b))
                fail(`${where}: trusted identities "${a.raw}" and "${b.raw}" overlap`);
        }
    }
    return statement;
}
/**
 * Parses and validates a trust policy document. Throws `SettingError('trust-policy', …)` naming the
 * statement and the rule that failed.
 */
function parseTrustPolicy(text) {
    if (Buffer.byteLength(text) > MaxTrustPolicyBytes)
        fail(`the file is larger than ${MaxTrustPolicyBytes} bytes`);
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (error) {
        fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isRecord(doc))
        fail('the document is not a JSON object');
    if (doc.version !== '1.0')
        fail(`version must be "1.0" (got ${JSON.stringify(doc.version)})`);
    const list = doc.trustPolicies;
    if (!Array.isArray(list) || list.length === 0)
        fail('trustPolicies must be a non-empty array');
    const statements = list.map((raw, i) => parseStatement(raw, i));
    const names = new Set();
    const scopes = new Map();
    for (const s of statements) {
        if (names.has(s.name))
            fail(`two statements are named "${s.name}"`);
        names.add(s.name);
        for (const scope of s.registryScopes) {
            const other = scopes.get(scope);
            if (other !== undefined) {
                fail(scope === '*'
                    ? `only one statement may use the global scope "*" ("${other}" and "${s.name}" do)`
                    : `scope "${scope}" appears in both "${other}" and "${s.name}"`);
            }
            scopes.set(scope, s.name);
        }
    }
    return statements;
}
/**
 * The statement that applies to `reference` (`host/repository`): the one whose scopes contain it
 * exactly, else the global one, else none (the caller must then treat the artifact as untrusted).
 */
function selectStatement(statements, reference) {
    return statements.find((s) => s.registryScopes.includes(reference)) ?? statements.find((s) => s.registryScopes.includes('*'));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/checks/signature/notation/trust-store.ts
/**
 * Notation trust store: a directory `x509/<type>/<name>/` of certificate files (`.pem`, `.crt`,
 * `.cer`; PEM or DER). Symlinks are refused (as the specification requires), sub-directories are
 * ignored, and every certificate must be able to anchor trust (a CA or self-signed).
 */




/** Largest certificate file read from a trust store. */
const MaxTrustStoreFileBytes = 1024 * 1024;
const certificateExtensions = ['.pem', '.crt', '.cer'];
function storeError(message) {
    throw new errors/* SettingError */.L_('trust-store', `Invalid trust store: ${message}`);
}
/**
 * Reads every certificate of a PEM or DER file. Throws `CertificateError` for bytes that hold no
 * certificate at all; PEM blocks of other kinds are refused too, so a misplaced key is noticed.
 */
function certificatesFromFile(bytes) {
    const text = Buffer.from(bytes).toString('latin1');
    if (!text.includes('-----BEGIN'))
        return [parseCertificate(new Uint8Array(bytes))];
    const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
    if (blocks.length === 0)
        throw new CertificateError('PEM markers without a complete block');
    return blocks.map((block) => {
        if (block[1] !== 'CERTIFICATE')
            throw new CertificateError(`PEM block "${block[1] ?? ''}" is not a CERTIFICATE`);
        const body = (block[2] ?? '').replace(/\s+/g, '');
        if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body))
            throw new CertificateError('PEM body is not base64');
        return parseCertificate(new Uint8Array(Buffer.from(body, 'base64')));
    });
}
/** Parses PEM text holding one or more certificates (used for the bundled roots). */
function certificatesFromPem(pem) {
    return certificatesFromFile(new Uint8Array(Buffer.from(pem, 'latin1')));
}
async function isSymlink(path) {
    return (await (0,promises_.lstat)(path)).isSymbolicLink();
}
/**
 * Loads one named store. Returns undefined when the directory does not exist, so callers can
 * decide whether that is an error. Throws `SettingError('trust-store', …)` for anything malformed.
 */
async function loadNamedStore(root, type, name) {
    const dir = (0,external_node_path_.join)(root, 'x509', type, name);
    let stat;
    try {
        stat = await (0,promises_.lstat)(dir);
    }
    catch {
        return undefined;
    }
    if (stat.isSymbolicLink())
        storeError(`${type}:${name} is a symbolic link; symlinks are not allowed in a trust store`);
    if (!stat.isDirectory())
        storeError(`${type}:${name} is not a directory`);
    const certs = [];
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = (0,external_node_path_.join)(dir, entry.name);
        if (entry.isDirectory())
            continue; // the specification ignores sub-directories of a named store
        if (!certificateExtensions.some((ext) => entry.name.toLowerCase().endsWith(ext)))
            continue;
        if (entry.isSymbolicLink() || (await isSymlink(path)))
            storeError(`${type}:${name}/${entry.name} is a symbolic link; symlinks are not allowed`);
        if (!entry.isFile())
            continue;
        const stats = await (0,promises_.lstat)(path);
        if (stats.size > MaxTrustStoreFileBytes)
            storeError(`${type}:${name}/${entry.name} is larger than ${MaxTrustStoreFileBytes} bytes`);
        let found;
        try {
            found = certificatesFromFile(new Uint8Array(await (0,promises_.readFile)(path)));
        }
        catch (error) {
            storeError(`${type}:${name}/${entry.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
        for (const cert of found) {
            if (!canAnchor(cert)) {
                storeError(`${type}:${name}/${entry.name}: certificate "${cert.subject}" is neither a CA nor self-signed, so it cannot anchor trust`);
            }
            certs.push(cert);
        }
    }
    if (certs.length === 0)
        storeError(`${type}:${name} (${dir}) holds no .pem, .crt or .cer certificate`);
    return certs;
}
/** Names of the stores of one type present under a trust store root. */
async function listNamedStores(root, type) {
    try {
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(root, 'x509', type), { withFileTypes: true });
        return entries
            .filter((e) => e.isDirectory() || e.isSymbolicLink())
            .map((e) => e.name)
            .sort();
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/trust-config.ts
/**
 * Builds the trust configuration from the action inputs: either a Notation trust policy (with a
 * trust store directory) or, for the common AWS Signer case, just a list of signing profile ARNs,
 * which behaves like a one-statement strict policy over the bundled AWS Signer root.
 */







/** Name of the synthetic statement used when only signing profile ARNs are given. */
const ArnStatementName = 'signing-profile-arns';
/**
 * Builds trust from the action inputs. Reads files; throws `SettingError` naming `trust-policy`,
 * `trust-store` or `signing-profile-arns` with a message that says what to fix.
 */
async function loadTrustConfig(options) {
    const arns = options.signingProfileArns.map((a) => a.trim()).filter((a) => a !== '');
    const { partition } = options;
    for (const arn of arns) {
        const parsed = parseSigningProfileArn(arn);
        if (typeof parsed === 'string') {
            throw new errors/* SettingError */.L_(settings/* Setting */.B.SigningProfileArns, `Invalid '${settings/* Setting */.B.SigningProfileArns}': "${arn}": ${parsed}`);
        }
        if (parsed.partition !== partition) {
            throw new errors/* SettingError */.L_(settings/* Setting */.B.SigningProfileArns, `Invalid '${settings/* Setting */.B.SigningProfileArns}': "${arn}" is in partition ${parsed.partition}, but the image is in ${partition}`);
        }
    }
    const none = { configured: false, source: 'none', statements: [], stores: {}, partition, signingProfileArns: [] };
    if (arns.length === 0 && options.trustPolicyPath === undefined) {
        if (options.trustStorePath !== undefined) {
            throw new errors/* SettingError */.L_(settings/* Setting */.B.TrustStore, `'${settings/* Setting */.B.TrustStore}' needs '${settings/* Setting */.B.TrustPolicy}' or '${settings/* Setting */.B.SigningProfileArns}' to say which certificates to trust for which images`);
        }
        return none;
    }
    if (arns.length > 0 && options.trustPolicyPath !== undefined) {
        throw new errors/* SettingError */.L_(settings/* Setting */.B.SigningProfileArns, `Give either '${settings/* Setting */.B.SigningProfileArns}' or '${settings/* Setting */.B.TrustPolicy}', not both: list the ARNs in the trust policy's trustedIdentities instead`);
    }
    if (arns.length > 0)
        return arnConfig(arns, partition, options.trustStorePath);
    return policyConfig(options.trustPolicyPath, options.trustStorePath, partition);
}
async function arnConfig(arns, partition, trustStorePath) {
    const stores = {};
    const storeRefs = [];
    const roots = bundledRoots(partition).flatMap((pem) => certificatesFromPem(pem));
    if (roots.length > 0) {
        stores[`signingAuthority:${bundledStoreName(partition)}`] = roots;
        storeRefs.push({ type: 'signingAuthority', name: bundledStoreName(partition) });
    }
    if (trustStorePath !== undefined) {
        const names = await listNamedStores(trustStorePath, 'signingAuthority');
        if (names.length === 0) {
            throw new errors/* SettingError */.L_(settings/* Setting */.B.TrustStore, `Trust store ${trustStorePath} has no x509/signingAuthority/<name>/ directory with certificates`);
        }
        for (const name of names) {
            const certs = await loadNamedStore(trustStorePath, 'signingAuthority', name);
            if (certs === undefined)
                continue;
            stores[`signingAuthority:${name}`] = certs;
            storeRefs.push({ type: 'signingAuthority', name });
        }
    }
    if (storeRefs.length === 0) {
        throw new errors/* SettingError */.L_(settings/* Setting */.B.SigningProfileArns, `No AWS Signer root certificate is bundled for partition ${partition}; give '${settings/* Setting */.B.TrustStore}' with x509/signingAuthority/<name>/ holding the root`);
    }
    const statement = {
        name: ArnStatementName,
        registryScopes: ['*'],
        level: 'strict',
        actions: { ...LevelActions.strict },
        trustStores: storeRefs,
        trustedIdentities: arns.map((arn) => ({ kind: 'signing-profile', arn })),
        verifyTimestamp: 'always'
    };
    return { configured: true, source: 'signing-profile-arns', statements: [statement], stores, partition, signingProfileArns: arns };
}
async function policyConfig(path, trustStorePath, partition) {
    let text;
    try {
        text = (await (0,read_file/* readBoundedFile */.M)(path, MaxTrustPolicyBytes)).toString('utf8');
    }
    catch (error) {
        throw new errors/* SettingError */.L_(settings/* Setting */.B.TrustPolicy, `Could not read the trust policy file given in '${settings/* Setting */.B.TrustPolicy}' (${path}): ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    const statements = parseTrustPolicy(text);
    const stores = {};
    for (const statement of statements) {
        for (const ref of statement.trustStores) {
            const key = `${ref.type}:${ref.name}`;
            if (stores[key] !== undefined)
                continue;
            const fromDir = trustStorePath === undefined ? undefined : await loadNamedStore(trustStorePath, ref.type, ref.name);
            if (fromDir !== undefined) {
                stores[key] = fromDir;
                continue;
            }
            // The bundled AWS Signer roots are available to policies by their store names.
            const bundled = ['aws', 'aws-us-gov'].find((p) => ref.type === 'signingAuthority' && ref.name === bundledStoreName(p));
            if (bundled !== undefined) {
                stores[key] = bundledRoots(bundled).flatMap((pem) => certificatesFromPem(pem));
                continue;
            }
            const where = trustStorePath === undefined
                ? `no '${settings/* Setting */.B.TrustStore}' was given`
                : `${(0,external_node_path_.join)(trustStorePath, 'x509', ref.type, ref.name)} does not exist`;
            throw new errors/* SettingError */.L_(settings/* Setting */.B.TrustStore, `Trust policy statement "${statement.name}" references trust store ${key}, but ${where}`);
        }
    }
    return { configured: true, source: 'trust-policy', statements, stores, partition, signingProfileArns: [] };
}
/**
 * True when any signature input was given; a verified signature is then required unless the trust
 * policy statement that applies has level audit or skip (see `SignatureResult.level`).
 */
function signatureRequired(trust) {
    return trust.configured;
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/aws-signer-plugin.ts
/**
 * The AWS Signer Notation plugin (`com.amazonaws.signer.notation.plugin`), implemented natively:
 * signatures must carry `authenticSigningTime` and the signing profile version; the trusted
 * identities are signing profile ARNs (never `*`); revocation is asked of `signer:GetRevocationStatus`
 * through the injected port.
 */



function profileVersionOf(envelope) {
    const value = envelope.extendedAttributes[AwsSignerAttributes.signingProfileVersion];
    return typeof value === 'string' ? value : undefined;
}
/** The AWS Signer plugin, asking revocation of `checkRevocation`. */
function awsSignerPlugin(checkRevocation) {
    return {
        name: AwsSignerPlugin,
        signingIdentity: profileVersionOf,
        checkIntegrity(envelope) {
            if (envelope.signingScheme === 'notary.x509.signingAuthority' && envelope.authenticSigningTime === undefined) {
                return { status: 'invalid', message: 'AWS Signer signatures must carry authenticSigningTime' };
            }
            return undefined;
        },
        checkIdentity(envelope, identities) {
            const profileVersion = profileVersionOf(envelope);
            if (profileVersion === undefined) {
                return { status: 'untrusted', message: `the AWS Signer signature has no ${AwsSignerAttributes.signingProfileVersion} attribute` };
            }
            if (identities.some((i) => i.kind === 'any')) {
                return {
                    status: 'untrusted',
                    message: 'the AWS Signer plugin does not accept the wildcard identity "*"; list trusted signing profile ARNs'
                };
            }
            if (!identities.some((i) => i.kind === 'signing-profile' && profileMatches(i.arn, profileVersion))) {
                return { status: 'untrusted', message: `signing profile version ${profileVersion} is not among the trusted signing profiles` };
            }
            return undefined;
        },
        async checkRevocation(envelope, chain) {
            const job = envelope.extendedAttributes[AwsSignerAttributes.signingJob];
            const profileVersion = profileVersionOf(envelope);
            if (typeof job !== 'string' || profileVersion === undefined || envelope.authenticSigningTime === undefined) {
                return {
                    status: 'untrusted',
                    message: `revocation status could not be checked: the signature lacks ${AwsSignerAttributes.signingJob}, ${AwsSignerAttributes.signingProfileVersion} or authenticSigningTime`
                };
            }
            const request = revocationRequest({
                authenticSigningTime: envelope.authenticSigningTime,
                profileVersionArn: profileVersion,
                jobArn: job,
                chain
            });
            let revoked;
            try {
                const response = await checkRevocation(request);
                if (!Array.isArray(response?.revokedEntities))
                    throw new Error('the response has no revokedEntities list');
                revoked = response.revokedEntities;
            }
            catch (error) {
                return { status: 'untrusted', message: `revocation status could not be checked: ${(0,errors/* errorMessage */.gJ)(error)}` };
            }
            if (revoked.length === 0)
                return undefined;
            return {
                status: 'revoked',
                message: `AWS Signer reports revoked: ${revoked.map((e) => (e.startsWith('arn:') ? e : `certificate ${e.slice(0, 16)}…`)).join(', ')}`
            };
        }
    };
}

// EXTERNAL MODULE: ./node_modules/cbor2/lib/index.js + 24 modules
var lib = __webpack_require__(3439);
;// CONCATENATED MODULE: ./src/checks/signature/notation/cose.ts
/**
 * COSE_Sign1 envelopes (`application/cose`) as the Notary Project defines them: CBOR tag 18,
 * integer labels for alg (1), crit (2) and content type (3), string labels for the Notary signed
 * attributes, the chain in unprotected label 33 (x5chain). See signature-envelope-cose.md.
 */



/** COSE algorithm identifiers (IANA) of the algorithms the Notary Project allows. */
const coseAlgorithms = new Map([
    [-37, 'PS256'],
    [-38, 'PS384'],
    [-39, 'PS512'],
    [-7, 'ES256'],
    [-35, 'ES384'],
    [-36, 'ES512']
]);
const LabelAlg = 1;
const LabelCrit = 2;
const LabelContentType = 3;
const LabelX5Chain = 33;
/** Decoding limits: a Notation envelope is shallow; deep nesting only serves denial of service. */
const decodeOptions = { preferMap: true, rejectDuplicateKeys: true, maxDepth: 16 };
function decodeCbor(bytes, what) {
    try {
        return (0,lib/* decode */.D4)(bytes, decodeOptions);
    }
    catch (error) {
        throw new EnvelopeError('cose', `${what} is not valid CBOR: ${error instanceof Error ? error.message : String(error)}`);
    }
}
function isBytes(value) {
    return value instanceof Uint8Array;
}
function labelString(label) {
    if (typeof label === 'string')
        return label;
    if (typeof label === 'number' && Number.isInteger(label))
        return String(label);
    throw new EnvelopeError('cose', 'a header label is neither an integer nor a text string');
}
function timeAttribute(value, label) {
    // Notation writes times as CBOR tag 1 (epoch seconds); cbor2 turns that tag into a Date.
    if (value instanceof Date && !Number.isNaN(value.getTime()))
        return value;
    throw new EnvelopeError(label, `"${label}" is not a CBOR tag 1 time`);
}
/**
 * Parses a Notation COSE_Sign1 envelope and builds the Sig_structure to verify, using the protected
 * header bytes exactly as received (re-encoding them could change what was signed). Throws only
 * `EnvelopeError`.
 */
function parseCose(bytes) {
    assertEnvelopeSize(bytes);
    const top = decodeCbor(bytes, 'COSE envelope');
    if (!(top instanceof lib/* Tag */.vw) || Number(top.tag) !== 18)
        throw new EnvelopeError('cose', 'envelope is not a tagged COSE_Sign1 (CBOR tag 18)');
    const parts = top.contents;
    if (!Array.isArray(parts) || parts.length !== 4)
        throw new EnvelopeError('cose', 'COSE_Sign1 must be an array of 4 items');
    const [protectedBytes, unprotected, payload, signature] = parts;
    if (!isBytes(protectedBytes) || protectedBytes.byteLength === 0)
        throw new EnvelopeError('cose', 'protected header is not a non-empty byte string');
    if (!(unprotected instanceof Map))
        throw new EnvelopeError('cose', 'unprotected header is not a map');
    // A detached (nil) payload is not a Notation signature: the payload is the signed descriptor.
    if (!isBytes(payload))
        throw new EnvelopeError('cose', 'payload is not an attached byte string');
    if (!isBytes(signature) || signature.byteLength === 0)
        throw new EnvelopeError('cose', 'signature is not a non-empty byte string');
    const decoded = decodeCbor(protectedBytes, 'protected header');
    if (!(decoded instanceof Map))
        throw new EnvelopeError('cose', 'protected header is not a map');
    const header = decoded;
    const labels = [...header.keys()].map(labelString);
    const algId = header.get(LabelAlg);
    const alg = typeof algId === 'number' ? coseAlgorithms.get(algId) : undefined;
    if (alg === undefined) {
        throw new EnvelopeError('alg', `protected header alg ${JSON.stringify(algId)} is not one of -37, -38, -39 (PS*), -7, -35, -36 (ES*)`);
    }
    const critRaw = header.get(LabelCrit);
    if (!Array.isArray(critRaw))
        throw new EnvelopeError('crit', 'protected header has no crit array');
    const critical = critRaw.map(labelString);
    const contentType = header.get(LabelContentType);
    if (typeof contentType !== 'string')
        throw new EnvelopeError('cty', 'protected header content type (label 3) is not a text string');
    const scheme = header.get(NotaryLabels.signingScheme);
    if (typeof scheme !== 'string')
        throw new EnvelopeError('signingScheme', 'protected header has no signingScheme');
    for (const key of unprotected.keys()) {
        if (key === LabelAlg || key === LabelCrit || key === LabelContentType || (typeof key === 'string' && NotaryProtectedLabels.has(key))) {
            throw new EnvelopeError('cose', `label ${String(key)} must not appear in the unprotected header`);
        }
    }
    const chainRaw = unprotected.get(LabelX5Chain);
    // RFC 9360: a single certificate may be a bare byte string instead of an array.
    const chainItems = isBytes(chainRaw) ? [chainRaw] : Array.isArray(chainRaw) ? chainRaw : [];
    if (chainItems.length === 0)
        throw new EnvelopeError('x5c', 'unprotected header has no x5chain (label 33)');
    if (chainItems.length > MaxChainLength)
        throw new EnvelopeError('x5c', `x5chain has ${chainItems.length} certificates, more than ${MaxChainLength}`);
    const certificates = chainItems.map((c, i) => {
        if (!isBytes(c) || c.byteLength === 0)
            throw new EnvelopeError('x5c', `x5chain[${i}] is not a byte string`);
        return new Uint8Array(c);
    });
    const extendedAttributes = {};
    for (const [key, value] of header) {
        if (typeof key === 'string' && !NotaryProtectedLabels.has(key))
            extendedAttributes[key] = value;
    }
    const sigStructure = (0,lib/* encode */.lF)(['Signature1', new Uint8Array(protectedBytes), new Uint8Array(0), new Uint8Array(payload)]);
    const env = {
        format: 'cose',
        mediaType: constants/* MediaTypes */.mI.Cose,
        alg,
        certificates,
        payload: new Uint8Array(payload),
        signingInput: sigStructure,
        signature: new Uint8Array(signature),
        contentType,
        critical,
        protectedLabels: labels,
        signingScheme: scheme,
        extendedAttributes,
        hasTimestamp: unprotected.get(NotaryLabels.timestampSignature) !== undefined
    };
    if (header.has(NotaryLabels.signingTime))
        env.signingTime = timeAttribute(header.get(NotaryLabels.signingTime), 'signingTime');
    if (header.has(NotaryLabels.authenticSigningTime)) {
        env.authenticSigningTime = timeAttribute(header.get(NotaryLabels.authenticSigningTime), 'authenticSigningTime');
    }
    if (header.has(NotaryLabels.expiry))
        env.expiry = timeAttribute(header.get(NotaryLabels.expiry), 'expiry');
    if (header.has(NotaryLabels.verificationPlugin)) {
        const plugin = header.get(NotaryLabels.verificationPlugin);
        if (typeof plugin !== 'string' || plugin === '')
            throw new EnvelopeError('verificationPlugin', 'verificationPlugin is not a non-empty string');
        env.verificationPlugin = plugin;
    }
    if (header.has(NotaryLabels.verificationPluginMinVersion)) {
        const v = header.get(NotaryLabels.verificationPluginMinVersion);
        if (typeof v !== 'string' || v === '') {
            throw new EnvelopeError('verificationPluginMinVersion', 'verificationPluginMinVersion is not a non-empty string');
        }
        env.verificationPluginMinVersion = v;
    }
    return env;
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/jws.ts
/**
 * JWS envelopes (`application/jose+json`) as the Notary Project defines them: flattened JSON
 * serialization only, signed attributes in the protected header, the certificate chain in the
 * unprotected `x5c`. See signature-envelope-jws.md.
 */


const jwsAlgorithms = new Set(['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
/** Protected header members that are not Notary signed attributes but JOSE's own. */
const joseLabels = new Set(['alg', 'crit', 'cty']);
const base64url = /^[A-Za-z0-9_-]*$/;
const base64std = /^[A-Za-z0-9+/]*={0,2}$/;
function fromBase64Url(value, what) {
    // JWS uses unpadded base64url (RFC 7515 §2); anything else is malformed, not "close enough".
    if (typeof value !== 'string' || !base64url.test(value) || value.length % 4 === 1) {
        throw new EnvelopeError('jws', `${what} is not base64url`);
    }
    return Buffer.from(value, 'base64url');
}
function parseJsonObject(bytes, what) {
    let parsed;
    try {
        parsed = JSON.parse(decodeUtf8(bytes, what));
    }
    catch (error) {
        if (error instanceof EnvelopeError)
            throw error;
        throw new EnvelopeError('jws', `${what} is not valid JSON`);
    }
    if (!isRecord(parsed))
        throw new EnvelopeError('jws', `${what} is not a JSON object`);
    return parsed;
}
/**
 * Parses a Notation JWS envelope. The bytes must already come from a size-bounded source; the bound
 * is applied again here so the parser is safe on its own. Throws only `EnvelopeError`.
 */
function parseJws(bytes) {
    assertEnvelopeSize(bytes);
    const top = parseJsonObject(bytes, 'JWS envelope');
    if ('signatures' in top)
        throw new EnvelopeError('jws', 'general JWS JSON serialization is not allowed; expected flattened');
    for (const key of Object.keys(top)) {
        if (!['payload', 'protected', 'header', 'signature'].includes(key)) {
            throw new EnvelopeError('jws', `unexpected member "${key}" in the JWS envelope`);
        }
    }
    if (typeof top.payload !== 'string' || typeof top.protected !== 'string' || typeof top.signature !== 'string') {
        throw new EnvelopeError('jws', 'JWS envelope needs string "payload", "protected" and "signature"');
    }
    const payload = fromBase64Url(top.payload, 'payload');
    const protectedBytes = fromBase64Url(top.protected, 'protected header');
    const signature = fromBase64Url(top.signature, 'signature');
    if (signature.byteLength === 0)
        throw new EnvelopeError('jws', 'signature is empty');
    const header = parseJsonObject(protectedBytes, 'protected header');
    const alg = header.alg;
    if (typeof alg !== 'string' || !jwsAlgorithms.has(alg)) {
        throw new EnvelopeError('alg', `protected header alg ${JSON.stringify(alg)} is not one of PS256, PS384, PS512, ES256, ES384, ES512`);
    }
    if (typeof header.cty !== 'string')
        throw new EnvelopeError('cty', 'protected header has no "cty"');
    const critRaw = header.crit;
    if (!Array.isArray(critRaw) || !critRaw.every((c) => typeof c === 'string')) {
        throw new EnvelopeError('crit', 'protected header "crit" must be an array of strings');
    }
    const scheme = header[NotaryLabels.signingScheme];
    if (typeof scheme !== 'string')
        throw new EnvelopeError('signingScheme', 'protected header has no signingScheme');
    const unprotected = top.header;
    if (!isRecord(unprotected))
        throw new EnvelopeError('x5c', 'JWS envelope has no unprotected "header" with x5c');
    for (const key of Object.keys(unprotected)) {
        // A signed attribute copied into the unprotected header could be mistaken for a signed one.
        if (joseLabels.has(key) || NotaryProtectedLabels.has(key)) {
            throw new EnvelopeError('jws', `"${key}" must not appear in the unprotected header`);
        }
    }
    const x5c = unprotected.x5c;
    if (!Array.isArray(x5c) || x5c.length === 0)
        throw new EnvelopeError('x5c', 'unprotected header has no x5c certificate chain');
    if (x5c.length > MaxChainLength)
        throw new EnvelopeError('x5c', `x5c has ${x5c.length} certificates, more than ${MaxChainLength}`);
    const certificates = x5c.map((c, i) => {
        if (typeof c !== 'string' || c.length === 0 || !base64std.test(c))
            throw new EnvelopeError('x5c', `x5c[${i}] is not base64`);
        return new Uint8Array(Buffer.from(c, 'base64'));
    });
    const extendedAttributes = {};
    for (const [key, value] of Object.entries(header)) {
        if (!joseLabels.has(key) && !NotaryProtectedLabels.has(key))
            extendedAttributes[key] = value;
    }
    const env = {
        format: 'jws',
        mediaType: constants/* MediaTypes */.mI.Jws,
        alg: alg,
        certificates,
        payload,
        signingInput: new Uint8Array(Buffer.from(`${top.protected}.${top.payload}`, 'ascii')),
        signature,
        contentType: header.cty,
        critical: critRaw,
        protectedLabels: Object.keys(header),
        signingScheme: scheme,
        extendedAttributes,
        hasTimestamp: unprotected[NotaryLabels.timestampSignature] !== undefined
    };
    if (header[NotaryLabels.signingTime] !== undefined)
        env.signingTime = parseRfc3339(header[NotaryLabels.signingTime], 'signingTime');
    if (header[NotaryLabels.authenticSigningTime] !== undefined) {
        env.authenticSigningTime = parseRfc3339(header[NotaryLabels.authenticSigningTime], 'authenticSigningTime');
    }
    if (header[NotaryLabels.expiry] !== undefined)
        env.expiry = parseRfc3339(header[NotaryLabels.expiry], 'expiry');
    const plugin = header[NotaryLabels.verificationPlugin];
    if (plugin !== undefined) {
        if (typeof plugin !== 'string' || plugin === '')
            throw new EnvelopeError('verificationPlugin', 'verificationPlugin is not a non-empty string');
        env.verificationPlugin = plugin;
    }
    const minVersion = header[NotaryLabels.verificationPluginMinVersion];
    if (minVersion !== undefined) {
        if (typeof minVersion !== 'string' || minVersion === '') {
            throw new EnvelopeError('verificationPluginMinVersion', 'verificationPluginMinVersion is not a non-empty string');
        }
        env.verificationPluginMinVersion = minVersion;
    }
    return env;
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/verify.ts
/**
 * The one entry of signature verification: evaluates the Notation signatures of a subject under
 * the trust policy statement that applies, following the Notary Project verification steps
 * (integrity, authenticity, expiry, authentic timestamp, revocation) and the enforce/log action of
 * each step at the statement's level, and folds them into one `SignatureResult`.
 */








/** How specific a failure is: when no signature verifies, the highest one is reported. */
const specificity = { revoked: 4, expired: 3, untrusted: 2, invalid: 1 };
const validationLabel = {
    integrity: 'integrity',
    authenticity: 'authenticity',
    authenticTimestamp: 'authentic timestamp',
    expiry: 'expiry',
    revocation: 'revocation'
};
/** Thrown inside the evaluation of one signature to stop at the first enforced failure. */
class Stop extends Error {
}
/**
 * Verifies the signatures found for `subject` and returns one result. Pure except for the
 * injected revocation port.
 *
 * - No trust inputs → `skipped`. No statement for `reference` → `untrusted`. Statement level
 *   `skip` → `skipped`. No signatures → `missing`.
 * - Each signature runs the Notary Project validations in order; a failure of an *enforced*
 *   validation stops that signature, a *logged* one is recorded in `details` and evaluation goes on.
 * - strict / permissive (and custom overrides): the first signature without an enforced failure
 *   is `verified` (logged failures appear in `details` and `reason`).
 * - audit: only integrity is enforced, but the result is `verified` only when every validation
 *   passed; otherwise the status is what was found (e.g. `untrusted`) with `level: 'audit'`, so the
 *   caller records it without blocking. An integrity failure under audit is `invalid` and, as the
 *   specification enforces integrity at every level, should still block.
 * - When nothing verifies, the most specific failure (revoked > expired > untrusted > invalid) of
 *   the signatures examined is reported, naming the check and the signature digest.
 * - A revocation check that throws is a failure of the revocation validation (`untrusted`, "revocation
 *   status could not be checked: …"): enforced under strict, logged under permissive/audit.
 */
async function verifySignature(input) {
    const { trust, reference } = input;
    if (!trust.configured)
        return { status: 'skipped', reason: 'no signature verification input was given' };
    const statement = selectStatement(trust.statements, reference);
    if (statement === undefined) {
        return {
            status: 'untrusted',
            reason: `no trust policy statement applies to ${reference}: no statement lists it in registryScopes and there is no global "*" statement`
        };
    }
    const base = { trustPolicy: statement.name, level: statement.level };
    if (statement.level === 'skip') {
        return { status: 'skipped', ...base, reason: `trust policy statement "${statement.name}" has level skip for ${reference}` };
    }
    if (input.signatures.length === 0) {
        return { status: 'missing', ...base, reason: `no Notation signature found for ${reference}@${input.subject.digest}` };
    }
    const ctx = { subject: input.subject, statement, trust, now: input.now, plugins: [awsSignerPlugin(input.checkRevocation)] };
    const details = [];
    const outcomes = [];
    for (const signature of input.signatures) {
        const outcome = await evaluate(signature, ctx);
        outcomes.push(outcome);
        details.push(...describe(outcome, statement));
        if (passed(outcome, statement))
            return verifiedResult(outcome, statement, details);
    }
    let best;
    for (const outcome of outcomes) {
        const failure = headlineFailure(outcome);
        if (failure === undefined)
            continue;
        if (best === undefined || specificity[failure.status] > specificity[best.failure.status])
            best = { outcome, failure };
    }
    if (best === undefined) {
        // Unreachable in practice (a signature with no failure passes); fail closed all the same.
        return { status: 'invalid', ...base, reason: 'no signature could be verified', details };
    }
    const { outcome, failure } = best;
    const result = {
        status: failure.status,
        ...base,
        signatureDigest: outcome.digest,
        reason: `Signature ${outcome.digest} failed the ${validationLabel[failure.validation]} check: ${failure.message}` +
            (outcomes.length > 1 ? ` (${outcomes.length} signatures examined, none verified)` : '') +
            (failure.action === 'log' ? ` [level ${statement.level}: recorded, not enforced]` : ''),
        details
    };
    copyInfo(outcome, result);
    return result;
}
function passed(outcome, statement) {
    if (outcome.fatal !== undefined)
        return false;
    return statement.level !== 'audit' || outcome.failures.length === 0;
}
function headlineFailure(outcome) {
    if (outcome.fatal !== undefined)
        return outcome.fatal;
    let top;
    for (const f of outcome.failures)
        if (top === undefined || specificity[f.status] > specificity[top.status])
            top = f;
    return top;
}
function copyInfo(outcome, result) {
    if (outcome.envelope !== undefined)
        result.envelope = outcome.envelope;
    if (outcome.signer !== undefined)
        result.signer = outcome.signer;
    if (outcome.signingProfile !== undefined)
        result.signingProfile = outcome.signingProfile;
    if (outcome.signedAt !== undefined)
        result.signedAt = outcome.signedAt;
}
function verifiedResult(outcome, statement, details) {
    const result = {
        status: 'verified',
        signatureDigest: outcome.digest,
        trustPolicy: statement.name,
        level: statement.level,
        details
    };
    copyInfo(outcome, result);
    const logged = outcome.failures.filter((f) => f.action === 'log');
    if (logged.length > 0) {
        result.reason = `verified at level ${statement.level}; not enforced: ${logged.map((f) => `${validationLabel[f.validation]}: ${f.message}`).join('; ')}`;
    }
    return result;
}
function describe(outcome, statement) {
    const who = `${outcome.digest}${outcome.envelope ? ` (${outcome.envelope})` : ''}`;
    const lines = [];
    for (const f of outcome.failures) {
        if (f === outcome.fatal)
            continue;
        lines.push(`${who}: logged at level ${statement.level} (not enforced): ${validationLabel[f.validation]}: ${f.message}`);
    }
    if (outcome.fatal !== undefined) {
        lines.push(`${who}: ${outcome.fatal.status}: ${validationLabel[outcome.fatal.validation]} check failed: ${outcome.fatal.message}`);
    }
    else if (passed(outcome, statement)) {
        lines.push(`${who}: verified${outcome.signer ? `, signed by ${outcome.signer}` : ''}${outcome.signingProfile ? ` with ${outcome.signingProfile}` : ''}`);
    }
    else {
        lines.push(`${who}: not verified at level ${statement.level}`);
    }
    return lines;
}
/** Evaluates one signature; never throws (an unexpected error is an integrity failure). */
async function evaluate(signature, ctx) {
    const outcome = { digest: signature.manifestDigest, failures: [] };
    const fail = (validation, status, message) => {
        const action = ctx.statement.actions[validation];
        if (action === 'skip')
            return;
        const failure = { validation, status, message, action };
        outcome.failures.push(failure);
        if (action === 'enforce') {
            outcome.fatal = failure;
            throw new Stop();
        }
    };
    try {
        await runChecks(signature, ctx, outcome, fail);
    }
    catch (error) {
        if (!(error instanceof Stop)) {
            const failure = {
                validation: 'integrity',
                status: 'invalid',
                message: `unexpected error: ${(0,errors/* errorMessage */.gJ)(error)}`,
                action: 'enforce'
            };
            outcome.failures.push(failure);
            outcome.fatal = failure;
        }
    }
    return outcome;
}
/**
 * The Notary Project validations of one signature, in order, each its own step. A failure calls
 * `fail`, which stops the signature (throws) when that validation is enforced.
 */
async function runChecks(signature, ctx, outcome, fail) {
    const verified = checkIntegrity(signature, ctx, outcome, fail);
    if (verified === undefined)
        return;
    checkAuthenticity(verified, ctx, fail);
    checkExpiry(verified, ctx, fail);
    checkTimestamp(verified, ctx, fail);
    await checkRevocation(verified, ctx, fail);
}
/** Integrity: what was signed, by which key, in a well-formed envelope. Undefined when nothing more can be checked. */
function checkIntegrity(signature, ctx, outcome, fail) {
    const { subject } = ctx;
    // ---- Integrity: what was signed, by which key, in a well-formed envelope.
    if (signature.problem !== undefined) {
        fail('integrity', 'invalid', `the signature manifest is unusable: ${signature.problem}`);
        return undefined;
    }
    if (!isEnvelopeMediaType(signature.envelopeMediaType)) {
        fail('integrity', 'invalid', `the signature layer has media type "${signature.envelopeMediaType}", not ${constants/* MediaTypes */.mI.Jws} or ${constants/* MediaTypes */.mI.Cose}`);
    }
    outcome.envelope = signature.envelopeMediaType;
    if (signature.subject === undefined) {
        fail('integrity', 'invalid', 'the signature manifest has no subject');
    }
    else {
        const mismatch = descriptorMismatch(subject, signature.subject);
        if (mismatch !== undefined)
            fail('integrity', 'invalid', `the signature manifest's subject is not the image being deployed: ${mismatch}`);
    }
    let env;
    let chain;
    try {
        assertEnvelopeSize(signature.envelope);
        env = signature.envelopeMediaType === constants/* MediaTypes */.mI.Jws ? parseJws(signature.envelope) : parseCose(signature.envelope);
        checkSignedAttributes(env);
        if (env.verificationPlugin !== undefined && !ctx.plugins.some((p) => p.name === env?.verificationPlugin)) {
            fail('integrity', 'invalid', `the signature requires plugin ${env.verificationPlugin}, which this gate does not implement`);
        }
        checkCritical(env);
        chain = parseChain(env.certificates);
    }
    catch (error) {
        if (error instanceof Stop)
            throw error;
        if (error instanceof EnvelopeError)
            fail('integrity', 'invalid', `malformed envelope (${error.check}): ${error.message}`);
        if (error instanceof CertificateError)
            fail('integrity', 'invalid', error.message);
        throw error;
    }
    if (env === undefined)
        return undefined;
    const leaf = chain[0];
    outcome.signer = leaf.subject;
    const signedAt = env.authenticSigningTime ?? env.signingTime;
    if (signedAt !== undefined)
        outcome.signedAt = signedAt.toISOString();
    const parsed = env;
    const plugin = ctx.plugins.find((p) => p.name === parsed.verificationPlugin);
    const pluginIdentity = plugin?.signingIdentity(env);
    if (pluginIdentity !== undefined)
        outcome.signingProfile = pluginIdentity;
    let expected;
    try {
        expected = algorithmForKey(leaf);
    }
    catch (error) {
        fail('integrity', 'invalid', (0,errors/* errorMessage */.gJ)(error));
        return undefined;
    }
    if (expected !== env.alg)
        fail('integrity', 'invalid', `the envelope algorithm ${env.alg} does not match the signing key, which requires ${expected}`);
    if (!verifyWithLeaf(env.alg, leaf, env.signingInput, env.signature)) {
        fail('integrity', 'invalid', `the signature does not verify with the key of signing certificate ${certName(leaf)}`);
    }
    try {
        validateChain(chain);
    }
    catch (error) {
        fail('integrity', 'invalid', (0,errors/* errorMessage */.gJ)(error));
    }
    try {
        const target = parsePayload(env.payload);
        const mismatch = descriptorMismatch(subject, target);
        if (mismatch !== undefined)
            fail('integrity', 'invalid', `the signed payload names another artifact: ${mismatch}`);
    }
    catch (error) {
        if (error instanceof EnvelopeError)
            fail('integrity', 'invalid', error.message);
        else
            throw error;
    }
    const pluginIntegrity = plugin?.checkIntegrity(env);
    if (pluginIntegrity !== undefined)
        fail('integrity', pluginIntegrity.status, pluginIntegrity.message);
    return { env, chain, leaf, ...(plugin !== undefined ? { plugin } : {}) };
}
/** Authenticity: a trusted root and a trusted identity. */
function checkAuthenticity({ env, chain, leaf, plugin }, ctx, fail) {
    const { statement } = ctx;
    const storeType = env.signingScheme === 'notary.x509' ? 'ca' : 'signingAuthority';
    const stores = statement.trustStores.filter((s) => s.type === storeType);
    if (stores.length === 0) {
        fail('authenticity', 'untrusted', `trust policy statement "${statement.name}" has no trust store of type ${storeType}, which scheme ${env.signingScheme} requires`);
    }
    else {
        const anchors = stores.flatMap((s) => ctx.trust.stores[`${s.type}:${s.name}`] ?? []);
        const anchored = chain.some((c) => anchors.some((a) => sameCertificate(a.der, c.der)));
        if (!anchored) {
            const root = chain[chain.length - 1];
            fail('authenticity', 'untrusted', `the certificate chain (root ${certName(root)}) does not lead to a certificate in trust store ${stores.map((s) => `${s.type}:${s.name}`).join(', ')}`);
        }
    }
    const identities = statement.trustedIdentities;
    if (plugin !== undefined) {
        const failure = plugin.checkIdentity(env, identities);
        if (failure !== undefined)
            fail('authenticity', failure.status, failure.message);
    }
    else if (!identities.some((i) => i.kind === 'any' || (i.kind === 'x509.subject' && subjectMatches(i.attributes, leaf.subjectAttributes)))) {
        const onlyProfiles = identities.length > 0 && identities.every((i) => i.kind === 'signing-profile');
        fail('authenticity', 'untrusted', onlyProfiles
            ? `the trusted identities are AWS Signer signing profiles, but this signature was not made by AWS Signer (signer ${leaf.subject})`
            : `signer "${leaf.subject}" matches none of the trusted identities of statement "${statement.name}"`);
    }
}
/** Expiry: the signer's "best before". */
function checkExpiry({ env }, ctx, fail) {
    const { now } = ctx;
    if (env.expiry !== undefined && now.getTime() >= env.expiry.getTime()) {
        fail('expiry', 'expired', `the signature expired at ${env.expiry.toISOString()}`);
    }
}
/** Authentic timestamp: the chain was valid when the signature was made. */
function checkTimestamp({ env, chain }, ctx, fail) {
    const { now } = ctx;
    if (env.signingScheme === 'notary.x509.signingAuthority') {
        const at = env.authenticSigningTime;
        if (at === undefined) {
            fail('authenticTimestamp', 'invalid', 'scheme notary.x509.signingAuthority requires authenticSigningTime');
        }
        else {
            timeCheck(chain, at, `at the authentic signing time ${at.toISOString()}`, fail);
        }
    }
    else {
        // RFC 3161 countersignatures are not verified here, so they cannot extend validity: the chain
        // must be valid now, exactly as for a signature without a timestamp.
        const note = env.hasTimestamp ? '; the signature carries an RFC 3161 timestamp, which this gate does not verify (unsupported)' : '';
        timeCheck(chain, now, `at verification time ${now.toISOString()}${note}`, fail);
    }
}
/** Revocation: the plugin's check, or, without one, no CRL/OCSP pointer the gate cannot query. */
async function checkRevocation({ env, chain, plugin }, ctx, fail) {
    if (ctx.statement.actions.revocation === 'skip')
        return;
    if (plugin !== undefined) {
        const failure = await plugin.checkRevocation(env, chain);
        if (failure !== undefined)
            fail('revocation', failure.status, failure.message);
    }
    else {
        const withPointers = chain.find((c) => c.hasRevocationPointers);
        if (withPointers !== undefined) {
            fail('revocation', 'untrusted', `revocation status could not be checked: certificate ${certName(withPointers)} names CRL/OCSP endpoints, which this gate does not query (set signatureVerification.override.revocation to "log" or "skip" to accept)`);
        }
    }
}
function timeCheck(chain, at, when, fail) {
    const bad = invalidAt(chain, at);
    if (bad === undefined)
        return;
    if (bad.kind === 'expired') {
        fail('authenticTimestamp', 'expired', `certificate ${certName(bad.cert)} expired at ${bad.cert.notAfter.toISOString()}, so it was not valid ${when}`);
    }
    else {
        fail('authenticTimestamp', 'untrusted', `certificate ${certName(bad.cert)} is valid only from ${bad.cert.notBefore.toISOString()}, so it was not valid ${when}`);
    }
}

// EXTERNAL MODULE: ./src/checks/signature/notation/fetch.ts
var fetch = __webpack_require__(2231);
// EXTERNAL MODULE: ./src/checks/check.ts
var check = __webpack_require__(4669);
;// CONCATENATED MODULE: ./src/checks/signature/notation/check.ts
/**
 * Notation as a `Check`: fetch the Notation signatures among the image's referrers, verify them
 * under the trust configuration, and fold the `SignatureResult` into a `CheckResult`. Whether a
 * non-verified result denies follows Notation's levels: `skip` verifies nothing; `audit` records
 * authenticity, expiry and revocation failures without enforcing them, but integrity (an `invalid`
 * signature) and a missing signature are enforced at every level.
 */





/** Id of the Notation check in reports. */
const NOTATION_CHECK_ID = 'signature/notation';
/**
 * The `CheckResult` for a Notation `SignatureResult`. `required` is whether signature settings were
 * given (then anything but `verified` denies, unless the statement's level says otherwise).
 */
function notationResult(signature, required = true) {
    const notEnforced = signature.level === 'skip' || (signature.level === 'audit' && signature.status !== 'invalid' && signature.status !== 'missing');
    return {
        id: NOTATION_CHECK_ID,
        kind: 'signature',
        system: 'notation',
        status: signature.status,
        enforced: required && !notEnforced,
        reasons: signature.status === 'verified' ? [] : [`Signature ${signature.status}${signature.reason ? `: ${signature.reason}` : ''}`],
        evidence: signature
    };
}
/** The Notation check for one partition's trust, with revocation through `revocation` (AWS Signer). */
function notationCheck(trust, revocation) {
    return {
        id: NOTATION_CHECK_ID,
        kind: 'signature',
        system: 'notation',
        title: 'Verify signature',
        run: async (context) => notationResult(await verifyImage(trust, revocation, context), signatureRequired(trust))
    };
}
/** Fetches and verifies the signatures of the deployed digest; any failure is a result, never a pass. */
async function verifyImage(trust, revocation, context) {
    const { image, log, artifacts } = context;
    const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size };
    let signatures;
    try {
        const client = await artifacts.client();
        signatures = await (0,fetch/* fetchSignatures */.A)(client, image.repository, subject, log, await artifacts.referrers());
    }
    catch (error) {
        return { status: 'invalid', reason: `signatures could not be fetched from the registry: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
    log.info(`Found ${signatures.length} Notation signature(s) for ${image.digest}`);
    try {
        const result = await verifySignature({
            subject,
            reference: image.uri.split('@')[0] ?? image.uri,
            signatures,
            trust,
            now: new Date(context.now()),
            checkRevocation: revocation
        });
        const cut = result.status === 'verified' ? '' : (0,check/* incompleteClause */.EV)(await artifacts.referrersIncomplete(), 'Notation signature');
        const outcome = cut === '' ? result : { ...result, reason: `${result.reason ?? result.status}${cut}` };
        log.info(`Signature: ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}`);
        return outcome;
    }
    catch (error) {
        return { status: 'invalid', reason: `signature verification failed: ${(0,errors/* errorMessage */.gJ)(error)}` };
    }
}

;// CONCATENATED MODULE: ./src/checks/signature/notation/index.ts
/**
 * Notation signature verification for the gate: load trust from the action inputs once, then
 * verify the signatures of the deployed digest. Everything here is pure except reading the trust
 * files and the injected revocation port.
 */











/***/ })

};
