import { describe, it, expect } from 'vitest'
import { severityKey, severityRank, THRESHOLD_SEVERITIES } from '../../src/policy/index.js'
import type { Severity } from '../../src/core/types.js'

describe('severityRank', () => {
  it('orders CRITICAL > HIGH > MEDIUM > LOW > INFORMATIONAL', () => {
    const ranks = THRESHOLD_SEVERITIES.map(severityRank)
    expect(ranks).toEqual([4, 3, 2, 1, 0])
  })

  it.each(['UNTRIAGED', 'UNDEFINED', 'SOMETHING-NEW'])('ranks %s with INFORMATIONAL', (s) => {
    expect(severityRank(s as Severity)).toBe(severityRank('INFORMATIONAL'))
    expect(severityKey(s as Severity)).toBe('informational')
  })

  it('maps severities to count keys', () => {
    expect((['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as Severity[]).map(severityKey)).toEqual(['critical', 'high', 'medium', 'low'])
  })

  it('lists the threshold severities highest first, frozen', () => {
    expect(THRESHOLD_SEVERITIES).toEqual(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'])
    expect(Object.isFrozen(THRESHOLD_SEVERITIES)).toBe(true)
  })
})
