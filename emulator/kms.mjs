// AWS KMS (awsJson1_1, X-Amz-Target TrentService.<Operation>): GetPublicKey, for cosign signatures
// made with a KMS key. Keys come from the emulator option `kms.keys` (see README, "KMS keys"): each
// `{ keyId, arn?, aliases?, keySpec, keyUsage?, publicKey (base64 DER SPKI), state? }`.

import { AwsError } from './scenario.mjs'

export const KMS_TARGET_PREFIX = 'TrentService.'

const SIGNING_ALGORITHMS = {
  ECC_NIST_P256: ['ECDSA_SHA_256'],
  ECC_NIST_P384: ['ECDSA_SHA_384'],
  ECC_NIST_P521: ['ECDSA_SHA_512'],
  RSA_2048: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'],
  RSA_3072: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256'],
  RSA_4096: ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_256']
}

/**
 * @typedef {{keyId: string, arn?: string, aliases?: string[], keySpec: string, keyUsage?: string, publicKey: string, state?: string}} KmsKey
 */

/**
 * Handles one KMS operation.
 * @param {string} operation
 * @param {Record<string, any>} input
 * @param {{keys?: KmsKey[]}|undefined} kms
 * @param {{accountId: string, region: string}} scn
 */
export function handleKms(operation, input, kms, scn) {
  if (operation !== 'GetPublicKey') throw new AwsError('UnsupportedOperationException', `KMS ${operation} is not emulated`, 400)
  const id = String(input.KeyId ?? '')
  const arnOf = (/** @type {KmsKey} */ k) => k.arn ?? `arn:aws:kms:${scn.region}:${scn.accountId}:key/${k.keyId}`
  const key = (kms?.keys ?? []).find(
    (k) =>
      k.keyId === id ||
      arnOf(k) === id ||
      (k.aliases ?? []).some((a) => a === id || `arn:aws:kms:${scn.region}:${scn.accountId}:${a}` === id)
  )
  if (!key) throw new AwsError('NotFoundException', `Key '${id}' does not exist`, 400)
  if ((key.state ?? 'Enabled') === 'Disabled') throw new AwsError('DisabledException', `${arnOf(key)} is disabled.`, 400)
  const usage = key.keyUsage ?? 'SIGN_VERIFY'
  return {
    body: {
      KeyId: arnOf(key),
      PublicKey: key.publicKey,
      KeySpec: key.keySpec,
      CustomerMasterKeySpec: key.keySpec,
      KeyUsage: usage,
      ...(usage === 'SIGN_VERIFY'
        ? { SigningAlgorithms: SIGNING_ALGORITHMS[/** @type {keyof typeof SIGNING_ALGORITHMS} */ (key.keySpec)] ?? [] }
        : { EncryptionAlgorithms: ['RSAES_OAEP_SHA_256'] })
    }
  }
}
