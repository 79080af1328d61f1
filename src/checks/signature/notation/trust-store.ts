/**
 * Notation trust store: a directory `x509/<type>/<name>/` of certificate files (`.pem`, `.crt`,
 * `.cer`; PEM or DER). Symlinks are refused (as the specification requires), sub-directories are
 * ignored, and every certificate must be able to anchor trust (a CA or self-signed).
 */
import { lstat, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SettingError } from '../../../core/errors.js'
import type { TrustStoreType } from './trust-policy.js'
import { canAnchor, type CertInfo, CertificateError, parseCertificate } from './x509.js'

/** Largest certificate file read from a trust store. */
export const MaxTrustStoreFileBytes = 1024 * 1024

/** Trusted certificates by `type:name`. */
export type TrustStores = Record<string, CertInfo[]>

const certificateExtensions = ['.pem', '.crt', '.cer']

function storeError(message: string): never {
  throw new SettingError('trust-store', `Invalid trust store: ${message}`)
}

/**
 * Reads every certificate of a PEM or DER file. Throws `CertificateError` for bytes that hold no
 * certificate at all; PEM blocks of other kinds are refused too, so a misplaced key is noticed.
 */
export function certificatesFromFile(bytes: Uint8Array): CertInfo[] {
  const text = Buffer.from(bytes).toString('latin1')
  if (!text.includes('-----BEGIN')) return [parseCertificate(new Uint8Array(bytes))]
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)]
  if (blocks.length === 0) throw new CertificateError('PEM markers without a complete block')
  return blocks.map((block) => {
    if (block[1] !== 'CERTIFICATE') throw new CertificateError(`PEM block "${block[1] ?? ''}" is not a CERTIFICATE`)
    const body = (block[2] ?? '').replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new CertificateError('PEM body is not base64')
    return parseCertificate(new Uint8Array(Buffer.from(body, 'base64')))
  })
}

/** Parses PEM text holding one or more certificates (used for the bundled roots). */
export function certificatesFromPem(pem: string): CertInfo[] {
  return certificatesFromFile(new Uint8Array(Buffer.from(pem, 'latin1')))
}

async function isSymlink(path: string): Promise<boolean> {
  return (await lstat(path)).isSymbolicLink()
}

/**
 * Loads one named store. Returns undefined when the directory does not exist, so callers can
 * decide whether that is an error. Throws `SettingError('trust-store', …)` for anything malformed.
 */
export async function loadNamedStore(root: string, type: TrustStoreType, name: string): Promise<CertInfo[] | undefined> {
  const dir = join(root, 'x509', type, name)
  let stat
  try {
    stat = await lstat(dir)
  } catch {
    return undefined
  }
  if (stat.isSymbolicLink()) storeError(`${type}:${name} is a symbolic link; symlinks are not allowed in a trust store`)
  if (!stat.isDirectory()) storeError(`${type}:${name} is not a directory`)
  const certs: CertInfo[] = []
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) continue // the specification ignores sub-directories of a named store
    if (!certificateExtensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) continue
    if (entry.isSymbolicLink() || (await isSymlink(path)))
      storeError(`${type}:${name}/${entry.name} is a symbolic link; symlinks are not allowed`)
    if (!entry.isFile()) continue
    const stats = await lstat(path)
    if (stats.size > MaxTrustStoreFileBytes) storeError(`${type}:${name}/${entry.name} is larger than ${MaxTrustStoreFileBytes} bytes`)
    let found: CertInfo[]
    try {
      found = certificatesFromFile(new Uint8Array(await readFile(path)))
    } catch (error) {
      storeError(`${type}:${name}/${entry.name}: ${error instanceof Error ? error.message : String(error)}`)
    }
    for (const cert of found) {
      if (!canAnchor(cert)) {
        storeError(
          `${type}:${name}/${entry.name}: certificate "${cert.subject}" is neither a CA nor self-signed, so it cannot anchor trust`
        )
      }
      certs.push(cert)
    }
  }
  if (certs.length === 0) storeError(`${type}:${name} (${dir}) holds no .pem, .crt or .cer certificate`)
  return certs
}

/** Names of the stores of one type present under a trust store root. */
export async function listNamedStores(root: string, type: TrustStoreType): Promise<string[]> {
  try {
    const entries = await readdir(join(root, 'x509', type), { withFileTypes: true })
    return entries
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => e.name)
      .sort()
  } catch {
    return []
  }
}
