import { readFileSync, readdirSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const dist = path.join(root, 'dist')

/** The packages src/ imports: ncc bundles each of them (and what they import) into dist/. */
function importedPackages(): string[] {
  const names = new Set<string>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^'.][^']*)'/g)) {
          const spec = m[1]!
          if (spec.startsWith('node:')) continue
          names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!)
        }
      }
    }
  }
  walk(path.join(root, 'src'))
  return [...names].sort()
}

// dist/ is the main bundle plus the chunks loaded on demand (signature, Inspector, Signer, the
// allowlist parser). ncc's own licence file keeps only the last chunk's packages, so the build
// writes it from the whole module list: every bundled package must be in it.
describe('dist/', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
    devDependencies: Record<string, string>
  }

  it('is all the package needs at run time: no install-time dependencies, every bundled package a pinned dev dependency', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    const imported = importedPackages()
    expect(imported).toContain('@aws-sdk/client-ecr')
    for (const name of imported) expect(pkg.devDependencies[name], name).toMatch(/^\d+\.\d+\.\d+$/)
  })

  it('the licence files (the Action bundle, the CLI bundle) name every bundled package, whichever chunk bundles it', () => {
    const names = new Set(
      [path.join(dist, 'licenses.txt'), path.join(dist, 'cli', 'licenses.txt')].flatMap((f) => readFileSync(f, 'utf8').split('\n'))
    )
    const missing = importedPackages().filter((name) => !names.has(name))
    expect(missing).toEqual([])
  })

  it('every chunk file the main bundle can load is present', () => {
    const main = readFileSync(path.join(dist, 'index.js'), 'utf8')
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f))
    // webpack names a chunk `<id>.index.js` and loads it by id: each id the main bundle names must have its file.
    const loaded = [...main.matchAll(/__(?:nccwpck|webpack)_require__\.e\((\d+)\)/g)].map((m) => `${m[1]}.index.js`)
    for (const file of new Set(loaded)) expect(chunks).toContain(file)
  })

  it('start-up does not compile undici: @actions/core (whose entry loads it) is a chunk loaded on demand', () => {
    const main = readFileSync(path.join(dist, 'index.js'), 'utf8')
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f))
    // llhttp is undici's HTTP parser: it is in exactly the chunks that bundle undici.
    expect(main).not.toContain('llhttp')
    expect(chunks.some((f) => readFileSync(path.join(dist, f), 'utf8').includes('llhttp'))).toBe(true)
  })

  it('start-up compiles neither the report renderers nor the posture checks: each is a chunk the run loads when it needs it', () => {
    const main = readFileSync(path.join(dist, 'index.js'), 'utf8')
    const chunks = readdirSync(dist).filter((f) => /^\d+\.index\.js$/.test(f))
    const holding = (text: string): string[] => chunks.filter((f) => readFileSync(path.join(dist, f), 'utf8').includes(text))
    // A heading of the job summary (report/summary.ts), the SARIF schema (report/sarif.ts), a posture check's reason (checks/posture/posture.ts).
    for (const text of ['Deploy this digest-pinned image', 'sarif-2.1.0.json', "Repository posture '"]) {
      expect(main, text).not.toContain(text)
      expect(holding(text), text).toHaveLength(1)
    }
  })

  it('both entry points keep the young generation small before anything else runs (src/core/heap.ts)', () => {
    for (const entry of [path.join(dist, 'index.js'), path.join(dist, 'cli', 'index.js')]) {
      expect(readFileSync(entry, 'utf8'), entry).toContain("'--semi-space-growth-factor=1'")
    }
  })
})
