using System.Globalization;
using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// What the QEMU guest agent inside the guest says about it (OS, host name, time zone, users, file
/// systems), read when the card opens, when the guest's state changes and on request; or why there
/// is no agent to ask, with how to install one.
/// </summary>
public partial class GuestAgentCard
{
    private GuestAgentReport? _report;
    private string? _error;
    private bool _loading;
    private GuestInfo? _loadedFor;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    [Inject]
    private IGuestPageGateway PageGateway { get; set; } = default!;

    protected override Task OnParametersSetAsync()
    {
        // A started or stopped guest gains or loses its agent; other row updates (CPU figures) do not matter.
        if (_loadedFor is not null && _loadedFor.Uuid == Guest.Uuid && _loadedFor.State == Guest.State)
        {
            return Task.CompletedTask;
        }

        _loadedFor = Guest;
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _error = null;
        try
        {
            _report = await PageGateway.GetGuestAgentInfoAsync(HostId, Guest.Uuid);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _report = null;
            _error = ex.Message;
        }
        finally
        {
            _loading = false;
        }
    }

    private static string OsText(GuestAgentOs os)
    {
        if (os.PrettyName is { Length: > 0 } pretty)
        {
            return pretty;
        }

        var named = string.Join(" ", new[] { os.Name, os.Version }.Where(part => part is { Length: > 0 }));
        return named.Length > 0 ? named : os.Id ?? "";
    }

    private static string KernelText(GuestAgentOs os) =>
        string.Join(" · ", new[] { os.KernelRelease, os.Machine }.Where(part => part is { Length: > 0 }));

    private string TimeZoneText(GuestAgentData data)
    {
        if (data.TimeZoneOffsetSeconds is not { } seconds)
        {
            return data.TimeZone ?? "";
        }

        var offset = TimeSpan.FromSeconds(seconds);
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var hours = offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return G["Agent.TimeZoneValue", data.TimeZone ?? "", sign + hours];
    }

    private string UserText(GuestAgentUser user)
    {
        var name = user.Domain is { Length: > 0 } domain ? domain + "\\" + user.Name : user.Name;
        return user.LoginTime is { } since ? G["Agent.UserSince", name, Moments.Local(since)] : name;
    }

    private static string UsageText(GuestAgentFileSystem fs) => (fs.UsedBytes, fs.TotalBytes) switch
    {
        ({ } used, { } total) when total > 0 => string.Create(CultureInfo.CurrentCulture,
            $"{Sizes.FromBytes(used, CultureInfo.CurrentCulture)} / {Sizes.FromBytes(total, CultureInfo.CurrentCulture)} ({100.0 * used / total:0}%)"),
        (_, { } total) => Sizes.FromBytes(total, CultureInfo.CurrentCulture),
        _ => "—",
    };

    private string ReasonText(GuestAgentAbsence why) => G["Agent.Reason." + why];

    private static bool NeedsInstalling(GuestAgentAbsence why) => why is GuestAgentAbsence.NotConnected or GuestAgentAbsence.NoChannel;
}
