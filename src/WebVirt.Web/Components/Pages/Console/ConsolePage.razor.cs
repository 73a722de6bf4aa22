using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Console;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;
using WebVirt.Web.Resources;
using Microsoft.Extensions.Localization;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// A guest's screen through noVNC. Each connection gets a fresh ticket; when the relay ends the
/// page tells a stopped guest from a dropped connection by the live inventory.
/// </summary>
public partial class ConsolePage
{
    private static readonly string[] Scales = ["fit", "native", "remote"];

    private ElementReference _screen;
    private IJSObjectReference? _module;
    private IJSObjectReference? _session;
    private DotNetObjectReference<ConsolePage>? _self;
    private ConsoleViewState _state = ConsoleViewState.Connecting;
    private string _scale = "fit";
    private string? _pasteText;
    private int _tab;
    private IDisposable? _inventory;
    private IJSObjectReference? _visibilityWatch;
    private readonly CancellationTokenSource _thumbnailStop = new();
    private volatile bool _visible;
    private string? _thumbnail;
    private int _thumbnailVersion;

    // The user's role (in their language) when it may not open consoles; the page then only says so.
    private string? _forbiddenRole;

    [Parameter]
    public string HostId { get; set; } = "";

    [Parameter]
    public string Uuid { get; set; } = "";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ConsoleService Consoles { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private RightsEvaluator Rights { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    private bool Connected => _state == ConsoleViewState.Connected;

    private string GuestName => Agents.FindGuest(HostId, Uuid)?.Name ?? Uuid;

    private string StateSlug => _state switch
    {
        ConsoleViewState.Connecting => "connecting",
        ConsoleViewState.Connected => "connected",
        ConsoleViewState.GuestStopped => "guest-stopped",
        ConsoleViewState.Disconnected => "disconnected",
        ConsoleViewState.NoVnc => "no-vnc",
        ConsoleViewState.Forbidden => "forbidden",
        ConsoleViewState.UnknownGuest => "unknown-guest",
        _ => "agent-unavailable",
    };

    private Color StateColor => _state switch
    {
        ConsoleViewState.Connected => Color.Success,
        ConsoleViewState.Connecting => Color.Info,
        ConsoleViewState.Disconnected or ConsoleViewState.AgentUnavailable => Color.Error,
        _ => Color.Warning,
    };

    [Inject]
    private IStringLocalizer<SharedResource> Shared { get; set; } = default!;

    private string GuestHref => $"/guests/{Uri.EscapeDataString(HostId)}/{Uri.EscapeDataString(Uuid)}";

    protected override async Task OnInitializedAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        // The console of this guest, by the user's rights on it: an Operator of this one guest gets it whatever their global role.
        if (!(await Rights.ForAsync(user)).MayOnGuest(Permission.OpenConsole, HostId, Uuid))
        {
            var role = Roles.All.FirstOrDefault(user.IsInRole);
            _forbiddenRole = role is null ? Shared["Access.NoRole"] : Shared["Role." + role];
            return;
        }

        Subscribe();
    }

    // The relay often ends a moment before the agent reports the guest stopped, so a disconnect
    // turns into "guest stopped" whenever the inventory says so, then or later.
    private void Subscribe() => _inventory = Agents.Subscribe(() => _ = InvokeAsync(() =>
    {
        if (_state == ConsoleViewState.Disconnected && !GuestRunning())
        {
            _state = ConsoleViewState.GuestStopped;
            StateHasChanged();
        }
    }));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _forbiddenRole is null)
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Console/ConsolePage.razor.js");
            _self = DotNetObjectReference.Create(this);
            _visibilityWatch = await _module.InvokeAsync<IJSObjectReference>("watchVisibility", _self);
            _ = RefreshThumbnailsAsync(_thumbnailStop.Token);
            await ConnectAsync();
        }
    }

    [JSInvokable]
    public Task OnVisibilityChanged(bool visible)
    {
        var becameVisible = visible && !_visible;
        _visible = visible;
        // Someone came back to the tab: show the screen as it is now, not up to 5 s old.
        return becameVisible ? InvokeAsync(() => RefreshThumbnailOnce(_thumbnailStop.Token)) : Task.CompletedTask;
    }

    // Every 5 s while the tab is visible, until the page is disposed.
    private async Task RefreshThumbnailsAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (_visible)
                {
                    await InvokeAsync(() => RefreshThumbnailOnce(stop));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page was disposed.
        }
    }

    private void RefreshThumbnailOnce(CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        // A stopped guest has no screen any more; a running one gets a new version of the image's
        // URL, so the browser fetches the screen as it is now.
        _thumbnail = GuestRunning() ? ScreenshotEndpoints.PathFor(HostId, Uuid, ++_thumbnailVersion) : null;
        StateHasChanged();
    }

    [JSInvokable]
    public Task OnConnected() => InvokeAsync(() =>
    {
        _state = ConsoleViewState.Connected;
        StateHasChanged();
    });

    [JSInvokable]
    public Task OnDisconnected(bool clean) => InvokeAsync(() =>
    {
        _state = GuestRunning() ? ConsoleViewState.Disconnected : ConsoleViewState.GuestStopped;
        StateHasChanged();
    });

    private bool GuestRunning()
    {
        var guest = Agents.FindGuest(HostId, Uuid);
        return guest is null || guest.State is GuestState.Running or GuestState.Paused or GuestState.Blocked;
    }

    private async Task ConnectAsync()
    {
        if (_module is null || _self is null)
        {
            return;
        }

        await DisconnectAsync();
        _state = ConsoleViewState.Connecting;
        StateHasChanged();
        var prepared = await Consoles.PrepareVncAsync(HostId, Uuid, CancellationToken.None);
        _state = prepared.Readiness switch
        {
            ConsoleReadiness.Ready => ConsoleViewState.Connecting,
            ConsoleReadiness.Forbidden => ConsoleViewState.Forbidden,
            ConsoleReadiness.UnknownGuest => ConsoleViewState.UnknownGuest,
            ConsoleReadiness.GuestStopped => ConsoleViewState.GuestStopped,
            ConsoleReadiness.NoVnc => ConsoleViewState.NoVnc,
            _ => ConsoleViewState.AgentUnavailable,
        };
        if (prepared.Readiness == ConsoleReadiness.Ready)
        {
            _session = await _module.InvokeAsync<IJSObjectReference>("connect", _screen, prepared.Path, prepared.Password, _scale, _self);
        }
    }

    private async Task SetScaleAsync(string scale)
    {
        _scale = scale;
        if (_module is not null && _session is not null)
        {
            await _module.InvokeVoidAsync("setScale", _session, scale);
        }
    }

    private async Task CtrlAltDelAsync()
    {
        if (_module is not null && _session is not null)
        {
            await _module.InvokeVoidAsync("ctrlAltDel", _session);
        }
    }

    private async Task CtrlAltFAsync(int n)
    {
        if (_module is not null && _session is not null)
        {
            await _module.InvokeVoidAsync("ctrlAltF", _session, n);
        }
    }

    private async Task TypeTextAsync()
    {
        if (_module is not null && _session is not null && !string.IsNullOrEmpty(_pasteText))
        {
            await _module.InvokeVoidAsync("typeText", _session, _pasteText);
        }
    }

    private async Task FullScreenAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("fullScreen", _screen);
        }
    }

    private static string ScaleLabel(string scale) => scale switch
    {
        "fit" => "Fit",
        "native" => "Native",
        _ => "Remote",
    };

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
        _inventory?.Dispose();
        await _thumbnailStop.CancelAsync();
        try
        {
            if (_module is not null && _visibilityWatch is not null)
            {
                await _module.InvokeVoidAsync("unwatchVisibility", _visibilityWatch);
                await _visibilityWatch.DisposeAsync();
            }

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
        _thumbnailStop.Dispose();
    }
}
