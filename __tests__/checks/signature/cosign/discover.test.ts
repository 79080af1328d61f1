/**
 * Discovery of cosign signatures over a fake registry client: which referrers are fetched (and in
 * which order), the bundle and legacy layouts a referrer manifest may take, the legacy `.sig` tag,
 * the bounds on count and size, and what is thrown versus returned as a candidate's problem.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  CosignMediaTypes,
  legacyTagCandidates,
  MAX_COSIGN_BLOB_BYTES,
  MAX_COSIGN_SIGNATURES,
  referrerCandidates
} from '../../../../src/checks/signature/cosign/discover.js'
import { Limits, MediaTypes } from '../../../../src/core/constants.js'
import type { Logger } from '../../../../src/core/ports.js'
import type { Descriptor } from '../../../../src/core/types.js'
import { RegistryError, type RegistryClient } from '../../../../src/registry/client.js'

const HEX = 'c'.repeat(64)
const SUBJECT = `sha256:${HEX}`
const REPO = 'acme/app'
const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const sha = (bytes: string | Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`
const digestOf = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`

interface ManifestCall {
  repository: string
  reference: string
  accept: string[]
  maxBytes: number | undefined
}
interface BlobCall {
  repository: string
  descriptor: Descriptor
  maxBytes: number
}

/** An in-memory registry with the three calls discovery makes, recording each. */
class FakeRegistry {
  readonly manifests = new Map<string, Buffer>()
  readonly blobs = new Map<string, Buffer>()
  readonly tags = new Map<string, string>()
  readonly failures = new Map<string, unknown>()
  readonly manifestCalls: ManifestCall[] = []
  readonly findCalls: ManifestCall[] = []
  readonly blobCalls: BlobCall[] = []

  putManifest(value: unknown, digest?: string): string {
    const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))
    const d = digest ?? sha(bytes)
    this.manifests.set(d, bytes)
    return d
  }

  putBlob(content: string | Buffer, mediaType: string, annotations?: Record<string, string>): Record<string, unknown> {
    const bytes = Buffer.from(content)
    const digest = sha(bytes)
    this.blobs.set(digest, bytes)
    return { mediaType, digest, size: bytes.length, ...(annotations !== undefined ? { annotations } : {}) }
  }

  private manifest(reference: string): { bytes: Uint8Array; mediaType: string; digest: string } {
    const failure = this.failures.get(reference)
    if (failure !== undefined) throw failure
    const digest = this.tags.get(reference) ?? reference
    const bytes = this.manifests.get(digest)
    if (bytes === undefined) throw new RegistryError(`manifest ${REPO}:${reference} not found`, 404)
    return { bytes: new Uint8Array(bytes), mediaType: MediaTypes.OciManifest, digest }
  }

  readonly client = {
    getManifest: (repository: string, reference: string, accept: string[], maxBytes?: number) => {
      this.manifestCalls.push({ repository, reference, accept, maxBytes })
      return Promise.resolve().then(() => this.manifest(reference))
    },
    findManifest: (repository: string, reference: string, accept: string[], maxBytes?: number) => {
      this.findCalls.push({ repository, reference, accept, maxBytes })
      return Promise.resolve().then(() => {
        try {
          return this.manifest(reference)
        } catch (error) {
          if (error instanceof RegistryError && error.status === 404) return undefined
          throw error
        }
      })
    },
    getBlob: (repository: string, descriptor: Descriptor, maxBytes: number) => {
      this.blobCalls.push({ repository, descriptor, maxBytes })
      return Promise.resolve().then(() => {
        const failure = this.failures.get(descriptor.digest)
        if (failure !== undefined) throw failure
        const bytes = this.blobs.get(descriptor.digest)
        if (bytes === undefined) throw new RegistryError(`blob ${descriptor.digest} not found`, 404)
        return new Uint8Array(bytes)
      })
    }
  }

  get registry(): RegistryClient {
    return this.client as unknown as RegistryClient
  }
}

function recordingLog(): Logger & { debugs: string[]; warnings: string[] } {
  const debugs: string[] = []
  const warnings: string[] = []
  return {
    debugs,
    warnings,
    debug: (m) => debugs.push(m),
    info: () => undefined,
    warning: (m) => warnings.push(m),
    setSecret: () => undefined,
    group: (_name, fn) => fn()
  }
}

