// Registering a household in a village: the next reserved household number, a geo-tag (or a mark that there is none), the
// members; one save writes the Group, its Location and the Patients on the device as one sync group.
import { useState } from 'preact/hooks';
import { dayOf } from '../../dates';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { navigate, onLinkClick } from '../../router';
import { householdChanges, type MemberInput } from '../household';
import { NoNumberLeft, numbers, saveHousehold, villageName } from '../state';
import { uuidv7 } from '../uuid';
import { LocationLine } from './LocationLine';
import { MemberForm } from './MemberForm';
import { MemberSummary } from './MemberSummary';
import { fixOf, useFix } from './useFix';

export function Register({ village }: { village: string }) {
  const [fix, retry] = useFix();
  const [members, setMembers] = useState<MemberInput[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = numbers.value.next;

  const submit = async () => {
    if (members.length === 0) return setProblem(t('hw-register-need-member'));
    if (members.filter((m) => m.relation === 'head').length !== 1) return setProblem(t('hw-register-need-head'));
    setBusy(true);
    setProblem(null);
    try {
      const today = dayOf(Date.now());
      let groupId = '';
      await saveHousehold((number) => {
        const built = householdChanges({ village, number, fix: fixOf(fix), members, today, newId: () => uuidv7() });
        groupId = built.group.id;
        return built.changes;
      });
      navigate(`/hw/household?id=${encodeURIComponent(groupId)}&saved=household`, { replace: true });
    } catch (e) {
      setProblem(e instanceof NoNumberLeft ? t('hw-numbers-none') : errorText(e));
      setBusy(false);
    }
  };

  return (
    <>
      <a class="back" href={`/hw/village?id=${encodeURIComponent(village)}`} onClick={onLinkClick}>
        {t('hw-back-village', { village: villageName(village) })}
      </a>
      <h1>{t('hw-register-title')}</h1>
      <p>{t('hw-register-village', { village: villageName(village) })}</p>
      <p class="hw-number">
        <strong>{t('hw-register-number')}</strong> <span data-number={next ?? ''}>{next ?? '—'}</span>
      </p>
      {!next && <p class="notice">{t('hw-numbers-none')}</p>}
      <LocationLine fix={fix} onRetry={retry} />
      <h2>{t('hw-members')}</h2>
      {members.length === 0 && <p class="hint">{t('hw-members-none')}</p>}
      <ul class="plain">
        {members.map((m, i) => (
          <li key={i} class="card hw-member">
            <MemberSummary member={m} />
            <button type="button" class="button secondary small" onClick={() => setMembers(members.filter((_, j) => j !== i))}>
              {t('hw-member-remove')}
            </button>
          </li>
        ))}
      </ul>
      <MemberForm id="new-member" suggestHead={members.length === 0} onAdd={(m) => setMembers([...members, m])} />
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" class="button primary" disabled={busy || !next || fix.state === 'trying'} onClick={submit}>
        {t('hw-register-save')}
      </button>
    </>
  );
}
