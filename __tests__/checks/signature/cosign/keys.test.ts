/**
 * The cosign check's trust: PEM key files and the trusted root read before any AWS call (each bad
 * one a SettingError naming its setting), the trusted root chosen from the settings, and the KMS
 * key resolver (one GetPublicKey per region and key, the key usage and spec checked).
 */
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createSigstoreTestPki } from '../../../../emulator/cosign.mjs'
import { startTufRepository, type TufRepository } from '../../../../emulator/tuf.mjs'
import type { CallOptions } from '../../../../src/aws/call.js'
import type { KmsPort } from '../../../../src/aws/kms.js'
import { kmsKeyResolver, loadCosignConfig } from '../../../../src/checks/signature/cosign/keys.js'
import { parseKmsReference, type CosignSettings } from '../../../../src/checks/signature/cosign/settings.js'
import { keyFingerprint, parseTrustedRoot, PUBLIC_GOOD_ORIGIN, publicGoodTrustedRoot } from '../../../../src/checks/sigstore/index.js'
import { SettingError } from '../../../../src/core/errors.js'
import { vectorsDir } from '../../../shared-vectors.js'

const MIB = 1024 * 1024
const PEM_HINT = 'expected the cosign.pub that cosign generate-key-pair wrote, or a PEM SubjectPublicKeyInfo'

let dir: string
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pemOf = (key: KeyObject): string => key.export({ format: 'pem', type: 'spki' }) as string
const derOf = (key: KeyObject): Uint8Array => new Uint8Array(key.export({ format: 'der', type: 'spki' }))

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cosign-keys-test-'))
})
afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
})

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

/** A text of exactly `bytes` bytes: `text` followed by newlines. */
function padded(text: string, bytes: number): string {
  return text + '\n'.repeat(bytes - Buffer.byteLength(text))
}

function settings(extra: Partial<CosignSettings> = {}): CosignSettings {
  return { keys: [], ignoreTlog: false, tuf: 'off', ...extra }
}

const pem = (path: string) => ({ kind: 'pem' as const, path })

/** The SettingError `promise` rejects with. */
async function settingError(promise: Promise<unknown>): Promise<SettingError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(SettingError)
  return error as SettingError
}

