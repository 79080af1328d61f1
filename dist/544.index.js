export const id = 544;
export const ids = [544];
export const modules = {

/***/ 14544:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_IMAGE_PAGES: () => (/* binding */ MAX_IMAGE_PAGES),
  POSTURE_CHECK_PREFIX: () => (/* binding */ POSTURE_CHECK_PREFIX),
  deniedAction: () => (/* binding */ deniedAction),
  evaluateRule: () => (/* binding */ evaluateRule),
  postureChecks: () => (/* binding */ postureChecks),
  postureReader: () => (/* binding */ postureReader),
  postureResult: () => (/* binding */ postureResult)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(74296);
;// CONCATENATED MODULE: ./src/checks/posture/facts.ts
/**
 * The parsed configuration the posture rules judge: plain data read from ECR by `posture.ts`, so
 * every rule is a pure function over it and is tested with tables.
 */
/** The finding for a fact that could not be read: an `error` naming the IAM action when denied. */
function unreadable(fact, what) {
    return fact.problem === 'denied'
        ? { outcome: 'error', reason: `could not read ${what}: access denied; grant ${fact.action}` }
        : { outcome: 'error', reason: `could not read ${what}: ${fact.message}` };
}
/** ` --registry-id <id>` for a fix command, or nothing. */
function registryFlag(registryId) {
    return registryId !== undefined && registryId !== '' ? ` --registry-id ${registryId}` : '';
}

;// CONCATENATED MODULE: ./src/checks/posture/kms-encryption.ts
/** The key id of a key ARN (`arn:aws:kms:<region>:<account>:key/<id>`), or the text itself. */
function keyId(key) {
    const m = /^arn:aws[a-z-]*:kms:[^:]*:\d{12}:key\/(.+)$/.exec(key);
    return m?.[1] ?? key;
}
/** Whether the repository's key is one of `allowed`: the same ARN, or the same key id in the same account and region. */
function keyAllowed(key, allowed) {
    return allowed.some((a) => a === key || (key.startsWith('arn:') ? false : keyId(a) === key));
}
/** Judges the repository's encryption configuration; `allowedKeys` empty means any KMS key. */
function evaluateKmsEncryption(repo, allowedKeys = []) {
    const type = repo.encryptionType ?? 'AES256';
    const create = `create a repository with aws ecr create-repository --repository-name <new-name> --encryption-configuration encryptionType=KMS,kmsKey=<key-arn> and push the images there`;
    if (type === 'KMS' || type === 'KMS_DSSE') {
        const keyText = repo.kmsKey !== undefined ? `key ${repo.kmsKey}` : 'the AWS managed key aws/ecr';
        if (allowedKeys.length > 0 && (repo.kmsKey === undefined || !keyAllowed(repo.kmsKey, allowedKeys))) {
            return {
                outcome: 'fail',
                reason: `encrypted with ${type} under ${keyText}, which is not in posture-allowed-kms-keys`,
                fix: `encryption cannot be changed on an existing repository: ${create.replace('<key-arn>', allowedKeys[0] ?? '<key-arn>')}, or add the key to posture-allowed-kms-keys if it is trusted`,
                details: allowedKeys.map((k) => `allowed key: ${k}`)
            };
        }
        return {
            outcome: 'pass',
            reason: `encrypted with ${type} (${keyText})${allowedKeys.length > 0 ? ', an allowed key' : ''}`
        };
    }
    if (type === 'AES256') {
        return {
            outcome: 'fail',
            reason: 'encrypted with AES256 (SSE-S3), not a KMS key',
            fix: `encryption cannot be changed on an existing repository: ${create}`
        };
    }
    return { outcome: 'error', reason: `unknown encryptionType '${type}'` };
}

;// CONCATENATED MODULE: ./src/checks/posture/wildcard.ts
/**
 * The two wildcard dialects of ECR filters. Registry scanning filters: a filter without `*` matches
 * every repository name that *contains* it, with `*` it is an anchored glob (ECR user guide, "Filters
 * for scanning"). Tag mutability exclusion filters are anchored globs where `*` is any run.
 */
function globRegExp(pattern) {
    const body = pattern
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
    return new RegExp(`^${body}$`);
}
/** An anchored glob: `*` stands for zero or more characters, everything else is literal. */
function globMatches(pattern, value) {
    return globRegExp(pattern).test(value);
}
/** A registry scanning filter against a repository name (substring without `*`, glob with it). */
function scanFilterMatches(filter, repository) {
    return filter.includes('*') ? globMatches(filter, repository) : repository.includes(filter);
}

;// CONCATENATED MODULE: ./src/checks/posture/lifecycle.ts
/**
 * The ECR lifecycle policy grammar and evaluator, as the ECR user guide describes them ("Lifecycle
 * policy evaluation rules", "Lifecycle policy properties", "Examples of lifecycle policies"):
 *
 * - Rules are applied lowest `rulePriority` first. An image is acted on by exactly one or zero rules:
 *   the first rule (of the image's storage class) whose tag selection it matches owns it, and only
 *   that rule may expire or archive it; a lower-priority rule still *counts* it.
 * - `tagStatus`: `tagged` (with `tagPatternList` globs, at most four `*` each, or `tagPrefixList`;
 *   every entry must match one of the image's tags), `untagged`, `any`.
 * - `imageCountMoreThan N`: the rule's images, youngest first by push time (the restore time for an
 *   image that was archived and restored), beyond the first N; `sinceImagePushed N`: pushed more
 *   than N days ago; `sinceImagePulled N`: last pulled (else restored, else pushed) more than N days
 *   ago, `transition` only; `sinceImageTransitioned N`: archived more than N days ago, `expire` and
 *   the `archive` storage class only.
 *
 * Pure functions over plain data: the texts and images are read by `posture.ts`.
 */

/** Milliseconds in a lifecycle `countUnit` of `days`. */
const DAY_MS = 86_400_000;
const SELECTION_KEYS = new Set(['tagStatus', 'tagPatternList', 'tagPrefixList', 'storageClass', 'countType', 'countUnit', 'countNumber']);
const RULE_KEYS = new Set(['rulePriority', 'description', 'selection', 'action']);
const ACTION_KEYS = new Set(['type', 'targetStorageClass']);
const COUNT_TYPES = ['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'];
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function unknownKey(o, allowed) {
    return Object.keys(o).find((k) => !allowed.has(k));
}
function stringList(v) {
    return Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.length > 0) ? v : undefined;
}
/** One rule, or why the gate cannot read it (`rule N: …`). */
function parseRule(raw, index) {
    const at = `rule ${index + 1}`;
    if (!isObject(raw))
        return `${at} is not an object`;
    const extra = unknownKey(raw, RULE_KEYS);
    if (extra !== undefined)
        return `${at} has the key '${extra}', which the gate does not know`;
    const priority = raw.rulePriority;
    if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1)
        return `${at}: rulePriority must be a positive integer`;
    const where = `rule with priority ${priority}`;
    const sel = raw.selection;
    const act = raw.action;
    if (!isObject(sel))
        return `${where}: 'selection' is missing`;
    if (!isObject(act))
        return `${where}: 'action' is missing`;
    const selExtra = unknownKey(sel, SELECTION_KEYS);
    if (selExtra !== undefined)
        return `${where}: selection key '${selExtra}' is not one the gate knows`;
    const actExtra = unknownKey(act, ACTION_KEYS);
    if (actExtra !== undefined)
        return `${where}: action key '${actExtra}' is not one the gate knows`;
    const tagStatus = sel.tagStatus;
    if (tagStatus !== 'tagged' && tagStatus !== 'untagged' && tagStatus !== 'any')
        return `${where}: tagStatus must be tagged, untagged or any, got ${JSON.stringify(tagStatus)}`;
    const patterns = sel.tagPatternList === undefined ? undefined : stringList(sel.tagPatternList);
    const prefixes = sel.tagPrefixList === undefined ? undefined : stringList(sel.tagPrefixList);
    if (sel.tagPatternList !== undefined && patterns === undefined)
        return `${where}: tagPatternList must be a list of strings`;
    if (sel.tagPrefixList !== undefined && prefixes === undefined)
        return `${where}: tagPrefixList must be a list of strings`;
    if (patterns !== undefined && prefixes !== undefined)
        return `${where}: a rule may use tagPatternList or tagPrefixList, not both`;
    if (tagStatus === 'tagged' && patterns === undefined && prefixes === undefined)
        return `${where}: tagStatus tagged needs a tagPatternList or tagPrefixList`;
    if (tagStatus !== 'tagged' && (patterns !== undefined || prefixes !== undefined))
        return `${where}: tag lists may only be used with tagStatus tagged`;
    const tooWild = patterns?.find((p) => p.split('*').length - 1 > 4);
    if (tooWild !== undefined)
        return `${where}: the pattern '${tooWild}' has more than four wildcards`;
    const countType = COUNT_TYPES.find((c) => c === sel.countType);
    if (countType === undefined)
        return `${where}: countType ${JSON.stringify(sel.countType)} is not one the gate knows`;
    const countNumber = sel.countNumber;
    if (typeof countNumber !== 'number' || !Number.isInteger(countNumber) || countNumber < 1)
        return `${where}: countNumber must be a positive integer`;
    if (countType === 'imageCountMoreThan') {
        if (sel.countUnit !== undefined)
            return `${where}: countUnit cannot be used with imageCountMoreThan`;
    }
    else if (sel.countUnit !== 'days')
        return `${where}: countUnit must be 'days' with ${countType}`;
    const storageClass = sel.storageClass ?? 'standard';
    if (storageClass !== 'standard' && storageClass !== 'archive')
        return `${where}: storageClass must be standard or archive`;
    if ((countType === 'sinceImageTransitioned') !== (storageClass === 'archive'))
        return `${where}: the archive storage class goes with sinceImageTransitioned, and only with it`;
    const action = act.type;
    if (action !== 'expire' && action !== 'transition')
        return `${where}: action type ${JSON.stringify(action)} is not one the gate knows`;
    if (action === 'transition' && act.targetStorageClass !== 'archive')
        return `${where}: a transition needs targetStorageClass archive`;
    if (action === 'expire' && act.targetStorageClass !== undefined)
        return `${where}: targetStorageClass is only for a transition`;
    if (countType === 'sinceImagePulled' && action !== 'transition')
        return `${where}: sinceImagePulled must be used with transition`;
    if (countType === 'sinceImageTransitioned' && action !== 'expire')
        return `${where}: sinceImageTransitioned must be used with expire`;
    if (countType === 'sinceImageTransitioned' && countNumber < 90)
        return `${where}: archived images must be kept for at least 90 days`;
    const rule = {
        priority,
        tagStatus,
        tagPatterns: patterns ?? (prefixes ?? []).map((p) => `${p.replace(/\*/g, '')}*`),
        storageClass,
        countType,
        countNumber,
        action
    };
    if (patterns !== undefined)
        rule.tagList = 'tagPatternList';
    if (prefixes !== undefined) {
        rule.tagList = 'tagPrefixList';
        // A prefix is literal: keep it as a glob only if it has no `*` of its own.
        if (prefixes.some((p) => p.includes('*')))
            return `${where}: tagPrefixList entries are prefixes, without '*'`;
    }
    if (typeof raw.description === 'string')
        rule.description = raw.description;
    return rule;
}
/**
 * Reads a parsed lifecycle policy document: its rules sorted by priority, or why the gate cannot
 * evaluate it (grammar it does not know, or a combination ECR rejects).
 */
