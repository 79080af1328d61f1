import { describe, expect, it } from 'vitest'
import type { AwsPorts } from '../../src/aws/clients.js'
import { runBatch } from '../../src/core/gate-image.js'
import type { BatchImage, Settings } from '../../src/action/inputs.js'
import { readSettings } from '../../src/action/inputs.js'
import { silentLogger } from '../../src/core/ports.js'
import type { Policy } from '../../src/core/types.js'

const policy: Policy = { severityThreshold: 'HIGH', ignoreUnfixed: false, maxCounts: { critical: 0, high: 0, medium: 0, low: 0 }, allowlist: [] }

function batch(n: number): { settings: Settings; images: BatchImage[] } {
  const refs = Array.from({ length: n }, (_, i) => `123456789012.dkr.ecr.us-east-1.amazonaws.com/app${i}:v1`)
  const settings = readSettings((name) => (name === 'images' ? refs.join('\n') : ''), {})
  if (!settings.batch) throw new Error('expected a batch')
  return { settings, images: settings.batch }
}

describe('runBatch', () => {
  it('gates every image at most `concurrency` at a time, keeps input order, and records a thrown image as its failure', async () => {
    const { settings, images } = batch(10)
    let active = 0
    let peak = 0
    const repositories: string[] = []
    const ecr = {
      describeImages: async (input: { repositoryName?: string }) => {
        active++
        peak = Math.max(peak, active)
        repositories.push(input.repositoryName ?? '')
        await new Promise((resolve) => setTimeout(resolve, 5))
        active--
        throw Object.assign(new Error('The repository does not exist'), { name: 'RepositoryNotFoundException', $metadata: { httpStatusCode: 400 } })
      }
    }
    const described: unknown[] = []
    const outcomes = await runBatch(
      { settings, policy, images, trustFor: () => undefined },
      {
        clientsFor: () => ({ ecr }) as unknown as AwsPorts,
        now: () => 0,
        sleep: async () => {},
        logFor: () => silentLogger,
        describeError: (error) => {
          described.push(error)
          return `gate error: ${(error as Error).message}`
        }
      },
      3
    )
    expect(peak).toBeLessThanOrEqual(3)
    expect(peak).toBeGreaterThan(1)
    expect(outcomes.map((o) => o.reference)).toEqual(images.map((i) => i.reference))
    expect(outcomes.every((o) => 'error' in o && o.error.startsWith('gate error:'))).toBe(true)
    expect(described).toHaveLength(10)
    expect(new Set(repositories)).toEqual(new Set(images.map((i) => i.repository)))
  })
})
