using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Migration;

/// <summary>A fact that needs the extra libvirt hosts: skipped, with the reason, where they cannot run.</summary>
public sealed class MigrationFactAttribute : FactAttribute
{
    public MigrationFactAttribute()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
