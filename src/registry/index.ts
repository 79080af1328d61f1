/**
 * `registry/`: the OCI distribution client for the ECR registry endpoint (auth from
 * ecr:GetAuthorizationToken, manifests, referrers, blobs) and Notation signature discovery.
 */
export { getRegistryAuth } from './auth.js'
export {
  RegistryClient,
  RegistryError,
  isLoopbackHost,
  MAX_REFERRERS,
  MAX_REFERRER_PAGES,
  fallbackTag,
  type FallbackScheme,
  type RegistryAuth,
  type RegistryClientOptions
} from './client.js'
export { fetchSignatures, MAX_SIGNATURES } from '../checks/signature/notation/fetch.js'
export { imageArtifacts, type ImageArtifacts, type ImageArtifactsOptions } from './artifacts.js'
