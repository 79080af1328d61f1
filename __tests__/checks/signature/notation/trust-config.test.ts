import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestPki, trustPolicyFor, writeTrustStore } from '../../../../emulator/signing.mjs'
import { SettingError } from '../../../../src/core/errors.js'
import { loadTrustConfig, signatureRequired } from '../../../../src/checks/signature/notation/index.js'

let dir: string
const arn = 'arn:aws:signer:us-east-1:123456789012:/signing-profiles/prod'

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trustcfg-'))
  createTestPki({ name: 'cfg', keyType: 'ec256' })
  writeTrustStore(dir, { type: 'signingAuthority', name: 'mine', pkiNames: ['cfg'] })
  writeTrustStore(dir, { type: 'ca', name: 'team', pkiNames: ['cfg'] })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function inputError(p: Promise<unknown>): Promise<SettingError> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    return error as SettingError
  }
  throw new Error('expected an SettingError')
}

function writePolicy(policy: object): string {
  const path = join(dir, `p-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, JSON.stringify(policy))
  return path
}

describe('loadTrustConfig', () => {
  it('is not configured without signature inputs', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [], partition: 'aws' })
    expect(trust.configured).toBe(false)
    expect(signatureRequired(trust)).toBe(false)
  })

  it('builds a strict global statement over the bundled root from signing profile ARNs', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [arn, ' '], partition: 'aws' })
    expect(signatureRequired(trust)).toBe(true)
    expect(trust.source).toBe('signing-profile-arns')
    expect(trust.statements).toHaveLength(1)
    const s = trust.statements[0]
    expect(s).toMatchObject({ registryScopes: ['*'], level: 'strict', trustStores: [{ type: 'signingAuthority', name: 'aws-signer-aws' }] })
    expect(s?.trustedIdentities).toEqual([{ kind: 'signing-profile', arn }])
    expect(trust.stores['signingAuthority:aws-signer-aws']?.[0]?.subject).toContain('AWS Signer Code Signing Root CA G1')
  })

  it('uses the GovCloud root in aws-us-gov', async () => {
    const trust = await loadTrustConfig({
      signingProfileArns: [arn.replace('arn:aws:', 'arn:aws-us-gov:').replace('us-east-1', 'us-gov-west-1')],
      partition: 'aws-us-gov'
    })
    expect(trust.stores['signingAuthority:aws-signer-aws-us-gov']?.[0]?.subject).toContain('GovCloud')
  })

  it('adds the signingAuthority stores of a given trust store to the bundled root', async () => {
    const trust = await loadTrustConfig({ signingProfileArns: [arn], trustStorePath: dir, partition: 'aws' })
    expect(trust.statements[0]?.trustStores.map((s) => `${s.type}:${s.name}`)).toEqual([
      'signingAuthority:aws-signer-aws',
      'signingAuthority:mine'
    ])
    expect(trust.stores['signingAuthority:mine']).toHaveLength(1)
  })

  it.each([
    ['a malformed ARN', ['arn:aws:signer:us-east-1:1234:/signing-profiles/prod'], 'aws', '12-digit account'],
    ['a wildcard', ['*'], 'aws', 'wildcard'],
    ['another partition', [arn], 'aws-us-gov', 'partition aws'],
    ['an IAM ARN', ['arn:aws:iam::123456789012:role/x'], 'aws', 'expected arn:aws']
  ] as const)('refuses %s in signing-profile-arns', async (_what, arns, partition, message) => {
    const error = await inputError(loadTrustConfig({ signingProfileArns: [...arns], partition }))
    expect(error.setting).toBe('signing-profile-arns')
    expect(error.message).toContain(message)
  })

  it('needs a trust store for the China partition, which has no bundled root', async () => {
    const arnCn = 'arn:aws-cn:signer:cn-north-1:123456789012:/signing-profiles/prod'
    expect((await inputError(loadTrustConfig({ signingProfileArns: [arnCn], partition: 'aws-cn' }))).message).toContain(
      'No AWS Signer root'
    )
    const trust = await loadTrustConfig({ signingProfileArns: [arnCn], trustStorePath: dir, partition: 'aws-cn' })
    expect(trust.statements[0]?.trustStores).toEqual([{ type: 'signingAuthority', name: 'mine' }])
  })

  it('refuses a trust store alone, and ARNs together with a policy', async () => {
    expect((await inputError(loadTrustConfig({ signingProfileArns: [], trustStorePath: dir, partition: 'aws' }))).setting).toBe(
      'trust-store'
    )
    const policy = writePolicy(trustPolicyFor({ trustStores: ['ca:team'] }))
    expect((await inputError(loadTrustConfig({ signingProfileArns: [arn], trustPolicyPath: policy, partition: 'aws' }))).message).toContain(
      'not both'
    )
  })

  it('loads a trust policy and the stores it references', async () => {
    const trust = await loadTrustConfig({
      signingProfileArns: [],
      trustPolicyPath: writePolicy(trustPolicyFor({ trustStores: ['ca:team'] })),
      trustStorePath: dir,
      partition: 'aws'
    })
    expect(trust.source).toBe('trust-policy')
    expect(trust.stores['ca:team']).toHaveLength(1)
  })

  it('offers the bundled AWS Signer root to policies as signingAuthority:aws-signer-aws', async () => {
    const policy = writePolicy(trustPolicyFor({ trustStores: ['signingAuthority:aws-signer-aws'], trustedIdentities: [arn] }))
    const trust = await loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policy, partition: 'aws' })
    expect(trust.stores['signingAuthority:aws-signer-aws']?.[0]?.subject).toContain('AWS Signer')
  })

  it('names the missing store and the unreadable policy', async () => {
    const missing = await inputError(
      loadTrustConfig({
        signingProfileArns: [],
        trustPolicyPath: writePolicy(trustPolicyFor({ trustStores: ['ca:nope'] })),
        trustStorePath: dir,
        partition: 'aws'
      })
    )
    expect(missing.setting).toBe('trust-store')
    expect(missing.message).toContain('ca:nope')
    const unreadable = await inputError(
      loadTrustConfig({ signingProfileArns: [], trustPolicyPath: join(dir, 'absent.json'), partition: 'aws' })
    )
    expect(unreadable.setting).toBe('trust-policy')
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"version":"1.0"')
    expect((await inputError(loadTrustConfig({ signingProfileArns: [], trustPolicyPath: bad, partition: 'aws' }))).message).toContain(
      'not valid JSON'
    )
  })

  it('refuses symlinks, non-certificates and certificates that cannot anchor trust in a store', async () => {
    const root = mkdtempSync(join(dir, 'bad-store-'))
    const policy = writePolicy(trustPolicyFor({ trustStores: ['ca:s'] }))
    const storeDir = join(root, 'x509', 'ca', 's')
    mkdirSync(storeDir, { recursive: true })
    writeFileSync(join(root, 'real.pem'), createTestPki({ name: 'cfg' }).rootPem)
    symlinkSync(join(root, 'real.pem'), join(storeDir, 'link.pem'))
    expect(
      (await inputError(loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policy, trustStorePath: root, partition: 'aws' })))
        .message
    ).toContain('symbolic link')
    rmSync(join(storeDir, 'link.pem'))
    writeFileSync(join(storeDir, 'junk.crt'), 'not a certificate')
    expect(
      (await inputError(loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policy, trustStorePath: root, partition: 'aws' })))
        .message
    ).toContain('junk.crt')
    rmSync(join(storeDir, 'junk.crt'))
    // An intermediate-issued leaf is neither a CA nor self-signed.
    writeFileSync(join(storeDir, 'leaf.pem'), createTestPki({ name: 'cfg' }).leaf.pem)
    expect(
      (await inputError(loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policy, trustStorePath: root, partition: 'aws' })))
        .message
    ).toContain('cannot anchor trust')
    rmSync(join(storeDir, 'leaf.pem'))
    expect(
      (await inputError(loadTrustConfig({ signingProfileArns: [], trustPolicyPath: policy, trustStorePath: root, partition: 'aws' })))
        .message
    ).toContain('holds no')
  })
})
