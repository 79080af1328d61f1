/**
 * Hostile content. Finding text from a scanner is attacker-controlled (package metadata is written by
 * whoever published the package): it must be inert in the job summary and in SARIF. Registry bytes
 * are attacker-controlled too: a real socket server serves huge, lying and deeply nested responses,
 * which must be refused before they are read whole. And every parser only ever throws its typed error.
 *
 * Already covered elsewhere and not repeated here: escapeMarkdown/plainLine unit cases
 * (__tests__/report/escape.test.ts), per-field summary injection and the 1 MB title
 * (__tests__/report/summary.test.ts), SARIF link escaping (__tests__/report/sarif.test.ts), redirects,
 * token forwarding, digest and size checks with a fake fetch (__tests__/registry/client.test.ts,
 * signatures.test.ts), and fast-check properties for parseImageReference (image/reference.test.ts),
 * parseAllowlist (policy/allowlist.test.ts) and parseJws/parseCose (signature/envelope.test.ts).
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Limits } from '../../src/core/constants.js'
import { SettingError } from '../../src/core/errors.js'
import { parseImageReference } from '../../src/image/index.js'
import { evaluate } from '../../src/policy/index.js'
import { parseAllowlist } from '../../src/config/index.js'
import { RegistryClient, RegistryError } from '../../src/registry/index.js'
import { fetchSignatures, notationResult } from '../../src/checks/signature/notation/index.js'
import { renderSarif, renderSummary } from '../../src/report/index.js'
import { EnvelopeError, parseCose, parseJws, parseTrustPolicy } from '../../src/checks/signature/notation/index.js'
import { silentLogger } from '../../src/core/ports.js'
import type { Finding, ImageVerdict } from '../../src/core/types.js'
import { OCI_INDEX, OCI_MANIFEST, sha256 } from './helpers.js'

const AMD = `sha256:${'a'.repeat(64)}`
const INDEX = `sha256:${'0'.repeat(64)}`
const MB = 'M'.repeat(1024 * 1024)

const PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![pixel](https://evil.example/track.png)',
  '@octocat and @github/security-team',
  'a | b | c',
  'line one\nline two\r\n## injected heading\n- injected item',
  '<!-- everything after this is hidden',
  '</details></summary><details open><summary>pwned',
  '```\n# fenced\n```',
  '<script>fetch("https://evil.example")</script>',
  '\u202eevil\u2066 bidi',
  `${MB}<img src=x>`
]

function hostileFinding(payload: string, i: number, benign: boolean): Finding {
  const text = (s: string) => (benign ? `benign${i}` : s)
  return {
    id: benign ? `CVE-2024-${1000 + i}` : `CVE-2024-${1000 + i}`,
    severity: 'CRITICAL',
    title: text(payload),
    description: text(payload),
    fixAvailable: 'YES',
    packages: [{ name: text(payload), version: text(payload), fixedInVersion: text(payload), packageManager: text(payload) }],
    url: benign ? 'https://example.com/' : 'javascript:alert(1)',
    digest: AMD,
    platform: text(payload),
    status: 'ACTIVE'
  }
}

function verdictOf(findings: Finding[], reason: string): ImageVerdict {
  const policy = {
    severityThreshold: 'HIGH' as const,
    ignoreUnfixed: false,
    maxCounts: { critical: 0, high: 0, medium: 0, low: 0 },
    allowlist: []
  }
  return {
    decision: 'fail',
    reasons: [reason],
    mode: 'enforce',
    image: {
      registryId: '123456789012',
      region: 'us-east-1',
      repository: 'app',
      tag: 'v1',
      digest: INDEX,
      mediaType: OCI_INDEX,
      size: 100,
      uri: `123456789012.dkr.ecr.us-east-1.amazonaws.com/app@${INDEX}`,
      platforms: [{ digest: AMD, mediaType: OCI_MANIFEST, os: 'linux', architecture: 'amd64' }]
    },
    scans: [{ digest: AMD, platform: 'linux/amd64', scanType: 'ENHANCED', status: 'FAILED', description: reason, polls: 1, done: false }],
    findings,
    policy: evaluate(findings, policy, new Date('2026-01-01T00:00:00Z'), 'app'),
    checks: [notationResult({ status: 'invalid', reason, signer: reason, details: [reason] })],
    evaluatedAt: '2026-01-01T00:00:00.000Z'
  }
}

/** Pipes that split a table cell (not backslash-escaped). */
const cellPipes = (line: string) => (line.match(/(?<!\\)\|/g) ?? []).length

