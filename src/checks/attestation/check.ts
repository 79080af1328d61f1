/**
 * Build provenance as a `Check`: find the GitHub artifact attestations of the deployed digest (the
 * index digest for a multi-arch image, as gh checks it), verify each bundle against the trusted
 * root of the instance that signed it, then the certificate's GitHub claims and the in-toto
 * statement against the settings. One bundle that passes every rule is enough; every other one is
 * reported with its reason. Anything that cannot be completed is an enforced `error` (fail closed).
 */
import { errorMessage } from '../../core/errors.js'
import type { CheckResult } from '../../core/types.js'
import type { Check, CheckContext } from '../check.js'
import { githubClaims, type GitHubClaims } from './certificate.js'
import {
  chooseInstance,
  GITHUB_ORGANIZATION,
  trustedRootEntry,
  type InstanceName,
  type Thresholds,
  type TrustedRootEntry
} from './instance.js'
import type { Logger } from '../../core/ports.js'
import type { TrustProvider } from '../sigstore/refresh.js'
import { claimsProblem, IN_TOTO_PAYLOAD_TYPE, statementProblem, type ArtifactDigest, type StatementFacts } from './policy.js'
import type { SigstoreArtifact } from '../sigstore/index.js'
import type { AttestationSettings } from './settings.js'
import { AttestationApiError, MAX_BUNDLES, registryBundles, type AttestationApi } from './sources.js'

/** Id of the check in reports. */
export const ATTESTATION_CHECK_ID = 'attestation/github'

/** What the shared Sigstore verification is asked for one bundle. */
export interface BundleVerifyRequest {
  bundle: unknown
  /** The artifact the statement must name: the image digest, or a file's bytes. */
  artifact: SigstoreArtifact
  root: TrustedRootEntry
  thresholds: Thresholds
}

/** What it answers: the verified certificate, the DSSE payload and the verified times, or why not. */
export type BundleVerifyOutcome =
  | { ok: true; certificate: Uint8Array; payloadType: string; payload: Uint8Array; timestamps: Date[] }
  | { ok: false; reason: string; code?: string }

/** The Sigstore verification port (sigstore-js behind `checks/sigstore`; tests may stub it). */
export type BundleVerifier = (request: BundleVerifyRequest) => Promise<BundleVerifyOutcome>

/** What built the image, from the certificate of the attestation that passed. */
export interface Provenance {
  instance: InstanceName
  /** `https://github.com/owner/repo` (.12) */
  repository?: string
  /** The workflow that ran (.18), and the one that signed when it is another (a reusable workflow, .9). */
  workflow?: string
  signer?: string
  ref?: string
  commit?: string
  /** Link to the workflow run (.21). */
  runUrl?: string
  runnerEnvironment?: string
  trigger?: string
  visibility?: string
  issuer?: string
  /** ISO 8601: the earliest verified time (the log's integrated time or the signed timestamp). */
  attestedAt?: string
  predicateType: string
  subjectName?: string
  /** The trusted root it verified against (its origin). */
  trustedRoot?: string
}

/** The evidence of the check. */
export interface AttestationEvidence {
  source: 'api' | 'registry' | 'file'
  /** How many bundles were examined. */
  bundles: number
  provenance?: Provenance
  /** Every bundle that did not pass, with its reason. */
  rejected: string[]
}

/** The check's ports: the attestations API (for `attestation-source: api`) and the Sigstore verifier. */
export interface AttestationPorts {
  api?: AttestationApi
  verify: BundleVerifier
}

/** The check's settings with what was read once before any network call. */
export interface LoadedAttestation {
  settings: AttestationSettings
  /** The trusted roots of 'attestation-trusted-root' (or given by a caller); ignored when `lazyRoots` is set. */
  roots: TrustedRootEntry[]
  /**
   * Without 'attestation-trusted-root': the public-good root and GitHub's instance root, each
   * resolved (over TUF) the first time a bundle of that instance is met. No `github`: its TUF root
   * was not given, so GitHub-instance bundles cannot be verified.
   */
  lazyRoots?: { publicGood: TrustProvider; github?: TrustProvider }
  /** The bundles of a bundle-file source. */
  fileBundles?: unknown[]
}

/** The artifact a bundle is judged for: the digest its statement must name, and what the Sigstore verification is given. */
export interface JudgedArtifact {
  digest: ArtifactDigest
  sigstore: SigstoreArtifact
}

