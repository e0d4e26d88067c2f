// One side of the peer benchmark alone, for a CPU profile of where its time goes:
//   node --cpu-prof --cpu-prof-dir=reports/out/bench/prof dist/bench/profile-peer.js ours|theirs [requests]
//   node dist/bench/cpu-profile-summary.js reports/out/bench/prof/<file>.cpuprofile
import { mosConnectionPair, ourPair } from './peer';

async function main(): Promise<void> {
  const [side = 'ours', count = '20000'] = process.argv.slice(2);
  if (side !== 'ours' && side !== 'theirs') throw new Error('usage: profile-peer.js ours|theirs [requests]');
  const pair = side === 'ours' ? await ourPair() : await mosConnectionPair();
  await pair.run(1500); // warm-up
  const rate = await pair.run(Number(count));
  await pair.stop();
  console.log(`${side}: ${rate.toFixed(0)} request/reply pairs/s over ${count} requests`);
}

main().then(() => process.exit(0), (e) => {
  console.error(e);
  process.exit(1);
});
