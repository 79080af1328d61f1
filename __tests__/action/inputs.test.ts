import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SettingError } from '../../src/core/errors.js'
import { readList, readSettings } from '../../src/action/inputs.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const env = { AWS_REGION: 'us-east-1', RUNNER_TEMP: '/tmp/runner' }

function reader(values: Record<string, string>) {
  return (name: string): string => values[name] ?? ''
}

function errorFor(values: Record<string, string>, e: NodeJS.ProcessEnv = env): SettingError {
  try {
    readSettings(reader(values), e)
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    return error as SettingError
  }
  throw new Error('expected an SettingError')
}

describe('readSettings', () => {
  it('applies documented defaults', () => {
    const s = readSettings(reader({ repository: 'app', tag: 'v1' }), env)
    expect(s).toMatchObject({
      images: [{ reference: 'app:v1', repository: 'app', tag: 'v1', region: 'us-east-1' }],
      batch: false,
      severityThreshold: 'HIGH',
      ignoreUnfixed: false,
      maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
      exploitableOnly: false,
      scanTimeoutSeconds: 600,
      scanType: 'auto',
      startScan: true,
      mode: 'enforce',
      failFast: true,
      summary: true,
      signingProfileArns: []
    })
    expect(s.reportFile).toBe('/tmp/runner/ecr-deploy-gate-report.json')
    expect(s.images[0]?.digest).toBeUndefined()
    expect(s.images[0]?.registryId).toBeUndefined()
    expect(s.minEpss).toBeUndefined()
  })

  it('parses every input', () => {
    const s = readSettings(
      reader({
        repository: 'team/app',
        tag: 'v1',
        digest: DIGEST,
        'registry-id': '123456789012',
        region: 'eu-west-1',
        'severity-threshold': 'medium',
        'ignore-unfixed': 'TRUE',
        'max-critical': '1',
        'max-high': '2',
        'max-medium': '30',
        'max-low': '400',
        allowlist: 'allow.yml',
        'min-epss': '0.25',
        'exploitable-only': 'true',
        'scan-timeout': '30',
        'scan-type': 'BASIC',
        'start-scan': 'false',
        mode: 'audit',
        'fail-fast': 'false',
        'report-file': 'out/report.json',
        'sarif-file': 'out/x.sarif',
        summary: 'false',
        'signing-profile-arns':
          'arn:aws:signer:us-east-1:123456789012:/signing-profiles/a\n# comment\narn:aws:signer:us-east-1:123456789012:/signing-profiles/b, ',
        'trust-policy': 'tp.json',
        'trust-store': 'store'
      }),
      env
    )
    expect(s).toMatchObject({
      images: [
        {
          reference: `team/app:v1@${DIGEST}`,
          repository: 'team/app',
          tag: 'v1',
          digest: DIGEST,
          registryId: '123456789012',
          region: 'eu-west-1'
        }
      ],
      severityThreshold: 'MEDIUM',
      ignoreUnfixed: true,
      maxCounts: { critical: 1, high: 2, medium: 30, low: 400 },
      allowlistPath: 'allow.yml',
      minEpss: 0.25,
      exploitableOnly: true,
      scanTimeoutSeconds: 30,
      scanType: 'basic',
      startScan: false,
      mode: 'audit',
      failFast: false,
      reportFile: 'out/report.json',
      sarifFile: 'out/x.sarif',
      summary: false,
      trustPolicyPath: 'tp.json',
      trustStorePath: 'store'
    })
    expect(s.signingProfileArns).toEqual([
      'arn:aws:signer:us-east-1:123456789012:/signing-profiles/a',
      'arn:aws:signer:us-east-1:123456789012:/signing-profiles/b'
    ])
  })

  it('splits a full image reference', () => {
    const s = readSettings(reader({ image: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/ns/app:v2@${DIGEST}` }), {})
    expect(s.images).toEqual([
      {
        reference: `123456789012.dkr.ecr.eu-central-1.amazonaws.com/ns/app:v2@${DIGEST}`,
        registryId: '123456789012',
        region: 'eu-central-1',
        repository: 'ns/app',
        tag: 'v2',
        digest: DIGEST
      }
    ])
  })

  it('takes the region from AWS_DEFAULT_REGION when AWS_REGION is unset', () => {
    expect(readSettings(reader({ repository: 'app', tag: 'v1' }), { AWS_DEFAULT_REGION: 'ap-south-1' }).images[0]?.region).toBe(
      'ap-south-1'
    )
  })

  it.each([
    [{ tag: 'v1' }, 'repository', /'repository' is required/],
    [{ repository: 'app' }, 'tag', /'tag' or 'digest' is required/],
    [{ repository: 'App', tag: 'v1' }, 'repository', /lowercase/],
    [{ repository: 'app', tag: '-bad' }, 'tag', /Invalid input for 'tag'/],
    [{ repository: 'app', digest: 'sha256:ABC' }, 'digest', /64 lowercase hex/],
    [{ repository: 'app', tag: 'v1', 'registry-id': '12345' }, 'registry-id', /12-digit/],
    [{ repository: 'app', tag: 'v1', region: 'mars' }, 'region', /AWS region/],
    [
      { repository: 'app', tag: 'v1', 'severity-threshold': 'SEVERE' },
      'severity-threshold',
      /expected one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, got 'SEVERE'/
    ],
    [{ repository: 'app', tag: 'v1', 'ignore-unfixed': 'yes' }, 'ignore-unfixed', /expected true or false/],
    [{ repository: 'app', tag: 'v1', 'max-critical': '-1' }, 'max-critical', /whole number from 0 to 1000000/],
    [{ repository: 'app', tag: 'v1', 'max-high': '1.5' }, 'max-high', /whole number/],
    [{ repository: 'app', tag: 'v1', 'max-medium': '99999999999' }, 'max-medium', /whole number/],
    [{ repository: 'app', tag: 'v1', 'max-low': 'ten' }, 'max-low', /whole number/],
    [{ repository: 'app', tag: 'v1', 'min-epss': '1.5' }, 'min-epss', /from 0 to 1/],
    [{ repository: 'app', tag: 'v1', 'min-epss': 'NaN' }, 'min-epss', /from 0 to 1/],
    [{ repository: 'app', tag: 'v1', 'exploitable-only': '1' }, 'exploitable-only', /true or false/],
    [{ repository: 'app', tag: 'v1', 'scan-timeout': '0' }, 'scan-timeout', /from 1 to 86400/],
    [{ repository: 'app', tag: 'v1', 'scan-timeout': '86401' }, 'scan-timeout', /from 1 to 86400/],
    [{ repository: 'app', tag: 'v1', 'scan-type': 'deep' }, 'scan-type', /auto, enhanced, basic/],
    [{ repository: 'app', tag: 'v1', 'start-scan': 'maybe' }, 'start-scan', /true or false/],
    [{ repository: 'app', tag: 'v1', mode: 'warn' }, 'mode', /enforce, audit/],
    [{ repository: 'app', tag: 'v1', 'fail-fast': 'sometimes' }, 'fail-fast', /true or false/],
    [{ repository: 'app', tag: 'v1', summary: 'no' }, 'summary', /true or false/],
    [{ repository: 'app', tag: 'v1', 'trust-store': 'dir' }, 'trust-store', /needs 'trust-policy' or 'signing-profile-arns'/],
    [{ image: 'docker.io/library/nginx:latest' }, 'image', /expected <account>\.dkr\.ecr/],
    [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app' }, 'image', /@sha256/],
    [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1', repository: 'app' }, 'image', /cannot be combined/],
    [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1', region: 'us-west-2' }, 'region', /does not match/],
    [{ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1', 'registry-id': '210987654321' }, 'registry-id', /does not match/]
  ])('rejects %j naming %s', (values, input, message) => {
    const error = errorFor(values as Record<string, string>)
    expect(error.setting).toBe(input)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/\n/)
  })

  it('requires a region when none is set anywhere', () => {
    expect(errorFor({ repository: 'app', tag: 'v1' }, {}).setting).toBe('region')
  })

  it('treats whitespace-only inputs as unset', () => {
    const s = readSettings(reader({ repository: ' app ', tag: ' v1 ', 'severity-threshold': '   ', 'max-high': ' ' }), env)
    expect(s.images[0]).toMatchObject({ reference: 'app:v1', repository: 'app', tag: 'v1' })
    expect(s.severityThreshold).toBe('HIGH')
    expect(s.maxCounts.high).toBe(0)
  })

  it('clips huge values in error messages', () => {
    const error = errorFor({ repository: 'app', tag: 'v1', mode: 'x'.repeat(100_000) })
    expect(error.message.length).toBeLessThan(300)
  })

  it('never throws anything but SettingError for arbitrary input values', () => {
    const names = [
      'repository',
      'tag',
      'digest',
      'image',
      'registry-id',
      'region',
      'severity-threshold',
      'max-high',
      'min-epss',
      'scan-timeout',
      'mode'
    ]
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 80 })), (values) => {
        try {
          readSettings(reader(values), env)
        } catch (error) {
          if (!(error instanceof SettingError)) throw error
          expect(names).toContain(error.setting)
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('readList', () => {
  it('splits on newlines and commas and drops comments and blanks', () => {
    expect(readList('a, b\n\n# only a comment\nc # trailing')).toEqual(['a', 'b', 'c'])
    expect(readList('')).toEqual([])
  })
})

describe('readSettings: the images input (batch)', () => {
  const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
  const ref = (n: number): string => `${HOST}/app-${n}:v${n}`

  it('parses a newline and comma list with comments, in order', () => {
    const s = readSettings(
      reader({
        images: `# release images\n${HOST}/app:v1\n${HOST}/team/web@${DIGEST}, 210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker:v2@${DIGEST} # pinned\n`
      }),
      {}
    )
    expect(s.batch).toBe(true)
    expect(s.images).toEqual([
      { reference: `${HOST}/app:v1`, registryId: '123456789012', region: 'us-east-1', repository: 'app', tag: 'v1' },
      { reference: `${HOST}/team/web@${DIGEST}`, registryId: '123456789012', region: 'us-east-1', repository: 'team/web', digest: DIGEST },
      {
        reference: `210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker:v2@${DIGEST}`,
        registryId: '210987654321',
        region: 'eu-west-1',
        repository: 'worker',
        tag: 'v2',
        digest: DIGEST
      }
    ])
  })

  it('accepts 50 entries and matching registry-id and region', () => {
    const images = Array.from({ length: 50 }, (_, i) => ref(i)).join('\n')
    const s = readSettings(reader({ images, 'registry-id': '123456789012', region: 'us-east-1' }), env)
    expect(s.images).toHaveLength(50)
    expect(s.images[49]?.repository).toBe('app-49')
  })

  it('marks a single image as not a batch', () => {
    expect(readSettings(reader({ repository: 'app', tag: 'v1' }), env).batch).toBe(false)
    expect(readSettings(reader({ image: ref(1) }), env)).toMatchObject({ batch: false, images: [{ reference: ref(1) }] })
  })

  it.each([
    [{ images: `${ref(1)}`, image: ref(2) }, 'images', /'images' cannot be combined with 'image', 'repository', 'tag' or 'digest'/],
    [{ images: `${ref(1)}`, repository: 'app' }, 'images', /cannot be combined/],
    [{ images: `${ref(1)}`, tag: 'v1' }, 'images', /cannot be combined/],
    [{ images: `${ref(1)}`, digest: DIGEST }, 'images', /cannot be combined/],
    [{ images: '# nothing but a comment' }, 'images', /expected 1 to 50 image references.*got 0/],
    [{ images: Array.from({ length: 51 }, (_, i) => ref(i)).join(',') }, 'images', /expected 1 to 50 .*got 51/],
    [{ images: `${ref(1)}\ndocker.io/library/nginx:latest` }, 'images', /entry 2 of input 'images'.*expected <account>\.dkr\.ecr/],
    [{ images: `${HOST}/app` }, 'images', /entry 1 of input 'images'.*@sha256/],
    [{ images: `${ref(1)}\n${ref(2)}\n${ref(1)}` }, 'images', /entry 3 of input 'images': it repeats entry 1/],
    [{ images: `${ref(1)}\n  ${ref(1)}  # same again` }, 'images', /entry 2 .*repeats entry 1/],
    [
      { images: `${ref(1)}\n210987654321.dkr.ecr.us-east-1.amazonaws.com/xy:v1`, 'registry-id': '123456789012' },
      'registry-id',
      /account of entry 2 of 'images' \(210987654321\)/
    ],
    [
      { images: `${ref(1)}\n123456789012.dkr.ecr.eu-west-1.amazonaws.com/xy:v1`, region: 'us-east-1' },
      'region',
      /region of entry 2 of 'images' \(eu-west-1\)/
    ]
  ])('rejects %j naming %s', (values, input, message) => {
    const error = errorFor(values as Record<string, string>)
    expect(error.setting).toBe(input)
    expect(error.message).toMatch(message)
    expect(error.message).not.toMatch(/\n/)
  })

  it('never throws anything but SettingError naming images, registry-id or region for arbitrary lists', () => {
    const entry = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(ref(1), ref(2), `${HOST}/app@${DIGEST}`, `${HOST}/App:v1`))
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.constantFrom('\n', ','), (entries, sep) => {
        // A blank list is an unset input (then 'repository' is required), tested above.
        fc.pre(entries.join(sep).trim() !== '')
        try {
          const s = readSettings(reader({ images: entries.join(sep) }), env)
          expect(s.batch).toBe(true)
          expect(s.images.length).toBeGreaterThan(0)
        } catch (error) {
          if (!(error instanceof SettingError)) throw error
          expect(['images', 'registry-id', 'region']).toContain(error.setting)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('clips a huge bad entry in the error', () => {
    const error = errorFor({ images: `${ref(1)}\n${'x'.repeat(100_000)}` })
    expect(error.setting).toBe('images')
    expect(error.message.length).toBeLessThan(400)
  })
})
