/**
 * The emulator from the outside: `node emulator/cli.mjs` as a process, and the AWS CLI (when
 * installed) talking to the emulator — an independent client implementation of the same protocols.
 */
import { execFile, spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { scenarioPath } from './helpers.js'

const run = promisify(execFile)
const cliPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../emulator/cli.mjs')

describe('emulator/cli.mjs', () => {
  it('prints the URL first, serves the scenario, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, scenarioPath('clean.json'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let buf = ''
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString()
          const nl = buf.indexOf('\n')
          if (nl >= 0) resolve(buf.slice(0, nl))
        })
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}`)))
      })
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await fetch(`${firstLine}/_emulator/health`)
      expect(await health.json()).toEqual({ ok: true })
      const images = (await (await fetch(`${firstLine}/_emulator/images`)).json()) as Record<string, { repository: string }>
      expect(images.clean?.repository).toBe('app')
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }
  })

  it('exits 2 with a message naming the problem for an invalid scenario', () => {
    const out = spawnSync(process.execPath, [cliPath], { encoding: 'utf8' })
    expect(out.status).toBe(2)
    expect(out.stderr).toContain('usage:')
  })
})

const hasAwsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0

describe.skipIf(!hasAwsCli)('AWS CLI against the emulator', () => {
  let emu: Emulator
  let home: string
  let env: Record<string, string>
  const aws = async (...args: string[]) => {
    const { stdout } = await run('aws', ['--endpoint-url', emu.url, '--output', 'json', ...args], { env, timeout: 30_000 })
    return JSON.parse(stdout) as Record<string, unknown>
  }

  beforeAll(async () => {
    emu = await startEmulator({ scenario: scenarioPath('multiarch-critical.json') })
    home = await mkdtemp(path.join(tmpdir(), 'emu-awscli-'))
    // Only what the CLI needs: no profile, config or credentials file from the machine.
    env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: path.join(home, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'none'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: ''
    }
  })
  afterAll(async () => {
    await emu?.stop()
    if (home) await rm(home, { recursive: true, force: true })
  })

  it('runs ecr describe-images, describe-image-scan-findings, get-authorization-token and inspector2 list-findings', async () => {
    const api = emu.images.api
    const arm = api?.platforms.find((p) => p.architecture === 'arm64')?.digest ?? ''
    emu.completeScanNow(arm)
    const [images, findings, token, inspector] = await Promise.all([
      aws('ecr', 'describe-images', '--repository-name', 'team/api', '--image-ids', 'imageTag=1.4.0'),
      aws('ecr', 'describe-image-scan-findings', '--repository-name', 'team/api', '--image-id', `imageDigest=${arm}`),
      aws('ecr', 'get-authorization-token'),
      aws('inspector2', 'list-findings', '--filter-criteria', JSON.stringify({ ecrImageHash: [{ comparison: 'EQUALS', value: arm }] }))
    ])

    const detail = (images.imageDetails as { imageDigest: string; imagePushedAt: string | number; imageManifestMediaType: string }[])[0]
    expect(detail?.imageDigest).toBe(api?.digest)
    expect(detail?.imageManifestMediaType).toBe('application/vnd.oci.image.index.v1+json')
    // CLI v1 prints timestamps as received (epoch seconds); v2 formats them as ISO 8601.
    const pushed = detail?.imagePushedAt
    expect(typeof pushed === 'number' ? pushed * 1000 : Date.parse(pushed ?? '')).toBe(Date.parse('2024-06-01T12:00:00Z'))

    const status = findings.imageScanStatus as { status: string }
    const enhanced = (findings.imageScanFindings as { enhancedFindings: { packageVulnerabilityDetails: { vulnerabilityId: string } }[] })
      .enhancedFindings
    expect(status.status).toBe('COMPLETE')
    expect(enhanced.map((f) => f.packageVulnerabilityDetails.vulnerabilityId)).toEqual(['CVE-2024-0001'])

    const auth = (token.authorizationData as { authorizationToken: string; proxyEndpoint: string }[])[0]
    expect(auth?.proxyEndpoint).toBe(emu.url)
    expect(Buffer.from(auth?.authorizationToken ?? '', 'base64').toString()).toMatch(/^AWS:/)

    const list = inspector.findings as { epss?: { score: number }; remediation: { recommendation: { Url?: string } }; severity: string }[]
    expect(list.map((f) => [f.severity, f.epss?.score])).toEqual([['CRITICAL', 0.92]])
    expect(list[0]?.remediation.recommendation.Url).toMatch(/^https:\/\//)

    expect(emu.countCalls({ service: 'ecr' })).toBeGreaterThanOrEqual(3)
    expect(emu.countCalls({ service: 'inspector2', operation: 'ListFindings' })).toBe(1)
  })

  it('maps a missing tag to the CLI error ImageNotFoundException', async () => {
    const err = await run(
      'aws',
      ['--endpoint-url', emu.url, 'ecr', 'describe-images', '--repository-name', 'team/api', '--image-ids', 'imageTag=nope'],
      { env }
    ).then(
      () => undefined,
      (e: { stderr?: string; code?: number }) => e
    )
    expect(err?.code).not.toBe(0)
    expect(err?.stderr).toContain('ImageNotFoundException')
  })
})
