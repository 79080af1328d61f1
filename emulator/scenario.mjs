// Scenario files: loading, validation, normalisation, and deterministic content generation.
//
// Everything here is pure and deterministic: the same scenario always yields the same manifests,
// blobs and digests, so tests can compute or compare digests without running the server.
// The scenario format is documented in emulator/README.md; keep both in sync.

import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'

/** Media types the emulator produces (same strings as src/constants.ts, kept local: no build step). */
export const MT = Object.freeze({
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json'
})

/** Scan statuses the timeline accepts. SCAN_NOT_FOUND means "ScanNotFoundException". */
export const SCAN_STATUSES = Object.freeze([
  'SCAN_NOT_FOUND',
  'PENDING',
  'IN_PROGRESS',
  'COMPLETE',
  'ACTIVE',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED'
])

/** Statuses whose findings are visible (ECR returns imageScanFindings, Inspector lists them). */
export const FINDINGS_VISIBLE = Object.freeze(['COMPLETE', 'ACTIVE'])

const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNDEFINED']
const FAULT_KINDS = ['throttle', '5xx', 'reset', 'garbled', 'truncated', 'latency', 'repeatNextToken', 'hugeBody', 'accessDenied']
const SERVICES = ['ecr', 'inspector2', 'signer', 'registry', '*']
const DEFAULT_BASE_TIME = Date.parse('2024-06-01T12:00:00Z')

/** Raised for an invalid scenario; the message names the offending path. */
export class ScenarioError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message)
    this.name = 'ScenarioError'
  }
}

// ---------------------------------------------------------------------------------------------
// small deterministic helpers

/**
 * sha256 digest string of bytes.
 * @param {Buffer|string} bytes
 * @returns {string} `sha256:<hex>`
 */
export function sha256Digest(bytes) {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex')
}

/**
 * Deterministic 32-bit PRNG (mulberry32); returns floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * 32-bit seed derived from a string (so per-image randomness does not depend on list order).
 * @param {string} text
 * @returns {number}
 */
export function seedFrom(text) {
  return createHash('sha256').update(text).digest().readUInt32BE(0)
}

/**
 * Platform key `os/architecture[/variant]`, the form used by `scanByPlatform`.
 * @param {{os: string, architecture: string, variant?: string}} p
 * @returns {string}
 */
export function platformKey(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`
}

/**
 * Serialises a JSON value to the exact bytes that are served (compact, insertion-ordered keys).
 * @param {unknown} value
 * @returns {Buffer}
 */
export function jsonBytes(value) {
  return Buffer.from(JSON.stringify(value), 'utf8')
}

// ---------------------------------------------------------------------------------------------
// validation helpers: each names the path so a scenario author sees where the mistake is

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObj(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * @param {unknown} v
 * @param {string} path
 * @param {string[]} allowed
 * @returns {Record<string, any>}
 */
function obj(v, path, allowed) {
  if (!isObj(v)) throw new ScenarioError(`${path}: expected an object`)
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw new ScenarioError(`${path}.${k}: unknown key (allowed: ${allowed.join(', ')})`)
  }
  return v
}

/** @param {unknown} v @param {string} path @returns {any[]} */
function arr(v, path) {
  if (!Array.isArray(v)) throw new ScenarioError(`${path}: expected an array`)
  return v
}

/** @param {unknown} v @param {string} path @returns {string} */
function str(v, path) {
  if (typeof v !== 'string' || v.length === 0) throw new ScenarioError(`${path}: expected a non-empty string`)
  return v
}

/** @param {unknown} v @param {string} path @param {number} [min] @param {number} [max] @returns {number} */
function num(v, path, min = -Infinity, max = Infinity) {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new ScenarioError(`${path}: expected a number in [${min}, ${max}]`)
  }
  return v
}

/** @param {unknown} v @param {string} path @param {number} [min] @returns {number} */
function int(v, path, min = 0) {
  if (!Number.isInteger(v) || /** @type {number} */ (v) < min) throw new ScenarioError(`${path}: expected an integer >= ${min}`)
  return /** @type {number} */ (v)
}

/** @param {unknown} v @param {string} path @returns {boolean} */
function bool(v, path) {
  if (typeof v !== 'boolean') throw new ScenarioError(`${path}: expected true or false`)
  return v
}

/** @template T @param {unknown} v @param {string} path @param {readonly T[]} values @returns {T} */
function oneOf(v, path, values) {
  if (!values.includes(/** @type {T} */ (v))) throw new ScenarioError(`${path}: expected one of ${values.join(', ')}`)
  return /** @type {T} */ (v)
}

/** @param {unknown} v @param {string} path @returns {number} epoch ms */
function time(v, path) {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return Date.parse(v)
  throw new ScenarioError(`${path}: expected an ISO 8601 date or epoch milliseconds`)
}

// ---------------------------------------------------------------------------------------------
// findings

/**
 * @typedef {object} NormFinding
 * @property {string} id
 * @property {string} severity
 * @property {string} title
 * @property {string} description
 * @property {{name: string, version: string, fixedInVersion?: string, packageManager: string, release?: string, arch?: string, epoch?: number}[]} packages
 * @property {'YES'|'NO'|'PARTIAL'} fixAvailable
 * @property {'YES'|'NO'} exploitAvailable
 * @property {number} [epss]
 * @property {number} [cvss]
 * @property {'ACTIVE'|'SUPPRESSED'|'CLOSED'} status
 * @property {string} [url]
 */

const FINDING_KEYS = [
  'id',
  'severity',
  'package',
  'version',
  'fixedInVersion',
  'packageManager',
  'packages',
  'fixAvailable',
  'exploitAvailable',
  'epss',
  'cvss',
  'status',
  'title',
  'description',
  'url'
]

/**
 * @param {unknown} raw
 * @param {string} path
 * @returns {NormFinding}
 */
function normFinding(raw, path) {
  const f = obj(raw, path, FINDING_KEYS)
  const id = str(f.id, `${path}.id`)
  const severity = oneOf(f.severity, `${path}.severity`, SEVERITIES)
  /** @type {NormFinding['packages']} */
  let packages
  if (f.packages !== undefined) {
    packages = arr(f.packages, `${path}.packages`).map((p, i) => {
      const pp = obj(p, `${path}.packages[${i}]`, ['name', 'version', 'fixedInVersion', 'packageManager', 'release', 'arch', 'epoch'])
      /** @type {NormFinding['packages'][number]} */
      const out = {
        name: str(pp.name, `${path}.packages[${i}].name`),
        version: str(pp.version, `${path}.packages[${i}].version`),
        packageManager: pp.packageManager === undefined ? 'OS' : str(pp.packageManager, `${path}.packages[${i}].packageManager`)
      }
      if (pp.fixedInVersion !== undefined) out.fixedInVersion = str(pp.fixedInVersion, `${path}.packages[${i}].fixedInVersion`)
      if (pp.release !== undefined) out.release = str(pp.release, `${path}.packages[${i}].release`)
      if (pp.arch !== undefined) out.arch = str(pp.arch, `${path}.packages[${i}].arch`)
      if (pp.epoch !== undefined) out.epoch = int(pp.epoch, `${path}.packages[${i}].epoch`)
      return out
    })
  } else {
    /** @type {NormFinding['packages'][number]} */
    const p = {
      name: f.package === undefined ? 'unknown-package' : str(f.package, `${path}.package`),
      version: f.version === undefined ? '0.0.0' : str(f.version, `${path}.version`),
      packageManager: f.packageManager === undefined ? 'OS' : str(f.packageManager, `${path}.packageManager`)
    }
    if (f.fixedInVersion !== undefined) p.fixedInVersion = str(f.fixedInVersion, `${path}.fixedInVersion`)
    packages = [p]
  }
  const anyFix = packages.some((p) => p.fixedInVersion !== undefined && p.fixedInVersion !== 'NotAvailable')
  const allFix = packages.every((p) => p.fixedInVersion !== undefined && p.fixedInVersion !== 'NotAvailable')
  const fixAvailable =
    f.fixAvailable === undefined
      ? allFix
        ? 'YES'
        : anyFix
          ? 'PARTIAL'
          : 'NO'
      : oneOf(f.fixAvailable, `${path}.fixAvailable`, /** @type {const} */ (['YES', 'NO', 'PARTIAL']))
  /** @type {NormFinding} */
  const out = {
    id,
    severity,
    title: f.title === undefined ? `${id} - ${packages[0]?.name ?? 'package'}` : str(f.title, `${path}.title`),
    description: f.description === undefined ? `Synthetic vulnerability ${id}.` : String(f.description),
    packages,
    fixAvailable,
    exploitAvailable:
      f.exploitAvailable === undefined ? 'NO' : oneOf(f.exploitAvailable, `${path}.exploitAvailable`, /** @type {const} */ (['YES', 'NO'])),
    status: f.status === undefined ? 'ACTIVE' : oneOf(f.status, `${path}.status`, /** @type {const} */ (['ACTIVE', 'SUPPRESSED', 'CLOSED']))
  }
  if (f.epss !== undefined) out.epss = num(f.epss, `${path}.epss`, 0, 1)
  if (f.cvss !== undefined) out.cvss = num(f.cvss, `${path}.cvss`, 0, 10)
  if (f.url !== undefined) out.url = str(f.url, `${path}.url`)
  return out
}

const DEFAULT_CVSS = { CRITICAL: 9.8, HIGH: 7.5, MEDIUM: 5.3, LOW: 2.1, INFORMATIONAL: 0, UNTRIAGED: 0, UNDEFINED: 0 }

/**
 * CVSS score used for a finding (explicit, else a typical score for its severity).
 * @param {NormFinding} f
 * @returns {number}
 */
export function cvssOf(f) {
  return f.cvss ?? DEFAULT_CVSS[/** @type {keyof typeof DEFAULT_CVSS} */ (f.severity)] ?? 0
}

/**
 * Deterministic synthetic findings. Severity counts are exact, apportioned from the weights by
 * the largest-remainder method (so `{count: 10, severities: {HIGH: 1, LOW: 1}}` is 5 + 5), and the
 * other fields are drawn from a PRNG seeded with `seed`.
 * @param {{count: number, seed?: number, severities?: Record<string, number>, idPrefix?: string}} spec
 * @returns {NormFinding[]}
 */
export function generateFindings(spec) {
  const count = spec.count
  const weights = Object.entries(spec.severities ?? { CRITICAL: 1, HIGH: 4, MEDIUM: 10, LOW: 10 })
  const total = weights.reduce((s, [, w]) => s + w, 0)
  const exact = weights.map(([sev, w]) => ({ sev, q: total > 0 ? (count * w) / total : 0 }))
  const alloc = exact.map((e) => ({ sev: e.sev, n: Math.floor(e.q), r: e.q - Math.floor(e.q) }))
  let left = count - alloc.reduce((s, a) => s + a.n, 0)
  for (const a of [...alloc].sort((x, y) => y.r - x.r)) {
    if (left <= 0) break
    a.n++
    left--
  }
  const rnd = prng(spec.seed ?? 1)
  const prefix = spec.idPrefix ?? 'CVE-2099-'
  /** @type {NormFinding[]} */
  const out = []
  let seq = 0
  for (const { sev, n } of alloc) {
    for (let i = 0; i < n; i++) {
      seq++
      const pkg = `pkg${Math.floor(rnd() * 500)}`
      const fixRoll = rnd()
      const version = `${1 + Math.floor(rnd() * 5)}.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}`
      /** @type {NormFinding['packages'][number]} */
      const p = { name: pkg, version, packageManager: 'OS' }
      if (fixRoll < 0.7) p.fixedInVersion = version + '-fix1'
      else p.fixedInVersion = 'NotAvailable'
      out.push({
        id: `${prefix}${String(seq).padStart(5, '0')}`,
        severity: sev,
        title: `${prefix}${String(seq).padStart(5, '0')} - ${pkg}`,
        description: `Synthetic ${sev.toLowerCase()} vulnerability #${seq} in ${pkg}.`,
        packages: [p],
        fixAvailable: fixRoll < 0.7 ? 'YES' : 'NO',
        exploitAvailable: rnd() < 0.1 ? 'YES' : 'NO',
        epss: Math.round(rnd() * 10000) / 10000,
        status: 'ACTIVE'
      })
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// scan specs

