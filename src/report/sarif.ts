/**
 * SARIF 2.1.0 for GitHub code scanning: one run, one rule per vulnerability id, one result per
 * counted finding. Findings have no source line, so each result is located at the image: a
 * physical location whose artifact is `<repository>@<digest>` (GitHub requires a physical location
 * with an artifact URI on every result) and a logical location naming the digest-pinned image URI.
 */
import { sha256Hex } from '../core/bytes.js'
import { findingKey } from '../policy/evaluate.js'
import { severityRank } from '../policy/severity.js'
import type { Finding, Severity, ImageVerdict } from '../core/types.js'
import { advisoryUrl, escapeMarkdown, escapeSarifText, plainLine } from './escape.js'
import { TOOL } from './json-report.js'
import { postureOf } from './posture.js'

/** GitHub code scanning accepts at most this many results (and rules) per run. */
export const SARIF_MAX_RESULTS = 25_000

/** Key under `partialFingerprints`; bump the suffix if the fingerprint input ever changes. */
export const FINGERPRINT_KEY = 'ecrDeployGateFinding/v1'

/** GitHub maps `security-severity` to its severity labels: ≥9 critical, ≥7 high, ≥4 medium, >0 low. */
const SECURITY_SEVERITY: Readonly<Record<number, string>> = { 4: '9.5', 3: '8.0', 2: '5.5', 1: '3.0', 0: '0.0' }

function securitySeverity(s: Severity): string {
  return SECURITY_SEVERITY[severityRank(s)] ?? '0.0'
}

/**
 * The artifact URI of a finding: `<repository>@<digest>` with `:` percent-encoded, so it is a
 * valid relative reference (a colon in the first path segment would read as a URI scheme).
 */
function artifactUri(repository: string, digest: string): string {
  const encode = (s: string): string => encodeURIComponent(s).replace(/%2F/gi, '/')
  return `${encode(repository)}@${encode(digest)}`
}

/** Stable across runs for the same vulnerability id, packages and digest. */
function fingerprint(finding: Finding): string {
  return sha256Hex(findingKey(finding))
}

interface RuleInfo {
  index: number
  finding: Finding
  rank: number
}

/**
 * SARIF 2.1.0 for the counted findings: one run whose `tool.driver` is ecr-deploy-gate with a rule
 * per vulnerability id (`shortDescription` from the title, `helpUri` the advisory link when the id
 * is vetted, `properties.security-severity` for GitHub's severity), and one result per counted
 * finding: level `error` when it is part of a violation, `warning` otherwise. Every result has a
 * physical location (artifact `<repository>@<digest>`, line 1) plus a logical location with the
 * digest-pinned image URI, and `partialFingerprints` stable per id + packages + digest.
 * Violating findings come first, then by severity; at most 25,000 results (GitHub's limit), the
 * number left out is in `runs[0].properties.omittedResults`. Posture rules that did not pass follow,
 * one rule (`posture/<rule>`) and one result each, `error` when the rule denies.
 */
