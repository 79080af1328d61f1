/**
 * The policy file: one deploy policy for every pipeline, read by the Action (input `policy`) and the
 * CLI (`--policy`). YAML or JSON with `version: 1`, validated once against `policy.schema.json` (the
 * one schema, shipped at the repository root), then mapped onto the gate's setting keys by
 * `POLICY_FIELDS`: adding a setting to the file is one schema entry and one line there. The
 * adapters then read each setting as "the inline value, else the file's value" (`layeredReader`), so
 * an inline input or flag overrides the file field by field.
 *
 * Validation is strict: an unknown key is an error, because a typo (`max-hgih: 0`) must not loosen
 * the gate. Every error is a `SettingError('policy')` naming the file, the JSON path and what was
 * expected: `gate.yml: vulnerabilities.max-high: expected a non-negative integer, got "two"`.
 */
import { createHash } from 'node:crypto'
import { FileReadError, readBoundedFile } from './read-file.js'
import * as path from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import { parseDocument, stringify } from 'yaml'
import schema from '../../policy.schema.json' with { type: 'json' }
import { SettingError, errorMessage } from '../core/errors.js'
import { Setting, type SettingKey } from '../core/settings.js'
import type { AllowlistEntry } from '../core/types.js'
import { parseAllowlist } from './allowlist.js'

/** Largest policy file accepted, in bytes. */
export const POLICY_FILE_MAX_BYTES = 1024 * 1024

/** Deepest nesting of mappings and lists accepted; a policy needs about six. */
export const POLICY_MAX_DEPTH = 32

/** How many schema problems one error message lists. */
const MAX_REPORTED_ERRORS = 5

/** How a file field's value becomes the setting's text: as written, or a path resolved from the file's folder. */
type FieldKind = 'value' | 'path'

/** One field of the file: its dotted place in a section, and the setting it sets. */
export interface PolicyField {
  /** Dotted path within the top level or an override, e.g. `vulnerabilities.max-high`. */
  field: string
  setting: SettingKey
  kind: FieldKind
  /** False for run-wide settings that an override cannot change (the run has one mode). */
  perRepository: boolean
}

/**
 * The file's fields and the settings they set. A new setting in the file is one line here plus its
 * schema entry (a test checks the two agree). `github-token` is not in the file: it is a secret.
 */
