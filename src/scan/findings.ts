/**
 * Reads every page of a digest's scan findings and normalises them into `Finding`s. Finding text
 * comes from vulnerability databases, i.e. from third parties: it is bounded here and escaped later
 * by the renderers.
 */
import { cleanText } from '../core/text.js'
import type { EnhancedImageScanFinding, ImageScanFinding } from '@aws-sdk/client-ecr'
import { AwsCallError } from '../core/errors.js'
import { signalOf, type Logger, type SignalOption } from '../core/ports.js'
import type { Finding, FindingPackage, FixAvailable, ScanType, Severity } from '../core/types.js'
import type { EcrPort } from '../aws/ecr.js'
import type { FindingsPage, PageReader } from '../aws/findings-page.js'
import { readAllPages } from './pagination.js'
import { describeTarget, type ScanTarget } from './scan-type.js'

export { MAX_FINDING_PAGES } from './pagination.js'

/** Bounds on untrusted strings. */
export const TextLimits = { id: 256, title: 512, description: 4096, packageField: 512, url: 2048 } as const

const SEVERITIES: ReadonlySet<string> = new Set<Severity>(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL', 'UNTRIAGED', 'UNDEFINED'])

/** Trims, drops control characters and truncates an untrusted string; undefined when empty. */
export function boundText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined
  const cleaned = cleanText(value, max, { keepLineBreaks: true })
  return cleaned === '' ? undefined : cleaned
}

/** A known severity, upper-cased; anything else is 'UNDEFINED'. */
export function normaliseSeverity(value: unknown): Severity {
  if (typeof value !== 'string') return 'UNDEFINED'
  const upper = value.trim().toUpperCase()
  return SEVERITIES.has(upper) ? (upper as Severity) : 'UNDEFINED'
}

/** Only http(s) URLs are kept: the URL is rendered as a link. */
function safeUrl(value: unknown): string | undefined {
  const text = boundText(value, TextLimits.url)
  if (text === undefined) return undefined
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined
  } catch {
    return undefined
  }
}

function fixAvailableOf(value: unknown): FixAvailable {
  return value === 'YES' || value === 'NO' || value === 'PARTIAL' ? value : 'UNKNOWN'
}

function placeOf(target: ScanTarget): Pick<Finding, 'digest' | 'platform'> {
  return { digest: target.digest, ...(target.platform !== undefined ? { platform: target.platform } : {}) }
}

/** A basic-scanning finding: id = name, package from the package_name/package_version attributes. */
export function normaliseBasicFinding(raw: ImageScanFinding, target: ScanTarget): Finding {
  // A finding without a name is still a finding: dropping it would fail open.
  const id = boundText(raw.name, TextLimits.id) ?? 'UNNAMED-FINDING'
  const attributes = new Map<string, string>()
  for (const attribute of raw.attributes ?? []) {
    if (typeof attribute.key === 'string' && typeof attribute.value === 'string') attributes.set(attribute.key, attribute.value)
  }
  const packageName = boundText(attributes.get('package_name'), TextLimits.packageField)
  const packages: FindingPackage[] =
    packageName !== undefined
      ? [{ name: packageName, version: boundText(attributes.get('package_version'), TextLimits.packageField) ?? '' }]
      : []
  const description = boundText(raw.description, TextLimits.description)
  const url = safeUrl(raw.uri)
  return {
    id,
    severity: normaliseSeverity(raw.severity),
    title: id,
    ...(description !== undefined ? { description } : {}),
    fixAvailable: 'UNKNOWN',
    packages,
    ...(url !== undefined ? { url } : {}),
    ...placeOf(target)
  }
}

/**
 * An enhanced-scanning finding, or undefined when Inspector marked it SUPPRESSED or CLOSED. A
 * finding with a missing or unknown status is kept (without `status`): dropping it would fail open.
 * `fixedInVersion` "NotAvailable" is treated as absent.
 */
export function normaliseEnhancedFinding(raw: EnhancedImageScanFinding, target: ScanTarget): Finding | undefined {
  const status = typeof raw.status === 'string' ? raw.status.toUpperCase() : undefined
  if (status === 'SUPPRESSED' || status === 'CLOSED') return undefined
  const details = raw.packageVulnerabilityDetails
  const id =
    boundText(details?.vulnerabilityId, TextLimits.id) ??
    boundText(raw.title, TextLimits.id) ??
    boundText(raw.findingArn, TextLimits.id) ??
    'UNNAMED-FINDING'
  const packages: FindingPackage[] = []
  for (const pkg of details?.vulnerablePackages ?? []) {
    const fixed = boundText(pkg.fixedInVersion, TextLimits.packageField)
    const manager = boundText(pkg.packageManager, TextLimits.packageField)
    packages.push({
      name: boundText(pkg.name, TextLimits.packageField) ?? 'unknown',
      version: boundText(pkg.version, TextLimits.packageField) ?? '',
      ...(fixed !== undefined && fixed.toLowerCase() !== 'notavailable' ? { fixedInVersion: fixed } : {}),
      ...(manager !== undefined ? { packageManager: manager } : {})
    })
  }
  const description = boundText(raw.description, TextLimits.description)
  const url = safeUrl(details?.sourceUrl) ?? safeUrl(raw.remediation?.recommendation?.url)
  const exploit = raw.exploitAvailable === 'YES' ? true : raw.exploitAvailable === 'NO' ? false : undefined
  return {
    id,
    severity: normaliseSeverity(raw.severity),
    title: boundText(raw.title, TextLimits.title) ?? id,
    ...(description !== undefined ? { description } : {}),
    fixAvailable: fixAvailableOf(raw.fixAvailable),
    ...(exploit !== undefined ? { exploitAvailable: exploit } : {}),
    packages,
    ...(url !== undefined ? { url } : {}),
    ...placeOf(target),
    ...(status === 'ACTIVE' ? { status: 'ACTIVE' as const } : {})
  }
}

