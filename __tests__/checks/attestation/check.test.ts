/**
 * The build-provenance check around a stubbed Sigstore verifier: which bundles it passes over, which
 * it refuses and why, which root and thresholds it asks the verifier for, that it reads the claims
 * and the statement from what the verifier proved (never from the unverified bundle), and how the
 * rejections of every bundle become one status (fail closed: an unobtainable root is an `error`).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  AttestationApiError,
  attestationCheck,
  bundleVersion,
  judgeBundle,
  leafCertificate,
  MAX_BUNDLES,
  type ApiListing,
  type AttestationApi,
  type AttestationScope,
  type BundleVerifier,
  type BundleVerifyOutcome,
  type BundleVerifyRequest,
  type JudgedArtifact,
  type LoadedAttestation,
  type TrustedRootEntry
} from '../../../src/checks/attestation/index.js'
import type { AttestationSettings } from '../../../src/checks/attestation/settings.js'
import type { CheckContext } from '../../../src/checks/check.js'
import type { SigstoreTrust } from '../../../src/checks/sigstore/index.js'
import type { TrustProvider, TrustUse } from '../../../src/checks/sigstore/refresh.js'
import { bundle, buildLeaf, FULCIO, IN_TOTO, leaf, SLSA, statement } from './fixtures.js'

const HEX = 'c'.repeat(64)
const DIGEST = `sha256:${HEX}`
const artifact: JudgedArtifact = { digest: { algorithm: 'sha256', hex: HEX }, sigstore: { sha256: HEX } }

function settings(over: Partial<AttestationSettings> = {}): AttestationSettings {
  return {
    owner: 'acme',
    repo: 'acme/app',
    oidcIssuer: 'https://token.actions.githubusercontent.com',
    denySelfHostedRunners: false,
    predicateType: SLSA,
    source: { kind: 'file', path: 'bundles.jsonl' },
    host: 'github.com',
    ...over
  }
}

function root(origin: string, organizations: string[], hasTlogs = true): TrustedRootEntry {
  return { trust: { origin } as SigstoreTrust, origin, organizations, hasTlogs }
}
const PUBLIC_GOOD = root('public-good root', ['sigstore.dev'])
const GITHUB = root('github root', ['GitHub, Inc.'], false)

/** A verifier that proves what it is given (or `outcome`), recording each request. */
function verifier(outcome?: (request: BundleVerifyRequest) => BundleVerifyOutcome): BundleVerifier & { requests: BundleVerifyRequest[] } {
  const requests: BundleVerifyRequest[] = []
  const fn = (request: BundleVerifyRequest): Promise<BundleVerifyOutcome> => {
    requests.push(request)
    if (outcome !== undefined) return Promise.resolve(outcome(request))
    const b = request.bundle as { verificationMaterial: { certificate: { rawBytes: string } }; dsseEnvelope: { payload: string } }
    return Promise.resolve({
      ok: true,
      certificate: new Uint8Array(Buffer.from(b.verificationMaterial.certificate.rawBytes, 'base64')),
      payloadType: IN_TOTO,
      payload: new Uint8Array(Buffer.from(b.dsseEnvelope.payload, 'base64')),
      timestamps: [new Date('2026-02-01T12:00:00Z')]
    })
  }
  return Object.assign(fn, { requests })
}

function logger(): CheckContext['log'] & { lines: string[] } {
  const lines: string[] = []
  return {
    lines,
    debug: () => undefined,
    info: (m: string) => void lines.push(m),
    warning: (m: string) => void lines.push(`warning: ${m}`),
    setSecret: () => undefined,
    group: <T>(_: string, fn: () => Promise<T>) => fn()
  }
}

function context(over: Partial<CheckContext> = {}): CheckContext & { log: ReturnType<typeof logger> } {
  return {
    image: { digest: DIGEST, repository: 'app', region: 'us-east-1' } as CheckContext['image'],
    now: () => Date.parse('2026-02-01T12:00:00Z'),
    log: logger(),
    artifacts: {
      referrers: () => Promise.resolve([]),
      referrersIncomplete: () => Promise.resolve(undefined),
      client: () => Promise.reject(new Error('no registry in this test'))
    },
    ...over
  } as CheckContext & { log: ReturnType<typeof logger> }
}

let good: Record<string, unknown>
let goodLeaf: Uint8Array
let githubLeaf: Uint8Array
let otherOrgLeaf: Uint8Array
let noOrgLeaf: Uint8Array
let evilLeaf: Uint8Array

beforeAll(async () => {
  goodLeaf = await buildLeaf('sigstore.dev', 'acme/app')
  githubLeaf = await buildLeaf('GitHub, Inc.', 'acme/app')
  otherOrgLeaf = await buildLeaf('Acme CA', 'acme/app')
  noOrgLeaf = await buildLeaf(undefined, 'acme/app')
  evilLeaf = await buildLeaf('sigstore.dev', 'evil/app')
  good = bundle(goodLeaf, statement(HEX))
})

const loaded = (over: Partial<LoadedAttestation> = {}, s: Partial<AttestationSettings> = {}): LoadedAttestation => ({
  settings: settings(s),
  roots: [PUBLIC_GOOD, GITHUB],
  ...over
})

