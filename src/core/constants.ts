/** Constants of the engine shared by every stage (media types, size bounds, the user agent). */

/** Media types the gate asks ECR for and understands. */
export const MediaTypes = {
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  NotationSignature: 'application/vnd.cncf.notary.signature',
  OciEmpty: 'application/vnd.oci.empty.v1+json',
  Jws: 'application/jose+json',
  Cose: 'application/cose'
} as const

/** Size bounds applied to untrusted bytes before parsing (Notation's own limits). */
export const Limits = {
  manifestBytes: 4 * 1024 * 1024,
  envelopeBytes: 32 * 1024 * 1024,
  /** GitHub rejects step summaries over 1 MiB; stay well below. */
  summaryBytes: 1000 * 1024,
  /** Most images one run gates through the `images` input. */
  batchImages: 50,
  /** How many images of a batch are gated at the same time. */
  batchConcurrency: 4
} as const

/** User agent suffix sent with every AWS call. */
export const UserAgent = 'ecr-deploy-gate/0.1.0'
