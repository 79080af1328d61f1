// `node measure-entry.mjs <stats-file> <entry>` runs <entry> as `node <entry>` would, and on exit,
// whatever the exit path, writes the process's peak RSS and CPU time to <stats-file> as JSON
// ({ maxRssBytes, cpuUserUs, cpuSystemUs }). Used by run-action.mjs when asked to measure.
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'

const [statsFile, entry] = process.argv.slice(2)
if (!statsFile || !entry) {
  process.stderr.write('usage: node measure-entry.mjs <stats-file> <entry>\n')
  process.exit(2)
}
// The entry sees the argv it would see when run directly.
process.argv.splice(1, 3, path.resolve(entry))
process.on('exit', () => {
  const usage = process.resourceUsage()
  const cpu = process.cpuUsage()
  // maxRSS is in KiB on Linux and macOS.
  writeFileSync(statsFile, JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuUserUs: cpu.user, cpuSystemUs: cpu.system }))
})
await import(pathToFileURL(path.resolve(entry)).href)
