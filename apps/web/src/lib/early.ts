/**
 * Responses to the first page's API requests, sent inside the page or asked by the entry (main.tsx) as soon as the
 * first screen is painted, while the application's code is still on its way; `apiFetch` takes each one once, when the
 * page asks the same address. Left untaken, they are dropped after half a minute, so that a page opened later asks
 * afresh.
 */
const early = new Map<string, Promise<Response>>();

const KEEP_MS = 30_000;

function keep(url: string, response: Promise<Response>) {
  early.set(url, response);
  setTimeout(() => early.get(url) === response && early.delete(url), KEEP_MS);
}

/** Starts a GET of each address (same-origin credentials, as `apiFetch`), unless its answer is already here. */
export function fetchEarly(urls: readonly string[]) {
  for (const url of urls) {
    if (early.has(url)) continue;
    const response = fetch(url, { credentials: 'same-origin' });
    response.catch(() => undefined); // a failure is met again, and reported, by the page's own request
    keep(url, response);
  }
}

/**
 * The answers the server drew the page's first screen with, sent inside the page
 * (`<script type="application/json" data-rl-answer="address">`, apps/server/src/lib/first-screens.ts): kept as early
 * responses, so that the application draws the same figures without asking for them again.
 */
export function keepSentAnswers(root: ParentNode = document) {
  for (const script of root.querySelectorAll<HTMLScriptElement>('script[data-rl-answer]')) {
    const url = script.dataset.rlAnswer;
    if (url && !early.has(url))
      keep(url, Promise.resolve(new Response(script.textContent, { headers: { 'content-type': 'application/json' } })));
    script.remove();
  }
}

/** The early response to `url`, at most once; undefined when none was asked or it failed (then ask again). */
export async function takeEarly(url: string): Promise<Response | undefined> {
  const response = early.get(url);
  if (!response) return undefined;
  early.delete(url);
  return response.catch(() => undefined);
}
