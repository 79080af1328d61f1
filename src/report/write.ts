/** The one place reports reach the file system: a report file, with its folder made first. */
import { mkdir, open, writeFile } from 'node:fs/promises'
import * as path from 'node:path'

/** Writes `content` to `file` (UTF-8), creating the folder; a failure is thrown for the caller to judge. */
export async function writeReportFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, content, 'utf8')
}

/** How much text is gathered before one write; a report of 50,000 findings is tens of MiB as one string. */
const WRITE_CHUNK_CHARS = 256 * 1024

/**
 * Writes `value` as `JSON.stringify(value, null, 2)` would (byte for byte), but piece by piece, so a
 * large report is never one string in memory (nor one buffer): peak memory stays that of the
 * report's objects. Creates the folder; a failure is thrown for the caller to judge.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  const handle = await open(file, 'w')
  try {
    let pending = ''
    for (const piece of jsonPieces(value)) {
      pending += piece
      if (pending.length >= WRITE_CHUNK_CHARS) {
        await handle.write(pending, null, 'utf8')
        pending = ''
      }
    }
    if (pending !== '') await handle.write(pending, null, 'utf8')
  } finally {
    await handle.close()
  }
}

/** The value's `toJSON()`, as JSON.stringify applies it (with the property key). */
function resolved(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (key: string) => unknown }).toJSON(key)
  }
  return value
}

/** Whether JSON.stringify leaves a property out (or writes null in an array). */
function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`: arrays and plain objects are walked, every other
 * value goes through JSON.stringify itself, so escaping and number formatting are the same. `value`
 * must serialise to something (not undefined).
 */
export function jsonPieces(value: unknown): Generator<string> {
  return piecesOf(resolved(value, ''), '')
}

/** The pieces of a value `toJSON` was already applied to, at `indent`. */
function* piecesOf(v: unknown, indent: string): Generator<string> {
  if (v === null || typeof v !== 'object' || v instanceof Number || v instanceof String || v instanceof Boolean) {
    yield JSON.stringify(v) ?? 'null'
    return
  }
  const inner = `${indent}  `
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield '[]'
      return
    }
    yield '['
    for (let i = 0; i < v.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`
      const item = resolved(v[i], String(i))
      if (skipped(item)) yield 'null'
      else yield* piecesOf(item, inner)
    }
    yield `\n${indent}]`
    return
  }
  let first = true
  for (const [k, raw] of Object.entries(v)) {
    const item = resolved(raw, k)
    if (skipped(item)) continue
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(k)}: `
    first = false
    yield* piecesOf(item, inner)
  }
  yield first ? '{}' : `\n${indent}}`
}
