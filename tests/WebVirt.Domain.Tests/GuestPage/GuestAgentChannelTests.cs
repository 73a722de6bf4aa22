using WebVirt.Domain.GuestPage;

namespace WebVirt.Domain.Tests.GuestPage;

public sealed class GuestAgentChannelTests
{
    private const string Serial = "<serial type='pty'><target port='0'/></serial>";

    [Theory]
    [InlineData("<channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel>", GuestAgentChannelState.Connected)]
    [InlineData("<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/></channel>", GuestAgentChannelState.Disconnected)]
    [InlineData("<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>", GuestAgentChannelState.Disconnected)]
    [InlineData("<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0' state='connected'/></channel>", GuestAgentChannelState.Absent)]
    [InlineData("", GuestAgentChannelState.Absent)]
    public void The_agent_channel_and_its_live_state_are_read_from_the_devices(string channel, GuestAgentChannelState expected)
    {
        string xml = $"<domain type='qemu'><name>g</name><devices>{Serial}{channel}</devices></domain>";

        Assert.Equal(expected, GuestAgentChannel.Read(xml));
    }

    [Fact]
    public void A_spice_channel_before_the_agent_channel_does_not_hide_it()
    {
        string xml = "<domain><devices>"
            + "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0' state='disconnected'/></channel>"
            + "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0' state='connected'/></channel>"
            + "</devices></domain>";

        Assert.Equal(GuestAgentChannelState.Connected, GuestAgentChannel.Read(xml));
    }
}
