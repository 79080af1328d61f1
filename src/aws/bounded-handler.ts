/**
 * A size bound on AWS API responses. The SDK reads a whole response body into memory before
 * parsing it, so a hostile or broken endpoint streaming hundreds of MB would take the gate's memory
 * with it. This wraps the client's own HTTP handler: a declared `Content-Length` over the bound is
 * refused before the body is read, and a body that streams past the bound is cut off with an error
 * the SDK does not retry. The gate then fails closed with the error's message.
 */
import { Transform } from 'node:stream'
import type { Readable } from 'node:stream'

/**
 * Largest AWS API response accepted. The biggest legitimate one is a DescribeImageScanFindings page
 * of 1,000 enhanced findings (a few MB); 32 MiB leaves ample room.
 */
export const MAX_AWS_RESPONSE_BYTES = 32 * 1024 * 1024

/** Thrown when a response is larger than the bound. Its name is not one the SDK retries. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLarge'
}

interface HttpResponseLike {
  statusCode: number
  headers: Record<string, string | undefined>
  body: unknown
}

interface HandlerLike {
  handle(request: unknown, options?: unknown): Promise<{ response: HttpResponseLike }>
}

/**
 * Replaces `client.config.requestHandler` with a size-bounded wrapper around it, keeping every
 * other method (timeouts, agent settings, destroy) of the SDK's own handler.
 */
export function limitResponseSize<T extends { config: object }>(client: T, maxBytes = MAX_AWS_RESPONSE_BYTES): T {
  const config = client.config as { requestHandler: HandlerLike }
  const inner = config.requestHandler
  const bounded = Object.create(inner) as HandlerLike
  bounded.handle = async (request, options) => {
    const result = await inner.handle(request, options)
    result.response.body = boundBody(result.response, maxBytes)
    return result
  }
  config.requestHandler = bounded
  return client
}

function boundBody(response: HttpResponseLike, maxBytes: number): unknown {
  const body = response.body as Readable | undefined
  const lengthHeader = Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1]
  const declared = lengthHeader === undefined ? NaN : Number(lengthHeader)
  if (Number.isFinite(declared) && declared > maxBytes) {
    body?.destroy?.()
    throw new ResponseTooLargeError(`the AWS API response declares ${declared} bytes, over the ${maxBytes}-byte limit`)
  }
  if (body === undefined || typeof body.pipe !== 'function') return body
  let seen = 0
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > maxBytes) {
        body.destroy()
        callback(new ResponseTooLargeError(`the AWS API response exceeded the ${maxBytes}-byte limit`))
        return
      }
      callback(null, chunk)
    }
  })
  body.on('error', (error) => limiter.destroy(error))
  return body.pipe(limiter)
}