const BUNDLE = { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', content: 'x' }
const EMPTY_CONFIG = { mediaType: MediaTypes.OciEmpty, digest: sha('{}'), size: 2 }

function bundleManifest(fake: FakeRegistry, content: string = JSON.stringify(BUNDLE), extraLayers: unknown[] = []): string {
  return fake.putManifest({
    schemaVersion: 2,
    mediaType: MediaTypes.OciManifest,
    artifactType: BUNDLE_TYPE,
    config: EMPTY_CONFIG,
    layers: [fake.putBlob(content, BUNDLE_TYPE), ...extraLayers],
    subject: { mediaType: MediaTypes.OciManifest, digest: SUBJECT, size: 100 }
  })
}

function legacyManifest(fake: FakeRegistry, layers: unknown[], where: 'config' | 'artifactType' = 'config'): string {
  return fake.putManifest({
    schemaVersion: 2,
    mediaType: MediaTypes.OciManifest,
    ...(where === 'artifactType' ? { artifactType: CosignMediaTypes.LegacyReferrer } : {}),
    config: where === 'config' ? { mediaType: CosignMediaTypes.LegacyReferrer, digest: sha('c'), size: 1 } : EMPTY_CONFIG,
    layers
  })
}

const ref = (digest: string, artifactType?: string): Descriptor => ({
  mediaType: MediaTypes.OciManifest,
  digest,
  size: 500,
  ...(artifactType !== undefined ? { artifactType } : {})
})

const payloadOf = (n: number): string => JSON.stringify({ critical: { image: { 'docker-manifest-digest': SUBJECT } }, n })

describe('constants', () => {
  it('bounds signatures and payloads', () => {
    expect(MAX_COSIGN_SIGNATURES).toBe(32)
    expect(MAX_COSIGN_BLOB_BYTES).toBe(1048576)
    expect(CosignMediaTypes).toStrictEqual({
      BundlePrefix: 'application/vnd.dev.sigstore.bundle',
      SimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
      LegacyReferrer: 'application/vnd.dev.cosign.artifact.sig.v1+json'
    })
  })
})

describe('referrerCandidates: bundles', () => {
  it('returns the parsed bundle of a bundle referrer, fetching with the manifest and blob bounds', async () => {
    const fake = new FakeRegistry()
    const m = bundleManifest(fake)
    const log = recordingLog()
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, BUNDLE_TYPE)], log)
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: m, bundle: BUNDLE }])
    expect(fake.manifestCalls).toStrictEqual([
      { repository: REPO, reference: m, accept: [MediaTypes.OciManifest], maxBytes: Limits.manifestBytes }
    ])
    expect(fake.blobCalls).toHaveLength(1)
    expect(fake.blobCalls[0]!.repository).toBe(REPO)
    expect(fake.blobCalls[0]!.maxBytes).toBe(MAX_COSIGN_BLOB_BYTES)
    expect(fake.blobCalls[0]!.descriptor.mediaType).toBe(BUNDLE_TYPE)
    expect(log.warnings).toStrictEqual([])
    expect(log.debugs).toStrictEqual([])
  })

  it('returns nothing for no referrers', async () => {
    const fake = new FakeRegistry()
    expect(await referrerCandidates(fake.registry, REPO, SUBJECT, [], recordingLog())).toStrictEqual([])
    expect(fake.manifestCalls).toStrictEqual([])
  })

  it('recognises an unlabelled or empty-typed referrer by its bundle layer', async () => {
    const fake = new FakeRegistry()
    const a = bundleManifest(fake, JSON.stringify({ n: 1 }))
    const b = bundleManifest(fake, JSON.stringify({ n: 2 }))
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(a), ref(b, MediaTypes.OciEmpty)], recordingLog())
    expect(out).toStrictEqual([
      { layout: 'bundle', manifestDigest: a, bundle: { n: 1 } },
      { layout: 'bundle', manifestDigest: b, bundle: { n: 2 } }
    ])
  })

  it('accepts a versioned bundle media type on the layer', async () => {
    const fake = new FakeRegistry()
    const type = 'application/vnd.dev.sigstore.bundle+json;version=0.2'
    const m = fake.putManifest({ artifactType: type, layers: [fake.putBlob('{"v":2}', type)] })
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, type)], recordingLog())
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: m, bundle: { v: 2 } }])
  })

  it('does not fetch referrers of other artifact types', async () => {
    const fake = new FakeRegistry()
    const notation = bundleManifest(fake)
    const sbom = bundleManifest(fake, '{"sbom":1}')
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      [ref(notation, MediaTypes.NotationSignature), ref(sbom, `x${BUNDLE_TYPE}`)],
      recordingLog()
    )
    expect(out).toStrictEqual([])
    expect(fake.manifestCalls).toStrictEqual([])
  })

  it('refuses a bundle manifest with more than one layer', async () => {
    const fake = new FakeRegistry()
    const m = bundleManifest(fake, undefined, [{ mediaType: 'text/plain', digest: sha('x'), size: 1 }])
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, BUNDLE_TYPE)], recordingLog())
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: m, problem: '2 layers; a Sigstore bundle manifest has exactly one' }])
    expect(fake.blobCalls).toStrictEqual([])
  })

  it('reports a bundle that is not JSON', async () => {
    const fake = new FakeRegistry()
    const m = bundleManifest(fake, 'not json {')
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, BUNDLE_TYPE)], recordingLog())
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: m, problem: 'the Sigstore bundle is not JSON' }])
  })

  it('reports a bundle blob that cannot be fetched', async () => {
    const fake = new FakeRegistry()
    const m = bundleManifest(fake)
    const layer = JSON.parse(fake.manifests.get(m)!.toString()) as { layers: { digest: string }[] }
    fake.failures.set(layer.layers[0]!.digest, new RegistryError('HTTP 500 from the registry', 500))
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, BUNDLE_TYPE)], recordingLog())
    expect(out).toStrictEqual([
      {
        layout: 'bundle',
        manifestDigest: m,
        problem: 'the Sigstore bundle: the layer could not be fetched: HTTP 500 from the registry'
      }
    ])
  })

  it('reports a bundle layer over the size bound without fetching it, and fetches one at the bound', async () => {
    const fake = new FakeRegistry()
    const over = fake.putManifest({ layers: [{ mediaType: BUNDLE_TYPE, digest: sha('o'), size: MAX_COSIGN_BLOB_BYTES + 1 }] })
    const content = Buffer.from('{"at":1}')
    fake.blobs.set(sha('a'), content)
    const at = fake.putManifest({ layers: [{ mediaType: BUNDLE_TYPE, digest: sha('a'), size: MAX_COSIGN_BLOB_BYTES }] })
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(over, BUNDLE_TYPE), ref(at, BUNDLE_TYPE)], recordingLog())
    expect(out).toStrictEqual([
      {
        layout: 'bundle',
        manifestDigest: over,
        problem: 'the Sigstore bundle: the layer declares 1048577 bytes, over the 1048576-byte limit'
      },
      { layout: 'bundle', manifestDigest: at, bundle: { at: 1 } }
    ])
    expect(fake.blobCalls.map((c) => c.descriptor.digest)).toStrictEqual([sha('a')])
  })

  it('reports a malformed bundle layer descriptor', async () => {
    const fake = new FakeRegistry()
    const m = fake.putManifest({ layers: [{ mediaType: BUNDLE_TYPE, digest: 'nope', size: 1 }] })
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, BUNDLE_TYPE)], recordingLog())
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: m, problem: 'the Sigstore bundle: malformed layer descriptor' }])
    expect(fake.blobCalls).toStrictEqual([])
  })

  it('reports a bundle-labelled manifest that cannot be fetched or parsed, and passes over an unlabelled one', async () => {
    const fake = new FakeRegistry()
    const gone = digestOf(1)
    fake.failures.set(gone, new RegistryError('HTTP 403 from the registry', 403))
    const garbled = fake.putManifest('{garbled')
    const unlabelled = digestOf(2)
    fake.failures.set(unlabelled, new Error('socket hang up'))
    let parseError = ''
    try {
      JSON.parse('{garbled')
    } catch (error) {
      parseError = (error as Error).message
    }
    const log = recordingLog()
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      [ref(gone, BUNDLE_TYPE), ref(garbled, BUNDLE_TYPE), ref(unlabelled)],
      log
    )
    expect(out).toStrictEqual([
      { layout: 'bundle', manifestDigest: gone, problem: 'the signature manifest could not be fetched: HTTP 403 from the registry' },
      { layout: 'bundle', manifestDigest: garbled, problem: `the signature manifest could not be fetched: ${parseError}` }
    ])
    expect(log.debugs).toStrictEqual([`Referrer ${unlabelled} could not be read (socket hang up); not a cosign signature`])
  })

  it('passes over manifests that are not JSON objects or carry no cosign layers', async () => {
    const fake = new FakeRegistry()
    const list = fake.putManifest('[1]')
    const nul = fake.putManifest('null')
    const other = fake.putManifest({ config: EMPTY_CONFIG, layers: [{ mediaType: 'text/plain', digest: sha('t'), size: 1 }] })
    const numeric = fake.putManifest({ layers: [{ mediaType: 7, digest: sha('n'), size: 1 }, 'junk'] })
    const log = recordingLog()
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(list), ref(nul), ref(other), ref(numeric)], log)
    expect(out).toStrictEqual([])
    expect(fake.manifestCalls.map((c) => c.reference)).toStrictEqual([list, nul, other, numeric])
    expect(fake.blobCalls).toStrictEqual([])
    expect(log.debugs).toStrictEqual([])
  })
})

