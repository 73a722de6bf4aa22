namespace WebVirt.Agent.Session;

/// <summary>Thrown when a call needs libvirt while the agent is not connected to it.</summary>
public sealed class LibvirtUnavailableException(string? lastError)
    : Exception(lastError is null ? "The agent is not connected to libvirt." : $"The agent is not connected to libvirt: {lastError}");
