import { Setting } from '../core/settings.js'

/**
 * The Action's input and output names in one place, so that action.yml, the code and the README
 * cannot drift (a test compares all three). Each input is the setting of the same key: the Action's
 * inputs are the core's settings, one for one.
 */
export const Inputs = Setting

export const Outputs = {
  Decision: 'decision',
  Digest: 'digest',
  ImageUri: 'image-uri',
  CriticalCount: 'critical-count',
  HighCount: 'high-count',
  MediumCount: 'medium-count',
  LowCount: 'low-count',
  Violations: 'violations',
  SignatureStatus: 'signature-status',
  PostureStatus: 'posture-status',
  AttestationStatus: 'attestation-status',
  ReportFile: 'report-file',
  Results: 'results'
} as const