describe('referrerCandidates: legacy manifests stored as referrers', () => {
  it('returns the simple-signing layers of a manifest with the legacy config type', async () => {
    const fake = new FakeRegistry()
    const sigLayer = fake.putBlob(payloadOf(1), CosignMediaTypes.SimpleSigning, {
      'dev.cosignproject.cosign/signature': 'MEUC',
      'dev.sigstore.cosign/bundle': '{}'
    })
    const other = fake.putBlob('other', 'text/plain')
    const m = legacyManifest(fake, [other, sigLayer])
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m, CosignMediaTypes.LegacyReferrer)], recordingLog())
    expect(out).toStrictEqual([
      {
        layout: 'legacy',
        manifestDigest: m,
        layerDigest: sigLayer['digest'],
        annotations: { 'dev.cosignproject.cosign/signature': 'MEUC', 'dev.sigstore.cosign/bundle': '{}' },
        payload: Buffer.from(payloadOf(1))
      }
    ])
    expect(fake.blobCalls.map((c) => c.descriptor.digest)).toStrictEqual([sigLayer['digest']])
    expect(fake.blobCalls[0]!.maxBytes).toBe(MAX_COSIGN_BLOB_BYTES)
  })

  it('returns the simple-signing layers of a manifest with the legacy artifactType', async () => {
    const fake = new FakeRegistry()
    const sigLayer = fake.putBlob(payloadOf(2), CosignMediaTypes.SimpleSigning)
    const m = legacyManifest(fake, [sigLayer], 'artifactType')
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m)], recordingLog())
    expect(out).toStrictEqual([
      { layout: 'legacy', manifestDigest: m, layerDigest: sigLayer['digest'], annotations: {}, payload: Buffer.from(payloadOf(2)) }
    ])
  })

  it('ignores simple-signing layers in a manifest that is not a legacy signature', async () => {
    const fake = new FakeRegistry()
    const m = fake.putManifest({
      artifactType: 'application/vnd.example+json',
      config: { mediaType: 'application/vnd.example.config+json', digest: sha('e'), size: 1 },
      layers: [fake.putBlob(payloadOf(3), CosignMediaTypes.SimpleSigning)]
    })
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m)], recordingLog())
    expect(out).toStrictEqual([])
    expect(fake.blobCalls).toStrictEqual([])
  })

  it('reports unfetchable, oversized and malformed legacy layers', async () => {
    const fake = new FakeRegistry()
    const failing = fake.putBlob(payloadOf(4), CosignMediaTypes.SimpleSigning)
    fake.failures.set(failing['digest'] as string, 'connection reset')
    const big = { mediaType: CosignMediaTypes.SimpleSigning, digest: sha('big'), size: MAX_COSIGN_BLOB_BYTES + 5 }
    const bad = { mediaType: CosignMediaTypes.SimpleSigning, digest: sha('bad'), size: -1, annotations: { a: 'b' } }
    const m = legacyManifest(fake, [failing, big, bad])
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m)], recordingLog())
    expect(out).toStrictEqual([
      {
        layout: 'legacy',
        manifestDigest: m,
        layerDigest: failing['digest'],
        annotations: {},
        problem: 'the layer could not be fetched: connection reset'
      },
      {
        layout: 'legacy',
        manifestDigest: m,
        layerDigest: sha('big'),
        annotations: {},
        problem: 'the layer declares 1048581 bytes, over the 1048576-byte limit'
      },
      { layout: 'legacy', manifestDigest: m, layerDigest: '', annotations: { a: 'b' }, problem: 'malformed layer descriptor' }
    ])
  })

  it('keeps only string annotations, and none from a non-object', async () => {
    const fake = new FakeRegistry()
    const one = fake.putBlob(payloadOf(5), CosignMediaTypes.SimpleSigning)
    const two = fake.putBlob(payloadOf(6), CosignMediaTypes.SimpleSigning)
    const m = legacyManifest(fake, [
      { ...one, annotations: { keep: 'yes', drop: 1, nested: { x: 'y' } } },
      { ...two, annotations: ['listed'] }
    ])
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m)], recordingLog())
    expect(out.map((c) => (c.layout === 'legacy' ? c.annotations : undefined))).toStrictEqual([{ keep: 'yes' }, {}])
  })

  it('fills only the room left by earlier candidates', async () => {
    const fake = new FakeRegistry()
    const b = bundleManifest(fake)
    const layers = Array.from({ length: MAX_COSIGN_SIGNATURES }, (_, i) => fake.putBlob(payloadOf(100 + i), CosignMediaTypes.SimpleSigning))
    const m = legacyManifest(fake, layers)
    const log = recordingLog()
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(b), ref(m)], log)
    expect(out).toHaveLength(MAX_COSIGN_SIGNATURES)
    expect(out[0]).toStrictEqual({ layout: 'bundle', manifestDigest: b, bundle: BUNDLE })
    expect(out.slice(1).map((c) => (c.layout === 'legacy' ? c.layerDigest : ''))).toStrictEqual(
      layers.slice(0, MAX_COSIGN_SIGNATURES - 1).map((l) => l['digest'])
    )
    expect(fake.blobCalls).toHaveLength(MAX_COSIGN_SIGNATURES)
    expect(log.warnings).toStrictEqual([])
  })

  it('stops examining once the candidates fill the bound', async () => {
    const fake = new FakeRegistry()
    const layers = Array.from({ length: MAX_COSIGN_SIGNATURES + 1 }, (_, i) =>
      fake.putBlob(payloadOf(200 + i), CosignMediaTypes.SimpleSigning)
    )
    const m = legacyManifest(fake, layers)
    const next = bundleManifest(fake)
    const log = recordingLog()
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [ref(m), ref(next)], log)
    expect(out).toHaveLength(MAX_COSIGN_SIGNATURES)
    expect(out.every((c) => c.manifestDigest === m)).toBe(true)
    expect(fake.manifestCalls.map((c) => c.reference)).toStrictEqual([m])
    expect(log.warnings).toStrictEqual([`More than 32 possible cosign signatures of ${SUBJECT}; examining only the first 32`])
  })
})

