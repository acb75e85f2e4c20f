// The addresses people open: on this machine and on the machine's network address.
import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address, or null. */
export function networkAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

export function screenUrls(port: number, tokens: { wall: string | null; leader: string | null }): string[] {
  const hosts = ['127.0.0.1', networkAddress()].filter((h): h is string => h !== null);
  const lines: string[] = [];
  const page = (host: string, token: string | null, route: string) =>
    `http://${host}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}#/${route}`;
  for (const [name, token, route] of [
    ['wall     ', tokens.wall, 'wall'],
    ['leader   ', tokens.leader, 'leader'],
    ['rankings ', tokens.leader ?? tokens.wall, 'rankings'],
  ] as const) {
    if (!token) continue;
    lines.push(`  ${name}${hosts.map((h) => page(h, token, route)).join('\n           ')}`);
  }
  return lines;
}
