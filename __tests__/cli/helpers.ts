import type { CliIo } from '../../src/cli/main.js'

/** An in-memory CliIo: what the CLI wrote to stdout and stderr, and no TTY. */
export function memoryIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const stream = (write: (s: string) => void) =>
    ({
      isTTY: false,
      write: (chunk: string | Uint8Array) => {
        write(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
        return true
      }
    }) as unknown as NodeJS.WriteStream
  return {
    stdout: stream((s) => (out += s)),
    stderr: stream((s) => (err += s)),
    env,
    out: () => out,
    err: () => err
  }
}
