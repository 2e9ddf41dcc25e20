/**
 * The file picker for a MovieLens ratings file. The file is read as text in
 * this tab and handed to the worker; it is never uploaded. A file the worker
 * rejects leaves the run on screen as it was and its message (file, line,
 * field) goes to an alert region.
 */
import { useId, useState } from 'react';
import { selectImportError, selectRatingsFileName, selectWorld } from '../../state/selectors';
import { useFeedLab } from '../../state/store';
import { useController } from './controllerContext';

export function RatingsImport() {
  const controller = useController();
  const importError = useFeedLab(selectImportError);
  const fileName = useFeedLab(selectRatingsFileName);
  const world = useFeedLab(selectWorld);
  const inputId = useId();
  const [reading, setReading] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file || !controller) {
      return;
    }
    setReading(`Reading ${file.name} (${(file.size / 1e6).toFixed(1)} MB) and fitting a world to it…`);
    try {
      const text = await file.text();
      await controller.importRatings({ name: file.name, text });
    } finally {
      setReading(null);
    }
  };

  return (
    <div className="ratings-import">
      <label htmlFor={inputId}>MovieLens ratings file (u.data or ratings.csv)</label>
      <input
        id={inputId}
        type="file"
        accept=".data,.csv,text/csv,text/tab-separated-values,text/plain"
        disabled={controller === null}
        onChange={(event) => {
          void onFile(event.currentTarget.files?.[0]);
          // Clear the input, so choosing the same file again after a fix reads it again.
          event.currentTarget.value = '';
        }}
      />
      <p className="help">The file is read in this tab and never leaves your computer.</p>
      <p aria-live="polite">{reading}</p>
      {fileName && world && (
        <p>
          World built from <strong>{fileName}</strong>: {world.users} users, {world.items} items
          {world.ratings !== undefined && <>, {world.ratings} ratings</>}.{' '}
          <button type="button" onClick={() => void controller?.useSyntheticWorld()}>
            Back to a synthetic world
          </button>
        </p>
      )}
      <div role="alert" className={importError ? 'import-error' : undefined} data-testid="import-error">
        {importError && (
          <>
            <strong>The ratings file was not used.</strong> {/[.!?]$/.test(importError) ? importError : `${importError}.`} The run on screen is unchanged.
          </>
        )}
      </div>
    </div>
  );
}
