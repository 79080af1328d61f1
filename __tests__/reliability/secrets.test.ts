/**
 * Secrets: the registry token from GetAuthorizationToken is masked (logger.setSecret / ::add-mask::)
 * before anything else happens with it, and appears in no log line, output, summary, JSON report or
 * SARIF — neither the token nor the password inside it.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mockClient } from 'aws-sdk-client-mock'
import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  ECRClient,
  GetAuthorizationTokenCommand,
  GetRegistryScanningConfigurationCommand
} from '@aws-sdk/client-ecr'
import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { GetRevocationStatusCommand, SignerClient } from '@aws-sdk/client-signer'
import { createTestPki, DEFAULT_PROFILE_VERSION_ARN, signatureArtifacts, writeTrustStore } from '../../emulator/signing.mjs'
import { signatureOf } from '../../src/report/index.js'
import { ecrPort } from '../../src/aws/ecr.js'
import { inspectorPort } from '../../src/aws/inspector.js'
import { signerPort } from '../../src/aws/signer.js'
import { renderJsonReport, renderSarif, renderSummary } from '../../src/report/index.js'
import { loadTrustConfig } from '../../src/checks/signature/notation/index.js'
import { distEntry, runAction } from '../../emulator/run-action.mjs'
import {
  ACCOUNT,
  addSignature,
  basePolicy,
  baseSettings,
  gateOne,
  emptyRegistry,
  fakeRegistryFetch,
  instantTime,
  recordingLogger,
  REGISTRY_HOST,
  singleImage
} from './helpers.js'

const PASSWORD = 'eyJwYXlsb2FkIjoiU0VDUkVULVJFR0lTVFJZLVBBU1NXT1JEIn0-s3cr3t'
const TOKEN = Buffer.from(`AWS:${PASSWORD}`).toString('base64')
const profileArn = DEFAULT_PROFILE_VERSION_ARN.slice(0, DEFAULT_PROFILE_VERSION_ARN.lastIndexOf('/'))

describe('registry token through runGate (recording logger)', () => {
  const ecrMock = mockClient(ECRClient)
  const signerMock = mockClient(SignerClient)
  const inspectorMock = mockClient(Inspector2Client)
  let dir: string
  afterAll(() => {
    ecrMock.restore()
    signerMock.restore()
    inspectorMock.restore()
    rmSync(dir, { recursive: true, force: true })
  })

  it('is masked before any use and appears in no log line, summary, JSON report or SARIF', async () => {
    dir = mkdtempSync(join(tmpdir(), 'secrets-'))
    createTestPki({ name: 'secrets', keyType: 'ec384' })
    writeTrustStore(dir, { type: 'signingAuthority', name: 'test', pkiNames: ['secrets'] })
    const trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: dir, partition: 'aws' })
    const image = singleImage('secrets')
    const registry = emptyRegistry()
    addSignature(
      registry,
      image.digest,
      signatureArtifacts({ pki: 'secrets' }, { mediaType: image.mediaType, digest: image.digest, size: image.size })
    )
    const requests: { url: string; authorization?: string }[] = []

    ecrMock
      .on(DescribeImagesCommand)
      .resolves({ imageDetails: [{ registryId: ACCOUNT, imageDigest: image.digest, imageManifestMediaType: image.mediaType }] })
    ecrMock
      .on(BatchGetImageCommand)
      .resolves({ images: [{ imageManifest: image.manifest, imageManifestMediaType: image.mediaType }], failures: [] })
    ecrMock.on(GetRegistryScanningConfigurationCommand).resolves({ registryId: ACCOUNT, scanningConfiguration: { scanType: 'BASIC' } })
    ecrMock
      .on(DescribeImageScanFindingsCommand)
      .resolves({ imageScanStatus: { status: 'COMPLETE' }, imageScanFindings: { findingSeverityCounts: {}, findings: [] } })
    ecrMock
      .on(GetAuthorizationTokenCommand)
      .resolves({ authorizationData: [{ authorizationToken: TOKEN, proxyEndpoint: `https://${REGISTRY_HOST}` }] })
    signerMock.on(GetRevocationStatusCommand).resolves({ revokedEntities: [] })

    const log = recordingLogger()
    const time = instantTime()
    const clients = {
      ecr: ecrPort(new ECRClient({ region: 'us-east-1' })),
      inspector: inspectorPort(new Inspector2Client({ region: 'us-east-1' })),
      signer: signerPort(new SignerClient({ region: 'us-east-1' }))
    }
    const policy = basePolicy()
    const inner = fakeRegistryFetch(registry, requests)
    // Marks each registry request in the log stream, so the order "mask, then use" can be checked.
    const marked = ((...args: Parameters<typeof fetch>) => {
      log.lines.push({ level: 'debug', message: '<registry request>' })
      return inner(...args)
    }) as typeof fetch
    const verdict = await gateOne(
      { settings: baseSettings(), policy, trust },
      { clients, now: time.now, sleep: time.sleep, log, fetch: marked }
    )
    expect(verdict.decision, verdict.reasons.join('; ')).toBe('pass')
    expect(signatureOf(verdict).status).toBe('verified')
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)).toHaveLength(1)
    expect(ecrMock.commandCalls(GetAuthorizationTokenCommand)[0]!.args[0].input.registryIds).toEqual([ACCOUNT])

    // Masked: the token and the password inside it, the token first.
    expect(log.secrets[0]).toBe(TOKEN)
    expect(log.secrets).toContain(PASSWORD)
    // Used: the registry saw it, and only the registry host.
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.every((r) => r.authorization === `Basic ${TOKEN}` && new URL(r.url).host === REGISTRY_HOST)).toBe(true)

    // Nothing else that was produced carries it.
    const produced = [
      ...log.lines.filter((l) => l.level !== 'secret').map((l) => l.message),
      JSON.stringify(log.lines.filter((l) => l.level !== 'secret')),
      renderSummary(verdict),
      JSON.stringify(renderJsonReport(verdict, policy)),
      JSON.stringify(renderSarif(verdict)),
      JSON.stringify(verdict)
    ]
    for (const text of produced) {
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain(PASSWORD)
    }
    // The masking came before the token was first used.
    const firstSecret = log.lines.findIndex((l) => l.level === 'secret')
    const firstUse = log.lines.findIndex((l) => l.message === '<registry request>')
    expect(firstSecret).toBeGreaterThanOrEqual(0)
    expect(firstUse).toBeGreaterThan(firstSecret)
  })
})

const emulatorPath = join(__dirname, '..', '..', 'emulator', 'server.mjs')

describe.skipIf(!existsSync(distEntry) || !existsSync(emulatorPath))('registry token through dist/index.js and the emulator', () => {
  type Emulator = Awaited<ReturnType<typeof import('../../emulator/server.mjs').startEmulator>>
  let emu: Emulator
  let dir: string

  beforeAll(async () => {
    const { startEmulator } = await import('../../emulator/server.mjs')
    dir = mkdtempSync(join(tmpdir(), 'secrets-e2e-'))
    createTestPki({ name: 'default' })
    writeTrustStore(dir, { type: 'signingAuthority', name: 'test', pkiNames: ['default'] })
    emu = await startEmulator({
      scenario: {
        accountId: ACCOUNT,
        region: 'us-east-1',
        scanType: 'ENHANCED',
        repositories: [{ name: 'app', scanOnPush: true }],
        images: [
          {
            name: 'signed',
            repository: 'app',
            tags: ['v1'],
            scan: { timeline: [{ status: 'COMPLETE' }], findings: [] },
            signatures: [{ pki: 'default' }]
          }
        ]
      },
      port: 0
    })
  })
  afterAll(async () => {
    await emu?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('::add-mask:: precedes every other occurrence, and the token is nowhere else', async () => {
    const run = await runAction({
      inputs: {
        repository: 'app',
        tag: 'v1',
        region: 'us-east-1',
        'signing-profile-arns': profileArn,
        'trust-store': dir,
        'sarif-file': join(dir, 'out.sarif')
      },
      env: { ...emu.env, RUNNER_DEBUG: '1' }
    })
    expect(run.outputs['signature-status'], run.stdout.slice(-2000)).toBe('verified')
    expect(emu.countCalls({ service: 'ecr', operation: 'GetAuthorizationToken' })).toBeGreaterThanOrEqual(1)
    const lines = run.stdout.split('\n')
    const masks = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('::add-mask::'))
    expect(masks.length).toBeGreaterThanOrEqual(2)
    // The runner passes github-token's default, so its mask comes first; the registry token is the one that decodes to `AWS:…`.
    const token =
      masks.map(([l]) => l.slice('::add-mask::'.length).trim()).find((t) => Buffer.from(t, 'base64').toString('utf8').startsWith('AWS:')) ??
      ''
    expect(token.length).toBeGreaterThan(8)
    const password = Buffer.from(token, 'base64').toString('utf8').split(':').slice(1).join(':')
    expect(password.length).toBeGreaterThan(0)
    // Every stdout line that carries the token or password is a mask line, and those come first.
    lines.forEach((line, i) => {
      if (line.includes(token) || (password && line.includes(password))) {
        expect(line.startsWith('::add-mask::'), `line ${i}`).toBe(true)
      }
    })
    const elsewhere = [
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      JSON.stringify(run.report ?? {}),
      readFileSync(join(dir, 'out.sarif'), 'utf8')
    ]
    for (const text of elsewhere) {
      expect(text).not.toContain(token)
      expect(text).not.toContain(password)
    }
  })
})
