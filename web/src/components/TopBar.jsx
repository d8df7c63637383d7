import { Link, NavLink } from 'react-router-dom';
import useAuth from '../hooks/useAuth.js';
import { useUnreadTotal } from '../hooks/useChat.js';
import { useWaitingInterests } from '../hooks/useInterests.js';
import OnlinePill from './OnlinePill.jsx';
import Icon from './Icon.jsx';
import Avatar from './Avatar.jsx';
import EnableNotificationsButton from './EnableNotificationsButton.jsx';

/**
 * App title, the live online count and the navigation. On narrow screens the pill is hidden
 * and the navigation moves to a tab bar at the bottom of the screen (styles/topbar.css).
 */
export default function TopBar() {
  const { user, logout } = useAuth();
  const unread = useUnreadTotal();
  const waiting = useWaitingInterests();

  return (
    <header className="topbar">
      <div className="topbar__inner">
        <Link to="/" className="topbar__brand" aria-label="Pulse, home">
          <span className="topbar__logo" aria-hidden="true">
            <Icon name="heart" size={18} />
          </span>
          <span className="topbar__title">Pulse</span>
          <span className="topbar__tagline">Matrimony</span>
        </Link>

        <OnlinePill />

        <nav className="topbar__nav" aria-label="Main">
          <NavLink to="/" end className="nav-link">
            <Icon name="home" />
            <span>Dashboard</span>
          </NavLink>
          <NavLink to="/search" className="nav-link">
            <Icon name="search" />
            <span>Search</span>
          </NavLink>
          <NavLink to="/messages" className="nav-link" data-testid="nav-messages">
            <Icon name="chat" />
            <span>Messages</span>
            {unread > 0 && (
              <span className="badge" data-testid="unread-badge" aria-label={`${unread} unread`}>
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </NavLink>
          <NavLink to="/interests" className="nav-link" data-testid="nav-interests">
            <Icon name="heart" />
            <span>Interests</span>
            {waiting > 0 && (
              <span className="badge" data-testid="interest-badge" aria-label={`${waiting} waiting for your answer`}>
                {waiting > 99 ? '99+' : waiting}
              </span>
            )}
          </NavLink>
          <NavLink to={`/profile/${user.username}`} className="nav-link nav-link--me">
            <Avatar src={user.avatarUrl} name={user.displayName} size={26} />
            <span>Profile</span>
          </NavLink>
        </nav>

        <div className="topbar__actions">
          <EnableNotificationsButton />
          <Link to="/settings" className="icon-button" aria-label="Account settings" title="Account settings">
            <Icon name="lock" />
          </Link>
          <button type="button" className="icon-button" onClick={() => logout()} aria-label="Log out" title="Log out">
            <Icon name="logout" />
          </button>
        </div>
      </div>
    </header>
  );
}
