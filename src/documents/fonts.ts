import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';

/**
 * Tinos, the serif of the Croscore fonts, is metric-compatible with Times New Roman, which
 * administrative documents use, and covers every Vietnamese letter with precomposed glyphs.
 * It is licensed under the SIL Open Font License 1.1, which allows embedding and
 * redistribution. The npm package ships the full TrueType files, not web subsets.
 */
export const FONT_FAMILY = 'Tinos';

/** Font name written into the DOCX, so that Word uses Times New Roman as the decree requires. */
export const DOCX_FONT_NAME = 'Times New Roman';

export type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

const FONT_FILES: Record<FontStyle, string> = {
  normal: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italics: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

const require = createRequire(import.meta.url);
const parsedFonts = new Map<FontStyle, Font>();

/** Returns the absolute path of the TrueType file of one style of Tinos. */
export function fontPath(style: FontStyle): string {
  return require.resolve(FONT_FILES[style]);
}

/** Returns one style of Tinos parsed by fontkit, read on first use. */
function parsedFont(style: FontStyle): Font {
  let font = parsedFonts.get(style);
  if (!font) {
    const created = fontkit.create(readFileSync(fontPath(style)));
    if (!('layout' in created)) throw new Error(`${FONT_FILES[style]} is a font collection`);
    font = created;
    parsedFonts.set(style, font);
  }
  return font;
}

/**
 * Measures `text` set in Tinos at `size` points, in points. Both writers use it to size the
 * rules under the agency name, the motto and the title, which the decree ties to text length.
 */
export function measureText(text: string, size: number, style: FontStyle): number {
  const font = parsedFont(style);
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}
