// A short chime with Web Audio for alerts (sound=1). Kiosk browsers need autoplay allowed
// (Chromium: --autoplay-policy=no-user-gesture-required). The context is closed with the scope.
import { onScopeDispose } from 'vue';

export function useAlertSound(enabled: boolean) {
  let ctx: AudioContext | null = null;
  onScopeDispose(() => {
    void ctx?.close().catch(() => {});
    ctx = null;
  });
  function play(strong = false) {
    if (!enabled) return;
    try {
      const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctx) return;
      ctx ??= new Ctx();
      if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
      const t0 = ctx.currentTime + 0.02;
      const notes = strong ? [880, 660, 880] : [740, 988];
      notes.forEach((f, i) => {
        const osc = ctx!.createOscillator();
        const gain = ctx!.createGain();
        osc.type = 'sine';
        osc.frequency.value = f;
        const s = t0 + i * 0.22;
        gain.gain.setValueAtTime(0.0001, s);
        gain.gain.exponentialRampToValueAtTime(0.25, s + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, s + 0.2);
        osc.connect(gain).connect(ctx!.destination);
        osc.start(s);
        osc.stop(s + 0.21);
      });
    } catch {
      /* no audio device: stay silent */
    }
  }
  return { play };
}
