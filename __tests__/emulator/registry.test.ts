/**
 * The OCI distribution endpoint: auth from GetAuthorizationToken, manifests by tag and digest,
 * the referrers API and its sha256-<hex> tag fallback, blob redirects that must not carry auth.
 */
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { basic, clientsFor, digestOf } from './helpers.js'

const SBOM = 'application/vnd.example.sbom.v1+json'
const NOTATION = 'application/vnd.cncf.notary.signature'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const ACCEPT = [
  OCI_INDEX,
  OCI_MANIFEST,
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

const scenario = (referrersApi: boolean) => ({
  repositories: [{ name: 'team/app' }],
  images: [
    {
      name: 'multi',
      repository: 'team/app',
      tags: ['v1'],
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' }
      ]
    },
    { name: 'single', repository: 'team/app', tags: ['single'] }
  ],
  artifacts: [
    {
      repository: 'team/app',
      subject: 'multi',
      artifactType: SBOM,
      layers: [{ mediaType: 'application/spdx+json', text: '{"spdxVersion":"SPDX-2.3"}' }],
      annotations: { 'org.example': 'sbom' }
    },
    {
      repository: 'team/app',
      subject: 'multi',
      artifactType: NOTATION,
      layers: [{ mediaType: 'application/jose+json', text: '{"payload":"e30","protected":"e30","signature":"AA"}' }]
    }
  ],
  registry: { referrersApi, redirectBlobs: true }
})

async function token(emu: Emulator): Promise<string> {
  const ecr: ECRClient = clientsFor(emu).ecr
  const out = await ecr.send(new GetAuthorizationTokenCommand({}))
  return out.authorizationData?.[0]?.authorizationToken ?? ''
}

