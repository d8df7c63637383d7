import Icon from '../components/Icon.jsx';
import useDocumentTitle, { usePageTitle } from '../hooks/useDocumentTitle.js';

/** The split screen of the login and registration pages: a welcome panel and the form card. */
export default function AuthLayout({ title, subtitle, children, wide = false, pageTitle }) {
  usePageTitle(pageTitle ?? title);
  useDocumentTitle(0);
  return (
    <div className="auth">
      <section className="auth__hero" aria-label="About Pulse">
        <div className="auth__brand">
          <span className="topbar__logo" aria-hidden="true">
            <Icon name="heart" size={22} />
          </span>
          Pulse
        </div>
        <p className="auth__headline">Meet someone who shares your values.</p>
        <p className="auth__lead">
          See who is online right now, start a conversation, and know the moment they reply.
        </p>
        <ul className="auth__points">
          <li>Live presence on every profile</li>
          <li>Instant, private messages with read receipts</li>
          <li>Search by age, city, religion and more</li>
        </ul>
      </section>
      <main className={`auth__panel ${wide ? 'auth__panel--wide' : ''}`}>
        <div className="card auth__card">
          <h1 className="auth__title">{title}</h1>
          {subtitle && <p className="auth__subtitle">{subtitle}</p>}
          {children}
        </div>
      </main>
    </div>
  );
}