function isRecord(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A list entry that is not an object cannot be judged: fail closed rather than skip it. */
function notAFinding(label: string): never {
  throw new AwsCallError(
    `Could not read scan findings for ${label}: the DescribeImageScanFindings response lists a finding that is not an object`,
    'MalformedResponse',
    'DescribeImageScanFindings'
  )
}

/**
 * How a page's findings of `scanType` become `Finding`s: `findings[]` under BASIC, `enhancedFindings[]`
 * under ENHANCED. Each finding is normalised as its page is parsed; the raw page is never kept (see
 * findings-page.ts). A list entry that is not an object fails the read (closed).
 */
export function findingsReader(target: ScanTarget, scanType: ScanType): PageReader<Finding> {
  const label = describeTarget(target)
  return scanType === 'BASIC'
    ? { list: 'findings', map: (raw) => (isRecord(raw) ? normaliseBasicFinding(raw as ImageScanFinding, target) : notAFinding(label)) }
    : {
        list: 'enhancedFindings',
        map: (raw) => (isRecord(raw) ? normaliseEnhancedFinding(raw as EnhancedImageScanFinding, target) : notAFinding(label))
      }
}

/**
 * One DescribeImageScanFindings page of `target` (maxResults 1000, the first one unless `nextToken`
 * is given), its findings through `reader`. AWS errors are the port's (not wrapped here).
 */
export function readFindingsPage(
  ecr: EcrPort,
  target: ScanTarget,
  reader: PageReader<Finding>,
  options: SignalOption & { nextToken?: string; what?: string } = {}
): Promise<FindingsPage<Finding>> {
  return ecr.describeImageScanFindingsPage(
    {
      registryId: target.registryId,
      repositoryName: target.repository,
      imageId: { imageDigest: target.digest },
      maxResults: 1000,
      ...(options.nextToken !== undefined ? { nextToken: options.nextToken } : {})
    },
    reader,
    { what: options.what ?? `read scan findings for ${describeTarget(target)}`, ...signalOf(options) }
  )
}

/**
 * Reads EVERY page of DescribeImageScanFindings (maxResults 1000) for `target` and normalises the
 * findings: `findings[]` under BASIC, `enhancedFindings[]` under ENHANCED (ACTIVE only). Returns
 * also the first page's `findingSeverityCounts` for cross-checking and the number of pages read.
 * Fails closed with an `AwsCallError` ("findings pagination did not terminate") if a `nextToken`
 * repeats or more than `MAX_FINDING_PAGES` pages come back; AWS errors are wrapped.
 * `options.signal` is passed to every page's call. `options.firstPage` is a first page already read
 * (by `readFindingsPage` with this scan type's reader, e.g. as the wait's first poll): it is taken as
 * page 1 and the read goes on from its nextToken.
 */
export async function collectFindings(
  ecr: EcrPort,
  target: ScanTarget,
  scanType: ScanType,
  log: Logger,
  options: SignalOption & { firstPage?: FindingsPage<Finding> } = {}
): Promise<{ findings: Finding[]; severityCounts: Record<string, number>; pages: number }> {
  const label = describeTarget(target)
  const findings: Finding[] = []
  let severityCounts: Record<string, number> = {}
  let dropped = 0
  const reader = findingsReader(target, scanType)
  let firstPage = options.firstPage
  const pages = await readAllPages(
    (nextToken) => {
      if (nextToken === undefined && firstPage !== undefined) {
        const page = firstPage
        firstPage = undefined
        return Promise.resolve(page)
      }
      return readFindingsPage(ecr, target, reader, { ...signalOf(options), ...(nextToken !== undefined ? { nextToken } : {}) })
    },
    (response: FindingsPage<Finding>, page) => {
      if (page === 1) {
        if (!response.hasImageScanFindings) {
          throw new AwsCallError(
            `Could not read scan findings for ${label}: the DescribeImageScanFindings response has no imageScanFindings`,
            'MalformedResponse',
            'DescribeImageScanFindings'
          )
        }
        severityCounts = response.severityCounts
        const status = response.status
        if (status !== 'COMPLETE' && status !== 'ACTIVE') {
          log.warning(`Scan of ${label} reports status ${String(status).slice(0, 64)} while its findings are read`)
        }
      }
      for (const finding of response.items) findings.push(finding)
      dropped += response.listed - response.items.length
      log.debug(`Findings page ${page} for ${label}: ${findings.length} so far`)
    },
    { what: `scan findings for ${label}`, operation: 'DescribeImageScanFindings' }
  )
  // A response that lost its finding list (malformed, or truncated by a proxy) must not read as "no
  // findings": the severity counts ECR sent say how many there are at least.
  const claimed = Object.values(severityCounts).reduce((sum, n) => sum + n, 0)
  if (claimed > findings.length + dropped) {
    throw new AwsCallError(
      `Could not read scan findings for ${label}: ECR's severity counts report ${claimed} finding(s) but only ${findings.length + dropped} were listed; failing closed rather than judging an incomplete list`,
      'FindingsIncomplete',
      'DescribeImageScanFindings'
    )
  }
  log.info(
    `Read ${findings.length} finding(s) for ${label} in ${pages} page(s)${dropped > 0 ? `; ${dropped} suppressed or closed finding(s) left out` : ''}`
  )
  return { findings, severityCounts, pages }
}
