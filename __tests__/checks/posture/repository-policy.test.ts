/**
 * `repository-policy`, statement by statement: public principals, restricting conditions with fixed
 * values, push-type actions (and wildcards, NotAction) to accounts outside the allowed ones.
 */
import { describe, expect, it } from 'vitest'
import { evaluateRepositoryPolicy, type PolicyTrust } from '../../../src/checks/posture/index.js'

const OWN = '123456789012'
const OTHER = '999999999999'
const ORG = 'o-a1b2c3d4e5'
const trust: PolicyTrust = { ownAccount: OWN, allowedAccounts: ['111111111111'], allowedOrg: ORG }
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const pull = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']
const push = ['ecr:PutImage', 'ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload']

describe('repository-policy', () => {
  it.each([
    ['no policy', undefined, 'pass'],
    ['an empty statement list', policy(), 'pass'],
    ['pull for the own account', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OWN}:root` }, Action: pull }), 'pass'],
    ['pull for another account', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: pull }), 'pass'],
    [
      'push for an allowed account',
      policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:role/ci' }, Action: push }),
      'pass'
    ],
    ['push for the own account', policy({ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${OWN}:role/ci`] }, Action: push }), 'pass'],
    ['push for another account', policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: push }), 'fail'],
    ['ecr:* for another account', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'ecr:*' }), 'fail'],
    ['ecr:Put* for another account', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'ecr:Put*' }), 'fail'],
    ['* for another account', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: '*' }), 'fail'],
    ['lower-case action names', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'ecr:putimage' }), 'fail'],
    [
      'SetRepositoryPolicy for another account',
      policy({ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'ecr:SetRepositoryPolicy' }),
      'fail'
    ],
    ['NotAction leaving push', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, NotAction: 'ecr:DeleteRepository' }), 'fail'],
    ['NotAction excluding every ecr action', policy({ Effect: 'Allow', Principal: { AWS: OTHER }, NotAction: 'ecr:*' }), 'pass'],
    ['Principal "*"', policy({ Effect: 'Allow', Principal: '*', Action: pull }), 'fail'],
    ['{"AWS":"*"}', policy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: pull }), 'fail'],
    ['arn:aws:iam::*:root', policy({ Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::*:root'] }, Action: pull }), 'fail'],
    ['CanonicalUser *', policy({ Effect: 'Allow', Principal: { CanonicalUser: '*' }, Action: pull }), 'fail'],
    ['Allow with NotPrincipal', policy({ Effect: 'Allow', NotPrincipal: { AWS: OTHER }, Action: pull }), 'fail'],
    [
      'public pull limited to the org',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
      'pass'
    ],
    [
      'public pull limited to a VPC endpoint',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
      'pass'
    ],
    [
      'public pull limited by ForAnyValue:StringEquals',
      policy({
        Effect: 'Allow',
        Principal: '*',
        Action: pull,
        Condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] } }
      }),
      'pass'
    ],
    [
      'public pull with a wildcard condition value',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }),
      'fail'
    ],
    [
      'public pull with a policy variable',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEquals: { 'aws:PrincipalAccount': '${aws:username}' } } }),
      'fail'
    ],
    [
      'public pull with …IfExists',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEqualsIfExists: { 'aws:PrincipalOrgID': ORG } } }),
      'fail'
    ],
    [
      'public pull with a non-restricting key',
      policy({ Effect: 'Allow', Principal: '*', Action: pull, Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }),
      'fail'
    ],
    [
      'public push limited to the allowed org',
      policy({ Effect: 'Allow', Principal: '*', Action: push, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
      'pass'
    ],
    [
      'public push limited to another org',
      policy({ Effect: 'Allow', Principal: '*', Action: push, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } } }),
      'fail'
    ],
    [
      'public push limited to allowed accounts',
      policy({
        Effect: 'Allow',
        Principal: '*',
        Action: push,
        Condition: { StringEquals: { 'aws:PrincipalAccount': ['111111111111', OWN] } }
      }),
      'pass'
    ],
    [
      'public push limited to a VPC endpoint',
      policy({ Effect: 'Allow', Principal: '*', Action: push, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
      'fail'
    ],
    [
      'a service principal',
      policy({
        Effect: 'Allow',
        Principal: { Service: 'codebuild.amazonaws.com' },
        Action: pull,
        Condition: { StringEquals: { 'aws:SourceAccount': OWN } }
      }),
      'pass'
    ],
    [
      'Deny to everyone',
      policy({ Effect: 'Deny', Principal: '*', Action: 'ecr:*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }),
      'pass'
    ],
    ['a single Statement object', JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: pull } }), 'fail'],
    ['not JSON', '{"Statement": [', 'error'],
    ['no Statement', '{"Version":"2012-10-17"}', 'error'],
    ['too long', 'x'.repeat(10_241), 'error'],
    ['an unreadable statement', policy({ Effect: 'Maybe', Principal: '*', Action: pull }), 'fail']
  ])('%s → %s', (_label, text, outcome) => {
    expect(evaluateRepositoryPolicy(text, 'app', trust).outcome).toBe(outcome)
  })

  it('gives statement-by-statement reasons and the fix', () => {
    const text = policy(
      { Sid: 'Pull', Effect: 'Allow', Principal: { AWS: OTHER }, Action: pull },
      { Sid: 'Open', Effect: 'Allow', Principal: '*', Action: pull },
      { Sid: 'Push', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:role/ci` }, Action: push },
      { Effect: 'Deny', Principal: '*', Action: 'ecr:BatchDeleteImage' }
    )
    const finding = evaluateRepositoryPolicy(text, 'app', trust)
    expect(finding.details).toEqual([
      'statement 1 (Pull): ok',
      'statement 2 (Open): public',
      'statement 3 (Push): cross-account push',
      'statement 4: Deny, only takes access away'
    ])
    expect(finding.reason).toBe(
      'statement 2 (Open) allows a public principal with no restricting condition; statement 3 (Push) allows push-type actions (ecr:PutImage, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload) to 999999999999, outside the allowed accounts'
    )
    expect(finding.fix).toMatch(
      /^remove or restrict the statements: aws ecr set-repository-policy --repository-name app --registry-id 123456789012/
    )
  })

  it('without an allowed org, an org condition does not make push inside', () => {
    const text = policy({ Effect: 'Allow', Principal: '*', Action: push, Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } })
    expect(evaluateRepositoryPolicy(text, 'app', { ownAccount: OWN, allowedAccounts: [] }).outcome).toBe('fail')
  })
})
