/** The cosign settings: cosign's key forms, anchored identity inputs, and every refusal naming its setting. */
import { describe, expect, it } from 'vitest'
import { parseCosignSettings, parseKmsReference, type CosignInputs } from '../../../../src/checks/signature/cosign/index.js'
import { combineSignatureResults } from '../../../../src/checks/signature/combine.js'
import { SettingError } from '../../../../src/core/errors.js'
import type { CheckResult } from '../../../../src/core/types.js'

const none: CosignInputs = {
  key: [],
  certificateIdentity: '',
  certificateIdentityRegexp: '',
  certificateOidcIssuer: '',
  certificateOidcIssuerRegexp: '',
  trustedRoot: '',
  ignoreTlog: false
}
const uuid = '1234abcd-12ab-34cd-56ef-1234567890ab'

function settingOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    if (error instanceof SettingError) return error.setting
    throw error
  }
  return undefined
}

describe('parseKmsReference', () => {
  it.each([
    [`awskms:///${uuid}`, uuid, undefined],
    [`awskms:///arn:aws:kms:us-east-2:111122223333:key/${uuid}`, `arn:aws:kms:us-east-2:111122223333:key/${uuid}`, 'us-east-2'],
    ['awskms:///alias/cosign', 'alias/cosign', undefined],
    [
      'awskms:///arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/cosign',
      'arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/cosign',
      'us-gov-west-1'
    ]
  ])('reads %s', (reference, keyId, region) => {
    const ref = parseKmsReference(reference)
    expect(ref.keyId).toBe(keyId)
    expect(ref.region).toBe(region)
  })

  it.each(['awskms://', 'awskms:///', 'awskms:///not-a-key', 'awskms:///arn:aws:kms:us-east-1:1:key/x', 'awskms://localhost:4566/alias/x'])(
    'refuses %s naming cosign-key',
    (reference) => {
      expect(() => parseKmsReference(reference)).toThrow(/Invalid 'cosign-key'/)
    }
  )
})

describe('parseCosignSettings', () => {
  it('is undefined without cosign inputs', () => {
    expect(parseCosignSettings(none)).toBeUndefined()
  })

  it('reads keys of both kinds', () => {
    const settings = parseCosignSettings({ ...none, key: ['awskms:///alias/a', './cosign.pub'] })
    expect(settings?.keys.map((k) => k.kind)).toEqual(['kms', 'pem'])
    expect(settings?.ignoreTlog).toBe(false)
  })

  it('reads a keyless identity', () => {
    const settings = parseCosignSettings({ ...none, certificateIdentityRegexp: 'https://x/.*', certificateOidcIssuer: 'https://i' })
    expect(settings?.identity).toEqual({ subjectAlternativeName: { regexp: 'https://x/.*' }, issuer: { exact: 'https://i' } })
  })

  it.each([
    ['an identity without an issuer', { certificateIdentity: 'x' }, 'cosign-certificate-identity'],
    ['an identity regexp without an issuer', { certificateIdentityRegexp: 'x' }, 'cosign-certificate-identity-regexp'],
    ['an issuer without an identity', { certificateOidcIssuer: 'x' }, 'cosign-certificate-oidc-issuer'],
    [
      'a regexp that does not compile',
      { certificateIdentityRegexp: '(', certificateOidcIssuer: 'x' },
      'cosign-certificate-identity-regexp'
    ],
    [
      'an issuer regexp that does not compile',
      { certificateIdentity: 'x', certificateOidcIssuerRegexp: '[' },
      'cosign-certificate-oidc-issuer-regexp'
    ],
    [
      'exact and regexp together',
      { certificateIdentity: 'x', certificateIdentityRegexp: 'x', certificateOidcIssuer: 'y' },
      'cosign-certificate-identity'
    ],
    ['keys and an identity', { key: ['./k.pub'], certificateIdentity: 'x', certificateOidcIssuer: 'y' }, 'cosign-key'],
    ['a trusted root alone', { trustedRoot: 'root.json' }, 'sigstore-trusted-root'],
    ['cosign-ignore-tlog alone', { ignoreTlog: true }, 'cosign-ignore-tlog'],
    ['another KMS provider', { key: ['gcpkms://projects/p'] }, 'cosign-key']
  ])('refuses %s', (_name, inputs, setting) => {
    expect(settingOf(() => parseCosignSettings({ ...none, ...inputs }))).toBe(setting)
  })
})

describe('combineSignatureResults', () => {
  const result = (system: string, status: CheckResult['status']): CheckResult => ({
    id: `signature/${system}`,
    kind: 'signature',
    system,
    status,
    enforced: true,
    reasons: status === 'verified' ? [] : [`${system} ${status}`],
    evidence: { status }
  })

  it('requires every system under all', () => {
    const combined = combineSignatureResults([result('notation', 'verified'), result('cosign', 'missing')], 'all')
    expect(combined).toMatchObject({ status: 'missing', enforced: true, system: 'notation+cosign' })
    expect(combined.reasons.join()).toMatch(/cosign is required/)
    expect(combineSignatureResults([result('notation', 'verified'), result('cosign', 'verified')], 'all')).toMatchObject({
      status: 'verified',
      enforced: false
    })
  })

  it('accepts one system under any', () => {
    expect(combineSignatureResults([result('notation', 'missing'), result('cosign', 'verified')], 'any')).toMatchObject({
      status: 'verified',
      enforced: false
    })
    const neither = combineSignatureResults([result('notation', 'untrusted'), result('cosign', 'missing')], 'any')
    expect(neither).toMatchObject({ status: 'untrusted', enforced: true })
    expect(neither.evidence.systems).toHaveLength(2)
  })
})
