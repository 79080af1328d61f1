#!/usr/bin/env node
// The demo: starts the local AWS emulator with demo/scenario.json and runs the real bundled action
// (dist/index.js) against each sample image exactly as the GitHub Actions runner would: INPUT_*
// variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, AWS_ENDPOINT_URL_* pointing at the emulator.
// It prints each verdict and writes each job summary to demo-output/<case>.md, and the same summary as
// HTML rendered as GitHub renders job summaries to demo-output/<case>.html. No AWS account, no network.
import { mkdir, rm, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { actionNode, nodeVersion, repoRoot as root, runAction } from '../emulator/run-action.mjs'
import { startEmulator } from '../emulator/server.mjs'
import { writeTrustStore } from '../emulator/signing.mjs'
import { summaryHtml } from './html.mjs'

const outDir = path.join(root, 'demo-output')

/** The demo cases: which image, which inputs, and what a newcomer should expect. */
const cases = [
  {
    name: 'clean-signed',
    title: 'A clean image signed by the trusted signing profile',
    inputs: { repository: 'payments', tag: 'v1.4.2' },
    signed: true,
    expect: 'pass'
  },
  {
    name: 'fixable-critical',
    title: 'An image with a fixable CRITICAL finding',
    inputs: { repository: 'payments', tag: 'v1.4.1' },
    expect: 'fail'
  },
  {
    name: 'allowlisted',
    title: 'The same image with that CVE allowlisted (reason + expiry)',
    inputs: { repository: 'payments', tag: 'v1.4.1', allowlist: 'ALLOWLIST' },
    expect: 'pass'
  },
  {
    name: 'multi-arch',
    title: 'A multi-arch image whose arm64 platform has a HIGH finding',
    inputs: { repository: 'web', tag: '2.0.0' },
    expect: 'fail'
  },
  {
    name: 'scan-never-completes',
    title: 'An image whose scan never completes (scan-timeout: 4)',
    inputs: { repository: 'web', tag: 'stuck', 'scan-timeout': '4' },
    expect: 'fail'
  },
  {
    name: 'unsigned',
    title: 'A clean image with no signature, while a signature is required',
    inputs: { repository: 'payments', tag: 'v1.5.0-unsigned' },
    signed: true,
    expect: 'fail'
  },
  {
    name: 'audit-mode',
    title: 'The CRITICAL image in audit mode: same verdict, job not failed',
    inputs: { repository: 'payments', tag: 'v1.4.1', mode: 'audit' },
    expect: 'fail'
  }
]

async function runCase(emu, c, trust) {
  const dir = path.join(outDir, c.name)
  const inputs = { ...c.inputs }
  if (inputs.allowlist === 'ALLOWLIST') inputs.allowlist = path.join(root, 'demo', 'allowlist.yml')
  if (c.signed) {
    inputs['trust-policy'] = trust.policyFile
    inputs['trust-store'] = trust.storeDir
  }
  const run = await runAction({
    inputs,
    env: emu.env,
    dir,
    outputFile: path.join(dir, 'outputs.txt'),
    summaryFile: path.join(outDir, `${c.name}.md`)
  })
  await writeFile(path.join(dir, 'log.txt'), run.log)
  const htmlFile = path.join(outDir, `${c.name}.html`)
  await writeFile(htmlFile, summaryHtml(run.summary, `${c.title} — ecr-deploy-gate job summary`))
  return { code: run.code, outputs: run.outputs, summaryFile: run.summaryFile, htmlFile, seconds: (run.closeT - run.spawnT) / 1000 }
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
    console.log(
      `Local AWS emulator on ${emu.url} (ECR, Inspector2, Signer, registry); the action runs on Node ${nodeVersion(actionNode)}\n`
    )
    let mismatches = 0
    for (const c of cases) {
      const r = await runCase(emu, c, { storeDir, policyFile })
      const ok = r.outputs.decision === c.expect
      if (!ok) mismatches++
      const icon = r.outputs.decision === 'pass' ? 'PASS' : 'FAIL'
      console.log(`${icon}  ${c.title}`)
      console.log(
        `      decision=${r.outputs.decision ?? '(none)'} exit=${r.code} signature=${r.outputs['signature-status'] ?? '-'} critical=${r.outputs['critical-count'] ?? '-'} high=${r.outputs['high-count'] ?? '-'} (${r.seconds.toFixed(1)} s)`
      )
      if (r.outputs['image-uri']) console.log(`      image-uri=${r.outputs['image-uri']}`)
      console.log(`      job summary: ${path.relative(process.cwd(), r.summaryFile)}${ok ? '' : `   <-- expected ${c.expect}`}`)
      console.log(`      as HTML:     ${path.relative(process.cwd(), r.htmlFile)}\n`)
    }
    console.log(
      `Summaries are the exact markdown GitHub would render on the run page; the .html files show them rendered as GitHub renders job summaries (open one in a browser).`
    )
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
