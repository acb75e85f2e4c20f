// A Redis URL as it may be printed: the user and password never appear (README, "Security").
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
