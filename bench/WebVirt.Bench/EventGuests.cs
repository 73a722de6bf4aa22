using System.Xml.Linq;
using WebVirt.Libvirt;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// Real TCG guests from the project's test guest (direct kernel boot), which virsh can start, suspend,
/// resume and destroy; destroyed, undefined and their files deleted again whatever happens.
/// </summary>
internal sealed class EventGuests : IAsyncDisposable
{
    private readonly string _uri;
    private readonly string _runDirectory;
    private readonly List<string> _names = [];

    private EventGuests(string uri, string runDirectory)
    {
        _uri = uri;
        _runDirectory = runDirectory;
    }

    public IReadOnlyList<string> Names => _names;

    /// <summary>Defines <paramref name="count"/> guests; names sort before the idle bench guests, so their rows are on screen first.</summary>
    public static async Task<EventGuests> DefineAsync(string uri, int count)
    {
        var guests = new EventGuests(uri, TestGuestImages.CreateRunDirectory());
        try
        {
            await TestGuestImages.CopyIntoAsync(guests._runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
            using var connection = LibvirtConnection.Open(uri);
            for (var i = 0; i < count; i++)
            {
                var name = TestRun.GuestName($"0ev-{TestRun.Id}-{i:D2}");
                var xml = XDocument.Parse(TestGuestDomainXml.DirectKernelBoot(name, guests._runDirectory));
                // Less than the tests' 256 MiB: many of these run at once, and nothing here needs the guest booted far.
                xml.Root!.Element("memory")!.Value = "96";
                using var domain = connection.DefineDomainXml(xml.ToString());
                guests._names.Add(name);
            }

            return guests;
        }
        catch
        {
            await guests.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        using (var connection = LibvirtConnection.Open(_uri))
        {
            foreach (var name in _names)
            {
                try
                {
                    using var domain = connection.LookupDomainByName(name);
                    if (domain.IsActive())
                    {
                        domain.Destroy();
                    }

                    domain.Undefine();
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                }
            }
        }

        _names.Clear();
        Directory.Delete(_runDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
