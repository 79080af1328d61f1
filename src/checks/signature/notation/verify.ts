/**
 * The one entry of signature verification: evaluates the Notation signatures of a subject under
 * the trust policy statement that applies, following the Notary Project verification steps
 * (integrity, authenticity, expiry, authentic timestamp, revocation) and the enforce/log action of
 * each step at the statement's level, and folds them into one `SignatureResult`.
 */
import { MediaTypes } from '../../../core/constants.js'
import { errorMessage } from '../../../core/errors.js'
import type { Descriptor, FetchedSignature, RevocationCheck, SignatureResult, SignatureStatus } from '../../../core/types.js'
import { awsSignerPlugin } from './aws-signer-plugin.js'
import { parseCose } from './cose.js'
import {
  assertEnvelopeSize,
  checkCritical,
  checkSignedAttributes,
  descriptorMismatch,
  EnvelopeError,
  isEnvelopeMediaType,
  type ParsedEnvelope,
  parsePayload
} from './envelope.js'
import { parseJws } from './jws.js'
import type { NotationPlugin } from './plugin.js'
import type { TrustConfig } from './trust-config.js'
import { selectStatement, subjectMatches, type TrustStatement, type Validation, type ValidationAction } from './trust-policy.js'
import {
  algorithmForKey,
  type CertInfo,
  CertificateError,
  certName,
  invalidAt,
  parseChain,
  sameCertificate,
  validateChain,
  verifyWithLeaf
} from './x509.js'

/** Statuses a failed check can produce. */
type FailureStatus = Extract<SignatureStatus, 'invalid' | 'untrusted' | 'expired' | 'revoked'>

interface CheckFailure {
  validation: Validation
  status: FailureStatus
  message: string
  action: ValidationAction
}

/** How specific a failure is: when no signature verifies, the highest one is reported. */
const specificity: Record<FailureStatus, number> = { revoked: 4, expired: 3, untrusted: 2, invalid: 1 }

const validationLabel: Record<Validation, string> = {
  integrity: 'integrity',
  authenticity: 'authenticity',
  authenticTimestamp: 'authentic timestamp',
  expiry: 'expiry',
  revocation: 'revocation'
}

/** Thrown inside the evaluation of one signature to stop at the first enforced failure. */
class Stop extends Error {}

interface Outcome {
  digest: string
  envelope?: string
  signer?: string
  signingProfile?: string
  signedAt?: string
  failures: CheckFailure[]
  /** The enforced failure that stopped evaluation. */
  fatal?: CheckFailure
}

/** Everything one evaluation needs. */
interface Context {
  subject: Descriptor
  statement: TrustStatement
  trust: TrustConfig
  now: Date
  /** The verification plugins the gate implements natively (AWS Signer). */
  plugins: readonly NotationPlugin[]
}

/**
 * Verifies the signatures found for `subject` and returns one result. Pure except for the
 * injected revocation port.
 *
 * - No trust inputs → `skipped`. No statement for `reference` → `untrusted`. Statement level
 *   `skip` → `skipped`. No signatures → `missing`.
 * - Each signature runs the Notary Project validations in order; a failure of an *enforced*
 *   validation stops that signature, a *logged* one is recorded in `details` and evaluation goes on.
 * - strict / permissive (and custom overrides): the first signature without an enforced failure
 *   is `verified` (logged failures appear in `details` and `reason`).
 * - audit: only integrity is enforced, but the result is `verified` only when every validation
 *   passed; otherwise the status is what was found (e.g. `untrusted`) with `level: 'audit'`, so the
 *   caller records it without blocking. An integrity failure under audit is `invalid` and, as the
 *   specification enforces integrity at every level, should still block.
 * - When nothing verifies, the most specific failure (revoked > expired > untrusted > invalid) of
 *   the signatures examined is reported, naming the check and the signature digest.
 * - A revocation check that throws is a failure of the revocation validation (`untrusted`, "revocation
 *   status could not be checked: …"): enforced under strict, logged under permissive/audit.
 */
