// Amazon ECR API (awsJson1_1, X-Amz-Target AmazonEC2ContainerRegistry_V20150921.<Operation>).
//
// Shapes follow the SDK v3 model (@aws-sdk/client-ecr); timestamps are epoch-second numbers.

import { createHash, randomBytes } from 'node:crypto'
import { AwsError, MT, cvssOf, referrersIndex } from './scenario.mjs'

/** Target prefix of every ECR operation. */
export const ECR_TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.'

/**
 * @typedef {import('./scenario.mjs').Scenario} Scenario
 * @typedef {import('./scenario.mjs').RepoContent} RepoContent
 * @typedef {import('./scenario.mjs').StoredManifest} StoredManifest
 * @typedef {import('./scenario.mjs').NormFinding} NormFinding
 * @typedef {import('./scenario.mjs').ScanTracker} ScanTracker
 * @typedef {import('./scenario.mjs').ImageInfo} ImageInfo
 */

/**
 * State shared by all service handlers of one emulator.
 * @typedef {object} EmulatorContext
 * @property {Scenario} scn
 * @property {Map<string, RepoContent>} repos
 * @property {Record<string, ImageInfo>} images
 * @property {Map<string, ScanTracker>} trackers  key `<repository>@<digest>`
 * @property {() => number} now  ms since start
 * @property {string} url
 * @property {Map<string, number>} tokens  registry password → expiry (wall ms)
 * @property {Set<string>} startedScans  `<repository>@<digest>` already passed to StartImageScan
 */

/**
 * @typedef {object} HandlerResult
 * @property {Record<string, unknown>} body
 * @property {string} [digest]  recorded in the call log
 */

const DEFAULT_ACCEPTED = [
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
  MT.dockerManifest,
  MT.ociManifest
]

/** @param {number} ms */
const epoch = (ms) => ms / 1000

/**
 * AWS-style "1 validation error detected" for a missing or out-of-range member.
 * @param {string} member
 * @param {unknown} value
 * @param {string} constraint
 * @returns {AwsError}
 */
function validation(member, value, constraint) {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${value === undefined ? 'null' : String(value)}' at '${member}' failed to satisfy constraint: ${constraint}`
  )
}

/**
 * @param {Record<string, any>} input
 * @param {string} member
 * @returns {string}
 */
function requiredString(input, member) {
  const v = input[member]
  if (typeof v !== 'string' || v.length === 0) throw validation(member, v, 'Member must not be null')
  return v
}

/**
 * @param {Record<string, any>} input
 * @param {number} max
 * @param {number} dflt
 * @returns {number}
 */
function maxResults(input, max, dflt) {
  const v = input.maxResults
  if (v === undefined) return dflt
  if (!Number.isInteger(v) || v < 1) throw validation('maxResults', v, 'Member must have value greater than or equal to 1')
  if (v > max) throw validation('maxResults', v, `Member must have value less than or equal to ${max}`)
  return v
}

/**
 * Opaque paging token bound to the query it continues.
 * @param {string} scope
 * @param {number} offset
 * @returns {string}
 */
export function encodeToken(scope, offset) {
  return Buffer.from(JSON.stringify({ s: createHash('sha256').update(scope).digest('hex').slice(0, 16), o: offset })).toString('base64')
}

/**
 * @param {unknown} token
 * @param {string} scope
 * @param {string} errorCode  InvalidParameterException for ECR, ValidationException for Inspector
 * @returns {number}
 */
export function decodeToken(token, scope, errorCode = 'InvalidParameterException') {
  if (token === undefined || token === null) return 0
  try {
    const t = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8'))
    if (t.s === createHash('sha256').update(scope).digest('hex').slice(0, 16) && Number.isInteger(t.o) && t.o >= 0) return t.o
  } catch {
    // fall through
  }
  throw new AwsError(errorCode, "Invalid parameter at 'nextToken' failed to satisfy constraint: 'The nextToken is invalid'")
}

