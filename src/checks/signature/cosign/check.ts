/**
 * cosign as a `Check`: find the cosign signatures of the deployed digest (Sigstore bundle
 * referrers, then, as cosign 3 does when there are none that verify, the legacy `.sig` tag), verify
 * each through the shared Sigstore verification with the configured keys or keyless identity, check
 * what the signature claims (the digest it signs, its type), and fold the outcome into a `CheckResult`.
 */
import { createHash } from 'node:crypto'
import { errorMessage } from '../../../core/errors.js'
import { Setting } from '../../../core/settings.js'
import type { CheckResult, SignatureResult, SignatureStatus } from '../../../core/types.js'
import { verifySigstoreBundle, type SigstoreResult, type SigstoreVerified, type VerifyBundleOptions } from '../../sigstore/index.js'
import { incompleteClause, type Check, type CheckContext } from '../../check.js'
import { legacyTagCandidates, referrerCandidates, type CosignCandidate } from './discover.js'
import type { CosignConfig, CosignKey, CosignTrusted, KmsKeyResolver } from './keys.js'
import { checkSimpleSigningClaim, legacyBundle } from './legacy.js'

/** Id of the cosign check in reports. */
export const COSIGN_CHECK_ID = 'signature/cosign'

/** The predicate type of a cosign 3 image signature (an in-toto statement in a DSSE bundle). */
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'

/** What the cosign check records, beside the common signature fields. */
export interface CosignEvidence extends SignatureResult {
  system: 'cosign'
  /** `sigstore-bundle` (an OCI referrer) or `simple-signing` (the legacy `.sig` layout). */
  layout?: 'sigstore-bundle' | 'simple-signing'
  /** The key that verified: KMS key ARN or PEM path. */
  key?: string
  keyFingerprint?: string
  /** Keyless: the certificate's identity (SAN) and OIDC issuer. */
  identity?: string
  issuer?: string
  tlogIndex?: string
  /** ISO 8601 */
  integratedTime?: string
  /** ISO 8601, the RFC 3161 timestamp authority's time. */
  timestampTime?: string
  /** `sha256:<hex>` of the signed payload (simple-signing JSON or in-toto statement). */
  payloadDigest?: string
  /** The Sigstore trusted root verified against: a file, the shipped root, or a TUF refresh (and why it fell back). */
  trustedRoot?: string
}

type FailureStatus = Exclude<SignatureStatus, 'verified'>
type Failure = { status: FailureStatus; reason: string }
type Outcome = Failure | { status: 'verified'; verified: SigstoreVerified; key?: CosignKey; payload: Buffer }

const STATUS_RANK: Record<string, number> = { expired: 0, untrusted: 1, invalid: 2 }

/** The cosign check. `resolveKms` reads KMS public keys (once per key per run). */
export function cosignCheck(config: CosignConfig, resolveKms: KmsKeyResolver): Check {
  return {
    id: COSIGN_CHECK_ID,
    kind: 'signature',
    system: 'cosign',
    title: 'Verify cosign signature',
    run: async (context) => cosignResult(await verifyImage(config, resolveKms, context))
  }
}

/** The `CheckResult` of a cosign evidence record: anything but `verified` denies. */
export function cosignResult(evidence: CosignEvidence): CheckResult<CosignEvidence> {
  return {
    id: COSIGN_CHECK_ID,
    kind: 'signature',
    system: 'cosign',
    status: evidence.status,
    enforced: true,
    reasons: evidence.status === 'verified' ? [] : [`cosign signature ${evidence.status}${evidence.reason ? `: ${evidence.reason}` : ''}`],
    evidence
  }
}

async function verifyImage(loaded: CosignConfig, resolveKms: KmsKeyResolver, context: CheckContext): Promise<CosignEvidence> {
  const { log } = context
  // The trusted root: refreshed over TUF on first use in the run (or the file / shipped root).
  const resolved = await loaded.trust({ log, ...(context.signal !== undefined ? { signal: context.signal } : {}) })
  if (!resolved.ok) return { system: 'cosign', status: 'invalid', reason: resolved.reason }
  const evidence = await verifyTrusted({ ...loaded, trust: resolved.trust }, resolveKms, context)
  return { ...evidence, trustedRoot: resolved.trust.origin }
}

