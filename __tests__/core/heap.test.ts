import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  vi.doUnmock('node:v8')
  vi.resetModules()
})

/**
 * Runs a fresh Node that sets `flag` (if any) the way the entry points do, after start-up, then
 * keeps 200,000 small objects alive while making garbage, and prints the young generation's size
 * before and after in bytes.
 */
function youngGeneration(flag: string | undefined): { before: number; after: number } {
  const script = `
    const v8 = require('node:v8')
    const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size
    const before = young()
    if (process.env.GATE_TEST_V8_FLAG) v8.setFlagsFromString(process.env.GATE_TEST_V8_FLAG)
    const kept = []
    for (let i = 0; i < 200000; i++) {
      kept.push({ id: 'CVE-' + i, title: 'title ' + i, packages: [{ name: 'p' + i, version: '1.' + i }] })
      JSON.parse('{"a":[1,2,3],"b":"' + 'x'.repeat(200) + i + '"}')
    }
    process.stdout.write(JSON.stringify({ before, after: young(), kept: kept.length }))
  `
  const out = execFileSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', GATE_TEST_V8_FLAG: flag ?? '' }
  })
  return JSON.parse(out) as { before: number; after: number }
}

describe('keepYoungGenerationSmall', () => {
  it('sets the growth-factor flag on V8, once, when called', async () => {
    const setFlagsFromString = vi.fn()
    vi.doMock('node:v8', () => ({ setFlagsFromString }))
    const heap = await import('../../src/core/heap.js')
    expect(setFlagsFromString).not.toHaveBeenCalled()
    heap.keepYoungGenerationSmall()
    expect(setFlagsFromString).toHaveBeenCalledTimes(1)
    expect(setFlagsFromString).toHaveBeenCalledWith('--semi-space-growth-factor=1')
    expect(heap.YOUNG_GENERATION_FLAG).toBe('--semi-space-growth-factor=1')
  })

  it('set after start-up, keeps the young generation near its starting size while records pile up (it grows without)', async () => {
    const { YOUNG_GENERATION_FLAG } = await import('../../src/core/heap.js')
    const without = youngGeneration(undefined)
    const withFlag = youngGeneration(YOUNG_GENERATION_FLAG)
    // Without the flag it doubles several times (to 16 or 32 MiB from 1 MiB); with it, it stays within
    // one doubling of where it started (V8 may commit the second half of its first semi-space).
    expect(without.after).toBeGreaterThanOrEqual(8 * without.before)
    expect(withFlag.after).toBeLessThanOrEqual(2 * withFlag.before)
    expect(withFlag.after * 4).toBeLessThanOrEqual(without.after)
  })
})
