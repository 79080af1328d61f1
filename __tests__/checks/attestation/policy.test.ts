import { describe, expect, it } from 'vitest'
import {
  claimsProblem,
  IN_TOTO_PAYLOAD_TYPE,
  signerPattern,
  statementProblem,
  type GitHubClaims
} from '../../../src/checks/attestation/index.js'
import type { AttestationSettings } from '../../../src/checks/attestation/settings.js'

const ISSUER = 'https://token.actions.githubusercontent.com'
const SHA = 'a'.repeat(40)

function settings(over: Partial<AttestationSettings> = {}): AttestationSettings {
  return {
    owner: 'acme',
    oidcIssuer: ISSUER,
    denySelfHostedRunners: false,
    predicateType: 'https://slsa.dev/provenance/v1',
    source: { kind: 'api' },
    host: 'github.com',
    ...over
  }
}

/** Claims of a certificate that satisfies `settings({ repo: 'acme/app' })` with every pin set below. */
function claims(over: { [K in keyof GitHubClaims]?: GitHubClaims[K] | undefined } = {}): GitHubClaims {
  const all: Record<string, unknown> = {
    san: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
    issuer: ISSUER,
    sourceRepositoryOwnerURI: 'https://github.com/acme',
    sourceRepositoryURI: 'https://github.com/acme/app',
    sourceRepositoryRef: 'refs/heads/main',
    sourceRepositoryDigest: SHA,
    buildSignerDigest: SHA,
    runnerEnvironment: 'github-hosted',
    ...over
  }
  // A claim set to undefined is one the certificate does not carry.
  for (const [key, value] of Object.entries(all)) if (value === undefined) delete all[key]
  return all as GitHubClaims
}

describe('signerPattern', () => {
  it('pins a signer workflow exactly, with any full ref or commit, and never a longer file name', () => {
    const p = signerPattern(settings({ signerWorkflow: 'acme/build/.github/workflows/release.yml' }))
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/heads/main')).toBe(true)
    expect(p.test(`https://github.com/acme/build/.github/workflows/release.yml@${SHA}`)).toBe(true)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml.evil.yml@refs/heads/main')).toBe(false)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@main')).toBe(false)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/heads/main x')).toBe(false)
    expect(p.test('x https://github.com/acme/build/.github/workflows/release.yml@refs/heads/main')).toBe(false)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml')).toBe(false)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/')).toBe(false)
    expect(p.test(`https://github.com/acme/build/.github/workflows/release.yml@${'a'.repeat(39)}`)).toBe(false)
    expect(p.test(`https://github.com/acme/build/.github/workflows/release.yml@${'a'.repeat(65)}`)).toBe(false)
    // The dot is literal, not any character.
    expect(p.test('https://github.com/acme/build/.github/workflows/releaseXyml@refs/heads/main')).toBe(false)
    // Case matters in a workflow pin.
    expect(p.test('https://github.com/ACME/build/.github/workflows/release.yml@refs/heads/main')).toBe(false)
  })

  it('pins a signer workflow with a ref to exactly that ref', () => {
    const p = signerPattern(settings({ signerWorkflow: 'acme/build/.github/workflows/release.yml@refs/tags/v1' }))
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/tags/v1')).toBe(true)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/tags/v10')).toBe(false)
    expect(p.test('https://github.com/acme/build/.github/workflows/release.yml@refs/heads/main')).toBe(false)
    expect(p.test('xhttps://github.com/acme/build/.github/workflows/release.yml@refs/tags/v1')).toBe(false)
  })

  it('accepts any workflow of the signer repository, then of the repository, then of the owner, anchored at the start', () => {
    const signerRepo = signerPattern(settings({ repo: 'acme/app', signerRepo: 'acme/build' }))
    expect(signerRepo.test('https://github.com/acme/build/.github/workflows/x.yml@refs/heads/main')).toBe(true)
    expect(signerRepo.test('https://github.com/ACME/Build/.github/workflows/x.yml@refs/heads/main')).toBe(true)
    expect(signerRepo.test('https://github.com/acme/app/.github/workflows/x.yml@refs/heads/main')).toBe(false)
    expect(signerRepo.test('https://github.com/acme/build-evil/.github/workflows/x.yml@refs/heads/main')).toBe(false)
    expect(signerRepo.test('https://evil.example/https://github.com/acme/build/x')).toBe(false)

    const repo = signerPattern(settings({ repo: 'acme/app' }))
    expect(repo.test('https://github.com/Acme/App/.github/workflows/x.yml@refs/heads/main')).toBe(true)
    expect(repo.test('https://github.com/acme/app-evil/.github/workflows/x.yml')).toBe(false)
    expect(repo.test('https://github.com/acme/other/.github/workflows/x.yml')).toBe(false)
    expect(repo.test('x https://github.com/acme/app/.github/workflows/x.yml')).toBe(false)

    const owner = signerPattern(settings())
    expect(owner.test('https://github.com/ACME/any/.github/workflows/x.yml')).toBe(true)
    expect(owner.test('https://github.com/acme-evil/any/.github/workflows/x.yml')).toBe(false)
    expect(owner.test('x https://github.com/acme/any/.github/workflows/x.yml')).toBe(false)
    expect(signerPattern(settings({ host: 'ghe.example.com' })).test('https://github.com/acme/any/x')).toBe(false)
    expect(signerPattern(settings({ host: 'ghe.example.com' })).test('https://ghe.example.com/acme/any/x')).toBe(true)
  })
})

