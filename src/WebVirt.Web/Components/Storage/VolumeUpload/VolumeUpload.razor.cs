using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;
using WebVirt.Web.Storage;

namespace WebVirt.Web.Components.Storage;

/// <summary>
/// Uploads a file from the browser into a pool with a progress bar, speed and cancel. The file
/// goes from the browser straight to the upload endpoint (not through the circuit); this
/// component only issues the one-time ticket and shows the progress the script reports.
/// </summary>
public sealed partial class VolumeUpload : IAsyncDisposable
{
    private readonly string _inputId = "upload-file-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
    private ElementReference _input;
    private string? _fileName;
    private IJSObjectReference? _module;
    private DotNetObjectReference<VolumeUpload>? _self;
    private bool _uploading;
    private long _sent;
    private long _total;
    private double _bytesPerSecond;
    private DateTimeOffset _started;
    private string? _message;
    private bool _ok;

    [Parameter]
    [EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public string Pool { get; set; } = "";

    /// <summary>The user's rights, as the page read them: a ticket is issued only to who may manage storage on <see cref="Pool"/>.</summary>
    [Parameter]
    public UserRights Rights { get; set; } = UserRights.None;

    /// <summary>Raised after an upload finished, so the page lists the new volume.</summary>
    [Parameter]
    public EventCallback Uploaded { get; set; }

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private UploadTickets Tickets { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The browser reports the chosen file as C:\fakepath\name; only the name is shown.</summary>
    private void FileChosen(ChangeEventArgs e)
    {
        var path = e.Value as string;
        _fileName = string.IsNullOrEmpty(path) ? null : path[(path.LastIndexOfAny(['\\', '/']) + 1)..];
    }

    private double Percent => _total > 0 ? 100.0 * _sent / _total : 0;

    [JSInvokable]
    public Task Progress(long loaded, long total)
    {
        _sent = loaded;
        _total = total;
        var seconds = (Time.GetUtcNow() - _started).TotalSeconds;
        _bytesPerSecond = seconds > 0 ? loaded / seconds : 0;
        return InvokeAsync(StateHasChanged);
    }

    [JSInvokable]
    public async Task Finished(int status, string body)
    {
        _uploading = false;
        var result = Parse(body);
        _ok = status == 200 && result is { Ok: true };
        _message = status switch
        {
            -1 => S["Upload.Cancelled"],
            _ when _ok => S["Upload.Done"],
            _ => S["Upload.Failed", FailureReason(status, result)],
        };
        if (_ok)
        {
            await Uploaded.InvokeAsync();
        }

        await InvokeAsync(StateHasChanged);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone with the page; nothing to release in the browser.
            }
        }

        _self?.Dispose();
    }

    private async Task StartAsync()
    {
        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/volume-upload.js");
        var file = await _module.InvokeAsync<FileDescription?>("describe", _input);
        if (file is null)
        {
            _ok = false;
            _message = S["Upload.NoFile"];
            return;
        }

        var user = (await AuthenticationState).User;
        // The upload endpoint asks the same (manage storage on this pool) when the ticket is redeemed.
        if (!Rights.MayOnPool(Permission.ManageStorage, HostId, Pool))
        {
            _ok = false;
            _message = S["Upload.Forbidden"];
            return;
        }

        var ticket = Tickets.Issue(user.Identity?.Name ?? "", HostId, Pool, file.Name, file.Size);
        _self ??= DotNetObjectReference.Create(this);
        _message = null;
        _sent = 0;
        _total = file.Size;
        _bytesPerSecond = 0;
        _started = Time.GetUtcNow();
        _uploading = true;
        await _module.InvokeVoidAsync("start", _input, UploadEndpoints.PathFor(HostId, Pool, file.Name), ticket, _self);
    }

    private async Task CancelAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("cancel");
        }
    }

    /// <summary>Why an upload failed: what the agent said, else what the HTTP status means (a refusal before the agent has no body).</summary>
    private string FailureReason(int status, ActionResult? result) =>
        result is not null && AgentTexts.Describe(result) is { Length: > 0 } said
            ? said
            : status switch
            {
                0 => S["Upload.Reason.Network"],
                StatusCodes.Status403Forbidden => S["Upload.Reason.Forbidden"],
                StatusCodes.Status404NotFound => S["Upload.Reason.UnknownHost"],
                StatusCodes.Status413PayloadTooLarge => S["Upload.Reason.TooLarge"],
                _ => S["Upload.Reason.Status", status],
            };

    private static ActionResult? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ActionResult>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Bytes(long bytes) => Sizes.FromKiB(bytes / 1024, CultureInfo.CurrentCulture);

    private sealed record FileDescription(string Name, long Size);
}