function parseLifecycleRules(doc) {
    if (!isObject(doc) || !Array.isArray(doc.rules))
        return { error: "the lifecycle policy has no 'rules' list" };
    const rules = [];
    for (const [i, raw] of doc.rules.entries()) {
        const rule = parseRule(raw, i);
        if (typeof rule === 'string')
            return { error: rule };
        if (rules.some((r) => r.priority === rule.priority))
            return { error: `two rules have the priority ${rule.priority}` };
        rules.push(rule);
    }
    rules.sort((a, b) => a.priority - b.priority);
    for (const cls of ['standard', 'archive']) {
        const of = rules.filter((r) => r.storageClass === cls);
        const anyIndex = of.findIndex((r) => r.tagStatus === 'any');
        if (anyIndex !== -1 && anyIndex !== of.length - 1)
            return { error: `a tagStatus any rule must have the highest rulePriority among the ${cls} rules` };
        if (of.filter((r) => r.tagStatus === 'untagged').length > 1)
            return { error: `only one ${cls} rule may select untagged images` };
    }
    return { rules };
}
/** Whether `rule`'s tag selection matches an image with `tags` (storage class aside). */
function selectsTags(rule, tags) {
    if (rule.tagStatus === 'any')
        return true;
    if (rule.tagStatus === 'untagged')
        return tags.length === 0;
    return tags.length > 0 && rule.tagPatterns.every((p) => tags.some((t) => globMatches(p, t)));
}
/** `archive` for an archived image, `standard` otherwise. */
function storageClassOf(image) {
    return image.status === 'ARCHIVED' ? 'archive' : 'standard';
}
/** Whether `rule` selects `image`: its storage class and its tags. */
function selects(rule, image) {
    return rule.storageClass === storageClassOf(image) && selectsTags(rule, image.tags);
}
/** The push time lifecycle counts order by: the restore time for an image archived and restored. */
function orderTime(image) {
    return image.lastActivatedAt ?? image.pushedAt;
}
/** The time a `since*` rule measures from, or `undefined` (count rules). */
function sinceTime(rule, image) {
    switch (rule.countType) {
        case 'sinceImagePushed':
            return image.pushedAt;
        case 'sinceImagePulled': {
            const pulled = image.lastPulledAt;
            const activated = image.lastActivatedAt;
            if (activated !== undefined && (pulled === undefined || pulled < activated))
                return activated;
            return pulled ?? image.pushedAt;
        }
        case 'sinceImageTransitioned':
            return image.lastArchivedAt;
        case 'imageCountMoreThan':
            return undefined;
    }
}
/** The rule that may act on `image`: the first, by priority, that selects it. */
function ownerRule(rules, image) {
    return rules.find((r) => selects(r, image));
}
/** The images `rule` selects, youngest first (the order `imageCountMoreThan` counts in). */
function rankedCandidates(rule, images) {
    return images.filter((i) => selects(rule, i)).sort((a, b) => orderTime(b) - orderTime(a));
}
/** Whether `rule` finds `image` eligible at `at` (ms), among `candidates` (ranked youngest first). */
function eligible(rule, image, candidates, at) {
    if (rule.countType === 'imageCountMoreThan')
        return candidates.indexOf(image) >= rule.countNumber;
    const since = sinceTime(rule, image);
    return since !== undefined && at - since > rule.countNumber * DAY_MS;
}
/**
 * What the policy does at time `at` (ms): each image acted on, with the rule that acts. A rule acts
 * only on the images it owns; it counts every image it selects (ECR's "can still identify them").
 */
