import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPolicyTable, informationSharing } from '@caseroom/policy';
import { informationSharingDocument } from './information-sharing-document';

describe('docs/information-sharing.md', () => {
  it('says what the policy table does: run `npm run docs:sharing` when this fails', () => {
    const written = readFileSync(join(__dirname, '../../../../../docs/information-sharing.md'), 'utf8');
    expect(written).toBe(informationSharingDocument());
  });

  it('changes when a rule changes, so it cannot drift', () => {
    const narrower = {
      ...defaultPolicyTable,
      audiences: {
        ...defaultPolicyTable.audiences,
        victim: defaultPolicyTable.audiences.victim.filter((rule) => !rule.roles.includes('idva')),
      },
    };
    const contents = { panel: ['a'], victim: ['b'], investigation: ['c'], standards: ['d'] };
    expect(informationSharing(narrower, contents)).not.toContain('IDVAs of an agency on the case (speaks for the victim)');
    expect(informationSharing(defaultPolicyTable, contents)).toContain('IDVAs of an agency on the case (speaks for the victim)');
  });
});
