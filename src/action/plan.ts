/**
 * Settings → the run's plan, for both adapters (the Action and the CLI read their settings through
 * the same `InputReader` shape): the policy file (input `policy`) is read and validated first, each
 * setting is "the inline value, else the file's", and images whose repositories match different
 * overrides of the file are gated as separate groups, each under its own settings. Every file is
 * read, and every setting validated, before any AWS call.
 */
import type { PolicyFile, PolicyLayer } from '../config/index.js'
import { loadRequest, runGate, type LoadedRequest, type RunPorts } from '../core/run.js'
import type { GateRequest } from '../core/request.js'
import { Setting, type SettingKey } from '../core/settings.js'
import type { ImageOutcome, Policy, RunResult } from '../core/types.js'
import type { EffectivePolicy, SettingSource } from '../report/effective-policy.js'
import { readSettings, toGateRequest, type InputReader, type Settings } from './inputs.js'

/** Images gated under one set of settings. */
export interface RunGroup {
  /** Indices of the images (in `RunPlan.settings.images`) of this group. */
  indices: number[]
  /** The policy file's overrides applied, in order. */
  overrides: number[]
  settings: Settings
  request: GateRequest
  loaded: LoadedRequest
  /** Where each setting came from. */
  sources: Record<string, SettingSource>
}

/** Everything a run will do, validated and with its files read. */
export interface RunPlan {
  /** The settings of the whole run (every image; the file's top level under the inline inputs). */
  settings: Settings
  file?: PolicyFile
  groups: RunGroup[]
}

/** Settings that are not policy (which images, where to write): not listed in the effective policy. */
const NOT_POLICY = new Set<SettingKey>([
  Setting.Repository,
  Setting.Tag,
  Setting.Digest,
  Setting.Image,
  Setting.Images,
  Setting.RegistryId,
  Setting.Region,
  Setting.ReportFile,
  Setting.SarifFile,
  Setting.Summary,
  Setting.Policy
])

function sourcesOf(getInput: InputReader, layers: readonly PolicyLayer[]): Record<string, SettingSource> {
  const sources: Record<string, SettingSource> = {}
  for (const key of Object.values(Setting)) {
    if (NOT_POLICY.has(key)) continue
    let source: SettingSource = 'default'
    if (getInput(key).trim() !== '') source = 'input'
    else {
      for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i]!
        const has = layer.values[key] !== undefined || (key === Setting.Allowlist && layer.allowlistEntries !== undefined)
        if (has) {
          source = i === 0 ? 'file' : (`overrides[${(layer as { index?: number }).index ?? i - 1}]` as SettingSource)
          break
        }
      }
    }
    sources[key] = source
  }
  return sources
}

/**
 * Reads the policy file named by the `policy` setting (if any) and every other setting, splits the
 * images into groups by the overrides that match their repositories, and reads every file each
 * group's request names. Throws a `SettingError` for the first bad setting or file.
 */
export async function planRun(getInput: InputReader, env: NodeJS.ProcessEnv): Promise<RunPlan> {
  const policyPath = getInput(Setting.Policy).trim()
  // The policy file's code (its YAML parser and schema validator) is loaded only when there is one.
  const config = policyPath !== '' ? await import('../config/index.js') : undefined
  const file = config !== undefined ? await config.loadPolicyFile(policyPath) : undefined
  // Without a file there are no layers: a setting is its inline value (blank meaning not given),
  // and the allowlist is the inline one, as `layeredReader` and `layeredAllowlistEntries` give for no layers.
  const readerOf = (layers: readonly PolicyLayer[]): InputReader =>
    config !== undefined ? config.layeredReader(getInput, layers) : (name) => (getInput(name).trim() !== '' ? getInput(name) : '')
  const baseLayers = file !== undefined ? [file.base] : []
  const settings = readSettings(readerOf(baseLayers), env)
  const byKey = new Map<string, number[]>()
  settings.images.forEach((image, i) => {
    const key = config !== undefined && file !== undefined ? config.overridesFor(file, image.repository).join(',') : ''
    byKey.set(key, [...(byKey.get(key) ?? []), i])
  })
  const groups: RunGroup[] = []
  for (const [key, indices] of byKey) {
    const overrides = key === '' ? [] : key.split(',').map(Number)
    const layers: PolicyLayer[] =
      config !== undefined && file !== undefined ? config.layersFor(file, settings.images[indices[0]!]!.repository) : []
    const indexed = layers.map((l, i) => (i === 0 ? l : { ...l, index: overrides[i - 1] }))
    const own = overrides.length > 0 ? readSettings(readerOf(layers), env) : settings
    const groupSettings: Settings = { ...own, images: indices.map((i) => settings.images[i]!), batch: settings.batch }
    const request = toGateRequest(groupSettings)
    const entries = config !== undefined ? config.layeredAllowlistEntries(getInput(Setting.Allowlist), layers) : undefined
    if (entries !== undefined) request.policy.allowlistEntries = entries
    groups.push({
      indices,
      overrides,
      settings: groupSettings,
      request,
      loaded: await loadRequest(request),
      sources: sourcesOf(getInput, indexed)
    })
  }
  return { settings, ...(file !== undefined ? { file } : {}), groups }
}

