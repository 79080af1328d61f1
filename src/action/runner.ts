/**
 * The runner's inputs and log commands, and `@actions/core` loaded on demand for the rest.
 *
 * `@actions/core`'s entry module loads its OIDC client, and with it `@actions/http-client` and
 * undici: about 1 MB of the 2.6 MB bundle, compiled and run at start-up (measured: about 70 ms of
 * the 370 ms from `node dist/index.js` to the first AWS request) for a token the gate never asks
 * for. So the start-up path reads its inputs and writes its log lines here, in the runner's
 * documented formats (an input is the `INPUT_<NAME>` variable, trimmed; a command is
 * `::name::message` with `%`, CR and LF escaped), byte for byte as `@actions/core` writes them (a
 * unit test compares the two). Outputs, the job summary and the failure, the end of a run, go
 * through `@actions/core` itself, loaded by `loadCore()`: `preloadCoreOnReusedConnection()` starts
 * that while the run waits for an answer on a kept-alive connection, so its cost is off the path to
 * the first request and, as far as it fits in that wait, off the decision's.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import { EOL } from 'node:os'

type Core = typeof import('@actions/core')

/** The value of input `name`, as `core.getInput(name)` reads it: '' when unset, trimmed. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** The runner's escaping of a command's message. */
function escapeData(message: string): string {
  return message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Writes the workflow command `::name::message`. */
function issue(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${EOL}`)
}

/** The log commands the gate writes, as `@actions/core`'s functions of the same names write them. */
export const commands = {
  debug: (message: string): void => issue('debug', message),
  info: (message: string): void => {
    process.stdout.write(message + EOL)
  },
  warning: (message: string): void => issue('warning', message),
  error: (message: string): void => issue('error', message),
  /** Masks `secret` in everything the runner shows afterwards. */
  setSecret: (secret: string): void => issue('add-mask', secret),
  /** Runs `fn` inside a collapsible log group. */
  group: async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    issue('group', name)
    try {
      return await fn()
    } finally {
      issue('endgroup', '')
    }
  }
}

let core: Promise<Core> | undefined

/** `@actions/core`, loaded on first use. */
export function loadCore(): Promise<Core> {
  core ??= import('@actions/core')
  return core
}

/** Starts loading `@actions/core` (while the run waits anyway); a failure shows at `loadCore()`. */
export function preloadCore(): void {
  loadCore().catch(() => {})
}

const REQUEST_START = 'http.client.request.start'

/**
 * Preloads `@actions/core` once an HTTP request of the process (an AWS call, over http or https) has
 * been written on a kept-alive connection: the run then waits a round trip for that answer, and the
 * compile fills the wait. Not on a new connection: while it is being made (TCP, TLS) the request is
 * only buffered, and compiling then would hold the call back. Nor once the first answer has come:
 * the calls a run starts together (the image, the registry's scanning configuration, the
 * repository's coverage) answer together, and compiling then held the others' answers, and the next
 * call, back by the compile's length. Seen through Node's `http.client.request.start` diagnostics
 * channel, so no client needs to know. A run without such a request preloads at its first wait, or
 * loads `@actions/core` when it writes its outputs. Returns a function that stops watching.
 */
export function preloadCoreOnReusedConnection(preload: () => void = preloadCore): () => void {
  let started = false
  const stop = (): void => {
    started = true
    unsubscribe(REQUEST_START, onStart)
  }
  const start = (): void => {
    if (started) return
    stop()
    preload()
  }
  const onStart = (message: unknown): void => {
    const request = (message as { request?: ClientRequest }).request
    if (request === undefined || typeof request.once !== 'function') {
      start()
      return
    }
    // 'finish': the request has been handed to its socket, whose `reusedSocket` is known by then.
    request.once('finish', () => {
      if (request.reusedSocket) setImmediate(start)
    })
  }
  subscribe(REQUEST_START, onStart)
  return stop
}
