import { el, icon } from "./dom.ts";
import type { ChatContact } from "./types.ts";

// "+1 555 0134 210" => "tel:+15550134210"
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

const safeWebUrl = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined; // not a URL: show no link rather than a broken one
  }
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `text` with each of `numbers` (as written in it) made a tel: link:
 * ("call 911 or +1 555 0100", ["911", "+1 555 0100"]) => ["call ", <a>911</a>, " or ", <a>+1 555 0100</a>].
 */
export function linkNumbers(text: string, numbers: readonly string[]): Array<string | HTMLAnchorElement> {
  const wanted = [...new Set(numbers.map((n) => n.trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  if (wanted.length === 0) return [text];
  // Not inside a longer number: "911" in "19112" stays text.
  const pattern = new RegExp(`(?<![\\d+])(?:${wanted.map(escapeRegExp).join("|")})(?!\\d)`, "g");
  const parts: Array<string | HTMLAnchorElement> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(el("a", { href: telHref(match[0]), class: "tel" }, match[0]));
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The numbers a reply's text should make tappable: the clinic's, and in an emergency the services'. */
export function callableNumbers(contact: ChatContact | undefined): string[] {
  if (!contact) return [];
  return [contact.phone, ...(contact.emergencyNumbers ?? [])];
}

/**
 * Urgent: calls only, the clinic and the emergency numbers. Handoff: the clinic's phone, email,
 * booking link and hours, as tappable links.
 */
export function renderContact(contact: ChatContact, { urgent }: { urgent: boolean }): HTMLElement {
  const list = el("ul", { class: "contact", "aria-label": `Contact ${contact.name}` });
  list.append(
    el("li", {}, icon("phone"), el("a", { href: telHref(contact.phone) }, `Call ${contact.phone}`)),
  );
  if (urgent) {
    const numbers = contact.emergencyNumbers ?? [];
    if (numbers.length > 0) {
      const links = numbers.flatMap((n, i) => [
        ...(i > 0 ? [" · "] : []),
        el("a", { href: telHref(n), "aria-label": `Call emergency services on ${n}` }, n),
      ]);
      list.append(el("li", { class: "emergency" }, icon("alert"), el("span", {}, "Emergency: ", ...links)));
    }
    return list;
  }
  if (contact.email) {
    list.append(el("li", {}, icon("mail"), el("a", { href: `mailto:${contact.email}` }, contact.email)));
  }
  const booking = contact.bookingUrl ? safeWebUrl(contact.bookingUrl) : undefined;
  if (booking) {
    list.append(
      el(
        "li",
        {},
        icon("calendar"),
        el("a", { href: booking, target: "_blank", rel: "noopener noreferrer" }, "Book an appointment"),
      ),
    );
  }
  if (contact.hours) list.append(el("li", {}, icon("clock"), el("span", {}, contact.hours)));
  return list;
}
