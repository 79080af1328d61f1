/**
 * Keeps V8's young generation at its starting size for the whole run.
 *
 * V8 doubles the young generation (up to 2 × 16 MiB on 64-bit Node) each time the bytes that
 * survive its scavenges add up to its current size. A gate run keeps one compact record per finding
 * for the whole run, so with thousands of findings every scavenge "survives" those records and the
 * young generation grows to its maximum, all of it resident, although what is alive at any time is
 * a fraction of that (the records themselves are promoted to the old generation). With a growth
 * factor of 1 the young generation stays near its starting size: in `npm run bench` 10,000 findings
 * peaked 15 MiB lower and 50,000 findings 85 MiB lower, in no more time (docs/performance.md).
 *
 * The flag is read by V8 each time it considers growing the young generation, so setting it after
 * start-up takes effect (the flags that size the heap, such as `--max-semi-space-size`, are read
 * once at start-up and would not). An Action cannot pass flags on Node's command line, hence here.
 * It changes memory use only, never what the gate decides.
 */
import { setFlagsFromString } from 'node:v8'

/** The V8 flag set by `keepYoungGenerationSmall`. */
export const YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1'

export function keepYoungGenerationSmall(): void {
  setFlagsFromString(YOUNG_GENERATION_FLAG)
}
