// The guest's serial console in xterm.js over the ticketed WebSocket. xterm.js ships as UMD
// scripts, so they are loaded once as classic scripts and used from window.
const libs = { xterm: '/lib/xterm/xterm.js', fit: '/lib/xterm/addon-fit.js', css: '/lib/xterm/xterm.css' };
let loading;

function loadScript(src) {
    return new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = resolve;
        script.onerror = () => reject(new Error('cannot load ' + src));
        document.head.appendChild(script);
    });
}

function loadLibraries() {
    loading ??= (async () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = libs.css;
        document.head.appendChild(link);
        await loadScript(libs.xterm);
        await loadScript(libs.fit);
    })();
    return loading;
}

export async function connect(element, path, dotnet) {
    await loadLibraries();
    element.replaceChildren();
    const term = new window.Terminal({ convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 5000 });
    const fit = new window.FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(element);
    fit.fit();

    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path);
    socket.binaryType = 'arraybuffer';
    const session = { term, socket, closing: false, observer: null };
    const encoder = new TextEncoder();
    socket.onopen = () => { term.focus(); dotnet.invokeMethodAsync('OnSerialOpened'); };
    socket.onmessage = e => term.write(new Uint8Array(e.data));
    socket.onclose = e => { if (!session.closing) dotnet.invokeMethodAsync('OnSerialClosed', e.code); };
    term.onData(data => { if (socket.readyState === WebSocket.OPEN) socket.send(encoder.encode(data)); });
    // The terminal follows its box; a serial line has no window size to tell the guest.
    session.observer = new ResizeObserver(() => fit.fit());
    session.observer.observe(element);
    return session;
}

export function disconnect(session) {
    session.closing = true;
    session.observer?.disconnect();
    session.socket.close();
    session.term.dispose();
}
