// Health Worker Mode (/hw/…), one lazily loaded chunk: routes its screens by path, puts the sync bar on each, and starts
// syncing. The supervisor's screen (/hw/supervisor) is here too, for supervisors and admins.
import { useEffect } from 'preact/hooks';
import { session } from '../../app-state';
import { navigate, path, queryParam } from '../../router';
import { loadVillages, startHw } from '../state';
import { FollowUps } from './FollowUps';
import { FormScreen } from './FormScreen';
import { Household } from './Household';
import { Register } from './Register';
import { Supervisor } from './Supervisor';
import { SyncBar } from './SyncBar';
import { Village } from './Village';
import { Villages } from './Villages';
import './hw.css';

const SUPERVISORS: readonly string[] = ['supervisor', 'admin'];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screen() {
  const q = (name: string) => queryParam(name) ?? '';
  switch (path.value) {
    case '/hw/village':
      return <Village id={q('id')} />;
    case '/hw/register':
      return <Register village={q('village')} />;
    case '/hw/household':
      return <Household id={q('id')} />;
    case '/hw/form':
      return <FormScreen household={q('household')} member={q('member')} form={q('form')} />;
    case '/hw/follow-ups':
      return <FollowUps />;
    default:
      return <Redirect to="/hw" />;
  }
}

export default function Hw() {
  const role: string | undefined = session.current.value?.user?.role;
  const worker = role === 'health_worker';
  useEffect(() => {
    if (!worker) return;
    startHw();
    void loadVillages().catch(() => undefined); // village names for every screen, from the device when offline
  }, [worker]);

  if (path.value === '/hw/supervisor') {
    return role && SUPERVISORS.includes(role) ? (
      <main class="screen hw">
        <Supervisor />
      </main>
    ) : (
      <Redirect to="/" />
    );
  }
  if (!worker) return <Redirect to={role && SUPERVISORS.includes(role) ? '/hw/supervisor' : '/'} />;
  return (
    <main class="screen hw">
      <SyncBar />
      {path.value === '/hw' ? <Villages /> : <Screen />}
    </main>
  );
}
