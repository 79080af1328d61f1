import { describe, it, expect } from 'vitest'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { SettingError } from '../../src/core/errors.js'
import { ALLOWLIST_MAX_BYTES, loadAllowlist, parseAllowlist } from '../../src/config/index.js'

const SRC = 'allow.yml'

/** The SettingError thrown by parseAllowlist, or a failure when it does not throw one. */
function errorOf(text: string): SettingError {
  try {
    parseAllowlist(text, SRC)
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('allowlist')
    return error as SettingError
  }
  throw new Error('expected parseAllowlist to throw')
}

describe('parseAllowlist: valid files', () => {
  it.each([[''], ['# only a comment\n'], ['vulnerabilities: []\n'], ['vulnerabilities:\n'], ['---\n']])(
    'accepts %j as an empty allowlist',
    (text) => {
      expect(parseAllowlist(text, SRC)).toEqual([])
    }
  )

  it('parses every field and normalises ids', () => {
    const text = `
vulnerabilities:
  - id: cve-2023-4863
    reason: "  not reachable  "
    expires: 2027-01-31
    package: libwebp
    repository: "team-a/*"
  - id: GHSA-AbCd-2345-wxyz
    reason: dev only
    expires: "2026-12-31"
  - id: ALAS2-2024-2500
    reason: kernel not used
    expires: 2026-06-01
`
    expect(parseAllowlist(text, SRC)).toEqual([
      { id: 'CVE-2023-4863', reason: 'not reachable', expires: '2027-01-31', package: 'libwebp', repository: 'team-a/*' },
      { id: 'GHSA-abcd-2345-wxyz', reason: 'dev only', expires: '2026-12-31' },
      { id: 'ALAS2-2024-2500', reason: 'kernel not used', expires: '2026-06-01' }
    ])
  })

  it('accepts YAML 1.1 dates, which parse as Date objects', () => {
    const text = '%YAML 1.1\n---\nvulnerabilities:\n  - id: CVE-2023-0001\n    reason: ok\n    expires: 2027-01-31\n'
    expect(parseAllowlist(text, SRC)).toEqual([{ id: 'CVE-2023-0001', reason: 'ok', expires: '2027-01-31' }])
  })

  it('allows the same id with a different package or repository', () => {
    const text = `vulnerabilities:
  - { id: CVE-2023-0001, reason: a, expires: 2027-01-01 }
  - { id: CVE-2023-0001, reason: b, expires: 2027-01-01, package: zlib }
  - { id: CVE-2023-0001, reason: c, expires: 2027-01-01, repository: "x/*" }
`
    expect(parseAllowlist(text, SRC)).toHaveLength(3)
  })
})

describe('parseAllowlist: errors name the source, the entry index and the field', () => {
  const entry = (body: string): string => `vulnerabilities:\n  - { id: CVE-2023-0001, reason: ok, expires: 2027-01-01 }\n  - ${body}\n`
  it.each([
    [
      entry('{ id: CVE-2023-0002, reason: ok, expires: tomorrow }'),
      'allow.yml: vulnerabilities[1].expires: expected a date YYYY-MM-DD, got "tomorrow"'
    ],
    [
      entry('{ id: CVE-2023-0002, reason: ok, expires: 2027-02-30 }'),
      'vulnerabilities[1].expires: expected a date YYYY-MM-DD, got "2027-02-30"'
    ],
    [entry('{ id: CVE-2023-0002, reason: ok, expires: 20270101 }'), 'vulnerabilities[1].expires: expected a date YYYY-MM-DD, got 20270101'],
    [entry('{ id: CVE-2023-0002, reason: ok }'), 'vulnerabilities[1].expires: required'],
    [entry('{ reason: ok, expires: 2027-01-01 }'), 'vulnerabilities[1].id: required'],
    [entry('{ id: CVE-2023-0002, expires: 2027-01-01 }'), 'vulnerabilities[1].reason: required'],
    [entry('{ id: CVE-2023-0002, reason: "  ", expires: 2027-01-01 }'), 'vulnerabilities[1].reason: must not be empty'],
    [entry('{ id: not an id, reason: ok, expires: 2027-01-01 }'), 'vulnerabilities[1].id: expected CVE-YYYY-NNNN'],
    [entry('{ id: CVE-23-1, reason: ok, expires: 2027-01-01 }'), 'vulnerabilities[1].id: expected CVE-YYYY-NNNN'],
    [entry('{ id: 12345, reason: ok, expires: 2027-01-01 }'), 'vulnerabilities[1].id: expected a string, got 12345'],
    [entry('{ id: CVE-2023-0002, reason: ok, expires: 2027-01-01, packge: x }'), 'vulnerabilities[1].packge: unknown key'],
    [entry('{ id: CVE-2023-0002, reason: ok, expires: 2027-01-01, package: }'), 'vulnerabilities[1].package: expected a string, got null'],
    [
      entry('{ id: CVE-2023-0002, reason: ok, expires: 2027-01-01, repository: "Team/*" }'),
      'vulnerabilities[1].repository: expected an ECR repository name or glob'
    ],
    [entry('just a string'), 'vulnerabilities[1]: expected a mapping'],
    [entry('{ id: CVE-2023-0001, reason: again, expires: 2028-01-01 }'), 'vulnerabilities[1].id: duplicate of vulnerabilities[0]'],
    [entry('{ id: cve-2023-0001, reason: again, expires: 2028-01-01 }'), 'vulnerabilities[1].id: duplicate of vulnerabilities[0]'],
    ['vulnerabilites: []\n', 'vulnerabilites: unknown top-level key'],
    ['vulnerabilities: {}\n', 'vulnerabilities: expected a list, got a mapping'],
    ['- CVE-2023-0001\n', 'expected a mapping with a "vulnerabilities" list'],
    ['vulnerabilities: [\n', 'invalid YAML'],
    ['vulnerabilities: []\nvulnerabilities: []\n', 'invalid YAML: Map keys must be unique'],
    ['a: 1\n---\nb: 2\n', 'invalid YAML']
  ])('%j', (text, message) => {
    expect(errorOf(text).message).toContain(message)
  })

  it('refuses a timestamp with a time of day in a YAML 1.1 document', () => {
    const text = '%YAML 1.1\n---\nvulnerabilities:\n  - { id: CVE-2023-0001, reason: ok, expires: 2027-01-31T10:00:00Z }\n'
    expect(errorOf(text).message).toContain('vulnerabilities[0].expires: expected a date YYYY-MM-DD')
  })

  it('lists several problems in one message', () => {
    const text = 'vulnerabilities:\n  - { id: x, reason: ok, expires: 2027-01-01 }\n  - { id: CVE-2023-1111, reason: ok, expires: soon }\n'
    const message = errorOf(text).message
    expect(message).toContain('allow.yml: vulnerabilities[0].id:')
    expect(message).toContain('allow.yml: vulnerabilities[1].expires:')
  })

  it('refuses text over the size bound before parsing it', () => {
    const text = `# ${'x'.repeat(ALLOWLIST_MAX_BYTES)}\n`
    expect(errorOf(text).message).toContain(`larger than ${ALLOWLIST_MAX_BYTES} bytes`)
  })

  it('bounds alias expansion', () => {
    const names = 'abcdefghijkl'
    const lines = ['vulnerabilities:', `  - &a [${Array(10).fill('x').join(', ')}]`]
    for (let i = 1; i < names.length; i++)
      lines.push(
        `  - &${names[i]} [${Array(10)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`
      )
    expect(errorOf(lines.join('\n')).message).toMatch(/invalid YAML: .*alias/i)
  })
})

