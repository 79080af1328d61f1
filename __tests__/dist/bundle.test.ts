import { readFileSync, readdirSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.join(root, 'dist')

// dist/ is the main bundle plus the chunks loaded on demand (signature, Inspector, Signer, the
// allowlist parser). ncc's own licence file keeps only the last chunk's packages, so the build
// writes it from the whole module list: every bundled runtime dependency must be in it.
describe('dist/', () => {
  it('the licence files (the Action bundle, the CLI bundle) name every runtime dependency, whichever chunk bundles it', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const names = new Set(
      [path.join(dist, 'licenses.txt'), path.join(dist, 'cli', 'licenses.txt')].flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    )
    const missing = Object.keys(pkg.dependencies).filter((name) => !names.has(name))
    expect(missing).toEqual([])
  })

  it('every chunk file the main bundle can load is present', () => {
    const main = readFileSync(path.join(dist, 'index.js'), 'utf8')
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f))
    // webpack names a chunk `<id>.index.js` and loads it by id: each id the main bundle names must have its file.
    const loaded = [...main.matchAll(/__(?:nccwpck|webpack)_require__\.e\((\d+)\)/g)].map((m) => `${m[1]}.index.js`)
    for (const file of new Set(loaded)) expect(chunks).toContain(file)
  })
})
