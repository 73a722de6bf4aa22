using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The creation wizard. Every step is checked by the agent's own validation (a preview that builds
/// the XML and creates nothing) before the next one opens, so the wizard and the agent never
/// disagree about what is allowed; problems show at their fields in the user's language.
/// </summary>
public partial class CreateGuestPage
{
    private const int SummaryStep = 5;
    private const string DefaultCpuMode = "";
    private static readonly string[] NicModels = ["virtio", "e1000e", "e1000", "rtl8139"];

    private static readonly string[][] StepFields =
    [
        ["Source", "CloudInit"],
        ["OsVariant", "DriversIso"],
        ["Name", "VCpus", "MemoryMiB", "Disk"],
        ["Nic"],
        ["Firmware", "Tpm", "MachineType", "CpuMode", "CustomCpuModel", "Accelerator", "Description"],
    ];

    private readonly WizardModel _m = new();
    private MudStepper? _stepper;
    private int _activeIndex;
    private IReadOnlyList<HostView> _hosts = [];
    private string _hostId = "";
    private HostLimitsDto? _limits;
    private IReadOnlyList<StoragePoolDto> _pools = [];
    private PoolVolumesRead _sourceRead = PoolVolumesRead.None;
    private PoolVolumesRead _diskRead = PoolVolumesRead.None;
    private IReadOnlyList<NetworkDto> _networks = [];
    private OsVariantDto? _os;
    private IReadOnlyList<ProblemDto> _problems = [];
    private IReadOnlyList<ProblemDto> _warnings = [];
    private string? _xml;
    private string? _loadError;
    private string? _failure;
    private bool _busy;

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ProvisioningResource> Texts { get; set; } = default!;

    private IEnumerable<StorageVolumeDto> SourceVolumes => _m.Source == GuestSourceKind.IsoVolume
        ? _sourceRead.Volumes.Where(v => v.Format == "iso" || v.Name.EndsWith(".iso", StringComparison.OrdinalIgnoreCase))
        : _sourceRead.Volumes.Where(v => v.Format != "iso");

    private IEnumerable<StorageVolumeDto> DiskVolumes => _diskRead.Volumes.Where(v => v.Format != "iso");

    private string SourceText => _m.Source switch
    {
        GuestSourceKind.IsoVolume => $"{Texts["Source.Iso"]}: {_m.SourcePath}",
        GuestSourceKind.ImportDisk => ImportText,
        GuestSourceKind.NetworkInstall => $"{Texts["Source.Network"]}: {_m.InstallUrl}",
        GuestSourceKind.CloudImage => CloudSourceText,
        _ => Texts["Source.Pxe"],
    };

    private string DiskText => _m.Disk switch
    {
        GuestDiskKind.NewVolume => $"{Texts["Disk.New"]}: {_m.DiskPool}, {_m.DiskSizeGiB} GiB {_m.DiskFormat.ToString().ToLowerInvariant()}{(_m.DiskThin ? ", " + Texts["Disk.Thin"] : "")}",
        GuestDiskKind.ExistingVolume => $"{Texts["Disk.Existing"]}: {_m.DiskPath}",
        _ => Texts["Disk.None"],
    };

    private string NetworkText => _m.Network switch
    {
        GuestNetworkKind.LibvirtNetwork => $"{Texts["Net.Libvirt"]}: {_m.NetworkName}{MacText}",
        GuestNetworkKind.Bridge => $"{Texts["Net.Bridge"]}: {_m.NetworkName}{MacText}",
        _ => Texts["Net.None"],
    };

    private string MacText => string.IsNullOrWhiteSpace(_m.Mac) ? "" : $", {_m.Mac}";

    protected override async Task OnInitializedAsync()
    {
        await FollowTemplatesAsync();
        _hosts = [.. Agents.Hosts.Where(h => h.Link == AgentLinkState.Connected && _rights.AllowsHost(Permission.CreateGuest, h.HostId))];
        if (_hosts.Count == 0)
        {
            _loadError = Texts["NoHost"];
            return;
        }

        await SelectHostAsync(_hosts[0].HostId);
    }

    private async Task SelectHostAsync(string hostId)
    {
        _hostId = hostId;
        _templates = CurrentTemplates();
        _loadError = null;
        try
        {
            _limits = await Provisioning.GetHostLimitsAsync(hostId);
            _pools = await Provisioning.ListPoolsAsync(hostId);
            _networks = await Provisioning.ListNetworksAsync(hostId);
            _m.MachineType = _limits.MachineTypes.FirstOrDefault() ?? "q35";
            _m.DiskPool = _pools.FirstOrDefault(p => p.Active && p.Name == "default")?.Name ?? _pools.FirstOrDefault(p => p.Active)?.Name;
            _m.NetworkName = _networks.FirstOrDefault(n => n.Name == "default")?.Name ?? _networks.FirstOrDefault()?.Name;
            if (_m.NetworkName is null)
            {
                _m.Network = GuestNetworkKind.None;
            }

            await SourcePoolChangedAsync(_pools.FirstOrDefault(p => p.Active)?.Name);
        }
        catch (Exception ex) when (ex is AgentCallException or OperationCanceledException)
        {
            _loadError = ex.Message;
            _limits = null;
        }
    }

