// Follow-ups, worked out on the phone from its visits and forms (the same rules the server runs) and merged with the Tasks
// pulled from the server: overdue, due and done. Marking one done saves its Task as completed and syncs it.
import { useState } from 'preact/hooks';
import { dateText, dayOf, startOfDay } from '../../dates';
import { locale, t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { onLinkClick } from '../../router';
import { householdNumber, isHousehold, membersOf, nameOf } from '../household';
import { followUps, toTask } from '../rules';
import { HOUSEHOLD_TAG, VILLAGE_TAG, tagOf, type Resource } from '../store';
import { hwStore, ownerId, save } from '../state';
import type { FollowUp } from '../types';
import { eventsOf, mergeFollowUps, sortFollowUps } from './events';
import { ruleLabel } from './formText';
import { useLive } from './live';

export function FollowUps() {
  const today = dayOf(Date.now());
  const [problem, setProblem] = useState<unknown>(null);
  const [marked, setMarked] = useState(false);
  const data = useLive(async () => {
    const owner = ownerId() ?? '';
    const [responses, visits, tasks, patients, groups] = await Promise.all(
      ['QuestionnaireResponse', 'Encounter', 'Task', 'Patient', 'Group'].map((type) => hwStore.list(owner, type)),
    );
    return { events: eventsOf([...responses!, ...visits!]), tasks: tasks!, patients: patients!, groups: groups!.filter(isHousehold) };
  }, []);
  if (!data) return null;

  const people = new Map<string, Resource>(data.patients.map((p) => [p.id, p]));
  const homeOf = new Map<string, Resource>();
  for (const g of data.groups) {
    homeOf.set(g.id, g);
    for (const m of membersOf(g)) homeOf.set(m.id, g);
  }
  const sorted = sortFollowUps(mergeFollowUps(followUps(data.events, today), data.tasks), today);

  const markDone = async (f: FollowUp) => {
    setProblem(null);
    try {
      const person = people.get(f.subject);
      const home = homeOf.get(f.subject);
      const village = tagOf(person ?? home, VILLAGE_TAG) ?? tagOf(home, VILLAGE_TAG) ?? '';
      const household = tagOf(person ?? home, HOUSEHOLD_TAG) ?? home?.id;
      const task = toTask({ ...f, status: 'completed' }, village, household) as Resource;
      await save([{ op: 'put', resource: task }]);
      setMarked(true);
    } catch (e) {
      setProblem(e);
    }
  };

  const section = (key: 'overdue' | 'due' | 'done', title: string) => (
    <section class={`hw-fu-${key}`}>
      <h2>
        {title} ({sorted[key].length})
      </h2>
      {sorted[key].length === 0 && <p class="hint">{t('hw-fu-none')}</p>}
      <ul class="plain">
        {sorted[key].map((f) => {
          const home = homeOf.get(f.subject);
          return (
            <li key={f.id} class={key === 'overdue' ? 'card hw-overdue-card' : 'card'} data-follow-up={f.id} data-status={f.status}>
              <strong>{ruleLabel(f.rule)}</strong>
              <span>{nameOf(people.get(f.subject)) || (home ? t('hw-household-title', { number: householdNumber(home) }) : '')}</span>
              <small class={key === 'overdue' ? 'hw-overdue' : undefined}>{t('hw-fu-due-on', { date: dateText(startOfDay(f.due), locale()) })}</small>
              {home && (
                <a href={`/hw/household?id=${encodeURIComponent(home.id)}`} onClick={onLinkClick}>
                  {t('hw-household-title', { number: householdNumber(home) })}
                </a>
              )}
              {key !== 'done' && (
                <button type="button" class="button secondary small" onClick={() => void markDone(f)}>
                  {t('hw-fu-mark-done')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );

  return (
    <div class="hw-fu">
      <a class="back" href="/hw" onClick={onLinkClick}>
        {t('hw-back-villages')}
      </a>
      <h1>{t('hw-follow-ups')}</h1>
      {marked && (
        <p class="success" role="status">
          {t('hw-fu-marked')}
        </p>
      )}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      {section('overdue', t('hw-fu-overdue'))}
      {section('due', t('hw-fu-due'))}
      {section('done', t('hw-fu-done'))}
    </div>
  );
}
