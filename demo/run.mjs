#!/usr/bin/env node
// The demo: starts the local AWS emulator with demo/scenario.json and runs the real bundled action
// (dist/index.js) against each sample image exactly as the GitHub Actions runner would: INPUT_*
// variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, AWS_ENDPOINT_URL_* pointing at the emulator.
// It prints each verdict and writes each job summary to demo-output/<case>.md. No AWS account, no network.
import { spawn } from 'node:child_process'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../emulator/server.mjs'
import { writeTrustStore } from '../emulator/signing.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outDir = path.join(root, 'demo-output')

/** The demo cases: which image, which inputs, and what a newcomer should expect. */
const cases = [
  { name: 'clean-signed', title: 'A clean image signed by the trusted signing profile', inputs: { repository: 'payments', tag: 'v1.4.2' }, signed: true, expect: 'pass' },
  { name: 'fixable-critical', title: 'An image with a fixable CRITICAL finding', inputs: { repository: 'payments', tag: 'v1.4.1' }, expect: 'fail' },
  { name: 'allowlisted', title: 'The same image with that CVE allowlisted (reason + expiry)', inputs: { repository: 'payments', tag: 'v1.4.1', allowlist: 'ALLOWLIST' }, expect: 'pass' },
  { name: 'multi-arch', title: 'A multi-arch image whose arm64 platform has a HIGH finding', inputs: { repository: 'web', tag: '2.0.0' }, expect: 'fail' },
  { name: 'scan-never-completes', title: 'An image whose scan never completes (scan-timeout: 4)', inputs: { repository: 'web', tag: 'stuck', 'scan-timeout': '4' }, expect: 'fail' },
  { name: 'unsigned', title: 'A clean image with no signature, while a signature is required', inputs: { repository: 'payments', tag: 'v1.5.0-unsigned' }, signed: true, expect: 'fail' },
  { name: 'audit-mode', title: 'The CRITICAL image in audit mode: same verdict, job not failed', inputs: { repository: 'payments', tag: 'v1.4.1', mode: 'audit' }, expect: 'fail' }
]

function parseOutputs(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value = []
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}

async function runCase(emu, c, trust) {
  const dir = path.join(outDir, c.name)
  await mkdir(dir, { recursive: true })
  const outputFile = path.join(dir, 'outputs.txt')
  const summaryFile = path.join(outDir, `${c.name}.md`)
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const inputs = { ...c.inputs }
  if (inputs.allowlist === 'ALLOWLIST') inputs.allowlist = path.join(root, 'demo', 'allowlist.yml')
  if (c.signed) {
    inputs['trust-policy'] = trust.policyFile
    inputs['trust-store'] = trust.storeDir
  }
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? dir, ...emu.env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true' }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const started = Date.now()
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'index.js')], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    child.stdout.on('data', (d) => (log += d))
    child.stderr.on('data', (d) => (log += d))
    child.on('close', async (exitCode) => {
      await writeFile(path.join(dir, 'log.txt'), log)
      resolve(exitCode)
    })
  })
  const outputs = parseOutputs(await readFile(outputFile, 'utf8'))
  return { code, outputs, summaryFile, seconds: (Date.now() - started) / 1000 }
}

async function main() {
  await rm(outDir, { recursive: true, force: true })
  await mkdir(outDir, { recursive: true })
  const emu = await startEmulator({ scenario: path.join(root, 'demo', 'scenario.json'), port: 0 })
  try {
    const storeDir = path.join(outDir, 'truststore')
    await writeTrustStore(storeDir, { type: 'signingAuthority', name: 'demo-signer', pkiNames: ['demo'] })
    const policyFile = path.join(outDir, 'trustpolicy.json')
    await writeFile(
      policyFile,
      JSON.stringify(
        {
          version: '1.0',
          trustPolicies: [
            {
              name: 'payments-release',
              registryScopes: ['*'],
              signatureVerification: { level: 'strict' },
              trustStores: ['signingAuthority:demo-signer'],
              trustedIdentities: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/release']
            }
          ]
        },
        null,
        2
      )
    )
    console.log(`Local AWS emulator on ${emu.url} (ECR, Inspector2, Signer, registry)\n`)
    let mismatches = 0
    for (const c of cases) {
      const r = await runCase(emu, c, { storeDir, policyFile })
      const ok = r.outputs.decision === c.expect
      if (!ok) mismatches++
      const icon = r.outputs.decision === 'pass' ? 'PASS' : 'FAIL'
      console.log(`${icon}  ${c.title}`)
      console.log(`      decision=${r.outputs.decision ?? '(none)'} exit=${r.code} signature=${r.outputs['signature-status'] ?? '-'} critical=${r.outputs['critical-count'] ?? '-'} high=${r.outputs['high-count'] ?? '-'} (${r.seconds.toFixed(1)} s)`)
      if (r.outputs['image-uri']) console.log(`      image-uri=${r.outputs['image-uri']}`)
      console.log(`      job summary: ${path.relative(process.cwd(), r.summaryFile)}${ok ? '' : `   <-- expected ${c.expect}`}\n`)
    }
    console.log(`Summaries are the exact markdown GitHub would render on the run page; open them in any markdown viewer.`)
    if (mismatches > 0) {
      console.error(`${mismatches} case(s) did not give the expected verdict`)
      process.exitCode = 1
    }
  } finally {
    await emu.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exitCode = 1
})
