#!/usr/bin/env node
// mos-conformance: one command line for the suite, the simulators and URL signing.
import { MOS_SIM_USAGE, startMosSimulator } from './simulate-mos';
import { STREAM_USAGE, signCommand, startStreamSimulator, verifyCommand } from './simulate-stream';

const USAGE = `usage: mos-conformance <command> [options]
  run [options]                 run the conformance features (see 'run --help')
  simulate device|nrcs ...      start a MOS simulator
  simulate signer|distribution  start a URL signing service or a distribution server
  sign URL ... / verify URL ... sign or verify a URL
  help                          this text

${MOS_SIM_USAGE}

${STREAM_USAGE}`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'simulate': {
      const [what, ...args] = rest;
      if (what === 'device' || what === 'nrcs') {
        const sim = await startMosSimulator(what, args);
        await untilSignal();
        await sim.stop();
        return 0;
      }
      if (what === 'bridge') {
        const { startBridge } = await import('./simulate-bridge');
        const sim = await startBridge(args);
        await untilSignal();
        await sim.stop();
        return 0;
      }
      if (what === 'signer' || what === 'distribution') {
        const sim = await startStreamSimulator(what, args);
        await untilSignal();
        await sim.stop();
        return 0;
      }
      console.error(`unknown simulator "${what ?? ''}"\n${USAGE}`);
      return 2;
    }
    case 'sign':
      return signCommand(rest);
    case 'verify':
      return verifyCommand(rest);
    case 'run': {
      const { runSuite } = await import('./run');
      return runSuite(rest);
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      console.error(`unknown command "${cmd}"\n${USAGE}`);
      return 2;
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`error: ${err.message}`);
      process.exit(2);
    },
  );
}
