/**
 * The one stylesheet of every HTML bulletin, inlined into the page. System fonts only (a font
 * download would be a request); `overflow-wrap: anywhere` keeps long URLs and words from
 * widening a 360 px screen; colours follow prefers-color-scheme.
 */
export const BULLETIN_CSS = `
:root {
  color-scheme: light dark;
  --background: #f7f7f4; --card: #ffffff; --text: #1c1c21; --muted: #5d5d68; --line: #dedee3;
  --accent: #0b57d0; --quote: #eef3fc; --note-background: #fff3dc; --note-text: #5c3b00;
  --failed-background: #fdeeee; --failed-line: #e3b4b4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --background: #111114; --card: #1b1b20; --text: #ececf1; --muted: #a7a7b3; --line: #33333b;
    --accent: #8ab4f8; --quote: #1f2636; --note-background: #3a2c0f; --note-text: #f4d69c;
    --failed-background: #2f1717; --failed-line: #6b3434;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--background); color: var(--text);
  font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  overflow-wrap: anywhere;
}
.page { max-width: 46rem; margin: 0 auto; padding: 1.25rem 0.875rem 2.5rem; }
.masthead { margin-bottom: 1.25rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 0 0 0.5rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 0.375rem; }
h3 { font-size: 0.8125rem; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); margin: 1rem 0 0.375rem; }
p { margin: 0 0 0.625rem; }
.period, .counts, .meta, footer, .muted { color: var(--muted); }
.period, .counts { margin: 0.125rem 0; font-size: 0.9375rem; }
.period strong, .counts strong { color: var(--text); }
.meta { font-size: 0.875rem; margin-bottom: 0.75rem; }
a { color: var(--accent); }
.entry {
  background: var(--card); border: 1px solid var(--line); border-radius: 0.75rem;
  padding: 1rem 1rem 0.75rem; margin: 0 0 1rem;
}
.note {
  background: var(--note-background); color: var(--note-text); border-radius: 0.5rem;
  padding: 0.375rem 0.625rem; font-size: 0.9375rem;
}
.points { margin: 0 0 0.5rem; padding-left: 1.25rem; }
.points li { margin-bottom: 0.25rem; }
.quote { margin: 0 0 0.75rem; background: var(--quote); border-radius: 0.5rem; padding: 0.625rem 0.75rem; }
.quote blockquote { margin: 0; }
.quote blockquote p { margin: 0 0 0.25rem; }
.quote.indirect blockquote p { font-style: italic; }
.quote figcaption { font-size: 0.875rem; color: var(--muted); }
.speaker { font-weight: 600; color: var(--text); }
.not-translated { margin-top: 2rem; }
.not-translated > h2 { margin-bottom: 0.75rem; }
.entry.failed { background: var(--failed-background); border-color: var(--failed-line); }
.entry.failed h3 { font-size: 1.0625rem; letter-spacing: 0; text-transform: none; color: var(--text); margin: 0 0 0.25rem; }
.reasons-label { margin: 0 0 0.25rem; font-size: 0.9375rem; }
.reasons { margin: 0 0 0.5rem; padding-left: 1.25rem; font-size: 0.9375rem; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.875em; }
footer { font-size: 0.8125rem; margin-top: 2rem; border-top: 1px solid var(--line); padding-top: 0.75rem; }
`.trim();
