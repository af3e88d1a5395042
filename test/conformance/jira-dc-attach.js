// jira.js's addAttachment loads node:stream with a dynamic import, which jest's CommonJS sandbox cannot run, so
// the Data Center conformance test runs this one call in plain Node: node jira-dc-attach.js <host> <pat> <issueKey>.
const { Version2Client } = require('jira.js');

async function main() {
  const [host, accessToken, issueIdOrKey] = process.argv.slice(2);
  const client = new Version2Client({ host, authentication: { oauth2: { accessToken } } });
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
