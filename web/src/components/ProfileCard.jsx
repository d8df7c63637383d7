import { Link } from 'react-router-dom';
import Avatar from './Avatar.jsx';
import { usePresence } from '../hooks/usePresence.js';
import { presenceKind, presenceShortLabel } from '../utils/presenceText.js';

/** A dashboard card: avatar with its live status bulb, name, age and city. */
export default function ProfileCard({ profile }) {
  const presence = usePresence(profile.username);
  const details = [profile.occupation, profile.religion].filter(Boolean).join(' · ');
  return (
    <article className="profile-card" data-testid="profile-card" data-username={profile.username}>
      <Link to={`/profile/${profile.username}`} className="profile-card__link">
        <Avatar src={profile.avatarUrl} name={profile.displayName} size={96} presence={presence} showBulb />
        <h3 className="profile-card__name">{profile.displayName}</h3>
        <p className="profile-card__meta">
          {profile.age != null && <span>{profile.age} yrs</span>}
          {profile.city && <span>{profile.city}</span>}
        </p>
        {details && <p className="profile-card__details">{details}</p>}
        <p className={`profile-card__presence profile-card__presence--${presenceKind(presence)}`}>
          {presenceShortLabel(presence)}
        </p>
      </Link>
    </article>
  );
}
