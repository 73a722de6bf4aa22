namespace WebVirt.Libvirt.Domains;

// Values of virDomainMetadataType.
public enum DomainMetadataType
{
    Description = 0,
    Title = 1,
    Element = 2,
}
