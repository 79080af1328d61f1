/**
 * The runner's inputs and log commands as the start-up path writes them (src/action/runner.ts),
 * compared byte for byte with what `@actions/core` itself writes for the same calls, hostile
 * messages included (a line break or `%` in a message must not start a second command).
 */
import * as core from '@actions/core'
import { Agent, createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commands, getInput, loadCore, preloadCore, preloadCoreOnReusedConnection } from '../../src/action/runner.js'

let written: string[]

beforeEach(() => {
  written = []
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** What `fn` writes to stdout. */
async function output(fn: () => unknown): Promise<string> {
  written = []
  await fn()
  return written.join('')
}

const MESSAGES = [
  'plain',
  '',
  'two\nlines',
  'carriage\r\nreturn',
  '100% sure %0A not a line break',
  '::error::injected',
  'colon: comma, equals=',
  'ünïcödé — ≥ 2'
]

describe('log commands', () => {
  for (const message of MESSAGES) {
    it(`writes ${JSON.stringify(message)} as @actions/core does`, async () => {
      expect(await output(() => commands.debug(message))).toBe(await output(() => core.debug(message)))
      expect(await output(() => commands.info(message))).toBe(await output(() => core.info(message)))
      expect(await output(() => commands.warning(message))).toBe(await output(() => core.warning(message)))
      expect(await output(() => commands.error(message))).toBe(await output(() => core.error(message)))
      expect(await output(() => commands.setSecret(message))).toBe(await output(() => core.setSecret(message)))
    })
  }

  it('escapes a line break, so a message cannot issue a command of its own', async () => {
    expect(await output(() => commands.warning('a\n::add-mask::x'))).toBe('::warning::a%0A::add-mask::x\n')
  })

  it('wraps a group around what the function logs, and closes it when the function throws', async () => {
    const ours = await output(() => commands.group('Step', async () => commands.info('inside')))
    const theirs = await output(() => core.group('Step', async () => core.info('inside')))
    expect(ours).toBe(theirs)
    expect(ours).toBe('::group::Step\ninside\n::endgroup::\n')
    written = []
    await expect(commands.group('Failing', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(written.join('')).toBe('::group::Failing\n::endgroup::\n')
  })

  it('returns what the grouped function returns', async () => {
    expect(await commands.group('Value', async () => 42)).toBe(42)
  })
})

describe('getInput', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  })

  it('reads INPUT_<NAME> as @actions/core does: upper case, spaces to underscores, trimmed, empty when unset', () => {
    process.env['INPUT_SCAN-TIMEOUT'] = '  60 \n'
    process.env['INPUT_MY_INPUT'] = 'spaced'
    for (const name of ['scan-timeout', 'my input', 'never-set', 'Scan-Timeout']) {
      expect(getInput(name)).toBe(core.getInput(name))
    }
    expect(getInput('scan-timeout')).toBe('60')
    expect(getInput('my input')).toBe('spaced')
    expect(getInput('never-set')).toBe('')
  })
})

describe('loadCore', () => {
  it('loads @actions/core once, whether preloaded or not', async () => {
    preloadCore()
    const first = await loadCore()
    expect(await loadCore()).toBe(first)
    expect(typeof first.setOutput).toBe('function')
    expect(typeof first.summary.addRaw).toBe('function')
  })
})

describe('preloadCoreOnReusedConnection', () => {
  /** A server that holds each request until `answer()`, and a GET through `agent`. */
  async function heldServer(events: string[]) {
    const held: (() => void)[] = []
    const server = createServer((_req, res) => {
      events.push('received')
      held.push(() => res.end('ok'))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const get = (agent: Agent): Promise<void> =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
          res.resume()
          res.on('end', () => {
            events.push('answered')
            resolve()
          })
        })
        req.on('error', reject)
        req.end()
      })
    const answer = (): void => held.shift()?.()
    return { server, get, answer }
  }

  it('preloads when a request has been written on a kept-alive connection, not on a new one, and only once', async () => {
    const events: string[] = []
    const { server, get, answer } = await heldServer(events)
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      preloadCoreOnReusedConnection(() => events.push('preload'))
      expect(events).toEqual([])
      // The first request opens the connection: no preload, not even once it is answered.
      const first = get(agent)
      await vi.waitFor(() => expect(events).toContain('received'))
      answer()
      await first
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(events).not.toContain('preload')
      // The second goes on the same connection: the preload comes while its answer is awaited.
      const second = get(agent)
      await vi.waitFor(() => expect(events).toContain('preload'))
      expect(events).toEqual(['received', 'answered', 'received', 'preload'])
      answer()
      await second
      const third = get(agent)
      await vi.waitFor(() => expect(events.filter((e) => e === 'received')).toHaveLength(3))
      answer()
      await third
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(events.filter((e) => e === 'preload')).toHaveLength(1)
    } finally {
      agent.destroy()
      server.close()
    }
  })

  it('requests that each open a new connection never preload', async () => {
    const events: string[] = []
    const { server, get, answer } = await heldServer(events)
    const agent = new Agent({ keepAlive: false })
    let stop = (): void => {}
    try {
      stop = preloadCoreOnReusedConnection(() => events.push('preload'))
      for (let i = 0; i < 2; i++) {
        const call = get(agent)
        await vi.waitFor(() => expect(events.filter((e) => e === 'received')).toHaveLength(i + 1))
        answer()
        await call
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(events).toEqual(['received', 'answered', 'received', 'answered'])
    } finally {
      stop()
      agent.destroy()
      server.close()
    }
  })
})
