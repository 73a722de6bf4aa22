using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// The migration benchmark's guests on the shared folder every libvirt host sees: the TCG test guest
/// (direct kernel boot, 256 MiB) with a qcow2 disk of its own there (cache='none', as a migration
/// with a shared disk wants it) and a serial log that any host's virtlogd appends to.
/// </summary>
internal static class MigrationGuests
{
    /// <summary>Defines the guest on <paramref name="connection"/> (persistent, as the product's guests are); its UUID.</summary>
    public static string Define(LibvirtConnection connection, string name, string sharedDirectory)
    {
        var disk = Path.Combine(sharedDirectory, name + ".qcow2");
        File.Copy(Path.Combine(sharedDirectory, TestGuestImages.Disk), disk, overwrite: true);
        File.SetUnixFileMode(disk, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, sharedDirectory));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        // On a starved TCG vCPU the kernel's IO-APIC timer check can fail and panic the boot.
        var cmdline = domain.Element("os")!.Element("cmdline")!;
        cmdline.Value += " no_timer_check";
        domain.Element("devices")!.AddFirst(XElement.Parse(
            $"<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>"));
        using var defined = connection.DefineDomainXml(domain.ToString());
        return defined.Uuid;
    }

    /// <summary>Starts the defined guest and waits until it has booted to its shell.</summary>
    public static async Task BootAsync(LibvirtConnection connection, string name, string sharedDirectory)
    {
        using (var domain = connection.LookupDomainByName(name))
        {
            domain.Create();
        }

        await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(name, sharedDirectory), "webvirt-testguest:", TimeSpan.FromSeconds(180));
    }
}
