#!/usr/bin/env node
// Runs the emulator from the command line until killed:
//   node emulator/cli.mjs <scenario.json|.yaml> [--port N] [--host H] [--latency-ms N] [--registry-latency-ms N] [--log]
// The first stdout line is the base URL; the environment to point AWS SDKs at it follows as
// `export NAME=value` lines, so `eval "$(node emulator/cli.mjs s.json | tail -n +2)"` is possible
// from another shell. Control endpoints: GET /_emulator/calls, GET /_emulator/images,
// POST /_emulator/complete-scan?digest=sha256:...

import { startEmulator } from './server.mjs'

const USAGE = 'usage: node emulator/cli.mjs <scenario.json|.yaml> [--port N] [--host H] [--latency-ms N] [--registry-latency-ms N] [--log]'

/**
 * @param {string[]} argv
 * @returns {{scenario: string, port: number, host: string, latencyMs: number, registryLatencyMs: number, log: boolean}}
 */
function parseArgs(argv) {
  /** @type {string|undefined} */
  let scenario
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
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n')
      process.exit(0)
    } else if (!a.startsWith('--') && scenario === undefined) scenario = a
    else throw new Error(`unexpected argument '${a}'\n${USAGE}`)
  }
  if (!scenario) throw new Error(USAGE)
  return { scenario, ...out }
}

try {
  const args = parseArgs(process.argv.slice(2))
  const emu = await startEmulator(args)
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