describe('claimsProblem', () => {
  const all = settings({
    repo: 'acme/app',
    sourceRef: 'refs/heads/main',
    sourceDigest: SHA,
    signerDigest: SHA,
    denySelfHostedRunners: true
  })

  it('passes claims that satisfy every setting, comparing without case', () => {
    expect(claimsProblem(claims(), all)).toBeUndefined()
    expect(
      claimsProblem(
        claims({
          issuer: ISSUER.toUpperCase(),
          sourceRepositoryOwnerURI: 'https://github.com/ACME',
          sourceRepositoryURI: 'https://github.com/ACME/APP',
          sourceRepositoryDigest: SHA.toUpperCase(),
          buildSignerDigest: SHA.toUpperCase()
        }),
        all
      )
    ).toBeUndefined()
  })

  it('refuses another issuer, and hints only for an Enterprise tenant of the expected one', () => {
    expect(claimsProblem(claims({ issuer: 'https://evil.example' }), all)).toBe(`the OIDC issuer is https://evil.example, not ${ISSUER}`)
    expect(claimsProblem(claims({ issuer: undefined }), all)).toBe(`the OIDC issuer is (none), not ${ISSUER}`)
    expect(claimsProblem(claims({ issuer: `${ISSUER.toUpperCase()}/tenant` }), all)).toBe(
      `the OIDC issuer is ${ISSUER.toUpperCase()}/tenant, not ${ISSUER} (a GitHub Enterprise tenant's issuer: set 'attestation-oidc-issuer' to ${ISSUER.toUpperCase()}/tenant if you trust it)`
    )
    // A longer host name is not a tenant path.
    expect(claimsProblem(claims({ issuer: `${ISSUER}.evil` }), all)).toBe(`the OIDC issuer is ${ISSUER}.evil, not ${ISSUER}`)
  })

  it('refuses another owner, repository, ref, commit, signer commit or a self-hosted runner, naming the setting', () => {
    expect(claimsProblem(claims({ sourceRepositoryOwnerURI: 'https://github.com/evil' }), all)).toBe(
      "it was built by the owner https://github.com/evil, not https://github.com/acme ('attestation-owner')"
    )
    expect(claimsProblem(claims({ sourceRepositoryOwnerURI: undefined }), all)).toBe(
      "it was built by the owner (none), not https://github.com/acme ('attestation-owner')"
    )
    expect(claimsProblem(claims({ sourceRepositoryURI: 'https://github.com/acme/other' }), all)).toBe(
      "it was built from https://github.com/acme/other, not https://github.com/acme/app ('attestation-repo')"
    )
    expect(claimsProblem(claims({ sourceRepositoryURI: undefined }), all)).toBe(
      "it was built from (no repository), not https://github.com/acme/app ('attestation-repo')"
    )
    // Without a repository setting, the owner's other repositories pass.
    expect(
      claimsProblem(
        claims({
          sourceRepositoryURI: 'https://github.com/acme/other',
          san: 'https://github.com/acme/other/.github/workflows/r.yml@refs/heads/main'
        }),
        settings()
      )
    ).toBeUndefined()
    expect(claimsProblem(claims({ sourceRepositoryRef: 'refs/heads/dev' }), all)).toBe(
      "it was built from the ref refs/heads/dev, not refs/heads/main ('attestation-source-ref')"
    )
    expect(claimsProblem(claims({ sourceRepositoryRef: undefined }), all)).toBe(
      "it was built from the ref (none), not refs/heads/main ('attestation-source-ref')"
    )
    expect(claimsProblem(claims({ sourceRepositoryDigest: 'b'.repeat(40) }), all)).toBe(
      `it was built from the commit ${'b'.repeat(40)}, not ${SHA} ('attestation-source-digest')`
    )
    expect(claimsProblem(claims({ sourceRepositoryDigest: undefined }), all)).toBe(
      `it was built from the commit (none), not ${SHA} ('attestation-source-digest')`
    )
    expect(claimsProblem(claims({ buildSignerDigest: 'b'.repeat(40) }), all)).toBe(
      `the signing workflow was at the commit ${'b'.repeat(40)}, not ${SHA} ('attestation-signer-digest')`
    )
    expect(claimsProblem(claims({ buildSignerDigest: undefined }), all)).toBe(
      `the signing workflow was at the commit (none), not ${SHA} ('attestation-signer-digest')`
    )
    expect(claimsProblem(claims({ runnerEnvironment: 'self-hosted' }), all)).toBe(
      "it was built on a self-hosted runner, and self-hosted runners are denied ('attestation-deny-self-hosted-runners')"
    )
    expect(claimsProblem(claims({ runnerEnvironment: undefined }), all)).toBe(
      "it was built on a unknown runner, and self-hosted runners are denied ('attestation-deny-self-hosted-runners')"
    )
    // Self-hosted runners pass unless denied; unset pins are not compared.
    expect(claimsProblem(claims({ runnerEnvironment: 'self-hosted' }), settings({ repo: 'acme/app' }))).toBeUndefined()
    expect(
      claimsProblem(
        claims({ sourceRepositoryRef: undefined, sourceRepositoryDigest: undefined, buildSignerDigest: undefined }),
        settings({ repo: 'acme/app' })
      )
    ).toBeUndefined()
  })

  it('refuses a signer outside the pattern, saying which setting it had to match', () => {
    const evil = 'https://github.com/evil/x/.github/workflows/r.yml@refs/heads/main'
    expect(claimsProblem(claims({ san: evil }), all)).toBe(
      `it was signed by ${evil}, which is not a workflow of acme/app (a reusable workflow of another repository needs 'attestation-signer-repo' or 'attestation-signer-workflow')`
    )
    expect(claimsProblem(claims({ san: evil }), settings())).toBe(
      `it was signed by ${evil}, which is not a workflow of acme (a reusable workflow of another repository needs 'attestation-signer-repo' or 'attestation-signer-workflow')`
    )
    expect(claimsProblem(claims({ san: undefined }), all)).toMatch(
      /^it was signed by \(no identity\), which is not a workflow of acme\/app/
    )
    expect(claimsProblem(claims({ san: evil }), { ...all, signerRepo: 'acme/build' })).toBe(
      `it was signed by ${evil}, which is not 'attestation-signer-repo' (acme/build)`
    )
    const wf = 'acme/build/.github/workflows/release.yml'
    expect(claimsProblem(claims({ san: evil }), { ...all, signerWorkflow: wf, signerRepo: 'acme/build' })).toBe(
      `it was signed by ${evil}, which is not 'attestation-signer-workflow' (${wf})`
    )
  })
})