describe('referrerCandidates: order, de-duplication and bounds', () => {
  // Both failed while the comparator sorted labelled bundles last.
  it('examines labelled bundles first, keeping the listed order otherwise', async () => {
    const fake = new FakeRegistry()
    const u1 = bundleManifest(fake, '{"u":1}')
    const b1 = bundleManifest(fake, '{"b":1}')
    const u2 = bundleManifest(fake, '{"u":2}')
    const b2 = bundleManifest(fake, '{"b":2}')
    const listed = [ref(u1), ref(b1, BUNDLE_TYPE), ref(u2, MediaTypes.OciEmpty), ref(b2, BUNDLE_TYPE)]
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, listed, recordingLog())
    expect(fake.manifestCalls.map((c) => c.reference)).toStrictEqual([b1, b2, u1, u2])
    expect(out.map((c) => c.manifestDigest)).toStrictEqual([b1, b2, u1, u2])
  })

  it('keeps a labelled bundle within the bound behind 32 unlabelled referrers', async () => {
    const fake = new FakeRegistry()
    const unlabelled = Array.from({ length: MAX_COSIGN_SIGNATURES }, (_, i) => digestOf(1000 + i))
    for (const d of unlabelled) fake.putManifest({ layers: [] }, d)
    const b = bundleManifest(fake)
    const log = recordingLog()
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, [...unlabelled.map((d) => ref(d)), ref(b, BUNDLE_TYPE)], log)
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: b, bundle: BUNDLE }])
  })

  it('keeps the listed order among referrers of one kind and leaves the input unsorted', async () => {
    const fake = new FakeRegistry()
    const u1 = bundleManifest(fake, '{"u":1}')
    const u2 = bundleManifest(fake, '{"u":2}')
    const b1 = bundleManifest(fake, '{"b":1}')
    const b2 = bundleManifest(fake, '{"b":2}')
    const unlabelled = Object.freeze([ref(u2), ref(u1, MediaTypes.OciEmpty)])
    expect((await referrerCandidates(fake.registry, REPO, SUBJECT, unlabelled, recordingLog())).map((c) => c.manifestDigest)).toStrictEqual(
      [u2, u1]
    )
    const labelled = Object.freeze([ref(b2, BUNDLE_TYPE), ref(b1, BUNDLE_TYPE)])
    expect((await referrerCandidates(fake.registry, REPO, SUBJECT, labelled, recordingLog())).map((c) => c.manifestDigest)).toStrictEqual([
      b2,
      b1
    ])
    const mixed = Object.freeze([ref(u1), ref(b1, BUNDLE_TYPE), ref(u2), ref(b2, BUNDLE_TYPE)])
    const out = await referrerCandidates(fake.registry, REPO, SUBJECT, mixed, recordingLog())
    expect(out.map((c) => c.manifestDigest).sort()).toStrictEqual([u1, b1, u2, b2].sort())
    expect(mixed.map((d) => d.digest)).toStrictEqual([u1, b1, u2, b2])
  })

  it('examines each digest once and never the subject itself', async () => {
    const fake = new FakeRegistry()
    const b = bundleManifest(fake)
    fake.putManifest({ layers: [fake.putBlob('{"self":1}', BUNDLE_TYPE)] }, SUBJECT)
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      [ref(b, BUNDLE_TYPE), ref(SUBJECT, BUNDLE_TYPE), ref(b, BUNDLE_TYPE), ref(b)],
      recordingLog()
    )
    expect(out).toStrictEqual([{ layout: 'bundle', manifestDigest: b, bundle: BUNDLE }])
    expect(fake.manifestCalls.map((c) => c.reference)).toStrictEqual([b])
  })

  it('examines at most 32 referrers and warns', async () => {
    const fake = new FakeRegistry()
    const unlabelled = Array.from({ length: MAX_COSIGN_SIGNATURES + 1 }, (_, i) => digestOf(1000 + i))
    for (const d of unlabelled) fake.putManifest({ layers: [] }, d)
    const log = recordingLog()
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      unlabelled.map((d) => ref(d)),
      log
    )
    expect(out).toStrictEqual([])
    expect(fake.manifestCalls.map((c) => c.reference)).toStrictEqual(unlabelled.slice(0, MAX_COSIGN_SIGNATURES))
    expect(log.warnings).toStrictEqual([`More than 32 possible cosign signatures of ${SUBJECT}; examining only the first 32`])
  })

  it('returns exactly 32 of 33 bundle referrers', async () => {
    const fake = new FakeRegistry()
    const bundles = Array.from({ length: MAX_COSIGN_SIGNATURES + 1 }, (_, i) => bundleManifest(fake, `{"i":${i}}`))
    const log = recordingLog()
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      bundles.map((d) => ref(d, BUNDLE_TYPE)),
      log
    )
    expect(out.map((c) => c.manifestDigest)).toStrictEqual(bundles.slice(0, MAX_COSIGN_SIGNATURES))
    expect(log.warnings).toHaveLength(1)
  })

  it('examines exactly 32 referrers without a warning when no more are listed', async () => {
    const fake = new FakeRegistry()
    const bundles = Array.from({ length: MAX_COSIGN_SIGNATURES }, (_, i) => bundleManifest(fake, `{"i":${i}}`))
    const log = recordingLog()
    const out = await referrerCandidates(
      fake.registry,
      REPO,
      SUBJECT,
      bundles.map((d) => ref(d, BUNDLE_TYPE)),
      log
    )
    expect(out).toHaveLength(MAX_COSIGN_SIGNATURES)
    expect(log.warnings).toStrictEqual([])
  })
})

