/**
 * `image/`: the `image` input grammar, tag/digest → ImageTarget (multi-arch aware) and the
 * digest-pinned URI.
 */
export {
  parseImageReference,
  isValidDigest,
  isValidTag,
  isValidRepositoryName,
  isValidRegistryId,
  isValidRegion,
  imageUri,
  registryHost,
  type ImageReference
} from './reference.js'
export { resolveImage, platformName, UnsupportedImageError, type ResolveRequest } from './resolve.js'
