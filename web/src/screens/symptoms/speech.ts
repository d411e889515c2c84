// Dictation of the complaint with the browser's speech recognition (Web Speech API), in Hindi or Indian English by the
// app's language. Browsers without it (Firefox, many WebViews, headless Chromium) get no microphone button at all.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../../i18n';

interface RecognitionResultList {
  length: number;
  [index: number]: { isFinal: boolean; 0: { transcript: string } };
}

/** The part of SpeechRecognition this screen uses (not in TypeScript's DOM library under both names). */
interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  start(): void;
  stop(): void;
  abort(): void;
  onresult: ((event: { resultIndex: number; results: RecognitionResultList }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
}

type RecognitionCtor = new () => Recognition;

/** The browser's recogniser, standard or prefixed; null where there is none. */
export function recognitionCtor(): RecognitionCtor | null {
  if (typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionCtor; webkitSpeechRecognition?: RecognitionCtor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/** The recognition language for the app's language. */
export const speechLang = (lang: Lang): string => (lang === 'hi' ? 'hi-IN' : 'en-IN');

export type DictationState = 'idle' | 'listening' | 'failed';

/** Start and stop dictation; each finished phrase is handed to `onText`. */
export function useDictation(onText: (text: string) => void) {
  const ctor = recognitionCtor();
  const [state, setState] = useState<DictationState>('idle');
  const current = useRef<Recognition | null>(null);
  const deliver = useRef(onText);
  deliver.current = onText;

  useEffect(() => () => current.current?.abort(), []);

  const start = (lang: Lang) => {
    if (!ctor || current.current) return;
    const rec = new ctor();
    rec.lang = speechLang(lang);
    rec.interimResults = false;
    rec.continuous = false;
    rec.maxAlternatives = 1;
    rec.onresult = (event) => {
      let heard = '';
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        if (result?.isFinal) heard += result[0].transcript;
      }
      if (heard.trim()) deliver.current(heard.trim());
    };
    rec.onerror = (event) => {
      // "no-speech" and "aborted" are not failures the person needs to hear about.
      if (event.error !== 'aborted' && event.error !== 'no-speech') setState('failed');
    };
    rec.onend = () => {
      current.current = null;
      setState((s) => (s === 'listening' ? 'idle' : s));
    };
    current.current = rec;
    setState('listening');
    try {
      rec.start();
    } catch {
      current.current = null;
      setState('failed');
    }
  };

  const stop = () => current.current?.stop();

  return { supported: ctor !== null, state, start, stop };
}
