/**
 * Fault injection as the real SDK sees it: throttling and 5xx retried by the standard retry
 * strategy, resets as network errors, garbled and truncated bodies, endless paging, huge bodies.
 */
import {
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  DescribeRepositoriesCommand,
  GetAuthorizationTokenCommand,
  GetRegistryScanningConfigurationCommand,
  ServerException
} from '@aws-sdk/client-ecr'
import { ListFindingsCommand, ThrottlingException as InspectorThrottling } from '@aws-sdk/client-inspector2'
import { GetSigningProfileCommand, InternalServiceErrorException } from '@aws-sdk/client-signer'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/server.mjs'
import { basic, clientsFor, rejection } from './helpers.js'

const base = {
  repositories: [{ name: 'app' }],
  images: [{ name: 'app', repository: 'app', tags: ['v1'], scan: { findings: [{ id: 'CVE-1', severity: 'HIGH' }] } }],
  signer: { profiles: [{ name: 'release' }] }
}
const running: Emulator[] = []
async function emulator(faults: unknown[], extra: Record<string, unknown> = {}): Promise<Emulator> {
  const emu = await startEmulator({ scenario: { ...base, ...extra, faults } })
  running.push(emu)
  return emu
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()))
})

describe('throttling', () => {
  it('ECR: HTTP 400 ThrottlingException, retried by the SDK until it succeeds', async () => {
    const emu = await emulator([{ service: 'ecr', operation: 'DescribeImages', kind: 'throttle', count: 1 }])
    const out = await clientsFor(emu).ecr.send(new DescribeImagesCommand({ repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] }))
    expect(out.imageDetails?.[0]?.imageDigest).toBe(emu.images.app?.digest)
    expect(out.$metadata.attempts).toBe(2)
    expect(emu.calls.map((c) => [c.operation, c.status, c.fault])).toEqual([
      ['DescribeImages', 400, 'throttle'],
      ['DescribeImages', 200, undefined]
    ])
  })

  it('Inspector2: HTTP 429, surfacing as ThrottlingException once retries run out', async () => {
    const emu = await emulator([{ service: 'inspector2', kind: 'throttle' }])
    const e = await rejection(clientsFor(emu, 2).inspector.send(new ListFindingsCommand({})))
    expect(e).toBeInstanceOf(InspectorThrottling)
    expect(e.$metadata?.httpStatusCode).toBe(429)
    expect(e.$metadata?.attempts).toBe(2)
    expect(emu.countCalls({ service: 'inspector2', status: 429 })).toBe(2)
  })
})

describe('server errors', () => {
  it('ECR: 500 ServerException after the standard 3 attempts', async () => {
    const emu = await emulator([{ service: 'ecr', operation: 'DescribeRepositories', kind: '5xx' }])
    const e = await rejection(clientsFor(emu).ecr.send(new DescribeRepositoriesCommand({})))
    expect(e).toBeInstanceOf(ServerException)
    expect(e.$metadata?.httpStatusCode).toBe(500)
    expect(e.$metadata?.attempts).toBe(3)
    expect(emu.countCalls({ operation: 'DescribeRepositories', status: 500 })).toBe(3)
  })

  it('Signer: 500 InternalServiceErrorException; count limits the fault to the first N calls', async () => {
    const emu = await emulator([{ service: 'signer', kind: '5xx', count: 1 }])
    const signer = clientsFor(emu, 1).signer
    expect(await rejection(signer.send(new GetSigningProfileCommand({ profileName: 'release' })))).toBeInstanceOf(
      InternalServiceErrorException
    )
    const ok = await signer.send(new GetSigningProfileCommand({ profileName: 'release' }))
    expect(ok.profileName).toBe('release')
  })
})

