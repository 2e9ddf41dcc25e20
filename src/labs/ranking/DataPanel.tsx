/**
 * Source of the click log: the synthetic world (with its truth) or a
 * Criteo-style file, read in the worker. A rejected file leaves the data set
 * and the trained models on screen as they were.
 */
import { useId } from 'react';
import { formatPercent } from './format';
import { syntheticOptions } from './rankingUrl';
import { useRankingPage, useSessionState } from './sessionContext';
import { NumberSetting } from './SettingInputs';

export function DataPanel() {
  const { session, settings } = useRankingPage();
  const dataset = useSessionState((state) => state.dataset);
  const phase = useSessionState((state) => state.phase);
  const importError = useSessionState((state) => state.importError);
  const importProgress = useSessionState((state) => state.importProgress);
  const inputId = useId();
  const busy = session === null || phase !== 'ready';

  return (
    <section aria-labelledby="data-heading" className="ranking-data">
      <h3 id="data-heading">Data</h3>
      {dataset && (
        <p data-testid="dataset-summary">
          {dataset.source === 'synthetic' ? 'Synthetic click log' : <>Imported file <strong>{dataset.fileName}</strong></>}: {dataset.samples.toLocaleString('en')} impressions, {dataset.fields.length} fields;
          split by time into {dataset.trainRows.toLocaleString('en')} training and {dataset.testRows.toLocaleString('en')} test rows (the latest {formatPercent(dataset.testShare, 0)}). Click rate{' '}
          {formatPercent(dataset.baseRates.click)}
          {dataset.baseRates.conversion !== undefined && <>, conversion rate after a click {formatPercent(dataset.baseRates.conversion)}</>}
          {dataset.baseRates.watch !== undefined && <>, mean watch fraction {formatPercent(dataset.baseRates.watch)}</>}.
        </p>
      )}
      <details open={settings.mode === 'sandbox'}>
        <summary>Synthetic data settings</summary>
        <div className="field-grid">
          <NumberSetting name="seed" label="Seed" help="Same seed, same data set and same trained weights." step={1} />
          <NumberSetting name="samples" label="Impressions" step={1000} />
          <NumberSetting name="users" label="Users" step={1} />
          <NumberSetting name="items" label="Items" step={1} />
          <NumberSetting name="topics" label="Topics" step={1} />
          <NumberSetting name="positionBias" label="Position bias b" help="Examination probability (1 + position)^−b." step={0.1} />
          <NumberSetting name="testShare" label="Test share" help="Latest share of the log held out for testing." step={0.05} />
        </div>
        <button type="button" disabled={busy} onClick={() => void session?.loadSynthetic(syntheticOptions(settings), settings.testShare)}>
          Generate synthetic data
        </button>
      </details>
      <div className="criteo-import">
        <label htmlFor={inputId}>Criteo-style click log (tab-separated: label, 13 integer fields, 26 categorical fields)</label>
        <input
          id={inputId}
          type="file"
          accept=".txt,.tsv,.csv,text/plain,text/tab-separated-values"
          disabled={busy}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            // Clear the input, so choosing the same file again after a fix reads it again.
            event.currentTarget.value = '';
            if (file && session) {
              void session.importFile(file, settings.testShare);
            }
          }}
        />
        <p className="help">The file is read in this tab's worker and never leaves your computer. An imported file has no ground truth.</p>
        {importProgress && (
          <p aria-live="polite">
            Reading {importProgress.fileName}: <progress max={1} value={importProgress.fraction} aria-label={`Import progress of ${importProgress.fileName}`} /> {formatPercent(importProgress.fraction, 0)}
          </p>
        )}
        <div role="alert" className={importError ? 'import-error' : undefined} data-testid="import-error">
          {importError && (
            <>
              <strong>The file was not used.</strong> {/[.!?]$/.test(importError) ? importError : `${importError}.`} The data set and models on screen are unchanged.
            </>
          )}
        </div>
      </div>
    </section>
  );
}
