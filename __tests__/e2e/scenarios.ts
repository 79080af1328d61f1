/**
 * Emulator scenario pieces the end-to-end suites share: the account, the registry host, a fixable
 * CRITICAL finding, a clean single-platform image and an ENHANCED registry around a list of images.
 */

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'
export const HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`

/** A CRITICAL finding with a fix available. */
export const critical = (id: string, pkg = 'openssl') => ({
  id,
  severity: 'CRITICAL',
  package: pkg,
  version: '1.0.0',
  fixedInVersion: '1.0.1',
  fixAvailable: 'YES',
  title: `${id} in ${pkg}`
})

/** The image `clean` (app:clean): one linux/amd64 platform, scan complete, no findings. */
export const cleanImage = {
  name: 'clean',
  repository: 'app',
  tags: ['clean'],
  platforms: [{ os: 'linux', architecture: 'amd64' }],
  scan: { timeline: [{ status: 'COMPLETE' }], findings: [] }
}

/** An ENHANCED-scanning registry with the scan-on-push repositories app and team/web, holding `images`. */
export function enhancedScenario<T>(images: T[]) {
  return {
    accountId: ACCOUNT,
    region: REGION,
    scanType: 'ENHANCED',
    repositories: [
      { name: 'app', scanOnPush: true },
      { name: 'team/web', scanOnPush: true }
    ],
    images
  }
}
