// jira.js's addAttachment loads node:stream with a dynamic import, which jest's CommonJS sandbox cannot run, so
// the conformance test runs this one call in plain Node: node jira-attach.js <host> <email> <issueIdOrKey>.
const { Version3Client } = require('jira.js');

async function main() {
  const [host, email, issueIdOrKey] = process.argv.slice(2);
  const client = new Version3Client({ host, authentication: { basic: { email, apiToken: 'conformance-token' } } });
  try {
    const created = await client.issueAttachments.addAttachment({
      issueIdOrKey,
      attachment: { filename: 'hello.txt', file: Buffer.from('hello'), mimeType: 'text/plain' },
    });
    process.stdout.write(JSON.stringify({ ok: true, created }));
  } catch (error) {
    process.stdout.write(
      JSON.stringify({ ok: false, status: error.status, data: error.response && error.response.data }),
    );
  }
}

void main();
