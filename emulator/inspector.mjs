// Amazon Inspector2 API (restJson1): POST /findings/list and POST /coverage/list.
//
// Only enhanced scanning feeds Inspector: under BASIC registry scanning both lists are empty.

import { AwsError, cvssOf } from './scenario.mjs'
import { decodeToken, encodeToken, enhancedFinding } from './ecr.mjs'

/**
 * @typedef {import('./ecr.mjs').EmulatorContext} EmulatorContext
 * @typedef {import('./ecr.mjs').HandlerResult} HandlerResult
 * @typedef {import('./scenario.mjs').NormFinding} NormFinding
 * @typedef {import('./scenario.mjs').ScanTracker} ScanTracker
 */

/**
 * Inspector's ValidationException carries `reason` and `fields`.
 * @param {string} field
 * @param {string} message
 * @returns {AwsError}
 */
function fieldError(field, message) {
  return new AwsError('ValidationException', message, 400, { reason: 'FIELD_VALIDATION_FAILED', fields: [{ name: field, message }] })
}

/**
 * Applies a list of StringFilters to one value (or a list of values, any matching).
 * EQUALS / PREFIX filters of one field are OR-ed, NOT_EQUALS filters AND-ed.
 * @param {unknown[]} filters
 * @param {string|string[]|undefined} value
 * @param {string} field
 * @param {string[]} comparisons
 * @returns {boolean}
 */
function matchStrings(filters, value, field, comparisons) {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value]
  let positive = false
  let positiveHit = false
  for (const raw of filters) {
    const f = /** @type {Record<string, any>} */ (raw ?? {})
    if (!comparisons.includes(f.comparison) || typeof f.value !== 'string') {
      throw fieldError(
        `filterCriteria.${field}`,
        `Invalid string filter for ${field}: comparison must be one of ${comparisons.join(', ')} and value a string`
      )
    }
    if (f.comparison === 'NOT_EQUALS') {
      if (values.includes(f.value)) return false
    } else {
      positive = true
      if (f.comparison === 'EQUALS' ? values.includes(f.value) : values.some((v) => v.startsWith(f.value))) positiveHit = true
    }
  }
  return !positive || positiveHit
}

/**
 * @param {unknown[]} filters
 * @param {number|undefined} value
 * @param {string} field
 * @returns {boolean}
 */
function matchNumbers(filters, value, field) {
  for (const raw of filters) {
    const f = /** @type {Record<string, any>} */ (raw ?? {})
    if (
      (f.lowerInclusive !== undefined && typeof f.lowerInclusive !== 'number') ||
      (f.upperInclusive !== undefined && typeof f.upperInclusive !== 'number')
    ) {
      throw fieldError(`filterCriteria.${field}`, `Invalid number filter for ${field}`)
    }
    if (value === undefined) return false
    if (f.lowerInclusive !== undefined && value < f.lowerInclusive) return false
    if (f.upperInclusive !== undefined && value > f.upperInclusive) return false
  }
  return true
}

/**
 * @param {Record<string, any>} input
 * @param {number} dflt
 * @returns {number}
 */
function pageSize(input, dflt) {
  const v = input.maxResults
  if (v === undefined) return dflt
  if (!Number.isInteger(v) || v < 1 || v > 100)
    throw fieldError('maxResults', `Value '${v}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 100`)
  return v
}

/**
 * Digests named by EQUALS filters on a field, so that those scans' clocks start.
 * @param {unknown} filters
 * @returns {string[]}
 */
function equalsValues(filters) {
  return Array.isArray(filters) ? filters.filter((f) => f?.comparison === 'EQUALS' && typeof f.value === 'string').map((f) => f.value) : []
}

/**
 * ECR image resource ARN as Inspector names it.
 * @param {EmulatorContext} ctx
 * @param {string} repo
 * @param {string} digest
 */
export function imageArn(ctx, repo, digest) {
  return `arn:aws:ecr:${ctx.scn.region}:${ctx.scn.accountId}:repository/${repo}/${digest}`
}

