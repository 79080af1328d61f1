/**
 * The Notation verification-plugin interface, as the gate implements plugins natively: a signature
 * whose envelope names `verificationPlugin` is verified with that plugin's rules for integrity,
 * identity and revocation, in place of the default X.509 ones. AWS Signer is the one plugin today
 * (`aws-signer-plugin.ts`); another is one file implementing this interface.
 */
import type { ParsedEnvelope } from './envelope.js'
import type { TrustedIdentity } from './trust-policy.js'
import type { CertInfo } from './x509.js'

/** A failure a plugin reports for one validation: the status and the message a person acts on. */
export interface PluginFailure {
  status: 'invalid' | 'untrusted' | 'revoked'
  message: string
}

/** One Notation verification plugin. Every method is given the parsed, integrity-checked envelope. */
export interface NotationPlugin {
  /** The `io.cncf.notary.verificationPlugin` value this plugin answers for. */
  readonly name: string
  /** The signer the plugin names (e.g. a signing profile version ARN), recorded as evidence. */
  signingIdentity(envelope: ParsedEnvelope): string | undefined
  /** Integrity rules of the plugin beyond the envelope's own (e.g. required signed attributes). */
  checkIntegrity(envelope: ParsedEnvelope): PluginFailure | undefined
  /** Whether the plugin's identity is among the trusted identities (replaces the x509.subject match). */
  checkIdentity(envelope: ParsedEnvelope, identities: readonly TrustedIdentity[]): PluginFailure | undefined
  /** The plugin's revocation check (replaces CRL/OCSP); a failed check is a failure, never a pass. */
  checkRevocation(envelope: ParsedEnvelope, chain: CertInfo[]): Promise<PluginFailure | undefined>
}