export async function verifySignature(input: {
  subject: Descriptor
  reference: string
  signatures: FetchedSignature[]
  trust: TrustConfig
  now: Date
  checkRevocation: RevocationCheck
}): Promise<SignatureResult> {
  const { trust, reference } = input
  if (!trust.configured) return { status: 'skipped', reason: 'no signature verification input was given' }
  const statement = selectStatement(trust.statements, reference)
  if (statement === undefined) {
    return {
      status: 'untrusted',
      reason: `no trust policy statement applies to ${reference}: no statement lists it in registryScopes and there is no global "*" statement`
    }
  }
  const base = { trustPolicy: statement.name, level: statement.level }
  if (statement.level === 'skip') {
    return { status: 'skipped', ...base, reason: `trust policy statement "${statement.name}" has level skip for ${reference}` }
  }
  if (input.signatures.length === 0) {
    return { status: 'missing', ...base, reason: `no Notation signature found for ${reference}@${input.subject.digest}` }
  }
  const ctx: Context = { subject: input.subject, statement, trust, now: input.now, plugins: [awsSignerPlugin(input.checkRevocation)] }
  const details: string[] = []
  const outcomes: Outcome[] = []
  for (const signature of input.signatures) {
    const outcome = await evaluate(signature, ctx)
    outcomes.push(outcome)
    details.push(...describe(outcome, statement))
    if (passed(outcome, statement)) return verifiedResult(outcome, statement, details)
  }
  let best: { outcome: Outcome; failure: CheckFailure } | undefined
  for (const outcome of outcomes) {
    const failure = headlineFailure(outcome)
    if (failure === undefined) continue
    if (best === undefined || specificity[failure.status] > specificity[best.failure.status]) best = { outcome, failure }
  }
  if (best === undefined) {
    // Unreachable in practice (a signature with no failure passes); fail closed all the same.
    return { status: 'invalid', ...base, reason: 'no signature could be verified', details }
  }
  const { outcome, failure } = best
  const result: SignatureResult = {
    status: failure.status,
    ...base,
    signatureDigest: outcome.digest,
    reason:
      `Signature ${outcome.digest} failed the ${validationLabel[failure.validation]} check: ${failure.message}` +
      (outcomes.length > 1 ? ` (${outcomes.length} signatures examined, none verified)` : '') +
      (failure.action === 'log' ? ` [level ${statement.level}: recorded, not enforced]` : ''),
    details
  }
  copyInfo(outcome, result)
  return result
}

function passed(outcome: Outcome, statement: TrustStatement): boolean {
  if (outcome.fatal !== undefined) return false
  return statement.level !== 'audit' || outcome.failures.length === 0
}

function headlineFailure(outcome: Outcome): CheckFailure | undefined {
  if (outcome.fatal !== undefined) return outcome.fatal
  let top: CheckFailure | undefined
  for (const f of outcome.failures) if (top === undefined || specificity[f.status] > specificity[top.status]) top = f
  return top
}

function copyInfo(outcome: Outcome, result: SignatureResult): void {
  if (outcome.envelope !== undefined) result.envelope = outcome.envelope
  if (outcome.signer !== undefined) result.signer = outcome.signer
  if (outcome.signingProfile !== undefined) result.signingProfile = outcome.signingProfile
  if (outcome.signedAt !== undefined) result.signedAt = outcome.signedAt
}

function verifiedResult(outcome: Outcome, statement: TrustStatement, details: string[]): SignatureResult {
  const result: SignatureResult = {
    status: 'verified',
    signatureDigest: outcome.digest,
    trustPolicy: statement.name,
    level: statement.level,
    details
  }
  copyInfo(outcome, result)
  const logged = outcome.failures.filter((f) => f.action === 'log')
  if (logged.length > 0) {
    result.reason = `verified at level ${statement.level}; not enforced: ${logged.map((f) => `${validationLabel[f.validation]}: ${f.message}`).join('; ')}`
  }
  return result
}

