// TODO: the lab's page is being built; until then it says so.
export function RetrievalPage() {
  return (
    <main id="main" className="lab-page">
      <h1>Lab 3: Embeddings and retrieval</h1>
      <p>This lab is being built.</p>
    </main>
  );
}