export const POLICY_FIELDS: readonly PolicyField[] = [
  { field: 'mode', setting: Setting.Mode, kind: 'value', perRepository: false },
  { field: 'fail-fast', setting: Setting.FailFast, kind: 'value', perRepository: false },
  { field: 'timeout', setting: Setting.Timeout, kind: 'value', perRepository: false },
  { field: 'vulnerabilities.severity-threshold', setting: Setting.SeverityThreshold, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.ignore-unfixed', setting: Setting.IgnoreUnfixed, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.max-critical', setting: Setting.MaxCritical, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.max-high', setting: Setting.MaxHigh, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.max-medium', setting: Setting.MaxMedium, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.max-low', setting: Setting.MaxLow, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.min-epss', setting: Setting.MinEpss, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.exploitable-only', setting: Setting.ExploitableOnly, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.allowlist', setting: Setting.Allowlist, kind: 'path', perRepository: true },
  { field: 'scan.type', setting: Setting.ScanType, kind: 'value', perRepository: true },
  { field: 'scan.timeout', setting: Setting.ScanTimeout, kind: 'value', perRepository: true },
  { field: 'scan.start', setting: Setting.StartScan, kind: 'value', perRepository: true },
  { field: 'signatures.notation.signing-profile-arns', setting: Setting.SigningProfileArns, kind: 'value', perRepository: true },
  { field: 'signatures.notation.trust-policy', setting: Setting.TrustPolicy, kind: 'path', perRepository: true },
  { field: 'signatures.notation.trust-store', setting: Setting.TrustStore, kind: 'path', perRepository: true },
  { field: 'posture.rules', setting: Setting.Posture, kind: 'value', perRepository: true },
  { field: 'posture.allowed-accounts', setting: Setting.PostureAllowedAccounts, kind: 'value', perRepository: true },
  { field: 'posture.allowed-org', setting: Setting.PostureAllowedOrg, kind: 'value', perRepository: true },
  { field: 'posture.allowed-upstreams', setting: Setting.PostureAllowedUpstreams, kind: 'value', perRepository: true },
  { field: 'posture.lifecycle-horizon-days', setting: Setting.LifecycleHorizonDays, kind: 'value', perRepository: true },
  { field: 'posture.allowed-kms-keys', setting: Setting.PostureAllowedKmsKeys, kind: 'value', perRepository: true },
  { field: 'vulnerabilities.allowlist-warn-days', setting: Setting.AllowlistWarnDays, kind: 'value', perRepository: true },
  { field: 'signatures.required', setting: Setting.SignaturesRequired, kind: 'value', perRepository: true },
  { field: 'signatures.cosign.key', setting: Setting.CosignKey, kind: 'value', perRepository: true },
  { field: 'signatures.cosign.certificate-identity', setting: Setting.CosignCertificateIdentity, kind: 'value', perRepository: true },
  {
    field: 'signatures.cosign.certificate-identity-regexp',
    setting: Setting.CosignCertificateIdentityRegexp,
    kind: 'value',
    perRepository: true
  },
  { field: 'signatures.cosign.certificate-oidc-issuer', setting: Setting.CosignCertificateOidcIssuer, kind: 'value', perRepository: true },
  {
    field: 'signatures.cosign.certificate-oidc-issuer-regexp',
    setting: Setting.CosignCertificateOidcIssuerRegexp,
    kind: 'value',
    perRepository: true
  },
  { field: 'signatures.cosign.trusted-root', setting: Setting.SigstoreTrustedRoot, kind: 'path', perRepository: true },
  { field: 'signatures.cosign.tuf-mirror', setting: Setting.SigstoreTufMirror, kind: 'value', perRepository: true },
  { field: 'signatures.cosign.tuf-root', setting: Setting.SigstoreTufRoot, kind: 'path', perRepository: true },
  { field: 'signatures.cosign.ignore-tlog', setting: Setting.CosignIgnoreTlog, kind: 'value', perRepository: true },
  { field: 'provenance.attestation', setting: Setting.Attestation, kind: 'value', perRepository: true },
  { field: 'provenance.owner', setting: Setting.AttestationOwner, kind: 'value', perRepository: true },
  { field: 'provenance.repo', setting: Setting.AttestationRepo, kind: 'value', perRepository: true },
  { field: 'provenance.signer-workflow', setting: Setting.AttestationSignerWorkflow, kind: 'value', perRepository: true },
  { field: 'provenance.signer-repo', setting: Setting.AttestationSignerRepo, kind: 'value', perRepository: true },
  { field: 'provenance.source-ref', setting: Setting.AttestationSourceRef, kind: 'value', perRepository: true },
  { field: 'provenance.source-digest', setting: Setting.AttestationSourceDigest, kind: 'value', perRepository: true },
  { field: 'provenance.signer-digest', setting: Setting.AttestationSignerDigest, kind: 'value', perRepository: true },
  { field: 'provenance.oidc-issuer', setting: Setting.AttestationOidcIssuer, kind: 'value', perRepository: true },
  { field: 'provenance.deny-self-hosted-runners', setting: Setting.AttestationDenySelfHostedRunners, kind: 'value', perRepository: true },
  { field: 'provenance.predicate-type', setting: Setting.AttestationPredicateType, kind: 'value', perRepository: true },
  { field: 'provenance.source', setting: Setting.AttestationSource, kind: 'value', perRepository: true },
  { field: 'provenance.trusted-root', setting: Setting.AttestationTrustedRoot, kind: 'path', perRepository: true },
  { field: 'provenance.tuf-mirror', setting: Setting.AttestationTufMirror, kind: 'value', perRepository: true },
  { field: 'provenance.tuf-root', setting: Setting.AttestationTufRoot, kind: 'path', perRepository: true }
]

/** What one level of the file (its top level, or one override) sets. */
export interface PolicyLayer {
  /** Each setting the level sets, as the text an inline input would carry. */
  values: Partial<Record<SettingKey, string>>
  /** The allowlist when the level gives its entries inline (then `values` has no `allowlist`). */
  allowlistEntries?: AllowlistEntry[]
}

