/**
 * `ecr-deploy-gate verify-bundle`: the Sigstore client conformance protocol's verify command
 * (sigstore-conformance docs/cli_protocol.md), through the same `verifySigstoreBundle` the gate's
 * cosign and attestation checks use:
 *
 *     verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] FILE_OR_DIGEST
 *     verify-bundle --bundle FILE --key KEY.pub [--trusted-root FILE] FILE_OR_DIGEST
 *
 * Without --trusted-root, the public-good root is refreshed over TUF (--tuf-mirror, --tuf-root;
 * `--tuf-mirror off` uses the shipped root); when the mirror cannot be reached, the shipped root is
 * used with a warning on stderr.
 *
 * Exit 0 verified; 1 refused (with the reason on stderr); 2 bad usage.
 */
import { FileReadError, readBoundedFile } from '../config/read-file.js'
import type { Command } from 'commander'
import { errorMessage } from '../core/errors.js'
import { Setting } from '../core/settings.js'
import { parsePublicGoodTuf } from '../checks/sigstore/tuf-settings.js'
import {
  parseTrustedRoot,
  publicGoodTrustedRoot,
  verifySigstoreBundle,
  type SigstoreArtifact,
  type SigstoreTrust
} from '../checks/sigstore/index.js'

/** Largest bundle, key, trusted root or artifact read, in bytes: untrusted input is bounded before parsing. */
const MAX_FILE_BYTES = 64 * 1024 * 1024

interface VerifyOptions {
  bundle: string
  certificateIdentity?: string
  certificateOidcIssuer?: string
  key?: string
  trustedRoot?: string
  tufMirror?: string
  tufRoot?: string
}

interface Io {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
}

async function readBounded(file: string, what: string): Promise<Buffer> {
  try {
    return await readBoundedFile(file, MAX_FILE_BYTES)
  } catch (error) {
    if (error instanceof FileReadError && error.kind === 'size')
      throw new Error(`the ${what} ${file} is larger than ${MAX_FILE_BYTES} bytes`, { cause: error })
    throw new Error(`cannot read the ${what} ${file}: ${errorMessage(error)}`, { cause: error })
  }
}

/** The public-good root, refreshed over TUF as the options say; undefined after a usage error. */
async function refreshedPublicGood(
  options: VerifyOptions,
  io: Io
): Promise<{ ok: true; trust: SigstoreTrust } | { ok: false; reason: string } | undefined> {
  let source
  try {
    source = parsePublicGoodTuf(options.tufMirror ?? '', options.tufRoot ?? '')
  } catch (error) {
    io.stderr.write(
      `error: ${errorMessage(error).replaceAll(`'${Setting.SigstoreTufMirror}'`, '--tuf-mirror').replaceAll(`'${Setting.SigstoreTufRoot}'`, '--tuf-root')}\n`
    )
    return undefined
  }
  if (source === 'off') return { ok: true, trust: publicGoodTrustedRoot() }
  const { publicGoodProvider } = await import('../checks/sigstore/refresh.js')
  const { readTufRoot } = await import('../checks/sigstore/tuf-root.js')
  let seedRoot: string | undefined
  try {
    seedRoot = source.rootPath !== undefined ? await readTufRoot(source.rootPath, Setting.SigstoreTufRoot) : undefined
  } catch (error) {
    io.stderr.write(`error: ${errorMessage(error).replaceAll(`'${Setting.SigstoreTufRoot}'`, '--tuf-root')}\n`)
    return undefined
  }
  const provider = publicGoodProvider({ mirror: source.mirror, ...(seedRoot !== undefined ? { seedRoot } : {}) })
  return provider({ log: { info: () => undefined, warning: (message) => io.stderr.write(`warning: ${message}\n`) } })
}

