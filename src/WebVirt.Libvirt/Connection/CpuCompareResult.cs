namespace WebVirt.Libvirt.Connection;

// Values of virCPUCompareResult (its error value -1 is a LibvirtException).
public enum CpuCompareResult
{
    /// <summary>The host cannot provide this CPU.</summary>
    Incompatible = 0,

    Identical = 1,

    /// <summary>The host provides this CPU and more: a guest with it can run there.</summary>
    Superset = 2,
}
