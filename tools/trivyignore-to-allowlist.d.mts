/** Trivy ignore file text → allowlist entries, and notes on what could not be carried over. */
export function convert(text: string, yamlForm: boolean): { entries: Record<string, string>[]; notes: string[] }