/** The Error `promise` rejects with. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(Error)
  return error as Error
}

/** The message of what `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a throw')
}

describe('loadCosignConfig: PEM key files', () => {
  it('reads EC and RSA keys, labelled by path, and keeps only KMS references as KMS keys', async () => {
    const ecPath = file('ec.pub', pemOf(ec.publicKey))
    const rsaPath = file('rsa.pub', pemOf(rsa.publicKey))
    const kms = parseKmsReference('awskms:///alias/cosign')
    const given = settings({ keys: [pem(ecPath), kms, pem(rsaPath)] })
    const config = await loadCosignConfig(given)
    expect(config.settings).toBe(given)
    expect(config.kmsKeys).toEqual([kms])
    expect(config.pemKeys.map((k) => k.label)).toEqual([ecPath, rsaPath])
    expect(config.pemKeys[0]?.key.equals(ec.publicKey)).toBe(true)
    expect(config.pemKeys[1]?.key.equals(rsa.publicKey)).toBe(true)
    expect(config.pemKeys.map((k) => k.fingerprint)).toEqual([keyFingerprint(ec.publicKey), keyFingerprint(rsa.publicKey)])
  })

  it('has no keys of either kind without references', async () => {
    const config = await loadCosignConfig(settings())
    expect(config.pemKeys).toEqual([])
    expect(config.kmsKeys).toEqual([])
  })

  it('reads a file of exactly 1 MiB', async () => {
    const path = file('exact.pub', padded(pemOf(ec.publicKey), MIB))
    const config = await loadCosignConfig(settings({ keys: [pem(path)] }))
    expect(config.pemKeys.map((k) => k.fingerprint)).toEqual([keyFingerprint(ec.publicKey)])
  })

  it('refuses a file one byte over 1 MiB', async () => {
    const path = file('big.pub', padded(pemOf(ec.publicKey), MIB + 1))
    const error = await settingError(loadCosignConfig(settings({ keys: [pem(path)] })))
    expect(error.setting).toBe('cosign-key')
    expect(error.message).toBe(`Invalid 'cosign-key': the PEM public key file '${path}' is over 1048576 bytes`)
  })

  it('refuses a missing file', async () => {
    const path = join(dir, 'missing.pub')
    const error = await settingError(loadCosignConfig(settings({ keys: [pem(path)] })))
    expect(error.setting).toBe('cosign-key')
    expect(error.message).toBe(
      `Invalid 'cosign-key': cannot read the PEM public key file '${path}' (ENOENT: no such file or directory, open '${path}'); give a readable file path`
    )
  })

  it('refuses a folder as not a regular file', async () => {
    const path = join(dir, 'a-folder')
    mkdirSync(path, { recursive: true })
    const error = await settingError(loadCosignConfig(settings({ keys: [pem(path)] })))
    expect(error.message).toBe(
      `Invalid 'cosign-key': cannot read the PEM public key file '${path}' (not a regular file); give a readable file path`
    )
  })

  it.each([
    ['a private key (node would derive a public key from it)', () => ec.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string],
    ['plain text', () => 'not a key\n'],
    ['an empty file', () => '']
  ])('refuses %s without a public key block', async (name, content) => {
    const path = file(`${name.replace(/\W+/g, '-')}.pem`, content())
    const error = await settingError(loadCosignConfig(settings({ keys: [pem(path)] })))
    expect(error.setting).toBe('cosign-key')
    expect(error.message).toBe(
      `Invalid 'cosign-key': '${path}' is not a PEM public key (no "-----BEGIN PUBLIC KEY-----" block); ${PEM_HINT}`
    )
  })

  it('refuses a public key block that does not parse', async () => {
    const text = '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'
    const path = file('garbage.pub', text)
    const error = await settingError(loadCosignConfig(settings({ keys: [pem(path)] })))
    expect(error.setting).toBe('cosign-key')
    expect(error.message).toBe(
      `Invalid 'cosign-key': '${path}' is not a PEM public key (${messageOf(() => createPublicKey(text))}); ${PEM_HINT}`
    )
  })
})

describe('loadCosignConfig: trusted root', () => {
  const vectorRoot = join(vectorsDir, 'sigstore-conformance', 'public-good-trusted_root.json')
  const rootText = (): string => {
    // Missing vectors fail here: never a silent skip.
    expect(existsSync(vectorRoot), `test vectors not found: ${vectorRoot}`).toBe(true)
    return readFileSync(vectorRoot, 'utf8')
  }

  it('reads a trusted root file, which wins over tuf off', async () => {
    const config = await loadCosignConfig(settings({ trustedRootPath: vectorRoot, tuf: 'off' }))
    const outcome = await config.trust({})
    if (!outcome.ok) throw new Error(outcome.reason)
    const expected = parseTrustedRoot(rootText(), vectorRoot)
    expect(outcome.trust.origin).toBe(vectorRoot)
    expect(outcome.trust.material.tlogs.map((t) => t.baseURL)).toEqual(expected.material.tlogs.map((t) => t.baseURL))
    expect(outcome.trust).not.toBe(publicGoodTrustedRoot())
  })

  it('reads a trusted root of exactly 1 MiB and refuses one byte more', async () => {
    const exact = file('exact-root.json', padded(rootText(), MIB))
    const outcome = await (await loadCosignConfig(settings({ trustedRootPath: exact }))).trust({})
    expect(outcome.ok && outcome.trust.origin).toBe(exact)
    const big = file('big-root.json', padded(rootText(), MIB + 1))
    const error = await settingError(loadCosignConfig(settings({ trustedRootPath: big })))
    expect(error.setting).toBe('sigstore-trusted-root')
    expect(error.message).toBe(`Invalid 'sigstore-trusted-root': the trusted root '${big}' is over 1048576 bytes`)
  })

  it('refuses a missing trusted root', async () => {
    const path = join(dir, 'missing-root.json')
    const error = await settingError(loadCosignConfig(settings({ trustedRootPath: path })))
    expect(error.setting).toBe('sigstore-trusted-root')
    expect(error.message).toBe(
      `Invalid 'sigstore-trusted-root': cannot read the trusted root '${path}' (ENOENT: no such file or directory, open '${path}'); give a readable file path`
    )
  })

  it('refuses a trusted root that is not JSON', async () => {
    const path = file('bad-root.json', '{ not json')
    const error = await settingError(loadCosignConfig(settings({ trustedRootPath: path })))
    expect(error.setting).toBe('sigstore-trusted-root')
    expect(error.message).toBe(
      `Invalid 'sigstore-trusted-root': ${path} is not valid JSON (${messageOf(() => JSON.parse('{ not json'))}); expected a Sigstore trusted_root.json`
    )
  })

  it('uses the shipped public-good root with tuf off', async () => {
    const outcome = await (await loadCosignConfig(settings({ tuf: 'off' }))).trust({})
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.trust).toBe(publicGoodTrustedRoot())
    expect(outcome.trust.origin).toBe(PUBLIC_GOOD_ORIGIN)
  })

  it('creates the default TUF provider without a network call', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    try {
      const { tuf: _tuf, ...rest } = settings()
      const config = await loadCosignConfig(rest)
      expect(typeof config.trust).toBe('function')
      expect(fetchSpy).not.toHaveBeenCalled()
    } finally {
      fetchSpy.mockRestore()
    }
  })

  describe('a TUF mirror seeded with a root file', () => {
    let repo: TufRepository
    let cache: string
    beforeAll(async () => {
      repo = await startTufRepository({ trustedRoot: (await createSigstoreTestPki()).trustedRoot })
      cache = mkdtempSync(join(tmpdir(), 'cosign-keys-tuf-'))
    })
    afterAll(async () => {
      await repo?.stop()
      if (cache !== undefined) rmSync(cache, { recursive: true, force: true })
    })

    it('refreshes from the mirror trusting the given root', async () => {
      vi.stubEnv('RUNNER_TEMP', cache)
      try {
        const rootPath = file('seed-root.json', repo.rootJson)
        const config = await loadCosignConfig(settings({ tuf: { mirror: repo.url, rootPath } }))
        const outcome = await config.trust({})
        if (!outcome.ok) throw new Error(outcome.reason)
        expect(outcome.trust.origin).toBe(`the Sigstore trusted root, refreshed over TUF from ${repo.url} (root v1)`)
      } finally {
        vi.unstubAllEnvs()
      }
    })
  })
})

type Response = Awaited<ReturnType<KmsPort['getPublicKey']>>

interface Call {
  region: string
  keyId: string | undefined
  options: CallOptions | undefined
}

const KEY_ARN = 'arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const alias = parseKmsReference('awskms:///alias/cosign')
const other = parseKmsReference('awskms:///alias/other')
const arnRef = parseKmsReference(`awskms:///${KEY_ARN}`)

const good = (extra: Partial<Response> = {}): Response => ({
  KeyId: KEY_ARN,
  KeyUsage: 'SIGN_VERIFY',
  KeySpec: 'ECC_NIST_P256',
  PublicKey: derOf(ec.publicKey),
  ...extra
})

/** A resolver over fake KMS ports, one per region, that answer with `respond` and record every call. */
function fake(respond: (call: Call) => Response | Promise<Response> = () => good(), signal?: AbortSignal) {
  const calls: Call[] = []
  const portsAskedFor: string[] = []
  const portFor = (region: string): KmsPort => {
    portsAskedFor.push(region)
    return {
      getPublicKey: async (input, options) => {
        const call = { region, keyId: input.KeyId, options }
        calls.push(call)
        return respond(call)
      }
    }
  }
  return { calls, portsAskedFor, resolve: kmsKeyResolver(portFor, signal) }
}

