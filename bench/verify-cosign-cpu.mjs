// CPU time of one cosign signature verification, measured on the verifier itself (sigstore-js through
// src/checks/sigstore), not on the whole action: run with tsx so the TypeScript sources load without a
// build (`node_modules/.bin/tsx bench/verify-cosign-cpu.mjs [iterations]`). Prints one JSON object on
// stdout: per case, the first verification (lazy set-up) and the median after it.
//
// Cases, signed with the emulator's test Sigstore instance (Fulcio, CT log, Rekor, TSA) whose
// trusted_root.json is parsed once, as a run does: a key-based cosign 3 bundle, a legacy `.sig`
// simple-signing layer, a keyless bundle with its transparency-log entry only, and a keyless bundle
// with an RFC 3161 timestamp as well.
import { cpuPerCall } from './cpu.mjs'
import { cosignArtifact, createSigstoreTestPki, generateKey, keylessSigner } from '../emulator/cosign.mjs'
import { checkSimpleSigningClaim, legacyBundle } from '../src/checks/signature/cosign/index.js'
import { parseTrustedRoot, verifySigstoreBundle } from '../src/checks/sigstore/index.js'

const iterations = Number(process.argv[2] ?? 200)
const digest = `sha256:${'ab'.repeat(32)}`
const identity = 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main'
const issuer = 'https://token.actions.githubusercontent.com'

const pki = await createSigstoreTestPki()
const trust = parseTrustedRoot(JSON.stringify(pki.trustedRoot), 'bench trusted_root.json')
const keyed = generateKey('p256')
const keyless = await keylessSigner(pki, { identity, issuer })
const policy = { subjectAlternativeName: { exact: identity }, issuer: { exact: issuer } }

/** @param {{ layers: { text?: string, base64?: string, annotations?: Record<string, string> }[] }} artifact */
const layerOf = (artifact) => artifact.layers[0] ?? {}

/** @type {Record<string, () => { ok: boolean }>} */
const cases = {}
{
  const bundle = layerOf(await cosignArtifact({ digest, layout: 'bundle', signer: keyed, pki })).text ?? ''
  cases.keyBundle = () => verifySigstoreBundle(JSON.parse(bundle), { sha256: digest.slice(7) }, { trust, publicKey: keyed.publicKey })
}
{
  const layer = layerOf(await cosignArtifact({ digest, layout: 'legacy', signer: keyed, pki }))
  const payload = Buffer.from(layer.base64 ?? '', 'base64')
  cases.legacySig = () => {
    if (checkSimpleSigningClaim(payload, digest) !== undefined) return { ok: false }
    return verifySigstoreBundle(
      legacyBundle(payload, layer.annotations ?? {}, keyed.publicKey),
      { bytes: payload },
      { trust, publicKey: keyed.publicKey }
    )
  }
}
{
  const bundle = layerOf(await cosignArtifact({ digest, layout: 'bundle', signer: keyless, pki })).text ?? ''
  cases.keylessTlog = () => verifySigstoreBundle(JSON.parse(bundle), { sha256: digest.slice(7) }, { trust, identity: policy })
}
{
  const bundle = layerOf(await cosignArtifact({ digest, layout: 'bundle', signer: keyless, pki, timestamp: true })).text ?? ''
  cases.keylessTsa = () => verifySigstoreBundle(JSON.parse(bundle), { sha256: digest.slice(7) }, { trust, identity: policy })
}

/** @type {Record<string, unknown>} */
const results = {}
for (const [name, verify] of Object.entries(cases)) {
  results[name] = await cpuPerCall(name, iterations, verify, (r) => (r.ok ? undefined : JSON.stringify(r).slice(0, 300)))
}
process.stdout.write(`${JSON.stringify(results)}\n`)
