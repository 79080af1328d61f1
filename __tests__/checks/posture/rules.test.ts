/**
 * Tables for each posture rule: pure functions over parsed configuration, no mocks.
 */
import { describe, expect, it } from 'vitest'
import {
  evaluateKmsEncryption,
  evaluateLifecyclePolicy,
  evaluateScanConfigured,
  evaluateTagImmutability,
  globMatches,
  parsePostureRules,
  RECOMMENDED,
  scanFilterMatches,
  type RegistryScanningFacts,
  type RepositoryFacts
} from '../../../src/checks/posture/index.js'
import { SettingError } from '../../../src/core/errors.js'

const OWN = '123456789012'
const repo = (over: Partial<RepositoryFacts> = {}): RepositoryFacts => ({
  registryId: OWN,
  name: 'team/app',
  exclusionFilters: [],
  ...over
})

describe('the posture setting', () => {
  it.each([
    ['', {}],
    ['off', {}],
    ['  OFF ', {}],
    ['recommended', RECOMMENDED],
    ['tag-immutability=fail', { 'tag-immutability': 'fail' }],
    ['tag-immutability = warn,\nlifecycle-policy=fail', { 'tag-immutability': 'warn', 'lifecycle-policy': 'fail' }],
    ['recommended, kms-encryption=fail', { ...RECOMMENDED, 'kms-encryption': 'fail' }],
    [
      'recommended, lifecycle-policy=off',
      {
        'tag-immutability': 'fail',
        'scan-configured': 'fail',
        'kms-encryption': 'warn',
        'repository-policy': 'fail',
        'lifecycle-expiry': 'warn'
      }
    ],
    ['scan-configured=fail # the one that matters', { 'scan-configured': 'fail' }]
  ])('%j → %j', (text, rules) => {
    expect(parsePostureRules(text)).toEqual(rules)
  })

  it.each(['on', 'tag-immutability', 'tag-immutability=error', 'nope=fail', 'off,recommended', 'tag-immutability:fail'])(
    'refuses %j naming the input',
    (text) => {
      let error: unknown
      try {
        parsePostureRules(text)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(SettingError)
      expect((error as SettingError).setting).toBe('posture')
      expect((error as SettingError).message).toMatch(/^Invalid input for 'posture': expected/)
    }
  )
})

describe('wildcards', () => {
  // AWS's own table (ECR user guide, "Filters for scanning"): no * is a substring, * is an anchored glob.
  it.each([
    ['prod', 'repo-prod-repo', true],
    ['*prod', 'repo-prod', true],
    ['*prod', 'prod-repo', false],
    ['prod*', 'prodrepo', true],
    ['prod*repo', 'prod-repo', true],
    ['prod*repo', 'prodrepo', true],
    ['prod', 'pro', false],
    ['*', 'anything/at-all', true],
    ['team/*', 'team/app', true],
    ['team/*', 'other/team/app', false]
  ])('scan filter %s vs %s → %s', (filter, name, expected) => {
    expect(scanFilterMatches(filter, name)).toBe(expected)
  })

  it.each([
    ['latest', 'latest', true],
    ['latest', 'latest-1', false],
    ['dev-*', 'dev-123', true],
    ['dev-*', 'v1-dev-1', false],
    ['*.rc', 'v1.2.rc', true],
    ['v1.*', 'v1x', false]
  ])('exclusion filter %s vs tag %s → %s', (filter, tag, expected) => {
    expect(globMatches(filter, tag)).toBe(expected)
  })
})

describe('tag-immutability', () => {
  it.each([
    [{ tagMutability: 'IMMUTABLE' }, 'v1', 'pass'],
    [{ tagMutability: 'IMMUTABLE' }, undefined, 'pass'],
    [{ tagMutability: 'MUTABLE' }, 'v1', 'fail'],
    [{}, 'v1', 'fail'],
    [{ tagMutability: 'MUTABLE_WITH_EXCLUSION', exclusionFilters: ['release-*'] }, 'release-1', 'fail'],
    [{ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusionFilters: ['latest', 'dev-*'] }, 'v1', 'warn'],
    [{ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusionFilters: ['latest', 'dev-*'] }, undefined, 'warn'],
    [{ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusionFilters: ['latest', 'dev-*'] }, 'latest', 'fail'],
    [{ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusionFilters: ['latest', 'dev-*'] }, 'dev-42', 'fail'],
    [{ tagMutability: 'SOMETIMES' }, 'v1', 'error']
  ] as [Partial<RepositoryFacts>, string | undefined, string][])('%j with tag %s → %s', (facts, tag, outcome) => {
    const finding = evaluateTagImmutability(repo(facts), tag)
    expect(finding.outcome).toBe(outcome)
    if (outcome === 'fail')
      expect(finding.fix).toBe(
        'aws ecr put-image-tag-mutability --repository-name team/app --registry-id 123456789012 --image-tag-mutability IMMUTABLE'
      )
  })

  it('names the exclusion filter the deployed tag matches', () => {
    const finding = evaluateTagImmutability(repo({ tagMutability: 'IMMUTABLE_WITH_EXCLUSION', exclusionFilters: ['dev-*'] }), 'dev-42')
    expect(finding.reason).toBe("tag 'dev-42' matches the exclusion filter 'dev-*', so it is mutable")
  })
})

describe('kms-encryption', () => {
  it.each([
    [{ encryptionType: 'KMS', kmsKey: 'arn:aws:kms:us-east-1:123456789012:key/k' }, 'pass'],
    [{ encryptionType: 'KMS' }, 'pass'],
    [{ encryptionType: 'KMS_DSSE' }, 'pass'],
    [{ encryptionType: 'AES256' }, 'fail'],
    [{}, 'fail'],
    [{ encryptionType: 'ROT13' }, 'error']
  ] as [Partial<RepositoryFacts>, string][])('%j → %s', (facts, outcome) => {
    expect(evaluateKmsEncryption(repo(facts)).outcome).toBe(outcome)
  })

  it('says the encryption of an existing repository cannot be changed', () => {
    expect(evaluateKmsEncryption(repo()).fix).toMatch(/cannot be changed.*aws ecr create-repository .*encryptionType=KMS/)
  })
})

describe('lifecycle-policy', () => {
  const policy = JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
        action: { type: 'expire' }
      }
    ]
  })
  it.each([
    [policy, 'pass'],
    [undefined, 'fail'],
    ['{"rules":[]}', 'fail'],
    ['not json', 'error'],
    ['{"rules":{}}', 'error'],
    ['[]', 'error'],
    ['null', 'error'],
    ['x'.repeat(30_721), 'error']
  ])('%s → %s', (text, outcome) => {
    expect(evaluateLifecyclePolicy(text, 'team/app').outcome).toBe(outcome)
  })

  it('fixes a missing policy with put-lifecycle-policy', () => {
    expect(evaluateLifecyclePolicy(undefined, 'team/app', OWN).fix).toBe(
      'aws ecr put-lifecycle-policy --repository-name team/app --registry-id 123456789012 --lifecycle-policy-text file://lifecycle-policy.json'
    )
  })
})

