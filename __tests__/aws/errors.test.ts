import { describe, it, expect } from 'vitest'
import { ImageNotFoundException, RepositoryNotFoundException, ServerException } from '@aws-sdk/client-ecr'
import { isRetryableAwsError, wrapAwsError } from '../../src/aws/errors.js'
import { AwsCallError } from '../../src/core/errors.js'

const context = { operation: 'DescribeImages', action: 'ecr:DescribeImages', what: 'resolve my-app:latest' }

function awsError(name: string, message: string, metadata: Record<string, unknown> = { httpStatusCode: 400 }): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: metadata })
}

describe('wrapAwsError', () => {
  it('formats "Could not <what>: <code>: <message>" and keeps code, operation and cause', () => {
    const cause = new RepositoryNotFoundException({ message: 'The repository does not exist', $metadata: {} })
    const wrapped = wrapAwsError(cause, context)
    expect(wrapped).toBeInstanceOf(AwsCallError)
    expect(wrapped.code).toBe('RepositoryNotFoundException')
    expect(wrapped.operation).toBe('DescribeImages')
    expect(wrapped.cause).toBe(cause)
    expect(wrapped.message).toBe(
      'Could not resolve my-app:latest: RepositoryNotFoundException: The repository does not exist — check the repository name, registry-id and region'
    )
  })

  it.each([
    ['AccessDeniedException', 'grant ecr:DescribeImages to the role'],
    ['AccessDenied', 'grant ecr:DescribeImages to the role'],
    ['UnrecognizedClientException', 'credentials are invalid'],
    ['InvalidSignatureException', 'credentials are invalid'],
    ['ExpiredTokenException', 'credentials have expired'],
    ['CredentialsProviderError', 'no AWS credentials were found'],
    ['ImageNotFoundException', 'the image does not exist'],
    ['ScanNotFoundException', 'no scan record']
  ])('%s gets a fix hint', (code, hint) => {
    const wrapped = wrapAwsError(awsError(code, 'details from AWS'), context)
    expect(wrapped.code).toBe(code)
    expect(wrapped.message).toContain(`Could not resolve my-app:latest: ${code}: details from AWS`)
    expect(wrapped.message).toContain(hint)
  })

  it('throttling after retries says so, with the attempt count', () => {
    const wrapped = wrapAwsError(awsError('ThrottlingException', 'Rate exceeded', { httpStatusCode: 400, attempts: 3 }), context)
    expect(wrapped.message).toContain('AWS throttled the request after 3 attempts')
  })

  it('HTTP 429 with an unfamiliar name counts as throttling', () => {
    const wrapped = wrapAwsError(awsError('SomethingTooFast', 'slow down', { httpStatusCode: 429 }), context)
    expect(wrapped.message).toContain('throttled')
  })

  it('server errors say AWS failed after retries', () => {
    const wrapped = wrapAwsError(new ServerException({ message: 'oops', $metadata: { httpStatusCode: 500, attempts: 3 } }), context)
    expect(wrapped.code).toBe('ServerException')
    expect(wrapped.message).toContain('server error after 3 attempts')
  })

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNREFUSED'])('network error %s: the endpoint could not be reached', (code) => {
    const wrapped = wrapAwsError(Object.assign(new Error(`connect ${code}`), { code }), context)
    expect(wrapped.code).toBe(code)
    expect(wrapped.message).toContain('the AWS endpoint could not be reached')
  })

  it('TimeoutError from the SDK is a network failure', () => {
    const wrapped = wrapAwsError(Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), context)
    expect(wrapped.code).toBe('TimeoutError')
    expect(wrapped.message).toContain('could not be reached')
  })

  it('unknown errors keep code and message, without a made-up hint', () => {
    const wrapped = wrapAwsError(awsError('WeirdException', 'odd'), context)
    expect(wrapped.message).toBe('Could not resolve my-app:latest: WeirdException: odd')
  })

  it('non-Error throws are not lost', () => {
    expect(wrapAwsError('plain string', context).message).toBe('Could not resolve my-app:latest: UnknownError: plain string')
    expect(wrapAwsError(undefined, context).code).toBe('UnknownError')
  })

  it('long AWS messages are bounded and flattened to one line', () => {
    const wrapped = wrapAwsError(awsError('ValidationException', `line1\nline2 ${'x'.repeat(10_000)}`), context)
    expect(wrapped.message.length).toBeLessThan(1200)
    expect(wrapped.message).not.toContain('\n')
  })

  it('wrapping an AwsCallError returns it unchanged', () => {
    const first = wrapAwsError(awsError('AccessDeniedException', 'no'), context)
    expect(wrapAwsError(first, { ...context, what: 'something else' })).toBe(first)
  })
})

describe('isRetryableAwsError', () => {
  it.each([
    awsError('ThrottlingException', 'x'),
    awsError('TooManyRequestsException', 'x'),
    awsError('LimitExceededException', 'x'),
    awsError('Anything', 'x', { httpStatusCode: 429 }),
    awsError('InternalServerException', 'x', { httpStatusCode: 500 }),
    new ServerException({ message: 'x', $metadata: {} }),
    awsError('Unnamed', 'x', { httpStatusCode: 503 }),
    Object.assign(new Error('reset'), { code: 'ECONNRESET' }),
    Object.assign(new Error('t'), { name: 'TimeoutError' })
  ])('retryable: %s', (error) => {
    expect(isRetryableAwsError(error)).toBe(true)
  })

  it.each([
    awsError('AccessDeniedException', 'x'),
    awsError('UnrecognizedClientException', 'x'),
    awsError('ExpiredTokenException', 'x'),
    awsError('ValidationException', 'x'),
    awsError('InvalidParameterException', 'x'),
    new RepositoryNotFoundException({ message: 'x', $metadata: {} }),
    new ImageNotFoundException({ message: 'x', $metadata: {} }),
    awsError('ScanNotFoundException', 'x'),
    new Error('plain'),
    'string',
    undefined
  ])('not retryable: %s', (error) => {
    expect(isRetryableAwsError(error)).toBe(false)
  })

  it('looks through an AwsCallError to its cause', () => {
    expect(isRetryableAwsError(wrapAwsError(awsError('ThrottlingException', 'x'), context))).toBe(true)
    expect(isRetryableAwsError(wrapAwsError(awsError('AccessDeniedException', 'x'), context))).toBe(false)
  })
})
