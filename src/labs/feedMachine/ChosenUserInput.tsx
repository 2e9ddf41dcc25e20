/** The labelled number input that chooses the user whose feed and ground truth the page shows. */
import { useId, useState } from 'react';
import { selectChosenUser, selectWorldUsers } from '../../state/selectors';
import { feedLabStore, useFeedLab } from '../../state/store';

export function ChosenUserInput() {
  const id = useId();
  const user = useFeedLab(selectChosenUser);
  const users = useFeedLab(selectWorldUsers);
  const [draft, setDraft] = useState(String(user));
  const [shown, setShown] = useState(user);
  const [error, setError] = useState<string | null>(null);

  if (shown !== user) {
    setShown(user);
    setDraft(String(user));
    setError(null);
  }

  const choose = (text: string) => {
    setDraft(text);
    const value = Number(text);
    if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value >= users) {
      setError(`${text === '' ? 'An empty value' : text} is not a user: enter a whole number from 0 to ${users - 1}.`);
      return;
    }
    setError(null);
    feedLabStore.getState().setView({ user: value });
  };

  return (
    <div className="chosen-user">
      <label htmlFor={id}>Chosen user</label>
      <input
        id={id}
        type="number"
        min={0}
        max={users - 1}
        step={1}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => choose(event.currentTarget.value)}
      />
      <span className="help">0 to {users - 1}; or click a circle on the embedding map.</span>
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}
