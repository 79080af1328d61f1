/**
 * The cosign check's trust, loaded once per run: the PEM key files and the Sigstore trusted root
 * are read before any AWS call (a bad one is a `SettingError`), and each KMS key's public key is
 * read with one `kms:GetPublicKey` per key per run, on first use.
 */
import { createPublicKey, type KeyObject } from 'node:crypto'
import { FileReadError, readBoundedFile } from '../../../config/read-file.js'
import type { KmsPort } from '../../../aws/kms.js'
import { errorMessage, SettingError } from '../../../core/errors.js'
import { Setting } from '../../../core/settings.js'
import {
  keyFingerprint,
  parseTrustedRoot,
  PUBLIC_GOOD_TUF_MIRROR,
  publicGoodTrustedRoot,
  type SigstoreTrust
} from '../../sigstore/index.js'
import { fixedTrust, PublicGoodRoots, type TrustProvider } from '../../sigstore/refresh.js'
import { readTufRoot } from '../../sigstore/tuf-root.js'
import type { CosignSettings, KmsKeyRef } from './settings.js'

/** A key a signature may verify with. */
export interface CosignKey {
  /** How the report names it: the KMS key ARN, or the PEM file's path. */
  readonly label: string
  readonly key: KeyObject
  /** `sha256:<hex>` of its SubjectPublicKeyInfo. */
  readonly fingerprint: string
}

/** The cosign settings with their files read. */
export interface CosignConfig {
  readonly settings: CosignSettings
  /** The trusted root, resolved on first use (a TUF refresh runs then, once per run). */
  readonly trust: TrustProvider
  readonly pemKeys: readonly CosignKey[]
  readonly kmsKeys: readonly KmsKeyRef[]
}

/** The cosign configuration with its trusted root resolved. */
export interface CosignTrusted extends Omit<CosignConfig, 'trust'> {
  readonly trust: SigstoreTrust
}

/** Largest PEM key file or trusted root read. */
const MAX_FILE_BYTES = 1024 * 1024

async function readSmallFile(
  path: string,
  setting: typeof Setting.CosignKey | typeof Setting.SigstoreTrustedRoot,
  what: string
): Promise<string> {
  try {
    return (await readBoundedFile(path, MAX_FILE_BYTES)).toString('utf8')
  } catch (error) {
    if (error instanceof FileReadError && error.kind === 'size')
      throw new SettingError(setting, `Invalid '${setting}': ${what} '${path}' is over ${MAX_FILE_BYTES} bytes`)
    throw new SettingError(
      setting,
      `Invalid '${setting}': cannot read ${what} '${path}' (${errorMessage(error)}); give a readable file path`
    )
  }
}

/**
 * Reads the PEM key files and the trusted root; throws a SettingError naming the setting. A
 * public-good root refreshed over TUF comes from `roots`, the run's (shared with the other checks).
 */
export async function loadCosignConfig(settings: CosignSettings, roots: PublicGoodRoots = new PublicGoodRoots()): Promise<CosignConfig> {
  const pemKeys: CosignKey[] = []
  for (const ref of settings.keys) {
    if (ref.kind !== 'pem') continue
    const text = await readSmallFile(ref.path, Setting.CosignKey, 'the PEM public key file')
    let key: KeyObject
    try {
      if (!text.includes('-----BEGIN PUBLIC KEY-----')) throw new Error('no "-----BEGIN PUBLIC KEY-----" block')
      key = createPublicKey(text)
    } catch (error) {
      throw new SettingError(
        Setting.CosignKey,
        `Invalid '${Setting.CosignKey}': '${ref.path}' is not a PEM public key (${errorMessage(error)}); expected the cosign.pub that cosign generate-key-pair wrote, or a PEM SubjectPublicKeyInfo`
      )
    }
    pemKeys.push({ label: ref.path, key, fingerprint: keyFingerprint(key) })
  }
  let trust: TrustProvider
  if (settings.trustedRootPath !== undefined) {
    const text = await readSmallFile(settings.trustedRootPath, Setting.SigstoreTrustedRoot, 'the trusted root')
    try {
      trust = fixedTrust(parseTrustedRoot(text, settings.trustedRootPath))
    } catch (error) {
      throw new SettingError(Setting.SigstoreTrustedRoot, `Invalid '${Setting.SigstoreTrustedRoot}': ${errorMessage(error)}`)
    }
  } else if (settings.tuf === 'off') {
    trust = fixedTrust(publicGoodTrustedRoot())
  } else {
    const mirror = settings.tuf?.mirror ?? PUBLIC_GOOD_TUF_MIRROR
    const rootPath = settings.tuf?.rootPath
    const seedRoot = rootPath !== undefined ? await readTufRoot(rootPath, Setting.SigstoreTufRoot) : undefined
    trust = roots.provider({ mirror, ...(seedRoot !== undefined ? { seedRoot } : {}) })
  }
  return { settings, trust, pemKeys, kmsKeys: settings.keys.filter((k): k is KmsKeyRef => k.kind === 'kms') }
}

