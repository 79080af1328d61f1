/** Error classes shared by every module, and a safe way to print anything that was thrown. */

import type { SettingKey } from './settings.js'

/**
 * A setting is missing or malformed. `setting` is the setting's key (see `settings.ts`), never an
 * adapter's name for it: the Action maps the key to its input, a CLI to its flag. The message says
 * what is allowed and names settings by their keys in quotes (`'scan-type'`).
 */
export class SettingError extends Error {
  override readonly name = 'SettingError'
  constructor(
    readonly setting: SettingKey,
    message: string
  ) {
    super(message)
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
