/**
 * The shell: header with the presentation-mode toggle, messages about the
 * URL, and the page of the current hash route.
 */
import { Suspense, useEffect } from 'react';
import { routePath } from '../state/route';
import { selectPresent, selectRoute } from '../state/selectors';
import { feedLabStore, useFeedLab } from '../state/store';
import { findLab } from './labCatalog';
import { LAB_PAGES } from './labPages';
import { LandingPage } from './LandingPage';
import { UrlMessages } from './UrlMessages';

function PresentationToggle({ present }: { present: boolean }) {
  return (
    <button type="button" aria-pressed={present} onClick={() => feedLabStore.getState().setPresent(!present)}>
      Presentation mode
    </button>
  );
}

function MissingPage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="missing-page">
      <h1>{title}</h1>
      {children}
      <p>
        <a href="#/">Open the list of labs</a>
      </p>
    </main>
  );
}

function RoutedPage() {
  const route = useFeedLab(selectRoute);
  const present = useFeedLab(selectPresent);

  if (route.page === 'home') {
    return <LandingPage present={present} />;
  }
  if (route.page === 'lab') {
    const lab = findLab(route.lab);
    const Page = LAB_PAGES[route.lab];
    if (lab?.built && Page) {
      return (
        <Suspense fallback={<p className="loading">Loading Lab {lab.number}…</p>}>
          <Page />
        </Suspense>
      );
    }
    if (lab) {
      return (
        <MissingPage title={`Lab ${lab.number}: ${lab.title}`}>
          <p>Not built yet. This lab is planned; the list of labs shows which ones are ready.</p>
        </MissingPage>
      );
    }
  }
  return (
    <MissingPage title="Page not found">
      <p>
        There is no page at <code>#{routePath(route)}</code>. Addresses look like <code>#/</code> for the list of labs or <code>#/lab/feed-machine</code>{' '}
        for Lab 1.
      </p>
    </MissingPage>
  );
}

export function App() {
  const present = useFeedLab(selectPresent);

  useEffect(() => {
    document.documentElement.classList.toggle('present', present);
  }, [present]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={(event) => skipToMain(event)}>
        Skip to content
      </a>
      <header className="site-header">
        <a className="site-name" href={present ? '#/?present=1' : '#/'}>
          FeedLab
        </a>
        <PresentationToggle present={present} />
      </header>
      <UrlMessages />
      <RoutedPage />
    </>
  );
}

/** With hash routing, `href="#main"` would change the route; move focus instead. */
function skipToMain(event: React.MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  const main = document.getElementById('main');
  main?.setAttribute('tabindex', '-1');
  main?.focus();
}