describe('rendered reports: hostile finding text is inert', () => {
  const hostile = renderSummary(
    verdictOf(
      PAYLOADS.map((p, i) => hostileFinding(p, i, false)),
      PAYLOADS.join(' ')
    )
  )
  const benign = renderSummary(
    verdictOf(
      PAYLOADS.map((p, i) => hostileFinding(p, i, true)),
      'benign reason'
    )
  )

  it(`summary with ${PAYLOADS.length} payloads in every text field has exactly the structure of a benign one`, () => {
    const h = hostile.split('\n')
    const b = benign.split('\n')
    // No payload adds a line, a heading, a table column or a <details> block.
    expect(h.length).toBe(b.length)
    h.forEach((line, i) => {
      expect(cellPipes(line), `line ${i}: ${line.slice(0, 120)}`).toBe(cellPipes(b[i] as string))
      expect(line.startsWith('#'), `line ${i}`).toBe((b[i] as string).startsWith('#'))
      expect(/^\s*[-*+] /.test(line), `line ${i}`).toBe(/^\s*[-*+] /.test(b[i] as string))
    })
    for (const tag of ['<details>', '</details>', '<summary>', '</summary>']) {
      expect(hostile.split(tag).length, tag).toBe(benign.split(tag).length)
    }
  })

  it('summary contains no live HTML, link, image, comment or mention, and stays under the size limit', () => {
    expect(hostile).not.toMatch(/<img|<script|<!--|<details open/i)
    expect(hostile).not.toMatch(/\]\(javascript:/i)
    expect(hostile).not.toMatch(/!\[pixel\]\(/)
    expect(hostile).not.toMatch(/(?<![\\\w])@octocat/)
    expect(hostile).toContain('@\u200doctocat')
    expect(hostile).not.toContain('\u202e')
    expect(hostile).not.toContain('javascript:alert(1))')
    expect(Buffer.byteLength(hostile)).toBeLessThan(Limits.summaryBytes)
    expect(hostile).not.toContain('M'.repeat(5000))
  })

  it('SARIF text is one bounded line with no link syntax; its markdown is as inert as the summary', () => {
    const sarif = renderSarif(
      verdictOf(
        PAYLOADS.map((p, i) => hostileFinding(p, i, false)),
        'reason'
      )
    ) as {
      runs: {
        tool: {
          driver: {
            rules: {
              shortDescription: { text: string }
              fullDescription: { text: string }
              help: { text: string; markdown: string }
              helpUri?: string
            }[]
          }
        }
        results: { message: { text: string } }[]
      }[]
    }
    const run = sarif.runs[0]!
    expect(run.results).toHaveLength(PAYLOADS.length)
    const texts: string[] = []
    const markdowns: string[] = []
    for (const rule of run.tool.driver.rules) {
      texts.push(rule.shortDescription.text, rule.fullDescription.text, rule.help.text)
      markdowns.push(rule.help.markdown)
      expect(rule.helpUri ?? 'https://nvd.nist.gov/').toMatch(/^https:\/\//)
    }
    for (const result of run.results) texts.push(result.message.text)
    for (const text of texts) {
      expect(text).not.toMatch(/[\r\n\u202e]/)
      expect(text).not.toMatch(/(?<!\\)\[/)
      expect(text.length).toBeLessThanOrEqual(1600)
    }
    for (const md of markdowns) {
      expect(md).not.toMatch(/<img|<script|<!--|\]\(javascript:/i)
      expect(md.length).toBeLessThan(5000)
    }
    expect(JSON.stringify(sarif).length).toBeLessThan(200_000)
  })

  it('property: any text in any field keeps the summary one table row per finding (200 runs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 50 }), (title, pkg) => {
        const f: Finding = { ...hostileFinding('', 0, true), title, packages: [{ name: pkg, version: title }], platform: pkg }
        const md = renderSummary(verdictOf([f], title))
        const ref = renderSummary(verdictOf([{ ...f, title: 'x', packages: [{ name: 'x', version: 'x' }], platform: 'x' }], 'x'))
        expect(md.split('\n').length).toBe(ref.split('\n').length)
        expect(md).not.toMatch(/<(?:img|script|a |iframe|!--)/i)
      }),
      { numRuns: 200 }
    )
  })
})

