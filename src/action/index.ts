/** The action's entry point: everything lives in main.ts so it can be run and tested on its own. */
import { run } from './main.js'

// eslint-disable-next-line @typescript-eslint/no-floating-promises
run()
