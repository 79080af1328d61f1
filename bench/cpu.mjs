// CPU time per call of a verifier, shared by bench/verify-cpu.mjs (Notation) and
// bench/verify-cosign-cpu.mjs (cosign): the first call apart (it pays for lazy set-up), then the
// median, minimum and maximum over `iterations` calls after it.

/**
 * @template T
 * @param {string} name  names the case in errors
 * @param {number} iterations
 * @param {() => T | Promise<T>} call  one verification
 * @param {(result: T) => string | undefined} problem  why a result is not a verified one (undefined: verified)
 * @returns {Promise<{ firstCpuMs: number, medianCpuMs: number, minCpuMs: number, maxCpuMs: number, iterations: number }>}
 */
export async function cpuPerCall(name, iterations, call, problem) {
  const c0 = process.cpuUsage()
  const first = await call()
  const firstUs = cpuSince(c0)
  const firstProblem = problem(first)
  if (firstProblem !== undefined) throw new Error(`${name}: expected a verified signature, got ${firstProblem}`)
  /** @type {number[]} */
  const samples = []
  for (let i = 0; i < iterations; i++) {
    const c = process.cpuUsage()
    const r = await call()
    samples.push(cpuSince(c))
    if (problem(r) !== undefined) throw new Error(`${name}: run ${i} not verified`)
  }
  samples.sort((a, b) => a - b)
  return {
    firstCpuMs: firstUs / 1000,
    medianCpuMs: (samples[Math.floor(samples.length / 2)] ?? Number.NaN) / 1000,
    minCpuMs: (samples[0] ?? Number.NaN) / 1000,
    maxCpuMs: (samples[samples.length - 1] ?? Number.NaN) / 1000,
    iterations
  }
}

/** @param {NodeJS.CpuUsage} start */
function cpuSince(start) {
  const d = process.cpuUsage(start)
  return d.user + d.system
}
