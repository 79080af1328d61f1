/**
 * The AWS Signer Notation plugin (`com.amazonaws.signer.notation.plugin`), implemented natively:
 * its bundled root certificates, signing-profile identity matching, and the request for
 * `signer:GetRevocationStatus` with the plugin's certificate-hash format.
 */
import { createHash } from 'node:crypto'
import type { RevocationRequest } from '../../../core/types.js'
import type { CertInfo } from './x509.js'

/**
 * "AWS Signer Code Signing Root CA G1" (commercial partitions), valid 2022-10-27 to 2122-10-27,
 * SHA-256 fingerprint 90:A8:7D:05:…:47:3F. Published by AWS as aws-signer-notation-root.cert.
 */
export const AwsSignerRootPem = `-----BEGIN CERTIFICATE-----
MIICWTCCAd6gAwIBAgIRAMq5Lmt4rqnUdi8qM4eIGbYwCgYIKoZIzj0EAwMwbDEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTErMCkGA1UEAwwiQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
Um9vdCBDQSBHMTAgFw0yMjEwMjcyMTMzMjJaGA8yMTIyMTAyNzIyMzMyMlowbDEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTErMCkGA1UEAwwiQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
Um9vdCBDQSBHMTB2MBAGByqGSM49AgEGBSuBBAAiA2IABM9+dM9WXbVyNOIP08oN
IQW8DKKdBxP5nYNegFPLfGP0f7+0jweP8LUv1vlFZqVDep5ONus9IxwtIYBJLd36
5Q3Z44Xnm4PY/wSI5xRvB/m+/B2PHc7Smh0P5s3Dt25oVKNCMEAwDwYDVR0TAQH/
BAUwAwEB/zAdBgNVHQ4EFgQUONhd3abPX87l4YWKxjysv28QwAYwDgYDVR0PAQH/
BAQDAgGGMAoGCCqGSM49BAMDA2kAMGYCMQCd32GnYU2qFCtKjZiveGfs+gCBlPi2
Hw0zU52LXIFC2GlcvwcekbiM6w0Azlr9qvMCMQDl4+Os0yd+fVlYMuovvxh8xpjQ
NPJ9zRGyYa7+GNs64ty/Z6bzPHOKbGo4In3KKJo=
-----END CERTIFICATE-----
`

/**
 * "AWS Signer Code Signing GovCloud (US) Root CA G1", valid 2024-03-06 to 2124-03-07,
 * SHA-256 fingerprint 67:36:53:AB:…:C3:E8. Published by AWS as aws-us-gov-signer-notation-root.cert.
 */
export const AwsSignerGovCloudRootPem = `-----BEGIN CERTIFICATE-----
MIICdDCCAfqgAwIBAgIRANXkpKrZj0L324qGaqRhW/cwCgYIKoZIzj0EAwMwejEL
MAkGA1UEBhMCVVMxDDAKBgNVBAoMA0FXUzEVMBMGA1UECwwMQ3J5cHRvZ3JhcGh5
MQswCQYDVQQIDAJXQTE5MDcGA1UEAwwwQVdTIFNpZ25lciBDb2RlIFNpZ25pbmcg
R292Q2xvdWQgKFVTKSBSb290IENBIEcxMCAXDTI0MDMwNjIzMzgyOFoYDzIxMjQw
MzA3MDAzODI4WjB6MQswCQYDVQQGEwJVUzEMMAoGA1UECgwDQVdTMRUwEwYDVQQL
DAxDcnlwdG9ncmFwaHkxCzAJBgNVBAgMAldBMTkwNwYDVQQDDDBBV1MgU2lnbmVy
IENvZGUgU2lnbmluZyBHb3ZDbG91ZCAoVVMpIFJvb3QgQ0EgRzEwdjAQBgcqhkjO
PQIBBgUrgQQAIgNiAARog54ObzWaGU6fAOcL4Af+P93l2t8Dl9hVD2n0eSSfmPq1
3jtXgjcpXZIjMfoiWQPJTvyAB3opRyvO3grvUaWxRnjtwB/Pusj4tzhnaN+b80eJ
iRn6AzrI9vBssd1ZyRKjQjBAMA8GA1UdEwEB/wQFMAMBAf8wHQYDVR0OBBYEFJF4
zoYzTyn/5s8EleoNvek9QeE6MA4GA1UdDwEB/wQEAwIBhjAKBggqhkjOPQQDAwNo
ADBlAjEA8tcKeLPxBB0mRmfkJn5+hgYxZaRGQatO5mxmjkB/DNIfJ1WeEE3tbCHr
pNJL32FUAjBQY82UNV5yJrKFHOxuiQ+athQZUHLvWvAIXKExt9wvLdtKzfpag8BI
o2A2A4nk0jk=
-----END CERTIFICATE-----
`

