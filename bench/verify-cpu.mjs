// CPU time of one signature verification, measured on the verifier itself (src/signature), not on
// the whole action: run with tsx so the TypeScript sources load without a build
// (`node_modules/.bin/tsx bench/verify-cpu.mjs [iterations]`). Prints one JSON object on stdout.
//
// It builds a signed subject with the test signing kit (JWS and COSE, ECDSA P-384 like AWS Signer),
// loads trust from a trust policy + trust store as the action does, and times verifySignature with
// a revocation port that answers at once (the network part is measured by the end-to-end runs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { cpuPerCall } from './cpu.mjs'
import { signatureArtifacts, trustPolicyFor, writeTrustStore } from '../emulator/signing.mjs'
import { loadTrustConfig, verifySignature } from '../src/checks/signature/notation/index.js'

const iterations = Number(process.argv[2] ?? 200)
const profile = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release'
const subject = {
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: `sha256:${'ab'.repeat(32)}`,
  size: 1234
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-verify-'))
try {
  writeTrustStore(path.join(dir, 'store'), { type: 'signingAuthority', name: 'bench', pkiNames: ['bench-cpu'] })
  const policyFile = path.join(dir, 'trustpolicy.json')
  writeFileSync(policyFile, JSON.stringify(trustPolicyFor({ trustStores: ['signingAuthority:bench'], trustedIdentities: [profile] })))
  const trust = await loadTrustConfig({
    signingProfileArns: [],
    trustPolicyPath: policyFile,
    trustStorePath: path.join(dir, 'store'),
    partition: 'aws'
  })

  /** @type {Record<string, unknown>} */
  const results = {}
  for (const format of /** @type {const} */ (['jws', 'cose'])) {
    const art = signatureArtifacts({ format, pki: 'bench-cpu', signingProfileVersionArn: `${profile}/a1b2c3d4e5` }, subject)
    const signatures = [
      { manifestDigest: art.digest, subject, envelopeMediaType: art.envelopeMediaType, envelope: new Uint8Array(art.envelope) }
    ]
    const input = {
      subject,
      reference: '123456789012.dkr.ecr.us-east-1.amazonaws.com/bench/app',
      signatures,
      trust,
      now: new Date(),
      checkRevocation: async () => ({ revokedEntities: [] })
    }
    // The first call pays for lazy initialisation (key import, ASN.1 schema set-up): reported apart.
    results[format] = await cpuPerCall(
      format,
      iterations,
      () => verifySignature(input),
      (r) => (r.status === 'verified' ? undefined : `${r.status}: ${r.reason ?? ''}`)
    )
  }
  process.stdout.write(`${JSON.stringify(results)}\n`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
