// The tokens every test server is started with (long enough to pass the 128-bit check at start).
export const TOKEN = {
  wall: 'wall-token-1-QJ7mX2vR9kLp4sTz',
  leader: 'leader-token-1-Hn3cW8yB5dFg6uVa',
  admin: 'admin-token-1-Ze4rK9tM2xNq7bYs',
} as const;

export const HOTLINE_TOKENS = `wall:${TOKEN.wall}:大厅大屏,leader:${TOKEN.leader}:张主任,admin:${TOKEN.admin}`;
