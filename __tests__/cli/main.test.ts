import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliText, main } from '../../src/cli/main.js'
import { StatusDisplay } from '../../src/cli/status.js'
import { SettingError } from '../../src/core/errors.js'
import { memoryIo } from './helpers.js'

const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1'

describe('ecr-deploy-gate usage', () => {
  it('prints its version and help with exit 0', async () => {
    const io = memoryIo()
    expect(await main(['--version'], io)).toBe(0)
    expect(io.out().trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const help = memoryIo()
    expect(await main(['check', '--help'], help)).toBe(0)
    expect(help.out()).toContain('Examples:')
    expect(help.out()).toContain('--max-critical <value>')
    expect(help.out()).toContain('--policy <value>')
  })

  it('is a usage error (exit 2) with the closest name for a typo, and without arguments', async () => {
    const io = memoryIo()
    expect(await main(['check', IMAGE, '--severity-treshold', 'HIGH'], io)).toBe(2)
    expect(io.err()).toContain('(Did you mean --severity-threshold?)')
    const none = memoryIo()
    expect(await main([], none)).toBe(2)
    expect(none.err()).toContain('Usage: ecr-deploy-gate')
  })

  it('refuses bad input before any AWS call, naming the flag (exit 2)', async () => {
    const io = memoryIo({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })
    expect(await main(['check', IMAGE, '--max-high', 'two'], io)).toBe(2)
    expect(io.err()).toBe("error: Invalid value for --max-high: expected a whole number from 0 to 1000000, got 'two'\n")
    const noImage = memoryIo()
    expect(await main(['check'], noImage)).toBe(2)
    expect(noImage.err()).toContain('No image to gate')
    const twoStdout = memoryIo()
    expect(await main(['check', IMAGE, '--format', 'json', '--format', 'text'], twoStdout)).toBe(2)
    expect(twoStdout.err()).toContain('only one format can go to stdout')
  })

  it('names the policy file, the JSON path and what was expected (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-'))
    const file = path.join(dir, 'gate.yml')
    await writeFile(file, 'version: 1\nsignatures:\n  notation:\n    trust-polcy: x\n')
    const io = memoryIo()
    expect(await main(['check', IMAGE, '--policy', file], io)).toBe(2)
    expect(io.err()).toContain(
      `Invalid value for --policy: ${file}: signatures.notation.trust-polcy: unknown key; expected one of signing-profile-arns, trust-policy, trust-store`
    )
    const missing = memoryIo()
    expect(await main(['check', IMAGE, '--policy', path.join(dir, 'nope.yml')], missing)).toBe(2)
    expect(missing.err()).toMatch(/cannot read the policy file .*nope\.yml: ENOENT/)
  })

  it('writes every output asked for in its own error shape when the run cannot start (exit 2)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-'))
    const file = (name: string) => path.join(dir, name)
    const io = memoryIo({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })
    const code = await main(
      [
        'check',
        IMAGE,
        '--max-high',
        'two',
        ...['--format', 'json', '--output', file('r.json')],
        ...['--format', 'sarif', '--output', file('r.sarif')],
        ...['--format', 'gitlab', '--output', file('gl.json')],
        ...['--format', 'markdown', '--output', file('s.md')],
        ...['--format', 'text', '--output', file('r.txt')],
        ...['--sarif-file', file('legacy.sarif'), '--summary-file', file('summary.md')]
      ],
      io
    )
    expect(code).toBe(2)
    const reason = "Invalid value for --max-high: expected a whole number from 0 to 1000000, got 'two'"
    expect(io.err()).toBe(`error: ${reason}\n`)
    expect(io.out()).toBe('')
    expect(JSON.parse(await readFile(file('r.json'), 'utf8'))).toMatchObject({ decision: 'fail', error: true, reasons: [reason] })
    for (const sarifFile of [file('r.sarif'), file('legacy.sarif')]) {
      const sarif = JSON.parse(await readFile(sarifFile, 'utf8')) as {
        runs: {
          results: unknown[]
          invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[]
        }[]
      }
      expect(sarif.runs[0]!.results).toEqual([])
      expect(sarif.runs[0]!.invocations[0]!.executionSuccessful).toBe(false)
      expect(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text).toBe(reason)
    }
    const gitlab = JSON.parse(await readFile(file('gl.json'), 'utf8')) as { scan: Record<string, unknown>; vulnerabilities: unknown[] }
    expect(gitlab.scan).toMatchObject({ status: 'failure', messages: [{ level: 'fatal', value: reason }] })
    expect(gitlab.vulnerabilities).toEqual([])
    for (const md of [file('s.md'), file('summary.md')]) {
      const summary = await readFile(md, 'utf8')
      expect(summary).toMatch(/^## ❌ Deploy blocked\n/)
      expect(summary).toContain('could not reach a verdict')
      expect(summary).toContain('\\-\\-max\\-high')
    }
    expect(await readFile(file('r.txt'), 'utf8')).toBe(`error: ${reason}\n`)
  })

  it('puts the error form of a format on stdout when that format goes there, text only on stderr', async () => {
    const json = memoryIo()
    expect(await main(['check', IMAGE, '--max-high', 'two', '--format', 'json'], json)).toBe(2)
    expect(JSON.parse(json.out())).toMatchObject({ decision: 'fail', error: true })
    const gitlab = memoryIo()
    expect(await main(['check', IMAGE, '--max-high', 'two', '--format', 'gitlab'], gitlab)).toBe(2)
    expect(JSON.parse(gitlab.out())).toMatchObject({ scan: { status: 'failure' }, vulnerabilities: [] })
    const text = memoryIo()
    expect(await main(['check', IMAGE, '--max-high', 'two'], text)).toBe(2)
    expect(text.out()).toBe('')
    expect(text.err()).toContain('error: Invalid value for --max-high')
  })

  it('names an error output it cannot write and still writes the others', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cli-'))
    const blocker = path.join(dir, 'file')
    await writeFile(blocker, '')
    const io = memoryIo()
    const code = await main(
      [
        'check',
        IMAGE,
        '--max-high',
        'two',
        '--format',
        'sarif',
        '--output',
        path.join(blocker, 'x.sarif'),
        '--format',
        'json',
        '--output',
        path.join(dir, 'r.json')
      ],
      io
    )
    expect(code).toBe(2)
    expect(io.err()).toContain(`error: could not write the sarif output to ${path.join(blocker, 'x.sarif')}`)
    expect(JSON.parse(await readFile(path.join(dir, 'r.json'), 'utf8'))).toMatchObject({ error: true })
  })

  it('speaks in flags, not Action inputs', () => {
    expect(cliText(new SettingError('region', "Input 'region' is required when neither AWS_REGION nor AWS_DEFAULT_REGION is set"))).toBe(
      '--region is required when neither AWS_REGION nor AWS_DEFAULT_REGION is set'
    )
  })
})

