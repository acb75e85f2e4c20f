// The page runs under a CSP without 'unsafe-eval' (server/http/security.ts): zod must not even probe
// for eval (its probe, though caught, is reported as a violation). Imported first by main.ts.
import { z } from 'zod';

z.config({ jitless: true });
