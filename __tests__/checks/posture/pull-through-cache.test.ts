/**
 * `pull-through-cache`: prefix matching (longest wins, `/` boundaries, ROOT as "possibly cached")
 * and the allowed upstreams.
 */
import { describe, expect, it } from 'vitest'
import { cacheRuleFor, evaluatePullThroughCache, parseAllowedUpstreams, type CacheRule } from '../../../src/checks/posture/index.js'
import { SettingError } from '../../../src/core/errors.js'

const rules: CacheRule[] = [
  { prefix: 'ecr-public', upstreamRegistryUrl: 'public.ecr.aws', upstreamRegistry: 'ecr-public' },
  { prefix: 'docker-hub', upstreamRegistryUrl: 'registry-1.docker.io', upstreamRegistry: 'docker-hub' },
  {
    prefix: 'docker-hub/library',
    upstreamRegistryUrl: 'registry-1.docker.io',
    upstreamRegistry: 'docker-hub',
    upstreamRepositoryPrefix: 'library'
  },
  {
    prefix: 'team-a',
    upstreamRegistryUrl: '444455556666.dkr.ecr.us-east-1.amazonaws.com',
    upstreamRegistry: 'ecr',
    upstreamRepositoryPrefix: 'upstream-app'
  }
]
const withRoot: CacheRule[] = [...rules, { prefix: 'ROOT', upstreamRegistryUrl: 'ghcr.io', upstreamRegistry: 'github-container-registry' }]

describe('pull-through-cache', () => {
  it.each([
    [
      'ecr-public/nginx/nginx',
      rules,
      ['public.ecr.aws'],
      'pass',
      /cached by the rule for prefix 'ecr-public' from public\.ecr\.aws, an allowed upstream/
    ],
    ['ecr-public/nginx/nginx', rules, ['ECR-PUBLIC'], 'pass', /an allowed upstream/],
    ['ecr-public/nginx/nginx', rules, [], 'fail', /from public\.ecr\.aws, which is not in posture-allowed-upstreams/],
    ['docker-hub/library/alpine', rules, ['public.ecr.aws'], 'fail', /prefix 'docker-hub\/library' from registry-1\.docker\.io\/library/],
    ['docker-hub/bitnami/redis', rules, ['registry-1.docker.io'], 'pass', /prefix 'docker-hub' /],
    ['team-a/app', rules, ['ecr'], 'pass', /444455556666\.dkr\.ecr\.us-east-1\.amazonaws\.com\/upstream-app/],
    ['team-a', rules, [], 'fail', /prefix 'team-a'/],
    ['team-ab/app', rules, [], 'pass', /not a pull-through cache repository/],
    ['ecr-publicity/app', rules, [], 'pass', /not a pull-through cache repository/],
    ['app', [], [], 'pass', /not a pull-through cache repository/],
    ['app', withRoot, [], 'warn', /possibly cached .* from ghcr\.io, which is not in posture-allowed-upstreams/],
    ['app', withRoot, ['ghcr.io'], 'pass', /possibly cached/],
    ['ecr-public/x', withRoot, ['public.ecr.aws'], 'pass', /prefix 'ecr-public'/]
  ] as [string, CacheRule[], string[], string, RegExp][])('%s with %j allowed → %s', (repository, list, allowed, outcome, reason) => {
    const finding = evaluatePullThroughCache(list, repository, allowed)
    expect(finding.outcome).toBe(outcome)
    expect(finding.reason).toMatch(reason)
  })

  it('the longest prefix wins and a trailing / in a prefix is ignored', () => {
    expect(cacheRuleFor(rules, 'docker-hub/library/alpine')?.rule.prefix).toBe('docker-hub/library')
    expect(cacheRuleFor([{ prefix: 'cache/', upstreamRegistryUrl: 'quay.io' }], 'cache/x')?.rule.upstreamRegistryUrl).toBe('quay.io')
  })

  it('reads posture-allowed-upstreams', () => {
    expect(parseAllowedUpstreams(['Public.ECR.aws', 'ecr-public', 'registry.local:5000', 'ecr-public'])).toEqual([
      'public.ecr.aws',
      'ecr-public',
      'registry.local:5000'
    ])
    expect(() => parseAllowedUpstreams(['https://ghcr.io'])).toThrow(SettingError)
    expect(() => parseAllowedUpstreams(['ghcr.io/org'])).toThrow(/posture-allowed-upstreams/)
  })
})
