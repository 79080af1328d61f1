/** The one place reports reach the file system: a report file, with its folder made first. */
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'

/** Writes `content` to `file` (UTF-8), creating the folder; a failure is thrown for the caller to judge. */
export async function writeReportFile(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true })
  await writeFile(file, content, 'utf8')
}