function applyLifecycle(rules, images, at) {
    const marked = new Map();
    for (const rule of rules) {
        const candidates = rankedCandidates(rule, images);
        for (const image of candidates) {
            if (marked.has(image.digest) || ownerRule(rules, image) !== rule)
                continue;
            if (eligible(rule, image, candidates, at))
                marked.set(image.digest, rule);
        }
    }
    return marked;
}
/** `rule 2 ("Expire untagged")`. */
function ruleName(rule) {
    return `rule ${rule.priority}${rule.description !== undefined && rule.description !== '' ? ` ("${rule.description.slice(0, 80)}")` : ''}`;
}
/** What `rule` selects, in words: `untagged images`, `images tagged prod*`. */
function selectionText(rule) {
    const cls = rule.storageClass === 'archive' ? 'archived ' : '';
    if (rule.tagStatus === 'any')
        return `all ${cls}images`;
    if (rule.tagStatus === 'untagged')
        return `untagged ${cls}images`;
    const list = rule.tagList === 'tagPrefixList' ? rule.tagPatterns.map((p) => p.slice(0, -1)) : rule.tagPatterns;
    return `${cls}images tagged ${rule.tagList === 'tagPrefixList' ? 'with the prefix ' : ''}${list.join(' and ')}`;
}
/** What `rule` keeps or measures, in words: `more than 5 images`, `pushed more than 14 days ago`. */
function countText(rule) {
    switch (rule.countType) {
        case 'imageCountMoreThan':
            return `beyond the newest ${rule.countNumber}`;
        case 'sinceImagePushed':
            return `pushed more than ${rule.countNumber} days ago`;
        case 'sinceImagePulled':
            return `not pulled for more than ${rule.countNumber} days`;
        case 'sinceImageTransitioned':
            return `archived more than ${rule.countNumber} days ago`;
    }
}

// EXTERNAL MODULE: ./src/checks/posture/rules.ts
var posture_rules = __webpack_require__(83789);
;// CONCATENATED MODULE: ./src/checks/posture/lifecycle-policy.ts
/**
 * `lifecycle-policy` (Security Hub ECR.3): a lifecycle policy exists and its text is a policy the gate
 * can read (JSON with a `rules` list). A text that does not parse is an `error`, never a pass.
 */


/** Longest lifecycle policy text ECR stores (GetLifecyclePolicy `lifecyclePolicyText`). */
const MAX_LIFECYCLE_POLICY_CHARS = 30_720;
/** Judges the repository's lifecycle policy text; `undefined` means the repository has none. */
function evaluateLifecyclePolicy(text, repository, registryId) {
    const fix = `aws ecr put-lifecycle-policy --repository-name ${repository}${registryFlag(registryId)} --lifecycle-policy-text file://lifecycle-policy.json`;
    if (text === undefined)
        return { outcome: 'fail', reason: 'the repository has no lifecycle policy', fix };
    const read = (0,posture_rules/* parsePolicyText */.XL)(text, MAX_LIFECYCLE_POLICY_CHARS, 'lifecycle policy');
    if (!('value' in read))
        return read;
    const parsed = read.value;
    const rules = typeof parsed === 'object' && parsed !== null ? parsed.rules : undefined;
    if (!Array.isArray(rules))
        return { outcome: 'error', reason: "the lifecycle policy has no 'rules' list" };
    if (rules.length === 0)
        return { outcome: 'fail', reason: 'the lifecycle policy has no rules', fix };
    return { outcome: 'pass', reason: `a lifecycle policy with ${rules.length} rule(s) is set` };
}

;// CONCATENATED MODULE: ./src/checks/posture/lifecycle-expiry.ts
/**
 * `lifecycle-expiry`: will the repository's lifecycle policy expire (or archive, which makes pulls
 * fail) the deployed digest now or within the horizon (`lifecycle-horizon-days`)? An ECS service
 * that runs it then fails to pull it on its next scale-out. The policy is evaluated as ECR does
 * (`lifecycle.ts`) over the repository's images; for an index, its platform manifests are judged
 * too (ECR documents that it expires no manifest an index references before the index itself).
 *
 * - A `since*` rule that owns the digest gives an exact date: the reference time plus N days (ECR
 *   acts within 24 hours after that). The deploy pulls the image, so `sinceImagePulled` counts from now
 *   (the date holds if nothing pulls it again).
 * - An `imageCountMoreThan` rule expires the digest after K more pushes it selects; when the last
 *   horizon saw at least K such pushes, expiry within the horizon is predicted (an estimate).
 * - A mutable deployed tag (e.g. `latest`) that moves to a newer image leaves the digest without it;
 *   when the policy would then expire it within the horizon, the rule warns.
 */