export function renderSarif(verdict: ImageVerdict): object {
  const violating = new Set<Finding>()
  for (const v of verdict.policy.violations) for (const f of v.findings) violating.add(f)

  const ordered = [...verdict.policy.counted].sort(
    (a, b) =>
      Number(violating.has(b)) - Number(violating.has(a)) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  const kept = ordered.slice(0, SARIF_MAX_RESULTS)

  // One rule per id (upper-cased, so CVE-… and cve-… are one rule), described by its most severe finding.
  const rules = new Map<string, RuleInfo>()
  for (const f of kept) {
    const id = plainLine(f.id, 200).toUpperCase()
    const current = rules.get(id)
    if (current === undefined) rules.set(id, { index: rules.size, finding: f, rank: severityRank(f.severity) })
    else if (severityRank(f.severity) > current.rank) {
      current.finding = f
      current.rank = severityRank(f.severity)
    }
  }

  const driverRules = [...rules.entries()].map(([id, { finding }]) => {
    const help = advisoryUrl(finding.id)
    const title = finding.title.trim() !== '' ? finding.title : finding.id
    const rule: Record<string, unknown> = {
      id,
      name: 'Vulnerability',
      shortDescription: { text: escapeSarifText(`${finding.id}: ${title}`, 200) },
      fullDescription: { text: escapeSarifText(finding.description ?? title, 1000) },
      help: {
        text: escapeSarifText(`${finding.id} (${finding.severity}): ${title}${help ? ` — ${help}` : ''}`, 1500),
        markdown: `**${escapeMarkdown(finding.id, 80)}** (${escapeMarkdown(finding.severity, 20)}): ${escapeMarkdown(title, 300)}${
          help ? `\n\nAdvisory: ${help}` : ''
        }`
      },
      defaultConfiguration: { level: severityRank(finding.severity) >= 3 ? 'error' : 'warning' },
      properties: {
        'security-severity': securitySeverity(finding.severity),
        tags: ['security', 'vulnerability', 'container'],
        precision: 'very-high'
      }
    }
    if (help !== undefined) rule.helpUri = help
    return rule
  })

  const imageUri = plainLine(verdict.image.uri, 2000)
  const results = kept.map((f) => {
    const id = plainLine(f.id, 200).toUpperCase()
    const rule = rules.get(id) as RuleInfo
    const pkgs = f.packages.map((p) => `${p.name} ${p.version}${p.fixedInVersion !== undefined ? ` (fixed in ${p.fixedInVersion})` : ''}`)
    const where = f.platform ?? f.digest
    const message = `${f.id} (${f.severity}) in ${pkgs.join(', ') || 'an unnamed package'} of ${verdict.image.repository} [${where}]${
      violating.has(f) ? ' — breaks the deploy policy' : ''
    }`
    return {
      ruleId: id,
      ruleIndex: rule.index,
      level: violating.has(f) ? 'error' : 'warning',
      message: { text: escapeSarifText(message, 1000) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(verdict.image.repository, f.digest) },
            region: { startLine: 1 }
          },
          logicalLocations: [{ name: imageUri, fullyQualifiedName: `${imageUri}#${plainLine(f.digest, 200)}`, kind: 'module' }]
        }
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
      properties: {
        severity: f.severity,
        digest: plainLine(f.digest, 200),
        fixAvailable: f.fixAvailable,
        // Package names are scanner text: bounded like every other field, so one finding cannot bloat the file.
        packages: f.packages.slice(0, 100).map((p) => plainLine(p.name, 200))
      }
    }
  })

  // Posture rules that did not pass: one rule and one result each, located at the deployed image.
  const posture = postureOf(verdict).filter((r) => r.status !== 'passed')
  for (const row of posture) {
    const id = `posture/${plainLine(row.rule, 60)}`
    const index = driverRules.length
    driverRules.push({
      id,
      name: 'RepositoryPosture',
      shortDescription: { text: escapeSarifText(`Repository posture: ${row.rule}`, 200) },
      fullDescription: { text: escapeSarifText(row.control || row.rule, 1000) },
      help: {
        text: escapeSarifText(`${row.reason}${row.fix !== undefined ? ` Fix: ${row.fix}` : ''}`, 1500),
        markdown: `**${escapeMarkdown(row.rule, 60)}** (${escapeMarkdown(row.control, 200)}): ${escapeMarkdown(row.reason, 500)}${
          row.fix !== undefined ? `\n\nFix: ${escapeMarkdown(row.fix, 600)}` : ''
        }`
      },
      defaultConfiguration: { level: row.level === 'fail' ? 'error' : 'warning' },
      properties: { 'security-severity': row.enforced ? '7.0' : '4.0', tags: ['security', 'configuration', 'container'], precision: 'high' }
    })
    results.push({
      ruleId: id,
      ruleIndex: index,
      level: row.enforced ? 'error' : 'warning',
      message: { text: escapeSarifText(`${verdict.image.repository}: ${row.rule} ${row.status}: ${row.reason}`, 1000) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(verdict.image.repository, verdict.image.digest) },
            region: { startLine: 1 }
          },
          logicalLocations: [{ name: imageUri, fullyQualifiedName: imageUri, kind: 'module' }]
        }
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: sha256Hex(`${id}\n${verdict.image.registryId}/${verdict.image.repository}`) },
      properties: {
        severity: row.enforced ? 'HIGH' : 'MEDIUM',
        digest: plainLine(verdict.image.digest, 200),
        fixAvailable: row.fix !== undefined ? 'YES' : 'UNKNOWN',
        packages: []
      }
    })
  }

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: TOOL.name,
        version: TOOL.version,
        semanticVersion: TOOL.version,
        rules: driverRules
      }
    },
    // The automation id keeps each repository's alerts in their own category in code scanning.
    automationDetails: { id: `ecr-deploy-gate/${plainLine(verdict.image.repository, 256)}/` },
    results,
    properties: {
      decision: verdict.decision,
      imageUri,
      countedFindings: ordered.length,
      omittedResults: ordered.length - kept.length,
      postureResults: posture.length
    }
  }

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run]
  }
}

/**
 * SARIF 2.1.0 when the run could not start (bad input, an invalid policy file): one run with no
 * results and an invocation that says so, `executionSuccessful: false` with the reason as an
 * error-level tool notification, so a code-scanning upload records a failed analysis rather than a
 * clean one.
 */
export function renderErrorSarif(reason: string, times: { start: Date; end: Date }): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, rules: [] } },
        invocations: [
          {
            executionSuccessful: false,
            startTimeUtc: times.start.toISOString(),
            endTimeUtc: times.end.toISOString(),
            toolExecutionNotifications: [{ level: 'error', message: { text: escapeSarifText(plainLine(reason, 2000)) } }]
          }
        ],
        results: [],
        properties: { decision: 'fail', error: true }
      }
    ]
  }
}
