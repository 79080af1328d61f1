/**
 * The AWS SDK clients the gate uses, created lazily per service and region by one `AwsSession`, so
 * that region, retries, timeouts, user agent and endpoint overrides are the same for every call and
 * a run only builds the clients it uses. Each service is one file (`ecr.ts`, `inspector.ts`,
 * `signer.ts`) that describes its client and its port as an `AwsService`.
 */
import type { ECRClientConfig } from '@aws-sdk/client-ecr'
import { UserAgent } from '../core/constants.js'
import { limitResponseSize } from './bounded-handler.js'
import { ecrService, type EcrPort } from './ecr.js'
import { inspectorService, type InspectorPort } from './inspector.js'
import { kmsService, type KmsPort } from './kms.js'
import { signerService, type SignerPort } from './signer.js'

/** The AWS partitions the gate knows; they decide ARNs and which Signer root is trusted. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/** The ports of one region: what the engine is handed to talk to AWS. */
export interface AwsPorts {
  ecr: EcrPort
  inspector: InspectorPort
  signer: SignerPort
  /** KMS, for cosign signatures made with a KMS key. */
  kms?: KmsPort
}

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

/**
 * Default connection timeout. An AWS endpoint (or a proxy in front of it) accepts a connection in
 * well under a second from anywhere a runner lives; 3 s is generous for that, and short enough that
 * a black-holed endpoint (dropped SYNs) fails over to the SDK's next attempt instead of hanging on
 * the operating system's own timeout (minutes).
 */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000

/**
 * Default idle timeout: how long an open connection may stay silent, waiting for the answer or in
 * the middle of its body, before the attempt is given up. AWS answers the gate's calls within a few
 * seconds (the slowest, a page of 1,000 enhanced findings, in well under 10 s) and then streams the
 * body without pauses, so 20 s of silence means a stuck connection or endpoint; the SDK then retries
 * (a TimeoutError is transient) within `maxAttempts`. An endpoint that keeps trickling bytes is not
 * idle: that case is bounded by the response size limit and by the run's `AbortSignal`.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 20_000

/** How the session's clients are built. */
export interface AwsSessionOptions {
  /** Attempts per call, the first included (SDK standard retry mode); 1 to 10, default 3. */
  maxAttempts?: number
  /** Where the `AWS_ENDPOINT_URL*` variables are read; default `process.env`. An injected env is authoritative. */
  env?: NodeJS.ProcessEnv
  /** Time to establish a connection, in ms; default `DEFAULT_CONNECTION_TIMEOUT_MS`. */
  connectionTimeoutMs?: number
  /** Longest silence on an open connection, in ms; default `DEFAULT_IDLE_TIMEOUT_MS`. */
  idleTimeoutMs?: number
}

/**
 * The options of the SDK's Node HTTP handler that the session sets. In the installed handler the
 * idle timeout is `socketTimeout`; its `requestTimeout` only logs a warning unless
 * `throwOnRequestTimeout` is set, and ends once the response headers arrive, so it is not used.
 */
export interface HttpTimeouts {
  connectionTimeout: number
  socketTimeout: number
}

/** The configuration every client gets; a service may add its own settings on top. */
export interface ServiceClientConfig {
  region: string
  maxAttempts: number
  retryMode: 'standard'
  customUserAgent: string
  logger: NonNullable<ECRClientConfig['logger']>
  requestHandler: HttpTimeouts
  /** From `AWS_ENDPOINT_URL_<envSuffix>` or `AWS_ENDPOINT_URL`, when set. */
  endpoint?: string
  ignoreConfiguredEndpointUrls?: boolean
}

/** What the session needs of an SDK client: its config, for the size bound and for destroy. */
export interface SdkClient {
  config: object
  destroy(): void
}

/**
 * One AWS service: how to build its SDK client and how to wrap it in the gate's port. Adding a
 * service is one file exporting one of these (plus its port interface).
 */
export interface AwsService<Client extends SdkClient, Port> {
  /** Names the service in the session's cache and in messages, e.g. `ecr`. */
  readonly id: string
  /** The suffix of the service's endpoint variable, as the SDK derives it: `AWS_ENDPOINT_URL_<envSuffix>`. */
  readonly envSuffix: string
  createClient(config: ServiceClientConfig): Client
  /** The port over a client that is created on the port's first call (`client()` creates or returns it). */
  createPort(client: () => Client): Port
}

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
 * The endpoint configured for one service by the standard variables: `AWS_ENDPOINT_URL_<envSuffix>`
 * (e.g. `ECR`, `INSPECTOR2`, `SIGNER`) first, then `AWS_ENDPOINT_URL`; none when
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true. Throws when the value is not an http(s) URL,
 * naming the variable.
 */
