// The app shell: header on every screen, then the screen for the current path and session.
import { useEffect } from 'preact/hooks';
import { session } from './app-state';
import { Header } from './components/Header';
import { t } from './i18n';
import { navigate, path } from './router';
import { Home } from './screens/Home';
import { Login } from './screens/Login';
import { NotFound } from './screens/NotFound';
import { Register } from './screens/Register';
import { Welcome } from './screens/Welcome';

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
  switch (path.value) {
    case '/':
      if (current) return <Home />;
      return session.expired.value ? <Login /> : <Welcome />;
    case '/login':
      return current ? <Redirect to="/" /> : <Login />;
    case '/register':
      return current ? <Redirect to="/" /> : <Register />;
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