function describe(outcome: Outcome, statement: TrustStatement): string[] {
  const who = `${outcome.digest}${outcome.envelope ? ` (${outcome.envelope})` : ''}`
  const lines: string[] = []
  for (const f of outcome.failures) {
    if (f === outcome.fatal) continue
    lines.push(`${who}: logged at level ${statement.level} (not enforced): ${validationLabel[f.validation]}: ${f.message}`)
  }
  if (outcome.fatal !== undefined) {
    lines.push(`${who}: ${outcome.fatal.status}: ${validationLabel[outcome.fatal.validation]} check failed: ${outcome.fatal.message}`)
  } else if (passed(outcome, statement)) {
    lines.push(
      `${who}: verified${outcome.signer ? `, signed by ${outcome.signer}` : ''}${outcome.signingProfile ? ` with ${outcome.signingProfile}` : ''}`
    )
  } else {
    lines.push(`${who}: not verified at level ${statement.level}`)
  }
  return lines
}

/** Evaluates one signature; never throws (an unexpected error is an integrity failure). */
async function evaluate(signature: FetchedSignature, ctx: Context): Promise<Outcome> {
  const outcome: Outcome = { digest: signature.manifestDigest, failures: [] }
  const fail = (validation: Validation, status: FailureStatus, message: string): void => {
    const action = ctx.statement.actions[validation]
    if (action === 'skip') return
    const failure: CheckFailure = { validation, status, message, action }
    outcome.failures.push(failure)
    if (action === 'enforce') {
      outcome.fatal = failure
      throw new Stop()
    }
  }
  try {
    await runChecks(signature, ctx, outcome, fail)
  } catch (error) {
    if (!(error instanceof Stop)) {
      const failure: CheckFailure = {
        validation: 'integrity',
        status: 'invalid',
        message: `unexpected error: ${errorMessage(error)}`,
        action: 'enforce'
      }
      outcome.failures.push(failure)
      outcome.fatal = failure
    }
  }
  return outcome
}

type Fail = (validation: Validation, status: FailureStatus, message: string) => void

/**
 * The Notary Project validations of one signature, in order, each its own step. A failure calls
 * `fail`, which stops the signature (throws) when that validation is enforced.
 */
async function runChecks(signature: FetchedSignature, ctx: Context, outcome: Outcome, fail: Fail): Promise<void> {
  const verified = checkIntegrity(signature, ctx, outcome, fail)
  if (verified === undefined) return
  checkAuthenticity(verified, ctx, fail)
  checkExpiry(verified, ctx, fail)
  checkTimestamp(verified, ctx, fail)
  await checkRevocation(verified, ctx, fail)
}

/** What integrity established about a signature, for the later steps. */
interface Integral {
  env: ParsedEnvelope
  chain: CertInfo[]
  leaf: CertInfo
  /** The verification plugin the envelope names, when it names one the gate implements. */
  plugin?: NotationPlugin
}

