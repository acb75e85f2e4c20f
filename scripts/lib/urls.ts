// The addresses people open: on this machine and on the machine's network address.
import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address, or null. */
export function networkAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

/**
 * The links npm start prints. They carry a token for a first look: the page takes it out of the
 * address bar at once and keeps a session cookie instead (a real centre pairs its walls: #/admin).
 */
export function screenUrls(port: number, tokens: { wall: string | null; leader: string | null; admin?: string | null }): string[] {
  const hosts = ['127.0.0.1', networkAddress()].filter((h): h is string => h !== null);
  const lines: string[] = [];
  const page = (host: string, token: string | null, route: string) =>
    `http://${host}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}#/${route}`;
  for (const [name, token, route] of [
    ['wall     ', tokens.wall, 'wall'],
    ['leader   ', tokens.leader, 'leader'],
    ['rankings ', tokens.leader ?? tokens.wall, 'rankings'],
    ['admin    ', tokens.admin ?? null, 'admin'],
  ] as const) {
    if (!token) continue;
    lines.push(`  ${name}${hosts.map((h) => page(h, token, route)).join('\n           ')}`);
  }
  return lines;
}
