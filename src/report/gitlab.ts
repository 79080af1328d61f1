/**
 * GitLab's container-scanning report (`gl-container-scanning-report.json`, declared as
 * `artifacts:reports:container_scanning`), so the findings of the gated images appear in GitLab's
 * vulnerability report and merge request widget. Shape of GitLab's security report schema 15.x
 * (`container-scanning-report-format.json`): `version`, `scan` (analyzer, scanner, type, times,
 * status), `vulnerabilities[]` (id, name, description, severity, solution, identifiers, links,
 * location { dependency { package { name }, version }, operating_system, image }), `remediations`,
 * and `scan.messages` (level `info` | `warn` | `fatal`, value) for what the initiator should know.
 */
import { sha256Hex } from '../core/bytes.js'
import type { Finding, RunResult } from '../core/types.js'
import { plainLine } from './escape.js'
import { TOOL } from './json-report.js'

/** The schema version the report follows. */
export const GITLAB_REPORT_VERSION = '15.0.7'

const SEVERITY: Record<string, string> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  INFORMATIONAL: 'Info'
}

/** GitLab's time format: `YYYY-MM-DDTHH:MM:SS`, UTC, no fraction or zone. */
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19)
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

function identifier(id: string, url: string | undefined): Record<string, string> {
  const type = /^CVE-/i.test(id) ? 'cve' : /^GHSA-/i.test(id) ? 'ghsa' : 'ecr_finding'
  return { type, name: id, value: id, ...(url !== undefined ? { url } : {}) }
}

/** One GitLab vulnerability per finding and package. */
function vulnerabilities(finding: Finding, image: string, os: string): Record<string, unknown>[] {
  const packages = finding.packages.length > 0 ? finding.packages : [{ name: 'unknown', version: 'unknown' }]
  return packages.map((p) => {
    const fixed = 'fixedInVersion' in p && typeof p.fixedInVersion === 'string' ? p.fixedInVersion : undefined
    return {
      id: sha256Hex(`${finding.id}\n${finding.digest}\n${p.name}\n${p.version}`).slice(0, 32),
      name: cut(`${finding.id} in ${p.name}`, 255),
      description: cut(finding.description ?? finding.title, 1_000_000),
      severity: SEVERITY[finding.severity] ?? 'Unknown',
      solution: cut(fixed !== undefined ? `Upgrade ${p.name} to ${fixed}` : 'No fixed version is known yet', 7000),
      identifiers: [identifier(finding.id, finding.url)],
      ...(finding.url !== undefined ? { links: [{ url: finding.url }] } : {}),
      location: {
        dependency: { package: { name: p.name }, version: p.version },
        operating_system: os,
        image
      }
    }
  })
}

/**
 * The container-scanning report of a run: every finding of every gated image (with the image's
 * digest-pinned URI as `location.image`). `scan.status` is `failure` when an image could not be gated.
 */
export function renderGitlabReport(result: RunResult, times: { start: Date; end: Date }): object {
  const list: Record<string, unknown>[] = []
  for (const outcome of result.images) {
    if (!('verdict' in outcome)) continue
    const v = outcome.verdict
    for (const f of v.findings) {
      const platform = v.image.platforms.find((pl) => pl.digest === f.digest)
      list.push(...vulnerabilities(f, `${v.image.uri}`, platform?.os ?? 'linux'))
    }
  }
  return report(list, times, result.images.every((o) => 'verdict' in o) ? 'success' : 'failure')
}

/**
 * The container-scanning report when the run could not start (bad input, an invalid policy file):
 * no vulnerabilities, `scan.status: failure`, and the reason as a `fatal` scan message, so GitLab
 * shows a failed scan rather than a clean one.
 */
export function renderGitlabErrorReport(reason: string, times: { start: Date; end: Date }): object {
  return report([], times, 'failure', [{ level: 'fatal', value: plainLine(reason, 2000) }])
}

function report(
  list: Record<string, unknown>[],
  times: { start: Date; end: Date },
  status: 'success' | 'failure',
  messages?: { level: 'info' | 'warn' | 'fatal'; value: string }[]
): object {
  const tool = { id: TOOL.name, name: TOOL.name, version: TOOL.version, vendor: { name: 'ecr-deploy-gate' } }
  return {
    version: GITLAB_REPORT_VERSION,
    scan: {
      analyzer: tool,
      scanner: { id: 'amazon-ecr', name: 'Amazon ECR image scanning', version: TOOL.version, vendor: { name: 'Amazon Web Services' } },
      type: 'container_scanning',
      start_time: gitlabTime(times.start),
      end_time: gitlabTime(times.end),
      status,
      ...(messages !== undefined ? { messages } : {})
    },
    vulnerabilities: list,
    remediations: []
  }
}
