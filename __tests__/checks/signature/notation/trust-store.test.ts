import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTestPki, type TestPki } from '../../../../emulator/signing.mjs'
import { SettingError } from '../../../../src/core/errors.js'
import { CertificateError, type CertInfo } from '../../../../src/checks/signature/notation/x509.js'
import {
  MaxTrustStoreFileBytes,
  certificatesFromFile,
  certificatesFromPem,
  listNamedStores,
  loadNamedStore
} from '../../../../src/checks/signature/notation/trust-store.js'

// The file system here lists directories in name order, which would hide a missing sort: hand the
// module every listing reversed so its own sorting is what the tests observe.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...actual,
    readdir: async (...args: Parameters<typeof actual.readdir>) => {
      const entries = (await actual.readdir(...args)) as unknown[]
      return [...entries].reverse()
    }
  }
})

let dir: string
let rootPki: TestPki
let otherPki: TestPki
let thirdPki: TestPki
let selfSignedPki: TestPki
let caLeafPki: TestPki

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'truststore-'))
  rootPki = createTestPki({ name: 'ts-root', keyType: 'ec256' })
  otherPki = createTestPki({ name: 'ts-other', keyType: 'ec256', intermediate: false })
  thirdPki = createTestPki({ name: 'ts-third', keyType: 'ec256', intermediate: false })
  selfSignedPki = createTestPki({ name: 'ts-self', keyType: 'ec256', selfSigned: true })
  caLeafPki = createTestPki({ name: 'ts-caleaf', keyType: 'ec256', leafCa: true })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')
const ders = (certs: CertInfo[] | undefined): string[] => (certs ?? []).map((c) => hex(c.der))

/** A fresh trust store root with an empty `x509/<type>/<name>` directory. */
function newStore(type = 'ca', name = 's'): { root: string; store: string } {
  const root = mkdtempSync(join(dir, 'root-'))
  const store = join(root, 'x509', type, name)
  mkdirSync(store, { recursive: true })
  return { root, store }
}

function certificateError(fn: () => unknown): CertificateError {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateError)
    return error as CertificateError
  }
  throw new Error('expected a CertificateError')
}

async function storeError(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('trust-store')
    expect((error as SettingError).name).toBe('SettingError')
    return (error as SettingError).message
  }
  throw new Error('expected a SettingError')
}

