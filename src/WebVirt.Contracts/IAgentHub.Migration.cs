namespace WebVirt.Contracts;

/// <summary>Moving guests between hosts: the destination is granted one migration, the source runs it as a task.</summary>
public partial interface IAgentHub
{
    /// <summary>As destination: accept the streams of one migration that present this grant.</summary>
    Task<IncomingMigrationAnswer> AllowIncomingMigration(IncomingMigrationGrant grant);

    /// <summary>As source: check the destination, then migrate as a task (cancellable with RequestTaskCancel).</summary>
    Task<ProvisioningResult> MigrateGuest(MigrationRequest request);
}
