// Uploads the file chosen in an <input type=file> with XMLHttpRequest, whose upload progress
// events fetch() does not offer. The browser streams the file from disk; nothing is read into
// memory here. Progress goes to .NET at most every 250 ms so a fast link does not flood the circuit.
let current = null;

export function describe(input) {
    const file = input && input.files && input.files[0];
    return file ? { name: file.name, size: file.size } : null;
}

export function start(input, url, ticket, dotnet) {
    const file = input.files[0];
    const xhr = new XMLHttpRequest();
    current = xhr;
    let last = 0;
    xhr.open("POST", url);
    xhr.setRequestHeader("X-Upload-Ticket", ticket);
    xhr.upload.onprogress = e => {
        const now = performance.now();
        if (now - last >= 250 || e.loaded === e.total) {
            last = now;
            dotnet.invokeMethodAsync("Progress", e.loaded, e.total);
        }
    };
    xhr.onload = () => { current = null; dotnet.invokeMethodAsync("Finished", xhr.status, xhr.responseText || ""); };
    xhr.onerror = () => { current = null; dotnet.invokeMethodAsync("Finished", 0, "network error"); };
    xhr.onabort = () => { current = null; dotnet.invokeMethodAsync("Finished", -1, "cancelled"); };
    xhr.send(file);
}

export function cancel() {
    if (current) {
        current.abort();
    }
}
