import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Serif (SIL Open Font License, from the npm package `@expo-google-fonts/noto-serif`): a serif face with every
 * Vietnamese glyph, shipped with the product so PDFs and chart images render the same on any machine, with or without
 * system fonts. The DOCX files name Times New Roman, as the decree requires; Word and LibreOffice supply it.
 */
export const NOTO_SERIF = {
  normal: require.resolve('@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf'),
  italics: require.resolve('@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf'),
  bolditalics: require.resolve('@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf'),
};

let buffers: Record<keyof typeof NOTO_SERIF, Buffer> | null = null;

/** The four Noto Serif faces as buffers (read once). */
export function notoSerifBuffers() {
  if (!buffers)
    buffers = {
      normal: fs.readFileSync(NOTO_SERIF.normal),
      bold: fs.readFileSync(NOTO_SERIF.bold),
      italics: fs.readFileSync(NOTO_SERIF.italics),
      bolditalics: fs.readFileSync(NOTO_SERIF.bolditalics),
    };
  return buffers;
}