/** Default `lifecycle-horizon-days`. */
const DEFAULT_HORIZON_DAYS = 30;
const lifecycle_expiry_short = (digest) => digest.replace(/^sha256:/, '').slice(0, 12);
function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
}
/** Whether and when `subject` is acted on within the horizon. */
function predict(rules, images, subject, input) {
    const horizon = input.now + input.horizonDays * DAY_MS;
    const now = applyLifecycle(rules, images, input.now).get(subject.digest);
    if (now !== undefined)
        return { rule: now };
    const later = applyLifecycle(rules, images, horizon).get(subject.digest);
    if (later !== undefined) {
        const since = sinceTime(later, subject);
        return since !== undefined ? { rule: later, at: since + later.countNumber * DAY_MS } : { rule: later, at: horizon };
    }
    const owner = ownerRule(rules, subject);
    if (owner?.countType !== 'imageCountMoreThan')
        return undefined;
    const ranked = rankedCandidates(owner, images);
    const more = owner.countNumber - ranked.indexOf(subject);
    const from = input.now - input.horizonDays * DAY_MS;
    const recent = ranked.filter((i) => (i.lastActivatedAt ?? i.pushedAt) > from).length;
    if (recent < more)
        return undefined;
    return {
        rule: owner,
        at: horizon,
        estimate: `${more} more push(es) of ${selectionText(owner)} expire it, and the last ${input.horizonDays} days saw ${recent}`
    };
}
function whenText(p, now) {
    if (p.at === undefined)
        return 'now (ECR acts within 24 hours)';
    if (p.estimate !== undefined)
        return `within ${Math.round((p.at - now) / DAY_MS)} days at the recent push rate (${p.estimate})`;
    const days = Math.max(0, Math.ceil((p.at - now) / DAY_MS));
    return `on ${isoDay(p.at)}, in ${days} day(s) (ECR acts within 24 hours after)`;
}
function actionText(rule) {
    return rule.action === 'expire' ? 'expired (deleted)' : 'archived (pulls fail until it is restored)';
}
/** Judges whether the lifecycle policy will expire or archive the deployed image within the horizon. */
function evaluateLifecycleExpiry(input) {
    if (input.text === undefined)
        return { outcome: 'pass', reason: 'the repository has no lifecycle policy, so none expires the image' };
    const read = (0,posture_rules/* parsePolicyText */.XL)(input.text, MAX_LIFECYCLE_POLICY_CHARS, 'lifecycle policy');
    if (!('value' in read))
        return read;
    const parsed = parseLifecycleRules(read.value);
    if ('error' in parsed)
        return { outcome: 'error', reason: `cannot evaluate the lifecycle policy: ${parsed.error}` };
    const { rules } = parsed;
    // The deploy itself pulls the image and its platform manifests now: a sinceImagePulled rule counts from here.
    const pulledNow = new Set([input.digest, ...input.platforms]);
    const images = input.images.map((i) => pulledNow.has(i.digest) && i.status !== 'ARCHIVED' && (i.lastPulledAt ?? 0) < input.now ? { ...i, lastPulledAt: input.now } : i);
    const byDigest = new Map(images.map((i) => [i.digest, i]));
    const deployed = byDigest.get(input.digest);
    if (deployed === undefined) {
        return {
            outcome: 'error',
            reason: `DescribeImages did not list the deployed digest ${input.digest} among the repository's ${images.length} image(s)`
        };
    }
    const repoFlags = `--repository-name ${input.repository}${registryFlag(input.registryId)}`;
    if (deployed.status === 'ARCHIVED' || deployed.status === 'ACTIVATING') {
        return {
            outcome: 'fail',
            reason: `the image is ${deployed.status === 'ARCHIVED' ? 'archived' : 'being restored from the archive'}: pulls fail until it is active`,
            fix: `aws ecr update-image-storage-class ${repoFlags} --image-id imageDigest=${input.digest} --target-storage-class STANDARD`
        };
    }
    const fixFor = (rule, untagged) => `${untagged ? 'give the digest a tag no expiring rule selects (aws ecr put-image --image-tag <tag> with its manifest)' : `keep the image out of ${ruleName(rule)}`}, or change the policy: aws ecr put-lifecycle-policy ${repoFlags} --lifecycle-policy-text file://lifecycle-policy.json`;
    const details = [];
    const main = predict(rules, images, deployed, input);
    const children = input.platforms.flatMap((d) => {
        const child = byDigest.get(d);
        if (child === undefined)
            return [];
        const p = predict(rules, images, child, input);
        return p === undefined ? [] : [{ digest: d, prediction: p }];
    });
    for (const c of children)
        details.push(`platform manifest ${lifecycle_expiry_short(c.digest)}: ${ruleName(c.prediction.rule)} (${selectionText(c.prediction.rule)} ${countText(c.prediction.rule)}) selects it ${whenText(c.prediction, input.now)}`);
    if (main !== undefined) {
        const { rule } = main;
        return {
            outcome: 'fail',
            reason: `${ruleName(rule)} (${selectionText(rule)} ${countText(rule)}) will have the deployed digest ${actionText(rule)} ${whenText(main, input.now)}`,
            fix: fixFor(rule, deployed.tags.length === 0),
            details
        };
    }
    if (input.mutableTag !== undefined && deployed.tags.includes(input.mutableTag)) {
        const moved = { ...deployed, tags: deployed.tags.filter((t) => t !== input.mutableTag) };
        const after = predict(rules, images.map((i) => (i === deployed ? moved : i)), moved, input);
        if (after !== undefined) {
            const { rule } = after;
            return {
                outcome: 'warn',
                reason: `tag '${input.mutableTag}' is mutable: once it moves to another image, ${ruleName(rule)} (${selectionText(rule)} ${countText(rule)}) will have the deployed digest ${actionText(rule)} ${whenText(after, input.now)}`,
                fix: `deploy by digest or by an immutable tag (aws ecr put-image-tag-mutability ${repoFlags} --image-tag-mutability IMMUTABLE), or keep the image out of ${ruleName(rule)}`,
                details
            };
        }
    }
    const owner = ownerRule(rules, deployed);
    const kept = owner === undefined
        ? 'no rule selects it'
        : `${ruleName(owner)} (${selectionText(owner)} ${countText(owner)}) does not reach it within ${input.horizonDays} days`;
    if (children.length > 0) {
        return {
            outcome: 'warn',
            reason: `${kept}, but ${children.length} of its platform manifests would be eligible; ECR documents that it keeps manifests an index references while the index exists`,
            details
        };
    }
    return { outcome: 'pass', reason: `not expired or archived within ${input.horizonDays} days: ${kept}`, details };
}

;// CONCATENATED MODULE: ./src/checks/posture/managed-signing.ts
/**
 * `managed-signing`: ECR managed signing (2025) signs images at push with an AWS Signer profile when
 * a rule of the registry's signing configuration covers the repository (no filters: every
 * repository; `WILDCARD_MATCH` filters are anchored globs where `*` is any run). The rule passes
 * when a rule covers the repository and the deployed image's signing status is `COMPLETE` for every
 * profile that covers it. The signing configuration describes only the caller's own registry, so
 * another account's repository is `unknown`.
 */


/** The profiles whose rule covers `repository`. */
function signingProfilesFor(config, repository) {
    return [
        ...new Set(config.rules
            .filter((r) => r.filters.length === 0 || r.filters.some((f) => globMatches(f, repository)))
            .map((r) => r.signingProfileArn))
    ];
}
/**
 * Judges managed signing: `config` is the caller's registry configuration, `statuses` the image's
 * signing statuses (read only when a rule covers the repository; `undefined` otherwise).
 */
function evaluateManagedSigning(config, registryId, repository, digest, statuses) {
    if (config.registryId !== registryId) {
        return {
            outcome: 'unknown',
            reason: `unknown: the signing configuration of registry ${registryId} is not readable from this account (${config.registryId})`
        };
    }
    const profiles = signingProfilesFor(config, repository);
    if (profiles.length === 0) {
        return {
            outcome: 'fail',
            reason: config.rules.length === 0
                ? 'the registry has no managed signing configuration, so images are not signed at push'
                : `no managed signing rule of the registry covers the repository (${config.rules.length} rule(s))`,
            fix: `aws ecr put-signing-configuration --signing-configuration '{"rules":[{"signingProfileArn":"<signer-profile-arn>","repositoryFilters":[{"filterType":"WILDCARD_MATCH","filter":"${repository}"}]}]}' (this replaces the existing rules: include them), then push the image again`
        };
    }
    const list = statuses ?? [];
    const details = list.map((s) => `${s.signingProfileArn}: ${s.status}${s.failureReason !== undefined ? ` (${s.failureReason})` : ''}`);
    const problems = profiles.flatMap((arn) => {
        const s = list.find((x) => x.signingProfileArn === arn);
        if (s === undefined)
            return [`no signature with ${arn} (the image was pushed before signing covered the repository)`];
        if (s.status === 'COMPLETE')
            return [];
        if (s.status === 'IN_PROGRESS')
            return [`signing with ${arn} is still in progress`];
        return [
            `signing with ${arn} ${s.status === 'FAILED' ? 'failed' : `is ${s.status}`}${s.failureReason !== undefined ? `: ${s.failureReason}` : ''}`
        ];
    });
    if (problems.length === 0)
        return { outcome: 'pass', reason: `managed signing is complete for ${profiles.length} signing profile(s)`, details };
    return {
        outcome: 'fail',
        reason: problems.join('; '),
        fix: `check with aws ecr describe-image-signing-status --repository-name ${repository}${registryFlag(registryId)} --image-id imageDigest=${digest}; push the image again once the pushing identity may sign with the profile (signer:SignPayload)`,
        details
    };
}