describe('parseAllowlist: property', () => {
  it('never throws anything but SettingError', () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.string({
        unit: fc.constantFrom(
          'vulnerabilities',
          ':',
          '-',
          ' ',
          '\n',
          'id',
          'CVE-2023-1234',
          '{',
          '}',
          '[',
          ']',
          '&a',
          '*a',
          '!!binary',
          '%YAML 1.1',
          '2027-01-01',
          '"',
          "'",
          'expires',
          'reason'
        )
      }),
      fc.anything().map((v) => {
        try {
          return `vulnerabilities:\n  - ${JSON.stringify(v) ?? 'null'}\n`
        } catch {
          return ''
        }
      })
    )
    fc.assert(
      fc.property(yamlish, (text) => {
        try {
          const entries = parseAllowlist(text, SRC)
          expect(Array.isArray(entries)).toBe(true)
        } catch (error) {
          expect(error).toBeInstanceOf(SettingError)
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('loadAllowlist', () => {
  it('reads and parses a file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'allowlist-'))
    try {
      const file = path.join(dir, 'allow.yml')
      await writeFile(file, '\uFEFFvulnerabilities:\n  - { id: CVE-2023-0001, reason: ok, expires: 2027-01-01 }\n')
      expect(await loadAllowlist(file)).toEqual([{ id: 'CVE-2023-0001', reason: 'ok', expires: '2027-01-01' }])
      await writeFile(file, 'vulnerabilities:\n  - { id: CVE-2023-0001, reason: ok, expires: nope }\n')
      await expect(loadAllowlist(file)).rejects.toThrow(`${file}: vulnerabilities[0].expires`)
      await writeFile(file, Buffer.from([0x76, 0xff, 0xfe]))
      await expect(loadAllowlist(file)).rejects.toThrow('not valid UTF-8')
      await writeFile(file, Buffer.alloc(ALLOWLIST_MAX_BYTES + 1, 0x20))
      await expect(loadAllowlist(file)).rejects.toThrow('larger than')
      await expect(loadAllowlist(dir)).rejects.toThrow(`cannot read ${dir}: not a regular file`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('reports an unreadable file as an SettingError naming the path and the cause', async () => {
    const missing = path.join(tmpdir(), 'no-such-dir-for-allowlist', 'allow.yml')
    const error = await loadAllowlist(missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('allowlist')
    expect((error as SettingError).message).toMatch(new RegExp(`^cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`))
  })
})

describe('a trivy ignore file given as the allowlist (issue 15)', () => {
  it('says what it is and how to convert it, for the plain and the YAML form', () => {
    expect(() => parseAllowlist('CVE-2023-1111\nCVE-2023-2222 exp:2027-01-01\n', SRC)).toThrow(
      /trivy ignore file.*trivyignore-to-allowlist/
    )
    expect(() => parseAllowlist('vulnerabilities:\n  - id: CVE-2023-1111\n    statement: fine\n    expired_at: 2027-01-01\n', SRC)).toThrow(
      /`statement` is `reason`, `expired_at` is `expires`/
    )
  })
})
