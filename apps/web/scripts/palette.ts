// Writes src/app/palette.json: Mantine's palettes with the shades that carry words made readable (src/app/palette.ts).
// Run after upgrading Mantine, when src/app/palette.test.ts says the file no longer matches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_THEME } from '@mantine/core';
import { accessiblePalettes } from '../src/app/palette';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/app/palette.json');
fs.writeFileSync(file, `${JSON.stringify(accessiblePalettes(DEFAULT_THEME.colors), null, 2)}\n`);
console.log(`[regionlink] ${file}`);
