/**
 * Every action input is read here, validated once, and returned as a typed `Settings` object.
 * Errors name the input and what it accepts (see STYLE.md, "From aws-actions").
 */
import * as os from 'node:os'
import * as path from 'node:path'
import { Limits } from '../core/constants.js'
import { RUN_TIMEOUT_MARGIN_SECONDS, type GateRequest, type ImageRef } from '../core/request.js'
import type { SettingKey } from '../core/settings.js'
import { Inputs } from './names.js'
import { errorMessage, SettingError } from '../core/errors.js'
import { isValidDigest, isValidRegion, isValidRegistryId, isValidRepositoryName, isValidTag, parseImageReference } from '../image/index.js'
import type { ThresholdSeverity } from '../core/types.js'
import {
  parseAllowedAccounts,
  parseAllowedOrg,
  parseAllowedUpstreams,
  parsePostureRules,
  parseHorizonDays,
  parseAllowedKmsKeys,
  postureRequested,
  type PostureSettings
} from '../checks/posture/rules.js'
import { parseCosignSettings, type CosignSettings } from '../checks/signature/cosign/settings.js'
import { parseAttestationSettings, type AttestationInputs, type AttestationSettings } from '../checks/attestation/settings.js'

/** Reads one input by name (`core.getInput` in the action; a map in tests). Returns '' when unset. */
export type InputReader = (name: string) => string

/** One image of a batch (`images` input): a full ECR reference, parsed, so its registry is known. */
export type BatchImage = ImageRef & { registryId: string }

/** The validated configuration of one gate run. */
export interface Settings {
  /**
   * Every image to gate, in input order: the `images` list, or the one image of `image` or
   * `repository` with `tag`/`digest`. Each names itself (`reference`) as the person wrote it.
   */
  images: ImageRef[]
  /** Whether the images came as the `images` list (the report then has the batch shape). */
  batch: boolean
  severityThreshold: ThresholdSeverity
  ignoreUnfixed: boolean
  maxCounts: { critical: number; high: number; medium: number; low: number }
  allowlistPath?: string
  minEpss?: number
  exploitableOnly: boolean
  scanTimeoutSeconds: number
  /** The whole run's limit (`timeout`); absent means `scan-timeout` + 120 s. */
  timeoutSeconds?: number
  scanType: 'auto' | 'enhanced' | 'basic'
  startScan: boolean
  mode: 'enforce' | 'audit'
  /** Stop waiting for the scan once an enforced check failed (`fail-fast`). */
  failFast: boolean
  reportFile: string
  sarifFile?: string
  summary: boolean
  signingProfileArns: string[]
  trustPolicyPath?: string
  trustStorePath?: string
  // cosign and Sigstore signatures
  /** cosign verification (`cosign-key` or the keyless identity inputs); absent when none is given. */
  cosign?: CosignSettings
  /** `signatures-required`: with Notation and cosign both given, `all` requires both, `any` either. */
  signaturesRequired?: 'all' | 'any'
  /** Repository posture rules that are on (`posture`); absent when posture is off. */
  posture?: PostureSettings
  /** Days before an applied allowlist entry expires from which the run warns (`allowlist-warn-days`). */
  allowlistWarnDays?: number
  /** Build provenance required (`attestation: required`); absent when off. */
  attestation?: AttestationSettings
  /** The token for the GitHub attestations API (`github-token`); masked by main.ts before anything is logged. */
  githubToken?: string
}

/** The inputs of build provenance, read together. */
const ATTESTATION_INPUTS = [
  Inputs.Attestation,
  Inputs.AttestationOwner,
  Inputs.AttestationRepo,
  Inputs.AttestationSignerWorkflow,
  Inputs.AttestationSignerRepo,
  Inputs.AttestationSourceRef,
  Inputs.AttestationSourceDigest,
  Inputs.AttestationSignerDigest,
  Inputs.AttestationOidcIssuer,
  Inputs.AttestationDenySelfHostedRunners,
  Inputs.AttestationPredicateType,
  Inputs.AttestationSource,
  Inputs.AttestationTrustedRoot,
  Inputs.AttestationTufMirror,
  Inputs.AttestationTufRoot,
  Inputs.SigstoreTufMirror,
  Inputs.SigstoreTufRoot
] as const

const SEVERITIES: readonly ThresholdSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']
/**
 * Reads and validates every input. `env` supplies `AWS_REGION` / `AWS_DEFAULT_REGION` / `RUNNER_TEMP`.
 * Throws `SettingError` naming the first bad input.
 */
