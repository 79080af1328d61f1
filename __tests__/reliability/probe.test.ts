import { it } from 'vitest'
import { parseAllowlist } from '../../src/policy/index.js'
function deep(d: number, f: () => void): void { if (d > 0) return deep(d - 1, f); f() }
it('p', () => {
  const n = Number(process.env.N); const k = process.env.K as string
  deep(Number(process.env.D), () => {
  const s = Date.now(); let m = ''; try { parseAllowlist(k.repeat(n), 'x') } catch (e) { m = (e as Error).message.slice(0, 80) }
  process.stderr.write(`RESULT ${k} ${n} ${Date.now() - s}ms ${m}\n`) })
})