/**
 * @typedef {{status: string, description?: string, untilMs?: number, untilPolls?: number, coverageReason?: string}} TimelineStep
 * @typedef {{timeline: TimelineStep[], findings: NormFinding[], lateFindings: {afterMs?: number, afterPolls?: number, findings: NormFinding[]} | null}} ScanSpec
 */

/**
 * @param {unknown} raw
 * @param {string} path
 * @returns {ScanSpec|null}
 */
function normScan(raw, path) {
  if (raw === null || raw === false) return null
  const s = obj(raw, path, ['timeline', 'findings', 'generateFindings', 'lateFindings', 'status'])
  /** @type {TimelineStep[]} */
  let timeline
  if (s.timeline !== undefined) {
    timeline = arr(s.timeline, `${path}.timeline`).map((st, i) => {
      const p = `${path}.timeline[${i}]`
      const o = obj(st, p, ['status', 'description', 'untilMs', 'untilPolls', 'coverageReason'])
      /** @type {TimelineStep} */
      const step = { status: oneOf(o.status, `${p}.status`, SCAN_STATUSES) }
      if (o.description !== undefined) step.description = String(o.description)
      if (o.untilMs !== undefined) step.untilMs = num(o.untilMs, `${p}.untilMs`, 0)
      if (o.untilPolls !== undefined) step.untilPolls = int(o.untilPolls, `${p}.untilPolls`, 0)
      if (o.coverageReason !== undefined) step.coverageReason = str(o.coverageReason, `${p}.coverageReason`)
      return step
    })
    if (timeline.length === 0) throw new ScenarioError(`${path}.timeline: needs at least one step`)
    timeline.forEach((st, i) => {
      if (i < timeline.length - 1 && st.untilMs === undefined && st.untilPolls === undefined) {
        throw new ScenarioError(`${path}.timeline[${i}]: a step before the last needs untilMs or untilPolls`)
      }
    })
  } else {
    timeline = [{ status: s.status === undefined ? 'COMPLETE' : oneOf(s.status, `${path}.status`, SCAN_STATUSES) }]
  }
  const findings =
    s.findings === undefined ? [] : arr(s.findings, `${path}.findings`).map((f, i) => normFinding(f, `${path}.findings[${i}]`))
  if (s.generateFindings !== undefined) {
    const g = obj(s.generateFindings, `${path}.generateFindings`, ['count', 'seed', 'severities', 'idPrefix'])
    /** @type {Record<string, number>|undefined} */
    let severities
    if (g.severities !== undefined) {
      severities = {}
      for (const [k, v] of Object.entries(obj(g.severities, `${path}.generateFindings.severities`, SEVERITIES))) {
        severities[k] = num(v, `${path}.generateFindings.severities.${k}`, 0)
      }
    }
    /** @type {{count: number, seed?: number, severities?: Record<string, number>, idPrefix?: string}} */
    const spec = { count: int(g.count, `${path}.generateFindings.count`) }
    if (g.seed !== undefined) spec.seed = int(g.seed, `${path}.generateFindings.seed`)
    if (severities) spec.severities = severities
    if (g.idPrefix !== undefined) spec.idPrefix = str(g.idPrefix, `${path}.generateFindings.idPrefix`)
    findings.push(...generateFindings(spec))
  }
  /** @type {ScanSpec['lateFindings']} */
  let lateFindings = null
  if (s.lateFindings !== undefined) {
    const l = obj(s.lateFindings, `${path}.lateFindings`, ['afterMs', 'afterPolls', 'findings'])
    lateFindings = {
      findings: arr(l.findings, `${path}.lateFindings.findings`).map((f, i) => normFinding(f, `${path}.lateFindings.findings[${i}]`))
    }
    if (l.afterMs !== undefined) lateFindings.afterMs = num(l.afterMs, `${path}.lateFindings.afterMs`, 0)
    if (l.afterPolls !== undefined) lateFindings.afterPolls = int(l.afterPolls, `${path}.lateFindings.afterPolls`)
    if (lateFindings.afterMs === undefined && lateFindings.afterPolls === undefined) lateFindings.afterMs = 0
  }
  return { timeline, findings, lateFindings }
}

