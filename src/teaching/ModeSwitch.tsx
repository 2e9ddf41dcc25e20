/** The Guided/Sandbox switch of a lab: two toggle buttons, the pressed one is the current mode. */

export type LabMode = 'guided' | 'sandbox';

export function ModeSwitch({ mode, onChange }: { mode: LabMode; onChange(mode: LabMode): void }) {
  return (
    <div className="mode-switch" role="group" aria-label="Lab mode">
      <button type="button" aria-pressed={mode === 'guided'} onClick={() => onChange('guided')}>
        Guided
      </button>
      <button type="button" aria-pressed={mode === 'sandbox'} onClick={() => onChange('sandbox')}>
        Sandbox
      </button>
    </div>
  );
}
