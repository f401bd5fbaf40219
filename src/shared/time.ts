/** Time helpers. Pure. All times are integer milliseconds. */

/** 3723004 → "1:02:03.004" (h:mm:ss.mmm; hours not zero-padded). Negative times get a leading "-". */
export function formatTimecode(ms: number): string {
  if (!Number.isFinite(ms)) return '-:--:--.---';
  const sign = ms < 0 ? '-' : '';
  let t = Math.round(Math.abs(ms));
  const milli = t % 1000;
  t = (t - milli) / 1000;
  const s = t % 60;
  t = (t - s) / 60;
  const m = t % 60;
  const h = (t - m) / 60;
  return `${sign}${h}:${pad(m, 2)}:${pad(s, 2)}.${pad(milli, 3)}`;
}

/** 3723004 → "1:02:03" (h:mm:ss, for summaries). */
export function formatHms(ms: number): string {
  return formatTimecode(Math.round(ms / 1000) * 1000).slice(0, -4);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Parses "h:mm:ss.mmm", "mm:ss.mmm", "ss.mmm" or plain seconds ("12.5") into milliseconds.
 * Returns null when the text is not a time.
 */
export function parseTimecode(text: string): number | null {
  const t = text.trim();
  const m = /^(-)?(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d*)?)$/.exec(t);
  if (!m) return null;
  const [, neg, a, b, sec] = m;
  let h = 0;
  let min = 0;
  if (a !== undefined && b !== undefined) {
    h = Number(a);
    min = Number(b);
  } else if (a !== undefined) {
    min = Number(a);
  }
  const secNum = Number(sec);
  if (!Number.isFinite(secNum)) return null;
  if ((a !== undefined || b !== undefined) && secNum >= 60) return null;
  const ms = Math.round((h * 3600 + min * 60 + secNum) * 1000);
  return neg ? -ms : ms;
}

/** Seconds (as in CSV files) → integer milliseconds, rounding to the nearest millisecond. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** ".001" … ".999" without trailing zeros, by milliseconds ('' for 0): a table, as every time cell of an export needs one. */
const FRACTIONS: readonly string[] = Array.from({ length: 1000 }, (_, f) => (f === 0 ? '' : `.${String(f).padStart(3, '0').replace(/0+$/, '')}`));

/** Integer milliseconds → seconds as a decimal string without float noise ("12.5", "3", "0.001"). */
export function msToSecondsString(ms: number): string {
  const a = Math.abs(Math.round(ms));
  const whole = Math.floor(a / 1000);
  return `${ms < 0 ? '-' : ''}${whole}${FRACTIONS[a - whole * 1000]}`;
}
