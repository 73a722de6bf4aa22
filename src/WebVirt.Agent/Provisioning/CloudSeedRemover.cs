using System.Collections.Concurrent;
using System.Xml.Linq;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Takes the NoCloud seed (<c>&lt;guest&gt;-cidata.iso</c>) away from guests made from cloud images
/// once their first boot is confirmed, with a rule that needs neither network nor agent in the guest:
/// <list type="number">
/// <item>As soon as such a guest is seen running, the seed CD-ROM leaves its persistent definition;
/// the running guest keeps it for this first run (its first boot and any reboot in the same QEMU
/// process), which is when cloud-init reads it.</item>
/// <item>When that run ends (shut down, powered off or crashed), the seed volume is deleted: the next
/// start has no seed, and cloud-init keeps what it set up under the same instance id.</item>
/// </list>
/// The state lives in libvirt (the definitions), so an agent restart loses nothing: a running guest's
/// live definition still names its seed, and a stopped one's seed volume is found by its name.
/// <see cref="RemoveNowAsync"/> does both steps at once on request (ejecting the medium of a running guest).
/// </summary>
internal sealed partial class CloudSeedRemover(LibvirtSession session, ILogger<CloudSeedRemover> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(3);

    // The seed paths of guests seen running with their seed, until the run ends.
    private readonly ConcurrentDictionary<string, string> _running = new(StringComparer.OrdinalIgnoreCase);

    // Stopped guests without a seed in their definition whose seed volume was looked for already.
    private readonly ConcurrentDictionary<string, bool> _settled = new(StringComparer.OrdinalIgnoreCase);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Detaches the guest's seed (ejecting it from a running guest) and deletes its volume now.</summary>
    public async Task<ActionResult> RemoveNowAsync(string uuid, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return ActionResult.Fail(ErrorCodes.GuestUuidInvalid, uuid);
        }

        await _gate.WaitAsync(ct);
        try
        {
            return await session.RunAsync(c =>
            {
                using LibvirtDomain domain = c.LookupDomainByUuid(uuid);
                XElement? config = CloudSeedXml.FindSeed(XDocument.Parse(domain.GetXmlDesc(inactive: true)), domain.Name);
                XElement? live = domain.IsActive() ? CloudSeedXml.FindSeed(XDocument.Parse(domain.GetXmlDesc()), domain.Name) : null;
                string? path = live is not null ? CloudSeedXml.PathOf(live) : config is not null ? CloudSeedXml.PathOf(config) : null;
                if (path is null)
                {
                    return ActionResult.Fail(ErrorCodes.CloudSeedNone, domain.Name);
                }

                if (live is not null)
                {
                    domain.UpdateDevice(CloudSeedXml.Ejected(live), DomainModificationImpact.Live, force: true);
                }

                if (config is not null)
                {
                    domain.DetachDevice(config.ToString(), DomainModificationImpact.Config);
                }

                _running.TryRemove(uuid, out _);
                DeleteVolume(c, path);
                Log.Removed(logger, domain.Name, path);
                return ActionResult.Success;
            }, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await _gate.WaitAsync(stoppingToken);
            try
            {
                await session.RunAsync(Sweep, stoppingToken);
            }
            catch (LibvirtException ex)
            {
                Log.SweepFailed(logger, ex.Message);
            }
            catch (LibvirtUnavailableException)
            {
                // Tried again on the next tick, once libvirt is back.
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private void Sweep(LibvirtConnection connection)
    {
        foreach (LibvirtDomain domain in connection.ListAllDomains())
        {
            using (domain)
            {
                try
                {
                    SweepOne(connection, domain);
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                    // Deleted since the list was read.
                    _running.TryRemove(domain.Uuid, out _);
                }
            }
        }
    }

    private void SweepOne(LibvirtConnection connection, LibvirtDomain domain)
    {
        var config = XDocument.Parse(domain.GetXmlDesc(inactive: true));
        if (!CloudSeedXml.IsCloudGuest(config))
        {
            return;
        }

        XElement? configSeed = CloudSeedXml.FindSeed(config, domain.Name);
        if (domain.IsActive())
        {
            _settled.TryRemove(domain.Uuid, out _);
            if (CloudSeedXml.FindSeed(XDocument.Parse(domain.GetXmlDesc()), domain.Name) is XElement liveSeed)
            {
                _running[domain.Uuid] = CloudSeedXml.PathOf(liveSeed);
            }

            if (configSeed is not null)
            {
                domain.DetachDevice(configSeed.ToString(), DomainModificationImpact.Config);
                Log.FirstBoot(logger, domain.Name);
            }

            return;
        }

        if (configSeed is not null || _settled.ContainsKey(domain.Uuid))
        {
            // Not started yet with its seed, or done with.
            return;
        }

        string? path = _running.TryRemove(domain.Uuid, out string? seen) ? seen : FindSeedVolume(connection, domain.Name);
        if (path is not null && !UsedByAnyGuest(connection, path))
        {
            DeleteVolume(connection, path);
            Log.Removed(logger, domain.Name, path);
        }

        _settled[domain.Uuid] = true;
    }

    private static string? FindSeedVolume(LibvirtConnection connection, string guestName)
    {
        string name = NoCloudSeed.VolumeName(guestName);
        return HostLimitsReader.ReadPools(connection).SelectMany(p => p.Volumes).FirstOrDefault(v => Path.GetFileName(v.Path) == name)?.Path;
    }

    // A guest removed while they are read uses nothing any more.
    private static bool UsedByAnyGuest(LibvirtConnection connection, string path) =>
        VanishingObjects.ReadEach(
            connection.ListAllDomains(),
            other => other.GetXmlDesc(inactive: true).Contains(path, StringComparison.Ordinal)
                || (other.IsActive() && other.GetXmlDesc().Contains(path, StringComparison.Ordinal)),
            _ => { }).Contains(true);

    private static void DeleteVolume(LibvirtConnection connection, string path)
    {
        try
        {
            using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(path);
            volume.Delete();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
        {
            // Gone already.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6241, Level = LogLevel.Information, Message = "Guest {Name} runs its first boot: its cloud-init seed left the persistent definition")]
        public static partial void FirstBoot(ILogger logger, string name);

        [LoggerMessage(EventId = 6242, Level = LogLevel.Information, Message = "Removed the cloud-init seed {Path} of guest {Name}")]
        public static partial void Removed(ILogger logger, string name, string path);

        [LoggerMessage(EventId = 6243, Level = LogLevel.Warning, Message = "Looking for cloud-init seeds to remove failed: {Error}")]
        public static partial void SweepFailed(ILogger logger, string error);
    }
}
