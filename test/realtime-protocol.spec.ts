import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clientEvents, serverEventNames } from '@caseroom/contracts';

/** The protocol document keeps step with the contract: every event is described there. */
describe('docs/realtime.md', () => {
  const document = readFileSync(resolve(__dirname, '../docs/realtime.md'), 'utf8');

  const row = (event: string) => new RegExp(`^\\|\\s*\`${event.replace(/\./g, '\\.')}\`\\s*\\|`, 'm');

  it.each(Object.keys(clientEvents))('describes the client event %s', (event) => {
    expect(document).toMatch(row(event));
  });

  it.each([...serverEventNames])('describes the server event %s', (event) => {
    expect(document).toMatch(row(event));
  });
});