    private async Task SourceChangedAsync(GuestSourceKind kind)
    {
        _m.Source = kind;
        _m.SourcePath = null;
        if (kind == GuestSourceKind.ImportDisk)
        {
            // The imported image is the disk (or a copy of it on a new volume).
            _m.Disk = _m.ImportUse == GuestImageUse.AsIs ? GuestDiskKind.None : GuestDiskKind.NewVolume;
        }
        else if (kind == GuestSourceKind.CloudImage)
        {
            // The cloud image becomes a new volume, grown to the disk size.
            _m.Disk = GuestDiskKind.NewVolume;
        }

        await SourcePoolChangedAsync(_m.SourcePool);
    }

    private async Task SourcePoolChangedAsync(string? pool)
    {
        _m.SourcePool = pool;
        _sourceRead = await PoolVolumesRead.ReadAsync(ListVolumesAsync, pool);
        if (_m.SourcePath is null || !SourceVolumes.Any(v => v.Path == _m.SourcePath))
        {
            _m.SourcePath = SourceVolumes.FirstOrDefault()?.Path;
        }
    }

    private async Task DiskPoolChangedAsync(string? pool)
    {
        _m.DiskPool = pool;
        _diskRead = await PoolVolumesRead.ReadAsync(ListVolumesAsync, pool);
        _m.DiskPath = DiskVolumes.FirstOrDefault()?.Path;
    }

    private Task<IReadOnlyList<StorageVolumeDto>> ListVolumesAsync(string pool) => Provisioning.ListVolumesAsync(_hostId, pool);

    private void NetworkKindChanged(GuestNetworkKind kind)
    {
        _m.Network = kind;
        _m.NetworkName = kind switch
        {
            GuestNetworkKind.LibvirtNetwork => _networks.FirstOrDefault(n => n.Name == "default")?.Name ?? _networks.FirstOrDefault()?.Name,
            GuestNetworkKind.Bridge => _limits?.Bridges.FirstOrDefault(),
            _ => null,
        };
    }

    private async Task<IEnumerable<OsVariantDto>> SearchOsAsync(string? text, CancellationToken cancellationToken) =>
        await Provisioning.SearchOsVariantsAsync(_hostId, text, 30, cancellationToken);

    private void OsChanged(OsVariantDto? os)
    {
        Edited("OsVariant");
        _os = os;
        _m.OsVariant = os?.ShortId;
        if (os is not null)
        {
            // osinfo's recommendation, kept within what the host has.
            _m.VCpus = Math.Clamp(os.RecommendedVCpus ?? os.MinimumVCpus ?? _m.VCpus, 1, Math.Max(1, _limits?.HostCpus ?? 1));
            _m.MemoryMiB = Math.Min(os.RecommendedMemoryMiB ?? os.MinimumMemoryMiB ?? _m.MemoryMiB, _limits?.HostMemoryMiB ?? long.MaxValue);
            _m.DiskSizeGiB = os.RecommendedDiskGiB ?? os.MinimumDiskGiB ?? _m.DiskSizeGiB;
            ApplyFirmwareDefaults(os);
        }
    }

    private async Task OnStepChangeAsync(StepperInteractionEventArgs args)
    {
        if (args.Action == StepAction.Reset || _stepper is null)
        {
            return;
        }

        int from = _activeIndex;
        bool forward = args.Action is StepAction.Complete or StepAction.Skip || (args.Action == StepAction.Activate && args.StepIndex > from);
        if (!forward)
        {
            await BackToNetworkStepAsync(args);
            return;
        }

        // Completing step i requires steps 0..i to be clean; a jump ahead requires every step before the target.
        int lastChecked = args.Action == StepAction.Activate ? args.StepIndex - 1 : from;
        if (!await ValidateAsync(Math.Min(lastChecked, SummaryStep - 1)))
        {
            args.Cancel = true;
        }
    }

