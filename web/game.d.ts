// Types of the game's embedding API (game/battle.mjs, game/element.mjs).

/** Options of createBattle. */
export interface BattleOptions {
  /** Where the battle is drawn; its CSS size decides the drawing size (crisp at any devicePixelRatio). */
  canvas: HTMLCanvasElement;
  /** The relay: ws://host:port/ws (http: and a bare host:port work too). Default: the page's own host at /ws. */
  relay?: string;
  /** A room id ([A-Za-z0-9_-], up to 32 bytes), or 'auto' for matchmaking (the default). */
  room?: string;
  /** The player's name (1-32 bytes of UTF-8; control characters are removed). Default 'player'. */
  name?: string;
  /** Watch without a slot. */
  spectator?: boolean;
  /** A reconnect token (32 hex digits, from hud.token) to take a held slot back, e.g. after a page reload; needs a real room id. */
  token?: string;
  /** Offline practice against bots in the page (no relay). `true` means 3 bots of normal skill. */
  practice?: boolean | PracticeOptions;
  /** Where keys are read (default window); false: no keyboard (drive it with script()). */
  keyboard?: EventTarget | false;
  /** Synthesized sound effects (default true; M toggles mute, remembered). */
  sound?: boolean;
  /** The game module (default: ../dist/skirmish-game.mjs next to this package's game/ folder). */
  moduleUrl?: string | URL;
}

export interface PracticeOptions {
  /** Bots, 0-7 (default 3). */
  bots?: number;
  /** Bot skill 1 (easy) to 5 (hard), default 3. */
  skill?: number;
  /** Room size, 2-8 (default bots + 1). */
  maxSlots?: number;
  /** The battle's seed (default: from the clock). */
  seed?: number;
}

/** The session's phase: where the connection to the room stands. */
export type SessionPhase = 'connecting' | 'joining' | 'catching_up' | 'live' | 'reconnecting' | 'ended' | 'failed';
/** The match's phase inside the battle. */
export type MatchPhase = 'warmup' | 'countdown' | 'playing' | 'overtime' | 'ended';

export interface Hud {
  phase: SessionPhase;
  /** Why the session failed or ended, or what a reconnect waits for; '' otherwise. */
  status: string;
  room: string;
  /** My slot, -1 for a spectator or before the welcome. */
  slot: number;
  spectator: boolean;
  practice: boolean;
  /** The next tick to apply. */
  tick: number;
  liveTick: number;
  relayTick: number | null;
  /** The last round trip to the relay. */
  pingMs: number | null;
  /** The round trip smoothed (1/8 per sample). */
  smoothedPingMs: number | null;
  tickHz: number;
  inputDelay: number;
  maxSlots: number;
  attempts: number;
  dials: number;
  /** The newest reconnect token (32 hex digits), null for a spectator or before the welcome. */
  token: string | null;
  frames: number;
  roster: { slot: number; name: string; connected: boolean }[];
  /** Names by slot. */
  names: string[];
  /** The relay found diverging simulations: the first bad tick, whether we are the odd one out. */
  desync: { tick: number; mine: boolean; mask: number } | null;
  /** The relay's last error message. */
  error: { code: number; reason: string } | null;
}

export interface PlayerView {
  slot: number;
  active: boolean;
  alive: boolean;
  x: number;
  y: number;
  aim: number;
  health: number;
  dashing: boolean;
  protected: boolean;
  kills: number;
  deaths: number;
  ability: number;
  respawnSeconds: number;
  streak: number;
}

export interface FrameView {
  alpha: number;
  tick: number;
  me: number;
  tickHz: number;
  phase: MatchPhase;
  phaseSeconds: number;
  winner: number;
  match: number;
  players: PlayerView[];
  projectiles: number;
  particles: number;
}

export interface Results {
  winner: number;
  winnerName: string | null;
  me: number;
  players: { slot: number; name: string; kills: number; deaths: number; me: boolean }[];
}

export interface BattleEvents {
  /** The first frame with the battle in it. */
  ready: { at: number; slot: number; room: string };
  /** The session's phase changed. */
  phase: { phase: SessionPhase; status: string };
  /** The connection's phase or status sentence changed (e.g. "could not reach the relay (...); retrying, attempt 2"). */
  connection: { phase: SessionPhase; status: string; attempts: number };
  /** The session failed (unreachable relay, a refusal, a protocol violation): a sentence to show. */
  error: { message: string; error?: { code: number; reason: string } | null };
  /** The relay closed the room or we left. */
  ended: { status: string };
  kill: { killer: number; victim: number; streak: number; tick: number; killerName: string; victimName: string };
  join: { slot: number; name: string };
  leave: { slot: number; name: string };
  /** The match's phase changed. */
  match: { phase: MatchPhase; was: MatchPhase | null };
  /** A match ended: the results. */
  matchend: Results;
  /** The relay reported that the players' simulations diverged (first bad tick; mine: we are the odd one out). */
  desync: { tick: number; mine: boolean; mask: number };
  /** M toggled the sound. */
  mute: { muted: boolean };
  /** leave() finished. */
  left: Record<string, never>;
}

export interface ScriptedInput {
  held?: ('up' | 'down' | 'left' | 'right' | 'fire' | 'ability')[];
  /** Aim, in radians (0 = right, growing clockwise on screen). */
  aim?: number;
}

export declare class Battle extends EventTarget {
  readonly canvas: HTMLCanvasElement;
  readonly mode: 'practice' | 'online';
  readonly name: string;
  /** Frames drawn with the battle in them. */
  readonly frames: number;
  /** performance.now() of the first such frame. */
  readonly firstFrameAt: number | null;
  readonly hud: Hud;
  readonly room: string;
  /** Listens for an event; returns a function that stops listening. */
  on<K extends keyof BattleEvents>(type: K, listener: (detail: BattleEvents[K]) => void): () => void;
  /** [room tick, state hash (hex)] at every hash tick this client saw. */
  hashes(): [number, string][];
  /** The current state hash (hex), '' before the welcome. */
  stateHash(): string;
  tick(): number;
  snapshot(): FrameView | null;
  results(): Results;
  /** Adds a bot to this online room, playing from this page over its own connection; gives its name. */
  addBot(options?: { skill?: number }): string;
  /** [room tick, hash] logs of the page's bots, by name. */
  botHashes(): Record<string, [number, string][]>;
  /** Holds the picture (canvas and snapshot()) on the current frame while the battle goes on; false lets it move again. */
  holdPicture(on: boolean): void;
  /** Scripted input instead of the keyboard. */
  script(input: ScriptedInput): void;
  /** Leaves the room (or practice) and frees the battle. */
  leave(): Promise<void>;
}

/** Starts a battle on options.canvas. */
export declare function createBattle(options: BattleOptions): Promise<Battle>;
/** Loads the game module (once per URL). */
export declare function loadGame(moduleUrl?: string | URL): Promise<unknown>;
/** The WebSocket URL createBattle uses for a `relay` option. */
export declare function relayEndpoint(relay?: string): string;

/**
 * <skirmish-battle room="CODE" relay="ws://host/ws" name="ann"> or
 * <skirmish-battle practice bots="3" skill="3">: the battle as an element
 * (import '@skirmish/web/element' to define it). Its events are the
 * Battle's, dispatched on the element as CustomEvents.
 */
export declare class SkirmishBattleElement extends HTMLElement {
  readonly canvas: HTMLCanvasElement;
  readonly battle: Battle | null;
  leave(): Promise<void>;
}

declare global {
  interface HTMLElementTagNameMap {
    'skirmish-battle': SkirmishBattleElement;
  }
}
