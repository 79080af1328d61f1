import { describe, it, expect, beforeEach } from 'vitest'
import { createHash } from 'node:crypto'
import { mockClient } from 'aws-sdk-client-mock'
import {
  BatchGetImageCommand,
  DescribeImagesCommand,
  ECRClient,
  ImageNotFoundException,
  RepositoryNotFoundException
} from '@aws-sdk/client-ecr'
import { ecrPort } from '../../src/aws/ecr.js'
import { resolveImage, UnsupportedImageError } from '../../src/image/index.js'
import { AwsCallError, SettingError } from '../../src/core/errors.js'
import { MediaTypes } from '../../src/core/constants.js'
import { silentLogger } from '../../src/core/ports.js'

const ecrMock = mockClient(ECRClient)
const ecr = ecrPort(new ECRClient({ region: 'us-east-1' }))
const REGISTRY = '123456789012'
const REGION = 'us-east-1'

const sha = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`
const fakeDigest = (c: string): string => `sha256:${c.repeat(64)}`

function json(value: unknown): { text: string; digest: string } {
  const text = JSON.stringify(value, null, 3)
  return { text, digest: sha(text) }
}

const single = json({
  schemaVersion: 2,
  mediaType: MediaTypes.OciManifest,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: fakeDigest('c'), size: 100 },
  layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: fakeDigest('d'), size: 1000 }]
})

function indexOf(mediaType: string, entries: unknown[]): { text: string; digest: string } {
  return json({ schemaVersion: 2, mediaType, manifests: entries })
}

const amd64 = {
  mediaType: MediaTypes.OciManifest,
  digest: fakeDigest('1'),
  size: 500,
  platform: { os: 'linux', architecture: 'amd64' }
}
const arm64 = {
  mediaType: MediaTypes.OciManifest,
  digest: fakeDigest('2'),
  size: 500,
  platform: { os: 'linux', architecture: 'arm64', variant: 'v8' }
}
const attestationUnknown = {
  mediaType: MediaTypes.OciManifest,
  digest: fakeDigest('3'),
  size: 400,
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': fakeDigest('1') }
}
const attestationAnnotated = {
  mediaType: MediaTypes.OciManifest,
  digest: fakeDigest('4'),
  size: 400,
  platform: { os: 'linux', architecture: 'amd64' },
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest' }
}

function stub(manifest: { text: string; digest: string }, mediaType: string, described = manifest.digest): void {
  ecrMock.on(DescribeImagesCommand).resolves({
    imageDetails: [{ registryId: REGISTRY, repositoryName: 'app', imageDigest: described, imageManifestMediaType: mediaType }]
  })
  ecrMock.on(BatchGetImageCommand).resolves({
    images: [
      {
        registryId: REGISTRY,
        repositoryName: 'app',
        imageId: { imageDigest: manifest.digest },
        imageManifest: manifest.text,
        imageManifestMediaType: mediaType
      }
    ],
    failures: []
  })
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

beforeEach(() => {
  ecrMock.reset()
})

describe('resolveImage', () => {
  it('resolves a single-platform tag to its digest, once, by digest', async () => {
    stub(single, MediaTypes.OciManifest)
    const target = await resolveImage(ecr, { registryId: REGISTRY, region: REGION, repository: 'app', tag: 'v1' }, silentLogger)
    expect(target).toStrictEqual({
      registryId: REGISTRY,
      region: REGION,
      repository: 'app',
      tag: 'v1',
      digest: single.digest,
      mediaType: MediaTypes.OciManifest,
      size: Buffer.byteLength(single.text),
      uri: `${REGISTRY}.dkr.ecr.${REGION}.amazonaws.com/app@${single.digest}`,
      platforms: []
    })
    const described = ecrMock.commandCalls(DescribeImagesCommand)
    expect(described).toHaveLength(1)
    expect(described[0]!.args[0].input).toStrictEqual({ registryId: REGISTRY, repositoryName: 'app', imageIds: [{ imageTag: 'v1' }] })
    const got = ecrMock.commandCalls(BatchGetImageCommand)
    expect(got).toHaveLength(1)
    expect(got[0]!.args[0].input.imageIds).toStrictEqual([{ imageDigest: single.digest }])
    expect([...(got[0]!.args[0].input.acceptedMediaTypes ?? [])].sort()).toStrictEqual(
      [MediaTypes.OciIndex, MediaTypes.OciManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest].sort()
    )
  })

  it('takes the registry id from ECR when none is given, and resolves by digest alone', async () => {
    stub(single, MediaTypes.OciManifest)
    const target = await resolveImage(ecr, { region: REGION, repository: 'app', digest: single.digest }, silentLogger)
    expect(target.registryId).toBe(REGISTRY)
    expect(target.tag).toBeUndefined()
    const input = ecrMock.commandCalls(DescribeImagesCommand)[0]!.args[0].input
    expect(input).toStrictEqual({ repositoryName: 'app', imageIds: [{ imageDigest: single.digest }] })
    expect(ecrMock.commandCalls(BatchGetImageCommand)[0]!.args[0].input.registryId).toBe(REGISTRY)
  })

  it('accepts tag and digest that agree', async () => {
    stub(single, MediaTypes.OciManifest)
    const target = await resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1', digest: single.digest }, silentLogger)
    expect(target.digest).toBe(single.digest)
    expect(target.tag).toBe('v1')
  })

  it('refuses tag and digest that disagree, naming both', async () => {
    stub(single, MediaTypes.OciManifest)
    const other = fakeDigest('9')
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1', digest: other }, silentLogger))
    expect(error).toBeInstanceOf(SettingError)
    expect((error as SettingError).setting).toBe('digest')
    expect((error as Error).message).toContain(`Tag 'v1' points at ${single.digest} but digest ${other} was given`)
    expect(ecrMock.commandCalls(BatchGetImageCommand)).toHaveLength(0)
  })

  it('expands an OCI index into its platform manifests and drops attestations', async () => {
    const index = indexOf(MediaTypes.OciIndex, [amd64, attestationUnknown, arm64, attestationAnnotated])
    stub(index, MediaTypes.OciIndex)
    const target = await resolveImage(ecr, { region: REGION, repository: 'app', tag: 'multi' }, silentLogger)
    expect(target.digest).toBe(index.digest)
    expect(target.mediaType).toBe(MediaTypes.OciIndex)
    expect(target.platforms).toStrictEqual([
      { digest: amd64.digest, mediaType: MediaTypes.OciManifest, os: 'linux', architecture: 'amd64' },
      { digest: arm64.digest, mediaType: MediaTypes.OciManifest, os: 'linux', architecture: 'arm64', variant: 'v8' }
    ])
  })

  it('expands a Docker manifest list', async () => {
    const list = indexOf(MediaTypes.DockerManifestList, [
      { ...amd64, mediaType: MediaTypes.DockerManifest },
      { ...arm64, mediaType: MediaTypes.DockerManifest, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }
    ])
    stub(list, MediaTypes.DockerManifestList)
    const target = await resolveImage(ecr, { region: REGION, repository: 'app', tag: 'multi' }, silentLogger)
    expect(target.mediaType).toBe(MediaTypes.DockerManifestList)
    expect(target.platforms.map((p) => `${p.os}/${p.architecture}/${p.variant ?? ''}:${p.mediaType}`)).toStrictEqual([
      `linux/amd64/:${MediaTypes.DockerManifest}`,
      `linux/arm/v7:${MediaTypes.DockerManifest}`
    ])
  })

  it('refuses a nested index', async () => {
    const nested = indexOf(MediaTypes.OciIndex, [amd64, { mediaType: MediaTypes.OciIndex, digest: fakeDigest('5'), size: 300 }])
    stub(nested, MediaTypes.OciIndex)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'multi' }, silentLogger))
    expect(error).toBeInstanceOf(UnsupportedImageError)
    expect((error as Error).message).toMatch(/nested index/)
  })

  it('refuses an index with only attestations', async () => {
    const index = indexOf(MediaTypes.OciIndex, [attestationUnknown])
    stub(index, MediaTypes.OciIndex)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'multi' }, silentLogger))
    expect((error as Error).message).toMatch(/no platform manifests/)
  })

  it('refuses an index entry without a platform', async () => {
    const index = indexOf(MediaTypes.OciIndex, [{ mediaType: MediaTypes.OciManifest, digest: fakeDigest('6'), size: 1 }])
    stub(index, MediaTypes.OciIndex)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'multi' }, silentLogger))
    expect((error as Error).message).toMatch(/has no platform/)
  })

  it('refuses manifest bytes that do not hash to the digest', async () => {
    const claimed = fakeDigest('e')
    ecrMock
      .on(DescribeImagesCommand)
      .resolves({ imageDetails: [{ registryId: REGISTRY, imageDigest: claimed, imageManifestMediaType: MediaTypes.OciManifest }] })
    ecrMock.on(BatchGetImageCommand).resolves({ images: [{ imageManifest: single.text, imageManifestMediaType: MediaTypes.OciManifest }] })
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect(error).toBeInstanceOf(UnsupportedImageError)
    expect((error as Error).message).toContain(`hash to ${single.digest}, not ${claimed}`)
  })

  it('refuses a manifest over 4 MiB before parsing it', async () => {
    const big = `{"pad":"${'x'.repeat(4 * 1024 * 1024)}"}`
    stub({ text: big, digest: sha(big) }, MediaTypes.OciManifest)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect((error as Error).message).toMatch(/over the 4194304-byte limit/)
  })

  it('refuses a manifest whose declared media type disagrees with ECR', async () => {
    stub(single, MediaTypes.DockerManifest)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect((error as Error).message).toMatch(/declares media type .* but ECR reports/)
  })

  it('refuses unsupported media types (Docker schema 1)', async () => {
    const v1 = json({ schemaVersion: 1, name: 'app', tag: 'v1', fsLayers: [] })
    stub(v1, 'application/vnd.docker.distribution.manifest.v1+prettyjws')
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect((error as Error).message).toMatch(/unsupported media type/)
  })

  it('maps BatchGetImage failures (ImageNotFound) to AwsCallError', async () => {
    ecrMock.on(DescribeImagesCommand).resolves({ imageDetails: [{ registryId: REGISTRY, imageDigest: single.digest }] })
    ecrMock.on(BatchGetImageCommand).resolves({
      images: [],
      failures: [{ imageId: { imageDigest: single.digest }, failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }]
    })
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('ImageNotFoundException')
    expect((error as Error).message).toContain(`Image ${single.digest} not found in repository 'app'`)
  })

  it('maps RepositoryNotFoundException', async () => {
    ecrMock.on(DescribeImagesCommand).rejects(new RepositoryNotFoundException({ message: 'nope', $metadata: {} }))
    const error = await caught(resolveImage(ecr, { registryId: REGISTRY, region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('RepositoryNotFoundException')
    expect((error as AwsCallError).operation).toBe('DescribeImages')
    expect((error as Error).message).toBe(`Repository 'app' not found in registry ${REGISTRY} (region ${REGION})`)
    expect(ecrMock.commandCalls(BatchGetImageCommand)).toHaveLength(0)
  })

  it('maps ImageNotFoundException for a tag', async () => {
    ecrMock.on(DescribeImagesCommand).rejects(new ImageNotFoundException({ message: 'nope', $metadata: {} }))
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect((error as AwsCallError).code).toBe('ImageNotFoundException')
    expect((error as Error).message).toBe(`Tag 'v1' not found in repository 'app'`)
  })

  it('names ecr:DescribeImages when it is denied', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: ecr:DescribeImages'), { name: 'AccessDeniedException' })
    ecrMock.on(DescribeImagesCommand).rejects(denied)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect(error).toBeInstanceOf(AwsCallError)
    expect((error as AwsCallError).code).toBe('AccessDeniedException')
    expect((error as Error).message).toContain('grant ecr:DescribeImages')
  })

  it('names ecr:BatchGetImage when it is denied', async () => {
    ecrMock.on(DescribeImagesCommand).resolves({ imageDetails: [{ registryId: REGISTRY, imageDigest: single.digest }] })
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' })
    ecrMock.on(BatchGetImageCommand).rejects(denied)
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', tag: 'v1' }, silentLogger))
    expect((error as AwsCallError).operation).toBe('BatchGetImage')
    expect((error as Error).message).toContain('grant ecr:BatchGetImage')
  })

  it('refuses a malformed digest input without calling ECR', async () => {
    const error = await caught(resolveImage(ecr, { region: REGION, repository: 'app', digest: 'sha256:abc' }, silentLogger))
    expect(error).toBeInstanceOf(SettingError)
    expect(ecrMock.commandCalls(DescribeImagesCommand)).toHaveLength(0)
  })
})
