/** The cosign settings: cosign's key forms, anchored identity inputs, and every refusal naming its setting. */
import { describe, expect, it } from 'vitest'
import { parseCosignSettings, parseKmsReference, type CosignInputs } from '../../../../src/checks/signature/cosign/index.js'
import { combineSignatureResults } from '../../../../src/checks/signature/combine.js'
import { compileAnchored } from '../../../../src/checks/sigstore/identity.js'
import { SettingError } from '../../../../src/core/errors.js'
import type { CheckResult } from '../../../../src/core/types.js'
import { thrown } from '../../../thrown.js'

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

const KMS_FORMS = "expected awskms:///<key id | key ARN | alias/NAME | alias ARN> (cosign's form)"

/** The SettingError `fn` throws, as its setting and full message. */
function refusal(fn: () => unknown): { setting: string; message: string } {
  const error = thrown(fn, SettingError)
  return { setting: error.setting, message: error.message }
}

describe('parseKmsReference: exact refusals', () => {
  const kms = (why: string, shown: string): { setting: string; message: string } => ({
    setting: 'cosign-key',
    message: `Invalid 'cosign-key': ${why} in '${shown}'; ${KMS_FORMS}`
  })
  const endpoint = (host: string): string => `a KMS endpoint in the reference (${host}) is not supported; set AWS_ENDPOINT_URL_KMS instead`
  const notHost = (host: string): string => `'${host}' is not a host[:port]`
  const notKey = (key: string): string => `'${key}' is not a KMS key id, key ARN, alias or alias ARN`

  it.each([
    ['awskms://', 'no key after awskms://'],
    ['awskms://localhost', 'no key after awskms://'],
    ['awskms:///', notKey('')],
    ['awskms:///not-a-key', notKey('not-a-key')],
    ['awskms:///xalias/a', notKey('xalias/a')],
    ['awskms:///alias/a!', notKey('alias/a!')],
    ['awskms:///alias/', notKey('alias/')],
    ['awskms://localhost:4566/alias/x', endpoint('localhost:4566')],
    ['awskms://h:1/alias/x', endpoint('h:1')],
    ['awskms://h:65535/alias/x', endpoint('h:65535')],
    ['awskms://kms.us-east-1.amazonaws.com/alias/x', endpoint('kms.us-east-1.amazonaws.com')],
    ['awskms://a/alias/x', endpoint('a')],
    ['awskms://localhost:123456/alias/x', notHost('localhost:123456')],
    ['awskms://localhost:abc/alias/x', notHost('localhost:abc')],
    ['awskms://localhost:/alias/x', notHost('localhost:')],
    ['awskms://my_host/alias/x', notHost('my_host')],
    ['awskms://host_/alias/x', notHost('host_')],
    ['awskms://host:1_/alias/x', notHost('host:1_')],
    ['awskms://_:1/alias/x', notHost('_:1')]
  ])('refuses %s with its exact message', (reference, why) => {
    expect(refusal(() => parseKmsReference(reference))).toEqual(kms(why, reference))
  })

  it('shows CR, LF and TAB as spaces in the message', () => {
    expect(refusal(() => parseKmsReference('awskms:///bad\r\nkey\tx'))).toEqual(kms(notKey('bad  key x'), 'awskms:///bad  key x'))
    expect(refusal(() => parseKmsReference('awskms://a\tb/alias/x'))).toEqual(kms(notHost('a b'), 'awskms://a b/alias/x'))
  })

  it('keeps a value of exactly 120 characters and cuts a longer one to 117 and an ellipsis', () => {
    const exact = `awskms:///${'k'.repeat(110)}`
    expect(exact).toHaveLength(120)
    expect(refusal(() => parseKmsReference(exact))).toEqual(kms(notKey('k'.repeat(110)), exact))
    const longer = `awskms:///${'k'.repeat(111)}`
    expect(refusal(() => parseKmsReference(longer))).toEqual(kms(notKey('k'.repeat(111)), `awskms:///${'k'.repeat(107)}...`))
    const both = `awskms:///${'k'.repeat(130)}`
    expect(refusal(() => parseKmsReference(both))).toEqual(kms(notKey(`${'k'.repeat(117)}...`), `awskms:///${'k'.repeat(107)}...`))
  })

  it('returns the reference, the key id and only a region an ARN names', () => {
    expect(parseKmsReference('awskms:///alias/a:b/c_d-e')).toEqual({
      kind: 'kms',
      reference: 'awskms:///alias/a:b/c_d-e',
      keyId: 'alias/a:b/c_d-e'
    })
    expect(parseKmsReference(`awskms:///${uuid}`)).not.toHaveProperty('region')
    expect(parseKmsReference(`awskms:///arn:aws-cn:kms:cn-north-1:111122223333:key/${uuid}`)).toEqual({
      kind: 'kms',
      reference: `awskms:///arn:aws-cn:kms:cn-north-1:111122223333:key/${uuid}`,
      keyId: `arn:aws-cn:kms:cn-north-1:111122223333:key/${uuid}`,
      region: 'cn-north-1'
    })
  })
})