describe('registry with the referrers API', () => {
  let emu: Emulator
  let auth: Record<string, string>
  beforeAll(async () => {
    emu = await startEmulator({ scenario: scenario(true) })
    auth = basic(await token(emu))
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('requires the Basic token GetAuthorizationToken issued', async () => {
    const anon = await fetch(`${emu.url}/v2/`)
    expect(anon.status).toBe(401)
    expect(anon.headers.get('www-authenticate')).toMatch(/^Basic realm="https:\/\/123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/"/)
    const wrong = await fetch(`${emu.url}/v2/team/app/manifests/v1`, { headers: basic(Buffer.from('AWS:guess').toString('base64')) })
    expect(wrong.status).toBe(401)
    expect(((await wrong.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('DENIED')
    const ok = await fetch(`${emu.url}/v2/`, { headers: auth })
    expect(ok.status).toBe(200)
    expect(emu.countCalls({ service: 'registry', operation: 'Ping', status: 401 })).toBe(1)
  })

  it('serves a manifest by tag and by digest with its media type and digest', async () => {
    const img = emu.images.multi
    const byTag = await fetch(`${emu.url}/v2/team/app/manifests/v1`, { headers: { ...auth, accept: ACCEPT } })
    expect(byTag.status).toBe(200)
    expect(byTag.headers.get('content-type')).toBe(OCI_INDEX)
    expect(byTag.headers.get('docker-content-digest')).toBe(img?.digest)
    const bytes = Buffer.from(await byTag.arrayBuffer())
    expect(digestOf(bytes)).toBe(img?.digest)
    expect(bytes.length).toBe(img?.size)

    const child = img?.platforms[1]
    const byDigest = await fetch(`${emu.url}/v2/team/app/manifests/${child?.digest}`, { headers: { ...auth, accept: ACCEPT } })
    expect(byDigest.headers.get('content-type')).toBe(OCI_MANIFEST)
    expect(digestOf(Buffer.from(await byDigest.arrayBuffer()))).toBe(child?.digest)

    const head = await fetch(`${emu.url}/v2/team/app/manifests/v1`, { method: 'HEAD', headers: { ...auth, accept: ACCEPT } })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(img?.size))
    expect(emu.countCalls({ operation: 'HeadManifest', digest: img?.digest ?? '' })).toBe(1)
  })

  it('honours Accept: an index is not served to a client that only takes manifests', async () => {
    const res = await fetch(`${emu.url}/v2/team/app/manifests/v1`, { headers: { ...auth, accept: OCI_MANIFEST } })
    expect(res.status).toBe(404)
    const missing = await fetch(`${emu.url}/v2/team/app/manifests/nope`, { headers: { ...auth, accept: ACCEPT } })
    expect(((await missing.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('MANIFEST_UNKNOWN')
  })

  it('lists referrers, filtered by artifactType with OCI-Filters-Applied', async () => {
    const subject = emu.images.multi?.digest
    const all = await fetch(`${emu.url}/v2/team/app/referrers/${subject}`, { headers: auth })
    expect(all.headers.get('content-type')).toBe(OCI_INDEX)
    expect(all.headers.get('oci-filters-applied')).toBeNull()
    const index = (await all.json()) as { manifests: { artifactType: string; digest: string; size: number }[] }
    expect(index.manifests.map((m) => m.artifactType).sort()).toEqual([NOTATION, SBOM])

    const sigs = await fetch(`${emu.url}/v2/team/app/referrers/${subject}?artifactType=${encodeURIComponent(NOTATION)}`, { headers: auth })
    expect(sigs.headers.get('oci-filters-applied')).toBe('artifactType')
    const only = (await sigs.json()) as { manifests: { artifactType: string; digest: string; size: number }[] }
    expect(only.manifests.length).toBe(1)
    expect(emu.images.multi?.signatures.map((s) => s.digest)).toEqual([only.manifests[0]?.digest])

    // The descriptor leads to a manifest whose subject is the image.
    const m = await fetch(`${emu.url}/v2/team/app/manifests/${only.manifests[0]?.digest}`, { headers: { ...auth, accept: OCI_MANIFEST } })
    const manifest = (await m.json()) as { subject: { digest: string }; artifactType: string; layers: { digest: string; size: number }[] }
    expect(manifest.subject.digest).toBe(subject)
    expect(manifest.artifactType).toBe(NOTATION)

    const none = await fetch(`${emu.url}/v2/team/app/referrers/${emu.images.single?.digest}`, { headers: auth })
    expect(((await none.json()) as { manifests: unknown[] }).manifests).toEqual([])
  })

  it('redirects blobs to a presigned store that refuses an Authorization header', async () => {
    const m = await fetch(`${emu.url}/v2/team/app/manifests/single`, { headers: { ...auth, accept: ACCEPT } })
    const manifest = (await m.json()) as { config: { digest: string; size: number } }
    const res = await fetch(`${emu.url}/v2/team/app/blobs/${manifest.config.digest}`, { headers: auth, redirect: 'manual' })
    expect(res.status).toBe(307)
    const location = res.headers.get('location') ?? ''
    expect(location.startsWith(`${emu.url}/_blobstore/`)).toBe(true)

    const withAuth = await fetch(location, { headers: auth })
    expect(withAuth.status).toBe(400)
    expect(await withAuth.text()).toContain('Only one auth mechanism allowed')

    const clean = await fetch(location)
    expect(clean.status).toBe(200)
    const blob = Buffer.from(await clean.arrayBuffer())
    expect(digestOf(blob)).toBe(manifest.config.digest)
    expect(blob.length).toBe(manifest.config.size)

    const store = emu.calls.filter((c) => c.operation === 'GetBlobstore')
    expect(store.map((c) => [c.authHeader, c.status])).toEqual([
      [true, 400],
      [false, 200]
    ])

    const tampered = await fetch(location.replace(/sig=[0-9a-f]+/, 'sig=00'))
    expect(tampered.status).toBe(403)
  })

  it('has no sha256-<hex> fallback tag when the referrers API exists', async () => {
    const hex = emu.images.multi?.digest.slice(7)
    const res = await fetch(`${emu.url}/v2/team/app/manifests/sha256-${hex}`, { headers: { ...auth, accept: ACCEPT } })
    expect(res.status).toBe(404)
  })
})

describe('registry without the referrers API', () => {
  let emu: Emulator
  let auth: Record<string, string>
  beforeAll(async () => {
    emu = await startEmulator({ scenario: scenario(false) })
    auth = basic(await token(emu))
  })
  afterAll(async () => {
    await emu?.stop()
  })

  it('answers 404 on /referrers/ and serves the referrers index at the sha256-<hex> tag', async () => {
    const subject = emu.images.multi?.digest ?? ''
    const api = await fetch(`${emu.url}/v2/team/app/referrers/${subject}`, { headers: auth })
    expect(api.status).toBe(404)
    const res = await fetch(`${emu.url}/v2/team/app/manifests/sha256-${subject.slice(7)}`, { headers: { ...auth, accept: ACCEPT } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(OCI_INDEX)
    const index = (await res.json()) as { manifests: { artifactType: string }[] }
    expect(index.manifests.map((m) => m.artifactType).sort()).toEqual([NOTATION, SBOM])
    expect(emu.countCalls({ operation: 'ListReferrers', status: 404 })).toBe(1)
  })
})

describe('signatures from the signing kit', () => {
  it('stores Notation signature manifests as referrers of the signed image', async () => {
    const emu = await startEmulator({
      scenario: {
        repositories: [{ name: 'app' }],
        images: [{ name: 'signed', repository: 'app', tags: ['v1'], signatures: [{ format: 'jws', pki: 'emulator-registry-test' }] }]
      }
    })
    try {
      const img = emu.images.signed
      expect(img?.signatures.length).toBe(1)
      expect(img?.signatures[0]?.artifactType).toBe(NOTATION)
      const auth = basic(await token(emu))
      const res = await fetch(`${emu.url}/v2/app/referrers/${img?.digest}?artifactType=${encodeURIComponent(NOTATION)}`, { headers: auth })
      const index = (await res.json()) as { manifests: { digest: string }[] }
      expect(index.manifests.map((m) => m.digest)).toEqual([img?.signatures[0]?.digest])
      const m = await fetch(`${emu.url}/v2/app/manifests/${img?.signatures[0]?.digest}`, { headers: { ...auth, accept: OCI_MANIFEST } })
      const manifest = (await m.json()) as {
        subject: { digest: string; size: number; mediaType: string }
        layers: { digest: string; mediaType: string }[]
      }
      expect(manifest.subject).toEqual({ mediaType: img?.mediaType, digest: img?.digest, size: img?.size })
      const layer = manifest.layers[0]
      const envelope = await fetch(`${emu.url}/v2/app/blobs/${layer?.digest}`, { headers: auth })
      expect(envelope.status).toBe(200)
      expect(digestOf(Buffer.from(await envelope.arrayBuffer()))).toBe(layer?.digest)
    } finally {
      await emu.stop()
    }
  })
})
