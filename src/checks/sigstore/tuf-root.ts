/**
 * Reads a TUF root.json a setting names (`sigstore-tuf-root`, `attestation-tuf-root`), before any
 * network call: a file that cannot be read, is too large or is not TUF root metadata is a
 * `SettingError` naming the setting.
 */
import { readFile } from 'node:fs/promises'
import { errorMessage, SettingError } from '../../core/errors.js'
import type { SettingKey } from '../../core/settings.js'

/** Largest TUF root read (tuf-js's own limit on a root is 512 000 bytes). */
const MAX_TUF_ROOT_BYTES = 512_000

/**
 * Whether a text is TUF root metadata (`signed._type` "root", a positive `signed.version`); its
 * version. Throws a plain Error saying what is wrong.
 */
export function tufRootVersion(text: string): number {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`it is not JSON (${errorMessage(error)}); expected TUF root metadata (a root.json)`, { cause: error })
  }
  const signed = (json as { signed?: { _type?: unknown; version?: unknown } } | null)?.signed
  if (typeof signed !== 'object' || signed === null || signed._type !== 'root')
    throw new Error('it is not TUF root metadata: expected a root.json whose signed._type is "root"')
  if (!Number.isSafeInteger(signed.version) || (signed.version as number) < 1)
    throw new Error('it is not TUF root metadata: signed.version is not a positive integer')
  return signed.version as number
}

/** The text of the TUF root file `path`, checked to be root metadata. */
export async function readTufRoot(path: string, setting: SettingKey): Promise<string> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new SettingError(
      setting,
      `Invalid '${setting}': cannot read the TUF root '${path}' (${errorMessage(error)}); give a readable root.json`
    )
  }
  if (bytes.length > MAX_TUF_ROOT_BYTES)
    throw new SettingError(setting, `Invalid '${setting}': the TUF root '${path}' is over ${MAX_TUF_ROOT_BYTES} bytes`)
  const text = bytes.toString('utf8')
  try {
    tufRootVersion(text)
  } catch (error) {
    throw new SettingError(setting, `Invalid '${setting}': '${path}': ${errorMessage(error)}`)
  }
  return text
}
