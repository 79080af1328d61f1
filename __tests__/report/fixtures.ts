/** Shared fixtures for the report renderer tests: a two-platform verdict built with the real evaluate(). */
import { evaluate } from '../../src/policy/index.js'
import type { Finding, Policy, ImageVerdict, SignatureResult } from '../../src/core/types.js'
import { notationResult } from '../../src/checks/signature/notation/index.js'

export const INDEX = `sha256:${'0'.repeat(64)}`
export const AMD = `sha256:${'a'.repeat(64)}`
export const ARM = `sha256:${'b'.repeat(64)}`
export const URI = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team-a/web@${INDEX}`
export const NOW = new Date('2026-03-15T12:00:00Z')

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'CVE-2024-0001',
    severity: 'HIGH',
    title: 'heap overflow',
    fixAvailable: 'YES',
    packages: [{ name: 'openssl', version: '3.0.1', fixedInVersion: '3.0.2', packageManager: 'OS' }],
    digest: AMD,
    platform: 'linux/amd64',
    status: 'ACTIVE',
    ...over
  }
}

export function basePolicy(over: Partial<Policy> = {}): Policy {
  return { severityThreshold: 'HIGH', ignoreUnfixed: false, maxCounts: { critical: 0, high: 0, medium: 0, low: 0 }, allowlist: [], ...over }
}

/** Overrides of a verdict; `signature` becomes the Notation check's result. */
export type VerdictOverrides = Partial<ImageVerdict> & { signature?: SignatureResult }

/** A realistic verdict: the policy result comes from the real `evaluate`. */
export function makeVerdict(findings: Finding[], policy: Policy = basePolicy(), overrides: VerdictOverrides = {}): ImageVerdict {
  const { signature, ...over } = overrides
  const result = evaluate(findings, policy, NOW, 'team-a/web')
  return {
    decision: result.violations.length > 0 ? 'fail' : 'pass',
    reasons: result.violations.map((v) => `${v.count} ${v.severity} finding(s) exceed ${v.rule} ${v.limit}`),
    mode: 'enforce',
    image: {
      registryId: '123456789012',
      region: 'eu-west-1',
      repository: 'team-a/web',
      tag: 'v1.2.3',
      digest: INDEX,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 1234,
      uri: URI,
      platforms: [
        { digest: AMD, mediaType: 'application/vnd.oci.image.manifest.v1+json', os: 'linux', architecture: 'amd64' },
        { digest: ARM, mediaType: 'application/vnd.oci.image.manifest.v1+json', os: 'linux', architecture: 'arm64', variant: 'v8' }
      ]
    },
    scans: [
      { digest: AMD, platform: 'linux/amd64', scanType: 'ENHANCED', status: 'ACTIVE', polls: 2, done: true },
      {
        digest: ARM,
        platform: 'linux/arm64/v8',
        scanType: 'ENHANCED',
        status: 'ACTIVE',
        polls: 1,
        done: true,
        completedAt: '2026-03-15T11:00:00Z'
      }
    ],
    findings,
    policy: result,
    checks: [
      notationResult(
        signature ?? {
          status: 'verified',
          signer: 'CN=AWS Signer, O=Amazon',
          signingProfile: 'arn:aws:signer:eu-west-1:123456789012:/signing-profiles/prod/abc',
          signedAt: '2026-03-14T10:00:00Z',
          envelope: 'application/jose+json',
          level: 'strict'
        }
      )
    ],
    evaluatedAt: NOW.toISOString(),
    ...over
  }
}
