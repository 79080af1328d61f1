#!/usr/bin/env node
// Runs the emulator from the command line until killed:
//   node emulator/cli.mjs <scenario.json|.yaml> [--port N] [--host H] [--latency-ms N] [--registry-latency-ms N] [--log] [--trust-store DIR]
// The first stdout line is the base URL; the environment to point AWS SDKs at it follows as
// `export NAME=value` lines, so `eval "$(node emulator/cli.mjs s.json | tail -n +2)"` is possible
// from another shell. Control endpoints: GET /_emulator/calls, GET /_emulator/images,
// POST /_emulator/complete-scan?digest=sha256:...
// --trust-store DIR writes the root certificates of the test PKIs this emulator signs with (they are
// made fresh on every start) as a Notation trust store, and a trust policy trusting the scenario's
// signing profiles, so that signatures can be verified from a shell: the gate's inputs
// `trust-store=DIR` and `trust-policy=DIR/trustpolicy.json` are printed to stderr.

import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadScenario } from './scenario.mjs'
import { startEmulator } from './server.mjs'

const USAGE =
  'usage: node emulator/cli.mjs <scenario.json|.yaml> [--port N] [--host H] [--latency-ms N] [--registry-latency-ms N] [--log] [--trust-store DIR]'

/**
 * @param {string[]} argv
 * @returns {{scenario: string, port: number, host: string, latencyMs: number, registryLatencyMs: number, log: boolean, trustStore?: string}}
 */
function parseArgs(argv) {
  /** @type {string|undefined} */
  let scenario
  /** @type {{port: number, host: string, latencyMs: number, registryLatencyMs: number, log: boolean, trustStore?: string}} */
  const out = { port: 0, host: '127.0.0.1', latencyMs: 0, registryLatencyMs: 0, log: false }
  for (let i = 0; i < argv.length; i++) {
    const a = /** @type {string} */ (argv[i])
    /** @param {string} name */
    const num = (name) => {
      const v = Number(argv[++i])
      if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a non-negative integer\n${USAGE}`)
      return v
    }
    if (a === '--port') out.port = num(a)
    else if (a === '--latency-ms') out.latencyMs = num(a)
    else if (a === '--registry-latency-ms') out.registryLatencyMs = num(a)
    else if (a === '--host') out.host = String(argv[++i] ?? '')
    else if (a === '--log') out.log = true
    else if (a === '--trust-store') {
      const dir = argv[++i]
      if (!dir || dir.startsWith('--')) throw new Error(`--trust-store needs a directory\n${USAGE}`)
      out.trustStore = dir
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    } else if (!a.startsWith('--') && scenario === undefined) scenario = a
    else throw new Error(`unexpected argument '${a}'\n${USAGE}`)
  }
  if (!scenario) throw new Error(USAGE)
  return { scenario, ...out }
}

/**
 * Writes the trust store and trust policy for the scenario's signatures (see the header). Same
 * process as the emulator, so the PKIs are the ones it signs with.
 * @param {string} scenarioPath
 * @param {string} dir
 */
async function exportTrust(scenarioPath, dir) {
  const { DEFAULT_PROFILE_VERSION_ARN, trustPolicyFor, writeTrustStore } = await import('./signing.mjs')
  const scn = await loadScenario(scenarioPath)
  const pkis = new Set()
  const profiles = new Set()
  for (const im of scn.images) {
    for (const spec of /** @type {Record<string, unknown>[]} */ (im.signatures)) {
      pkis.add(typeof spec.pki === 'string' ? spec.pki : 'default')
      const version = typeof spec.signingProfileVersionArn === 'string' ? spec.signingProfileVersionArn : DEFAULT_PROFILE_VERSION_ARN
      // The trusted identity is the signing profile: its version ARN without the version.
      profiles.add(version.replace(/\/[^/]+$/, ''))
    }
  }
  if (pkis.size === 0) pkis.add('default')
  writeTrustStore(dir, { type: 'signingAuthority', name: 'emulator', pkiNames: [...pkis] })
  const policy = trustPolicyFor({
    name: 'emulator',
    trustStores: ['signingAuthority:emulator'],
    trustedIdentities: profiles.size > 0 ? [...profiles] : [DEFAULT_PROFILE_VERSION_ARN.replace(/\/[^/]+$/, '')]
  })
  writeFileSync(join(dir, 'trustpolicy.json'), JSON.stringify(policy, null, 2) + '\n')
  process.stderr.write(`[emulator] trust store written: trust-store=${dir} trust-policy=${join(dir, 'trustpolicy.json')}\n`)
}

try {
  const args = parseArgs(process.argv.slice(2))
  const emu = await startEmulator(args)
  if (args.trustStore !== undefined) await exportTrust(args.scenario, resolve(args.trustStore))
  process.stdout.write(emu.url + '\n')
  for (const [k, v] of Object.entries(emu.env)) process.stdout.write(`export ${k}=${v}\n`)
  for (const [name, im] of Object.entries(emu.images)) {
    process.stderr.write(
      `[emulator] image ${name}: ${im.repository}${im.tag ? ':' + im.tag : ''}@${im.digest} (${im.platforms.length} platform(s))\n`
    )
  }
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    emu.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(2)
}
