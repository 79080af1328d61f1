// The emulator's HTTP server: one port for ECR (awsJson1_1), Inspector2 and Signer (restJson1),
// and the ECR registry endpoint (OCI distribution). Routes by X-Amz-Target header and path, injects
// faults and latency, and records every call.
//
// Dev/test only: never bundled into dist/.

import { createServer as createHttpServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AwsError, ScanTracker, buildContent, loadScenario, prng } from './scenario.mjs'
import { ECR_TARGET_PREFIX, handleEcr } from './ecr.mjs'
import { handleInspector } from './inspector.mjs'
import { handleSigner, signerRoute } from './signer.mjs'
import { KMS_TARGET_PREFIX, handleKms } from './kms.mjs'
import { handleRegistry, registryRoute } from './registry.mjs'
import { handleGitHub } from './github.mjs'

/**
 * @typedef {import('./ecr.mjs').EmulatorContext} EmulatorContext
 * @typedef {import('./scenario.mjs').NormFault} NormFault
 * @typedef {import('./scenario.mjs').ImageInfo} ImageInfo
 */

/**
 * One recorded call.
 * @typedef {object} CallRecord
 * @property {'ecr'|'inspector2'|'signer'|'kms'|'registry'|'unknown'} service
 * @property {string} operation
 * @property {number} t  ms since the emulator started (when the request arrived)
 * @property {number} status  HTTP status sent; 0 when the connection was reset without a response
 * @property {string} [digest]
 * @property {string} [fault]  the fault kind injected, if any
 * @property {boolean} [page]  DescribeImageScanFindings only: a findings-page read (nextToken or maxResults > 1), not a status poll
 * @property {boolean} [authHeader]  GetBlobstore only: an Authorization header was sent
 */

/**
 * @typedef {object} EmulatorOptions
 * @property {unknown} scenario  scenario object, or path to a .json / .yaml / .yml file
 * @property {number} [port]  0 (default) picks a free port
 * @property {string} [host]  default 127.0.0.1
 * @property {number} [latencyMs]  added to every AWS API response
 * @property {number} [registryLatencyMs]  added to every registry response
 * @property {boolean} [log]  print each call to stderr
 * @property {{keys?: import('./kms.mjs').KmsKey[]}} [kms]  KMS keys GetPublicKey serves (cosign signatures)
 * @property {{pageSize?: number, endless?: boolean}} [referrers]  paginate the referrers API (`endless`: a next link on every page)
 */

/**
 * @typedef {object} Emulator
 * @property {string} url  `http://127.0.0.1:PORT`
 * @property {string} dir  a scratch directory for the caller's files (allowlists, reports); removed by stop()
 * @property {number} port
 * @property {Record<string, string>} env  variables to merge into a child process environment
 * @property {CallRecord[]} calls
 * @property {(filter?: Partial<CallRecord> | ((c: CallRecord) => boolean)) => number} countCalls
 * @property {Record<string, ImageInfo>} images
 * @property {import('./scenario.mjs').Scenario} scenario  the normalised scenario
 * @property {(digest: string) => number} completeScanNow
 * @property {(digest: string) => import('./scenario.mjs').NormFinding[]} scanFindings  all findings configured for a digest (incl. late ones)
 * @property {() => Promise<void>} stop
 */

const MAX_REQUEST_BYTES = 10 * 1024 * 1024
const REST_ERROR_NS = { inspector2: 'com.amazonaws.inspector2', signer: 'com.amazonaws.signer' }
const SERVER_ERROR = {
  ecr: 'ServerException',
  inspector2: 'InternalServerException',
  signer: 'InternalServiceErrorException',
  kms: 'KMSInternalException'
}
const SIGV4_SERVICE = { ecr: 'ecr', inspector2: 'inspector2', signer: 'signer', kms: 'kms' }

