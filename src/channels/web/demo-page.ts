import type { AssistantProfile } from "../../dialog/types.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
// `Tom & "Jerry"` => `Tom &amp; &quot;Jerry&quot;`
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The script tag's data- attributes: the demo's colour and side. Title, greeting and starters come
 * from the running pack, which the server writes into widget.js itself.
 */
export function demoWidgetAttributes(): Record<string, string> {
  return { "data-color": "#0f766e", "data-position": "right" };
}

/** GET /: the clinic's demo home page, from the pack's copy, with the widget added by one script tag. */
export function renderDemoPage(profile: AssistantProfile): string {
  const { clinic } = profile;
  const page = profile.copy.demoPage;
  const name = escapeHtml(clinic.name);
  const attributes = Object.entries(demoWidgetAttributes())
    .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
    .join("");
  const tag = `<script src="/widget.js" defer${attributes}></script>`;
  const booking = clinic.bookingUrl
    ? `<a class="cta" href="${escapeHtml(clinic.bookingUrl)}">Book a consultation</a>`
    : "";
  const contact = [
    clinic.phone &&
      `<li>Call <a href="tel:${escapeHtml(clinic.phone.replace(/[^\d+]/g, ""))}">${escapeHtml(clinic.phone)}</a></li>`,
    clinic.email &&
      `<li>Email <a href="mailto:${escapeHtml(clinic.email)}">${escapeHtml(clinic.email)}</a></li>`,
    clinic.hours && `<li>${escapeHtml(clinic.hours)}</li>`,
  ]
    .filter(Boolean)
    .join("");
  return `<!doctype html>
<html lang="${escapeHtml(profile.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${name} · ${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.title)} at ${name}: answers to common questions.">
<style>${DEMO_CSS}</style>
</head>
<body>
<header class="top"><div class="wrap"><span class="logo"><span class="dot" aria-hidden="true"></span>${name}</span>
<nav aria-label="Main"><a href="#treatments">Treatments</a><a href="#visit">Visit us</a></nav></div></header>
<main>
<section class="hero"><div class="wrap">
<p class="eyebrow">${escapeHtml(page.eyebrow)}</p>
<h1>${escapeHtml(page.heading)}</h1>
<p class="lead">${escapeHtml(page.lead)}</p>
${booking}
</div></section>
<section id="treatments" class="cards wrap" aria-label="What to expect">
${page.cards.map((card) => `<article><h2>${escapeHtml(card.title)}</h2><p>${escapeHtml(card.text)}</p></article>`).join("\n")}
</section>
<section class="embed wrap" aria-labelledby="embed-title">
<h2 id="embed-title">Add this assistant to any page</h2>
<p>One tag is all it takes:</p>
<pre><code>${escapeHtml(tag)}</code></pre>
</section>
</main>
<footer id="visit"><div class="wrap"><strong>${name}</strong><ul>${contact}</ul>
<p class="fine">Demo site of a fictional clinic. The assistant gives general information, not medical advice.</p></div></footer>
${tag}
</body>
</html>`;
}

const DEMO_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 ui-sans-serif,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#fbf8f4}
a{color:#0f766e}
.wrap{max-width:1040px;margin:0 auto;padding:0 24px}
.top{background:#fff;border-bottom:1px solid #ece6de}
.top .wrap{display:flex;align-items:center;justify-content:space-between;height:64px}
.logo{font-weight:700;letter-spacing:.01em;display:flex;align-items:center;gap:10px}
.dot{width:22px;height:22px;border-radius:50%;background:radial-gradient(circle at 35% 35%,#5eead4,#0f766e)}
nav a{margin-left:24px;text-decoration:none;color:#3e4c59}
nav a:hover{color:#0f766e}
.hero{background:linear-gradient(135deg,#f3ede6 0%,#e6f4f1 100%);padding:88px 0 96px}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:13px;color:#0f766e;font-weight:600;margin:0 0 8px}
h1{font-family:Georgia,"Times New Roman",serif;font-weight:400;font-size:clamp(34px,6vw,56px);line-height:1.1;margin:0 0 20px;max-width:14em}
.lead{font-size:19px;max-width:36em;color:#3e4c59;margin:0 0 32px}
.cta{display:inline-block;background:#0f766e;color:#fff;padding:14px 28px;border-radius:999px;text-decoration:none;font-weight:600}
.cta:hover{background:#115e59}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:24px;margin-top:-48px}
.cards article{background:#fff;border-radius:16px;padding:28px;box-shadow:0 10px 30px rgba(31,41,51,.08)}
.cards h2{font-size:18px;margin:0 0 8px}
.cards p{margin:0;color:#52606d}
.embed{padding:64px 24px}
.embed h2{font-family:Georgia,serif;font-weight:400;font-size:28px;margin:0 0 8px}
pre{background:#1f2933;color:#e4e7eb;padding:16px 20px;border-radius:12px;overflow-x:auto;font-size:13px;white-space:pre-wrap;word-break:break-all}
footer{background:#fff;border-top:1px solid #ece6de;padding:40px 0 96px;color:#3e4c59}
footer ul{list-style:none;padding:0;margin:12px 0}
footer li{margin:4px 0}
.fine{font-size:13px;color:#616e7c}
@media (max-width:600px){nav{display:none}.hero{padding:56px 0 72px}}
`;