// ---------------------------------------------------------------------------------------------
// the scenario

/**
 * An image's lifecycle and managed-signing state (optional scenario keys).
 * @param {Record<string, any>} o
 * @param {string} p
 * @returns {ImageState}
 */
function imageState(o, p) {
  /** @type {ImageState} */
  const out = {}
  if (o.lastPulledAt !== undefined) out.lastPulledAt = time(o.lastPulledAt, `${p}.lastPulledAt`)
  if (o.imageStatus !== undefined)
    out.imageStatus = oneOf(o.imageStatus, `${p}.imageStatus`, /** @type {const} */ (['ACTIVE', 'ARCHIVED', 'ACTIVATING']))
  if (o.lastArchivedAt !== undefined) out.lastArchivedAt = time(o.lastArchivedAt, `${p}.lastArchivedAt`)
  if (o.lastActivatedAt !== undefined) out.lastActivatedAt = time(o.lastActivatedAt, `${p}.lastActivatedAt`)
  if (o.signingStatus !== undefined)
    out.signingStatus = oneOf(o.signingStatus, `${p}.signingStatus`, /** @type {const} */ (['IN_PROGRESS', 'COMPLETE', 'FAILED']))
  return out
}

/**
 * @typedef {object} NormFault
 * @property {string} service
 * @property {string} [operation]
 * @property {string} kind
 * @property {number} [rate]
 * @property {number} [count]
 * @property {number} fromMs
 * @property {number} untilMs
 * @property {number} latencyMs
 * @property {number} bytes  hugeBody size
 * @property {boolean} chunked  hugeBody without Content-Length
 * @property {string} [digest]
 */

/**
 * @typedef {object} NormImage
 * @property {string} name
 * @property {string} repository
 * @property {string[]} tags
 * @property {'oci'|'docker'} format
 * @property {{os: string, architecture: string, variant?: string, layers: number[]}[]} platforms
 * @property {boolean} index
 * @property {boolean} attestation
 * @property {number} pushedAt
 * @property {ScanSpec|null} scan
 * @property {Record<string, ScanSpec|null>} scanByPlatform
 * @property {unknown[]} signatures
 * @property {ImageState} state  lifecycle and managed-signing state of the top-level manifest
 */

/**
 * Posture state of an image's top-level manifest: what DescribeImages and DescribeImageSigningStatus report.
 * @typedef {object} ImageState
 * @property {number} [lastPulledAt]  epoch ms (`lastRecordedPullTime`)
 * @property {'ACTIVE'|'ARCHIVED'|'ACTIVATING'} [imageStatus]
 * @property {number} [lastArchivedAt]
 * @property {number} [lastActivatedAt]
 * @property {'IN_PROGRESS'|'COMPLETE'|'FAILED'} [signingStatus]  managed signing, for every matching signing rule
 */

/**
 * One repository and its configuration (what DescribeRepositories, GetLifecyclePolicy and
 * GetRepositoryPolicy answer). Policy texts are stored as given: a scenario can hold text that does
 * not parse, as a real registry never would, to test the reader.
 * @typedef {object} NormRepository
 * @property {string} name
 * @property {boolean} scanOnPush
 * @property {string} scanFrequency
 * @property {number} createdAt
 * @property {string} imageTagMutability
 * @property {string[]} imageTagMutabilityExclusionFilters
 * @property {{encryptionType: string, kmsKey?: string}} encryption
 * @property {string} [lifecyclePolicy]  text
 * @property {string} [repositoryPolicy]  text
 */

/**
 * @typedef {object} Scenario
 * @property {string} accountId
 * @property {string} callerAccountId
 * @property {string} region
 * @property {'ENHANCED'|'BASIC'} scanType
 * @property {number} seed
 * @property {number} baseTime
 * @property {NormRepository[]} repositories
 * @property {NormImage[]} images
 * @property {{repository: string, manifest?: Record<string, any>, mediaType?: string, blobs: Buffer[], subject?: {image: string, platform?: string}, artifactType?: string, config?: {mediaType: string, data: Buffer}, layers?: {mediaType: string, data: Buffer, annotations?: Record<string,string>}[], annotations?: Record<string,string>, tags: string[]}[]} artifacts
 * @property {{revoked: {profileVersionArns: {arn: string, effectiveFrom?: number}[], jobArns: {arn: string, effectiveFrom?: number}[], certificateHashes: string[]}, profiles: {name: string, version: string, platformId: string, status: string, revokedAt?: number, validityMonths: number}[]}} signer
 * @property {NormFault[]} faults
 * @property {{referrersApi: boolean, redirectBlobs: boolean, tokenTtlMs: number}} registry
 * @property {{ecrRepositoryPrefix: string, upstreamRegistryUrl: string, upstreamRegistry?: string, upstreamRepositoryPrefix?: string}[]} pullThroughCacheRules
 * @property {{signingProfileArn: string, repositoryFilters?: {filterType: string, filter: string}[]}[] | undefined} signingRules  managed signing of the registry; undefined: none
 */

/**
 * Validates and normalises a scenario object (defaults filled, findings generated).
 * @param {unknown} raw
 * @returns {Scenario}
 */