async function verifyTrusted(config: CosignTrusted, resolveKms: KmsKeyResolver, context: CheckContext): Promise<CosignEvidence> {
  const { image, log, artifacts } = context
  let keys: CosignKey[]
  try {
    keys = [...config.pemKeys]
    for (const ref of config.kmsKeys) keys.push(await resolveKms(ref, image.region))
  } catch (error) {
    return { system: 'cosign', status: 'invalid', reason: `the cosign key could not be read: ${errorMessage(error)}` }
  }
  let candidates: CosignCandidate[]
  const details: string[] = []
  const outcomes: Outcome[] = []
  try {
    const client = await artifacts.client()
    candidates = await referrerCandidates(client, image.repository, image.digest, await artifacts.referrers(), log)
    for (const candidate of candidates) outcomes.push(judge(candidate, config, keys, image.digest, details))
    // cosign 3 reads the legacy tag only when no bundle verifies (cosign verify.go, "falls back").
    if (!outcomes.some((o) => o.status === 'verified')) {
      const legacy = await legacyTagCandidates(client, image.repository, image.digest)
      candidates.push(...legacy)
      for (const candidate of legacy) outcomes.push(judge(candidate, config, keys, image.digest, details))
    }
  } catch (error) {
    return {
      system: 'cosign',
      status: 'invalid',
      reason: `cosign signatures could not be fetched from the registry: ${errorMessage(error)}`
    }
  }
  log.info(`Found ${candidates.length} cosign signature(s) for ${image.digest}`)
  const index = outcomes.findIndex((o) => o.status === 'verified')
  if (index >= 0) {
    const outcome = outcomes[index] as Extract<Outcome, { verified: SigstoreVerified }>
    const evidence = verifiedEvidence(outcome, candidates[index]!, details)
    log.info(`cosign signature: verified (${evidence.signer ?? ''})`)
    return evidence
  }
  const cut = incompleteClause(await artifacts.referrersIncomplete(), 'cosign signature')
  if (candidates.length === 0) {
    return {
      system: 'cosign',
      status: 'missing',
      reason: `no cosign signature of ${image.digest} (neither a Sigstore bundle referrer nor a ${image.digest.replace(':', '-')}.sig tag); sign the digest that is deployed (for a multi-arch image, the index digest) with cosign sign${cut}`
    }
  }
  const failures = outcomes.filter((o): o is Failure => o.status !== 'verified')
  const worst = [...failures].sort((a, b) => (STATUS_RANK[a.status] ?? 9) - (STATUS_RANK[b.status] ?? 9))[0]!
  log.info(`cosign signature: ${worst.status} (${worst.reason})`)
  return {
    system: 'cosign',
    status: worst.status,
    reason: `${worst.reason}${cut}`,
    signatureDigest: candidates[outcomes.indexOf(worst)]!.manifestDigest,
    details
  }
}

function verifiedEvidence(
  outcome: Extract<Outcome, { verified: SigstoreVerified }>,
  candidate: CosignCandidate,
  details: string[]
): CosignEvidence {
  const { verified, key } = outcome
  const tlog = verified.tlogEntries[0]
  const tsa = verified.timestamps.find((t) => t.source === 'timestamp-authority')
  const signedAt = tlog?.integratedTime ?? tsa?.time
  const identity = verified.certificate?.subjectAlternativeName
  return {
    system: 'cosign',
    status: 'verified',
    layout: candidate.layout === 'bundle' ? 'sigstore-bundle' : 'simple-signing',
    envelope: candidate.layout === 'bundle' ? verified.mediaType : 'application/vnd.dev.cosign.simplesigning.v1+json',
    signatureDigest: candidate.manifestDigest,
    ...(key !== undefined ? { signer: key.label, key: key.label, keyFingerprint: key.fingerprint } : {}),
    ...(identity !== undefined ? { signer: identity, identity } : {}),
    ...(verified.certificate?.issuer !== undefined ? { issuer: verified.certificate.issuer } : {}),
    ...(tlog !== undefined ? { tlogIndex: tlog.logIndex } : {}),
    ...(tlog?.integratedTime !== undefined ? { integratedTime: tlog.integratedTime.toISOString() } : {}),
    ...(tsa !== undefined ? { timestampTime: tsa.time.toISOString() } : {}),
    ...(signedAt !== undefined ? { signedAt: signedAt.toISOString() } : {}),
    payloadDigest: `sha256:${createHash('sha256').update(outcome.payload).digest('hex')}`,
    details
  }
}

/** Verification options for one key, or for the keyless identity. */
function optionsFor(config: CosignTrusted, key: CosignKey | undefined): VerifyBundleOptions {
  const tlogThreshold = config.settings.ignoreTlog ? 0 : 1
  return key !== undefined
    ? { trust: config.trust, publicKey: key.key, tlogThreshold }
    : { trust: config.trust, identity: config.settings.identity!, tlogThreshold }
}

