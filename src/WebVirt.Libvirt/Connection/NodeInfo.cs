namespace WebVirt.Libvirt.Connection;

public sealed record NodeInfo(string Model, long MemoryKiB, int Cpus, int MhZ, int Nodes, int Sockets, int Cores, int Threads);