/** A repository override: its globs and what it sets. */
export interface PolicyOverride extends PolicyLayer {
  repositories: string[]
}

/** A validated policy file. */
export interface PolicyFile {
  /** The path as given, used in messages. */
  source: string
  /** SHA-256 of the file's bytes, recorded in the report so a verdict names the exact policy. */
  sha256: string
  base: PolicyLayer
  overrides: PolicyOverride[]
}

let validator: ReturnType<Ajv['compile']> | undefined

/** The schema compiled once per process. */
function validate(data: unknown): ErrorObject[] {
  if (validator === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true })
    validator = ajv.compile(schema)
  }
  return validator(data) ? [] : [...(validator.errors ?? [])]
}

function fail(source: string, problems: string[]): never {
  const shown = problems.slice(0, MAX_REPORTED_ERRORS)
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : ''
  throw new SettingError(Setting.Policy, `${source}: ${shown.join('; ')}${more}`)
}

/** A user value echoed in a message: JSON, bounded. */
function show(value: unknown): string {
  let text: string
  try {
    text = value === undefined ? 'nothing' : JSON.stringify(value)
  } catch {
    text = String(value)
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** `/vulnerabilities/max-high` → `vulnerabilities.max-high`; `/overrides/0/repositories` → `overrides[0].repositories`. */
function jsonPath(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  let out = ''
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`
  return out
}

/** What a schema node expects, in words. */
function expected(node: Record<string, unknown> | undefined): string {
  if (node === undefined) return 'a valid value'
  if ('const' in node) return `${show(node.const)}`
  if (Array.isArray(node.enum)) {
    const seen = new Set<string>()
    const names = node.enum.map(String).filter((v) => {
      const k = v.toUpperCase()
      if (seen.has(k)) return false
      seen.add(k)
      return true
    })
    return `one of ${names.join(', ')}`
  }
  const type = node.type
  if (type === 'integer') {
    const min = node.minimum
    const max = node.maximum
    if (min === 0) return `a non-negative integer${typeof max === 'number' ? ` (at most ${max})` : ''}`
    if (typeof min === 'number' && typeof max === 'number') return `a whole number from ${min} to ${max}`
    return 'a whole number'
  }
  if (type === 'number') {
    if (typeof node.minimum === 'number' && typeof node.maximum === 'number') return `a number from ${node.minimum} to ${node.maximum}`
    return 'a number'
  }
  if (type === 'boolean') return 'true or false'
  if (type === 'string') return typeof node.pattern === 'string' ? `a string matching ${node.pattern}` : 'a string'
  if (type === 'array') return 'a list'
  if (type === 'object') return 'a mapping'
  return 'a valid value'
}

/** Resolves a schema `$ref` (only local `#/definitions/…` ones exist). */
function deref(node: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  let current = node
  for (let i = 0; i < 10 && current !== undefined && typeof current.$ref === 'string'; i++) {
    const name = current.$ref.replace('#/definitions/', '')
    current = (schema.definitions as Record<string, Record<string, unknown>>)[name]
  }
  return current
}

/** One ajv error as `path: expected …, got …`. Errors under a failed `oneOf` are summarised by the `oneOf`. */
function describe(error: ErrorObject): string {
  const where = jsonPath(error.instancePath)
  const at = where === '' ? '(top level)' : where
  const node = deref(error.parentSchema)
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty)
      const allowed = Object.keys((node?.properties as Record<string, unknown> | undefined) ?? {})
      const place = where === '' ? key : `${where}.${key}`
      return `${place}: unknown key; expected one of ${allowed.join(', ')}`
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty)
      return `${where === '' ? key : `${where}.${key}`}: required${key === 'version' ? ' (version: 1)' : ''}`
    }
    case 'oneOf': {
      const options = ((node?.oneOf as Record<string, unknown>[] | undefined) ?? []).map((o) => expected(deref(o)))
      return `${at}: expected ${options.join(', or ')}, got ${show(error.data)}`
    }
    case 'maxItems':
    case 'minItems':
    case 'maxLength':
    case 'minLength':
      return `${at}: expected ${error.message ?? 'a valid length'}, got ${show(error.data)}`
    default:
      return `${at}: expected ${expected(node)}, got ${show(error.data)}`
  }
}

