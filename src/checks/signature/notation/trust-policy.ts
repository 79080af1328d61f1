/**
 * Notation trust policy (`trustpolicy.json`, version 1.0): parsing, validation, the verification
 * levels and their overrides, registry scope selection and trusted identities. Follows the Notary
 * Project trust-store-trust-policy.md; every rule that would make the policy ambiguous is refused
 * at load time with an `SettingError('trust-policy', …)`.
 */
import { SettingError } from '../../../core/errors.js'
import { parseSigningProfileArn } from './aws-signer.js'
import { isRecord } from './envelope.js'
import { AttributeNames } from './x509.js'

/** Verification levels of the specification. */
export type VerificationLevel = 'strict' | 'permissive' | 'audit' | 'skip'

/** The validations of the specification, in the order they run. */
export type Validation = 'integrity' | 'authenticity' | 'authenticTimestamp' | 'expiry' | 'revocation'

/** What a level does with a failed validation. */
export type ValidationAction = 'enforce' | 'log' | 'skip'

/** Trust store types of the specification. */
export type TrustStoreType = 'ca' | 'signingAuthority' | 'tsa'

/** A trusted identity of a statement. */
export type TrustedIdentity =
  | { kind: 'any' }
  | { kind: 'x509.subject'; raw: string; attributes: { oid: string; value: string }[] }
  | { kind: 'signing-profile'; arn: string }

/** One trust policy statement, validated. */
export interface TrustStatement {
  name: string
  registryScopes: string[]
  level: VerificationLevel
  /** The action of each validation after applying `override`. */
  actions: Record<Validation, ValidationAction>
  /** `type:name` references. */
  trustStores: { type: TrustStoreType; name: string }[]
  trustedIdentities: TrustedIdentity[]
  verifyTimestamp: 'always' | 'afterCertExpiry'
}

/** The table of the specification, "Signature Verification details". */
export const LevelActions: Record<VerificationLevel, Record<Validation, ValidationAction>> = {
  strict: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'enforce', expiry: 'enforce', revocation: 'enforce' },
  permissive: { integrity: 'enforce', authenticity: 'enforce', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
  audit: { integrity: 'enforce', authenticity: 'log', authenticTimestamp: 'log', expiry: 'log', revocation: 'log' },
  skip: { integrity: 'skip', authenticity: 'skip', authenticTimestamp: 'skip', expiry: 'skip', revocation: 'skip' }
}

/** Largest trust policy file accepted (real ones are a few KiB). */
export const MaxTrustPolicyBytes = 1024 * 1024

const storeName = /^[a-zA-Z0-9_.-]+$/
const statementName = /^[a-zA-Z0-9_.-]+$/
/** `host[:port]/path` with no wildcard, tag or digest: the specification wants fully qualified repositories. */
const repositoryScope = /^[A-Za-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)+$/

function fail(message: string): never {
  throw new SettingError('trust-policy', `Invalid trust policy: ${message}`)
}

const shortNames = new Map<string, string>([...AttributeNames].map(([oid, name]) => [name, oid]))
shortNames.set('S', '2.5.4.8')
shortNames.set('EMAILADDRESS', '1.2.840.113549.1.9.1')

/**
 * Splits a distinguished name like `C=US, ST=WA, O=acme\, inc` into attributes, honouring the
 * escapes of the specification (`\,` `\;` `\\` `\+` `\=` and escaped edge spaces). Returns an
 * error message instead of throwing so callers can name the offending identity.
 */
export function parseDistinguishedName(dn: string): { oid: string; value: string }[] | string {
  const components: { text: string; escapedEdges: [number, number] }[] = []
  let current = ''
  let lastEscaped = -1
  let firstEscaped = -1
  const push = (): void => {
    components.push({ text: current, escapedEdges: [firstEscaped, lastEscaped] })
    current = ''
    firstEscaped = -1
    lastEscaped = -1
  }
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i] as string
    if (ch === '\\') {
      const next = dn[i + 1]
      if (next === undefined) return 'ends with a lone backslash'
      if (firstEscaped === -1) firstEscaped = current.length
      lastEscaped = current.length
      current += next === '=' ? '\u0000' : next
      i++
    } else if (ch === ',' || ch === ';' || ch === '+') {
      push()
    } else {
      current += ch
    }
  }
  push()
  const attributes: { oid: string; value: string }[] = []
  for (const { text } of components) {
    const eq = text.indexOf('=')
    if (eq <= 0) return `"${text.trim()}" is not TYPE=value`
    const type = text.slice(0, eq).trim().toUpperCase()
    // Escaped '=' was parked as NUL so that only the first unescaped '=' splits; restore it.
    let value = text.slice(eq + 1).replaceAll('\u0000', '=')
    value = value.replace(/^ +/, '').replace(/ +$/, '')
    const oid = /^[0-9]+(\.[0-9]+)+$/.test(type) ? type : shortNames.get(type)
    if (oid === undefined) return `unknown attribute type "${type}"`
    if (value === '') return `attribute ${type} has an empty value`
    attributes.push({ oid, value })
  }
  return attributes
}