describe('registry bytes from a real socket: refused before being read whole', () => {
  let server: Server
  let base: string
  let sent = 0
  const routes = new Map<string, (res: ServerResponse) => void>()

  beforeAll(async () => {
    server = createServer((req, res) => {
      const route = routes.get(req.url?.split('?')[0] ?? '')
      if (route) return route(res)
      res.writeHead(404).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const client = () => new RegistryClient({ baseUrl: base, authorization: 'Basic dGVzdDp0ZXN0' }, { log: silentLogger, timeoutMs: 20_000 })

  /** Streams `total` bytes in 64 KiB chunks, honouring backpressure, counting what was written. */
  function stream(res: ServerResponse, total: number, headers: Record<string, string>): void {
    sent = 0
    res.writeHead(200, headers)
    const chunk = Buffer.alloc(64 * 1024, 0x5b) // '['
    const pump = (): void => {
      while (sent < total) {
        sent += chunk.length
        if (!res.write(chunk)) {
          res.once('drain', pump)
          return
        }
      }
      res.end()
    }
    res.on('close', () => res.removeAllListeners('drain'))
    pump()
  }

  it('a 300 MB chunked manifest stops at the 4 MiB limit; the server never gets to send it all', async () => {
    routes.set('/v2/app/manifests/big', (res) => stream(res, 300 * 1024 * 1024, { 'content-type': OCI_MANIFEST }))
    const error = await client()
      .getManifest('app', 'big', [OCI_MANIFEST])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as Error).message).toMatch(/larger than the 4194304-byte limit/)
    expect(sent).toBeLessThan(64 * 1024 * 1024)
  })

  it('a declared Content-Length of 300 MB is refused before the body is read', async () => {
    routes.set('/v2/app/manifests/liar', (res) => {
      res.writeHead(200, { 'content-type': OCI_MANIFEST, 'content-length': String(300 * 1024 * 1024) })
      res.write('{"schemaVersion":2')
    })
    const error = await client()
      .getManifest('app', 'liar', [OCI_MANIFEST])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as Error).message).toMatch(/limit/)
  })

  it('a referrers index of 100k nested [ (and one of 4 MiB) is a typed error, not a crash', async () => {
    const subject = sha256('subject')
    for (const depth of [100_000, Limits.manifestBytes]) {
      routes.set(`/v2/app/referrers/${subject}`, (res) => {
        const body = '['.repeat(depth)
        res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': String(body.length) }).end(body)
      })
      const error = await client()
        .listReferrers('app', subject, 'application/vnd.cncf.notary.signature')
        .catch((e: unknown) => e)
      expect(error, String(depth)).toBeInstanceOf(RegistryError)
    }
  })

  it('a signature manifest whose JSON is 100k levels deep is handed on as invalid, its envelope never fetched', async () => {
    const subject = { mediaType: OCI_MANIFEST, digest: sha256('subject-2'), size: 10 }
    const deep = Buffer.from(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`)
    const deepDigest = sha256(deep)
    let blobRequests = 0
    routes.set(`/v2/app/referrers/${subject.digest}`, (res) => {
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          { mediaType: OCI_MANIFEST, digest: deepDigest, size: deep.length, artifactType: 'application/vnd.cncf.notary.signature' }
        ]
      })
      res.writeHead(200, { 'content-type': OCI_INDEX }).end(body)
    })
    routes.set(`/v2/app/manifests/${deepDigest}`, (res) => res.writeHead(200, { 'content-type': OCI_MANIFEST }).end(deep))
    routes.set('/v2/app/blobs/', () => (blobRequests += 1))
    const found = await fetchSignatures(client(), 'app', subject, silentLogger).catch((e: unknown) => e)
    // Either refused outright or handed on with an empty envelope: never a usable signature.
    if (Array.isArray(found)) {
      for (const s of found) expect(s.envelope.length).toBe(0)
    } else {
      expect(found).toBeInstanceOf(RegistryError)
    }
    expect(blobRequests).toBe(0)
  })

  it('a signature manifest with a wrong envelope content type is handed on empty; the blob is never requested', async () => {
    const subject = { mediaType: OCI_MANIFEST, digest: sha256('subject-3'), size: 10 }
    const envelope = Buffer.from('<html>not an envelope</html>')
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: OCI_MANIFEST,
        artifactType: 'application/vnd.cncf.notary.signature',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256('{}'), size: 2 },
        layers: [{ mediaType: 'text/html', digest: sha256(envelope), size: envelope.length }],
        subject
      })
    )
    const md = sha256(manifest)
    let blobRequests = 0
    routes.set(`/v2/app/referrers/${subject.digest}`, (res) =>
      res.writeHead(200, { 'content-type': OCI_INDEX }).end(
        JSON.stringify({
          schemaVersion: 2,
          manifests: [{ mediaType: OCI_MANIFEST, digest: md, size: manifest.length, artifactType: 'application/vnd.cncf.notary.signature' }]
        })
      )
    )
    routes.set(`/v2/app/manifests/${md}`, (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(manifest))
    routes.set(`/v2/app/blobs/${sha256(envelope)}`, (res) => {
      blobRequests += 1
      res.writeHead(200).end(envelope)
    })
    const found = await fetchSignatures(client(), 'app', subject, silentLogger)
    expect(found).toHaveLength(1)
    expect(found[0]!.envelope.length).toBe(0)
    expect(found[0]!.envelopeMediaType).toBe('text/html')
    expect(blobRequests).toBe(0)
  })

  it('a redirect from the registry to a plain-http non-loopback host is refused without following it', async () => {
    const digest = sha256('redirected')
    routes.set(`/v2/app/blobs/${digest}`, (res) => res.writeHead(307, { location: 'http://blobs.example.invalid/x' }).end())
    const error = await client()
      .getBlob('app', { mediaType: 'application/octet-stream', digest, size: 10 }, 100)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as Error).message).toMatch(/only https is allowed/)
  })
})

describe('parsers only ever throw their typed error (fast-check)', () => {
  it('parseTrustPolicy: any JSON value (500 runs) → statements or SettingError(trust-policy)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        try {
          parseTrustPolicy(JSON.stringify(value) ?? 'null')
        } catch (error) {
          expect(error).toBeInstanceOf(SettingError)
          expect((error as SettingError).setting).toBe('trust-policy')
        }
      }),
      { numRuns: 500 }
    )
  })

  it('parseTrustPolicy: near-valid documents with mutated fields (500 runs) → statements or SettingError', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('*', 'strict', 'skip', 'ca:x', 'signingAuthority:y', 'x509.subject: CN=a', '')
    )
    const doc = fc.record({
      version: fc.oneof(fc.constant('1.0'), field),
      trustPolicies: fc.array(
        fc.record(
          {
            name: field,
            registryScopes: fc.oneof(fc.array(field, { maxLength: 3 }), field),
            signatureVerification: fc.oneof(
              fc.record(
                { level: field, override: fc.oneof(field, fc.dictionary(fc.string({ maxLength: 12 }), field)) },
                { requiredKeys: ['level'] }
              ),
              field
            ),
            trustStores: fc.oneof(fc.array(field, { maxLength: 3 }), field),
            trustedIdentities: fc.oneof(fc.array(field, { maxLength: 3 }), field)
          },
          { requiredKeys: [] }
        ),
        { maxLength: 3 }
      )
    })
    fc.assert(
      fc.property(doc, (d) => {
        try {
          const statements = parseTrustPolicy(JSON.stringify(d))
          // Whatever is accepted is fully validated: a level from the four Notation levels.
          for (const s of statements) expect(['strict', 'permissive', 'audit', 'skip']).toContain(s.level)
        } catch (error) {
          expect(error).toBeInstanceOf(SettingError)
        }
      }),
      { numRuns: 500 }
    )
  })

  it('parseTrustPolicy, parseAllowlist, parseImageReference: arbitrary text incl. deep nesting (300 runs each)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.nat({ max: 20_000 }).map((n) => '['.repeat(n)),
      fc.nat({ max: 5_000 }).map((n) => '{"a":'.repeat(n))
    )
    fc.assert(
      fc.property(text, (t) => {
        for (const parse of [() => parseTrustPolicy(t), () => parseAllowlist(t, 'allow.yml'), () => parseImageReference(t)]) {
          try {
            parse()
          } catch (error) {
            expect(error).toBeInstanceOf(SettingError)
          }
        }
      }),
      { numRuns: 300 }
    )
  })

  it('parseJws / parseCose: deeply nested JSON and CBOR (arrays, maps, indefinite) → EnvelopeError', () => {
    const cases: [string, () => unknown][] = [
      ['CBOR arrays ×100k', () => parseCose(new Uint8Array([0xd2, ...new Array<number>(100_000).fill(0x81), 0x00]))],
      ['CBOR maps ×50k', () => parseCose(new Uint8Array([0xd2, ...new Array<number>(50_000).fill(0).flatMap(() => [0xa1, 0x01]), 0x00]))],
      ['CBOR indefinite ×100k', () => parseCose(new Uint8Array([0xd2, ...new Array<number>(100_000).fill(0x9f)]))],
      ['CBOR huge declared length', () => parseCose(new Uint8Array([0xd2, 0x84, 0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))],
      ['JSON arrays ×100k', () => parseJws(Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)))],
      ['JSON objects ×100k', () => parseJws(Buffer.from('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)))],
      ['JWS over 32 MiB', () => parseJws(new Uint8Array(Limits.envelopeBytes + 1))]
    ]
    for (const [what, parse] of cases) {
      expect(parse, what).toThrow(EnvelopeError)
    }
  })
})
