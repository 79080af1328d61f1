/**
 * The Inspector2 port: ListFindings, which carries what ECR's finding shape lacks (EPSS), sent
 * through `call`. A plain interface, so tests can fake it without the SDK.
 */
import { Inspector2Client, ListFindingsCommand, type ListFindingsRequest, type ListFindingsResponse } from '@aws-sdk/client-inspector2'
import { callerOf, type CallOptions } from './call.js'
import type { AwsService } from './clients.js'

/** The Inspector2 calls of the gate; failures are `AwsCallError`s as for `EcrPort`. */
export interface InspectorPort {
  /** inspector2:ListFindings */
  listFindings(input: ListFindingsRequest, options?: CallOptions): Promise<ListFindingsResponse>
}

/** The Inspector2 port over `client`, or over the client `client()` returns when a call is made. */
export function inspectorPort(client: Inspector2Client | (() => Inspector2Client)): InspectorPort {
  const send = callerOf(typeof client === 'function' ? client : () => client)
  return {
    listFindings: (input, options) =>
      send(
        new ListFindingsCommand(input),
        { operation: 'ListFindings', action: 'inspector2:ListFindings', what: 'list Inspector findings' },
        options
      )
  }
}

/** Amazon Inspector for `AwsSession`: endpoint variable `AWS_ENDPOINT_URL_INSPECTOR2`. */
export const inspectorService: AwsService<Inspector2Client, InspectorPort> = {
  id: 'inspector2',
  envSuffix: 'INSPECTOR2',
  createClient: (config) => new Inspector2Client(config),
  createPort: (client) => inspectorPort(client)
}
