// Tiny DOM builders. Text only ever goes in through text nodes: no innerHTML anywhere in the widget.

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined>;

// el("p", { class: "x" }, "Hi ", el("b", {}, "there")) => <p class="x">Hi <b>there</b></p>
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function setAttributes(node: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) node.removeAttribute(name);
    else node.setAttribute(name, value === true ? "" : value);
  }
}

const SVG = "http://www.w3.org/2000/svg";

const ICONS = {
  chat: "M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H9.2l-4 3.6c-.5.4-1.2.1-1.2-.5V5.5Z",
  close: "M6 6l12 12M18 6 6 18",
  down: "m6 9 6 6 6-6",
  send: "M5 12h13M13 6l6 6-6 6",
  restart: "M4 12a8 8 0 1 0 2.4-5.7M4 4v4.5h4.5",
  sparkle:
    "M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9L12 3Z M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8L19 15Z",
  warning: "M12 4 2.8 19.5h18.4L12 4Z M12 10v4.5 M12 17.2v.1",
  alert: "M12 3a9 9 0 1 1 0 18 9 9 0 0 1 0-18Z M12 7.5v6 M12 16.4v.1",
  phone:
    "M6.6 3.5h2.6l1.5 4-2 1.3a11 11 0 0 0 6.5 6.5l1.3-2 4 1.5v2.6a2 2 0 0 1-2.2 2A16.5 16.5 0 0 1 4.6 5.7a2 2 0 0 1 2-2.2Z",
  mail: "M3.5 6.5h17v11h-17z M3.5 7l8.5 6.5L20.5 7",
  calendar: "M4 6.5h16v13H4z M4 10.5h16 M8.5 4v4 M15.5 4v4",
  clock: "M12 3.5a8.5 8.5 0 1 1 0 17 8.5 8.5 0 0 1 0-17Z M12 7.5V12l3 2",
  thumbUp:
    "M7 10v10H4V10h3Zm0 0 4-7c1.3 0 2.3 1.1 2 2.4L12.5 9H19a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.8 20H7",
  thumbDown:
    "M17 14V4h3v10h-3Zm0 0-4 7c-1.3 0-2.3-1.1-2-2.4l.5-3.6H5a2 2 0 0 1-2-2.3l1.2-7A2 2 0 0 1 6.2 4H17",
  offline:
    "M3 3l18 18 M8.5 16.5a5 5 0 0 1 7 0 M5 12.5a10 10 0 0 1 4.4-2.4 M19 12.5a10 10 0 0 0-3-1.9 M2 9a15 15 0 0 1 4.3-2.7 M22 9a15 15 0 0 0-9.5-3.4 M12 20h.01",
} as const;

export type IconName = keyof typeof ICONS;

/** A decorative 24×24 stroke icon, hidden from assistive technology. */
export function icon(name: IconName, className = "icon"): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  setAttributes(svg, {
    class: className,
    viewBox: "0 0 24 24",
    fill: name === "chat" || name === "sparkle" ? "currentColor" : "none",
    stroke: "currentColor",
    "stroke-width": name === "chat" || name === "sparkle" ? "0" : "2",
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
    "aria-hidden": "true",
    focusable: "false",
  });
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", ICONS[name]);
  svg.append(path);
  return svg;
}
