#!/usr/bin/env node
// `npm run bench`: how fast the gate decides, what it costs and how it scales, beside what users run
// today (the AWS CLI waiter script). Runs the real bundled action (dist/index.js) against the local
// emulator with a fixed per-call latency (40 ms AWS APIs, 20 ms registry), on loopback only, prints
// tables with the targets beside the figures and writes bench/results.json.
//
//   npm run bench -- [--quick] [--runs N] [--no-cli] [--out FILE] [--only lag|findings|signature|cold-start]
//
// `--only` runs one section, prints its own lines and writes only its results (no headline table).
//
// Timings are reported, never asserted: they depend on the machine.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { actionNode, nodeVersion } from '../emulator/run-action.mjs'
import { cosignArtifact, createSigstoreTestPki, generateKey, publicKeyDer } from '../emulator/cosign.mjs'
import { buildContent, normalizeScenario } from '../emulator/scenario.mjs'
import { startEmulator } from '../emulator/server.mjs'
import { trustPolicyFor, writeTrustStore } from '../emulator/signing.mjs'
import { awsCliVersion, emulatorClock, root, runCli, runGate } from './harness.mjs'
import {
  SUMMARY_LIMIT_BYTES,
  TARGETS,
  checkTarget,
  formatSummary,
  formatTable,
  formatTarget,
  formatValue,
  median,
  minGap,
  minimumRequests,
  parseArgs,
  perMinute,
  splitFindings,
  statusPolls as scanPollsOf,
  summarize
} from './lib.mjs'

const AWS_LATENCY_MS = 40
const REGISTRY_LATENCY_MS = 20
const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
const PROFILE = `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-profiles/release`

const opts = parseArgs(process.argv.slice(2))
const outFile = path.resolve(opts.out ?? path.join(root, 'bench', 'results.json'))
const scaleSizes = opts.quick ? [100, 1000, 10000] : [100, 1000, 10000, 50000]
const batchSizes = opts.quick ? [1, 10] : [1, 10, 50]

/** @param {string} text */
const say = (text) => process.stdout.write(`${text}\n`)

/** @param {import('../emulator/server.mjs').CallRecord} c */
const isScanCall = (c) => c.service === 'ecr' && c.operation === 'DescribeImageScanFindings'
/** @param {import('../emulator/server.mjs').CallRecord} c */
const isAws = (c) => c.service !== 'registry' && c.service !== 'unknown'

/**
 * Starts an emulator with the benchmark's fixed latencies.
 * @param {object} scenario
 */
async function emulator(scenario, extra = {}) {
  const emu = await startEmulator({
    ...extra,
    scenario,
    port: 0,
    host: '127.0.0.1',
    latencyMs: AWS_LATENCY_MS,
    registryLatencyMs: REGISTRY_LATENCY_MS
  })
  return { emu, clock: emulatorClock(emu) }
}

/**
 * A registry of the benchmark's account and region holding `images`.
 * @param {object[]} images
 * @param {'ENHANCED'|'BASIC'} [scanType]
 */
function registryScenario(images, scanType = 'ENHANCED') {
  return { accountId: ACCOUNT, region: REGION, scanType, images }
}

/**
 * The one image `app`, tagged v1, in its own registry.
 * @param {object} image  repository and scan (or scanByPlatform), platforms, signatures…
 * @param {'ENHANCED'|'BASIC'} [scanType]
 */
function appScenario(image, scanType = 'ENHANCED') {
  return registryScenario([{ name: 'app', tags: ['v1'], ...image }], scanType)
}

/**
 * One single-platform image in its own ENHANCED (or BASIC) registry.
 * @param {object} scan
 * @param {'ENHANCED'|'BASIC'} [scanType]
 */
function singleImageScenario(scan, scanType = 'ENHANCED') {
  return appScenario({ repository: 'bench/app', scan }, scanType)
}

/** The AWS Signer signature the signed benchmark images carry (the emulator signs with the `bench` PKI). */
const benchSignature = {
  format: 'jws',
  pki: 'bench',
  signingProfileVersionArn: `${PROFILE}/a1b2c3d4e5`,
  signingJobArn: `arn:aws:signer:${REGION}:${ACCOUNT}:/signing-jobs/6f1e9a52-0c1d-4e54-9a43-7f8e1c2b3d4a`
}

/**
 * Writes the trust store and trust policy that accept `benchSignature` and returns the inputs that
 * require it.
 * @param {string} work
 * @returns {Promise<Record<string, string>>}
 */
async function signatureInputs(work) {
  const storeDir = path.join(work, 'truststore')
  writeTrustStore(storeDir, { type: 'signingAuthority', name: 'bench', pkiNames: ['bench'] })
  const policyFile = path.join(work, 'trustpolicy.json')
  await writeFile(policyFile, JSON.stringify(trustPolicyFor({ trustStores: ['signingAuthority:bench'], trustedIdentities: [PROFILE] })))
  return { 'trust-policy': policyFile, 'trust-store': storeDir }
}

const fewFindings = [
  { id: 'CVE-2024-0001', severity: 'MEDIUM', package: 'zlib', version: '1.2.13', fixedInVersion: '1.3.1' },
  { id: 'CVE-2024-0002', severity: 'LOW', package: 'busybox', version: '1.36.0' }
]

/** Digests whose scan timeline a case drives: the image and its platform manifests. */
function scanDigests(emu) {
  const img = emu.images.app
  return [img.digest, ...img.platforms.map((p) => p.digest)]
}

// ---------------------------------------------------------------------------------------------
// 1 + 2. Decision lag and calls while waiting
// ---------------------------------------------------------------------------------------------

