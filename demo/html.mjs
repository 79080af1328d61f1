// Job summaries as HTML, rendered the way GitHub renders a job summary: GitHub-flavoured markdown
// (tables, <details>), in a column as wide as the run page's summary pane, with GitHub's rules for
// what wraps (text and inline code) and what scrolls (tables, code blocks). For looking at a summary
// without pushing a workflow; dev/demo only, never bundled.
import { marked } from 'marked'

/** Width of the job summary pane on a run page at a common laptop width, in CSS pixels. */
export const SUMMARY_WIDTH_PX = 900

const STYLE = `
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
.markdown-body { box-sizing: border-box; width: ${SUMMARY_WIDTH_PX}px; max-width: 100%; margin: 16px auto; padding: 16px 24px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; word-wrap: break-word; overflow-wrap: break-word; }
.markdown-body h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
.markdown-body h3 { font-size: 1.25em; } .markdown-body h4 { font-size: 1em; }
.markdown-body code { padding: .2em .4em; font-size: 85%; white-space: break-spaces; background: #818b981f; border-radius: 6px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.markdown-body pre { padding: 16px; overflow: auto; background: #f6f8fa; border-radius: 6px; }
.markdown-body pre code { padding: 0; white-space: pre; background: transparent; font-size: 85%; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto; border-spacing: 0; border-collapse: collapse; }
.markdown-body td, .markdown-body th { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body details summary { cursor: pointer; }
`

/**
 * A standalone HTML page of one job summary.
 * @param {string} markdown the summary as the action wrote it to GITHUB_STEP_SUMMARY
 * @param {string} title the page title
 * @returns {string}
 */
export function summaryHtml(markdown, title) {
  const body = marked.parse(markdown, { gfm: true, async: false })
  const safeTitle = title.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${safeTitle}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<article class="markdown-body">\n${body}</article>\n</body>\n</html>\n`
}
