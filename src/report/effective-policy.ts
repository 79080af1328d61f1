/**
 * The effective policy of a run that read a policy file: which file (and its SHA-256), and for each
 * group of images sharing one set of settings, the settings and where each came from. In full in the
 * JSON report (`effectivePolicy`), in short in the summary.
 */
import { escapeMarkdown } from './escape.js'

/** Where one setting's value came from. */
export type SettingSource = 'input' | 'file' | 'default' | `overrides[${number}]`

/** One group of images gated under the same settings. */
export interface EffectivePolicyGroup {
  /** The images, as the person wrote them. */
  images: string[]
  /** Indices of the file's repository overrides applied, in order. */
  overrides: number[]
  /** Each setting by its key, as applied. */
  settings: Record<string, unknown>
  /** Where each setting came from. */
  sources: Record<string, SettingSource>
}

/** The `effectivePolicy` of the JSON report. */
export interface EffectivePolicy {
  file?: { path: string; sha256: string }
  groups: EffectivePolicyGroup[]
}

/** Adds `effectivePolicy` to a rendered JSON report (any of its three shapes). */
export function withEffectivePolicy(report: object, effective: EffectivePolicy | undefined): object {
  return effective === undefined ? report : { ...report, effectivePolicy: effective }
}

/**
 * A few lines for the summary: the file, the overrides applied, and the settings given inline
 * (which beat the file). Nothing when no policy file was read.
 */
export function renderEffectivePolicySummary(effective: EffectivePolicy | undefined): string {
  if (effective?.file === undefined) return ''
  const lines = [`**Policy file:** ${escapeMarkdown(effective.file.path, 300)} (sha256 \`${effective.file.sha256.slice(0, 12)}\`)`]
  for (const g of effective.groups) {
    const inline = Object.entries(g.sources)
      .filter(([, s]) => s === 'input')
      .map(([k]) => k)
    const parts = [
      g.overrides.length > 0 ? `overrides ${g.overrides.map((i) => `#${i}`).join(', ')}` : 'no override',
      inline.length > 0 ? `set inline: ${inline.join(', ')}` : undefined
    ].filter((p) => p !== undefined)
    if (effective.groups.length > 1 || g.overrides.length > 0 || inline.length > 0) {
      const who = effective.groups.length > 1 ? `${g.images.length} image(s): ` : ''
      lines.push(`- ${who}${escapeMarkdown(parts.join('; '), 500)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
