/**
 * The GitHub claims read from a Fulcio certificate: each OID's DER string by its sigstore-go name,
 * the SAN, the issuer organisation that picks the Sigstore instance, the legacy issuer only as a
 * fallback, and nothing read from a value that is not one well-formed DER string or from an OID
 * outside Fulcio's arc.
 */
import { describe, expect, it } from 'vitest'
import { derString, githubClaims } from '../../../src/checks/attestation/index.js'
import { buildClaims, derText, FULCIO, leaf } from './fixtures.js'

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b)

describe('derString', () => {
  it('reads UTF8String, PrintableString, IA5String and VisibleString', () => {
    expect(derString(derText('héllo', 0x0c))).toBe('héllo')
    expect(derString(derText('abc', 0x13))).toBe('abc')
    expect(derString(derText('abc', 0x16))).toBe('abc')
    expect(derString(derText('abc', 0x1a))).toBe('abc')
    expect(derString(bytes(0x0c, 0x00))).toBe('')
  })

  it('refuses other tags and values too short to hold a header', () => {
    expect(derString(bytes(0x04, 0x01, 0x41))).toBeUndefined() // OCTET STRING
    expect(derString(bytes(0x1e, 0x01, 0x41))).toBeUndefined() // BMPString
    expect(derString(bytes(0x0c))).toBeUndefined()
    expect(derString(bytes())).toBeUndefined()
  })

  it('reads the long length forms with one and two length bytes', () => {
    const t200 = 'x'.repeat(200)
    expect(derString(derText(t200))).toBe(t200)
    const t300 = 'y'.repeat(300)
    expect(derString(derText(t300))).toBe(t300)
    // Three length bytes are still accepted.
    const body = Buffer.from('z'.repeat(5))
    expect(derString(Buffer.concat([bytes(0x0c, 0x83, 0x00, 0x00, 0x05), body]))).toBe('zzzzz')
    // A long-form empty string: the header is the whole value.
    expect(derString(bytes(0x0c, 0x81, 0x00))).toBe('')
  })

  it('refuses an indefinite, over-long or truncated length', () => {
    // 0x80: no length bytes (indefinite form).
    expect(derString(bytes(0x0c, 0x80, 0x41))).toBeUndefined()
    expect(derString(bytes(0x0c, 0x80))).toBeUndefined()
    // Four length bytes are more than a claim can need.
    expect(derString(Buffer.concat([bytes(0x0c, 0x84, 0x00, 0x00, 0x00, 0x01), Buffer.from('A')]))).toBeUndefined()
    // The length bytes themselves are cut off.
    expect(derString(bytes(0x0c, 0x82, 0x01))).toBeUndefined()
    expect(derString(bytes(0x0c, 0x81))).toBeUndefined()
  })

  it('refuses a value whose length does not cover it exactly', () => {
    expect(derString(bytes(0x0c, 0x02, 0x41))).toBeUndefined() // shorter than it says
    expect(derString(bytes(0x0c, 0x01, 0x41, 0x42))).toBeUndefined() // trailing bytes
    expect(derString(bytes(0x0c, 0x81, 0x02, 0x41))).toBeUndefined()
    expect(derString(bytes(0x0c, 0x81, 0x01, 0x41, 0x42))).toBeUndefined()
  })
})