describe('StatusDisplay without a terminal', () => {
  it('prints plain lines naming the image, masks secrets, strips control characters', async () => {
    const io = memoryIo()
    const display = new StatusDisplay(['app:1'], { live: false, quiet: false, debug: false, color: false, stream: io.stderr })
    const log = display.loggerFor(0, '[1/1 app:1]')
    log.setSecret('s3cr3t-token')
    await log.group('Resolve image', async () => log.info('token s3cr3t-token \u001b[31mred\u001b[0m'))
    log.debug('Waiting 5000 ms before polling app again')
    display.stop()
    expect(io.err()).toBe('[1/1 app:1] Resolve image\n[1/1 app:1] token *** [31mred[0m\n')
  })

  it('prints nothing but warnings with --quiet', () => {
    const io = memoryIo()
    const display = new StatusDisplay(['app:1'], { live: false, quiet: true, debug: false, color: false, stream: io.stderr })
    display.loggerFor(0).info('hidden')
    display.loggerFor(0).warning('shown')
    expect(io.err()).toBe('warning: shown\n')
  })
})

describe('StatusDisplay on a terminal', () => {
  it('keeps one live line per image: phase, scan status, elapsed, next poll, then the decision', async () => {
    let screen = ''
    const stream = {
      isTTY: true,
      columns: 200,
      rows: 40,
      write: (s: string) => {
        screen += s
        return true
      },
      on: () => stream,
      off: () => stream,
      once: () => stream,
      removeListener: () => stream
    } as unknown as NodeJS.WriteStream
    let now = 0
    const display = new StatusDisplay(['app:1', 'app:2'], { live: true, quiet: false, debug: false, color: false, stream, now: () => now })
    const log = display.loggerFor(0)
    await log.group('Wait for scan', async () => {
      log.debug('Poll 1 for app:1: IN_PROGRESS {}')
      log.debug('Waiting 5000 ms before polling app:1 again')
      now = 12_000
    })
    display.decided(1, 'pass', 'host/app@sha256:abc')
    display.stop()
    expect(screen).toMatch(/app:1 {2}waiting for the scan — IN_PROGRESS, 12s, next poll in 0s/)
    expect(screen).toContain('✔ pass app:2  host/app@sha256:abc')
  })
})
