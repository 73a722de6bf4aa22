namespace WebVirt.Libvirt.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData(DomainState.Shutoff, 1, "shutdown")]
    [InlineData(DomainState.Shutoff, 2, "destroyed")]
    [InlineData(DomainState.Shutoff, 8, "daemon")]
    [InlineData(DomainState.Running, 1, "booted")]
    [InlineData(DomainState.Running, 5, "unpaused")]
    [InlineData(DomainState.Paused, 1, "user")]
    [InlineData(DomainState.Paused, 5, "ioerror")]
    [InlineData(DomainState.Crashed, 1, "panicked")]
    [InlineData(DomainState.Running, 99, "unknown")]
    [InlineData((DomainState)42, 0, "unknown")]
    public void ReasonName_names_libvirt_state_reasons(DomainState state, int reason, string expected)
    {
        Assert.Equal(expected, LibvirtDomain.ReasonName(state, reason));
    }

    [Theory]
    [InlineData(DomainLifecycleEventType.Defined, 0, "defined", "added")]
    [InlineData(DomainLifecycleEventType.Undefined, 0, "undefined", "removed")]
    [InlineData(DomainLifecycleEventType.Started, 0, "started", "booted")]
    [InlineData(DomainLifecycleEventType.Suspended, 0, "suspended", "paused")]
    [InlineData(DomainLifecycleEventType.Resumed, 0, "resumed", "unpaused")]
    [InlineData(DomainLifecycleEventType.Stopped, 0, "stopped", "shutdown")]
    [InlineData(DomainLifecycleEventType.Stopped, 1, "stopped", "destroyed")]
    [InlineData(DomainLifecycleEventType.Shutdown, 0, "shutdown", "finished")]
    [InlineData(DomainLifecycleEventType.Shutdown, 1, "shutdown", "guest")]
    [InlineData(DomainLifecycleEventType.PmSuspended, 1, "pmsuspended", "disk")]
    [InlineData(DomainLifecycleEventType.Crashed, 0, "crashed", "panicked")]
    [InlineData(DomainLifecycleEventType.Started, 77, "started", "unknown")]
    public void Lifecycle_events_have_libvirt_names(DomainLifecycleEventType type, int detail, string eventName, string detailName)
    {
        var lifecycleEvent = new DomainLifecycleEvent("vm", "00000000-0000-0000-0000-000000000000", type, detail);

        Assert.Equal(eventName, lifecycleEvent.EventName);
        Assert.Equal(detailName, lifecycleEvent.DetailName);
    }
}
