/**
 * cosign's two layouts, made at test time by emulator/cosign.mjs (node:crypto keys, a test Sigstore
 * instance from @sigstore/mock), verified through the shared Sigstore verification: the legacy
 * simple-signing layer as a v0.1 bundle, and cosign 3's DSSE bundle.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createSigstoreTestPki, cosignArtifact, generateKey, keylessSigner } from '../../../../emulator/cosign.mjs'
import { checkSimpleSigningClaim, legacyBundle } from '../../../../src/checks/signature/cosign/index.js'
import { parseTrustedRoot, verifySigstoreBundle, type SigstoreTrust } from '../../../../src/checks/sigstore/index.js'

const digest = `sha256:${'c'.repeat(64)}`
const identity = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'
const issuer = 'https://token.actions.githubusercontent.com'
let pki: Awaited<ReturnType<typeof createSigstoreTestPki>>
let trust: SigstoreTrust

beforeAll(async () => {
  pki = await createSigstoreTestPki()
  trust = parseTrustedRoot(JSON.stringify(pki.trustedRoot), 'test trusted_root.json')
})

type Layer = { base64?: string; text?: string; annotations?: Record<string, string> }
const layerOf = (artifact: { layers: Layer[] }): Layer => artifact.layers[0]!

function verifyLegacy(
  artifact: { layers: Layer[] },
  options: Parameters<typeof verifySigstoreBundle>[2],
  key?: Parameters<typeof legacyBundle>[2]
) {
  const layer = layerOf(artifact)
  const payload = Buffer.from(layer.base64 ?? '', 'base64')
  return {
    claim: checkSimpleSigningClaim(payload, digest),
    result: verifySigstoreBundle(legacyBundle(payload, layer.annotations ?? {}, key), { bytes: payload }, options)
  }
}

describe('legacy simple-signing layers', () => {
  it.each(['p256', 'p384', 'rsa'] as const)('verifies a %s key signature with its SET', async (type) => {
    const signer = generateKey(type)
    const artifact = await cosignArtifact({ digest, layout: 'legacy', signer, pki })
    const { claim, result } = verifyLegacy(artifact, { trust, publicKey: signer.publicKey }, signer.publicKey)
    expect(claim).toBeUndefined()
    expect(result).toMatchObject({ ok: true, content: 'message-signature' })
    if (result.ok) expect(result.tlogEntries).toHaveLength(1)
  })

  it('refuses a payload altered after signing (tlog body mismatch)', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest, layout: 'legacy', signer, pki, tamper: 'payload' })
    expect(verifyLegacy(artifact, { trust, publicKey: signer.publicKey }, signer.publicKey).result).toMatchObject({
      ok: false,
      code: 'TLOG_BODY_ERROR'
    })
  })

  it('names a payload for another digest', async () => {
    const signer = generateKey('p256')
    const artifact = await cosignArtifact({ digest, layout: 'legacy', signer, pki, claimDigest: `sha256:${'d'.repeat(64)}` })
    expect(verifyLegacy(artifact, { trust, publicKey: signer.publicKey }, signer.publicKey).claim).toMatch(/another image/)
  })

  it('verifies a keyless signature and refuses another identity', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const artifact = await cosignArtifact({ digest, layout: 'legacy', signer, pki })
    const policy = { subjectAlternativeName: { exact: identity }, issuer: { exact: issuer } }
    expect(verifyLegacy(artifact, { trust, identity: policy }).result).toMatchObject({
      ok: true,
      certificate: { subjectAlternativeName: identity, issuer }
    })
    expect(
      verifyLegacy(artifact, { trust, identity: { ...policy, subjectAlternativeName: { exact: `${identity}x` } } }).result
    ).toMatchObject({
      ok: false,
      code: 'IDENTITY_MISMATCH'
    })
  })
})

describe('cosign 3 Sigstore bundles', () => {
  const hex = digest.slice(7)
  it.each(['p256', 'p384', 'rsa'] as const)('verifies a %s key bundle with its tlog entry', async (type) => {
    const signer = generateKey(type)
    const artifact = await cosignArtifact({ digest, layout: 'bundle', signer, pki })
    const result = verifySigstoreBundle(JSON.parse(layerOf(artifact).text ?? ''), { sha256: hex }, { trust, publicKey: signer.publicKey })
    expect(result).toMatchObject({ ok: true, content: 'dsse-envelope' })
  })

  it('verifies a keyless bundle with a timestamp', async () => {
    const signer = await keylessSigner(pki, { identity, issuer })
    const artifact = await cosignArtifact({ digest, layout: 'bundle', signer, pki, timestamp: true })
    const result = verifySigstoreBundle(
      JSON.parse(layerOf(artifact).text ?? ''),
      { sha256: hex },
      { trust, identity: { subjectAlternativeName: { regexp: 'https://github\\.com/acme/.*' }, issuer: { exact: issuer } } }
    )
    expect(result).toMatchObject({ ok: true, certificate: { subjectAlternativeName: identity } })
    if (result.ok) expect(result.timestamps.map((t) => t.source).sort()).toEqual(['timestamp-authority', 'transparency-log'])
  })

  it('refuses a key bundle without a tlog entry unless the tlog is ignored', async () => {
    const signer = generateKey('p256')
    const bundle = JSON.parse(layerOf(await cosignArtifact({ digest, layout: 'bundle', signer, tlog: false })).text ?? '')
    expect(verifySigstoreBundle(bundle, { sha256: hex }, { trust, publicKey: signer.publicKey })).toMatchObject({
      ok: false,
      code: 'TLOG_ERROR'
    })
    expect(verifySigstoreBundle(bundle, { sha256: hex }, { trust, publicKey: signer.publicKey, tlogThreshold: 0 }).ok).toBe(true)
  })
})