describe('statementProblem', () => {
  const hex = 'c'.repeat(64)
  const artifact = { algorithm: 'sha256', hex }
  const predicateType = 'https://slsa.dev/provenance/v1'
  const statement = (over: Record<string, unknown> = {}): Uint8Array =>
    Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'app', digest: { sha256: hex } }],
        predicateType,
        predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } },
        ...over
      })
    )

  it('returns the facts of a matching statement', () => {
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, statement(), artifact, predicateType)).toEqual({
      facts: { predicateType, subjectName: 'app', buildType: 'https://actions.github.io/buildtypes/workflow/v1' }
    })
    // v0.1 statements, an upper-case digest on either side, and a later subject all match.
    const v01 = statement({
      _type: 'https://in-toto.io/Statement/v0.1',
      subject: [{ name: 'other', digest: { sha256: 'd'.repeat(64) } }, { digest: { sha256: hex.toUpperCase() } }],
      predicate: {}
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, v01, { algorithm: 'sha256', hex: hex.toUpperCase() }, predicateType)).toEqual({
      facts: { predicateType }
    })
  })

  it('clips the reported subject name and build type to 500 characters', () => {
    const long = 'n'.repeat(600)
    const result = statementProblem(
      IN_TOTO_PAYLOAD_TYPE,
      statement({ subject: [{ name: long, digest: { sha256: hex } }], predicate: { buildDefinition: { buildType: long } } }),
      artifact,
      predicateType
    )
    expect(result).toEqual({ facts: { predicateType, subjectName: 'n'.repeat(500), buildType: 'n'.repeat(500) } })
  })

  it('refuses another payload type, a statement over the bound, non-JSON, a non-object, another statement or predicate type', () => {
    expect(statementProblem('text/plain', statement(), artifact, predicateType)).toEqual({
      problem: 'the payload is text/plain, not an in-toto statement'
    })
    expect(statementProblem('', statement(), artifact, predicateType)).toEqual({
      problem: 'the payload is (no type), not an in-toto statement'
    })
    const big = new Uint8Array(4 * 1024 * 1024 + 1)
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, big, artifact, predicateType)).toEqual({
      problem: `the statement is ${big.length} bytes, over the 4194304-byte limit`
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, Buffer.from('{'), artifact, predicateType)).toEqual({
      problem: 'the statement is not JSON'
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, Buffer.from('null'), artifact, predicateType)).toEqual({
      problem: 'the statement is not a JSON object'
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, Buffer.from('"x"'), artifact, predicateType)).toEqual({
      problem: 'the statement is not a JSON object'
    })
    expect(
      statementProblem(IN_TOTO_PAYLOAD_TYPE, statement({ _type: 'https://in-toto.io/Statement/v2' }), artifact, predicateType)
    ).toEqual({
      problem: 'the statement type is https://in-toto.io/Statement/v2, not an in-toto statement'
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, statement({ _type: 1 }), artifact, predicateType)).toEqual({
      problem: 'the statement type is 1, not an in-toto statement'
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, statement({ predicateType: 'https://other' }), artifact, predicateType)).toEqual({
      problem: `the predicate type is https://other, not ${predicateType} ('attestation-predicate-type')`
    })
  })

  it('refuses a statement that attests another artifact, showing at most three subjects', () => {
    const other = (c: string): unknown => ({ digest: { sha256: c.repeat(64) } })
    const result = statementProblem(
      IN_TOTO_PAYLOAD_TYPE,
      statement({ subject: [other('1'), { digest: { sha512: hex } }, null, other('4')] }),
      artifact,
      predicateType
    )
    expect(result).toEqual({
      problem: `no subject is sha256:${'c'.repeat(12)}… (it attests sha256:${'1'.repeat(12)}…, (no such digest), (no such digest)): this attestation is for another artifact`
    })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, statement({ subject: 'x' }), artifact, predicateType)).toEqual({
      problem: `no subject is sha256:${'c'.repeat(12)}… (it attests no subject): this attestation is for another artifact`
    })
    // A digest under another algorithm name does not count, nor a non-string value.
    expect(
      statementProblem(IN_TOTO_PAYLOAD_TYPE, statement({ subject: [{ digest: { sha256: 1 } }] }), artifact, predicateType)
    ).toMatchObject({ problem: expect.stringMatching(/^no subject is/) as unknown })
  })
})
