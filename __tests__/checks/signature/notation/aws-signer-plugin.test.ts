import { describe, expect, it } from 'vitest'
import { awsSignerPlugin } from '../../../../src/checks/signature/notation/aws-signer-plugin.js'
import { AwsSignerAttributes, AwsSignerPlugin, type ParsedEnvelope } from '../../../../src/checks/signature/notation/envelope.js'
import type { RevocationRequest } from '../../../../src/core/types.js'

const PROFILE = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod'
const VERSION = `${PROFILE}/abcdef`
const JOB = 'arn:aws:signer:us-east-1:123456789012:/signing-jobs/job-1'
const AT = new Date('2026-01-01T00:00:00Z')

function envelope(over: Partial<ParsedEnvelope> = {}): ParsedEnvelope {
  const empty = new Uint8Array(0)
  return {
    format: 'jws',
    mediaType: 'application/jose+json',
    alg: 'ES384',
    certificates: [],
    payload: empty,
    signingInput: empty,
    signature: empty,
    contentType: 'application/vnd.cncf.notary.payload.v1+json',
    critical: [],
    protectedLabels: [],
    signingScheme: 'notary.x509.signingAuthority',
    authenticSigningTime: AT,
    verificationPlugin: AwsSignerPlugin,
    extendedAttributes: { [AwsSignerAttributes.signingProfileVersion]: VERSION, [AwsSignerAttributes.signingJob]: JOB },
    hasTimestamp: false,
    ...over
  }
}

const none = async (): Promise<{ revokedEntities: string[] }> => ({ revokedEntities: [] })

describe('the AWS Signer plugin', () => {
  it('answers for its plugin name and names the signing profile version', () => {
    const plugin = awsSignerPlugin(none)
    expect(plugin.name).toBe('com.amazonaws.signer.notation.plugin')
    expect(plugin.signingIdentity(envelope())).toBe(VERSION)
    expect(plugin.signingIdentity(envelope({ extendedAttributes: {} }))).toBeUndefined()
  })

  it('requires authenticSigningTime under the signingAuthority scheme', () => {
    expect(awsSignerPlugin(none).checkIntegrity(envelope())).toBeUndefined()
    const { authenticSigningTime: _drop, ...without } = envelope()
    expect(awsSignerPlugin(none).checkIntegrity(without)).toEqual({
      status: 'invalid',
      message: 'AWS Signer signatures must carry authenticSigningTime'
    })
  })

  it('trusts only listed signing profiles, never the wildcard, and needs the profile attribute', () => {
    const plugin = awsSignerPlugin(none)
    expect(plugin.checkIdentity(envelope(), [{ kind: 'signing-profile', arn: PROFILE }])).toBeUndefined()
    expect(plugin.checkIdentity(envelope(), [{ kind: 'any' }])?.message).toMatch(/does not accept the wildcard/)
    expect(plugin.checkIdentity(envelope(), [{ kind: 'signing-profile', arn: `${PROFILE}-other` }])?.status).toBe('untrusted')
    expect(plugin.checkIdentity(envelope({ extendedAttributes: {} }), [{ kind: 'signing-profile', arn: PROFILE }])?.message).toMatch(
      /has no .* attribute/
    )
  })

  it('asks revocation with the job, profile version and time, and reports revoked entities', async () => {
    const asked: RevocationRequest[] = []
    const plugin = awsSignerPlugin(async (request) => (asked.push(request), { revokedEntities: [JOB] }))
    expect(await plugin.checkRevocation(envelope(), [])).toEqual({ status: 'revoked', message: `AWS Signer reports revoked: ${JOB}` })
    expect(asked[0]).toMatchObject({ jobArn: JOB, profileVersionArn: VERSION, signatureTimestamp: AT })
  })

  it('fails closed when revocation cannot be checked', async () => {
    const broken = awsSignerPlugin(async () => {
      throw new Error('AccessDenied')
    })
    expect(await broken.checkRevocation(envelope(), [])).toEqual({
      status: 'untrusted',
      message: 'revocation status could not be checked: AccessDenied'
    })
    const malformed = awsSignerPlugin(async () => ({}) as { revokedEntities: string[] })
    expect((await malformed.checkRevocation(envelope(), []))?.status).toBe('untrusted')
    expect((await awsSignerPlugin(none).checkRevocation(envelope({ extendedAttributes: {} }), []))?.message).toMatch(/lacks/)
    expect(await awsSignerPlugin(none).checkRevocation(envelope(), [])).toBeUndefined()
  })
})
