/** Small byte helpers shared by every stage that reads untrusted content: one implementation each. */
import { createHash } from 'node:crypto'

/** `sha256:<hex>` of `bytes`: the OCI digest of content. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`
}

/** Lowercase hex SHA-256 of bytes or of a string's UTF-8. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * Parses bytes as JSON (UTF-8). The caller has already bounded their size; a syntax error throws
 * `SyntaxError`, which callers turn into their own message.
 */
export function jsonFromBytes(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'))
}
