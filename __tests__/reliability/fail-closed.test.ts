/**
 * Fail-closed proof: runGate over every scan status × every error class (on the status polls and on
 * the findings pages) × every signature state, single-arch and multi-arch. No combination may pass
 * unless every platform's scan completed, every findings page was read, and — when a signature is
 * required — it verified. The combinations that should pass must pass, so the oracle can fail.
 */
import { mkdtempSync, rmSync } from 'node:fs'
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
  GetRegistryScanningConfigurationCommand,
  StartImageScanCommand,
  type DescribeImageScanFindingsCommandInput
} from '@aws-sdk/client-ecr'
import { Inspector2Client } from '@aws-sdk/client-inspector2'
import { GetRevocationStatusCommand, SignerClient } from '@aws-sdk/client-signer'
import {
  createTestPki,
  DEFAULT_PROFILE_VERSION_ARN,
  signatureArtifacts,
  writeTrustStore,
  type SignatureSpec
} from '../../emulator/signing.mjs'
import { ecrPort } from '../../src/aws/ecr.js'
import { inspectorPort } from '../../src/aws/inspector.js'
import { signerPort } from '../../src/aws/signer.js'
import { loadTrustConfig, type TrustConfig } from '../../src/checks/signature/notation/index.js'
import { silentLogger } from '../../src/core/ports.js'
import {
  ACCOUNT,
  addSignature,
  awsError,
  basePolicy,
  baseSettings,
  gateOne,
  emptyRegistry,
  fakeRegistryFetch,
  instantTime,
  multiImage,
  REGISTRY_HOST,
  singleImage,
  type FakeImage,
  type RegistryContent
} from './helpers.js'

const ecrMock = mockClient(ECRClient)
const inspectorMock = mockClient(Inspector2Client)
const signerMock = mockClient(SignerClient)
const clients = {
  ecr: ecrPort(new ECRClient({ region: 'us-east-1' })),
  inspector: inspectorPort(new Inspector2Client({ region: 'us-east-1' })),
  signer: signerPort(new SignerClient({ region: 'us-east-1' }))
}

const STATUSES = [
  'COMPLETE',
  'ACTIVE',
  'PENDING',
  'IN_PROGRESS',
  'FAILED',
  'UNSUPPORTED_IMAGE',
  'SCAN_ELIGIBILITY_EXPIRED',
  'FINDINGS_UNAVAILABLE',
  'LIMIT_EXCEEDED',
  'IMAGE_ARCHIVED',
  'ScanNotFoundException',
  'SOMETHING_NEW'
] as const
type Status = (typeof STATUSES)[number]

const ERROR_CLASSES = ['throttled', '5xx', 'reset', 'access-denied', 'malformed', 'timeout'] as const
type ErrorClass = (typeof ERROR_CLASSES)[number]
/** Transient on the status polls (the first two fail, then ECR answers), or on every findings page. */
const ERROR_PLACES = ['status-polls', 'findings-pages'] as const
type ErrorMode = 'none' | `${ErrorClass}@${(typeof ERROR_PLACES)[number]}`
const ERROR_MODES: ErrorMode[] = ['none', ...ERROR_CLASSES.flatMap((c) => ERROR_PLACES.map((p) => `${c}@${p}` as const))]

const SIGNATURE_STATES = ['not-required', 'verified', 'missing', 'invalid', 'untrusted', 'revoked', 'expired'] as const
type SignatureState = (typeof SIGNATURE_STATES)[number]

const LAYOUTS = ['single', 'multi'] as const
type Layout = (typeof LAYOUTS)[number]

const COMBINATIONS = STATUSES.length * ERROR_MODES.length * SIGNATURE_STATES.length * LAYOUTS.length
const RETRYABLE: ReadonlySet<ErrorClass> = new Set(['throttled', '5xx', 'reset', 'timeout'])

/** The error a client's `send` rejects with, shaped as the SDK shapes it after its own retries. */
function errorOf(kind: Exclude<ErrorClass, 'malformed'>): Error {
  switch (kind) {
    case 'throttled':
      return awsError('ThrottlingException', 'Rate exceeded', 400, { $retryable: { throttling: true } })
    case '5xx':
      return awsError('ServerException', 'Internal error', 500)
    case 'reset':
      return Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    case 'access-denied':
      return awsError('AccessDeniedException', 'User is not authorized to perform: ecr:DescribeImageScanFindings', 400)
    case 'timeout':
      return Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' })
  }
}

/** The world the mocks answer from; swapped per combination. */
interface World {
  image: FakeImage
  /** Status of each scanned digest; the first digest is the one under test, any other is healthy. */
  statusOf: (digest: string) => Status
  errorFor: (digest: string) => ErrorMode
  scanType: 'BASIC' | 'ENHANCED'
  revoked: boolean
  polls: Map<string, number>
}

let world: World
let dir: string
let trust: TrustConfig
const registries = new Map<string, RegistryContent>()