/**
 * Starts an emulator for a scenario.
 * @param {EmulatorOptions} opts
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(opts) {
  const scn = await loadScenario(opts.scenario)
  const content = await buildContent(scn)
  const t0 = performance.now()
  const now = () => Math.round((performance.now() - t0) * 10) / 10

  /** @type {Map<string, ScanTracker>} */
  const trackers = new Map()
  for (const b of content.scans) {
    const repo = scn.repositories.find((r) => r.name === b.repository)
    const manual = repo?.scanFrequency === 'MANUAL'
    // BASIC + manual: the scan exists once StartImageScan is called. ENHANCED + manual: no
    // enhanced scanning rule covers the repository, so no scan ever exists.
    const tracker = new ScanTracker(b, { manual: manual && scn.scanType === 'BASIC' })
    if (manual && scn.scanType === 'ENHANCED') tracker.spec = null
    trackers.set(`${b.repository}@${b.digest}`, tracker)
  }

  /** @type {EmulatorContext} */
  const ctx = {
    scn,
    repos: content.repos,
    images: content.images,
    trackers,
    now,
    url: '',
    tokens: new Map(),
    startedScans: new Set(),
    referrers: opts.referrers
  }
  /** @type {CallRecord[]} */
  const calls = []
  const faultState = scn.faults.map((f, i) => ({ fault: f, triggered: 0, rnd: prng((scn.seed * 1000003 + i * 7919) >>> 0) }))
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set()

  /** @param {number} ms */
  const sleep = (ms) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t)
            resolve(undefined)
          }, ms)
          timers.add(t)
        })

  /**
   * Faults that apply to this call: all triggered latency faults plus the first other one.
   * @param {string} service
   * @param {string} operation
   * @param {number} t
   * @param {string|undefined} digest
   * @returns {{latency: number, fault?: NormFault}}
   */
  function pickFaults(service, operation, t, digest) {
    let latency = 0
    /** @type {NormFault|undefined} */
    let chosen
    for (const st of faultState) {
      const f = st.fault
      if (f.service !== '*' && f.service !== service) continue
      if (f.operation !== undefined && f.operation !== operation) continue
      if (t < f.fromMs || t >= f.untilMs) continue
      if (f.digest !== undefined && f.digest !== digest) continue
      if (chosen && f.kind !== 'latency') continue
      if (f.count !== undefined && st.triggered >= f.count) continue
      if (f.rate !== undefined && st.rnd() >= f.rate) continue
      st.triggered++
      if (f.kind === 'latency') latency += f.latencyMs
      else chosen = f
    }
    return chosen ? { latency, fault: chosen } : { latency }
  }

  /** @param {CallRecord} rec */
  function record(rec) {
    calls.push(rec)
    if (opts.log)
      process.stderr.write(
        `[emulator] ${rec.t.toFixed(1)}ms ${rec.service} ${rec.operation} -> ${rec.status}${rec.fault ? ` (fault ${rec.fault})` : ''}${rec.digest ? ` ${rec.digest.slice(0, 19)}` : ''}\n`
      )
  }

  const server = createHttpServer((req, res) => {
    handle(req, res).catch((err) => {
      // A bug in the emulator itself: answer 500 so the client sees something, and say why.
      process.stderr.write(`[emulator] internal error: ${err instanceof Error ? err.stack : String(err)}\n`)
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ message: 'emulator internal error' }))
      } else res.destroy()
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    const t = now()
    const url = new URL(req.url ?? '/', 'http://emulator')
    const method = req.method ?? 'GET'
    const body = await readBody(req)
    if (body === undefined) {
      res.writeHead(413, { 'Content-Type': 'application/json' })
      res.end('{"message":"request too large"}')
      return
    }

    if (url.pathname.startsWith('/_emulator/')) return control(url, method, res)
    // The loopback GitHub attestations API (opts.github), when the test gives one.
    if (opts.github && handleGitHub(opts.github, ctx.url, req, res, url)) return

    const rroute = registryRoute(method, url.pathname)
    if (rroute) return registry(rroute, req, res, url, t)

    const target = String(req.headers['x-amz-target'] ?? '')
    /** @type {{service: 'ecr'|'inspector2'|'signer'|'kms', operation: string, profileName?: string} | undefined} */
    let api
    if (method === 'POST' && target.startsWith(ECR_TARGET_PREFIX))
      api = { service: 'ecr', operation: target.slice(ECR_TARGET_PREFIX.length) }
    else if (method === 'POST' && target.startsWith(KMS_TARGET_PREFIX))
      api = { service: 'kms', operation: target.slice(KMS_TARGET_PREFIX.length) }
    else if (method === 'POST' && url.pathname === '/findings/list') api = { service: 'inspector2', operation: 'ListFindings' }
    else if (method === 'POST' && url.pathname === '/coverage/list') api = { service: 'inspector2', operation: 'ListCoverage' }
    else {
      const s = signerRoute(method, url.pathname)
      if (s) api = { service: 'signer', operation: s.op, ...(s.profileName !== undefined ? { profileName: s.profileName } : {}) }
    }
    if (!api) {
      record({ service: 'unknown', operation: `${method} ${url.pathname}`, t, status: 404 })
      res.writeHead(404, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ message: `No emulated API at ${method} ${url.pathname}` }))
      return
    }
    const { service, operation } = api

    /** @type {Record<string, any>} */
    let input = {}
    if (service !== 'signer' && body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'))
      } catch {
        return sendAws(res, service, new AwsError('SerializationException', 'Could not parse the request body as JSON'), {
          service,
          operation,
          t,
          status: 0
        })
      }
    }
    const reqDigest =
      input.imageId?.imageDigest ??
      input.subjectId?.imageDigest ??
      (input.imageIds?.length === 1 ? input.imageIds[0]?.imageDigest : undefined)
    /** @type {CallRecord} */
    const rec = { service, operation, t, status: 0 }
    if (typeof reqDigest === 'string') rec.digest = reqDigest
    // Tells status polls from finding-page reads in the call log: a page read has a nextToken or asks
    // for more than one finding (the gate polls with maxResults 1; the AWS CLI waiter sends none).
    if (operation === 'DescribeImageScanFindings')
      rec.page = input.nextToken !== undefined || (input.maxResults !== undefined && input.maxResults > 1)

    const authError = checkSigV4(req.headers.authorization, service)
    const { latency, fault } = pickFaults(service, operation, t, rec.digest)
    await sleep((opts.latencyMs ?? 0) + latency + (fault?.kind === 'latency' ? fault.latencyMs : 0))
    if (authError) return sendAws(res, service, authError, rec)
    if (fault) rec.fault = fault.kind
    else if (latency > 0) rec.fault = 'latency'
    if (fault?.kind === 'reset') {
      record(rec)
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'throttle') {
      const err =
        service === 'ecr'
          ? new AwsError('ThrottlingException', 'Rate exceeded', 400)
          : new AwsError('ThrottlingException', 'Rate exceeded', 429)
      return sendAws(res, service, err, rec)
    }
    if (fault?.kind === '5xx') return sendAws(res, service, new AwsError(SERVER_ERROR[service], 'An internal error occurred', 500), rec)
    if (fault?.kind === 'accessDenied') {
      // What IAM answers when the caller's role lacks the action: 400 for ECR's JSON protocol, 403 for restJson1.
      const message = `User: arn:aws:sts::${ctx.scn.accountId}:assumed-role/deploy/gate is not authorized to perform: ${service}:${operation} because no identity-based policy allows the ${service}:${operation} action`
      return sendAws(res, service, new AwsError('AccessDeniedException', message, service === 'ecr' ? 400 : 403), rec)
    }

    let result
    try {
      if (service === 'ecr') result = handleEcr(operation, input, ctx, { repeatNextToken: fault?.kind === 'repeatNextToken' })
      else if (service === 'inspector2') result = handleInspector(operation, input, ctx)
      else if (service === 'kms') result = handleKms(operation, input, opts.kms, scn)
      else result = handleSigner(operation, url.searchParams, api, ctx)
    } catch (err) {
      if (err instanceof AwsError) {
        const d = /** @type {{digest?: unknown}} */ (err).digest
        if (typeof d === 'string') rec.digest = d
        return sendAws(res, service, err, rec)
      }
      throw err
    }
    if (result.digest) rec.digest = result.digest
    const payload = Buffer.from(JSON.stringify(result.body))
    const headers = awsHeaders(service)
    return sendBody(res, 200, headers, payload, fault, rec, false)
  }

  /**
   * @param {import('./registry.mjs').RegistryRoute} route
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {URL} url
   * @param {number} t
   */
  async function registry(route, req, res, url, t) {
    /** @type {CallRecord} */
    const rec = { service: 'registry', operation: route.operation, t, status: 0 }
    if (route.digest) rec.digest = route.digest
    const { latency, fault } = pickFaults('registry', route.operation, t, route.digest)
    await sleep((opts.registryLatencyMs ?? 0) + latency + (fault?.kind === 'latency' ? fault.latencyMs : 0))
    if (fault) rec.fault = fault.kind
    else if (latency > 0) rec.fault = 'latency'
    if (route.operation === 'GetBlobstore') rec.authHeader = req.headers.authorization !== undefined
    if (fault?.kind === 'reset') {
      record(rec)
      req.socket.destroy()
      return
    }
    if (fault?.kind === 'throttle' || fault?.kind === '5xx') {
      const [status, code] = fault.kind === 'throttle' ? [429, 'TOOMANYREQUESTS'] : [500, 'UNKNOWN']
      rec.status = status
      record(rec)
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ code, message: fault.kind === 'throttle' ? 'Rate exceeded' : 'internal server error' }] }))
      return
    }
    const r = handleRegistry(route, { method: req.method ?? 'GET', query: url.searchParams, headers: req.headers }, ctx)
    if (r.digest) rec.digest = r.digest
    return sendBody(res, r.status, r.headers, r.body, r.status === 200 ? fault : undefined, rec, r.head)
  }

  /**
   * Writes a response, applying a body fault (garbled, truncated, hugeBody) when given.
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {Record<string, string>} headers
   * @param {Buffer} body
   * @param {NormFault|undefined} fault
   * @param {CallRecord} rec
   * @param {boolean} head
   */
  async function sendBody(res, status, headers, body, fault, rec, head) {
    rec.status = status
    if (fault?.kind === 'garbled') {
      record(rec)
      // JSON APIs get invalid JSON; registry content keeps its headers but not its bytes, so
      // digest verification must catch it.
      const bad = rec.service === 'registry' ? garble(body) : Buffer.from('{"garbled": [ \u0000 not json')
      res.writeHead(status, { ...headers, 'Content-Length': String(bad.length) })
      res.end(head ? undefined : bad)
      return
    }
    if (fault?.kind === 'truncated' && !head) {
      record(rec)
      res.writeHead(status, { ...headers, 'Content-Length': String(body.length + 1024) })
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy())
      return
    }
    if (fault?.kind === 'hugeBody') {
      record(rec)
      /** @type {Record<string, string>} */
      const h = { ...headers }
      if (fault.chunked) delete h['Content-Length']
      else h['Content-Length'] = String(fault.bytes)
      res.writeHead(status, h)
      if (head) {
        res.end()
        return
      }
      await streamHuge(res, fault.bytes)
      return
    }
    record(rec)
    res.writeHead(status, { ...headers, 'Content-Length': String(body.length) })
    res.end(head ? undefined : body)
  }

  /**
   * Renders an AwsError in the service's protocol.
   * @param {import('node:http').ServerResponse} res
   * @param {'ecr'|'inspector2'|'signer'|'kms'} service
   * @param {AwsError} err
   * @param {CallRecord} rec
   */
  function sendAws(res, service, err, rec) {
    rec.status = err.status
    record(rec)
    const headers = awsHeaders(service)
    let body
    if (service === 'ecr' || service === 'kms') {
      body = { __type: err.code, message: err.message, ...err.extra }
    } else {
      headers['x-amzn-ErrorType'] = `${err.code}:http://internal.amazon.com/coral/${REST_ERROR_NS[service]}/`
      body = { message: err.message, ...err.extra }
    }
    const bytes = Buffer.from(JSON.stringify(body))
    res.writeHead(err.status, { ...headers, 'Content-Length': String(bytes.length) })
    res.end(bytes)
  }

  /**
   * A minimal SigV4 presence check: real endpoints reject unsigned requests and credentials
   * scoped to another region or service, which catches client misconfiguration early.
   * @param {string|undefined} header
   * @param {'ecr'|'inspector2'|'signer'|'kms'} service
   * @returns {AwsError|undefined}
   */
  function checkSigV4(header, service) {
    if (!header) return new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403)
    const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header)
    if (!header.startsWith('AWS4-HMAC-SHA256') || !m)
      return new AwsError('IncompleteSignatureException', 'Authorization header requires a Credential parameter', 403)
    if (m[1] !== scn.region)
      return new AwsError(
        'InvalidSignatureException',
        `Credential should be scoped to a valid region, not '${m[1]}'. Expected '${scn.region}'.`,
        403
      )
    if (m[2] !== SIGV4_SERVICE[service])
      return new AwsError('InvalidSignatureException', `Credential should be scoped to correct service: '${SIGV4_SERVICE[service]}'.`, 403)
    return undefined
  }

  /**
   * @param {URL} url
   * @param {string} method
   * @param {import('node:http').ServerResponse} res
   */
  function control(url, method, res) {
    /** @param {number} status @param {unknown} value */
    const json = (status, value) => {
      const b = Buffer.from(JSON.stringify(value))
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(b.length) })
      res.end(b)
    }
    if (url.pathname === '/_emulator/health') return json(200, { ok: true })
    if (url.pathname === '/_emulator/calls') return json(200, calls)
    if (url.pathname === '/_emulator/images') return json(200, content.images)
    if (url.pathname === '/_emulator/complete-scan' && method === 'POST') {
      const digest = url.searchParams.get('digest') ?? ''
      return json(200, { t: emu.completeScanNow(digest) })
    }
    return json(404, { message: 'unknown control endpoint' })
  }

  /**
   * Streams `size` bytes of a valid JSON document, respecting backpressure.
   * @param {import('node:http').ServerResponse} res
   * @param {number} size
   */
  async function streamHuge(res, size) {
    const head = Buffer.from('{"padding":"')
    const tail = Buffer.from('"}')
    const chunk = Buffer.alloc(64 * 1024, 0x61)
    if (size < head.length + tail.length) {
      res.end(Buffer.alloc(size, 0x20))
      return
    }
    res.write(head)
    let left = size - head.length - tail.length
    while (left > 0 && !res.destroyed) {
      const n = Math.min(left, chunk.length)
      left -= n
      if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
        // Whichever comes first; the other listener is removed, so a long stream does not pile them up.
        await new Promise((resolve) => {
          const done = () => {
            res.off('drain', done)
            res.off('close', done)
            resolve(undefined)
          }
          res.once('drain', done)
          res.once('close', done)
        })
      }
    }
    if (!res.destroyed) res.end(tail)
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const host = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : '127.0.0.1'
  ctx.url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  const dir = await mkdtemp(join(tmpdir(), 'ecr-emulator-'))

  /** @type {Emulator} */
  const emu = {
    url: ctx.url,
    dir,
    port,
    env: {
      AWS_ENDPOINT_URL_ECR: ctx.url,
      AWS_ENDPOINT_URL_INSPECTOR2: ctx.url,
      AWS_ENDPOINT_URL_SIGNER: ctx.url,
      AWS_ENDPOINT_URL_KMS: ctx.url,
      AWS_REGION: scn.region,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_EC2_METADATA_DISABLED: 'true'
    },
    calls,
    countCalls(filter) {
      if (filter === undefined) return calls.length
      if (typeof filter === 'function') return calls.filter(filter).length
      return calls.filter((c) => Object.entries(filter).every(([k, v]) => /** @type {Record<string, unknown>} */ (c)[k] === v)).length
    },
    images: content.images,
    scenario: scn,
    github: opts.github,
    completeScanNow(digest) {
      const t = now()
      for (const tr of trackers.values()) if (tr.binding.digest === digest) tr.completeNow(t)
      return t
    },
    scanFindings(digest) {
      for (const tr of trackers.values()) {
        if (tr.binding.digest === digest && tr.spec) return [...tr.spec.findings, ...(tr.spec.lateFindings?.findings ?? [])]
      }
      return []
    },
    async stop() {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      const closed = new Promise((resolve) => server.close(() => resolve(undefined)))
      for (const s of sockets) s.destroy()
      await closed
      await rm(dir, { recursive: true, force: true })
    }
  }
  return emu
}

