import { defineConfig } from 'vitest/config'

// The moto cross-check (`npm run test:moto`): needs `moto_server` (moto 5.2.1) on the PATH, so it is
// not part of `npm test`; `.ci/run` runs it when the machine has moto and says so when it does not.
export default defineConfig({
  test: {
    include: ['__tests__/moto/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/moto.json' }
  }
})
