/**
 * Bad inputs: every action.yml input with empty, whitespace, wrong-case, negative, huge, unknown-enum
 * and malformed values; missing, unreadable and malformed allowlist / trust policy / trust store files.
 * Unit level through readSettings, loadAllowlist and loadTrustConfig, then end to end through the
 * bundled dist/index.js (input errors stop before any AWS call, so no emulator is needed).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { Inputs } from '../../src/action/names.js'
import { SettingError } from '../../src/core/errors.js'
import { readSettings } from '../../src/action/inputs.js'
import { planRun } from '../../src/action/plan.js'
import { loadAllowlist } from '../../src/config/index.js'
import { loadTrustConfig } from '../../src/checks/signature/notation/index.js'
import { distEntry, repoRoot, runAction } from '../../emulator/run-action.mjs'

const MB = 'x'.repeat(1024 * 1024)
const BASE: Record<string, string> = { repository: 'app', tag: 'v1', region: 'us-east-1' }
const ENV = { RUNNER_TEMP: tmpdir() }

function settingsWith(values: Record<string, string>, base: Record<string, string> = BASE) {
  const all = { ...base, ...values }
  return readSettings((name) => all[name] ?? '', ENV)
}

function inputError(fn: () => unknown): SettingError {
  try {
    fn()
  } catch (error) {
    if (error instanceof SettingError) return error
    throw new Error(`expected SettingError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected SettingError, nothing was thrown')
}

async function inputErrorAsync(fn: () => Promise<unknown>): Promise<SettingError> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof SettingError) return error
    throw new Error(`expected SettingError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected SettingError, nothing was thrown')
}

/** Values every input must refuse, with the input the error must name (usually the input itself). */
const REFUSED: Record<string, string[]> = {
  [Inputs.Repository]: ['App', 'a', '../etc/passwd', 'my repo', 'app//x', MB],
  [Inputs.Tag]: ['-v1', '.hidden', 'v1 beta', 'v1:latest', 'ü', MB],
  [Inputs.Digest]: [`sha256:${'A'.repeat(64)}`, `sha512:${'a'.repeat(128)}`, 'sha256:xyz', `SHA256:${'a'.repeat(64)}`, MB],
  [Inputs.RegistryId]: ['12345', '-123456789012', 'abcdefghijkl', '1234567890123', MB],
  [Inputs.Region]: ['US-EAST-1', 'mars', 'us_east_1', 'us-east-1; rm -rf /', MB],
  [Inputs.SeverityThreshold]: ['SEVERE', 'hi', 'UNTRIAGED', '-1', MB],
  [Inputs.IgnoreUnfixed]: ['yes', 'TrUe', '1', 'on', MB],
  [Inputs.ExploitableOnly]: ['no', 'FaLsE', '0', MB],
  [Inputs.StartScan]: ['y', 'enabled', MB],
  [Inputs.Summary]: ['off', 'tRUE', MB],
  [Inputs.MaxCritical]: ['-1', '1.5', '1e3', '1000001', 'ten', ' 0x10', MB],
  [Inputs.MaxHigh]: ['-0', '+1', 'Infinity', MB],
  [Inputs.MaxMedium]: ['NaN', '99999999999999999999', MB],
  [Inputs.MaxLow]: ['-5', '5 findings', MB],
  [Inputs.MinEpss]: ['-0.1', '1.5', 'NaN', 'Infinity', '1e-1', '0,5', MB],
  [Inputs.ScanTimeout]: ['0', '-5', '86401', '10s', '1.5', MB],
  [Inputs.Timeout]: ['0', '-5', '86521', '2m', '1.5', MB],
  [Inputs.ScanType]: ['inspector', 'both', 'enhanced basic', MB],
  [Inputs.Mode]: ['warn', 'dry-run', 'enforcing', MB],
  [Inputs.PostureAllowedAccounts]: ['12345', 'abcdefghijkl', '123456789012, 1234', MB],
  [Inputs.PostureAllowedOrg]: ['org-1', 'o-ABCDEFGHIJ', 'o-short', MB],
  [Inputs.PostureAllowedUpstreams]: ['https://ghcr.io', 'ghcr.io/org', 'a b', MB],
  [Inputs.LifecycleHorizonDays]: ['0', '-1', '1.5', '3651', 'thirty', MB],
  [Inputs.PostureAllowedKmsKeys]: ['alias/aws/ecr', '1234abcd-12ab-34cd', 'arn:aws:kms:us-east-1:123456789012:alias/x', MB],
  [Inputs.Posture]: [
    'on',
    'tag-immutability',
    'tag-immutability=error',
    'no-such-rule=fail',
    'off,tag-immutability=fail',
    'tag-immutability=fail;x',
    MB
  ],
  [Inputs.FailFast]: ['yes', 'no', '1', 'fast', 'tRuE', MB],
  [Inputs.AllowlistWarnDays]: ['-1', '3651', 'two weeks', '1.5', MB],
  [Inputs.Images]: ['docker.io/library/nginx:latest', '# only a comment', `123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1`, MB],
  // cosign and Sigstore signatures (a PEM key path is read later, by loadRequest; see __tests__/e2e/cosign.e2e.test.ts)
  [Inputs.CosignKey]: ['awskms:///not-a-key', 'awskms://', 'awskms://localhost:4566/alias/x', 'gcpkms://projects/p/keys/k'],
  [Inputs.CosignCertificateIdentity]: ['https://github.com/acme/app', MB],
  [Inputs.CosignCertificateIdentityRegexp]: ['(', '[a-', MB],
  [Inputs.CosignCertificateOidcIssuer]: ['https://token.actions.githubusercontent.com', MB],
  [Inputs.CosignCertificateOidcIssuerRegexp]: ['(', MB],
  [Inputs.SigstoreTrustedRoot]: ['trusted_root.json', MB],
  // A TUF mirror: https (http only for loopback), no credentials, query or fragment; or off.
  [Inputs.SigstoreTufMirror]: [
    'http://tuf.example.com',
    'ftp://tuf.example.com',
    'https://u:p@tuf.example.com',
    'https://tuf.example.com/?a=1',
    'mirror',
    MB
  ],
  [Inputs.CosignIgnoreTlog]: ['yes', 'true', MB],
  [Inputs.SignaturesRequired]: ['both', 'none', 'all of them', MB],
  // Build provenance: the policy inputs are refused while 'attestation' is off (they would do nothing).
  [Inputs.Attestation]: ['on', 'yes', 'audit', MB],
  [Inputs.AttestationOwner]: ['octo-org'],
  [Inputs.AttestationRepo]: ['octo-org/app'],
  [Inputs.AttestationSignerWorkflow]: ['octo-org/app/.github/workflows/release.yml'],
  [Inputs.AttestationSignerRepo]: ['octo-org/ci'],
  [Inputs.AttestationSourceRef]: ['refs/heads/main'],
  [Inputs.AttestationSourceDigest]: ['a'.repeat(40)],
  [Inputs.AttestationSignerDigest]: ['a'.repeat(40)],
  [Inputs.AttestationSource]: ['registry'],
  [Inputs.AttestationTrustedRoot]: ['root.json'],
  [Inputs.AttestationTufMirror]: ['https://tuf-repo.github.com'],
  [Inputs.AttestationTufRoot]: ['root.json'],
  [Inputs.AttestationOidcIssuer]: ['http://token.actions.githubusercontent.com', 'issuer', 'https://a b', MB],
  [Inputs.AttestationDenySelfHostedRunners]: ['yes', 'no', MB],
  [Inputs.AttestationPredicateType]: ['slsa', 'https://a b', MB]
}

