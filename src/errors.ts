/** Error classes shared by every module, and a safe way to print anything that was thrown. */

/** A user input is missing or malformed. The message names the input and what is allowed. */
export class InputError extends Error {
  override readonly name = 'InputError'
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
  }
}

/** The gate decided `fail`; thrown only to carry the verdict's reasons to the Actions adapter. */
export class GateDenied extends Error {
  override readonly name = 'GateDenied'
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '))
  }
}

/**
 * An AWS call failed after the SDK's retries. `code` is the AWS error name
 * (e.g. `AccessDeniedException`); the message says what was being done and how to fix it.
 */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError'
  constructor(
    message: string,
    readonly code: string,
    readonly operation: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

/**
 * The text of anything thrown. Unlike `error instanceof Error ? error.message : …`, it never drops a
 * non-Error throw.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  if (typeof error === 'string') return error
  try {
    const json = JSON.stringify(error)
    if (json !== undefined) return json
  } catch {
    // fall through: cyclic or otherwise unprintable
  }
  return String(error)
}
