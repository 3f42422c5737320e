// Teams reads message text and card TextBlocks as markdown with some HTML: "[x](javascript:…)" would be a
// link and "<img onerror…>" a tag. Knowledge is plain text (validate refuses markup), so every character
// that markdown or HTML could read is escaped with a backslash and shown as written.
const SIGNIFICANT = /[\\`*_[\]<>&~|#]/g;

/** "<b>Hi</b> *you*" → "\<b\>Hi\</b\> \*you\*": shown literally by Teams. */
export function escapeTeamsText(text: string): string {
  return text.replace(SIGNIFICANT, (char) => `\\${char}`);
}
