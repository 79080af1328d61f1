import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { DescribeImagesCommand } from '@aws-sdk/client-ecr'
import { call } from '../../src/aws/call.js'
import { AwsSession } from '../../src/aws/clients.js'
import { DEADLINE_EXCEEDED, isRetryableAwsError } from '../../src/aws/errors.js'
import { AwsCallError } from '../../src/core/errors.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
const context = {
  operation: 'DescribeImageScanFindings',
  action: 'ecr:DescribeImageScanFindings',
  what: `read the scan status of app@${DIGEST}`
}
const command = new DescribeImagesCommand({ repositoryName: 'app' })

/** A client whose send is given; records what it was called with. */
function fakeClient(send: (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>) {
  const calls: { command: unknown; options: { abortSignal?: AbortSignal } | undefined }[] = []
  return {
    calls,
    send: (c: unknown, options?: { abortSignal?: AbortSignal }) => {
      calls.push({ command: c, options })
      return send(c, options)
    }
  }
}

async function caught(promise: Promise<unknown>): Promise<AwsCallError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  if (!(error instanceof AwsCallError)) throw new Error(`expected an AwsCallError, got ${String(error)}`)
  return error
}

describe('call', () => {
  it('returns the output and passes the signal to send as abortSignal', async () => {
    const client = fakeClient(async () => ({ imageDetails: [], $metadata: {} }))
    const signal = new AbortController().signal
    await expect(call(client, command, context, signal)).resolves.toEqual({ imageDetails: [], $metadata: {} })
    expect(client.calls).toHaveLength(1)
    expect(client.calls[0]?.command).toBe(command)
    expect(client.calls[0]?.options?.abortSignal).toBe(signal)
  })

  it('wraps a failure: what was being done, the AWS code, the IAM action to grant, the raw error as cause', async () => {
    const raw = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })
    const error = await caught(
      call(
        fakeClient(() => Promise.reject(raw)),
        command,
        context
      )
    )
    expect(error.code).toBe('AccessDeniedException')
    expect(error.operation).toBe('DescribeImageScanFindings')
    expect(error.message).toContain(`Could not read the scan status of app@${DIGEST}: AccessDeniedException`)
    expect(error.message).toContain('grant ecr:DescribeImageScanFindings')
    expect(error.cause).toBe(raw)
    expect(isRetryableAwsError(error)).toBe(false)
  })

  it('keeps retryable failures retryable', async () => {
    const raw = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })
    const error = await caught(
      call(
        fakeClient(() => Promise.reject(raw)),
        command,
        context
      )
    )
    expect(error.code).toBe('ThrottlingException')
    expect(isRetryableAwsError(error)).toBe(true)
  })

  it('a signal aborted mid-call ends the call at once, even if send never answers: DeadlineExceeded, not retryable', async () => {
    const client = fakeClient(() => new Promise(() => {}))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const error = await caught(call(client, command, context, controller.signal))
    expect(error.code).toBe(DEADLINE_EXCEEDED)
    expect(error.operation).toBe('DescribeImageScanFindings')
    expect(error.message).toBe(
      `Could not read the scan status of app@${DIGEST}: DescribeImageScanFindings did not answer before the deadline`
    )
    expect(isRetryableAwsError(error)).toBe(false)
    expect(client.calls).toHaveLength(1)
  })

  it('an abort surfacing as the SDK’s own AbortError is the deadline too, not a network failure', async () => {
    const controller = new AbortController()
    const client = fakeClient(
      (_c, options) =>
        new Promise((_resolve, reject) => {
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })))
        })
    )
    setTimeout(() => controller.abort(), 10)
    const error = await caught(call(client, command, context, controller.signal))
    expect(error.code).toBe(DEADLINE_EXCEEDED)
    expect(isRetryableAwsError(error)).toBe(false)
  })

  it('a timeout signal’s TimeoutError reason is still a non-retryable deadline', async () => {
    const error = await caught(
      call(
        fakeClient(() => new Promise(() => {})),
        command,
        context,
        AbortSignal.timeout(10)
      )
    )
    expect(error.code).toBe(DEADLINE_EXCEEDED)
    expect(isRetryableAwsError(error)).toBe(false)
  })

  it('a signal already aborted: nothing is sent', async () => {
    const client = fakeClient(async () => ({}))
    const controller = new AbortController()
    controller.abort()
    const error = await caught(call(client, command, context, controller.signal))
    expect(error.code).toBe(DEADLINE_EXCEEDED)
    expect(error.message).toBe(
      `Could not read the scan status of app@${DIGEST}: the deadline passed before DescribeImageScanFindings was sent`
    )
    expect(client.calls).toHaveLength(0)
  })
})

describe('call over a real connection to a server that never answers', () => {
  let server: Server
  let endpoint: string
  let requests = 0
  const open: ServerResponse[] = []
  const saved: Record<string, string | undefined> = {}

  beforeAll(async () => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) saved[name] = process.env[name]
    process.env['AWS_ACCESS_KEY_ID'] = 'AKIDEXAMPLE'
    process.env['AWS_SECRET_ACCESS_KEY'] = 'secret'
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      requests += 1
      request.resume()
      open.push(response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    for (const response of open) response.destroy()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  })

  it('the run’s signal abandons the request: DeadlineExceeded naming the operation, sent once, not retried', async () => {
    requests = 0
    const session = new AwsSession({ maxAttempts: 3, env: { AWS_ENDPOINT_URL_ECR: endpoint } })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    const error = await caught(
      session
        .ecr('us-east-1')
        .describeImageScanFindings(
          { repositoryName: 'app', imageId: { imageDigest: DIGEST }, maxResults: 1 },
          { what: `read the scan status of app@${DIGEST}`, signal: controller.signal }
        )
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error.code).toBe(DEADLINE_EXCEEDED)
    expect(error.message).toBe(
      `Could not read the scan status of app@${DIGEST}: DescribeImageScanFindings did not answer before the deadline`
    )
    expect(isRetryableAwsError(error)).toBe(false)
    // Give a retry, if the SDK made one, the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(requests).toBe(1)
    session.destroy()
  })

  it('without a signal, the idle timeout ends each attempt: the SDK retries, then a wrapped TimeoutError', async () => {
    requests = 0
    const session = new AwsSession({ maxAttempts: 2, idleTimeoutMs: 200, env: { AWS_ENDPOINT_URL_ECR: endpoint } })
    const started = Date.now()
    const error = await caught(session.ecr('us-east-1').describeImages({ repositoryName: 'app' }))
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(error.code).toBe('TimeoutError')
    expect(error.operation).toBe('DescribeImages')
    expect(error.message).toContain('Could not describe images in repository app: TimeoutError')
    expect(error.message).toContain('could not be reached')
    expect(isRetryableAwsError(error)).toBe(true)
    expect(requests).toBe(2)
    session.destroy()
  })
})
