import { describe, it, expect, afterEach } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { RegistryClient } from '../../../../src/registry/index.js'
import { fetchSignatures, MAX_SIGNATURES } from '../../../../src/checks/signature/notation/index.js'
import { MediaTypes } from '../../../../src/core/constants.js'
import type { Logger } from '../../../../src/core/ports.js'
import type { Descriptor } from '../../../../src/core/types.js'
import { vectorsDir, vectorsPresent } from '../../../shared-vectors.js'

const AUTH = 'Basic QVdTOnNlY3JldA=='
const SIG = MediaTypes.NotationSignature
const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2
}
const sha = (bytes: string | Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`

/** In-memory registry content, served over a real HTTP socket. */
class Store {
  readonly manifests = new Map<string, { bytes: Buffer; mediaType: string }>()
  readonly blobs = new Map<string, Buffer>()
  readonly tags = new Map<string, string>()
  referrersApi = true
  /** Overrides the referrers list (e.g. to list the subject itself). */
  referrersOverride: Descriptor[] | undefined

  putBlob(content: string | Buffer, mediaType = 'application/octet-stream'): Descriptor {
    const bytes = Buffer.from(content)
    const digest = sha(bytes)
    this.blobs.set(digest, bytes)
    return { mediaType, digest, size: bytes.length }
  }

  putManifest(value: unknown, mediaType = MediaTypes.OciManifest as string): Descriptor {
    const bytes = Buffer.from(JSON.stringify(value))
    const digest = sha(bytes)
    this.manifests.set(digest, { bytes, mediaType })
    return { mediaType, digest, size: bytes.length }
  }

  /** Referrers as the distribution spec computes them: artifactType, else config.mediaType. */
  referrers(subject: string): Descriptor[] {
    if (this.referrersOverride !== undefined) return this.referrersOverride
    const found: Descriptor[] = []
    for (const [digest, { bytes, mediaType }] of this.manifests) {
      const m = JSON.parse(bytes.toString()) as { subject?: { digest?: string }; artifactType?: string; config?: { mediaType?: string } }
      if (m.subject?.digest !== subject) continue
      const d: Descriptor = { mediaType, digest, size: bytes.length }
      const artifactType = m.artifactType ?? m.config?.mediaType
      if (artifactType !== undefined) d.artifactType = artifactType
      found.push(d)
    }
    return found
  }
}

interface Seen {
  url: string
  authorization: string | undefined
}
const servers: http.Server[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections()
          server.close(() => resolve())
        })
    )
  )
})

async function serve(store: Store): Promise<{ client: RegistryClient; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization })
    const reply = (status: number, body: Buffer | string = '', type?: string): void => {
      res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...(type ? { 'content-type': type } : {}) })
      res.end(body)
    }
    if (req.headers.authorization !== AUTH) return reply(401)
    const url = new URL(req.url ?? '/', 'http://registry')
    const match = /^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/.exec(url.pathname)
    if (match === null) return reply(404)
    const [, , kind, ref] = match as unknown as [string, string, string, string]
    if (kind === 'manifests') {
      const manifest = store.manifests.get(store.tags.get(ref) ?? ref)
      return manifest ? reply(200, manifest.bytes, manifest.mediaType) : reply(404)
    }
    if (kind === 'blobs') {
      const blob = store.blobs.get(ref)
      return blob ? reply(200, blob) : reply(404)
    }
    if (!store.referrersApi) return reply(404)
    const body = JSON.stringify({ schemaVersion: 2, mediaType: MediaTypes.OciIndex, manifests: store.referrers(ref) })
    reply(200, body, MediaTypes.OciIndex)
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { client: new RegistryClient({ baseUrl: origin, authorization: AUTH }), seen }
}

function recordingLogger(): { log: Logger; warnings: string[] } {
  const warnings: string[] = []
  return {
    warnings,
    log: { debug() {}, info() {}, warning: (m) => void warnings.push(m), setSecret() {}, group: (_n, fn) => fn() }
  }
}

/** An image plus helpers to attach signature manifests of every shape to it. */
function image(): { store: Store; subject: Descriptor; sign: (opts?: SignOptions) => { manifest: Descriptor; envelope: Buffer } } {
  const store = new Store()
  const layer = store.putBlob('layer', 'application/vnd.oci.image.layer.v1.tar+gzip')
  const subject = store.putManifest({ schemaVersion: 2, mediaType: MediaTypes.OciManifest, config: EMPTY_CONFIG, layers: [layer] })
  store.tags.set('v1', subject.digest)
  let n = 0
  const sign = (opts: SignOptions = {}): { manifest: Descriptor; envelope: Buffer } => {
    n++
    const envelope = Buffer.from(JSON.stringify({ payload: `p${n}`, protected: 'x', signature: 'y' }))
    const envelopeDescriptor = store.putBlob(envelope, opts.layerType ?? MediaTypes.Jws)
    const layers = opts.layers ?? [envelopeDescriptor]
    const manifest = store.putManifest({
      schemaVersion: 2,
      mediaType: MediaTypes.OciManifest,
      ...(opts.legacy ? { config: { ...EMPTY_CONFIG, mediaType: SIG } } : { artifactType: opts.artifactType ?? SIG, config: EMPTY_CONFIG }),
      layers,
      subject: opts.subject ?? subject,
      annotations: { n: String(n) }
    })
    return { manifest, envelope }
  }
  return { store, subject, sign }
}
interface SignOptions {
  legacy?: boolean
  artifactType?: string
  layerType?: string
  layers?: unknown[]
  subject?: Descriptor
}

describe('fetchSignatures', () => {
  it('finds OCI 1.1 and legacy (config.mediaType) signatures through the Referrers API, with envelopes and subject', async () => {
    const { store, subject, sign } = image()
    const modern = sign()
    const legacy = sign({ legacy: true, layerType: MediaTypes.Cose })
    sign({ artifactType: 'application/spdx+json' })
    const { client, seen } = await serve(store)
    const signatures = await fetchSignatures(client, 'team/app', subject, recordingLogger().log)
    expect(signatures).toHaveLength(2)
    const byDigest = new Map(signatures.map((s) => [s.manifestDigest, s]))
    expect(Buffer.from(byDigest.get(modern.manifest.digest)!.envelope)).toStrictEqual(modern.envelope)
    expect(byDigest.get(modern.manifest.digest)!.envelopeMediaType).toBe(MediaTypes.Jws)
    expect(Buffer.from(byDigest.get(legacy.manifest.digest)!.envelope)).toStrictEqual(legacy.envelope)
    expect(byDigest.get(legacy.manifest.digest)!.envelopeMediaType).toBe(MediaTypes.Cose)
    expect(byDigest.get(modern.manifest.digest)!.subject).toStrictEqual(subject)
    // The SBOM was never fetched; every request carried the token.
    expect(seen.filter((s) => s.url.includes('/manifests/'))).toHaveLength(2)
    expect(seen.every((s) => s.authorization === AUTH)).toBe(true)
  })

  it('falls back to the sha256-<hex> tag, keeping legacy entries without artifactType and skipping non-signatures', async () => {
    const { store, subject, sign } = image()
    store.referrersApi = false
    const legacy = sign({ legacy: true })
    const sbom = store.putManifest({
      schemaVersion: 2,
      mediaType: MediaTypes.OciManifest,
      config: { ...EMPTY_CONFIG, mediaType: 'application/spdx+json' },
      layers: [],
      subject
    })
    const tagIndex = store.putManifest(
      { schemaVersion: 2, mediaType: MediaTypes.OciIndex, manifests: [{ ...legacy.manifest }, { ...sbom }] },
      MediaTypes.OciIndex
    )
    store.tags.set(`sha256-${subject.digest.slice(7)}`, tagIndex.digest)
    const { client, seen } = await serve(store)
    const signatures = await fetchSignatures(client, 'team/app', subject, recordingLogger().log)
    expect(signatures.map((s) => s.manifestDigest)).toStrictEqual([legacy.manifest.digest])
    expect(seen.map((s) => s.url.split('?')[0])).toContain(`/v2/team/app/manifests/sha256-${subject.digest.slice(7)}`)
  })

  it('returns nothing when there is neither a Referrers API nor a fallback tag', async () => {
    const { store, subject } = image()
    store.referrersApi = false
    const { client } = await serve(store)
    expect(await fetchSignatures(client, 'team/app', subject, recordingLogger().log)).toStrictEqual([])
  })

  it('never follows a referrer that is the subject itself, nor a repeat', async () => {
    const { store, subject, sign } = image()
    const real = sign()
    store.referrersOverride = [
      { ...subject, artifactType: SIG },
      { ...real.manifest, artifactType: SIG },
      { ...real.manifest, artifactType: SIG }
    ]
    const { client, seen } = await serve(store)
    const { log, warnings } = recordingLogger()
    const signatures = await fetchSignatures(client, 'team/app', subject, log)
    expect(signatures.map((s) => s.manifestDigest)).toStrictEqual([real.manifest.digest])
    expect(seen.filter((s) => s.url === `/v2/team/app/manifests/${subject.digest}`)).toHaveLength(0)
    expect(seen.filter((s) => s.url === `/v2/team/app/manifests/${real.manifest.digest}`)).toHaveLength(1)
    expect(warnings.join('\n')).toMatch(/subject itself/)
  })

  it('hands on a signature with the wrong number of layers or a foreign layer type, with an empty envelope', async () => {
    const { store, subject, sign } = image()
    const extra = store.putBlob('second', MediaTypes.Jws)
    const two = sign({ layers: [extra, extra] })
    const none = sign({ layers: [] })
    const tar = sign({ layerType: 'application/vnd.oci.image.layer.v1.tar' })
    const { client, seen } = await serve(store)
    const { log, warnings } = recordingLogger()
    const signatures = await fetchSignatures(client, 'team/app', subject, log)
    const byDigest = new Map(signatures.map((s) => [s.manifestDigest, s]))
    expect(byDigest.size).toBe(3)
    expect(byDigest.get(two.manifest.digest)!.envelopeMediaType).toBe(`${MediaTypes.Jws}, ${MediaTypes.Jws}`)
    expect(byDigest.get(none.manifest.digest)!.envelopeMediaType).toBe('')
    expect(byDigest.get(tar.manifest.digest)!.envelopeMediaType).toBe('application/vnd.oci.image.layer.v1.tar')
    for (const s of signatures) {
      expect(s.envelope).toHaveLength(0)
      expect(s.subject).toStrictEqual(subject)
    }
    expect(seen.filter((s) => s.url.includes('/blobs/'))).toHaveLength(0)
    expect(warnings.join('\n')).toMatch(/2 layers, expected exactly one envelope/)
  })

  it('does not fetch an envelope declared over 32 MiB', async () => {
    const { store, subject, sign } = image()
    const big = sign({ layers: [{ mediaType: MediaTypes.Jws, digest: `sha256:${'b'.repeat(64)}`, size: 32 * 1024 * 1024 + 1 }] })
    const { client, seen } = await serve(store)
    const signatures = await fetchSignatures(client, 'team/app', subject, recordingLogger().log)
    expect(signatures).toStrictEqual([
      {
        manifestDigest: big.manifest.digest,
        envelopeMediaType: MediaTypes.Jws,
        envelope: new Uint8Array(0),
        problem: expect.stringMatching(/over the 33554432-byte limit/),
        subject
      }
    ])
    expect(seen.filter((s) => s.url.includes('/blobs/'))).toHaveLength(0)
  })

  it('fails when an envelope does not match its digest, naming the signature', async () => {
    const { store, subject, sign } = image()
    const sig = sign()
    const layerDigest = [...store.blobs.entries()].find(([, b]) => b.equals(sig.envelope))![0]
    store.blobs.set(layerDigest, Buffer.from(sig.envelope.toString().replace('p', 'q')))
    const { client } = await serve(store)
    await expect(fetchSignatures(client, 'team/app', subject, recordingLogger().log)).rejects.toThrow(
      new RegExp(`Could not fetch signature ${sig.manifest.digest}: Digest mismatch for blob`)
    )
  })

  it('fails when a signature manifest does not match its digest', async () => {
    const { store, subject, sign } = image()
    const sig = sign()
    const entry = store.manifests.get(sig.manifest.digest)!
    store.manifests.set(sig.manifest.digest, { ...entry, bytes: Buffer.concat([entry.bytes, Buffer.from(' ')]) })
    const { client } = await serve(store)
    await expect(fetchSignatures(client, 'team/app', subject, recordingLogger().log)).rejects.toThrow(/Digest mismatch for manifest/)
  })

  it(`examines at most ${MAX_SIGNATURES} signatures and says so`, async () => {
    const { store, subject, sign } = image()
    for (let i = 0; i < MAX_SIGNATURES + 8; i++) sign()
    const { client, seen } = await serve(store)
    const { log, warnings } = recordingLogger()
    const signatures = await fetchSignatures(client, 'team/app', subject, log)
    expect(signatures).toHaveLength(MAX_SIGNATURES)
    expect(seen.filter((s) => s.url.includes('/manifests/'))).toHaveLength(MAX_SIGNATURES)
    expect(warnings.join('\n')).toMatch(new RegExp(`${MAX_SIGNATURES + 8} possible signatures .* only the first ${MAX_SIGNATURES}`))
  })
})

// Real Notation signatures (Notary Project e2e OCI layouts), served as a registry would serve them.
const layouts = path.join(vectorsDir, 'notation-e2e/test/e2e/testdata/registry/oci_layout')
const layoutsPresent = vectorsPresent(layouts)

function loadLayout(name: string): { store: Store; subject: Descriptor } {
  const dir = path.join(layouts, name)
  const store = new Store()
  const blobDir = path.join(dir, 'blobs/sha256')
  for (const file of readdirSync(blobDir)) {
    const bytes = readFileSync(path.join(blobDir, file))
    store.blobs.set(`sha256:${file}`, bytes)
    try {
      const value = JSON.parse(bytes.toString()) as { mediaType?: string; layers?: unknown; manifests?: unknown }
      const mediaType = value.mediaType ?? (Array.isArray(value.manifests) ? MediaTypes.OciIndex : MediaTypes.OciManifest)
      if (Array.isArray(value.layers) || Array.isArray(value.manifests)) store.manifests.set(`sha256:${file}`, { bytes, mediaType })
    } catch {
      // a plain blob
    }
  }
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
    manifests: (Descriptor & { annotations?: Record<string, string> })[]
  }
  for (const d of index.manifests) {
    const tag = d.annotations?.['org.opencontainers.image.ref.name']
    if (tag !== undefined) store.tags.set(tag, d.digest)
  }
  const v1 = index.manifests.find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === 'v1')!
  return { store, subject: { mediaType: v1.mediaType, digest: v1.digest, size: v1.size } }
}

describe.skipIf(!layoutsPresent)('fetchSignatures on the Notary Project e2e layouts', () => {
  it('finds both legacy-form signatures of e2e-valid-multiple-signatures via the Referrers API', async () => {
    const { store, subject } = loadLayout('e2e-valid-multiple-signatures')
    const { client } = await serve(store)
    const signatures = await fetchSignatures(client, 'e2e', subject, recordingLogger().log)
    expect(signatures.map((s) => s.manifestDigest).sort()).toStrictEqual([
      'sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f',
      'sha256:c3ebe4a20b6832328fc5078a7795ddc1114b896e13fca2add38109c3866b5fbf'
    ])
    for (const s of signatures) {
      expect(s.envelopeMediaType).toBe(MediaTypes.Jws)
      expect(s.subject).toStrictEqual(subject)
      // A flattened JWS: the bytes the verifier gets are the exact envelope.
      expect(Object.keys(JSON.parse(Buffer.from(s.envelope).toString()) as object)).toEqual(
        expect.arrayContaining(['payload', 'protected', 'signature'])
      )
    }
  })

  it('finds the signature listed in the sha256-<hex> tag index when the Referrers API is absent', async () => {
    const { store, subject } = loadLayout('e2e-valid-multiple-signatures')
    store.referrersApi = false
    const { client } = await serve(store)
    const signatures = await fetchSignatures(client, 'e2e', subject, recordingLogger().log)
    expect(signatures.map((s) => s.manifestDigest)).toStrictEqual([
      'sha256:90ceaff260d657d797c408ac73564a9c7bb9d86055877c2a811f0e63b8c6524f'
    ])
    expect(signatures[0]!.envelope.length).toBe(2070)
  })

  it('hands on the e2e-invalid-signature manifest (tar layer) for the verifier to reject', async () => {
    const { store, subject } = loadLayout('e2e-invalid-signature')
    store.referrersApi = false
    const { client } = await serve(store)
    const signatures = await fetchSignatures(client, 'e2e', subject, recordingLogger().log)
    expect(signatures).toHaveLength(1)
    expect(signatures[0]!.envelopeMediaType).toBe('application/vnd.oci.image.layer.v1.tar')
    expect(signatures[0]!.envelope).toHaveLength(0)
  })
})
