/**
 * The settings of the build-provenance check (GitHub artifact attestations), mirroring
 * `gh attestation verify`: who must have built the image (owner or repository, optionally the signer
 * workflow or repository of a reusable workflow, the ref and the commits), on which runners, with
 * which predicate, and where the attestations come from. Parsed and validated once, before any
 * network call; every error is a `SettingError` naming the setting and what it accepts.
 */
import { SettingError } from '../../core/errors.js'
import { Setting, type SettingKey } from '../../core/settings.js'
import { GITHUB_TUF_MIRROR, parsePublicGoodTuf, parseTufSource, type TufSource } from '../sigstore/tuf-settings.js'

/** Where the attestation bundles come from. */
export type AttestationSource = { kind: 'api' } | { kind: 'registry' } | { kind: 'file'; path: string }

/** The validated build-provenance policy. */
export interface AttestationSettings {
  /** The owner (organisation or user) whose repository must have built the image; from `repo` when only that is given. */
  owner: string
  /** `owner/name`: the repository that must have built the image (certificate extension .12). */
  repo?: string
  /** `[host/]owner/repo/path/to/workflow.yml[@ref]`: the workflow that signed (a reusable workflow). */
  signerWorkflow?: string
  /** `owner/name`: the repository of the workflow that signed. */
  signerRepo?: string
  /** Full ref of the source (`refs/heads/main`, `refs/tags/v1.2.3`), extension .14. */
  sourceRef?: string
  /** Commit SHA of the source, extension .13. */
  sourceDigest?: string
  /** Commit SHA of the signing workflow, extension .10. */
  signerDigest?: string
  /** The OIDC issuer, extension .8. */
  oidcIssuer: string
  /** Require extension .11 = `github-hosted`. */
  denySelfHostedRunners: boolean
  /** The in-toto statement's `predicateType`. */
  predicateType: string
  source: AttestationSource
  /** A trusted root file (`trusted_root.json`, or JSON Lines of several as `gh attestation trusted-root` prints). */
  trustedRootPath?: string
  /** Where the public-good root is refreshed from (`sigstore-tuf-mirror`, `sigstore-tuf-root`); absent: the public-good mirror. */
  publicGoodTuf?: TufSource
  /** Where GitHub's instance root is fetched from (`attestation-tuf-mirror`, `attestation-tuf-root`); without a root path, it cannot be. */
  githubTuf?: TufSource
  /** GitHub host of the identities (`github.com`, or a GHES host from GITHUB_SERVER_URL). */
  host: string
}

/** The raw text of every attestation setting, keyed by setting ('' when unset). */
export type AttestationInputs = Partial<Record<SettingKey, string>>

/** The default OIDC issuer of GitHub Actions. */
export const DEFAULT_OIDC_ISSUER = 'https://token.actions.githubusercontent.com'
/** The default predicate: SLSA build provenance v1, as `actions/attest-build-provenance` makes. */
export const DEFAULT_PREDICATE_TYPE = 'https://slsa.dev/provenance/v1'

/** The settings that only make sense with `attestation: required`. */
const DEPENDENT: readonly SettingKey[] = [
  Setting.AttestationOwner,
  Setting.AttestationRepo,
  Setting.AttestationSignerWorkflow,
  Setting.AttestationSignerRepo,
  Setting.AttestationSourceRef,
  Setting.AttestationSourceDigest,
  Setting.AttestationSignerDigest,
  Setting.AttestationSource,
  Setting.AttestationTrustedRoot,
  Setting.AttestationTufMirror,
  Setting.AttestationTufRoot
]

/** A GitHub user or organisation name: 1-39 letters, digits and single inner hyphens. */
const OWNER = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/
/** A repository name: 1-100 letters, digits, '.', '_', '-' (not '.' or '..'). */
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/
const COMMIT = /^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/
const HOST = /^[A-Za-z0-9.-]{1,253}(?::\d{1,5})?$/

function clip(value: string): string {
  const oneLine = value.replace(/[\r\n\t]/g, ' ')
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine
}

/** Whether `text` is a valid GitHub owner name. */
export function isValidOwner(text: string): boolean {
  return OWNER.test(text)
}

/** Whether `text` is `owner/name` with valid parts. */
export function isValidRepo(text: string): boolean {
  const [owner, name, ...rest] = text.split('/')
  return rest.length === 0 && owner !== undefined && name !== undefined && isValidOwner(owner) && isValidRepoName(name)
}

function isValidRepoName(name: string): boolean {
  return REPO_NAME.test(name) && name !== '.' && name !== '..'
}

function repoSetting(value: string, key: SettingKey): string {
  if (!isValidRepo(value))
    throw new SettingError(
      key,
      `Invalid '${key}': expected a GitHub repository as owner/name (letters, digits, '-', and for the name also '.' and '_'), got '${clip(value)}'`
    )
  return value
}

function commitSetting(value: string, key: SettingKey): string {
  if (!COMMIT.test(value))
    throw new SettingError(key, `Invalid '${key}': expected a full commit SHA (40 or 64 hex characters), got '${clip(value)}'`)
  return value.toLowerCase()
}

