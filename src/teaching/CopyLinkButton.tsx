/**
 * "Copy link": copies the page's address, which holds the lab's settings, so
 * a lecturer can share the lab set up as on screen. Trained models and
 * results are not in the address: the link reopens the settings, and the
 * status line says so. When the browser refuses clipboard access, the link
 * is shown in a read-only field to copy by hand.
 */
import { useState } from 'react';

export function CopyLinkButton({ note = 'It reopens these settings; train or run again to see results.' }: { note?: string }) {
  const [status, setStatus] = useState('');
  const [fallback, setFallback] = useState<string | null>(null);

  const copy = async () => {
    const link = window.location.href;
    try {
      await navigator.clipboard.writeText(link);
      setFallback(null);
      setStatus(`Link copied. ${note}`);
    } catch {
      setFallback(link);
      setStatus('The browser refused clipboard access; copy the link below.');
    }
  };

  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span className="link-status" aria-live="polite">
        {status}
      </span>
      {fallback && (
        <label className="fallback-link">
          Link to these settings
          <input type="text" readOnly value={fallback} onFocus={(event) => event.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
