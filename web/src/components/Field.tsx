// A labelled input with its hint and its error tied to it for screen readers.
import type { JSX } from 'preact';

interface Props {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  error?: string | null;
  /** Shown inside the field row, e.g. the password's Show/Hide button. */
  after?: JSX.Element;
  type?: 'text' | 'tel' | 'password';
  inputMode?: 'text' | 'tel';
  autocomplete?: string;
  minLength?: number;
}

export function Field({ id, label, value, onValue, hint, error, after, type = 'text', inputMode, autocomplete, minLength }: Props) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="field-row">
        <input
          id={id}
          name={id}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          // Preact types input props per `type` value; one field component serves all three kinds.
          type={type as 'text'}
          inputMode={inputMode}
          autocomplete={autocomplete}
          minLength={minLength}
          required
        />
        {after}
      </div>
      {error && (
        <p class="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
