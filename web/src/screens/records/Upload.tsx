// Adding a report or a photo to one's own record: the file goes as it is (PDF, JPEG, PNG, WebP, at most 10 MiB).
import { useRef, useState } from 'preact/hooks';
import { dayOf } from '../../dates';
import { t } from '../../i18n';
import { ApiError } from '../../api/errors';
import { problemText, type Problem } from '../../i18n/errors';
import { records } from '../../records/state';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from '../../records/types';

export function Upload({ onUploaded }: { onUploaded: () => void }) {
  const today = dayOf(Date.now());
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    // Checked here too so nobody waits to send 20 MB over a village network only to have it refused.
    if (!file) return setProblem({ id: 'records-upload-no-file' });
    if (file.size > MAX_DOCUMENT_BYTES) return setProblem({ id: 'records-upload-too-big' });
    if (!(DOCUMENT_TYPES as readonly string[]).includes(file.type)) return setProblem({ id: 'records-upload-type' });
    setBusy(true);
    setProblem(null);
    try {
      await records.upload(file, title.trim(), date);
      setDone(true);
      setTitle('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onUploaded();
    } catch (err) {
      setProblem({ error: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="upload card">
      <summary>{t('records-upload-title')}</summary>
      <form onSubmit={submit} noValidate>
        <p class="hint">{t('records-upload-hint')}</p>
        <div class="field">
          <label for="upload-file">{t('records-upload-file')}</label>
          <input id="upload-file" ref={fileInput} type="file" accept={DOCUMENT_TYPES.join(',')} onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </div>
        <div class="field">
          <label for="upload-title">{t('records-upload-name')}</label>
          <input id="upload-title" value={title} maxLength={200} placeholder={t('records-upload-name-example')} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="upload-date">{t('records-upload-date')}</label>
          <input id="upload-date" type="date" value={date} max={today} onInput={(e) => setDate(e.currentTarget.value)} />
        </div>
        {problem && (
          <p class="form-error" role="alert">
            {problemText(problem)}
            {'error' in problem && problem.error instanceof ApiError && problem.error.message && <span class="server-says"> ({problem.error.message})</span>}
          </p>
        )}
        {done && (
          <p class="success" role="status">
            {t('records-upload-done')}
          </p>
        )}
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? t('records-uploading') : t('records-upload-submit')}
        </button>
      </form>
    </details>
  );
}
