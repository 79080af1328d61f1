export type TufFault = 'none' | 'unreachable' | 'slow' | 'tampered-target' | 'expired-timestamp' | 'rollback' | 'bad-signature'
export function canonicalize(value: unknown): string
export interface TufRepository {
  /** `http://127.0.0.1:PORT`: the mirror URL. */
  url: string
  /** The version-1 root metadata, the seed a client is given. */
  rootJson: string
  /** Paths requested, in order. */
  requests: string[]
  setFault(fault: TufFault): void
  stop(): Promise<void>
}
export function startTufRepository(o: { trustedRoot: object; rootVersions?: 1 | 2; fault?: TufFault }): Promise<TufRepository>