    /// <summary>Asks the agent to validate the whole spec; true when steps 0..<paramref name="lastStep"/> have no problem.</summary>
    private async Task<bool> ValidateAsync(int lastStep)
    {
        _busy = true;
        _failure = null;
        try
        {
            GuestPreview preview = await Provisioning.PreviewAsync(_hostId, Spec());
            _warnings = preview.Warnings;
            _xml = preview.Xml;
            _guestNic = preview.NicModel;
            var relevant = preview.Problems.Where(p => StepOf(p.Field) <= lastStep).ToList();
            _problems = relevant;
            if (preview.ErrorCode is not null && preview.Problems.Count == 0 && lastStep >= SummaryStep - 1)
            {
                _failure = AgentTexts.Describe(preview.Error);
                return false;
            }

            return relevant.Count == 0;
        }
        catch (Exception ex) when (ex is AgentCallException or OperationCanceledException)
        {
            _failure = ex.Message;
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _failure = null;
        try
        {
            ProvisioningResult result = await Provisioning.CreateAsync(_hostId, Spec());
            if (result.Ok)
            {
                Snackbar.Add(string.Format(CultureInfo.CurrentCulture, Texts["Started"], _m.Name), Severity.Info);
                _problems = [];

                // The dashboard shows the new row and the task's progress.
                Navigation.NavigateTo("/");
                return;
            }

            _problems = result.Problems;
            _failure = result.Problems.Count > 0
                ? string.Join(" ", result.Problems.Select(p => ProblemText.Format(p, CultureInfo.CurrentUICulture)))
                : string.Format(CultureInfo.CurrentCulture, Texts["Failed"], AgentTexts.Describe(result));
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The wizard's editable state.</summary>
    private sealed class WizardModel
    {
        public GuestSourceKind Source { get; set; } = GuestSourceKind.IsoVolume;

        public string? SourcePool { get; set; }

        public string? SourcePath { get; set; }

        public GuestImageUse ImportUse { get; set; } = GuestImageUse.AsIs;

        public string? InstallUrl { get; set; }

        public string? KernelArgs { get; set; }

        public string? OsVariant { get; set; }

        public string Name { get; set; } = "";

        public int VCpus { get; set; } = 1;

        public long MemoryMiB { get; set; } = 1024;

        public GuestDiskKind Disk { get; set; } = GuestDiskKind.NewVolume;

        public string? DiskPool { get; set; }

        public long DiskSizeGiB { get; set; } = 10;

        public GuestDiskFormat DiskFormat { get; set; } = GuestDiskFormat.Qcow2;

        public bool DiskThin { get; set; } = true;

        public string? DiskPath { get; set; }

        public GuestNetworkKind Network { get; set; } = GuestNetworkKind.LibvirtNetwork;

        public string? NetworkName { get; set; }

        public string? Mac { get; set; }

        public string NicModel { get; set; } = "virtio";

        public GuestFirmware Firmware { get; set; } = GuestFirmware.Bios;

        public bool Tpm { get; set; }

        public string MachineType { get; set; } = "q35";

        public string CpuMode { get; set; } = DefaultCpuMode;

        public string? CustomCpuModel { get; set; }

        public bool StartAfterCreate { get; set; } = true;

        public bool Autostart { get; set; }

        public string? Description { get; set; }

        public CloudInitForm Cloud { get; } = new();

        public GuestSpecDto ToDto() => new()
        {
            Name = Name.Trim(),
            Source = Source,
            SourcePool = Source is GuestSourceKind.IsoVolume or GuestSourceKind.CloudImage ? SourcePool : null,
            SourcePath = Source is GuestSourceKind.IsoVolume or GuestSourceKind.ImportDisk or GuestSourceKind.CloudImage ? SourcePath : null,
            ImportUse = Source == GuestSourceKind.ImportDisk ? ImportUse : GuestImageUse.AsIs,
            CloudImageLinked = Source == GuestSourceKind.CloudImage && Cloud.Linked,
            CloudInit = Source == GuestSourceKind.CloudImage ? Cloud.ToDto() : null,
            InstallUrl = Source == GuestSourceKind.NetworkInstall ? InstallUrl : null,
            KernelArgs = Source == GuestSourceKind.NetworkInstall ? KernelArgs : null,
            OsVariant = OsVariant,
            VCpus = VCpus,
            MemoryMiB = MemoryMiB,
            Disk = Disk,
            DiskPool = Disk == GuestDiskKind.NewVolume ? DiskPool : null,
            DiskSizeGiB = DiskSizeGiB,
            DiskFormat = DiskFormat,
            DiskThin = DiskThin,
            DiskPath = Disk == GuestDiskKind.ExistingVolume ? DiskPath : null,
            Network = Network,
            NetworkName = Network == GuestNetworkKind.None ? null : NetworkName,
            Mac = Network == GuestNetworkKind.None ? null : Mac,
            NicModel = NicModel,
            Firmware = Firmware,
            Tpm = Tpm,
            MachineType = MachineType,
            CpuMode = string.IsNullOrEmpty(CpuMode) ? null : CpuMode,
            CustomCpuModel = CpuMode == "custom" ? CustomCpuModel : null,
            StartAfterCreate = StartAfterCreate,
            Autostart = Autostart,
            Description = Description,
        };
    }
}
