/**
 * A TUF repository over HTTP on loopback, serving one target, `trusted_root.json` (a test Sigstore
 * trusted root), as the public-good and GitHub's TUF repositories do: `<n>.root.json`,
 * `timestamp.json`, `snapshot.json`, `targets.json` and `targets/trusted_root.json`. The metadata is
 * signed at start-up with ed25519 keys made with node:crypto, over canonical JSON (the bytes tuf-js
 * verifies). Faults, switchable while it runs:
 *
 * - `unreachable`: every request has its socket destroyed (a fetch fails at once)
 * - `slow`: requests are never answered (the client's bound must end them)
 * - `tampered-target`: `trusted_root.json` differs from the hash `targets.json` signs
 * - `expired-timestamp`: `timestamp.json` has expired
 * - `rollback`: `timestamp.json` has a lower version than the one served before
 * - `bad-signature`: `timestamp.json` is signed by a key the root does not list
 *
 * `root.json` (`rootJson`) is version 1; with `rootVersions: 2` the repository also serves a
 * rotated `2.root.json`, signed by the old and the new root key.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { createServer } from 'node:http'

/** @typedef {'none' | 'unreachable' | 'slow' | 'tampered-target' | 'expired-timestamp' | 'rollback' | 'bad-signature'} TufFault */

/** Canonical JSON (OLPC), as `@tufjs/canonical-json` writes it for ASCII content. */
export function canonicalize(/** @type {unknown} */ value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'string') return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`
  const entries = Object.keys(value)
    .sort()
    .map((k) => `${canonicalize(k)}:${canonicalize(/** @type {Record<string, unknown>} */ (value)[k])}`)
  return `{${entries.join(',')}}`
}

function tufKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const raw = /** @type {Buffer} */ (publicKey.export({ format: 'der', type: 'spki' })).subarray(-32)
  const key = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: raw.toString('hex') } }
  const keyid = createHash('sha256').update(canonicalize(key)).digest('hex')
  return { privateKey, key, keyid }
}

/** @param {Date} date */
const tufTime = (date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

/** @param {object} signed @param {ReturnType<typeof tufKey>[]} keys */
function signMetadata(signed, keys) {
  const bytes = Buffer.from(canonicalize(signed))
  return { signatures: keys.map((k) => ({ keyid: k.keyid, sig: sign(null, bytes, k.privateKey).toString('hex') })), signed }
}

/**
 * Starts a TUF repository serving `trustedRoot` as `trusted_root.json`.
 * @param {{trustedRoot: object, rootVersions?: 1 | 2, fault?: TufFault}} o
 */
export async function startTufRepository(o) {
  const year = new Date(Date.now() + 365 * 24 * 3600 * 1000)
  const past = new Date(Date.now() - 24 * 3600 * 1000)
  const keys = { root: tufKey(), root2: tufKey(), timestamp: tufKey(), snapshot: tufKey(), targets: tufKey(), stranger: tufKey() }
  /** @param {number} version @param {ReturnType<typeof tufKey>} rootKey */
  const rootSigned = (version, rootKey) => ({
    _type: 'root',
    spec_version: '1.0.31',
    version,
    expires: tufTime(year),
    consistent_snapshot: false,
    keys: Object.fromEntries([rootKey, keys.timestamp, keys.snapshot, keys.targets].map((k) => [k.keyid, k.key])),
    roles: {
      root: { keyids: [rootKey.keyid], threshold: 1 },
      timestamp: { keyids: [keys.timestamp.keyid], threshold: 1 },
      snapshot: { keyids: [keys.snapshot.keyid], threshold: 1 },
      targets: { keyids: [keys.targets.keyid], threshold: 1 }
    }
  })
  const root1 = signMetadata(rootSigned(1, keys.root), [keys.root])
  const root2 = signMetadata(rootSigned(2, keys.root2), [keys.root, keys.root2])
  const rootVersions = o.rootVersions ?? 1
  const target = Buffer.from(JSON.stringify(o.trustedRoot))
  const targets = signMetadata(
    {
      _type: 'targets',
      spec_version: '1.0.31',
      version: 1,
      expires: tufTime(year),
      targets: { 'trusted_root.json': { length: target.length, hashes: { sha256: createHash('sha256').update(target).digest('hex') } } }
    },
    [keys.targets]
  )
  const snapshot = signMetadata(
    { _type: 'snapshot', spec_version: '1.0.31', version: 1, expires: tufTime(year), meta: { 'targets.json': { version: 1 } } },
    [keys.snapshot]
  )
  /** @param {number} version @param {Date} expires @param {ReturnType<typeof tufKey>} key */
  const timestamp = (version, expires, key = keys.timestamp) =>
    signMetadata(
      { _type: 'timestamp', spec_version: '1.0.31', version, expires: tufTime(expires), meta: { 'snapshot.json': { version: 1 } } },
      [key]
    )
  const state = { fault: /** @type {TufFault} */ (o.fault ?? 'none') }
  /** @type {string[]} */
  const requests = []
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    requests.push(path)
    if (state.fault === 'unreachable') return req.socket.destroy()
    if (state.fault === 'slow') return // never answered
    /** @param {unknown} body */
    const json = (body) => {
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length })
      res.end(bytes)
    }
    const versioned = /^\/(\d+)\.root\.json$/.exec(path)
    if (versioned !== null) {
      const n = Number(versioned[1])
      if (n === 1) return json(root1)
      if (n === 2 && rootVersions >= 2) return json(root2)
    } else if (path === '/root.json') return json(rootVersions >= 2 ? root2 : root1)
    else if (path === '/timestamp.json') {
      if (state.fault === 'expired-timestamp') return json(timestamp(3, past))
      if (state.fault === 'rollback') return json(timestamp(1, year))
      if (state.fault === 'bad-signature') return json(timestamp(3, year, keys.stranger))
      return json(timestamp(2, year))
    } else if (path === '/snapshot.json') return json(snapshot)
    else if (path === '/targets.json') return json(targets)
    else if (path === '/targets/trusted_root.json') {
      if (state.fault === 'tampered-target') {
        const tampered = Buffer.from(target)
        tampered[tampered.length - 2] = 0x20 // same length, other bytes
        return json(tampered)
      }
      return json(target)
    }
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('not found')
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** The version-1 root metadata: the seed a client is given. */
    rootJson: JSON.stringify(root1),
    /** Paths requested, in order. */
    requests,
    /** @param {TufFault} fault */
    setFault(fault) {
      state.fault = fault
    },
    async stop() {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(() => resolve(undefined)))
    }
  }
}
