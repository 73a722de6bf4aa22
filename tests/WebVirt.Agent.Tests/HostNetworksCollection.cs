namespace WebVirt.Agent.Tests;

/// <summary>
/// Classes that create libvirt networks on subnets they find free on the host: two at once could
/// pick the same one, so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostNetworksCollection
{
    public const string Name = "host networks";
}