describe('scan-configured', () => {
  const scanning = (scanType: string, rules: RegistryScanningFacts['rules'], registryId = OWN): RegistryScanningFacts => ({
    registryId,
    scanType,
    rules
  })
  it.each([
    [
      'enhanced, continuous wildcard',
      scanning('ENHANCED', [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }]),
      {},
      'pass',
      /CONTINUOUS_SCAN by registry filter '\*'/
    ],
    [
      'enhanced, scan on push substring',
      scanning('ENHANCED', [{ frequency: 'SCAN_ON_PUSH', filters: ['app'] }]),
      {},
      'pass',
      /SCAN_ON_PUSH/
    ],
    [
      'enhanced, continuous wins over scan on push',
      scanning('ENHANCED', [
        { frequency: 'SCAN_ON_PUSH', filters: ['*'] },
        { frequency: 'CONTINUOUS_SCAN', filters: ['team/*'] }
      ]),
      {},
      'pass',
      /CONTINUOUS_SCAN/
    ],
    [
      'enhanced, no filter matches',
      scanning('ENHANCED', [{ frequency: 'CONTINUOUS_SCAN', filters: ['other/*'] }]),
      {},
      'fail',
      /not scanned/
    ],
    ['enhanced, no rules, repo flag ignored', scanning('ENHANCED', []), { scanOnPush: true }, 'fail', /not scanned/],
    ['basic, scan on push glob', scanning('BASIC', [{ frequency: 'SCAN_ON_PUSH', filters: ['team/*'] }]), {}, 'pass', /SCAN_ON_PUSH/],
    [
      'basic, continuous is not a basic frequency',
      scanning('BASIC', [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }]),
      {},
      'fail',
      /not scanned/
    ],
    ['basic, no rule, repository flag on', scanning('BASIC', []), { scanOnPush: true }, 'pass', /own scan-on-push/],
    ['basic, no rule, repository flag off', scanning('BASIC', []), { scanOnPush: false }, 'fail', /not scanned/],
    [
      'basic, anchored glob does not match',
      scanning('BASIC', [{ frequency: 'SCAN_ON_PUSH', filters: ['*prod'] }]),
      {},
      'fail',
      /not scanned/
    ],
    [
      'another account',
      scanning('ENHANCED', [{ frequency: 'CONTINUOUS_SCAN', filters: ['*'] }], '999999999999'),
      {},
      'unknown',
      /not readable from this account/
    ],
    ['unknown scan type', scanning('FANCY', []), {}, 'error', /FANCY/]
  ] as [string, RegistryScanningFacts, Partial<RepositoryFacts>, string, RegExp][])('%s → %s', (_label, config, facts, outcome, reason) => {
    const finding = evaluateScanConfigured(config, repo(facts))
    expect(finding.outcome).toBe(outcome)
    expect(finding.reason).toMatch(reason)
    if (outcome === 'fail') expect(finding.fix).toMatch(/^aws ecr put-registry-scanning-configuration /)
  })
})
