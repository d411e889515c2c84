// The form for one household member: name, sex, date of birth or age, relation to the head, phone and ABHA number.
import { useState } from 'preact/hooks';
import { dayOf } from '../../dates';
import { t } from '../../i18n';
import { RELATIONS, SEXES, type MemberInput } from '../household';
import { checkMember, emptyMember, type MemberDraft, type MemberErrors } from './member';

interface Props {
  /** Prefix for element ids, unique on the page. */
  id: string;
  /** The first member of a new household is most often its head. */
  suggestHead: boolean;
  onAdd: (m: MemberInput) => void;
  onCancel?: () => void;
}

export function MemberForm({ id, suggestHead, onAdd, onCancel }: Props) {
  const [d, setD] = useState<MemberDraft>(() => emptyMember(suggestHead ? 'head' : ''));
  const [errors, setErrors] = useState<MemberErrors>({});
  const set = (part: Partial<MemberDraft>) => setD((old) => ({ ...old, ...part }));
  const fid = (f: string) => `${id}-${f}`;
  const err = (f: keyof MemberDraft) =>
    errors[f] && (
      <p class="error" id={fid(`${f}-error`)} role="alert">
        {t(errors[f]!)}
      </p>
    );

  const add = () => {
    const r = checkMember(d, dayOf(Date.now()));
    if ('errors' in r) {
      setErrors(r.errors);
      return;
    }
    onAdd(r.member);
    setD(emptyMember());
    setErrors({});
  };

  return (
    <fieldset class="card hw-member-form">
      <legend>{t('hw-member-add')}</legend>
      <div class={errors.name ? 'field has-error' : 'field'}>
        <label for={fid('name')}>{t('hw-member-name')}</label>
        <input id={fid('name')} value={d.name} onInput={(e) => set({ name: e.currentTarget.value })} autocomplete="off" />
        {err('name')}
      </div>
      <fieldset class="field">
        <legend>{t('hw-member-sex')}</legend>
        <div class="choices">
          {SEXES.map((s) => (
            <label class="choice" key={s}>
              <input type="radio" name={fid('sex')} checked={d.sex === s} onChange={() => set({ sex: s })} />
              {t(`hw-sex-${s}`)}
            </label>
          ))}
        </div>
        {err('sex')}
      </fieldset>
      <fieldset class="field">
        <legend>{t('hw-member-birth-kind')}</legend>
        <div class="choices">
          <label class="choice">
            <input type="radio" name={fid('birth-kind')} checked={d.birthKind === 'date'} onChange={() => set({ birthKind: 'date' })} />
            {t('hw-birth-known')}
          </label>
          <label class="choice">
            <input type="radio" name={fid('birth-kind')} checked={d.birthKind === 'age'} onChange={() => set({ birthKind: 'age' })} />
            {t('hw-birth-age')}
          </label>
        </div>
      </fieldset>
      {d.birthKind === 'date' ? (
        <div class={errors.birthDate ? 'field has-error' : 'field'}>
          <label for={fid('birth')}>{t('hw-member-birth')}</label>
          <input id={fid('birth')} type="date" max={dayOf(Date.now())} value={d.birthDate} onInput={(e) => set({ birthDate: e.currentTarget.value })} />
          {err('birthDate')}
        </div>
      ) : (
        <div class={errors.age ? 'field has-error' : 'field'}>
          <label for={fid('age')}>{t('hw-member-age')}</label>
          <input id={fid('age')} type="number" inputMode="numeric" min={0} max={120} value={d.age} onInput={(e) => set({ age: e.currentTarget.value })} />
          {err('age')}
        </div>
      )}
      <div class={errors.relation ? 'field has-error' : 'field'}>
        <label for={fid('relation')}>{t('hw-member-relation')}</label>
        <select id={fid('relation')} value={d.relation} onChange={(e) => set({ relation: e.currentTarget.value as MemberDraft['relation'] })}>
          <option value="">{t('hw-form-select')}</option>
          {RELATIONS.map((r) => (
            <option key={r} value={r}>
              {t(`hw-relation-${r}`)}
            </option>
          ))}
        </select>
        {err('relation')}
      </div>
      <div class={errors.phone ? 'field has-error' : 'field'}>
        <label for={fid('phone')}>{t('hw-member-phone')}</label>
        <input id={fid('phone')} type="tel" inputMode="tel" value={d.phone} onInput={(e) => set({ phone: e.currentTarget.value })} autocomplete="off" />
        {err('phone')}
      </div>
      <div class={errors.abha ? 'field has-error' : 'field'}>
        <label for={fid('abha')}>{t('hw-member-abha')}</label>
        <p class="hint">{t('hw-member-abha-hint')}</p>
        <input id={fid('abha')} inputMode="numeric" value={d.abha} onInput={(e) => set({ abha: e.currentTarget.value })} autocomplete="off" />
        {err('abha')}
      </div>
      <button type="button" class="button secondary" onClick={add}>
        {t('hw-member-save')}
      </button>
      {onCancel && (
        <button type="button" class="button secondary" onClick={onCancel}>
          {t('hw-member-cancel')}
        </button>
      )}
    </fieldset>
  );
}
