import { describe, it, expect, beforeEach } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import { GetRevocationStatusCommand, SignerClient } from '@aws-sdk/client-signer'
import { signerRevocationCheck } from '../../src/aws/revocation.js'
import { signerPort } from '../../src/aws/signer.js'
import { AwsCallError } from '../../src/core/errors.js'
import type { RevocationRequest } from '../../src/core/types.js'

const signerMock = mockClient(SignerClient)
const signer = signerPort(new SignerClient({ region: 'us-east-1' }))

const request: RevocationRequest = {
  signatureTimestamp: new Date('2024-05-06T07:08:09Z'),
  platformId: 'Notation-OCI-SHA384-ECDSA',
  profileVersionArn: 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod/AbCd1234',
  jobArn: 'arn:aws:signer:us-east-1:123456789012:/signing-jobs/0123-4567',
  certificateHashes: ['aa'.repeat(48) + 'bb'.repeat(48), 'bb'.repeat(48) + 'bb'.repeat(48)]
}

beforeEach(() => {
  signerMock.reset()
})

describe('signerRevocationCheck', () => {
  it('sends the request with a Date timestamp and the certificate hash array', async () => {
    signerMock.on(GetRevocationStatusCommand).resolves({ revokedEntities: [] })
    await expect(signerRevocationCheck(signer)(request)).resolves.toEqual({ revokedEntities: [] })
    const calls = signerMock.commandCalls(GetRevocationStatusCommand)
    expect(calls).toHaveLength(1)
    const input = calls[0]?.args[0].input
    expect(input).toEqual(request)
    expect(input?.signatureTimestamp).toBeInstanceOf(Date)
    expect(Array.isArray(input?.certificateHashes)).toBe(true)
    // A copy: the caller's array cannot be changed through the command.
    expect(input?.certificateHashes).not.toBe(request.certificateHashes)
  })

  it('returns the revoked entities', async () => {
    signerMock.on(GetRevocationStatusCommand).resolves({ revokedEntities: [request.profileVersionArn] })
    await expect(signerRevocationCheck(signer)(request)).resolves.toEqual({ revokedEntities: [request.profileVersionArn] })
  })

  it('an absent list means nothing revoked', async () => {
    signerMock.on(GetRevocationStatusCommand).resolves({})
    await expect(signerRevocationCheck(signer)(request)).resolves.toEqual({ revokedEntities: [] })
  })

  it('a malformed list throws rather than passing', async () => {
    signerMock.on(GetRevocationStatusCommand).resolves({ revokedEntities: [42 as unknown as string] })
    await expect(signerRevocationCheck(signer)(request)).rejects.toBeInstanceOf(AwsCallError)
  })

  it('errors are wrapped naming signer:GetRevocationStatus and thrown', async () => {
    signerMock
      .on(GetRevocationStatusCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }))
    const error = await signerRevocationCheck(signer)(request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as AwsCallError).operation).toBe('GetRevocationStatus')
    expect((error as AwsCallError).message).toContain('grant signer:GetRevocationStatus')
    expect(signerMock.commandCalls(GetRevocationStatusCommand)).toHaveLength(1)
  })

  it('network failures are thrown too (never read as "not revoked")', async () => {
    signerMock.on(GetRevocationStatusCommand).rejects(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))
    const error = await signerRevocationCheck(signer)(request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).message).toContain('could not be reached')
  })
})
