namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainConsoleFlags: Force takes the console from another session, Safe refuses
/// consoles that cannot detect a concurrent session.</summary>
[Flags]
public enum ConsoleFlags : uint
{
    None = 0,
    Force = 1,
    Safe = 2,
}
