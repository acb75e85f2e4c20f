// The tokens every test server is started with.
export const TOKEN = {
  wall: 'wall-token-1',
  leader: 'leader-token-1',
  admin: 'admin-token-1',
} as const;

export const HOTLINE_TOKENS = `wall:${TOKEN.wall}:大厅大屏,leader:${TOKEN.leader}:张主任,admin:${TOKEN.admin}`;