describe('broken connections and bodies', () => {
  it('reset: a network error after the SDK retried', async () => {
    const emu = await emulator([{ service: 'ecr', operation: 'GetAuthorizationToken', kind: 'reset' }])
    const e = await rejection(clientsFor(emu).ecr.send(new GetAuthorizationTokenCommand({})))
    expect(String((e as { code?: string }).code ?? e.name)).toMatch(/ECONNRESET|socket hang up/i)
    expect(emu.countCalls({ operation: 'GetAuthorizationToken', status: 0, fault: 'reset' })).toBe(3)
  })

  it('garbled: a 200 with invalid JSON fails deserialisation and is not retried', async () => {
    const emu = await emulator([{ service: 'ecr', operation: 'GetRegistryScanningConfiguration', kind: 'garbled' }])
    const e = await rejection(clientsFor(emu).ecr.send(new GetRegistryScanningConfigurationCommand({})))
    expect(e.message).toMatch(/JSON|Unexpected token|deserializ/i)
    expect(emu.countCalls({ operation: 'GetRegistryScanningConfiguration', status: 200, fault: 'garbled' })).toBe(1)
  })

  it('truncated: a body shorter than its Content-Length fails the call', async () => {
    const emu = await emulator([{ service: 'ecr', operation: 'DescribeRepositories', kind: 'truncated' }])
    const e = await rejection(clientsFor(emu, 1).ecr.send(new DescribeRepositoriesCommand({})))
    expect(e).toBeInstanceOf(Error)
    expect(emu.countCalls({ operation: 'DescribeRepositories', fault: 'truncated' })).toBe(1)
  })

  it('registry garbled: same headers, bytes that no longer match the digest', async () => {
    const emu = await emulator([{ service: 'registry', operation: 'GetManifest', kind: 'garbled' }])
    const token = (await clientsFor(emu).ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]?.authorizationToken ?? ''
    const res = await fetch(`${emu.url}/v2/app/manifests/v1`, { headers: basic(token) })
    expect(res.headers.get('docker-content-digest')).toBe(emu.images.app?.digest)
    const { createHash } = await import('node:crypto')
    const got =
      'sha256:' +
      createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex')
    expect(got).not.toBe(emu.images.app?.digest)
  })

  it('hugeBody: streams the announced number of bytes', async () => {
    const emu = await emulator([{ service: 'registry', operation: 'GetManifest', hugeBody: 5 * 1024 * 1024 }])
    const token = (await clientsFor(emu).ecr.send(new GetAuthorizationTokenCommand({}))).authorizationData?.[0]?.authorizationToken ?? ''
    const res = await fetch(`${emu.url}/v2/app/manifests/v1`, { headers: basic(token) })
    expect(res.headers.get('content-length')).toBe(String(5 * 1024 * 1024))
    expect((await res.arrayBuffer()).byteLength).toBe(5 * 1024 * 1024)
  })
})

describe('paging and scheduling faults', () => {
  it('repeatNextToken: DescribeImageScanFindings hands back the same token forever', async () => {
    const emu = await emulator([{ service: 'ecr', repeatNextToken: true }])
    const ecr = clientsFor(emu).ecr
    const req = { repositoryName: 'app', imageId: { imageTag: 'v1' } }
    const first = await ecr.send(new DescribeImageScanFindingsCommand(req))
    expect(first.nextToken).toBeTruthy()
    let token = first.nextToken
    for (let i = 0; i < 3; i++) {
      const next = await ecr.send(new DescribeImageScanFindingsCommand({ ...req, nextToken: token }))
      expect(next.nextToken).toBe(first.nextToken)
      token = next.nextToken
    }
  })

  it('rate faults follow the scenario seed deterministically', async () => {
    const run = async () => {
      const emu = await emulator([{ service: 'ecr', operation: 'DescribeRepositories', kind: '5xx', rate: 0.5 }], { seed: 42 })
      const ecr = clientsFor(emu, 1).ecr
      for (let i = 0; i < 12; i++) await ecr.send(new DescribeRepositoriesCommand({})).catch(() => undefined)
      return emu.calls.map((c) => c.status)
    }
    const a = await run()
    const b = await run()
    expect(a).toEqual(b)
    expect(a).toContain(500)
    expect(a).toContain(200)
  })

  it('a fault only applies inside its [fromMs, untilMs) window', async () => {
    const emu = await emulator([{ service: 'ecr', kind: '5xx', fromMs: 3_600_000 }])
    const out = await clientsFor(emu, 1).ecr.send(new DescribeRepositoriesCommand({}))
    expect(out.repositories?.length).toBe(1)
    expect(emu.countCalls({ status: 500 })).toBe(0)
  })

  it('latency faults delay without failing and are recorded', async () => {
    const emu = await emulator([{ service: 'ecr', kind: 'latency', latencyMs: 20 }])
    const out = await clientsFor(emu).ecr.send(new DescribeRepositoriesCommand({}))
    expect(out.repositories?.[0]?.repositoryName).toBe('app')
    expect(emu.calls[0]?.fault).toBe('latency')
  })
})
