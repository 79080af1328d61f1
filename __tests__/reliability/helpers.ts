/**
 * Shared fixtures for the reliability suites: images as ECR would return them, a recording logger,
 * an instant clock, AWS-shaped errors and a fake OCI registry behind `fetch`.
 */
import { createHash } from 'node:crypto'
import { toGateRequest, type Settings } from '../../src/action/inputs.js'
import { signerRevocationCheck } from '../../src/aws/revocation.js'
import { notationCheck, type TrustConfig } from '../../src/checks/signature/notation/index.js'
import { gateImage, type ImagePorts } from '../../src/core/gate-image.js'
import type { Logger } from '../../src/core/ports.js'
import type { ImageVerdict, Policy } from '../../src/core/types.js'

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'
export const REPOSITORY = 'app'
export const TAG = 'v1'
export const REGISTRY_HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'

export const sha256 = (bytes: Uint8Array | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** One image as ECR stores it: the manifest bytes that hash to `digest`, and the digests Inspector scans. */
export interface FakeImage {
  manifest: string
  digest: string
  mediaType: string
  size: number
  /** Scanned digests: the platform manifests of an index, else the image itself. */
  scanned: string[]
}

/** A single-platform OCI image manifest. */
export function singleImage(seed = 'single'): FakeImage {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(`${seed}-config`), size: 10 },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha256(`${seed}-layer`), size: 20 }]
  })
  const digest = sha256(manifest)
  return { manifest, digest, mediaType: OCI_MANIFEST, size: Buffer.byteLength(manifest), scanned: [digest] }
}

/** A two-platform OCI index (amd64, arm64) plus a buildx attestation entry that must be ignored. */
export function multiImage(seed = 'multi'): FakeImage {
  const amd = sha256(`${seed}-amd64`)
  const arm = sha256(`${seed}-arm64`)
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [
      { mediaType: OCI_MANIFEST, digest: amd, size: 500, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: OCI_MANIFEST, digest: arm, size: 500, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      {
        mediaType: OCI_MANIFEST,
        digest: sha256(`${seed}-att`),
        size: 300,
        platform: { os: 'unknown', architecture: 'unknown' },
        annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': amd }
      }
    ]
  })
  const digest = sha256(manifest)
  return { manifest, digest, mediaType: OCI_INDEX, size: Buffer.byteLength(manifest), scanned: [amd, arm] }
}

/** An error shaped like the ones the AWS SDK throws after its own retries. */
export function awsError(name: string, message: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts: 3, totalRetryDelay: 0 },
    ...extra
  })
}

/** Every log line, every secret and every group, for assertions. */
export interface RecordingLogger extends Logger {
  lines: { level: 'debug' | 'info' | 'warning' | 'secret'; message: string }[]
  secrets: string[]
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = []
  const secrets: string[] = []
  return {
    lines,
    secrets,
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warning: (message) => lines.push({ level: 'warning', message }),
    setSecret: (secret) => {
      secrets.push(secret)
      // Recorded in the same stream so a test can check the order: mask first, then anything else.
      lines.push({ level: 'secret', message: secret })
    },
    group: async (name, fn) => {
      lines.push({ level: 'info', message: `::group::${name}` })
      return fn()
    }
  }
}

/** A clock that only moves when the gate sleeps: waits are instant and deterministic. */
export function instantTime(start = Date.now()): { now: () => number; sleep: (ms: number) => Promise<void>; elapsed: () => number } {
  let t = start
  return {
    now: () => t,
    sleep: async (ms) => {
      t += Math.max(0, ms)
    },
    elapsed: () => t - start
  }
}

/**
 * Gates one image through the engine's per-image pipeline, as a run does: the settings become the
 * image and plan, the trust (when given) the Notation check with AWS Signer revocation.
 */
export async function gateOne(
  config: { settings: Settings; policy: Policy; trust?: TrustConfig },
  ports: ImagePorts
): Promise<ImageVerdict> {
  const request = toGateRequest(config.settings)
  const checks = config.trust ? [notationCheck(config.trust, signerRevocationCheck(ports.clients.signer))] : []
  return gateImage(request.images[0]!, { policy: config.policy, scan: request.scan, mode: request.mode, checks }, ports)
}

/** Settings as readSettings would return them for `repository: app, tag: v1`. */
export function baseSettings(overrides: Partial<Settings> = {}): Settings {
  return {
    images: [{ reference: `${REPOSITORY}:${TAG}`, repository: REPOSITORY, tag: TAG, region: REGION }],
    batch: false,
    severityThreshold: 'HIGH',
    ignoreUnfixed: false,
    maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
    exploitableOnly: false,
    scanTimeoutSeconds: 60,
    scanType: 'auto',
    startScan: true,
    mode: 'enforce',
    failFast: true,
    reportFile: 'report.json',
    summary: true,
    signingProfileArns: [],
    ...overrides
  }
}

export function basePolicy(overrides: Partial<Policy> = {}): Policy {
  return {
    severityThreshold: 'HIGH',
    ignoreUnfixed: false,
    maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
    allowlist: [],
    ...overrides
  }
}

/** Content a fake registry serves: manifests and blobs by digest, referrers by subject digest. */
export interface RegistryContent {
  manifests: Map<string, { bytes: Uint8Array; mediaType: string }>
  blobs: Map<string, Uint8Array>
  referrers: Map<string, { mediaType: string; digest: string; size: number; artifactType?: string }[]>
}

export function emptyRegistry(): RegistryContent {
  return { manifests: new Map(), blobs: new Map(), referrers: new Map() }
}

/** A fetch that speaks just enough of the OCI distribution API for signature discovery; records requests. */
export function fakeRegistryFetch(content: RegistryContent, requests: { url: string; authorization?: string }[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url)
    const headers = new Headers(init?.headers)
    const auth = headers.get('authorization')
    requests.push({ url: url.href, ...(auth !== null ? { authorization: auth } : {}) })
    const referrers = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
    if (referrers) {
      const list = content.referrers.get(referrers[2] as string) ?? []
      const body = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: list })
      return new Response(body, { status: 200, headers: { 'content-type': OCI_INDEX } })
    }
    const manifest = /^\/v2\/(.+)\/manifests\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
    if (manifest) {
      const m = content.manifests.get(manifest[2] as string)
      if (m)
        return new Response(m.bytes, {
          status: 200,
          headers: { 'content-type': m.mediaType, 'docker-content-digest': manifest[2] as string }
        })
    }
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
    if (blob) {
      const b = content.blobs.get(blob[2] as string)
      if (b) return new Response(b, { status: 200, headers: { 'content-type': 'application/octet-stream' } })
    }
    return new Response('{"errors":[{"code":"NAME_UNKNOWN"}]}', { status: 404, headers: { 'content-type': 'application/json' } })
  }) as typeof fetch
}

/** Adds signature artifacts (as made by emulator/signing.mjs) to a fake registry under `subject`. */
export function addSignature(
  content: RegistryContent,
  subject: string,
  art: {
    manifest: Uint8Array
    mediaType: string
    digest: string
    size: number
    blobs: Uint8Array[]
    descriptor: { mediaType: string; digest: string; size: number; artifactType: string }
  }
): void {
  content.manifests.set(art.digest, { bytes: art.manifest, mediaType: art.mediaType })
  for (const b of art.blobs) content.blobs.set(sha256(b), b)
  content.referrers.set(subject, [...(content.referrers.get(subject) ?? []), art.descriptor])
}
