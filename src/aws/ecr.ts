/**
 * The ECR port: the calls the gate makes to Amazon ECR, each sent through `call` (the run's signal,
 * errors wrapped with the IAM action to grant). A plain interface, so tests can fake it without the SDK.
 */
import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  DescribeImageSigningStatusCommand,
  DescribeImagesCommand,
  DescribePullThroughCacheRulesCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  GetLifecyclePolicyCommand,
  GetRepositoryPolicyCommand,
  GetAuthorizationTokenCommand,
  GetRegistryScanningConfigurationCommand,
  GetSigningConfigurationCommand,
  BatchGetRepositoryScanningConfigurationCommand,
  StartImageScanCommand,
  type BatchGetImageRequest,
  type BatchGetImageResponse,
  type DescribeImageScanFindingsRequest,
  type DescribeImageScanFindingsResponse,
  type DescribeImageSigningStatusRequest,
  type DescribeImageSigningStatusResponse,
  type DescribeImagesRequest,
  type DescribeImagesResponse,
  type DescribePullThroughCacheRulesRequest,
  type DescribePullThroughCacheRulesResponse,
  type DescribeRepositoriesRequest,
  type DescribeRepositoriesResponse,
  type GetLifecyclePolicyRequest,
  type GetLifecyclePolicyResponse,
  type GetRepositoryPolicyRequest,
  type GetRepositoryPolicyResponse,
  type GetAuthorizationTokenRequest,
  type GetAuthorizationTokenResponse,
  type GetRegistryScanningConfigurationRequest,
  type GetRegistryScanningConfigurationResponse,
  type GetSigningConfigurationRequest,
  type GetSigningConfigurationResponse,
  type BatchGetRepositoryScanningConfigurationRequest,
  type BatchGetRepositoryScanningConfigurationResponse,
  type StartImageScanRequest,
  type StartImageScanResponse
} from '@aws-sdk/client-ecr'
import { callerOf, singleAttempt, type CallOptions } from './call.js'
import { pageOf, readPageFromBody, type FindingsPage, type PageReader, type PageSink } from './findings-page.js'
import type { AwsService } from './clients.js'

/**
 * The ECR calls of the gate. Every method throws an `AwsCallError` on failure: `code` is the AWS
 * error name (e.g. `ScanNotFoundException`), `cause` the SDK's error, and code `DeadlineExceeded`
 * when `options.signal` aborted first.
 */
export interface EcrPort {
  /** ecr:DescribeImages */
  describeImages(input: DescribeImagesRequest, options?: CallOptions): Promise<DescribeImagesResponse>
  /** ecr:BatchGetImage */
  batchGetImage(input: BatchGetImageRequest, options?: CallOptions): Promise<BatchGetImageResponse>
  /** ecr:DescribeImageScanFindings: the scan status poll (maxResults 1). */
  describeImageScanFindings(input: DescribeImageScanFindingsRequest, options?: CallOptions): Promise<DescribeImageScanFindingsResponse>
  /**
   * ecr:DescribeImageScanFindings, one finding page: the body is read without the SDK's
   * deserialisation and each finding of `reader.list` goes through `reader.map` (see findings-page.ts).
   */
  describeImageScanFindingsPage<T>(
    input: DescribeImageScanFindingsRequest,
    reader: PageReader<T>,
    options?: CallOptions
  ): Promise<FindingsPage<T>>
  /**
   * ecr:StartImageScan, sent with a single attempt: the SDK would retry its LimitExceededException
   * (one scan per image per 24 h) as throttling.
   */
  startImageScan(input: StartImageScanRequest, options?: CallOptions): Promise<StartImageScanResponse>
  /** ecr:GetRegistryScanningConfiguration (of the caller's own registry). */
  getRegistryScanningConfiguration(
    input: GetRegistryScanningConfigurationRequest,
    options?: CallOptions
  ): Promise<GetRegistryScanningConfigurationResponse>
  /** ecr:BatchGetRepositoryScanningConfiguration (repositories of the caller's own registry): which scanning rule covers each. */
  batchGetRepositoryScanningConfiguration(
    input: BatchGetRepositoryScanningConfigurationRequest,
    options?: CallOptions
  ): Promise<BatchGetRepositoryScanningConfigurationResponse>
  /** ecr:DescribeRepositories (the repository's settings: tag mutability, encryption, scan on push). */
  describeRepositories(input: DescribeRepositoriesRequest, options?: CallOptions): Promise<DescribeRepositoriesResponse>
  /** ecr:GetLifecyclePolicy; `LifecyclePolicyNotFoundException` when the repository has none. */
  getLifecyclePolicy(input: GetLifecyclePolicyRequest, options?: CallOptions): Promise<GetLifecyclePolicyResponse>
  /** ecr:GetRepositoryPolicy; `RepositoryPolicyNotFoundException` when the repository has none. */
  getRepositoryPolicy(input: GetRepositoryPolicyRequest, options?: CallOptions): Promise<GetRepositoryPolicyResponse>
  /** ecr:DescribePullThroughCacheRules (takes a registry id: also another account's registry). */
  describePullThroughCacheRules(
    input: DescribePullThroughCacheRulesRequest,
    options?: CallOptions
  ): Promise<DescribePullThroughCacheRulesResponse>
  /** ecr:GetSigningConfiguration (managed signing of the caller's own registry); `SigningConfigurationNotFoundException` when none. */
  getSigningConfiguration(input: GetSigningConfigurationRequest, options?: CallOptions): Promise<GetSigningConfigurationResponse>
  /** ecr:DescribeImageSigningStatus (managed signing status of one image; takes a registry id). */
  describeImageSigningStatus(input: DescribeImageSigningStatusRequest, options?: CallOptions): Promise<DescribeImageSigningStatusResponse>
  /** ecr:GetAuthorizationToken */
  getAuthorizationToken(input: GetAuthorizationTokenRequest, options?: CallOptions): Promise<GetAuthorizationTokenResponse>
}

