import { describe, expect, it } from 'vitest'
import { parseAttestationSettings, signerPattern, type AttestationInputs } from '../../../src/checks/attestation/index.js'
import { SettingError } from '../../../src/core/errors.js'

const on = (extra: AttestationInputs): AttestationInputs => ({ attestation: 'required', ...extra })

function settingOf(inputs: AttestationInputs): string {
  try {
    parseAttestationSettings(inputs)
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    return `${(error as SettingError).setting}: ${(error as Error).message}`
  }
  throw new Error('no error')
}

describe('attestation settings', () => {
  it('is off by default, and refuses attestation-* settings while off', () => {
    expect(parseAttestationSettings({})).toBeUndefined()
    expect(settingOf({ 'attestation-owner': 'octo-org' })).toMatch(
      /^attestation-owner: 'attestation-owner' is set but 'attestation' is off/
    )
  })

  it('takes the owner from the repository and applies the defaults', () => {
    expect(parseAttestationSettings(on({ 'attestation-repo': 'octo-org/app' }))).toEqual({
      owner: 'octo-org',
      repo: 'octo-org/app',
      oidcIssuer: 'https://token.actions.githubusercontent.com',
      denySelfHostedRunners: true,
      predicateType: 'https://slsa.dev/provenance/v1',
      source: { kind: 'api' },
      host: 'github.com',
      publicGoodTuf: { mirror: 'https://tuf-repo-cdn.sigstore.dev' },
      githubTuf: { mirror: 'https://tuf-repo.github.com' }
    })
  })

  it.each([
    [{ attestation: 'yes' }, /^attestation: Invalid 'attestation': expected off or required/],
    [on({}), /^attestation-owner: 'attestation: required' needs 'attestation-owner'/],
    [on({ 'attestation-owner': 'bad_owner!' }), /^attestation-owner: Invalid 'attestation-owner': expected a GitHub organisation/],
    [on({ 'attestation-repo': 'octo-org' }), /^attestation-repo: Invalid 'attestation-repo': expected a GitHub repository as owner\/name/],
    [
      on({ 'attestation-owner': 'a', 'attestation-repo': 'b/app' }),
      /^attestation-repo: 'attestation-repo' \(b\/app\) is not a repository of 'attestation-owner'/
    ],
    [
      on({ 'attestation-signer-workflow': 'o/r/.github/workflows/x.yml' }),
      /^attestation-signer-workflow: 'attestation-signer-workflow' needs 'attestation-owner' or 'attestation-repo'/
    ],
    [
      on({ 'attestation-owner': 'o', 'attestation-signer-workflow': 'o/r/release' }),
      /^attestation-signer-workflow: Invalid .*\.yml or \.yaml/
    ],
    [on({ 'attestation-owner': 'o', 'attestation-source-ref': 'main' }), /^attestation-source-ref: Invalid .*refs\/heads\/main/],
    [on({ 'attestation-owner': 'o', 'attestation-source-digest': 'abc' }), /^attestation-source-digest: Invalid .*commit SHA/],
    [on({ 'attestation-owner': 'o', 'attestation-oidc-issuer': 'http://issuer' }), /^attestation-oidc-issuer: Invalid .*https URL/],
    [on({ 'attestation-owner': 'o', 'attestation-source': 'bundle.txt' }), /^attestation-source: Invalid .*\.jsonl/],
    [
      on({ 'attestation-owner': 'o', 'attestation-deny-self-hosted-runners': 'maybe' }),
      /^attestation-deny-self-hosted-runners: Invalid .*true or false/
    ]
  ])('names the bad setting: %j', (inputs, expected) => {
    expect(settingOf(inputs)).toMatch(expected)
  })

  it('anchors the signer workflow at both ends, so a longer file name does not pass', () => {
    const settings = parseAttestationSettings(
      on({ 'attestation-owner': 'o', 'attestation-signer-workflow': 'o/r/.github/workflows/release.yml' })
    )!
    const pattern = signerPattern(settings)
    expect(pattern.test('https://github.com/o/r/.github/workflows/release.yml@refs/heads/main')).toBe(true)
    expect(pattern.test('https://github.com/o/r/.github/workflows/release.yml.evil.yml@refs/heads/main')).toBe(false)
    expect(pattern.test('https://github.com/o/r/.github/workflows/release.yml@refs/heads/main/../x')).toBe(true)
    expect(pattern.test('https://github.com/o/r/.github/workflows/release.yaml@refs/heads/main')).toBe(false)
    const pinned = signerPattern({ ...settings, signerWorkflow: 'o/r/.github/workflows/release.yml@refs/tags/v1' })
    expect(pinned.test('https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1')).toBe(true)
    expect(pinned.test('https://github.com/o/r/.github/workflows/release.yml@refs/tags/v10')).toBe(false)
  })

  it('uses the GHES host from GITHUB_SERVER_URL', () => {
    const settings = parseAttestationSettings(on({ 'attestation-repo': 'o/r' }), 'https://ghe.example.com')!
    expect(settings.host).toBe('ghe.example.com')
    expect(signerPattern(settings).test('https://ghe.example.com/o/r/.github/workflows/a.yml@refs/heads/main')).toBe(true)
    expect(signerPattern(settings).test('https://github.com/o/r/.github/workflows/a.yml@refs/heads/main')).toBe(false)
  })
})

describe('attestation off, as the runner passes the defaults', () => {
  it("accepts attestation-source's default 'api' and refuses another source", () => {
    expect(parseAttestationSettings({ 'attestation-source': 'api' })).toBeUndefined()
    expect(() => parseAttestationSettings({ 'attestation-source': 'registry' })).toThrow(
      /'attestation-source' is set but 'attestation' is off/
    )
  })
})