describe('kmsKeyResolver', () => {
  it('reads a key with one GetPublicKey, labelled by the KeyId KMS returns', async () => {
    const { calls, portsAskedFor, resolve } = fake()
    const key = await resolve(alias, 'eu-west-1')
    expect(key.label).toBe(KEY_ARN)
    expect(key.key.equals(ec.publicKey)).toBe(true)
    expect(key.fingerprint).toBe(keyFingerprint(ec.publicKey))
    expect(portsAskedFor).toEqual(['eu-west-1'])
    expect(calls).toHaveLength(1)
    expect(calls[0]?.keyId).toBe('alias/cosign')
    expect(calls[0]?.options).toStrictEqual({ what: 'read the public key of KMS key awskms:///alias/cosign in eu-west-1' })
  })

  it('labels the key by its reference when KMS returns no KeyId', async () => {
    const { resolve } = fake(() => good({ KeyId: undefined }))
    expect((await resolve(alias, 'eu-west-1')).label).toBe('awskms:///alias/cosign')
  })

  it('memoises per region and key', async () => {
    const { calls, resolve } = fake()
    const [a, b] = await Promise.all([resolve(alias, 'eu-west-1'), resolve(alias, 'eu-west-1')])
    expect(a).toBe(b)
    expect(await resolve(alias, 'eu-west-1')).toBe(a)
    expect(calls).toHaveLength(1)
    await resolve(other, 'eu-west-1')
    await resolve(alias, 'us-west-2')
    await resolve(other, 'eu-west-1')
    expect(calls.map((c) => `${c.region} ${c.keyId}`)).toEqual([
      'eu-west-1 alias/cosign',
      'eu-west-1 alias/other',
      'us-west-2 alias/cosign'
    ])
  })

  it("takes the region from the key's ARN over the image's", async () => {
    const { calls, portsAskedFor, resolve } = fake()
    await resolve(arnRef, 'eu-west-1')
    await resolve(arnRef, 'ap-south-1')
    expect(portsAskedFor).toEqual(['us-east-2'])
    expect(calls).toHaveLength(1)
    expect(calls[0]?.keyId).toBe(KEY_ARN)
    expect(calls[0]?.options?.what).toBe(`read the public key of KMS key awskms:///${KEY_ARN} in us-east-2`)
  })

  it('forwards the signal when given', async () => {
    const signal = new AbortController().signal
    const { calls, resolve } = fake(undefined, signal)
    await resolve(alias, 'eu-west-1')
    expect(calls[0]?.options).toStrictEqual({ signal, what: 'read the public key of KMS key awskms:///alias/cosign in eu-west-1' })
  })

  it('passes no signal key when none is given', async () => {
    const { calls, resolve } = fake()
    await resolve(alias, 'eu-west-1')
    expect(calls[0]?.options !== undefined && 'signal' in calls[0].options).toBe(false)
  })

  it('does not cache a failure: the next use retries, and a success is then kept', async () => {
    let failures = 1
    const { calls, resolve } = fake(() => {
      if (failures-- > 0) throw new Error('throttled')
      return good()
    })
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe('throttled')
    const key = await resolve(alias, 'eu-west-1')
    expect(key.label).toBe(KEY_ARN)
    expect(await resolve(alias, 'eu-west-1')).toBe(key)
    expect(calls).toHaveLength(2)
  })

  it('refuses a region with no KMS client', async () => {
    const regions: string[] = []
    const resolve = kmsKeyResolver((region) => {
      regions.push(region)
      return undefined
    })
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe('no KMS client for eu-west-1')
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe('no KMS client for eu-west-1')
    expect(regions).toEqual(['eu-west-1', 'eu-west-1'])
  })

  it.each([
    ['ENCRYPT_DECRYPT', 'ENCRYPT_DECRYPT'],
    [undefined, 'unknown']
  ] as const)('refuses key usage %s', async (usage, shown) => {
    const { resolve } = fake(() => good({ KeyUsage: usage }))
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe(
      `KMS key ${KEY_ARN} has key usage ${shown}, not SIGN_VERIFY: it cannot have signed an image; give the key cosign signed with`
    )
  })

  it.each(['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'RSA_2048', 'RSA_3072', 'RSA_4096'] as const)(
    'accepts key spec %s',
    async (spec) => {
      const { resolve } = fake(() => good({ KeySpec: spec }))
      expect((await resolve(alias, 'eu-west-1')).fingerprint).toBe(keyFingerprint(ec.publicKey))
    }
  )

  it.each([
    ['SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT'],
    ['ECC_SECG_P256K1', 'ECC_SECG_P256K1'],
    [undefined, 'unknown']
  ] as const)('refuses key spec %s', async (spec, shown) => {
    const { resolve } = fake(() => good({ KeySpec: spec }))
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe(
      `KMS key ${KEY_ARN} has key spec ${shown}; cosign signs with ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521 or RSA_2048/3072/4096 keys`
    )
  })

  it('refuses a response without a public key', async () => {
    const { resolve } = fake(() => good({ PublicKey: undefined }))
    expect((await rejection(resolve(alias, 'eu-west-1'))).message).toBe(`KMS returned no public key for ${KEY_ARN}`)
  })

  it('refuses public key bytes that do not parse, keeping the cause', async () => {
    const bytes = new Uint8Array([1, 2, 3])
    const { resolve } = fake(() => good({ KeyId: undefined, PublicKey: bytes }))
    const error = await rejection(resolve(alias, 'eu-west-1'))
    const why = messageOf(() => createPublicKey({ key: Buffer.from(bytes), format: 'der', type: 'spki' }))
    expect(error.message).toBe(`the public key KMS returned for awskms:///alias/cosign does not parse: ${why}`)
    expect(error.cause).toBeInstanceOf(Error)
    expect((error.cause as Error).message).toBe(why)
  })
})
