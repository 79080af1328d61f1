/**
 * Inspector2 enrichment: ECR's finding shape has no EPSS, so EPSS (and Inspector's exploit flag)
 * are read from Inspector2 ListFindings for the same image and joined onto the ECR findings.
 */
import type { ListFindingsResponse } from '@aws-sdk/client-inspector2'
import { signalOf, type Logger, type SignalOption } from '../core/ports.js'
import type { Finding } from '../core/types.js'
import type { InspectorPort } from '../aws/inspector.js'
import { readAllPages } from './pagination.js'
import { describeTarget, type ScanTarget } from './scan-type.js'

/** What Inspector knows about one vulnerability (in one package). */
interface Enrichment {
  epss?: number
  exploitAvailable?: boolean
}

/** Key for a vulnerability in a package; `*` stands for "any package" (EPSS is per vulnerability). */
function keyOf(vulnerabilityId: string, packageName: string): string {
  return `${vulnerabilityId}\u0000${packageName}`
}

/**
 * Merges two answers conservatively: the higher EPSS and "exploit available" win, so that joining
 * more data can only make a finding count, never hide it.
 */
function merge(into: Enrichment | undefined, add: Enrichment): Enrichment {
  const result: Enrichment = { ...into }
  if (add.epss !== undefined) result.epss = result.epss === undefined ? add.epss : Math.max(result.epss, add.epss)
  if (add.exploitAvailable !== undefined) result.exploitAvailable = result.exploitAvailable === true || add.exploitAvailable
  return result
}

function enrichmentOf(finding: NonNullable<ListFindingsResponse['findings']>[number]): Enrichment {
  const result: Enrichment = {}
  const score = finding.epss?.score
  if (typeof score === 'number' && Number.isFinite(score) && score >= 0 && score <= 1) result.epss = score
  if (finding.exploitAvailable === 'YES') result.exploitAvailable = true
  else if (finding.exploitAvailable === 'NO') result.exploitAvailable = false
  return result
}

/**
 * Reads every page of Inspector2 ListFindings for the image (ecrImageHash = digest,
 * ecrImageRepositoryName = repository, findingStatus = ACTIVE; maxResults 100; the same loop guards
 * as `collectFindings`) and returns copies of `findings` with `epss` and `exploitAvailable` filled
 * where Inspector knows them, matched by vulnerability id and package name (falling back to the id
 * alone). Conflicts resolve conservatively (higher EPSS; exploit available wins over an ECR "NO").
 * AWS errors are wrapped (access denied names `inspector2:ListFindings`) and thrown.
 * `options.signal` is passed to every page's call.
 */
export async function enrichWithInspector(
  inspector: InspectorPort,
  target: ScanTarget,
  findings: Finding[],
  log: Logger,
  options: SignalOption = {}
): Promise<Finding[]> {
  const label = describeTarget(target)
  const known = new Map<string, Enrichment>()
  let read = 0
  const pages = await readAllPages(
    (nextToken) =>
      inspector.listFindings(
        {
          filterCriteria: {
            ecrImageHash: [{ comparison: 'EQUALS', value: target.digest }],
            ecrImageRepositoryName: [{ comparison: 'EQUALS', value: target.repository }],
            findingStatus: [{ comparison: 'EQUALS', value: 'ACTIVE' }]
          },
          maxResults: 100,
          ...(nextToken !== undefined ? { nextToken } : {})
        },
        { what: `read Inspector findings (EPSS) for ${label}`, ...signalOf(options) }
      ),
    (response: ListFindingsResponse) => {
      for (const finding of response.findings ?? []) {
        const id = finding.packageVulnerabilityDetails?.vulnerabilityId
        if (typeof id !== 'string' || id === '') continue
        read += 1
        const enrichment = enrichmentOf(finding)
        known.set(keyOf(id, '*'), merge(known.get(keyOf(id, '*')), enrichment))
        for (const pkg of finding.packageVulnerabilityDetails?.vulnerablePackages ?? []) {
          if (typeof pkg.name === 'string') known.set(keyOf(id, pkg.name), merge(known.get(keyOf(id, pkg.name)), enrichment))
        }
      }
    },
    { what: `Inspector findings for ${label}`, operation: 'ListFindings' }
  )

  let enriched = 0
  const result = findings.map((finding) => {
    const byPackage = finding.packages
      .map((pkg) => known.get(keyOf(finding.id, pkg.name)))
      .filter((entry): entry is Enrichment => entry !== undefined)
    const matches = byPackage.length > 0 ? byPackage : [known.get(keyOf(finding.id, '*'))].filter((e): e is Enrichment => e !== undefined)
    if (matches.length === 0) return finding
    let combined: Enrichment | undefined
    for (const match of matches) combined = merge(combined, match)
    // What ECR already said is merged too, so enrichment can only raise EPSS or set an exploit flag.
    if (finding.exploitAvailable !== undefined) combined = merge(combined, { exploitAvailable: finding.exploitAvailable })
    if (finding.epss !== undefined) combined = merge(combined, { epss: finding.epss })
    enriched += 1
    const copy: Finding = { ...finding }
    if (combined?.epss !== undefined) copy.epss = combined.epss
    if (combined?.exploitAvailable !== undefined) copy.exploitAvailable = combined.exploitAvailable
    return copy
  })
  log.info(`Inspector: ${read} finding(s) in ${pages} page(s) for ${label}; enriched ${enriched} of ${findings.length}`)
  return result
}