/** True when every attribute of `identity` is present, with the same value, in `subject`. */
export function subjectMatches(identity: { oid: string; value: string }[], subject: { oid: string; value: string }[]): boolean {
  const remaining = [...subject]
  for (const want of identity) {
    const at = remaining.findIndex((a) => a.oid === want.oid && a.value === want.value)
    if (at === -1) return false
    remaining.splice(at, 1)
  }
  return true
}

function parseIdentity(raw: unknown, where: string): TrustedIdentity {
  if (typeof raw !== 'string' || raw.trim() === '') fail(`${where}: a trusted identity must be a non-empty string`)
  const value = raw.trim()
  if (value === '*') return { kind: 'any' }
  const prefix = 'x509.subject:'
  if (value.startsWith(prefix)) {
    const parsed = parseDistinguishedName(value.slice(prefix.length))
    if (typeof parsed === 'string') fail(`${where}: identity "${value}": ${parsed}`)
    const types = new Set(parsed.map((a) => a.oid))
    if (types.size !== parsed.length) fail(`${where}: identity "${value}" repeats an attribute type`)
    for (const [oid, name] of [
      ['2.5.4.6', 'C'],
      ['2.5.4.8', 'ST'],
      ['2.5.4.10', 'O']
    ] as const) {
      if (!types.has(oid)) fail(`${where}: identity "${value}" must contain C, ST and O (missing ${name})`)
    }
    return { kind: 'x509.subject', raw: value, attributes: parsed }
  }
  if (value.startsWith('arn:')) {
    const arn = parseSigningProfileArn(value)
    if (typeof arn === 'string') fail(`${where}: identity "${value}": ${arn}`)
    return { kind: 'signing-profile', arn: value }
  }
  fail(`${where}: identity "${value}" must be "*", "x509.subject: C=…, ST=…, O=…" or an AWS Signer signing profile ARN`)
}

function parseActions(level: VerificationLevel, override: unknown, where: string): Record<Validation, ValidationAction> {
  const actions = { ...LevelActions[level] }
  if (override === undefined) return actions
  if (level === 'skip') fail(`${where}: level "skip" cannot have an override`)
  if (!isRecord(override)) fail(`${where}: override must be an object`)
  const allowed: Record<string, ValidationAction[]> = {
    authenticity: ['enforce', 'log'],
    authenticTimestamp: ['enforce', 'log'],
    expiry: ['enforce', 'log'],
    revocation: ['enforce', 'log', 'skip']
  }
  for (const [key, value] of Object.entries(override)) {
    const options = allowed[key]
    if (options === undefined)
      fail(`${where}: override key "${key}" is not one of ${Object.keys(allowed).join(', ')} (integrity cannot be overridden)`)
    if (typeof value !== 'string' || !options.includes(value as ValidationAction)) {
      fail(`${where}: override ${key} must be one of ${options.join(', ')}`)
    }
    actions[key as Validation] = value as ValidationAction
  }
  return actions
}

/** Two x509.subject identities overlap when one is a subset of the other (the specification forbids it). */
function overlapping(a: TrustedIdentity, b: TrustedIdentity): boolean {
  if (a.kind !== 'x509.subject' || b.kind !== 'x509.subject') return false
  return subjectMatches(a.attributes, b.attributes) || subjectMatches(b.attributes, a.attributes)
}