/** Verifies one candidate with each key (or the identity); the first that verifies wins. */
function judge(candidate: CosignCandidate, config: CosignTrusted, keys: readonly CosignKey[], digest: string, details: string[]): Outcome {
  const where = `${candidate.layout === 'bundle' ? 'Sigstore bundle' : 'simple-signing layer'} in ${candidate.manifestDigest}`
  const fail = (status: FailureStatus, reason: string): Outcome => {
    details.push(`${where}: ${status}: ${reason}`)
    return { status, reason }
  }
  if (candidate.problem !== undefined) return fail('invalid', candidate.problem)
  const attempts: readonly (CosignKey | undefined)[] = config.settings.identity !== undefined ? [undefined] : keys
  let last: Failure | undefined
  for (const key of attempts) {
    const outcome =
      candidate.layout === 'bundle' ? judgeBundle(candidate.bundle, config, key, digest) : judgeLegacy(candidate, config, key, digest)
    if ('verified' in outcome) {
      details.push(`${where}: verified${key !== undefined ? ` with ${key.label}` : ''}`)
      return outcome
    }
    last = outcome
  }
  const reason = last?.reason ?? 'no key to verify with'
  return fail(last?.status ?? 'invalid', keys.length > 1 && last?.status === 'untrusted' ? `${reason} (tried ${keys.length} keys)` : reason)
}

function judgeBundle(bundle: unknown, config: CosignTrusted, key: CosignKey | undefined, digest: string): Outcome {
  const result = verifySigstoreBundle(bundle, { sha256: digest.slice('sha256:'.length) }, optionsFor(config, key))
  if (!result.ok) return classify(result, key)
  if (result.dsse === undefined) {
    return {
      status: 'invalid',
      reason:
        'the Sigstore bundle holds a message signature, which names no image digest; cosign signs images with a DSSE in-toto statement'
    }
  }
  const predicateType = (JSON.parse(result.dsse.payload.toString('utf8')) as { predicateType?: unknown }).predicateType
  if (predicateType !== COSIGN_SIGN_PREDICATE) {
    return {
      status: 'invalid',
      reason: `the statement's predicateType is ${JSON.stringify(predicateType ?? null)}, not ${COSIGN_SIGN_PREDICATE} (an attestation is not an image signature)`
    }
  }
  return { status: 'verified', verified: result, ...(key !== undefined ? { key } : {}), payload: result.dsse.payload }
}

function judgeLegacy(
  candidate: Extract<CosignCandidate, { layout: 'legacy' }>,
  config: CosignTrusted,
  key: CosignKey | undefined,
  digest: string
): Outcome {
  const payload = candidate.payload!
  const claim = checkSimpleSigningClaim(payload, digest)
  if (claim !== undefined) return { status: 'invalid', reason: claim }
  let bundle: unknown
  try {
    bundle = legacyBundle(payload, candidate.annotations, key?.key)
  } catch (error) {
    return { status: 'invalid', reason: `the signature layer is malformed: ${errorMessage(error)}` }
  }
  const result = verifySigstoreBundle(bundle, { bytes: payload }, optionsFor(config, key))
  if (!result.ok) return classify(result, key)
  return { status: 'verified', verified: result, ...(key !== undefined ? { key } : {}), payload }
}

/** The status of a refused signature, with a reason that says what to do. */
function classify(result: Extract<SigstoreResult, { ok: false }>, key: CosignKey | undefined): Outcome {
  const { code, reason } = result
  switch (code) {
    case 'SIGNATURE_ERROR':
      return key !== undefined
        ? {
            status: 'untrusted',
            reason: `the signature does not verify with ${key.label} (${key.fingerprint}): signed with another key, or altered after signing`
          }
        : { status: 'invalid', reason: `${reason}: the signature does not match the signed content` }
    case 'TLOG_ERROR':
      return {
        status: 'untrusted',
        reason: `${reason}: the signature has no transparency-log entry; cosign requires one unless '${Setting.CosignIgnoreTlog}' is set (insecure: only for keys signed with --tlog-upload=false)`
      }
    case 'IDENTITY_MISMATCH':
    case 'MATERIAL_MISMATCH':
    case 'CERTIFICATE_ERROR':
    case 'PUBLIC_KEY_ERROR':
    case 'UNTRUSTED_SIGNER_ERROR':
      return { status: 'untrusted', reason }
    case 'TIMESTAMP_ERROR':
      return {
        status: key === undefined ? 'expired' : 'untrusted',
        reason: `${reason}: no transparency-log entry or timestamp proves the certificate was valid when it signed`
      }
    default:
      return { status: 'invalid', reason }
  }
}