/** Integrity: what was signed, by which key, in a well-formed envelope. Undefined when nothing more can be checked. */
function checkIntegrity(signature: FetchedSignature, ctx: Context, outcome: Outcome, fail: Fail): Integral | undefined {
  const { subject } = ctx
  // ---- Integrity: what was signed, by which key, in a well-formed envelope.
  if (signature.problem !== undefined) {
    fail('integrity', 'invalid', `the signature manifest is unusable: ${signature.problem}`)
    return undefined
  }
  if (!isEnvelopeMediaType(signature.envelopeMediaType)) {
    fail(
      'integrity',
      'invalid',
      `the signature layer has media type "${signature.envelopeMediaType}", not ${MediaTypes.Jws} or ${MediaTypes.Cose}`
    )
  }
  outcome.envelope = signature.envelopeMediaType
  if (signature.subject === undefined) {
    fail('integrity', 'invalid', 'the signature manifest has no subject')
  } else {
    const mismatch = descriptorMismatch(subject, signature.subject)
    if (mismatch !== undefined)
      fail('integrity', 'invalid', `the signature manifest's subject is not the image being deployed: ${mismatch}`)
  }
  let env: ParsedEnvelope | undefined
  let chain: CertInfo[]
  try {
    assertEnvelopeSize(signature.envelope)
    env = signature.envelopeMediaType === MediaTypes.Jws ? parseJws(signature.envelope) : parseCose(signature.envelope)
    checkSignedAttributes(env)
    if (env.verificationPlugin !== undefined && !ctx.plugins.some((p) => p.name === env?.verificationPlugin)) {
      fail('integrity', 'invalid', `the signature requires plugin ${env.verificationPlugin}, which this gate does not implement`)
    }
    checkCritical(env)
    chain = parseChain(env.certificates)
  } catch (error) {
    if (error instanceof Stop) throw error
    if (error instanceof EnvelopeError) fail('integrity', 'invalid', `malformed envelope (${error.check}): ${error.message}`)
    if (error instanceof CertificateError) fail('integrity', 'invalid', error.message)
    throw error
  }
  if (env === undefined) return undefined
  const leaf = chain[0] as CertInfo
  outcome.signer = leaf.subject
  const signedAt = env.authenticSigningTime ?? env.signingTime
  if (signedAt !== undefined) outcome.signedAt = signedAt.toISOString()
  const parsed = env
  const plugin = ctx.plugins.find((p) => p.name === parsed.verificationPlugin)
  const pluginIdentity = plugin?.signingIdentity(env)
  if (pluginIdentity !== undefined) outcome.signingProfile = pluginIdentity

  let expected
  try {
    expected = algorithmForKey(leaf)
  } catch (error) {
    fail('integrity', 'invalid', errorMessage(error))
    return undefined
  }
  if (expected !== env.alg)
    fail('integrity', 'invalid', `the envelope algorithm ${env.alg} does not match the signing key, which requires ${expected}`)
  if (!verifyWithLeaf(env.alg, leaf, env.signingInput, env.signature)) {
    fail('integrity', 'invalid', `the signature does not verify with the key of signing certificate ${certName(leaf)}`)
  }
  try {
    validateChain(chain)
  } catch (error) {
    fail('integrity', 'invalid', errorMessage(error))
  }
  try {
    const target = parsePayload(env.payload)
    const mismatch = descriptorMismatch(subject, target)
    if (mismatch !== undefined) fail('integrity', 'invalid', `the signed payload names another artifact: ${mismatch}`)
  } catch (error) {
    if (error instanceof EnvelopeError) fail('integrity', 'invalid', error.message)
    else throw error
  }
  const pluginIntegrity = plugin?.checkIntegrity(env)
  if (pluginIntegrity !== undefined) fail('integrity', pluginIntegrity.status, pluginIntegrity.message)
  return { env, chain, leaf, ...(plugin !== undefined ? { plugin } : {}) }
}

