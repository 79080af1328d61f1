import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  claimsProblem,
  githubClaims,
  leafCertificate,
  parseAttestationSettings,
  statementProblem
} from '../../../src/checks/attestation/index.js'
import { vectorsDir, vectorsPresent } from '../../shared-vectors.js'

const dir = join(vectorsDir, 'github-attestations')

function bundle(name: string): Record<string, unknown> {
  const text = readFileSync(join(dir, name), 'utf8')
  return JSON.parse(name.endsWith('.jsonl') ? (text.split('\n')[0] ?? '') : text) as Record<string, unknown>
}

describe.skipIf(!vectorsPresent(dir))('GitHub claims of real attestation certificates', () => {
  it('reads the custom-issuer certificate and explains the Enterprise issuer', () => {
    const claims = githubClaims(leafCertificate(bundle('custom-issuer.sigstore.json'))!)
    expect(claims).toMatchObject({
      issuer: 'https://token.actions.githubusercontent.com/hammer-time',
      sourceRepositoryOwnerURI: 'https://github.com/too-legit',
      sourceRepositoryURI: 'https://github.com/too-legit/attest',
      sourceRepositoryRef: 'refs/heads/main',
      runnerEnvironment: 'github-hosted',
      issuerOrganization: 'sigstore.dev'
    })
    const settings = parseAttestationSettings({ attestation: 'required', 'attestation-repo': 'too-legit/attest' })!
    expect(claimsProblem(claims, settings)).toMatch(
      /not https:\/\/token\.actions\.githubusercontent\.com \(a GitHub Enterprise tenant's issuer: set 'attestation-oidc-issuer'/
    )
    expect(claimsProblem(claims, { ...settings, oidcIssuer: 'https://token.actions.githubusercontent.com/hammer-time' })).toBeUndefined()
  })

  it('needs the signer repository for the reusable-workflow attestation', () => {
    const claims = githubClaims(leafCertificate(bundle('reusable-workflow-attestation.sigstore.json'))!)
    const settings = parseAttestationSettings({ attestation: 'required', 'attestation-repo': 'malancas/attest-demo' })!
    expect(claimsProblem(claims, settings)).toMatch(
      /signed by https:\/\/github\.com\/github\/artifact-attestations-workflows\/.*needs 'attestation-signer-repo'/
    )
    expect(claimsProblem(claims, { ...settings, signerRepo: 'github/artifact-attestations-workflows' })).toBeUndefined()
    expect(claimsProblem(claims, { ...settings, signerRepo: 'github/other' })).toMatch(/'attestation-signer-repo' \(github\/other\)/)
  })

  it('refuses the wrong owner, repository, ref and commit with the setting named', () => {
    const claims = githubClaims(leafCertificate(bundle('sigstore-js-2.1.0-bundle.json'))!)
    const base = parseAttestationSettings({ attestation: 'required', 'attestation-repo': 'sigstore/sigstore-js' })!
    expect(claimsProblem(claims, base)).toBeUndefined()
    expect(claimsProblem(claims, { ...base, owner: 'other', repo: 'other/sigstore-js' })).toMatch(
      /owner https:\/\/github\.com\/sigstore, not https:\/\/github\.com\/other/
    )
    expect(claimsProblem(claims, { ...base, repo: 'sigstore/cosign' })).toMatch(/'attestation-repo'/)
    expect(claimsProblem(claims, { ...base, sourceRef: 'refs/heads/dev' })).toMatch(/ref refs\/heads\/main, not refs\/heads\/dev/)
    expect(claimsProblem(claims, { ...base, sourceDigest: '0'.repeat(40) })).toMatch(/'attestation-source-digest'/)
  })

  it('checks the statement: subject digest and predicate type', () => {
    const b = bundle('custom-issuer.sigstore.json') as { dsseEnvelope: { payload: string; payloadType: string } }
    const payload = Buffer.from(b.dsseEnvelope.payload, 'base64')
    const hex = createHash('sha256')
      .update(readFileSync(join(dir, 'custom-issuer-artifact')))
      .digest('hex')
    expect(
      statementProblem(b.dsseEnvelope.payloadType, payload, { algorithm: 'sha256', hex }, 'https://slsa.dev/provenance/v1')
    ).toMatchObject({
      facts: { predicateType: 'https://slsa.dev/provenance/v1' }
    })
    expect(
      statementProblem(b.dsseEnvelope.payloadType, payload, { algorithm: 'sha256', hex: '0'.repeat(64) }, 'https://slsa.dev/provenance/v1')
    ).toMatchObject({
      problem: expect.stringMatching(/this attestation is for another artifact/)
    })
    expect(
      statementProblem(b.dsseEnvelope.payloadType, payload, { algorithm: 'sha256', hex }, 'https://spdx.dev/Document/v2.3')
    ).toMatchObject({
      problem: expect.stringMatching(/'attestation-predicate-type'/)
    })
  })
})