/** What a cosign signature made with this KMS key spec is verified with; undefined: not a cosign signing key. */
const KMS_KEY_SPECS: ReadonlySet<string> = new Set(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'RSA_2048', 'RSA_3072', 'RSA_4096'])

/** Resolves a KMS key reference in a region to its public key; memoised for the run. */
export type KmsKeyResolver = (ref: KmsKeyRef, region: string) => Promise<CosignKey>

/**
 * A resolver that calls `kms:GetPublicKey` once per (region, key) for the whole run. The key must be
 * for SIGN_VERIFY and of a spec cosign signs with (ECC_NIST_P256/P384/P521, RSA_2048/3072/4096).
 * Failures are thrown (the check turns them into a failing result) and are not cached away.
 */
export function kmsKeyResolver(portFor: (region: string) => KmsPort | undefined, signal?: AbortSignal): KmsKeyResolver {
  const cache = new Map<string, Promise<CosignKey>>()
  return (ref, imageRegion) => {
    const region = ref.region ?? imageRegion
    const cacheKey = `${region}\n${ref.keyId}`
    let pending = cache.get(cacheKey)
    if (pending === undefined) {
      pending = fetchKmsKey(ref, region, portFor(region), signal)
      pending.catch(() => cache.delete(cacheKey))
      cache.set(cacheKey, pending)
    }
    return pending
  }
}

async function fetchKmsKey(ref: KmsKeyRef, region: string, port: KmsPort | undefined, signal: AbortSignal | undefined): Promise<CosignKey> {
  if (port === undefined) throw new Error(`no KMS client for ${region}`)
  const response = await port.getPublicKey(
    { KeyId: ref.keyId },
    { ...(signal !== undefined ? { signal } : {}), what: `read the public key of KMS key ${ref.reference} in ${region}` }
  )
  const label = response.KeyId ?? ref.reference
  if (response.KeyUsage !== 'SIGN_VERIFY') {
    throw new Error(
      `KMS key ${label} has key usage ${response.KeyUsage ?? 'unknown'}, not SIGN_VERIFY: it cannot have signed an image; give the key cosign signed with`
    )
  }
  if (response.KeySpec === undefined || !KMS_KEY_SPECS.has(response.KeySpec)) {
    throw new Error(
      `KMS key ${label} has key spec ${response.KeySpec ?? 'unknown'}; cosign signs with ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 or RSA_2048/3072/4096 keys`
    )
  }
  if (response.PublicKey === undefined) throw new Error(`KMS returned no public key for ${label}`)
  let key: KeyObject
  try {
    key = createPublicKey({ key: Buffer.from(response.PublicKey), format: 'der', type: 'spki' })
  } catch (error) {
    throw new Error(`the public key KMS returned for ${label} does not parse: ${errorMessage(error)}`, { cause: error })
  }
  return { label, key, fingerprint: keyFingerprint(key) }
}
