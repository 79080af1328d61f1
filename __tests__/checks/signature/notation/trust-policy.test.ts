import { describe, it, expect } from 'vitest'
import { SettingError } from '../../../../src/core/errors.js'
import {
  parseDistinguishedName,
  parseTrustPolicy,
  selectStatement,
  subjectMatches
} from '../../../../src/checks/signature/notation/trust-policy.js'

const statement = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'p',
  registryScopes: ['*'],
  signatureVerification: { level: 'strict' },
  trustStores: ['ca:acme'],
  trustedIdentities: ['*'],
  ...over
})
const doc = (...statements: Record<string, unknown>[]): string => JSON.stringify({ version: '1.0', trustPolicies: statements })

function policyError(text: string): string {
  try {
    parseTrustPolicy(text)
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('trust-policy')
    return (error as Error).message
  }
  throw new Error('expected the policy to be refused')
}

describe('parseTrustPolicy', () => {
  it('parses a valid policy with levels, overrides and identities', () => {
    const [s] = parseTrustPolicy(
      doc(
        statement({
          signatureVerification: { level: 'permissive', override: { revocation: 'skip', expiry: 'enforce' } },
          trustedIdentities: [
            'x509.subject: C=US, ST=WA, O=acme\\, inc, CN=builder',
            'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod'
          ]
        })
      )
    )
    expect(s?.level).toBe('permissive')
    expect(s?.actions).toEqual({
      integrity: 'enforce',
      authenticity: 'enforce',
      authenticTimestamp: 'log',
      expiry: 'enforce',
      revocation: 'skip'
    })
    expect(s?.trustStores).toEqual([{ type: 'ca', name: 'acme' }])
    expect(s?.trustedIdentities[0]).toMatchObject({ kind: 'x509.subject' })
    expect(s?.trustedIdentities[1]).toEqual({
      kind: 'signing-profile',
      arn: 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod'
    })
  })

  it.each([
    ['not JSON', '{', 'not valid JSON'],
    ['wrong version', JSON.stringify({ version: '2.0', trustPolicies: [statement()] }), 'version must be "1.0"'],
    ['no statements', JSON.stringify({ version: '1.0', trustPolicies: [] }), 'non-empty'],
    ['duplicate names', doc(statement(), statement({ registryScopes: ['r.example.com/a'] })), 'two statements are named'],
    ['two global statements', doc(statement(), statement({ name: 'q' })), 'only one statement may use the global scope'],
    [
      'scope in two statements',
      doc(statement({ registryScopes: ['r.example.com/a'] }), statement({ name: 'q', registryScopes: ['r.example.com/a'] })),
      'appears in both'
    ],
    ['wildcard inside a scope', doc(statement({ registryScopes: ['r.example.com/*'] })), 'fully qualified'],
    ['scope with a tag', doc(statement({ registryScopes: ['r.example.com/app:v1'] })), 'fully qualified'],
    ['* with other scopes', doc(statement({ registryScopes: ['*', 'r.example.com/a'] })), 'only scope'],
    ['unknown level', doc(statement({ signatureVerification: { level: 'lenient' } })), 'level must be one of'],
    [
      'override of integrity',
      doc(statement({ signatureVerification: { level: 'strict', override: { integrity: 'log' } } })),
      'integrity cannot be overridden'
    ],
    [
      'bad override value',
      doc(statement({ signatureVerification: { level: 'strict', override: { expiry: 'skip' } } })),
      'expiry must be one of enforce, log'
    ],
    [
      'skip with global scope',
      doc(statement({ signatureVerification: { level: 'skip' }, trustStores: undefined, trustedIdentities: undefined })),
      'cannot be used with the global scope'
    ],
    [
      'skip with stores',
      doc(statement({ registryScopes: ['r.example.com/a'], signatureVerification: { level: 'skip' } })),
      'must not have trustStores'
    ],
    ['no trust store', doc(statement({ trustStores: [] })), 'at least one store'],
    ['bad store type', doc(statement({ trustStores: ['x509:acme'] })), 'must be ca:<name>'],
    ['bad store name', doc(statement({ trustStores: ['ca:../etc'] })), 'must be ca:<name>'],
    ['no identity', doc(statement({ trustedIdentities: [] })), 'at least one identity'],
    [
      '* with other identities',
      doc(statement({ trustedIdentities: ['*', 'x509.subject: C=US, ST=WA, O=a'] })),
      'must be the only identity'
    ],
    ['identity missing ST', doc(statement({ trustedIdentities: ['x509.subject: C=US, O=a'] })), 'missing ST'],
    ['identity repeating a type', doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a, O=b'] })), 'repeats'],
    [
      'overlapping identities',
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a', 'x509.subject: C=US, ST=WA, O=a, OU=b'] })),
      'overlap'
    ],
    ['unknown identity prefix', doc(statement({ trustedIdentities: ['email: a@b.c'] })), 'must be "*"'],
    ['wildcard ARN', doc(statement({ trustedIdentities: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/*'] })), 'wildcard']
  ])('refuses %s', (_name, text, message) => {
    expect(policyError(text)).toContain(message)
  })
})

describe('selectStatement', () => {
  const statements = parseTrustPolicy(
    doc(
      statement({ name: 'global' }),
      statement({ name: 'app', registryScopes: ['123456789012.dkr.ecr.us-east-1.amazonaws.com/app', 'r.example.com/team/app'] })
    )
  )

  it('prefers the exact scope over the global one', () => {
    expect(selectStatement(statements, '123456789012.dkr.ecr.us-east-1.amazonaws.com/app')?.name).toBe('app')
    expect(selectStatement(statements, 'r.example.com/team/app')?.name).toBe('app')
    expect(selectStatement(statements, '123456789012.dkr.ecr.us-east-1.amazonaws.com/other')?.name).toBe('global')
  })

  it('does not match by prefix and returns nothing without a global statement', () => {
    const scoped = parseTrustPolicy(doc(statement({ name: 'app', registryScopes: ['r.example.com/team/app'] })))
    expect(selectStatement(scoped, 'r.example.com/team/app2')).toBeUndefined()
    expect(selectStatement(scoped, 'r.example.com/team')).toBeUndefined()
  })
})

describe('distinguished names and subset matching', () => {
  it('parses escapes and multi-valued components', () => {
    expect(parseDistinguishedName('C=US, ST=WA, O=acme\\, inc\\; ltd, CN=a\\\\b')).toEqual([
      { oid: '2.5.4.6', value: 'US' },
      { oid: '2.5.4.8', value: 'WA' },
      { oid: '2.5.4.10', value: 'acme, inc; ltd' },
      { oid: '2.5.4.3', value: 'a\\b' }
    ])
    expect(parseDistinguishedName('cn=x+ou=y')).toEqual([
      { oid: '2.5.4.3', value: 'x' },
      { oid: '2.5.4.11', value: 'y' }
    ])
    expect(parseDistinguishedName('C=US, NOPE=x')).toContain('unknown attribute type')
    expect(parseDistinguishedName('C=US, junk')).toContain('is not TYPE=value')
  })

  it('matches a subset of the certificate subject, exactly', () => {
    const cert = [
      { oid: '2.5.4.6', value: 'US' },
      { oid: '2.5.4.8', value: 'WA' },
      { oid: '2.5.4.10', value: 'acme' },
      { oid: '2.5.4.3', value: 'builder' }
    ]
    expect(
      subjectMatches(
        [
          { oid: '2.5.4.6', value: 'US' },
          { oid: '2.5.4.10', value: 'acme' }
        ],
        cert
      )
    ).toBe(true)
    expect(subjectMatches([{ oid: '2.5.4.10', value: 'Acme' }], cert)).toBe(false)
    expect(subjectMatches([{ oid: '2.5.4.11', value: 'x' }], cert)).toBe(false)
  })
})
