// The form's phone check must agree with the server's parser (crates/domain/src/phone.rs) on what people type.
import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['98765 43210', '+919876543210'],
    ['9876543210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['098765-43210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['0091 98765 43210', '+919876543210'],
    ['  (+91) 6000000000 ', '+916000000000'],
    ['91 (+) 98765 43210', null], // a '+' after digits is refused
    ['+91 60000 00000', '+916000000000'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('accepts %j as %j', (input, expected) => {
    expect(parsePhone(input)).toBe(expected);
  });

  it.each(['', '12345', '5876543210', '98765432101', '+91 58765 43210', '98765x43210', '+123', '+1234567890123456'])(
    'refuses %j',
    (input) => {
      expect(parsePhone(input)).toBeNull();
    },
  );
});

describe('formatPhone', () => {
  it('groups an Indian mobile in fives', () => {
    expect(formatPhone('+919876543210')).toBe('+91 98765 43210');
  });
  it('leaves other numbers alone', () => {
    expect(formatPhone('+442079460958')).toBe('+442079460958');
  });
});
