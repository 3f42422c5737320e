/** TwiML for a messaging webhook's HTTP response: each string becomes one SMS. */
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** XML 1.0's Char production: other code points (most C0 controls, lone surrogates) are invalid even escaped. */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

/** `Tom & "Jerry" <3` => `Tom &amp; &quot;Jerry&quot; &lt;3` */
export function escapeXml(text: string): string {
  return [...text]
    .filter((char) => isXmlChar(char.codePointAt(0) ?? 0))
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** ["Hi"] => `<?xml …?><Response><Message>Hi</Message></Response>`; [] => `<?xml …?><Response/>` (send nothing). */
export function renderTwiml(messages: string[]): string {
  const bodies = messages.filter((m) => m.trim() !== "");
  if (bodies.length === 0) return `${XML_DECLARATION}<Response/>`;
  return `${XML_DECLARATION}<Response>${bodies.map((m) => `<Message>${escapeXml(m)}</Message>`).join("")}</Response>`;
}