function imageOf(input: { repositoryName?: string | undefined; imageId?: { imageDigest?: string | undefined } | undefined }): string {
  return `${input.repositoryName ?? ''}@${input.imageId?.imageDigest ?? ''}`
}

/** The ECR port over `client`, or over the client `client()` returns when a call is made. */
export function ecrPort(client: ECRClient | (() => ECRClient)): EcrPort {
  const send = callerOf(typeof client === 'function' ? client : () => client)
  return {
    describeImages: (input, options) =>
      send(
        new DescribeImagesCommand(input),
        { operation: 'DescribeImages', action: 'ecr:DescribeImages', what: `describe images in repository ${input.repositoryName}` },
        options
      ),
    batchGetImage: (input, options) =>
      send(
        new BatchGetImageCommand(input),
        { operation: 'BatchGetImage', action: 'ecr:BatchGetImage', what: `get images from repository ${input.repositoryName}` },
        options
      ),
    describeImageScanFindings: (input, options) =>
      send(
        new DescribeImageScanFindingsCommand(input),
        {
          operation: 'DescribeImageScanFindings',
          action: 'ecr:DescribeImageScanFindings',
          what: `read the scan findings of ${imageOf(input)}`
        },
        options
      ),
    describeImageScanFindingsPage: async <T>(input: DescribeImageScanFindingsRequest, reader: PageReader<T>, options?: CallOptions) => {
      const sink: PageSink<T> = {}
      const output = await send(
        readPageFromBody(new DescribeImageScanFindingsCommand(input), reader, sink),
        {
          operation: 'DescribeImageScanFindings',
          action: 'ecr:DescribeImageScanFindings',
          what: `read the scan findings of ${imageOf(input)}`
        },
        options
      )
      // No page from the body: the client's send did not run the middleware stack (a stubbed
      // client); its output is then the SDK-shaped page.
      return sink.page ?? pageOf(output, reader)
    },
    startImageScan: (input, options) =>
      send(
        singleAttempt(new StartImageScanCommand(input)),
        { operation: 'StartImageScan', action: 'ecr:StartImageScan', what: `start a scan of ${imageOf(input)}` },
        options
      ),
    getRegistryScanningConfiguration: (input, options) =>
      send(
        new GetRegistryScanningConfigurationCommand(input),
        {
          operation: 'GetRegistryScanningConfiguration',
          action: 'ecr:GetRegistryScanningConfiguration',
          what: 'read the registry scanning configuration'
        },
        options
      ),
    batchGetRepositoryScanningConfiguration: (input, options) =>
      send(
        new BatchGetRepositoryScanningConfigurationCommand(input),
        {
          operation: 'BatchGetRepositoryScanningConfiguration',
          action: 'ecr:BatchGetRepositoryScanningConfiguration',
          what: `read the scanning configuration of repository ${input.repositoryNames?.join(', ') ?? ''}`
        },
        options
      ),
    describeRepositories: (input, options) =>
      send(
        new DescribeRepositoriesCommand(input),
        {
          operation: 'DescribeRepositories',
          action: 'ecr:DescribeRepositories',
          what: `describe repository ${input.repositoryNames?.join(', ') ?? ''}`
        },
        options
      ),
    getLifecyclePolicy: (input, options) =>
      send(
        new GetLifecyclePolicyCommand(input),
        {
          operation: 'GetLifecyclePolicy',
          action: 'ecr:GetLifecyclePolicy',
          what: `read the lifecycle policy of repository ${input.repositoryName}`
        },
        options
      ),
    getRepositoryPolicy: (input, options) =>
      send(
        new GetRepositoryPolicyCommand(input),
        {
          operation: 'GetRepositoryPolicy',
          action: 'ecr:GetRepositoryPolicy',
          what: `read the policy of repository ${input.repositoryName}`
        },
        options
      ),
    describePullThroughCacheRules: (input, options) =>
      send(
        new DescribePullThroughCacheRulesCommand(input),
        {
          operation: 'DescribePullThroughCacheRules',
          action: 'ecr:DescribePullThroughCacheRules',
          what: 'list the pull-through cache rules'
        },
        options
      ),
    getSigningConfiguration: (input, options) =>
      send(
        new GetSigningConfigurationCommand(input),
        { operation: 'GetSigningConfiguration', action: 'ecr:GetSigningConfiguration', what: 'read the registry signing configuration' },
        options
      ),
    describeImageSigningStatus: (input, options) =>
      send(
        new DescribeImageSigningStatusCommand(input),
        {
          operation: 'DescribeImageSigningStatus',
          action: 'ecr:DescribeImageSigningStatus',
          what: `read the signing status of ${imageOf(input)}`
        },
        options
      ),
    getAuthorizationToken: (input, options) =>
      send(
        new GetAuthorizationTokenCommand(input),
        { operation: 'GetAuthorizationToken', action: 'ecr:GetAuthorizationToken', what: 'get a registry token' },
        options
      )
  }
}

/** Amazon ECR for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_ECR`. */
export const ecrService: AwsService<ECRClient, EcrPort> = {
  id: 'ecr',
  envSuffix: 'ECR',
  createClient: (config) => new ECRClient(config),
  createPort: (client) => ecrPort(client)
}
