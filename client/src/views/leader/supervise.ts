// Supervising a ticket: POST /api/v1/tickets/:id/supervise answers 202 { eventId } once the
// ticket.supervised event is on the stream; the centre applies it like any other entry. The page
// then watches the live store and re-reads the ticket until the event shows in its timeline, so the
// leader sees the level the walls now show, not an optimistic guess.
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { TicketAnswer } from '@shared/contract/snapshot.ts';
import { errorText, useApi, type Api } from '../../api/http.ts';
import { useTimeout } from '../../composables/timers.ts';
import { useLiveStore } from '../../stores/live.ts';

export const NOTE_MAX = 500;

/** A ticket the centre may still supervise (events.md: new, assigned, signed, replied). */
export function canSupervise(t: TicketAnswer['ticket']): boolean {
  return t.state !== 'closed';
}

export function supervisedCount(a: TicketAnswer): number {
  return a.timeline.filter((e) => e.type === 'ticket.supervised').length;
}

/**
 * The supervision `eventId` shows in `after`: its timeline names the id (when the server adds it),
 * or holds more ticket.supervised events than `before` did.
 */
export function superviseApplied(before: TicketAnswer | null, after: TicketAnswer, eventId: string): boolean {
  if (after.timeline.some((e) => e.type === 'ticket.supervised' && e.detail?.id === eventId)) return true;
  return supervisedCount(after) > (before ? supervisedCount(before) : 0);
}

export type SupervisePhase = 'idle' | 'sending' | 'waiting' | 'applied' | 'slow' | 'error';

export function useSupervise(
  ticketId: () => string,
  current: () => TicketAnswer | null,
  onApplied: (a: TicketAnswer) => void,
  o: { api?: Api; slowMs?: number; pollMs?: number } = {},
) {
  const api = o.api ?? useApi();
  const live = useLiveStore();
  const phase = ref<SupervisePhase>('idle');
  const eventId = ref<string | null>(null);
  const error = ref<string | null>(null);
  const submitted = shallowRef<{ level: number; note: string } | null>(null);
  const sentAt = ref<number | null>(null);
  const appliedAt = ref<number | null>(null);
  let before: TicketAnswer | null = null;
  let checking = false;
  const slow = useTimeout();
  let stopWatch: (() => void) | null = null;
  let poll: ReturnType<typeof setInterval> | null = null;

  function stop() {
    stopWatch?.();
    stopWatch = null;
    if (poll !== null) clearInterval(poll);
    poll = null;
    slow.clear();
  }

  async function check() {
    if (checking || !eventId.value || phase.value === 'applied') return;
    checking = true;
    try {
      const a = await api.ticket(ticketId());
      if (eventId.value && superviseApplied(before, a, eventId.value)) {
        phase.value = 'applied';
        appliedAt.value = Date.now();
        stop();
        onApplied(a);
      }
    } catch {
      /* the next message tries again */
    } finally {
      checking = false;
    }
  }

  async function submit(level: number, note: string) {
    if (phase.value === 'sending') return;
    stop();
    before = current();
    phase.value = 'sending';
    error.value = null;
    eventId.value = null;
    appliedAt.value = null;
    submitted.value = { level, note };
    try {
      const trimmed = note.trim();
      const r = await api.supervise(ticketId(), trimmed ? { level, note: trimmed } : { level });
      eventId.value = r.eventId;
      sentAt.value = Date.now();
      phase.value = 'waiting';
      // Each live message may carry it (the server pushes within two intervals of applying it).
      stopWatch = watch(
        () => live.snapshot?.seq,
        () => void check(),
      );
      void check();
      // Without a live link (or a quiet one) re-read now and then all the same.
      poll = setInterval(() => void check(), o.pollMs ?? 3000);
      slow.set(() => {
        if (phase.value === 'waiting') phase.value = 'slow';
      }, o.slowMs ?? 10_000);
    } catch (e) {
      phase.value = 'error';
      error.value = errorText(e);
    }
  }

  function reset() {
    stop();
    phase.value = 'idle';
    eventId.value = null;
    error.value = null;
  }

  onScopeDispose(stop);

  return { phase, eventId, error, submitted, sentAt, appliedAt, submit, reset, check };
}
