#!/usr/bin/env node
// `node scripts/pack-manifest.mjs strip|restore`, run by npm as `prepack` and `postpack`: the
// package.json inside the tarball has nothing to install. dist/ bundles every runtime package, so
// `dependencies` is empty already; this also leaves out what only a clone of the repository needs:
// `optionalDependencies` (the Node 24 binary the tests run the bundle on) and the `postinstall`
// script that goes with it. `restore` puts the repository's package.json back, byte for byte.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'

const manifest = 'package.json'
const saved = path.join('node_modules', '.cache', 'ecr-deploy-gate-pack', 'package.json')

const mode = process.argv[2]
if (mode === 'strip') {
  if (existsSync(saved)) {
    // A pack that stopped before postpack left the original here: put it back before stripping again.
    copyFileSync(saved, manifest)
  }
  mkdirSync(path.dirname(saved), { recursive: true })
  copyFileSync(manifest, saved)
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
  if (pkg.dependencies !== undefined && Object.keys(pkg.dependencies).length > 0) {
    process.stderr.write(
      `pack-manifest: package.json has dependencies (${Object.keys(pkg.dependencies).join(', ')}); dist/ must bundle them\n`
    )
    process.exit(1)
  }
  delete pkg.dependencies
  delete pkg.optionalDependencies
  if (pkg.scripts !== undefined) delete pkg.scripts.postinstall
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`)
} else if (mode === 'restore') {
  if (existsSync(saved)) {
    copyFileSync(saved, manifest)
    rmSync(saved)
  }
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n')
  process.exit(2)
}
