import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/500.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@mantine/core/styles.css';

// The server may have sent the page's first screen (header, heading, lead) inside #root, styled by the stylesheet
// above. The application's code is fetched at once (modulepreload) but runs after that screen is painted: nothing of
// it is needed to draw the first screen, and React then replaces it (app/start.tsx). The timer covers a page opened
// in a background tab, where no frame is painted.
let started = false;
function startApp() {
  if (started) return;
  started = true;
  void import('./app/start').then((app) => app.start());
}
requestAnimationFrame(() => setTimeout(startApp, 0));
setTimeout(startApp, 250);