/** AWS partitions the gate runs in. */
export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn'

/**
 * The bundled root for a partition. There is no published AWS Signer Notation root for the China
 * partition, so it has none: users there must supply one in a trust store.
 */
export function bundledRoots(partition: Partition): string[] {
  if (partition === 'aws') return [AwsSignerRootPem]
  if (partition === 'aws-us-gov') return [AwsSignerGovCloudRootPem]
  return []
}

/** Name of the implicit signingAuthority store holding the bundled root of a partition. */
export function bundledStoreName(partition: Partition): string {
  return `aws-signer-${partition}`
}

/** Platform the AWS Signer plugin reports to GetRevocationStatus. */
export const NotationPlatformId = 'Notation-OCI-SHA384-ECDSA'

const profileArn =
  /^arn:(aws|aws-us-gov|aws-cn):signer:([a-z]{2}(?:-[a-z]+)+-[0-9]+):([0-9]{12}):\/signing-profiles\/([A-Za-z0-9_]{2,64})(?:\/([A-Za-z0-9]{1,64}))?$/

/** A parsed signing profile (version) ARN. */
export interface SigningProfileArn {
  partition: Partition
  region: string
  account: string
  profile: string
  /** Present for a profile-version ARN. */
  version?: string
}

/**
 * Parses `arn:<partition>:signer:<region>:<account>:/signing-profiles/<name>[/<version>]`.
 * Returns a message instead of throwing so callers can name their input.
 */
export function parseSigningProfileArn(value: string): SigningProfileArn | string {
  if (value.includes('*')) return 'a wildcard is not allowed; name the signing profile ARN'
  const m = profileArn.exec(value)
  if (!m) {
    return 'expected arn:aws[-us-gov|-cn]:signer:<region>:<12-digit account>:/signing-profiles/<name>[/<version>]'
  }
  const arn: SigningProfileArn = { partition: m[1] as Partition, region: m[2] as string, account: m[3] as string, profile: m[4] as string }
  if (m[5] !== undefined) arn.version = m[5]
  return arn
}

/**
 * Whether a trusted signing profile ARN accepts a signature's profile-version ARN, as the plugin
 * does it: a profile ARN matches the version ARN minus its last segment, a profile-version ARN
 * must match exactly; both case-insensitively.
 */
export function profileMatches(trusted: string, signatureProfileVersion: string): boolean {
  const parsed = parseSigningProfileArn(trusted)
  if (typeof parsed === 'string') return false
  const signature = signatureProfileVersion.toLowerCase()
  if (parsed.version !== undefined) return trusted.toLowerCase() === signature
  const slash = signature.lastIndexOf('/')
  return slash !== -1 && signature.slice(0, slash) === trusted.toLowerCase()
}

/**
 * The plugin's certificate hashes: for each certificate, hex(SHA-384(tbs)) of it followed by that
 * of the next one toward the root; the root is paired with itself.
 */
export function certificateHashes(chain: CertInfo[]): string[] {
  const hashes = chain.map((c) => createHash('sha384').update(c.tbs).digest('hex'))
  return hashes.map((h, i) => h + (hashes[i + 1] ?? h))
}

/** Builds the GetRevocationStatus request the AWS Signer plugin would send for a signature. */
export function revocationRequest(input: {
  authenticSigningTime: Date
  profileVersionArn: string
  jobArn: string
  chain: CertInfo[]
}): RevocationRequest {
  return {
    signatureTimestamp: input.authenticSigningTime,
    platformId: NotationPlatformId,
    profileVersionArn: input.profileVersionArn,
    jobArn: input.jobArn,
    certificateHashes: certificateHashes(input.chain)
  }
}
