// Natural logarithm and exponential rounded correctly to the nearest double, so the phone's posterior matches the
// server's to the last bit. The Rust engine calls the C library's `log` and `exp` (glibc: correctly rounded in all
// but about 1 in 2,000 arguments); JavaScript's Math.log and Math.exp are only faithful (within 1 ulp) and differ
// from glibc on 3-10 % of arguments, which was enough to swap conditions whose probabilities tie exactly.
// Method: double-double arithmetic (about 106 bits), then one rounding to the nearest double.

type DD = [hi: number, lo: number];

const SPLITTER = 134_217_729; // 2^27 + 1, Veltkamp splitting

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [u, g] = quickTwoSum(s, e + t);
  return quickTwoSum(u, g + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  const r = add(a, neg(mul(b, [q1, 0])));
  const q2 = r[0] / b[0];
  const r2 = add(r, neg(mul(b, [q2, 0])));
  const q3 = r2[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

const neg = (a: DD): DD => [-a[0], -a[1]];

const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** e^x as a double-double, for |x| < 709. */
function expDD(x: number): DD {
  const k = Math.round(x / LN2[0]);
  // r = x - k·ln2, exactly enough: k·ln2 as a double-double product.
  const kHi = twoProd(k, LN2[0]);
  const kLo = twoProd(k, LN2[1]);
  let r = add(add([x, 0], neg(kHi)), neg(kLo));
  r = [r[0] / 1024, r[1] / 1024]; // |r| < 3.4e-4: a short series, then square ten times
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let n = 1; n <= 9; n++) {
    term = div(mul(term, r), [n, 0]);
    sum = add(sum, term);
  }
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  const scale = 2 ** k;
  return [sum[0] * scale, sum[1] * scale];
}

/** ln(x) as a double-double, for finite x > 0. */
function lnDD(x: number): DD {
  if (x > 0.9 && x < 1.12) {
    // ln x = 2·atanh(u), u = (x − 1)/(x + 1); x − 1 is exact here.
    const u = div([x - 1, 0], twoSum(x, 1));
    const u2 = mul(u, u);
    let power = u;
    let sum = u;
    for (let n = 3; n <= 41; n += 2) {
      power = mul(power, u2);
      sum = add(sum, div(power, [n, 0]));
      if (Math.abs(power[0]) < 1e-40) break;
    }
    return [2 * sum[0], 2 * sum[1]];
  }
  // One Newton step from Math.log: ln x = y + ln(x·e^−y), and x·e^−y − 1 is tiny.
  const y = Math.log(x);
  const t = add(mul(expDD(-y), [x, 0]), [-1, 0]);
  const t2 = mul(t, t);
  return add(add([y, 0], t), [-t2[0] / 2, -t2[1] / 2]);
}

/** ln(x), correctly rounded (as the C library's `log`). */
export function ln(x: number): number {
  if (!(x > 0) || x === Infinity || x === 1) return Math.log(x);
  const [hi, lo] = lnDD(x);
  return hi + lo;
}

/** e^x, correctly rounded (as the C library's `exp`), away from the overflow and subnormal ranges. */
export function exp(x: number): number {
  if (!(x > -700 && x < 700)) return Math.exp(x);
  if (x === 0) return 1;
  const [hi, lo] = expDD(x);
  return hi + lo;
}
