// Why a connection was refused, in words a test engineer can act on, and the one requirement the
// refusal bears on. Two directions: the system under test refusing the suite's correct request,
// and the suite's endpoint refusing the system's request.
import type { UpgradeRequest } from '../../lib/transport/endpoint';

export interface RefusalCause {
  /** The requirement the refusal bears on; undefined when it points at configuration, not at the system. */
  requirement?: string;
  message: string;
}

/** The system refused a request the suite built correctly (correct path, parameters and credentials). */
export function explainRefusalOfCorrectRequest(status: number, body: string, o: { what: string; user?: string; ncsIdParam: string }): RefusalCause {
  const said = body ? ` (it said: "${body.slice(0, 160)}")` : '';
  switch (status) {
    case 401:
      return { requirement: 'MOSWS-AUTH-2', message: `${o.what} with the configured credentials${o.user ? ` (user ${o.user})` : ''} was refused with HTTP 401${said} — check --user/--password-env against the system's configuration` };
    case 403:
      return { requirement: 'MOSWS-URL-2', message: `${o.what} naming the configured mosID and ncsID was refused with HTTP 403${said} — check --mos-id/--ncs-id against the system's configuration` };
    case 404:
      return { requirement: 'MOSWS-URL-5', message: `${o.what} was refused with HTTP 404${said} — no MOS endpoint at that path; check the path of --target-url` };
    case 400: {
      const other = o.ncsIdParam === 'ncsID' ? 'nCSID' : 'ncsID';
      return { requirement: 'MOSWS-URL-1', message: `${o.what} was refused with HTTP 400${said} — the suite names the NCS ID parameter "${o.ncsIdParam}"; the proposal also spells it "${other}" (docs/interpretations.md #1): if the system expects that spelling, run with --ncs-id-param ${other}` };
    }
    default:
      return { requirement: 'MOSWS-TRANSPORT-1', message: `${o.what} was answered with HTTP ${status}${said} instead of a WebSocket upgrade` };
  }
}

/** Reasons the suite's endpoint gives (lib/transport/endpoint.ts), mapped to what they mean. */
const SUITE_REFUSALS: ReadonlyArray<{ test: RegExp; requirement?: string; hint: string }> = [
  { test: /no Authorization header/, requirement: 'MOSWS-AUTH-1', hint: 'the system dialled without an Authorization header' },
  { test: /not a well-formed Basic|no colon/, requirement: 'MOSWS-AUTH-1', hint: 'the system sent an Authorization header that is not a Basic credential' },
  { test: /wrong username or password/, hint: 'the system sent Basic credentials other than those the suite was given — check the user and password configured in the system against --user/--password-env' },
  { test: /no MOS endpoint at/, requirement: 'MOSWS-URL-5', hint: "the system did not use the path of the suite's URL it was configured with" },
  { test: /is not configured here/, requirement: 'MOSWS-URL-1', hint: 'the system named another mosID or ncsID than the suite was configured with (--mos-id/--ncs-id)' },
  { test: /^passive /, requirement: 'MOSWS-PASSIVE-1', hint: 'the system flagged its passive sockets with something other than passive=true' },
  { test: /mosID|ncsID|NCS ID|channel|passive|query parameter/, requirement: 'MOSWS-URL-1', hint: 'the system\'s connection request lacks or garbles a required parameter' },
];

/** A failed TLS handshake at the suite's wss endpoint, explained. */
export function explainTlsFailure(error: string): RefusalCause {
  // OpenSSL's "http request": plain HTTP arrived where TLS was expected.
  if (/http request/i.test(error)) return { requirement: 'MOSWS-TLS-1', message: `the system sent plain HTTP to the suite's wss endpoint: it dialled ws:// although it was configured with a wss:// URL (${error})` };
  return { requirement: 'MOSWS-TLS-2', message: `the system's TLS handshake with the suite's endpoint failed (${error}): it does not accept the suite's self-signed certificate` };
}

/** Why the suite refused a request of the system, from the endpoint's reason. */
export function explainSuiteRefusal(r: UpgradeRequest): RefusalCause {
  const reason = r.reason ?? `HTTP ${r.status}`;
  const known = SUITE_REFUSALS.find((k) => k.test.test(reason));
  return { requirement: known?.requirement, message: `${known ? `${known.hint}: ` : ''}the suite's endpoint refused it with HTTP ${r.status} (${reason})` };
}
