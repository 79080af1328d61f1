/**
 * What the CLI shows while it works. On a terminal: one live status line per image (resolving,
 * waiting for the scan with its status, the time waited and the next poll, verifying, decided),
 * redrawn in place by log-update with a cli-spinners spinner. Elsewhere (a CI log, a pipe) or with
 * `--quiet`: plain lines, no control characters. Secrets registered through the logger are masked
 * in everything printed.
 */
import cliSpinners from 'cli-spinners'
import { createLogUpdate } from 'log-update'
import type { Logger } from '../core/ports.js'

/** Where one image is. */
interface ImageStatus {
  reference: string
  phase: string
  detail: string
  startedAt: number
  nextPollAt?: number
  scanStatus?: string
  decided?: 'pass' | 'fail'
}

/** How the display writes. */
export interface StatusOptions {
  /** Live lines (a terminal, not `--quiet`). */
  live: boolean
  /** Nothing but warnings (`--quiet`). */
  quiet: boolean
  /** Debug lines too (`--debug`). */
  debug: boolean
  color: boolean
  stream: NodeJS.WriteStream
  now?: () => number
}

const PHASES: Record<string, string> = {
  'Resolve image': 'resolving',
  'Wait for scan': 'waiting for the scan',
  'Evaluate findings': 'reading findings'
}

/** Control characters (but tab and newline) stripped from anything printed: the text may come from AWS or a registry. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
}

/** The per-image status lines, and the loggers that feed them. */
export class StatusDisplay {
  private readonly images: ImageStatus[]
  private readonly secrets = new Set<string>()
  private readonly update?: ReturnType<typeof createLogUpdate>
  private timer?: ReturnType<typeof setInterval>
  private frame = 0
  private readonly now: () => number

  constructor(
    references: readonly string[],
    private readonly options: StatusOptions
  ) {
    this.now = options.now ?? Date.now
    this.images = references.map((reference) => ({ reference, phase: 'queued', detail: '', startedAt: this.now() }))
    if (options.live && !options.quiet) {
      this.update = createLogUpdate(options.stream, { showCursor: false })
      this.timer = setInterval(() => this.render(), cliSpinners.dots.interval)
      this.timer.unref()
    }
  }

  /** Masks every registered secret. */
  mask(text: string): string {
    let out = text
    for (const s of this.secrets) out = out.split(s).join('***')
    return out
  }

  /** Prints a line above the live lines (or as a plain line). */
  line(text: string, level: 'info' | 'warning' | 'debug' = 'info'): void {
    if (level === 'debug' && !this.options.debug) return
    if (level === 'info' && this.options.quiet) return
    if (level === 'info' && this.update !== undefined && !this.options.debug) return
    const prefix = level === 'warning' ? this.paint('33', 'warning: ') : level === 'debug' ? 'debug: ' : ''
    const out = `${prefix}${clean(this.mask(text))}\n`
    if (this.update !== undefined) {
      this.update.clear()
      this.options.stream.write(out)
      this.render()
    } else this.options.stream.write(out)
  }

  private paint(code: string, text: string): string {
    return this.options.color ? `\u001b[${code}m${text}\u001b[39m` : text
  }

  /** The logger of image `index`: its log groups and lines move its status. */
  loggerFor(index: number, prefix = ''): Logger {
    const status = this.images[index]
    const named = (m: string): string => (prefix !== '' ? `${prefix} ${m}` : m)
    const see = (m: string): void => {
      if (status === undefined) return
      const poll = /^Waiting (\d+) ms before polling/.exec(m)
      if (poll !== null) status.nextPollAt = this.now() + Number(poll[1])
      // Labels hold colons (`app@sha256:…`) but never ": ", which ends them.
      const seen = /^Poll \d+ for .*?: ([A-Z_]+)/.exec(m) ?? /^Scan of .*?: ([A-Z_]+)$/.exec(m)
      if (seen !== null) status.scanStatus = seen[1]!
      if (/no scan record yet/.test(m)) status.scanStatus = 'no scan record yet'
    }
    return {
      debug: (m) => {
        see(m)
        this.line(named(m), 'debug')
      },
      info: (m) => {
        see(m)
        if (status !== undefined) status.detail = m
        this.line(named(m))
      },
      warning: (m) => this.line(named(m), 'warning'),
      setSecret: (s) => {
        if (s.length >= 4) this.secrets.add(s)
      },
      group: async (name, fn) => {
        if (status !== undefined) {
          status.phase = PHASES[name] ?? `verifying: ${name}`
          status.detail = ''
          if (name === 'Wait for scan') status.startedAt = this.now()
        }
        this.line(named(name))
        return fn()
      }
    }
  }

  /** Marks image `index` decided. */
  decided(index: number, decision: 'pass' | 'fail', detail: string): void {
    const status = this.images[index]
    if (status === undefined) return
    status.decided = decision
    status.phase = 'decided'
    status.detail = detail
    this.render()
  }

  private text(s: ImageStatus): string {
    const spinner = cliSpinners.dots.frames[this.frame % cliSpinners.dots.frames.length] ?? '-'
    if (s.decided !== undefined) {
      const mark = s.decided === 'pass' ? this.paint('32', '✔ pass') : this.paint('31', '✖ fail')
      return `${mark} ${s.reference}  ${s.detail}`
    }
    let detail = s.detail
    if (s.phase === 'waiting for the scan') {
      const waited = Math.round((this.now() - s.startedAt) / 1000)
      const next = s.nextPollAt !== undefined ? Math.max(0, Math.round((s.nextPollAt - this.now()) / 1000)) : undefined
      detail = [s.scanStatus, `${waited}s`, next !== undefined ? `next poll in ${next}s` : undefined]
        .filter((p) => p !== undefined)
        .join(', ')
    }
    return `${this.paint('36', spinner)} ${s.reference}  ${s.phase}${detail !== '' ? ` — ${detail}` : ''}`
  }

  private render(): void {
    if (this.update === undefined) return
    this.frame++
    const columns = this.options.stream.columns ?? 120
    const lines = this.images.map((s) => {
      const t = clean(this.mask(this.text(s)))
      return t.length > columns + 20 ? `${t.slice(0, columns - 1)}…` : t
    })
    this.update(lines.join('\n'))
  }

  /** Stops the live lines, leaving their last state on screen. */
  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer)
    if (this.update !== undefined) {
      this.render()
      this.update.done()
    }
  }
}
