/**
 * A positive number of seconds from the environment, else `fallback`; with `whole`, only a whole number counts (pg-boss
 * takes whole seconds, while the heartbeat of the tests beats every half second).
 */
export function envSeconds(name: string, fallback: number, { whole = false } = {}): number {
  const v = Number(process.env[name]);
  return (whole ? Number.isInteger(v) : Number.isFinite(v)) && v > 0 ? v : fallback;
}
