/** A lab's introduction: what it is about, then "After this lab you can" with the learning objectives. */
import { useId, type ReactNode } from 'react';

export function LabIntro({ objectives, children }: { objectives: readonly string[]; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="narrative">
      <h2 id={headingId}>What this lab is about</h2>
      {children}
      <h3>After this lab you can</h3>
      <ul>
        {objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
    </section>
  );
}
