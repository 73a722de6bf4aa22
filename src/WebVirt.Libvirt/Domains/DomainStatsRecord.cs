namespace WebVirt.Libvirt.Domains;

// Params values are int, uint, long, ulong, double, bool or string, as libvirt typed them.
public sealed record DomainStatsRecord(string Name, string Uuid, IReadOnlyDictionary<string, object> Params);
