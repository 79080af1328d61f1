import { describe, it, expect } from 'vitest'
import { createHash } from 'node:crypto'
import { createTestPki, NOTATION_SIGNATURE_TYPE, signatureArtifacts, trustPolicyFor } from '../../../../emulator/signing.mjs'
import { parseTrustPolicy } from '../../../../src/checks/signature/notation/trust-policy.js'

const subject = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${'4'.repeat(64)}`, size: 77 }
const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

interface Descriptor {
  mediaType: string
  digest: string
  size: number
}
/** The signature manifest as the kit writes it. */
interface SignatureManifest {
  artifactType?: string
  config: Descriptor
  layers: Descriptor[]
  subject?: Descriptor
}

describe('emulator signing kit', () => {
  it('returns the same PKI for the same name within a process', () => {
    expect(createTestPki({ name: 'kit' })).toBe(createTestPki({ name: 'kit', keyType: 'rsa2048' }))
  })

  it('builds an OCI 1.1 signature manifest whose blobs match its descriptors', () => {
    const a = signatureArtifacts({ pki: 'kit' }, subject)
    const m = JSON.parse(a.manifest.toString()) as SignatureManifest
    expect(a.digest).toBe(sha256(a.manifest))
    expect(m.artifactType).toBe(NOTATION_SIGNATURE_TYPE)
    expect(m.config).toEqual({ mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256(Buffer.from('{}')), size: 2 })
    expect(m.layers).toEqual([{ mediaType: 'application/jose+json', digest: sha256(a.envelope), size: a.envelope.length }])
    expect(m.subject).toEqual(subject)
    expect(a.blobs.map(sha256)).toEqual([m.config.digest, m.layers[0]?.digest])
  })

  it('supports the legacy config.mediaType form and COSE', () => {
    const m = JSON.parse(
      signatureArtifacts({ pki: 'kit', format: 'cose', legacyForm: true }, subject).manifest.toString()
    ) as SignatureManifest
    expect(m.artifactType).toBeUndefined()
    expect(m.config.mediaType).toBe(NOTATION_SIGNATURE_TYPE)
    expect(m.layers[0]?.mediaType).toBe('application/cose')
  })

  it('writes trust policies the verifier accepts', () => {
    const policy = trustPolicyFor({
      trustStores: ['signingAuthority:test'],
      trustedIdentities: ['arn:aws:signer:us-east-1:123456789012:/signing-profiles/p1']
    })
    expect(parseTrustPolicy(JSON.stringify(policy))[0]?.trustStores).toEqual([{ type: 'signingAuthority', name: 'test' }])
  })
})