/**
 * Completion moment of run i: spread evenly over 7.5..12.5 s after spawn ("a scan that takes ~10
 * s"), so every run lands at a different phase of both tools' poll intervals (the CLI polls every 5
 * s, the gate every ≤ 3 s) and neither is favoured by a lucky alignment.
 * @param {number} i
 * @param {number} runs
 */
const completionDelayMs = (i, runs) => 7500 + ((i + 0.5) / runs) * 5000

/**
 * Runs the gate on a scan that completes `delayMs` after spawn; returns its timings and calls.
 * @param {'ENHANCED'|'BASIC'} scanType
 * @param {number} delayMs
 * @param {string} dir
 */
async function gateLagRun(scanType, delayMs, dir, signature) {
  const scan = { timeline: [{ status: 'IN_PROGRESS', untilMs: 3_600_000 }, { status: 'COMPLETE' }], findings: fewFindings }
  const { emu, clock } = await emulator(
    appScenario({ repository: 'bench/app', scan, ...(signature ? { signatures: [benchSignature] } : {}) }, scanType)
  )
  try {
    let completedT = Number.NaN
    /** @type {NodeJS.Timeout|undefined} */
    let timer
    const run = await runGate({
      emu,
      clock,
      dir,
      inputs: { repository: 'bench/app', tag: 'v1', 'scan-timeout': '120', ...(signature ?? {}) },
      onSpawn: () => {
        timer = setTimeout(() => {
          for (const d of scanDigests(emu)) completedT = emu.completeScanNow(d)
        }, delayMs)
      }
    })
    clearTimeout(timer)
    const calls = [...emu.calls]
    const polls = scanPollsOf(calls)
    const waiting = polls.filter((c) => c.t < completedT)
    // Under ENHANCED the COMPLETE poll is followed by one settle poll; after that come finding pages.
    const pollCount = waiting.length + (scanType === 'ENHANCED' ? 2 : 1)
    const statusPolls = polls.slice(0, pollCount)
    const firstPoll = polls[0]?.t ?? Number.NaN
    const windowMs = completedT - firstPoll
    const awsInWindow = calls.filter((c) => isAws(c) && c.t >= firstPoll && c.t < completedT).length
    // Where the lag goes: waiting for the next poll, the settle poll (ENHANCED), then reading + exit.
    const afterCompletion = polls.filter((c) => c.t >= completedT)
    const firstSeen = afterCompletion[0]?.t ?? Number.NaN
    const lastStatusPoll = statusPolls[statusPolls.length - 1]?.t ?? Number.NaN
    return {
      decision: run.outputs.decision ?? '(none)',
      signatureStatus: run.outputs['signature-status'] ?? '(none)',
      code: run.code,
      lagMs: run.closeT - completedT,
      untilNextPollMs: firstSeen - completedT,
      settleMs: lastStatusPoll - firstSeen,
      lastPollToExitMs: run.closeT - lastStatusPoll,
      totalRequests: calls.length,
      statusPolls: statusPolls.length,
      waitWindowMs: windowMs,
      requestsWhileWaiting: awsInWindow,
      requestsPerMinute: perMinute(awsInWindow, windowMs),
      minPollGapMs: minGap(statusPolls.map((c) => c.t))
    }
  } finally {
    await emu.stop()
  }
}

/**
 * The AWS CLI script on the same kind of scan; `timeline` ACTIVE shows the waiter never finishing.
 * @param {number} delayMs
 * @param {string} dir
 * @param {{ active?: boolean, timeoutMs?: number }} [o]
 */
async function cliLagRun(delayMs, dir, o = {}) {
  const scan = o.active
    ? { timeline: [{ status: 'ACTIVE' }], findings: fewFindings }
    : { timeline: [{ status: 'IN_PROGRESS', untilMs: 3_600_000 }, { status: 'COMPLETE' }], findings: fewFindings }
  const { emu, clock } = await emulator(singleImageScenario(scan))
  try {
    let completedT = Number.NaN
    const timer = o.active
      ? undefined
      : setTimeout(() => {
          for (const d of scanDigests(emu)) completedT = emu.completeScanNow(d)
        }, delayMs)
    const run = await runCli({ emu, clock, repository: 'bench/app', tag: 'v1', dir, timeoutMs: o.timeoutMs ?? 120_000 })
    clearTimeout(timer)
    return {
      finished: run.finished,
      code: run.code,
      lagMs: run.closeT - completedT,
      wallMs: run.closeT - run.spawnT,
      totalRequests: emu.calls.length,
      statusPolls: scanPollsOf(emu.calls).length,
      output: run.log.trim().split('\n').slice(-1)[0] ?? ''
    }
  } finally {
    await emu.stop()
  }
}

/**
 * A 30 s PENDING scan (the clock starts at the first status query), gated once.
 * @param {string} dir
 */
async function pendingRun(dir) {
  const { emu, clock } = await emulator(
    singleImageScenario({ timeline: [{ status: 'PENDING', untilMs: 30_000 }, { status: 'COMPLETE' }], findings: fewFindings })
  )
  try {
    const run = await runGate({ emu, clock, dir, inputs: { repository: 'bench/app', tag: 'v1', 'scan-timeout': '120' } })
    const calls = [...emu.calls]
    const polls = scanPollsOf(calls)
    const firstPoll = polls[0]?.t ?? Number.NaN
    const completedT = firstPoll + 30_000
    const waiting = polls.filter((c) => c.t < completedT)
    const statusPolls = polls.slice(0, waiting.length + 2)
    const awsInWindow = calls.filter((c) => isAws(c) && c.t >= firstPoll && c.t < completedT).length
    return {
      decision: run.outputs.decision ?? '(none)',
      totalRequests: calls.length,
      requestsWhileWaiting: awsInWindow,
      waitWindowMs: completedT - firstPoll,
      requestsPerMinute: perMinute(awsInWindow, completedT - firstPoll),
      minPollGapMs: minGap(statusPolls.map((c) => c.t)),
      lagMs: run.closeT - completedT
    }
  } finally {
    await emu.stop()
  }
}

