// The widget's whole stylesheet, scoped by its shadow root. Colours come from --brand, --on-brand,
// --accent and --tint (see contrast.ts); greys are chosen to pass WCAG AA on their backgrounds.
export const WIDGET_CSS = `
:host{all:initial}
.root{--ink:#1f2933;--muted:#52606d;--line:#e4e7eb;--canvas:#f6f7f9;--radius:18px;
font:15px/1.5 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);-webkit-font-smoothing:antialiased;text-align:left}
.root *,.root *::before,.root *::after{box-sizing:border-box}
button,input{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.icon{width:20px;height:20px;flex:none}

.launcher{position:fixed;bottom:24px;z-index:2147483000;width:60px;height:60px;border:0;border-radius:50%;
background:var(--brand);color:var(--on-brand);display:grid;place-items:center;
box-shadow:0 10px 28px -6px rgba(15,23,42,.45),0 2px 6px rgba(15,23,42,.18);transition:transform .18s ease,box-shadow .18s ease}
.launcher:hover{transform:translateY(-2px) scale(1.03)}
.launcher:focus-visible{outline-offset:4px}
.launcher .icon{width:28px;height:28px;position:absolute;transition:opacity .18s ease,transform .18s ease}
.launcher .i-close{opacity:0;transform:rotate(-45deg)}
.open .launcher .i-open{opacity:0;transform:rotate(45deg)}
.open .launcher .i-close{opacity:1;transform:none}
.pos-right .launcher,.pos-right .panel{right:24px}
.pos-left .launcher,.pos-left .panel{left:24px}

.panel{position:fixed;bottom:100px;z-index:2147483000;width:392px;height:min(660px,calc(100vh - 124px));
display:flex;flex-direction:column;background:#fff;border-radius:var(--radius);overflow:hidden;
box-shadow:0 28px 70px -16px rgba(15,23,42,.42),0 0 0 1px rgba(15,23,42,.07);
opacity:0;transform:translateY(12px) scale(.98);transform-origin:bottom right;visibility:hidden;
transition:opacity .2s ease,transform .2s ease,visibility 0s linear .2s}
.pos-left .panel{transform-origin:bottom left}
.open .panel{opacity:1;transform:none;visibility:visible;transition:opacity .2s ease,transform .2s ease}

.header{display:flex;align-items:center;gap:12px;padding:16px 12px 16px 18px;background:var(--brand);color:var(--on-brand)}
.avatar{width:40px;height:40px;border-radius:50%;display:grid;place-items:center;flex:none;
background:var(--on-brand);color:var(--brand)}
.avatar .icon{width:22px;height:22px}
.titles{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650;line-height:1.3;overflow:hidden;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2}
.subtitle{margin:2px 0 0;font-size:12.5px;line-height:1.35}
.icon-btn{width:38px;height:38px;border-radius:10px;border:0;background:transparent;color:var(--on-brand);display:grid;place-items:center;flex:none}
.icon-btn:hover{background:rgba(127,127,127,.22)}
.icon-btn:focus-visible{outline-color:var(--on-brand);outline-offset:-3px}

.banner{display:flex;gap:8px;align-items:center;margin:0;padding:9px 16px;background:#fef3c7;color:#78350f;font-size:13px;border-bottom:1px solid #fcd34d}
.banner[hidden]{display:none}

.log{flex:1;overflow-y:auto;overscroll-behavior:contain;position:relative;padding:18px 16px 8px;background:var(--canvas);scroll-behavior:smooth}
.log:focus-visible{outline-offset:-3px}
.msg{display:flex;flex-direction:column;margin:0 0 16px;animation:rise .22s ease both;position:relative}
.meta{margin:0;height:0}
.speaker{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.time{position:absolute;top:-15px;font-size:11px;line-height:14px;color:var(--muted);opacity:0;transition:opacity .15s ease;pointer-events:none}
.bot .time{left:4px}.user .time{right:4px}
.msg:hover .time,.msg:focus-within .time,.log:focus-visible .time{opacity:1}
.msg.user{align-items:flex-end}
.bubble{max-width:88%;padding:11px 14px;border-radius:16px;overflow-wrap:anywhere}
.bot .bubble{background:#fff;border:1px solid var(--line);border-top-left-radius:5px;box-shadow:0 1px 2px rgba(15,23,42,.05)}
.user .bubble{background:var(--brand);color:var(--on-brand);border-top-right-radius:5px;white-space:pre-wrap}
.user.failed .bubble{opacity:.75}
.text{margin:0 0 8px}
.text:last-child,.bubble>:last-child{margin-bottom:0}

.bubble.urgent{background:#fef2f2;border:1px solid #fca5a5;border-left:4px solid #dc2626;color:#7f1d1d}
.alert-title{display:flex;align-items:center;gap:6px;margin:0 0 6px;font-weight:700;color:#991b1b}

.conflict{margin:10px 0;padding:10px 12px;border-radius:12px;background:#fffbeb;border:1px solid #fcd34d;color:#78350f;font-size:13.5px}
.conflict-title{display:flex;align-items:center;gap:6px;margin:0 0 4px;font-weight:700;color:#92400e}
.conflict-title .icon{width:18px;height:18px}
.conflict-summary{margin:0 0 6px}
.conflict-positions{margin:0;padding:0;list-style:none}
.conflict-positions li{margin:6px 0 0;padding-left:10px;border-left:2px solid #fbbf24}
.position{display:block;width:100%;padding:2px 0;border:0;background:none;color:inherit;font-size:13.5px;text-align:left;line-height:1.45}
.position:hover .position-claim{text-decoration:underline;text-underline-offset:2px}
.conflict-source{display:flex;gap:6px;font-weight:650;color:#78350f}
.conflict-source .source-n{color:#92400e}
.position-claim{display:block}
.conflict .source-quote{border-left-color:#d97706;background:#fff}

.sources{margin-top:10px;padding-top:8px;border-top:1px solid var(--line)}
.sources-label{margin:0 0 4px;font-size:12px;font-weight:650;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.source-list{margin:0;padding:0;list-style:none}
.source-list li{margin:0}
.source{display:flex;gap:6px;width:100%;padding:3px 4px;margin:0 -4px;border:0;border-radius:6px;background:none;color:var(--ink);font-size:13px;line-height:1.4;text-align:left}
.source:hover{background:var(--tint)}
.source[aria-expanded=true] .source-title{font-weight:650}
.source-n{flex:none;color:var(--accent);font-weight:700;font-variant-numeric:tabular-nums}
.source-title{min-width:0}
.source-quote{margin:4px 0 6px;padding:7px 10px;border-left:3px solid var(--accent);background:var(--canvas);border-radius:0 8px 8px 0;font-size:13.5px;font-style:italic;color:#3e4c59}
.source-quote[hidden]{display:none}

.contact{list-style:none;margin:10px 0 0;padding:10px 12px;border-radius:12px;background:var(--canvas);font-size:14px}
.urgent .contact{background:#fff}
.contact li{display:flex;align-items:center;gap:8px;margin:4px 0}
.contact .icon{width:18px;height:18px;color:var(--accent)}
.contact a{color:var(--accent);font-weight:600;text-underline-offset:2px}
.urgent .contact .icon,.urgent .contact a,.urgent .text a{color:#991b1b}
.text a{color:var(--accent);font-weight:600;text-underline-offset:2px}
.text a.tel{white-space:nowrap}

.chips{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px;max-width:100%}
.chips-label{flex-basis:100%;margin:0;font-size:12px;color:var(--muted)}
.chip{border:1px solid var(--accent);background:#fff;color:var(--accent);border-radius:999px;padding:7px 13px;font-size:13.5px;line-height:1.3;text-align:left;transition:background .15s ease}
.chip:hover{background:var(--tint)}
.chip:disabled{cursor:default;border-color:var(--line);color:var(--muted);background:#fff}
.chip[aria-pressed=true]{border-color:var(--accent);color:var(--accent);background:var(--tint);font-weight:600}

.feedback{display:flex;align-items:center;gap:4px;margin-top:4px;padding-left:4px;font-size:12.5px;color:var(--muted)}
.feedback-label{margin-right:2px}
.vote{width:32px;height:32px;border:1px solid transparent;border-radius:8px;background:transparent;color:var(--muted);display:grid;place-items:center}
.vote:hover{background:var(--tint);color:var(--accent)}
.vote .icon{width:18px;height:18px}
.vote:disabled{opacity:.5;cursor:default}
.feedback-thanks{margin:0;padding:6px 0}
.feedback-note{color:#b91c1c}

.send-wait{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:4px 8px;margin-top:6px;font-size:12.5px;color:#92400e}
.countdown{font-weight:650;font-variant-numeric:tabular-nums}
.send-error{display:flex;align-items:center;gap:10px;margin-top:6px;font-size:12.5px;color:#b91c1c}
.retry{border:1px solid #b91c1c;background:#fff;color:#b91c1c;border-radius:999px;padding:3px 12px;font-weight:650;font-size:12.5px}
.retry:hover{background:#fef2f2}

.typing .bubble{display:inline-flex;gap:5px;padding:14px 16px}
.dot{width:7px;height:7px;border-radius:50%;background:#9aa5b1;animation:blink 1.2s infinite ease-in-out}
.dot:nth-child(2){animation-delay:.15s}.dot:nth-child(3){animation-delay:.3s}

.composer{display:flex;gap:8px;align-items:center;padding:12px 12px 6px;border-top:1px solid var(--line);background:#fff}
.input{flex:1;min-width:0;height:46px;padding:0 16px;border:1px solid #cbd2d9;border-radius:999px;background:#fff;font-size:16px;color:var(--ink)}
.input::placeholder{color:#66727f}
.input:focus-visible{outline:2px solid var(--accent);outline-offset:0;border-color:var(--accent)}
.send{width:46px;height:46px;border:0;border-radius:50%;background:var(--brand);color:var(--on-brand);display:grid;place-items:center;flex:none;transition:opacity .15s ease}
.send[aria-disabled=true]{opacity:.55;cursor:default}
.note{margin:0;padding:2px 16px 10px;font-size:11.5px;color:#616e7c;text-align:center;background:#fff}

@keyframes rise{from{opacity:0;transform:translateY(6px)}to{opacity:1;transform:none}}
@keyframes blink{0%,80%,100%{opacity:.35;transform:translateY(0)}40%{opacity:1;transform:translateY(-3px)}}
@media (prefers-reduced-motion:reduce){.root *{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
@media (max-width:480px),(max-height:560px){
.panel{inset:0;width:100%;height:100%;height:100dvh;border-radius:0;bottom:0}
.pos-right .panel,.pos-left .panel{left:0;right:0}
.open .launcher{display:none}
.launcher{bottom:16px}.pos-right .launcher{right:16px}.pos-left .launcher{left:16px}
.bubble{max-width:92%}
}
`;
