/**
 * CSS/BBCode colours → ADF `textColor`. The schema accepts any `#rrggbb`, but Jira's editor keeps only its
 * palette and drops other values, so colours snap to the nearest palette entry.
 */
const PALETTE = [
  '#172b4d',
  '#0747a6',
  '#008da6',
  '#006644',
  '#ff991f',
  '#bf2600',
  '#403294',
  '#97a0af',
  '#4c9aff',
  '#00b8d9',
  '#36b37e',
  '#ffc400',
  '#ff5630',
  '#6554c0',
  '#ffffff',
  '#b3d4ff',
  '#b3f5ff',
  '#abf5d1',
  '#fff0b3',
  '#ffbdad',
  '#eae6ff',
] as const;

const NAMED: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
  navy: '#000080',
  teal: '#008080',
  maroon: '#800000',
  olive: '#808000',
  lime: '#00ff00',
  aqua: '#00ffff',
  fuchsia: '#ff00ff',
  silver: '#c0c0c0',
};

type Rgb = [number, number, number];

function hexToRgb(hex: string): Rgb {
  return [0, 2, 4].map((i) => parseInt(hex.slice(1 + i, 3 + i), 16)) as Rgb;
}

const PALETTE_RGB: readonly (readonly [string, Rgb])[] = PALETTE.map((hex) => [hex, hexToRgb(hex)]);

/** `#rrggbb` for a CSS colour we understand, undefined otherwise. */
function parseColour(input: string): string | undefined {
  const value = input
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const named = NAMED[value];
  if (named) return named;
  const short = /^#?([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(value);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const long = /^#?([0-9a-f]{6})$/.exec(value);
  if (long) return `#${long[1]}`;
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(value);
  if (rgb) {
    return `#${rgb
      .slice(1, 4)
      .map((n) => Math.min(255, Number(n)).toString(16).padStart(2, '0'))
      .join('')}`;
  }
  return undefined;
}

/** Nearest palette colour (squared RGB distance); exact palette colours map to themselves. */
function snapToPalette(hex: string): string {
  const [r, g, b] = hexToRgb(hex);
  let best: string = PALETTE[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const [candidate, [cr, cg, cb]] of PALETTE_RGB) {
    const distance = (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function adfColour(input: string): string | undefined {
  const hex = parseColour(input);
  return hex === undefined ? undefined : snapToPalette(hex);
}