/**
 * @param {EmulatorContext} ctx
 * @param {Record<string, any>} input
 * @returns {[string, RepoContent]}
 */
function repository(ctx, input) {
  const name = requiredString(input, 'repositoryName')
  const registryId = input.registryId ?? ctx.scn.accountId
  const repo = ctx.repos.get(name)
  if (!repo || registryId !== ctx.scn.accountId) {
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${registryId}'`
    )
  }
  return [name, repo]
}

/**
 * @param {string} name
 * @param {Record<string, any>} id
 * @param {string} registryId
 */
function imageNotFound(name, id, registryId) {
  return new AwsError(
    'ImageNotFoundException',
    `The image with imageId {imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'} does not exist within the repository with name '${name}' in the registry with id '${registryId}'`
  )
}

/**
 * Resolves an ImageIdentifier to a stored manifest, or a failure code.
 * @param {RepoContent} repo
 * @param {unknown} rawId
 * @returns {{manifest: StoredManifest} | {failure: string, reason: string}}
 */
function resolveId(repo, rawId) {
  const id = /** @type {Record<string, any>} */ (typeof rawId === 'object' && rawId !== null ? rawId : {})
  const { imageDigest, imageTag } = id
  if (imageDigest === undefined && imageTag === undefined)
    return { failure: 'MissingDigestAndTag', reason: 'Invalid request parameters: both tag and digest cannot be null' }
  if (imageDigest !== undefined && !/^sha256:[a-f0-9]{64}$/.test(String(imageDigest)))
    return {
      failure: 'InvalidImageDigest',
      reason: "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"
    }
  let digest = imageDigest
  if (imageTag !== undefined) {
    const byTag = repo.tags.get(String(imageTag))
    if (byTag === undefined) return { failure: 'ImageNotFound', reason: 'Requested image not found' }
    if (digest !== undefined && digest !== byTag)
      return { failure: 'ImageTagDoesNotMatchDigest', reason: 'Invalid request parameters: given tag does not map to the given digest' }
    digest = byTag
  }
  const manifest = repo.manifests.get(String(digest))
  if (!manifest) return { failure: 'ImageNotFound', reason: 'Requested image not found' }
  return { manifest }
}

/**
 * @param {RepoContent} repo
 * @param {string} digest
 * @returns {string[]}
 */
function tagsOf(repo, digest) {
  return [...repo.tags.entries()].filter(([, d]) => d === digest).map(([t]) => t)
}

/**
 * Counts per severity, as `findingSeverityCounts`.
 * @param {NormFinding[]} findings
 * @returns {Record<string, number>}
 */
export function severityCounts(findings) {
  /** @type {Record<string, number>} */
  const out = {}
  for (const f of findings) out[f.severity] = (out[f.severity] ?? 0) + 1
  return out
}

/**
 * @param {EmulatorContext} ctx
 * @param {string} name
 * @param {RepoContent} repo
 * @param {StoredManifest} m
 */
function imageDetail(ctx, name, repo, m) {
  /** @type {Record<string, unknown>} */
  const d = {
    registryId: ctx.scn.accountId,
    repositoryName: name,
    imageDigest: m.digest
  }
  const tags = tagsOf(repo, m.digest)
  if (tags.length) d.imageTags = tags
  d.imageSizeInBytes = m.imageSizeInBytes
  d.imagePushedAt = epoch(m.pushedAt)
  // Basic scanning fills the summary on the image; enhanced scanning does not (REFERENCE.md).
  const tracker = ctx.trackers.get(`${name}@${m.digest}`)
  if (ctx.scn.scanType === 'BASIC' && tracker && tracker.covered && tracker.startedAt !== undefined) {
    const v = tracker.view(ctx.now(), { start: false })
    if (v.status !== 'SCAN_NOT_FOUND') {
      d.imageScanStatus = { status: v.status, description: v.description }
      if (v.status === 'COMPLETE') {
        const at = epoch(v.completedAtWall ?? Date.now())
        d.imageScanFindingsSummary = {
          imageScanCompletedAt: at,
          vulnerabilitySourceUpdatedAt: at,
          findingSeverityCounts: severityCounts(v.findings)
        }
      }
    }
  }
  d.imageManifestMediaType = m.mediaType
  if (m.configMediaType) d.artifactMediaType = m.configMediaType
  if (m.subject) d.subjectManifestDigest = m.subject
  d.imageStatus = m.state?.imageStatus ?? 'ACTIVE'
  if (m.state?.lastPulledAt !== undefined) d.lastRecordedPullTime = epoch(m.state.lastPulledAt)
  if (m.state?.lastArchivedAt !== undefined) d.lastArchivedAt = epoch(m.state.lastArchivedAt)
  if (m.state?.lastActivatedAt !== undefined) d.lastActivatedAt = epoch(m.state.lastActivatedAt)
  return d
}