/**
 * @param {EmulatorContext} ctx
 * @param {ScanTracker} t
 */
function isCovered(ctx, t) {
  const repo = ctx.scn.repositories.find((r) => r.name === t.binding.repository)
  return ctx.scn.scanType === 'ENHANCED' && t.spec !== null && repo !== undefined && repo.scanFrequency !== 'MANUAL'
}

const FINDING_STRING_FIELDS = [
  'ecrImageHash',
  'ecrImageRepositoryName',
  'resourceType',
  'findingStatus',
  'severity',
  'fixAvailable',
  'exploitAvailable',
  'vulnerabilityId',
  'awsAccountId',
  'resourceId',
  'findingType',
  'ecrImageRegistry',
  'ecrImageTags',
  'title',
  'findingArn',
  'vulnerabilitySource'
]
const FINDING_NUMBER_FIELDS = ['epssScore', 'inspectorScore']

/**
 * Converts an ECR enhanced finding into Inspector's Finding shape.
 * @param {EmulatorContext} ctx
 * @param {ScanTracker} t
 * @param {string[]} tags
 * @param {NormFinding} f
 * @param {number} at  epoch seconds
 */
function inspectorFinding(ctx, t, tags, f, at) {
  const e = enhancedFinding(ctx, t.binding.repository, t.binding.digest, tags, f, at)
  const res = /** @type {any} */ (e.resources[0])
  /** @type {Record<string, unknown>} */
  const out = {
    findingArn: e.findingArn,
    awsAccountId: e.awsAccountId,
    type: e.type,
    description: e.description,
    remediation: { recommendation: { text: e.remediation.recommendation.text, Url: f.url ?? `https://nvd.nist.gov/vuln/detail/${f.id}` } },
    severity: e.severity,
    firstObservedAt: e.firstObservedAt,
    lastObservedAt: e.lastObservedAt,
    status: e.status,
    resources: [{ type: res.type, id: res.id, partition: 'aws', region: ctx.scn.region, details: res.details }],
    title: e.title,
    updatedAt: e.updatedAt,
    inspectorScore: cvssOf(f),
    inspectorScoreDetails: {
      adjustedCvss: {
        scoreSource: 'NVD',
        version: '3.1',
        score: cvssOf(f),
        scoringVector: e.scoreDetails.cvss.scoringVector,
        adjustments: []
      }
    },
    packageVulnerabilityDetails: e.packageVulnerabilityDetails,
    fixAvailable: f.fixAvailable,
    exploitAvailable: f.exploitAvailable
  }
  if (f.exploitAvailable === 'YES') out.exploitabilityDetails = { lastKnownExploitAt: epoch(ctx.scn.baseTime - 86_400_000) }
  if (f.epss !== undefined) out.epss = { score: f.epss }
  return out
}

/** @param {number} ms */
const epoch = (ms) => ms / 1000

/**
 * The finding ARN without rendering the whole finding (same value as enhancedFinding's).
 * @param {EmulatorContext} ctx
 * @param {ScanTracker} t
 * @param {NormFinding} f
 */
function findingArn(ctx, t, f) {
  return String(enhancedFinding(ctx, t.binding.repository, t.binding.digest, [], f, 0).findingArn)
}

/**
 * Handles one Inspector2 operation.
 * @param {string} op  ListFindings | ListCoverage
 * @param {Record<string, any>} input
 * @param {EmulatorContext} ctx
 * @returns {HandlerResult}
 */
