/**
 * The signer pin is literal text: a workflow file name or ref holding a regular-expression
 * metacharacter matches only itself, never the other identities the metacharacter would match.
 * And the statement's edges: exactly at the size bound, a missing predicate or type.
 */
import { describe, expect, it } from 'vitest'
import { IN_TOTO_PAYLOAD_TYPE, signerPattern, statementProblem } from '../../../src/checks/attestation/index.js'
import type { AttestationSettings } from '../../../src/checks/attestation/settings.js'

function settings(over: Partial<AttestationSettings> = {}): AttestationSettings {
  return {
    owner: 'acme',
    oidcIssuer: 'https://token.actions.githubusercontent.com',
    denySelfHostedRunners: false,
    predicateType: 'https://slsa.dev/provenance/v1',
    source: { kind: 'api' },
    host: 'github.com',
    ...over
  }
}

const WF = 'https://github.com/acme/build/.github/workflows'
const REF = '@refs/heads/main'

describe('signerPattern: metacharacters are literal', () => {
  // [file name in the pin, identities that must not pass it]
  const cases: [string, string[]][] = [
    ['a.b.yml', ['aXb.yml']],
    ['a*b.yml', ['ab.yml', 'aaab.yml']],
    ['a+b.yml', ['ab.yml', 'aab.yml']],
    ['a?b.yml', ['b.yml', 'ab.yml']],
    ['a{2}b.yml', ['aab.yml']],
    ['a(b).yml', ['ab.yml']],
    ['a[bc].yml', ['ab.yml', 'ac.yml']],
    ['a|b.yml', ['a', 'b.yml']],
    ['a^b.yml', ['ab.yml']],
    ['a$b.yml', ['ab.yml']],
    ['a\\db.yml', ['a1b.yml']]
  ]

  for (const [name, others] of cases) {
    it(`a pin on ${name} matches that workflow only`, () => {
      const p = signerPattern(settings({ signerWorkflow: `acme/build/.github/workflows/${name}` }))
      expect(p.test(`${WF}/${name}${REF}`)).toBe(true)
      for (const other of others) {
        expect(p.test(`${WF}/${other}${REF}`)).toBe(false)
        expect(p.test(`https://github.com/evil/x/.github/workflows/${other}${REF}`)).toBe(false)
      }
    })
  }

  it('an alternation in the pin does not open it to any identity ending like its second half', () => {
    const p = signerPattern(settings({ signerWorkflow: 'acme/build/.github/workflows/a|b.yml' }))
    expect(p.test(`https://github.com/evil/x/.github/workflows/b.yml${REF}`)).toBe(false)
    expect(p.test(`https://github.com/evil/x/${REF}|b.yml${REF}`)).toBe(false)
  })

  it('a pinned ref with metacharacters matches only that ref', () => {
    const p = signerPattern(settings({ signerWorkflow: 'acme/build/.github/workflows/r.yml@refs/tags/v1.0+rc(1)' }))
    expect(p.test(`${WF}/r.yml@refs/tags/v1.0+rc(1)`)).toBe(true)
    expect(p.test(`${WF}/r.yml@refs/tags/v1X00rc1`)).toBe(false)
    expect(p.test(`${WF}/r.yml@refs/tags/v1.0rc1`)).toBe(false)
  })

  it('a repository or owner pin with a dot in the name matches only that name', () => {
    const repo = signerPattern(settings({ repo: 'acme/my.app' }))
    expect(repo.test('https://github.com/acme/my.app/.github/workflows/r.yml@refs/heads/main')).toBe(true)
    expect(repo.test('https://github.com/acme/myXapp/.github/workflows/r.yml@refs/heads/main')).toBe(false)
    const signer = signerPattern(settings({ signerRepo: 'acme/my.build' }))
    expect(signer.test('https://github.com/acme/my.build/.github/workflows/r.yml@refs/heads/main')).toBe(true)
    expect(signer.test('https://github.com/acme/myXbuild/.github/workflows/r.yml@refs/heads/main')).toBe(false)
    const host = signerPattern(settings({ host: 'ghe.example.com' }))
    expect(host.test('https://gheXexample.com/acme/r/.github/workflows/r.yml@refs/heads/main')).toBe(false)
  })
})

describe('statementProblem: edges', () => {
  const hex = 'e'.repeat(64)
  const artifact = { algorithm: 'sha256', hex }
  const predicateType = 'https://slsa.dev/provenance/v1'
  const json = (value: Record<string, unknown>): Buffer => Buffer.from(JSON.stringify(value))
  const base = { _type: 'https://in-toto.io/Statement/v1', subject: [{ digest: { sha256: hex } }], predicateType }

  it('reads a statement of exactly the 4 MiB bound', () => {
    const text = JSON.stringify(base)
    const payload = Buffer.from(text + ' '.repeat(4 * 1024 * 1024 - text.length))
    expect(payload.length).toBe(4 * 1024 * 1024)
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, payload, artifact, predicateType)).toEqual({ facts: { predicateType } })
  })

  it('has no build type without a predicate (absent or null) or a build definition', () => {
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, json(base), artifact, predicateType)).toEqual({ facts: { predicateType } })
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, json({ ...base, predicate: null }), artifact, predicateType)).toEqual({
      facts: { predicateType }
    })
    expect(
      statementProblem(IN_TOTO_PAYLOAD_TYPE, json({ ...base, predicate: { buildDefinition: { buildType: 3 } } }), artifact, predicateType)
    ).toEqual({ facts: { predicateType } })
  })

  it('a subject name that is not a string is not reported', () => {
    expect(
      statementProblem(IN_TOTO_PAYLOAD_TYPE, json({ ...base, subject: [{ name: 7, digest: { sha256: hex } }] }), artifact, predicateType)
    ).toEqual({ facts: { predicateType } })
  })

  it('names a missing statement type or predicate type', () => {
    const { _type: _t, ...noType } = base
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, json(noType), artifact, predicateType)).toEqual({
      problem: 'the statement type is undefined, not an in-toto statement'
    })
    const { predicateType: _p, ...noPredicate } = base
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, json(noPredicate), artifact, predicateType)).toEqual({
      problem: `the predicate type is undefined, not ${predicateType} ('attestation-predicate-type')`
    })
  })

  it('a subject is matched under the algorithm asked for, not another one holding the same hex', () => {
    const sha512 = { algorithm: 'sha512', hex }
    expect(statementProblem(IN_TOTO_PAYLOAD_TYPE, json(base), sha512, predicateType)).toEqual({
      problem: `no subject is sha512:${hex.slice(0, 12)}… (it attests (no such digest)): this attestation is for another artifact`
    })
  })
})
