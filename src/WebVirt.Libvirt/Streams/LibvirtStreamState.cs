namespace WebVirt.Libvirt.Streams;

public enum LibvirtStreamState
{
    Open,

    // virStreamFinish succeeded: both sides agreed the transfer is complete.
    Finished,

    // virStreamAbort was called (cancellation, a failure, or disposal of an open stream).
    Aborted,
}