/**
 * @param {EmulatorContext} ctx
 * @param {string} repoName
 * @param {string} digest
 * @param {string[]} tags
 * @param {NormFinding} f
 * @param {number} observedAt  epoch seconds
 */
export function enhancedFinding(ctx, repoName, digest, tags, f, observedAt) {
  const { accountId, region } = ctx.scn
  const cvss = cvssOf(f)
  const url = f.url ?? `https://nvd.nist.gov/vuln/detail/${f.id}`
  const arnHash = createHash('sha256').update(`${repoName}@${digest}#${f.id}`).digest('hex').slice(0, 32)
  const binding = ctx.trackers.get(`${repoName}@${digest}`)?.binding
  const [os, arch] = (binding?.platform ?? 'linux/amd64').split('/')
  const pushed = ctx.repos.get(repoName)?.manifests.get(digest)?.pushedAt ?? ctx.scn.baseTime
  return {
    awsAccountId: accountId,
    description: f.description,
    findingArn: `arn:aws:inspector2:${region}:${accountId}:finding/${arnHash}`,
    firstObservedAt: observedAt,
    lastObservedAt: observedAt,
    packageVulnerabilityDetails: {
      cvss: [{ baseScore: cvss, scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'NVD', version: '3.1' }],
      referenceUrls: [url],
      relatedVulnerabilities: [],
      source: 'NVD',
      sourceUrl: url,
      vendorCreatedAt: epoch(ctx.scn.baseTime - 30 * 86_400_000),
      vendorSeverity: f.severity,
      vendorUpdatedAt: epoch(ctx.scn.baseTime - 7 * 86_400_000),
      vulnerabilityId: f.id,
      vulnerablePackages: f.packages.map((p) => ({
        arch: p.arch ?? (arch === 'amd64' ? 'X86_64' : arch === 'arm64' ? 'ARM64' : (arch ?? 'X86_64').toUpperCase()),
        epoch: p.epoch ?? 0,
        name: p.name,
        packageManager: p.packageManager,
        release: p.release ?? '1',
        sourceLayerHash: digest,
        version: p.version,
        fixedInVersion: p.fixedInVersion ?? 'NotAvailable'
      }))
    },
    remediation: {
      recommendation: { text: f.fixAvailable === 'NO' ? 'None Provided' : `Upgrade ${f.packages.map((p) => p.name).join(', ')}.` }
    },
    resources: [
      {
        details: {
          awsEcrContainerImage: {
            architecture: arch ?? 'amd64',
            imageHash: digest,
            ...(tags.length ? { imageTags: tags } : {}),
            platform: (os ?? 'linux').toUpperCase() === 'LINUX' ? 'DEBIAN_12' : (os ?? 'linux').toUpperCase(),
            pushedAt: epoch(pushed),
            registry: accountId,
            repositoryName: repoName
          }
        },
        id: `arn:aws:ecr:${region}:${accountId}:repository/${repoName}/${digest}`,
        type: 'AWS_ECR_CONTAINER_IMAGE'
      }
    ],
    score: cvss,
    scoreDetails: {
      cvss: {
        adjustments: [],
        score: cvss,
        scoreSource: 'NVD',
        scoringVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        version: '3.1'
      }
    },
    severity: f.severity,
    status: f.status,
    title: f.title,
    type: 'PACKAGE_VULNERABILITY',
    updatedAt: observedAt,
    fixAvailable: f.fixAvailable,
    exploitAvailable: f.exploitAvailable
  }
}

