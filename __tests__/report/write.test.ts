/**
 * The job summary writer: what it appends is what `@actions/core`'s `summary.addRaw(text, true).write()`
 * appends, byte for byte, whatever the parts and however they fall across its write pieces.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as core from '@actions/core'
import { appendSummaryFile, WRITE_CHUNK_CHARS } from '../../src/report/write.js'

let dir: string
const saved = process.env.GITHUB_STEP_SUMMARY

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'gate-write-'))
})

afterEach(() => {
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = saved
})

/** What @actions/core appends for `text` to a file that already holds `before`. */
async function viaCore(text: string, before: string): Promise<Buffer> {
  const file = path.join(dir, 'core.md')
  await writeFile(file, before)
  process.env.GITHUB_STEP_SUMMARY = file
  // A fresh instance: @actions/core's own caches the path of the first file it wrote to.
  const Summary = core.summary.constructor as new () => typeof core.summary
  await new Summary().addRaw(text, true).write()
  return readFile(file)
}

async function viaParts(parts: string[], before: string): Promise<Buffer> {
  const file = path.join(dir, 'parts.md')
  await writeFile(file, before)
  await appendSummaryFile(file, parts)
  return readFile(file)
}

describe('appendSummaryFile', () => {
  it('appends what @actions/core appends: a small summary with emoji after an earlier step', async () => {
    const parts = ['## ❌ Deploy blocked', '\n', '', '\n', '- a reason — with a dash', '\n']
    const expected = await viaCore(parts.join(''), 'earlier step\n')
    expect(await viaParts(parts, 'earlier step\n')).toEqual(expected)
    expect(expected.toString()).toBe('earlier step\n## ❌ Deploy blocked\n\n- a reason — with a dash\n\n')
  })

  it('appends what @actions/core appends when the text spans many write pieces, an astral character among them', async () => {
    const parts: string[] = []
    for (let i = 0; i < 20_000; i++) parts.push(`| HIGH | CVE-2099-${i} | pkg-${i} | 1.0.${i} | ❌ counted 🔒 |`, '\n')
    const expected = await viaCore(parts.join(''), '')
    expect(expected.length).toBeGreaterThan(10 * WRITE_CHUNK_CHARS)
    expect(await viaParts(parts, '')).toEqual(expected)
  })

  it('refuses a file that is not there, as @actions/core does, and creates none', async () => {
    const missing = path.join(dir, 'missing.md')
    await expect(appendSummaryFile(missing, ['x'])).rejects.toThrow(
      `Unable to access summary file: '${missing}'. Check if the file has correct read/write permissions.`
    )
    expect(existsSync(missing)).toBe(false)
  })
})