function booleanSetting(value: string, key: SettingKey, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new SettingError(key, `Invalid '${key}': expected true or false, got '${clip(value)}'`)
}

/**
 * The signer workflow as gh takes it: `[host/]owner/repo/path/to/workflow.yml[@ref]`; the host
 * defaults to `host`. Returns the URL the certificate's SAN is compared with (`https://host/…`).
 */
export function signerWorkflowUrl(value: string, host: string): string {
  const key = Setting.AttestationSignerWorkflow
  const bad = (why: string): never => {
    throw new SettingError(
      key,
      `Invalid '${key}': expected [host/]owner/repo/path/to/workflow.yml[@ref] (e.g. octo-org/build/.github/workflows/release.yml), ${why}; got '${clip(value)}'`
    )
  }
  let text = value.replace(/^https:\/\//, '')
  const at = text.indexOf('@')
  const ref = at >= 0 ? text.slice(at + 1) : undefined
  if (at >= 0) text = text.slice(0, at)
  if (ref !== undefined && !/^(?:refs\/\S+|[0-9a-fA-F]{40,64})$/.test(ref)) bad('the ref after @ must be refs/… or a commit SHA')
  const parts = text.split('/')
  // A first segment with a dot is a host (github.com, a GHES host); owner names have no dots.
  const workflowHost = parts[0]?.includes('.') === true ? (parts.shift() as string) : host
  if (!HOST.test(workflowHost)) bad('the host is not a host name')
  const [owner, repo, ...path] = parts
  if (owner === undefined || !isValidOwner(owner) || repo === undefined || !isValidRepoName(repo)) bad('the owner/repo part is not valid')
  if (path.length === 0 || path.some((p) => p === '' || p === '.' || p === '..') || !/\.ya?ml$/.test(path[path.length - 1] ?? ''))
    bad('the path must name a .yml or .yaml file')
  return `https://${workflowHost}/${owner}/${repo}/${path.join('/')}${ref !== undefined ? `@${ref}` : ''}`
}

/**
 * Parses the attestation settings. Returns undefined when `attestation` is `off` (then no other
 * attestation setting may be set: it would silently do nothing). `serverUrl` is GITHUB_SERVER_URL.
 */
export function parseAttestationSettings(inputs: AttestationInputs, serverUrl = ''): AttestationSettings | undefined {
  const read = (key: SettingKey): string => (inputs[key] ?? '').trim()
  const mode = read(Setting.Attestation).toLowerCase() || 'off'
  if (mode !== 'off' && mode !== 'required') {
    throw new SettingError(
      Setting.Attestation,
      `Invalid '${Setting.Attestation}': expected off or required, got '${clip(read(Setting.Attestation))}'`
    )
  }
  // Validated even when off: the Action always passes their defaults, so a bad value is a typo to report.
  const oidcIssuer = issuerSetting(read(Setting.AttestationOidcIssuer))
  const denySelfHostedRunners = booleanSetting(
    read(Setting.AttestationDenySelfHostedRunners),
    Setting.AttestationDenySelfHostedRunners,
    true
  )
  const predicateType = predicateSetting(read(Setting.AttestationPredicateType))
  if (mode === 'off') {
    // `attestation-source` has a default (`api`) that the runner always passes.
    const stray = DEPENDENT.find((key) => read(key) !== '' && !(key === Setting.AttestationSource && read(key).toLowerCase() === 'api'))
    if (stray !== undefined)
      throw new SettingError(stray, `'${stray}' is set but '${Setting.Attestation}' is off: set '${Setting.Attestation}' to required`)
    return undefined
  }

  const host = hostOf(serverUrl)
  const ownerText = read(Setting.AttestationOwner)
  const repoText = read(Setting.AttestationRepo)
  const signerWorkflowText = read(Setting.AttestationSignerWorkflow)
  const signerRepoText = read(Setting.AttestationSignerRepo)
  if (ownerText === '' && repoText === '') {
    const key =
      signerWorkflowText !== '' ? Setting.AttestationSignerWorkflow : signerRepoText !== '' ? Setting.AttestationSignerRepo : undefined
    if (key !== undefined)
      throw new SettingError(
        key,
        `'${key}' needs '${Setting.AttestationOwner}' or '${Setting.AttestationRepo}': they say whose build the image must be (the signer only says which workflow signed)`
      )
    throw new SettingError(
      Setting.AttestationOwner,
      `'${Setting.Attestation}: required' needs '${Setting.AttestationOwner}' (a GitHub organisation or user) or '${Setting.AttestationRepo}' (owner/name): whose build the image must be`
    )
  }
  if (ownerText !== '' && !isValidOwner(ownerText))
    throw new SettingError(
      Setting.AttestationOwner,
      `Invalid '${Setting.AttestationOwner}': expected a GitHub organisation or user name (1-39 letters, digits or single hyphens), got '${clip(ownerText)}'`
    )
  const repo = repoText !== '' ? repoSetting(repoText, Setting.AttestationRepo) : undefined
  const repoOwner = repo?.split('/')[0]
  if (repoOwner !== undefined && ownerText !== '' && repoOwner.toLowerCase() !== ownerText.toLowerCase())
    throw new SettingError(
      Setting.AttestationRepo,
      `'${Setting.AttestationRepo}' (${clip(repoText)}) is not a repository of '${Setting.AttestationOwner}' (${clip(ownerText)}): give one of them, or make them agree`
    )
  if (signerWorkflowText !== '' && signerRepoText !== '')
    throw new SettingError(
      Setting.AttestationSignerRepo,
      `'${Setting.AttestationSignerRepo}' and '${Setting.AttestationSignerWorkflow}' cannot both be given: the workflow already names its repository`
    )

  const settings: AttestationSettings = {
    owner: ownerText !== '' ? ownerText : (repoOwner as string),
    oidcIssuer,
    denySelfHostedRunners,
    predicateType,
    source: sourceSetting(read(Setting.AttestationSource)),
    host
  }
  if (repo !== undefined) settings.repo = repo
  if (signerWorkflowText !== '') {
    signerWorkflowUrl(signerWorkflowText, host)
    settings.signerWorkflow = signerWorkflowText
  }
  if (signerRepoText !== '') settings.signerRepo = repoSetting(signerRepoText, Setting.AttestationSignerRepo)
  const sourceRef = read(Setting.AttestationSourceRef)
  if (sourceRef !== '') {
    if (!/^refs\/\S{1,250}$/.test(sourceRef))
      throw new SettingError(
        Setting.AttestationSourceRef,
        `Invalid '${Setting.AttestationSourceRef}': expected a full Git ref such as refs/heads/main or refs/tags/v1.2.3 (the certificate carries the full ref), got '${clip(sourceRef)}'`
      )
    settings.sourceRef = sourceRef
  }
  const sourceDigest = read(Setting.AttestationSourceDigest)
  if (sourceDigest !== '') settings.sourceDigest = commitSetting(sourceDigest, Setting.AttestationSourceDigest)
  const signerDigest = read(Setting.AttestationSignerDigest)
  if (signerDigest !== '') settings.signerDigest = commitSetting(signerDigest, Setting.AttestationSignerDigest)
  const trustedRoot = read(Setting.AttestationTrustedRoot)
  if (trustedRoot !== '') settings.trustedRootPath = trustedRoot
  settings.publicGoodTuf = parsePublicGoodTuf(read(Setting.SigstoreTufMirror), read(Setting.SigstoreTufRoot))
  settings.githubTuf = parseTufSource(
    read(Setting.AttestationTufMirror),
    read(Setting.AttestationTufRoot),
    { mirror: Setting.AttestationTufMirror, root: Setting.AttestationTufRoot },
    GITHUB_TUF_MIRROR
  )
  if (trustedRoot !== '' && read(Setting.AttestationTufRoot) !== '')
    throw new SettingError(
      Setting.AttestationTufRoot,
      `Invalid '${Setting.AttestationTufRoot}': '${Setting.AttestationTrustedRoot}' is given, which is used as is and never refreshed over TUF; remove one of them`
    )
  return settings
}

function hostOf(serverUrl: string): string {
  const text = serverUrl.trim()
  if (text === '') return 'github.com'
  try {
    const url = new URL(text)
    if (url.protocol === 'https:' && HOST.test(url.host)) return url.host.toLowerCase()
  } catch {
    // fall through: an unusable GITHUB_SERVER_URL means github.com
  }
  return 'github.com'
}

function issuerSetting(value: string): string {
  if (value === '') return DEFAULT_OIDC_ISSUER
  let ok: boolean
  try {
    const url = new URL(value)
    ok = url.protocol === 'https:' && url.search === '' && url.hash === '' && !/\s/.test(value)
  } catch {
    ok = false
  }
  if (!ok)
    throw new SettingError(
      Setting.AttestationOidcIssuer,
      `Invalid '${Setting.AttestationOidcIssuer}': expected an https URL such as ${DEFAULT_OIDC_ISSUER} (a GitHub Enterprise tenant's issuer ends in /<enterprise>), got '${clip(value)}'`
    )
  return value.replace(/\/+$/, '')
}

function predicateSetting(value: string): string {
  if (value === '') return DEFAULT_PREDICATE_TYPE
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S{1,500}$/.test(value))
    throw new SettingError(
      Setting.AttestationPredicateType,
      `Invalid '${Setting.AttestationPredicateType}': expected a predicate type URI such as ${DEFAULT_PREDICATE_TYPE}, got '${clip(value)}'`
    )
  return value
}

function sourceSetting(value: string): AttestationSource {
  const lower = value.toLowerCase()
  if (value === '' || lower === 'api') return { kind: 'api' }
  if (lower === 'registry') return { kind: 'registry' }
  if (/\.jsonl?$/i.test(value)) return { kind: 'file', path: value }
  throw new SettingError(
    Setting.AttestationSource,
    `Invalid '${Setting.AttestationSource}': expected api, registry, or the path of a bundle file ending in .json (one bundle) or .jsonl (one per line), got '${clip(value)}'`
  )
}