describe('bundleVersion and leafCertificate', () => {
  it('reads the version of both media type forms, anchored', () => {
    expect(bundleVersion('application/vnd.dev.sigstore.bundle.v0.3+json')).toBe('0.3')
    expect(bundleVersion('application/vnd.dev.sigstore.bundle+json;version=0.2')).toBe('0.2')
    expect(bundleVersion('application/vnd.dev.sigstore.bundle+json;version=0.1')).toBe('0.1')
    expect(bundleVersion('application/vnd.dev.sigstore.bundle.v10.12+json')).toBe('10.12')
    expect(bundleVersion('application/vnd.dev.sigstore.bundle+json;version=10.12')).toBe('10.12')
    expect(bundleVersion('xapplication/vnd.dev.sigstore.bundle.v0.3+json')).toBeUndefined()
    expect(bundleVersion('application/vnd.dev.sigstore.bundle.v0.3+jsonx')).toBeUndefined()
    expect(bundleVersion('application/vnd.dev.sigstore.bundle.v0.3')).toBeUndefined()
    expect(bundleVersion('application/vnd.dev.sigstore.bundleXv0.3+json')).toBeUndefined()
    expect(bundleVersion('application/vnd.dev.sigstore.bundle+json')).toBeUndefined()
    expect(bundleVersion(3)).toBeUndefined()
    expect(bundleVersion(undefined)).toBeUndefined()
  })

  it('reads the v0.3 certificate, else the first certificate of a v0.1/0.2 chain', () => {
    const a = Buffer.from('leaf-a').toString('base64')
    const b = Buffer.from('leaf-b').toString('base64')
    expect(Buffer.from(leafCertificate({ verificationMaterial: { certificate: { rawBytes: a } } })!).toString()).toBe('leaf-a')
    expect(
      Buffer.from(
        leafCertificate({ verificationMaterial: { x509CertificateChain: { certificates: [{ rawBytes: b }, { rawBytes: a }] } } })!
      ).toString()
    ).toBe('leaf-b')
    expect(leafCertificate({ verificationMaterial: { certificate: { rawBytes: 7 } } })).toBeUndefined()
    expect(leafCertificate({ verificationMaterial: { x509CertificateChain: { certificates: [] } } })).toBeUndefined()
    expect(leafCertificate({ verificationMaterial: {} })).toBeUndefined()
    expect(leafCertificate({})).toBeUndefined()
  })
})

describe('judgeBundle: what is refused before verification', () => {
  const judge = (value: unknown, l: LoadedAttestation = loaded()) => judgeBundle(value, artifact, l, verifier())

  it('refuses what is not a bundle object, or not a Sigstore bundle media type', async () => {
    for (const value of [null, 'x', 3, [good]])
      expect(await judge(value)).toEqual({ reason: 'it is not a Sigstore bundle (a JSON object)', kind: 'crypto' })
    expect(await judge({ ...good, mediaType: 'application/json' })).toEqual({
      reason: 'its media type application/json is not a Sigstore bundle',
      kind: 'crypto'
    })
    expect(await judge({ ...good, mediaType: undefined })).toEqual({
      reason: 'its media type undefined is not a Sigstore bundle',
      kind: 'crypto'
    })
    const long = `x${'y'.repeat(200)}`
    expect(await judge({ ...good, mediaType: long })).toEqual({
      reason: `its media type ${long.slice(0, 100)} is not a Sigstore bundle`,
      kind: 'crypto'
    })
  })

  it('refuses a v0.1 bundle, and one without a DSSE envelope', async () => {
    expect(await judge({ ...good, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1' })).toEqual({
      reason: 'it is a v0.1 bundle, which is not accepted (v0.2 or later, as gh requires)',
      kind: 'crypto'
    })
    const { dsseEnvelope: _e, ...noEnvelope } = good
    expect(await judge(noEnvelope)).toEqual({
      reason: 'it holds no DSSE envelope (an attestation is an in-toto statement in DSSE)',
      kind: 'crypto'
    })
  })

  it('passes over another payload type or another predicate type (kind predicate)', async () => {
    const envelope = good.dsseEnvelope as Record<string, unknown>
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payloadType: 'text/plain' } })).toEqual({
      reason: 'its payload is text/plain, not an in-toto statement',
      kind: 'predicate'
    })
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payloadType: 'p'.repeat(150) } })).toEqual({
      reason: `its payload is ${'p'.repeat(100)}, not an in-toto statement`,
      kind: 'predicate'
    })
    const sbom = bundle(goodLeaf, statement(HEX, { predicateType: 'https://spdx.dev/Document/v2.3' }))
    expect(await judge(sbom)).toEqual({ reason: `its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}`, kind: 'predicate' })
    const longType = `https://${'t'.repeat(600)}`
    expect(await judge(bundle(goodLeaf, statement(HEX, { predicateType: longType })))).toEqual({
      reason: `its predicate type is ${longType.slice(0, 500)}, not ${SLSA}`,
      kind: 'predicate'
    })
  })

  it('reads the predicate type as (none) from a payload that is not a base64 JSON statement with a string type', async () => {
    const envelope = good.dsseEnvelope as Record<string, unknown>
    const none = { reason: `its predicate type is (none), not ${SLSA}`, kind: 'predicate' }
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payload: Buffer.from('not json').toString('base64') } })).toEqual(none)
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payload: 42 } })).toEqual(none)
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payload: undefined } })).toEqual(none)
    expect(await judge(bundle(goodLeaf, statement(HEX, { predicateType: 7 })))).toEqual(none)
    expect(await judge(bundle(goodLeaf, Buffer.from('null')))).toEqual(none)
  })

  it('does not decode a payload over 8 MiB', async () => {
    const envelope = good.dsseEnvelope as Record<string, unknown>
    const payload = Buffer.from(JSON.stringify({ predicateType: SLSA, pad: 'x'.repeat(6 * 1024 * 1024 + 100) })).toString('base64')
    expect(payload.length).toBeGreaterThan(8 * 1024 * 1024)
    expect(await judge({ ...good, dsseEnvelope: { ...envelope, payload } })).toEqual({
      reason: `its predicate type is (none), not ${SLSA}`,
      kind: 'predicate'
    })
    // At exactly the bound it is read (and then goes on to the certificate).
    const empty = JSON.stringify({ predicateType: SLSA, pad: '' }).length
    const atBound = Buffer.from(JSON.stringify({ predicateType: SLSA, pad: 'x'.repeat(6 * 1024 * 1024 - empty) })).toString('base64')
    expect(atBound.length).toBe(8 * 1024 * 1024)
    const withPayload: Record<string, unknown> = { ...good, dsseEnvelope: { ...envelope, payload: atBound } }
    const { verificationMaterial: _v, ...noMaterial } = withPayload
    expect(await judge(noMaterial)).toEqual({ reason: 'it has no signing certificate (verification material missing)', kind: 'crypto' })
  })

  it('refuses a bundle without a certificate, or with one that cannot be read', async () => {
    const { verificationMaterial: _v, ...noMaterial } = good
    expect(await judge(noMaterial)).toEqual({ reason: 'it has no signing certificate (verification material missing)', kind: 'crypto' })
    expect(
      await judge({ ...good, verificationMaterial: { certificate: { rawBytes: Buffer.from('junk').toString('base64') } } })
    ).toMatchObject({
      reason: expect.stringMatching(/^its certificate could not be read: ./) as unknown,
      kind: 'crypto'
    })
  })
})

