import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/stress/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    passWithNoTests: true,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results/stress.json' }
  }
})
