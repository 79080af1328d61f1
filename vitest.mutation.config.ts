import { defineConfig } from 'vitest/config'

// The unit tests that exercise src/core/decide.ts and src/policy/: mutation testing reruns them for
// every mutant, so the e2e, reliability and stress suites (which run dist/, not src/) stay out.
export default defineConfig({
  test: {
    include: ['__tests__/core/**/*.test.ts', '__tests__/policy/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  }
})
