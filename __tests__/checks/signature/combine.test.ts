/**
 * The combined signature check: each system's result folded into one under `signatures-required`
 * (`all`, `any`), with the exact reasons, details, signer and system it reports, and the check
 * that runs every system's check through `runCheck`.
 */
import { describe, expect, it } from 'vitest'
import type { CheckContext, Check } from '../../../src/checks/check.js'
import { combinedSignatureCheck, combineSignatureResults, SIGNATURES_CHECK_ID } from '../../../src/checks/signature/combine.js'
import type { Logger } from '../../../src/core/ports.js'
import type { CheckResult, ImageTarget } from '../../../src/core/types.js'
import type { ImageArtifacts } from '../../../src/registry/artifacts.js'

interface ResultOptions {
  system?: string
  reasons?: string[]
  enforced?: boolean
  evidence?: object
}

function result(id: string, status: CheckResult['status'], options: ResultOptions = {}): CheckResult {
  return {
    id,
    kind: 'signature',
    ...(options.system !== undefined ? { system: options.system } : {}),
    status,
    enforced: options.enforced ?? true,
    reasons: options.reasons ?? [],
    evidence: options.evidence ?? { status }
  }
}

const ALL = "('signatures-required: all')"
const ANY = "('signatures-required: any')"

describe('combineSignatureResults', () => {
  it('names the combined check signature', () => {
    expect(SIGNATURES_CHECK_ID).toBe('signature')
  })

  it('under all, names every failing system with its reasons, or its status when it has none', () => {
    const results = [
      result('signature/notation', 'verified', { system: 'notation', evidence: { status: 'verified', signer: 'CN=notation' } }),
      result('signature/cosign', 'missing', { system: 'cosign', reasons: ['no signature', 'no attestation'] }),
      result('signature/other', 'invalid')
    ]
    const combined = combineSignatureResults(results, 'all')
    const reasons = [`cosign is required ${ALL}: no signature; no attestation`, `signature/other is required ${ALL}: invalid`]
    expect(combined).toStrictEqual({
      id: 'signature',
      kind: 'signature',
      system: 'notation+cosign+signature/other',
      status: 'missing',
      enforced: true,
      reasons,
      evidence: {
        status: 'missing',
        required: 'all',
        systems: results,
        reason: `cosign is required ${ALL}: no signature; no attestation; signature/other is required ${ALL}: invalid`,
        details: ['notation: verified', 'cosign: missing (no signature; no attestation)', 'signature/other: invalid']
      }
    })
  })

  it('under all, reports the first failing status, and one failure denies only when it is enforced', () => {
    const results = [
      result('signature/notation', 'untrusted', { system: 'notation', reasons: ['bad chain'], enforced: false }),
      result('signature/cosign', 'verified', { system: 'cosign' })
    ]
    const combined = combineSignatureResults(results, 'all')
    expect(combined.status).toBe('untrusted')
    expect(combined.enforced).toBe(false)
    expect(combined.reasons).toEqual([`notation is required ${ALL}: bad chain`])
    expect(combined.evidence.reason).toBe(`notation is required ${ALL}: bad chain`)
  })

  it('under all, a status no signature system reports combines as invalid', () => {
    const combined = combineSignatureResults([result('signature/cosign', 'error', { system: 'cosign', reasons: ['boom'] })], 'all')
    expect(combined.status).toBe('invalid')
    expect(combined.evidence.status).toBe('invalid')
    expect(combined.reasons).toEqual([`cosign is required ${ALL}: boom`])
  })

  it('under all, verifies when every system verifies, copying the first signer', () => {
    const results = [
      result('signature/notation', 'verified', { system: 'notation', evidence: { status: 'verified', signer: 'CN=first' } }),
      result('signature/cosign', 'verified', {
        system: 'cosign',
        reasons: ['key k1'],
        evidence: { status: 'verified', signer: 'CN=second' }
      })
    ]
    const combined = combineSignatureResults(results, 'all')
    expect(combined).toStrictEqual({
      id: 'signature',
      kind: 'signature',
      system: 'notation+cosign',
      status: 'verified',
      enforced: false,
      reasons: [],
      evidence: {
        status: 'verified',
        required: 'all',
        systems: results,
        details: ['notation: verified', 'cosign: verified (key k1)'],
        signer: 'CN=first'
      }
    })
  })

  it('under any, describes every system when none verified', () => {
    const results = [
      result('signature/notation', 'untrusted', { system: 'notation', reasons: ['bad chain', 'expired leaf'] }),
      result('signature/cosign', 'missing')
    ]
    const combined = combineSignatureResults(results, 'any')
    const reason = `no signature system verified ${ANY}: notation: untrusted (bad chain; expired leaf); signature/cosign: missing`
    expect(combined).toStrictEqual({
      id: 'signature',
      kind: 'signature',
      system: 'notation+signature/cosign',
      status: 'untrusted',
      enforced: true,
      reasons: [reason],
      evidence: {
        status: 'untrusted',
        required: 'any',
        systems: results,
        reason,
        details: ['notation: untrusted (bad chain; expired leaf)', 'signature/cosign: missing']
      }
    })
  })

  it('under any, one verified system verifies, with no reason and its signer', () => {
    const results = [
      result('signature/notation', 'missing', {
        system: 'notation',
        reasons: ['none found'],
        evidence: { status: 'missing', signer: 'CN=not me' }
      }),
      result('signature/cosign', 'verified', { system: 'cosign', evidence: { status: 'verified', signer: 'CN=cosign' } })
    ]
    const combined = combineSignatureResults(results, 'any')
    expect(combined).toStrictEqual({
      id: 'signature',
      kind: 'signature',
      system: 'notation+cosign',
      status: 'verified',
      enforced: false,
      reasons: [],
      evidence: {
        status: 'verified',
        required: 'any',
        systems: results,
        details: ['notation: missing (none found)', 'cosign: verified'],
        signer: 'CN=cosign'
      }
    })
  })

  it('copies no signer when the verified system names none', () => {
    const combined = combineSignatureResults([result('signature/cosign', 'verified', { system: 'cosign' })], 'any')
    expect(combined.status).toBe('verified')
    expect('signer' in combined.evidence).toBe(false)
    expect('reason' in combined.evidence).toBe(false)
  })

  it('copies no signer when the combination does not verify', () => {
    const combined = combineSignatureResults(
      [
        result('signature/notation', 'verified', { system: 'notation', evidence: { status: 'verified', signer: 'CN=notation' } }),
        result('signature/cosign', 'missing', { system: 'cosign' })
      ],
      'all'
    )
    expect(combined.status).toBe('missing')
    expect('signer' in combined.evidence).toBe(false)
    expect(combined.evidence.reason).toBe(`cosign is required ${ALL}: missing`)
  })
})

