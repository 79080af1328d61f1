import { describe, expect, it } from 'vitest'
import { AwsSession } from '../../src/aws/clients.js'
import { inspectorService } from '../../src/aws/inspector.js'
import { signerService } from '../../src/aws/signer.js'

// Inspector and Signer are loaded on their port's first call (their code is a separate chunk of
// dist/, off the start-up path); the port still checks its region and endpoint when handed out.
describe('AwsSession: Inspector and Signer load on first use', () => {
  const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }

  it('builds no Inspector or Signer client until its port is called, then the one of that service and region', async () => {
    const session = new AwsSession({ env, maxAttempts: 1, connectionTimeoutMs: 500 })
    const ports = session.forRegion('us-east-1')
    expect(session.hasClient(inspectorService, 'us-east-1')).toBe(false)
    expect(session.hasClient(signerService, 'us-east-1')).toBe(false)
    // The call fails (no credentials, nothing listening), but the client has been built for it.
    await expect(ports.inspector.listFindings({})).rejects.toThrow(/Could not list Inspector findings/)
    expect(session.hasClient(inspectorService, 'us-east-1')).toBe(true)
    expect(session.hasClient(signerService, 'us-east-1')).toBe(false)
    await expect(
      ports.signer.getRevocationStatus({
        signatureTimestamp: new Date(0),
        platformId: 'p',
        profileVersionArn: 'arn:aws:signer:us-east-1:1:/signing-profiles/p/v',
        jobArn: 'arn:aws:signer:us-east-1:1:/signing-jobs/j',
        certificateHashes: ['00']
      })
    ).rejects.toThrow(/Could not check revocation with AWS Signer/)
    expect(session.hasClient(signerService, 'us-east-1')).toBe(true)
    expect(session.hasClient(signerService, 'eu-west-1')).toBe(false)
    session.destroy()
  })

  it('refuses a bad region or endpoint for the lazy ports when they are handed out, before any call', () => {
    const session = new AwsSession({ env: { AWS_ENDPOINT_URL_INSPECTOR2: 'not a url' } })
    expect(() => session.inspector('us-east-1')).toThrow(/AWS_ENDPOINT_URL_INSPECTOR2/)
    expect(() => session.signer('evil.com/x')).toThrow(/Invalid AWS region/)
    expect(() => session.signer('us-east-1')).not.toThrow()
  })
})
