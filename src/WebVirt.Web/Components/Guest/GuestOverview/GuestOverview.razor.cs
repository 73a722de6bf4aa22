using System.Globalization;
using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>What a guest is and how it runs, its notes, and where it can be reached.</summary>
public partial class GuestOverview
{
    private static readonly HashSet<string> KnownSources = new(StringComparer.Ordinal) { "lease", "agent", "arp" };
    private static readonly HashSet<string> KnownCreationKinds = new(StringComparer.Ordinal) { "iso", "url", "import", "pxe", "clone" };

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    /// <summary>Raised after the notes were saved, so the page reads the guest again.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    /// <summary>A moment in the server's zone, as the rest of the console shows times.</summary>
    private string FirmwareText() => Details.Firmware.ToLowerInvariant() switch
    {
        "uefi" or "efi" => G["Overview.Firmware.Uefi"],
        "bios" => G["Overview.Firmware.Bios"],
        var other => other,
    };

    private string DomainTypeText() => Details.DomainType.ToLowerInvariant() switch
    {
        "kvm" => G["Overview.DomainType.Kvm"],
        "qemu" => G["Overview.DomainType.Qemu"],
        var other => other,
    };

    private string CpuText(GuestHardware hardware)
    {
        var count = G["Overview.VCpuCount", hardware.VCpus, hardware.MaxVCpus].Value;
        return hardware is { Sockets: { } sockets, Cores: { } cores, Threads: { } threads }
            ? count + " · " + G["Overview.Topology", sockets, cores, threads]
            : count;
    }

    private string MemoryText(GuestHardware hardware) =>
        G["Overview.MemoryAmount", Sizes.FromKiB(hardware.MemoryMiB * 1024, CultureInfo.CurrentCulture), Sizes.FromKiB(hardware.MaxMemoryMiB * 1024, CultureInfo.CurrentCulture)];

    private string ConsoleText()
    {
        var parts = Details.Graphics.Select(graphics => graphics.ToUpperInvariant()).ToList();
        if (Details.HasSerial)
        {
            parts.Add(G["Overview.Serial"]);
        }

        return parts.Count == 0 ? G["Overview.NoConsole"] : string.Join(", ", parts);
    }

    private string CreationText()
    {
        if (Details.Creation is not { } creation)
        {
            return G["Overview.NotCreatedHere"];
        }

        var kind = KnownCreationKinds.Contains(creation.SourceKind) ? G["Overview.CreatedFrom." + creation.SourceKind].Value : creation.SourceKind;
        var source = creation.Source is { Length: > 0 } text ? kind + " " + text : kind;
        return G["Overview.CreatedBy", source, creation.CreatedBy, Moments.Local(creation.CreatedAt)];
    }

    private string SourceText(string source) =>
        KnownSources.Contains(source) ? G["Overview.AddressSource." + source] : source;
}