function findingsResponse(digest: string, status: string, page: boolean) {
  const counts = { LOW: 1 }
  const lowFinding = {
    name: 'CVE-2024-0001',
    severity: 'LOW',
    attributes: [
      { key: 'package_name', value: 'zlib' },
      { key: 'package_version', value: '1.2.13' }
    ]
  }
  const enhanced = {
    findingArn: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/1`,
    severity: 'LOW',
    status: 'ACTIVE',
    title: 'CVE-2024-0001 - zlib',
    fixAvailable: 'YES',
    packageVulnerabilityDetails: {
      vulnerabilityId: 'CVE-2024-0001',
      vulnerablePackages: [{ name: 'zlib', version: '1.2.13', fixedInVersion: '1.3' }]
    }
  }
  return {
    registryId: ACCOUNT,
    repositoryName: 'app',
    imageId: { imageDigest: digest },
    imageScanStatus: { status, description: `status ${status}` },
    imageScanFindings: {
      imageScanCompletedAt: new Date(),
      findingSeverityCounts: counts,
      ...(page ? (world.scanType === 'BASIC' ? { findings: [lowFinding] } : { enhancedFindings: [enhanced] }) : {})
    }
  }
}

function describeScanFindings(input: DescribeImageScanFindingsCommandInput) {
  const digest = input.imageId?.imageDigest ?? ''
  const status = world.statusOf(digest)
  const mode = world.errorFor(digest)
  const [errorClass, place] = mode === 'none' ? [undefined, undefined] : (mode.split('@') as [ErrorClass, string])
  // The wait's polls: its first call of a digest (a whole page, maxResults 1000, when the scan type is
  // known) and every call asking for one finding.
  const isPoll = input.maxResults === 1 || !world.polls.has(digest)
  if (isPoll) {
    const n = (world.polls.get(digest) ?? 0) + 1
    world.polls.set(digest, n)
    if (place === 'status-polls' && errorClass !== undefined && n <= 2) {
      if (errorClass === 'malformed') return {}
      throw errorOf(errorClass)
    }
  }
  // Every call that reads findings, the first poll's page included.
  if (input.maxResults !== 1 && place === 'findings-pages' && errorClass !== undefined) {
    // Missing fields: the page claims two CRITICAL findings but carries no finding list.
    if (errorClass === 'malformed') return { imageScanStatus: { status }, imageScanFindings: { findingSeverityCounts: { CRITICAL: 2 } } }
    throw errorOf(errorClass)
  }
  if (status === 'ScanNotFoundException') {
    throw awsError('ScanNotFoundException', 'Image scan does not exist for the image', 400)
  }
  return findingsResponse(digest, status, input.maxResults !== 1)
}

function installMocks(): void {
  ecrMock.on(DescribeImagesCommand).callsFake(() => ({
    imageDetails: [
      {
        registryId: ACCOUNT,
        repositoryName: 'app',
        imageDigest: world.image.digest,
        imageManifestMediaType: world.image.mediaType,
        imageTags: ['v1']
      }
    ]
  }))
  ecrMock.on(BatchGetImageCommand).callsFake(() => ({
    images: [
      { imageId: { imageDigest: world.image.digest }, imageManifest: world.image.manifest, imageManifestMediaType: world.image.mediaType }
    ],
    failures: []
  }))
  ecrMock
    .on(GetRegistryScanningConfigurationCommand)
    .callsFake(() => ({ registryId: ACCOUNT, scanningConfiguration: { scanType: world.scanType, rules: [] } }))
  ecrMock.on(StartImageScanCommand).callsFake(() => ({ imageScanStatus: { status: 'IN_PROGRESS' } }))
  ecrMock.on(DescribeImageScanFindingsCommand).callsFake(describeScanFindings)
  ecrMock.on(GetAuthorizationTokenCommand).resolves({
    authorizationData: [
      { authorizationToken: Buffer.from('AWS:registry-password').toString('base64'), proxyEndpoint: `https://${REGISTRY_HOST}` }
    ]
  })
  signerMock.on(GetRevocationStatusCommand).callsFake(() => ({ revokedEntities: world.revoked ? [DEFAULT_PROFILE_VERSION_ARN] : [] }))
}

/** The signed artifacts for each (layout, signature state), made once. */
function registryFor(layout: Layout, state: SignatureState, image: FakeImage): RegistryContent {
  const key = `${layout}/${state}`
  const cached = registries.get(key)
  if (cached) return cached
  const content = emptyRegistry()
  const subject = { mediaType: image.mediaType, digest: image.digest, size: image.size }
  const spec: Record<SignatureState, SignatureSpec | undefined> = {
    'not-required': undefined,
    missing: undefined,
    verified: { pki: 'gate' },
    revoked: { pki: 'gate' },
    invalid: { pki: 'gate', tamper: 'signature' },
    untrusted: { pki: 'stranger' },
    expired: { pki: 'gate', expiry: new Date(Date.now() - 3_600_000).toISOString() }
  }
  const s = spec[state]
  if (s) addSignature(content, image.digest, signatureArtifacts(s, subject))
  registries.set(key, content)
  return content
}

