using System.Xml.Linq;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Inventory;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Devices;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.OsInfo;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Guests;

// The feature folder WebVirt.Agent.GuestHardware would otherwise hide the contract's record.
using GuestHardware = WebVirt.Contracts.GuestHardware;

/// <summary>
/// The guest page's overview, notes and history: libvirt's definitions of the guest joined with
/// what the agent keeps in PostgreSQL. A database that cannot answer leaves its parts empty rather
/// than hiding what libvirt knows.
/// </summary>
internal sealed partial class GuestPageService(
    LibvirtSession session,
    InventoryService inventory,
    InventoryStore history,
    GuestNotesStore notes,
    ProvisioningStore provisioning,
    OsInfoDatabase osInfo,
    IOptions<AgentOptions> options,
    ILogger<GuestPageService> logger)
{
    public const int MaxHistory = 500;

    private string HostId => options.Value.ResolvedHostId;

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

        Guid id = Guid.Parse(key);
        var stateSince = await ReadSafelyAsync(() => StateSinceAsync(key, guest.State, ct), null);
        var notesUnknown = false;
        var note = await ReadSafelyAsync(() => notes.GetAsync(HostId, id, ct), null, () => notesUnknown = true);
        var creation = await ReadSafelyAsync(() => CreationAsync(key, ct), null);
        WebVirtMetadata? metadata = WebVirtMetadata.Read(persistentDocument);
        creation ??= metadata is null ? null : CreationInfoMapper.From(metadata);

        return new GuestDetails(
            guest,
            stateSince,
            creation?.OsVariant ?? metadata?.OsVariant ?? LibosinfoVariant(persistentDocument),
            now.Type,
            now.Firmware == "efi" ? "uefi" : "bios",
            now.MachineType,
            now.CpuMode,
            hardware,
            nextBoot,
            note is null ? GuestNotes.Empty : new GuestNotes(note.Description, [.. note.Tags], note.UpdatedBy, note.UpdatedAt),
            creation,
            definitions.Addresses,
            now.Graphics,
            now.HasSerial,
            notesUnknown);
    }

    public async Task<ActionResult> SetNotesAsync(string uuid, GuestNotes? given, string? user, CancellationToken ct)
    {
        if (UuidRules.Normalize(uuid) is not { } key || await GuestInfoAsync(key, ct) is null)
        {
            return Missing(uuid);
        }

        var validated = GuestNotesRules.Validate(given?.Description, given?.Tags);
        if (validated.Value is not { } valid)
        {
            return Refusals.Refused(validated.Problems);
        }

        string editor = string.IsNullOrWhiteSpace(user) ? "unknown" : user.Trim();
        GuestNote? saved = await notes.SaveAsync(HostId, Guid.Parse(key), valid.Description, valid.Tags, editor, ct);
        if (saved is null)
        {
            // The inventory writes the guest's record within seconds of first seeing it.
            return ActionResult.Fail(ErrorCodes.GuestNotRecorded, key);
        }

        Log.NotesSaved(logger, key, editor, valid.Tags.Count);
        return ActionResult.Success;
    }

    public async Task<IReadOnlyList<GuestHistoryEntry>> GetHistoryAsync(string uuid, int take, CancellationToken ct)
    {
        if (UuidRules.Normalize(uuid) is not { } key)
        {
            return [];
        }

        var changes = await history.GetHistoryAsync(HostId, key, Math.Clamp(take, 1, MaxHistory), ct);
        return [.. changes.Select(c => new GuestHistoryEntry(c.At, c.FromState, c.ToState, c.Event, c.Reason))];
    }

    public static ActionResult Missing(string? uuid) => ActionResult.Fail(ErrorCodes.GuestMissing, uuid ?? "");

    /// <summary>The inventory's row, or a fresh read for a guest defined since its last poll; null when libvirt has no such guest.</summary>
    public async Task<GuestInfo?> GuestInfoAsync(string key, CancellationToken ct) =>
        inventory.Guests.FirstOrDefault(g => g.Uuid == key) ?? await inventory.RefreshGuestAsync(key, ct);

    /// <summary>When the guest entered its current state: the oldest of the newest run of entries that end in it.</summary>
    private async Task<DateTimeOffset?> StateSinceAsync(string key, GuestState state, CancellationToken ct)
    {
        DateTimeOffset? since = null;
        foreach (GuestStateChange change in await history.GetHistoryAsync(HostId, key, 50, ct))
        {
            if (change.ToState != state)
            {
                break;
            }

            since = change.At;
            if (change.FromState is { } from && from != state)
            {
                break;
            }
        }

        return since;
    }

    private async Task<GuestCreationInfo?> CreationAsync(string key, CancellationToken ct)
    {
        var records = await provisioning.CreationRecordsAsync(HostId, key, ct);
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

    private async Task<T?> ReadSafelyAsync<T>(Func<Task<T?>> read, T? fallback, Action? failed = null)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DatabaseReadFailed(logger, ex.Message);
            failed?.Invoke();
            return fallback;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9302, Level = LogLevel.Information, Message = "Guest {Uuid}: notes saved by {User} ({Tags} tags)")]
        public static partial void NotesSaved(ILogger logger, string uuid, string user, int tags);

        [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "Guest page: could not read from the database: {Error}")]
        public static partial void DatabaseReadFailed(ILogger logger, string error);
    }
}
