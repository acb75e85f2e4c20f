// Operators' notices from this process's own condition, shown on every screen: staleness is shown,
// never hidden (a wall must not keep saying "all fine" while its figures are frozen).
import type { ConsumerStatus } from '../store/consumer.ts';
import type { RedisClient, RedisWatch } from '../store/redis.ts';
import { localClock } from '../util/time.ts';

export function statusNotices(o: {
  redis: RedisClient;
  /** A connected Redis that stopped answering (hung, not away). */
  watch?: Pick<RedisWatch, 'hungSince'>;
  consumer: { status: ConsumerStatus };
  tz: string;
}): () => string[] {
  let downSince: number | null = null;
  return () => {
    const out: string[] = [];
    if (!o.redis.isReady) {
      downSince ??= Date.now();
      out.push(`与 Redis 的连接中断（自 ${localClock(downSince, o.tz)} 起），数据暂停更新，恢复后自动续接`);
    } else if (o.watch?.hungSince() != null) {
      downSince = null;
      out.push(`Redis 无响应（自 ${localClock(o.watch.hungSince()!, o.tz)} 起），数据暂停更新，恢复后自动续接`);
    } else {
      downSince = null;
      switch (o.consumer.status) {
        case 'standby':
          out.push('本进程为备用：另一进程正在消费事件流，数据可能滞后');
          break;
        case 'failed':
          out.push('事件消费已停止：Redis 中存储的状态无法使用，需运维处理（见服务日志）');
          break;
        case 'retrying':
          out.push('事件消费出错，正在重试（见服务日志）');
          break;
      }
    }
    return out;
  };
}
