// The guest's screen through noVNC. Blazor keeps the state and the buttons; this module owns the
// RFB object, which lives in the browser.
import RFB from '/lib/novnc/core/rfb.js';
import KeyTable from '/lib/novnc/core/input/keysym.js';
import keysyms from '/lib/novnc/core/input/keysymdef.js';

// Shifted characters of the US layout QEMU's keymap assumes; typed with Shift held so the guest sees them.
const shifted = '~!@#$%^&*()_+{}|:"<>?';

export function connect(screen, path, password, scale, dotnet) {
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
    const rfb = new RFB(screen, url, password ? { credentials: { password } } : {});
    const session = { rfb, closing: false };
    rfb.focusOnClick = true;
    applyScale(rfb, scale);
    rfb.addEventListener('connect', () => { rfb.focus(); dotnet.invokeMethodAsync('OnConnected'); });
    // A disconnect the page asked for (reconnect, leaving) is not news for the page.
    rfb.addEventListener('disconnect', e => { if (!session.closing) dotnet.invokeMethodAsync('OnDisconnected', !!e.detail.clean); });
    rfb.addEventListener('credentialsrequired', () => rfb.sendCredentials({ password: password ?? '' }));
    return session;
}

export function disconnect(session) {
    session.closing = true;
    session.rfb.disconnect();
}

export function setScale(session, scale) {
    applyScale(session.rfb, scale);
}

export function ctrlAltDel(session) {
    session.rfb.sendCtrlAltDel();
    session.rfb.focus();
}

export function ctrlAltF(session, n) {
    const rfb = session.rfb;
    const f = KeyTable.XK_F1 + n - 1;
    rfb.sendKey(KeyTable.XK_Control_L, 'ControlLeft', true);
    rfb.sendKey(KeyTable.XK_Alt_L, 'AltLeft', true);
    rfb.sendKey(f, 'F' + n, true);
    rfb.sendKey(f, 'F' + n, false);
    rfb.sendKey(KeyTable.XK_Alt_L, 'AltLeft', false);
    rfb.sendKey(KeyTable.XK_Control_L, 'ControlLeft', false);
    rfb.focus();
}

export function typeText(session, text) {
    const rfb = session.rfb;
    for (const ch of text.replace(/\r\n/g, '\n')) {
        if (ch === '\n') {
            rfb.sendKey(KeyTable.XK_Return, 'Enter');
            continue;
        }
        const keysym = keysyms.lookup(ch.codePointAt(0));
        const shift = (ch >= 'A' && ch <= 'Z') || shifted.includes(ch);
        if (shift) rfb.sendKey(KeyTable.XK_Shift_L, 'ShiftLeft', true);
        rfb.sendKey(keysym, null);
        if (shift) rfb.sendKey(KeyTable.XK_Shift_L, 'ShiftLeft', false);
    }
    rfb.focus();
}

export function fullScreen(element) {
    element.requestFullscreen?.();
}

function applyScale(rfb, scale) {
    rfb.scaleViewport = scale === 'fit';
    rfb.resizeSession = scale === 'remote';
    rfb.clipViewport = false;
}

// Reports whether the tab is visible, now and on every change, so the page refreshes its
// thumbnail only while someone can see it.
export function watchVisibility(dotnet) {
    const listener = () => dotnet.invokeMethodAsync('OnVisibilityChanged', document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', listener);
    listener();
    return { listener };
}

export function unwatchVisibility(watch) {
    document.removeEventListener('visibilitychange', watch.listener);
}
