// The symptom checker's start form: what a person types becomes the request the server and the phone both take.
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../api/errors';
import { refusalMessage, runCheck } from '../../triage/check';
import { evaluate } from '../../triage/engine';
import { InputError } from '../../triage/input';
import { withSafetyFloor } from '../../triage/safety';
import type { Input, Output } from '../../triage/types';
import { asksPregnancy, emptyForm, parseNumber, toInput, type SymptomForm } from './form';

const form = (over: Partial<SymptomForm> = {}): SymptomForm => ({ ...emptyForm(), age: '30', sex: 'female', text: 'fever', ...over });

describe('the start form', () => {
  it('reads numbers typed with Devanagari digits or a decimal comma', () => {
    expect(parseNumber('४५')).toBe(45);
    expect(parseNumber(' 38,5 ')).toBe(38.5);
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });

  it('asks about pregnancy only of women and girls of child-bearing age', () => {
    expect(asksPregnancy(form())).toBe(true);
    expect(asksPregnancy(form({ sex: 'male' }))).toBe(false);
    expect(asksPregnancy(form({ age: '70' }))).toBe(false);
    expect(asksPregnancy(form({ age: '6', ageUnit: 'months' }))).toBe(false);
  });

  it('says what to fix before anything is sent', () => {
    const result = toInput({ ...emptyForm(), vitals: { ...emptyForm().vitals, spo2_percent: '180' } }, 'en');
    expect('errors' in result && result.errors).toEqual({
      age: 'sym-check-age',
      sex: 'sym-check-sex',
      text: 'sym-check-text',
      spo2_percent: 'sym-check-vital',
    });
    expect('errors' in toInput(form({ age: '130' }), 'en')).toBe(true);
  });

  it('builds the request: months for babies, pregnancy when asked, °F read as °C, empty vitals left out', () => {
    const baby = toInput(form({ age: '6', ageUnit: 'months', sex: 'male', pregnant: 'yes' }), 'hi');
    expect('input' in baby && baby.input).toMatchObject({ age_months: 6, sex: 'male', pregnant: null, language: 'hi', vitals: null });
    const mother = toInput(form({ pregnant: 'yes', vitals: { ...emptyForm().vitals, temperature_c: '102' } }), 'en');
    expect('input' in mother && mother.input).toMatchObject({ age: 30, pregnant: true, vitals: { temperature_c: 38.9 } });
    const unsure = toInput(form({ pregnant: 'unknown' }), 'en');
    expect('input' in unsure && unsure.input.pregnant).toBeNull();
  });
});

describe('online, offline', () => {
  const input: Input = { age: 55, sex: 'male', text: 'heavy chest pain spreading to my left arm, sweating' };
  const phone = async (i: Input) => evaluate(i);
  const server = (out: Output | Error) => async () => {
    if (out instanceof Error) throw out;
    return out;
  };

  it('asks the server when online and says so', async () => {
    const fromServer = evaluate(input);
    const result = await runCheck(input, { online: () => true, server: server(fromServer), offline: phone });
    expect(result).toEqual({ output: fromServer, offline: false });
  });

  it('answers from the phone when offline, when the network fails, when the server fails or is too slow', async () => {
    for (const deps of [
      { online: () => false, server: server(new Error('must not be called')) },
      { online: () => true, server: server(new NetworkError()) },
      { online: () => true, server: server(new ApiError(503, 'service_unavailable', 'down')) },
      { online: () => true, server: (_: Input, signal: AbortSignal) => new Promise<Output>((_ok, fail) => signal.addEventListener('abort', () => fail(new DOMException('slow', 'AbortError')))), timeoutMs: 10 },
    ]) {
      const result = await runCheck(input, { ...deps, offline: phone });
      expect(result.offline).toBe(true);
      expect(result.output.triage).toBe('emergency');
    }
  });

  it('shows a refused request in words, from the server or the phone', async () => {
    const refused = new ApiError(422, 'validation_failed', 'age', 'missing_age');
    await expect(runCheck(input, { online: () => true, server: server(refused), offline: phone })).rejects.toBe(refused);
    expect(refusalMessage(refused)).toBe('sym-error-missing_age');
    expect(refusalMessage(new InputError('triage_invalid_answer', 'x'))).toBe('sym-error-invalid_answer');
    expect(refusalMessage(new Error('x'))).toBeNull();
  });

  it('never shows self care when a red flag fired, whoever answered', () => {
    const out = evaluate(input);
    const lowered: Output = { ...out, triage: 'self_care' };
    expect(withSafetyFloor(lowered).triage).toBe('emergency');
    expect(withSafetyFloor(lowered).next_question).toBeNull();
    const urgentFlag: Output = { ...out, triage: 'self_care', red_flags: [{ ...out.red_flags[0]!, min_triage: 'see_doctor' }] };
    expect(withSafetyFloor(urgentFlag).triage).toBe('see_doctor');
  });
});
