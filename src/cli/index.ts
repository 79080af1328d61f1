#!/usr/bin/env node
/** The CLI's entry point (package `bin`): everything lives in main.ts so tests run it in-process. */
import { main } from './main.js'

let interrupts = 0
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  onInterrupt: (handler) => {
    const listener = (): void => {
      interrupts++
      // A second Ctrl-C quits at once.
      if (interrupts > 1) process.exit(130)
      handler()
    }
    process.on('SIGINT', listener)
    process.on('SIGTERM', listener)
    return () => {
      process.off('SIGINT', listener)
      process.off('SIGTERM', listener)
    }
  }
})
process.exitCode = code
