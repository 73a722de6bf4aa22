using System.Xml.Linq;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.LocalState;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Devices;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.OsInfo;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Guests;

// The feature folder WebVirt.Agent.GuestHardware would otherwise hide the contract's record.
using GuestHardware = WebVirt.Contracts.GuestHardware;

/// <summary>
/// The guest page's overview: libvirt's definitions of the guest and how it was made. Notes and the
/// state history are the console's (it keeps them from the agents' pushes), so they are left empty here.
/// A creation record that cannot be read leaves that part empty rather than hiding what libvirt knows.
/// </summary>
internal sealed partial class GuestPageService(
    LibvirtSession session,
    InventoryService inventory,
    LocalStateStore provisioning,
    OsInfoDatabase osInfo,
    ILogger<GuestPageService> logger)
{
    public async Task<GuestDetails?> GetDetailsAsync(string uuid, CancellationToken ct)
    {
        if (UuidRules.Normalize(uuid) is not { } key)
        {
            return null;
        }

        GuestDefinitions? definitions = await session.RunAsync(c => GuestDefinitionReader.Read(c, key), ct);
        GuestInfo? guest = definitions is null ? null : await GuestInfoAsync(key, ct);
        if (definitions is null || guest is null)
        {
            return null;
        }

        XDocument persistentDocument = XDocument.Parse(definitions.PersistentXml);
        DomainView persistent = DomainXmlReader.Read(persistentDocument);
        DomainView now = definitions.LiveXml is { } live ? DomainXmlReader.Read(live) : persistent;
        GuestHardware hardware = GuestHardwareMapper.From(now, definitions.DiskSizes);
        GuestHardware? nextBoot = null;
        if (definitions.Active)
        {
            GuestHardware pending = GuestHardwareMapper.From(persistent, definitions.DiskSizes);
            nextBoot = GuestHardwareMapper.Same(hardware, pending) ? null : pending;
        }

        var creation = await ReadSafelyAsync(() => CreationAsync(key, ct), null);
        WebVirtMetadata? metadata = WebVirtMetadata.Read(persistentDocument);
        creation ??= metadata is null ? null : CreationInfoMapper.From(metadata);

        return new GuestDetails(
            guest,
            null,
            creation?.OsVariant ?? metadata?.OsVariant ?? LibosinfoVariant(persistentDocument),
            now.Type,
            now.Firmware == "efi" ? "uefi" : "bios",
            now.MachineType,
            now.CpuMode,
            hardware,
            nextBoot,
            GuestNotes.Empty,
            creation,
            definitions.Addresses,
            now.Graphics,
            now.HasSerial);
    }

    public static ActionResult Missing(string? uuid) => ActionResult.Fail(ErrorCodes.GuestMissing, uuid ?? "");

    /// <summary>The inventory's row, or a fresh read for a guest defined since its last poll; null when libvirt has no such guest.</summary>
    public async Task<GuestInfo?> GuestInfoAsync(string key, CancellationToken ct) =>
        inventory.Guests.FirstOrDefault(g => g.Uuid == key) ?? await inventory.RefreshGuestAsync(key, ct);

    private async Task<GuestCreationInfo?> CreationAsync(string key, CancellationToken ct)
    {
        var records = await provisioning.CreationRecordsAsync(key, ct);
        return records.Count == 0 ? null : CreationInfoMapper.From(records[0]);
    }

    /// <summary>The short id of virt-install's osinfo record, or the full id when this host's osinfo-db does not know it.</summary>
    private string? LibosinfoVariant(XDocument domain)
    {
        if (LibosinfoMetadata.OsId(domain) is not { } id)
        {
            return null;
        }

        try
        {
            return osInfo.FindById(id)?.ShortId ?? id;
        }
        catch (DirectoryNotFoundException)
        {
            return id;
        }
    }

    private async Task<T?> ReadSafelyAsync<T>(Func<Task<T?>> read, T? fallback)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DatabaseReadFailed(logger, ex.Message);
            return fallback;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "Guest page: could not read from the database: {Error}")]
        public static partial void DatabaseReadFailed(ILogger logger, string error);
    }
}
