/**
 * The renderer of the sandbox's /ui pages, loaded before the app's own bundle: it installs the bridge the app's
 * @forge/react and @forge/bridge talk to, then draws each ForgeDoc the app's reconciler commits.
 */
import { createRoot } from 'react-dom/client';
import { installBridge, type Boot } from './bridge';
import { searchUsersAs } from './components/user-picker';
import { draw } from './draw';
import type { ForgeDoc } from './forge-doc';

function readBoot(): Boot {
  const tag = document.getElementById('forge-boot');
  if (!tag?.textContent) throw new Error('the page has no #forge-boot context');
  return JSON.parse(tag.textContent) as Boot;
}

function start(): void {
  const boot = readBoot();
  const host = document.getElementById('forge-root');
  if (!host) throw new Error('the page has no #forge-root');
  searchUsersAs(boot.person.email);
  const root = createRoot(host);
  let shown = false;
  installBridge(boot, {
    reconcile(doc: ForgeDoc) {
      // The reconciler mutates one tree in place, so every commit draws it again from the top.
      root.render(<>{doc.children.map(draw)}</>);
      if (!shown) {
        shown = true;
        host.dataset.state = 'ready';
      }
    },
    error(message) {
      host.dataset.state = 'error';
      const alert = document.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.className = 'forge-crash';
      alert.textContent = `The app stopped with an error: ${message}`;
      host.before(alert);
    },
  });
}

start();
