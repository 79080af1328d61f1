/**
 * What a run is asked to do, in the engine's own terms: which images, under which policy, with which
 * checks. An adapter (the Action, a command line) builds a `GateRequest` from what its user typed,
 * and `validateRequest` checks it once, before any file is read or any AWS call is made. Errors are
 * `SettingError`s that carry a setting key, which the adapter maps to its own word for the setting.
 */
import { Limits } from './constants.js'
import { SettingError } from './errors.js'
import { Setting } from './settings.js'
import type { PostureSettings } from '../checks/posture/rules.js'
import type { CosignSettings } from '../checks/signature/cosign/settings.js'
import type { SignaturesRequired } from '../checks/signature/combine.js'
import type { AttestationSettings } from '../checks/attestation/settings.js'
import type { Policy } from './types.js'

/** One image to gate, as the request names it. */
export interface ImageRef {
  /** The image as the person wrote it, echoed in outputs and reports so people recognise it. */
  reference: string
  /** 12-digit account; absent means the caller's own registry. */
  registryId?: string
  region: string
  repository: string
  tag?: string
  digest?: string
}

/** How to wait for and read the scan. */
export interface ScanSettings {
  /** `auto` reads the registry's scanning configuration; it cannot for another account's registry. */
  type: 'auto' | 'enhanced' | 'basic'
  /** How long to wait for the scan, counted from the start of the image's gate. */
  timeoutSeconds: number
  /** Under basic scanning, start a scan when ECR has none. */
  start: boolean
}

/** Notation signature verification: AWS Signer profiles, or a Notation trust policy and store. */
export interface NotationSettings {
  signingProfileArns: string[]
  trustPolicyPath?: string
  trustStorePath?: string
}

/** The vulnerability policy as requested: the allowlist is still a path, read once by the run. */
export interface PolicySettings extends Omit<Policy, 'allowlist'> {
  allowlistPath?: string
  /** Allowlist entries given inline (in the policy file), used when there is no `allowlistPath`. */
  allowlistEntries?: Policy['allowlist']
}

/** Everything one run is asked to do. */
export interface GateRequest {
  /** 1 to `Limits.batchImages` images, gated `Limits.batchConcurrency` at a time. */
  images: ImageRef[]
  /** True when the images came as a list (the report then has the batch shape, even for one). */
  batch: boolean
  policy: PolicySettings
  scan: ScanSettings
  /** Signature checks; absent (or with nothing set) means signatures are not checked. */
  notation?: NotationSettings
  /** Repository posture rules and their levels; absent (or empty) means posture is not checked. */
  posture?: PostureSettings
  /** Build provenance (GitHub artifact attestations) required of every image; absent means not checked. */
  attestation?: AttestationSettings
  /** `audit` reports the same verdict without failing the run. */
  mode: 'enforce' | 'audit'
  /**
   * Once an enforced check has failed, stop waiting for the scan and decide at once (the scans not
   * awaited are reported as such). `audit` always waits for everything. Absent means true.
   */
  failFast?: boolean
  /**
   * The whole run's limit in seconds: after it every call still in flight is aborted and every
   * image not yet judged fails, with what was known. Default `scan.timeoutSeconds + 120`.
   */
  timeoutSeconds?: number
  // cosign and Sigstore signatures
  /** cosign signature verification (keys or a keyless identity); absent means cosign is not checked. */
  cosign?: CosignSettings
  /** With Notation and cosign both asked for: `all` (default) requires both, `any` either. */
  signaturesRequired?: SignaturesRequired
}

/** Seconds the run may take beyond the scan timeout by default: resolve, read findings, checks, reports. */
export const RUN_TIMEOUT_MARGIN_SECONDS = 120

/** The run limit a request asks for, or its default. */
export function runTimeoutSeconds(request: GateRequest): number {
  return request.timeoutSeconds ?? request.scan.timeoutSeconds + RUN_TIMEOUT_MARGIN_SECONDS
}

/** Whether the request asks for Notation verification at all. */
export function notationRequested(settings: NotationSettings | undefined): settings is NotationSettings {
  return settings !== undefined && (settings.signingProfileArns.length > 0 || settings.trustPolicyPath !== undefined)
}

/**
 * Checks what the type system cannot: counts and ranges, and settings that only make sense
 * together. Throws the first problem as a `SettingError`.
 */
export function validateRequest(request: GateRequest): void {
  const n = request.images.length
  if (n < 1 || n > Limits.batchImages) {
    throw new SettingError(Setting.Images, `Invalid '${Setting.Images}': expected 1 to ${Limits.batchImages} images, got ${n}`)
  }
  const { timeoutSeconds } = request.scan
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 86_400) {
    throw new SettingError(
      Setting.ScanTimeout,
      `Invalid '${Setting.ScanTimeout}': expected a whole number from 1 to 86400, got ${timeoutSeconds}`
    )
  }
  const run = request.timeoutSeconds
  if (run !== undefined && (!Number.isInteger(run) || run < 1 || run > 86_400 + RUN_TIMEOUT_MARGIN_SECONDS)) {
    throw new SettingError(
      Setting.Timeout,
      `Invalid '${Setting.Timeout}': expected a whole number of seconds from 1 to ${86_400 + RUN_TIMEOUT_MARGIN_SECONDS}, got ${run}`
    )
  }
  const warnDays = request.policy.allowlistWarnDays
  if (warnDays !== undefined && (!Number.isInteger(warnDays) || warnDays < 0 || warnDays > 3650)) {
    throw new SettingError(
      Setting.AllowlistWarnDays,
      `Invalid '${Setting.AllowlistWarnDays}': expected a whole number of days from 0 to 3650, got ${warnDays}`
    )
  }
  const notation = request.notation
  if (notation?.trustStorePath !== undefined && !notationRequested(notation)) {
    throw new SettingError(
      Setting.TrustStore,
      `'${Setting.TrustStore}' needs '${Setting.TrustPolicy}' or '${Setting.SigningProfileArns}': a trust store alone does not say whose signatures to trust`
    )
  }
}