export function normalizeScenario(raw) {
  const s = obj(raw, 'scenario', [
    '$schema',
    'description',
    'accountId',
    'callerAccountId',
    'region',
    'scanType',
    'seed',
    'baseTime',
    'repositories',
    'images',
    'artifacts',
    'signer',
    'faults',
    'registry',
    'pullThroughCacheRules',
    'signingRules'
  ])
  const accountId = s.accountId === undefined ? '123456789012' : str(s.accountId, 'accountId')
  if (!/^\d{12}$/.test(accountId)) throw new ScenarioError('accountId: expected 12 digits')
  const callerAccountId = s.callerAccountId === undefined ? accountId : str(s.callerAccountId, 'callerAccountId')
  if (!/^\d{12}$/.test(callerAccountId)) throw new ScenarioError('callerAccountId: expected 12 digits')
  const region = s.region === undefined ? 'us-east-1' : str(s.region, 'region')
  const scanType = s.scanType === undefined ? 'ENHANCED' : oneOf(s.scanType, 'scanType', /** @type {const} */ (['ENHANCED', 'BASIC']))
  const seed = s.seed === undefined ? 1 : int(s.seed, 'seed')
  const baseTime = s.baseTime === undefined ? DEFAULT_BASE_TIME : time(s.baseTime, 'baseTime')

  const rawImages = s.images === undefined ? [] : arr(s.images, 'images')
  /** @type {Scenario['repositories']} */
  const repositories = []
  if (s.repositories !== undefined) {
    arr(s.repositories, 'repositories').forEach((r, i) => {
      const o = obj(r, `repositories[${i}]`, [
        'name',
        'scanOnPush',
        'scanFrequency',
        'createdAt',
        'imageTagMutability',
        'imageTagMutabilityExclusionFilters',
        'encryption',
        'lifecyclePolicy',
        'repositoryPolicy'
      ])
      const name = str(o.name, `repositories[${i}].name`)
      if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name)) {
        throw new ScenarioError(`repositories[${i}].name: not a valid ECR repository name`)
      }
      if (repositories.some((x) => x.name === name)) throw new ScenarioError(`repositories[${i}].name: duplicate '${name}'`)
      const scanOnPush = o.scanOnPush === undefined ? true : bool(o.scanOnPush, `repositories[${i}].scanOnPush`)
      const freqs = scanType === 'ENHANCED' ? ['SCAN_ON_PUSH', 'CONTINUOUS_SCAN', 'MANUAL'] : ['SCAN_ON_PUSH', 'MANUAL']
      const scanFrequency =
        o.scanFrequency === undefined
          ? scanType === 'ENHANCED'
            ? scanOnPush
              ? 'CONTINUOUS_SCAN'
              : 'MANUAL'
            : scanOnPush
              ? 'SCAN_ON_PUSH'
              : 'MANUAL'
          : oneOf(o.scanFrequency, `repositories[${i}].scanFrequency`, freqs)
      const p = `repositories[${i}]`
      const imageTagMutability =
        o.imageTagMutability === undefined
          ? 'MUTABLE'
          : oneOf(o.imageTagMutability, `${p}.imageTagMutability`, [
              'MUTABLE',
              'IMMUTABLE',
              'IMMUTABLE_WITH_EXCLUSION',
              'MUTABLE_WITH_EXCLUSION'
            ])
      const filters =
        o.imageTagMutabilityExclusionFilters === undefined
          ? []
          : arr(o.imageTagMutabilityExclusionFilters, `${p}.imageTagMutabilityExclusionFilters`).map((f, j) =>
              str(f, `${p}.imageTagMutabilityExclusionFilters[${j}]`)
            )
      if (imageTagMutability.endsWith('_WITH_EXCLUSION') !== filters.length > 0 || filters.length > 5) {
        throw new ScenarioError(
          `${p}.imageTagMutabilityExclusionFilters: 1 to 5 filters, exactly when imageTagMutability is *_WITH_EXCLUSION`
        )
      }
      const enc = o.encryption === undefined ? {} : obj(o.encryption, `${p}.encryption`, ['encryptionType', 'kmsKey'])
      /** @type {NormRepository['encryption']} */
      const encryption = {
        encryptionType:
          enc.encryptionType === undefined
            ? 'AES256'
            : oneOf(enc.encryptionType, `${p}.encryption.encryptionType`, ['AES256', 'KMS', 'KMS_DSSE'])
      }
      if (enc.kmsKey !== undefined) encryption.kmsKey = str(enc.kmsKey, `${p}.encryption.kmsKey`)
      else if (encryption.encryptionType !== 'AES256')
        encryption.kmsKey = `arn:aws:kms:${region}:${accountId}:key/${createHash('sha256').update(name).digest('hex').slice(0, 8)}-0000-4000-8000-000000000000`
      /** @param {unknown} v @param {string} at */
      const policyText = (v, at) => {
        if (typeof v === 'string') return v
        if (!isObj(v)) throw new ScenarioError(`${at}: expected a policy object or its text`)
        return JSON.stringify(v)
      }
      /** @type {NormRepository} */
      const out = {
        name,
        scanOnPush,
        scanFrequency,
        createdAt: o.createdAt === undefined ? baseTime - 86_400_000 : time(o.createdAt, `${p}.createdAt`),
        imageTagMutability,
        imageTagMutabilityExclusionFilters: filters,
        encryption
      }
      if (o.lifecyclePolicy !== undefined) out.lifecyclePolicy = policyText(o.lifecyclePolicy, `${p}.lifecyclePolicy`)
      if (o.repositoryPolicy !== undefined) out.repositoryPolicy = policyText(o.repositoryPolicy, `${p}.repositoryPolicy`)
      repositories.push(out)
    })
  } else {
    // Convenience: repositories named by images exist with scanning on.
    for (const im of rawImages) {
      const name = isObj(im) && typeof im.repository === 'string' ? im.repository : undefined
      if (name && !repositories.some((r) => r.name === name)) {
        repositories.push({
          name,
          scanOnPush: true,
          scanFrequency: scanType === 'ENHANCED' ? 'CONTINUOUS_SCAN' : 'SCAN_ON_PUSH',
          createdAt: baseTime - 86_400_000,
          imageTagMutability: 'MUTABLE',
          imageTagMutabilityExclusionFilters: [],
          encryption: { encryptionType: 'AES256' }
        })
      }
    }
  }
  const repoNames = repositories.map((r) => r.name)

  /** @type {NormImage[]} */
  const images = rawImages.map((im, i) => {
    const p = `images[${i}]`
    const o = obj(im, p, [
      'name',
      'repository',
      'tags',
      'format',
      'platforms',
      'index',
      'attestation',
      'pushedAt',
      'scan',
      'scanByPlatform',
      'signatures',
      'layers',
      'lastPulledAt',
      'imageStatus',
      'lastArchivedAt',
      'lastActivatedAt',
      'signingStatus'
    ])
    const name = str(o.name, `${p}.name`)
    const repository = oneOf(o.repository, `${p}.repository`, repoNames)
    const tags =
      o.tags === undefined
        ? []
        : arr(o.tags, `${p}.tags`).map((t, j) => {
            const tag = str(t, `${p}.tags[${j}]`)
            if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw new ScenarioError(`${p}.tags[${j}]: not a valid tag`)
            return tag
          })
    const defaultLayers = o.layers === undefined ? [512] : arr(o.layers, `${p}.layers`).map((n, j) => int(n, `${p}.layers[${j}]`, 1))
    const platforms = (o.platforms === undefined ? [{ os: 'linux', architecture: 'amd64' }] : arr(o.platforms, `${p}.platforms`)).map(
      (pl, j) => {
        const po = obj(pl, `${p}.platforms[${j}]`, ['os', 'architecture', 'variant', 'layers'])
        /** @type {NormImage['platforms'][number]} */
        const out = {
          os: str(po.os, `${p}.platforms[${j}].os`),
          architecture: str(po.architecture, `${p}.platforms[${j}].architecture`),
          layers:
            po.layers === undefined
              ? defaultLayers
              : arr(po.layers, `${p}.platforms[${j}].layers`).map((n, k) => int(n, `${p}.platforms[${j}].layers[${k}]`, 1))
        }
        if (po.variant !== undefined) out.variant = str(po.variant, `${p}.platforms[${j}].variant`)
        return out
      }
    )
    if (platforms.length === 0) throw new ScenarioError(`${p}.platforms: needs at least one platform`)
    const keys = platforms.map(platformKey)
    if (new Set(keys).size !== keys.length) throw new ScenarioError(`${p}.platforms: duplicate platform`)
    const attestation = o.attestation === undefined ? false : bool(o.attestation, `${p}.attestation`)
    const index = (o.index === undefined ? false : bool(o.index, `${p}.index`)) || platforms.length > 1 || attestation
    const scan = o.scan === undefined ? normScan({}, `${p}.scan`) : normScan(o.scan, `${p}.scan`)
    /** @type {Record<string, ScanSpec|null>} */
    const scanByPlatform = {}
    if (o.scanByPlatform !== undefined) {
      for (const [k, v] of Object.entries(obj(o.scanByPlatform, `${p}.scanByPlatform`, [...keys, 'index']))) {
        scanByPlatform[k] = normScan(v, `${p}.scanByPlatform.${k}`)
      }
    }
    return {
      name,
      repository,
      tags,
      format: o.format === undefined ? 'oci' : oneOf(o.format, `${p}.format`, /** @type {const} */ (['oci', 'docker'])),
      platforms,
      index,
      attestation,
      pushedAt: o.pushedAt === undefined ? baseTime + i * 60_000 : time(o.pushedAt, `${p}.pushedAt`),
      scan,
      scanByPlatform,
      signatures: o.signatures === undefined ? [] : arr(o.signatures, `${p}.signatures`),
      state: imageState(o, p)
    }
  })
  const names = new Set()
  const tagOwners = new Map()
  for (const [i, im] of images.entries()) {
    if (names.has(im.name)) throw new ScenarioError(`images[${i}].name: duplicate '${im.name}'`)
    names.add(im.name)
    for (const t of im.tags) {
      const key = `${im.repository}:${t}`
      if (tagOwners.has(key)) throw new ScenarioError(`images[${i}].tags: '${key}' is already used by image '${tagOwners.get(key)}'`)
      tagOwners.set(key, im.name)
    }
  }

  const artifacts = (s.artifacts === undefined ? [] : arr(s.artifacts, 'artifacts')).map((a, i) => {
    const p = `artifacts[${i}]`
    const o = obj(a, p, [
      'repository',
      'manifest',
      'mediaType',
      'blobs',
      'subject',
      'artifactType',
      'config',
      'layers',
      'annotations',
      'tags'
    ])
    /** @type {Scenario['artifacts'][number]} */
    const out = {
      repository: oneOf(o.repository, `${p}.repository`, repoNames),
      blobs: (o.blobs === undefined ? [] : arr(o.blobs, `${p}.blobs`)).map((b, j) => Buffer.from(str(b, `${p}.blobs[${j}]`), 'base64')),
      tags: o.tags === undefined ? [] : arr(o.tags, `${p}.tags`).map((t, j) => str(t, `${p}.tags[${j}]`))
    }
    if (o.manifest !== undefined) out.manifest = obj(o.manifest, `${p}.manifest`, Object.keys(o.manifest ?? {}))
    if (o.mediaType !== undefined) out.mediaType = str(o.mediaType, `${p}.mediaType`)
    if (o.subject !== undefined) {
      if (typeof o.subject === 'string') out.subject = { image: oneOf(o.subject, `${p}.subject`, [...names]) }
      else {
        const so = obj(o.subject, `${p}.subject`, ['image', 'platform'])
        out.subject = { image: oneOf(so.image, `${p}.subject.image`, [...names]) }
        if (so.platform !== undefined) out.subject.platform = str(so.platform, `${p}.subject.platform`)
      }
    }
    if (o.artifactType !== undefined) out.artifactType = str(o.artifactType, `${p}.artifactType`)
    /** @param {unknown} v @param {string} pp */
    const dataOf = (v, pp) => {
      const d = obj(v, pp, ['mediaType', 'text', 'base64', 'annotations'])
      const data =
        d.text !== undefined
          ? Buffer.from(String(d.text), 'utf8')
          : d.base64 !== undefined
            ? Buffer.from(str(d.base64, `${pp}.base64`), 'base64')
            : Buffer.from('{}')
      /** @type {{mediaType: string, data: Buffer, annotations?: Record<string,string>}} */
      const r = { mediaType: str(d.mediaType, `${pp}.mediaType`), data }
      if (d.annotations !== undefined)
        r.annotations = /** @type {Record<string,string>} */ (obj(d.annotations, `${pp}.annotations`, Object.keys(d.annotations ?? {})))
      return r
    }
    if (o.config !== undefined) out.config = dataOf(o.config, `${p}.config`)
    if (o.layers !== undefined) out.layers = arr(o.layers, `${p}.layers`).map((l, j) => dataOf(l, `${p}.layers[${j}]`))
    if (o.annotations !== undefined)
      out.annotations = /** @type {Record<string,string>} */ (obj(o.annotations, `${p}.annotations`, Object.keys(o.annotations ?? {})))
    if (out.manifest === undefined && out.layers === undefined) throw new ScenarioError(`${p}: needs either manifest or layers`)
    return out
  })

  const sg = s.signer === undefined ? {} : obj(s.signer, 'signer', ['revoked', 'profiles'])
  const rv = sg.revoked === undefined ? {} : obj(sg.revoked, 'signer.revoked', ['profileVersionArns', 'jobArns', 'certificateHashes'])
  /** @param {unknown} v @param {string} p */
  const revList = (v, p) =>
    (v === undefined ? [] : arr(v, p)).map((e, i) => {
      if (typeof e === 'string') return { arn: e }
      const o = obj(e, `${p}[${i}]`, ['arn', 'effectiveFrom'])
      /** @type {{arn: string, effectiveFrom?: number}} */
      const r = { arn: str(o.arn, `${p}[${i}].arn`) }
      if (o.effectiveFrom !== undefined) r.effectiveFrom = time(o.effectiveFrom, `${p}[${i}].effectiveFrom`)
      return r
    })
  const signer = {
    revoked: {
      profileVersionArns: revList(rv.profileVersionArns, 'signer.revoked.profileVersionArns'),
      jobArns: revList(rv.jobArns, 'signer.revoked.jobArns'),
      certificateHashes: (rv.certificateHashes === undefined ? [] : arr(rv.certificateHashes, 'signer.revoked.certificateHashes')).map(
        (h, i) => str(h, `signer.revoked.certificateHashes[${i}]`).toLowerCase()
      )
    },
    profiles: (sg.profiles === undefined ? [] : arr(sg.profiles, 'signer.profiles')).map((pr, i) => {
      const o = obj(pr, `signer.profiles[${i}]`, ['name', 'version', 'platformId', 'status', 'revokedAt', 'validityMonths'])
      /** @type {Scenario['signer']['profiles'][number]} */
      const out = {
        name: str(o.name, `signer.profiles[${i}].name`),
        version: o.version === undefined ? 'a1b2c3d4e5' : str(o.version, `signer.profiles[${i}].version`),
        platformId: o.platformId === undefined ? 'Notation-OCI-SHA384-ECDSA' : str(o.platformId, `signer.profiles[${i}].platformId`),
        status: o.status === undefined ? 'Active' : oneOf(o.status, `signer.profiles[${i}].status`, ['Active', 'Canceled', 'Revoked']),
        validityMonths: o.validityMonths === undefined ? 135 : int(o.validityMonths, `signer.profiles[${i}].validityMonths`, 1)
      }
      if (o.revokedAt !== undefined) out.revokedAt = time(o.revokedAt, `signer.profiles[${i}].revokedAt`)
      return out
    })
  }

  const faults = (s.faults === undefined ? [] : arr(s.faults, 'faults')).map((f, i) => {
    const p = `faults[${i}]`
    const o = obj(f, p, [
      'service',
      'operation',
      'kind',
      'rate',
      'count',
      'fromMs',
      'untilMs',
      'latencyMs',
      'repeatNextToken',
      'hugeBody',
      'bytes',
      'chunked',
      'digest'
    ])
    let kind = o.kind
    if (kind === undefined && o.repeatNextToken === true) kind = 'repeatNextToken'
    if (kind === undefined && o.hugeBody !== undefined) kind = 'hugeBody'
    /** @type {NormFault} */
    const out = {
      service: o.service === undefined ? '*' : oneOf(o.service, `${p}.service`, SERVICES),
      kind: oneOf(kind, `${p}.kind`, FAULT_KINDS),
      fromMs: o.fromMs === undefined ? 0 : num(o.fromMs, `${p}.fromMs`, 0),
      untilMs: o.untilMs === undefined ? Infinity : num(o.untilMs, `${p}.untilMs`, 0),
      latencyMs: o.latencyMs === undefined ? 1000 : num(o.latencyMs, `${p}.latencyMs`, 0),
      bytes:
        o.bytes !== undefined
          ? int(o.bytes, `${p}.bytes`, 1)
          : o.hugeBody !== undefined
            ? int(o.hugeBody, `${p}.hugeBody`, 1)
            : 64 * 1024 * 1024,
      chunked: o.chunked === undefined ? false : bool(o.chunked, `${p}.chunked`)
    }
    if (o.operation !== undefined) out.operation = str(o.operation, `${p}.operation`)
    if (o.rate !== undefined) out.rate = num(o.rate, `${p}.rate`, 0, 1)
    if (o.count !== undefined) out.count = int(o.count, `${p}.count`, 1)
    if (o.digest !== undefined) out.digest = str(o.digest, `${p}.digest`)
    if (out.kind === 'repeatNextToken' && out.operation === undefined) out.operation = 'DescribeImageScanFindings'
    return out
  })

  const rg = s.registry === undefined ? {} : obj(s.registry, 'registry', ['referrersApi', 'redirectBlobs', 'tokenTtlMs'])
  const registry = {
    referrersApi: rg.referrersApi === undefined ? true : bool(rg.referrersApi, 'registry.referrersApi'),
    redirectBlobs: rg.redirectBlobs === undefined ? false : bool(rg.redirectBlobs, 'registry.redirectBlobs'),
    tokenTtlMs: rg.tokenTtlMs === undefined ? 12 * 3600_000 : int(rg.tokenTtlMs, 'registry.tokenTtlMs', 1)
  }

  /** @type {Scenario['pullThroughCacheRules']} */
  const pullThroughCacheRules = (s.pullThroughCacheRules === undefined ? [] : arr(s.pullThroughCacheRules, 'pullThroughCacheRules')).map(
    (r, i) => {
      const p = `pullThroughCacheRules[${i}]`
      const o = obj(r, p, ['ecrRepositoryPrefix', 'upstreamRegistryUrl', 'upstreamRegistry', 'upstreamRepositoryPrefix'])
      /** @type {Scenario['pullThroughCacheRules'][number]} */
      const out = {
        ecrRepositoryPrefix: str(o.ecrRepositoryPrefix, `${p}.ecrRepositoryPrefix`),
        upstreamRegistryUrl: str(o.upstreamRegistryUrl, `${p}.upstreamRegistryUrl`)
      }
      if (o.upstreamRegistry !== undefined) out.upstreamRegistry = str(o.upstreamRegistry, `${p}.upstreamRegistry`)
      if (o.upstreamRepositoryPrefix !== undefined)
        out.upstreamRepositoryPrefix = str(o.upstreamRepositoryPrefix, `${p}.upstreamRepositoryPrefix`)
      return out
    }
  )

  // Managed signing (GetSigningConfiguration): the registry's rules, absent when it has none.
  const signingRules =
    s.signingRules === undefined
      ? undefined
      : arr(s.signingRules, 'signingRules').map((r, i) => {
          const o = obj(r, `signingRules[${i}]`, ['signingProfileArn', 'repositoryFilters'])
          /** @type {{signingProfileArn: string, repositoryFilters?: {filterType: string, filter: string}[]}} */
          const out = { signingProfileArn: str(o.signingProfileArn, `signingRules[${i}].signingProfileArn`) }
          if (o.repositoryFilters !== undefined)
            out.repositoryFilters = arr(o.repositoryFilters, `signingRules[${i}].repositoryFilters`).map((f, j) => ({
              filterType: 'WILDCARD_MATCH',
              filter: str(f, `signingRules[${i}].repositoryFilters[${j}]`)
            }))
          return out
        })

  return {
    signingRules,
    accountId,
    callerAccountId,
    region,
    scanType,
    seed,
    baseTime,
    repositories,
    images,
    artifacts,
    signer,
    faults,
    registry,
    pullThroughCacheRules
  }
}

