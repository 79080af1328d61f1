// Stryker over the security core (`npm run test:mutation`). `MUTATION_GROUP` picks one group (see
// `groups`): its mutants only, its own incremental file and its own report folder, so the groups can
// run one at a time and their results stay side by side. Without it, the whole set runs.
//
// The files are listed one by one (no brace globs): Stryker's `--mutate` flag splits on commas, so a
// `{a,b}.ts` glob given there never matched; a group here is a plain list.

/** The files mutated, by group. */
export const groups = {
  core: ['src/core/decide.ts', 'src/policy/evaluate.ts', 'src/policy/severity.ts'],
  notation: ['trust-policy', 'verify', 'x509', 'envelope', 'jws', 'cose', 'trust-store'].map(
    (name) => `src/checks/signature/notation/${name}.ts`
  ),
  sigstore: [
    'src/checks/signature/combine.ts',
    ...['check', 'discover', 'keys', 'settings'].map((name) => `src/checks/signature/cosign/${name}.ts`),
    ...['verify', 'identity', 'trusted-root'].map((name) => `src/checks/sigstore/${name}.ts`)
  ],
  attestation: ['check', 'policy', 'instance', 'certificate'].map((name) => `src/checks/attestation/${name}.ts`),
  wait: ['src/scan/wait.ts']
}

const group = process.env.MUTATION_GROUP
if (group !== undefined && group !== '' && !Object.hasOwn(groups, group)) {
  throw new Error(`MUTATION_GROUP: expected one of ${Object.keys(groups).join(', ')}, got '${group}'`)
}
const name = group || 'all'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: group ? groups[group] : Object.values(groups).flat(),
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `reports/mutation/${name}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation/${name}/mutation.json` },
  concurrency: 1,
  coverageAnalysis: 'perTest',
  tempDirName: '.stryker-tmp',
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${name}.json`
}