/** Verifies; returns the exit code. Usage problems are 2, a refused bundle 1. */
async function verify(target: string, options: VerifyOptions, io: Io): Promise<number> {
  const keyless = options.certificateIdentity !== undefined || options.certificateOidcIssuer !== undefined
  if (keyless === (options.key !== undefined)) {
    io.stderr.write('error: give either --key, or --certificate-identity with --certificate-oidc-issuer\n')
    return 2
  }
  if (keyless && (options.certificateIdentity === undefined || options.certificateOidcIssuer === undefined)) {
    io.stderr.write('error: --certificate-identity and --certificate-oidc-issuer go together\n')
    return 2
  }
  const digest = /^sha256:([0-9a-fA-F]{64})$/.exec(target)
  if (target.startsWith('sha256:') && digest === null) {
    io.stderr.write(`error: invalid artifact digest '${target.slice(0, 80)}': expected sha256: and 64 hex characters\n`)
    return 2
  }
  try {
    let trust: SigstoreTrust
    if (options.trustedRoot !== undefined) {
      trust = parseTrustedRoot((await readBounded(options.trustedRoot, 'trusted root')).toString('utf8'), options.trustedRoot)
    } else {
      const resolved = await refreshedPublicGood(options, io)
      if (resolved === undefined) return 2
      if (!resolved.ok) {
        io.stderr.write(`refused: ${resolved.reason}\n`)
        return 1
      }
      trust = resolved.trust
    }
    const bundleText = (await readBounded(options.bundle, 'bundle')).toString('utf8')
    let bundle: unknown
    try {
      bundle = JSON.parse(bundleText)
    } catch (error) {
      throw new Error(`the bundle ${options.bundle} is not JSON: ${errorMessage(error)}`, { cause: error })
    }
    const artifact: SigstoreArtifact =
      digest !== null ? { sha256: digest[1]!.toLowerCase() } : { bytes: await readBounded(target, 'artifact') }
    const result = verifySigstoreBundle(
      bundle,
      artifact,
      options.key !== undefined
        ? { trust, publicKey: (await readBounded(options.key, 'key')).toString('utf8') }
        : {
            trust,
            identity: {
              subjectAlternativeName: { exact: options.certificateIdentity! },
              issuer: { exact: options.certificateOidcIssuer! }
            }
          }
    )
    if (!result.ok) {
      io.stderr.write(`refused: ${result.reason}\n`)
      return 1
    }
    io.stdout.write(
      `verified: ${options.bundle}${result.certificate?.subjectAlternativeName ? ` (signed by ${result.certificate.subjectAlternativeName})` : result.keyFingerprint ? ` (key ${result.keyFingerprint})` : ''}\n`
    )
    return 0
  } catch (error) {
    io.stderr.write(`refused: ${errorMessage(error)}\n`)
    return 1
  }
}

/** Adds `verify-bundle` to the program; its exit code goes to `exit.code`. */
export function registerVerifyBundle(root: Command, io: Io, exit: { code: number }): void {
  root
    .command('verify-bundle')
    .description('Verify a Sigstore bundle for an artifact (the Sigstore conformance CLI protocol).')
    .argument('<file-or-digest>', 'the artifact, or sha256:<hex> of it')
    .requiredOption('--bundle <file>', 'the Sigstore bundle (JSON)')
    .option('--certificate-identity <id>', 'the exact identity (SAN) the signing certificate must carry')
    .option('--certificate-oidc-issuer <url>', 'the exact OIDC issuer of that identity')
    .option('--key <file>', 'verify with this PEM public key instead of a certificate identity')
    .option('--trusted-root <file>', 'the trusted root (JSON); default: the Sigstore public-good root, refreshed over TUF')
    .option('--tuf-mirror <url>', 'the TUF repository the public-good root is refreshed from, or off (the root shipped with the gate)')
    .option('--tuf-root <file>', 'the TUF root.json that seeds --tuf-mirror (default: the public-good root shipped with the gate)')
    .addHelpText(
      'after',
      `
Examples:
  ecr-deploy-gate verify-bundle --bundle a.txt.sigstore.json --certificate-identity https://github.com/org/repo/.github/workflows/release.yml@refs/heads/main --certificate-oidc-issuer https://token.actions.githubusercontent.com a.txt
  ecr-deploy-gate verify-bundle --bundle b.sigstore.json --key cosign.pub sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Exit codes: 0 verified, 1 refused, 2 bad usage.`
    )
    .action(async (target: string, options: VerifyOptions) => {
      exit.code = await verify(target, options, io)
    })
}