/**
 * Loads a scenario from an object or a `.json` / `.yaml` / `.yml` file path, then normalises it.
 * @param {unknown} input  scenario object or file path
 * @returns {Promise<Scenario>}
 */
export async function loadScenario(input) {
  if (typeof input === 'string') {
    const text = await readFile(input, 'utf8')
    const ext = extname(input).toLowerCase()
    let raw
    try {
      if (ext === '.yaml' || ext === '.yml') {
        const { parse } = await import('yaml')
        raw = parse(text)
      } else {
        raw = JSON.parse(text)
      }
    } catch (err) {
      throw new ScenarioError(`${input}: cannot parse: ${err instanceof Error ? err.message : String(err)}`)
    }
    return normalizeScenario(raw)
  }
  return normalizeScenario(input)
}

// ---------------------------------------------------------------------------------------------
// content: manifests, blobs, tags

/**
 * @typedef {object} StoredManifest
 * @property {Buffer} bytes  exact bytes served
 * @property {string} mediaType
 * @property {string} digest
 * @property {number} pushedAt  epoch ms
 * @property {string} [artifactType]  OCI rule: manifest.artifactType, else config.mediaType
 * @property {string} [configMediaType]
 * @property {string} [subject]  subject digest
 * @property {Record<string,string>} [annotations]
 * @property {number} imageSizeInBytes
 * @property {ImageState} [state]  the image's lifecycle and signing state (top-level manifests of scenario images)
 */

