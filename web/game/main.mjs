// The page: lobby (name, quick match, create room with a shareable link,
// practice vs bots), the battle, connection problems, the end screen.
// Everything works with the keyboard alone: Tab and Enter in the menus, Esc
// back to the menu from the game.
import { cleanName, createBattle, loadGame } from './battle.mjs';
import { colorOf, playerMarks } from './palette.mjs';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const relay = params.get('relay') || undefined;
const linkRoom = (params.get('room') || '').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);

const state = { battle: null, spec: null, navStart: performance.timeOrigin, firstFrameAt: null, errors: [] };
globalThis.__skirmish = state; // tests and benchmarks read this

function randomCode() {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function note(text, isError = false) {
  $('lobby-note').textContent = text;
  $('lobby-note').classList.toggle('error', isError);
}

function showLobby(first = false) {
  $('game').hidden = true;
  $('lobby').hidden = false;
  $('end').hidden = true;
  $('problem').hidden = true;
  // First visit: the name field; back from a game: the button to play again.
  if (first) $('name').focus();
  else ($('join-room').hidden ? $('quick') : $('join-room')).focus();
}

function shareLinkFor(room) {
  const url = new URL(location.href);
  url.search = '';
  url.searchParams.set('room', room);
  if (relay) url.searchParams.set('relay', relay);
  return url.href;
}

async function start(spec) {
  await stop();
  state.spec = spec;
  const name = cleanName($('name').value);
  try {
    localStorage.setItem('skirmish.name', name);
  } catch {}
  $('lobby').hidden = true;
  $('game').hidden = false;
  $('end').hidden = true;
  $('problem').hidden = true;
  $('notice').hidden = true;
  $('conn').hidden = true;
  // Every online room gets the invite bar (a quick match once its room is known).
  $('share').hidden = !!spec.practice || spec.room === 'auto';
  if (!spec.practice && spec.room !== 'auto') $('share-link').value = shareLinkFor(spec.room);
  $('add-bot').hidden = !!spec.spectator;
  const canvas = $('arena');
  canvas.focus();
  // A reload of a room's page takes the same slot back with the token this
  // tab stored (sessionStorage: per tab, so two tabs stay two players).
  const tokenKey = (room) => `skirmish.token.${room}`;
  let token = '';
  try {
    if (spec.room && spec.room !== 'auto' && !spec.fresh) token = sessionStorage.getItem(tokenKey(spec.room)) ?? '';
  } catch {}
  let battle;
  try {
    battle = await createBattle({ canvas, name, relay, room: spec.room, practice: spec.practice, spectator: spec.spectator, token });
  } catch (err) {
    problem('The game could not start', String(err?.message ?? err));
    return;
  }
  state.battle = battle;
  battle.on('ready', (d) => {
    state.firstFrameAt ??= d.at;
    if (!spec.practice && d.room && !spec.spectator) {
      // Quick match found a room: the address names it, to share or reload.
      if (new URLSearchParams(location.search).get('room') !== d.room) history.replaceState(null, '', shareLinkFor(d.room));
      $('share-link').value = shareLinkFor(d.room);
      $('share').hidden = false;
    }
  });
  battle.on('connection', (d) => {
    // The relay gives a fresh token with every welcome; keep the newest.
    const h = battle.hud;
    try {
      if (d.phase === 'live' && h.token && h.room) sessionStorage.setItem(tokenKey(h.room), h.token);
    } catch {}
  });
  battle.on('error', (d) => problem(titleFor(d), d.message));
  battle.on('ended', (d) => {
    if (state.battle === battle && d.status) problem('The room closed', d.status);
  });
  battle.on('matchend', (r) => showResults(r));
  battle.on('connection', (d) => {
    // While (re)connecting, say what is going on in words; hide it once live.
    const waiting = ['connecting', 'joining', 'reconnecting', 'catching_up'].includes(d.phase);
    const text =
      d.phase === 'reconnecting' && !d.status.startsWith('connection lost')
        ? `The relay is unreachable: ${d.status}.`
        : d.phase === 'reconnecting'
          ? `Reconnecting: ${d.status}.`
          : d.phase === 'catching_up'
            ? 'Catching up with the room…'
            : d.status;
    $('conn').textContent = text;
    $('conn').hidden = !(waiting && text);
  });
  battle.on('desync', (d) => {
    $('notice').textContent = d.mine
      ? `Out of sync: from tick ${d.tick} your game disagrees with the room (the relay says so). Rejoin to fix it.`
      : `Out of sync: from tick ${d.tick} another player's game disagrees with the room.`;
    $('notice').hidden = false;
  });
  battle.on('match', (d) => {
    if (d.phase === 'countdown' && !$('end').hidden) $('end').hidden = true;
  });
}

function titleFor(d) {
  const m = d.message || '';
  if (/could not (connect|reach|reconnect)|unreachable|1006/i.test(m)) return 'The relay is unreachable';
  if (/malformed|the relay sent|skips|repeats|protocol|contradict|welcome/i.test(m)) return 'The relay broke the protocol';
  if (d.error) return 'The relay refused us';
  return 'The connection failed';
}

async function stop() {
  const b = state.battle;
  state.battle = null;
  if (b) await b.leave();
}

function problem(title, text) {
  $('conn').hidden = true;
  $('problem-title').textContent = title;
  $('problem-text').textContent = text || 'no reason given';
  $('problem').hidden = false;
  $('end').hidden = true;
  $('retry').focus();
}

function showResults(r) {
  const body = $('results').querySelector('tbody');
  body.replaceChildren();
  r.players.forEach((p, i) => {
    const tr = document.createElement('tr');
    if (p.me) tr.className = 'me';
    const cells = [String(i + 1), '', String(p.kills), String(p.deaths)];
    cells.forEach((c, k) => {
      const td = document.createElement('td');
      if (k === 1) {
        const dot = document.createElement('span');
        dot.className = 'swatch';
        dot.style.background = colorOf(p.slot);
        td.append(dot, `${playerMarks[p.slot]} ${p.name}${p.me ? ' (you)' : ''}`);
      } else td.textContent = c;
      tr.append(td);
    });
    body.append(tr);
  });
  const mine = r.winner >= 0 && r.winner === r.me;
  $('end-title').textContent = r.winner < 0 ? 'Draw!' : mine ? 'You win!' : `${r.winnerName} wins`;
  $('again').textContent = state.spec?.practice ? 'Play again' : 'Play again (next match)';
  $('end').hidden = false;
  $('again').focus();
}

$('lobby-form').addEventListener('submit', (e) => {
  e.preventDefault();
  start({ room: 'auto' });
});
$('create').addEventListener('click', () => {
  const room = randomCode();
  history.replaceState(null, '', shareLinkFor(room));
  start({ room, share: true });
});
$('join-room').addEventListener('click', () => start({ room: linkRoom, share: true }));
$('watch-room').addEventListener('click', () => start({ room: linkRoom, share: true, spectator: true }));
$('practice').addEventListener('click', () =>
  start({ practice: { bots: Number($('bots').value), skill: Number($('skill').value) } }),
);
$('leave').addEventListener('click', () => stop().then(showLobby));
$('end-menu').addEventListener('click', () => stop().then(showLobby));
$('problem-menu').addEventListener('click', () => stop().then(showLobby));
// note: a retry starts afresh: a stored token may be what the relay refused.
$('retry').addEventListener('click', () => start({ ...state.spec, fresh: true }));
$('again').addEventListener('click', () => {
  if (state.spec?.practice) start(state.spec);
  else {
    $('end').hidden = true;
    $('arena').focus();
  }
});
$('add-bot').addEventListener('click', () => {
  try {
    state.battle?.addBot({ skill: Number($('skill').value) });
  } catch (err) {
    $('conn').textContent = err.message;
    $('conn').hidden = false;
  }
  $('arena').focus();
});
$('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('share-link').value);
    $('copy').textContent = 'Copied';
  } catch {
    $('share-link').select();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !$('game').hidden) {
    e.preventDefault();
    stop().then(showLobby);
  }
});

try {
  $('name').value = params.get('name') || localStorage.getItem('skirmish.name') || '';
} catch {}
if (linkRoom) {
  $('join-room').hidden = false;
  $('join-room').textContent = `Join room ${linkRoom}`;
  $('watch-room').hidden = false;
  note(`You were invited to room ${linkRoom}.`);
}
// Start fetching and compiling the module while the player reads the menu.
loadGame().catch((err) => note(`The game module failed to load: ${err.message}`, true));
showLobby(true);
if (params.has('practice')) start({ practice: { bots: Number(params.get('bots') || 3), skill: Number(params.get('skill') || 3) } });
else if (params.has('autojoin') && linkRoom) start({ room: linkRoom, spectator: params.has('spectate') });
