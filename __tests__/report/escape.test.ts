import { describe, it, expect } from 'vitest'
import { advisoryLink, advisoryUrl, escapeMarkdown, escapeSarifText, codeSpan, escapeMarkdownKeepingRefs } from '../../src/report/index.js'

describe('escapeMarkdown', () => {
  it('HTML-escapes tags so no raw element reaches the page', () => {
    const out = escapeMarkdown('<img src=x onerror=alert(1)>')
    expect(out).not.toContain('<img')
    expect(out).not.toContain('>')
    expect(out).toContain('&lt;img')
  })

  it('breaks markdown links', () => {
    const out = escapeMarkdown('[x](javascript:alert(1))')
    expect(out).not.toContain('](')
    expect(out).toBe('\\[x\\]\\(javascript:alert\\(1\\)\\)')
  })

  it('neutralises @mentions with a zero-width joiner', () => {
    const out = escapeMarkdown('ping @octocat and @org/team')
    expect(out).not.toMatch(/@[A-Za-z]/)
    expect(out).toContain('@\u200doctocat')
  })

  it('keeps bare URLs from being autolinked', () => {
    const out = escapeMarkdown('see https://evil.example/x and WWW.evil.example')
    expect(out).not.toContain('https://')
    expect(out).not.toMatch(/www\./i)
    expect(out).toContain('https:\u200d//evil.example/x')
  })

  it('escapes pipes and removes newlines so a table row cannot be split', () => {
    const out = escapeMarkdown('a | b\n| c |\r\nd\u2028e')
    expect(out).not.toMatch(/[\n\r\u2028]/)
    expect(out.replace(/\\\|/g, '')).not.toContain('|')
  })

  it('strips control and bidi characters', () => {
    expect(escapeMarkdown('a\u0000b\u001bc\u202ed\u2066e')).toBe('a b c d e')
  })

  it('escapes every markdown metacharacter and entity-escapes quotes', () => {
    expect(escapeMarkdown('\\`*_{}[]()#+-!|~')).toBe('\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\!\\|\\~')
    expect(escapeMarkdown(`&"'`)).toBe('&amp;&quot;&#39;')
  })

  it('caps the length with an ellipsis, cheaply for huge input', () => {
    const huge = 'x'.repeat(1024 * 1024)
    const out = escapeMarkdown(huge)
    expect(Array.from(out)).toHaveLength(300)
    expect(out.endsWith('…')).toBe(true)
    expect(escapeMarkdown(huge, 10)).toBe(`${'x'.repeat(9)}…`)
  })

  it('does not split a surrogate pair when cutting', () => {
    const out = escapeMarkdown('😀'.repeat(20), 5)
    expect(out).toBe('😀😀😀😀…')
  })

  it('survives non-string input from untyped sources', () => {
    expect(escapeMarkdown(undefined as unknown as string)).toBe('')
    expect(escapeMarkdown(42 as unknown as string)).toBe('42')
  })
})

describe('escapeSarifText', () => {
  it('escapes brackets that SARIF would read as links and strips newlines', () => {
    expect(escapeSarifText('see [x](1)\nnext')).toBe('see \\[x\\](1) next')
  })
})

describe('advisoryUrl', () => {
  it.each([
    ['CVE-2023-4863', 'https://nvd.nist.gov/vuln/detail/CVE-2023-4863'],
    ['cve-2023-4863', 'https://nvd.nist.gov/vuln/detail/CVE-2023-4863'],
    ['GHSA-JFH8-C2JP-5V3Q', 'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q'],
    ['ALAS-2023-1700', 'https://alas.aws.amazon.com/ALAS-2023-1700.html'],
    ['ALAS2-2020-1570', 'https://alas.aws.amazon.com/AL2/ALAS-2020-1570.html'],
    ['ALAS2023-2026-1532', 'https://alas.aws.amazon.com/AL2023/ALAS2023-2026-1532.html'],
    ['GO-2023-1840', 'https://pkg.go.dev/vuln/GO-2023-1840'],
    ['RUSTSEC-2023-0001', 'https://rustsec.org/advisories/RUSTSEC-2023-0001.html']
  ])('%s → %s', (id, url) => {
    expect(advisoryUrl(id)).toBe(url)
  })

  it.each([
    'CVE-2023-4863)](javascript:alert(1)',
    'CVE-2023-4863 ',
    'javascript:alert(1)',
    'GHSA-aaaa-bbbb',
    'ALASKERNEL-5.10-2022-001',
    'DSA-1234-1',
    ''
  ])('no link for %j', (id) => {
    expect(advisoryUrl(id)).toBeUndefined()
  })

  it('builds links only from vetted ids, and escapes the label otherwise', () => {
    expect(advisoryLink('CVE-2023-4863')).toBe('[CVE\\-2023\\-4863](https://nvd.nist.gov/vuln/detail/CVE-2023-4863)')
    const evil = advisoryLink('[x](javascript:alert(1))')
    expect(evil).not.toContain('](')
  })
})

describe('codeSpan and escapeMarkdownKeepingRefs', () => {
  const REF = `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${'a'.repeat(64)}`

  it('keeps a value verbatim in a code span whose fence its backticks cannot close', () => {
    expect(codeSpan(REF)).toBe(`\`${REF}\``)
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x')).toBe('`` `x ``')
    expect(codeSpan('a|b', 10, { inTable: true })).toBe('`a\\|b`')
    expect(codeSpan('line\nbreak')).toBe('`line break`')
  })

  it('puts references in code spans and escapes the rest, inserting nothing into a reference', () => {
    const out = escapeMarkdownKeepingRefs(`no signature for ${REF} (see @team)`)
    expect(out).toBe(`no signature for \`${REF}\` \\(see @\u200dteam\\)`)
    expect(escapeMarkdownKeepingRefs(`digest sha256:${'b'.repeat(64)}`)).toBe(`digest \`sha256:${'b'.repeat(64)}\``)
    expect(escapeMarkdownKeepingRefs('app:v1@sha256:' + 'c'.repeat(64) + ' | x', 300, { inTable: true })).toBe(
      `\`app:v1@sha256:${'c'.repeat(64)}\` \\| x`
    )
  })
})
