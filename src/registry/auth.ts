/**
 * Registry credentials from `ecr:GetAuthorizationToken`. The token is a secret: it is masked before
 * anything else happens with it, and the registry URL it comes with is checked like any other.
 */
import type { EcrPort } from '../aws/ecr.js'
import { AwsCallError } from '../core/errors.js'
import { signalOf, type Logger, type SignalOption } from '../core/ports.js'
import { normaliseBaseUrl, type RegistryAuth } from './client.js'

const OPERATION = 'GetAuthorizationToken'

/**
 * Calls ecr:GetAuthorizationToken for `registryId`. The base URL is the returned `proxyEndpoint`
 * without a trailing slash (https, or http only for a loopback host); the token, and the password
 * inside it, go through `log.setSecret` before anything else. AccessDenied names ecr:GetAuthorizationToken.
 * `options.signal` is passed to the call.
 */
export async function getRegistryAuth(ecr: EcrPort, registryId: string, log: Logger, options: SignalOption = {}): Promise<RegistryAuth> {
  const output = await ecr.getAuthorizationToken(
    { registryIds: [registryId] },
    { what: `get a registry token for registry ${registryId}`, ...signalOf(options) }
  )
  const data = output.authorizationData?.[0]
  const token = data?.authorizationToken
  if (typeof token !== 'string' || token === '') {
    throw new AwsCallError(`ECR returned no authorization token for registry ${registryId}`, 'MissingToken', OPERATION)
  }
  log.setSecret(token)
  // The token is base64("AWS:<password>"); the password alone would also reveal it if printed.
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const password = colon > 0 ? decoded.slice(colon + 1) : ''
  if (password !== '') log.setSecret(password)
  if (colon <= 0 || password === '') {
    throw new AwsCallError(
      `ECR returned a malformed authorization token for registry ${registryId} (expected base64 of user:password)`,
      'MalformedToken',
      OPERATION
    )
  }
  const endpoint = data?.proxyEndpoint
  if (typeof endpoint !== 'string' || endpoint === '') {
    throw new AwsCallError(`ECR returned no proxyEndpoint for registry ${registryId}`, 'MissingEndpoint', OPERATION)
  }
  const { url, path } = normaliseBaseUrl(endpoint)
  const baseUrl = `${url.origin}${path}`
  log.debug(`Registry endpoint for ${registryId}: ${baseUrl}`)
  return { baseUrl, authorization: `Basic ${token}` }
}
