// TODO: the lab's page is being built; until then it says so.
export function RankingPage() {
  return (
    <main id="main" className="lab-page">
      <h1>Lab 4: Ranking</h1>
      <p>This lab is being built.</p>
    </main>
  );
}
