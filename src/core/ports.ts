/** Ports injected into the pipeline so that tests control time and logging. */

/** Logger with the levels the Actions runner understands; `main.ts` binds it to the runner's log commands. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
  /** Masks a secret in everything logged afterwards. */
  setSecret(secret: string): void
  /** Runs `fn` inside a collapsible log group. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** Milliseconds since the epoch. */
export type Clock = () => number

/**
 * Waits `ms` milliseconds, or less when `signal` aborts first: it then resolves early, never rejects
 * (the caller checks the signal). Tests pass an instant fake that advances their clock.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** The option every function that calls AWS or the registry takes. */
export interface SignalOption {
  /** The run's signal: once it aborts (the run's deadline passed), pending calls are abandoned. */
  signal?: AbortSignal
}

/** Just `{ signal }` of `options` (or `{}`), to spread into another call's options. */
export function signalOf(options: SignalOption): SignalOption {
  return options.signal !== undefined ? { signal: options.signal } : {}
}

/** A logger that drops everything: for tests and for library use. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  setSecret() {},
  async group<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

/** The real sleep; ends early when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
