// The app shell: header on every screen, then the screen for the current path and session.
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

// Desk and crew screens are for a few accounts only: their own chunks.
const Dispatch = lazyScreen(() => import('./screens/sos/Dispatch'));
const Crew = lazyScreen(() => import('./screens/sos/Crew'));
const INCIDENT = /^\/sos\/incidents\/([^/]+)$/;

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screen() {
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
