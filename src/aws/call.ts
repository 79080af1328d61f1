/**
 * The one way the gate sends an AWS command: with the run's `AbortSignal`, and with every failure
 * turned into an `AwsCallError` that says what the gate was doing and which IAM action to grant.
 */
import { AwsCallError } from '../core/errors.js'
import { DEADLINE_EXCEEDED, wrapAwsError } from './errors.js'

/** What a call is, for its error message: `Could not <what>: …`; `action` is the IAM action to grant. */
export interface CallContext {
  /** The API operation, e.g. `DescribeImageScanFindings`. */
  operation: string
  /** The IAM action a denied call needs, e.g. `ecr:DescribeImageScanFindings`. */
  action: string
  /** Completes "Could not …", e.g. `read the scan status of app@sha256:…`. */
  what: string
}

/** What every port method takes besides its input. */
export interface CallOptions {
  /** The run's signal: once it aborts, the call is abandoned and fails with code `DeadlineExceeded`. */
  signal?: AbortSignal
  /** Completes "Could not …" in the error message; each port has a default naming the operation. */
  what?: string
}

/** The output type of an SDK command, read from its middleware handler. */
export type OutputOf<C> = C extends { resolveMiddleware(...args: never[]): (args: never) => Promise<{ output: infer O }> } ? O : never

/** What `call` needs of an SDK client. */
export interface CommandSender {
  send(command: never, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

/** The error of a call abandoned because the run's signal aborted; never retryable. */
export function deadlineError(context: CallContext, sent: boolean, cause?: unknown): AwsCallError {
  const why = sent ? `${context.operation} did not answer before the deadline` : `the deadline passed before ${context.operation} was sent`
  return new AwsCallError(`Could not ${context.what}: ${why}`, DEADLINE_EXCEEDED, context.operation, {
    cause: cause ?? signalReason()
  })
}

function signalReason(): Error {
  return Object.assign(new Error('the run was aborted'), { name: 'AbortError' })
}

/** Read through a function: the signal can abort while a call is awaited. */
function aborted(signal: AbortSignal): boolean {
  return signal.aborted
}

/**
 * Sends `command` through `client` with `{ abortSignal: signal }` and returns its output. A failure
 * becomes `wrapAwsError(error, context)` (access denied names `context.action`; `code` keeps the AWS
 * error name, `cause` the raw error). Once `signal` has aborted — before the call, or while waiting
 * for its answer — the call fails at once with code `DeadlineExceeded`, whether or not the SDK's
 * handler honours the signal (the SDK does not retry an aborted request, and neither does the gate).
 */
export async function call<C extends object>(
  client: CommandSender,
  command: C,
  context: CallContext,
  signal?: AbortSignal
): Promise<OutputOf<C>> {
  if (signal !== undefined && aborted(signal)) throw deadlineError(context, false, signal.reason)
  const send = client.send.bind(client) as (command: C, options?: { abortSignal?: AbortSignal }) => Promise<OutputOf<C>>
  try {
    // Promise.resolve: a stubbed client may answer synchronously.
    const sent = Promise.resolve(send(command, signal !== undefined ? { abortSignal: signal } : undefined))
    if (signal === undefined) return await sent
    return await new Promise<OutputOf<C>>((resolve, reject) => {
      const onAbort = (): void => reject(deadlineError(context, true, signal.reason))
      signal.addEventListener('abort', onAbort, { once: true })
      sent.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
    })
  } catch (error) {
    if (error instanceof AwsCallError && error.code === DEADLINE_EXCEEDED) throw error
    if (signal !== undefined && aborted(signal)) throw deadlineError(context, true, error)
    throw wrapAwsError(error, context)
  }
}

/**
 * `call` bound to a client that is looked up (and so created) only when a call is made: what each
 * port is built on. `options.what`, when given, replaces the port's default description.
 */
export function callerOf(client: () => CommandSender) {
  return async <C extends object>(command: C, context: CallContext, options?: CallOptions): Promise<OutputOf<C>> =>
    call(client(), command, options?.what !== undefined ? { ...context, what: options.what } : context, options?.signal)
}

/** What `singleAttempt` needs of a command: its own middleware stack. */
interface CommandWithStack {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { name: string; step: 'finalizeRequest'; priority: 'high'; tags: string[]; override: boolean }
    ): void
  }
}

/**
 * Makes one command run with a single attempt, whatever the client's `maxAttempts`. The SDK has no
 * per-command retry option, so this replaces the client's `retryMiddleware` (same name, `override`)
 * in this command's stack with a pass-through. Needed for ECR StartImageScan: the SDK treats its
 * `LimitExceededException` (once per image per 24 h) as throttling and would retry it pointlessly.
 */
export function singleAttempt<C>(command: C): C {
  ;(command as unknown as CommandWithStack).middlewareStack.add((next) => (args) => next(args), {
    name: 'retryMiddleware',
    step: 'finalizeRequest',
    priority: 'high',
    tags: ['RETRY'],
    override: true
  })
  return command
}
