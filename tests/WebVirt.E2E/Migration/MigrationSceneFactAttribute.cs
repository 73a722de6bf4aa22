using WebVirt.Testing;

namespace WebVirt.E2E.Migration;

/// <summary>A fact on a <see cref="MigrationScene"/>: skipped, with the reason, where the extra libvirt hosts cannot run (rather than passing without a check).</summary>
public sealed class MigrationSceneFactAttribute : FactAttribute
{
    public MigrationSceneFactAttribute()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
