// Small synthesized sounds (WebAudio, no files): my hits and hurts, kills,
// dashes, pickups, the countdown and the end of a match. Cosmetic only; M
// mutes. The context starts on the first key or click (browsers require a
// gesture), and a page without WebAudio simply stays silent.
export class Sounds {
  constructor() {
    this.ctx = null;
    this.muted = false;
    try {
      this.muted = globalThis.localStorage?.getItem('skirmish.muted') === '1';
    } catch {}
  }

  // Called from a user gesture: creates or resumes the audio context.
  unlock() {
    if (this.muted) return;
    const AC = globalThis.AudioContext ?? globalThis.webkitAudioContext;
    if (!AC) return;
    this.ctx ??= new AC();
    if (this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
  }

  toggle() {
    this.muted = !this.muted;
    try {
      globalThis.localStorage?.setItem('skirmish.muted', this.muted ? '1' : '0');
    } catch {}
    if (!this.muted) this.unlock();
    return this.muted;
  }

  // One tone: frequency glide from f0 to f1 over `ms`, with a fast attack.
  tone(f0, f1, ms, { type = 'square', volume = 0.06, delay = 0 } = {}) {
    const ctx = this.ctx;
    if (this.muted || !ctx || ctx.state !== 'running') return;
    const t = ctx.currentTime + delay / 1000;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.setValueAtTime(f0, t);
    osc.frequency.exponentialRampToValueAtTime(Math.max(20, f1), t + ms / 1000);
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(volume, t + 0.008);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + ms / 1000 + 0.02);
  }

  // A battle event from the module, as seen by slot `me`.
  event(e, me) {
    if (e.kind === 'hit' && e.slot === me) this.tone(880, 1320, 60, { volume: 0.04 });
    else if (e.kind === 'hit' && e.other === me) this.tone(220, 90, 120, { type: 'sawtooth', volume: 0.07 });
    else if (e.kind === 'kill' && e.slot === me) {
      this.tone(660, 660, 90, { type: 'triangle', volume: 0.08 });
      this.tone(990, 990, 140, { type: 'triangle', volume: 0.08, delay: 90 });
    } else if (e.kind === 'kill' && e.other === me) this.tone(300, 60, 450, { type: 'sawtooth', volume: 0.08 });
    else if (e.kind === 'dash' && e.slot === me) this.tone(300, 900, 120, { type: 'sine', volume: 0.06 });
    else if (e.kind === 'pickup' && e.slot === me) this.tone(520, 1040, 180, { type: 'sine', volume: 0.07 });
    else if (e.kind === 'respawn' && e.slot === me) this.tone(440, 880, 200, { type: 'triangle', volume: 0.05 });
  }

  // The match's phase changed.
  match(phase) {
    if (phase === 'countdown') for (let i = 0; i < 3; i++) this.tone(440, 440, 120, { type: 'triangle', volume: 0.06, delay: i * 1000 });
    else if (phase === 'playing') this.tone(880, 880, 300, { type: 'triangle', volume: 0.07 });
    else if (phase === 'ended') [523, 659, 784, 1047].forEach((f, i) => this.tone(f, f, 220, { type: 'triangle', volume: 0.07, delay: i * 150 }));
  }
}
