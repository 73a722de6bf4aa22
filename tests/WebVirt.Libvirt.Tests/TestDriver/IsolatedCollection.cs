namespace WebVirt.Libvirt.Tests.TestDriver;

// Counts process-wide resources (fds, live handles, heap), so nothing else may run meanwhile.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "isolated resource counting";
}
