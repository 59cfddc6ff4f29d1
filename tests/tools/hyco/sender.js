// A sender built on Microsoft's token function (hyco-https createRelayToken) for the relay conformance tests, run by
// tests/CloudTrust.Agent.Tests against the simulated relay and the agent. Settings from the environment:
//   HYCO_NAMESPACE (host:port), HYCO_PATH (the hybrid connection), HYCO_SUFFIX (the operation path), HYCO_KEY_NAME, HYCO_KEY,
//   HYCO_TOKEN_IN ("header" for ServiceBusAuthorization, "query" for sb-hc-token), HYCO_BODY (the JSON body),
//   HYCO_HEADERS (a JSON object of extra headers: the request signature). Prints "status N" and the body, then exits.
'use strict';
const https = require('hyco-https');
const { request } = require('https');

// As hyco-https's own sender example does: the token is made for the hybrid connection's address (createRelayHttpsUri).
const resource = https.createRelayHttpsUri(process.env.HYCO_NAMESPACE, process.env.HYCO_PATH);
const token = https.createRelayToken(resource, process.env.HYCO_KEY_NAME, process.env.HYCO_KEY, 300);
const target = new URL(resource + (process.env.HYCO_SUFFIX || ''));
const headers = Object.assign({ 'Content-Type': 'application/json' }, JSON.parse(process.env.HYCO_HEADERS || '{}'));
if (process.env.HYCO_TOKEN_IN === 'query') {
  target.searchParams.set('sb-hc-token', token);
} else {
  headers.ServiceBusAuthorization = token;
}
const body = Buffer.from(process.env.HYCO_BODY || '', 'utf8');
headers['Content-Length'] = body.length;
const req = request(target, { method: 'POST', headers }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    console.log('status ' + res.statusCode);
    console.log(Buffer.concat(chunks).toString('utf8'));
  });
});
req.on('error', (e) => { console.log('error ' + e.message); process.exitCode = 1; });
req.end(body);
