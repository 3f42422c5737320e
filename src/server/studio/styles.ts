// The studio's one stylesheet. Colours keep 4.5:1 contrast for text on their backgrounds (WCAG AA);
// one column below 1000px so a tablet in portrait reads every page without sideways scrolling.
export const STUDIO_CSS = `
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--soft:#f3f5f8;--accent:#1f5fa8;--accent-ink:#fff;--error:#a4262c;--error-bg:#fdf0f0;--warn:#6e5200;--warn-bg:#fff7dd;--ok:#23663a;--ok-bg:#eaf6ee;--mark:#ffe28a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
:focus-visible{outline:3px solid #0b3d91;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--accent);color:#fff;padding:8px 12px;z-index:10}
.skip:focus{left:8px}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;padding:10px 24px;background:#14365e;color:#fff}
.top a{color:#fff}
.brand{margin:0;font-weight:700}
.brand .pack{font-weight:400}
nav{display:flex;flex-wrap:wrap;align-items:center;gap:8px 24px;flex:1}
nav ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0;padding:0}
nav a{text-decoration:none;padding:6px 2px;border-bottom:3px solid transparent;display:inline-block}
nav a[aria-current=page]{border-bottom-color:#fff;font-weight:700}
.sign-out{margin-left:auto;display:flex;align-items:center;gap:8px}
.sign-out .who{font-size:14px}
main{padding:16px 24px 48px;max-width:1400px;margin:0 auto}
h1{font-size:26px;margin:8px 0 4px}
h2{font-size:20px;margin:20px 0 8px}
h3{font-size:17px;margin:0 0 4px}
.lead{color:var(--muted);max-width:70ch}
.meta,.hint{color:var(--muted);font-size:14px}
label{display:block;font-weight:600;margin:8px 0 4px}
input,select,textarea{font:inherit;color:var(--ink);border:1px solid #767676;border-radius:4px;padding:8px;width:100%;background:#fff}
input[type=checkbox],input[type=radio]{width:auto;margin-right:6px}
input[type=file]{border:none;padding:0}
textarea.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:14px}
button,.button{font:inherit;font-weight:600;border:2px solid var(--accent);background:var(--accent);color:var(--accent-ink);border-radius:4px;padding:8px 16px;cursor:pointer;text-decoration:none;display:inline-block;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:var(--accent)}
button.small{padding:4px 10px;min-height:36px;font-size:14px}
button.danger{border-color:var(--error)}
button.secondary.danger{color:var(--error)}
button.danger:not(.secondary){background:var(--error)}
button[disabled]{opacity:.6;cursor:wait}
.top button.secondary{background:transparent;color:#fff;border-color:#fff}
.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.inline input,.inline select{flex:1 1 220px;width:auto}
.inline label{margin:0}
.actions{margin-top:16px}
.notice{padding:10px 14px;border-radius:4px;border-left:6px solid}
.notice.ok{background:var(--ok-bg);border-color:var(--ok)}
.notice.error{background:var(--error-bg);border-color:var(--error)}
.msgs{list-style:none;margin:4px 0 0;padding:0;font-size:14px}
.msgs li{padding:2px 0 2px 8px;border-left:4px solid}
.msgs li.error{color:var(--error);border-color:var(--error)}
.msgs li.warning{color:var(--warn);border-color:#b38600}
.msgs.general li{margin-bottom:4px}
.status{font-weight:700;padding:8px 12px;border-radius:4px;background:var(--soft);margin-bottom:8px}
.status.ok{background:var(--ok-bg);color:var(--ok)}
.status.error{background:var(--error-bg);color:var(--error)}
.field.invalid input,.field.invalid textarea,.field.invalid select{border-color:var(--error);border-width:2px}
.field.valid-quote textarea{border-color:var(--ok);border-width:2px}
.editor{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px;align-items:start}
.article-panel{position:sticky;top:8px;border:1px solid var(--line);border-radius:6px;padding:0 16px 16px;max-height:calc(100vh - 16px);overflow:auto;background:var(--soft)}
.article-text{white-space:pre-wrap;font-size:15px}
mark{background:var(--mark);color:var(--ink);padding:0 1px}
mark.closest{background:#dde8f7}
fieldset{border:1px solid var(--line);border-radius:6px;margin:12px 0;padding:8px 16px 12px}
legend{font-weight:700;padding:0 4px}
.row.support,.row.position{border-left:4px solid var(--line);padding-left:12px;margin:8px 0}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:2px 12px}
.checks label{font-weight:400;margin:2px 0}
.search{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:12px 0}
.search label{width:100%;margin-bottom:0}
.search input{flex:1 1 240px;width:auto}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:15px}
caption{text-align:left;color:var(--muted);padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:8px;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
td{font-variant-numeric:tabular-nums}
.topics th .id{display:block;font-weight:400;font-size:13px;color:var(--muted)}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:13px;font-weight:600}
.badge.error{background:var(--error-bg);color:var(--error)}
.badge.warning{background:var(--warn-bg);color:var(--warn)}
.badge.ok{background:var(--ok-bg);color:var(--ok)}
.group{border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:12px 0}
.group .count{color:var(--accent)}
.group fieldset{border:none;padding:0;margin:4px 0}
.wording{font-weight:400}
.diff td{border:none;padding:0 8px}
.diff code{white-space:pre-wrap}
.diff tr.add{background:#e6f4ea}
.diff tr.del{background:#fbe9eb}
.diff .sign{width:2ch;font-weight:700}
.diff tr.skip td{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
.card{border:1px solid var(--line);border-radius:6px;padding:0 16px 16px}
.chart{width:100%;height:auto;font-family:inherit}
.chart text{fill:var(--ink)}
.legend{display:flex;flex-wrap:wrap;gap:12px;list-style:none;padding:0;font-size:14px}
.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
.try-output .bubble{background:var(--soft);border-radius:6px;padding:12px;margin:12px 0}
.try-output .you{background:#e8eef8}
.trace table{font-size:14px}
.trace dt{font-weight:700}
.trace dd{margin:0 0 8px}
.finding.disagrees{color:var(--error);font-weight:600}
.finding.agrees{color:var(--ok)}
.proposal{border:1px solid var(--line);border-radius:6px;padding:12px 16px;margin:12px 0}
.proposal.flagged{border-color:var(--error);border-width:2px}
.sign-in{max-width:420px}
@media (max-width:1000px){.editor,.cards{grid-template-columns:1fr}.article-panel{position:static;max-height:none}main{padding:12px 16px 40px}}
`;
