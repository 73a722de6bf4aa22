using System.Globalization;
using WebVirt.Agent.Failures;
using WebVirt.Contracts;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Agent.Provisioning;

/// <summary>Turns the wizard's flat DTO into the domain's <see cref="GuestSpec"/>, and problems back into DTOs.</summary>
internal static class SpecMapper
{
    public static GuestSpec ToSpec(GuestSpecDto dto, bool useEmulation) =>
        new(
            dto.Name ?? "",
            dto.Source switch
            {
                GuestSourceKind.IsoVolume => new GuestSource.IsoVolume(dto.SourcePool ?? "", dto.SourcePath ?? ""),
                GuestSourceKind.NetworkInstall => new GuestSource.NetworkInstall(dto.InstallUrl ?? "", Empty(dto.KernelArgs)),
                GuestSourceKind.ImportDisk => new GuestSource.ImportDisk(dto.SourcePath ?? "", (ImageUse)(int)dto.ImportUse),
                GuestSourceKind.Pxe => new GuestSource.Pxe(),
                GuestSourceKind.CloudImage => new GuestSource.CloudImage(dto.SourcePool ?? "", dto.SourcePath ?? "", dto.CloudImageLinked, ToCloudInit(dto.CloudInit)),
                _ => null!,
            },
            dto.VCpus,
            dto.MemoryMiB,
            dto.Disk switch
            {
                GuestDiskKind.NewVolume => new GuestDisk.NewVolume(dto.DiskPool ?? "", dto.DiskSizeGiB, dto.DiskFormat == GuestDiskFormat.Raw ? DiskFormat.Raw : DiskFormat.Qcow2, dto.DiskThin),
                GuestDiskKind.ExistingVolume => new GuestDisk.ExistingVolume(dto.DiskPath ?? ""),
                GuestDiskKind.None => new GuestDisk.None(),
                _ => null!,
            },
            new GuestNic(
                dto.Network switch
                {
                    GuestNetworkKind.LibvirtNetwork => new GuestNetwork.LibvirtNetwork(dto.NetworkName ?? ""),
                    GuestNetworkKind.Bridge => new GuestNetwork.Bridge(dto.NetworkName ?? ""),
                    _ => new GuestNetwork.None(),
                },
                string.IsNullOrWhiteSpace(dto.NicModel) ? GuestNic.DefaultModel : dto.NicModel,
                Empty(dto.Mac)))
        {
            OsVariant = Empty(dto.OsVariant),
            DriversIso = Empty(dto.DriversIsoPath) is string drivers ? new DriversIso(dto.DriversIsoPool ?? "", drivers) : null,
            Firmware = dto.Firmware switch
            {
                GuestFirmware.Uefi => Firmware.Uefi,
                GuestFirmware.UefiSecureBoot => Firmware.UefiSecureBoot,
                GuestFirmware.Bios => Firmware.Bios,
                _ => (Firmware)(int)dto.Firmware,
            },
            Tpm = dto.Tpm,
            MachineType = dto.MachineType ?? "",
            CpuMode = CpuModeOf(dto.CpuMode),
            CustomCpuModel = Empty(dto.CustomCpuModel),
            Accelerator = useEmulation ? Accelerator.Emulation : Accelerator.Kvm,
            StartAfterCreate = dto.StartAfterCreate,
            Autostart = dto.Autostart,
            Description = Empty(dto.Description),
        };

    /// <summary>A problem for a value the DTO itself cannot carry (an unknown enum or CPU mode name).</summary>
    public static IReadOnlyList<ProblemDto> ShapeProblems(GuestSpecDto dto)
    {
        var problems = new List<ProblemDto>();
        if (!Enum.IsDefined(dto.Source))
        {
            problems.Add(Invalid("Source", ((int)dto.Source).ToString(CultureInfo.InvariantCulture)));
        }

        if (!Enum.IsDefined(dto.ImportUse))
        {
            problems.Add(Invalid("Source.ImportUse", ((int)dto.ImportUse).ToString(CultureInfo.InvariantCulture)));
        }

        if (!Enum.IsDefined(dto.Disk))
        {
            problems.Add(Invalid("Disk", ((int)dto.Disk).ToString(CultureInfo.InvariantCulture)));
        }

        if (!Enum.IsDefined(dto.Network))
        {
            problems.Add(Invalid("Nic", ((int)dto.Network).ToString(CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(dto.CpuMode) && CpuModeOf(dto.CpuMode) is null)
        {
            problems.Add(Invalid("CpuMode", Printable(dto.CpuMode)));
        }

        return problems;
    }

    /// <summary>The wizard's cloud-init settings; null when none were sent (refused by the validator).</summary>
    public static CloudInitSpec ToCloudInit(CloudInitDto? dto) =>
        dto is null
            ? null!
            : new CloudInitSpec(dto.UserName ?? "", dto.Password, dto.SshKeys ?? [], Empty(dto.HostName))
            {
                Network = dto.StaticNetwork ? new CloudNetworkSpec(true, dto.Address, dto.Gateway, dto.DnsServers ?? []) : CloudNetworkSpec.Dhcp,
                Packages = dto.Packages ?? [],
                UserData = string.IsNullOrWhiteSpace(dto.UserData) ? null : dto.UserData,
            };

    public static IReadOnlyList<string> CpuModeNames { get; } = [.. Enum.GetValues<CpuMode>().Select(Domain.Guests.CpuModeNames.Libvirt)];

    public static ProblemDto ToDto(ValidationProblem problem) => Refusals.ToDto(problem);

    public static IReadOnlyList<ProblemDto> ToDtos(IEnumerable<ValidationProblem> problems) => Refusals.ToDtos(problems);

    private static ProblemDto Invalid(string field, string value) =>
        ToDto(new ValidationProblem(field, ValidationKeys.OptionInvalid, ValidationMessages.Template(ValidationKeys.OptionInvalid, CultureInfo.InvariantCulture), [value, field]));

    private static CpuMode? CpuModeOf(string? name) =>
        string.IsNullOrEmpty(name) ? null : Enum.GetValues<CpuMode>().Cast<CpuMode?>().FirstOrDefault(m => Domain.Guests.CpuModeNames.Libvirt(m!.Value) == name);

    private static string Printable(string value) => value.Length <= 64 && value.All(c => !char.IsControl(c)) ? value : "?";

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