/**
 * Alias of {@link startEmulator} (the server is created and started in one step).
 * @param {EmulatorOptions} opts
 * @returns {Promise<Emulator>}
 */
export const createServer = startEmulator

/**
 * Stops an emulator (same as `emu.stop()`).
 * @param {Emulator} emu
 * @returns {Promise<void>}
 */
export function stopEmulator(emu) {
  return emu.stop()
}

/**
 * Reads a request body up to the limit; undefined when it is larger.
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer|undefined>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const parts = []
    let size = 0
    let over = false
    req.on('data', (/** @type {Buffer} */ c) => {
      size += c.length
      if (size > MAX_REQUEST_BYTES) over = true
      else parts.push(c)
    })
    req.on('end', () => resolve(over ? undefined : Buffer.concat(parts)))
    req.on('error', reject)
  })
}

/** @param {'ecr'|'inspector2'|'signer'|'kms'} service */
function awsHeaders(service) {
  /** @type {Record<string, string>} */
  const h = {
    'Content-Type': service === 'ecr' || service === 'kms' ? 'application/x-amz-json-1.1' : 'application/json',
    'x-amzn-RequestId': randomUUID()
  }
  return h
}

/**
 * Flips bytes so content no longer matches its digest (same length).
 * @param {Buffer} body
 * @returns {Buffer}
 */
function garble(body) {
  const out = Buffer.from(body)
  for (let i = 0; i < out.length; i += 7) out[i] = /** @type {number} */ (out[i]) ^ 0x5a
  if (out.length === 0) return Buffer.from('\u0000')
  return out
}
