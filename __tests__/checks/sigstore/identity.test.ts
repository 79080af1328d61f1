import { describe, expect, it } from 'vitest'
import { compileAnchored, describeMatcher, matches } from '../../../src/checks/sigstore/identity.js'

const SAN = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'

describe('certificate identity matching', () => {
  it('compares an exact value as a whole string', () => {
    expect(matches({ exact: SAN }, SAN)).toBe(true)
    expect(matches({ exact: SAN }, `${SAN}x`)).toBe(false)
    expect(matches({ exact: SAN }, SAN.toUpperCase())).toBe(false)
    expect(matches({ exact: SAN }, undefined)).toBe(false)
    expect(matches({ exact: '' }, undefined)).toBe(false)
  })

  it('anchors a regexp to the whole value, so a prefix or a suffix does not pass', () => {
    const m = { regexp: 'https://github\\.com/acme/app/.*' }
    expect(matches(m, SAN)).toBe(true)
    expect(matches(m, `https://evil.example/?${SAN}`)).toBe(false)
    expect(matches({ regexp: 'https://github\\.com/acme/app' }, SAN)).toBe(false)
    // An alternation is anchored as a whole, not only its first and last branch.
    const alt = compileAnchored('a|b')
    expect(alt.test('a')).toBe(true)
    expect(alt.test('b')).toBe(true)
    expect(alt.test('ab')).toBe(false)
    expect(alt.test('xa')).toBe(false)
    expect(alt.test('bx')).toBe(false)
    expect(matches({ regexp: '.*' }, undefined)).toBe(false)
  })

  it('compiles in Unicode mode and throws a SyntaxError on a bad pattern', () => {
    expect(compileAnchored('.').test('😀')).toBe(true)
    expect(() => compileAnchored('\\q')).toThrow(SyntaxError)
    expect(() => compileAnchored('(')).toThrow(SyntaxError)
  })

  it('describes a matcher as a person reads it', () => {
    expect(describeMatcher({ exact: SAN })).toBe(JSON.stringify(SAN))
    expect(describeMatcher({ regexp: 'a.*' })).toBe('regexp /a.*/ (whole value)')
  })
})
