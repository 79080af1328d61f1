/**
 * `managed-signing` and the `kms-encryption` key allow-list as pure functions, and the parsing of
 * `lifecycle-horizon-days` and `posture-allowed-kms-keys`.
 */
import { describe, expect, it } from 'vitest'
import {
  evaluateKmsEncryption,
  evaluateManagedSigning,
  parseAllowedKmsKeys,
  parseHorizonDays,
  parsePostureRules,
  signingProfilesFor,
  type SigningFacts
} from '../../../src/checks/posture/index.js'
import { SettingError } from '../../../src/core/errors.js'

const OWN = '123456789012'
const PROFILE = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/ecrManaged'
const DIGEST = `sha256:${'a'.repeat(64)}`
const config = (filters: string[][]): SigningFacts => ({
  registryId: OWN,
  rules: filters.map((f, i) => ({ signingProfileArn: `${PROFILE}${i === 0 ? '' : i}`, filters: f }))
})

describe('managed-signing', () => {
  it.each([
    [[[]], 'team/app', 1],
    [[['team/*']], 'team/app', 1],
    [[['*/production']], 'svc/production', 1],
    [[['*prod*']], 'my-prod-app', 1],
    [[['team/*']], 'other/app', 0],
    [[['app']], 'team/app', 0],
    [[['team/*'], ['*']], 'team/app', 2]
  ])('rules %j cover %s with %i profile(s)', (filters, repo, n) => {
    expect(signingProfilesFor(config(filters), repo)).toHaveLength(n)
  })

  it('passes when a rule covers the repository and signing is complete', () => {
    const f = evaluateManagedSigning(config([['app']]), OWN, 'app', DIGEST, [{ signingProfileArn: PROFILE, status: 'COMPLETE' }])
    expect(f.outcome).toBe('pass')
  })

  it.each([
    ['in progress', [{ signingProfileArn: PROFILE, status: 'IN_PROGRESS' }], 'still in progress'],
    ['failed', [{ signingProfileArn: PROFILE, status: 'FAILED', failureReason: 'denied' }], 'failed: denied'],
    ['absent', [], 'pushed before signing covered the repository']
  ])('fails when signing is %s', (_, statuses, reason) => {
    const f = evaluateManagedSigning(config([['app']]), OWN, 'app', DIGEST, statuses)
    expect(f.outcome).toBe('fail')
    expect(f.reason).toContain(reason)
    expect(f.fix).toContain(
      `aws ecr describe-image-signing-status --repository-name app --registry-id ${OWN} --image-id imageDigest=${DIGEST}`
    )
  })

  it('fails with the put-signing-configuration fix when nothing covers the repository', () => {
    for (const c of [config([]), config([['other']])]) {
      const f = evaluateManagedSigning(c, OWN, 'app', DIGEST, undefined)
      expect(f.outcome).toBe('fail')
      expect(f.fix).toContain('aws ecr put-signing-configuration')
    }
  })

  it("is unknown for another account's registry", () => {
    const f = evaluateManagedSigning(config([[]]), '210987654321', 'app', DIGEST, undefined)
    expect(f.outcome).toBe('unknown')
    expect(f.reason).toContain('not readable from this account')
  })
})

describe('kms-encryption with posture-allowed-kms-keys', () => {
  const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'
  const OTHER = 'arn:aws:kms:us-east-1:123456789012:key/ffffffff-12ab-34cd-56ef-1234567890ab'
  const repo = (encryptionType: string, kmsKey?: string) => ({
    registryId: OWN,
    name: 'app',
    exclusionFilters: [],
    encryptionType,
    ...(kmsKey !== undefined ? { kmsKey } : {})
  })
  it.each([
    ['an allowed key', repo('KMS', KEY), [KEY], 'pass'],
    ['the key id of an allowed ARN', repo('KMS', '1234abcd-12ab-34cd-56ef-1234567890ab'), [KEY], 'pass'],
    ['another key', repo('KMS', OTHER), [KEY], 'fail'],
    ['the AWS managed key', repo('KMS'), [KEY], 'fail'],
    ['DSSE with an allowed key', repo('KMS_DSSE', KEY), [KEY], 'pass'],
    ['AES256', repo('AES256'), [KEY], 'fail'],
    ['any KMS key without a list', repo('KMS', OTHER), [], 'pass']
  ])('%s: %s', (_, r, allowed, outcome) => {
    const f = evaluateKmsEncryption(r, allowed)
    expect(f.outcome).toBe(outcome)
    if (outcome === 'fail' && r.encryptionType !== 'AES256') expect(f.reason).toContain('not in posture-allowed-kms-keys')
  })
})

describe('inputs', () => {
  it('lifecycle-horizon-days is a positive whole number, 30 by default', () => {
    expect(parseHorizonDays('')).toBe(30)
    expect(parseHorizonDays(' 7 ')).toBe(7)
    for (const bad of ['0', '-1', '1.5', 'ten', '3651', '1e3']) {
      expect(() => parseHorizonDays(bad)).toThrow(SettingError)
      expect(() => parseHorizonDays(bad)).toThrow(
        /Invalid input for 'lifecycle-horizon-days': expected a whole number of days from 1 to 3650/
      )
    }
  })
  it('posture-allowed-kms-keys takes key ARNs only', () => {
    const key = 'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab'
    expect(parseAllowedKmsKeys([key, key])).toEqual([key])
    for (const bad of [
      'alias/aws/ecr',
      '1234abcd-12ab',
      'arn:aws:kms:us-east-1:123:key/x',
      'arn:aws:kms:us-east-1:123456789012:alias/mine'
    ])
      expect(() => parseAllowedKmsKeys([bad])).toThrow(/Invalid input for 'posture-allowed-kms-keys': expected KMS key ARNs/)
  })
  it('posture knows lifecycle-expiry and managed-signing, and recommended warns on lifecycle-expiry', () => {
    expect(parsePostureRules('lifecycle-expiry=fail,managed-signing=warn')).toEqual({
      'lifecycle-expiry': 'fail',
      'managed-signing': 'warn'
    })
    expect(parsePostureRules('recommended')['lifecycle-expiry']).toBe('warn')
    expect(() => parsePostureRules('lifecycle-expiry=maybe')).toThrow(/expected a level of off, warn or fail for 'lifecycle-expiry'/)
  })
})
