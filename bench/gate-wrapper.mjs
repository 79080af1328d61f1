// Runs the bundled action exactly like `node dist/index.js`, and on exit writes the process's peak
// RSS and CPU time to BENCH_STATS_FILE, which the benchmark reads. Used for the findings-scale and
// signature cases only; cold start is measured on plain `node dist/index.js`.
import { writeFileSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const statsFile = process.env.BENCH_STATS_FILE
if (statsFile) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    const cpu = process.cpuUsage()
    // maxRSS is in KiB on Linux and macOS.
    writeFileSync(statsFile, JSON.stringify({ maxRssBytes: usage.maxRSS * 1024, cpuUserUs: cpu.user, cpuSystemUs: cpu.system }))
  })
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
await import(pathToFileURL(path.join(root, 'dist', 'index.js')).href)
