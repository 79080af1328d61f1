/**
 * End to end, what an adopter sees (issue 15), each point through the bundled dist/index.js against
 * the emulator: copyable URIs, allowlist diagnostics and the expiry warning window, a severity table
 * that shows every finding, one rule for audit mode, a report for bad inputs, scan coverage read up
 * front and progress while waiting, the batch layout, trying it locally, and the README's quick start.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { startEmulator } from '../../emulator/server.mjs'
import { repoRoot, runAction } from '../../emulator/run-action.mjs'
import { ACCOUNT, cleanImage, critical, HOST, REGION } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const GHSA = 'GHSA-2j4c-6xpf-q8ww'
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const scenario = {
  accountId: ACCOUNT,
  region: REGION,
  scanType: 'ENHANCED',
  repositories: [
    { name: 'app', scanOnPush: true },
    { name: 'payments', scanOnPush: true },
    // No enhanced scanning rule covers it: ECR will never scan its images.
    { name: 'legacy', scanFrequency: 'MANUAL' }
  ],
  images: [
    cleanImage,
    {
      name: 'critical',
      repository: 'payments',
      tags: ['v1.4.1'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-0001')] }
    },
    {
      name: 'mixed',
      repository: 'app',
      tags: ['mixed'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: {
        timeline: [{ status: 'COMPLETE' }],
        findings: [
          {
            id: GHSA,
            severity: 'HIGH',
            package: 'lodash',
            version: '4.17.20',
            fixedInVersion: '4.17.21',
            fixAvailable: 'YES',
            title: 'proto'
          },
          { id: 'CVE-2024-0002', severity: 'MEDIUM', package: 'zlib', version: '1.2', fixAvailable: 'NO', title: 'medium, no fix' },
          { id: 'CVE-2024-0003', severity: 'LOW', package: 'bash', version: '5.1', fixAvailable: 'NO', title: 'low, no fix' }
        ]
      }
    },
    {
      name: 'near-miss',
      repository: 'app',
      tags: ['near-miss'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-0005')] }
    },
    {
      name: 'unscanned',
      repository: 'legacy',
      tags: ['v1'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'COMPLETE' }], findings: [] }
    },
    {
      name: 'slow',
      repository: 'app',
      tags: ['slow'],
      platforms: [{ os: 'linux', architecture: 'amd64' }],
      scan: { timeline: [{ status: 'IN_PROGRESS', untilMs: 34_000 }, { status: 'COMPLETE' }], findings: [] }
    }
  ]
}

let emu: Emulator
let denied: Emulator
let allowlist: string

beforeAll(async () => {
  emu = await startEmulator({ scenario, port: 0 })
  denied = await startEmulator({
    scenario: { ...scenario, faults: [{ service: 'ecr', operation: 'DescribeImages', kind: 'accessDenied' }] },
    port: 0
  })
  allowlist = path.join(emu.dir, 'allowlist.yml')
  await writeFile(
    allowlist,
    [
      'vulnerabilities:',
      `  - id: ${GHSA}`,
      '    reason: not reachable from our code',
      `    expires: ${day(30)}`,
      '  - id: CVE-2024-0005',
      '    package: libssl3',
      '    reason: meant for the openssl finding',
      `    expires: ${day(90)}`
    ].join('\n') + '\n'
  )
})
afterAll(async () => {
  await Promise.all([emu?.stop(), denied?.stop()])
})

const gate = (inputs: Record<string, string>, on: Emulator = emu) => runAction({ inputs, env: { ...on.env } })
const digestOf = (name: string): string => {
  const img = emu.images[name]
  if (!img) throw new Error(`no image ${name}`)
  return img.digest
}
/** Every code span (and fenced line) of a summary that names an ECR image. */
function copiedReferences(md: string): string[] {
  const spans = Array.from(md.matchAll(/`([^`\n]+)`/g), (m) => m[1]!).filter((s) => s.includes('.dkr.ecr.') && s.includes('/'))
  const fenced = md.split('\n').filter((l) => /^\d{12}\.dkr\.ecr\./.test(l))
  return [...spans, ...fenced]
}
/** The `export NAME=value` lines emulator/cli.mjs prints, as an environment. */
function exportedEnv(lines: string[]): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of lines) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line)
    if (m) env[m[1]!] = m[2]!
  }
  return env
}
const IMAGE_REF = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9][a-z0-9._/-]*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/

describe.concurrent('what an adopter sees, through dist/index.js', () => {
  it('1. every URI copied out of single, batch and failure summaries is a valid image reference, byte for byte', async () => {
    const single = await gate({ repository: 'app', tag: 'clean' })
    const batch = await gate({ images: [`${HOST}/app:clean`, `${HOST}/payments:v1.4.1`, `${HOST}/app:no-such-tag`].join('\n') })
    expect(copiedReferences(single.summary)).toContain(`${HOST}/app@${digestOf('clean')}`)
    expect(copiedReferences(batch.summary)).toContain(`${HOST}/app@${digestOf('clean')}`)
    for (const md of [single.summary, batch.summary]) {
      expect(md).not.toMatch(/[\u200b-\u200f]/)
      for (const ref of copiedReferences(md)) expect(ref).toMatch(IMAGE_REF)
    }
  })

  it('2. a near-miss entry is named in the reason and never called stale; the expiry warning window is allowlist-warn-days', async () => {
    const miss = await gate({ repository: 'app', tag: 'near-miss', allowlist })
    expect(miss.code).toBe(1)
    expect(miss.stdout).toMatch(/::error::Deploy blocked: .*CVE-2024-0005 matched by id, but its package 'libssl3'/)
    expect(miss.summary).toContain('**Did not apply**')
    expect(miss.summary).not.toMatch(/Stale[^\n]*\n[^\n]*\n?[^\n]*CVE\\-2024\\-0005/)

    const quiet = await gate({ repository: 'app', tag: 'mixed', allowlist })
    expect(quiet.stdout).not.toMatch(new RegExp(`::warning::Allowlist entry for ${GHSA} expires`))
    const warned = await gate({ repository: 'app', tag: 'mixed', allowlist, 'allowlist-warn-days': '45' })
    expect(warned.code).toBe(0)
    expect(warned.stdout).toMatch(new RegExp(`::warning::Allowlist entry for ${GHSA} expires on ${day(30)} \\(in \\d+ days\\)`))
    const bad = await gate({ repository: 'app', tag: 'mixed', 'allowlist-warn-days': 'two weeks' })
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/::error::Invalid input for 'allowlist-warn-days': expected a whole number from 0 to 3650/)
  })

  it('3. a pass shows every finding with what counted, the policy in one line, "no fix" and GHSA links', async () => {
    const r = await gate({ repository: 'app', tag: 'mixed', allowlist })
    expect(r.code).toBe(0)
    expect(r.summary).toMatch(/^- No rule was broken: HIGH and above, 0 allowed · 1 allowlisted · signature not checked$/m)
    expect(r.summary).toMatch(/^\| \*\*Total\*\* \| \| \| 0 \| 1 \(0 counted\) \| 1 \(0 counted\) \| 1 \(0 counted\) \| 0 \|$/m)
    expect(r.summary).toContain(`(https://github.com/advisories/${GHSA})`)
    expect(r.summary).toMatch(/\| zlib \| 1\.2 \| no fix \|/)
    expect(r.summary).not.toContain('(s)')
  })

  it('4. audit mode: image not found, AccessDenied and a batch are fail verdicts with exit 0; only invalid input exits 1', async () => {
    const missing = await gate({ repository: 'app', tag: 'no-such-tag', mode: 'audit' })
    expect([missing.code, missing.outputs.decision]).toEqual([0, 'fail'])
    expect(missing.summary.split('\n')[0]).toBe('## ❌ Would be blocked (audit mode)')
    const batch = await gate({ images: `${HOST}/app:clean\n${HOST}/app:no-such-tag`, mode: 'audit' })
    expect([batch.code, batch.outputs.decision]).toEqual([0, 'fail'])
    expect(batch.summary).toMatch(/^### ❌ Would be blocked \(audit mode\) — 2\. app:no\\-such\\-tag$/m)
    expect(batch.summary).not.toMatch(/Deploy blocked/)
    const accessDenied = await gate({ repository: 'app', tag: 'clean', mode: 'audit' }, denied)
    expect([accessDenied.code, accessDenied.outputs.decision]).toEqual([0, 'fail'])
    expect(accessDenied.stdout).toMatch(/::warning::Audit mode, not failing the job\..*ecr:DescribeImages/)
    const enforced = await gate({ repository: 'app', tag: 'clean' }, denied)
    expect(enforced.code).toBe(1)
    const invalid = await gate({ repository: 'app', tag: 'clean', mode: 'audit', 'scan-timeout': 'soon' })
    expect(invalid.code).toBe(1)
  })

  it('5. bad input still writes the error report, sets report-file, and results has one element per requested image', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-bad-input-'))
    const reportFile = path.join(dir, 'gate-report.json')
    const single = await gate({ repository: 'app', tag: 'clean', 'scan-timeout': 'soon', 'report-file': reportFile })
    expect(single.code).toBe(1)
    expect(single.outputs['report-file']).toBe(reportFile)
    expect(JSON.parse(await readFile(reportFile, 'utf8'))).toMatchObject({ decision: 'fail', error: true })
    expect(JSON.parse(single.outputs.results ?? '')).toEqual([
      { image: 'app:clean', decision: 'fail', reasons: [expect.stringMatching(/scan-timeout/)] }
    ])

    const images = [`${HOST}/app:clean`, `${HOST}/app:v2`, 'not a reference']
    const batch = await gate({ images: images.join('\n') })
    expect(batch.code).toBe(1)
    expect((JSON.parse(batch.outputs.results ?? '') as { image: string }[]).map((x) => x.image)).toEqual(images)
    expect(batch.outputs['report-file']).toMatch(/ecr-deploy-gate-report\.json$/)
    expect(batch.report).toMatchObject({ error: true })
  })

  it('6. a repository no scanning rule covers fails at once, naming the fix, without waiting out scan-timeout', async () => {
    const r = await gate({ repository: 'legacy', tag: 'v1' })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error::Deploy blocked: .*repository 'legacy' is not covered by the registry's enhanced scanning rules/)
    expect(r.summary).toContain('put\\-registry\\-scanning\\-configuration')
    const polls = emu.countCalls((c) => c.operation === 'DescribeImageScanFindings' && c.digest === digestOf('unscanned'))
    expect(polls).toBeLessThanOrEqual(2)
    expect(emu.countCalls({ operation: 'BatchGetRepositoryScanningConfiguration' })).toBeGreaterThan(0)
  })

  it('6. a long IN_PROGRESS wait logs where it stands about every 30 s', async () => {
    const r = await gate({ repository: 'app', tag: 'slow' })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/app@sha256:[0-9a-f]{64}: IN_PROGRESS, \d+ s of 600 s, next poll in \d+ s/)
  })

  it('7. a batch: log prefixes [i/n repo:tag], one annotation per failed image, the registry once, URIs in code', async () => {
    const r = await gate({ images: [`${HOST}/app:clean`, `${HOST}/payments:v1.4.1`, `${HOST}/app:no-such-tag`].join('\n') })
    expect(r.code).toBe(1)
    expect(r.stdout).toContain('[2/3 payments:v1.4.1] ')
    expect(r.stdout).not.toContain(`[2/3 ${HOST}`)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    expect(errors.filter((l) => l.startsWith('::error::[2/3 payments:v1.4.1] '))).toHaveLength(1)
    expect(errors.filter((l) => l.startsWith('::error::[3/3 app:no-such-tag] '))).toHaveLength(1)
    expect(errors.some((l) => l.includes(' | '))).toBe(false)
    expect(r.summary).toContain(`Registry: \`${HOST}\``)
    expect(r.summary).toContain(`- 1. \`${HOST}/app@${digestOf('clean')}\``)
    for (const row of r.summary.split('\n').filter((l) => /^\| \d+ \| /.test(l))) expect(row).not.toContain(HOST)
  })

  it('8. try it locally: emulator/cli.mjs --trust-store DIR, then demo/try.mjs with name=value inputs verifies a signature', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gate-try-e2e-'))
    const scenarioFile = path.join(dir, 'scenario.json')
    const profile = `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-profiles/release`
    await writeFile(
      scenarioFile,
      JSON.stringify({
        accountId: ACCOUNT,
        region: REGION,
        scanType: 'ENHANCED',
        repositories: [{ name: 'signed', scanOnPush: true }],
        images: [
          {
            name: 'signed',
            repository: 'signed',
            tags: ['v1'],
            platforms: [{ os: 'linux', architecture: 'amd64' }],
            scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
            signatures: [{ pki: 'local', signingProfileVersionArn: `${profile}/a1b2c3d4e5` }]
          }
        ]
      })
    )
    const store = path.join(dir, 'trust')
    const cli = spawn(process.execPath, [path.join(repoRoot, 'emulator', 'cli.mjs'), scenarioFile, '--trust-store', store], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    try {
      const env = await new Promise<Record<string, string>>((resolve, reject) => {
        let out = ''
        cli.stdout.on('data', (d: Buffer) => {
          out += d
          const lines = out.split('\n')
          if (lines.some((l) => l.startsWith('export AWS_EC2_METADATA_DISABLED='))) resolve(exportedEnv(lines))
        })
        cli.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
      })
      expect(existsSync(path.join(store, 'trustpolicy.json'))).toBe(true)
      const tried = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            path.join(repoRoot, 'demo', 'try.mjs'),
            'repository=signed',
            'tag=v1',
            `trust-store=${store}`,
            `trust-policy=${path.join(store, 'trustpolicy.json')}`
          ],
          { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }
        )
        let stdout = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d))
        child.on('close', (code) => resolve({ code, stdout }))
      })
      expect(tried.stdout).toContain('signature-status=verified')
      expect(tried.stdout).toMatch(/as HTML: .*summary\.html/)
      expect(tried.code).toBe(0)
    } finally {
      cli.kill('SIGTERM')
    }
  })

  it('9. the README opens with a quick start in audit mode whose inputs, run as written, gate an image', async () => {
    const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8')
    const firstSection = readme.split(/^## /m)[1] ?? ''
    expect(firstSection.split('\n')[0]).toMatch(/^Quick start/)
    const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(firstSection)?.[1] ?? ''
    const workflow = parseYaml(yamlBlock) as { jobs: Record<string, { steps: { id?: string; with?: Record<string, string> }[] }> }
    const step = Object.values(workflow.jobs)
      .flatMap((j) => j.steps)
      .find((s) => s.id === 'gate')
    expect(step?.with?.mode).toBe('audit')
    const inputs = Object.fromEntries(
      Object.entries(step?.with ?? {}).map(([k, v]) => [k, String(v).includes('${{') ? '' : String(v)])
    ) as Record<string, string>
    const r = await gate({ ...inputs, repository: 'app', tag: 'clean' })
    expect(r.code).toBe(0)
    expect(r.outputs.decision).toBe('pass')
    expect(yamlBlock).toContain('steps.gate.outputs.image-uri')
  })
})
