using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Support;

public static class Build
{
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 27, 4, 0, 0, TimeSpan.Zero);

    public static GuestBuildContext Context => new("alice", CreatedAt);

    public static DirectKernelBoot Kernel(FakePool pool) => new(pool.PathOf("vmlinuz"), pool.PathOf("initrd.gz"), "method");

    public static ValidatedGuest Validated(GuestSpec spec, HostLimits host)
    {
        GuestValidationResult result = GuestSpecValidator.Validate(spec, host);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        return result.Guest!;
    }

    /// <summary>The XML for any source kind: network installs get the downloaded-kernel boot.</summary>
    public static XDocument Xml(GuestSpec spec, FakePool pool, HostLimits? host = null)
    {
        ValidatedGuest guest = Validated(spec, host ?? Hosts.For(pool));
        return spec.Source is GuestSource.NetworkInstall
            ? DomainXmlBuilder.Build(guest, Context, Kernel(pool))
            : DomainXmlBuilder.Build(guest, Context);
    }
}
