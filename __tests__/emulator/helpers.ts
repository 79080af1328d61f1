/**
 * Shared helpers for the emulator fidelity tests: real SDK v3 clients pointed at an emulator.
 */
import { ECRClient } from '@aws-sdk/client-ecr'
import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { SignerClient } from '@aws-sdk/client-signer'
import { createHash } from 'node:crypto'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Emulator } from '../../emulator/server.mjs'

export const credentials = { accessKeyId: 'x', secretAccessKey: 'y' }

/** Real SDK clients for an emulator; `maxAttempts` defaults to the SDK's standard 3. */
export function clientsFor(emu: Emulator, maxAttempts?: number) {
  const base = { region: emu.scenario.region, endpoint: emu.url, credentials, ...(maxAttempts ? { maxAttempts } : {}) }
  return {
    ecr: new ECRClient(base),
    inspector: new Inspector2Client(base),
    // GetRevocationStatus carries a `data-` host prefix that a custom endpoint cannot resolve.
    signer: new SignerClient({ ...base, disableHostPrefix: true })
  }
}

/** sha256:<hex> of bytes or text. */
export function digestOf(bytes: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex')
}

/** An SDK error as the tests inspect it. */
export type CaughtError = Error & { name: string; $metadata?: { httpStatusCode?: number; attempts?: number }; [k: string]: unknown }

/** Captures a rejection so its class and metadata can be asserted. */
export async function rejection(p: Promise<unknown>): Promise<CaughtError> {
  try {
    await p
  } catch (err) {
    return err as CaughtError
  }
  throw new Error('expected the promise to reject')
}

/** Basic auth header for the registry from a GetAuthorizationToken token. */
export function basic(token: string): Record<string, string> {
  return { authorization: `Basic ${token}` }
}

/** Absolute path of a sample scenario in emulator/scenarios/. */
export function scenarioPath(file: string): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../emulator/scenarios', file)
}
