/**
 * The AWS KMS port: GetPublicKey, sent through `call`, for cosign signatures made with a KMS key
 * (`awskms:///…`). Verification is local; the gate needs only `kms:GetPublicKey`.
 */
import { GetPublicKeyCommand, KMSClient, type GetPublicKeyRequest, type GetPublicKeyResponse } from '@aws-sdk/client-kms'
import { callerOf, type CallOptions } from './call.js'
import type { AwsService } from './clients.js'

/** The KMS calls of the gate; failures are `AwsCallError`s as for `EcrPort`. */
export interface KmsPort {
  /** kms:GetPublicKey */
  getPublicKey(input: GetPublicKeyRequest, options?: CallOptions): Promise<GetPublicKeyResponse>
}

/** The KMS port over `client`, or over the client `client()` returns when a call is made. */
export function kmsPort(client: KMSClient | (() => KMSClient)): KmsPort {
  const send = callerOf(typeof client === 'function' ? client : () => client)
  return {
    getPublicKey: (input, options) =>
      send(
        new GetPublicKeyCommand(input),
        { operation: 'GetPublicKey', action: 'kms:GetPublicKey', what: `read the public key of KMS key ${input.KeyId ?? ''}` },
        options
      )
  }
}

/** AWS KMS for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_KMS`. */
export const kmsService: AwsService<KMSClient, KmsPort> = {
  id: 'kms',
  envSuffix: 'KMS',
  createClient: (config) => new KMSClient(config),
  createPort: (client) => kmsPort(client)
}
