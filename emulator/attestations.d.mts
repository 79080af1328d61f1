export const SLSA_PROVENANCE_V1: string

export interface Build {
  issuer: string
  owner: string
  repo: string
  workflow: string
  ref: string
  sha: string
  runnerEnvironment: string
  runId: string
  trigger: string
  visibility: string
}
export const DEFAULT_BUILD: Build

export function buildExtensions(b: Partial<Build> & { signerWorkflow?: string }): {
  san: string
  extensions: { oid: string; value: string; legacy?: boolean }[]
}

export interface AttestationPki {
  trustedRoot: object
  privateRoot: object
  [key: string]: unknown
}
export function createAttestationPki(): Promise<AttestationPki>
/** A test instance shaped like GitHub's own: issuer organisation "GitHub, Inc.", a TSA, no log. */
export function createGitHubInstancePki(): Promise<{ trustedRoot: object; [key: string]: unknown }>

export function attestationBundle(
  pki: AttestationPki | { trustedRoot: object; [key: string]: unknown },
  o: {
    digest: string
    build?: Partial<Build> & { signerWorkflow?: string }
    predicateType?: string
    tlog?: boolean
    timestamp?: boolean
    name?: string
  }
): Promise<object>

export function registryAttestation(bundle: object, image: string): Record<string, unknown>
