import { useId } from 'react';

/**
 * A labelled form control. `as` is input (default), select or textarea; everything else is
 * passed to the control. The label is always a real <label>, so every field has a name.
 */
export default function Field({ label, as: Control = 'input', hint, children, className = '', ...props }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`field ${className}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <Control id={id} className="field__control" aria-describedby={hintId} {...props}>
        {children}
      </Control>
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
    </div>
  );
}
