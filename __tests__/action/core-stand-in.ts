/**
 * A stand-in for `@actions/core` in the Actions adapter's tests: inputs from `state.inputs`, and
 * every output, failure and log line recorded in `state`. Used from `vi.mock` factories (which are
 * hoisted, so they import this module themselves).
 */
export interface CoreState {
  inputs: Record<string, string>
  outputs: Record<string, string>
  failed: string[]
  warnings: string[]
  errors?: string[]
  infos?: string[]
}

export function coreStandIn(state: CoreState) {
  return {
    getInput: (name: string) => state.inputs[name] ?? '',
    setOutput: (name: string, value: string) => {
      state.outputs[name] = value
    },
    setFailed: (message: string) => {
      state.failed.push(message)
    },
    warning: (message: string) => {
      state.warnings.push(message)
    },
    error: (message: string) => {
      state.errors?.push(message)
    },
    info: (message: string) => {
      state.infos?.push(message)
    },
    debug: () => {},
    setSecret: () => {},
    group: async (_name: string, fn: () => Promise<unknown>) => fn()
  }
}

/** The runner's log commands (`src/action/runner.ts`), bound to the same stand-in. */
export function commandsOf(core: ReturnType<typeof coreStandIn>) {
  return { debug: core.debug, info: core.info, warning: core.warning, error: core.error, setSecret: core.setSecret, group: core.group }
}