/** Inputs that accept any spelling of their values. */
const WRONG_CASE_ACCEPTED: [string, string, (s: ReturnType<typeof settingsWith>) => unknown, unknown][] = [
  [Inputs.SeverityThreshold, 'high', (s) => s.severityThreshold, 'HIGH'],
  [Inputs.SeverityThreshold, 'Critical', (s) => s.severityThreshold, 'CRITICAL'],
  [Inputs.ScanType, 'ENHANCED', (s) => s.scanType, 'enhanced'],
  [Inputs.Mode, 'Audit', (s) => s.mode, 'audit'],
  [Inputs.IgnoreUnfixed, 'True', (s) => s.ignoreUnfixed, true],
  [Inputs.Summary, 'FALSE', (s) => s.summary, false],
  [Inputs.FailFast, 'False', (s) => s.failFast, false]
]

describe('readSettings refuses bad values of every input', () => {
  const cases = Object.entries(REFUSED).flatMap(([input, values]) => values.map((value) => [input, value] as const))

  it(`${cases.length} bad values: SettingError naming the input, one bounded line`, () => {
    for (const [input, value] of cases) {
      const label = `${input}=${JSON.stringify(value.slice(0, 40))}`
      const error = inputError(() => settingsWith({ [input]: value }))
      expect(error.setting, label).toBe(input)
      expect(error.message, label).toContain(`'${input}'`)
      // What is allowed is said ("expected …" or "required"), the bad value is clipped, never echoed whole.
      expect(error.message, label).toMatch(/expected|required/)
      expect(error.message.length, label).toBeLessThan(400)
      expect(error.message, label).not.toMatch(/[\r\n]/)
    }
  })

  it('every action.yml input is covered by this table or by the file/ARN tests below', () => {
    const action = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
    const fileInputs = [
      Inputs.Allowlist,
      Inputs.TrustPolicy,
      Inputs.TrustStore,
      Inputs.SigningProfileArns,
      Inputs.ReportFile,
      Inputs.SarifFile,
      Inputs.Image,
      // A token: any text is a token; an empty one fails at the first API call (github-attestations tests).
      Inputs.GithubToken,
      // A TUF root file: read (and checked to be TUF root metadata) by loadRequest; see __tests__/checks/sigstore/tuf.test.ts.
      Inputs.SigstoreTufRoot,
      // The policy file: its bad files are below and in __tests__/config/policy-file.test.ts.
      Inputs.Policy
    ]
    for (const name of Object.keys(action.inputs)) {
      expect(Object.keys(REFUSED).includes(name) || fileInputs.includes(name as (typeof fileInputs)[number]), name).toBe(true)
    }
  })

  it.each(WRONG_CASE_ACCEPTED)('accepts %s=%s (case-insensitive) as its canonical value', (input, value, pick, expected) => {
    expect(pick(settingsWith({ [input]: value }))).toEqual(expected)
  })

  it('treats empty and whitespace-only optional inputs exactly like unset ones', () => {
    const defaults = settingsWith({})
    const optional = Object.values(Inputs).filter((n) => !(n in BASE))
    for (const blank of ['', '   ', ' \n\t ']) {
      const values = Object.fromEntries(optional.map((n) => [n, blank]))
      expect(settingsWith(values), JSON.stringify(blank)).toEqual(defaults)
    }
  })

  it.each([
    ['', Inputs.Repository],
    ['  \n ', Inputs.Repository]
  ])('a blank required repository (%j) names %s', (value, input) => {
    const error = inputError(() => settingsWith({ repository: value }))
    expect(error.setting).toBe(input)
    expect(error.message).toContain('required')
  })

  it('a missing tag and digest names tag, and a region missing everywhere names region', () => {
    expect(inputError(() => settingsWith({ tag: ' ' })).setting).toBe(Inputs.Tag)
    const noRegion = inputError(() => readSettings((n) => ({ repository: 'app', tag: 'v1' })[n] ?? '', {}))
    expect(noRegion.setting).toBe(Inputs.Region)
  })

  it.each([
    'app:v1',
    'docker.io/library/nginx:latest',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/app',
    '123456789012.dkr.ecr.cn-north-1.amazonaws.com/app:v1',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example/app:v1',
    `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'A'.repeat(64)}`,
    MB
  ])('refuses the image reference %#', (image) => {
    const error = inputError(() => settingsWith({ image }, { region: '' }))
    expect(error.setting).toBe(Inputs.Image)
    expect(error.message).toContain('expected')
    expect(error.message.length).toBeLessThan(400)
  })

  it('refuses image combined with repository, and a trust store without a policy or ARNs', () => {
    expect(inputError(() => settingsWith({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1' })).setting).toBe(Inputs.Image)
    expect(inputError(() => settingsWith({ [Inputs.TrustStore]: '/some/dir' })).setting).toBe(Inputs.TrustStore)
  })
})

describe('file inputs: missing, unreadable, malformed', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'))
    mkdirSync(join(dir, 'a-directory'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const file = (name: string, content: string | Uint8Array): string => {
    const path = join(dir, name)
    writeFileSync(path, content)
    return path
  }

  const allowlists: [string, () => string][] = [
    ['missing', () => join(dir, 'nope.yml')],
    ['a directory', () => join(dir, 'a-directory')],
    ['malformed YAML', () => file('bad.yml', 'vulnerabilities: [ {id: CVE-1\n')],
    ['JSON with the wrong shape', () => file('bad.json', '{"vulnerabilities": {"id": "CVE-2024-1"}}')],
    ['a top-level list', () => file('list.yml', '- CVE-2024-0001\n')],
    ['an entry without reason and expiry', () => file('noreason.yml', 'vulnerabilities:\n  - id: CVE-2024-0001\n')],
    ['an unknown key', () => file('unknown.yml', 'vulnerabilities: []\nignore_all: true\n')],
    ['an impossible date', () => file('date.yml', 'vulnerabilities:\n  - id: CVE-2024-0001\n    reason: r\n    expires: 2025-02-30\n')],
    ['duplicate keys', () => file('dup.yml', 'vulnerabilities: []\nvulnerabilities: []\n')],
    ['invalid UTF-8', () => file('latin1.yml', new Uint8Array([0x76, 0x3a, 0x20, 0xff, 0xfe, 0x0a]))],
    ['over 1 MiB', () => file('huge.yml', `# ${MB}\nvulnerabilities: []\n`)],
    [
      'an alias bomb',
      () =>
        file(
          'bomb.yml',
          `a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nvulnerabilities: *d\n`
        )
    ]
  ]

  it.each(allowlists)('allowlist %s → SettingError(allowlist)', async (_what, make) => {
    const error = await inputErrorAsync(() => loadAllowlist(make()))
    expect(error.setting).toBe(Inputs.Allowlist)
    expect(error.message.length).toBeGreaterThan(10)
  })

  it('an allowlist that cannot be opened → SettingError(allowlist) with the reason', async () => {
    // Permission bits do not stop root (CI runs as root), so the unopenable path goes through a file.
    const path = join(file('not-a-directory.txt', 'x'), 'allow.yml')
    const error = await inputErrorAsync(() => loadAllowlist(path))
    expect(error.setting).toBe(Inputs.Allowlist)
    expect(error.message).toMatch(/ENOTDIR|not a directory/i)
  })

  const policies: [string, () => string][] = [
    ['missing', () => join(dir, 'nope.json')],
    ['a directory', () => join(dir, 'a-directory')],
    ['not JSON', () => file('p1.json', '{ "version": "1.0", ')],
    ['a JSON list', () => file('p2.json', '[]')],
    ['an unknown version', () => file('p3.json', JSON.stringify({ version: '2.0', trustPolicies: [] }))],
    ['no statements', () => file('p4.json', JSON.stringify({ version: '1.0', trustPolicies: [] }))],
    [
      'an unknown level',
      () =>
        file(
          'p5.json',
          JSON.stringify({
            version: '1.0',
            trustPolicies: [
              {
                name: 'x',
                registryScopes: ['*'],
                signatureVerification: { level: 'paranoid' },
                trustStores: ['ca:x'],
                trustedIdentities: ['*']
              }
            ]
          })
        )
    ],
    ['over 1 MiB', () => file('p6.json', `{"version":"1.0","pad":"${MB}"}`)],
    ['deeply nested', () => file('p7.json', '['.repeat(100_000))]
  ]

  it.each(policies)('trust policy %s → SettingError(trust-policy)', async (_what, make) => {
    const error = await inputErrorAsync(() => loadTrustConfig({ signingProfileArns: [], trustPolicyPath: make(), partition: 'aws' }))
    expect(error.setting).toBe(Inputs.TrustPolicy)
  })

  const storePolicy = () =>
    file(
      'store-policy.json',
      JSON.stringify({
        version: '1.0',
        trustPolicies: [
          {
            name: 'x',
            registryScopes: ['*'],
            signatureVerification: { level: 'strict' },
            trustStores: ['ca:corp'],
            trustedIdentities: ['*']
          }
        ]
      })
    )

  it('a trust policy naming a store that the trust store lacks → SettingError(trust-store)', async () => {
    const error = await inputErrorAsync(() =>
      loadTrustConfig({
        signingProfileArns: [],
        trustPolicyPath: storePolicy(),
        trustStorePath: join(dir, 'a-directory'),
        partition: 'aws'
      })
    )
    expect(error.setting).toBe(Inputs.TrustStore)
    expect(error.message).toContain('ca:corp')
  })

  it.each([
    ['garbage PEM', '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n'],
    ['a private key', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'],
    ['random DER bytes', '\u0030\u0082\u00ff\u00ff junk']
  ])('a trust store holding %s → SettingError(trust-store)', async (name, content) => {
    const root = join(dir, `store-${name.replace(/\W/g, '-')}`)
    mkdirSync(join(root, 'x509', 'ca', 'corp'), { recursive: true })
    writeFileSync(join(root, 'x509', 'ca', 'corp', 'cert.pem'), content)
    const error = await inputErrorAsync(() =>
      loadTrustConfig({ signingProfileArns: [], trustPolicyPath: storePolicy(), trustStorePath: root, partition: 'aws' })
    )
    expect(error.setting).toBe(Inputs.TrustStore)
  })

  it.each([
    ['a wildcard', '*'],
    ['an IAM role ARN', 'arn:aws:iam::123456789012:role/deploy'],
    ['a short account', 'arn:aws:signer:us-east-1:1234:/signing-profiles/prod'],
    ['a wildcard profile', 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/*'],
    ['another partition', 'arn:aws-cn:signer:cn-north-1:123456789012:/signing-profiles/prod'],
    ['wrong case', 'ARN:AWS:SIGNER:us-east-1:123456789012:/signing-profiles/prod'],
    ['a 1 MB value', `arn:aws:signer:us-east-1:123456789012:/signing-profiles/${MB}`]
  ])('signing-profile-arns with %s → SettingError(signing-profile-arns)', async (_what, arn) => {
    const error = await inputErrorAsync(() => loadTrustConfig({ signingProfileArns: [arn], partition: 'aws' }))
    expect(error.setting).toBe(Inputs.SigningProfileArns)
    expect(error.message).toContain(`'${Inputs.SigningProfileArns}'`)
  })

  it('signing-profile-arns together with trust-policy is refused', async () => {
    const error = await inputErrorAsync(() =>
      loadTrustConfig({
        signingProfileArns: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod'],
        trustPolicyPath: storePolicy(),
        partition: 'aws'
      })
    )
    expect(error.setting).toBe(Inputs.SigningProfileArns)
  })
})

describe.skipIf(!existsSync(distEntry))('bad inputs end to end through dist/index.js', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bad-inputs-e2e-'))
    writeFileSync(join(dir, 'allow.yml'), 'vulnerabilities: [ {id: CVE-1\n')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // A single environment string is capped at 128 KiB by Linux, so "huge" is 100 KB here.
  const HUGE = 'x'.repeat(100 * 1024)
  const cases: [string, Record<string, string>, string][] = [
    ['unknown severity', { 'severity-threshold': 'SEVERE' }, Inputs.SeverityThreshold],
    ['negative max-critical', { 'max-critical': '-1' }, Inputs.MaxCritical],
    ['huge region', { region: HUGE }, Inputs.Region],
    ['malformed allowlist', { allowlist: 'ALLOW' }, Inputs.Allowlist],
    ['missing trust policy', { 'trust-policy': 'no-such-policy.json' }, Inputs.TrustPolicy],
    [
      'malformed signing profile ARN',
      { 'signing-profile-arns': `arn:aws:signer:us-east-1:1:/signing-profiles/${HUGE}` },
      Inputs.SigningProfileArns
    ]
  ]

  it.each(cases)(
    '%s: exit 1, one ::error:: naming the input, no stack trace, decision fail, summary blocked',
    async (_what, inputs, input) => {
      const resolved = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v === 'ALLOW' ? join(dir, 'allow.yml') : v]))
      // No AWS endpoint or credentials at all: an input error must stop before any AWS call.
      const run = await runAction({
        inputs: { repository: 'app', tag: 'v1', region: 'us-east-1', ...resolved },
        env: { AWS_EC2_METADATA_DISABLED: 'true', RUNNER_DEBUG: '1' }
      })
      expect(run.code).toBe(1)
      const lines = run.stdout.split('\n')
      const errors = lines.filter((l) => l.startsWith('::error'))
      expect(errors).toHaveLength(1)
      const error = errors[0] as string
      expect(error).toContain(`'${input}'`)
      expect(error).toMatch(/expected|required|Could not read|Invalid/)
      expect(error.length).toBeLessThan(6000)
      // Stack frames only ever appear inside ::debug:: lines (escaped onto one line there).
      for (const line of lines.filter((l) => !l.startsWith('::debug::'))) expect(line).not.toMatch(/^\s+at .+[:(]/)
      expect(run.stderr).not.toMatch(/\n\s+at /)
      expect(run.outputs['decision']).toBe('fail')
      expect(run.summary).toContain('Deploy blocked')
      expect(run.summary).not.toContain(HUGE)
    }
  )
})

describe('the policy file input: missing, a directory, not YAML, unknown key', () => {
  it.each([
    ['missing', (d: string) => join(d, 'nope.yml'), /cannot read the policy file .*ENOENT/],
    ['a directory', (d: string) => d, /not a regular file/],
    ['not YAML', (d: string) => (writeFileSync(join(d, 'bad.yml'), 'version: 1\n  x: [\n'), join(d, 'bad.yml')), /not valid YAML or JSON/],
    [
      'an unknown key',
      (d: string) => (writeFileSync(join(d, 'typo.yml'), 'version: 1\nvulnerabilites: {}\n'), join(d, 'typo.yml')),
      /vulnerabilites: unknown key/
    ]
  ])('refuses a policy file that is %s, naming the input', async (_what, make, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-policy-'))
    const all: Record<string, string> = { ...BASE, policy: make(dir) }
    const error = await inputErrorAsync(() => planRun((n) => all[n] ?? '', ENV))
    expect(error.setting).toBe(Inputs.Policy)
    expect(error.message).toMatch(message)
    rmSync(dir, { recursive: true, force: true })
  })
})
