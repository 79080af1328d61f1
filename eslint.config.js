// ESLint: the recommended JavaScript and typescript-eslint rules; on the shipped code (src/) also
// typescript-eslint's type-checked rules (tests, emulator and scripts keep the untyped set: they build
// hostile and partial shapes on purpose, and type-aware linting of them would double the lint time), plus
// the layout's boundaries from the design: only src/action/ talks to the Actions runner, only
// src/aws/ loads the AWS SDK, core/ never reaches into an adapter, and src/ has no import cycles.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Folders of src/ that hold the engine and its parts: none of them may touch the Actions runner. */
const RUNNER_FREE = ['core', 'checks', 'scan', 'policy', 'report', 'config', 'image', 'registry']

/** `@aws-sdk/*` only from src/aws/; elsewhere only `import type` of its shapes. */
const awsSdkOnlyInAws = {
  group: ['@aws-sdk/*'],
  allowTypeImports: true,
  message: 'Only src/aws/ imports the AWS SDK at runtime: call the port in src/aws/ (import type of SDK shapes is fine).'
}

/** `@actions/*` only from src/action/, the GitHub Actions adapter. */
const actionsOnlyInAction = {
  group: ['@actions/*'],
  message: 'Only src/action/ (the GitHub Actions adapter) imports @actions/*: take a Logger or settings from core/ instead.'
}

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'demo-output/', 'test-results/', 'bench/out/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Plain JavaScript (emulator/, bench/, demo/, .ci/) runs on Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node }
  },
  {
    rules: {
      // `const { key: _key, ...rest } = value` drops a key on purpose; `_arg` marks a parameter a signature needs.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }]
    }
  },
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['src/**/*.ts'] })),
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } }
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Relative imports name the emitted `.js`; resolve them to the `.ts` sources, and parse those.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] }
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [awsSdkOnlyInAws] }]
    }
  },
  {
    files: RUNNER_FREE.map((dir) => `src/${dir}/**/*.ts`),
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [awsSdkOnlyInAws, actionsOnlyInAction] }]
    }
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' }
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: ['./src/action', './src/cli'],
              message: 'core/ is the engine: the adapters (action/, cli/) depend on it, never the reverse.'
            }
          ]
        }
      ]
    }
  }
)
