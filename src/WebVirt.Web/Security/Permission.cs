namespace WebVirt.Web.Security;

/// <summary>Things a user may be allowed to do; <see cref="Permissions"/> decides who may.</summary>
public enum Permission
{
    ViewInventory,
    GuestLifecycle,
    GuestAutostart,
    OpenConsole,
    SetHostEmulation,
    ViewAuditLog,
    ManageUsers,
    ManageStorage,
    ManageNetworks,
    CreateGuest,
    CloneGuest,
    DeleteGuest,
    ManageTemplates,
    EditGuest,
    ManageSnapshots,
    EditGuestXml,
    ManageHosts,
}