/** @param {NormFinding} f */
function basicFinding(f) {
  const p = f.packages[0]
  return {
    name: f.id,
    description: f.description,
    uri: f.url ?? `https://security-tracker.debian.org/tracker/${f.id}`,
    severity: f.severity === 'UNTRIAGED' ? 'UNDEFINED' : f.severity,
    attributes: [
      { key: 'package_version', value: p?.version ?? '' },
      { key: 'package_name', value: p?.name ?? '' },
      { key: 'CVSS2_VECTOR', value: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      { key: 'CVSS2_SCORE', value: String(cvssOf(f)) }
    ]
  }
}

/**
 * Handles one ECR operation.
 * @param {string} op  operation name (without the target prefix)
 * @param {Record<string, any>} input  parsed JSON body
 * @param {EmulatorContext} ctx
 * @param {{repeatNextToken?: boolean}} [opts]
 * @returns {HandlerResult}
 */
export function handleEcr(op, input, ctx, opts = {}) {
  const { scn } = ctx
  switch (op) {
    case 'DescribeImages': {
      const [name, repo] = repository(ctx, input)
      if (Array.isArray(input.imageIds)) {
        if (input.imageIds.length === 0 || input.imageIds.length > 100)
          throw validation('imageIds', input.imageIds.length, 'Member must have length between 1 and 100')
        /** @type {Map<string, StoredManifest>} */
        const found = new Map()
        for (const id of input.imageIds) {
          const r = resolveId(repo, id)
          if ('failure' in r) {
            if (r.failure === 'ImageNotFound' || r.failure === 'ImageTagDoesNotMatchDigest') throw imageNotFound(name, id, scn.accountId)
            throw new AwsError('InvalidParameterException', r.reason)
          }
          found.set(r.manifest.digest, r.manifest)
        }
        const list = [...found.values()]
        return {
          body: { imageDetails: list.map((m) => imageDetail(ctx, name, repo, m)) },
          ...(list.length === 1 ? { digest: list[0]?.digest } : {})
        }
      }
      const status = input.filter?.tagStatus ?? 'ANY'
      let all = [...repo.manifests.values()]
      if (status === 'TAGGED') all = all.filter((m) => tagsOf(repo, m.digest).length > 0)
      else if (status === 'UNTAGGED') all = all.filter((m) => tagsOf(repo, m.digest).length === 0)
      // filter.imageStatus: ACTIVE (the default), ARCHIVED, ACTIVATING or ANY.
      const imageStatus = input.filter?.imageStatus ?? 'ACTIVE'
      if (!['ACTIVE', 'ARCHIVED', 'ACTIVATING', 'ANY'].includes(imageStatus))
        throw validation('filter.imageStatus', imageStatus, 'Member must satisfy enum value set: [ACTIVE, ARCHIVED, ACTIVATING, ANY]')
      if (imageStatus !== 'ANY') all = all.filter((m) => (m.state?.imageStatus ?? 'ACTIVE') === imageStatus)
      const size = maxResults(input, 1000, 100)
      const scope = `DescribeImages/${name}/${status}/${imageStatus}`
      const off = decodeToken(input.nextToken, scope)
      const page = all.slice(off, off + size)
      /** @type {Record<string, unknown>} */
      const body = { imageDetails: page.map((m) => imageDetail(ctx, name, repo, m)) }
      if (off + size < all.length) body.nextToken = encodeToken(scope, off + size)
      return { body }
    }

    case 'BatchGetImage': {
      const [name, repo] = repository(ctx, input)
      if (!Array.isArray(input.imageIds) || input.imageIds.length === 0) throw validation('imageIds', undefined, 'Member must not be null')
      const accepted =
        Array.isArray(input.acceptedMediaTypes) && input.acceptedMediaTypes.length > 0 ? input.acceptedMediaTypes : DEFAULT_ACCEPTED
      const images = []
      const failures = []
      for (const id of input.imageIds) {
        const r = resolveId(repo, id)
        if ('failure' in r) {
          failures.push({ imageId: id, failureCode: r.failure, failureReason: r.reason })
          continue
        }
        const m = r.manifest
        if (!accepted.includes(m.mediaType)) {
          // Approximation: the caller cannot receive this manifest in any accepted form.
          failures.push({
            imageId: id,
            failureCode: 'ImageNotFound',
            failureReason: `Requested image not found in an accepted media type (manifest is ${m.mediaType})`
          })
          continue
        }
        /** @type {Record<string, unknown>} */
        const imageId = { imageDigest: m.digest }
        if (id?.imageTag !== undefined) imageId.imageTag = id.imageTag
        images.push({
          registryId: scn.accountId,
          repositoryName: name,
          imageId,
          imageManifest: m.bytes.toString('utf8'),
          imageManifestMediaType: m.mediaType
        })
      }
      /** @type {HandlerResult} */
      const res = { body: { images, failures } }
      if (images.length === 1) res.digest = /** @type {string} */ (/** @type {any} */ (images[0]).imageId.imageDigest)
      return res
    }

    case 'DescribeImageScanFindings': {
      const [name, repo] = repository(ctx, input)
      if (input.imageId === undefined) throw validation('imageId', undefined, 'Member must not be null')
      const r = resolveId(repo, input.imageId)
      if ('failure' in r) {
        if (r.failure === 'ImageNotFound' || r.failure === 'ImageTagDoesNotMatchDigest')
          throw imageNotFound(name, input.imageId, scn.accountId)
        throw new AwsError('InvalidParameterException', r.reason)
      }
      const m = r.manifest
      const size = maxResults(input, 1000, 100)
      const scope = `DescribeImageScanFindings/${name}/${m.digest}`
      const off = decodeToken(input.nextToken, scope)
      const tracker = ctx.trackers.get(`${name}@${m.digest}`)
      // Paging calls continue a listing; only first pages count as status polls.
      const v = tracker ? tracker.view(ctx.now(), { poll: input.nextToken === undefined }) : undefined
      if (!v || v.status === 'SCAN_NOT_FOUND') {
        const err = new AwsError(
          'ScanNotFoundException',
          `Image scan does not exist for the image with '{imageDigest:${m.digest}, imageTag:${input.imageId.imageTag ?? 'null'}}' in the repository with name '${name}' in the registry with id '${scn.accountId}'`
        )
        throw Object.assign(err, { digest: m.digest })
      }
      /** @type {Record<string, unknown>} */
      const imageId = { imageDigest: m.digest }
      if (input.imageId.imageTag !== undefined) imageId.imageTag = input.imageId.imageTag
      /** @type {Record<string, unknown>} */
      const body = {
        registryId: scn.accountId,
        repositoryName: name,
        imageId,
        imageScanStatus: { status: v.status, description: v.description }
      }
      let next
      if (v.status === 'COMPLETE' || v.status === 'ACTIVE') {
        const at = epoch(v.completedAtWall ?? Date.now())
        const page = v.findings.slice(off, off + size)
        const tags = tagsOf(repo, m.digest)
        /** @type {Record<string, unknown>} */
        const isf = { imageScanCompletedAt: at, vulnerabilitySourceUpdatedAt: at, findingSeverityCounts: severityCounts(v.findings) }
        if (scn.scanType === 'BASIC') isf.findings = page.map(basicFinding)
        else isf.enhancedFindings = page.map((f) => enhancedFinding(ctx, name, m.digest, tags, f, at))
        body.imageScanFindings = isf
        if (off + size < v.findings.length) next = encodeToken(scope, off + size)
      }
      if (opts.repeatNextToken) next = typeof input.nextToken === 'string' ? input.nextToken : encodeToken(scope, 0)
      if (next !== undefined) body.nextToken = next
      return { body, digest: m.digest }
    }

    case 'GetRegistryScanningConfiguration': {
      /** @type {Map<string, string[]>} */
      const byFreq = new Map()
      for (const r of scn.repositories) {
        if (r.scanFrequency === 'MANUAL') continue
        byFreq.set(r.scanFrequency, [...(byFreq.get(r.scanFrequency) ?? []), r.name])
      }
      const rules = [...byFreq.entries()].map(([scanFrequency, names]) => ({
        scanFrequency,
        repositoryFilters: names.map((filter) => ({ filter, filterType: 'WILDCARD' }))
      }))
      // ECR describes only the caller's own registry: with callerAccountId set, the images' registry
      // belongs to another account, and this answer (naming the caller) says nothing about it.
      if (scn.callerAccountId !== scn.accountId)
        return { body: { registryId: scn.callerAccountId, scanningConfiguration: { scanType: 'BASIC', rules: [] } } }
      return { body: { registryId: scn.accountId, scanningConfiguration: { scanType: scn.scanType, rules } } }
    }

    case 'BatchGetRepositoryScanningConfiguration': {
      if (!Array.isArray(input.repositoryNames) || input.repositoryNames.length === 0)
        throw validation('repositoryNames', undefined, 'Member must not be null')
      const scanningConfigurations = []
      const failures = []
      for (const n of input.repositoryNames) {
        const r = scn.repositories.find((x) => x.name === n)
        if (!r) {
          failures.push({ repositoryName: n, failureCode: 'REPOSITORY_NOT_FOUND', failureReason: 'REPOSITORY_NOT_FOUND' })
          continue
        }
        scanningConfigurations.push({
          repositoryArn: `arn:aws:ecr:${scn.region}:${scn.accountId}:repository/${r.name}`,
          repositoryName: r.name,
          scanOnPush: r.scanFrequency !== 'MANUAL',
          scanFrequency: r.scanFrequency,
          appliedScanFilters: r.scanFrequency === 'MANUAL' ? [] : [{ filter: r.name, filterType: 'WILDCARD' }]
        })
      }
      return { body: { scanningConfigurations, failures } }
    }

    case 'DescribeRepositories': {
      if (input.registryId !== undefined && input.registryId !== scn.accountId) {
        throw new AwsError('RepositoryNotFoundException', `The repository does not exist in the registry with id '${input.registryId}'`)
      }
      let list = scn.repositories
      if (Array.isArray(input.repositoryNames)) {
        for (const n of input.repositoryNames) {
          if (!list.some((r) => r.name === n))
            throw new AwsError(
              'RepositoryNotFoundException',
              `The repository with name '${n}' does not exist in the registry with id '${scn.accountId}'`
            )
        }
        list = list.filter((r) => input.repositoryNames.includes(r.name))
      }
      const size = maxResults(input, 1000, 100)
      const scope = 'DescribeRepositories'
      const off = decodeToken(input.nextToken, scope)
      /** @type {Record<string, unknown>} */
      const body = {
        repositories: list.slice(off, off + size).map((r) => ({
          repositoryArn: `arn:aws:ecr:${scn.region}:${scn.accountId}:repository/${r.name}`,
          registryId: scn.accountId,
          repositoryName: r.name,
          repositoryUri: `${scn.accountId}.dkr.ecr.${scn.region}.amazonaws.com/${r.name}`,
          createdAt: epoch(r.createdAt),
          imageTagMutability: r.imageTagMutability,
          ...(r.imageTagMutabilityExclusionFilters.length > 0
            ? {
                imageTagMutabilityExclusionFilters: r.imageTagMutabilityExclusionFilters.map((filter) => ({
                  filterType: 'WILDCARD',
                  filter
                }))
              }
            : {}),
          imageScanningConfiguration: { scanOnPush: r.scanOnPush },
          encryptionConfiguration: { ...r.encryption }
        }))
      }
      if (off + size < list.length) body.nextToken = encodeToken(scope, off + size)
      return { body }
    }

    case 'GetLifecyclePolicy': {
      const [name] = repository(ctx, input)
      const r = scn.repositories.find((x) => x.name === name)
      if (r?.lifecyclePolicy === undefined) {
        throw new AwsError(
          'LifecyclePolicyNotFoundException',
          `Lifecycle policy does not exist for the repository with name '${name}' in the registry with id '${scn.accountId}'`
        )
      }
      return {
        body: {
          registryId: scn.accountId,
          repositoryName: name,
          lifecyclePolicyText: r.lifecyclePolicy,
          lastEvaluatedAt: epoch(scn.baseTime)
        }
      }
    }

    case 'GetRepositoryPolicy': {
      const [name] = repository(ctx, input)
      const r = scn.repositories.find((x) => x.name === name)
      if (r?.repositoryPolicy === undefined) {
        throw new AwsError(
          'RepositoryPolicyNotFoundException',
          `Repository policy does not exist for the repository with name '${name}' in the registry with id '${scn.accountId}'`
        )
      }
      return { body: { registryId: scn.accountId, repositoryName: name, policyText: r.repositoryPolicy } }
    }

    case 'DescribePullThroughCacheRules': {
      const registryId = input.registryId ?? scn.accountId
      const all = registryId === scn.accountId ? scn.pullThroughCacheRules : []
      let list = all
      if (Array.isArray(input.ecrRepositoryPrefixes)) {
        for (const p of input.ecrRepositoryPrefixes) {
          if (!all.some((r) => r.ecrRepositoryPrefix === p)) {
            throw new AwsError(
              'PullThroughCacheRuleNotFoundException',
              `The pull through cache rule with prefix '${p}' does not exist in the registry with id '${registryId}'`
            )
          }
        }
        list = all.filter((r) => input.ecrRepositoryPrefixes.includes(r.ecrRepositoryPrefix))
      }
      const size = maxResults(input, 1000, 100)
      const scope = `DescribePullThroughCacheRules/${registryId}`
      const off = decodeToken(input.nextToken, scope)
      /** @type {Record<string, unknown>} */
      const body = {
        pullThroughCacheRules: list.slice(off, off + size).map((r) => ({
          ...r,
          registryId,
          createdAt: epoch(scn.baseTime - 86_400_000),
          updatedAt: epoch(scn.baseTime - 86_400_000)
        }))
      }
      if (off + size < list.length) body.nextToken = encodeToken(scope, off + size)
      return { body }
    }

    case 'GetSigningConfiguration': {
      // Managed signing: the caller's own registry only (the request takes no registry id).
      const rules = scn.callerAccountId === scn.accountId ? scn.signingRules : undefined
      if (rules === undefined) {
        throw new AwsError(
          'SigningConfigurationNotFoundException',
          `The signing configuration does not exist in the registry with id '${scn.callerAccountId}'`
        )
      }
      return { body: { registryId: scn.callerAccountId, signingConfiguration: { rules } } }
    }

    case 'DescribeImageSigningStatus': {
      const [name, repo] = repository(ctx, input)
      if (input.imageId === undefined) throw validation('imageId', undefined, 'Member must not be null')
      const r = resolveId(repo, input.imageId)
      if ('failure' in r) throw imageNotFound(name, input.imageId, scn.accountId)
      const glob = (/** @type {string} */ f) =>
        new RegExp(
          `^${f
            .split('*')
            .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`
        ).test(name)
      const status = r.manifest.state?.signingStatus
      const signingStatuses =
        status === undefined
          ? []
          : (scn.signingRules ?? [])
              .filter((rule) => rule.repositoryFilters === undefined || rule.repositoryFilters.some((f) => glob(f.filter)))
              .map((rule) => ({
                signingProfileArn: rule.signingProfileArn,
                status,
                ...(status === 'FAILED'
                  ? { failureCode: 'SIGNING_FAILED', failureReason: 'The pushing identity is not allowed to sign with the profile' }
                  : {})
              }))
      return {
        body: { registryId: scn.accountId, repositoryName: name, imageId: { imageDigest: r.manifest.digest }, signingStatuses },
        digest: r.manifest.digest
      }
    }

    case 'StartImageScan': {
      const [name, repo] = repository(ctx, input)
      if (scn.scanType !== 'BASIC') {
        throw new AwsError(
          'ValidationException',
          'This feature is disabled: StartImageScan is not supported when enhanced scanning is enabled for the registry; scans are managed by Amazon Inspector'
        )
      }
      if (input.imageId === undefined) throw validation('imageId', undefined, 'Member must not be null')
      const r = resolveId(repo, input.imageId)
      if ('failure' in r) throw imageNotFound(name, input.imageId, scn.accountId)
      const key = `${name}@${r.manifest.digest}`
      const tracker = ctx.trackers.get(key)
      if (!tracker || tracker.spec === null) {
        throw Object.assign(new AwsError('UnsupportedImageTypeException', 'The image is of a type that cannot be scanned.'), {
          digest: r.manifest.digest
        })
      }
      if (ctx.startedScans.has(key)) {
        throw Object.assign(new AwsError('LimitExceededException', 'The scan quota per image has been exceeded. Wait and try again.'), {
          digest: r.manifest.digest
        })
      }
      ctx.startedScans.add(key)
      tracker.startManual(ctx.now())
      /** @type {Record<string, unknown>} */
      const imageId = { imageDigest: r.manifest.digest }
      if (input.imageId.imageTag !== undefined) imageId.imageTag = input.imageId.imageTag
      return {
        body: { registryId: scn.accountId, repositoryName: name, imageId, imageScanStatus: { status: 'IN_PROGRESS' } },
        digest: r.manifest.digest
      }
    }

    case 'GetAuthorizationToken': {
      const password = randomBytes(24).toString('base64url')
      const expires = Date.now() + scn.registry.tokenTtlMs
      ctx.tokens.set(password, expires)
      const ids = Array.isArray(input.registryIds) && input.registryIds.length > 0 ? input.registryIds : [scn.accountId]
      return {
        body: {
          authorizationData: ids.map(() => ({
            authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
            expiresAt: epoch(expires),
            proxyEndpoint: ctx.url
          }))
        }
      }
    }

    case 'ListImageReferrers': {
      const [name, repo] = repository(ctx, input)
      const subject = input.subjectId?.imageDigest
      if (typeof subject !== 'string') throw validation('subjectId', undefined, 'Member must not be null')
      if (!repo.manifests.has(subject)) throw imageNotFound(name, { imageDigest: subject }, scn.accountId)
      const types = Array.isArray(input.filter?.artifactTypes) ? input.filter.artifactTypes : undefined
      const all = referrersIndex(repo, subject).manifests.filter((d) => !types || types.includes(d.artifactType))
      const size = maxResults(input, 1000, 50)
      const scope = `ListImageReferrers/${name}/${subject}/${JSON.stringify(types ?? null)}`
      const off = decodeToken(input.nextToken, scope)
      /** @type {Record<string, unknown>} */
      const body = {
        referrers: all.slice(off, off + size).map((d) => ({
          digest: d.digest,
          mediaType: d.mediaType,
          size: d.size,
          ...(d.artifactType ? { artifactType: d.artifactType } : {}),
          ...(d.annotations ? { annotations: d.annotations } : {}),
          artifactStatus: 'ACTIVE'
        }))
      }
      if (off + size < all.length) body.nextToken = encodeToken(scope, off + size)
      return { body, digest: subject }
    }

    default:
      throw new AwsError('UnknownOperationException', `The emulator does not implement ECR operation ${op}`)
  }
}
