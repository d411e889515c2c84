// Editing the medical ID: lists that grow a row at a time, up to five contacts, and the server's refusal shown at the field it names.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import type { SavedMedicalId } from '../../medical-id/cache';
import { fieldKey, fromDraft, inputId, LISTS, toDraft, type ContactRow, type Draft, type ListName } from '../../medical-id/form';
import { medicalIdCache, medicalIds } from '../../medical-id/state';
import { BLOOD_GROUPS, MAX_CONTACTS, MAX_ITEMS, type BloodGroup, type MedicalId } from '../../medical-id/types';
import { sos } from '../../sos/state';

const LIST_LABEL: Record<ListName, string> = { allergies: 'medical-allergies', conditions: 'medical-conditions', medicines: 'medical-medicines' };

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="error" id={id} role="alert">
      {text}
    </p>
  );
}

function ListEditor({ name, items, error, onItems }: { name: ListName; items: string[]; error?: string; onItems: (next: string[]) => void }) {
  const label = t(LIST_LABEL[name]);
  const errorId = `mid-${name}-error`;
  return (
    <fieldset class={error ? 'field list-field has-error' : 'field list-field'}>
      <legend>{label}</legend>
      <p class="hint">{t(`mid-hint-${name}`)}</p>
      {items.map((item, i) => (
        <div class="field-row list-row" key={i}>
          <input
            id={`mid-${name}-${i}`}
            value={item}
            aria-label={t('mid-item-label', { list: label, n: i + 1 })}
            aria-describedby={error ? errorId : undefined}
            onInput={(e) => onItems(items.map((old, j) => (j === i ? e.currentTarget.value : old)))}
          />
          {(items.length > 1 || item) && (
            <button type="button" class="button inline remove" aria-label={t('mid-remove-item', { item: item || String(i + 1) })} onClick={() => onItems(items.length > 1 ? items.filter((_, j) => j !== i) : [''])}>
              ✕
            </button>
          )}
        </div>
      ))}
      {items.length < MAX_ITEMS && (
        <button type="button" class="button inline add" onClick={() => onItems([...items, ''])}>
          {t(`mid-add-${name}`)}
        </button>
      )}
      <FieldError id={errorId} text={error} />
    </fieldset>
  );
}

function ContactEditor(props: { row: ContactRow; n: number; errors: Record<string, string>; removable: boolean; onRow: (r: ContactRow) => void; onRemove: () => void }) {
  const { row, n, errors, removable, onRow, onRemove } = props;
  const input = (part: keyof ContactRow, type: 'text' | 'tel' = 'text') => {
    const id = `mid-contact-${n}-${part}`;
    const error = errors[`contacts.${n}.${part}`];
    return (
      <div class={error ? 'field has-error' : 'field'}>
        <label for={id}>{t(`mid-contact-${part}`)}</label>
        <input
          id={id}
          // Preact types input props per `type` value; this one input serves both kinds.
          type={type as 'text'}
          inputMode={type === 'tel' ? 'tel' : undefined}
          autocomplete="off"
          value={row[part]}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => onRow({ ...row, [part]: e.currentTarget.value })}
        />
        <FieldError id={`${id}-error`} text={error} />
      </div>
    );
  };
  return (
    <fieldset class="contact-editor">
      <legend>{t('mid-contact-n', { n: n + 1 })}</legend>
      {input('name')}
      {input('relation')}
      {input('phone', 'tel')}
      {removable && (
        <button type="button" class="button inline remove" onClick={onRemove}>
          {t('mid-contact-remove')}
        </button>
      )}
    </fieldset>
  );
}

/** Hospital names from the registry, offered as suggestions (the field takes any name). */
function useHospitalNames(): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    sos.facilities().then((all) => setNames(all.filter((f) => f.kind === 'hospital').map((f) => f.name)), () => undefined);
  }, []);
  return names;
}

export function MedicalIdForm({ ownerId, initial, onSaved, onCancel }: { ownerId: string; initial: MedicalId; onSaved: (s: SavedMedicalId) => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const hospitals = useHospitalNames();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const { body, contactRows } = fromDraft(draft);
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      const stored = await medicalIds.put(body);
      onSaved(await medicalIdCache.save(ownerId, stored));
    } catch (err) {
      setProblem(err);
      const key = err instanceof ApiError ? fieldKey(err.field, contactRows) : null;
      if (key && err instanceof ApiError) {
        setErrors({ [key]: err.message });
        requestAnimationFrame(() => document.getElementById(inputId(key))?.focus());
      } else requestAnimationFrame(() => problemRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="medical-id-form" onSubmit={submit} noValidate>
      <div class={errors.blood_group ? 'field has-error' : 'field'}>
        <label for="mid-blood-group">{t('medical-blood-group')}</label>
        <select id="mid-blood-group" value={draft.bloodGroup} onChange={(e) => set('bloodGroup', e.currentTarget.value as BloodGroup | '')}>
          <option value="">{t('mid-not-known')}</option>
          {BLOOD_GROUPS.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <FieldError id="mid-blood-group-error" text={errors.blood_group} />
      </div>
      {LISTS.map((name) => (
        <ListEditor key={name} name={name} items={draft[name]} error={errors[name]} onItems={(items) => set(name, items)} />
      ))}
      <fieldset class={errors.contacts ? 'field has-error' : 'field'}>
        <legend>{t('medical-contacts')}</legend>
        <p class="hint">{t('mid-hint-contacts')}</p>
        {draft.contacts.map((row, n) => (
          <ContactEditor
            key={n}
            row={row}
            n={n}
            errors={errors}
            removable={draft.contacts.length > 1 || Boolean(row.name || row.relation || row.phone)}
            onRow={(r) => set('contacts', draft.contacts.map((old, j) => (j === n ? r : old)))}
            onRemove={() => set('contacts', draft.contacts.length > 1 ? draft.contacts.filter((_, j) => j !== n) : [{ name: '', relation: '', phone: '' }])}
          />
        ))}
        {draft.contacts.length < MAX_CONTACTS && (
          <button type="button" class="button inline add" onClick={() => set('contacts', [...draft.contacts, { name: '', relation: '', phone: '' }])}>
            {t('mid-contact-add')}
          </button>
        )}
        <FieldError id="mid-contacts-error" text={errors.contacts} />
      </fieldset>
      <div class="field">
        <label class="choice check">
          <input id="mid-organ-donor" type="checkbox" checked={draft.organDonor} onChange={(e) => set('organDonor', e.currentTarget.checked)} />
          {t('mid-organ-donor-check')}
        </label>
      </div>
      <div class={errors.preferred_hospital ? 'field has-error' : 'field'}>
        <label for="mid-preferred-hospital">{t('medical-preferred-hospital')}</label>
        <input id="mid-preferred-hospital" list="mid-hospitals" value={draft.preferredHospital} onInput={(e) => set('preferredHospital', e.currentTarget.value)} />
        <datalist id="mid-hospitals">
          {hospitals.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <FieldError id="mid-preferred-hospital-error" text={errors.preferred_hospital} />
      </div>
      {problem !== null && (
        <p class="form-error" role="alert" tabIndex={-1} ref={problemRef}>
          {errorText(problem)}
        </p>
      )}
      <button type="submit" class="button primary" disabled={busy}>
        {busy ? t('mid-saving') : t('mid-save')}
      </button>
      {onCancel && (
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('mid-cancel')}
        </button>
      )}
    </form>
  );
}
