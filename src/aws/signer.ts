/**
 * The AWS Signer port: GetRevocationStatus, sent through `call`. A plain interface, so tests can
 * fake it without the SDK.
 */
import {
  GetRevocationStatusCommand,
  SignerClient,
  type GetRevocationStatusRequest,
  type GetRevocationStatusResponse
} from '@aws-sdk/client-signer'
import { callerOf, type CallOptions } from './call.js'
import type { AwsService } from './clients.js'

/** The Signer calls of the gate; failures are `AwsCallError`s as for `EcrPort`. */
export interface SignerPort {
  /** signer:GetRevocationStatus */
  getRevocationStatus(input: GetRevocationStatusRequest, options?: CallOptions): Promise<GetRevocationStatusResponse>
}

/** The Signer port over `client`, or over the client `client()` returns when a call is made. */
export function signerPort(client: SignerClient | (() => SignerClient)): SignerPort {
  const send = callerOf(typeof client === 'function' ? client : () => client)
  return {
    getRevocationStatus: (input, options) =>
      send(
        new GetRevocationStatusCommand(input),
        { operation: 'GetRevocationStatus', action: 'signer:GetRevocationStatus', what: 'check revocation with AWS Signer' },
        options
      )
  }
}

/**
 * AWS Signer for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_SIGNER`. The SDK prefixes `data-`
 * to the host for GetRevocationStatus, which breaks any custom endpoint, so a custom endpoint sets
 * `disableHostPrefix`. (An endpoint from the shared config file's `services` section is left to the
 * SDK, without it.)
 */
export const signerService: AwsService<SignerClient, SignerPort> = {
  id: 'signer',
  envSuffix: 'SIGNER',
  createClient: (config) => new SignerClient({ ...config, ...(config.endpoint !== undefined ? { disableHostPrefix: true } : {}) }),
  createPort: (client) => signerPort(client)
}
