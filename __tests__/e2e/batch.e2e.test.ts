/**
 * End to end: the `images` input gates several images in one run of the bundled dist/index.js
 * against the local emulator. The batch passes only when every image passes (fail closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../emulator/server.mjs'
import { runAction } from '../../emulator/run-action.mjs'
import { cleanImage, critical, enhancedScenario, HOST } from './scenarios.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>

const scenario = enhancedScenario([
  cleanImage,
  {
    name: 'clean-web',
    repository: 'team/web',
    tags: ['v2'],
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' }
    ],
    scan: { timeline: [{ status: 'COMPLETE' }], findings: [] }
  },
  {
    name: 'critical',
    repository: 'app',
    tags: ['critical'],
    platforms: [{ os: 'linux', architecture: 'amd64' }],
    scan: { timeline: [{ status: 'COMPLETE' }], findings: [critical('CVE-2024-0001')] }
  }
])

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ scenario, port: 0 })
})
afterAll(async () => {
  await emu?.stop()
})

function image(name: string) {
  const img = emu.images[name]
  if (!img) throw new Error(`scenario has no image ${name}`)
  return img
}

interface Result {
  image: string
  decision: string
  digest?: string
  imageUri?: string
  reasons: string[]
}

describe.concurrent('dist/index.js with the images input', () => {
  it('blocks the batch when one image has a CRITICAL and one tag does not exist, gating every image', async () => {
    const refs = [`${HOST}/app:clean`, `${HOST}/app:critical`, `${HOST}/app:no-such-tag`]
    const r = await runAction({ inputs: { images: `# release\n${refs.join('\n')}\n` }, env: emu.env })
    expect(r.code).toBe(1)
    expect(r.outputs.decision).toBe('fail')

    const results = JSON.parse(r.outputs.results ?? '') as Result[]
    expect(results.map((x) => [x.image, x.decision])).toEqual([
      [refs[0], 'pass'],
      [refs[1], 'fail'],
      [refs[2], 'fail']
    ])
    const clean = image('clean')
    expect(results[0]).toMatchObject({ digest: clean.digest, imageUri: `${HOST}/app@${clean.digest}`, reasons: [] })
    expect(results[1]?.reasons.join(' ')).toMatch(/CRITICAL/)
    expect(results[2]?.reasons[0]).toMatch(/no-such-tag/)
    expect(results[2]?.imageUri).toBeUndefined()

    const uris = (r.outputs['image-uri'] ?? '').split('\n')
    // The blocked image keeps its digest line but has no deployable URI.
    expect(uris).toEqual([`${HOST}/app@${clean.digest}`, '', ''])
    expect(results[1]?.imageUri).toBeUndefined()
    expect((r.outputs.digest ?? '').split('\n')).toEqual([clean.digest, image('critical').digest, ''])
    expect(r.outputs['critical-count']).toBe('1')
    expect(r.outputs['signature-status']).toBe('skipped')

    expect(r.summary.split('\n')[0]).toBe('## ❌ Deploy blocked: 2 of 3 images')
    for (const ref of ['app:clean', 'app:critical', 'app:no\\-such\\-tag']) expect(r.summary).toContain(ref)

    // The failure names each failed image; the clean one is not blamed.
    expect(r.stdout).toMatch(/::error::Deploy blocked: 2 of 3 images failed \(app:critical, app:no-such-tag\)/)

    expect(r.report).toMatchObject({ schemaVersion: 1, decision: 'fail', batch: true })
    const reports = (r.report?.images ?? []) as { decision: string; error?: boolean }[]
    expect(reports.map((x) => x.decision)).toEqual(['pass', 'fail', 'fail'])
    expect(reports[2]?.error).toBe(true)
  })

  it('passes a batch of two clean images (one multi-arch) and outputs both pinned URIs', async () => {
    const refs = [`${HOST}/app:clean`, `${HOST}/team/web:v2`]
    const r = await runAction({ inputs: { images: refs.join(', ') }, env: emu.env })
    expect(r.code).toBe(0)
    expect(r.outputs.decision).toBe('pass')
    const results = JSON.parse(r.outputs.results ?? '') as Result[]
    expect(results.map((x) => x.decision)).toEqual(['pass', 'pass'])
    expect((r.outputs['image-uri'] ?? '').split('\n')).toEqual([
      `${HOST}/app@${image('clean').digest}`,
      `${HOST}/team/web@${image('clean-web').digest}`
    ])
    expect(r.outputs.violations).toBe('0')
    expect(r.summary.split('\n')[0]).toBe('## ✅ Deploy allowed: 2 images')
    expect(r.report).toMatchObject({ decision: 'pass', batch: true, reasons: [] })
  })

  it('a single image run also sets results, as an array of one', async () => {
    const r = await runAction({ inputs: { repository: 'app', tag: 'clean' }, env: emu.env })
    expect(r.code).toBe(0)
    const results = JSON.parse(r.outputs.results ?? '') as Result[]
    expect(results).toEqual([
      { image: 'app:clean', decision: 'pass', digest: image('clean').digest, imageUri: `${HOST}/app@${image('clean').digest}`, reasons: [] }
    ])
  })

  it('audit mode reports a failing batch without failing the job', async () => {
    const r = await runAction({ inputs: { images: `${HOST}/app:clean\n${HOST}/app:critical`, mode: 'audit' }, env: emu.env })
    expect(r.code).toBe(0)
    expect(r.outputs.decision).toBe('fail')
    expect(r.summary.split('\n')[0]).toBe('## ❌ Would be blocked (audit mode): 1 of 2 images')
    expect((r.outputs['image-uri'] ?? '').split('\n')).toEqual([
      `${HOST}/app@${image('clean').digest}`,
      `${HOST}/app@${image('critical').digest}`
    ])
    expect(r.stdout).toMatch(/::warning::Audit mode, not failing the job/)
  })
})
