/**
 * Certificate identity policy for keyless (Fulcio) signatures: the subject alternative name and
 * the OIDC issuer, each matched exactly or by a regular expression. Both are anchored: an exact
 * value is compared as a string, and a regexp must match the whole value (sigstore-js matches a
 * SAN string as an unanchored regex, which would let `https://github.com/acme/app` match
 * `https://github.com/acme/app-evil/...`).
 */

/** How one certificate field is matched. */
export type Matcher = { readonly exact: string } | { readonly regexp: string }

/** The identity a keyless signature's certificate must carry. */
export interface CertificateIdentityPolicy {
  /** The signer's SAN (a URI such as a GitHub workflow ref, or an email). */
  readonly subjectAlternativeName: Matcher
  /** The OIDC issuer (Fulcio extension 1.3.6.1.4.1.57264.1.8, or .1.1). */
  readonly issuer: Matcher
}

/**
 * Compiles a regexp source anchored to the whole value. Throws a SyntaxError when it does not
 * compile (callers turn that into an input error before any network call).
 */
export function compileAnchored(source: string): RegExp {
  return new RegExp(`^(?:${source})$`, 'u')
}

/** Whether `value` satisfies `matcher`. */
export function matches(matcher: Matcher, value: string | undefined): boolean {
  if (value === undefined) return false
  return 'exact' in matcher ? value === matcher.exact : compileAnchored(matcher.regexp).test(value)
}

/** A matcher as a person reads it, e.g. `"https://…"` or `/^(?:…)$/`. */
export function describeMatcher(matcher: Matcher): string {
  return 'exact' in matcher ? JSON.stringify(matcher.exact) : `regexp /${matcher.regexp}/ (whole value)`
}
