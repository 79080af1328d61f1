/**
 * The cosign check's settings, named after cosign's own flags: keys (`--key`: AWS KMS references or
 * PEM files), the keyless certificate identity and OIDC issuer (exact or regexp), the Sigstore
 * trusted root and `--insecure-ignore-tlog`. Parsed and validated here, before any file is read or
 * any AWS call is made; every error is a `SettingError` naming the setting.
 */
import { SettingError } from '../../../core/errors.js'
import { Setting, type SettingKey } from '../../../core/settings.js'
import { compileAnchored, type CertificateIdentityPolicy, type Matcher } from '../../sigstore/identity.js'
import { parsePublicGoodTuf, type TufSource } from '../../sigstore/tuf-settings.js'

/** A key given as `awskms:///…`: the key id as KMS takes it, and its region when the reference names one. */
export interface KmsKeyRef {
  readonly kind: 'kms'
  /** The reference as written. */
  readonly reference: string
  /** Key id, key ARN, `alias/NAME` or alias ARN: what GetPublicKey takes as `KeyId`. */
  readonly keyId: string
  /** From the ARN; absent means the image's region. */
  readonly region?: string
}

/** A key given as a path to a PEM public key file. */
export interface PemKeyRef {
  readonly kind: 'pem'
  readonly path: string
}

export type CosignKeyRef = KmsKeyRef | PemKeyRef

/** What the cosign check is asked to verify. */
export interface CosignSettings {
  /** Key-based verification (any one key verifying is enough). Empty for keyless. */
  readonly keys: readonly CosignKeyRef[]
  /** Keyless verification: the Fulcio certificate's identity and issuer. */
  readonly identity?: CertificateIdentityPolicy
  /** A `trusted_root.json`; absent means the Sigstore public-good root. */
  readonly trustedRootPath?: string
  /** Where the public-good root is refreshed from over TUF (`sigstore-tuf-mirror`, `sigstore-tuf-root`); absent: the public-good mirror. */
  readonly tuf?: TufSource
  /** cosign's `--insecure-ignore-tlog`: accept signatures without a transparency-log entry. */
  readonly ignoreTlog: boolean
}

/** The raw texts of the cosign settings, as an adapter read them ('' when unset). */
export interface CosignInputs {
  key: string[]
  certificateIdentity: string
  certificateIdentityRegexp: string
  certificateOidcIssuer: string
  certificateOidcIssuerRegexp: string
  trustedRoot: string
  ignoreTlog: boolean
  /** `sigstore-tuf-mirror` and `sigstore-tuf-root` ('' or absent when unset). */
  tufMirror?: string
  tufRoot?: string
}

// cosign's forms (sigstore pkg/signature/kms/aws/client.go): key id, key ARN, alias/NAME, alias ARN.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const MRK = 'mrk-[0-9a-fA-F]{32}'
const KEY_ID = new RegExp(`^(?:${UUID}|${MRK})$`)
const ALIAS = /^alias\/[a-zA-Z0-9:/_-]{1,250}$/
const ARN = new RegExp(`^arn:(aws|aws-us-gov|aws-cn):kms:([a-z0-9-]+):(\\d{12}):(key/(?:${UUID}|${MRK})|alias/[a-zA-Z0-9:/_-]{1,250})$`)
const ENDPOINT = /^[a-zA-Z0-9.-]+(?::\d{1,5})?$/

function clip(value: string): string {
  const line = value.replace(/[\r\n\t]/g, ' ')
  return line.length > 120 ? `${line.slice(0, 117)}...` : line
}

/** Parses one `awskms://[endpoint]/<key>` reference; throws a SettingError naming 'cosign-key'. */
export function parseKmsReference(reference: string): KmsKeyRef {
  const bad = (why: string): SettingError =>
    new SettingError(
      Setting.CosignKey,
      `Invalid '${Setting.CosignKey}': ${why} in '${clip(reference)}'; expected awskms:///<key id | key ARN | alias/NAME | alias ARN> (cosign's form)`
    )
  const rest = reference.slice('awskms://'.length)
  const slash = rest.indexOf('/')
  if (slash < 0) throw bad('no key after awskms://')
  const host = rest.slice(0, slash)
  const keyId = rest.slice(slash + 1)
  if (host !== '') {
    throw bad(
      ENDPOINT.test(host)
        ? `a KMS endpoint in the reference (${clip(host)}) is not supported; set AWS_ENDPOINT_URL_KMS instead`
        : `'${clip(host)}' is not a host[:port]`
    )
  }
  const arn = ARN.exec(keyId)
  if (arn === null && !KEY_ID.test(keyId) && !ALIAS.test(keyId))
    throw bad(`'${clip(keyId)}' is not a KMS key id, key ARN, alias or alias ARN`)
  return {
    kind: 'kms',
    reference,
    keyId,
    ...(arn?.[2] !== undefined ? { region: arn[2] } : {})
  }
}

