namespace WebVirt.Libvirt;

// Values of libvirt's virErrorNumber.
public static class LibvirtErrorCodes
{
    public const int InternalError = 1;
    public const int NoSupport = 3;
    public const int NoConnect = 5;
    public const int InvalidConnection = 6;
    public const int InvalidDomain = 7;
    public const int InvalidArg = 8;
    public const int OperationFailed = 9;
    public const int XmlError = 27;
    public const int XmlDetail = 35;
    public const int DomainExists = 28;
    public const int OperationDenied = 29;
    public const int SystemError = 38;
    public const int RpcError = 39;
    public const int NoDomain = 42;
    public const int AuthFailed = 45;
    public const int OperationInvalid = 55;
    public const int ConfigUnsupported = 67;
    public const int OperationTimeout = 68;
    public const int ArgumentUnsupported = 74;
    public const int OperationUnsupported = 84;
    public const int AgentUnresponsive = 86;
    public const int ResourceBusy = 87;
    public const int AccessDenied = 88;
    public const int NoNetwork = 43;
    public const int NoStoragePool = 49;
    public const int NoStorageVolume = 50;
    public const int NoInterface = 57;
    public const int NoDomainSnapshot = 72;
    public const int OperationAborted = 78;
    public const int NoDomainMetadata = 80;
    public const int MigrateUnsafe = 81;
    public const int CpuIncompatible = 91;
    public const int XmlInvalidSchema = 92;
}
