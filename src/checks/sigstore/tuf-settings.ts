/**
 * The TUF settings of a Sigstore trusted root (cosign's `initialize --mirror --root`): which
 * repository to refresh `trusted_root.json` from, and the root metadata that seeds it. Parsed
 * before any network call; tuf-js itself is loaded only when a refresh runs (`tuf.ts`).
 */
import { isIP } from 'node:net'
import { SettingError } from '../../core/errors.js'
import { Setting, type SettingKey } from '../../core/settings.js'

/** The TUF repository whose `trusted_root.json` is the public-good root. */
export const PUBLIC_GOOD_TUF_MIRROR = 'https://tuf-repo-cdn.sigstore.dev'

/** GitHub's TUF repository, whose `trusted_root.json` is the root of GitHub's own Sigstore instance. */
export const GITHUB_TUF_MIRROR = 'https://tuf-repo.github.com'

/** Where to refresh a trusted root from; `off`: never refresh. */
export type TufSource = { readonly mirror: string; readonly rootPath?: string } | 'off'

function clip(value: string): string {
  const line = value.replace(/\s+/g, ' ')
  return line.length > 120 ? `${line.slice(0, 117)}...` : line
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (host === 'localhost') return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1'
}

/**
 * A mirror URL: https (http only for a loopback host, for tests), with no credentials, query or
 * fragment; trailing slashes removed. `off` is returned as is. Throws a SettingError naming `setting`.
 */
export function parseTufMirror(value: string, setting: SettingKey): string {
  const text = value.trim()
  if (text.toLowerCase() === 'off') return 'off'
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  const ok =
    url !== undefined &&
    (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    !/\s/.test(text)
  if (!ok)
    throw new SettingError(
      setting,
      `Invalid '${setting}': expected the https URL of a TUF repository (http only for a loopback host), or off, got '${clip(text)}'`
    )
  return text.replace(/\/+$/, '')
}

/**
 * The TUF source of a trusted root: `mirrorText` (default `defaultMirror`) and `rootText`, the path
 * of a TUF root.json (read later, before any AWS call). A root with `off` is refused.
 */
export function parseTufSource(
  mirrorText: string,
  rootText: string,
  keys: { mirror: SettingKey; root: SettingKey },
  defaultMirror: string
): TufSource {
  const mirror = mirrorText.trim() === '' ? defaultMirror : parseTufMirror(mirrorText, keys.mirror)
  const rootPath = rootText.trim()
  if (mirror === 'off') {
    if (rootPath !== '')
      throw new SettingError(
        keys.root,
        `Invalid '${keys.root}': it seeds the TUF repository of '${keys.mirror}', which is off; remove one of them`
      )
    return 'off'
  }
  return rootPath !== '' ? { mirror, rootPath } : { mirror }
}

/**
 * `sigstore-tuf-mirror` (default the public-good mirror; `off`: the shipped root) and
 * `sigstore-tuf-root` (a TUF root.json seeding that mirror), shared by cosign and attestations.
 * A TUF root with a trusted root file is refused: the file is used as is, never refreshed.
 */
export function parsePublicGoodTuf(mirror: string, root: string, trustedRoot = ''): TufSource {
  const tuf = parseTufSource(mirror, root, { mirror: Setting.SigstoreTufMirror, root: Setting.SigstoreTufRoot }, PUBLIC_GOOD_TUF_MIRROR)
  if (trustedRoot.trim() !== '' && root.trim() !== '')
    throw new SettingError(
      Setting.SigstoreTufRoot,
      `Invalid '${Setting.SigstoreTufRoot}': '${Setting.SigstoreTrustedRoot}' is given, which is used as is and never refreshed over TUF; remove one of them`
    )
  return tuf
}
