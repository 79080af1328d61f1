#!/usr/bin/env node
// Converts a trivy ignore file (`.trivyignore`, one id a line with `exp:YYYY-MM-DD` and `#` comments,
// or `.trivyignore.yaml`) into the gate's allowlist file, printed to stdout:
//   node tools/trivyignore-to-allowlist.mjs .trivyignore > .github/ecr-allowlist.yml
// Every allowlist entry needs a reason and an expiry; trivy needs neither. An entry without one gets
// `reason: TODO …` or `expires: TODO`, which the gate refuses until a person fills them in: an
// exception nobody can explain or that never ends is exactly what the allowlist exists to prevent.
import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { parse, stringify } from 'yaml'

const USAGE = 'usage: node tools/trivyignore-to-allowlist.mjs <.trivyignore | .trivyignore.yaml>'

/** The package name of a purl (`pkg:deb/debian/openssl@3.0.11` → `openssl`). */
function purlName(purl) {
  const m = /^pkg:[^/]+\/(?:[^/]+\/)*([^@?#/]+)/.exec(String(purl))
  return m ? decodeURIComponent(m[1]) : undefined
}

/**
 * Trivy entries → allowlist entries.
 * @param {string} text the ignore file
 * @param {boolean} yamlForm whether it is the .trivyignore.yaml form
 * @returns {{ entries: Record<string, string>[], notes: string[] }}
 */
export function convert(text, yamlForm) {
  const entries = []
  const notes = []
  if (yamlForm) {
    const doc = parse(text) ?? {}
    for (const [section, list] of Object.entries(doc)) {
      if (section !== 'vulnerabilities') {
        notes.push(`skipped the '${section}' section: only vulnerabilities are gated`)
        continue
      }
      for (const v of Array.isArray(list) ? list : []) {
        const names = (Array.isArray(v.purls) ? v.purls : []).map(purlName).filter(Boolean)
        const packages = names.length > 0 ? [...new Set(names)] : [undefined]
        if (Array.isArray(v.paths) && v.paths.length > 0)
          notes.push(`${v.id}: 'paths' has no equivalent (ECR findings name packages, not files); the entry applies to every path`)
        for (const pkg of packages) {
          entries.push({
            id: String(v.id),
            reason: v.statement ? String(v.statement) : 'TODO: why this finding is accepted',
            expires: v.expired_at ? String(v.expired_at).slice(0, 10) : 'TODO',
            ...(pkg !== undefined ? { package: pkg } : {})
          })
        }
      }
    }
  } else {
    for (const raw of text.split(/\r?\n/)) {
      const [body = '', ...comment] = raw.split('#')
      const words = body.trim().split(/\s+/).filter(Boolean)
      const id = words.find((w) => !w.startsWith('exp:'))
      if (id === undefined) continue
      const exp = words.find((w) => w.startsWith('exp:'))?.slice(4)
      const reason = comment.join('#').trim()
      entries.push({ id, reason: reason || 'TODO: why this finding is accepted', expires: exp || 'TODO' })
    }
  }
  const todo = entries.filter((e) => e.expires === 'TODO' || e.reason.startsWith('TODO')).length
  if (todo > 0)
    notes.push(`${todo} entr${todo === 1 ? 'y needs' : 'ies need'} a reason or an expiry (TODO) before the gate accepts the file`)
  return { entries, notes }
}

async function main() {
  const file = process.argv[2]
  if (!file || file === '--help' || file === '-h') {
    console.log(USAGE)
    process.exitCode = file ? 0 : 2
    return
  }
  const text = await readFile(file, 'utf8')
  const { entries, notes } = convert(text, /\.ya?ml$/i.test(file))
  process.stdout.write(`# Converted from ${file.split('/').pop()}; every entry needs a reason and an expiry.\n`)
  process.stdout.write(stringify({ vulnerabilities: entries }))
  for (const note of notes) process.stderr.write(`note: ${note}\n`)
}

// Run as a command, not when imported (by its test).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