type Rejection = { reason: string; kind: 'predicate' | 'crypto' | 'policy' | 'error' }

function result(status: CheckResult['status'], reasons: string[], evidence: AttestationEvidence): CheckResult<AttestationEvidence> {
  return { id: ATTESTATION_CHECK_ID, kind: 'attestation', system: 'github', status, enforced: true, reasons, evidence }
}

/** The build-provenance check. */
export function attestationCheck(loaded: LoadedAttestation, ports: AttestationPorts): Check {
  return {
    id: ATTESTATION_CHECK_ID,
    kind: 'attestation',
    system: 'github',
    title: 'Verify build provenance',
    run: (context) => verifyProvenance(loaded, ports, context)
  }
}

async function verifyProvenance(loaded: LoadedAttestation, ports: AttestationPorts, context: CheckContext): Promise<CheckResult> {
  const { settings } = loaded
  const { image, log } = context
  const sourceKind = settings.source.kind
  const evidence: AttestationEvidence = { source: sourceKind, bundles: 0, rejected: [] }
  let bundles: unknown[]
  const problems: string[] = []
  try {
    if (settings.source.kind === 'file') bundles = loaded.fileBundles ?? []
    else if (settings.source.kind === 'registry') {
      const found = await registryBundles(context.artifacts, image.repository, log)
      bundles = found.bundles
      problems.push(...found.problems)
    } else {
      if (ports.api === undefined)
        return result('error', ['Build provenance could not be checked: no GitHub API client (set github-token)'], evidence)
      const scope = { owner: settings.owner, ...(settings.repo !== undefined ? { repo: settings.repo.split('/')[1] as string } : {}) }
      const listing = await ports.api.list(
        scope,
        image.digest,
        settings.predicateType,
        context.signal !== undefined ? { signal: context.signal } : {}
      )
      if (!listing.found) {
        return result(
          'missing',
          [
            `No build provenance attestation for ${image.digest} in ${settings.repo ?? settings.owner} (the attestations API answered 404): attest the image with actions/attest-build-provenance (subject-digest set to the pushed digest)`
          ],
          evidence
        )
      }
      bundles = listing.bundles
      problems.push(...listing.problems)
    }
  } catch (error) {
    const hint =
      error instanceof AttestationApiError && error.kind === 'auth'
        ? ''
        : settings.source.kind === 'registry'
          ? ' (the registry source needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer)'
          : ''
    return result('error', [`Build provenance could not be checked: ${errorMessage(error)}${hint}`], evidence)
  }
  evidence.bundles = Math.min(bundles.length, MAX_BUNDLES)
  log.info(`Examining ${evidence.bundles} attestation bundle(s) for ${image.digest}`)
  if (bundles.length === 0) {
    const where =
      sourceKind === 'registry'
        ? `among the registry referrers of ${image.digest}`
        : sourceKind === 'file'
          ? 'in the bundle file'
          : 'in the attestations API'
    return result(
      'missing',
      [
        `No build provenance attestation ${where}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}: attest the image with actions/attest-build-provenance${sourceKind === 'registry' ? ' and push-to-registry: true' : ''}`
      ],
      { ...evidence, rejected: problems }
    )
  }
  const hex = image.digest.slice('sha256:'.length)
  const artifact: JudgedArtifact = { digest: { algorithm: 'sha256', hex }, sigstore: { sha256: hex } }
  const rejections: Rejection[] = problems.map((reason) => ({ reason, kind: 'crypto' }))
  for (const [i, bundle] of bundles.slice(0, MAX_BUNDLES).entries()) {
    const verdict = await judgeBundle(bundle, artifact, loaded, ports.verify, context.signal, log)
    if ('provenance' in verdict) {
      evidence.provenance = verdict.provenance
      evidence.rejected = rejections.map((r) => r.reason)
      const p = verdict.provenance
      log.info(`Build provenance verified: ${p.repository ?? '?'} ${p.workflow ?? ''} at ${p.ref ?? '?'} (${p.commit ?? '?'})`)
      return result('verified', [], evidence)
    }
    log.info(`Attestation ${i + 1}: ${verdict.reason}`)
    rejections.push({ reason: `attestation ${i + 1}: ${verdict.reason}`, kind: verdict.kind })
  }
  evidence.rejected = rejections.map((r) => r.reason)
  // A bundle whose trusted root could not be obtained was not judged at all: the check is an error.
  const status = rejections.every((r) => r.kind === 'predicate')
    ? 'missing'
    : rejections.some((r) => r.kind === 'error')
      ? 'error'
      : rejections.some((r) => r.kind === 'policy')
        ? 'untrusted'
        : 'invalid'
  const lead =
    status === 'missing'
      ? `No attestation of ${image.digest} has the predicate type ${settings.predicateType}`
      : status === 'error'
        ? `Build provenance could not be checked for ${image.digest}`
        : status === 'untrusted'
          ? `No attestation of ${image.digest} was built as required`
          : `No attestation of ${image.digest} could be verified`
  return result(
    status,
    [
      `${lead}: ${evidence.rejected.slice(0, 5).join('; ')}${evidence.rejected.length > 5 ? `; … ${evidence.rejected.length - 5} more` : ''}`
    ],
    evidence
  )
}

