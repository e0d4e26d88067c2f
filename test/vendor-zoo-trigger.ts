// The operator command of the vendor-zoo runs (`--operator-command`): hands the suite's action
// (MOSWS_ACTION) to a zoo system's control endpoint, the way a vendor's CI script would drive its
// product's API. Exit 0: done; 3: not possible (the endpoint said 501); 1: anything else.
import http from 'node:http';

const control = process.argv[2];
const action = process.env.MOSWS_ACTION;
if (!control || !action) {
  console.error('usage: MOSWS_ACTION=JSON vendor-zoo-trigger CONTROL_URL');
  process.exit(1);
}
const req = http.request(`${control}/action`, { method: 'POST', headers: { 'content-type': 'application/json' }, timeout: 5000 }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d: string) => (body += d));
  res.on('end', () => {
    if (res.statusCode === 200) process.exit(0);
    console.error(`control endpoint answered ${res.statusCode}: ${body.trim().slice(0, 300)}`);
    process.exit(res.statusCode === 501 ? 3 : 1);
  });
});
req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
req.on('error', (e) => {
  console.error(`control endpoint unreachable: ${e.message}`);
  process.exit(1);
});
req.end(action);
