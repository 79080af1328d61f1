import { basename, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Stryker runs the tests from a copy of the repository in `.stryker-tmp/sandbox-*`, where the shared
// test vectors (`../shared/vectors` beside the clone) are not beside the root: point the tests at the
// real folder, which they then require (a missing one fails, never skips).
const here = dirname(fileURLToPath(import.meta.url))
const root = basename(dirname(here)) === '.stryker-tmp' ? resolve(here, '..', '..') : here

// The unit tests that exercise the mutated security core (decide, policy, the signature, Sigstore
// and attestation checks, the scan wait): mutation testing reruns them for every mutant, so the e2e,
// reliability and stress suites (which run dist/, not src/) stay out.
export default defineConfig({
  test: {
    include: [
      '__tests__/core/**/*.test.ts',
      '__tests__/policy/**/*.test.ts',
      '__tests__/checks/signature/**/*.test.ts',
      '__tests__/checks/sigstore/**/*.test.ts',
      '__tests__/checks/attestation/**/*.test.ts',
      '__tests__/scan/**/*.test.ts'
    ],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ECR_GATE_TEST_VECTORS: resolve(root, '..', 'shared', 'vectors')
    }
  }
})
