import { mkdtemp, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  layeredAllowlistEntries,
  layeredReader,
  layersFor,
  loadPolicyFile,
  parsePolicyFile,
  POLICY_FIELDS,
  repositoryMatches
} from '../../src/config/index.js'
import { SettingError } from '../../src/core/errors.js'
import { Setting } from '../../src/core/settings.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const schema = JSON.parse(readFileSync(path.join(root, 'policy.schema.json'), 'utf8')) as Record<string, unknown>

function problem(text: string, source = 'gate.yml'): string {
  try {
    parsePolicyFile(text, source, '/base')
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('policy')
    return (error as Error).message
  }
  throw new Error('expected the policy file to be refused')
}

const FULL = `
version: 1
mode: audit
fail-fast: false
timeout: 900
vulnerabilities:
  severity-threshold: critical
  ignore-unfixed: true
  max-critical: 0
  max-high: 2
  min-epss: 0.2
  exploitable-only: true
  allowlist: allow.yml
scan:
  type: enhanced
  timeout: 300
  start: false
signatures:
  notation:
    signing-profile-arns: [arn:aws:signer:us-east-1:111122223333:/signing-profiles/p]
    trust-policy: trust/trustpolicy.json
    trust-store: trust/store
posture:
  rules: { recommended: true, kms-encryption: fail }
  allowed-accounts: ['111122223333']
overrides:
  - repositories: ['payments-*']
    vulnerabilities: { max-high: 0, allowlist: [{ id: CVE-2024-1000, reason: accepted, expires: '2099-01-01' }] }
`

describe('parsePolicyFile', () => {
  it('maps every field onto its setting, paths resolved from the file folder', () => {
    const file = parsePolicyFile(FULL, 'gate.yml', '/base')
    expect(file.base.values).toEqual({
      mode: 'audit',
      'fail-fast': 'false',
      timeout: '900',
      'severity-threshold': 'critical',
      'ignore-unfixed': 'true',
      'max-critical': '0',
      'max-high': '2',
      'min-epss': '0.2',
      'exploitable-only': 'true',
      allowlist: '/base/allow.yml',
      'scan-type': 'enhanced',
      'scan-timeout': '300',
      'start-scan': 'false',
      'signing-profile-arns': 'arn:aws:signer:us-east-1:111122223333:/signing-profiles/p',
      'trust-policy': '/base/trust/trustpolicy.json',
      'trust-store': '/base/trust/store',
      posture: 'recommended\nkms-encryption=fail',
      'posture-allowed-accounts': '111122223333'
    })
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(file.overrides).toHaveLength(1)
    expect(file.overrides[0]!.values).toEqual({ 'max-high': '0' })
    expect(file.overrides[0]!.allowlistEntries?.map((e) => e.id)).toEqual(['CVE-2024-1000'])
  })

  it('reads JSON too', () => {
    const file = parsePolicyFile('{"version": 1, "vulnerabilities": {"max-high": 3}}', 'gate.json', '/')
    expect(file.base.values).toEqual({ 'max-high': '3' })
  })

  it('names the file, the JSON path and what was expected', () => {
    expect(problem('version: 1\nvulnerabilities:\n  max-high: two\n')).toBe(
      'gate.yml: vulnerabilities.max-high: expected a non-negative integer (at most 1000000), got "two"'
    )
    expect(problem('version: 1\nscan:\n  type: fast\n')).toBe('gate.yml: scan.type: expected one of auto, enhanced, basic, got "fast"')
    expect(problem('version: 1\noverrides:\n  - repositories: [Payments]\n')).toContain(
      'overrides[0].repositories[0]: expected a string matching'
    )
    expect(problem('version: 1\nvulnerabilities:\n  allowlist: 3\n')).toBe(
      'gate.yml: vulnerabilities.allowlist: expected a string, or a list, got 3'
    )
  })

  it('refuses unknown keys, so a typo cannot loosen the gate', () => {
    expect(problem('version: 1\nvulnerabilities:\n  max-hihg: 0\n')).toMatch(
      /^gate\.yml: vulnerabilities\.max-hihg: unknown key; expected one of severity-threshold, /
    )
    expect(problem('version: 1\nmode: audit\nmodes: enforce\n')).toMatch(/modes: unknown key/)
    expect(problem('version: 1\noverrides:\n  - repositories: [a*]\n    mode: audit\n')).toMatch(/overrides\[0\]\.mode: unknown key/)
  })

  it('requires version 1', () => {
    expect(problem('vulnerabilities: {}\n')).toBe('gate.yml: version: required (version: 1)')
    expect(problem('version: 2\n')).toBe('gate.yml: version: expected 1, got 2')
  })

  it('refuses text that is not YAML, empty, repeated keys, deep nesting and huge files', () => {
    expect(problem('version: 1\n  bad: [\n')).toMatch(/^gate\.yml: not valid YAML or JSON: /)
    expect(problem('')).toMatch(/empty/)
    expect(problem('version: 1\nversion: 1\n')).toMatch(/not valid YAML or JSON: .*(unique|Map keys)/i)
    expect(problem(`version: 1\nx: ${'['.repeat(100)}${']'.repeat(100)}\n`)).toMatch(/nested more than 32 deep/)
    expect(problem(`version: 1\n# ${'x'.repeat(1024 * 1024)}\n`)).toMatch(/larger than 1048576 bytes/)
  })

  it('checks inline allowlist entries with the allowlist rules', () => {
    expect(problem("version: 1\nvulnerabilities:\n  allowlist: [{ id: NOPE, reason: r, expires: '2099-01-01' }]\n")).toMatch(
      /^gate\.yml: vulnerabilities\.allowlist: vulnerabilities\[0\]\.id/
    )
  })
})

