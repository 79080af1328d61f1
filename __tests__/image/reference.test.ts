import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { SettingError } from '../../src/core/errors.js'
import { imageUri, isValidDigest, isValidRepositoryName, isValidTag, parseImageReference, registryHost } from '../../src/image/index.js'

const D = `sha256:${'a'.repeat(64)}`
const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

describe('parseImageReference', () => {
  it.each([
    [`${HOST}/app:v1`, { registryId: '123456789012', region: 'us-east-1', repository: 'app', tag: 'v1' }],
    [`${HOST}/app@${D}`, { registryId: '123456789012', region: 'us-east-1', repository: 'app', digest: D }],
    [
      `${HOST}/team/svc/api:1.2.3-rc_1@${D}`,
      { registryId: '123456789012', region: 'us-east-1', repository: 'team/svc/api', tag: '1.2.3-rc_1', digest: D }
    ],
    [
      `210987654321.dkr.ecr.cn-north-1.amazonaws.com.cn/my.app:latest`,
      { registryId: '210987654321', region: 'cn-north-1', repository: 'my.app', tag: 'latest' }
    ],
    [
      `111122223333.dkr.ecr.us-gov-west-1.amazonaws.com/a-b_c:_x`,
      { registryId: '111122223333', region: 'us-gov-west-1', repository: 'a-b_c', tag: '_x' }
    ],
    [`  ${HOST}/app:v1  `, { registryId: '123456789012', region: 'us-east-1', repository: 'app', tag: 'v1' }]
  ])('parses %s', (input, expected) => {
    expect(parseImageReference(input)).toStrictEqual(expected)
  })

  it.each([
    ['', 'empty'],
    [`${HOST}/app`, 'neither tag nor digest'],
    [`app:v1`, 'no registry host'],
    [`docker.io/library/app:v1`, 'not ECR'],
    [`12345678901.dkr.ecr.us-east-1.amazonaws.com/app:v1`, '11-digit account'],
    [`123456789012.dkr.ecr.us-east-1.amazonaws.com.cn/app:v1`, '.cn suffix with a non-China region'],
    [`123456789012.dkr.ecr.cn-north-1.amazonaws.com/app:v1`, 'China region without .cn suffix'],
    [`123456789012.dkr.ecr.useast1.amazonaws.com/app:v1`, 'malformed region'],
    [`${HOST}/App:v1`, 'uppercase repository'],
    [`${HOST}/a:v1`, 'repository too short'],
    [`${HOST}/app//x:v1`, 'empty path component'],
    [`${HOST}/app--x:v1`, 'double separator'],
    [`${HOST}/-app:v1`, 'leading separator'],
    [`${HOST}/app/:v1`, 'trailing slash'],
    [`${HOST}/app:`, 'empty tag'],
    [`${HOST}/app:.v1`, 'tag starting with a dot'],
    [`${HOST}/app:${'x'.repeat(129)}`, 'tag of 129 chars'],
    [`${HOST}/app:v1:v2`, 'two colons'],
    [`${HOST}/app@sha256:${'A'.repeat(64)}`, 'uppercase digest'],
    [`${HOST}/app@sha256:${'a'.repeat(63)}`, 'short digest'],
    [`${HOST}/app@sha512:${'a'.repeat(128)}`, 'sha512'],
    [`${HOST}/app:v1@${D}@${D}`, 'two digests'],
    [`https://${HOST}/app:v1`, 'URL scheme'],
    [`${HOST}/${'a'.repeat(700)}:v1`, 'over the length bound']
  ])('refuses %s (%s) with SettingError on image', (input) => {
    let thrown: unknown
    try {
      parseImageReference(input)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SettingError)
    expect((thrown as SettingError).setting).toBe('image')
    expect((thrown as SettingError).message).toContain('expected <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>')
  })

  it('never throws anything but SettingError, and round-trips what it accepts', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom(HOST, '/', ':', '@', 'sha256:', 'a'.repeat(64), 'app', 'v1', '.', '-', '_', '.cn', D)
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (parts) => {
        const input = parts.join('')
        try {
          const parsed = parseImageReference(input)
          expect(isValidRepositoryName(parsed.repository)).toBe(true)
          expect(parsed.tag !== undefined || parsed.digest !== undefined).toBe(true)
          const rebuilt = `${registryHost(parsed.registryId, parsed.region)}/${parsed.repository}${parsed.tag !== undefined ? `:${parsed.tag}` : ''}${parsed.digest !== undefined ? `@${parsed.digest}` : ''}`
          expect(rebuilt).toBe(input.trim())
        } catch (error) {
          expect(error).toBeInstanceOf(SettingError)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('never throws anything but SettingError for non-string input', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(() => parseImageReference(value as string)).toThrow(SettingError)
      })
    )
  })
})

describe('validators', () => {
  it.each([
    [D, true],
    [`sha256:${'0123456789abcdef'.repeat(4)}`, true],
    [`sha256:${'A'.repeat(64)}`, false],
    [`sha256:${'a'.repeat(65)}`, false],
    [`${'a'.repeat(64)}`, false],
    [`sha384:${'a'.repeat(96)}`, false]
  ])('isValidDigest(%s) = %s', (value, expected) => {
    expect(isValidDigest(value)).toBe(expected)
  })

  it.each([
    ['v1', true],
    ['_', true],
    ['1.0.0-Beta_2', true],
    ['x'.repeat(128), true],
    ['x'.repeat(129), false],
    ['.hidden', false],
    ['-x', false],
    ['a/b', false],
    ['', false],
    ['sha256-' + 'a'.repeat(64), true]
  ])('isValidTag(%s) = %s', (value, expected) => {
    expect(isValidTag(value)).toBe(expected)
  })

  it.each([
    ['ab', true],
    ['a', false],
    ['team/app', true],
    ['a.b_c-d/e', true],
    ['a'.repeat(256), true],
    ['a'.repeat(257), false],
    ['Team/app', false],
    ['a__b', false],
    ['/ab', false],
    ['ab/', false]
  ])('isValidRepositoryName(%s) = %s', (value, expected) => {
    expect(isValidRepositoryName(value)).toBe(expected)
  })
})

describe('imageUri', () => {
  it.each([
    ['123456789012', 'us-east-1', 'app', `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@${D}`],
    ['123456789012', 'eu-west-3', 'team/app', `123456789012.dkr.ecr.eu-west-3.amazonaws.com/team/app@${D}`],
    ['123456789012', 'cn-northwest-1', 'app', `123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn/app@${D}`],
    ['123456789012', 'us-gov-east-1', 'app', `123456789012.dkr.ecr.us-gov-east-1.amazonaws.com/app@${D}`]
  ])('%s %s %s → %s', (registryId, region, repository, expected) => {
    expect(imageUri(registryId, region, repository, D)).toBe(expected)
  })

  it('produces a URI that parses back to the same image', () => {
    const uri = imageUri('123456789012', 'cn-north-1', 'team/app', D)
    expect(parseImageReference(uri)).toStrictEqual({
      registryId: '123456789012',
      region: 'cn-north-1',
      repository: 'team/app',
      digest: D
    })
  })
})
