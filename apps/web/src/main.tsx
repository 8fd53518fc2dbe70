import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@mantine/core/styles.css';
import './app/responsive.css';
import { firstRequests } from './app/first-requests';
import { initialLang } from './app/lang';
import { fetchEarly, keepSentAnswers } from './lib/early';

// The server may have sent the page's first screen (header, heading, lead; or the whole page with its figures) inside
// #root, styled by the stylesheets above. Nothing of the application is needed to draw it, so its code is neither
// fetched nor run until that screen has been painted (its first contentful paint: the first frames may come before
// the web font, with no text shown). Then the page's API requests (app/first-requests.ts; those the server drew the
// first screen with came inside the page), its own chunk (<meta name="rl-page">, written by
// apps/web/scripts/first-screens.ts) and the application (app/start.tsx) load side by side, and React replaces the
// first screen. A page without a first screen starts at once; the timers cover a browser without paint timing and a
// page opened in a background tab, which paints nothing.
let started = false;
function startApp() {
  if (started) return;
  started = true;
  keepSentAnswers();
  fetchEarly(firstRequests(window.location, initialLang()));
  const page = document.querySelector('meta[name="rl-page"]')?.getAttribute('content');
  if (page) void import(/* @vite-ignore */ page);
  void import('./app/start').then((app) => app.start());
}

function afterFirstPaint(then: () => void) {
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return setTimeout(then, 250);
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('first-contentful-paint').length) return;
    observer.disconnect();
    setTimeout(then, 0);
  });
  observer.observe({ type: 'paint', buffered: true });
  setTimeout(then, document.visibilityState === 'hidden' ? 250 : 3000);
}

if (document.getElementById('root')?.childElementCount) afterFirstPaint(startApp);
else startApp();
