// AWS Signer API (restJson1): GetRevocationStatus (GET /revocations) and GetSigningProfile
// (GET /signing-profiles/{profileName}).

import { AwsError } from './scenario.mjs'

/**
 * @typedef {import('./ecr.mjs').EmulatorContext} EmulatorContext
 * @typedef {import('./ecr.mjs').HandlerResult} HandlerResult
 */

/**
 * Routes a Signer request path to its operation name, or undefined.
 * @param {string} method
 * @param {string} pathname
 * @returns {{op: string, profileName?: string} | undefined}
 */
export function signerRoute(method, pathname) {
  if (method === 'GET' && pathname === '/revocations') return { op: 'GetRevocationStatus' }
  const m = /^\/signing-profiles\/([^/]+)$/.exec(pathname)
  if (method === 'GET' && m) return { op: 'GetSigningProfile', profileName: decodeURIComponent(/** @type {string} */ (m[1])) }
  return undefined
}

/**
 * @param {{arn: string, effectiveFrom?: number}[]} list
 * @param {string} value
 * @param {number} signedAt  epoch ms
 */
function revoked(list, value, signedAt) {
  return list.some(
    (e) =>
      e.arn.toLowerCase() === value.toLowerCase() &&
      (e.effectiveFrom === undefined || Number.isNaN(signedAt) || signedAt >= e.effectiveFrom)
  )
}

/**
 * Handles one Signer operation.
 * @param {string} op
 * @param {URLSearchParams} query
 * @param {{profileName?: string}} params
 * @param {EmulatorContext} ctx
 * @returns {HandlerResult}
 */
export function handleSigner(op, query, params, ctx) {
  const { scn } = ctx
  if (op === 'GetRevocationStatus') {
    for (const name of ['signatureTimestamp', 'platformId', 'profileVersionArn', 'jobArn', 'certificateHashes']) {
      if (!query.has(name) || query.get(name) === '') {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`
        )
      }
    }
    const ts = /** @type {string} */ (query.get('signatureTimestamp'))
    const signedAt = /^\d+(\.\d+)?$/.test(ts) ? Number(ts) * 1000 : Date.parse(ts)
    if (Number.isNaN(signedAt)) throw new AwsError('ValidationException', `Invalid signatureTimestamp '${ts}'`)
    const pva = /** @type {string} */ (query.get('profileVersionArn'))
    const job = /** @type {string} */ (query.get('jobArn'))
    const hashes = query.getAll('certificateHashes')
    const revokedEntities = []
    if (revoked(scn.signer.revoked.profileVersionArns, pva, signedAt)) revokedEntities.push(pva)
    if (revoked(scn.signer.revoked.jobArns, job, signedAt)) revokedEntities.push(job)
    for (const h of hashes) if (scn.signer.revoked.certificateHashes.includes(h.toLowerCase())) revokedEntities.push(h)
    return { body: { revokedEntities } }
  }

  if (op === 'GetSigningProfile') {
    const name = params.profileName ?? ''
    const p = scn.signer.profiles.find((x) => x.name === name)
    if (!p) throw new AwsError('ResourceNotFoundException', `Signing profile ${name} does not exist.`, 404)
    const arn = `arn:aws:signer:${scn.region}:${scn.accountId}:/signing-profiles/${p.name}`
    /** @type {Record<string, unknown>} */
    const body = {
      profileName: p.name,
      profileVersion: p.version,
      profileVersionArn: `${arn}/${p.version}`,
      platformId: p.platformId,
      platformDisplayName: p.platformId === 'Notation-OCI-SHA384-ECDSA' ? 'Notation for Container Registries' : p.platformId,
      signatureValidityPeriod: { value: p.validityMonths, type: 'MONTHS' },
      overrides: {},
      signingParameters: {},
      status: p.status,
      arn,
      tags: {}
    }
    if (p.revokedAt !== undefined) {
      body.revocationRecord = {
        revocationEffectiveFrom: p.revokedAt / 1000,
        revokedAt: p.revokedAt / 1000,
        revokedBy: `arn:aws:iam::${scn.accountId}:root`
      }
    }
    return { body }
  }

  throw new AwsError('UnknownOperationException', `The emulator does not implement Signer operation ${op}`, 404)
}
