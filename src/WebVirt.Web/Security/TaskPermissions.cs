namespace WebVirt.Web.Security;

/// <summary>
/// The right that starts a task of a kind, as the gateway checks it when the task is started: stopping
/// a task takes the same right, in the tasks panel and the REST API alike.
/// </summary>
public static class TaskPermissions
{
    /// <summary>An unknown kind needs the widest of the rights that start tasks.</summary>
    public static Permission ToStart(string kind) => kind switch
    {
        "create" => Permission.CreateGuest,
        "clone" => Permission.CloneGuest,
        "delete" => Permission.DeleteGuest,
        "migrate" => Permission.ManageHosts,
        _ => Permission.ManageStorage,
    };
}
