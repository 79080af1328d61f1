/** The action's entry point: everything lives in main.ts so it can be run and tested on its own. */
import { keepYoungGenerationSmall } from '../core/heap.js'
import { run } from './main.js'

keepYoungGenerationSmall()
// run() never rejects: it reports every failure through the runner itself.
void run()
