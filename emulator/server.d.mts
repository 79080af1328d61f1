// Type declarations for the emulator (plain JavaScript, no build step) so TypeScript tests can
// import it under strict settings. Keep in sync with server.mjs.

import type { ImageInfo, NormFinding, Scenario } from './scenario.mjs'

/** One recorded call. */
export interface CallRecord {
  service: 'ecr' | 'inspector2' | 'signer' | 'registry' | 'unknown'
  operation: string
  /** ms since the emulator started, when the request arrived */
  t: number
  /** HTTP status sent; 0 when the connection was reset without a response */
  status: number
  digest?: string
  /** the fault kind injected, if any */
  fault?: string
  /** DescribeImageScanFindings only: true for a findings-page read (nextToken, or maxResults > 1), false for a status poll */
  page?: boolean
  /** GetBlobstore only: whether an Authorization header was sent */
  authHeader?: boolean
}

export interface EmulatorOptions {
  /** scenario object, or path to a .json / .yaml / .yml file */
  scenario: unknown
  /** 0 (default) picks a free port */
  port?: number
  host?: string
  /** added to every AWS API response */
  latencyMs?: number
  /** added to every registry response */
  registryLatencyMs?: number
  /** print each call to stderr */
  log?: boolean
  /** KMS keys GetPublicKey serves (cosign signatures): publicKey is base64 DER SubjectPublicKeyInfo */
  /** paginate the referrers API: pageSize descriptors a page; endless: a next link on every page */
  referrers?: { pageSize?: number; endless?: boolean }
  kms?: {
    keys?: { keyId: string; arn?: string; aliases?: string[]; keySpec: string; keyUsage?: string; publicKey: string; state?: string }[]
  }
  /** the loopback GitHub attestations API's state (see github.mjs); mutable after start */
  github?: import('./github.mjs').GitHubState
}

export interface Emulator {
  url: string
  port: number
  /** a scratch directory for the caller's files (allowlists, reports); removed by stop() */
  dir: string
  env: {
    AWS_ENDPOINT_URL_ECR: string
    AWS_ENDPOINT_URL_INSPECTOR2: string
    AWS_ENDPOINT_URL_SIGNER: string
    AWS_REGION: string
    AWS_ACCESS_KEY_ID: string
    AWS_SECRET_ACCESS_KEY: string
    AWS_EC2_METADATA_DISABLED: string
  }
  calls: CallRecord[]
  countCalls(filter?: Partial<CallRecord> | ((c: CallRecord) => boolean)): number
  images: Record<string, ImageInfo>
  scenario: Scenario
  /** the GitHub attestations API state given in the options */
  github?: import('./github.mjs').GitHubState
  /** jump the scan timeline(s) of a digest to the final step now; returns the ms timestamp */
  completeScanNow(digest: string): number
  /** all findings configured for a digest, late ones included */
  scanFindings(digest: string): NormFinding[]
  stop(): Promise<void>
}

export function startEmulator(opts: EmulatorOptions): Promise<Emulator>
export const createServer: typeof startEmulator
export function stopEmulator(emu: Emulator): Promise<void>
