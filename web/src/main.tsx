// Entry point: show the saved session at once (offline too), refresh the account whenever online, register the service worker.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { App } from './app';
import { session } from './app-state';
import { online } from './net/online';
import { startSos } from './sos/state';
import { registerServiceWorker } from './sw-register';
import './styles.css';

render(<App />, document.getElementById('app')!);

void session.start().then(() => {
  startSos(); // sends any SOS still waiting on this device
  // A health worker's saves sync from app start, whichever screen opens (the HW code loads only for health workers).
  effect(() => {
    if (session.current.value?.user?.role === 'health_worker') void import('./hw/state').then((hw) => hw.startHw());
  });
  effect(() => {
    if (online.value && session.current.peek()) {
      session.refreshUser().catch(() => undefined); // offline or ended: the screens already show which
    }
  });
});

registerServiceWorker();
