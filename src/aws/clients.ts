/**
 * The AWS SDK clients the gate uses, built in one place so that region, retries, user agent and
 * endpoint overrides are the same for every call.
 */
import { ECRClient, type ECRClientConfig } from '@aws-sdk/client-ecr'
import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { SignerClient } from '@aws-sdk/client-signer'
import { UserAgent } from '../core/constants.js'
import { limitResponseSize } from './bounded-handler.js'

/** One SDK client per service the gate calls. */
export interface AwsClients {
  ecr: ECRClient
  inspector: Inspector2Client
  signer: SignerClient
}

/** The AWS partitions the gate knows; they decide ARNs and which Signer root is trusted. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/**
 * The SDK's logger middleware builds a sensitive-data-filtered copy of every response whenever its
 * logger has an `info` method, and its default no-op logger has one, so that copy is built and
 * thrown away on every call (measured with bench/: about a tenth of the CPU of reading 10,000
 * findings). A logger without `info` skips it. The gate logs through its own Logger port, never
 * through the SDK's, so nothing is lost.
 */
const sdkLogger = { trace: () => {}, debug: () => {}, warn: () => {}, error: () => {} } as unknown as NonNullable<ECRClientConfig['logger']>

/** Region names end up in host names: allow only what a DNS label allows. */
const REGION_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** Service-specific endpoint variable suffix, as the SDK derives it from each service id. */
const ServiceEnvSuffix = { ecr: 'ECR', inspector: 'INSPECTOR2', signer: 'SIGNER' } as const

/**
 * The partition of a region: `cn-*` → aws-cn, `us-gov-*` → aws-us-gov, anything else → aws.
 * (The isolated partitions are not supported by the gate; they fall into `aws`, whose Signer root
 * will then not match, which fails closed.)
 */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'true'
}

/**
 * The endpoint configured for one service by the standard variables: `AWS_ENDPOINT_URL_<SERVICE>`
 * first, then `AWS_ENDPOINT_URL`; none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true.
 * Throws when the value is not an http(s) URL, naming the variable.
 */
export function configuredEndpoint(service: keyof typeof ServiceEnvSuffix, env: NodeJS.ProcessEnv): string | undefined {
  if (isTrue(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])) return undefined
  const specific = `AWS_ENDPOINT_URL_${ServiceEnvSuffix[service]}`
  for (const name of [specific, 'AWS_ENDPOINT_URL']) {
    const value = env[name]?.trim()
    if (value === undefined || value === '') continue
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new Error(`Invalid ${name}: expected an http(s) URL such as https://ecr.us-east-1.amazonaws.com`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`Invalid ${name}: expected an http(s) URL, got protocol ${url.protocol}`)
    }
    return value
  }
  return undefined
}

/**
 * One client per service for `region`: SDK standard retry mode, `maxAttempts` attempts (default 3),
 * user agent `UserAgent`. Endpoints come from the standard `AWS_ENDPOINT_URL*` variables of `env`
 * (default `process.env`); they are read here rather than left to the SDK so that an injected `env`
 * is authoritative and so that we know when the Signer endpoint is custom: the SDK prefixes
 * `data-` to the host for GetRevocationStatus, which breaks any custom endpoint, so
 * `disableHostPrefix` is set then.
 *
 * The SDK would read the same variables from `process.env` itself (checked with the installed
 * versions: `config.serviceConfiguredEndpoint`); an endpoint from the shared config file's
 * `services` section is still left to the SDK, without `disableHostPrefix`.
 */
export function createClients(options: { region: string; maxAttempts?: number; env?: NodeJS.ProcessEnv }): AwsClients {
  const { region } = options
  if (!REGION_PATTERN.test(region)) {
    throw new Error(`Invalid AWS region '${region.slice(0, 64)}': expected a region name such as us-east-1`)
  }
  const maxAttempts = options.maxAttempts ?? 3
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    throw new Error(`Invalid maxAttempts ${maxAttempts}: expected an integer from 1 to 10`)
  }
  const env = options.env ?? process.env
  const base = {
    region,
    maxAttempts,
    retryMode: 'standard',
    customUserAgent: UserAgent,
    logger: sdkLogger,
    // An injected env replaces process.env entirely; stop the SDK from reading endpoints there.
    ...(env !== process.env ? { ignoreConfiguredEndpointUrls: true } : {})
  }
  const ecrEndpoint = configuredEndpoint('ecr', env)
  const inspectorEndpoint = configuredEndpoint('inspector', env)
  const signerEndpoint = configuredEndpoint('signer', env)
  return {
    ecr: limitResponseSize(new ECRClient({ ...base, ...(ecrEndpoint !== undefined ? { endpoint: ecrEndpoint } : {}) })),
    inspector: limitResponseSize(
      new Inspector2Client({
        ...base,
        ...(inspectorEndpoint !== undefined ? { endpoint: inspectorEndpoint } : {})
      })
    ),
    signer: limitResponseSize(
      new SignerClient({
        ...base,
        ...(signerEndpoint !== undefined ? { endpoint: signerEndpoint, disableHostPrefix: true } : {})
      })
    )
  }
}

/** What `singleAttempt` needs of a command: its own middleware stack. */
interface CommandWithStack {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
      options: { name: string; step: 'finalizeRequest'; priority: 'high'; tags: string[]; override: boolean }
    ): void
  }
}

/**
 * Makes one command run with a single attempt, whatever the client's `maxAttempts`. The SDK has no
 * per-command retry option, so this replaces the client's `retryMiddleware` (same name, `override`)
 * in this command's stack with a pass-through. Needed for ECR StartImageScan: the SDK treats its
 * `LimitExceededException` (once per image per 24 h) as throttling and would retry it pointlessly.
 */
export function singleAttempt<C>(command: C): C {
  ;(command as unknown as CommandWithStack).middlewareStack.add((next) => (args) => next(args), {
    name: 'retryMiddleware',
    step: 'finalizeRequest',
    priority: 'high',
    tags: ['RETRY'],
    override: true
  })
  return command
}
