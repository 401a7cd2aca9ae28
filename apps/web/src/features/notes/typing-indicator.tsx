import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

const typingWindowMs = 3_000;

/** "Priya Shah is typing…": the collaborators whose awareness says they changed the notes just now. */
export function TypingIndicator({ awareness, ownClientId }: { awareness: Awareness; ownClientId: number }) {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    // Judged by when this browser saw a new keystroke mark, not by the other machine's clock.
    const seen = new Map<number, { mark: number; at: number }>();
    const refresh = () => {
      const now = Date.now();
      const typing: string[] = [];
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: { name?: unknown } }).user;
        const mark = (state as { typingAt?: unknown }).typingAt;
        if (clientId === ownClientId || typeof user?.name !== 'string' || typeof mark !== 'number') continue;
        if (seen.get(clientId)?.mark !== mark) seen.set(clientId, { mark, at: seen.has(clientId) ? now : now - typingWindowMs });
        if (now - seen.get(clientId)!.at < typingWindowMs) typing.push(user.name);
      }
      setNames((current) => (current.join('\n') === [...new Set(typing)].sort().join('\n') ? current : [...new Set(typing)].sort()));
    };
    awareness.on('change', refresh);
    const timer = setInterval(refresh, 1_000);
    return () => {
      awareness.off('change', refresh);
      clearInterval(timer);
    };
  }, [awareness, ownClientId]);
  return (
    <p className="typing" role="status" aria-live="polite" data-testid="typing">
      {names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`}
    </p>
  );
}
