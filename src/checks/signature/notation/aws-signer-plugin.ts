/**
 * The AWS Signer Notation plugin (`com.amazonaws.signer.notation.plugin`), implemented natively:
 * signatures must carry `authenticSigningTime` and the signing profile version; the trusted
 * identities are signing profile ARNs (never `*`); revocation is asked of `signer:GetRevocationStatus`
 * through the injected port.
 */
import { errorMessage } from '../../../core/errors.js'
import type { RevocationCheck } from '../../../core/types.js'
import { profileMatches, revocationRequest } from './aws-signer.js'
import { AwsSignerAttributes, AwsSignerPlugin, type ParsedEnvelope } from './envelope.js'
import type { NotationPlugin, PluginFailure } from './plugin.js'

function profileVersionOf(envelope: ParsedEnvelope): string | undefined {
  const value = envelope.extendedAttributes[AwsSignerAttributes.signingProfileVersion]
  return typeof value === 'string' ? value : undefined
}

/** The AWS Signer plugin, asking revocation of `checkRevocation`. */
export function awsSignerPlugin(checkRevocation: RevocationCheck): NotationPlugin {
  return {
    name: AwsSignerPlugin,
    signingIdentity: profileVersionOf,
    checkIntegrity(envelope): PluginFailure | undefined {
      if (envelope.signingScheme === 'notary.x509.signingAuthority' && envelope.authenticSigningTime === undefined) {
        return { status: 'invalid', message: 'AWS Signer signatures must carry authenticSigningTime' }
      }
      return undefined
    },
    checkIdentity(envelope, identities): PluginFailure | undefined {
      const profileVersion = profileVersionOf(envelope)
      if (profileVersion === undefined) {
        return { status: 'untrusted', message: `the AWS Signer signature has no ${AwsSignerAttributes.signingProfileVersion} attribute` }
      }
      if (identities.some((i) => i.kind === 'any')) {
        return {
          status: 'untrusted',
          message: 'the AWS Signer plugin does not accept the wildcard identity "*"; list trusted signing profile ARNs'
        }
      }
      if (!identities.some((i) => i.kind === 'signing-profile' && profileMatches(i.arn, profileVersion))) {
        return { status: 'untrusted', message: `signing profile version ${profileVersion} is not among the trusted signing profiles` }
      }
      return undefined
    },
    async checkRevocation(envelope, chain): Promise<PluginFailure | undefined> {
      const job = envelope.extendedAttributes[AwsSignerAttributes.signingJob]
      const profileVersion = profileVersionOf(envelope)
      if (typeof job !== 'string' || profileVersion === undefined || envelope.authenticSigningTime === undefined) {
        return {
          status: 'untrusted',
          message: `revocation status could not be checked: the signature lacks ${AwsSignerAttributes.signingJob}, ${AwsSignerAttributes.signingProfileVersion} or authenticSigningTime`
        }
      }
      const request = revocationRequest({
        authenticSigningTime: envelope.authenticSigningTime,
        profileVersionArn: profileVersion,
        jobArn: job,
        chain
      })
      let revoked: string[]
      try {
        const response = await checkRevocation(request)
        if (!Array.isArray(response?.revokedEntities)) throw new Error('the response has no revokedEntities list')
        revoked = response.revokedEntities
      } catch (error) {
        return { status: 'untrusted', message: `revocation status could not be checked: ${errorMessage(error)}` }
      }
      if (revoked.length === 0) return undefined
      return {
        status: 'revoked',
        message: `AWS Signer reports revoked: ${revoked.map((e) => (e.startsWith('arn:') ? e : `certificate ${e.slice(0, 16)}…`)).join(', ')}`
      }
    }
  }
}