function matcher(exact: string, regexp: string, exactKey: SettingKey, regexpKey: SettingKey): Matcher | undefined {
  if (exact !== '' && regexp !== '') {
    throw new SettingError(exactKey, `Invalid '${exactKey}': expected '${exactKey}' or '${regexpKey}', not both`)
  }
  if (regexp !== '') {
    try {
      compileAnchored(regexp)
    } catch (error) {
      throw new SettingError(
        regexpKey,
        `Invalid '${regexpKey}': the regular expression does not compile (${error instanceof Error ? error.message : String(error)}); expected a JavaScript regular expression, matched against the whole value`
      )
    }
    return { regexp }
  }
  return exact !== '' ? { exact } : undefined
}

/**
 * The cosign settings for these inputs, or undefined when none is given. Throws a SettingError for a
 * malformed key reference, a regexp that does not compile, an identity without an issuer (or the
 * reverse), keys and an identity together, or a trusted root / `cosign-ignore-tlog` without keys or
 * an identity.
 */
export function parseCosignSettings(inputs: CosignInputs): CosignSettings | undefined {
  const tuf = parsePublicGoodTuf(inputs.tufMirror ?? '', inputs.tufRoot ?? '', inputs.trustedRoot)
  const keys: CosignKeyRef[] = inputs.key.map((value) => (value.startsWith('awskms://') ? parseKmsReference(value) : parsePemPath(value)))
  const san = matcher(
    inputs.certificateIdentity,
    inputs.certificateIdentityRegexp,
    Setting.CosignCertificateIdentity,
    Setting.CosignCertificateIdentityRegexp
  )
  const issuer = matcher(
    inputs.certificateOidcIssuer,
    inputs.certificateOidcIssuerRegexp,
    Setting.CosignCertificateOidcIssuer,
    Setting.CosignCertificateOidcIssuerRegexp
  )
  if (san !== undefined && issuer === undefined) {
    const given = 'exact' in san ? Setting.CosignCertificateIdentity : Setting.CosignCertificateIdentityRegexp
    throw new SettingError(
      given,
      `Invalid '${given}': an issuer is required with it ('${Setting.CosignCertificateOidcIssuer}' or '${Setting.CosignCertificateOidcIssuerRegexp}'); a keyless identity is only meaningful with the issuer that vouched for it`
    )
  }
  if (issuer !== undefined && san === undefined) {
    const given = 'exact' in issuer ? Setting.CosignCertificateOidcIssuer : Setting.CosignCertificateOidcIssuerRegexp
    throw new SettingError(
      given,
      `Invalid '${given}': an identity is required with it ('${Setting.CosignCertificateIdentity}' or '${Setting.CosignCertificateIdentityRegexp}'), as cosign refuses keyless verification without one`
    )
  }
  const identity = san !== undefined && issuer !== undefined ? { subjectAlternativeName: san, issuer } : undefined
  if (keys.length > 0 && identity !== undefined) {
    throw new SettingError(
      Setting.CosignKey,
      `'${Setting.CosignKey}' and '${Setting.CosignCertificateIdentity}' cannot be combined: verify with keys or with a keyless identity`
    )
  }
  if (keys.length === 0 && identity === undefined) {
    if (inputs.trustedRoot !== '') {
      throw new SettingError(
        Setting.SigstoreTrustedRoot,
        `Invalid '${Setting.SigstoreTrustedRoot}': '${Setting.CosignKey}' or '${Setting.CosignCertificateIdentity}' is required with it; a trusted root alone does not say whose signatures to trust`
      )
    }
    if (inputs.ignoreTlog) {
      throw new SettingError(
        Setting.CosignIgnoreTlog,
        `Invalid '${Setting.CosignIgnoreTlog}': '${Setting.CosignKey}' or '${Setting.CosignCertificateIdentity}' is required with it; it relaxes a cosign verification, and none is asked for`
      )
    }
    return undefined
  }
  return {
    keys,
    ...(identity !== undefined ? { identity } : {}),
    ...(inputs.trustedRoot !== '' ? { trustedRootPath: inputs.trustedRoot } : {}),
    tuf,
    ignoreTlog: inputs.ignoreTlog
  }
}

function parsePemPath(value: string): PemKeyRef {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new SettingError(
      Setting.CosignKey,
      `Invalid '${Setting.CosignKey}': '${clip(value)}' is neither awskms:///… nor a path to a PEM public key file; expected one of those (other KMS providers are not supported)`
    )
  }
  return { kind: 'pem', path: value }
}
