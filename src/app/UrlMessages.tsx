import { useFeedLab } from '../state/store';
import { selectUrlMessages } from '../state/selectors';
import { feedLabStore } from '../state/store';

/** Problems found in the URL, one per line, with a button to dismiss them. */
export function UrlMessages() {
  const messages = useFeedLab(selectUrlMessages);
  if (messages.length === 0) {
    return null;
  }
  return (
    <div className="url-messages" role="alert" data-testid="url-messages">
      <p>
        <strong>Some values in the address were not used:</strong>
      </p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <button type="button" onClick={() => feedLabStore.getState().dismissUrlMessages()}>
        Dismiss
      </button>
    </div>
  );
}
