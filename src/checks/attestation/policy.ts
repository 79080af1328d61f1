/**
 * The build-provenance rules, as `gh attestation verify` enforces them, over values already proven
 * by the Sigstore verification: the signer identity (the certificate's SAN) against an anchored
 * pattern, the certificate's GitHub claims against the settings, then the in-toto statement (a
 * subject whose digest is the deployed digest, and the predicate type). Pure: no I/O, no clock.
 */
import type { GitHubClaims } from './certificate.js'
import { signerWorkflowUrl, type AttestationSettings } from './settings.js'

/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
const STATEMENT_TYPES = new Set(['https://in-toto.io/Statement/v1', 'https://in-toto.io/Statement/v0.1'])
/** Bound on a statement before it is parsed. */
export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024

function quote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/**
 * The SAN the signing certificate must match, anchored at both ends where gh anchors it:
 * - a signer workflow: exactly that workflow (with any ref, or exactly the ref given), so
 *   `release.yml.evil.yml` does not pass a pin on `release.yml`;
 * - a signer repository: any workflow of that repository;
 * - otherwise any workflow of the repository, or of the owner.
 */
export function signerPattern(settings: AttestationSettings): RegExp {
  const base = `https://${settings.host}`
  if (settings.signerWorkflow !== undefined) {
    const url = signerWorkflowUrl(settings.signerWorkflow, settings.host)
    if (url.includes('@')) return new RegExp(`^${quote(url)}$`)
    return new RegExp(`^${quote(url)}@(?:refs/\\S+|[0-9a-fA-F]{40,64})$`)
  }
  if (settings.signerRepo !== undefined) return new RegExp(`^${quote(`${base}/${settings.signerRepo}/`)}`, 'i')
  if (settings.repo !== undefined) return new RegExp(`^${quote(`${base}/${settings.repo}/`)}`, 'i')
  return new RegExp(`^${quote(`${base}/${settings.owner}/`)}`, 'i')
}

function same(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase()
}

/** A setting the certificate did not satisfy, in words a person can act on; undefined when every claim passes. */
export function claimsProblem(claims: GitHubClaims, settings: AttestationSettings): string | undefined {
  const base = `https://${settings.host}`
  if (!same(claims.issuer, settings.oidcIssuer)) {
    const hint =
      claims.issuer?.toLowerCase().startsWith(`${settings.oidcIssuer.toLowerCase()}/`) === true
        ? ` (a GitHub Enterprise tenant's issuer: set 'attestation-oidc-issuer' to ${claims.issuer} if you trust it)`
        : ''
    return `the OIDC issuer is ${claims.issuer ?? '(none)'}, not ${settings.oidcIssuer}${hint}`
  }
  const ownerUri = `${base}/${settings.owner}`
  if (!same(claims.sourceRepositoryOwnerURI, ownerUri))
    return `it was built by the owner ${claims.sourceRepositoryOwnerURI ?? '(none)'}, not ${ownerUri} ('attestation-owner')`
  if (settings.repo !== undefined && !same(claims.sourceRepositoryURI, `${base}/${settings.repo}`))
    return `it was built from ${claims.sourceRepositoryURI ?? '(no repository)'}, not ${base}/${settings.repo} ('attestation-repo')`
  const pattern = signerPattern(settings)
  if (claims.san === undefined || !pattern.test(claims.san)) {
    const which =
      settings.signerWorkflow !== undefined
        ? `'attestation-signer-workflow' (${settings.signerWorkflow})`
        : settings.signerRepo !== undefined
          ? `'attestation-signer-repo' (${settings.signerRepo})`
          : `a workflow of ${settings.repo ?? settings.owner} (a reusable workflow of another repository needs 'attestation-signer-repo' or 'attestation-signer-workflow')`
    return `it was signed by ${claims.san ?? '(no identity)'}, which is not ${which}`
  }
  if (settings.sourceRef !== undefined && !same(claims.sourceRepositoryRef, settings.sourceRef))
    return `it was built from the ref ${claims.sourceRepositoryRef ?? '(none)'}, not ${settings.sourceRef} ('attestation-source-ref')`
  if (settings.sourceDigest !== undefined && !same(claims.sourceRepositoryDigest, settings.sourceDigest))
    return `it was built from the commit ${claims.sourceRepositoryDigest ?? '(none)'}, not ${settings.sourceDigest} ('attestation-source-digest')`
  if (settings.signerDigest !== undefined && !same(claims.buildSignerDigest, settings.signerDigest))
    return `the signing workflow was at the commit ${claims.buildSignerDigest ?? '(none)'}, not ${settings.signerDigest} ('attestation-signer-digest')`
  if (settings.denySelfHostedRunners && claims.runnerEnvironment !== 'github-hosted')
    return `it was built on a ${claims.runnerEnvironment ?? 'unknown'} runner, and self-hosted runners are denied ('attestation-deny-self-hosted-runners')`
  return undefined
}

