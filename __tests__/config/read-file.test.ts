import { spawnSync } from 'node:child_process'
import { mkdtemp, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileReadError, readBoundedFile } from '../../src/config/read-file.js'

async function dir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'gate-read-'))
}

async function caught(promise: Promise<unknown>): Promise<FileReadError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FileReadError) return error
    throw error
  }
  throw new Error('expected a FileReadError')
}

describe('readBoundedFile', () => {
  it('reads a file that fits, exactly at the bound too', async () => {
    const d = await dir()
    await writeFile(path.join(d, 'a'), 'hello')
    expect((await readBoundedFile(path.join(d, 'a'), 5)).toString()).toBe('hello')
    expect((await readBoundedFile(path.join(d, 'a'), 100)).toString()).toBe('hello')
    await writeFile(path.join(d, 'empty'), '')
    expect(await readBoundedFile(path.join(d, 'empty'), 5)).toHaveLength(0)
  })

  it('refuses a file over the bound by its size, without reading it', async () => {
    const d = await dir()
    const big = path.join(d, 'big')
    await writeFile(big, '')
    await truncate(big, 10 * 1024 * 1024 * 1024) // a sparse 10 GiB file: reading it would take long
    const error = await caught(readBoundedFile(big, 1024))
    expect(error.kind).toBe('size')
    expect(error.message).toBe('larger than 1024 bytes')
  })

  it('refuses what is not a regular file: a directory, a device, a FIFO (which would block)', async () => {
    const d = await dir()
    expect((await caught(readBoundedFile(d, 1024))).kind).toBe('type')
    expect((await caught(readBoundedFile('/dev/zero', 1024))).message).toBe('not a regular file')
    const fifo = path.join(d, 'fifo')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    // Without a writer, opening a FIFO for reading would wait forever: it must be refused at once.
    const error = await caught(readBoundedFile(fifo, 1024))
    expect(error.kind).toBe('type')
  })

  it('says why a missing file cannot be read', async () => {
    const error = await caught(readBoundedFile(path.join(await dir(), 'nope'), 10))
    expect(error.kind).toBe('io')
    expect(error.message).toMatch(/ENOENT/)
  })
})
