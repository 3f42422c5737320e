// Colour maths for the configured brand colour: pick readable text and a link colour that pass WCAG AA.

export type Rgb = readonly [number, number, number];

export const DEFAULT_BRAND = "#0f766e";
// Pure black: any mid-tone brand reaches 4.5:1 with white or black, but not always with a softer dark.
const DARK_TEXT = "#000000";
const LIGHT_TEXT = "#ffffff";

// "#0f766e" => [15, 118, 110]; "#abc" => [170, 187, 204]; anything else => null
export function parseHexColor(value: string): Rgb | null {
  const hex = value.trim().replace(/^#/, "");
  if (!/^([0-9a-f]{3}|[0-9a-f]{6})$/i.test(hex)) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
  return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

export function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG 2.x relative luminance in [0, 1]. */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio in [1, 21]. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// Rounded to whole channels, so contrast is checked on exactly the colour the CSS will get.
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

export interface Theme {
  /** The configured colour: header, launcher, the visitor's bubbles. */
  brand: string;
  /** Text and icons on `brand`: white or near-black, whichever contrasts more. */
  onBrand: string;
  /** `brand` darkened until it reaches 4.5:1 on white and on `tint`, for links, chips and focus rings. */
  accent: string;
  /** A pale wash of `accent` for hover and selected backgrounds. */
  tint: string;
}

/** The widget's colours for a brand colour; an invalid colour falls back to the default. */
export function themeFor(color: string | undefined): Theme {
  const brand = parseHexColor(color ?? "") ?? parseHexColor(DEFAULT_BRAND)!;
  const white: Rgb = [255, 255, 255];
  const dark = parseHexColor(DARK_TEXT)!;
  const onBrand = contrastRatio(brand, white) >= contrastRatio(brand, dark) ? LIGHT_TEXT : DARK_TEXT;
  const tintOf = (accent: Rgb) => mix(white, accent, 0.1);
  let accent = brand;
  for (let step = 1; step <= 20 && contrastRatio(accent, tintOf(accent)) < 4.5; step++) {
    accent = mix(brand, [0, 0, 0], step * 0.05);
  }
  return { brand: toHex(brand), onBrand, accent: toHex(accent), tint: toHex(tintOf(accent)) };
}
