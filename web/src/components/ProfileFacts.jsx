/** The "about" text and the facts table of a profile. */
export default function ProfileFacts({ profile }) {
  const facts = [
    ['Age', profile.age != null ? `${profile.age} years` : null],
    ['Height', profile.heightCm ? `${profile.heightCm} cm` : null],
    ['Lives in', [profile.city, profile.country].filter(Boolean).join(', ')],
    ['Religion', profile.religion],
    ['Mother tongue', profile.motherTongue],
    ['Education', profile.education],
    ['Occupation', profile.occupation],
  ].filter(([, v]) => v);
  return (
    <section className="card profile-facts" aria-labelledby="facts-heading">
      <h2 id="facts-heading" className="card__title">
        About {profile.displayName.split(' ')[0]}
      </h2>
      {profile.about ? <p className="profile-facts__about">{profile.about}</p> : <p className="muted">No introduction yet.</p>}
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k} className="facts__row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
