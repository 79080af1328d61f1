import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    exclude: ['__tests__/stress/**', '__tests__/moto/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The unit tests load the AWS SDK on the machine's Node 20, where it warns once per process that
    // later releases need Node 22; the variable is the SDK's documented way to turn that off
    // (aws/aws-sdk-js-v3#7983). Test processes only: the action itself runs on Node 24.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/unit.json' }
  }
})