/**
 * Gates every group, one after the other, and merges their outcomes back into request order. With
 * a single group this is exactly `runGate`.
 */
export async function runPlan(plan: RunPlan, ports: RunPorts): Promise<RunResult> {
  const images: ImageOutcome[] = new Array<ImageOutcome>(plan.settings.images.length)
  for (const group of plan.groups) {
    // A batch logger's prefix counts within the group; name the image by its place in the whole run.
    const total = plan.settings.images.length
    const logFor = (prefix: string): ReturnType<RunPorts['logFor']> => {
      const m = /^\[(\d+)\/\d+ (.*)\]$/s.exec(prefix)
      const at = m !== null ? group.indices[Number(m[1]) - 1] : undefined
      return ports.logFor(at !== undefined && m !== null ? `[${at + 1}/${total} ${m[2]}]` : prefix)
    }
    const result = await runGate(group.request, { ...ports, logFor }, group.loaded)
    result.images.forEach((outcome, k) => {
      images[group.indices[k]!] = outcome
    })
  }
  const decision = images.length > 0 && images.every((o) => 'verdict' in o && o.verdict.decision === 'pass') ? 'pass' : 'fail'
  return { decision, mode: plan.settings.mode, images, batch: plan.settings.batch }
}

/** The vulnerability policy each image was judged by (by request index). */
export function policyOf(plan: RunPlan): (index: number) => Policy {
  const byImage = new Map<number, Policy>()
  for (const g of plan.groups) for (const i of g.indices) byImage.set(i, g.loaded.policy)
  const first = plan.groups[0]!.loaded.policy
  return (index) => byImage.get(index) ?? first
}

/** The settings of a group that are policy, by setting key, as the gate applies them. */
function policySettings(s: Settings, request: GateRequest): Record<string, unknown> {
  const allowlist =
    s.allowlistPath !== undefined
      ? s.allowlistPath
      : request.policy.allowlistEntries !== undefined
        ? `${request.policy.allowlistEntries.length} inline entries`
        : null
  return {
    [Setting.SeverityThreshold]: s.severityThreshold,
    [Setting.IgnoreUnfixed]: s.ignoreUnfixed,
    [Setting.MaxCritical]: s.maxCounts.critical,
    [Setting.MaxHigh]: s.maxCounts.high,
    [Setting.MaxMedium]: s.maxCounts.medium,
    [Setting.MaxLow]: s.maxCounts.low,
    [Setting.Allowlist]: allowlist,
    [Setting.MinEpss]: s.minEpss ?? null,
    [Setting.ExploitableOnly]: s.exploitableOnly,
    [Setting.ScanTimeout]: s.scanTimeoutSeconds,
    [Setting.Timeout]: s.timeoutSeconds ?? null,
    [Setting.ScanType]: s.scanType,
    [Setting.StartScan]: s.startScan,
    [Setting.Mode]: s.mode,
    [Setting.FailFast]: s.failFast,
    [Setting.SigningProfileArns]: [...s.signingProfileArns],
    [Setting.TrustPolicy]: s.trustPolicyPath ?? null,
    [Setting.TrustStore]: s.trustStorePath ?? null,
    [Setting.Posture]: s.posture !== undefined ? { ...s.posture.rules } : 'off',
    [Setting.PostureAllowedAccounts]: [...(s.posture?.allowedAccounts ?? [])],
    [Setting.PostureAllowedOrg]: s.posture?.allowedOrg ?? null,
    [Setting.PostureAllowedUpstreams]: [...(s.posture?.allowedUpstreams ?? [])]
  }
}

/** The report's `effectivePolicy`; undefined when no policy file was read (the inputs are the policy). */
export function effectivePolicyOf(plan: RunPlan): EffectivePolicy | undefined {
  if (plan.file === undefined) return undefined
  return {
    file: { path: plan.file.source, sha256: plan.file.sha256 },
    groups: plan.groups.map((g) => ({
      images: g.indices.map((i) => plan.settings.images[i]!.reference),
      overrides: [...g.overrides],
      settings: policySettings(g.settings, g.request),
      sources: { ...g.sources }
    }))
  }
}
