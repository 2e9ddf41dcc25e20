// TODO: the lab's page is being built; until then it says so.
export function EventsFeaturesPage() {
  return (
    <main id="main" className="lab-page">
      <h1>Lab 2: Events and features</h1>
      <p>This lab is being built.</p>
    </main>
  );
}
