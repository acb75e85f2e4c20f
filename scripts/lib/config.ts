// The city the scripts simulate: HOTLINE_CONFIG's file when set (the server reads the same one, so
// district codes agree), else the contract's defaults.
import { readFileSync } from 'node:fs';
import { ConfigSchema, type Config } from '../../shared/config.ts';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = env.HOTLINE_CONFIG?.trim();
  if (!file) return ConfigSchema.parse({});
  return ConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