describe('legacyTagCandidates', () => {
  const TAG = `sha256-${HEX}.sig`

  it('returns nothing when the .sig tag does not exist', async () => {
    const fake = new FakeRegistry()
    expect(await legacyTagCandidates(fake.registry, REPO, SUBJECT)).toStrictEqual([])
    expect(fake.findCalls).toStrictEqual([
      {
        repository: REPO,
        reference: TAG,
        accept: [MediaTypes.OciManifest, MediaTypes.DockerManifest],
        maxBytes: Limits.manifestBytes
      }
    ])
  })

  it('returns the simple-signing layers under the tag', async () => {
    const fake = new FakeRegistry()
    const one = fake.putBlob(payloadOf(1), CosignMediaTypes.SimpleSigning, { 'dev.cosignproject.cosign/signature': 'sig1' })
    const two = fake.putBlob(payloadOf(2), CosignMediaTypes.SimpleSigning)
    const m = fake.putManifest({
      mediaType: MediaTypes.DockerManifest,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('cfg'), size: 3 },
      layers: [one, fake.putBlob('x', 'text/plain'), two]
    })
    fake.tags.set(TAG, m)
    expect(await legacyTagCandidates(fake.registry, REPO, SUBJECT)).toStrictEqual([
      {
        layout: 'legacy',
        manifestDigest: m,
        layerDigest: one['digest'],
        annotations: { 'dev.cosignproject.cosign/signature': 'sig1' },
        payload: Buffer.from(payloadOf(1))
      },
      { layout: 'legacy', manifestDigest: m, layerDigest: two['digest'], annotations: {}, payload: Buffer.from(payloadOf(2)) }
    ])
    expect(fake.blobCalls.map((c) => [c.repository, c.maxBytes])).toStrictEqual([
      [REPO, MAX_COSIGN_BLOB_BYTES],
      [REPO, MAX_COSIGN_BLOB_BYTES]
    ])
  })

  it('returns at most 32 layers', async () => {
    const fake = new FakeRegistry()
    const layers = Array.from({ length: MAX_COSIGN_SIGNATURES + 1 }, (_, i) => fake.putBlob(payloadOf(i), CosignMediaTypes.SimpleSigning))
    fake.tags.set(TAG, fake.putManifest({ layers }))
    const out = await legacyTagCandidates(fake.registry, REPO, SUBJECT)
    expect(out.map((c) => c.layerDigest)).toStrictEqual(layers.slice(0, MAX_COSIGN_SIGNATURES).map((l) => l['digest']))
    expect(fake.blobCalls).toHaveLength(MAX_COSIGN_SIGNATURES)
  })

  it('returns nothing for a manifest without layers', async () => {
    const fake = new FakeRegistry()
    fake.tags.set(TAG, fake.putManifest({ layers: 'none' }))
    expect(await legacyTagCandidates(fake.registry, REPO, SUBJECT)).toStrictEqual([])
  })

  it.each(['null', '[]', '"text"', '42'])('reports a manifest that is not a JSON object (%s)', async (body) => {
    const fake = new FakeRegistry()
    const m = fake.putManifest(body)
    fake.tags.set(TAG, m)
    expect(await legacyTagCandidates(fake.registry, REPO, SUBJECT)).toStrictEqual([
      {
        layout: 'legacy',
        manifestDigest: m,
        layerDigest: '',
        annotations: {},
        problem: `the ${TAG} manifest is not a JSON object`
      }
    ])
  })

  it('throws on a registry failure other than 404, and on a manifest that is not JSON', async () => {
    const fake = new FakeRegistry()
    fake.failures.set(TAG, new RegistryError('HTTP 500 from the registry', 500))
    await expect(legacyTagCandidates(fake.registry, REPO, SUBJECT)).rejects.toThrow('HTTP 500 from the registry')
    const other = new FakeRegistry()
    other.tags.set(TAG, other.putManifest('{not json'))
    await expect(legacyTagCandidates(other.registry, REPO, SUBJECT)).rejects.toThrow(SyntaxError)
  })

  it('throws on a subject that is not a sha256 digest', async () => {
    const fake = new FakeRegistry()
    await expect(legacyTagCandidates(fake.registry, REPO, 'sha256:xyz')).rejects.toThrow(
      'Invalid subject digest for a cosign-signature tag'
    )
    expect(fake.findCalls).toStrictEqual([])
  })
})
