namespace WebVirt.Agent.Tests;

/// <summary>
/// Runs alone, after every class that runs in parallel: its test restarts the host's libvirtd, which
/// every other class on qemu:///system would see as a lost connection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibvirtdRestartCollection
{
    public const string Name = "libvirtd restart";
}

/// <summary>
/// Classes that create libvirt networks on subnets they find free on the host: two at once could
/// pick the same one, so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HostNetworksCollection
{
    public const string Name = "host networks";
}
