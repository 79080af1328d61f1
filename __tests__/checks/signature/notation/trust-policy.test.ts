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
    [
      'duplicate names',
      doc(statement(), statement({ registryScopes: ['r.example.com/a'] })),
      'Invalid trust policy: two statements are named "p"'
    ],
    [
      'two global statements',
      doc(statement(), statement({ name: 'q' })),
      'Invalid trust policy: only one statement may use the global scope "*" ("p" and "q" do)'
    ],
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
    [
      'identity repeating a type',
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a, O=b'] })),
      'statement "p" trustedIdentities[0]: identity "x509.subject: C=US, ST=WA, O=a, O=b" repeats an attribute type'
    ],
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

describe('parseTrustPolicy: every rule names what is wrong', () => {
  it.each([
    [
      'a file over 1 MiB',
      JSON.stringify({ version: '1.0', pad: 'x'.repeat(1024 * 1024) }),
      'Invalid trust policy: the file is larger than 1048576 bytes'
    ],
    ['a document that is not an object', '[]', 'Invalid trust policy: the document is not a JSON object'],
    [
      'a version that is missing',
      JSON.stringify({ trustPolicies: [statement()] }),
      'Invalid trust policy: version must be "1.0" (got undefined)'
    ],
    [
      'trustPolicies that is not an array',
      JSON.stringify({ version: '1.0', trustPolicies: {} }),
      'Invalid trust policy: trustPolicies must be a non-empty array'
    ],
    [
      'a statement that is not an object',
      doc('x' as unknown as Record<string, unknown>),
      'Invalid trust policy: trustPolicies[0] is not an object'
    ],
    [
      'a statement name with a space',
      doc(statement({ name: 'a b' })),
      'Invalid trust policy: trustPolicies[0].name must match ^[a-zA-Z0-9_.-]+$'
    ],
    ['a statement without a name', doc(statement(), statement({ name: undefined })), 'trustPolicies[1].name must match'],
    [
      'no registry scopes',
      doc(statement({ registryScopes: [] })),
      'Invalid trust policy: statement "p": registryScopes must be a non-empty array'
    ],
    [
      'registry scopes that are not an array',
      doc(statement({ registryScopes: '*' })),
      'statement "p": registryScopes must be a non-empty array'
    ],
    ['a scope that is not a string', doc(statement({ registryScopes: [7] })), 'statement "p": registryScopes must hold strings'],
    [
      'a scope without a repository',
      doc(statement({ registryScopes: ['r.example.com'] })),
      'statement "p": registry scope "r.example.com" must be a fully qualified repository like registry.example.com/team/app (no wildcard, tag or digest)'
    ],
    [
      'a scope listed twice',
      doc(statement({ registryScopes: ['r.example.com/a', 'r.example.com/a'] })),
      'statement "p": registryScopes lists a scope twice'
    ],
    ['no signatureVerification', doc(statement({ signatureVerification: undefined })), 'statement "p": signatureVerification is required'],
    [
      'a level that is not a string',
      doc(statement({ signatureVerification: { level: 1 } })),
      'statement "p": signatureVerification.level must be one of strict, permissive, audit, skip'
    ],
    [
      'an unknown verifyTimestamp',
      doc(statement({ signatureVerification: { level: 'strict', verifyTimestamp: 'never' } })),
      'statement "p": verifyTimestamp must be "always" or "afterCertExpiry"'
    ],
    [
      'an override on level skip',
      doc(
        statement({
          registryScopes: ['r.example.com/a'],
          signatureVerification: { level: 'skip', override: {} },
          trustStores: undefined,
          trustedIdentities: undefined
        })
      ),
      'statement "p": level "skip" cannot have an override'
    ],
    [
      'an override that is not an object',
      doc(statement({ signatureVerification: { level: 'strict', override: 'log' } })),
      'statement "p": override must be an object'
    ],
    [
      'an unknown override key',
      doc(statement({ signatureVerification: { level: 'strict', override: { speed: 'log' } } })),
      'statement "p": override key "speed" is not one of authenticity, authenticTimestamp, expiry, revocation (integrity cannot be overridden)'
    ],
    [
      'an override value that is not a string',
      doc(statement({ signatureVerification: { level: 'strict', override: { revocation: true } } })),
      'statement "p": override revocation must be one of enforce, log, skip'
    ],
    [
      'skip for authenticity',
      doc(statement({ signatureVerification: { level: 'strict', override: { authenticity: 'skip' } } })),
      'override authenticity must be one of enforce, log'
    ],
    [
      'skip for authenticTimestamp',
      doc(statement({ signatureVerification: { level: 'strict', override: { authenticTimestamp: 'skip' } } })),
      'override authenticTimestamp must be one of enforce, log'
    ],
    [
      'trustStores that is not an array',
      doc(statement({ trustStores: 'ca:acme' })),
      'statement "p": trustStores and trustedIdentities must be arrays'
    ],
    [
      'trustedIdentities that is not an array',
      doc(statement({ trustedIdentities: '*' })),
      'statement "p": trustStores and trustedIdentities must be arrays'
    ],
    [
      'skip with identities only',
      doc(statement({ registryScopes: ['r.example.com/a'], signatureVerification: { level: 'skip' }, trustStores: undefined })),
      'statement "p": level "skip" must not have trustStores or trustedIdentities'
    ],
    ['no trustStores at all', doc(statement({ trustStores: undefined })), 'statement "p": trustStores must name at least one store'],
    ['a store that is not a string', doc(statement({ trustStores: [1] })), 'statement "p": trustStores must hold strings'],
    [
      'a store without a type',
      doc(statement({ trustStores: [':acme'] })),
      'statement "p": trust store ":acme" must be ca:<name>, signingAuthority:<name> or tsa:<name>'
    ],
    ['a store without a colon', doc(statement({ trustStores: ['acme'] })), 'trust store "acme" must be ca:<name>'],
    ['a store with an empty name', doc(statement({ trustStores: ['ca:'] })), 'trust store "ca:" must be ca:<name>'],
    [
      'no trustedIdentities at all',
      doc(statement({ trustedIdentities: undefined })),
      'statement "p": trustedIdentities must name at least one identity (or "*")'
    ],
    [
      'an identity that is not a string',
      doc(statement({ trustedIdentities: [5] })),
      'statement "p" trustedIdentities[0]: a trusted identity must be a non-empty string'
    ],
    [
      'a blank identity',
      doc(statement({ trustedIdentities: ['  '] })),
      'statement "p" trustedIdentities[0]: a trusted identity must be a non-empty string'
    ],
    [
      'an identity missing C',
      doc(statement({ trustedIdentities: ['x509.subject: ST=WA, O=a'] })),
      'statement "p" trustedIdentities[0]: identity "x509.subject: ST=WA, O=a" must contain C, ST and O (missing C)'
    ],
    ['an identity missing O', doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA'] })), 'must contain C, ST and O (missing O)'],
    [
      'an identity that does not parse',
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a\\'] })),
      'statement "p" trustedIdentities[0]: identity "x509.subject: C=US, ST=WA, O=a\\": ends with a lone backslash'
    ],
    [
      'an unknown identity form',
      doc(statement({ trustedIdentities: ['x509.subject C=US'] })),
      'statement "p" trustedIdentities[0]: identity "x509.subject C=US" must be "*", "x509.subject: C=…, ST=…, O=…" or an AWS Signer signing profile ARN'
    ],
    [
      'a second wildcard identity',
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a', '*'] })),
      'statement "p": the wildcard identity "*" must be the only identity'
    ],
    [
      'overlapping identities, the wider one second',
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a, OU=b', 'x509.subject: C=US, ST=WA, O=a'] })),
      'statement "p": trusted identities "x509.subject: C=US, ST=WA, O=a, OU=b" and "x509.subject: C=US, ST=WA, O=a" overlap'
    ],
    [
      'overlap found past the first pair',
      doc(
        statement({
          trustedIdentities: ['x509.subject: C=US, ST=WA, O=z', 'x509.subject: C=US, ST=WA, O=a', 'x509.subject: C=US, ST=WA, O=a, CN=b']
        })
      ),
      'trusted identities "x509.subject: C=US, ST=WA, O=a" and "x509.subject: C=US, ST=WA, O=a, CN=b" overlap'
    ],
    [
      'a scope in two statements, second in the other list',
      doc(
        statement({ name: 'a', registryScopes: ['r.example.com/x'] }),
        statement({ name: 'b', registryScopes: ['r.example.com/y', 'r.example.com/x'] })
      ),
      'Invalid trust policy: scope "r.example.com/x" appears in both "a" and "b"'
    ]
  ])('refuses %s', (_name, text, message) => {
    expect(policyError(text)).toContain(message)
  })

  it('says why the JSON does not parse', () => {
    expect(policyError('{"version": ')).toMatch(/^Invalid trust policy: not valid JSON \(.+\)$/)
  })

  it('accepts a file of exactly 1 MiB', () => {
    const base = doc(statement())
    const padded = `${base}${' '.repeat(1024 * 1024 - Buffer.byteLength(base))}`
    expect(Buffer.byteLength(padded)).toBe(1024 * 1024)
    expect(parseTrustPolicy(padded)).toHaveLength(1)
  })

  it('gives every level its actions from the specification table, and applies overrides to audit', () => {
    const levels = parseTrustPolicy(
      doc(
        statement({ name: 's', signatureVerification: { level: 'strict' } }),
        statement({ name: 'p', registryScopes: ['r.example.com/p'], signatureVerification: { level: 'permissive' } }),
        statement({
          name: 'a',
          registryScopes: ['r.example.com/a'],
          signatureVerification: {
            level: 'audit',
            override: { authenticity: 'enforce', authenticTimestamp: 'enforce', revocation: 'enforce' }
          }
        }),
        statement({
          name: 'k',
          registryScopes: ['r.example.com/k'],
          signatureVerification: { level: 'skip' },
          trustStores: [],
          trustedIdentities: []
        })
      )
    )
    expect(levels.map((s) => [s.name, s.level, s.actions])).toEqual([
      [
        's',
        'strict',
        { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'enforce', revocation: 'enforce' }
      ],
      ['p', 'permissive', { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' }],
      [
        'a',
        'audit',
        { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'log', revocation: 'enforce' }
      ],
      ['k', 'skip', { integrity: 'skip', authenticity: 'skip', authenticTimestamp: 'skip', expiry: 'skip', revocation: 'skip' }]
    ])
    // A skip statement carries no stores or identities, and the default verifyTimestamp.
    expect(levels[3]).toMatchObject({
      trustStores: [],
      trustedIdentities: [],
      verifyTimestamp: 'always',
      registryScopes: ['r.example.com/k']
    })
  })

  it('does not let one statement’s override change the table another statement reads', () => {
    const [first, second] = parseTrustPolicy(
      doc(
        statement({ name: 'a', signatureVerification: { level: 'strict', override: { expiry: 'log' } } }),
        statement({ name: 'b', registryScopes: ['r.example.com/b'], signatureVerification: { level: 'strict' } })
      )
    )
    expect(first?.actions.expiry).toBe('log')
    expect(second?.actions.expiry).toBe('enforce')
  })

  it('reads verifyTimestamp, every store type, scopes with a port, and trims identities', () => {
    const [s] = parseTrustPolicy(
      doc(
        statement({
          registryScopes: ['localhost:5000/team/app', 'r.example.com/a__b/c-d/e.f', 'r.example.com/team--app/svc.api'],
          signatureVerification: { level: 'strict', verifyTimestamp: 'afterCertExpiry' },
          trustStores: ['ca:acme', 'signingAuthority:aws-signer-ts', 'tsa:Time_1.0'],
          trustedIdentities: ['  x509.subject: C=US, ST=WA, O=a  ']
        })
      )
    )
    expect(s).toMatchObject({
      name: 'p',
      registryScopes: ['localhost:5000/team/app', 'r.example.com/a__b/c-d/e.f', 'r.example.com/team--app/svc.api'],
      verifyTimestamp: 'afterCertExpiry',
      trustStores: [
        { type: 'ca', name: 'acme' },
        { type: 'signingAuthority', name: 'aws-signer-ts' },
        { type: 'tsa', name: 'Time_1.0' }
      ],
      trustedIdentities: [
        {
          kind: 'x509.subject',
          raw: 'x509.subject: C=US, ST=WA, O=a',
          attributes: [
            { oid: '2.5.4.6', value: 'US' },
            { oid: '2.5.4.8', value: 'WA' },
            { oid: '2.5.4.10', value: 'a' }
          ]
        }
      ]
    })
    expect(parseTrustPolicy(doc(statement({ trustedIdentities: [' * '] })))[0]?.trustedIdentities).toEqual([{ kind: 'any' }])
  })

  it.each([
    ['an upper-case repository', 'r.example.com/App'],
    ['a trailing slash', 'r.example.com/app/'],
    ['a digest', 'r.example.com/app@sha256:abc'],
    ['a leading separator', 'r.example.com/-app'],
    ['a text before the host', 'x r.example.com/app'],
    ['a port that is not a number', 'r.example.com:x/app']
  ])('refuses a scope with %s', (_name, scope) => {
    expect(policyError(doc(statement({ registryScopes: [scope] })))).toContain(
      `registry scope "${scope}" must be a fully qualified repository`
    )
  })

  it('accepts identities whose subjects differ but do not contain each other', () => {
    const [s] = parseTrustPolicy(
      doc(statement({ trustedIdentities: ['x509.subject: C=US, ST=WA, O=a, CN=x', 'x509.subject: C=US, ST=WA, O=a, CN=y'] }))
    )
    expect(s?.trustedIdentities).toHaveLength(2)
  })
})

describe('parseDistinguishedName: escapes, edges and types', () => {
  it('keeps an escaped = in a value and splits only at the first unescaped =', () => {
    expect(parseDistinguishedName('CN=a\\=b=c')).toEqual([{ oid: '2.5.4.3', value: 'a=b=c' }])
  })

  it('trims unescaped edge spaces of values and types, and reads OIDs and the S and EMAILADDRESS names', () => {
    expect(parseDistinguishedName('  o =  acme  ;2.5.4.97=VAT-1; S=WA, emailAddress=a@b.c')).toEqual([
      { oid: '2.5.4.10', value: 'acme' },
      { oid: '2.5.4.97', value: 'VAT-1' },
      { oid: '2.5.4.8', value: 'WA' },
      { oid: '1.2.840.113549.1.9.1', value: 'a@b.c' }
    ])
  })

  it('refuses a lone backslash, an empty value, an empty type and a bare OID arc', () => {
    expect(parseDistinguishedName('CN=a\\')).toBe('ends with a lone backslash')
    expect(parseDistinguishedName('C=US, O=')).toBe('attribute O has an empty value')
    expect(parseDistinguishedName('C=US, O=  ')).toBe('attribute O has an empty value')
    expect(parseDistinguishedName('=x')).toBe('"=x" is not TYPE=value')
    expect(parseDistinguishedName('C=US,  junk ')).toBe('"junk" is not TYPE=value')
    expect(parseDistinguishedName('2=x')).toBe('unknown attribute type "2"')
    expect(parseDistinguishedName('2.5.4.x=y')).toBe('unknown attribute type "2.5.4.X"')
  })
})

describe('subjectMatches: each wanted attribute uses up one of the subject', () => {
  it('needs a repeated attribute to appear as often in the subject', () => {
    const ou = { oid: '2.5.4.11', value: 'x' }
    expect(subjectMatches([ou, ou], [ou])).toBe(false)
    expect(subjectMatches([ou, ou], [ou, { ...ou }])).toBe(true)
    expect(subjectMatches([], [ou])).toBe(true)
  })

  it('does not change the subject it is given', () => {
    const subject = [{ oid: '2.5.4.11', value: 'x' }]
    subjectMatches([{ oid: '2.5.4.11', value: 'x' }], subject)
    expect(subject).toHaveLength(1)
  })
})

describe('selectStatement: exact scope, then global, never a near match', () => {
  it('takes the first exact statement even when a global statement comes first', () => {
    const statements = parseTrustPolicy(
      doc(statement({ name: 'global' }), statement({ name: 'app', registryScopes: ['r.example.com/app'] }))
    )
    expect(selectStatement(statements, 'r.example.com/app')?.name).toBe('app')
    expect(selectStatement(statements, 'R.example.com/app')?.name).toBe('global')
    expect(selectStatement([], 'r.example.com/app')).toBeUndefined()
  })
})
