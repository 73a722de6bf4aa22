namespace WebVirt.Domain.Guests;

public static class CpuModeNames
{
    /// <summary>The value of libvirt's &lt;cpu mode=...&gt;.</summary>
    public static string Libvirt(CpuMode mode) => mode switch
    {
        CpuMode.HostPassthrough => "host-passthrough",
        CpuMode.HostModel => "host-model",
        CpuMode.Maximum => "maximum",
        CpuMode.Custom => "custom",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