/** The leaf certificate's DER of a bundle (v0.3 `certificate`, or v0.1/0.2 `x509CertificateChain`). */
export function leafCertificate(bundle: Record<string, unknown>): Uint8Array | undefined {
  const material = bundle.verificationMaterial as Record<string, unknown> | undefined
  const raw =
    (material?.certificate as { rawBytes?: unknown } | undefined)?.rawBytes ??
    (material?.x509CertificateChain as { certificates?: { rawBytes?: unknown }[] } | undefined)?.certificates?.[0]?.rawBytes
  return typeof raw === 'string' ? new Uint8Array(Buffer.from(raw, 'base64')) : undefined
}

/** The bundle format version (`0.3` from `…bundle.v0.3+json`, `0.1` from `…bundle+json;version=0.1`). */
export function bundleVersion(mediaType: unknown): string | undefined {
  if (typeof mediaType !== 'string') return undefined
  return /^application\/vnd\.dev\.sigstore\.bundle(?:\.v(\d+\.\d+)\+json|\+json;version=(\d+\.\d+))$/
    .exec(mediaType)
    ?.slice(1)
    .find((v) => v !== undefined)
}

/** Judges one bundle: the provenance it proves, or why it does not. */
export async function judgeBundle(
  value: unknown,
  artifact: JudgedArtifact,
  loaded: LoadedAttestation,
  verify: BundleVerifier,
  signal?: AbortSignal,
  log?: Pick<Logger, 'info' | 'warning'>
): Promise<{ provenance: Provenance } | Rejection> {
  const { settings } = loaded
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { reason: 'it is not a Sigstore bundle (a JSON object)', kind: 'crypto' }
  const bundle = value as Record<string, unknown>
  const version = bundleVersion(bundle.mediaType)
  if (version === undefined)
    return { reason: `its media type ${String(bundle.mediaType).slice(0, 100)} is not a Sigstore bundle`, kind: 'crypto' }
  if (version === '0.1') return { reason: 'it is a v0.1 bundle, which is not accepted (v0.2 or later, as gh requires)', kind: 'crypto' }
  const envelope = bundle.dsseEnvelope as { payloadType?: unknown; payload?: unknown } | undefined
  if (envelope === undefined)
    return { reason: 'it holds no DSSE envelope (an attestation is an in-toto statement in DSSE)', kind: 'crypto' }
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { reason: `its payload is ${String(envelope.payloadType).slice(0, 100)}, not an in-toto statement`, kind: 'predicate' }
  // Bundles of other predicates are passed over before verification, as gh filters them.
  const claimed = peekPredicateType(envelope.payload)
  if (claimed !== settings.predicateType)
    return { reason: `its predicate type is ${claimed ?? '(none)'}, not ${settings.predicateType}`, kind: 'predicate' }
  const leaf = leafCertificate(bundle)
  if (leaf === undefined) return { reason: 'it has no signing certificate (verification material missing)', kind: 'crypto' }
  let unverified: GitHubClaims
  try {
    unverified = githubClaims(leaf)
  } catch (error) {
    return { reason: `its certificate could not be read: ${errorMessage(error)}`, kind: 'crypto' }
  }
  const github = unverified.issuerOrganization === GITHUB_ORGANIZATION
  let roots = loaded.roots
  if (loaded.lazyRoots !== undefined) {
    const provider = github ? loaded.lazyRoots.github : loaded.lazyRoots.publicGood
    if (provider !== undefined) {
      if (signal?.aborted === true) return { reason: 'the run limit was reached before it was verified', kind: 'crypto' }
      const resolved = await provider({ ...(signal !== undefined ? { signal } : {}), ...(log !== undefined ? { log } : {}) })
      if (!resolved.ok) return { reason: resolved.reason, kind: 'error' }
      roots = [trustedRootEntry(resolved.trust)]
    } else roots = []
  }
  const chosen = chooseInstance(unverified.issuerOrganization, roots)
  if (chosen === undefined) {
    return {
      reason: github
        ? "it was signed by GitHub's own Sigstore instance (a private or internal repository), whose trusted root is not loaded: pass 'attestation-tuf-root' (the root.json of GitHub's TUF repository, which the GitHub CLI embeds) to fetch it over TUF, or 'attestation-trusted-root' (the output of gh attestation trusted-root)"
        : `no trusted root has a certificate authority of ${unverified.issuerOrganization ?? '(no organisation)'}: pass 'attestation-trusted-root'`,
      kind: 'crypto'
    }
  }
  if (signal?.aborted === true) return { reason: 'the run limit was reached before it was verified', kind: 'crypto' }
  let outcome: BundleVerifyOutcome
  try {
    // Any identity here: the anchored signer pattern and every claim are checked below on the
    // verified certificate, so each mismatch is reported with the setting it broke.
    outcome = await verify({ bundle, artifact: artifact.sigstore, root: chosen.root, thresholds: chosen.thresholds })
  } catch (error) {
    outcome = { ok: false, reason: errorMessage(error) }
  }
  if (!outcome.ok) {
    if (outcome.code === 'ARTIFACT_MISMATCH')
      return { reason: `${outcome.reason} (this attestation is for another artifact)`, kind: 'policy' }
    return { reason: `its signature did not verify: ${outcome.reason}`, kind: 'crypto' }
  }
  let claims: GitHubClaims
  try {
    claims = githubClaims(outcome.certificate)
  } catch (error) {
    return { reason: `its verified certificate could not be read: ${errorMessage(error)}`, kind: 'crypto' }
  }
  const policy = claimsProblem(claims, settings)
  if (policy !== undefined) return { reason: policy, kind: 'policy' }
  const statement = statementProblem(outcome.payloadType, outcome.payload, artifact.digest, settings.predicateType)
  if ('problem' in statement) return { reason: statement.problem, kind: 'policy' }
  return {
    provenance: {
      ...provenanceOf(claims, statement.facts, chosen.instance, outcome.timestamps, settings.host),
      trustedRoot: chosen.root.origin
    }
  }
}

