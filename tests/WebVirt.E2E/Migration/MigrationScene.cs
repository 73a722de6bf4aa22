using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>What the migration E2E tests share: a shared folder with the test guest's files, booting a TCG guest on a host, enrolling a host's agent from the hosts page.</summary>
internal static class MigrationScene
{
    /// <summary>A folder under <see cref="LibvirtHosts.SharedDirectory"/> (every host sees it) with the test guest's kernel, initrd and disk.</summary>
    public static async Task<string> SharedFolderAsync(string prefix)
    {
        var shared = Path.Combine(LibvirtHosts.SharedDirectory, prefix + "run");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(shared, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd, TestGuestImages.Disk);
        return shared;
    }

    public static void RemoveSharedFolder(string shared)
    {
        if (Directory.Exists(shared))
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>A directory pool over <paramref name="path"/>.</summary>
    public static string PoolXml(string name, string path) =>
        $"<pool type='dir'><name>{name}</name><target><path>{path}</path></target></pool>";

    /// <summary>Defines and starts the direct-kernel-boot test guest on <paramref name="uri"/> with <paramref name="disk"/> (on shared storage, cache='none'), and waits for its shell.</summary>
    public static async Task<string> BootAsync(string uri, string name, string shared, string disk)
    {
        var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, shared));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        domain.Element("devices")!.AddFirst(XElement.Parse(
            $"<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>"));
        using var connection = LibvirtConnection.Open(uri);
        using var defined = connection.DefineDomainXml(domain.ToString());
        defined.Create();
        await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(name, shared), "webvirt-testguest:", TimeSpan.FromSeconds(120));
        return defined.Uuid;
    }

    /// <summary>Adds <paramref name="agent"/>'s host on the hosts page, as an administrator would, with a fresh enrolment code.</summary>
    public static async Task EnrolAsync(IPage page, EnrollableAgent agent)
    {
        await page.GotoAsync("/hosts");
        var (code, _) = await agent.IssueCodeAsync();
        await page.GetByTestId("add-host").ClickAsync();
        await PageSteps.Field(page, "add-host-address", "input").FillAsync(agent.Address);
        await PageSteps.Field(page, "add-host-code", "input").FillAsync(code);
        await page.GetByTestId("add-host-confirm").ClickAsync();
        await Expect(page.GetByTestId("add-host-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }
}
