namespace WebVirt.E2E.Infrastructure;

/// <summary>
/// The tests that start a stack of their own (extra libvirt hosts, agents they kill, a PostgreSQL they
/// stop): one at a time, beside the tests of the shared stack (<see cref="E2ECollection"/>). Two lanes
/// of browser tests keep both cores busy where one left a third of them idle, and never two
/// migration scenes with their guests at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class OwnStackCollection
{
    public const string Name = "own-stack";
}
