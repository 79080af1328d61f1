/** The `RevocationCheck` port backed by AWS Signer's GetRevocationStatus. */
import type { RevocationCheck, RevocationRequest } from '../core/types.js'
import { AwsCallError } from '../core/errors.js'
import type { SignalOption } from '../core/ports.js'
import type { SignerPort } from './signer.js'

/** More entries than this in a response is not a plausible answer for one chain; refuse it. */
const MAX_REVOKED_ENTITIES = 1000

/**
 * A `RevocationCheck` that asks `signer:GetRevocationStatus`. Errors are wrapped (naming the IAM
 * action `signer:GetRevocationStatus`) and thrown: the verifier treats a throw as "not verified",
 * so a failed call can never pass as "not revoked". `options.signal` is passed to every call.
 */
export function signerRevocationCheck(signer: SignerPort, options: SignalOption = {}): RevocationCheck {
  return async (request: RevocationRequest) => {
    const response = await signer.getRevocationStatus(
      {
        signatureTimestamp: request.signatureTimestamp,
        platformId: request.platformId,
        profileVersionArn: request.profileVersionArn,
        jobArn: request.jobArn,
        certificateHashes: [...request.certificateHashes]
      },
      options
    )
    const revoked: unknown = response.revokedEntities
    // An absent list means nothing is revoked; anything other than a list of strings is not an answer.
    if (revoked === undefined || revoked === null) return { revokedEntities: [] }
    if (
      !Array.isArray(revoked) ||
      revoked.length > MAX_REVOKED_ENTITIES ||
      !revoked.every((entry): entry is string => typeof entry === 'string')
    ) {
      throw new AwsCallError(
        'Could not check revocation with AWS Signer: the GetRevocationStatus response has a malformed revokedEntities list',
        'MalformedResponse',
        'GetRevocationStatus'
      )
    }
    return { revokedEntities: revoked.map((entry) => entry.slice(0, 2048)) }
  }
}
