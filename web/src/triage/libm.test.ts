// The engine's logarithm and exponential give the correctly rounded double, as the server's C library does, where
// Math.log and Math.exp are one unit off (vectors computed with glibc and checked against 80-digit arithmetic).
import { describe, expect, it } from 'vitest';
import { exp, ln } from './libm';

const LN = [[0.148886722581874, -1.9045695133024834], [1.1339407610761643, 0.12569896503115288], [1.132717232429667, 0.12461937669551597], [0.6045397038592676, -0.5032879305890926], [1.0247011894804785, 0.02440104763136978], [0.5986389827908198, -0.5130965624116316], [0.46165864656756567, -0.7729295212355182], [0.7832889313731757, -0.24425364547199682]] as const;
const EXP = [[-35.09578436384712, 5.72920698466697e-16], [-24.847803178638124, 1.6170974493414777e-11], [-24.639143689833183, 1.992305145855914e-11], [26.57440284107551, 347629411936.7463], [-23.206333170275357, 8.348675075326197e-11], [-21.831250703815023, 3.302237358362629e-10], [-41.93309928380563, 6.147327798476043e-19], [-22.951041661645768, 1.0776785838071087e-10]] as const;

describe('correctly rounded ln and exp', () => {
  it.each(LN)('ln(%s) = %s', (x, expected) => expect(ln(x)).toBe(expected));
  it.each(EXP)('exp(%s) = %s', (x, expected) => expect(exp(x)).toBe(expected));

  it('keeps the easy cases exact and the edges as Math does', () => {
    expect(ln(1)).toBe(0);
    expect(exp(0)).toBe(1);
    expect(ln(Math.E)).toBe(1);
    expect(ln(2)).toBe(Math.LN2);
    expect(exp(-Infinity)).toBe(0);
    expect(ln(0)).toBe(-Infinity);
    expect(ln(1 - 1e-9)).toBe(-9.999999722180686e-10);
    expect(ln(1e-9)).toBe(-20.72326583694641);
  });
});