export function handleInspector(op, input, ctx) {
  const criteria = /** @type {Record<string, unknown[]>} */ (input.filterCriteria ?? {})
  const now = ctx.now()
  if (op === 'ListFindings') {
    for (const k of Object.keys(criteria)) {
      if (!FINDING_STRING_FIELDS.includes(k) && !FINDING_NUMBER_FIELDS.includes(k)) {
        throw fieldError(`filterCriteria.${k}`, `The emulator does not implement the ListFindings filter '${k}'`)
      }
      if (!Array.isArray(criteria[k])) throw fieldError(`filterCriteria.${k}`, `filterCriteria.${k} must be a list`)
    }
    const size = pageSize(input, 50)
    const scope = `ListFindings/${JSON.stringify(criteria)}`
    const off = decodeToken(input.nextToken, scope, 'ValidationException')
    const named = new Set(equalsValues(criteria.ecrImageHash))
    // Matches are collected cheaply; only the page being returned is rendered.
    /** @type {{t: ScanTracker, tags: string[], f: NormFinding, at: number}[]} */
    const all = []
    for (const t of ctx.trackers.values()) {
      if (!isCovered(ctx, t)) continue
      // Asking about a digest by hash starts its scan clock, like an ECR status query would.
      const v = t.view(now, { start: named.has(t.binding.digest) })
      if (v.findings.length === 0) continue
      const repo = ctx.repos.get(t.binding.repository)
      const tags = repo ? [...repo.tags.entries()].filter(([, d]) => d === t.binding.digest).map(([tag]) => tag) : []
      const arn = imageArn(ctx, t.binding.repository, t.binding.digest)
      const at = epoch(v.completedAtWall ?? Date.now())
      for (const f of v.findings) {
        /** @type {Record<string, string|string[]|undefined>} */
        const fields = {
          ecrImageHash: t.binding.digest,
          ecrImageRepositoryName: t.binding.repository,
          resourceType: 'AWS_ECR_CONTAINER_IMAGE',
          findingStatus: f.status,
          severity: f.severity,
          fixAvailable: f.fixAvailable,
          exploitAvailable: f.exploitAvailable,
          vulnerabilityId: f.id,
          awsAccountId: ctx.scn.accountId,
          resourceId: arn,
          findingType: 'PACKAGE_VULNERABILITY',
          ecrImageRegistry: ctx.scn.accountId,
          ecrImageTags: tags,
          title: f.title,
          vulnerabilitySource: 'NVD'
        }
        let ok = true
        for (const [k, filters] of Object.entries(criteria)) {
          if (k === 'findingArn') continue
          ok = FINDING_NUMBER_FIELDS.includes(k)
            ? matchNumbers(filters, k === 'epssScore' ? f.epss : cvssOf(f), k)
            : matchStrings(filters, fields[k], k, ['EQUALS', 'NOT_EQUALS', 'PREFIX'])
          if (!ok) break
        }
        if (!ok) continue
        if (
          criteria.findingArn &&
          !matchStrings(criteria.findingArn, findingArn(ctx, t, f), 'findingArn', ['EQUALS', 'NOT_EQUALS', 'PREFIX'])
        )
          continue
        all.push({ t, tags, f, at })
      }
    }
    /** @type {Record<string, unknown>} */
    const body = { findings: all.slice(off, off + size).map((m) => inspectorFinding(ctx, m.t, m.tags, m.f, m.at)) }
    if (off + size < all.length) body.nextToken = encodeToken(scope, off + size)
    const digests = [...named]
    return digests.length === 1 ? { body, digest: /** @type {string} */ (digests[0]) } : { body }
  }

  if (op === 'ListCoverage') {
    const known = [
      'resourceId',
      'ecrRepositoryName',
      'resourceType',
      'scanStatusCode',
      'scanStatusReason',
      'accountId',
      'scanType',
      'ecrImageTags'
    ]
    for (const k of Object.keys(criteria)) {
      if (!known.includes(k)) throw fieldError(`filterCriteria.${k}`, `The emulator does not implement the ListCoverage filter '${k}'`)
      if (!Array.isArray(criteria[k])) throw fieldError(`filterCriteria.${k}`, `filterCriteria.${k} must be a list`)
    }
    const size = pageSize(input, 50)
    const scope = `ListCoverage/${JSON.stringify(criteria)}`
    const off = decodeToken(input.nextToken, scope, 'ValidationException')
    const named = new Set(equalsValues(criteria.resourceId))
    /** @type {Record<string, unknown>[]} */
    const all = []
    /** @type {string|undefined} */
    let digest
    for (const t of ctx.trackers.values()) {
      if (!isCovered(ctx, t)) continue
      const arn = imageArn(ctx, t.binding.repository, t.binding.digest)
      const asked = named.has(arn)
      if (asked) digest = t.binding.digest
      // Coverage queries for a specific image are status polls.
      const v = t.view(now, { start: asked, poll: asked })
      const [statusCode, reason] = coverageStatus(v.status)
      const repo = ctx.repos.get(t.binding.repository)
      const tags = repo ? [...repo.tags.entries()].filter(([, d]) => d === t.binding.digest).map(([tag]) => tag) : []
      const scanFrequency = ctx.scn.repositories.find((r) => r.name === t.binding.repository)?.scanFrequency ?? 'CONTINUOUS_SCAN'
      /** @type {Record<string, string|string[]>} */
      const fields = {
        resourceId: arn,
        ecrRepositoryName: t.binding.repository,
        resourceType: 'AWS_ECR_CONTAINER_IMAGE',
        scanStatusCode: statusCode,
        scanStatusReason: v.coverageReason ?? reason,
        accountId: ctx.scn.accountId,
        scanType: 'PACKAGE',
        ecrImageTags: tags
      }
      let ok = true
      for (const [k, filters] of Object.entries(criteria)) {
        ok = matchStrings(filters, fields[k], k, ['EQUALS', 'NOT_EQUALS'])
        if (!ok) break
      }
      if (!ok) continue
      /** @type {Record<string, unknown>} */
      const item = {
        resourceType: 'AWS_ECR_CONTAINER_IMAGE',
        resourceId: arn,
        accountId: ctx.scn.accountId,
        scanType: 'PACKAGE',
        scanStatus: { statusCode, reason: v.coverageReason ?? reason },
        resourceMetadata: {
          ecrRepository: {
            name: t.binding.repository,
            scanFrequency: scanFrequency === 'CONTINUOUS_SCAN' ? 'CONTINUOUS_SCAN' : 'SCAN_ON_PUSH'
          },
          ecrImage: { tags }
        }
      }
      if (v.completedAtWall !== undefined) item.lastScannedAt = epoch(v.completedAtWall)
      all.push(item)
    }
    /** @type {Record<string, unknown>} */
    const body = { coveredResources: all.slice(off, off + size) }
    if (off + size < all.length) body.nextToken = encodeToken(scope, off + size)
    return digest ? { body, digest } : { body }
  }

  throw new AwsError('UnknownOperationException', `The emulator does not implement Inspector2 operation ${op}`, 404)
}

