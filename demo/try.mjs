#!/usr/bin/env node
// Try the gate with your own inputs, as `name=value` arguments (the names of action.yml):
//   node demo/try.mjs repository=app tag=v1 mode=audit
//   node demo/try.mjs image=123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1 allowlist=.github/gate-allowlist.yml
// Runs the bundled action (dist/index.js, `npm run build` first) exactly as the runner does: each
// input becomes its INPUT_* variable (hyphens and all, which a shell cannot `export`), with
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. The AWS environment is yours: real credentials, or
// the emulator's (`eval "$(node emulator/cli.mjs <scenario> | tail -n +2)"` in this shell first).
// Prints the log as it comes, then the outputs, and writes the job summary as markdown and as HTML.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { actionNode, distEntry, inputEnv, parseOutputFile, runnerEnv } from '../emulator/run-action.mjs'
import { summaryHtml } from './html.mjs'

const USAGE = 'usage: node demo/try.mjs name=value [name=value ...]   (input names as in action.yml, e.g. repository=app tag=v1)'

/**
 * `name=value` arguments → inputs. The value may contain '=' and be empty; a name must be an input name.
 * @param {string[]} argv
 * @returns {Record<string, string>}
 */
export function parseInputs(argv) {
  /** @type {Record<string, string>} */
  const inputs = {}
  for (const arg of argv) {
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : ''
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`expected name=value, got '${arg}'\n${USAGE}`)
    inputs[name] = arg.slice(eq + 1)
  }
  return inputs
}

async function main() {
  const argv = process.argv.slice(2)
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  const inputs = parseInputs(argv)
  if (!existsSync(distEntry)) throw new Error(`${path.relative(process.cwd(), distEntry)} is missing: run npm run build first`)
  const dir = await mkdtemp(path.join(tmpdir(), 'gate-try-'))
  const outputFile = path.join(dir, 'outputs.txt')
  const summaryFile = path.join(dir, 'summary.md')
  await writeFile(outputFile, '')
  await writeFile(summaryFile, '')
  const env = { ...process.env, ...runnerEnv({ dir, home: process.env.HOME ?? dir, outputFile, summaryFile }), ...inputEnv(inputs) }
  const code = await new Promise((resolve, reject) => {
    const child = spawn(actionNode, [distEntry], { env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('close', (c) => resolve(c ?? 1))
  })
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'))
  console.log('\nOutputs:')
  for (const [name, value] of Object.entries(outputs)) console.log(`  ${name}=${value.includes('\n') ? JSON.stringify(value) : value}`)
  const summary = await readFile(summaryFile, 'utf8')
  const htmlFile = path.join(dir, 'summary.html')
  await writeFile(htmlFile, summaryHtml(summary, 'ecr-deploy-gate job summary'))
  console.log(`\nJob summary: ${summaryFile}\n         as HTML: ${htmlFile}\nExit code: ${code}`)
  process.exitCode = Number(code)
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
})
