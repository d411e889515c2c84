// Registration: name, mobile, password, language; the server's per-field errors appear under the field they name.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/errors';
import { auth, session } from '../app-state';
import { Field } from '../components/Field';
import { lang, setLang, t, type Lang } from '../i18n';
import { problemText, type Problem } from '../i18n/errors';
import { parsePhone } from '../phone';
import { navigate, onLinkClick } from '../router';

type FieldName = 'name' | 'phone' | 'password';
type Errors = Partial<Record<FieldName | 'form', Problem>>;

function check(name: string, phone: string, password: string): Errors {
  const errors: Errors = {};
  if (!name.trim()) errors.name = { id: 'check-name-empty' };
  if (!parsePhone(phone)) errors.phone = { id: 'check-phone-invalid' };
  if (password.length < 8) errors.password = { id: 'check-password-short' };
  return errors;
}

export function Register() {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<Lang>(lang.value);
  const [showPassword, setShowPassword] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const text = (p: Problem | undefined) => (p ? problemText(p) : null);

  const fail = (next: Errors) => {
    setErrors(next);
    // Move focus to the first problem so screen-reader and keyboard users land on it.
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-error')?.focus());
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = check(name, phone, password);
    if (Object.keys(found).length) return fail(found);
    setBusy(true);
    setErrors({});
    const e164 = parsePhone(phone) ?? phone;
    try {
      await auth.register({ name: name.trim(), phone: e164, password, language });
      setLang(language);
      await session.logIn(e164, password);
      navigate('/', { replace: true });
    } catch (err) {
      const field = err instanceof ApiError ? err.field : null;
      const key: FieldName | 'form' = field === 'name' || field === 'phone' || field === 'password' ? field : 'form';
      fail({ [key]: { error: err } });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (
    <button type="button" class="button inline" aria-controls="password" onClick={() => setShowPassword(!showPassword)}>
      {showPassword ? t('password-hide') : t('password-show')}
    </button>
  );

  return (
    <main class="screen register">
      <h1>{t('register-title')}</h1>
      <form ref={form} onSubmit={submit} noValidate>
        <Field id="name" label={t('field-name')} value={name} onValue={setName} error={text(errors.name)} autocomplete="name" />
        <Field
          id="phone"
          label={t('field-phone')}
          hint={t('field-phone-hint')}
          value={phone}
          onValue={setPhone}
          error={text(errors.phone)}
          type="tel"
          inputMode="tel"
          autocomplete="tel-national"
        />
        <Field
          id="password"
          label={t('field-password')}
          hint={t('field-password-hint')}
          value={password}
          onValue={setPassword}
          error={text(errors.password)}
          type={showPassword ? 'text' : 'password'}
          autocomplete="new-password"
          minLength={8}
          after={toggle}
        />
        <fieldset class="field">
          <legend>{t('field-language')}</legend>
          <div class="choices">
            {(['en', 'hi'] as const).map((code) => (
              <label class="choice" key={code} lang={code}>
                <input type="radio" name="language" value={code} checked={language === code} onChange={() => setLanguage(code)} />
                {code === 'en' ? 'English' : 'हिन्दी'}
              </label>
            ))}
          </div>
        </fieldset>
        {errors.form && (
          <p class="form-error" role="alert" tabIndex={-1}>
            {text(errors.form)}
          </p>
        )}
        <button class="button primary" type="submit" disabled={busy}>
          {busy ? t('register-busy') : t('register-submit')}
        </button>
      </form>
      <p class="switch-link">
        <a href="/login" onClick={onLinkClick}>
          {t('register-have-account')}
        </a>
      </p>
    </main>
  );
}
