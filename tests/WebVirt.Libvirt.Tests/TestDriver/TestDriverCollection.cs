namespace WebVirt.Libvirt.Tests.TestDriver;

// test:///default is one shared in-process state while any connection to it is open, so the
// classes that change it must not run in parallel with each other.
[CollectionDefinition(Name)]
public sealed class TestDriverCollection
{
    public const string Name = "libvirt test driver";
    public const string Uri = "test:///default";

    // The domain every fresh test:///default state starts with.
    public const string DefaultDomain = "test";
}
