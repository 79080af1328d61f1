/**
 * Scenario loading, validation and deterministic content: same scenario → same digests, digests
 * are sha256 of the served bytes, generated findings have exact severity counts, and mistakes in a
 * scenario name their path.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ScenarioError, buildContent, generateFindings, loadScenario, normalizeScenario, sha256Digest } from '../../emulator/scenario.mjs'
import { startEmulator } from '../../emulator/server.mjs'
import { scenarioPath } from './helpers.js'

const multi = {
  repositories: [{ name: 'app' }],
  images: [
    {
      name: 'm',
      repository: 'app',
      tags: ['v1'],
      attestation: true,
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm', variant: 'v7' }
      ]
    }
  ]
}

describe('deterministic content', () => {
  it('gives the same digests for the same scenario, and digests are sha256 of the bytes', async () => {
    const a = await buildContent(normalizeScenario(multi))
    const b = await buildContent(normalizeScenario(structuredClone(multi)))
    expect(a.images.m?.digest).toBe(b.images.m?.digest)
    expect(a.images.m?.platforms.map((p) => p.digest)).toEqual(b.images.m?.platforms.map((p) => p.digest))
    const repo = a.repos.get('app')
    for (const [digest, m] of repo?.manifests ?? []) expect(sha256Digest(m.bytes)).toBe(digest)
    for (const [digest, blob] of repo?.blobs ?? []) expect(sha256Digest(blob)).toBe(digest)
    expect(repo?.tags.get('v1')).toBe(a.images.m?.digest)
  })

  it('builds an index over platform manifests plus attestation manifests', async () => {
    const c = await buildContent(normalizeScenario(multi))
    const img = c.images.m
    expect(img?.mediaType).toBe('application/vnd.oci.image.index.v1+json')
    expect(img?.platforms.map((p) => [p.os, p.architecture, p.variant])).toEqual([
      ['linux', 'amd64', undefined],
      ['linux', 'arm', 'v7']
    ])
    expect(img?.attestations.map((a) => a.references)).toEqual(img?.platforms.map((p) => p.digest))
    const index = JSON.parse(
      c.repos
        .get('app')
        ?.manifests.get(img?.digest ?? '')
        ?.bytes.toString() ?? '{}'
    ) as { manifests: { digest: string }[] }
    expect(index.manifests.length).toBe(4)
  })

  it('serves a single platform as a plain manifest, docker format on request', async () => {
    const c = await buildContent(normalizeScenario({ images: [{ name: 's', repository: 'r', format: 'docker' }] }))
    expect(c.images.s?.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json')
    expect(c.images.s?.platforms[0]?.digest).toBe(c.images.s?.digest)
  })

  it('loads the same scenario from YAML', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'emu-scn-'))
    try {
      const file = path.join(dir, 's.yaml')
      await writeFile(
        file,
        'repositories:\n  - name: app\nimages:\n  - name: m\n    repository: app\n    tags: [v1]\n    attestation: true\n    platforms:\n      - { os: linux, architecture: amd64 }\n      - { os: linux, architecture: arm, variant: v7 }\n'
      )
      const fromYaml = await buildContent(await loadScenario(file))
      const fromObject = await buildContent(normalizeScenario(multi))
      expect(fromYaml.images.m?.digest).toBe(fromObject.images.m?.digest)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('loads every sample scenario', async () => {
    for (const f of ['clean.json', 'multiarch-critical.json', 'basic-manual.json', 'scale.json', 'flaky-registry.json']) {
      const s = await loadScenario(scenarioPath(f))
      expect(s.images.length).toBeGreaterThan(0)
    }
  })
})

describe('generated findings', () => {
  it('apportions severities exactly (largest remainder) and is reproducible', () => {
    const f = generateFindings({ count: 5000, seed: 1, severities: { CRITICAL: 1, HIGH: 10, MEDIUM: 100, LOW: 1000 } })
    const counts: Record<string, number> = {}
    for (const x of f) counts[x.severity] = (counts[x.severity] ?? 0) + 1
    expect(counts).toEqual({ CRITICAL: 5, HIGH: 45, MEDIUM: 450, LOW: 4500 })
    expect(new Set(f.map((x) => x.id)).size).toBe(5000)
    expect(generateFindings({ count: 5000, seed: 1, severities: { CRITICAL: 1, HIGH: 10, MEDIUM: 100, LOW: 1000 } })).toEqual(f)
    expect(generateFindings({ count: 50, seed: 2 })).not.toEqual(generateFindings({ count: 50, seed: 3 }))
  })
})

describe('validation names the path', () => {
  const bad: [unknown, RegExp][] = [
    [
      { images: [{ name: 'a', repository: 'r', scan: { timeline: [{ status: 'DONE' }] } }] },
      /images\[0\]\.scan\.timeline\[0\]\.status: expected one of/
    ],
    [
      { images: [{ name: 'a', repository: 'r', scan: { timeline: [{ status: 'PENDING' }, { status: 'COMPLETE' }] } }] },
      /timeline\[0\]: a step before the last needs untilMs or untilPolls/
    ],
    [{ repositories: [{ name: 'r' }], images: [{ name: 'a', repository: 'other' }] }, /images\[0\]\.repository: expected one of r/],
    [
      {
        images: [
          { name: 'a', repository: 'r', tags: ['v1'] },
          { name: 'b', repository: 'r', tags: ['v1'] }
        ]
      },
      /'r:v1' is already used by image 'a'/
    ],
    [{ images: [{ name: 'a', repository: 'r', colour: 'blue' }] }, /images\[0\]\.colour: unknown key/],
    [{ faults: [{ kind: 'explode' }] }, /faults\[0\]\.kind: expected one of/],
    [{ accountId: '42' }, /accountId: expected 12 digits/],
    [{ images: [{ name: 'a', repository: 'r', scan: { findings: [{ id: 'X', severity: 'SEVERE' }] } }] }, /findings\[0\]\.severity/]
  ]
  for (const [raw, message] of bad) {
    it(`rejects ${message.source}`, () => {
      expect(() => normalizeScenario(raw)).toThrow(ScenarioError)
      expect(() => normalizeScenario(raw)).toThrow(message)
    })
  }
})

describe('timeline semantics', () => {
  it('untilMs: 0 ends a step at once; completeScanNow jumps to the final step', async () => {
    const emu = await startEmulator({
      scenario: {
        images: [
          {
            name: 'quick',
            repository: 'r',
            tags: ['q'],
            scan: { timeline: [{ status: 'SCAN_NOT_FOUND', untilMs: 0 }, { status: 'COMPLETE' }] }
          },
          {
            name: 'slow',
            repository: 'r',
            tags: ['s'],
            scan: { timeline: [{ status: 'IN_PROGRESS', untilMs: 3_600_000 }, { status: 'ACTIVE' }] }
          }
        ]
      }
    })
    try {
      const { ECRClient, DescribeImageScanFindingsCommand } = await import('@aws-sdk/client-ecr')
      const ecr = new ECRClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } })
      const status = async (tag: string) =>
        (await ecr.send(new DescribeImageScanFindingsCommand({ repositoryName: 'r', imageId: { imageTag: tag } }))).imageScanStatus?.status
      expect(await status('q')).toBe('COMPLETE')
      expect(await status('s')).toBe('IN_PROGRESS')
      const t = emu.completeScanNow(emu.images.slow?.digest ?? '')
      expect(t).toBeGreaterThanOrEqual(0)
      expect(await status('s')).toBe('ACTIVE')
      expect(emu.scanFindings(emu.images.slow?.digest ?? '')).toEqual([])
    } finally {
      await emu.stop()
    }
  })
})
