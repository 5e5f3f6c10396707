import { readdirSync, writeFileSync } from 'node:fs';
import { PEER_DIR, comparePeerFile, type PeerOutcome } from './harness';

// Exploration run (PEER_EXPLORE=1): writes every outcome to /tmp/peer-outcomes.json.
const run = process.env.PEER_EXPLORE === '1' ? it : it.skip;
run(
  'explore',
  async () => {
    const files = readdirSync(PEER_DIR).filter((f) => /\.xls[xm]$/i.test(f));
    const outcomes: PeerOutcome[] = [];
    for (const f of files) outcomes.push(await comparePeerFile(f));
    writeFileSync('/tmp/peer-outcomes.json', JSON.stringify(outcomes, null, 1));
  },
  3_600_000,
);
