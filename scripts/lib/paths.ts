// Where things live, from the repository root (independent of the working directory).
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `npm start`'s data folder (gitignored): Redis's files, the tokens. LIANXIN_DATA moves it. */
export const DATA_DIR = process.env.LIANXIN_DATA?.trim() || join(ROOT, 'data');
