import { useId } from 'react';

/**
 * A labelled form control. `as` is input (default), select or textarea; everything else is
 * passed to the control. The label is always a real <label>, so every field has a name; an
 * `error` shows beside the field in words and marks the control invalid.
 */
export default function Field({ label, as: Control = 'input', hint, error, children, className = '', ...props }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field--invalid' : ''} ${className}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <Control id={id} className="field__control" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...props}>
        {children}
      </Control>
      {error && (
        <span id={errorId} className="field__error" data-testid="field-error">
          {error}
        </span>
      )}
      {hint && (
        <span id={hintId} className="field__hint">
          {hint}
        </span>
      )}
    </div>
  );
}
