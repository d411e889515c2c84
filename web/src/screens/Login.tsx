// Log in with mobile and password; after too many tries it shows the server's message and counts down the wait.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/errors';
import { session } from '../app-state';
import { Field } from '../components/Field';
import { hasChosenLang, isLang, setLang, t } from '../i18n';
import { problemText, type Problem } from '../i18n/errors';
import { parsePhone } from '../phone';
import { navigate, onLinkClick } from '../router';

export function Login() {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Problem | null>(session.expired.value ? { id: 'problem-session-expired' } : null);
  const [phoneError, setPhoneError] = useState<Problem | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);

  const waitSeconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitSeconds <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitSeconds > 0]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const e164 = parsePhone(phone);
    if (!e164) {
      setPhoneError({ id: 'check-phone-invalid' });
      return;
    }
    setPhoneError(null);
    setBusy(true);
    setError(null);
    try {
      const user = await session.logIn(e164, password);
      if (!hasChosenLang() && isLang(user.language)) setLang(user.language);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.retryAfterSeconds !== null) {
        setWaitUntil(Date.now() + err.retryAfterSeconds * 1000);
        setNow(Date.now());
      }
      setError({ error: err });
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="screen login">
      <h1>{t('login-title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field
          id="phone"
          label={t('field-phone')}
          hint={t('field-phone-hint')}
          value={phone}
          onValue={setPhone}
          error={phoneError && problemText(phoneError)}
          type="tel"
          inputMode="tel"
          autocomplete="tel-national"
        />
        <Field id="password" label={t('field-password')} value={password} onValue={setPassword} type="password" autocomplete="current-password" />
        {error && (
          <p class="form-error" role="alert" tabIndex={-1} ref={errorRef}>
            {problemText(error)}
            {waitSeconds > 0 && (
              <>
                {' '}
                <span class="wait">{t('login-wait', { seconds: waitSeconds })}</span>
              </>
            )}
          </p>
        )}
        <button class="button primary" type="submit" disabled={busy || waitSeconds > 0}>
          {busy ? t('login-busy') : t('login-submit')}
        </button>
      </form>
      <p class="switch-link">
        <a href="/register" onClick={onLinkClick}>
          {t('login-no-account')}
        </a>
      </p>
    </main>
  );
}
