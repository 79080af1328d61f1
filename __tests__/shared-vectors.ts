/**
 * Test vectors that live outside the repository, in `../shared/vectors` beside the clone (CI puts
 * them there). A suite that needs them calls `vectorsPresent` once: when the folder is missing it
 * prints one line saying so and where it looked, and under CI it also registers a failing test, so
 * missing vectors never pass as a silent skip. Locally, without CI, the suite is skipped, visibly.
 */
import { existsSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { it } from 'vitest'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * An explicit vectors folder, set by a runner that copies the repository elsewhere (mutation testing
 * runs the tests from a sandbox copy, where `../shared` is not beside the root): when set, the
 * folder is required, and a missing one fails as it does under CI.
 */
const explicitDir = process.env.ECR_GATE_TEST_VECTORS

/** The shared vectors folder: `../shared/vectors` from the repository root, unless set explicitly. */
export const vectorsDir = explicitDir ? resolve(explicitDir) : resolve(repoRoot, '..', 'shared', 'vectors')

/**
 * Whether `dir` (a folder inside the vectors, or the vectors folder itself) exists; see the module
 * comment for what happens when it does not. Pass the result to `describe.skipIf(!…)`.
 */
export function vectorsPresent(dir: string = vectorsDir): boolean {
  if (existsSync(dir)) return true
  const where = relative(repoRoot, dir) || '.'
  const inCi = Boolean(process.env.CI) || Boolean(explicitDir)
  const line = `Test vectors not found: looked in ${dir} (${where} from the repository root); ${inCi ? `failing, ${explicitDir ? 'ECR_GATE_TEST_VECTORS' : 'CI'} is set` : 'skipping these suites (under CI this fails)'}`
  console.warn(line)
  if (inCi) {
    it('has its test vectors', () => {
      throw new Error(line)
    })
  }
  return false
}