export function readSettings(getInput: InputReader, env: NodeJS.ProcessEnv = process.env): Settings {
  const read = (name: string): string => getInput(name).trim()

  const image = read(Inputs.Image)
  const imagesText = getInput(Inputs.Images)
  let batch: BatchImage[] | undefined
  let repository = read(Inputs.Repository)
  let tag = read(Inputs.Tag)
  let digest = read(Inputs.Digest)
  let registryId = read(Inputs.RegistryId)
  let region = read(Inputs.Region)

  if (imagesText.trim()) {
    if (image || repository || tag || digest) {
      throw new SettingError(
        Inputs.Images,
        `Input 'images' cannot be combined with 'image', 'repository', 'tag' or 'digest': expected either a list of full image references or one image`
      )
    }
    batch = readBatch(imagesText, registryId, region)
    region = (batch[0] as BatchImage).region
  } else if (image) {
    if (repository || tag || digest) {
      throw new SettingError(
        Inputs.Image,
        `Input 'image' cannot be combined with 'repository', 'tag' or 'digest': give either a full image reference or repository with tag/digest`
      )
    }
    const ref = parseImageReference(image)
    const account = ref.registryId
    const imageRegion = ref.region
    if (registryId && registryId !== account) {
      throw new SettingError(
        Inputs.RegistryId,
        `Input 'registry-id' (${clip(registryId)}) does not match the account in 'image' (${account})`
      )
    }
    if (region && region !== imageRegion) {
      throw new SettingError(Inputs.Region, `Input 'region' (${clip(region)}) does not match the region in 'image' (${imageRegion})`)
    }
    repository = ref.repository
    tag = ref.tag ?? ''
    digest = ref.digest ?? ''
    registryId = account
    region = imageRegion
  } else {
    if (!repository) {
      throw new SettingError(Inputs.Repository, `Input 'repository' is required (or give 'image' as a full ECR image reference)`)
    }
    validateRepository(repository, Inputs.Repository)
    if (!tag && !digest) {
      throw new SettingError(Inputs.Tag, `One of the inputs 'tag' or 'digest' is required to say which image to gate`)
    }
    if (tag && !isValidTag(tag)) {
      throw new SettingError(
        Inputs.Tag,
        `Invalid input for 'tag': expected up to 128 characters of letters, digits, '_', '.' and '-' (not starting with '.' or '-'), got '${clip(tag)}'`
      )
    }
    if (digest && !isValidDigest(digest)) {
      throw new SettingError(
        Inputs.Digest,
        `Invalid input for 'digest': expected sha256: followed by 64 lowercase hex characters, got '${clip(digest)}'`
      )
    }
    if (registryId && !isValidRegistryId(registryId)) {
      throw new SettingError(
        Inputs.RegistryId,
        `Invalid input for 'registry-id': expected a 12-digit AWS account ID, got '${clip(registryId)}'`
      )
    }
  }

  if (!region) region = (env.AWS_REGION ?? '').trim() || (env.AWS_DEFAULT_REGION ?? '').trim()
  if (!region) {
    throw new SettingError(
      Inputs.Region,
      `Input 'region' is required when neither AWS_REGION nor AWS_DEFAULT_REGION is set (aws-actions/configure-aws-credentials sets them)`
    )
  }
  if (!isValidRegion(region)) {
    throw new SettingError(Inputs.Region, `Invalid input for 'region': expected an AWS region such as us-east-1, got '${clip(region)}'`)
  }

  const severityThreshold = readEnum(read(Inputs.SeverityThreshold) || 'HIGH', Inputs.SeverityThreshold, SEVERITIES, true)
  const scanType = readEnum(read(Inputs.ScanType) || 'auto', Inputs.ScanType, ['auto', 'enhanced', 'basic'] as const, false)
  const mode = readEnum(read(Inputs.Mode) || 'enforce', Inputs.Mode, ['enforce', 'audit'] as const, false)

  const minEpssText = read(Inputs.MinEpss)
  let minEpss: number | undefined
  if (minEpssText) {
    minEpss = Number(minEpssText)
    if (!/^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.test(minEpssText) || !Number.isFinite(minEpss)) {
      throw new SettingError(
        Inputs.MinEpss,
        `Invalid input for 'min-epss': expected a number from 0 to 1 (an EPSS probability, e.g. 0.1), got '${clip(minEpssText)}'`
      )
    }
  }

  const runnerTemp = (env.RUNNER_TEMP ?? '').trim() || os.tmpdir()
  const single: ImageRef = {
    reference: image || `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`,
    region,
    repository
  }
  if (registryId) single.registryId = registryId
  if (tag) single.tag = tag
  if (digest) single.digest = digest
  const settings: Settings = {
    images: batch ?? [single],
    batch: batch !== undefined,
    severityThreshold,
    ignoreUnfixed: readBoolean(read(Inputs.IgnoreUnfixed), Inputs.IgnoreUnfixed, false),
    maxCounts: {
      critical: readCount(read(Inputs.MaxCritical), Inputs.MaxCritical),
      high: readCount(read(Inputs.MaxHigh), Inputs.MaxHigh),
      medium: readCount(read(Inputs.MaxMedium), Inputs.MaxMedium),
      low: readCount(read(Inputs.MaxLow), Inputs.MaxLow)
    },
    exploitableOnly: readBoolean(read(Inputs.ExploitableOnly), Inputs.ExploitableOnly, false),
    scanTimeoutSeconds: readInteger(read(Inputs.ScanTimeout), Inputs.ScanTimeout, 600, 1, 86_400),
    scanType,
    startScan: readBoolean(read(Inputs.StartScan), Inputs.StartScan, true),
    mode,
    failFast: readBoolean(read(Inputs.FailFast), Inputs.FailFast, true),
    reportFile: read(Inputs.ReportFile) || path.join(runnerTemp, 'ecr-deploy-gate-report.json'),
    summary: readBoolean(read(Inputs.Summary), Inputs.Summary, true),
    signingProfileArns: readList(getInput(Inputs.SigningProfileArns)),
    allowlistWarnDays: readInteger(read(Inputs.AllowlistWarnDays), Inputs.AllowlistWarnDays, 14, 0, 3650),
    signaturesRequired: readEnum(read(Inputs.SignaturesRequired) || 'all', Inputs.SignaturesRequired, ['all', 'any'] as const, false)
  }
  // cosign and Sigstore signatures
  const cosign = parseCosignSettings({
    key: readList(getInput(Inputs.CosignKey)),
    certificateIdentity: read(Inputs.CosignCertificateIdentity),
    certificateIdentityRegexp: read(Inputs.CosignCertificateIdentityRegexp),
    certificateOidcIssuer: read(Inputs.CosignCertificateOidcIssuer),
    certificateOidcIssuerRegexp: read(Inputs.CosignCertificateOidcIssuerRegexp),
    trustedRoot: read(Inputs.SigstoreTrustedRoot),
    tufMirror: read(Inputs.SigstoreTufMirror),
    tufRoot: read(Inputs.SigstoreTufRoot),
    ignoreTlog: readBoolean(read(Inputs.CosignIgnoreTlog), Inputs.CosignIgnoreTlog, false)
  })
  if (cosign !== undefined) settings.cosign = cosign
  const allowedOrg = parseAllowedOrg(getInput(Inputs.PostureAllowedOrg))
  const posture: PostureSettings = {
    rules: parsePostureRules(getInput(Inputs.Posture)),
    allowedAccounts: parseAllowedAccounts(readList(getInput(Inputs.PostureAllowedAccounts))),
    ...(allowedOrg !== undefined ? { allowedOrg } : {}),
    allowedUpstreams: parseAllowedUpstreams(readList(getInput(Inputs.PostureAllowedUpstreams))),
    // lifecycle-expiry and kms-encryption options
    horizonDays: parseHorizonDays(getInput(Inputs.LifecycleHorizonDays)),
    allowedKmsKeys: parseAllowedKmsKeys(readList(getInput(Inputs.PostureAllowedKmsKeys)))
  }
  if (postureRequested(posture)) settings.posture = posture
  // Build provenance (GitHub artifact attestations)
  const attestationInputs: AttestationInputs = {}
  for (const key of ATTESTATION_INPUTS) attestationInputs[key] = getInput(key)
  const attestation = parseAttestationSettings(attestationInputs, env.GITHUB_SERVER_URL ?? '')
  if (attestation !== undefined) settings.attestation = attestation
  const githubToken = read(Inputs.GithubToken)
  if (githubToken !== '') settings.githubToken = githubToken
  if (minEpss !== undefined) settings.minEpss = minEpss
  const timeout = read(Inputs.Timeout)
  if (timeout !== '') settings.timeoutSeconds = readInteger(timeout, Inputs.Timeout, 0, 1, 86_400 + RUN_TIMEOUT_MARGIN_SECONDS)
  const allowlist = read(Inputs.Allowlist)
  if (allowlist) settings.allowlistPath = allowlist
  const sarif = read(Inputs.SarifFile)
  if (sarif) settings.sarifFile = sarif
  const trustPolicy = read(Inputs.TrustPolicy)
  if (trustPolicy) settings.trustPolicyPath = trustPolicy
  const trustStore = read(Inputs.TrustStore)
  if (trustStore) settings.trustStorePath = trustStore
  if (settings.trustStorePath && !settings.trustPolicyPath && settings.signingProfileArns.length === 0) {
    throw new SettingError(
      Inputs.TrustStore,
      `Input 'trust-store' needs 'trust-policy' or 'signing-profile-arns': a trust store alone does not say whose signatures to trust`
    )
  }
  return settings
}

