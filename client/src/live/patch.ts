// Applying a patch (RFC 6902) without copying the whole snapshot: only the objects on the paths the
// patch touches are copied, everything else is shared with the previous snapshot. A wall updated
// every half second then re-renders only what changed (computeds that return an unchanged part keep
// its identity), and no 50 KB clone is made per message.
import type { Operation } from 'rfc6902';

const unescape = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

function index(token: string, length: number, forAdd: boolean): number | null {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) return null;
  const i = Number(token);
  return i < (forAdd ? length + 1 : length) ? i : null;
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';

/**
 * The patched document, sharing every untouched part with `doc`; null when an op is not add,
 * remove or replace, or does not apply (the caller then falls back to a full copy, or a resync).
 * `doc` itself is never changed.
 */
export function applyPatchShared<T extends object>(doc: T, ops: readonly Operation[]): T | null {
  const copied = new Set<unknown>();
  const copy = (v: Container): Container => {
    const c = Array.isArray(v) ? v.slice() : { ...v };
    copied.add(c);
    return c;
  };
  let root: unknown = copy(doc as Container);
  for (const op of ops) {
    if (op.op !== 'add' && op.op !== 'remove' && op.op !== 'replace') return null;
    if (op.path === '') {
      if (op.op === 'remove') return null;
      root = op.value;
      continue;
    }
    if (!op.path.startsWith('/') || !isContainer(root)) return null;
    const tokens = op.path.slice(1).split('/').map(unescape);
    if (!copied.has(root)) root = copy(root);
    let parent = root as Container;
    for (const token of tokens.slice(0, -1)) {
      const key = Array.isArray(parent) ? index(token, parent.length, false) : token;
      if (key === null) return null;
      const child = (parent as Record<string | number, unknown>)[key];
      if (!isContainer(child) || (!Array.isArray(parent) && !Object.hasOwn(parent, token))) return null;
      const own = copied.has(child) ? child : copy(child);
      (parent as Record<string | number, unknown>)[key] = own;
      parent = own;
    }
    const last = tokens[tokens.length - 1];
    if (Array.isArray(parent)) {
      const i = index(last, parent.length, op.op === 'add');
      if (i === null) return null;
      if (op.op === 'add') parent.splice(i, 0, op.value);
      else if (op.op === 'remove') parent.splice(i, 1);
      else parent[i] = op.value;
    } else {
      if (op.op !== 'add' && !Object.hasOwn(parent, last)) return null;
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return root as T;
}