/** Authenticity: a trusted root and a trusted identity. */
function checkAuthenticity({ env, chain, leaf, plugin }: Integral, ctx: Context, fail: Fail): void {
  const { statement } = ctx
  const storeType = env.signingScheme === 'notary.x509' ? 'ca' : 'signingAuthority'
  const stores = statement.trustStores.filter((s) => s.type === storeType)
  if (stores.length === 0) {
    fail(
      'authenticity',
      'untrusted',
      `trust policy statement "${statement.name}" has no trust store of type ${storeType}, which scheme ${env.signingScheme} requires`
    )
  } else {
    const anchors = stores.flatMap((s) => ctx.trust.stores[`${s.type}:${s.name}`] ?? [])
    const anchored = chain.some((c) => anchors.some((a) => sameCertificate(a.der, c.der)))
    if (!anchored) {
      const root = chain[chain.length - 1] as CertInfo
      fail(
        'authenticity',
        'untrusted',
        `the certificate chain (root ${certName(root)}) does not lead to a certificate in trust store ${stores.map((s) => `${s.type}:${s.name}`).join(', ')}`
      )
    }
  }
  const identities = statement.trustedIdentities
  if (plugin !== undefined) {
    const failure = plugin.checkIdentity(env, identities)
    if (failure !== undefined) fail('authenticity', failure.status, failure.message)
  } else if (
    !identities.some((i) => i.kind === 'any' || (i.kind === 'x509.subject' && subjectMatches(i.attributes, leaf.subjectAttributes)))
  ) {
    const onlyProfiles = identities.length > 0 && identities.every((i) => i.kind === 'signing-profile')
    fail(
      'authenticity',
      'untrusted',
      onlyProfiles
        ? `the trusted identities are AWS Signer signing profiles, but this signature was not made by AWS Signer (signer ${leaf.subject})`
        : `signer "${leaf.subject}" matches none of the trusted identities of statement "${statement.name}"`
    )
  }
}

/** Expiry: the signer's "best before". */
function checkExpiry({ env }: Integral, ctx: Context, fail: Fail): void {
  const { now } = ctx
  if (env.expiry !== undefined && now.getTime() >= env.expiry.getTime()) {
    fail('expiry', 'expired', `the signature expired at ${env.expiry.toISOString()}`)
  }
}

/** Authentic timestamp: the chain was valid when the signature was made. */
function checkTimestamp({ env, chain }: Integral, ctx: Context, fail: Fail): void {
  const { now } = ctx
  if (env.signingScheme === 'notary.x509.signingAuthority') {
    const at = env.authenticSigningTime
    if (at === undefined) {
      fail('authenticTimestamp', 'invalid', 'scheme notary.x509.signingAuthority requires authenticSigningTime')
    } else {
      timeCheck(chain, at, `at the authentic signing time ${at.toISOString()}`, fail)
    }
  } else {
    // RFC 3161 countersignatures are not verified here, so they cannot extend validity: the chain
    // must be valid now, exactly as for a signature without a timestamp.
    const note = env.hasTimestamp ? '; the signature carries an RFC 3161 timestamp, which this gate does not verify (unsupported)' : ''
    timeCheck(chain, now, `at verification time ${now.toISOString()}${note}`, fail)
  }
}

/** Revocation: the plugin's check, or, without one, no CRL/OCSP pointer the gate cannot query. */
async function checkRevocation({ env, chain, plugin }: Integral, ctx: Context, fail: Fail): Promise<void> {
  if (ctx.statement.actions.revocation === 'skip') return
  if (plugin !== undefined) {
    const failure = await plugin.checkRevocation(env, chain)
    if (failure !== undefined) fail('revocation', failure.status, failure.message)
  } else {
    const withPointers = chain.find((c) => c.hasRevocationPointers)
    if (withPointers !== undefined) {
      fail(
        'revocation',
        'untrusted',
        `revocation status could not be checked: certificate ${certName(withPointers)} names CRL/OCSP endpoints, which this gate does not query (set signatureVerification.override.revocation to "log" or "skip" to accept)`
      )
    }
  }
}

function timeCheck(chain: CertInfo[], at: Date, when: string, fail: Fail): void {
  const bad = invalidAt(chain, at)
  if (bad === undefined) return
  if (bad.kind === 'expired') {
    fail(
      'authenticTimestamp',
      'expired',
      `certificate ${certName(bad.cert)} expired at ${bad.cert.notAfter.toISOString()}, so it was not valid ${when}`
    )
  } else {
    fail(
      'authenticTimestamp',
      'untrusted',
      `certificate ${certName(bad.cert)} is valid only from ${bad.cert.notBefore.toISOString()}, so it was not valid ${when}`
    )
  }
}
