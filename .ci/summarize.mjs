// Prints vitest's JSON result as the plain closing line 'N passed, N failed, N skipped'.
import { readFileSync } from 'node:fs'

const file = process.argv[2]
const r = JSON.parse(readFileSync(file, 'utf8'))
const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
console.log(`${file}:`)
console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`)
