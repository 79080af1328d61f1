import { describe, expect, it } from 'vitest'
import { cleanText } from '../../src/core/text.js'

describe('cleanText', () => {
  it('replaces each run of control characters by one space, trims, and marks a cut', () => {
    expect(cleanText(' a\u0000\u0001b\r\nc\u007f ', 100)).toBe('a b c')
    expect(cleanText('abcdef', 3)).toBe('abc…')
    expect(cleanText('abc', 3)).toBe('abc')
  })

  it('keeps tab and newline with keepLineBreaks, dropping the other control characters', () => {
    expect(cleanText('line 1\n\tline\u0007 2\u001b[31m', 100, { keepLineBreaks: true })).toBe('line 1\n\tline 2[31m')
  })
})
