// The symptom checker (route /symptoms, its own lazy chunk): the start form, then one question at a time until the
// engine has no more, then the result. Online the server answers; offline (or when it cannot be reached) the engine on
// this phone does, from the same knowledge base. Signed-in patients can save the check in their record.
import { useEffect, useRef, useState } from 'preact/hooks';
import { makeClient } from '../../api/client';
import { ApiError } from '../../api/errors';
import { session } from '../../app-state';
import { lang, t } from '../../i18n';
import { problemText, type Problem } from '../../i18n/errors';
import { online } from '../../net/online';
import { symptomsApi } from '../../triage/api';
import { refusalMessage, runCheck, type CheckResult } from '../../triage/check';
import type { Answer, Input } from '../../triage/types';
import { emptyForm, toInput, type FormErrors, type SymptomForm } from './form';
import { Interview } from './Interview';
import { Result, type SaveState } from './Result';
import { StartForm } from './StartForm';
import './symptoms.css';

const api = symptomsApi(makeClient(location.origin, () => lang.value), session.authed);
/** The offline engine and its knowledge base: a chunk of their own, fetched as the screen opens so they are ready offline. */
const engine = () => import('../../triage/engine');

type Step = 'form' | 'question' | 'result';

export default function Symptoms() {
  const [form, setForm] = useState<SymptomForm>(emptyForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [base, setBase] = useState<Input | null>(null);
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [step, setStep] = useState<Step>('form');
  const [busy, setBusy] = useState(false);
  const [save, setSave] = useState<SaveState>({ step: 'idle' });
  const top = useRef<HTMLDivElement>(null);
  const user = session.current.value?.user;

  useEffect(() => {
    void engine().catch(() => undefined);
  }, []);

  /** The request as it stands: the form's input, the answers so far, the current language. */
  const request = (from: Input, given: Answer[]): Input => ({ ...from, answers: given, language: lang.value });

  async function run(from: Input, given: Answer[], keepStep = false) {
    setBusy(true);
    setProblem(null);
    try {
      const next = await runCheck(request(from, given), {
        online: () => online.value,
        server: (input, signal) => api.check(input, signal),
        offline: async (input) => (await engine()).evaluate(input),
      });
      setAnswers(given);
      setResult(next);
      if (!keepStep) {
        setSave({ step: 'idle' }); // a new answer is a new check; the same one in another language stays saved
        setStep(next.output.next_question ? 'question' : 'result');
      }
      top.current?.scrollIntoView?.();
    } catch (e) {
      // A refusal is explained; a server refusal of another kind (a rate limit) in its own words; anything else can
      // only be the phone's engine failing to load or run, and then the safe advice is to see a doctor.
      const refusal = refusalMessage(e);
      setProblem(refusal ? { id: refusal } : e instanceof ApiError ? { error: e } : { id: 'sym-error-engine' });
    } finally {
      setBusy(false);
    }
  }

  const submit = () => {
    const built = toInput(form, lang.value);
    if ('errors' in built) {
      setErrors(built.errors);
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.sym-form [aria-invalid="true"], .sym-form .has-error input')?.focus());
      return;
    }
    setErrors({});
    setBase(built.input);
    void run(built.input, []);
  };

  // The advice and disclaimer come in the language they were asked in: ask again when the person switches language.
  useEffect(() => {
    if (step === 'result' && base && result && !busy) void run(base, answers, true);
  }, [lang.value]);

  const question = step === 'question' ? result?.output.next_question : null;

  const startOver = () => {
    setStep('form');
    setResult(null);
    setAnswers([]);
    setBase(null);
    setSave({ step: 'idle' });
  };

  const saveCheck = async () => {
    if (!base) return;
    setSave({ step: 'saving' });
    try {
      await api.save(request(base, answers));
      setSave({ step: 'saved' });
    } catch (e) {
      setSave({ step: 'failed', problem: { error: e } });
    }
  };

  return (
    <main class="screen symptoms">
      <div ref={top} />
      {problem && (
        <p class="form-error" role="alert">
          {problemText(problem)}
        </p>
      )}
      {step === 'form' && (
        <>
          <h1>{t('sym-title')}</h1>
          <p class="lead">{t('sym-intro')}</p>
          <StartForm form={form} errors={errors} busy={busy} onChange={setForm} onSubmit={submit} />
        </>
      )}
      {question && base && (
        <Interview
          question={question}
          number={answers.length + 1}
          busy={busy}
          onAnswer={(answer) => void run(base, [...answers, { question_id: question.id, answer }])}
          onBack={() => (answers.length === 0 ? startOver() : void run(base, answers.slice(0, -1)))}
          onShowResult={() => setStep('result')}
        />
      )}
      {step === 'result' && result && (
        <Result
          result={result}
          canSave={user?.role === 'patient'}
          online={online.value}
          save={save}
          onSave={() => void saveCheck()}
          onStartOver={startOver}
        />
      )}
    </main>
  );
}
