/**
 * The attestation check's binding to the shared Sigstore verification (`checks/sigstore`): the
 * verifier port.
 */
import { verifySigstoreBundle } from '../sigstore/index.js'
import type { BundleVerifier } from './check.js'

/**
 * Verifies one bundle with sigstore-js under the chosen root and thresholds. Any identity is
 * accepted here: the check applies its anchored signer pattern and every GitHub claim to the
 * verified certificate afterwards, so each mismatch names the setting it broke.
 */
export const sigstoreBundleVerifier: BundleVerifier = (request) => Promise.resolve(verifyOne(request))

function verifyOne({ bundle, artifact, root, thresholds }: Parameters<BundleVerifier>[0]): Awaited<ReturnType<BundleVerifier>> {
  const result = verifySigstoreBundle(bundle, artifact, {
    trust: root.trust,
    identity: { subjectAlternativeName: { regexp: '.*' }, issuer: { regexp: '.*' } },
    tlogThreshold: thresholds.tlog,
    ctlogThreshold: thresholds.ctlog,
    timestampThreshold: thresholds.timestamp
  })
  if (!result.ok) return { ok: false, reason: result.reason, code: result.code }
  if (result.certificate === undefined || result.dsse === undefined)
    return { ok: false, reason: 'it is not a keyless DSSE attestation (no certificate or no DSSE envelope)', code: 'BUNDLE_MALFORMED' }
  return {
    ok: true,
    certificate: new Uint8Array(result.certificate.der),
    payloadType: result.dsse.payloadType,
    payload: new Uint8Array(result.dsse.payload),
    timestamps: result.timestamps.map((t) => t.time)
  }
}
