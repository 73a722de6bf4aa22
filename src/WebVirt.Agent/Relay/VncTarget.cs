using System.Net;

namespace WebVirt.Agent.Relay;

/// <summary>Where a running guest's VNC server listens: a loopback TCP port or a unix socket.</summary>
public sealed record VncTarget(IPAddress Address, int Port, string? UnixSocket, string? Password);
