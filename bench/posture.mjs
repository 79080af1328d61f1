// Bench case: what `posture: recommended` costs a run whose scans are still pending. The same batch
// (2 repositories × 2 images, scans IN_PROGRESS for 5 s after their first status poll) is gated with
// posture off and on, each against a fresh emulator with the benchmark's latencies; reported: AWS
// requests the posture check adds per repository (target ≤ 4, registry-level reads counted apart)
// and the decision lag (scan complete → process exit) with and without it (target: no added wall
// time). Timings are reported, never asserted. Registered in bench/run.mjs; also runs alone:
//
//   node bench/posture.mjs [--runs N]
import { mkdtemp, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmulator } from '../emulator/server.mjs'
import { emulatorClock, runGate } from './harness.mjs'
import { formatSummary, formatTable, statusPolls, summarize } from './lib.mjs'

const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const PENDING_MS = 5_000
const REPOSITORIES = ['bench/posture-a', 'bench/posture-b']
/** Posture operations made once per repository; the rest are registry-level (once a run). */
const PER_REPOSITORY = new Set(['DescribeRepositories', 'GetLifecyclePolicy', 'GetRepositoryPolicy'])

const lifecycle = {
  rules: [
    {
      rulePriority: 1,
      selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
      action: { type: 'expire' }
    }
  ]
}

function scenario() {
  return {
    accountId: ACCOUNT,
    region: REGION,
    scanType: 'ENHANCED',
    repositories: REPOSITORIES.map((name) => ({
      name,
      imageTagMutability: 'IMMUTABLE',
      encryption: { encryptionType: 'KMS' },
      lifecyclePolicy: lifecycle
    })),
    images: REPOSITORIES.flatMap((repository, r) =>
      ['v1', 'v2'].map((tag) => ({
        name: `img-${r}-${tag}`,
        repository,
        tags: [tag],
        scan: { timeline: [{ status: 'IN_PROGRESS', untilMs: PENDING_MS }, { status: 'COMPLETE' }], findings: [] }
      }))
    )
  }
}

/** @param {import('../emulator/server.mjs').CallRecord} c */
const isAws = (c) => c.service !== 'registry' && c.service !== 'unknown'

/**
 * One gate run of the batch.
 * @param {string} dir
 * @param {string} posture
 */
async function once(dir, posture) {
  const emu = await startEmulator({ scenario: scenario(), port: 0, host: '127.0.0.1', latencyMs: 40, registryLatencyMs: 20 })
  const clock = emulatorClock(emu)
  try {
    const images = REPOSITORIES.flatMap((r) => ['v1', 'v2'].map((t) => `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${r}:${t}`))
    const run = await runGate({ emu, clock, dir, inputs: { images: images.join('\n'), posture, 'scan-timeout': '120' } })
    const calls = [...emu.calls]
    const firstPoll = Math.min(...statusPolls(calls).map((c) => c.t))
    const completedT = firstPoll + PENDING_MS
    const postureCalls = calls.filter(
      (c) => c.service === 'ecr' && (PER_REPOSITORY.has(c.operation) || (c.operation === 'DescribeImages' && c.digest === undefined))
    )
    const postureDoneT = postureCalls.length > 0 ? Math.max(...postureCalls.map((c) => c.t)) : Number.NaN
    return { decision: run.outputs.decision ?? '(none)', calls, lagMs: run.closeT - completedT, headroomMs: completedT - postureDoneT }
  } finally {
    await emu.stop()
  }
}

/**
 * @param {{ work: string, say: (text: string) => void, runs?: number }} o
 */
export default async function postureBench({ work, say, runs = 3 }) {
  say(
    `\n[posture] posture: recommended on a batch of ${REPOSITORIES.length} repositories × 2 images whose scans are pending ${PENDING_MS / 1000} s`
  )
  const off = []
  const on = []
  for (let i = 0; i < runs; i++) {
    off.push(await once(path.join(work, `posture-off-${i}`), 'off'))
    on.push(await once(path.join(work, `posture-on-${i}`), 'recommended'))
  }
  const nonPoll = (/** @type {{calls: any[]}} */ r) => {
    const polls = new Set(statusPolls(r.calls))
    return r.calls.filter((c) => isAws(c) && !polls.has(c))
  }
  const added = on.map((r, i) => nonPoll(r).length - nonPoll(/** @type {any} */ (off[i])).length)
  const last = /** @type {{calls: any[]}} */ (on[on.length - 1])
  const listing = last.calls.filter((c) => c.service === 'ecr' && c.operation === 'DescribeImages' && c.digest === undefined).length
  const perRepo = last.calls.filter((c) => c.service === 'ecr' && PER_REPOSITORY.has(c.operation)).length + listing
  const perRepository = perRepo / REPOSITORIES.length
  const result = {
    repositories: REPOSITORIES.length,
    images: REPOSITORIES.length * 2,
    addedRequests: summarize(added),
    perRepositoryRequests: perRepository,
    registryLevelRequests: Math.max(...added) - perRepo,
    lagOffMs: summarize(off.map((r) => r.lagMs)),
    lagOnMs: summarize(on.map((r) => r.lagMs)),
    postureDoneBeforeScanMs: summarize(on.map((r) => r.headroomMs)),
    decisions: [...new Set([...off, ...on].map((r) => r.decision))]
  }
  say(
    formatTable(
      ['Measure', 'Measured: median (min–max)', 'Target'],
      [
        ['AWS requests posture adds to the run', formatSummary(result.addedRequests, 'count'), '—'],
        ['  of which per repository', String(perRepository), `≤ 4 — ${perRepository <= 4 ? 'met' : 'MISSED'}`],
        ['Decision lag, posture off', formatSummary(result.lagOffMs, 'ms'), '—'],
        ['Decision lag, posture: recommended', formatSummary(result.lagOnMs, 'ms'), 'same as off'],
        ['Last posture request before the scans complete', formatSummary(result.postureDoneBeforeScanMs, 'ms'), '> 0 (no added wall time)'],
        ['Decisions', result.decisions.join(', '), 'pass']
      ]
    )
  )
  return result
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs')
  const runs = i > 0 ? Number(process.argv[i + 1]) : 3
  const work = await mkdtemp(path.join(os.tmpdir(), 'ecr-deploy-gate-bench-posture-'))
  try {
    const r = await postureBench({ work, say: (t) => process.stdout.write(`${t}\n`), runs })
    process.stdout.write(`${JSON.stringify(r)}\n`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