/**
 * @typedef {object} RepoContent
 * @property {Map<string, StoredManifest>} manifests
 * @property {Map<string, string>} tags  tag → digest
 * @property {Map<string, Buffer>} blobs
 */

/**
 * @typedef {object} PlatformInfo
 * @property {string} digest
 * @property {string} os
 * @property {string} architecture
 * @property {string} [variant]
 * @property {number} size
 * @property {string} mediaType
 */

/**
 * @typedef {object} ImageInfo
 * @property {string} repository
 * @property {string} [tag]  first tag
 * @property {string[]} tags
 * @property {string} digest  top-level digest (index or manifest): what is deployed and signed
 * @property {number} size  byte length of that manifest (descriptor size)
 * @property {string} mediaType
 * @property {number} imageSizeInBytes  what DescribeImages reports
 * @property {PlatformInfo[]} platforms  for a single manifest, one entry with the image's own digest
 * @property {{digest: string, size: number, mediaType: string, references: string}[]} attestations
 * @property {{digest: string, size: number, mediaType: string, artifactType?: string, certificateHashes?: string[]}[]} signatures
 */

/**
 * @typedef {object} ScanBinding  which scan spec applies to which stored manifest
 * @property {string} repository
 * @property {string} digest
 * @property {string} image
 * @property {string} [platform]
 * @property {ScanSpec|null} spec
 */

/**
 * Deterministic pseudo-random bytes (layer contents).
 * @param {string} label
 * @param {number} size
 * @returns {Buffer}
 */
function fillBytes(label, size) {
  const out = Buffer.alloc(size)
  let block = createHash('sha256').update(label).digest()
  for (let off = 0; off < size; off += block.length) {
    block.copy(out, off, 0, Math.min(block.length, size - off))
    block = createHash('sha256').update(block).digest()
  }
  return out
}

/**
 * @param {RepoContent} repo
 * @param {Buffer} bytes
 * @returns {{digest: string, size: number}}
 */
function putBlob(repo, bytes) {
  const digest = sha256Digest(bytes)
  repo.blobs.set(digest, bytes)
  return { digest, size: bytes.length }
}

/**
 * Stores a manifest given as a JSON object (or exact bytes) and returns its descriptor.
 * @param {RepoContent} repo
 * @param {Buffer} bytes
 * @param {string} mediaType
 * @param {number} pushedAt
 * @param {number} [imageSizeInBytes]
 * @returns {StoredManifest}
 */
export function storeManifest(repo, bytes, mediaType, pushedAt, imageSizeInBytes) {
  const digest = sha256Digest(bytes)
  /** @type {any} */
  let parsed = {}
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    // not JSON: stored as is, no subject
  }
  /** @type {StoredManifest} */
  const m = { bytes, mediaType, digest, pushedAt, imageSizeInBytes: imageSizeInBytes ?? bytes.length }
  const cfgType = isObj(parsed?.config) && typeof parsed.config.mediaType === 'string' ? parsed.config.mediaType : undefined
  if (cfgType) m.configMediaType = cfgType
  if (typeof parsed?.artifactType === 'string') m.artifactType = parsed.artifactType
  else if (cfgType && cfgType !== MT.ociConfig && cfgType !== MT.dockerConfig && cfgType !== MT.ociEmpty) m.artifactType = cfgType
  if (isObj(parsed?.subject) && typeof parsed.subject.digest === 'string') m.subject = parsed.subject.digest
  if (isObj(parsed?.annotations)) m.annotations = parsed.annotations
  if (imageSizeInBytes === undefined && Array.isArray(parsed?.layers)) {
    m.imageSizeInBytes =
      parsed.layers.reduce((s, /** @type {any} */ l) => s + (Number(l?.size) || 0), 0) + (Number(parsed?.config?.size) || 0)
  }
  repo.manifests.set(digest, m)
  return m
}

/**
 * Builds all repository content of a normalised scenario: image manifests, indexes, attestation
 * manifests, hand-made artifacts, signatures (via emulator/signing.mjs, imported only when used),
 * and, when the referrers API is off, the `sha256-<hex>` fallback tags.
 * @param {Scenario} scn
 * @returns {Promise<{repos: Map<string, RepoContent>, images: Record<string, ImageInfo>, scans: ScanBinding[]}>}
 */
