// CPU time of one cosign signature verification, measured on the verifier itself (sigstore-js through
// src/checks/sigstore), not on the whole action: run with tsx so the TypeScript sources load without a
// build (`node_modules/.bin/tsx bench/verify-cosign-cpu.mjs [iterations]`). Prints one JSON object on
// stdout: per case, the first verification (lazy set-up) and the median after it.
//
// Cases, signed with the emulator's test Sigstore instance (Fulcio, CT log, Rekor, TSA) whose
// trusted_root.json is parsed once, as a run does: a key-based cosign 3 bundle, a legacy `.sig`
// simple-signing layer, a keyless bundle with its transparency-log entry only, and a keyless bundle
// with an RFC 3161 timestamp as well.
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
  const c0 = process.cpuUsage()
  const first = verify()
  const firstUs = cpuSince(c0)
  if (!first.ok) throw new Error(`${name}: expected a verified signature, got ${JSON.stringify(first).slice(0, 300)}`)
  /** @type {number[]} */
  const samples = []
  for (let i = 0; i < iterations; i++) {
    const c = process.cpuUsage()
    const r = verify()
    samples.push(cpuSince(c))
    if (!r.ok) throw new Error(`${name}: run ${i} not verified`)
  }
  samples.sort((a, b) => a - b)
  results[name] = {
    firstCpuMs: firstUs / 1000,
    medianCpuMs: (samples[Math.floor(samples.length / 2)] ?? Number.NaN) / 1000,
    minCpuMs: (samples[0] ?? Number.NaN) / 1000,
    maxCpuMs: (samples[samples.length - 1] ?? Number.NaN) / 1000,
    iterations
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`)

/** @param {NodeJS.CpuUsage} start */
function cpuSince(start) {
  const d = process.cpuUsage(start)
  return d.user + d.system
}
