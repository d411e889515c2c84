// Filling a form for a member (or, for the household form, the household): pick the form, answer it with skip logic, required
// items, scores and flags shown live; saving writes the QuestionnaireResponse and the visit it was filled in as one group.
import { useMemo, useState } from 'preact/hooks';
import { dayOf, indianDateTime } from '../../dates';
import { t } from '../../i18n';
import { errorText } from '../../i18n/errors';
import { navigate, onLinkClick } from '../../router';
import { cbacAgeBand, evaluate, form, forms, toResponse } from '../forms';
import { ageOf, householdNumber, nameOf, visitEncounter } from '../household';
import { VILLAGE_TAG, tagOf, type Resource } from '../store';
import { hwStore, ownerId, save } from '../state';
import type { Answer, Answers, Questionnaire } from '../types';
import { uuidv7 } from '../uuid';
import { flagLabel, formTitle } from './formText';
import { FormRenderer, labelsOf } from './FormRenderer';
import { useLive } from './live';
import { LocationLine } from './LocationLine';
import { fixOf, useFix } from './useFix';

/** What the device already knows about the member, so CBAC opens with sex and age band filled in. */
function prefill(q: Questionnaire, patient: Resource | undefined): Answers {
  if (q.id !== 'hw-cbac' || !patient) return {};
  const out: Answers = {};
  if (patient.gender === 'female' || patient.gender === 'male') out.sex = [{ code: patient.gender }];
  const years = ageOf(patient, dayOf(Date.now()));
  const band = years === null ? null : cbacAgeBand(years);
  if (band) out.age = [{ code: band }];
  return out;
}

function Chooser({ household, member, forPerson }: { household: string; member: string; forPerson: boolean }) {
  const kind = forPerson ? 'Patient' : 'Group';
  return (
    <>
      <h2>{t('hw-form-choose')}</h2>
      <ul class="plain hw-list">
        {forms
          .filter((q) => (q.subjectType?.[0] ?? 'Patient') === kind)
          .map((q) => (
            <li key={q.id}>
              <a
                class="tile hw-tile"
                href={`/hw/form?household=${encodeURIComponent(household)}&member=${encodeURIComponent(member)}&form=${encodeURIComponent(q.id)}`}
                onClick={onLinkClick}
              >
                <strong>{formTitle(q)}</strong>
              </a>
            </li>
          ))}
      </ul>
    </>
  );
}

function Fill({ q, group, patient }: { q: Questionnaire; group: Resource; patient: Resource | undefined }) {
  const [answers, setAnswers] = useState<Answers>(() => prefill(q, patient));
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [fix, retry] = useFix();
  const evaluation = useMemo(() => evaluate(q, answers), [q, answers]);
  const missing = labelsOf(q, evaluation.missing);
  const scores = Object.entries(evaluation.scores);
  const village = tagOf(group, VILLAGE_TAG) ?? '';

  const onChange = (linkId: string, list: Answer[]) =>
    setAnswers((old) => {
      const next = { ...old };
      if (list.length === 0) delete next[linkId];
      else next[linkId] = list;
      return next;
    });

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const at = indianDateTime(Date.now());
      const encounter = uuidv7();
      const subject = patient ? `Patient/${patient.id}` : `Group/${group.id}`;
      const visit = visitEncounter({ id: encounter, village, household: group.id, subject, at, fix: fixOf(fix) });
      const response = toResponse(q, answers, { id: uuidv7(), subject: patient?.id ?? group.id, encounter, authored: at, village, household: group.id });
      await save([
        { op: 'put', resource: visit },
        { op: 'put', resource: response as Resource },
      ]);
      navigate(`/hw/household?id=${encodeURIComponent(group.id)}&saved=form`, { replace: true });
    } catch (e) {
      setProblem(e);
      setBusy(false);
    }
  };

  return (
    <>
      <h2>{formTitle(q)}</h2>
      <FormRenderer q={q} answers={answers} evaluation={evaluation} onChange={onChange} />
      <div class="hw-live" aria-live="polite" hidden={scores.length === 0 && evaluation.flags.length === 0}>
        {scores.map(([linkId, score]) => {
          const item = labelsOf(q, [linkId])[0] ?? linkId;
          return (
            <p class="hw-score" key={linkId} data-score={score}>
              {t('hw-form-score', { name: item, score })}
            </p>
          );
        })}
        {evaluation.flags.length > 0 && <strong>{t('hw-form-flags')}</strong>}
        {evaluation.flags.map((f) => (
          <p class="hw-flag" key={f} data-flag={f}>
            {flagLabel(f)}
          </p>
        ))}
      </div>
      <LocationLine fix={fix} onRetry={retry} />
      {missing.length > 0 && (
        <p class="hw-missing notice" role="status">
          {t('hw-form-missing', { items: missing.join('; ') })}
        </p>
      )}
      {problem !== null && <p class="form-error">{errorText(problem)}</p>}
      <button type="button" class="button primary" disabled={busy || missing.length > 0 || fix.state === 'trying'} onClick={submit}>
        {t('hw-form-save')}
      </button>
    </>
  );
}

export function FormScreen({ household, member, form: formId }: { household: string; member: string; form: string }) {
  const records = useLive(() => hwStore.inHousehold(ownerId() ?? '', household), [household]);
  if (!records) return null;
  const group = records.find((r) => r.resourceType === 'Group' && r.id === household);
  if (!group) return <p>{t('hw-household-missing')}</p>;
  const patient = member ? records.find((r) => r.resourceType === 'Patient' && r.id === member) : undefined;
  const q = formId ? form(formId) : undefined;
  return (
    <>
      <a class="back" href={`/hw/household?id=${encodeURIComponent(household)}`} onClick={onLinkClick}>
        {t('hw-back-household', { number: householdNumber(group) })}
      </a>
      <h1>{t('hw-form-for', { name: patient ? nameOf(patient) : t('hw-household-title', { number: householdNumber(group) }) })}</h1>
      {!formId && <Chooser household={household} member={member} forPerson={!!patient} />}
      {formId && !q && <p>{t('hw-form-not-found')}</p>}
      {q && <Fill key={q.id} q={q} group={group} patient={patient} />}
    </>
  );
}
