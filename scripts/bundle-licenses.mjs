#!/usr/bin/env node
// `node scripts/bundle-licenses.mjs <ncc stats.json> <out licenses.txt>`: the licence notice of every
// package bundled into dist/, main bundle and lazy chunks alike. ncc's own --license writes one
// file per chunk under the same name, so with chunks it keeps only the last chunk's packages; this
// rebuilds the file from the build's module list in the same format (name, licence id, licence
// text; sorted by name).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import * as path from 'node:path'

const [statsFile, outFile] = process.argv.slice(2)
if (!statsFile || !outFile) {
  process.stderr.write('usage: node scripts/bundle-licenses.mjs <stats.json> <licenses.txt>\n')
  process.exit(2)
}
const root = process.cwd()
const stats = JSON.parse(readFileSync(statsFile, 'utf8'))

/** Every module name of the build, concatenated modules included. */
function* moduleNames(modules) {
  for (const m of modules ?? []) {
    if (typeof m.name === 'string') yield m.name
    yield* moduleNames(m.modules)
  }
}

/** The package directory a module path lives in (the innermost node_modules), or undefined. */
function packageDir(name) {
  const clean = name.replace(/^.*!/, '').replace(/ \+ \d+ modules?$/, '')
  const parts = clean.split('/')
  const at = parts.lastIndexOf('node_modules')
  if (at < 0 || at + 1 >= parts.length) return undefined
  const scoped = parts[at + 1]?.startsWith('@')
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/')
}

const packages = new Map()
for (const name of moduleNames(stats.modules)) {
  const dir = packageDir(name)
  if (dir === undefined || packages.has(dir)) continue
  const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'))
  const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? pkg.licenses?.[0]?.type)
  const file = readdirSync(path.join(root, dir)).find((f) => /^licen[cs]e/i.test(f) && !statSync(path.join(root, dir, f)).isDirectory())
  const text = file !== undefined ? readFileSync(path.join(root, dir, file), 'utf8').replace(/\r\n/g, '\n') : undefined
  packages.set(dir, { name: pkg.name, license, text })
}
const byName = new Map()
for (const p of packages.values()) if (!byName.has(p.name)) byName.set(p.name, p)
const out =
  [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .reduce((acc, p) => `${acc}${p.name}${p.license ? `\n${p.license}` : ''}${p.text ? `\n${p.text}` : ''}\n\n`, '')
    .trim() + '\n'
writeFileSync(outFile, out)