export function configuredEndpoint(envSuffix: string, env: NodeJS.ProcessEnv): string | undefined {
  if (isTrue(env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'])) return undefined
  const specific = `AWS_ENDPOINT_URL_${envSuffix}`
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

function positiveMs(name: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback
  if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) {
    throw new Error(`Invalid ${name} ${ms}: expected an integer number of milliseconds from 1 to 600000`)
  }
  return ms
}

interface Entry {
  port: unknown
  client?: SdkClient
}

/**
 * The gate's AWS clients, created lazily: `ecr(region)`, `inspector(region)`, `signer(region)` (or
 * `port(service, region)` for any service) return a port at once, and the port's SDK client is built
 * on its first call, once per (service, region), then reused.
 *
 * Every client: SDK standard retry mode, `maxAttempts` attempts (default 3), user agent `UserAgent`,
 * the connection and idle timeouts above, and responses bounded by `limitResponseSize`.
 * Endpoints come from the standard `AWS_ENDPOINT_URL*` variables of `env` (default `process.env`);
 * they are read here rather than left to the SDK so that an injected `env` is authoritative and so
 * that a service knows when its endpoint is custom (Signer then sets `disableHostPrefix`). They are
 * read, and a malformed one refused, when the port is handed out, before any call. The SDK would read
 * the same variables from `process.env` itself (checked with the installed versions:
 * `config.serviceConfiguredEndpoint`); an endpoint from the shared config file's `services` section
 * is still left to the SDK.
 */
export class AwsSession {
  private readonly maxAttempts: number
  private readonly env: NodeJS.ProcessEnv
  private readonly timeouts: HttpTimeouts
  private readonly entries = new Map<string, Entry>()

  /** Throws when `maxAttempts` (1–10) or a timeout (1–600000 ms) is out of range. */
  constructor(options: AwsSessionOptions = {}) {
    const maxAttempts = options.maxAttempts ?? 3
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
      throw new Error(`Invalid maxAttempts ${maxAttempts}: expected an integer from 1 to 10`)
    }
    this.maxAttempts = maxAttempts
    this.env = options.env ?? process.env
    this.timeouts = {
      connectionTimeout: positiveMs('connectionTimeoutMs', options.connectionTimeoutMs, DEFAULT_CONNECTION_TIMEOUT_MS),
      socketTimeout: positiveMs('idleTimeoutMs', options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS)
    }
  }

  /** The ECR port of `region`. */
  ecr(region: string): EcrPort {
    return this.port(ecrService, region)
  }

  /** The Inspector2 port of `region`. */
  inspector(region: string): InspectorPort {
    return this.port(inspectorService, region)
  }

  /** The Signer port of `region`. */
  signer(region: string): SignerPort {
    return this.port(signerService, region)
  }

  /** Every port of `region`; each one's client is still created only when it is first used. */
  forRegion(region: string): AwsPorts {
    return { ecr: this.ecr(region), inspector: this.inspector(region), signer: this.signer(region), kms: this.port(kmsService, region) }
  }

  /**
   * The port of `service` in `region`, the same object on every call. Throws when the region is not
   * a region name or the service's endpoint variable is malformed.
   */
  port<Client extends SdkClient, Port>(service: AwsService<Client, Port>, region: string): Port {
    return this.entry(service, region).port as Port
  }

  /** The SDK client of `service` in `region`, created now if it was not yet. */
  client<Client extends SdkClient, Port>(service: AwsService<Client, Port>, region: string): Client {
    return this.clientOf(service, region, this.entry(service, region))
  }

  /** Whether the client of `service` in `region` has been created. */
  hasClient<Client extends SdkClient, Port>(service: AwsService<Client, Port>, region: string): boolean {
    return this.entries.get(keyOf(service, region))?.client !== undefined
  }

  /** Closes every client's connections. */
  destroy(): void {
    for (const entry of this.entries.values()) entry.client?.destroy()
    this.entries.clear()
  }

  private entry<Client extends SdkClient, Port>(service: AwsService<Client, Port>, region: string): Entry {
    const key = keyOf(service, region)
    const existing = this.entries.get(key)
    if (existing !== undefined) return existing
    if (!REGION_PATTERN.test(region)) {
      throw new Error(`Invalid AWS region '${region.slice(0, 64)}': expected a region name such as us-east-1`)
    }
    configuredEndpoint(service.envSuffix, this.env)
    const entry: Entry = { port: undefined }
    entry.port = service.createPort(() => this.clientOf(service, region, entry))
    this.entries.set(key, entry)
    return entry
  }

  private clientOf<Client extends SdkClient, Port>(service: AwsService<Client, Port>, region: string, entry: Entry): Client {
    if (entry.client !== undefined) return entry.client as Client
    const endpoint = configuredEndpoint(service.envSuffix, this.env)
    const config: ServiceClientConfig = {
      region,
      maxAttempts: this.maxAttempts,
      retryMode: 'standard',
      customUserAgent: UserAgent,
      logger: sdkLogger,
      requestHandler: { ...this.timeouts },
      ...(endpoint !== undefined ? { endpoint } : {}),
      // An injected env replaces process.env entirely; stop the SDK from reading endpoints there.
      ...(this.env !== process.env ? { ignoreConfiguredEndpointUrls: true } : {})
    }
    const client = limitResponseSize(service.createClient(config))
    entry.client = client
    return client
  }
}

function keyOf(service: { id: string }, region: string): string {
  return `${service.id}\u0000${region}`
}