describe('githubClaims', () => {
  it('reads every GitHub claim, the SAN, the issuer organisation and the validity', async () => {
    const claims = buildClaims('acme/app')
    const der = await leaf({
      organization: 'sigstore.dev',
      san: [{ type: 'url', value: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main' }],
      extensions: claims,
      notBefore: new Date('2026-03-01T10:00:00Z'),
      notAfter: new Date('2026-03-01T10:10:00Z')
    })
    expect(githubClaims(der)).toEqual({
      san: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
      issuer: 'https://token.actions.githubusercontent.com',
      buildSignerURI: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
      buildSignerDigest: 'a'.repeat(40),
      runnerEnvironment: 'github-hosted',
      sourceRepositoryURI: 'https://github.com/acme/app',
      sourceRepositoryDigest: 'b'.repeat(40),
      sourceRepositoryRef: 'refs/heads/main',
      sourceRepositoryIdentifier: '123',
      sourceRepositoryOwnerURI: 'https://github.com/acme',
      sourceRepositoryOwnerIdentifier: '456',
      buildConfigURI: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main',
      buildConfigDigest: 'b'.repeat(40),
      buildTrigger: 'push',
      runInvocationURI: 'https://github.com/acme/app/actions/runs/42/attempts/1',
      sourceRepositoryVisibilityAtSigning: 'public',
      issuerOrganization: 'sigstore.dev',
      notBefore: new Date('2026-03-01T10:00:00Z'),
      notAfter: new Date('2026-03-01T10:10:00Z')
    })
  })

  it("names GitHub's instance by its organisation, and none when the issuer has no O=", async () => {
    expect(githubClaims(await leaf({ organization: 'GitHub, Inc.' })).issuerOrganization).toBe('GitHub, Inc.')
    expect(githubClaims(await leaf({ organization: undefined }))).not.toHaveProperty('issuerOrganization')
  })

  it('takes the legacy raw issuer (.1) only when the DER issuer (.8) is absent', async () => {
    const legacy = new Uint8Array(Buffer.from('https://legacy.example'))
    const both = await leaf({ extensions: { [`${FULCIO}.1`]: legacy, [`${FULCIO}.8`]: 'https://token.actions.githubusercontent.com' } })
    expect(githubClaims(both).issuer).toBe('https://token.actions.githubusercontent.com')
    // Order does not matter: .8 after .1 still wins, and .1 after .8 does not overwrite it.
    const reversed = await leaf({ extensions: { [`${FULCIO}.8`]: 'https://token.actions.githubusercontent.com', [`${FULCIO}.1`]: legacy } })
    expect(githubClaims(reversed).issuer).toBe('https://token.actions.githubusercontent.com')
    expect(githubClaims(await leaf({ extensions: { [`${FULCIO}.1`]: legacy } })).issuer).toBe('https://legacy.example')
    // The legacy value is raw text, never any other claim.
    const onlyLegacy = githubClaims(await leaf({ extensions: { [`${FULCIO}.1`]: legacy } }))
    expect(Object.keys(onlyLegacy).sort()).toEqual(['issuer', 'notAfter', 'notBefore'])
  })

  it('prefers the SAN URI over an email, uses the email without a URI, and has no SAN without either', async () => {
    const both = await leaf({
      san: [
        { type: 'email', value: 'dev@example.com' },
        { type: 'url', value: 'https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main' }
      ]
    })
    expect(githubClaims(both).san).toBe('https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main')
    expect(githubClaims(await leaf({ san: [{ type: 'email', value: 'dev@example.com' }] })).san).toBe('dev@example.com')
    expect(githubClaims(await leaf({ san: [{ type: 'dns', value: 'example.com' } as never] }))).not.toHaveProperty('san')
    expect(githubClaims(await leaf())).not.toHaveProperty('san')
  })

  it('ignores a claim whose value is not one DER string, an unknown Fulcio OID, and a sibling arc', async () => {
    const der = await leaf({
      extensions: {
        // .12 as an OCTET STRING, .14 with trailing bytes: neither is read.
        [`${FULCIO}.12`]: new Uint8Array([0x04, 0x03, 0x61, 0x62, 0x63]),
        [`${FULCIO}.14`]: new Uint8Array([0x0c, 0x01, 0x61, 0x62]),
        [`${FULCIO}.23`]: 'unknown',
        // 1.3.6.1.4.1.57264.18 and .128 are siblings of Fulcio's .1 arc, not claims .8 / .8 of it.
        '1.3.6.1.4.1.57264.18': 'https://evil.example/issuer',
        '1.3.6.1.4.1.57264.128': 'https://evil.example/issuer',
        '1.3.6.1.4.1.57264.2.8': 'https://evil.example/issuer',
        [`${FULCIO}.16`]: 'https://github.com/acme'
      }
    })
    const claims = githubClaims(der)
    expect(claims).not.toHaveProperty('sourceRepositoryURI')
    expect(claims).not.toHaveProperty('sourceRepositoryRef')
    expect(claims).not.toHaveProperty('issuer')
    expect(claims.sourceRepositoryOwnerURI).toBe('https://github.com/acme')
    expect(Object.keys(claims).sort()).toEqual(['notAfter', 'notBefore', 'sourceRepositoryOwnerURI'])
  })

  it('refuses a certificate over 64 KiB before parsing it, and bytes that are not a certificate', () => {
    const big = new Uint8Array(64 * 1024 + 1)
    expect(() => githubClaims(big)).toThrow(`the certificate is ${64 * 1024 + 1} bytes, over the 65536-byte limit`)
    expect(() => githubClaims(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow()
  })

  it('parses a certificate of exactly 64 KiB (the bound is inclusive)', async () => {
    // A padding extension brings the certificate to exactly the bound.
    // (An ECDSA signature's length varies by a byte or two: adjust until it lands.)
    let pad = 1000
    let der = await leaf({ extensions: { '1.2.3.4': new Uint8Array(pad) } })
    for (let i = 0; i < 20 && der.length !== 64 * 1024; i++) {
      pad += 64 * 1024 - der.length
      der = await leaf({ extensions: { '1.2.3.4': new Uint8Array(pad) } })
    }
    expect(der.length).toBe(64 * 1024)
    expect(() => githubClaims(der)).not.toThrow()
  })
})
