// Keyboard and mouse into the module's input cells: WASD or arrows move,
// the mouse aims, click or Space fires, Shift / E / K dashes. Without a mouse
// the aim follows the last direction moved, so the keyboard alone can play.
const buttons = { up: 1, down: 2, left: 4, right: 8, fire: 16, ability: 32 };
const keyMap = {
  KeyW: 'up', ArrowUp: 'up', KeyS: 'down', ArrowDown: 'down', KeyA: 'left', ArrowLeft: 'left',
  KeyD: 'right', ArrowRight: 'right', Space: 'fire', KeyJ: 'fire', ShiftLeft: 'ability', ShiftRight: 'ability',
  KeyE: 'ability', KeyK: 'ability',
};

export const toAngle16 = (radians) => Math.round((radians / (2 * Math.PI)) * 65536) & 0xffff;

export class InputCapture {
  // `app` is the module's BattleApp, `canvas` where the mouse aims, `keys`
  // the EventTarget for keys (window by default; null: no keyboard).
  constructor(app, canvas, keys = globalThis.window) {
    this.app = app;
    this.canvas = canvas;
    this.keys = keys;
    this.down = new Set();
    this.mouseFire = false;
    this.mouse = null; // CSS pixels in the canvas
    this.mouseAt = -Infinity;
    this.moveAim = null; // radians of the last movement direction
    // Touch: a thumb on the left half is a stick (where it went down is the
    // centre), a thumb on the right half aims there and fires; a quick
    // second tap on the right dashes.
    this.stick = null; // { id, x0, y0, x, y }
    this.trigger = null; // { id, x, y }
    this.lastTriggerAt = -Infinity;
    this.handlers = [];
    const on = (target, type, fn, opts) => {
      if (!target) return;
      target.addEventListener(type, fn, opts);
      this.handlers.push(() => target.removeEventListener(type, fn, opts));
    };
    on(keys, 'keydown', (e) => this.key(e, true));
    on(keys, 'keyup', (e) => this.key(e, false));
    on(globalThis.window, 'blur', () => {
      this.down.clear();
      this.mouseFire = false;
      this.app.releaseAll();
    });
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    on(canvas, 'pointermove', (e) => {
      if (e.pointerType === 'touch') return this.touchMove(e, at(e));
      this.mouse = at(e);
      this.mouseAt = performance.now();
    });
    on(canvas, 'pointerdown', (e) => {
      if (e.pointerType === 'touch') return this.touchDown(e, at(e));
      if (e.button !== 0) return;
      this.mouse = at(e);
      this.mouseAt = performance.now();
      this.mouseFire = true;
      this.app.press(buttons.fire);
      this.sync();
    });
    on(globalThis.window, 'pointerup', (e) => {
      if (e.pointerType === 'touch') return this.touchUp(e);
      this.mouseFire = false;
      this.sync();
    });
    on(globalThis.window, 'pointercancel', (e) => this.touchUp(e));
    on(canvas, 'contextmenu', (e) => e.preventDefault());
  }

  key(e, isDown) {
    const what = keyMap[e.code];
    if (!what || e.altKey || e.ctrlKey || e.metaKey) return;
    // Keys typed into a text field are not game input.
    const t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)) return;
    // Space on a focused button presses the button (Play again, Menu), not the trigger.
    if (t && t.tagName === 'BUTTON' && e.code === 'Space') return;
    e.preventDefault();
    if (isDown) {
      if (!this.down.has(e.code) && what === 'ability') this.app.press(buttons.ability);
      this.down.add(e.code);
    } else {
      this.down.delete(e.code);
    }
    this.sync();
  }

  mask() {
    let m = this.mouseFire || this.trigger ? buttons.fire : 0;
    for (const code of this.down) m |= buttons[keyMap[code]];
    if (this.stick) {
      const dx = this.stick.x - this.stick.x0, dy = this.stick.y - this.stick.y0;
      const dead = 12; // CSS pixels before the stick counts
      if (Math.hypot(dx, dy) > dead) {
        const a = Math.atan2(dy, dx);
        // Eight directions: a component counts when the angle is within 67.5 degrees of it.
        if (Math.cos(a) > 0.38) m |= buttons.right;
        if (Math.cos(a) < -0.38) m |= buttons.left;
        if (Math.sin(a) > 0.38) m |= buttons.down;
        if (Math.sin(a) < -0.38) m |= buttons.up;
      }
    }
    return m;
  }

  touchDown(e, p) {
    e.preventDefault();
    try {
      this.canvas.setPointerCapture?.(e.pointerId); // keep the thumb's moves even off the canvas
    } catch {}
    if (p.x < this.canvas.clientWidth / 2 && !this.stick) {
      this.stick = { id: e.pointerId, x0: p.x, y0: p.y, x: p.x, y: p.y };
    } else if (!this.trigger) {
      const now = performance.now();
      if (now - this.lastTriggerAt < 300) this.app.press(buttons.ability);
      this.lastTriggerAt = now;
      this.trigger = { id: e.pointerId, ...p };
      this.mouse = p;
      this.mouseAt = now;
      this.app.press(buttons.fire);
    }
    this.sync();
  }

  touchMove(e, p) {
    if (this.stick?.id === e.pointerId) {
      this.stick.x = p.x;
      this.stick.y = p.y;
      this.sync();
    } else if (this.trigger?.id === e.pointerId) {
      this.trigger = { id: e.pointerId, ...p };
      this.mouse = p;
      this.mouseAt = performance.now();
    }
  }

  touchUp(e) {
    if (this.stick?.id === e.pointerId) this.stick = null;
    else if (this.trigger?.id === e.pointerId) this.trigger = null;
    else return;
    this.sync();
  }

  sync() {
    const m = this.mask();
    const dx = (m & buttons.right ? 1 : 0) - (m & buttons.left ? 1 : 0);
    const dy = (m & buttons.down ? 1 : 0) - (m & buttons.up ? 1 : 0);
    if (dx || dy) this.moveAim = Math.atan2(dy, dx);
    this.app.setHeld(m);
  }

  // Each frame: aim from my fighter to the mouse (or along my movement).
  aim(me, renderer) {
    if (!me) return;
    const mouseFresh = this.mouse && performance.now() - this.mouseAt < 4000;
    if (mouseFresh) {
      const w = renderer.toWorld(this.mouse.x, this.mouse.y);
      this.app.setAim(toAngle16(Math.atan2(w.y - me.y, w.x - me.x)));
    } else if (this.moveAim !== null) {
      this.app.setAim(toAngle16(this.moveAim));
    }
  }

  // Scripted input (tests, demos): buttons by name, and an aim angle.
  script({ held = [], aim } = {}) {
    let m = 0;
    for (const b of held) m |= buttons[b] ?? 0;
    this.app.setHeld(m);
    if (typeof aim === 'number') this.app.setAim(toAngle16(aim));
  }

  dispose() {
    for (const off of this.handlers) off();
    this.handlers = [];
  }
}
