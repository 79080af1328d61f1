/**
 * The one way the gate reads a file a user names (policy file, allowlist, trust policy, keys,
 * trusted roots, bundle files): a regular file only (a FIFO or device would block or never end),
 * refused by its size before it is read, and never read past the bound even when it grows while
 * being read.
 */
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'

/** Why a file could not be read: `io` (missing, unreadable), `type` (not a regular file) or `size` (over the bound). */
export class FileReadError extends Error {
  constructor(
    readonly kind: 'io' | 'type' | 'size',
    message: string,
    options?: ErrorOptions
  ) {
    super(message, options)
    this.name = 'FileReadError'
  }
}

/**
 * Reads at most `maxBytes` bytes of the regular file at `path`. Throws a {@link FileReadError}
 * whose message reads after "cannot read <path>: ", e.g. "larger than 1048576 bytes".
 */
export async function readBoundedFile(path: string, maxBytes: number): Promise<Buffer> {
  let handle
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw new FileReadError('io', error instanceof Error ? error.message : String(error), { cause: error })
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) throw new FileReadError('type', 'not a regular file')
    if (info.size > maxBytes) throw new FileReadError('size', `larger than ${maxBytes} bytes`)
    // One byte past the bound tells a file that grew since stat from one that fits exactly.
    const buffer = Buffer.alloc(Math.min(maxBytes, info.size) + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > maxBytes) throw new FileReadError('size', `larger than ${maxBytes} bytes`)
    if (length > info.size) throw new FileReadError('io', 'the file grew while it was being read')
    return buffer.subarray(0, length)
  } catch (error) {
    if (error instanceof FileReadError) throw error
    throw new FileReadError('io', error instanceof Error ? error.message : String(error), { cause: error })
  } finally {
    await handle.close().catch(() => undefined)
  }
}