describe('judgeBundle: the root and thresholds it verifies with', () => {
  it('a public-good leaf: the public-good root with log, SCT and timestamp, and the sigstore artifact', async () => {
    const v = verifier()
    const verdict = await judgeBundle(good, artifact, loaded(), v)
    expect(verdict).toHaveProperty('provenance')
    expect(v.requests).toHaveLength(1)
    expect(v.requests[0]).toEqual({
      bundle: good,
      artifact: { sha256: HEX },
      root: PUBLIC_GOOD,
      thresholds: { tlog: 1, ctlog: 1, timestamp: 1 }
    })
  })

  it("a GitHub-instance leaf: GitHub's root, a timestamp and no log", async () => {
    const v = verifier()
    const b = bundle(githubLeaf, statement(HEX))
    expect(await judgeBundle(b, artifact, loaded(), v)).toMatchObject({ provenance: { instance: 'github', trustedRoot: 'github root' } })
    expect(v.requests[0]).toMatchObject({ root: GITHUB, thresholds: { tlog: 0, ctlog: 0, timestamp: 1 } })
  })

  it("a GitHub-instance leaf without GitHub's root is refused naming both ways to give it, before any verification", async () => {
    const v = verifier()
    const verdict = await judgeBundle(bundle(githubLeaf, statement(HEX)), artifact, loaded({ roots: [PUBLIC_GOOD] }), v)
    expect(verdict).toEqual({
      reason:
        "it was signed by GitHub's own Sigstore instance (a private or internal repository), whose trusted root is not loaded: pass 'attestation-tuf-root' (the root.json of GitHub's TUF repository, which the GitHub CLI embeds) to fetch it over TUF, or 'attestation-trusted-root' (the output of gh attestation trusted-root)",
      kind: 'crypto'
    })
    expect(v.requests).toHaveLength(0)
  })

  it('a leaf of another organisation without a root naming it is refused with that organisation', async () => {
    const v = verifier()
    expect(await judgeBundle(bundle(otherOrgLeaf, statement(HEX)), artifact, loaded(), v)).toEqual({
      reason: "no trusted root has a certificate authority of Acme CA: pass 'attestation-trusted-root'",
      kind: 'crypto'
    })
    expect(await judgeBundle(bundle(noOrgLeaf, statement(HEX)), artifact, loaded(), v)).toEqual({
      reason: "no trusted root has a certificate authority of (no organisation): pass 'attestation-trusted-root'",
      kind: 'crypto'
    })
    expect(v.requests).toHaveLength(0)
  })

  it('stops before verifying when the run limit was reached', async () => {
    const v = verifier()
    const controller = new AbortController()
    controller.abort()
    expect(await judgeBundle(good, artifact, loaded(), v, controller.signal)).toEqual({
      reason: 'the run limit was reached before it was verified',
      kind: 'crypto'
    })
    expect(v.requests).toHaveLength(0)
  })
})