export async function buildContent(scn) {
  /** @type {Map<string, RepoContent>} */
  const repos = new Map()
  for (const r of scn.repositories) repos.set(r.name, { manifests: new Map(), tags: new Map(), blobs: new Map() })
  /** @type {Record<string, ImageInfo>} */
  const images = {}
  /** @type {ScanBinding[]} */
  const scans = []

  for (const im of scn.images) {
    const repo = /** @type {RepoContent} */ (repos.get(im.repository))
    const docker = im.format === 'docker'
    /** @type {PlatformInfo[]} */
    const platforms = []
    /** @type {StoredManifest[]} */
    const platformManifests = []
    for (const pl of im.platforms) {
      const key = platformKey(pl)
      const layers = pl.layers.map((size, li) => {
        const b = putBlob(repo, fillBytes(`${im.name}/${key}/layer${li}`, size))
        return { mediaType: docker ? MT.dockerLayer : MT.ociLayer, digest: b.digest, size: b.size }
      })
      const config = {
        architecture: pl.architecture,
        os: pl.os,
        ...(pl.variant ? { variant: pl.variant } : {}),
        created: new Date(im.pushedAt).toISOString(),
        config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Labels: { 'dev.emulator.image': im.name } },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }
      }
      const cfg = putBlob(repo, jsonBytes(config))
      const manifest = {
        schemaVersion: 2,
        mediaType: docker ? MT.dockerManifest : MT.ociManifest,
        config: { mediaType: docker ? MT.dockerConfig : MT.ociConfig, digest: cfg.digest, size: cfg.size },
        layers
      }
      const stored = storeManifest(repo, jsonBytes(manifest), manifest.mediaType, im.pushedAt)
      platformManifests.push(stored)
      /** @type {PlatformInfo} */
      const info = {
        digest: stored.digest,
        os: pl.os,
        architecture: pl.architecture,
        size: stored.bytes.length,
        mediaType: stored.mediaType
      }
      if (pl.variant) info.variant = pl.variant
      platforms.push(info)
      const spec = key in im.scanByPlatform ? /** @type {ScanSpec|null} */ (im.scanByPlatform[key]) : im.scan
      scans.push({ repository: im.repository, digest: stored.digest, image: im.name, platform: key, spec })
    }

    /** @type {StoredManifest} */
    let top
    /** @type {ImageInfo['attestations']} */
    const attestations = []
    if (im.index) {
      /** @type {any[]} */
      const entries = platforms.map((p) => ({
        mediaType: p.mediaType,
        digest: p.digest,
        size: p.size,
        platform: { architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}) }
      }))
      if (im.attestation) {
        // Shaped like docker buildx provenance: one in-toto manifest per platform, platform
        // unknown/unknown, pointing back at its image through the docker reference annotations.
        for (const p of platforms) {
          const statement = {
            _type: 'https://in-toto.io/Statement/v0.1',
            predicateType: 'https://slsa.dev/provenance/v0.2',
            subject: [{ name: `pkg:docker/${im.repository}`, digest: { sha256: p.digest.slice(7) } }],
            predicate: { builder: { id: 'emulator' } }
          }
          const layer = putBlob(repo, jsonBytes(statement))
          const cfg = putBlob(
            repo,
            jsonBytes({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [layer.digest] } })
          )
          const manifest = {
            schemaVersion: 2,
            mediaType: MT.ociManifest,
            config: { mediaType: MT.ociConfig, digest: cfg.digest, size: cfg.size },
            layers: [
              {
                mediaType: MT.inToto,
                digest: layer.digest,
                size: layer.size,
                annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
              }
            ]
          }
          const stored = storeManifest(repo, jsonBytes(manifest), MT.ociManifest, im.pushedAt)
          entries.push({
            mediaType: MT.ociManifest,
            digest: stored.digest,
            size: stored.bytes.length,
            annotations: { 'vnd.docker.reference.digest': p.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
            platform: { architecture: 'unknown', os: 'unknown' }
          })
          attestations.push({ digest: stored.digest, size: stored.bytes.length, mediaType: MT.ociManifest, references: p.digest })
          const spec =
            'attestation' in im.scanByPlatform
              ? /** @type {ScanSpec|null} */ (im.scanByPlatform['attestation'])
              : {
                  timeline: [
                    { status: 'UNSUPPORTED_IMAGE', description: 'The operating system and/or package manager are not supported.' }
                  ],
                  findings: [],
                  lateFindings: null
                }
          scans.push({ repository: im.repository, digest: stored.digest, image: im.name, platform: 'unknown/unknown', spec })
        }
      }
      const index = { schemaVersion: 2, mediaType: docker ? MT.dockerList : MT.ociIndex, manifests: entries }
      const size = platformManifests.reduce((s, m) => s + m.imageSizeInBytes, 0)
      top = storeManifest(repo, jsonBytes(index), index.mediaType, im.pushedAt, size)
      // Scans exist per platform manifest, never for the index (REFERENCE.md).
      const spec = 'index' in im.scanByPlatform ? /** @type {ScanSpec|null} */ (im.scanByPlatform['index']) : null
      scans.push({ repository: im.repository, digest: top.digest, image: im.name, spec })
    } else {
      top = /** @type {StoredManifest} */ (platformManifests[0])
    }
    for (const t of im.tags) repo.tags.set(t, top.digest)
    top.state = im.state
    /** @type {ImageInfo} */
    const info = {
      repository: im.repository,
      tags: [...im.tags],
      digest: top.digest,
      size: top.bytes.length,
      mediaType: top.mediaType,
      imageSizeInBytes: top.imageSizeInBytes,
      platforms,
      attestations,
      signatures: []
    }
    if (im.tags[0] !== undefined) info.tag = im.tags[0]
    images[im.name] = info
  }

  // Signatures: produced by signing.mjs (owned elsewhere), stored as ordinary content.
  if (scn.images.some((im) => im.signatures.length > 0)) {
    const signing = await import('./signing.mjs')
    for (const im of scn.images) {
      const info = /** @type {ImageInfo} */ (images[im.name])
      const repo = /** @type {RepoContent} */ (repos.get(im.repository))
      for (const spec of im.signatures) {
        const subject = { mediaType: info.mediaType, digest: info.digest, size: info.size }
        const art = await signing.signatureArtifacts(spec, subject, {
          accountId: scn.accountId,
          region: scn.region,
          repository: im.repository
        })
        for (const b of art.blobs) putBlob(repo, Buffer.from(b))
        const stored = storeManifest(repo, Buffer.from(art.manifest), art.mediaType, im.pushedAt + 1000)
        /** @type {ImageInfo['signatures'][number]} */
        const sig = { digest: stored.digest, size: stored.bytes.length, mediaType: stored.mediaType }
        if (stored.artifactType) sig.artifactType = stored.artifactType
        // Revocation scenarios need the chain's hashes, as GetRevocationStatus receives them.
        if (Array.isArray(art.pki?.certificateHashes)) sig.certificateHashes = [...art.pki.certificateHashes]
        info.signatures.push(sig)
      }
    }
  }

  // Hand-made artifacts (referrers of any kind).
  for (const a of scn.artifacts) {
    const repo = /** @type {RepoContent} */ (repos.get(a.repository))
    for (const b of a.blobs) putBlob(repo, b)
    /** @type {{mediaType: string, digest: string, size: number} | undefined} */
    let subject
    if (a.subject) {
      const info = /** @type {ImageInfo} */ (images[a.subject.image])
      if (a.subject.platform) {
        const p = info.platforms.find((x) => platformKey(x) === a.subject?.platform)
        if (!p) throw new ScenarioError(`artifacts: image '${a.subject.image}' has no platform '${a.subject.platform}'`)
        subject = { mediaType: p.mediaType, digest: p.digest, size: p.size }
      } else {
        subject = { mediaType: info.mediaType, digest: info.digest, size: info.size }
      }
    }
    /** @type {Record<string, any>} */
    let manifest
    if (a.manifest) {
      manifest = { ...a.manifest }
      if (subject && manifest.subject === undefined) manifest.subject = subject
    } else {
      const cfgData = a.config ?? { mediaType: MT.ociEmpty, data: Buffer.from('{}') }
      const cfg = putBlob(repo, cfgData.data)
      manifest = { schemaVersion: 2, mediaType: MT.ociManifest }
      if (a.artifactType) manifest.artifactType = a.artifactType
      manifest.config = { mediaType: cfgData.mediaType, digest: cfg.digest, size: cfg.size }
      manifest.layers = (a.layers ?? []).map((l) => {
        const b = putBlob(repo, l.data)
        return { mediaType: l.mediaType, digest: b.digest, size: b.size, ...(l.annotations ? { annotations: l.annotations } : {}) }
      })
      if (subject) manifest.subject = subject
      if (a.annotations) manifest.annotations = a.annotations
    }
    const mediaType = a.mediaType ?? (typeof manifest.mediaType === 'string' ? manifest.mediaType : MT.ociManifest)
    const stored = storeManifest(repo, jsonBytes(manifest), mediaType, scn.baseTime + 3600_000)
    for (const t of a.tags) repo.tags.set(t, stored.digest)
    if (a.subject) {
      const info = /** @type {ImageInfo} */ (images[a.subject.image])
      if (stored.artifactType === 'application/vnd.cncf.notary.signature') {
        info.signatures.push({
          digest: stored.digest,
          size: stored.bytes.length,
          mediaType: stored.mediaType,
          artifactType: stored.artifactType
        })
      }
    }
  }

  // Referrers tag schema fallback: the tag sha256-<hex> holds an index of the referrers.
  if (!scn.registry.referrersApi) {
    for (const repo of repos.values()) {
      for (const subject of new Set([...repo.manifests.values()].map((m) => m.subject).filter((d) => d !== undefined))) {
        const index = referrersIndex(repo, /** @type {string} */ (subject))
        const stored = storeManifest(repo, jsonBytes(index), MT.ociIndex, scn.baseTime + 3600_000)
        repo.tags.set(`sha256-${/** @type {string} */ (subject).slice(7)}`, stored.digest)
      }
    }
  }
  return { repos, images, scans }
}

