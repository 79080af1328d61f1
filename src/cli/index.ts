#!/usr/bin/env node
/** The CLI's entry point (package `bin`): everything lives in main.ts so tests run it in-process. */
import { keepYoungGenerationSmall } from '../core/heap.js'
import { main } from './main.js'

keepYoungGenerationSmall()

// A reader that closed the pipe (`| head`) has all it wanted: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

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
