using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Guests;

/// <summary>
/// Reads what the QEMU guest agent in a guest says (OS, host name, time zone, users, file systems)
/// through libvirt's own agent connection, or says why there is nothing: no channel in the
/// definition, the guest not running, no agent on the channel, or no answer in time.
/// </summary>
internal sealed partial class GuestAgentService(LibvirtSession session, TimeProvider clock, ILogger<GuestAgentService> logger)
{
    /// <summary>
    /// libvirt gives up on the agent's guest-sync after 5 s but waits for the commands after it
    /// without a limit; the page is not kept waiting that long (the call finishes in the background).
    /// </summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(8);

    private const GuestInfoTypes Asked = GuestInfoTypes.OperatingSystem | GuestInfoTypes.Hostname | GuestInfoTypes.Timezone
        | GuestInfoTypes.Users | GuestInfoTypes.FileSystems;

    public async Task<GuestAgentReport?> GetAsync(string uuid, CancellationToken ct)
    {
        if (UuidRules.Normalize(uuid) is not { } key)
        {
            return null;
        }

        try
        {
            return await session.RunAsync(c => Read(c, key), ct).WaitAsync(AnswerTimeout, clock, ct);
        }
        catch (TimeoutException)
        {
            Log.AgentSlow(logger, key, AnswerTimeout.TotalSeconds);
            return GuestAgentReport.Missing(GuestAgentAbsence.NotResponding);
        }
    }

    /// <summary>Whether libvirt sees an agent on the running guest's channel now; false for a guest that is not running.</summary>
    public static bool IsConnected(LibvirtDomain domain) =>
        domain.IsActive() && GuestAgentChannel.Read(domain.GetXmlDesc()) == GuestAgentChannelState.Connected;

    private GuestAgentReport? Read(LibvirtConnection connection, string key)
    {
        try
        {
            using LibvirtDomain domain = connection.LookupDomainByUuid(key);
            if (domain.GetState().State != DomainState.Running)
            {
                return GuestAgentChannel.Read(domain.GetXmlDesc(inactive: true)) == GuestAgentChannelState.Absent
                    ? GuestAgentReport.Missing(GuestAgentAbsence.NoChannel)
                    : GuestAgentReport.Missing(GuestAgentAbsence.GuestNotRunning);
            }

            switch (GuestAgentChannel.Read(domain.GetXmlDesc()))
            {
                case GuestAgentChannelState.Absent: return GuestAgentReport.Missing(GuestAgentAbsence.NoChannel);
                case GuestAgentChannelState.Disconnected: return GuestAgentReport.Missing(GuestAgentAbsence.NotConnected);
            }

            try
            {
                return new GuestAgentReport(Map(domain.GetGuestInfo(Asked), clock.GetUtcNow()), null);
            }
            catch (LibvirtException ex) when (ex.Code != LibvirtErrorCodes.NoDomain)
            {
                // Connected yet silent or failing: a hung agent, one shutting down, or a command it refuses.
                Log.AgentFailed(logger, key, ex.Code, ex.Message);
                return GuestAgentReport.Missing(GuestAgentAbsence.NotResponding, ex.Message);
            }
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return null;
        }
    }

    private static GuestAgentData Map(DomainGuestInfo info, DateTimeOffset at) => new(
        info.OperatingSystem is { } os ? new GuestAgentOs(os.Id, os.Name, os.PrettyName, os.Version, os.KernelRelease, os.Machine) : null,
        info.Hostname,
        info.Timezone?.Name,
        info.Timezone?.OffsetSeconds,
        [.. info.Users.Select(u => new GuestAgentUser(u.Name, u.Domain, u.LoginTime))],
        [.. info.FileSystems.Select(f => new GuestAgentFileSystem(
            f.MountPoint, f.Name, f.Type, Bytes(f.TotalBytes), Bytes(f.UsedBytes),
            [.. f.Disks.Select(d => d.Alias ?? d.Device ?? d.Serial).OfType<string>()]))],
        at);

    private static long? Bytes(ulong? value) => value is { } v ? (long)Math.Min(v, long.MaxValue) : null;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Guest agent of {Uuid} failed to answer: {Code} {Message}")]
        public static partial void AgentFailed(ILogger logger, string uuid, int code, string message);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Guest agent of {Uuid} gave no answer within {Seconds} s")]
        public static partial void AgentSlow(ILogger logger, string uuid, double seconds);
    }
}