/** One digest the statement must name, e.g. `{ algorithm: 'sha256', hex: '…' }`. */
export interface ArtifactDigest {
  algorithm: string
  hex: string
}

/** What the statement says once its rules passed. */
export interface StatementFacts {
  predicateType: string
  subjectName?: string
  /** The predicate's `buildDefinition.buildType`, for the report only (never trusted). */
  buildType?: string
}

/** The in-toto statement's problem, or its facts: payload type, statement type, a subject with the digest, the predicate type. */
export function statementProblem(
  payloadType: string,
  payload: Uint8Array,
  artifact: ArtifactDigest,
  predicateType: string
): { problem: string } | { facts: StatementFacts } {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) return { problem: `the payload is ${payloadType || '(no type)'}, not an in-toto statement` }
  if (payload.length > MAX_STATEMENT_BYTES)
    return { problem: `the statement is ${payload.length} bytes, over the ${MAX_STATEMENT_BYTES}-byte limit` }
  let statement: unknown
  try {
    statement = JSON.parse(Buffer.from(payload).toString('utf8'))
  } catch {
    return { problem: 'the statement is not JSON' }
  }
  if (typeof statement !== 'object' || statement === null) return { problem: 'the statement is not a JSON object' }
  const s = statement as Record<string, unknown>
  if (typeof s._type !== 'string' || !STATEMENT_TYPES.has(s._type))
    return { problem: `the statement type is ${String(s._type)}, not an in-toto statement` }
  if (s.predicateType !== predicateType)
    return { problem: `the predicate type is ${String(s.predicateType)}, not ${predicateType} ('attestation-predicate-type')` }
  const subjects = Array.isArray(s.subject) ? s.subject : []
  const want = artifact.hex.toLowerCase()
  const match = subjects.find((subject: unknown) => {
    const digest = (subject as { digest?: Record<string, unknown> } | null)?.digest
    const value = digest?.[artifact.algorithm]
    return typeof value === 'string' && value.toLowerCase() === want
  }) as { name?: unknown } | undefined
  if (match === undefined) {
    const seen = subjects
      .slice(0, 3)
      .map((subject: unknown) => {
        const d = (subject as { digest?: Record<string, unknown> } | null)?.digest
        const v = d?.[artifact.algorithm]
        return typeof v === 'string' ? `${artifact.algorithm}:${v.slice(0, 12)}…` : '(no such digest)'
      })
      .join(', ')
    return {
      problem: `no subject is ${artifact.algorithm}:${want.slice(0, 12)}… (it attests ${seen || 'no subject'}): this attestation is for another artifact`
    }
  }
  const facts: StatementFacts = { predicateType }
  if (typeof match.name === 'string') facts.subjectName = match.name.slice(0, 500)
  const buildType = (s.predicate as { buildDefinition?: { buildType?: unknown } } | undefined)?.buildDefinition?.buildType
  if (typeof buildType === 'string') facts.buildType = buildType.slice(0, 500)
  return { facts }
}
