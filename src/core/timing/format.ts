// Number formatting exactly as IPython prints timings: C's `%g` and IPython's `_format_time`.
// JavaScript's toPrecision is not %g: it keeps trailing zeros ("1.20") and writes "1.00e+3".

/** C `printf("%.*g", precision, x)`. */
export function formatG(x: number, precision = 6): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // The exponent after rounding to p significant digits decides between fixed and exponential.
  const [mantissa, exp] = x.toExponential(p - 1).split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= p) {
    const m = stripZeros(mantissa);
    const sign = exponent < 0 ? '-' : '+';
    return `${m}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return stripZeros(x.toFixed(Math.max(0, p - 1 - exponent)));
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const UNITS = ['s', 'ms', '\u00b5s', 'ns'];
const SCALING = [1, 1e3, 1e6, 1e9];

/** IPython's `_format_time(timespan, precision=3)`. */
export function formatTime(timespan: number, precision = 3): string {
  if (timespan >= 60) {
    const parts: [string, number][] = [
      ['d', 86400],
      ['h', 3600],
      ['min', 60],
      ['s', 1],
    ];
    const out: string[] = [];
    let leftover = timespan;
    for (const [suffix, length] of parts) {
      const value = Math.trunc(leftover / length);
      if (value > 0) {
        leftover = leftover % length;
        out.push(`${value}${suffix}`);
      }
      if (leftover < 1) break;
    }
    return out.join(' ');
  }
  const order = timespan > 0 ? Math.min(-Math.floor(Math.floor(Math.log10(timespan)) / 3), 3) : 3;
  return `${formatG(timespan * SCALING[order], precision)} ${UNITS[order]}`;
}

/** Python's `f"{n:,}"` for integers. */
export function withThousands(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
