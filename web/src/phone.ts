// Phone numbers as people type them, mirrored from the server's domain::phone so the form can warn before sending.

/** Normalises to E.164 (`+919876543210`), with India as the default country; null when the server would refuse it. */
export function parsePhone(input: string): string | null {
  let digits = '';
  let plus = false;
  for (const c of input.trim()) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '+' && digits === '' && !plus) plus = true;
    else if (!' -().'.includes(c)) return null;
  }
  const international = plus || digits.startsWith('00');
  if (digits.startsWith('00')) digits = digits.slice(2);
  if (international) {
    if (digits.startsWith('91')) return indian(digits.slice(2));
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  }
  // A national number: an optional trunk 0, then ten digits.
  if (digits.length === 11) return digits.startsWith('0') ? indian(digits.slice(1)) : null;
  if (digits.length === 12) return digits.startsWith('91') ? indian(digits.slice(2)) : null;
  return indian(digits);
}

function indian(national: string): string | null {
  return /^[6-9]\d{9}$/.test(national) ? `+91${national}` : null;
}

/** Shows an E.164 Indian mobile the way people write it: `+91 98765 43210`. */
export function formatPhone(e164: string): string {
  const m = /^\+91(\d{5})(\d{5})$/.exec(e164);
  return m ? `+91 ${m[1]} ${m[2]}` : e164;
}
