using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Storage;

/// <summary>Where the sum a download is checked against comes from.</summary>
public enum ChecksumSource
{
    None,
    Pasted,
    SumsFile,
}

/// <summary>
/// "Download image" into a pool: the agent fetches the URL itself as a task; this dialog checks the
/// URL and the sum as they are typed, starts the task and follows its progress from the agent's
/// pushes. Closing it leaves the download running (the tasks panel shows it); cancel stops it and
/// the agent deletes the partial volume.
/// </summary>
public sealed partial class ImageDownloadDialog : IDisposable
{
    private string _url = "";
    private string _name = "";
    private bool _nameTyped;
    private ChecksumSource _source;
    private string _checksum = "";
    private string _checksumUrl = "";
    private string? _taskId;
    private bool _starting;
    private bool _cancelling;
    private bool _touched;
    private string? _message;
    private bool _ok;

    /// <summary>The task ended on a cancel: the message says so without calling it a failure.</summary>
    private bool _cancelled;
    private IDisposable? _subscription;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public string Pool { get; set; } = "";

    [Inject]
    private IStorageGateway Storage { get; set; } = default!;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    private AgentTaskInfo? Task => _taskId is null ? null : Agents.Tasks.FirstOrDefault(t => t.TaskId == _taskId);

    private bool Running => Task is { State: AgentTaskState.Running };

    /// <summary>The form is locked once the agent took the download (running or finished).</summary>
    private bool Started => _taskId is not null;

    /// <summary>What is wrong with the URL and the sum as typed, worded; the agent checks them again, with the pool.</summary>
    private List<string> Problems
    {
        get
        {
            var problems = new List<string>();
            if (DownloadInput.WebUrl(_url) is null)
            {
                problems.Add(S["Download.UrlInvalid"]);
            }

            if (_source == ChecksumSource.Pasted && !DownloadInput.IsSum(_checksum))
            {
                problems.Add(S["Download.ChecksumInvalid"]);
            }
            else if (_source == ChecksumSource.SumsFile && DownloadInput.WebUrl(_checksumUrl) is null)
            {
                problems.Add(S["Download.ChecksumUrlInvalid"]);
            }

            return problems;
        }
    }

    /// <summary>Opens the dialog; <see cref="DownloadedAsync"/> waits for it to close.</summary>
    public static Task<IDialogReference> ShowAsync(IDialogService dialogs, string title, string hostId, string pool)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<ImageDownloadDialog> { { d => d.HostId, hostId }, { d => d.Pool, pool } };
        var options = new DialogOptions { CloseOnEscapeKey = false, BackdropClick = false, MaxWidth = MaxWidth.Small, FullWidth = true };
        return dialogs.ShowAsync<ImageDownloadDialog>(title, parameters, options);
    }

    /// <summary>True when a download finished into the pool while the dialog was open.</summary>
    public static async Task<bool> DownloadedAsync(IDialogReference dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return await dialog.Result is { Canceled: false, Data: true };
    }

    public void Dispose() => _subscription?.Dispose();

    protected override void OnInitialized() =>
        _subscription = Agents.Subscribe(() => _ = InvokeAsync(FollowTask));

    private void UrlChanged(string url)
    {
        _url = url ?? "";
        if (!_nameTyped)
        {
            // The URL's file name, as the agent derives it; sent as "no name" so the agent may fit the extension to the content.
            _name = DownloadInput.NameFrom(_url);
        }
    }

    private void NameChanged(string name)
    {
        _name = name ?? "";
        _nameTyped = _name.Length > 0;
    }

    private async Task StartAsync()
    {
        _touched = true;
        _message = null;
        if (Problems.Count > 0)
        {
            return;
        }

        _starting = true;
        try
        {
            var request = new StorageVolumeDownloadRequest(
                Pool,
                _url.Trim(),
                _nameTyped ? _name.Trim() : null,
                "",
                _source == ChecksumSource.Pasted ? _checksum.Trim() : null,
                _source == ChecksumSource.SumsFile ? _checksumUrl.Trim() : null);
            var result = await Storage.DownloadVolumeAsync(HostId, request);
            if (result.Ok)
            {
                _taskId = result.TaskId;
            }
            else
            {
                _ok = false;
                _message = S["Download.Failed", AgentTexts.Describe(result)];
            }
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task CancelDownloadAsync()
    {
        _cancelling = true;
        try
        {
            var result = await Storage.CancelDownloadAsync(HostId, _taskId!);
            if (!result.Ok)
            {
                _ok = false;
                _message = AgentTexts.Describe(result);
            }
        }
        finally
        {
            _cancelling = false;
        }
    }

    private void FollowTask()
    {
        if (Task is { State: not AgentTaskState.Running } finished && _message is null)
        {
            _ok = finished.State == AgentTaskState.Succeeded;
            _cancelled = finished.State == AgentTaskState.Cancelled;
            // The task's error says "download failed" itself; this message says it once, with the cause.
            _message = _ok ? S["Download.Done", finished.Target] : _cancelled && finished.Error is { } outcome ? AgentTexts.Format(outcome) : S["Download.Failed", finished.Error switch
            {
                { Cause: { } cause } => AgentTexts.Format(cause),
                { } error => AgentTexts.Format(error),
                null => "",
            }];
        }

        StateHasChanged();
    }

    private Severity ResultSeverity => _ok ? Severity.Success : _cancelled ? Severity.Info : Severity.Error;

    private void Close() => Dialog.Close(DialogResult.Ok(Task is { State: AgentTaskState.Succeeded }));

    private static bool SizeKnown(AgentTaskInfo task) => task.Percent > 0 || task.Log.Any(l => l.Text.Code == ErrorCodes.TaskDownloading);

    private static string Bytes(long bytes) => Sizes.FromKiB(bytes / 1024, CultureInfo.CurrentCulture);
}
