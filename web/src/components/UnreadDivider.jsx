/** "5 unread messages", above the first message that came in since the conversation was last read. */
export default function UnreadDivider({ count }) {
  return (
    <li className="unread-divider" data-testid="unread-divider">
      <span>
        {count} unread {count === 1 ? 'message' : 'messages'}
      </span>
    </li>
  );
}
