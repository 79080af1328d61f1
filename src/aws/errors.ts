/**
 * Turns AWS SDK failures into `AwsCallError`s whose message says what the gate was doing and how a
 * user fixes it. AWS messages are kept (they often name the denied resource) but bounded, because a
 * message is printed into logs and the job summary.
 */
import { AwsCallError } from '../core/errors.js'

/**
 * `AwsCallError.code` of a call abandoned because the run's signal aborted (its deadline passed).
 * Never retryable: the run has no time left for another try.
 */
export const DEADLINE_EXCEEDED = 'DeadlineExceeded'

/** Longest AWS error message kept in a wrapped message. */
const MAX_MESSAGE_CHARS = 1000

/** Error names AWS uses for "the caller's role lacks this permission". */
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException', 'NotAuthorized'])

/** Error names for credentials that AWS does not recognise or that do not sign correctly. */
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'AuthFailure'
])

/** Error names for session credentials that have run out. */
const EXPIRED_CREDENTIALS = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired'])

/** Throttling names, as the SDK's own retry classifier knows them (ECR's LimitExceeded included). */
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'LimitExceededException'
])

/** Server-side failures worth trying again later. */
const SERVER_ERRORS = new Set([
  'ServerException',
  'InternalServerException',
  'InternalServerError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceException'
])

/** Transport failures: the endpoint could not be reached or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT'
])

/** Errors that are the caller's fault and will fail the same way every time. */
const NEVER_RETRY = new Set([
  ...ACCESS_DENIED,
  ...BAD_CREDENTIALS,
  ...EXPIRED_CREDENTIALS,
  'ValidationException',
  'InvalidParameterException',
  'InvalidParameterValueException',
  'RepositoryNotFoundException',
  'ImageNotFoundException',
  'ResourceNotFoundException',
  'ScanNotFoundException',
  'CredentialsProviderError'
])

interface ErrorFacts {
  code: string
  message: string
  status?: number
  attempts?: number
  fault?: string
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** Reads the fields the SDK puts on its errors without trusting their types. */
function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) {
    return { code: 'UnknownError', message: typeof error === 'string' ? error : String(error) }
  }
  const record = error as Record<string, unknown>
  const name = typeof record['name'] === 'string' && record['name'] !== '' ? record['name'] : 'UnknownError'
  // Node socket errors are plain `Error`s whose useful name is `code` (ECONNRESET, ETIMEDOUT…).
  const sysCode = typeof record['code'] === 'string' ? record['code'] : undefined
  const code = (name === 'Error' || name === 'UnknownError') && sysCode !== undefined ? sysCode : name
  const rawMessage = typeof record['message'] === 'string' ? record['message'] : ''
  const facts: ErrorFacts = { code, message: truncate(rawMessage.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_CHARS) }
  const metadata = record['$metadata']
  if (typeof metadata === 'object' && metadata !== null) {
    const meta = metadata as Record<string, unknown>
    if (typeof meta['httpStatusCode'] === 'number') facts.status = meta['httpStatusCode']
    if (typeof meta['attempts'] === 'number') facts.attempts = meta['attempts']
  }
  if (typeof record['$fault'] === 'string') facts.fault = record['$fault']
  return facts
}

function isNetwork(error: unknown, facts: ErrorFacts): boolean {
  if (NETWORK_CODES.has(facts.code)) return true
  if (typeof error === 'object' && error !== null) {
    const sysCode = (error as Record<string, unknown>)['code']
    if (typeof sysCode === 'string' && NETWORK_CODES.has(sysCode)) return true
  }
  return false
}

function isThrottling(facts: ErrorFacts): boolean {
  return THROTTLING.has(facts.code) || facts.status === 429
}

function isServer(facts: ErrorFacts): boolean {
  return SERVER_ERRORS.has(facts.code) || (facts.status !== undefined && facts.status >= 500) || facts.fault === 'server'
}

/** The fix a user should apply for a known error, or undefined when there is nothing better to say. */
function hintFor(error: unknown, facts: ErrorFacts, action: string): string | undefined {
  const attempts = facts.attempts !== undefined ? ` after ${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}` : ''
  if (ACCESS_DENIED.has(facts.code)) {
    return `grant ${action} to the role this workflow uses (check also permission boundaries, SCPs and resource policies)`
  }
  if (BAD_CREDENTIALS.has(facts.code)) {
    return 'the AWS credentials are invalid or not accepted in this region/partition; configure them (e.g. aws-actions/configure-aws-credentials) before this step'
  }
  if (EXPIRED_CREDENTIALS.has(facts.code)) {
    return 'the AWS session credentials have expired; obtain fresh credentials (or a longer role session) before this step'
  }
  if (facts.code === 'CredentialsProviderError') {
    return 'no AWS credentials were found; configure them (e.g. aws-actions/configure-aws-credentials) before this step'
  }
  if (facts.code === 'RepositoryNotFoundException') {
    return 'check the repository name, registry-id and region'
  }
  if (facts.code === 'ImageNotFoundException') {
    return 'the image does not exist in this repository (wrong digest or region, or it was deleted)'
  }
  if (facts.code === 'ScanNotFoundException') {
    return 'ECR has no scan record for this image; check that the repository is covered by the scanning configuration'
  }
  if (isThrottling(facts)) {
    return `AWS throttled the request${attempts} (the SDK already retried); reduce concurrent calls or re-run the job later`
  }
  if (isNetwork(error, facts)) {
    return 'the AWS endpoint could not be reached; check the network, proxy, region and any AWS_ENDPOINT_URL* setting'
  }
  if (isServer(facts)) {
    return `AWS returned a server error${attempts} (the SDK already retried); re-run the job later`
  }
  return undefined
}

/**
 * Wraps any SDK error into an `AwsCallError`: `Could not <what>: <code>: <message>`, followed by a fix
 * for codes a user can act on (access denied names `action`, the IAM action to grant). `code` is the
 * error's name (for a bare Node socket error, its `code` such as `ECONNRESET`). An `AwsCallError` is
 * returned unchanged so that wrapping twice does not stack prefixes.
 */
export function wrapAwsError(error: unknown, context: { operation: string; action: string; what: string }): AwsCallError {
  if (error instanceof AwsCallError) return error
  const facts = factsOf(error)
  const detail = facts.message !== '' && facts.message !== facts.code ? `${facts.code}: ${facts.message}` : facts.code
  const hint = hintFor(error, facts, context.action)
  const message = `Could not ${context.what}: ${detail}${hint !== undefined ? ` — ${hint}` : ''}`
  return new AwsCallError(message, facts.code, context.operation, { cause: error })
}

/**
 * Whether a failed call (already retried by the SDK) is worth trying again later: throttling, server
 * errors and network failures. Access denied, bad credentials, not found and validation errors are
 * never retryable: they fail the same way every time and must surface as actionable messages. Nor
 * is a call abandoned at the run's deadline (`DEADLINE_EXCEEDED`): there is no time left to retry.
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (error instanceof AwsCallError) {
    if (error.code === DEADLINE_EXCEEDED) return false
    const cause = (error as { cause?: unknown }).cause
    return cause !== undefined ? isRetryableAwsError(cause) : false
  }
  const facts = factsOf(error)
  if (NEVER_RETRY.has(facts.code)) return false
  if (isThrottling(facts) || isNetwork(error, facts) || isServer(facts)) return true
  if (typeof error === 'object' && error !== null) {
    const retryable = (error as Record<string, unknown>)['$retryable']
    if (typeof retryable === 'object' && retryable !== null) return true
  }
  return false
}
