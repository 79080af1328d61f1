import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { Inputs, Outputs } from '../src/action/names.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const readme = readFileSync(path.join(root, 'README.md'), 'utf8')

/** First-column names of the markdown table under `## <heading>`. */
function tableNames(heading: string): string[] {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1] ?? '')
}

describe('action.yml, code and README agree', () => {
  it('runs the bundled entry on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
  })

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
  })

  it('documents every input and output in the README tables, in action.yml order', () => {
    expect(tableNames('Inputs')).toEqual(Object.keys(action.inputs))
    expect(tableNames('Outputs')).toEqual(Object.keys(action.outputs))
  })

  it('shows the same defaults in the README as in action.yml', () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      if (spec.default === undefined) continue
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`))
      expect(row, name).toContain(`| \`${spec.default}\` |`)
    }
  })

  it('starts the README with the two newcomer commands', () => {
    const firstBlock = readme.split('```')[1] ?? ''
    expect(firstBlock).toContain('npm ci && npm run demo')
    expect(firstBlock).toContain('npm ci && npm test')
  })

  it('has CI run the README test command', () => {
    const ci = readFileSync(path.join(root, '.ci', 'run'), 'utf8')
    expect(ci).toMatch(/^npm test\b/m)
    expect(ci).toContain('git status --porcelain dist/')
  })
})
