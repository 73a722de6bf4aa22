namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class KeepAliveAndCloseTests
{
    [Fact]
    public void Keepalive_is_refused_by_a_local_driver()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        LibvirtException error = Assert.Throws<LibvirtException>(() => connection.SetKeepAlive(5, 3));

        Assert.Equal(LibvirtErrorCodes.NoSupport, error.Code);
    }

    [Fact]
    public void Close_callback_can_be_registered_replaced_and_released()
    {
        var first = new Recorder<ConnectionCloseReason>();
        var second = new Recorder<ConnectionCloseReason>();
        LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        connection.RegisterCloseCallback(first.Add);
        connection.RegisterCloseCallback(second.Add);
        connection.Dispose();

        // The callback is for unexpected closes; closing on purpose must not report one.
        Assert.Empty(first.Snapshot());
        Assert.Empty(second.Snapshot());
    }
}