function pemBlock(type: string, body: string): string {
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`
}

describe('MaxTrustStoreFileBytes', () => {
  it('is one MiB', () => {
    expect(MaxTrustStoreFileBytes).toBe(1048576)
  })
})

describe('certificatesFromFile', () => {
  it('reads a DER file as one certificate', () => {
    const certs = certificatesFromFile(new Uint8Array(rootPki.root.der))
    expect(ders(certs)).toEqual([hex(rootPki.root.der)])
    expect(certs[0]?.subject).toBe('C=US, O=ecr-deploy-gate tests, OU=Cryptography, ST=WA, CN=ts-root Test Root CA')
  })

  it('reads every certificate of a PEM file, in file order', () => {
    const certs = certificatesFromFile(new Uint8Array(Buffer.from(rootPki.chainPem)))
    expect(ders(certs)).toEqual([hex(rootPki.leaf.der), hex(rootPki.intermediate!.der), hex(rootPki.root.der)])
  })

  it('ignores text around and between PEM blocks', () => {
    const text = `leading text\n${otherPki.root.pem}middle\r\n${thirdPki.root.pem}trailing`
    const certs = certificatesFromFile(new Uint8Array(Buffer.from(text)))
    expect(ders(certs)).toEqual([hex(otherPki.root.der), hex(thirdPki.root.der)])
  })

  it('accepts PEM bodies with CRLF line ends and indentation', () => {
    const b64 = rootPki.root.der.toString('base64')
    const body = (b64.match(/.{1,64}/g) ?? []).map((line) => `  ${line}\t`).join('\r\n')
    const certs = certificatesFromFile(new Uint8Array(Buffer.from(pemBlock('CERTIFICATE', body))))
    expect(ders(certs)).toEqual([hex(rootPki.root.der)])
  })

  it('refuses a PEM block of another type', () => {
    const pem = pemBlock('PRIVATE KEY', 'QUJD')
    expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(pem)))).message).toBe(
      'PEM block "PRIVATE KEY" is not a CERTIFICATE'
    )
  })

  it('refuses a PEM block whose type holds digits', () => {
    const pem = pemBlock('X509 CRL', 'QUJD')
    expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(pem)))).message).toBe(
      'PEM block "X509 CRL" is not a CERTIFICATE'
    )
  })

  it('refuses a non-certificate block even after a good certificate', () => {
    const pem = `${rootPki.root.pem}${pemBlock('EC PRIVATE KEY', 'QUJD')}`
    expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(pem)))).message).toBe(
      'PEM block "EC PRIVATE KEY" is not a CERTIFICATE'
    )
  })

  it('refuses BEGIN markers without a complete block', () => {
    const cases = [
      '-----BEGIN CERTIFICATE-----\nQUJD\n',
      '-----BEGIN CERTIFICATE-----\nQUJD\n-----END PRIVATE KEY-----\n',
      '-----BEGIN certificate-----\nQUJD\n-----END certificate-----\n',
      '-----BEGIN-----\nQUJD\n-----END-----\n'
    ]
    for (const text of cases) {
      expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(text)))).message).toBe(
        'PEM markers without a complete block'
      )
    }
  })

  it('refuses PEM bodies that are not base64', () => {
    for (const body of ['', 'QU*JD', '*QUJD', 'QUJD*', '=QUJD', 'QQ===', 'QQ=A', 'QU-_', 'QUJD\n-----BEGIN X-----']) {
      const pem = pemBlock('CERTIFICATE', body)
      expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(pem)))).message).toBe('PEM body is not base64')
    }
  })

  it('hands base64 bodies (with or without padding) to the certificate parser', () => {
    for (const body of ['QUJD', 'QUI=', 'QQ==', '+/+/', 'QU\nJD']) {
      const pem = pemBlock('CERTIFICATE', body)
      expect(certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from(pem)))).message).toMatch(
        /^not a valid X\.509 certificate \(/
      )
    }
  })

  it('refuses bytes that hold no certificate', () => {
    const error = certificateError(() => certificatesFromFile(new Uint8Array(Buffer.from('not a certificate'))))
    expect(error.name).toBe('CertificateError')
    expect(error.message).toMatch(/^not a valid X\.509 certificate \(/)
  })

  it('refuses empty bytes', () => {
    expect(certificateError(() => certificatesFromFile(new Uint8Array(0))).message).toMatch(/^not a valid X\.509 certificate \(/)
  })
})

describe('certificatesFromPem', () => {
  it('parses every certificate of PEM text, in order', () => {
    const certs = certificatesFromPem(`${thirdPki.root.pem}${otherPki.root.pem}`)
    expect(ders(certs)).toEqual([hex(thirdPki.root.der), hex(otherPki.root.der)])
  })

  it('refuses PEM text holding another kind of block', () => {
    expect(certificateError(() => certificatesFromPem(pemBlock('PUBLIC KEY', 'QUJD'))).message).toBe(
      'PEM block "PUBLIC KEY" is not a CERTIFICATE'
    )
  })
})

describe('loadNamedStore', () => {
  it('returns undefined when the store directory does not exist', async () => {
    const { root } = newStore('ca', 'present')
    writeFileSync(join(root, 'x509', 'ca', 'present', 'a.pem'), rootPki.root.pem)
    await expect(loadNamedStore(root, 'ca', 'absent')).resolves.toBeUndefined()
    await expect(loadNamedStore(root, 'tsa', 'present')).resolves.toBeUndefined()
    await expect(loadNamedStore(join(dir, 'no-such-root'), 'ca', 'present')).resolves.toBeUndefined()
  })

  it('loads a store under x509/<type>/<name>', async () => {
    const { root, store } = newStore('signingAuthority', 'mine')
    writeFileSync(join(store, 'root.pem'), rootPki.root.pem)
    expect(ders(await loadNamedStore(root, 'signingAuthority', 'mine'))).toEqual([hex(rootPki.root.der)])
  })

  it('refuses a store directory that is a symbolic link', async () => {
    const { root, store } = newStore('ca', 'real')
    writeFileSync(join(store, 'root.pem'), rootPki.root.pem)
    symlinkSync(store, join(root, 'x509', 'ca', 'linked'))
    expect(await storeError(loadNamedStore(root, 'ca', 'linked'))).toBe(
      'Invalid trust store: ca:linked is a symbolic link; symlinks are not allowed in a trust store'
    )
  })

  it('refuses a dangling symbolic link as the store', async () => {
    const { root } = newStore('tsa', 'other')
    symlinkSync(join(root, 'nowhere'), join(root, 'x509', 'tsa', 'dangling'))
    expect(await storeError(loadNamedStore(root, 'tsa', 'dangling'))).toBe(
      'Invalid trust store: tsa:dangling is a symbolic link; symlinks are not allowed in a trust store'
    )
  })

  it('refuses a store path that is a file', async () => {
    const { root } = newStore('ca', 'other')
    writeFileSync(join(root, 'x509', 'ca', 'file'), rootPki.root.pem)
    expect(await storeError(loadNamedStore(root, 'ca', 'file'))).toBe('Invalid trust store: ca:file is not a directory')
  })

  it('reads files sorted by name (localeCompare), keeping the order inside each file', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'c.pem'), thirdPki.root.pem)
    writeFileSync(join(store, 'B.pem'), rootPki.chainPem.slice(rootPki.chainPem.indexOf('-----BEGIN', 1)))
    writeFileSync(join(store, 'a.pem'), otherPki.root.pem)
    writeFileSync(join(store, 'D.der.cer'), selfSignedPki.leaf.der)
    expect(ders(await loadNamedStore(root, 'ca', 's'))).toEqual([
      hex(otherPki.root.der),
      hex(rootPki.intermediate!.der),
      hex(rootPki.root.der),
      hex(thirdPki.root.der),
      hex(selfSignedPki.leaf.der)
    ])
  })

  it('accepts .pem, .crt and .cer files, PEM or DER, in any letter case', async () => {
    const cases: [string, Buffer | string][] = [
      ['x.pem', rootPki.root.pem],
      ['x.crt', rootPki.root.pem],
      ['x.cer', rootPki.root.der],
      ['x.PEM', rootPki.root.der],
      ['x.Crt', rootPki.root.pem],
      ['x.CER', rootPki.root.pem]
    ]
    for (const [file, content] of cases) {
      const { root, store } = newStore('ca', 'one')
      writeFileSync(join(store, file), content)
      expect(ders(await loadNamedStore(root, 'ca', 'one'))).toEqual([hex(rootPki.root.der)])
    }
  })

  it('ignores sub-directories (even one named like a certificate) and files with other extensions', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'root.crt'), rootPki.root.pem)
    mkdirSync(join(store, 'x.pem'))
    mkdirSync(join(store, 'nested'))
    writeFileSync(join(store, 'nested', 'junk.pem'), 'not a certificate')
    writeFileSync(join(store, 'x.pem', 'junk.pem'), 'not a certificate')
    writeFileSync(join(store, 'readme.txt'), 'not a certificate')
    writeFileSync(join(store, 'old.pem.bak'), 'not a certificate')
    writeFileSync(join(store, 'key.key'), pemBlock('PRIVATE KEY', 'QUJD'))
    writeFileSync(join(store, 'pem'), 'not a certificate')
    writeFileSync(join(store, 'crt'), 'not a certificate')
    writeFileSync(join(store, 'a.pemx'), 'not a certificate')
    symlinkSync(join(store, 'root.crt'), join(store, 'link.txt'))
    expect(ders(await loadNamedStore(root, 'ca', 's'))).toEqual([hex(rootPki.root.der)])
  })

  it.skipIf(process.platform === 'win32')('skips certificate-named entries that are neither files nor directories', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'root.pem'), rootPki.root.pem)
    execFileSync('mkfifo', [join(store, 'fifo.pem')])
    expect(ders(await loadNamedStore(root, 'ca', 's'))).toEqual([hex(rootPki.root.der)])
  })

  it('refuses a symlinked certificate file', async () => {
    const { root, store } = newStore('ca', 's')
    writeFileSync(join(root, 'real.pem'), rootPki.root.pem)
    writeFileSync(join(store, 'a.pem'), rootPki.root.pem)
    symlinkSync(join(root, 'real.pem'), join(store, 'link.pem'))
    expect(await storeError(loadNamedStore(root, 'ca', 's'))).toBe(
      'Invalid trust store: ca:s/link.pem is a symbolic link; symlinks are not allowed'
    )
  })

  it('refuses a symlink named like a certificate that points at a directory', async () => {
    const { root, store } = newStore('signingAuthority', 'sa')
    writeFileSync(join(store, 'a.pem'), rootPki.root.pem)
    mkdirSync(join(root, 'target'))
    symlinkSync(join(root, 'target'), join(store, 'dir.Crt'))
    expect(await storeError(loadNamedStore(root, 'signingAuthority', 'sa'))).toBe(
      'Invalid trust store: signingAuthority:sa/dir.Crt is a symbolic link; symlinks are not allowed'
    )
  })

  it('refuses a dangling symlink named like a certificate', async () => {
    const { root, store } = newStore('tsa', 't')
    symlinkSync(join(root, 'missing.pem'), join(store, 'gone.cer'))
    expect(await storeError(loadNamedStore(root, 'tsa', 't'))).toBe(
      'Invalid trust store: tsa:t/gone.cer is a symbolic link; symlinks are not allowed'
    )
  })

  it('refuses a file larger than MaxTrustStoreFileBytes', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'big.pem'), Buffer.alloc(MaxTrustStoreFileBytes + 1, 0x20))
    expect(await storeError(loadNamedStore(root, 'ca', 's'))).toBe('Invalid trust store: ca:s/big.pem is larger than 1048576 bytes')
  })

  it('reads a file of exactly MaxTrustStoreFileBytes', async () => {
    const { root, store } = newStore()
    const pem = Buffer.from(rootPki.root.pem)
    const padded = Buffer.concat([pem, Buffer.alloc(MaxTrustStoreFileBytes - pem.length, 0x0a)])
    expect(padded.length).toBe(MaxTrustStoreFileBytes)
    writeFileSync(join(store, 'padded.pem'), padded)
    expect(ders(await loadNamedStore(root, 'ca', 's'))).toEqual([hex(rootPki.root.der)])
  })

  it('refuses a file holding a PEM block of another kind, naming the file', async () => {
    const { root, store } = newStore('signingAuthority', 'keys')
    writeFileSync(join(store, 'key.pem'), pemBlock('PRIVATE KEY', 'QUJD'))
    expect(await storeError(loadNamedStore(root, 'signingAuthority', 'keys'))).toBe(
      'Invalid trust store: signingAuthority:keys/key.pem: PEM block "PRIVATE KEY" is not a CERTIFICATE'
    )
  })

  it('refuses a file that does not parse, with the parser message', async () => {
    const { root, store } = newStore('tsa', 'bad')
    writeFileSync(join(store, 'a.pem'), rootPki.root.pem)
    writeFileSync(join(store, 'junk.crt'), 'not a certificate')
    const message = await storeError(loadNamedStore(root, 'tsa', 'bad'))
    expect(message).toMatch(/^Invalid trust store: tsa:bad\/junk\.crt: not a valid X\.509 certificate \(.+\)$/)
  })

  it('refuses a file with an incomplete PEM block', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'cut.pem'), rootPki.root.pem.slice(0, 80))
    expect(await storeError(loadNamedStore(root, 'ca', 's'))).toBe(
      'Invalid trust store: ca:s/cut.pem: PEM markers without a complete block'
    )
  })

  it('refuses a leaf certificate that is neither a CA nor self-signed', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'leaf.pem'), rootPki.leaf.pem)
    expect(await storeError(loadNamedStore(root, 'ca', 's'))).toBe(
      'Invalid trust store: ca:s/leaf.pem: certificate "C=US, ST=WA, L=Seattle, O=ecr-deploy-gate tests, OU=ts-root, CN=ts-root signer" is neither a CA nor self-signed, so it cannot anchor trust'
    )
  })

  it('refuses a non-anchor certificate that follows good ones in a file', async () => {
    const { root, store } = newStore('signingAuthority', 'mixed')
    writeFileSync(join(store, 'mixed.pem'), `${rootPki.root.pem}${otherPki.leaf.pem}`)
    expect(await storeError(loadNamedStore(root, 'signingAuthority', 'mixed'))).toBe(
      'Invalid trust store: signingAuthority:mixed/mixed.pem: certificate "C=US, ST=WA, L=Seattle, O=ecr-deploy-gate tests, OU=ts-other, CN=ts-other signer" is neither a CA nor self-signed, so it cannot anchor trust'
    )
  })

  it('accepts a self-signed leaf and a CA leaf', async () => {
    const { root, store } = newStore()
    writeFileSync(join(store, 'a.pem'), selfSignedPki.leaf.pem)
    writeFileSync(join(store, 'b.pem'), caLeafPki.leaf.pem)
    expect(ders(await loadNamedStore(root, 'ca', 's'))).toEqual([hex(selfSignedPki.leaf.der), hex(caLeafPki.leaf.der)])
  })

  it('refuses a store holding no certificate, naming its directory', async () => {
    const { root, store } = newStore('ca', 'empty')
    expect(await storeError(loadNamedStore(root, 'ca', 'empty'))).toBe(
      `Invalid trust store: ca:empty (${store}) holds no .pem, .crt or .cer certificate`
    )
  })

  it('refuses a store whose entries are all ignored', async () => {
    const { root, store } = newStore('tsa', 'ignored')
    writeFileSync(join(store, 'notes.txt'), rootPki.root.pem)
    mkdirSync(join(store, 'sub.pem'))
    writeFileSync(join(store, 'sub.pem', 'root.pem'), rootPki.root.pem)
    expect(await storeError(loadNamedStore(root, 'tsa', 'ignored'))).toBe(
      `Invalid trust store: tsa:ignored (${store}) holds no .pem, .crt or .cer certificate`
    )
  })
})

describe('listNamedStores', () => {
  it('lists directories and symlinks of one type, sorted, without files', async () => {
    const root = mkdtempSync(join(dir, 'list-'))
    const typeDir = join(root, 'x509', 'ca')
    for (const name of ['b', 'A', 'c', 'a']) mkdirSync(join(typeDir, name), { recursive: true })
    mkdirSync(join(root, 'elsewhere'))
    symlinkSync(join(root, 'elsewhere'), join(typeDir, 'B-link'))
    writeFileSync(join(typeDir, 'file.pem'), rootPki.root.pem)
    writeFileSync(join(typeDir, 'Z'), 'a file')
    mkdirSync(join(root, 'x509', 'tsa', 'other'), { recursive: true })
    expect(await listNamedStores(root, 'ca')).toEqual(['A', 'B-link', 'a', 'b', 'c'])
    expect(await listNamedStores(root, 'tsa')).toEqual(['other'])
  })

  it('returns [] for a missing root or type directory', async () => {
    const root = mkdtempSync(join(dir, 'list-'))
    mkdirSync(join(root, 'x509', 'ca', 'x'), { recursive: true })
    await expect(listNamedStores(join(root, 'missing'), 'ca')).resolves.toEqual([])
    await expect(listNamedStores(root, 'signingAuthority')).resolves.toEqual([])
  })

  it('returns [] when the type path is a file, and for an empty type directory', async () => {
    const root = mkdtempSync(join(dir, 'list-'))
    mkdirSync(join(root, 'x509', 'ca'), { recursive: true })
    writeFileSync(join(root, 'x509', 'tsa'), 'a file')
    await expect(listNamedStores(root, 'tsa')).resolves.toEqual([])
    await expect(listNamedStores(root, 'ca')).resolves.toEqual([])
  })
})
