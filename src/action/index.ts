/** The action's entry point: everything lives in main.ts so it can be run and tested on its own. */
import { run } from './main.js'

// run() never rejects: it reports every failure through the runner itself.
void run()
