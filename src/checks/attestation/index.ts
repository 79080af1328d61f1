/**
 * Build provenance: GitHub artifact attestations (SLSA provenance) of the deployed digest, verified
 * with the shared Sigstore verification and checked against a `gh attestation verify`-like policy.
 */
import { FileReadError, readBoundedFile } from '../../config/read-file.js'
import { errorMessage, SettingError } from '../../core/errors.js'
import { Setting } from '../../core/settings.js'
import type { LoadedAttestation } from './check.js'
import { parseTrustedRoots, type TrustedRootEntry } from './instance.js'
import type { AttestationSettings } from './settings.js'
import { MAX_BUNDLE_FILE_BYTES, parseBundleFile } from './sources.js'
import { PUBLIC_GOOD_TUF_MIRROR, publicGoodTrustedRoot } from '../sigstore/trusted-root.js'
import { fixedTrust, githubInstanceProvider, PublicGoodRoots, type TrustProvider } from '../sigstore/refresh.js'
import { readTufRoot } from '../sigstore/tuf-root.js'
import { GITHUB_TUF_MIRROR } from '../sigstore/tuf-settings.js'

export {
  ATTESTATION_CHECK_ID,
  attestationCheck,
  bundleVersion,
  judgeBundle,
  leafCertificate,
  type AttestationEvidence,
  type JudgedArtifact,
  type AttestationPorts,
  type BundleVerifier,
  type BundleVerifyOutcome,
  type BundleVerifyRequest,
  type LoadedAttestation,
  type Provenance
} from './check.js'
export { derString, githubClaims, type GitHubClaims } from './certificate.js'
export {
  chooseInstance,
  parseTrustedRoots,
  trustedRootEntry,
  type InstanceName,
  type Thresholds,
  type TrustedRootEntry
} from './instance.js'
export { claimsProblem, signerPattern, statementProblem, IN_TOTO_PAYLOAD_TYPE, type ArtifactDigest } from './policy.js'
export {
  DEFAULT_OIDC_ISSUER,
  DEFAULT_PREDICATE_TYPE,
  isValidOwner,
  isValidRepo,
  parseAttestationSettings,
  signerWorkflowUrl,
  type AttestationInputs,
  type AttestationSettings,
  type AttestationSource
} from './settings.js'
export {
  AttestationApiError,
  MAX_BUNDLE_BYTES,
  MAX_BUNDLES,
  parseBundleFile,
  parseBundleText,
  registryBundles,
  type ApiListing,
  type AttestationApi,
  type AttestationScope
} from './sources.js'

async function readBounded(
  path: string,
  setting: typeof Setting.AttestationSource | typeof Setting.AttestationTrustedRoot,
  what: string
): Promise<string> {
  try {
    return (await readBoundedFile(path, MAX_BUNDLE_FILE_BYTES)).toString('utf8')
  } catch (error) {
    if (error instanceof FileReadError && error.kind === 'size')
      throw new SettingError(setting, `Invalid '${setting}': the ${what} ${path} is over the ${MAX_BUNDLE_FILE_BYTES}-byte limit`)
    throw new SettingError(setting, `Invalid '${setting}': could not read the ${what} ${path}: ${errorMessage(error)}`)
  }
}

/**
 * The roots used without 'attestation-trusted-root', each fetched over TUF on first use: the
 * public-good root (`sigstore-tuf-mirror`; off: the shipped root) and, when 'attestation-tuf-root'
 * is given, GitHub's instance root over 'attestation-tuf-mirror'. The TUF root files are read now.
 */
async function defaultRoots(settings: AttestationSettings, shared: PublicGoodRoots): Promise<NonNullable<LoadedAttestation['lazyRoots']>> {
  const pg = settings.publicGoodTuf ?? { mirror: PUBLIC_GOOD_TUF_MIRROR }
  let publicGood: TrustProvider
  if (pg === 'off') publicGood = fixedTrust(publicGoodTrustedRoot())
  else {
    const seedRoot = pg.rootPath !== undefined ? await readTufRoot(pg.rootPath, Setting.SigstoreTufRoot) : undefined
    publicGood = shared.provider({ mirror: pg.mirror, ...(seedRoot !== undefined ? { seedRoot } : {}) })
  }
  const gh = settings.githubTuf ?? { mirror: GITHUB_TUF_MIRROR }
  if (gh === 'off' || gh.rootPath === undefined) return { publicGood }
  const seedRoot = await readTufRoot(gh.rootPath, Setting.AttestationTufRoot)
  return { publicGood, github: githubInstanceProvider({ mirror: gh.mirror, seedRoot, rootPath: gh.rootPath }) }
}

/**
 * Reads the files the settings name, once, before any network call: the trusted root (else
 * `defaultRoots`, the shipped public-good root) and a bundle file. A file that cannot be read or
 * parsed is a `SettingError` naming its setting. A public-good root refreshed over TUF comes from
 * `shared`, the run's (the cosign check's too).
 */
export async function loadAttestation(
  settings: AttestationSettings,
  shared: PublicGoodRoots = new PublicGoodRoots()
): Promise<LoadedAttestation> {
  let roots: TrustedRootEntry[] = []
  let lazyRoots: LoadedAttestation['lazyRoots']
  if (settings.trustedRootPath !== undefined) {
    const text = await readBounded(settings.trustedRootPath, Setting.AttestationTrustedRoot, 'trusted root')
    try {
      roots = parseTrustedRoots(text, settings.trustedRootPath)
    } catch (error) {
      throw new SettingError(
        Setting.AttestationTrustedRoot,
        `Invalid '${Setting.AttestationTrustedRoot}': ${errorMessage(error)} (expected a trusted_root.json, or JSON Lines of them as gh attestation trusted-root prints)`
      )
    }
  } else lazyRoots = await defaultRoots(settings, shared)
  const loaded: LoadedAttestation = { settings, roots, ...(lazyRoots !== undefined ? { lazyRoots } : {}) }
  if (settings.source.kind === 'file') {
    const text = await readBounded(settings.source.path, Setting.AttestationSource, 'bundle file')
    try {
      loaded.fileBundles = parseBundleFile(text, settings.source.path)
    } catch (error) {
      throw new SettingError(Setting.AttestationSource, `Invalid '${Setting.AttestationSource}': ${errorMessage(error)}`)
    }
  }
  return loaded
}
