// npm run token -- <role> <label> [--expires YYYY-MM-DD] [--file people.json]
// Adds a person to the token file (HOTLINE_TOKENS_FILE, or --file): a fresh 256-bit token, printed
// once here, and only its hash written to the file. A running server picks the change up within
// seconds; nothing restarts. To take someone's access away, delete their entry (or revoke them on
// the admin page).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hashSecret, newSecret } from '../server/access/secret.ts';
import { parseExpiry, parseTokensFile } from '../server/access/token-file.ts';
import { ROLES } from '../server/config/tokens.ts';

function fail(msg: string): never {
  console.error(`token: ${msg}`);
  console.error('usage: npm run token -- <wall|leader|admin> <label> [--expires YYYY-MM-DD] [--file people.json]');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v ?? fail(`${name} needs a value`);
};
const expires = opt('--expires');
const file = opt('--file') ?? process.env.HOTLINE_TOKENS_FILE ?? fail('name the file with --file or HOTLINE_TOKENS_FILE');
const [role, ...labelParts] = args;
const label = labelParts.join(' ').trim();
if (!role || !(ROLES as readonly string[]).includes(role)) fail(`the role must be one of ${ROLES.join(', ')}`);
if (!label) fail('give a label naming the person');
const tz = process.env.HOTLINE_TZ ?? 'Asia/Shanghai';
if (expires !== undefined && parseExpiry(expires, tz) === null) fail('--expires: a date YYYY-MM-DD or an ISO 8601 time with its offset');

const json = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { people: unknown[] }) : { people: [] };
const checked = parseTokensFile(JSON.stringify(json), tz, file);
if (checked.errors.length > 0) fail(`the file has problems already:\n  ${checked.errors.join('\n  ')}`);
const token = newSecret();
json.people.push({ role, label, tokenHash: hashSecret(token), ...(expires ? { expires } : {}) });
// Written whole and renamed into place, so a server reading it never sees half a file.
const tmp = `${file}.tmp-${process.pid}`;
writeFileSync(tmp, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 });
renameSync(tmp, file);

console.log(`added ${role} "${label}" to ${file}${expires ? ` (until ${expires})` : ''}.`);
console.log('Their token (shown only now; the file keeps its hash):');
console.log(`  ${token}`);
console.log(`Their link: http://<server>/?token=${token}#/${role === 'wall' ? 'wall' : 'leader'}`);
console.log('The page takes the token out of the address and keeps a session cookie instead.');
