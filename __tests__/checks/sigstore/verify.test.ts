/**
 * Unit tests of the shared Sigstore verification: trusted-root parsing, anchored identity matching,
 * and key-based DSSE bundles made here with node:crypto (P-256, P-384, P-521, RSA), without a
 * transparency log, so the thresholds and the DSSE hash-by-curve fix are exercised directly.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dsse } from '@sigstore/core'
import {
  compileAnchored,
  hashForKey,
  matches,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  verifySigstoreBundle
} from '../../../src/checks/sigstore/index.js'
import { vectorsDir } from '../../shared-vectors.js'

const publicGoodText = (): string => readFileSync(join(vectorsDir, 'sigstore-conformance', 'public-good-trusted_root.json'), 'utf8')

const digest = 'a'.repeat(64)
const statement = (sha256: string, predicateType = 'https://sigstore.dev/cosign/sign/v1'): Buffer =>
  Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'img', digest: { sha256 } }],
      predicateType,
      predicate: {}
    })
  )

function dsseBundle(
  privateKey: KeyObject,
  payload: Buffer,
  hash: string | undefined,
  payloadType = 'application/vnd.in-toto+json'
): unknown {
  const sig = sign(hash, dsse.preAuthEncoding(payloadType, payload), privateKey)
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: 'test' }, tlogEntries: [], timestampVerificationData: { rfc3161Timestamps: [] } },
    dsseEnvelope: { payload: payload.toString('base64'), payloadType, signatures: [{ sig: sig.toString('base64'), keyid: '' }] }
  }
}

const ec = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve })
const noTlog = { trust: publicGoodTrustedRoot(), tlogThreshold: 0 }

describe('parseTrustedRoot', () => {
  it('parses the public-good root and names its origin', () => {
    const trust = parseTrustedRoot(publicGoodText(), 'trusted_root.json')
    expect(trust.origin).toBe('trusted_root.json')
    expect(trust.material.tlogs.length).toBeGreaterThan(0)
    expect(trust.material.certificateAuthorities.length).toBeGreaterThan(0)
  })

  it('ships the same public-good root offline', () => {
    expect(publicGoodTrustedRoot().material.tlogs.map((t) => t.baseURL)).toEqual(
      parseTrustedRoot(publicGoodText(), 'x').material.tlogs.map((t) => t.baseURL)
    )
  })

  it('refuses text that is not JSON, naming the origin', () => {
    expect(() => parseTrustedRoot('{nope', 'my-root.json')).toThrow(/my-root\.json is not valid JSON/)
  })

  it('refuses JSON that is not a trusted root', () => {
    expect(() => parseTrustedRoot('{"tlogs":[]}', 'my-root.json')).toThrow(/my-root\.json is not a Sigstore trusted_root\.json/)
  })

  it('refuses a tlog without validFor.start', () => {
    const json = JSON.parse(publicGoodText())
    delete json.tlogs[0].publicKey.validFor.start
    expect(() => parseTrustedRoot(JSON.stringify(json), 'root.json')).toThrow(/root\.json: authorities without validFor\.start: tlogs\[0\]/)
  })

  it('refuses a certificate authority without validFor.start', () => {
    const json = JSON.parse(publicGoodText())
    delete json.certificateAuthorities[1].validFor
    expect(() => parseTrustedRoot(JSON.stringify(json), 'root.json')).toThrow(/certificateAuthorities\[1\]/)
  })
})

describe('identity matching', () => {
  it('matches an exact value exactly, not as a pattern', () => {
    expect(matches({ exact: 'https://github.com/acme/app' }, 'https://github.com/acme/app')).toBe(true)
    expect(matches({ exact: 'https://github.com/acme/app' }, 'https://github.com/acme/app-evil')).toBe(false)
    expect(matches({ exact: 'a.b' }, 'axb')).toBe(false)
  })

  it('anchors a regexp to the whole value', () => {
    expect(matches({ regexp: 'https://github\\.com/acme/.*' }, 'https://github.com/acme/app@refs/heads/main')).toBe(true)
    expect(matches({ regexp: 'acme' }, 'https://github.com/acme/app')).toBe(false)
    expect(matches({ regexp: 'a|b' }, 'ab')).toBe(false)
  })

  it('throws on a regexp that does not compile', () => {
    expect(() => compileAnchored('(')).toThrow(SyntaxError)
  })

  it('never matches a missing value', () => {
    expect(matches({ regexp: '.*' }, undefined)).toBe(false)
  })
})

describe('verifySigstoreBundle with a key (DSSE, no transparency log)', () => {
  it.each([
    ['P-256', 'prime256v1'],
    ['P-384', 'secp384r1'],
    ['P-521', 'secp521r1']
  ])('verifies a %s signature made with the curve’s hash', (_name, curve) => {
    const { privateKey, publicKey } = ec(curve)
    const bundle = dsseBundle(privateKey, statement(digest), hashForKey(publicKey))
    const result = verifySigstoreBundle(bundle, { sha256: digest }, { ...noTlog, publicKey })
    expect(result).toMatchObject({ ok: true, content: 'dsse-envelope' })
    if (!result.ok) return
    const spki = publicKey.export({ format: 'der', type: 'spki' })
    expect(result.keyFingerprint).toBe(`sha256:${createHash('sha256').update(spki).digest('hex')}`)
    expect(result.dsse?.payloadType).toBe('application/vnd.in-toto+json')
    expect(JSON.parse(result.dsse?.payload.toString() ?? '{}').predicateType).toBe('https://sigstore.dev/cosign/sign/v1')
    expect(result.tlogEntries).toEqual([])
  })

  it('verifies an RSA PKCS#1 v1.5 SHA-256 signature given as PEM', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString()
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, statement(digest), 'sha256'),
      { sha256: digest },
      { ...noTlog, publicKey: pem }
    )
    expect(result.ok).toBe(true)
  })

  it('refuses a P-384 signature made with SHA-256 (cosign signs P-384 with SHA-384)', () => {
    const { privateKey, publicKey } = ec('secp384r1')
    const result = verifySigstoreBundle(dsseBundle(privateKey, statement(digest), 'sha256'), { sha256: digest }, { ...noTlog, publicKey })
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/SIGNATURE_ERROR/) })
  })

  it('refuses another key', () => {
    const { privateKey } = ec('prime256v1')
    const other = ec('prime256v1').publicKey
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, statement(digest), 'sha256'),
      { sha256: digest },
      { ...noTlog, publicKey: other }
    )
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/signature verification failed/) })
  })

  it('refuses a statement for another digest', () => {
    const { privateKey, publicKey } = ec('prime256v1')
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, statement('b'.repeat(64)), 'sha256'),
      { sha256: digest },
      { ...noTlog, publicKey }
    )
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/no subject .* has sha256 a{64}: it was signed for another artifact/)
    })
  })

  it('matches the subject against the bytes’ digest when given bytes', () => {
    const { privateKey, publicKey } = ec('prime256v1')
    const bytes = Buffer.from('hello')
    const sha = createHash('sha256').update(bytes).digest('hex')
    expect(verifySigstoreBundle(dsseBundle(privateKey, statement(sha), 'sha256'), { bytes }, { ...noTlog, publicKey }).ok).toBe(true)
  })

  it('refuses a tampered payload', () => {
    const { privateKey, publicKey } = ec('prime256v1')
    const bundle = dsseBundle(privateKey, statement(digest), 'sha256') as { dsseEnvelope: { payload: string } }
    const tampered = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString())
    tampered.predicate = { evil: true }
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(tampered)).toString('base64')
    expect(verifySigstoreBundle(bundle, { sha256: digest }, { ...noTlog, publicKey }).ok).toBe(false)
  })

  it('requires a transparency-log entry by default', () => {
    const { privateKey, publicKey } = ec('prime256v1')
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, statement(digest), 'sha256'),
      { sha256: digest },
      { trust: publicGoodTrustedRoot(), publicKey }
    )
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/expected 1 tlog entries, got 0/) })
  })

  it('refuses a DSSE payload that is not an in-toto statement', () => {
    const { privateKey, publicKey } = ec('prime256v1')
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, Buffer.from('{}'), 'sha256', 'text/plain'),
      { sha256: digest },
      { ...noTlog, publicKey }
    )
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/not an in-toto statement/) })
  })

  it('refuses a key-signed bundle when an identity is expected', () => {
    const { privateKey } = ec('prime256v1')
    const result = verifySigstoreBundle(
      dsseBundle(privateKey, statement(digest), 'sha256'),
      { sha256: digest },
      {
        ...noTlog,
        identity: { subjectAlternativeName: { exact: 'x' }, issuer: { exact: 'y' } }
      }
    )
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/signed with a public key, but a certificate identity was expected/)
    })
  })

  it('refuses options with neither a key nor an identity', () => {
    const { privateKey } = ec('prime256v1')
    expect(verifySigstoreBundle(dsseBundle(privateKey, statement(digest), 'sha256'), { sha256: digest }, noTlog).ok).toBe(false)
  })

  it('refuses a malformed bundle with a reason', () => {
    expect(verifySigstoreBundle({ mediaType: 'nope' }, { sha256: digest }, { ...noTlog, publicKey: ec('prime256v1').publicKey })).toEqual({
      ok: false,
      reason: expect.stringMatching(/malformed/)
    })
  })
})
