/** A friendly placeholder for an empty list. */
export default function EmptyState({ title, children, icon = '💞' }) {
  return (
    <div className="empty-state">
      <div className="empty-state__icon" aria-hidden="true">
        {icon}
      </div>
      <h3>{title}</h3>
      {children && <p>{children}</p>}
    </div>
  );
}
