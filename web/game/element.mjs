// <skirmish-battle>: the battle as a custom element. Attributes: room, relay,
// name, practice (boolean), bots, skill, spectator. Its canvas fills it; its
// events are the Battle's events, re-dispatched on the element.
import { createBattle } from './battle.mjs';

const forwarded = ['ready', 'phase', 'error', 'ended', 'kill', 'join', 'leave', 'match', 'matchend', 'left'];

export class SkirmishBattleElement extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{display:block;position:relative;min-height:240px}canvas{position:absolute;inset:0;width:100%;height:100%;display:block;outline:none;touch-action:none}</style><canvas tabindex="0" aria-label="skirmish battle"></canvas>';
    this.canvas = root.querySelector('canvas');
    this.battle = null;
    this.starting = null;
  }

  connectedCallback() {
    if (this.starting) return;
    const bots = Number(this.getAttribute('bots') ?? 3);
    this.starting = createBattle({
      canvas: this.canvas,
      room: this.getAttribute('room') ?? undefined,
      relay: this.getAttribute('relay') ?? undefined,
      name: this.getAttribute('name') ?? undefined,
      spectator: this.hasAttribute('spectator'),
      practice: this.hasAttribute('practice') ? { bots, skill: Number(this.getAttribute('skill') ?? 3) } : false,
    }).then(
      (b) => {
        this.battle = b;
        for (const type of forwarded) b.addEventListener(type, (e) => this.dispatchEvent(new CustomEvent(type, { detail: e.detail })));
        if (!this.isConnected) b.leave();
        return b;
      },
      (err) => {
        this.dispatchEvent(new CustomEvent('error', { detail: { message: String(err?.message ?? err) } }));
        return null;
      },
    );
  }

  disconnectedCallback() {
    this.starting?.then((b) => b?.leave());
    this.starting = null;
  }

  leave() {
    return this.starting ? this.starting.then((b) => b?.leave()) : Promise.resolve();
  }
}

if (globalThis.customElements && !customElements.get('skirmish-battle')) customElements.define('skirmish-battle', SkirmishBattleElement);
