/**
 * Real GitHub artifact attestations (from the GitHub CLI's test data, in the shared vectors) through
 * the check's own bundle judgement and the shared Sigstore verification: the public-good bundles
 * verify with their real artifacts, broken ones are refused with a reason, the reusable-workflow
 * case needs its signer repository, and the Enterprise case its custom issuer.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  judgeBundle,
  parseAttestationSettings,
  parseBundleFile,
  parseTrustedRoots,
  type AttestationInputs,
  type JudgedArtifact,
  type LoadedAttestation
} from '../../../src/checks/attestation/index.js'
import { sigstoreBundleVerifier } from '../../../src/checks/attestation/verify.js'
import { vectorsDir, vectorsPresent } from '../../shared-vectors.js'

const dir = join(vectorsDir, 'github-attestations')

describe.skipIf(!vectorsPresent(dir))('real GitHub attestations (cli/cli test data)', () => {
  const roots = parseTrustedRoots(readFileSync(join(dir, 'trusted_root.json'), 'utf8'), 'trusted_root.json')
  const loaded = (inputs: AttestationInputs): LoadedAttestation => ({
    settings: parseAttestationSettings({ attestation: 'required', ...inputs })!,
    roots
  })
  const bundles = (name: string): unknown[] => parseBundleFile(readFileSync(join(dir, name), 'utf8'), name)
  const artifact = (name: string, algorithm: 'sha256' | 'sha512'): JudgedArtifact => {
    const bytes = readFileSync(join(dir, name))
    return { digest: { algorithm, hex: createHash(algorithm).update(bytes).digest('hex') }, sigstore: { bytes } }
  }
  const judge = (bundle: unknown, a: JudgedArtifact, inputs: AttestationInputs) =>
    judgeBundle(bundle, a, loaded(inputs), sigstoreBundleVerifier)

  const npm = artifact('sigstore-js-2.1.0.tgz', 'sha512')

  it('verifies sigstore-js 2.1.0 provenance (v0.2 bundle, sha512 subject) and reads what built it', async () => {
    const verdict = await judge(bundles('sigstore-js-2.1.0-bundle.json')[0], npm, { 'attestation-repo': 'sigstore/sigstore-js' })
    expect(verdict).toMatchObject({
      provenance: {
        instance: 'public-good',
        repository: 'https://github.com/sigstore/sigstore-js',
        ref: 'refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
        predicateType: 'https://slsa.dev/provenance/v1',
        subjectName: 'pkg:npm/sigstore@2.1.0'
      }
    })
    expect('provenance' in verdict && verdict.provenance.workflow).toMatch(/\.github\/workflows\/release\.yml@refs\/heads\/main$/)
    expect('provenance' in verdict && verdict.provenance.attestedAt).toMatch(/^2023-08-29T/)
  })

  it('verifies both bundles of the JSON Lines file', async () => {
    const all = bundles('sigstore-js-2.1.0_with_2_bundles.jsonl')
    expect(all).toHaveLength(2)
    for (const b of all) expect(await judge(b, npm, { 'attestation-owner': 'sigstore' })).toHaveProperty('provenance')
  })

  it('refuses the v0.1 bundle, as gh does', async () => {
    expect(await judge(bundles('sigstore-js-2.1.0-bundle-v0.1.json')[0], npm, { 'attestation-owner': 'sigstore' })).toEqual({
      reason: 'it is a v0.1 bundle, which is not accepted (v0.2 or later, as gh requires)',
      kind: 'crypto'
    })
  })

  it('refuses a bundle whose signature was altered, and the invalid-signature bundle', async () => {
    const good = bundles('sigstore-js-2.1.0-bundle.json')[0] as { dsseEnvelope: { signatures: { sig: string }[] } }
    const tampered = structuredClone(good)
    const sig = Buffer.from(tampered.dsseEnvelope.signatures[0]!.sig, 'base64')
    sig.writeUInt8(sig.readUInt8(sig.length - 5) ^ 0xff, sig.length - 5)
    tampered.dsseEnvelope.signatures[0]!.sig = sig.toString('base64')
    expect(await judge(tampered, npm, { 'attestation-owner': 'sigstore' })).toMatchObject({
      kind: 'crypto',
      reason: expect.stringMatching(/^its signature did not verify: /)
    })
    expect(await judge(bundles('sigstoreBundle-invalid-signature.json')[0], npm, { 'attestation-owner': 'sigstore' })).toMatchObject({
      reason: expect.stringMatching(/not an in-toto statement/)
    })
  })

  it('refuses an attestation of another artifact', async () => {
    const other = artifact('custom-issuer-artifact', 'sha512')
    expect(await judge(bundles('sigstore-js-2.1.0-bundle.json')[0], other, { 'attestation-owner': 'sigstore' })).toMatchObject({
      kind: 'policy',
      reason: expect.stringMatching(/another artifact/)
    })
  })

  it('refuses the broken GitHub-instance bundles with a clear reason', async () => {
    const wheel = artifact('github_provenance_demo-0.0.12-py3-none-any.whl', 'sha256')
    const broken = async (name: string) => judge(bundles(name)[0], wheel, { 'attestation-owner': 'actions' })
    expect(await broken('github_provenance_demo-0.0.12-py3-none-any-bundle-missing-cert.jsonl')).toEqual({
      reason: 'it holds no DSSE envelope (an attestation is an in-toto statement in DSSE)',
      kind: 'crypto'
    })
    expect(await broken('github_provenance_demo-0.0.12-py3-none-any-bundle-missing-verification-material.jsonl')).toEqual({
      reason: 'it has no signing certificate (verification material missing)',
      kind: 'crypto'
    })
    // The intact one is signed by GitHub's own instance, whose trusted root is not in the vectors.
    expect(
      await judge(bundles('github_provenance_demo-0.0.12-py3-none-any-bundle.jsonl')[0], wheel, { 'attestation-owner': 'actions' })
    ).toMatchObject({
      kind: 'crypto',
      reason: expect.stringMatching(/GitHub's own Sigstore instance .*'attestation-trusted-root'/)
    })
  })

  it('needs the signer repository for the reusable-workflow attestation', async () => {
    const a = artifact('reusable-workflow-artifact', 'sha256')
    const b = bundles('reusable-workflow-attestation.sigstore.json')[0]
    expect(await judge(b, a, { 'attestation-repo': 'malancas/attest-demo' })).toMatchObject({
      kind: 'policy',
      reason: expect.stringMatching(/needs 'attestation-signer-repo'/)
    })
    expect(
      await judge(b, a, { 'attestation-repo': 'malancas/attest-demo', 'attestation-signer-repo': 'github/artifact-attestations-workflows' })
    ).toMatchObject({
      provenance: {
        repository: 'https://github.com/malancas/attest-demo',
        signer: expect.stringMatching(/^https:\/\/github\.com\/github\/artifact-attestations-workflows\//)
      }
    })
  })

  it('needs the Enterprise custom issuer for the custom-issuer attestation', async () => {
    const a = artifact('custom-issuer-artifact', 'sha256')
    const b = bundles('custom-issuer.sigstore.json')[0]
    expect(await judge(b, a, { 'attestation-owner': 'too-legit' })).toMatchObject({
      kind: 'policy',
      reason: expect.stringMatching(/hammer-time.*set 'attestation-oidc-issuer'/)
    })
    expect(
      await judge(b, a, {
        'attestation-owner': 'too-legit',
        'attestation-oidc-issuer': 'https://token.actions.githubusercontent.com/hammer-time'
      })
    ).toMatchObject({
      provenance: { issuer: 'https://token.actions.githubusercontent.com/hammer-time', runnerEnvironment: 'github-hosted' }
    })
  })
})