function peekPredicateType(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || payload.length > 8 * 1024 * 1024) return undefined
  try {
    const statement = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { predicateType?: unknown }
    return typeof statement.predicateType === 'string' ? statement.predicateType.slice(0, 500) : undefined
  } catch {
    return undefined
  }
}

function provenanceOf(claims: GitHubClaims, facts: StatementFacts, instance: InstanceName, timestamps: Date[], host: string): Provenance {
  const p: Provenance = { instance, predicateType: facts.predicateType }
  const set = <K extends keyof Provenance>(key: K, value: Provenance[K] | undefined): void => {
    if (value !== undefined) p[key] = value
  }
  set('repository', claims.sourceRepositoryURI)
  set('workflow', claims.buildConfigURI ?? claims.buildSignerURI)
  if (claims.buildSignerURI !== undefined && claims.buildSignerURI !== claims.buildConfigURI) set('signer', claims.buildSignerURI)
  set('ref', claims.sourceRepositoryRef)
  set('commit', claims.sourceRepositoryDigest)
  // Only a link to the run on the GitHub host itself.
  if (claims.runInvocationURI?.startsWith(`https://${host}/`) === true) set('runUrl', claims.runInvocationURI)
  set('runnerEnvironment', claims.runnerEnvironment)
  set('trigger', claims.buildTrigger)
  set('visibility', claims.sourceRepositoryVisibilityAtSigning)
  set('issuer', claims.issuer)
  set('subjectName', facts.subjectName)
  const times = timestamps.filter((t) => Number.isFinite(t.getTime())).sort((a, b) => a.getTime() - b.getTime())
  if (times[0] !== undefined) set('attestedAt', times[0].toISOString())
  return p
}
