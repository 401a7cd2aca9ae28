import fc from 'fast-check';
import { agendaNeighbour, orderAgenda } from './conferences';

const item = (id: string, hasChildren: boolean, order: number) => ({ id, hasChildren, order });

describe('the agenda', () => {
  it('puts cases with children first, each group in the order the coordinator set', () => {
    const agenda = [item('a', false, 1), item('b', true, 2), item('c', false, 3), item('d', true, 4)];
    expect(orderAgenda(agenda).map(({ id }) => id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('moves an item past its neighbour within its group, never across into the other', () => {
    const agenda = [item('a', false, 1), item('b', true, 2), item('c', false, 3), item('d', true, 4)];
    expect(agendaNeighbour(agenda, 'd', 'up')?.id).toBe('b');
    expect(agendaNeighbour(agenda, 'c', 'up')?.id).toBe('a');
    expect(agendaNeighbour(agenda, 'a', 'up')).toBeNull();
    expect(agendaNeighbour(agenda, 'd', 'down')).toBeNull();
    expect(agendaNeighbour(agenda, 'b', 'up')).toBeNull();
    expect(agendaNeighbour(agenda, 'nowhere', 'up')).toBeNull();
  });

  it('finds, for any agenda, a neighbour only next to the item and in its own group', () => {
    const agendas = fc.uniqueArray(fc.record({ id: fc.uuid(), hasChildren: fc.boolean(), order: fc.integer({ min: 0, max: 20 }) }), {
      selector: (entry) => entry.id,
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(agendas, fc.nat(), fc.constantFrom('up' as const, 'down' as const), (agenda, pick, direction) => {
        const ordered = orderAgenda(agenda);
        const index = pick % ordered.length;
        const neighbour = agendaNeighbour(agenda, ordered[index].id, direction);
        const expected = ordered[direction === 'up' ? index - 1 : index + 1];
        if (neighbour === null) expect(expected === undefined || expected.hasChildren !== ordered[index].hasChildren).toBe(true);
        else expect(neighbour).toBe(expected);
      }),
    );
  });
});
