/**
 * Builds the trust configuration from the action inputs: either a Notation trust policy (with a
 * trust store directory) or, for the common AWS Signer case, just a list of signing profile ARNs,
 * which behaves like a one-statement strict policy over the bundled AWS Signer root.
 */
import { readBoundedFile } from '../../../config/read-file.js'
import { join } from 'node:path'
import { Setting } from '../../../core/settings.js'
import { errorMessage, SettingError } from '../../../core/errors.js'
import { bundledRoots, bundledStoreName, type Partition, parseSigningProfileArn } from './aws-signer.js'
import { LevelActions, MaxTrustPolicyBytes, parseTrustPolicy, type TrustStatement } from './trust-policy.js'
import { certificatesFromPem, listNamedStores, loadNamedStore, type TrustStores } from './trust-store.js'

/** Everything `verifySignature` needs to decide trust; built once by `loadTrustConfig`. */
export interface TrustConfig {
  /** False when no signature input was given: signatures are then not checked at all. */
  configured: boolean
  /** Where the statements came from. */
  source: 'none' | 'signing-profile-arns' | 'trust-policy'
  /** Validated trust policy statements (one synthetic statement in signing-profile-arns mode). */
  statements: TrustStatement[]
  /** Trusted certificates by `type:name`, for every store a statement references. */
  stores: TrustStores
  partition: Partition
  /** The validated ARNs from the `signing-profile-arns` input (empty in trust-policy mode). */
  signingProfileArns: string[]
}

/** Name of the synthetic statement used when only signing profile ARNs are given. */
export const ArnStatementName = 'signing-profile-arns'

/**
 * Builds trust from the action inputs. Reads files; throws `SettingError` naming `trust-policy`,
 * `trust-store` or `signing-profile-arns` with a message that says what to fix.
 */
export async function loadTrustConfig(options: {
  signingProfileArns: string[]
  trustPolicyPath?: string
  trustStorePath?: string
  partition: Partition
}): Promise<TrustConfig> {
  const arns = options.signingProfileArns.map((a) => a.trim()).filter((a) => a !== '')
  const { partition } = options
  for (const arn of arns) {
    const parsed = parseSigningProfileArn(arn)
    if (typeof parsed === 'string') {
      throw new SettingError(Setting.SigningProfileArns, `Invalid '${Setting.SigningProfileArns}': "${arn}": ${parsed}`)
    }
    if (parsed.partition !== partition) {
      throw new SettingError(
        Setting.SigningProfileArns,
        `Invalid '${Setting.SigningProfileArns}': "${arn}" is in partition ${parsed.partition}, but the image is in ${partition}`
      )
    }
  }
  const none: TrustConfig = { configured: false, source: 'none', statements: [], stores: {}, partition, signingProfileArns: [] }
  if (arns.length === 0 && options.trustPolicyPath === undefined) {
    if (options.trustStorePath !== undefined) {
      throw new SettingError(
        Setting.TrustStore,
        `'${Setting.TrustStore}' needs '${Setting.TrustPolicy}' or '${Setting.SigningProfileArns}' to say which certificates to trust for which images`
      )
    }
    return none
  }
  if (arns.length > 0 && options.trustPolicyPath !== undefined) {
    throw new SettingError(
      Setting.SigningProfileArns,
      `Give either '${Setting.SigningProfileArns}' or '${Setting.TrustPolicy}', not both: list the ARNs in the trust policy's trustedIdentities instead`
    )
  }
  if (arns.length > 0) return arnConfig(arns, partition, options.trustStorePath)
  return policyConfig(options.trustPolicyPath as string, options.trustStorePath, partition)
}

async function arnConfig(arns: string[], partition: Partition, trustStorePath: string | undefined): Promise<TrustConfig> {
  const stores: TrustStores = {}
  const storeRefs: TrustStatement['trustStores'] = []
  const roots = bundledRoots(partition).flatMap((pem) => certificatesFromPem(pem))
  if (roots.length > 0) {
    stores[`signingAuthority:${bundledStoreName(partition)}`] = roots
    storeRefs.push({ type: 'signingAuthority', name: bundledStoreName(partition) })
  }
  if (trustStorePath !== undefined) {
    const names = await listNamedStores(trustStorePath, 'signingAuthority')
    if (names.length === 0) {
      throw new SettingError(
        Setting.TrustStore,
        `Trust store ${trustStorePath} has no x509/signingAuthority/<name>/ directory with certificates`
      )
    }
    for (const name of names) {
      const certs = await loadNamedStore(trustStorePath, 'signingAuthority', name)
      if (certs === undefined) continue
      stores[`signingAuthority:${name}`] = certs
      storeRefs.push({ type: 'signingAuthority', name })
    }
  }
  if (storeRefs.length === 0) {
    throw new SettingError(
      Setting.SigningProfileArns,
      `No AWS Signer root certificate is bundled for partition ${partition}; give '${Setting.TrustStore}' with x509/signingAuthority/<name>/ holding the root`
    )
  }
  const statement: TrustStatement = {
    name: ArnStatementName,
    registryScopes: ['*'],
    level: 'strict',
    actions: { ...LevelActions.strict },
    trustStores: storeRefs,
    trustedIdentities: arns.map((arn) => ({ kind: 'signing-profile', arn })),
    verifyTimestamp: 'always'
  }
  return { configured: true, source: 'signing-profile-arns', statements: [statement], stores, partition, signingProfileArns: arns }
}

async function policyConfig(path: string, trustStorePath: string | undefined, partition: Partition): Promise<TrustConfig> {
  let text: string
  try {
    text = (await readBoundedFile(path, MaxTrustPolicyBytes)).toString('utf8')
  } catch (error) {
    throw new SettingError(
      Setting.TrustPolicy,
      `Could not read the trust policy file given in '${Setting.TrustPolicy}' (${path}): ${errorMessage(error)}`
    )
  }
  const statements = parseTrustPolicy(text)
  const stores: TrustStores = {}
  for (const statement of statements) {
    for (const ref of statement.trustStores) {
      const key = `${ref.type}:${ref.name}`
      if (stores[key] !== undefined) continue
      const fromDir = trustStorePath === undefined ? undefined : await loadNamedStore(trustStorePath, ref.type, ref.name)
      if (fromDir !== undefined) {
        stores[key] = fromDir
        continue
      }
      // The bundled AWS Signer roots are available to policies by their store names.
      const bundled = (['aws', 'aws-us-gov'] as const).find((p) => ref.type === 'signingAuthority' && ref.name === bundledStoreName(p))
      if (bundled !== undefined) {
        stores[key] = bundledRoots(bundled).flatMap((pem) => certificatesFromPem(pem))
        continue
      }
      const where =
        trustStorePath === undefined
          ? `no '${Setting.TrustStore}' was given`
          : `${join(trustStorePath, 'x509', ref.type, ref.name)} does not exist`
      throw new SettingError(Setting.TrustStore, `Trust policy statement "${statement.name}" references trust store ${key}, but ${where}`)
    }
  }
  return { configured: true, source: 'trust-policy', statements, stores, partition, signingProfileArns: [] }
}

/**
 * True when any signature input was given; a verified signature is then required unless the trust
 * policy statement that applies has level audit or skip (see `SignatureResult.level`).
 */
export function signatureRequired(trust: TrustConfig): boolean {
  return trust.configured
}
