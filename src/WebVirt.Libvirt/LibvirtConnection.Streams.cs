namespace WebVirt.Libvirt;

public sealed partial class LibvirtConnection
{
    internal LibvirtStream CreateStream(bool nonBlocking) => LibvirtStream.Create(_handle, nonBlocking);
}
