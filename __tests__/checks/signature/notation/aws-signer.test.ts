import { describe, it, expect } from 'vitest'
import { createHash, X509Certificate } from 'node:crypto'
import { certificateHashesOf, createTestPki } from '../../../../emulator/signing.mjs'
import {
  AwsSignerGovCloudRootPem,
  AwsSignerRootPem,
  certificateHashes,
  parseSigningProfileArn,
  profileMatches,
  revocationRequest
} from '../../../../src/checks/signature/notation/aws-signer.js'
import { parseChain, tbsBytes } from '../../../../src/checks/signature/notation/x509.js'

/** SHA-256 fingerprints published for the AWS Signer Notation roots (REFERENCE.md). */
const fingerprints = {
  commercial: '90:A8:7D:05:43:C3:F0:94:DB:FF:95:89:B6:64:9A:FF:E2:F3:D6:E0:F3:08:79:9B:E2:25:84:61:C6:86:47:3F',
  govcloud: '67:36:53:AB:76:F4:1A:10:54:6C:DE:B4:10:7E:CD:6D:F2:C1:5C:2C:9A:0D:32:ED:97:D2:71:B4:43:6F:C3:E8'
}

describe('bundled AWS Signer roots', () => {
  it.each([
    ['commercial', AwsSignerRootPem, fingerprints.commercial, 'AWS Signer Code Signing Root CA G1'],
    ['govcloud', AwsSignerGovCloudRootPem, fingerprints.govcloud, 'AWS Signer Code Signing GovCloud (US) Root CA G1']
  ])('%s root has the published fingerprint and subject', (_name, pem, fingerprint, cn) => {
    const cert = new X509Certificate(pem)
    expect(cert.fingerprint256).toBe(fingerprint)
    expect(createHash('sha256').update(cert.raw).digest('hex').toUpperCase().match(/../g)?.join(':')).toBe(fingerprint)
    expect(cert.subject).toContain(`CN=${cn}`)
    expect(cert.ca).toBe(true)
  })
})

describe('signing profile ARNs', () => {
  const profile = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod_images'
  const version = `${profile}/Ab12Cd34Ef`

  it('parses profile and profile-version ARNs in every partition', () => {
    expect(parseSigningProfileArn(version)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      account: '123456789012',
      profile: 'prod_images',
      version: 'Ab12Cd34Ef'
    })
    expect(parseSigningProfileArn('arn:aws-us-gov:signer:us-gov-west-1:123456789012:/signing-profiles/p1')).toMatchObject({
      partition: 'aws-us-gov'
    })
    expect(parseSigningProfileArn('arn:aws-cn:signer:cn-north-1:123456789012:/signing-profiles/p1')).toMatchObject({ partition: 'aws-cn' })
  })

  it.each([
    'arn:aws:signer:us-east-1:123456789012:/signing-profiles/*',
    'arn:aws:signer:us-east-1:123456789012:/signing-jobs/abc',
    'arn:aws:signer:us-east-1:12345678901:/signing-profiles/p1',
    'arn:aws:kms:us-east-1:123456789012:/signing-profiles/p1',
    'arn:aws:signer:us-east-1:123456789012:signing-profiles/p1',
    'arn:aws:signer:us-east-1:123456789012:/signing-profiles/p1/v1/extra'
  ])('refuses %s', (value) => {
    expect(typeof parseSigningProfileArn(value)).toBe('string')
  })

  it('matches like the AWS Signer plugin', () => {
    expect(profileMatches(profile, version)).toBe(true)
    expect(profileMatches(profile.replace('prod_images', 'PROD_IMAGES'), version)).toBe(true)
    expect(profileMatches(version, version.toLowerCase())).toBe(true)
    expect(profileMatches(`${profile}/Zz99Yy88Xx`, version)).toBe(false)
    expect(profileMatches(`${profile}_2`, version)).toBe(false)
    expect(profileMatches('arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod', `${profile}/Ab12Cd34Ef`)).toBe(false)
    expect(profileMatches('*', version)).toBe(false)
  })
})

describe('revocation request', () => {
  it('hashes each certificate TBS with SHA-384, paired with its issuer, root with itself', () => {
    const pki = createTestPki({ name: 'revocation', keyType: 'ec384' })
    const chain = parseChain(pki.chainDer.map((d) => new Uint8Array(d)))
    const hashes = certificateHashes(chain)
    expect(hashes).toEqual(certificateHashesOf(pki.chainDer))
    const tbsHash = (der: Buffer): string =>
      createHash('sha384')
        .update(tbsBytes(new Uint8Array(der)))
        .digest('hex')
    const [leaf, intermediate, root] = pki.chainDer as [Buffer, Buffer, Buffer]
    expect(hashes).toEqual([tbsHash(leaf) + tbsHash(intermediate), tbsHash(intermediate) + tbsHash(root), tbsHash(root) + tbsHash(root)])
    const at = new Date('2025-05-05T05:05:05Z')
    expect(revocationRequest({ authenticSigningTime: at, profileVersionArn: 'p', jobArn: 'j', chain })).toEqual({
      signatureTimestamp: at,
      platformId: 'Notation-OCI-SHA384-ECDSA',
      profileVersionArn: 'p',
      jobArn: 'j',
      certificateHashes: hashes
    })
  })

  it('slices the exact tbsCertificate bytes out of the DER', () => {
    const root = new X509Certificate(AwsSignerRootPem)
    const tbs = tbsBytes(new Uint8Array(root.raw))
    expect(tbs[0]).toBe(0x30)
    expect(Buffer.from(root.raw).indexOf(Buffer.from(tbs))).toBe(4)
    expect(tbs.byteLength).toBe(482)
  })
})
