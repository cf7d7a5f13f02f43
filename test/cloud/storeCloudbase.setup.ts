// jest project `node-cloudbase`: the handler suite on the CloudBase adapter over the fake SDK (test/cloud/harness.ts).
process.env.STORE = 'cloudbase';