/**
 * The errors worth showing: a failed `oneOf` stands for its branches' errors at the same place, unless
 * a deeper error (inside a list the value is) says more; one message a place.
 */
function relevant(errors: ErrorObject[]): ErrorObject[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath))
  const deeper = (p: string): boolean => errors.some((e) => e.instancePath.startsWith(`${p}/`))
  const kept = errors.filter((e) => (e.keyword === 'oneOf' ? !deeper(e.instancePath) : !oneOfAt.has(e.instancePath)))
  const seen = new Set<string>()
  return kept.filter((e) => {
    const key = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Depth of nested mappings and lists, stopping once past `limit`. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth
  let max = depth
  for (const child of Object.values(value as Record<string, unknown>)) {
    max = Math.max(max, depthOf(child, limit, depth + 1))
    if (max > limit) break
  }
  return max
}

/** Flow brackets nested deeper than the limit, checked on the text before YAML parses it (its parser recurses). */
function bracketDepthExceeded(text: string, limit: number): boolean {
  let depth = 0
  for (const ch of text) {
    if (ch === '[' || ch === '{') {
      depth++
      if (depth > limit) return true
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--
  }
  return false
}

function at(data: Record<string, unknown>, dotted: string): unknown {
  let current: unknown = data
  for (const part of dotted.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/** A posture `rules` value as the `posture` setting's text: `recommended` first, then `rule=level`. */
function postureText(value: unknown): string {
  if (typeof value === 'string') return value
  const map = value as Record<string, unknown>
  const entries = Object.entries(map).filter(([k]) => k !== 'recommended')
  const levels = entries.map(([rule, level]) => `${rule}=${String(level)}`)
  const recommended = map.recommended === true ? ['recommended'] : []
  const text = [...recommended, ...levels].join('\n')
  return text === '' ? 'off' : text
}

/** One level of the validated file as setting texts. */
function layerOf(data: Record<string, unknown>, source: string, prefix: string, baseDir: string, topLevel: boolean): PolicyLayer {
  const layer: PolicyLayer = { values: {} }
  for (const f of POLICY_FIELDS) {
    if (!topLevel && !f.perRepository) continue
    const value = at(data, f.field)
    if (value === undefined) continue
    if (f.setting === Setting.Allowlist && Array.isArray(value)) {
      // Inline entries go through the allowlist file's own parser, so both forms follow one set of rules.
      try {
        layer.allowlistEntries = parseAllowlist(stringify({ vulnerabilities: value }), `${source}: ${prefix}${f.field}`)
      } catch (error) {
        throw new SettingError(Setting.Policy, errorMessage(error))
      }
      continue
    }
    let text: string
    if (f.setting === Setting.Posture) text = postureText(value)
    else if (Array.isArray(value)) text = value.map(String).join('\n')
    else text = typeof value === 'string' ? value : JSON.stringify(value)
    if (f.kind === 'path') text = path.resolve(baseDir, text)
    layer.values[f.setting] = text
  }
  return layer
}

/**
 * Parses and validates a policy file's text. `source` names it in messages; relative paths in it
 * are resolved from `baseDir` (the file's folder). Throws only `SettingError('policy')`.
 */
export function parsePolicyFile(text: string, source: string, baseDir: string): PolicyFile {
  if (Buffer.byteLength(text, 'utf8') > POLICY_FILE_MAX_BYTES) fail(source, [`larger than ${POLICY_FILE_MAX_BYTES} bytes`])
  if (bracketDepthExceeded(text, POLICY_MAX_DEPTH))
    fail(source, [`nested more than ${POLICY_MAX_DEPTH} deep; a policy needs no such nesting`])
  let data: unknown
  try {
    // uniqueKeys: YAML keeps the last of two equal keys silently; refuse it. JSON is YAML, so one parser reads both.
    const doc = parseDocument(text.startsWith('\uFEFF') ? text.slice(1) : text, { uniqueKeys: true, prettyErrors: true })
    const first = doc.errors[0]
    if (first) fail(source, [`not valid YAML or JSON: ${first.message.split('\n')[0] ?? first.message}`])
    data = doc.toJS({ maxAliasCount: 100 })
  } catch (error) {
    if (error instanceof SettingError) throw error
    fail(source, [`not valid YAML or JSON: ${errorMessage(error).split('\n')[0] ?? ''}`])
  }
  if (data === null || data === undefined) fail(source, ['empty; expected a mapping with version: 1'])
  if (depthOf(data, POLICY_MAX_DEPTH) > POLICY_MAX_DEPTH) {
    fail(source, [`nested more than ${POLICY_MAX_DEPTH} deep; a policy needs no such nesting`])
  }
  if (typeof data !== 'object' || Array.isArray(data))
    fail(source, [`expected a mapping with version: 1 at the top level, got ${show(data)}`])
  const errors = validate(data)
  if (errors.length > 0) fail(source, relevant(errors).map(describe))
  const top = data as Record<string, unknown>
  const overrides = ((top.overrides as Record<string, unknown>[] | undefined) ?? []).map((o, i) => ({
    repositories: [...(o.repositories as string[])],
    ...layerOf(o, source, `overrides[${i}].`, baseDir, false)
  }))
  return {
    source,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    base: layerOf(top, source, '', baseDir, true),
    overrides
  }
}

/**
 * Reads and validates the policy file at `file`. The size is checked before the file is read; a
 * missing or unreadable file is `SettingError('policy', 'cannot read <file>: …')`.
 */
export async function loadPolicyFile(file: string): Promise<PolicyFile> {
  let bytes: Buffer
  try {
    bytes = await readBoundedFile(file, POLICY_FILE_MAX_BYTES)
  } catch (error) {
    if (error instanceof FileReadError && error.kind === 'type') fail(file, ['cannot read it: not a regular file'])
    if (error instanceof FileReadError && error.kind === 'size') fail(file, [error.message])
    throw new SettingError(Setting.Policy, `cannot read the policy file ${file}: ${errorMessage(error)}`)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    fail(file, ['not valid UTF-8'])
  }
  return parsePolicyFile(text, file, path.dirname(path.resolve(file)))
}

/** Whether `repository` matches a glob of `*` (any characters, `/` included) and `?` (one character). */
export function repositoryMatches(glob: string, repository: string): boolean {
  const pattern = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${pattern}$`).test(repository)
}

/** The indices of the overrides that apply to `repository`, in file order. */
export function overridesFor(file: PolicyFile, repository: string): number[] {
  return file.overrides.flatMap((o, i) => (o.repositories.some((g) => repositoryMatches(g, repository)) ? [i] : []))
}

/**
 * The layers that apply to `repository`, weakest first: the file's top level, then each matching
 * override in file order.
 */
export function layersFor(file: PolicyFile, repository: string): PolicyLayer[] {
  return [file.base, ...overridesFor(file, repository).map((i) => file.overrides[i]!)]
}

/**
 * Reads a setting as "the inline value, else the strongest layer's": inline inputs and flags
 * override the file field by field. An empty inline value means "not given".
 */
export function layeredReader(inline: (name: string) => string, layers: readonly PolicyLayer[]): (name: string) => string {
  return (name) => {
    const own = inline(name)
    if (own.trim() !== '') return own
    for (let i = layers.length - 1; i >= 0; i--) {
      const value = layers[i]!.values[name as SettingKey]
      if (value !== undefined) return value
      // An inline allowlist of a stronger layer hides a weaker layer's allowlist path.
      if (name === Setting.Allowlist && layers[i]!.allowlistEntries !== undefined) return ''
    }
    return ''
  }
}

/** The inline allowlist entries in force when the inline `allowlist` input is empty, if any. */
export function layeredAllowlistEntries(inlineAllowlist: string, layers: readonly PolicyLayer[]): AllowlistEntry[] | undefined {
  if (inlineAllowlist.trim() !== '') return undefined
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!
    if (layer.allowlistEntries !== undefined) return layer.allowlistEntries
    if (layer.values[Setting.Allowlist] !== undefined) return undefined
  }
  return undefined
}