/**
 * Maps an ECR scan status to Inspector coverage `[statusCode, reason]`.
 * @param {string} status
 * @returns {[string, string]}
 */
export function coverageStatus(status) {
  switch (status) {
    case 'SCAN_NOT_FOUND':
      return ['ACTIVE', 'PENDING_INITIAL_SCAN']
    case 'PENDING':
    case 'IN_PROGRESS':
      return ['ACTIVE', 'SCAN_IN_PROGRESS']
    case 'COMPLETE':
    case 'ACTIVE':
      return ['ACTIVE', 'SUCCESSFUL']
    case 'UNSUPPORTED_IMAGE':
      return ['INACTIVE', 'UNSUPPORTED_OS']
    case 'SCAN_ELIGIBILITY_EXPIRED':
      return ['INACTIVE', 'SCAN_ELIGIBILITY_EXPIRED']
    case 'FINDINGS_UNAVAILABLE':
      return ['INACTIVE', 'NO_INVENTORY']
    case 'LIMIT_EXCEEDED':
      return ['INACTIVE', 'IMAGE_SIZE_EXCEEDED']
    case 'IMAGE_ARCHIVED':
      return ['INACTIVE', 'IMAGE_ARCHIVED']
    default:
      return ['INACTIVE', 'INTERNAL_ERROR']
  }
}
