// The app shell: header on every screen, then the screen for the current path and session.
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { session } from './app-state';
import { Header } from './components/Header';
import { lazyScreen } from './components/Lazy';
import { t } from './i18n';
import { navigate, path } from './router';
import { Home } from './screens/Home';
import { Login } from './screens/Login';
import { NotFound } from './screens/NotFound';
import { Register } from './screens/Register';
import { IncidentScreen } from './screens/sos/Incident';
import { Sos } from './screens/sos/Sos';
import { Welcome } from './screens/Welcome';

// Desk and crew screens are for a few accounts only, the record screens for visits that need them: their own chunks.
const Dispatch = lazyScreen(() => import('./screens/sos/Dispatch'));
const Crew = lazyScreen(() => import('./screens/sos/Crew'));
const MedicalId = lazyScreen(() => import('./screens/medical-id/MedicalId'));
const MedicalIdCard = lazyScreen(() => import('./screens/medical-id/Card'));
const PublicCard = lazyScreen<{ token: string }>(() => import('./screens/medical-id/PublicCard'));
const Consent = lazyScreen(() => import('./screens/consent/Consent'));
const ConsentRequests = lazyScreen(() => import('./screens/consent/Requests'));
const Records = lazyScreen(() => import('./screens/records/Records'));
const Symptoms = lazyScreen(() => import('./screens/symptoms/Symptoms'));
// Health Worker Mode and the supervisor's screen: one chunk for the few accounts that use it (it routes /hw/… itself).
const HealthWorker = lazyScreen(() => import('./hw/screens/Hw'));
const INCIDENT = /^\/sos\/incidents\/([^/]+)$/;
/** The page behind a medical ID card's QR code: for anyone, signed in or not. */
const PUBLIC_CARD = /^\/id\/([^/]+)$/;
/** Who may read a health record here: patients their own, staff a patient's under consent. */
const RECORD_READERS: readonly string[] = ['patient', 'doctor', 'health_worker', 'admin'];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** `screen` for accounts of `allowed`; others go home, and nobody signed in goes to log in. */
function onlyFor(role: string | undefined, allowed: string, screen: JSX.Element) {
  if (!role) return <Redirect to="/login" />;
  return role === allowed ? screen : <Redirect to="/" />;
}

function Screen() {
  const card = PUBLIC_CARD.exec(path.value);
  if (card) return <PublicCard token={decodeURIComponent(card[1]!)} />;
  const current = session.current.value;
  if (current === undefined) {
    return (
      <main class="screen">
        <p>{t('loading')}</p>
      </main>
    );
  }
  const incident = INCIDENT.exec(path.value);
  if (incident) return current ? <IncidentScreen id={decodeURIComponent(incident[1]!)} /> : <Redirect to="/login" />;
  const role = current?.user?.role;
  if (path.value === '/hw' || path.value.startsWith('/hw/')) return current ? <HealthWorker /> : <Redirect to="/login" />;
  switch (path.value) {
    case '/':
      if (current) return <Home />;
      return session.expired.value ? <Login /> : <Welcome />;
    case '/login':
      return current ? <Redirect to="/" /> : <Login />;
    case '/register':
      return current ? <Redirect to="/" /> : <Register />;
    case '/sos':
      return <Sos />; // without an account it still offers the phone lines
    case '/dispatch':
      return role === 'dispatcher' ? <Dispatch /> : <Redirect to="/" />;
    case '/crew':
      return role === 'ambulance_crew' ? <Crew /> : <Redirect to="/" />;
    case '/medical-id':
      return onlyFor(role, 'patient', <MedicalId />);
    case '/medical-id/card':
      return onlyFor(role, 'patient', <MedicalIdCard />);
    case '/consent':
      if (role === 'doctor') return <Redirect to="/consent/request" />;
      return onlyFor(role, 'patient', <Consent />);
    case '/consent/request':
      return onlyFor(role, 'doctor', <ConsentRequests />);
    case '/records':
      return current ? (role && RECORD_READERS.includes(role) ? <Records /> : <Redirect to="/" />) : <Redirect to="/login" />;
    case '/symptoms':
      return <Symptoms />; // for anyone, signed in or not; saving to a record needs a patient account
    default:
      return <NotFound />;
  }
}

export function App() {
  return (
    <>
      <Header />
      <Screen />
    </>
  );
}