describe('combinedSignatureCheck', () => {
  const context: CheckContext = {
    image: { region: 'eu-west-1' } as ImageTarget,
    now: () => 0,
    log: {} as Logger,
    artifacts: {} as ImageArtifacts
  }

  function checks(): { seen: string[]; list: Check[] } {
    const seen: string[] = []
    const list: Check[] = [
      {
        id: 'signature/notation',
        kind: 'signature',
        system: 'notation',
        title: 'Verify Notation signature',
        run: (given) => {
          seen.push(`notation ${given === context ? 'with' : 'without'} the context`)
          return Promise.resolve(
            result('signature/notation', 'verified', { system: 'notation', evidence: { status: 'verified', signer: 'CN=n' } })
          )
        }
      },
      {
        id: 'signature/cosign',
        kind: 'signature',
        title: 'Verify cosign signature',
        run: (given) => {
          seen.push(`cosign ${given === context ? 'with' : 'without'} the context`)
          return Promise.reject(new Error('registry down'))
        }
      }
    ]
    return { seen, list }
  }

  it('is one signature check named after its systems', () => {
    const check = combinedSignatureCheck(checks().list, 'all')
    expect(check.id).toBe('signature')
    expect(check.kind).toBe('signature')
    expect(check.system).toBe('notation+signature/cosign')
    expect(check.title).toBe('Verify signatures')
  })

  it('runs every check with the context, a throw becoming an enforced error', async () => {
    const { seen, list } = checks()
    const combined = await combinedSignatureCheck(list, 'all').run(context)
    expect(seen).toEqual(['notation with the context', 'cosign with the context'])
    expect(combined.system).toBe('notation+signature/cosign')
    expect(combined.status).toBe('invalid')
    expect(combined.enforced).toBe(true)
    expect(combined.reasons).toEqual([`signature/cosign is required ${ALL}: Verify cosign signature could not be completed: registry down`])
  })

  it('combines under the requirement it was given', async () => {
    const { seen, list } = checks()
    const combined = await combinedSignatureCheck(list, 'any').run(context)
    expect(seen).toHaveLength(2)
    expect(combined.status).toBe('verified')
    expect(combined.enforced).toBe(false)
    expect(combined.evidence).toMatchObject({ required: 'any', signer: 'CN=n' })
  })
})
