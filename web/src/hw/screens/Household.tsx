// One household: its number, place and members; record a visit (geo-tagged, time-stamped), fill a form for a member, add a
// member; and the visits and forms saved so far.
import { useState } from 'preact/hooks';
import { dateTimeText, dayOf, indianDateTime } from '../../dates';
import { locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { onLinkClick, queryParam } from '../../router';
import { addMemberChanges, householdNumber, locationIdOf, membersOf, nameOf, patientIdOf, positionOf, visitEncounter } from '../household';
import { VILLAGE_TAG, tagOf, type Resource } from '../store';
import { hwStore, outboxRows, ownerId, save, villageName } from '../state';
import { uuidv7 } from '../uuid';
import { formByUrl, formTitle } from './formText';
import { useLive } from './live';
import { LocationLine } from './LocationLine';
import { MemberForm } from './MemberForm';
import { PatientSummary } from './MemberSummary';
import { fixOf, useFix } from './useFix';

const SAVED: Record<string, string> = { household: 'hw-register-saved', visit: 'hw-visit-saved', form: 'hw-form-saved', member: 'hw-member-added' };

function VisitPanel({ group, village, names, onDone }: { group: Resource; village: string; names: Map<string, string>; onDone: () => void }) {
  const [fix, retry] = useFix();
  const [subject, setSubject] = useState(`Group/${group.id}`);
  const [problem, setProblem] = useState<unknown>(null);
  const submit = async () => {
    try {
      const visit = visitEncounter({ id: uuidv7(), village, household: group.id, subject, at: indianDateTime(Date.now()), fix: fixOf(fix) });
      await save([{ op: 'put', resource: visit }]);
      onDone();
    } catch (e) {
      setProblem(e);
    }
  };
  return (
    <div class="card hw-visit">
      <div class="field">
        <label for="visit-subject">{t('hw-visit-for')}</label>
        <select id="visit-subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)}>
          <option value={`Group/${group.id}`}>{t('hw-visit-household')}</option>
          {[...names].map(([id, name]) => (
            <option key={id} value={`Patient/${id}`}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <LocationLine fix={fix} onRetry={retry} />
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      <button type="button" class="button primary" disabled={fix.state === 'trying'} onClick={submit}>
        {t('hw-visit-save')}
      </button>
    </div>
  );
}

export function Household({ id }: { id: string }) {
  const records = useLive(() => hwStore.inHousehold(ownerId() ?? '', id), [id]);
  const [panel, setPanel] = useState<'none' | 'visit' | 'member'>('none');
  const [flash, setFlash] = useState<string | null>(() => SAVED[queryParam('saved') ?? ''] ?? null);
  const [problem, setProblem] = useState<unknown>(null);
  if (!records) return null;
  const group = records.find((r) => r.resourceType === 'Group' && r.id === id);
  if (!group) return <p>{t('hw-household-missing')}</p>;
  const village = tagOf(group, VILLAGE_TAG) ?? '';
  const number = householdNumber(group);
  const place = positionOf(records.find((r) => r.resourceType === 'Location' && r.id === locationIdOf(group)));
  const patients = new Map(records.filter((r) => r.resourceType === 'Patient').map((p) => [p.id, p]));
  const members = membersOf(group);
  const names = new Map(members.map((m) => [m.id, nameOf(patients.get(m.id))]));
  const unsynced = new Set(outboxRows.value.map((m) => m.resourceId));
  const events = records
    .filter((r) => r.resourceType === 'Encounter' || r.resourceType === 'QuestionnaireResponse')
    .map((r) => ({ r, at: r.resourceType === 'Encounter' ? (r.period as { start?: string } | undefined)?.start ?? '' : String(r.authored ?? '') }))
    .sort((a, b) => b.at.localeCompare(a.at));

  const addMember = async (m: Parameters<typeof addMemberChanges>[1]) => {
    try {
      await save(addMemberChanges(group, m, uuidv7(), dayOf(Date.now())));
      setPanel('none');
      setFlash(SAVED.member!);
    } catch (e) {
      setProblem(e);
    }
  };

  return (
    <>
      <a class="back" href={`/hw/village?id=${encodeURIComponent(village)}`} onClick={onLinkClick}>
        {t('hw-back-village', { village: villageName(village) })}
      </a>
      <h1>{t('hw-household-title', { number })}</h1>
      {flash && (
        <p class="success" role="status">
          {t(flash, { number })}
        </p>
      )}
      <p class="hw-place" data-fix={place ? 'yes' : 'no'}>
        {place ? t('hw-location-fix', { metres: place.accuracy ?? '?' }) : <span class="hw-badge">{t('hw-location-missing')}</span>}
        {unsynced.has(group.id) && <span class="hw-badge">{t('hw-not-synced')}</span>}
      </p>
      <h2>{t('hw-members')}</h2>
      <ul class="plain">
        {members.map((m) => (
          <li key={m.id} class="card hw-member" data-member={m.id}>
            <PatientSummary patient={patients.get(m.id)} relation={m.relation} />
            <a class="button secondary small" href={`/hw/form?household=${encodeURIComponent(id)}&member=${encodeURIComponent(m.id)}`} onClick={onLinkClick}>
              {t('hw-form-fill')}
            </a>
          </li>
        ))}
      </ul>
      <a class="button secondary" href={`/hw/form?household=${encodeURIComponent(id)}&member=`} onClick={onLinkClick}>
        {t('hw-household-form')}
      </a>
      {panel === 'member' ? (
        <MemberForm id="add-member" suggestHead={false} onAdd={addMember} onCancel={() => setPanel('none')} />
      ) : (
        <button type="button" class="button secondary" onClick={() => setPanel('member')}>
          {t('hw-household-add-member')}
        </button>
      )}
      {panel === 'visit' ? (
        <VisitPanel group={group} village={village} names={names} onDone={() => { setPanel('none'); setFlash(SAVED.visit!); }} />
      ) : (
        <button type="button" class="button primary" onClick={() => { setFlash(null); setPanel('visit'); }}>
          {t('hw-visit-record')}
        </button>
      )}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      <h2>{t('hw-events')}</h2>
      {events.length === 0 && <p class="hint">{t('hw-events-none')}</p>}
      <ul class="plain hw-events">
        {events.map(({ r, at }) => {
          const subject = patientIdOf((r.subject as { reference?: string } | undefined)?.reference);
          const q = r.resourceType === 'QuestionnaireResponse' ? formByUrl(String(r.questionnaire ?? '')) : undefined;
          return (
            <li key={r.id} class="hw-event" data-kind={r.resourceType}>
              <strong>{r.resourceType === 'Encounter' ? t('hw-event-visit') : q ? formTitle(q) : String(r.questionnaire ?? '')}</strong>
              {subject && <span> · {names.get(subject) ?? ''}</span>}
              {at && <small> · {dateTimeText(Date.parse(at), locale())}</small>}
              {unsynced.has(r.id) && <span class="hw-badge">{t('hw-not-synced')}</span>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
