namespace WebVirt.Libvirt.Connection;

// Values of virConnectCloseReason.
public enum ConnectionCloseReason
{
    Error = 0,
    Eof = 1,
    Keepalive = 2,
    Client = 3,
}
