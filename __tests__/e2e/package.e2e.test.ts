/**
 * The npm package: `npm pack` holds only what a user needs (the bundled dist/, README, LICENSE,
 * action.yml, the schemas, the docs), and `npx ecr-deploy-gate --version` works from the packed
 * tarball installed in a clean folder.
 */
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { actionNode, repoRoot, runCli } from '../../emulator/run-action.mjs'

const ALLOWED = [
  /^dist\//,
  /^docs\/[a-z0-9-]+\.md$/,
  /^(action\.yml|policy\.schema\.json|report\.schema\.json|README\.md|LICENSE|package\.json)$/
]

function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeout: 300_000
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the npm package', () => {
  it('packs only what a user needs, and its bin runs from a clean folder', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'gate-pack-'))
    const pack = npm(['pack', '--json', '--pack-destination', out], repoRoot)
    expect(pack.status, pack.stderr).toBe(0)
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[]
    const files = info!.files.map((f) => f.path)
    expect(files.filter((f) => !ALLOWED.some((re) => re.test(f)))).toEqual([])
    for (const needed of ['dist/index.js', 'dist/cli/index.js', 'action.yml', 'policy.schema.json', 'README.md', 'LICENSE'])
      expect(files).toContain(needed)
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string
      bin: Record<string, string>
      engines: { node: string }
    }
    expect(pkg.bin).toEqual({ 'ecr-deploy-gate': 'dist/cli/index.js' })
    expect(pkg.engines.node).toMatch(/\d/)

    const clean = await mkdtemp(path.join(tmpdir(), 'gate-clean-'))
    await writeFile(path.join(clean, 'package.json'), '{ "name": "clean", "version": "1.0.0", "private": true }\n')
    // The bundle needs none of the dependencies at run time; the cache npm ci filled serves them offline.
    const install = npm(
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--omit=optional', '--ignore-scripts', path.join(out, info!.filename)],
      clean
    )
    expect(install.status, install.stderr).toBe(0)
    const npx = await runCli(['--no-install', 'ecr-deploy-gate', '--version'], {
      command: 'npx',
      cwd: clean,
      env: { PATH: `${path.dirname(actionNode)}:${process.env.PATH ?? ''}` },
      timeoutMs: 120_000
    })
    expect(npx.code, npx.stderr).toBe(0)
    expect(npx.stdout.trim()).toBe(pkg.version)
  }, 600_000)
})
