// What the stale banner says, from the store's staleness (pure).
import type { ConnectionPhase, StaleState } from '../../../../stores/live.ts';
import { fmtDuration } from '../../../../lib/format.ts';
import { fmtClock } from '../../../../lib/time.ts';

export type StaleReason = 'no-token' | 'unauthorized' | 'connecting' | 'disconnected' | 'server-silent' | 'stream-silent';

export interface BannerText {
  reason: StaleReason;
  level: 'stale' | 'warn';
  headline: string;
  detail: string;
}

export function bannerText(
  st: StaleState,
  phase: ConnectionPhase,
  o: { hasData: boolean; connectionError: string | null; attempts: number; tz: string; lastEntryAtMs: number | null },
): BannerText | null {
  const since = st.sinceMs !== null ? `数据停留在 ${fmtClock(st.sinceMs, o.tz)}，已 ${fmtDuration(st.messageAgeMs ?? 0)}` : '尚无数据';
  if (o.connectionError === 'no-token' && !o.hasData) {
    return { reason: 'no-token', level: 'stale', headline: '缺少访问令牌', detail: '请在地址中加入 ?token=…（由管理员提供）' };
  }
  if (phase === 'unauthorized') {
    return { reason: 'unauthorized', level: 'stale', headline: '访问令牌无效', detail: `${since}；请联系管理员核对令牌` };
  }
  if (st.disconnected) {
    if (!o.hasData)
      return {
        reason: 'connecting',
        level: 'stale',
        headline: '正在连接服务器…',
        detail: o.attempts ? `第 ${o.attempts} 次重试` : '请稍候',
      };
    return {
      reason: 'disconnected',
      level: 'stale',
      headline: '与服务器的连接已断开，正在自动重连',
      detail: `${since}${o.attempts ? `（第 ${o.attempts} 次重试）` : ''}`,
    };
  }
  if (st.serverSilent) {
    return { reason: 'server-silent', level: 'stale', headline: '服务器无响应', detail: since };
  }
  if (st.streamSilent) {
    const last = o.lastEntryAtMs;
    return {
      reason: 'stream-silent',
      level: 'warn',
      headline: '数据源静默',
      detail:
        last === null ? '尚未收到业务系统的数据' : `最近一条数据 ${fmtClock(last, o.tz)}，已 ${fmtDuration(st.streamAgeMs ?? 0)} 无新数据`,
    };
  }
  return null;
}
