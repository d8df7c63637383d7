/** An inline message box: `error` for failures (announced), `info` for hints. */
export default function Notice({ kind = 'error', children }) {
  if (!children) return null;
  return (
    <div className={`notice notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
