/** The trivy ignore converter: its output is an allowlist the gate accepts once the TODOs are filled in. */
import { describe, expect, it } from 'vitest'
import { stringify } from 'yaml'
import { parseAllowlist } from '../../src/config/index.js'
import { convert } from '../../tools/trivyignore-to-allowlist.mjs'

describe('tools/trivyignore-to-allowlist.mjs', () => {
  it('converts .trivyignore lines, keeping exp: and the comment as expiry and reason', () => {
    const { entries, notes } = convert('# header\nCVE-2023-1111 exp:2027-01-31 # not reachable\nCVE-2023-2222\n', false)
    expect(entries).toEqual([
      { id: 'CVE-2023-1111', reason: 'not reachable', expires: '2027-01-31' },
      { id: 'CVE-2023-2222', reason: 'TODO: why this finding is accepted', expires: 'TODO' }
    ])
    expect(notes.join(' ')).toMatch(/1 entry needs a reason or an expiry/)
    // The gate refuses the TODO entry until a person fills it in, and accepts the complete one.
    expect(() => parseAllowlist(stringify({ vulnerabilities: entries }), 'a.yml')).toThrow(/expires/)
    expect(parseAllowlist(stringify({ vulnerabilities: entries.slice(0, 1) }), 'a.yml')).toHaveLength(1)
  })

  it('converts .trivyignore.yaml: statement, expired_at and purls become reason, expires and package', () => {
    const text = [
      'vulnerabilities:',
      '  - id: CVE-2023-3333',
      '    statement: vendor says so',
      '    expired_at: 2027-03-01',
      '    purls: ["pkg:deb/debian/openssl@3.0.11"]',
      '    paths: ["usr/lib/x"]',
      'misconfigurations:',
      '  - id: AVD-DS-0002'
    ].join('\n')
    const { entries, notes } = convert(text, true)
    expect(entries).toEqual([{ id: 'CVE-2023-3333', reason: 'vendor says so', expires: '2027-03-01', package: 'openssl' }])
    expect(notes.join(' ')).toMatch(/paths.*no equivalent/)
    expect(notes.join(' ')).toMatch(/skipped the 'misconfigurations' section/)
    expect(parseAllowlist(stringify({ vulnerabilities: entries }), 'a.yml')).toHaveLength(1)
  })
})