describe('judgeBundle: lazy roots (no attestation-trusted-root)', () => {
  const trustOf = (origin: string, organization: string, tlogs: unknown[] = [{}]): SigstoreTrust =>
    ({ origin, root: { certificateAuthorities: [{ subject: { organization } }], tlogs } }) as unknown as SigstoreTrust
  const provider = (outcome: Awaited<ReturnType<TrustProvider>>) => {
    const uses: TrustUse[] = []
    const p: TrustProvider = (use) => {
      uses.push(use)
      return Promise.resolve(outcome)
    }
    return Object.assign(p, { uses })
  }

  it('resolves the public-good provider for a public-good leaf (with the signal and log), and never GitHub’s', async () => {
    const publicGood = provider({ ok: true, trust: trustOf('pg over TUF', 'sigstore.dev') })
    const github = provider({ ok: true, trust: trustOf('gh over TUF', 'GitHub, Inc.', []) })
    const v = verifier()
    const signal = new AbortController().signal
    const log = logger()
    const verdict = await judgeBundle(good, artifact, loaded({ roots: [GITHUB], lazyRoots: { publicGood, github } }), v, signal, log)
    expect(verdict).toMatchObject({ provenance: { instance: 'public-good', trustedRoot: 'pg over TUF' } })
    expect(publicGood.uses).toEqual([{ signal, log }])
    expect(github.uses).toHaveLength(0)
    // The fetched root replaces the loaded ones.
    expect(v.requests[0]?.root.origin).toBe('pg over TUF')
    expect(v.requests[0]?.thresholds).toEqual({ tlog: 1, ctlog: 1, timestamp: 1 })
  })

  it("resolves GitHub's provider for a GitHub-instance leaf; without signal or log it passes neither", async () => {
    const publicGood = provider({ ok: true, trust: trustOf('pg over TUF', 'sigstore.dev') })
    const github = provider({ ok: true, trust: trustOf('gh over TUF', 'GitHub, Inc.', []) })
    const v = verifier()
    const verdict = await judgeBundle(bundle(githubLeaf, statement(HEX)), artifact, loaded({ lazyRoots: { publicGood, github } }), v)
    expect(verdict).toMatchObject({ provenance: { instance: 'github', trustedRoot: 'gh over TUF' } })
    expect(github.uses).toEqual([{}])
    expect(publicGood.uses).toHaveLength(0)
  })

  it("without GitHub's provider a GitHub-instance leaf has no root at all (not the loaded ones)", async () => {
    const publicGood = provider({ ok: true, trust: trustOf('pg over TUF', 'sigstore.dev') })
    const verdict = await judgeBundle(bundle(githubLeaf, statement(HEX)), artifact, loaded({ lazyRoots: { publicGood } }), verifier())
    expect(verdict).toMatchObject({
      kind: 'crypto',
      reason: expect.stringMatching(/^it was signed by GitHub's own Sigstore instance/) as unknown
    })
    expect(publicGood.uses).toHaveLength(0)
  })

  it('a root that could not be obtained is an error (the bundle was not judged), with its reason', async () => {
    const publicGood = provider({ ok: false, reason: 'the public-good root could not be fetched over TUF: offline' })
    const v = verifier()
    expect(await judgeBundle(good, artifact, loaded({ lazyRoots: { publicGood } }), v)).toEqual({
      reason: 'the public-good root could not be fetched over TUF: offline',
      kind: 'error'
    })
    expect(v.requests).toHaveLength(0)
  })

  it('does not fetch a root once the run limit was reached', async () => {
    const publicGood = provider({ ok: true, trust: trustOf('pg over TUF', 'sigstore.dev') })
    const controller = new AbortController()
    controller.abort()
    expect(await judgeBundle(good, artifact, loaded({ lazyRoots: { publicGood } }), verifier(), controller.signal)).toEqual({
      reason: 'the run limit was reached before it was verified',
      kind: 'crypto'
    })
    expect(publicGood.uses).toHaveLength(0)
  })
})

describe('judgeBundle: after verification', () => {
  it('a signature that does not verify, or a verifier that throws, is crypto; an artifact mismatch is policy', async () => {
    expect(
      await judgeBundle(
        good,
        artifact,
        loaded(),
        verifier(() => ({ ok: false, reason: 'bad signature' }))
      )
    ).toEqual({
      reason: 'its signature did not verify: bad signature',
      kind: 'crypto'
    })
    expect(
      await judgeBundle(
        good,
        artifact,
        loaded(),
        verifier(() => ({ ok: false, reason: 'no tlog', code: 'TLOG_MISSING' }))
      )
    ).toEqual({
      reason: 'its signature did not verify: no tlog',
      kind: 'crypto'
    })
    const throwing: BundleVerifier = () => Promise.reject(new Error('verifier crashed'))
    expect(await judgeBundle(good, artifact, loaded(), throwing)).toEqual({
      reason: 'its signature did not verify: verifier crashed',
      kind: 'crypto'
    })
    expect(
      await judgeBundle(
        good,
        artifact,
        loaded(),
        verifier(() => ({ ok: false, reason: 'the digest differs', code: 'ARTIFACT_MISMATCH' }))
      )
    ).toEqual({ reason: 'the digest differs (this attestation is for another artifact)', kind: 'policy' })
  })

  it('reads the claims from the verified certificate, not the bundle’s own', async () => {
    const payload = statement(HEX)
    const swapped = verifier(() => ({ ok: true, certificate: evilLeaf, payloadType: IN_TOTO, payload, timestamps: [] }))
    expect(await judgeBundle(good, artifact, loaded(), swapped)).toEqual({
      reason: "it was built by the owner https://github.com/evil, not https://github.com/acme ('attestation-owner')",
      kind: 'policy'
    })
    const unreadable = verifier(() => ({ ok: true, certificate: new Uint8Array([1, 2, 3]), payloadType: IN_TOTO, payload, timestamps: [] }))
    expect(await judgeBundle(good, artifact, loaded(), unreadable)).toMatchObject({
      reason: expect.stringMatching(/^its verified certificate could not be read: ./) as unknown,
      kind: 'crypto'
    })
  })

  it('reads the statement from the verified payload, not the bundle’s own', async () => {
    const other = verifier(() => ({
      ok: true,
      certificate: goodLeaf,
      payloadType: IN_TOTO,
      payload: statement('d'.repeat(64)),
      timestamps: []
    }))
    expect(await judgeBundle(good, artifact, loaded(), other)).toEqual({
      reason: `no subject is sha256:${'c'.repeat(12)}… (it attests sha256:${'d'.repeat(12)}…): this attestation is for another artifact`,
      kind: 'policy'
    })
    const typed = verifier(() => ({ ok: true, certificate: goodLeaf, payloadType: 'text/plain', payload: statement(HEX), timestamps: [] }))
    expect(await judgeBundle(good, artifact, loaded(), typed)).toEqual({
      reason: 'the payload is text/plain, not an in-toto statement',
      kind: 'policy'
    })
  })

  it('reports what built the image: repository, workflow, ref, commit, run, runner, trigger, visibility, issuer, earliest time', async () => {
    const v = verifier(() => ({
      ok: true,
      certificate: goodLeaf,
      payloadType: IN_TOTO,
      payload: statement(HEX),
      timestamps: [
        new Date('2026-02-01T12:05:00Z'),
        new Date(Number.NaN),
        new Date('2026-02-01T12:00:00Z'),
        new Date('2026-02-01T12:03:00Z')
      ]
    }))
    expect(await judgeBundle(good, artifact, loaded(), v)).toEqual({
      provenance: {
        instance: 'public-good',
        repository: 'https://github.com/acme/app',
        workflow: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        ref: 'refs/heads/main',
        commit: 'b'.repeat(40),
        runUrl: 'https://github.com/acme/app/actions/runs/42/attempts/1',
        runnerEnvironment: 'github-hosted',
        trigger: 'push',
        visibility: 'public',
        issuer: 'https://token.actions.githubusercontent.com',
        attestedAt: '2026-02-01T12:00:00.000Z',
        predicateType: SLSA,
        subjectName: 'registry.example/app',
        trustedRoot: 'public-good root'
      }
    })
  })

  it('names the signer only when it is another workflow, links only runs on the GitHub host, and has no time without one', async () => {
    const reusable = await buildLeaf('sigstore.dev', 'acme/app', {
      9: 'https://github.com/acme/build/.github/workflows/reusable.yml@refs/heads/main',
      21: 'https://evil.example/acme/app/actions/runs/42'
    })
    const v = verifier(() => ({
      ok: true,
      certificate: reusable,
      payloadType: IN_TOTO,
      payload: statement(HEX),
      timestamps: [new Date(Number.NaN)]
    }))
    const verdict = await judgeBundle(bundle(reusable, statement(HEX)), artifact, loaded({}, { signerRepo: 'acme/build' }), v)
    expect(verdict).toMatchObject({
      provenance: {
        workflow: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        signer: 'https://github.com/acme/build/.github/workflows/reusable.yml@refs/heads/main'
      }
    })
    const p = 'provenance' in verdict ? verdict.provenance : undefined
    expect(p).not.toHaveProperty('runUrl')
    expect(p).not.toHaveProperty('attestedAt')

    // A run URL that only starts with the host name (no slash after it) is another host.
    const lookalike = await buildLeaf('sigstore.dev', 'acme/app', { 21: 'https://github.com.evil.example/acme/app/actions/runs/42' })
    const v2 = verifier(() => ({ ok: true, certificate: lookalike, payloadType: IN_TOTO, payload: statement(HEX), timestamps: [] }))
    const p2 = await judgeBundle(bundle(lookalike, statement(HEX)), artifact, loaded(), v2)
    expect('provenance' in p2 && p2.provenance).not.toHaveProperty('runUrl')
    expect('provenance' in p2 && p2.provenance).not.toHaveProperty('signer')
  })

  it('falls back to the signer workflow when the certificate names no build config, and omits what it does not carry', async () => {
    const sparse = await leaf({
      organization: 'sigstore.dev',
      san: [{ type: 'url', value: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main' }],
      extensions: {
        [`${FULCIO}.8`]: 'https://token.actions.githubusercontent.com',
        [`${FULCIO}.9`]: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        [`${FULCIO}.12`]: 'https://github.com/acme/app',
        [`${FULCIO}.16`]: 'https://github.com/acme'
      }
    })
    const v = verifier(() => ({
      ok: true,
      certificate: sparse,
      payloadType: IN_TOTO,
      payload: statement(HEX, { subject: [{ digest: { sha256: HEX } }] }),
      timestamps: []
    }))
    const verdict = await judgeBundle(bundle(sparse, statement(HEX)), artifact, loaded(), v)
    expect(verdict).toMatchObject({
      provenance: {
        instance: 'public-good',
        repository: 'https://github.com/acme/app',
        workflow: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
        issuer: 'https://token.actions.githubusercontent.com',
        predicateType: SLSA,
        trustedRoot: 'public-good root'
      }
    })
    const p = 'provenance' in verdict ? verdict.provenance : undefined
    for (const key of ['ref', 'commit', 'runUrl', 'runnerEnvironment', 'trigger', 'visibility', 'subjectName', 'attestedAt'])
      expect(p).not.toHaveProperty(key)
  })
})

describe('attestationCheck: the check over every bundle', () => {
  const run = (l: LoadedAttestation, v: BundleVerifier = verifier(), ctx = context(), api?: AttestationApi) =>
    attestationCheck(l, { verify: v, ...(api !== undefined ? { api } : {}) }).run(ctx)
  const file = (bundles: unknown[], s: Partial<AttestationSettings> = {}): LoadedAttestation => loaded({ fileBundles: bundles }, s)

  it('is the enforced attestation/github check', () => {
    const check = attestationCheck(file([]), { verify: verifier() })
    expect(check).toMatchObject({ id: 'attestation/github', kind: 'attestation', system: 'github', title: 'Verify build provenance' })
  })

  it('verified: the first bundle that passes, with the ones refused before it', async () => {
    const sbom = bundle(goodLeaf, statement(HEX, { predicateType: 'https://spdx.dev/Document/v2.3' }))
    const ctx = context()
    const v = verifier()
    const result = await run(file([sbom, good, good]), v, ctx)
    expect(result).toMatchObject({
      id: 'attestation/github',
      kind: 'attestation',
      system: 'github',
      status: 'verified',
      enforced: true,
      reasons: [],
      evidence: {
        source: 'file',
        bundles: 3,
        rejected: [`attestation 1: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}`],
        provenance: { repository: 'https://github.com/acme/app', trustedRoot: 'public-good root' }
      }
    })
    // The third bundle is never looked at.
    expect(v.requests).toHaveLength(1)
    expect(ctx.log.lines).toEqual([
      `Examining 3 attestation bundle(s) for ${DIGEST}`,
      `Attestation 1: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}`,
      `Build provenance verified: https://github.com/acme/app https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main at refs/heads/main (${'b'.repeat(40)})`
    ])
  })

  it('missing: no bundle in the file, or only bundles of other predicates', async () => {
    expect(await run(file([]))).toMatchObject({
      status: 'missing',
      enforced: true,
      reasons: ['No build provenance attestation in the bundle file: attest the image with actions/attest-build-provenance'],
      evidence: { source: 'file', bundles: 0, rejected: [] }
    })
    const loadedWithout: LoadedAttestation = { settings: settings(), roots: [PUBLIC_GOOD] }
    expect((await run(loadedWithout)).status).toBe('missing')
    const sbom = bundle(goodLeaf, statement(HEX, { predicateType: 'https://spdx.dev/Document/v2.3' }))
    expect(await run(file([sbom, sbom]))).toMatchObject({
      status: 'missing',
      reasons: [
        `No attestation of ${DIGEST} has the predicate type ${SLSA}: attestation 1: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}; attestation 2: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}`
      ]
    })
  })

  it('invalid: only bundles that do not verify; predicate-only rejections beside them do not make it missing', async () => {
    const sbom = bundle(goodLeaf, statement(HEX, { predicateType: 'https://spdx.dev/Document/v2.3' }))
    const result = await run(
      file([sbom, good]),
      verifier(() => ({ ok: false, reason: 'bad signature' }))
    )
    expect(result).toMatchObject({
      status: 'invalid',
      enforced: true,
      reasons: [
        `No attestation of ${DIGEST} could be verified: attestation 1: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}; attestation 2: its signature did not verify: bad signature`
      ]
    })
    expect(result.evidence).not.toHaveProperty('provenance')
  })

  it('untrusted: a bundle that verified but was not built as required, even beside one that did not verify', async () => {
    let n = 0
    const v = verifier((r) => {
      n++
      if (n === 1) return { ok: false, reason: 'bad signature' }
      const b = r.bundle as { verificationMaterial: { certificate: { rawBytes: string } } }
      return {
        ok: true,
        certificate: new Uint8Array(Buffer.from(b.verificationMaterial.certificate.rawBytes, 'base64')),
        payloadType: IN_TOTO,
        payload: statement(HEX),
        timestamps: []
      }
    })
    const result = await run(file([good, bundle(evilLeaf, statement(HEX))]), v)
    expect(result).toMatchObject({
      status: 'untrusted',
      reasons: [
        `No attestation of ${DIGEST} was built as required: attestation 1: its signature did not verify: bad signature; attestation 2: it was built by the owner https://github.com/evil, not https://github.com/acme ('attestation-owner')`
      ]
    })
  })

  it('error: a bundle whose root could not be obtained outweighs every other rejection', async () => {
    const publicGood: TrustProvider = () => Promise.resolve({ ok: false, reason: 'TUF unreachable' })
    const l: LoadedAttestation = {
      settings: settings(),
      roots: [],
      lazyRoots: { publicGood },
      fileBundles: [bundle(evilLeaf, statement(HEX)), good]
    }
    // Beside bundles refused for what they are, one that could not be judged still makes it an error.
    const mixed: LoadedAttestation = { ...l, fileBundles: [null, good, 'x'] }
    expect(await run(mixed)).toMatchObject({
      status: 'error',
      reasons: [
        `Build provenance could not be checked for ${DIGEST}: attestation 1: it is not a Sigstore bundle (a JSON object); attestation 2: TUF unreachable; attestation 3: it is not a Sigstore bundle (a JSON object)`
      ]
    })
    expect(await run(l)).toMatchObject({ status: 'error' })
  })

  it('says how many more rejections there were beyond the first five', async () => {
    const result = await run(file(Array.from({ length: 7 }, () => null)))
    expect(result.status).toBe('invalid')
    expect(result.reasons).toEqual([
      `No attestation of ${DIGEST} could be verified: ${[1, 2, 3, 4, 5].map((i) => `attestation ${i}: it is not a Sigstore bundle (a JSON object)`).join('; ')}; … 2 more`
    ])
    expect(result.evidence).toMatchObject({ bundles: 7 })
    expect((result.evidence as { rejected: string[] }).rejected).toHaveLength(7)
    // Exactly five: no "more".
    const five = await run(file(Array.from({ length: 5 }, () => null)))
    expect(five.reasons[0]).not.toMatch(/more/)
  })

  it('logs what built the image with a ? for each part the certificate does not carry', async () => {
    const sparse = await leaf({
      organization: 'sigstore.dev',
      san: [{ type: 'url', value: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main' }],
      extensions: { [`${FULCIO}.8`]: 'https://token.actions.githubusercontent.com', [`${FULCIO}.16`]: 'https://github.com/acme' }
    })
    const { repo: _r, ...ownerOnly } = settings()
    const ctx = context()
    const result = await run({ settings: ownerOnly, roots: [PUBLIC_GOOD], fileBundles: [bundle(sparse, statement(HEX))] }, verifier(), ctx)
    expect(result.status).toBe('verified')
    expect(ctx.log.lines.at(-1)).toBe('Build provenance verified: ?  at ? (?)')
  })

  it(`examines at most ${MAX_BUNDLES} bundles`, async () => {
    const many = Array.from({ length: MAX_BUNDLES + 2 }, () => null)
    const ctx = context()
    const result = await run(file([...many.slice(0, MAX_BUNDLES), good, good]), verifier(), ctx)
    expect(result.status).toBe('invalid')
    expect(result.evidence).toMatchObject({ bundles: MAX_BUNDLES })
    expect((result.evidence as { rejected: string[] }).rejected).toHaveLength(MAX_BUNDLES)
    expect(ctx.log.lines[0]).toBe(`Examining ${MAX_BUNDLES} attestation bundle(s) for ${DIGEST}`)
  })
})

describe('attestationCheck: the attestations API source', () => {
  const api = (listing: ApiListing | Error) => {
    const calls: { scope: AttestationScope; digest: string; predicateType: string; options: { signal?: AbortSignal } }[] = []
    const a: AttestationApi = {
      list: (scope, digest, predicateType, options) => {
        calls.push({ scope, digest, predicateType, options })
        return listing instanceof Error ? Promise.reject(listing) : Promise.resolve(listing)
      }
    }
    return Object.assign(a, { calls })
  }
  const apiLoaded = (s: Partial<AttestationSettings> = {}): LoadedAttestation => loaded({}, { source: { kind: 'api' }, ...s })
  const run = (l: LoadedAttestation, a?: AttestationApi, ctx = context(), v: BundleVerifier = verifier()) =>
    attestationCheck(l, { verify: v, ...(a !== undefined ? { api: a } : {}) }).run(ctx)

  it('without an API client: an error naming github-token', async () => {
    expect(await run(apiLoaded())).toMatchObject({
      status: 'error',
      enforced: true,
      reasons: ['Build provenance could not be checked: no GitHub API client (set github-token)'],
      evidence: { source: 'api', bundles: 0, rejected: [] }
    })
  })

  it('asks for the repository scope (its name only) with the digest, the predicate type and the signal', async () => {
    const a = api({ found: true, bundles: [good], problems: [] })
    const signal = new AbortController().signal
    expect((await run(apiLoaded(), a, context({ signal }))).status).toBe('verified')
    expect(a.calls).toEqual([{ scope: { owner: 'acme', repo: 'app' }, digest: DIGEST, predicateType: SLSA, options: { signal } }])
    const b = api({ found: true, bundles: [good], problems: [] })
    const { repo: _r, ...ownerOnly } = settings({ source: { kind: 'api' } })
    expect((await run({ settings: ownerOnly, roots: [PUBLIC_GOOD] }, b)).status).toBe('verified')
    expect(b.calls).toEqual([{ scope: { owner: 'acme' }, digest: DIGEST, predicateType: SLSA, options: {} }])
  })

  it('missing on a 404, naming the repository or the owner', async () => {
    expect(await run(apiLoaded(), api({ found: false }))).toMatchObject({
      status: 'missing',
      reasons: [
        `No build provenance attestation for ${DIGEST} in acme/app (the attestations API answered 404): attest the image with actions/attest-build-provenance (subject-digest set to the pushed digest)`
      ]
    })
    const { repo: _r, ...ownerOnly } = settings({ source: { kind: 'api' } })
    expect((await run({ settings: ownerOnly, roots: [PUBLIC_GOOD] }, api({ found: false }))).reasons[0]).toMatch(
      / in acme \(the attestations API/
    )
  })

  it('missing when the API lists no bundle, with its problems', async () => {
    expect(
      await run(apiLoaded(), api({ found: true, bundles: [], problems: ['bundle 1: over the limit', 'bundle 2: not JSON'] }))
    ).toMatchObject({
      status: 'missing',
      reasons: [
        'No build provenance attestation in the attestations API (bundle 1: over the limit; bundle 2: not JSON): attest the image with actions/attest-build-provenance'
      ],
      evidence: { rejected: ['bundle 1: over the limit', 'bundle 2: not JSON'] }
    })
  })

  it("the API's problems are rejections (crypto): beside predicate-only bundles the check is invalid, not missing", async () => {
    const sbom = bundle(goodLeaf, statement(HEX, { predicateType: 'https://spdx.dev/Document/v2.3' }))
    const result = await run(apiLoaded(), api({ found: true, bundles: [sbom], problems: ['bundle 2: not JSON'] }))
    expect(result.status).toBe('invalid')
    expect(result.reasons[0]).toBe(
      `No attestation of ${DIGEST} could be verified: bundle 2: not JSON; attestation 1: its predicate type is https://spdx.dev/Document/v2.3, not ${SLSA}`
    )
    // And they stay in the evidence of a verified result.
    const ok = await run(apiLoaded(), api({ found: true, bundles: [good], problems: ['bundle 2: not JSON'] }))
    expect(ok).toMatchObject({ status: 'verified', evidence: { rejected: ['bundle 2: not JSON'] } })
  })

  it('an API failure is an error with its message, and no registry hint', async () => {
    expect(await run(apiLoaded(), api(new AttestationApiError('the token cannot read attestations', 'auth')))).toMatchObject({
      status: 'error',
      reasons: ['Build provenance could not be checked: the token cannot read attestations']
    })
    expect((await run(apiLoaded(), api(new AttestationApiError('rate limited', 'rate-limit')))).reasons).toEqual([
      'Build provenance could not be checked: rate limited'
    ])
  })
})

describe('attestationCheck: the registry source', () => {
  const regLoaded = loaded({}, { source: { kind: 'registry' } })
  const run = (ctx: CheckContext) => attestationCheck(regLoaded, { verify: verifier() }).run(ctx)
  const artifacts = (over: Partial<CheckContext['artifacts']>): CheckContext['artifacts'] => ({
    referrers: () => Promise.resolve([]),
    referrersIncomplete: () => Promise.resolve(undefined),
    client: () => Promise.resolve({} as never),
    ...over
  })

  it('missing when the registry holds no bundle referrer, asking for push-to-registry', async () => {
    expect(await run(context({ artifacts: artifacts({}) }))).toMatchObject({
      status: 'missing',
      reasons: [
        `No build provenance attestation among the registry referrers of ${DIGEST}: attest the image with actions/attest-build-provenance and push-to-registry: true`
      ],
      evidence: { source: 'registry', bundles: 0 }
    })
    const incomplete = await run(context({ artifacts: artifacts({ referrersIncomplete: () => Promise.resolve('over 1000 referrers') }) }))
    expect(incomplete.reasons[0]).toBe(
      `No build provenance attestation among the registry referrers of ${DIGEST} (the referrers list is incomplete (over 1000 referrers), so an attestation beyond it was not examined): attest the image with actions/attest-build-provenance and push-to-registry: true`
    )
  })

  it('a registry failure is an error naming the ECR permissions it needs, unless it is an authorisation failure of the API', async () => {
    expect(await run(context({ artifacts: artifacts({ referrers: () => Promise.reject(new Error('AccessDenied')) }) }))).toMatchObject({
      status: 'error',
      reasons: [
        'Build provenance could not be checked: AccessDenied (the registry source needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer)'
      ]
    })
    const unavailable = new AttestationApiError('unavailable', 'unavailable')
    expect((await run(context({ artifacts: artifacts({ referrers: () => Promise.reject(unavailable) }) }))).reasons).toEqual([
      'Build provenance could not be checked: unavailable (the registry source needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer)'
    ])
    const auth = new AttestationApiError('denied', 'auth')
    expect((await run(context({ artifacts: artifacts({ referrers: () => Promise.reject(auth) }) }))).reasons).toEqual([
      'Build provenance could not be checked: denied'
    ])
  })
})
