// Flags shared by the baseline relays: --port N (0: any), --tick-hz,
// --input-delay, --hash-interval, as skirmish-relay spells them.
export function relayOptions(argv) {
  const value = (flag, fallback) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 0) {
      console.error(`${flag}: "${argv[i + 1]}" is not a number`);
      process.exit(2);
    }
    return n;
  };
  return {
    port: value('--port', 0),
    tickHz: value('--tick-hz', 30),
    inputDelay: value('--input-delay', 2),
    hashInterval: value('--hash-interval', 30),
  };
}