describe('loadPolicyFile', () => {
  it('reports a missing file, naming it', async () => {
    await expect(loadPolicyFile('/nonexistent/gate.yml')).rejects.toThrow(/cannot read the policy file \/nonexistent\/gate\.yml: .*ENOENT/)
  })

  it('resolves relative paths from the file folder', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'policy-'))
    await writeFile(path.join(dir, 'gate.yml'), 'version: 1\nvulnerabilities:\n  allowlist: ./a.yml\n')
    const file = await loadPolicyFile(path.join(dir, 'gate.yml'))
    expect(file.base.values.allowlist).toBe(path.join(dir, 'a.yml'))
  })
})

describe('layering', () => {
  const file = parsePolicyFile(FULL, 'gate.yml', '/base')

  it('inline values override the file field by field; overrides apply by repository glob', () => {
    const inline: Record<string, string> = { 'max-critical': '5' }
    const plain = layeredReader((n) => inline[n] ?? '', layersFor(file, 'tools-x'))
    expect(plain('max-critical')).toBe('5')
    expect(plain('max-high')).toBe('2')
    expect(plain('region')).toBe('')
    const payments = layeredReader((n) => inline[n] ?? '', layersFor(file, 'payments-api'))
    expect(payments('max-high')).toBe('0')
    // The override's inline allowlist hides the top level's allowlist path.
    expect(payments('allowlist')).toBe('')
    expect(layeredAllowlistEntries('', layersFor(file, 'payments-api'))?.length).toBe(1)
    expect(layeredAllowlistEntries('', layersFor(file, 'tools-x'))).toBeUndefined()
    expect(layeredAllowlistEntries('/inline.yml', layersFor(file, 'payments-api'))).toBeUndefined()
  })

  it('matches repository globs whole', () => {
    expect(repositoryMatches('payments-*', 'payments-api')).toBe(true)
    expect(repositoryMatches('payments-*', 'team/payments-api')).toBe(false)
    expect(repositoryMatches('team/*', 'team/a/b')).toBe(true)
    expect(repositoryMatches('a?c', 'abc')).toBe(true)
    expect(repositoryMatches('a.c', 'abc')).toBe(false)
  })
})

describe('policy.schema.json and POLICY_FIELDS agree', () => {
  /** Every leaf field of the schema's top level (through $refs), as a dotted path. */
  function leaves(node: Record<string, unknown>, prefix: string, out: string[]): string[] {
    const defs = schema.definitions as Record<string, Record<string, unknown>>
    const resolved = typeof node.$ref === 'string' ? defs[node.$ref.replace('#/definitions/', '')]! : node
    const props = resolved.properties as Record<string, Record<string, unknown>> | undefined
    if (resolved.type === 'object' && props !== undefined && !prefix.endsWith('rules')) {
      for (const [k, v] of Object.entries(props)) leaves(v, prefix === '' ? k : `${prefix}.${k}`, out)
    } else out.push(prefix)
    return out
  }

  it('has a setting for every schema field and a schema field for every setting', () => {
    const fields = leaves(schema, '', []).filter((f) => f !== 'version' && f !== 'overrides')
    expect(fields.sort()).toEqual(POLICY_FIELDS.map((f) => f.field).sort())
    for (const f of POLICY_FIELDS) expect(Object.values(Setting)).toContain(f.setting)
  })
})