/**
 * Parses the `images` input: 1 to `Limits.batchImages` full ECR references, no duplicates, each
 * agreeing with `registry-id` / `region` when those are given. Errors name the entry (1-based).
 */
function readBatch(text: string, registryId: string, region: string): BatchImage[] {
  const entries = readList(text)
  if (entries.length === 0 || entries.length > Limits.batchImages) {
    throw new SettingError(
      Inputs.Images,
      `Invalid input for 'images': expected 1 to ${Limits.batchImages} image references (one per line or comma-separated), got ${entries.length}`
    )
  }
  const seen = new Map<string, number>()
  return entries.map((reference, i) => {
    const n = i + 1
    let ref: ReturnType<typeof parseImageReference>
    try {
      ref = parseImageReference(reference)
    } catch (error) {
      // parseImageReference names 'image'; in a batch the person needs the input and the entry.
      const detail = errorMessage(error).replace(/^Invalid '[^']*': /, '')
      throw new SettingError(Inputs.Images, `Invalid entry ${n} of input 'images' ('${clip(reference)}'): ${detail}`)
    }
    if (registryId && registryId !== ref.registryId) {
      throw new SettingError(
        Inputs.RegistryId,
        `Input 'registry-id' (${clip(registryId)}) does not match the account of entry ${n} of 'images' (${ref.registryId})`
      )
    }
    if (region && region !== ref.region) {
      throw new SettingError(
        Inputs.Region,
        `Input 'region' (${clip(region)}) does not match the region of entry ${n} of 'images' (${ref.region})`
      )
    }
    // Same registry, repository, tag and digest is the same image, however the text was spelled.
    const key = `${ref.registryId}/${ref.region}/${ref.repository}:${ref.tag ?? ''}@${ref.digest ?? ''}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      throw new SettingError(
        Inputs.Images,
        `Invalid entry ${n} of input 'images': it repeats entry ${earlier} ('${clip(reference)}'); list each image once`
      )
    }
    seen.set(key, n)
    const entry: BatchImage = { reference: reference.trim(), registryId: ref.registryId, region: ref.region, repository: ref.repository }
    if (ref.tag !== undefined) entry.tag = ref.tag
    if (ref.digest !== undefined) entry.digest = ref.digest
    return entry
  })
}

/** Validates an ECR repository name; `input` is the input that carried it. */
function validateRepository(repository: string, input: SettingKey): void {
  if (!isValidRepositoryName(repository)) {
    throw new SettingError(
      input,
      `Invalid repository name in '${input}': expected 2-256 lowercase letters, digits and . _ - / (ECR naming rules), got '${clip(repository)}'`
    )
  }
}

/** Enum input; `caseInsensitive` accepts `high` for HIGH (the canonical spelling is returned). */
function readEnum<T extends string>(value: string, input: SettingKey, allowed: readonly T[], upper: boolean): T {
  const wanted = upper ? value.toUpperCase() : value.toLowerCase()
  const hit = allowed.find((a) => a === wanted)
  if (hit === undefined) {
    throw new SettingError(input, `Invalid input for '${input}': expected one of ${allowed.join(', ')}, got '${clip(value)}'`)
  }
  return hit
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; '' gives the default. */
function readBoolean(value: string, input: SettingKey, fallback: boolean): boolean {
  if (value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new SettingError(input, `Invalid input for '${input}': expected true or false, got '${clip(value)}'`)
}

/** A non-negative whole number of findings (0 to 1,000,000); '' gives 0. */
function readCount(value: string, input: SettingKey): number {
  return readInteger(value, input, 0, 0, 1_000_000)
}

function readInteger(value: string, input: SettingKey, fallback: number, min: number, max: number): number {
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new SettingError(input, `Invalid input for '${input}': expected a whole number from ${min} to ${max}, got '${clip(value)}'`)
  }
  return Number(value)
}

/** Splits a multi-line or comma-separated list input, dropping blanks and `#` comments. */
export function readList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.replace(/#.*$/, '').trim())
    .filter((s) => s.length > 0)
}

/** Bounds a user value before echoing it in an error, so a huge input cannot flood the log. */
function clip(value: string): string {
  const oneLine = value.replace(/[\r\n\t]/g, ' ')
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine
}

/** Every image the run was asked to gate, as the person wrote them. */
export function referencesOf(settings: Settings): string[] {
  return settings.images.map((i) => i.reference)
}

/** The engine's request for these settings: the Action's inputs are the core's settings, key for key. */
export function toGateRequest(settings: Settings): GateRequest {
  const request: GateRequest = {
    images: settings.images.map((i) => ({ ...i })),
    batch: settings.batch,
    policy: {
      severityThreshold: settings.severityThreshold,
      ignoreUnfixed: settings.ignoreUnfixed,
      maxCounts: { ...settings.maxCounts },
      exploitableOnly: settings.exploitableOnly,
      ...(settings.minEpss !== undefined ? { minEpss: settings.minEpss } : {}),
      ...(settings.allowlistPath !== undefined ? { allowlistPath: settings.allowlistPath } : {}),
      ...(settings.allowlistWarnDays !== undefined ? { allowlistWarnDays: settings.allowlistWarnDays } : {})
    },
    scan: { type: settings.scanType, timeoutSeconds: settings.scanTimeoutSeconds, start: settings.startScan },
    mode: settings.mode,
    ...(settings.posture !== undefined
      ? {
          posture: {
            ...settings.posture,
            rules: { ...settings.posture.rules },
            allowedAccounts: [...settings.posture.allowedAccounts],
            allowedUpstreams: [...(settings.posture.allowedUpstreams ?? [])],
            allowedKmsKeys: [...(settings.posture.allowedKmsKeys ?? [])]
          }
        }
      : {}),
    failFast: settings.failFast,
    ...(settings.attestation !== undefined ? { attestation: structuredClone(settings.attestation) } : {}),
    ...(settings.timeoutSeconds !== undefined ? { timeoutSeconds: settings.timeoutSeconds } : {})
  }
  // cosign and Sigstore signatures
  if (settings.cosign !== undefined) request.cosign = settings.cosign
  if (settings.signaturesRequired !== undefined) request.signaturesRequired = settings.signaturesRequired
  if (settings.signingProfileArns.length > 0 || settings.trustPolicyPath !== undefined) {
    request.notation = {
      signingProfileArns: [...settings.signingProfileArns],
      ...(settings.trustPolicyPath !== undefined ? { trustPolicyPath: settings.trustPolicyPath } : {}),
      ...(settings.trustStorePath !== undefined ? { trustStorePath: settings.trustStorePath } : {})
    }
  }
  return request
}

// Reading what a run asked for when its inputs are bad, so that it still writes a report.

/**
 * The report file a run would write, read on its own: used when another input is invalid, so the
 * error report lands where an `if: always()` upload looks for it. Undefined only when the input is
 * unusable itself.
 */
export function requestedReportFile(getInput: InputReader, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = getInput(Inputs.ReportFile).trim()
  if (value === '') return path.join((env.RUNNER_TEMP ?? '').trim() || os.tmpdir(), 'ecr-deploy-gate-report.json')
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f]/.test(value) ? undefined : value
}

/**
 * The images a run asked for, as far as they can be read when the inputs are invalid: each entry of
 * `images`, else `image`, else `repository` with `tag`/`digest`. One element of `results` each.
 */
export function requestedReferences(getInput: InputReader): string[] {
  const images = readList(getInput(Inputs.Images))
  if (images.length > 0) return images.slice(0, Limits.batchImages).map(clip)
  const image = getInput(Inputs.Image).trim()
  if (image) return [clip(image)]
  const repository = getInput(Inputs.Repository).trim()
  const tag = getInput(Inputs.Tag).trim()
  const digest = getInput(Inputs.Digest).trim()
  return repository ? [clip(`${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`)] : []
}
