/**
 * Notation as a `Check`: fetch the Notation signatures among the image's referrers, verify them
 * under the trust configuration, and fold the `SignatureResult` into a `CheckResult`. Whether a
 * non-verified result denies follows Notation's levels: `skip` verifies nothing; `audit` records
 * authenticity, expiry and revocation failures without enforcing them, but integrity (an `invalid`
 * signature) and a missing signature are enforced at every level.
 */
import { errorMessage } from '../../../core/errors.js'
import type { CheckResult, RevocationCheck, SignatureResult } from '../../../core/types.js'
import { incompleteClause, type Check, type CheckContext } from '../../check.js'
import { fetchSignatures } from './fetch.js'
import { signatureRequired, type TrustConfig } from './trust-config.js'
import { verifySignature } from './verify.js'

/** The evidence a Notation check records: the verifier's whole result (signer, profile, level, …). */
export type NotationEvidence = SignatureResult

/** Id of the Notation check in reports. */
export const NOTATION_CHECK_ID = 'signature/notation'

/**
 * The `CheckResult` for a Notation `SignatureResult`. `required` is whether signature settings were
 * given (then anything but `verified` denies, unless the statement's level says otherwise).
 */
export function notationResult(signature: SignatureResult, required = true): CheckResult<NotationEvidence> {
  const notEnforced =
    signature.level === 'skip' || (signature.level === 'audit' && signature.status !== 'invalid' && signature.status !== 'missing')
  return {
    id: NOTATION_CHECK_ID,
    kind: 'signature',
    system: 'notation',
    status: signature.status,
    enforced: required && !notEnforced,
    reasons: signature.status === 'verified' ? [] : [`Signature ${signature.status}${signature.reason ? `: ${signature.reason}` : ''}`],
    evidence: signature
  }
}

/** The Notation check for one partition's trust, with revocation through `revocation` (AWS Signer). */
export function notationCheck(trust: TrustConfig, revocation: RevocationCheck): Check {
  return {
    id: NOTATION_CHECK_ID,
    kind: 'signature',
    system: 'notation',
    title: 'Verify signature',
    run: async (context) => notationResult(await verifyImage(trust, revocation, context), signatureRequired(trust))
  }
}

/** Fetches and verifies the signatures of the deployed digest; any failure is a result, never a pass. */
async function verifyImage(trust: TrustConfig, revocation: RevocationCheck, context: CheckContext): Promise<SignatureResult> {
  const { image, log, artifacts } = context
  const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size }
  let signatures
  try {
    const client = await artifacts.client()
    signatures = await fetchSignatures(client, image.repository, subject, log, await artifacts.referrers())
  } catch (error) {
    return { status: 'invalid', reason: `signatures could not be fetched from the registry: ${errorMessage(error)}` }
  }
  log.info(`Found ${signatures.length} Notation signature(s) for ${image.digest}`)
  try {
    const result = await verifySignature({
      subject,
      reference: image.uri.split('@')[0] ?? image.uri,
      signatures,
      trust,
      now: new Date(context.now()),
      checkRevocation: revocation
    })
    const cut = result.status === 'verified' ? '' : incompleteClause(await artifacts.referrersIncomplete(), 'Notation signature')
    const outcome = cut === '' ? result : { ...result, reason: `${result.reason ?? result.status}${cut}` }
    log.info(`Signature: ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}`)
    return outcome
  } catch (error) {
    return { status: 'invalid', reason: `signature verification failed: ${errorMessage(error)}` }
  }
}
