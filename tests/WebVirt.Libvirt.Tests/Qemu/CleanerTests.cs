using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class CleanerTests(QemuFixture fixture)
{
    [Fact]
    public void Cleaner_destroys_and_undefines_this_runs_guests_only()
    {
        string running = TestRun.GuestName("clean-running");
        string defined = TestRun.GuestName("clean-defined");
        using (LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri))
        {
            using LibvirtDomain first = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(running, fixture.RunDirectory));
            using LibvirtDomain second = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(defined, fixture.RunDirectory));
            first.Create();
        }

        IReadOnlyList<string> removed = TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: TestRun.GuestName("clean-"));

        Assert.Equal([defined, running], removed.Order(StringComparer.Ordinal));
        using LibvirtConnection check = LibvirtConnection.Open(QemuFixture.Uri);
        Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => check.LookupDomainByName(running)).Code);
        Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => check.LookupDomainByName(defined)).Code);
    }

    [Fact]
    public void Cleaner_refuses_prefixes_outside_the_test_namespace()
    {
        Assert.Throws<ArgumentException>(() => TestGuestCleaner.RemoveRunGuests(QemuFixture.Uri, prefix: ""));
    }
}
