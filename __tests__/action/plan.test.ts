import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { effectivePolicyOf, planRun, policyOf } from '../../src/action/plan.js'
import { failureText } from '../../src/action/failure.js'

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com'

async function policy(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'plan-'))
  const file = path.join(dir, 'gate.yml')
  await writeFile(file, text)
  await writeFile(path.join(dir, 'allow.yml'), "vulnerabilities:\n  - { id: CVE-2024-0001, reason: ok, expires: '2099-01-01' }\n")
  return file
}

describe('planRun', () => {
  it('groups images by the overrides their repositories match, inline inputs over everything', async () => {
    const file = await policy(
      "version: 1\nvulnerabilities:\n  max-high: 5\n  allowlist: allow.yml\noverrides:\n  - repositories: ['payments-*']\n    vulnerabilities: { max-high: 0, severity-threshold: MEDIUM }\n"
    )
    const inputs: Record<string, string> = {
      policy: file,
      images: `${HOST}/payments-api:1\n${HOST}/tools:1\n${HOST}/payments-web:2`,
      'max-critical': '3'
    }
    const plan = await planRun((n) => inputs[n] ?? '', {})
    expect(plan.groups.map((g) => [g.indices, g.overrides])).toEqual([
      [[0, 2], [0]],
      [[1], []]
    ])
    const of = policyOf(plan)
    expect(of(0).maxCounts).toEqual({ critical: 3, high: 0, medium: 0, low: 0 })
    expect(of(0).severityThreshold).toBe('MEDIUM')
    expect(of(1).maxCounts.high).toBe(5)
    expect(of(1).allowlist.map((e) => e.id)).toEqual(['CVE-2024-0001'])
    const effective = effectivePolicyOf(plan)!
    expect(effective.file?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(effective.groups[0]!.sources).toMatchObject({
      'max-high': 'overrides[0]',
      'max-critical': 'input',
      allowlist: 'file',
      'max-low': 'default'
    })
  })

  it('names the policy input and the JSON path for a bad file (the Action words)', async () => {
    const file = await policy('version: 1\nvulnerabilities:\n  max-high: two\n')
    const inputs: Record<string, string> = { policy: file, image: `${HOST}/app:1` }
    const error = await planRun((n) => inputs[n] ?? '', {}).catch((e: unknown) => e)
    expect(failureText(error)).toBe(
      `Invalid input for 'policy': ${file}: vulnerabilities.max-high: expected a non-negative integer (at most 1000000), got "two"`
    )
  })

  it('has no effective policy without a file', async () => {
    const inputs: Record<string, string> = { image: `${HOST}/app:1` }
    const plan = await planRun((n) => inputs[n] ?? '', {})
    expect(plan.groups).toHaveLength(1)
    expect(effectivePolicyOf(plan)).toBeUndefined()
  })
})
