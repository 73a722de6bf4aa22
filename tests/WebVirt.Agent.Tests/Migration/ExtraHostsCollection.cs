using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// The migration scenes, one after another, beside the other test classes: each fixture starts extra
/// libvirt hosts of its own names (m; f and g) whose QEMUs take migrations on the same loopback
/// addresses, and both use the system libvirtd as a source, so no two migrations may overlap.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExtraHostsCollection : ICollectionFixture<AgentMigrationFixture>, ICollectionFixture<MigrationFaultsFixture>
{
    public const string Name = "extra libvirt hosts";
}

/// <summary>A fact that needs the extra libvirt hosts: skipped, with the reason, where they cannot run.</summary>
public sealed class ExtraHostsFactAttribute : FactAttribute
{
    public ExtraHostsFactAttribute()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