async function decisionLag(work, cliVersion) {
  const signature = await signatureInputs(work)
  say(
    `\n[1/5] Decision lag and calls while waiting: ${opts.runs} run(s), scan completes 7.5–12.5 s after start${cliVersion ? ', beside the AWS CLI script' : ''}`
  )
  const gate = []
  const basic = []
  const unsigned = []
  const cli = []
  /** @type {Awaited<ReturnType<typeof cliLagRun>>|undefined} */
  let cliActive
  /** @type {Awaited<ReturnType<typeof pendingRun>>|undefined} */
  let pending
  for (let i = 0; i < opts.runs; i++) {
    const delay = completionDelayMs(i, opts.runs)
    const dir = path.join(work, `lag-${i}`)
    // Each process has its own emulator, so calls and scan clocks never mix.
    // The headline case requires a signature: its check runs alongside the wait and must not add to the lag.
    const jobs = [
      gateLagRun('ENHANCED', delay, path.join(dir, 'gate'), signature),
      gateLagRun('BASIC', delay, path.join(dir, 'gate-basic')),
      gateLagRun('ENHANCED', delay, path.join(dir, 'gate-unsigned'))
    ]
    if (cliVersion) jobs.push(cliLagRun(delay, path.join(dir, 'cli')))
    if (i === 0) {
      jobs.push(pendingRun(path.join(dir, 'pending')))
      if (cliVersion) jobs.push(cliLagRun(0, path.join(dir, 'cli-active'), { active: true, timeoutMs: 20_000 }))
    }
    const results = await Promise.all(jobs)
    const [g, b, u] = /** @type {[any, any, any]} */ (results)
    gate.push(g)
    basic.push(b)
    unsigned.push(u)
    let k = 3
    if (cliVersion) cli.push(results[k++])
    if (i === 0) {
      pending = /** @type {any} */ (results[k++])
      if (cliVersion) cliActive = /** @type {any} */ (results[k])
    }
    const c = cliVersion ? cli[cli.length - 1] : undefined
    say(
      `  run ${i + 1}: completes at ${(delay / 1000).toFixed(1)} s; gate with a signature ${formatValue(g.lagMs, 'ms')} (${g.decision}, signature ${g.signatureStatus}), without ${formatValue(u.lagMs, 'ms')}, under BASIC ${formatValue(b.lagMs, 'ms')}` +
        (c ? `, AWS CLI ${c.finished ? formatValue(c.lagMs, 'ms') : 'did not finish'} (exit ${c.code})` : '')
    )
  }
  const gateLag = summarize(gate.map((r) => r.lagMs))
  const cliLag = summarize(cli.filter((r) => r.finished).map((r) => r.lagMs))
  return {
    completionMomentsMs: Array.from({ length: opts.runs }, (_, i) => Math.round(completionDelayMs(i, opts.runs))),
    gate: {
      lagMs: gateLag,
      breakdownMs: {
        untilNextPoll: summarize(gate.map((r) => r.untilNextPollMs)),
        settlePoll: summarize(gate.map((r) => r.settleMs)),
        lastPollToExit: summarize(gate.map((r) => r.lastPollToExitMs))
      },
      runs: gate
    },
    gateBasic: { lagMs: summarize(basic.map((r) => r.lagMs)), runs: basic },
    gateUnsigned: { lagMs: summarize(unsigned.map((r) => r.lagMs)), runs: unsigned },
    awsCli: cliVersion
      ? {
          version: cliVersion,
          lagMs: cliLag,
          runs: cli,
          activeScan: cliActive
            ? {
                finished: cliActive.finished,
                boundMs: 20_000,
                statusPolls: cliActive.statusPolls,
                note: cliActive.finished ? 'finished' : 'did not finish: the waiter only accepts COMPLETE'
              }
            : undefined
        }
      : { skipped: 'aws --version did not work' },
    ratioCliOverGate: cliVersion ? cliLag.median / gateLag.median : Number.NaN,
    waiting: {
      requestsPerMinute: summarize(gate.map((r) => r.requestsPerMinute)),
      requestsWhileWaiting: summarize(gate.map((r) => r.requestsWhileWaiting)),
      totalRequests: summarize(gate.map((r) => r.totalRequests)),
      minPollGapMs: Math.min(...gate.map((r) => r.minPollGapMs), pending?.minPollGapMs ?? Number.POSITIVE_INFINITY),
      pending30s: pending
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Findings scale
// ---------------------------------------------------------------------------------------------

async function findingsScale(work) {
  say(`\n[2/5] Findings scale: ${scaleSizes.join(', ')} findings over two platforms, ${opts.runs} run(s) each`)
  const out = []
  for (const n of scaleSizes) {
    const perPlatform = splitFindings(n, 2)
    const scanFor = (/** @type {number} */ count, /** @type {number} */ seed) => ({
      timeline: [{ status: 'ACTIVE' }],
      generateFindings: { count, seed, idPrefix: `CVE-2099-${seed}` }
    })
    const { emu, clock } = await emulator(
      appScenario({
        repository: 'bench/scale',
        platforms: [
          { os: 'linux', architecture: 'amd64' },
          { os: 'linux', architecture: 'arm64' }
        ],
        scanByPlatform: { 'linux/amd64': scanFor(perPlatform[0] ?? 0, 1), 'linux/arm64': scanFor(perPlatform[1] ?? 0, 2) }
      })
    )
    const runs = []
    try {
      for (let i = 0; i < opts.runs; i++) {
        const from = emu.calls.length
        const r = await runGate({
          emu,
          clock,
          dir: path.join(work, `scale-${n}-${i}`),
          measure: true,
          inputs: { repository: 'bench/scale', tag: 'v1' }
        })
        const calls = emu.calls.slice(from)
        const scanCalls = calls.filter(isScanCall).length
        const fixed = calls.length - scanCalls
        const min = minimumRequests({ findingsPerPlatform: perPlatform, fixedRequests: fixed })
        runs.push({
          decision: r.outputs.decision ?? '(none)',
          wallMs: r.closeT - (calls[0]?.t ?? Number.NaN),
          processMs: r.closeT - r.spawnT,
          maxRssBytes: r.stats?.maxRssBytes ?? Number.NaN,
          cpuMs: r.stats ? (r.stats.cpuUserUs + r.stats.cpuSystemUs) / 1000 : Number.NaN,
          requests: calls.length,
          scanRequests: scanCalls,
          minimumRequests: min.total,
          minimumScanRequests: min.scanRequests,
          otherRequests: [...new Set(calls.filter((c) => !isScanCall(c)).map((c) => c.operation))],
          summaryBytes: r.summaryBytes
        })
      }
    } finally {
      await emu.stop()
    }
    const row = {
      findings: n,
      perPlatform,
      wallMs: summarize(runs.map((r) => r.wallMs)),
      maxRssBytes: summarize(runs.map((r) => r.maxRssBytes)),
      cpuMs: summarize(runs.map((r) => r.cpuMs)),
      requests: runs[0]?.requests ?? Number.NaN,
      minimumRequests: runs[0]?.minimumRequests ?? Number.NaN,
      scanRequests: runs[0]?.scanRequests ?? Number.NaN,
      minimumScanRequests: runs[0]?.minimumScanRequests ?? Number.NaN,
      otherRequests: runs[0]?.otherRequests ?? [],
      summaryBytes: Math.max(...runs.map((r) => r.summaryBytes)),
      decision: runs[0]?.decision,
      runs
    }
    out.push(row)
    say(
      `  ${n} findings: ${formatSummary(row.wallMs, 'ms')}, peak RSS ${formatSummary(row.maxRssBytes, 'bytes')}, ${row.requests} requests (minimum ${row.minimumRequests}), summary ${formatValue(row.summaryBytes, 'bytes')}`
    )
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// 4. Signature step
// ---------------------------------------------------------------------------------------------

/**
 * Runs a verifier micro-benchmark (`bench/<script>`, through tsx) and returns its JSON line.
 * @param {string} [script]
 * @returns {Promise<any>}
 */
function verifierCpu(script = 'verify-cpu.mjs') {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  if (!existsSync(tsx)) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    let out = ''
    let err = ''
    const child = spawn(tsx, [path.join(root, 'bench', script), String(opts.quick ? 50 : 200)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', () => resolve(undefined))
    child.on('close', (code) => {
      if (code !== 0) {
        say(`  (verifier micro-benchmark failed: ${err.trim().split('\n').slice(-1)[0] ?? code})`)
        resolve(undefined)
        return
      }
      try {
        resolve(JSON.parse(out.trim().split('\n').slice(-1)[0] ?? ''))
      } catch {
        resolve(undefined)
      }
    })
  })
}

async function signatureStep(work) {
  say(`\n[3/5] Signature step: ${opts.runs} run(s) with and without signature verification, plus the verifier's CPU per signature`)
  const { emu, clock } = await emulator(
    appScenario({
      repository: 'bench/signed',
      scan: { timeline: [{ status: 'ACTIVE' }], findings: fewFindings },
      signatures: [benchSignature]
    })
  )
  const withSig = []
  const without = []
  try {
    const signature = await signatureInputs(work)
    for (let i = 0; i < opts.runs; i++) {
      for (const verify of [true, false]) {
        const from = emu.calls.length
        const inputs = { repository: 'bench/signed', tag: 'v1', ...(verify ? signature : {}) }
        const r = await runGate({ emu, clock, dir: path.join(work, `sig-${i}-${verify}`), measure: true, inputs })
        const calls = emu.calls.slice(from)
        const cpuMs = r.stats ? (r.stats.cpuUserUs + r.stats.cpuSystemUs) / 1000 : Number.NaN
        if (!verify) {
          without.push({ cpuMs, maxRssBytes: r.stats?.maxRssBytes ?? Number.NaN, processMs: r.closeT - r.spawnT })
          continue
        }
        const sigCalls = calls.filter((c) => c.service === 'registry' || c.service === 'signer' || c.operation === 'GetAuthorizationToken')
        const first = sigCalls[0]
        const last = sigCalls[sigCalls.length - 1]
        const lastLatency = last?.service === 'registry' ? REGISTRY_LATENCY_MS : AWS_LATENCY_MS
        withSig.push({
          status: r.outputs['signature-status'] ?? '(none)',
          requests: sigCalls.filter((c) => c.service === 'registry' || c.service === 'signer').length,
          authTokenRequests: sigCalls.filter((c) => c.operation === 'GetAuthorizationToken').length,
          operations: sigCalls.map((c) => `${c.service}:${c.operation}`),
          phaseMs: first && last ? last.t + lastLatency - first.t : Number.NaN,
          cpuMs,
          maxRssBytes: r.stats?.maxRssBytes ?? Number.NaN,
          processMs: r.closeT - r.spawnT
        })
      }
    }
  } finally {
    await emu.stop()
  }
  const cosignRequests = await cosignRequestCount(work)
  const micro = await verifierCpu()
  const cosign = await verifierCpu('verify-cosign-cpu.mjs')
  const res = {
    status: withSig[0]?.status,
    operations: withSig[0]?.operations ?? [],
    requests: summarize(withSig.map((r) => r.requests)),
    authTokenRequests: withSig[0]?.authTokenRequests ?? Number.NaN,
    phaseMs: summarize(withSig.map((r) => r.phaseMs)),
    gateCpuWithMs: summarize(withSig.map((r) => r.cpuMs)),
    gateCpuWithoutMs: summarize(without.map((r) => r.cpuMs)),
    gateCpuDeltaMs: median(withSig.map((r) => r.cpuMs)) - median(without.map((r) => r.cpuMs)),
    maxRssWithBytes: summarize(withSig.map((r) => r.maxRssBytes)),
    maxRssWithoutBytes: summarize(without.map((r) => r.maxRssBytes)),
    cosignRequests,
    verifierCpu: micro ?? { skipped: 'tsx not available; see gateCpuDeltaMs' },
    cosignVerifierCpu: cosign ?? { skipped: 'tsx not available' }
  }
  say(
    `  ${res.status}: ${formatSummary(res.requests, 'count')} registry + signer request(s) (+${res.authTokenRequests} GetAuthorizationToken), phase ${formatSummary(res.phaseMs, 'ms')}, ` +
      `verifier CPU ${micro ? `${micro.jws.medianCpuMs.toFixed(1)} ms (JWS), ${micro.cose.medianCpuMs.toFixed(1)} ms (COSE)` : 'n/a'}, whole-action CPU +${formatValue(res.gateCpuDeltaMs, 'ms')}`
  )
  say(
    `  cosign, KMS key (bundle referrer): ${formatSummary(cosignRequests.requests, 'count')} registry + KMS request(s) (${cosignRequests.operations.join(', ')}), ${cosignRequests.status} — target ${formatTarget(cosignRequests.requests.median, TARGETS.cosignRequests, 'count')}`
  )
  if (cosign) {
    const names = {
      keyBundle: 'key-based bundle',
      legacySig: 'legacy .sig',
      keylessTlog: 'keyless bundle, tlog only',
      keylessTsa: 'keyless bundle + TSA'
    }
    for (const [key, label] of Object.entries(names)) {
      const c = cosign[key]
      if (c === undefined) continue
      say(
        `  cosign ${label}: verifier CPU ${formatValue(c.medianCpuMs, 'ms')} median after warm-up (first ${formatValue(c.firstCpuMs, 'ms')}) — target ${formatTarget(c.medianCpuMs, TARGETS.cosignCpuMs, 'ms')}`
      )
    }
  }
  return res
}

/**
 * Registry and KMS requests of the cosign check for an image signed with a KMS key (cosign 3's
 * bundle referrer), from real runs of dist/index.js: the referrers list, the bundle's manifest and
 * blob, and one kms:GetPublicKey per key per run.
 * @param {string} work
 */
async function cosignRequestCount(work) {
  const digestScenario = appScenario({ repository: 'bench/cosign', scan: { timeline: [{ status: 'ACTIVE' }], findings: fewFindings } })
  const content = await buildContent(normalizeScenario(digestScenario))
  const digest = /** @type {{ digest: string }} */ (Object.values(content.images)[0]).digest
  const pki = await createSigstoreTestPki()
  const key = generateKey('p256')
  const artifact = await cosignArtifact({ digest, pki, layout: 'bundle', signer: key, subjectImage: 'app' })
  const { emu, clock } = await emulator(
    { ...digestScenario, artifacts: [{ repository: 'bench/cosign', ...artifact }] },
    {
      kms: {
        keys: [
          {
            keyId: randomUUID(),
            aliases: ['alias/cosign'],
            keySpec: 'ECC_NIST_P256',
            publicKey: publicKeyDer(key.publicKey).toString('base64')
          }
        ]
      }
    }
  )
  const root = path.join(work, 'cosign-trusted_root.json')
  await writeFile(root, JSON.stringify(pki.trustedRoot))
  const runs = []
  try {
    for (let i = 0; i < opts.runs; i++) {
      const from = emu.calls.length
      const r = await runGate({
        emu,
        clock,
        dir: path.join(work, `cosign-${i}`),
        inputs: { repository: 'bench/cosign', tag: 'v1', 'cosign-key': 'awskms:///alias/cosign', 'sigstore-trusted-root': root }
      })
      const calls = emu.calls.slice(from).filter((c) => c.service === 'kms' || (c.service === 'registry' && c.operation !== 'Ping'))
      runs.push({
        status: r.outputs['signature-status'] ?? '(none)',
        requests: calls.length,
        operations: calls.map((c) => `${c.service}:${c.operation}`)
      })
    }
  } finally {
    await emu.stop()
  }
  return { status: runs[0]?.status, operations: runs[0]?.operations ?? [], requests: summarize(runs.map((r) => r.requests)) }
}

// ---------------------------------------------------------------------------------------------
// 5. Many images (and cold start, measured on the same plain `node dist/index.js` runs)
// ---------------------------------------------------------------------------------------------

async function manyImages(work, sizes = batchSizes) {
  const most = Math.max(...sizes)
  say(
    `\n[4/5] Many images: ${sizes.join(', ')} image(s) gated as sequential runs of dist/index.js and as one run with 'images'; cold start from the sequential runs`
  )
  const images = Array.from({ length: most }, (_, i) => ({
    name: `img-${i}`,
    repository: 'bench/many',
    tags: [`v${i}`],
    scan: { timeline: [{ status: 'ACTIVE' }], findings: fewFindings }
  }))
  const { emu, clock } = await emulator(registryScenario(images))
  const batches = []
  /** @type {number[]} */
  const coldStarts = []
  /** @type {number[]} */
  const bareNode = []
  try {
    for (const size of sizes) {
      const from = emu.calls.length
      const started = clock()
      const decisions = new Set()
      for (let i = 0; i < size; i++) {
        const before = emu.calls.length
        const r = await runGate({
          emu,
          clock,
          dir: path.join(work, `many-${size}-${i}`),
          inputs: { repository: 'bench/many', tag: `v${i}` }
        })
        decisions.add(r.outputs.decision ?? '(none)')
        const firstCall = emu.calls[before]
        if (firstCall) coldStarts.push(firstCall.t - r.spawnT)
        // The machine's floor, measured between the same runs: the same Node starting and exiting.
        bareNode.push(await bareNodeMs(clock))
      }
      const wallMs = clock() - started
      const requests = emu.calls.length - from
      // The same images as ONE run with the `images` input (gated 4 at a time).
      const batchFrom = emu.calls.length
      const batchStarted = clock()
      const refs = Array.from({ length: size }, (_, i) => `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/bench/many:v${i}`)
      const one = await runGate({ emu, clock, dir: path.join(work, `many-batch-${size}`), inputs: { images: refs.join('\n') } })
      const batchWallMs = clock() - batchStarted
      const batchRequests = emu.calls.length - batchFrom
      batches.push({
        images: size,
        wallMs,
        perImageMs: wallMs / size,
        requests,
        requestsPerImage: requests / size,
        decisions: [...decisions],
        oneRun: { wallMs: batchWallMs, requests: batchRequests, decision: one.outputs.decision ?? '(none)' }
      })
      say(
        `  ${size} image(s): ${formatValue(wallMs, 'ms')} as separate runs (${formatValue(wallMs / size, 'ms')} each), ${requests} requests; ` +
          `${formatValue(batchWallMs, 'ms')} as one run with 'images', ${batchRequests} requests`
      )
    }
  } finally {
    await emu.stop()
  }
  return { batches, coldStartMs: summarize(coldStarts), coldStartSamples: coldStarts.length, bareNodeMs: summarize(bareNode) }
}

/**
 * Spawn to exit of `node -e 0` with the Node that runs the action: what any start-up costs on this
 * machine, so cold-start figures of two machines can be compared.
 * @param {() => number} clock
 * @returns {Promise<number>}
 */
function bareNodeMs(clock) {
  return new Promise((resolve, reject) => {
    const started = clock()
    const child = spawn(actionNode, ['-e', '0'], { stdio: 'ignore' })
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(clock() - started) : reject(new Error(`node -e 0 exited with ${code}`))))
  })
}

/** @param {number[]} load  1, 5 and 15 min load averages */
const formatLoad = (load) => load.map((v) => v.toFixed(2)).join(' / ')

/** @param {string} dir */
async function dirSize(dir) {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    total += entry.isDirectory() ? await dirSize(p) : (await stat(p)).size
  }
  return total
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(path.join(root, 'dist', 'index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first')
  const cliVersion = opts.cli ? await awsCliVersion() : undefined
  const work = await mkdtemp(path.join(os.tmpdir(), 'ecr-deploy-gate-bench-'))
  const startedAt = Date.now()
  const loadAtStart = os.loadavg()
  if (opts.only !== undefined) {
    try {
      await onlySection(opts.only, work, cliVersion, startedAt, loadAtStart)
    } finally {
      await rm(work, { recursive: true, force: true })
    }
    return
  }
  try {
    const lag = await decisionLag(work, cliVersion)
    const scale = await findingsScale(work)
    const signature = await signatureStep(work)
    const many = await manyImages(work)
    await (await import('./posture.mjs')).default({ work, say, runs: opts.quick ? 1 : 3 }) // bench case: posture request budget and wall time
    say('\n[5/5] Cold start and bundle size')
    const distBytes = await dirSize(path.join(root, 'dist'))
    say(
      `  cold start ${formatSummary(many.coldStartMs, 'ms')} over ${many.coldStartSamples} runs (a bare \`node -e 0\`: ${formatSummary(many.bareNodeMs, 'ms')}); dist/ ${formatValue(distBytes, 'bytes')}`
    )

    const tenK = scale.find((r) => r.findings === 10000)
    const fiftyK = scale.find((r) => r.findings === 50000)
    const sigCpu = signature.verifierCpu?.jws?.medianCpuMs ?? signature.gateCpuDeltaMs
    const headline = [
      ['Decision lag after the scan completes (ENHANCED, signature required)', lag.gate.lagMs, 'ms', TARGETS.decisionLagMs],
      ['AWS CLI script lag ÷ gate lag (medians)', lag.ratioCliOverGate, 'x', TARGETS.lagRatioVsCli],
      [
        'AWS requests per image per minute while waiting (~10 s wait, scaled)',
        lag.waiting.requestsPerMinute,
        'per-min',
        TARGETS.requestsPerMinuteWaiting
      ],
      [
        'AWS requests per image per minute while waiting (30 s PENDING, once)',
        lag.waiting.pending30s?.requestsPerMinute ?? Number.NaN,
        'per-min',
        TARGETS.requestsPerMinuteWaiting
      ],
      ['Smallest gap between two status polls', lag.waiting.minPollGapMs, 'ms', TARGETS.minPollGapMs],
      ['10,000 findings: first request to exit', tenK?.wallMs, 'ms', TARGETS.findings10kWallMs],
      ['10,000 findings: peak RSS', tenK?.maxRssBytes, 'bytes', TARGETS.findings10kRssBytes],
      ['50,000 findings: peak RSS', fiftyK?.maxRssBytes ?? Number.NaN, 'bytes', TARGETS.findings50kRssBytes],
      ['Cold start: spawn to first AWS request', many.coldStartMs, 'ms', TARGETS.coldStartMs],
      ['Signature: registry + signer requests', signature.requests, 'count', TARGETS.signatureRequests],
      ['Signature: verifier CPU per signature (JWS, median)', sigCpu, 'ms', TARGETS.signatureCpuMs],
      [
        'Signature: cosign registry + KMS requests (KMS key, bundle referrer)',
        signature.cosignRequests?.requests,
        'count',
        TARGETS.cosignRequests
      ],
      [
        'Signature: cosign verifier CPU per signature (keyless + TSA, the slowest case, median)',
        signature.cosignVerifierCpu?.keylessTsa?.medianCpuMs ?? Number.NaN,
        'ms',
        TARGETS.cosignCpuMs
      ]
    ]
    /** @type {{ metric: string, value: number, unit: string, target: object, met: boolean, missedBy?: number }[]} */
    const targetResults = []
    const headlineRows = headline.map(([name, v, unit, target]) => {
      const s = typeof v === 'number' ? summarize([v]) : (v ?? summarize([]))
      const check = checkTarget(s.median, target)
      targetResults.push({ metric: name, value: s.median, unit, target, ...check })
      return [name, formatSummary(s, unit), formatTarget(s.median, target, unit)]
    })
    // Requests for 10,000 findings must equal the minimum the page limits allow.
    if (tenK) {
      const met = tenK.scanRequests <= tenK.minimumScanRequests
      targetResults.push({
        metric: '10,000 findings: scan requests vs minimum',
        value: tenK.scanRequests,
        unit: 'count',
        target: { max: tenK.minimumScanRequests },
        met
      })
      headlineRows.splice(8, 0, [
        '10,000 findings: requests (scan + resolve)',
        `${tenK.requests} (${tenK.scanRequests} scan)`,
        `= minimum ${tenK.minimumRequests} (${tenK.minimumScanRequests} scan) — ${met ? 'met' : `MISSED by ${tenK.scanRequests - tenK.minimumScanRequests}`}`
      ])
    }
    const headlineTable = formatTable(['Measure', 'Measured: median (min–max)', 'Target'], headlineRows)

    const lagRows = [
      [
        'ecr-deploy-gate, ENHANCED, signature required (COMPLETE, then one settle poll)',
        formatSummary(lag.gate.lagMs, 'ms'),
        formatSummary(lag.waiting.totalRequests, 'count')
      ],
      [
        'ecr-deploy-gate, ENHANCED, no signature',
        formatSummary(lag.gateUnsigned.lagMs, 'ms'),
        formatSummary(summarize(lag.gateUnsigned.runs.map((r) => r.totalRequests)), 'count')
      ],
      [
        'ecr-deploy-gate, BASIC (COMPLETE is final)',
        formatSummary(lag.gateBasic.lagMs, 'ms'),
        formatSummary(summarize(lag.gateBasic.runs.map((r) => r.totalRequests)), 'count')
      ]
    ]
    if (cliVersion && lag.awsCli.runs) {
      lagRows.push([
        `AWS CLI script (\`aws ecr wait image-scan-complete\` + \`describe-image-scan-findings\`)`,
        formatSummary(lag.awsCli.lagMs, 'ms'),
        formatSummary(summarize(lag.awsCli.runs.map((r) => r.totalRequests)), 'count')
      ])
      if (lag.awsCli.activeScan)
        lagRows.push([
          'AWS CLI script, continuous scanning (status ACTIVE)',
          lag.awsCli.activeScan.finished ? 'finished' : `did not finish (killed after ${lag.awsCli.activeScan.boundMs / 1000} s)`,
          String(lag.awsCli.activeScan.statusPolls)
        ])
    }
    const lagTable = formatTable(['Decision lag (scan completes → process exits)', 'Lag', 'Requests per run'], lagRows)

    const scaleTable = formatTable(
      ['Findings (2 platforms)', 'First request → exit', 'Peak RSS', 'Requests (minimum)', 'Summary size'],
      scale.map((r) => [
        r.findings.toLocaleString('en-US'),
        formatSummary(r.wallMs, 'ms'),
        formatSummary(r.maxRssBytes, 'bytes'),
        `${r.requests} (${r.minimumRequests})`,
        `${formatValue(r.summaryBytes, 'bytes')}${r.summaryBytes < SUMMARY_LIMIT_BYTES ? '' : ' — OVER 1 MiB'}`
      ])
    )
    const manyTable = formatTable(
      ['Images', 'Separate runs: wall time', 'Per image', 'Requests', 'One run with `images`: wall time', 'Requests'],
      many.batches.map((b) => [
        String(b.images),
        formatValue(b.wallMs, 'ms'),
        formatValue(b.perImageMs, 'ms'),
        String(b.requests),
        formatValue(b.oneRun.wallMs, 'ms'),
        String(b.oneRun.requests)
      ])
    )
    const otherRows = [
      [
        'Requests while waiting, 30 s PENDING scan',
        lag.waiting.pending30s
          ? `${lag.waiting.pending30s.requestsWhileWaiting} in 30 s (${formatValue(lag.waiting.pending30s.requestsPerMinute, 'per-min')}), ${lag.waiting.pending30s.totalRequests} in total`
          : 'n/a'
      ],
      ['Requests per run, ~10 s wait (total)', formatSummary(lag.waiting.totalRequests, 'count')],
      [
        'Gate lag, ENHANCED: completion → next poll / settle poll / last poll → exit',
        `${formatSummary(lag.gate.breakdownMs.untilNextPoll, 'ms')} / ${formatSummary(lag.gate.breakdownMs.settlePoll, 'ms')} / ${formatSummary(lag.gate.breakdownMs.lastPollToExit, 'ms')}`
      ],
      ['Signature phase wall time (network, 40/20 ms latency)', formatSummary(signature.phaseMs, 'ms')],
      ['Signature requests', signature.operations.join(', ')],
      ['Whole action CPU with − without signature verification', formatValue(signature.gateCpuDeltaMs, 'ms')],
      ['Verifier CPU per signature, COSE (median)', formatValue(signature.verifierCpu?.cose?.medianCpuMs ?? Number.NaN, 'ms')],
      ['Bare `node -e 0`, spawn → exit (this machine’s floor under the cold start)', formatSummary(many.bareNodeMs, 'ms')],
      ['dist/ size', formatValue(distBytes, 'bytes')]
    ]
    const otherTable = formatTable(['Other figures', 'Value'], otherRows)

    const machine = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryBytes: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`,
      // Figures on a shared machine are only comparable with its load: 1, 5 and 15 min averages at start and end.
      loadAverage: { start: loadAtStart, end: os.loadavg() },
      // The Node that ran the action (the bench itself may run on another).
      node: nodeVersion(),
      awsCli: cliVersion ?? null
    }
    const results = {
      generatedAt: new Date().toISOString(),
      durationMs: Date.now() - startedAt,
      machine,
      config: {
        runs: opts.runs,
        quick: opts.quick,
        awsLatencyMs: AWS_LATENCY_MS,
        registryLatencyMs: REGISTRY_LATENCY_MS,
        scaleSizes,
        batchSizes
      },
      targets: targetResults,
      decisionLag: lag,
      findingsScale: scale,
      signature,
      manyImages: many,
      coldStart: { ms: many.coldStartMs, samples: many.coldStartSamples, bareNodeMs: many.bareNodeMs },
      distBytes,
      tables: { headline: headlineTable, decisionLag: lagTable, findingsScale: scaleTable, manyImages: manyTable, other: otherTable }
    }
    await mkdir(path.dirname(outFile), { recursive: true })
    await writeFile(
      outFile,
      `${JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : typeof v === 'number' ? Math.round(v * 10) / 10 : v), 2)}\n`
    )

    say(
      `\nMachine: ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}; load average ${formatLoad(loadAtStart)} at start, ${formatLoad(machine.loadAverage.end)} at end; ` +
        `latency ${AWS_LATENCY_MS} ms per AWS call, ${REGISTRY_LATENCY_MS} ms per registry call; ${opts.runs} run(s), median (min–max) over them\n`
    )
    say(headlineTable)
    say(`\n${lagTable}\n\n${scaleTable}\n\n${manyTable}\n\n${otherTable}`)
    const missed = targetResults.filter((t) => !t.met)
    say(`\n${missed.length === 0 ? 'All targets met.' : `${missed.length} target(s) missed: ${missed.map((t) => t.metric).join('; ')}`}`)
    say(`Wrote ${path.relative(process.cwd(), outFile) || outFile} in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`)
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * `--only <section>`: one section, its own printed lines, and a results file holding only it.
 * @param {string} section
 * @param {string} work
 * @param {string | undefined} cliVersion
 * @param {number} startedAt
 * @param {number[]} loadAtStart
 */
async function onlySection(section, work, cliVersion, startedAt, loadAtStart) {
  /** @type {Record<string, unknown>} */
  const results = { generatedAt: new Date().toISOString(), only: section, config: { runs: opts.runs, quick: opts.quick } }
  if (section === 'lag') {
    const lag = await decisionLag(work, cliVersion)
    results.decisionLag = lag
    const b = lag.gate.breakdownMs
    say(
      `  signature required: ${formatSummary(lag.gate.lagMs, 'ms')} (target ${formatTarget(lag.gate.lagMs.median, TARGETS.decisionLagMs, 'ms')})`
    )
    say(
      `    completion → next poll / settle poll / last poll → exit: ${formatSummary(b.untilNextPoll, 'ms')} / ${formatSummary(b.settlePoll, 'ms')} / ${formatSummary(b.lastPollToExit, 'ms')}`
    )
    say(`  no signature: ${formatSummary(lag.gateUnsigned.lagMs, 'ms')}; BASIC: ${formatSummary(lag.gateBasic.lagMs, 'ms')}`)
    say(
      `  requests per image-minute while waiting (~10 s): ${formatSummary(lag.waiting.requestsPerMinute, 'per-min')}; 30 s PENDING: ${formatValue(lag.waiting.pending30s?.requestsPerMinute ?? Number.NaN, 'per-min')}; smallest poll gap ${formatValue(lag.waiting.minPollGapMs, 'ms')}`
    )
  } else if (section === 'findings') {
    results.findingsScale = await findingsScale(work)
  } else if (section === 'signature') {
    results.signature = await signatureStep(work)
  } else {
    const many = await manyImages(work, [Math.max(opts.runs, 5)])
    results.coldStart = { ms: many.coldStartMs, samples: many.coldStartSamples, bareNodeMs: many.bareNodeMs }
    say(
      `  cold start ${formatSummary(many.coldStartMs, 'ms')} over ${many.coldStartSamples} runs (target ${formatTarget(many.coldStartMs.median, TARGETS.coldStartMs, 'ms')}); a bare \`node -e 0\`: ${formatSummary(many.bareNodeMs, 'ms')}`
    )
  }
  results.durationMs = Date.now() - startedAt
  results.loadAverage = { start: loadAtStart, end: os.loadavg() }
  await mkdir(path.dirname(outFile), { recursive: true })
  await writeFile(outFile, `${JSON.stringify(results, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`)
  say(
    `\nLoad average ${formatLoad(loadAtStart)} at start, ${formatLoad(os.loadavg())} at end. Wrote ${path.relative(process.cwd(), outFile) || outFile}`
  )
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