describe('parseCosignSettings: exact refusals', () => {
  const compileError = (source: string): string => thrown(() => compileAnchored(source), Error).message

  it.each([
    [
      'an identity and its regexp',
      { certificateIdentity: 'x', certificateIdentityRegexp: 'x', certificateOidcIssuer: 'y' },
      'cosign-certificate-identity',
      "Invalid 'cosign-certificate-identity': expected 'cosign-certificate-identity' or 'cosign-certificate-identity-regexp', not both"
    ],
    [
      'an issuer and its regexp',
      { certificateIdentity: 'x', certificateOidcIssuer: 'y', certificateOidcIssuerRegexp: 'y' },
      'cosign-certificate-oidc-issuer',
      "Invalid 'cosign-certificate-oidc-issuer': expected 'cosign-certificate-oidc-issuer' or 'cosign-certificate-oidc-issuer-regexp', not both"
    ],
    [
      'an identity without an issuer',
      { certificateIdentity: 'x' },
      'cosign-certificate-identity',
      "Invalid 'cosign-certificate-identity': an issuer is required with it ('cosign-certificate-oidc-issuer' or 'cosign-certificate-oidc-issuer-regexp'); a keyless identity is only meaningful with the issuer that vouched for it"
    ],
    [
      'an identity regexp without an issuer',
      { certificateIdentityRegexp: 'x' },
      'cosign-certificate-identity-regexp',
      "Invalid 'cosign-certificate-identity-regexp': an issuer is required with it ('cosign-certificate-oidc-issuer' or 'cosign-certificate-oidc-issuer-regexp'); a keyless identity is only meaningful with the issuer that vouched for it"
    ],
    [
      'an issuer without an identity',
      { certificateOidcIssuer: 'x' },
      'cosign-certificate-oidc-issuer',
      "Invalid 'cosign-certificate-oidc-issuer': an identity is required with it ('cosign-certificate-identity' or 'cosign-certificate-identity-regexp'), as cosign refuses keyless verification without one"
    ],
    [
      'an issuer regexp without an identity',
      { certificateOidcIssuerRegexp: 'x' },
      'cosign-certificate-oidc-issuer-regexp',
      "Invalid 'cosign-certificate-oidc-issuer-regexp': an identity is required with it ('cosign-certificate-identity' or 'cosign-certificate-identity-regexp'), as cosign refuses keyless verification without one"
    ],
    [
      'keys and an identity',
      { key: ['./k.pub'], certificateIdentity: 'x', certificateOidcIssuer: 'y' },
      'cosign-key',
      "'cosign-key' and 'cosign-certificate-identity' cannot be combined: verify with keys or with a keyless identity"
    ],
    [
      'a trusted root alone',
      { trustedRoot: 'root.json' },
      'sigstore-trusted-root',
      "Invalid 'sigstore-trusted-root': 'cosign-key' or 'cosign-certificate-identity' is required with it; a trusted root alone does not say whose signatures to trust"
    ],
    [
      'cosign-ignore-tlog alone',
      { ignoreTlog: true },
      'cosign-ignore-tlog',
      "Invalid 'cosign-ignore-tlog': 'cosign-key' or 'cosign-certificate-identity' is required with it; it relaxes a cosign verification, and none is asked for"
    ]
  ])('refuses %s with its exact message', (_name, inputs, setting, message) => {
    expect(refusal(() => parseCosignSettings({ ...none, ...inputs }))).toEqual({ setting, message })
  })

  it.each([
    ['identity', { certificateIdentityRegexp: '(', certificateOidcIssuer: 'y' }, 'cosign-certificate-identity-regexp', '('],
    ['issuer', { certificateIdentity: 'x', certificateOidcIssuerRegexp: '[' }, 'cosign-certificate-oidc-issuer-regexp', '[']
  ])('refuses an %s regexp that does not compile, quoting the engine', (_name, inputs, setting, source) => {
    expect(refusal(() => parseCosignSettings({ ...none, ...inputs }))).toEqual({
      setting,
      message: `Invalid '${setting}': the regular expression does not compile (${compileError(source)}); expected a JavaScript regular expression, matched against the whole value`
    })
  })
})

