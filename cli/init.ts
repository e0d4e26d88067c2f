// `init --role R`: a commented configuration template to fill in, one per role. Every key is
// explained where it stands; schema/config.schema.json checks the file (and guides editors).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../reports/tool';

export const INIT_USAGE = `usage: mos-conformance init --role device|nrcs|verifier|signer [--out FILE] [--force]
Writes a commented configuration template (JSON with comments) for certifying a system in that role.
Fill it in, then: mos-conformance run --config FILE
  --role R      device, nrcs, verifier or signer
  --out FILE    where to write it (default mosws-<role>.json)
  --force       overwrite an existing file
  --help        this text`;

/** The environment variable each template names for its secret (the run reads it from there). */
const SECRET_ENV: Record<'device' | 'nrcs' | 'verifier' | 'signer', string> = { device: 'VENDOR_PW', nrcs: 'VENDOR_PW', verifier: 'VERIFIER_KEY', signer: 'SIGNER_KEY' };

const HEAD = (role: keyof typeof SECRET_ENV, file: string): string => `// mos-conformance configuration: certify a ${role}.
// Fill in the values, then run:  ${SECRET_ENV[role]}='…' mos-conformance run --config ${file}
// Every key has a command-line flag of the same meaning (mos-conformance run --help); flags override
// this file. Secrets never go here: name the environment variable that holds them.`;

const MOS_TARGET = (role: 'device' | 'nrcs', capabilities: string, capabilityNote: string): string => `  "target": {
    // what the system is: "device" or "nrcs"
    "role": "${role}",
    // the system's MOS WebSocket endpoint (ws:// or wss://), when it listens
    "url": "wss://${role}.example:8443/mos",
    // identities: the device's MOS ID and the newsroom's NCS ID, as the system is configured
    "mosID": "DEVICE.MOS",
    "ncsID": "NRCS.NCS",
    // Basic auth user the system expects (and presents when it connects to the suite);
    // the password is read from the environment variable named here
    "username": "mos",
    "passwordEnv": "VENDOR_PW",
    // trust the system's self-signed certificate; or give "caFile": "ca.pem"
    "allowUntrusted": true,
    // what the system can do: listens, connects, passive-active, passive-listener.
    // Scenarios needing anything else are Not applicable. ${capabilityNote}
    "capabilities": ${capabilities},
    // the MOS profiles (0-7) the system supports: their workflows run, and listMachInfo must
    // report the same. Without it only profile 0 runs.
    "profiles": [0, 1, 2],
    // an operator at the system triggers actions when the console prompts (Enter: done,
    // s: not possible). For CI, "operatorCommand": "./trigger.sh" runs a command instead
    // (MOSWS_ACTION: the action as JSON, MOSWS_INSTRUCTION: the sentence; exit 0 done, 3 not possible)
    "operator": false
  },
  // the suite's own endpoint, which a connecting system is configured with
  // (used with the capabilities connects and passive-active)
  "suiteEndpoint": {
    "host": "0.0.0.0",
    "port": 9443,
    "path": "/mos/suite",
    "tls": true,
    // extra query parameters the system must pass through unchanged
    "extraParams": { "parameter1": "12345" }
  },`;

const TEMPLATES: Record<'device' | 'nrcs' | 'verifier' | 'signer', string> = {
  device: MOS_TARGET('device', '["listens"]', 'A device that also dials the suite adds "connects".'),
  nrcs: MOS_TARGET('nrcs', '["listens", "connects", "passive-active"]', 'An NRCS must support passive-active (MOSWS-PASSIVE-4).'),
  verifier: `  "stream": {
    "verifier": {
      // a protected file on the distribution server, and another one (for the wrong-resource checks)
      "resourceUrl": "https://media.example/protected/clip.mp4",
      "otherResourceUrl": "https://media.example/protected/other.mp4",
      // the key the verifier knows; its secret is read from the environment variable named here
      "keyId": "demo",
      "secretEnv": "VERIFIER_KEY",
      // whether the verifier compares scheme, host and port too (strict) or the path only
      "strict": true,
      // which verifier the system follows: opencast-java or apache-httpd
      "profile": "opencast-java",
      "allowUntrusted": true
    }
  },`,
  signer: `  "stream": {
    "signer": {
      // the signing service (POST JSON {url, expiresSeconds, …} -> {signedUrl}; docs/interpretations.md #31)
      "url": "https://signer.example/sign",
      // a URL the signer is configured to sign
      "resourceUrl": "https://media.example/protected/clip.mp4",
      // the key it signs with; its secret is read from the environment variable named here
      "keyId": "demo",
      "secretEnv": "SIGNER_KEY",
      "allowUntrusted": true
    }
  },`,
};

/** The schema as the written file can reach it: relative to the file, so the folder can move with the suite. */
export function schemaReference(file: string): string {
  const rel = path.relative(path.dirname(path.resolve(file)), path.join(ROOT, 'schema', 'config.schema.json')).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

export function configTemplate(role: keyof typeof TEMPLATES, file: string): string {
  return `${HEAD(role, file)}
{
  "$schema": ${JSON.stringify(schemaReference(file))},
${TEMPLATES[role]}
  // timing profile: "real" (default against a system), "accelerated", or a timing file
  // such as "lab-timing.json" (README, "Timing profiles")
  "timing": "real",
  // where report.html, results.json and junit.xml go (relative to this file)
  "reportDir": "reports/out"
}
`;
}

export function initCommand(argv: string[], out: (s: string) => void = console.log): number {
  const { values } = parseArgs({ args: argv, strict: true, options: { role: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } } });
  const role = values.role;
  if (role !== 'device' && role !== 'nrcs' && role !== 'verifier' && role !== 'signer') throw new Error(`--role takes device, nrcs, verifier or signer${role ? `; got "${role}"` : ''}`);
  const file = values.out ?? `mosws-${role}.json`;
  if (fs.existsSync(file) && !values.force) throw new Error(`${file} exists; pass --force to overwrite it`);
  fs.writeFileSync(file, configTemplate(role, file));
  out(`wrote ${file}: fill it in, then run: mos-conformance run --config ${file}`);
  return 0;
}
