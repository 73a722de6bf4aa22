namespace WebVirt.Domain.Tests.Libvirt;

// The define tests share the run prefix and its cleanup, so they run one class at a time.
[CollectionDefinition(Name)]
public sealed class LibvirtCollection
{
    public const string Name = "libvirt define";
}
