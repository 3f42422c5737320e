import { el, icon } from "./dom.ts";
import type { ChatContact } from "./types.ts";

// "+1 555 0134 210" => "tel:+15550134210"
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

const safeWebUrl = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined; // not a URL: show no link rather than a broken one
  }
};

/** The clinic's phone, email, booking link and hours, as tappable links. */
export function renderContact(contact: ChatContact): HTMLElement {
  const list = el("ul", { class: "contact", "aria-label": `Contact ${contact.name}` });
  list.append(
    el("li", {}, icon("phone"), el("a", { href: telHref(contact.phone) }, `Call ${contact.phone}`)),
  );
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