/**
 * The OCI referrers index for a subject digest, optionally filtered by artifactType.
 * @param {RepoContent} repo
 * @param {string} subject
 * @param {string} [artifactType]
 * @returns {{schemaVersion: 2, mediaType: string, manifests: Record<string, any>[]}}
 */
export function referrersIndex(repo, subject, artifactType) {
  const manifests = []
  for (const m of repo.manifests.values()) {
    if (m.subject !== subject) continue
    if (artifactType !== undefined && m.artifactType !== artifactType) continue
    /** @type {Record<string, any>} */
    const d = { mediaType: m.mediaType, digest: m.digest, size: m.bytes.length }
    if (m.artifactType) d.artifactType = m.artifactType
    if (m.annotations) d.annotations = m.annotations
    manifests.push(d)
  }
  manifests.sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0))
  return { schemaVersion: 2, mediaType: MT.ociIndex, manifests }
}

// ---------------------------------------------------------------------------------------------
// runtime model shared by the service handlers

/**
 * An AWS-style error a handler throws; the server renders it in the service's protocol
 * (awsJson1_1 `__type` body or restJson1 `x-amzn-ErrorType` header).
 */
export class AwsError extends Error {
  /**
   * @param {string} code  exception name, e.g. ImageNotFoundException
   * @param {string} message
   * @param {number} [status]  HTTP status (400 by default)
   * @param {Record<string, unknown>} [extra]  additional body members (e.g. Inspector's `reason`)
   */
  constructor(code, message, status = 400, extra = {}) {
    super(message)
    this.name = 'AwsError'
    this.code = code
    this.status = status
    this.extra = extra
  }
}

const STATUS_DESCRIPTIONS = {
  PENDING: 'The scan is pending.',
  IN_PROGRESS: 'The scan is in progress.',
  COMPLETE: 'The scan was completed successfully.',
  ACTIVE: 'Continuous scan is selected for image.',
  FAILED: 'The scan failed.',
  UNSUPPORTED_IMAGE: 'UnsupportedImageError: The operating system and/or package manager are not supported.',
  SCAN_ELIGIBILITY_EXPIRED: 'The image is no longer eligible for continuous scanning.',
  FINDINGS_UNAVAILABLE: 'Findings are unavailable for this image.',
  LIMIT_EXCEEDED: 'The image exceeds the scanning limits.',
  IMAGE_ARCHIVED: 'The image is archived.'
}

/**
 * Default `imageScanStatus.description` for a status.
 * @param {string} status
 * @returns {string}
 */
export function describeStatus(status) {
  return STATUS_DESCRIPTIONS[/** @type {keyof typeof STATUS_DESCRIPTIONS} */ (status)] ?? status
}

/**
 * @typedef {object} ScanView
 * @property {string} status  a SCAN_STATUSES value
 * @property {string} description
 * @property {boolean} final  the timeline's last step
 * @property {NormFinding[]} findings  visible findings (empty unless COMPLETE/ACTIVE)
 * @property {number} [completedAtWall]  wall-clock ms when the final step was first observed
 * @property {string} [coverageReason]
 */

/**
 * The scan timeline of one stored manifest. Steps are evaluated against the time since the first
 * scan-status query for the digest (`untilMs`, absolute) and the number of status polls so far
 * (`untilPolls`, absolute: the step answers polls 1..untilPolls); a step ends when either bound is
 * reached. The last step is final. `lateFindings` appear `afterMs` after the final step was first
 * observed, or `afterPolls` polls after it (whichever comes first).
 */
export class ScanTracker {
  /**
   * @param {ScanBinding} binding
   * @param {{manual: boolean}} opts  manual: no scan until StartImageScan (BASIC, scanOnPush off)
   */
  constructor(binding, opts) {
    this.binding = binding
    this.spec = binding.spec
    this.manual = opts.manual
    this.manualStarted = false
    /** @type {number|undefined} */
    this.startedAt = undefined
    this.polls = 0
    this.forced = false
    /** @type {number|undefined} */
    this.finalAt = undefined
    /** @type {number|undefined} */
    this.finalWall = undefined
    this.finalPolls = 0
  }

  /** @returns {boolean} a scan exists for this digest at all (now or later) */
  get covered() {
    return this.spec !== null && (!this.manual || this.manualStarted)
  }

  /**
   * Current state. `poll` counts this as a status poll; `start` starts the clock.
   * @param {number} now  ms since emulator start
   * @param {{poll?: boolean, start?: boolean}} [o]
   * @returns {ScanView}
   */
  view(now, o = {}) {
    const spec = this.spec
    if (spec === null || (this.manual && !this.manualStarted)) {
      return { status: 'SCAN_NOT_FOUND', description: 'No scan', final: false, findings: [] }
    }
    if (o.start !== false && this.startedAt === undefined) this.startedAt = now
    if (o.poll) this.polls++
    const elapsed = this.startedAt === undefined ? 0 : now - this.startedAt
    const last = spec.timeline.length - 1
    let idx = last
    if (!this.forced) {
      for (let i = 0; i < last; i++) {
        const st = /** @type {TimelineStep} */ (spec.timeline[i])
        const expired = (st.untilMs !== undefined && elapsed >= st.untilMs) || (st.untilPolls !== undefined && this.polls > st.untilPolls)
        if (!expired) {
          idx = i
          break
        }
      }
    }
    const step = /** @type {TimelineStep} */ (spec.timeline[idx])
    const final = idx === last
    if (final && this.finalAt === undefined && (o.start !== false || this.startedAt !== undefined)) {
      this.finalAt = now
      this.finalWall = Date.now()
      this.finalPolls = this.polls
    }
    /** @type {NormFinding[]} */
    let findings = []
    if (FINDINGS_VISIBLE.includes(step.status)) {
      findings = spec.findings
      const late = spec.lateFindings
      if (late && this.finalAt !== undefined) {
        const byMs = late.afterMs !== undefined && now - this.finalAt >= late.afterMs
        const byPolls = late.afterPolls !== undefined && this.polls - this.finalPolls >= late.afterPolls
        if (byMs || byPolls) findings = [...findings, ...late.findings]
      }
    }
    /** @type {ScanView} */
    const v = { status: step.status, description: step.description ?? describeStatus(step.status), final, findings }
    if (final && this.finalWall !== undefined) v.completedAtWall = this.finalWall
    if (step.coverageReason) v.coverageReason = step.coverageReason
    return v
  }

  /**
   * Jumps to the final step now (benchmarks, manual control).
   * @param {number} now
   */
  completeNow(now) {
    this.forced = true
    this.manualStarted = true
    if (this.startedAt === undefined) this.startedAt = now
    if (this.finalAt === undefined) {
      this.finalAt = now
      this.finalWall = Date.now()
      this.finalPolls = this.polls
    }
  }

  /**
   * StartImageScan: a manual scan starts its timeline now.
   * @param {number} now
   */
  startManual(now) {
    if (this.manual && !this.manualStarted) {
      this.manualStarted = true
      this.startedAt = now
      this.polls = 0
    }
  }
}
