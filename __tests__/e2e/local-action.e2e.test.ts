/**
 * The action run once through GitHub's own local runner emulation, @github/local-action, which
 * loads src/action/main.ts with its own stand-in for @actions/core. A second, independent reading of the
 * runner contract (inputs from a .env file, outputs it collects itself) against the same emulator.
 */
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { actionNode, inputEnv, repoRoot } from '../../emulator/run-action.mjs'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ scenario: path.join(repoRoot, 'emulator', 'scenarios', 'clean.json'), port: 0 })
})
afterAll(async () => {
  await emu?.stop()
})

describe('@github/local-action', () => {
  it('runs src/action/main.ts against the emulator and reports the outputs', async () => {
    const envFile = path.join(emu.dir, 'local-action.env')
    const inputs = inputEnv({ repository: 'app', tag: 'v1', 'scan-timeout': '60', 'report-file': path.join(emu.dir, 'report.json') })
    const lines = Object.entries({ ...inputs, ...emu.env }).map(([k, v]) => `${k}=${String(v)}`)
    await writeFile(envFile, `${lines.join('\n')}\n`)
    const bin = path.join(repoRoot, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
    // On the action's runtime (Node 24), like dist/: local-action's own dependencies need Node 22 or newer.
    const child = spawn(actionNode, [bin, 'run', repoRoot, 'src/action/main.ts', envFile], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? emu.dir },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    const digest = emu.images.clean?.digest ?? 'missing'
    expect(out).toContain(`::set-output name=decision::pass`)
    expect(out).toContain(`::set-output name=image-uri::123456789012.dkr.ecr.us-east-1.amazonaws.com/app@${digest}`)
    expect(out).toMatch(/'decision'\s+│\s+'pass'/)
    expect(code).toBe(0)
  })
})
