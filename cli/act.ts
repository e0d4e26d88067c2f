// `act`: an operator command for the reference simulators. Run by the suite through
// --operator-command, it posts MOSWS_ACTION to a simulator's control endpoint (simulate … --control)
// and exits as the operator-command interface expects: 0 done, 3 not possible, 1 anything else.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { OPERATOR_NOT_POSSIBLE_EXIT } from '../suite/operator';

export const ACT_USAGE = `usage: mos-conformance act --control HOST:PORT
Posts the operator action in $MOSWS_ACTION to a reference simulator started with --control HOST:PORT.
Meant as the suite's operator command:
  mos-conformance run ... --operator-command 'mos-conformance act --control 127.0.0.1:9700'
Exit 0: done; 3: not possible for this simulator (the scenario is Not applicable); 1: failed.
  --control HOST:PORT   the simulator's control endpoint
  --help                this text`;

export async function actCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: { control: { type: 'string' } } });
  if (!values.control) throw new Error('--control HOST:PORT is required');
  const action = process.env.MOSWS_ACTION;
  if (!action) throw new Error('MOSWS_ACTION is not set: act is run by the suite as --operator-command');
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(`http://${values.control}/action`, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 10_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: body.trim() }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', (e) => reject(new Error(`the control endpoint ${values.control} cannot be reached: ${e.message}`)));
    req.end(action);
  });
  if (status === 200) return 0;
  console.error(text);
  return status === 422 ? OPERATOR_NOT_POSSIBLE_EXIT : 1;
}