;// CONCATENATED MODULE: ./src/checks/posture/pull-through-cache.ts
/** The rule that caches `repository`: the longest matching prefix, else `ROOT`. */
function cacheRuleFor(rules, repository) {
    const named = rules
        .filter((r) => r.prefix !== 'ROOT')
        .map((r) => ({ r, p: r.prefix.replace(/\/+$/, '') }))
        .filter(({ p }) => p !== '' && (repository === p || repository.startsWith(`${p}/`)))
        .sort((a, b) => b.p.length - a.p.length);
    const best = named[0];
    if (best !== undefined)
        return { rule: best.r, root: false };
    const root = rules.find((r) => r.prefix === 'ROOT');
    return root !== undefined ? { rule: root, root: true } : undefined;
}
/** Whether `rule`'s upstream is one of `allowed` (registry URLs or upstream registry types, any case). */
function upstreamAllowed(rule, allowed) {
    const wanted = new Set(allowed.map((a) => a.toLowerCase()));
    return (wanted.has(rule.upstreamRegistryUrl.toLowerCase()) ||
        (rule.upstreamRegistry !== undefined && wanted.has(rule.upstreamRegistry.toLowerCase())));
}
/** Judges whether the repository is a pull-through cache, and of what. */
function evaluatePullThroughCache(rules, repository, allowedUpstreams) {
    const hit = cacheRuleFor(rules, repository);
    if (hit === undefined)
        return { outcome: 'pass', reason: 'not a pull-through cache repository' };
    const { rule, root } = hit;
    const upstream = `${rule.upstreamRegistryUrl}${rule.upstreamRepositoryPrefix !== undefined && rule.upstreamRepositoryPrefix !== 'ROOT' ? `/${rule.upstreamRepositoryPrefix}` : ''}`;
    const via = root
        ? 'possibly cached (the ROOT rule covers every repository no other rule does)'
        : `cached by the rule for prefix '${rule.prefix}'`;
    const details = [`upstream: ${upstream}${rule.upstreamRegistry !== undefined ? ` (${rule.upstreamRegistry})` : ''}`];
    if (upstreamAllowed(rule, allowedUpstreams))
        return { outcome: 'pass', reason: `${via} from ${upstream}, an allowed upstream`, details };
    const fix = `add ${rule.upstreamRegistryUrl} to posture-allowed-upstreams if it is trusted, or deploy from a repository that is not a cache of it`;
    return { outcome: root ? 'warn' : 'fail', reason: `${via} from ${upstream}, which is not in posture-allowed-upstreams`, fix, details };
}

;// CONCATENATED MODULE: ./src/checks/posture/repository-policy.ts
/**
 * `repository-policy`: the repository policy grants nothing to the public and push to no account
 * outside the allowed ones. Judged statement by statement:
 *
 * - **Public**: an Allow to `*`, `{"AWS":"*"}`, `arn:aws:iam::*:root`, `{"CanonicalUser":"*"}`, or an
 *   Allow with `NotPrincipal`, unless a condition restricts it to fixed values of a key that names
 *   who may call (`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceVpce`, …) — a wildcard, a
 *   policy variable or an `…IfExists` operator restricts nothing.
 * - **Push**: an Allow of a push-type action (`ecr:PutImage`, the layer upload actions,
 *   `ecr:BatchDeleteImage`, `ecr:SetRepositoryPolicy`, … or a wildcard that covers one, or
 *   `NotAction` that leaves one) to an account other than the repository's own and the allowed
 *   ones; a principal restricted by `aws:PrincipalOrgID` to the allowed organisation is inside.
 *
 * Deny statements only take away, so they are not judged. No policy is private: a pass.
 */