describe('parseCosignSettings: what it returns', () => {
  it('names the trusted root only when one is given', () => {
    const withRoot = parseCosignSettings({ ...none, key: ['./k.pub'], trustedRoot: 'root.json' })
    expect(withRoot).toHaveProperty('trustedRootPath', 'root.json')
    const without = parseCosignSettings({ ...none, key: ['./k.pub'] })
    expect(without).toBeDefined()
    expect(without).not.toHaveProperty('trustedRootPath')
    expect(without).not.toHaveProperty('identity')
    expect(without?.keys).toEqual([{ kind: 'pem', path: './k.pub' }])
  })

  it('reads an exact identity and issuer, and cosign-ignore-tlog', () => {
    const settings = parseCosignSettings({
      ...none,
      certificateIdentity: 'a@b',
      certificateOidcIssuerRegexp: 'https://.*',
      ignoreTlog: true
    })
    expect(settings?.identity).toEqual({ subjectAlternativeName: { exact: 'a@b' }, issuer: { regexp: 'https://.*' } })
    expect(settings?.keys).toEqual([])
    expect(settings?.ignoreTlog).toBe(true)
  })

  it.each(['./cosign.pub', 'cosign.pub', '/etc/keys/cosign.pub', 'C:\\keys\\cosign.pub', './a://b', 'keys/x://y', '1a://x', 'a:/b'])(
    'takes %s as a PEM path',
    (path) => {
      expect(parseCosignSettings({ ...none, key: [path] })?.keys).toEqual([{ kind: 'pem', path }])
    }
  )

  it.each([
    ['https://x', 'https://x'],
    ['gcpkms://projects/p/keys/k', 'gcpkms://projects/p/keys/k'],
    ['Ab+1.-://x', 'Ab+1.-://x'],
    ['HASHIVAULT://k', 'HASHIVAULT://k'],
    ['file://a\nb', 'file://a b'],
    [`https://${'x'.repeat(200)}`, `https://${'x'.repeat(109)}...`]
  ])('refuses %s as neither a KMS reference nor a path', (value, shown) => {
    expect(refusal(() => parseCosignSettings({ ...none, key: [value] }))).toEqual({
      setting: 'cosign-key',
      message: `Invalid 'cosign-key': '${shown}' is neither awskms:///… nor a path to a PEM public key file; expected one of those (other KMS providers are not supported)`
    })
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
