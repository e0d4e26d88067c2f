#!/usr/bin/env node
// mos-conformance: one command line for the suite, the simulators and URL signing.
// Every command answers --help (its usage, on stdout, exit 0) and --version the same way.
import { MOS_SIM_USAGE, startMosSimulator } from './simulate-mos';
import { STREAM_USAGE, signCommand, startStreamSimulator, verifyCommand } from './simulate-stream';
import { BRIDGE_USAGE } from './simulate-bridge';
import { LIST_USAGE, listCommand } from './list';
import { INIT_USAGE, initCommand } from './init';
import { ACT_USAGE, actCommand } from './act';
import { versionLine } from '../reports/tool';
import { EXIT_CODES } from '../lib/conformance/outcomes';
import { parseErrorMessage } from './usage-errors';

const SIMULATE_USAGE = `usage: mos-conformance simulate device|nrcs|bridge|signer|distribution [options]
  device, nrcs     a MOS device or NRCS over WebSocket (simulate device --help)
  bridge           a MOS WebSocket front for a MOS 2.x TCP system (simulate bridge --help)
  signer           a URL signing service (simulate signer --help)
  distribution     a distribution server that verifies signed URLs (simulate distribution --help)`;

const USAGE = `usage: mos-conformance <command> [options]
  run [options]                 run the conformance scenarios: embedded, or certify a system (run --help)
  list [options]                the scenarios with their roles, capabilities and requirement ids
  init --role R                 write a commented configuration template for device, nrcs, verifier or signer
  simulate WHAT [options]       start a simulator: device, nrcs, bridge, signer, distribution
  sign URL ... / verify URL ... sign or verify a URL
  act --control HOST:PORT       an operator command for the reference simulators (simulate … --control)
  help, --help                  this text
  --version                     the suite version
Every command answers --help.`;

/** The usage text of the command a --help belongs to. */
async function usageFor(cmd: string | undefined, sub: string | undefined): Promise<string> {
  switch (cmd) {
    case 'run':
      return (await import('./run-args')).RUN_USAGE;
    case 'list':
      return LIST_USAGE;
    case 'init':
      return INIT_USAGE;
    case 'simulate':
      if (sub === 'device' || sub === 'nrcs') return MOS_SIM_USAGE;
      if (sub === 'bridge') return BRIDGE_USAGE;
      if (sub === 'signer' || sub === 'distribution') return STREAM_USAGE;
      return SIMULATE_USAGE;
    case 'sign':
    case 'verify':
      return STREAM_USAGE;
    case 'act':
      return ACT_USAGE;
    default:
      return USAGE;
  }
}

class UsageError extends Error {}

export async function main(argv: string[], out: (s: string) => void = console.log): Promise<number> {
  const [cmd, ...rest] = argv;
  if (argv.includes('--version') || argv.includes('-V')) {
    out(versionLine());
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h') || cmd === 'help') {
    out(await usageFor(cmd === 'help' ? rest[0] : cmd, cmd === 'help' ? rest[1] : rest[0]));
    return 0;
  }
  switch (cmd) {
    case 'simulate': {
      const [what, ...args] = rest;
      if (what === 'device' || what === 'nrcs') return serve(await startMosSimulator(what, args));
      if (what === 'bridge') return serve(await (await import('./simulate-bridge')).startBridge(args));
      if (what === 'signer' || what === 'distribution') return serve(await startStreamSimulator(what, args));
      throw new UsageError(`unknown simulator "${what ?? ''}"\n${SIMULATE_USAGE}`);
    }
    case 'sign':
      return signCommand(rest);
    case 'verify':
      return verifyCommand(rest);
    case 'list':
      return listCommand(rest, out);
    case 'act':
      return actCommand(rest);
    case 'init':
      return initCommand(rest, out);
    case 'run': {
      const { runSuite } = await import('./run');
      return runSuite(rest);
    }
    case undefined:
      console.error(USAGE);
      return EXIT_CODES.USAGE;
    default:
      throw new UsageError(`unknown command "${cmd}"\n${USAGE}`);
  }
}

/** A simulator runs until SIGINT or SIGTERM, then stops cleanly (sockets closed with 1001). */
async function serve(sim: { stop(): Promise<void> }): Promise<number> {
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sim.stop();
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      // A usage or start-up problem: its message, never a stack trace (MOSWS_DEBUG=1 shows it).
      const cmd = process.argv[2];
      const hint = err instanceof UsageError || !cmd || cmd.startsWith('-') ? '' : `\nsee: mos-conformance ${cmd}${cmd === 'simulate' && process.argv[3] ? ` ${process.argv[3]}` : ''} --help`;
      void usageFor(cmd, process.argv[3]).then((usage) => {
        console.error(`error: ${parseErrorMessage(err, usage) ?? err.message}${hint}`);
        if (process.env.MOSWS_DEBUG) console.error(err.stack);
        process.exit(EXIT_CODES.USAGE);
      });
    },
  );
}