function parseStatement(raw: unknown, index: number): TrustStatement {
  if (!isRecord(raw)) fail(`trustPolicies[${index}] is not an object`)
  const name = raw.name
  if (typeof name !== 'string' || !statementName.test(name)) fail(`trustPolicies[${index}].name must match ${statementName.source}`)
  const where = `statement "${name}"`
  const scopes = raw.registryScopes
  if (!Array.isArray(scopes) || scopes.length === 0) fail(`${where}: registryScopes must be a non-empty array`)
  for (const scope of scopes) {
    if (typeof scope !== 'string') fail(`${where}: registryScopes must hold strings`)
    if (scope === '*') {
      if (scopes.length !== 1) fail(`${where}: the global scope "*" must be the only scope of its statement`)
    } else if (!repositoryScope.test(scope)) {
      fail(
        `${where}: registry scope "${scope}" must be a fully qualified repository like registry.example.com/team/app (no wildcard, tag or digest)`
      )
    }
  }
  if (new Set(scopes).size !== scopes.length) fail(`${where}: registryScopes lists a scope twice`)
  const verification = raw.signatureVerification
  if (!isRecord(verification)) fail(`${where}: signatureVerification is required`)
  const level = verification.level
  if (level !== 'strict' && level !== 'permissive' && level !== 'audit' && level !== 'skip') {
    fail(`${where}: signatureVerification.level must be one of strict, permissive, audit, skip`)
  }
  const verifyTimestamp = verification.verifyTimestamp ?? 'always'
  if (verifyTimestamp !== 'always' && verifyTimestamp !== 'afterCertExpiry')
    fail(`${where}: verifyTimestamp must be "always" or "afterCertExpiry"`)
  const actions = parseActions(level, verification.override, where)
  const storesRaw = raw.trustStores ?? []
  const identitiesRaw = raw.trustedIdentities ?? []
  if (!Array.isArray(storesRaw) || !Array.isArray(identitiesRaw)) fail(`${where}: trustStores and trustedIdentities must be arrays`)
  const statement: TrustStatement = {
    name,
    registryScopes: scopes as string[],
    level,
    actions,
    trustStores: [],
    trustedIdentities: [],
    verifyTimestamp
  }
  if (level === 'skip') {
    if (scopes.includes('*')) fail(`${where}: level "skip" cannot be used with the global scope "*"`)
    if (storesRaw.length > 0 || identitiesRaw.length > 0) fail(`${where}: level "skip" must not have trustStores or trustedIdentities`)
    return statement
  }
  if (storesRaw.length === 0) fail(`${where}: trustStores must name at least one store`)
  for (const ref of storesRaw) {
    if (typeof ref !== 'string') fail(`${where}: trustStores must hold strings`)
    const colon = ref.indexOf(':')
    const type = ref.slice(0, colon)
    const storeNamePart = ref.slice(colon + 1)
    if (colon <= 0 || (type !== 'ca' && type !== 'signingAuthority' && type !== 'tsa') || !storeName.test(storeNamePart)) {
      fail(`${where}: trust store "${ref}" must be ca:<name>, signingAuthority:<name> or tsa:<name>`)
    }
    statement.trustStores.push({ type, name: storeNamePart })
  }
  if (identitiesRaw.length === 0) fail(`${where}: trustedIdentities must name at least one identity (or "*")`)
  statement.trustedIdentities = identitiesRaw.map((id, i) => parseIdentity(id, `${where} trustedIdentities[${i}]`))
  if (statement.trustedIdentities.some((id) => id.kind === 'any') && statement.trustedIdentities.length > 1) {
    fail(`${where}: the wildcard identity "*" must be the only identity`)
  }
  for (let i = 0; i < statement.trustedIdentities.length; i++) {
    for (let j = i + 1; j < statement.trustedIdentities.length; j++) {
      const a = statement.trustedIdentities[i] as TrustedIdentity
      const b = statement.trustedIdentities[j] as TrustedIdentity
      if (overlapping(a, b))
        fail(`${where}: trusted identities "${(a as { raw: string }).raw}" and "${(b as { raw: string }).raw}" overlap`)
    }
  }
  return statement
}

/**
 * Parses and validates a trust policy document. Throws `SettingError('trust-policy', …)` naming the
 * statement and the rule that failed.
 */
export function parseTrustPolicy(text: string): TrustStatement[] {
  if (Buffer.byteLength(text) > MaxTrustPolicyBytes) fail(`the file is larger than ${MaxTrustPolicyBytes} bytes`)
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (error) {
    fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (!isRecord(doc)) fail('the document is not a JSON object')
  if (doc.version !== '1.0') fail(`version must be "1.0" (got ${JSON.stringify(doc.version)})`)
  const list = doc.trustPolicies
  if (!Array.isArray(list) || list.length === 0) fail('trustPolicies must be a non-empty array')
  const statements = list.map((raw, i) => parseStatement(raw, i))
  const names = new Set<string>()
  const scopes = new Map<string, string>()
  for (const s of statements) {
    if (names.has(s.name)) fail(`two statements are named "${s.name}"`)
    names.add(s.name)
    for (const scope of s.registryScopes) {
      const other = scopes.get(scope)
      if (other !== undefined) {
        fail(
          scope === '*'
            ? `only one statement may use the global scope "*" ("${other}" and "${s.name}" do)`
            : `scope "${scope}" appears in both "${other}" and "${s.name}"`
        )
      }
      scopes.set(scope, s.name)
    }
  }
  return statements
}

/**
 * The statement that applies to `reference` (`host/repository`): the one whose scopes contain it
 * exactly, else the global one, else none (the caller must then treat the artifact as untrusted).
 */
export function selectStatement(statements: TrustStatement[], reference: string): TrustStatement | undefined {
  return statements.find((s) => s.registryScopes.includes(reference)) ?? statements.find((s) => s.registryScopes.includes('*'))
}
