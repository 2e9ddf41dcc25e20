import { LABS } from './labCatalog';

/** Renders the list of labs at `#/`: a link for each built lab, "Not built yet" for the others. */
export function LandingPage({ present }: { present: boolean }) {
  const query = present ? '?present=1' : '';
  return (
    <main id="main" className="landing">
      <h1>FeedLab</h1>
      <p className="lede">
        A lab for the machine learning behind a short-video feed and its ad marketplace. Every simulation runs in this page, and every lab shows
        what the platform measures beside the truth it cannot see.
      </p>
      <ol className="lab-list">
        {LABS.map((lab) => (
          <li key={lab.id} className={lab.built ? 'lab-card' : 'lab-card lab-card-unbuilt'}>
            <span className="lab-number" aria-hidden="true">
              {lab.number}
            </span>
            <div>
              <h2>{lab.built ? <a href={`#/lab/${lab.id}${query}`}>{lab.title}</a> : lab.title}</h2>
              <p>{lab.summary}</p>
              {!lab.built && <p className="not-built">Not built yet</p>}
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
