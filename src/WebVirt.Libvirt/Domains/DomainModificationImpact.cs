namespace WebVirt.Libvirt.Domains;

/// <summary>
/// virDomainModificationImpact: Current edits the live guest when it runs and the persistent
/// config otherwise; Live and Config can be combined.
/// </summary>
[Flags]
public enum DomainModificationImpact : uint
{
    Current = 0,
    Live = 1,
    Config = 2,
}