/** Longest repository policy text ECR stores (GetRepositoryPolicy `policyText`). */
const MAX_REPOSITORY_POLICY_CHARS = 10_240;
/** Actions that change what the repository holds or who may change it. */
const PUSH_ACTIONS = [
    'ecr:PutImage',
    'ecr:InitiateLayerUpload',
    'ecr:UploadLayerPart',
    'ecr:CompleteLayerUpload',
    'ecr:BatchDeleteImage',
    'ecr:SetRepositoryPolicy',
    'ecr:DeleteRepositoryPolicy',
    'ecr:DeleteRepository',
    'ecr:PutImageTagMutability',
    'ecr:PutLifecyclePolicy',
    'ecr:DeleteLifecyclePolicy',
    'ecr:BatchImportUpstreamImage',
    'ecr:ReplicateImage'
];
/** Condition keys that restrict who the caller is, or where from (lower case). */
const RESTRICTING_KEYS = new Set([
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:userid'
].map((k) => k.toLowerCase()));
/** Operators whose fixed values restrict (lower case; `ForAnyValue:`/`ForAllValues:` prefixes are stripped). */
const RESTRICTING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
const repository_policy_isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const fixed = (v) => typeof v === 'string' && v.length > 0 && !/[*?]|\$\{/.test(v);
/** The condition keys (lower case) a statement restricts to fixed values, with those values. */
function restrictions(condition) {
    const out = new Map();
    if (!repository_policy_isObject(condition))
        return out;
    for (const [operator, block] of Object.entries(condition)) {
        const op = operator.toLowerCase().replace(/^for(?:anyvalue|allvalues):/, '');
        if (!RESTRICTING_OPERATORS.has(op) || !repository_policy_isObject(block))
            continue;
        for (const [key, value] of Object.entries(block)) {
            const values = list(value);
            if (values.length === 0 || !values.every(fixed))
                continue;
            const k = key.toLowerCase();
            if (RESTRICTING_KEYS.has(k))
                out.set(k, [...(out.get(k) ?? []), ...values]);
        }
    }
    return out;
}
/** The principals of an Allow: `public` for anyone, plus the account ids named. */
function principals(statement) {
    if (statement.NotPrincipal !== undefined)
        return { public: true, accounts: [], others: [] };
    const p = statement.Principal;
    if (p === '*')
        return { public: true, accounts: [], others: [] };
    const result = { public: false, accounts: [], others: [] };
    if (!repository_policy_isObject(p))
        return result;
    for (const [type, value] of Object.entries(p)) {
        for (const v of list(value)) {
            if (typeof v !== 'string')
                continue;
            if (type === 'AWS') {
                if (v === '*' || /^arn:aws[a-z-]*:iam::\*:/.test(v))
                    result.public = true;
                else {
                    const account = /^(\d{12})$/.exec(v)?.[1] ?? /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(v)?.[1];
                    if (account !== undefined)
                        result.accounts.push(account);
                    else
                        result.others.push(v);
                }
            }
            else if (type === 'CanonicalUser' && v === '*')
                result.public = true;
            else
                result.others.push(`${type}:${v}`);
        }
    }
    return result;
}
/** Push-type actions an Allow grants, through `Action` patterns or what `NotAction` leaves. */
function pushActionsOf(statement) {
    const matches = (pattern, action) => typeof pattern === 'string' && globMatches(pattern.toLowerCase(), action.toLowerCase());
    if (statement.NotAction !== undefined) {
        const excluded = list(statement.NotAction);
        return PUSH_ACTIONS.filter((a) => !excluded.some((p) => matches(p, a)));
    }
    const actions = list(statement.Action);
    return PUSH_ACTIONS.filter((a) => actions.some((p) => matches(p, a)));
}
/** Judges one repository policy text; `undefined` means the repository has none. */
function evaluateRepositoryPolicy(text, repository, trust) {
    if (text === undefined)
        return { outcome: 'pass', reason: 'no repository policy: only the account itself has access' };
    const read = (0,posture_rules/* parsePolicyText */.XL)(text, MAX_REPOSITORY_POLICY_CHARS, 'repository policy');
    if (!('value' in read))
        return read;
    const parsed = read.value;
    if (!repository_policy_isObject(parsed) || (!Array.isArray(parsed.Statement) && !repository_policy_isObject(parsed.Statement))) {
        return { outcome: 'error', reason: "the repository policy has no 'Statement'" };
    }
    const statements = list(parsed.Statement);
    const allowedAccounts = new Set([trust.ownAccount, ...trust.allowedAccounts]);
    const details = [];
    const problems = [];
    statements.forEach((raw, i) => {
        const label = `statement ${i + 1}${repository_policy_isObject(raw) && typeof raw.Sid === 'string' ? ` (${raw.Sid})` : ''}`;
        if (!repository_policy_isObject(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) {
            problems.push(`${label}: not a statement the gate can read`);
            details.push(`${label}: unreadable`);
            return;
        }
        if (raw.Effect === 'Deny') {
            details.push(`${label}: Deny, only takes access away`);
            return;
        }
        const who = principals(raw);
        const limits = restrictions(raw.Condition);
        const push = pushActionsOf(raw);
        const orgs = limits.get('aws:principalorgid') ?? [];
        const inAllowedOrg = trust.allowedOrg !== undefined && orgs.length > 0 && orgs.every((o) => o === trust.allowedOrg);
        const limitedAccounts = limits.get('aws:principalaccount');
        const inAllowedAccounts = limitedAccounts !== undefined && limitedAccounts.every((a) => allowedAccounts.has(a));
        const own = [];
        if (who.public && limits.size === 0) {
            problems.push(`${label} allows ${raw.NotPrincipal !== undefined ? 'everyone but NotPrincipal' : 'a public principal'} with no restricting condition`);
            own.push('public');
        }
        if (push.length > 0 && !inAllowedOrg && !inAllowedAccounts) {
            const outside = who.public ? ['any account'] : who.accounts.filter((a) => !allowedAccounts.has(a));
            if (outside.length > 0) {
                problems.push(`${label} allows push-type actions (${push.slice(0, 4).join(', ')}${push.length > 4 ? ', …' : ''}) to ${outside.join(', ')}, outside the allowed accounts`);
                own.push('cross-account push');
            }
        }
        details.push(`${label}: ${own.length > 0 ? own.join(' and ') : 'ok'}`);
    });
    const fix = `remove or restrict the statements: aws ecr set-repository-policy --repository-name ${repository}${registryFlag(trust.ownAccount)} --policy-text file://policy.json (or aws ecr delete-repository-policy)`;
    if (problems.length > 0)
        return { outcome: 'fail', reason: problems.join('; '), fix, details };
    return {
        outcome: 'pass',
        reason: `${statements.length} statement(s), none public or granting push outside the allowed accounts`,
        details
    };
}

;// CONCATENATED MODULE: ./src/checks/posture/scan-configured.ts

/** The scanning the repository gets, as a frequency, and the filter that gave it. */
function effectiveScanFrequency(scanning, repository, repoScanOnPush) {
    const match = (frequency) => {
        for (const rule of scanning.rules) {
            if (rule.frequency !== frequency)
                continue;
            const hit = rule.filters.find((f) => scanFilterMatches(f, repository));
            if (hit !== undefined)
                return hit;
        }
        return undefined;
    };
    if (scanning.scanType === 'ENHANCED') {
        const continuous = match('CONTINUOUS_SCAN');
        if (continuous !== undefined)
            return { frequency: 'CONTINUOUS_SCAN', via: `registry filter '${continuous}'` };
    }
    const onPush = match('SCAN_ON_PUSH');
    if (onPush !== undefined)
        return { frequency: 'SCAN_ON_PUSH', via: `registry filter '${onPush}'` };
    if (scanning.scanType !== 'ENHANCED' && repoScanOnPush === true)
        return { frequency: 'SCAN_ON_PUSH', via: "the repository's own scan-on-push setting" };
    return { frequency: 'MANUAL' };
}
/** Judges whether the repository is covered by scanning. */
function evaluateScanConfigured(scanning, repo) {
    if (scanning.registryId !== repo.registryId) {
        return {
            outcome: 'unknown',
            reason: `unknown: the scanning configuration of registry ${repo.registryId} is not readable from this account (${scanning.registryId})`
        };
    }
    if (scanning.scanType !== 'ENHANCED' && scanning.scanType !== 'BASIC') {
        return { outcome: 'error', reason: `unknown registry scan type '${scanning.scanType}'` };
    }
    const { frequency, via } = effectiveScanFrequency(scanning, repo.name, repo.scanOnPush);
    if (frequency !== 'MANUAL')
        return { outcome: 'pass', reason: `${scanning.scanType.toLowerCase()} scanning, ${frequency} by ${via ?? 'the registry'}` };
    const freq = scanning.scanType === 'ENHANCED' ? 'CONTINUOUS_SCAN' : 'SCAN_ON_PUSH';
    return {
        outcome: 'fail',
        reason: `no ${scanning.scanType.toLowerCase()} scanning rule of the registry matches the repository, so its images are not scanned on push`,
        fix: `aws ecr put-registry-scanning-configuration --scan-type ${scanning.scanType} --rules '[{"scanFrequency":"${freq}","repositoryFilters":[{"filter":"${repo.name}","filterType":"WILDCARD"}]}]' (this replaces the existing rules: include them)`
    };
}

;// CONCATENATED MODULE: ./src/checks/posture/tag-immutability.ts
/**
 * `tag-immutability` (Security Hub ECR.2): a tag that can be re-pointed lets a deploy by tag run
 * bytes nobody checked. `IMMUTABLE` passes; `IMMUTABLE_WITH_EXCLUSION` warns, and fails when the
 * deployed tag matches an exclusion filter (that tag is mutable); `MUTABLE` and
 * `MUTABLE_WITH_EXCLUSION` fail.
 */


/** Judges the repository's tag mutability; `tag` is the deployed tag, when the image was named by one. */
function evaluateTagImmutability(repo, tag) {
    const mode = repo.tagMutability ?? 'MUTABLE';
    const fix = `aws ecr put-image-tag-mutability --repository-name ${repo.name}${registryFlag(repo.registryId)} --image-tag-mutability IMMUTABLE`;
    switch (mode) {
        case 'IMMUTABLE':
            return { outcome: 'pass', reason: 'tags are immutable' };
        case 'IMMUTABLE_WITH_EXCLUSION': {
            const filters = repo.exclusionFilters;
            const hit = tag !== undefined ? filters.find((f) => globMatches(f, tag)) : undefined;
            const details = filters.map((f) => `exclusion filter: ${f}`);
            if (hit !== undefined) {
                return { outcome: 'fail', reason: `tag '${tag}' matches the exclusion filter '${hit}', so it is mutable`, fix, details };
            }
            return {
                outcome: 'warn',
                reason: `tags are immutable except those matching ${filters.length} exclusion filter(s): ${filters.join(', ') || 'none listed'}`,
                fix,
                details
            };
        }
        case 'MUTABLE':
        case 'MUTABLE_WITH_EXCLUSION':
            return { outcome: 'fail', reason: `tags are mutable (${mode}): a tag can be moved to other bytes after the gate checked it`, fix };
        default:
            return { outcome: 'error', reason: `unknown imageTagMutability '${mode}'` };
    }
}

;// CONCATENATED MODULE: ./src/checks/posture/posture.ts












/** Pages of DescribePullThroughCacheRules read at most (1000 rules a page). */
const MAX_CACHE_RULE_PAGES = 10;
/** Pages of DescribeImages read at most for `lifecycle-expiry` (1000 images a page; ECR's default quota is 20,000 images a repository). */
const MAX_IMAGE_PAGES = 20;
const IMAGES_PER_PAGE = 1000;
/** Check ids are `posture/<rule>`. */
const POSTURE_CHECK_PREFIX = 'posture/';
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'UnauthorizedException', 'NotAuthorized']);
/** The IAM action a denied call names (`not authorized to perform: ecr:GetLifecyclePolicy`), else `fallback`. */
function deniedAction(error, fallback) {
    const texts = [(0,errors/* errorMessage */.gJ)(error)];
    if (error instanceof Error && error.cause !== undefined)
        texts.push((0,errors/* errorMessage */.gJ)(error.cause));
    for (const text of texts) {
        const m = /not authorized to perform:? ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(text);
        if (m?.[1] !== undefined)
            return m[1];
    }
    return fallback;
}
function codeOf(error) {
    if (error instanceof errors/* AwsCallError */.iQ)
        return error.code;
    return error instanceof Error ? error.name : '';
}
/** Reads `load`, turning the not-found `none` code into `undefined` and every other failure into a problem. */
async function read(load, action, none) {
    try {
        return { ok: true, value: await load() };
    }
    catch (error) {
        const code = codeOf(error);
        if (none !== undefined && code === none)
            return { ok: true, value: undefined };
        if (ACCESS_DENIED.has(code))
            return { ok: false, problem: 'denied', action: deniedAction(error, action), message: (0,errors/* errorMessage */.gJ)(error) };
        return { ok: false, problem: 'failed', action, message: (0,errors/* errorMessage */.gJ)(error) };
    }
}
const ms = (d) => (d instanceof Date ? d.getTime() : undefined);
/** A `PostureReader` over the ECR port of one region, caching every read for the whole run. */
function postureReader(ecr, signal) {
    const cache = new Map();
    const once = (key, load) => {
        let hit = cache.get(key);
        if (hit === undefined) {
            hit = load();
            cache.set(key, hit);
        }
        return hit;
    };
    const options = signal !== undefined ? { signal } : {};
    const repoKey = (image) => `${image.registryId}/${image.repository}`;
    return {
        repository: (image) => once(`repo:${repoKey(image)}`, async () => {
            const fact = await read(() => ecr.describeRepositories({ registryId: image.registryId, repositoryNames: [image.repository] }, options), 'ecr:DescribeRepositories');
            if (!fact.ok)
                return fact;
            const r = fact.value?.repositories?.find((x) => x.repositoryName === image.repository);
            if (r === undefined)
                return {
                    ok: false,
                    problem: 'failed',
                    action: 'ecr:DescribeRepositories',
                    message: `DescribeRepositories did not return ${image.repository}`
                };
            const value = {
                registryId: r.registryId ?? image.registryId,
                name: image.repository,
                exclusionFilters: (r.imageTagMutabilityExclusionFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
            };
            if (r.imageTagMutability !== undefined)
                value.tagMutability = r.imageTagMutability;
            if (r.encryptionConfiguration?.encryptionType !== undefined)
                value.encryptionType = r.encryptionConfiguration.encryptionType;
            if (r.encryptionConfiguration?.kmsKey !== undefined)
                value.kmsKey = r.encryptionConfiguration.kmsKey;
            if (r.imageScanningConfiguration?.scanOnPush !== undefined)
                value.scanOnPush = r.imageScanningConfiguration.scanOnPush;
            return { ok: true, value };
        }),
        lifecyclePolicy: (image) => once(`lifecycle:${repoKey(image)}`, async () => {
            const fact = await read(() => ecr.getLifecyclePolicy({ registryId: image.registryId, repositoryName: image.repository }, options), 'ecr:GetLifecyclePolicy', 'LifecyclePolicyNotFoundException');
            return fact.ok ? { ok: true, value: fact.value?.lifecyclePolicyText } : fact;
        }),
        repositoryPolicy: (image) => once(`policy:${repoKey(image)}`, async () => {
            const fact = await read(() => ecr.getRepositoryPolicy({ registryId: image.registryId, repositoryName: image.repository }, options), 'ecr:GetRepositoryPolicy', 'RepositoryPolicyNotFoundException');
            return fact.ok ? { ok: true, value: fact.value?.policyText } : fact;
        }),
        cacheRules: (image) => once(`cache-rules:${image.registryId}`, async () => {
            const rules = [];
            let nextToken;
            for (let page = 0; page < MAX_CACHE_RULE_PAGES; page++) {
                const fact = await read(() => ecr.describePullThroughCacheRules({ registryId: image.registryId, ...(nextToken !== undefined ? { nextToken } : {}) }, options), 'ecr:DescribePullThroughCacheRules', 'PullThroughCacheRuleNotFoundException');
                if (!fact.ok)
                    return fact;
                for (const r of fact.value?.pullThroughCacheRules ?? []) {
                    if (r.ecrRepositoryPrefix === undefined || r.upstreamRegistryUrl === undefined)
                        continue;
                    const rule = { prefix: r.ecrRepositoryPrefix, upstreamRegistryUrl: r.upstreamRegistryUrl };
                    if (r.upstreamRegistry !== undefined)
                        rule.upstreamRegistry = r.upstreamRegistry;
                    if (r.upstreamRepositoryPrefix !== undefined)
                        rule.upstreamRepositoryPrefix = r.upstreamRepositoryPrefix;
                    rules.push(rule);
                }
                nextToken = fact.value?.nextToken;
                if (nextToken === undefined)
                    return { ok: true, value: rules };
            }
            return {
                ok: false,
                problem: 'failed',
                action: 'ecr:DescribePullThroughCacheRules',
                message: `more than ${MAX_CACHE_RULE_PAGES} pages of pull-through cache rules`
            };
        }),
        images: (image) => once(`images:${repoKey(image)}`, async () => {
            const images = [];
            let nextToken;
            for (let page = 0; page < MAX_IMAGE_PAGES; page++) {
                const fact = await read(() => ecr.describeImages({
                    registryId: image.registryId,
                    repositoryName: image.repository,
                    filter: { imageStatus: 'ANY' },
                    maxResults: IMAGES_PER_PAGE,
                    ...(nextToken !== undefined ? { nextToken } : {})
                }, options), 'ecr:DescribeImages');
                if (!fact.ok)
                    return fact;
                for (const d of fact.value?.imageDetails ?? []) {
                    const pushedAt = ms(d.imagePushedAt);
                    if (d.imageDigest === undefined || pushedAt === undefined)
                        continue;
                    const li = { digest: d.imageDigest, tags: [...(d.imageTags ?? [])], pushedAt };
                    const pulled = ms(d.lastRecordedPullTime);
                    const archived = ms(d.lastArchivedAt);
                    const activated = ms(d.lastActivatedAt);
                    if (pulled !== undefined)
                        li.lastPulledAt = pulled;
                    if (archived !== undefined)
                        li.lastArchivedAt = archived;
                    if (activated !== undefined)
                        li.lastActivatedAt = activated;
                    if (d.imageStatus !== undefined)
                        li.status = d.imageStatus;
                    images.push(li);
                }
                nextToken = fact.value?.nextToken;
                if (nextToken === undefined)
                    return { ok: true, value: images };
            }
            return {
                ok: false,
                problem: 'failed',
                action: 'ecr:DescribeImages',
                message: `the repository has more than ${MAX_IMAGE_PAGES * IMAGES_PER_PAGE} images (DescribeImages pages read: ${MAX_IMAGE_PAGES})`
            };
        }),
        signingConfiguration: () => once('signing-configuration', async () => {
            const fact = await read(() => ecr.getSigningConfiguration({}, options), 'ecr:GetSigningConfiguration', 'SigningConfigurationNotFoundException');
            if (!fact.ok)
                return fact;
            if (fact.value === undefined)
                return { ok: true, value: undefined };
            return {
                ok: true,
                value: {
                    registryId: fact.value.registryId ?? '',
                    rules: (fact.value.signingConfiguration?.rules ?? []).flatMap((r) => r.signingProfileArn === undefined
                        ? []
                        : [
                            {
                                signingProfileArn: r.signingProfileArn,
                                filters: (r.repositoryFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
                            }
                        ])
                }
            };
        }),
        imageSigningStatus: (image) => once(`signing-status:${repoKey(image)}@${image.digest}`, async () => {
            const fact = await read(() => ecr.describeImageSigningStatus({ registryId: image.registryId, repositoryName: image.repository, imageId: { imageDigest: image.digest } }, options), 'ecr:DescribeImageSigningStatus');
            if (!fact.ok)
                return fact;
            return {
                ok: true,
                value: (fact.value?.signingStatuses ?? []).flatMap((s) => s.signingProfileArn === undefined
                    ? []
                    : [
                        {
                            signingProfileArn: s.signingProfileArn,
                            status: s.status ?? 'UNKNOWN',
                            ...(s.failureReason !== undefined ? { failureReason: s.failureReason } : {})
                        }
                    ])
            };
        }),
        registryScanning: () => once('registry-scanning', async () => {
            const fact = await read(() => ecr.getRegistryScanningConfiguration({}, options), 'ecr:GetRegistryScanningConfiguration');
            if (!fact.ok)
                return fact;
            const config = fact.value?.scanningConfiguration;
            return {
                ok: true,
                value: {
                    registryId: fact.value?.registryId ?? '',
                    scanType: config?.scanType ?? 'BASIC',
                    rules: (config?.rules ?? []).map((r) => ({
                        frequency: r.scanFrequency ?? 'MANUAL',
                        filters: (r.repositoryFilters ?? []).flatMap((f) => (typeof f.filter === 'string' ? [f.filter] : []))
                    }))
                }
            };
        })
    };
}
/** Judges one rule for one image through the reader; `settings` says whom a repository policy may trust. */
async function evaluateRule(rule, image, reader, settings = { allowedAccounts: [] }, now = Date.now()) {
    if (rule === 'lifecycle-expiry') {
        const policy = await reader.lifecyclePolicy(image);
        if (!policy.ok)
            return unreadable(policy, 'the lifecycle policy');
        if (policy.value === undefined)
            return evaluateLifecycleExpiry({ ...expiryTarget(image, now, settings), text: undefined, images: [] });
        const images = await reader.images(image);
        if (!images.ok)
            return unreadable(images, "the repository's images");
        const mutableTag = image.tag !== undefined ? await movableTag(reader, image, image.tag) : undefined;
        return evaluateLifecycleExpiry({
            ...expiryTarget(image, now, settings),
            text: policy.value,
            images: images.value,
            ...(mutableTag !== undefined ? { mutableTag } : {})
        });
    }
    if (rule === 'managed-signing') {
        const config = await reader.signingConfiguration();
        if (!config.ok)
            return unreadable(config, 'the registry signing configuration');
        let facts = config.value;
        if (facts === undefined) {
            // No configuration names no registry: the scanning configuration says whose registry the caller reads.
            const scanning = await reader.registryScanning();
            if (!scanning.ok)
                return unreadable(scanning, 'the registry scanning configuration (to tell whose registry this is)');
            facts = { registryId: scanning.value.registryId, rules: [] };
        }
        if (facts.registryId !== image.registryId || signingProfilesFor(facts, image.repository).length === 0)
            return evaluateManagedSigning(facts, image.registryId, image.repository, image.digest, undefined);
        const statuses = await reader.imageSigningStatus(image);
        if (!statuses.ok)
            return unreadable(statuses, "the image's signing status");
        return evaluateManagedSigning(facts, image.registryId, image.repository, image.digest, statuses.value);
    }
    if (rule === 'repository-policy') {
        const policy = await reader.repositoryPolicy(image);
        if (!policy.ok)
            return unreadable(policy, 'the repository policy');
        return evaluateRepositoryPolicy(policy.value, image.repository, {
            ownAccount: image.registryId,
            allowedAccounts: settings.allowedAccounts,
            ...(settings.allowedOrg !== undefined ? { allowedOrg: settings.allowedOrg } : {})
        });
    }
    if (rule === 'pull-through-cache') {
        const rules = await reader.cacheRules(image);
        if (!rules.ok)
            return unreadable(rules, 'the pull-through cache rules');
        return evaluatePullThroughCache(rules.value, image.repository, settings.allowedUpstreams ?? []);
    }
    const repo = await reader.repository(image);
    switch (rule) {
        case 'tag-immutability':
            return repo.ok ? evaluateTagImmutability(repo.value, image.tag) : unreadable(repo, 'the repository settings');
        case 'kms-encryption':
            return repo.ok ? evaluateKmsEncryption(repo.value, settings.allowedKmsKeys ?? []) : unreadable(repo, 'the repository settings');
        case 'lifecycle-policy': {
            const policy = await reader.lifecyclePolicy(image);
            return policy.ok
                ? evaluateLifecyclePolicy(policy.value, image.repository, image.registryId)
                : unreadable(policy, 'the lifecycle policy');
        }
        case 'scan-configured': {
            const scanning = await reader.registryScanning();
            if (!scanning.ok)
                return unreadable(scanning, 'the registry scanning configuration');
            if (!repo.ok)
                return unreadable(repo, 'the repository settings');
            return evaluateScanConfigured(scanning.value, repo.value);
        }
    }
}
/**
 * The deployed tag when the repository lets it move (read from the repository settings the other
 * rules share); a repository that cannot be read counts as letting it move (the warning is then shown).
 */
async function movableTag(reader, image, tag) {
    const repo = await reader.repository(image);
    if (!repo.ok)
        return tag;
    const mode = repo.value.tagMutability ?? 'MUTABLE';
    if (mode === 'IMMUTABLE')
        return undefined;
    if (mode === 'IMMUTABLE_WITH_EXCLUSION')
        return repo.value.exclusionFilters.some((f) => globMatches(f, tag)) ? tag : undefined;
    if (mode === 'MUTABLE_WITH_EXCLUSION')
        return repo.value.exclusionFilters.some((f) => globMatches(f, tag)) ? undefined : tag;
    return tag;
}
function expiryTarget(image, now, settings) {
    return {
        repository: image.repository,
        registryId: image.registryId,
        digest: image.digest,
        platforms: image.platforms.map((p) => p.digest),
        now,
        horizonDays: settings.horizonDays ?? DEFAULT_HORIZON_DAYS
    };
}
/**
 * A rule's finding under its level as a `CheckResult`: a pass is `passed`; a failure is `failed`
 * under `fail` and `warning` under `warn`; `unknown` counts as a failure (fail closed); `error`
 * is `error`, enforced under `fail`; the rule's own `warn` never denies.
 */
function postureResult(rule, level, finding) {
    const enforced = level === 'fail';
    let status;
    switch (finding.outcome) {
        case 'pass':
            status = 'passed';
            break;
        case 'warn':
            status = 'warning';
            break;
        case 'fail':
        case 'unknown':
            status = enforced ? 'failed' : 'warning';
            break;
        case 'error':
            status = 'error';
            break;
    }
    const denies = enforced && status !== 'passed' && status !== 'warning';
    const evidence = { rule, level, outcome: finding.outcome, control: posture_rules/* RULE_INFO */.CA[rule].control, reason: finding.reason };
    if (finding.fix !== undefined)
        evidence.fix = finding.fix;
    if (finding.details !== undefined)
        evidence.details = [...finding.details];
    return {
        id: `${POSTURE_CHECK_PREFIX}${rule}`,
        kind: 'posture',
        status,
        enforced: denies,
        reasons: status === 'passed'
            ? []
            : [`Repository posture '${rule}': ${finding.reason}${finding.fix !== undefined ? `. Fix: ${finding.fix}` : ''}`],
        evidence
    };
}
/** One `Check` per rule that is on, in report order, all reading through `reader`. */
function postureChecks(settings, reader) {
    return posture_rules/* POSTURE_RULES */.v_.flatMap((rule) => {
        const level = settings.rules[rule];
        if (level === undefined)
            return [];
        return [
            {
                id: `${POSTURE_CHECK_PREFIX}${rule}`,
                kind: 'posture',
                title: `Repository posture: ${rule}`,
                run: async (context) => {
                    const result = postureResult(rule, level, await evaluateRule(rule, context.image, reader, settings, context.now()));
                    context.log.info(`${rule}: ${result.status} (${result.evidence.reason})`);
                    return result;
                }
            }
        ];
    });
}


/***/ })

};