/** What must happen: pass only when everything was seen complete and verified. */
function expectedPass(status: Status, mode: ErrorMode, state: SignatureState): boolean {
  const scanOk = status === 'COMPLETE' || status === 'ACTIVE'
  let errorOk = mode === 'none'
  if (!errorOk) {
    const [errorClass, place] = mode.split('@') as [ErrorClass, string]
    // Transient throttling/5xx/reset/timeout on status polls is retried; nothing else is forgiven.
    errorOk = place === 'status-polls' && RETRYABLE.has(errorClass)
  }
  return scanOk && errorOk && (state === 'not-required' || state === 'verified')
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fail-closed-'))
  createTestPki({ name: 'gate', keyType: 'ec384' })
  createTestPki({ name: 'stranger', keyType: 'ec384' })
  writeTrustStore(dir, { type: 'signingAuthority', name: 'test', pkiNames: ['gate'] })
  const profileArn = DEFAULT_PROFILE_VERSION_ARN.slice(0, DEFAULT_PROFILE_VERSION_ARN.lastIndexOf('/'))
  trust = await loadTrustConfig({ signingProfileArns: [profileArn], trustStorePath: dir, partition: 'aws' })
  installMocks()
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  ecrMock.restore()
  inspectorMock.restore()
  signerMock.restore()
})

describe(`fail closed: ${STATUSES.length} scan statuses × ${ERROR_MODES.length} error modes × ${SIGNATURE_STATES.length} signature states × ${LAYOUTS.length} layouts = ${COMBINATIONS} combinations`, () => {
  let ran = 0
  let passes = 0

  for (const layout of LAYOUTS) {
    for (const state of SIGNATURE_STATES) {
      it(`${layout}-arch, signature ${state}: ${STATUSES.length * ERROR_MODES.length} combinations, pass only when complete and verified`, async () => {
        const image = layout === 'single' ? singleImage() : multiImage()
        const registry = registryFor(layout, state, image)
        const [underTest] = image.scanned
        const wrong: string[] = []
        let expectedPasses = 0
        for (const status of STATUSES) {
          for (const mode of ERROR_MODES) {
            world = {
              image,
              // Multi-arch: one platform under test, the other always healthy (COMPLETE/ACTIVE, no errors).
              statusOf: (d) => (d === underTest ? status : layout === 'multi' ? 'ACTIVE' : status),
              errorFor: (d) => (d === underTest ? mode : 'none'),
              scanType: layout === 'single' ? 'BASIC' : 'ENHANCED',
              revoked: state === 'revoked',
              polls: new Map()
            }
            ecrMock.resetHistory()
            signerMock.resetHistory()
            const time = instantTime()
            const verdict = await gateOne(
              { settings: baseSettings({ scanTimeoutSeconds: 30 }), policy: basePolicy(), ...(state === 'not-required' ? {} : { trust }) },
              { clients, now: time.now, sleep: time.sleep, log: silentLogger, random: () => 0.5, fetch: fakeRegistryFetch(registry) }
            )
            ran += 1
            const want = expectedPass(status, mode, state)
            const label = `${layout} ${status} ${mode} sig=${state}`
            if ((verdict.decision === 'pass') !== want) {
              wrong.push(`${label}: got ${verdict.decision} (${verdict.reasons.join('; ').slice(0, 200)})`)
            }
            if (verdict.decision === 'fail' && verdict.reasons.length === 0) wrong.push(`${label}: fail without a reason`)
            if (verdict.decision === 'pass') {
              passes += 1
              // A pass must rest on findings actually read for every scanned digest...
              const pages = ecrMock.commandCalls(DescribeImageScanFindingsCommand).filter((c) => c.args[0].input.maxResults === 1000)
              for (const d of image.scanned) {
                if (!pages.some((c) => c.args[0].input.imageId?.imageDigest === d))
                  wrong.push(`${label}: passed without reading findings of ${d}`)
              }
              // ...and, when a signature is required, on a revocation check of that signature.
              if (state === 'verified' && signerMock.commandCalls(GetRevocationStatusCommand).length !== 1) {
                wrong.push(`${label}: passed without exactly one GetRevocationStatus call`)
              }
              if (verdict.scans.some((s) => !s.done)) wrong.push(`${label}: passed with a scan not done`)
            }
            if (want) expectedPasses += 1
            // Never waits past the deadline (plus one final poll's worth of time).
            if (time.elapsed() > 30_000 + 5_000) wrong.push(`${label}: waited ${time.elapsed()} ms of fake time`)
          }
        }
        expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([])
        // The oracle must be able to say "pass": otherwise the table proves nothing.
        if (state === 'not-required' || state === 'verified') expect(expectedPasses).toBe(2 * (1 + 4))
        else expect(expectedPasses).toBe(0)
      })
    }
  }

  it(`ran all ${COMBINATIONS} combinations and some of them passed`, () => {
    expect(ran).toBe(COMBINATIONS)
    expect(passes).toBe(LAYOUTS.length * 2 * 2 * (1 + 4))
  })
})
