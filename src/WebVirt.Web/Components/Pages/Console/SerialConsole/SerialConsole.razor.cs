using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WebVirt.Contracts;
using WebVirt.Web.Console;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The guest's serial console (xterm.js), connected the first time its tab is shown, with a fresh
/// ticket on every (re)connect. The agent's close code tells a guest without a serial device apart.
/// </summary>
public partial class SerialConsole
{
    private ElementReference _terminal;
    private IJSObjectReference? _module;
    private IJSObjectReference? _session;
    private DotNetObjectReference<SerialConsole>? _self;
    private ConsoleViewState _state = ConsoleViewState.Connecting;
    private bool _started;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public string Uuid { get; set; } = "";

    /// <summary>Whether the tab is showing; the console is opened only then, as opening takes it from other sessions.</summary>
    [Parameter]
    public bool Active { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ConsoleService Consoles { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (Active && !_started)
        {
            _started = true;
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Console/SerialConsole/SerialConsole.razor.js");
            _self = DotNetObjectReference.Create(this);
            await ConnectAsync();
        }
    }

    [JSInvokable]
    public Task OnSerialOpened() => InvokeAsync(() =>
    {
        _state = ConsoleViewState.Connected;
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnSerialClosed(int code) => InvokeAsync(() =>
    {
        _state = code switch
        {
            ConsoleRelay.CloseNoSerial => ConsoleViewState.NoSerial,
            ConsoleRelay.CloseGuestNotRunning => ConsoleViewState.GuestStopped,
            ConsoleRelay.CloseNoSuchGuest => ConsoleViewState.UnknownGuest,
            ConsoleRelay.CloseAgentUnavailable => ConsoleViewState.AgentUnavailable,
            _ => ConsoleViewState.Disconnected,
        };
        StateHasChanged();
    });

    private async Task ConnectAsync()
    {
        if (_module is null || _self is null)
        {
            return;
        }

        await DisconnectAsync();
        _state = ConsoleViewState.Connecting;
        StateHasChanged();
        var prepared = await Consoles.PrepareSerialAsync(HostId, Uuid);
        if (prepared.Readiness != ConsoleReadiness.Ready)
        {
            _state = prepared.Readiness == ConsoleReadiness.Forbidden ? ConsoleViewState.Forbidden : ConsoleViewState.UnknownGuest;
            return;
        }

        _session = await _module.InvokeAsync<IJSObjectReference>("connect", _terminal, prepared.Path, _self);
    }

    private async Task DisconnectAsync()
    {
        if (_module is not null && _session is not null)
        {
            var session = _session;
            _session = null;
            await _module.InvokeVoidAsync("disconnect", session);
            await session.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync();
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the browser tab; the tab's WebSocket went with it.
        }

        _self?.Dispose();
    }
}
